"""Plans in a real database: SQLite in a file by default, any SQLAlchemy URL (PostgreSQL) when set.

Every change runs in one transaction that first locks the plan: ``BEGIN IMMEDIATE`` on SQLite,
``SELECT … FOR UPDATE`` elsewhere. Two processes changing the same plan therefore take turns, each
reading what the other wrote, and no update is lost. Every read sees one moment (a snapshot). Each
change writes audit rows (who, when, which field, old → new) in the same transaction. A caller holding
a measure's ``version`` can also ask for optimistic concurrency: the change is refused when someone
changed the measure since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from engine.errors import UserError
from engine.model import Measure, Saving, Severity, Target
from engine.plans.database_url import DB_URL_ENV, default_url
from engine.plans.migrate import upgrade
from engine.plans.model import (
    APPLIED,
    AuditEntry,
    MeasureDraft,
    MeasureStatus,
    Plan,
    PlanDocument,
    PlanMeasure,
    PlanSummary,
    utc_now,
)
from engine.plans.tables import plan_audit, plan_measures, plans

# Seconds a SQLite writer waits for another process's transaction before giving up.
SQLITE_BUSY_TIMEOUT = 60


class ConflictError(UserError):
    """A measure changed since the caller read it (optimistic concurrency)."""


@dataclass(frozen=True)
class MeasureChange:
    """A change to one measure; ``None`` leaves a field as it is."""

    measure_id: int
    status: MeasureStatus | None = None
    comment: str | None = None
    expected_version: int | None = None  # refuse the change if the measure is no longer at this version
    only_if_status: MeasureStatus | None = None  # skip the measure if it no longer has this status


class PlanRepository:
    """Plans, measures and audit trail in the database at ``url`` (migrated to the latest schema on open)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = _create_engine(self.url)
        try:
            with self.engine.begin() as connection:
                upgrade(connection)
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise UserError(f"{self._safe_url}: cannot open the plan database: {_reason(error)}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> PlanRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading

    def plans(self) -> list[PlanSummary]:
        """Every plan, newest first, with how many measures each has in each status."""
        with self._read() as conn:
            counts: dict[int, dict[MeasureStatus, int]] = {}
            rows = conn.execute(
                select(plan_measures.c.plan_id, plan_measures.c.status, func.count()).group_by(
                    plan_measures.c.plan_id, plan_measures.c.status
                )
            )
            for plan_id, status, count in rows:
                counts.setdefault(plan_id, {})[MeasureStatus(status)] = count
            return [
                PlanSummary(
                    id=row.id,
                    name=row.name,
                    created_by=row.created_by,
                    updated_at=_from_db(row.updated_at),
                    measures=sum(counts.get(row.id, {}).values()),
                    status_counts=counts.get(row.id, {}),
                )
                for row in conn.execute(select(plans).order_by(plans.c.id.desc()))
            ]

    def get(self, plan_id: int) -> Plan:
        with self._read() as conn:
            return _load_plan(conn, plan_id)

    def history(self, plan_id: int) -> list[AuditEntry]:
        """The audit trail of a plan, oldest change first."""
        with self._read() as conn:
            _plan_row(conn, plan_id)
            rows = conn.execute(
                select(plan_audit).where(plan_audit.c.plan_id == plan_id).order_by(plan_audit.c.id)
            )
            return [_audit_from_row(row) for row in rows]

    # Writing

    def create(self, name: str, drafts: Sequence[MeasureDraft], actor: str) -> Plan:
        """A new plan holding ``drafts`` as proposed measures, numbered from 1.

        Its name (trimmed) must be new: people, and the workbench's plan list, tell plans apart by name.
        """
        name = name.strip()
        if not name:
            raise UserError("a plan needs a name")
        now = utc_now()
        with self._write() as conn:
            _hold_plans(conn)
            if _name_taken(conn, name):
                raise UserError(f"a plan named «{name}» already exists: choose another name")
            plan_id = conn.execute(
                insert(plans)
                .values(
                    name=name, created_by=actor, created_at=_to_db(now), updated_at=_to_db(now), version=1
                )
                .returning(plans.c.id)
            ).scalar_one()
            measures = [_new_measure(draft, i, now) for i, draft in enumerate(drafts, start=1)]
            _insert_measures(conn, plan_id, measures)
            _audit(
                conn,
                plan_id,
                None,
                actor,
                now,
                "plan",
                None,
                f"created «{name}» with {len(measures)} measures",
            )
            return _load_plan(conn, plan_id)

    def add(self, plan_id: int, drafts: Sequence[MeasureDraft], actor: str) -> list[PlanMeasure]:
        """Append measures to a plan (a person's own, or findings of a new audit)."""
        now = utc_now()
        with self._write() as conn:
            _lock_plan(conn, plan_id)
            last = (
                conn.execute(
                    select(func.max(plan_measures.c.id)).where(plan_measures.c.plan_id == plan_id)
                ).scalar()
                or 0
            )
            measures = [_new_measure(d, last + i, now) for i, d in enumerate(drafts, start=1)]
            _insert_measures(conn, plan_id, measures)
            for measure in measures:
                _audit(conn, plan_id, measure.id, actor, now, "measure", None, _describe(measure))
            _touch_plan(conn, plan_id, now)
            return measures

    def change(self, plan_id: int, changes: Sequence[MeasureChange], actor: str) -> Plan:
        """Apply status and comment changes to measures of a plan, all or none, with audit rows."""
        now = utc_now()
        with self._write() as conn:
            _lock_plan(conn, plan_id)
            ids = {c.measure_id for c in changes}
            current = {
                row.id: {
                    "status": row.status,
                    "comment": row.comment,
                    "reviewer": row.reviewer,
                    "version": row.version,
                }
                for row in conn.execute(
                    select(plan_measures).where(
                        plan_measures.c.plan_id == plan_id, plan_measures.c.id.in_(ids)
                    )
                )
            }
            audits: list[dict[str, Any]] = []
            changed: set[int] = set()
            for change in changes:
                if _apply_change(plan_id, change, current, actor, audits):
                    changed.add(change.measure_id)
            if changed:
                conn.execute(
                    update(plan_measures)
                    .where(plan_measures.c.plan_id == plan_id, plan_measures.c.id == bindparam("measure_id"))
                    .values(
                        status=bindparam("new_status"),
                        comment=bindparam("new_comment"),
                        reviewer=bindparam("new_reviewer"),
                        version=bindparam("new_version"),
                        updated_at=_to_db(now),
                    ),
                    [
                        {"measure_id": i, **{f"new_{k}": v for k, v in current[i].items()}}
                        for i in sorted(changed)
                    ],
                )
                conn.execute(insert(plan_audit), [dict(a, plan_id=plan_id, at=_to_db(now)) for a in audits])
                _touch_plan(conn, plan_id, now)
            return _load_plan(conn, plan_id)

    def restore(self, document: PlanDocument, actor: str, as_new: bool = False) -> Plan:
        """Store an exported plan with its measures and audit trail.

        The plan keeps its id unless ``as_new`` is set; an id already taken is an error, so an import
        never silently overwrites or duplicates a plan. It keeps its name unless another plan has it: then
        it is named «name (2)», «name (3)», … the first that is free.
        """
        source = document.plan
        now = utc_now()
        with self._write() as conn:
            _hold_plans(conn)
            name = _free_name(conn, source.name)
            if not as_new and conn.execute(select(plans.c.id).where(plans.c.id == source.id)).first():
                raise UserError(
                    f"plan {source.id} already exists in {self._safe_url}; import it as a new plan"
                )
            values: dict[str, Any] = dict(
                name=name,
                created_by=source.created_by,
                created_at=_to_db(source.created_at),
                updated_at=_to_db(source.updated_at),
                version=source.version,
            )
            if not as_new:
                values["id"] = source.id
            plan_id = conn.execute(insert(plans).values(**values).returning(plans.c.id)).scalar_one()
            if not as_new:
                _advance_id_sequence(conn)
            _insert_measures(conn, plan_id, source.measures)
            for entry in document.history:
                _audit(
                    conn, plan_id, entry.measure_id, entry.actor, entry.at, entry.field, entry.old, entry.new
                )
            note = f"imported plan {source.id} «{source.name}»" + (
                f" as «{name}»" if name != source.name else ""
            )
            _audit(conn, plan_id, None, actor, now, "plan", None, note)
            return _load_plan(conn, plan_id)

    # Transactions

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read sees the plan at one moment: SQLite's BEGIN IMMEDIATE already gives that; PostgreSQL's
        default (READ COMMITTED) would let a plan's row and its measures come from two moments."""
        with self._errors(), self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise UserError(f"{self._safe_url}: {_reason(error)}") from None

    @property
    def _safe_url(self) -> str:
        """The URL without its password, fit for a message."""
        return make_url(self.url).render_as_string(hide_password=True)


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise UserError(f"{DB_URL_ENV} or --db: {url!r} is not a usable database URL: {error}") from None

    # pysqlite starts transactions lazily and as DEFERRED; take the write lock at BEGIN instead, so
    # a read-then-write in one transaction cannot interleave with another process's.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for a writer
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(error: SQLAlchemyError) -> str:
    orig = getattr(error, "orig", None)
    if isinstance(error, OperationalError) and orig is not None:
        return str(orig)
    return str(orig or error).splitlines()[0]


# UTC instants are stored without zone (SQLite has none); they get it back on reading.


def _to_db(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _from_db(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC)


def _plan_row(conn: Connection, plan_id: int, lock: bool = False) -> Any:
    query = select(plans).where(plans.c.id == plan_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise UserError(f"no plan with id {plan_id}")
    return row


def _lock_plan(conn: Connection, plan_id: int) -> None:
    """Lock the plan row for this transaction (a no-op on SQLite, where BEGIN IMMEDIATE already did)."""
    _plan_row(conn, plan_id, lock=True)


def _touch_plan(conn: Connection, plan_id: int, now: dt.datetime) -> None:
    conn.execute(
        update(plans).where(plans.c.id == plan_id).values(version=plans.c.version + 1, updated_at=_to_db(now))
    )


def _load_plan(conn: Connection, plan_id: int) -> Plan:
    row = _plan_row(conn, plan_id)
    measures = conn.execute(
        select(plan_measures).where(plan_measures.c.plan_id == plan_id).order_by(plan_measures.c.id)
    )
    return Plan(
        id=row.id,
        name=row.name,
        created_by=row.created_by,
        created_at=_from_db(row.created_at),
        updated_at=_from_db(row.updated_at),
        version=row.version,
        measures=[_measure_from_row(m) for m in measures],
    )


def _new_measure(draft: MeasureDraft, measure_id: int, now: dt.datetime) -> PlanMeasure:
    """A proposed measure; nobody has reviewed it yet (the audit trail says who proposed it)."""
    return PlanMeasure(**draft.model_dump(), id=measure_id, updated_at=now)


def _insert_measures(conn: Connection, plan_id: int, measures: Sequence[PlanMeasure]) -> None:
    if measures:
        conn.execute(insert(plan_measures), [_measure_to_row(plan_id, m) for m in measures])


def _measure_to_row(plan_id: int, m: PlanMeasure) -> dict[str, Any]:
    return dict(
        plan_id=plan_id,
        id=m.id,
        measure=m.measure.value,
        procedure_code=m.procedure_code,
        procedure_name=m.procedure_name,
        target=m.target.model_dump(mode="json") if m.target else None,
        related_codes=m.related_codes,
        finding_key=m.finding_key,
        severity=m.severity.value if m.severity else None,
        message=m.message,
        legal_references=m.references,
        saving=m.saving.model_dump(mode="json"),
        status=m.status.value,
        reviewer=m.reviewer,
        comment=m.comment,
        updated_at=_to_db(m.updated_at),
        version=m.version,
    )


def _measure_from_row(row: Any) -> PlanMeasure:
    return PlanMeasure(
        id=row.id,
        measure=Measure(row.measure),
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        target=Target.model_validate(row.target) if row.target else None,
        related_codes=row.related_codes,
        finding_key=row.finding_key,
        severity=Severity(row.severity) if row.severity else None,
        message=row.message,
        references=row.legal_references,
        saving=Saving.model_validate(row.saving),
        status=MeasureStatus(row.status),
        reviewer=row.reviewer,
        comment=row.comment,
        updated_at=_from_db(row.updated_at),
        version=row.version,
    )


def _apply_change(
    plan_id: int,
    change: MeasureChange,
    current: dict[int, dict[str, Any]],
    actor: str,
    audits: list[dict[str, Any]],
) -> bool:
    """Apply one change to ``current`` (the measures as this transaction sees them), adding its audit
    rows; True when anything changed."""
    state = current.get(change.measure_id)
    if state is None:
        raise UserError(f"plan {plan_id} has no measure {change.measure_id}")
    if change.expected_version is not None and state["version"] != change.expected_version:
        by = f" by {state['reviewer']}" if state["reviewer"] else ""
        raise ConflictError(
            f"measure {change.measure_id} of plan {plan_id} was changed{by} since you read it (now version "
            f"{state['version']}, you had {change.expected_version}); reload and try again"
        )
    if change.only_if_status is not None and state["status"] != change.only_if_status.value:
        return False  # decided by someone else since the caller chose it: their decision stands
    if change.status == MeasureStatus.done and state["status"] not in APPLIED:
        # Progress counts done measures as achieved: a proposed or rejected one must be accepted first.
        raise UserError(
            f"measure {change.measure_id} of plan {plan_id} is {state['status']}: only an accepted measure "
            "can be marked done"
        )
    new = {"status": change.status.value if change.status else None, "comment": change.comment}
    updates = {f: v for f, v in new.items() if v is not None and v != state[f]}
    if not updates:
        return False
    if state["reviewer"] != actor:
        updates["reviewer"] = actor
    for field, value in updates.items():
        audits.append(
            dict(measure_id=change.measure_id, actor=actor, field=field, old=state[field], new=value)
        )
    state.update(updates, version=state["version"] + 1)
    return True


def _audit(
    conn: Connection,
    plan_id: int,
    measure_id: int | None,
    actor: str,
    at: dt.datetime,
    field: str,
    old: str | None,
    new: str | None,
) -> None:
    conn.execute(
        insert(plan_audit).values(
            plan_id=plan_id, measure_id=measure_id, actor=actor, at=_to_db(at), field=field, old=old, new=new
        )
    )


def _audit_from_row(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        plan_id=row.plan_id,
        measure_id=row.measure_id,
        actor=row.actor,
        at=_from_db(row.at),
        field=row.field,
        old=row.old,
        new=row.new,
    )


def _describe(measure: PlanMeasure) -> str:
    target = f" {measure.target.id}" if measure.target else ""
    return f"added {measure.measure.value} {measure.procedure_code}{target}"


def _hold_plans(conn: Connection) -> None:
    """Before a new plan is written, keep other transactions from creating plans until this one ends
    (SQLite's BEGIN IMMEDIATE already does). Otherwise two writers can both find a name free and both take
    it, or a plan created meanwhile can draw an imported plan's id from PostgreSQL's serial."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE plans IN SHARE ROW EXCLUSIVE MODE"))


def _name_taken(conn: Connection, name: str) -> bool:
    return conn.execute(select(plans.c.id).where(plans.c.name == name).limit(1)).first() is not None


def _free_name(conn: Connection, name: str) -> str:
    """``name``, or the first of «name (2)», «name (3)», … no plan has."""
    candidate, n = name, 1
    while _name_taken(conn, candidate):
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _advance_id_sequence(conn: Connection) -> None:
    """After inserting an explicit id, keep PostgreSQL's serial ahead of it (SQLite needs nothing)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('plans', 'id'), (SELECT max(id) FROM plans))")
        )
