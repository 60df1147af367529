"""A small catalogue, plan databases (a SQLite file, and a PostgreSQL server the tests start), and helpers
to build plans.

Every test that takes ``db_url`` (or ``repo``) runs once on each backend. The PostgreSQL server starts
on the first such test and stops at the end of the session; each test gets a database of its own. Without
the server binaries those runs are skipped, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from engine.cost import CostParameters, load_cost_parameters
from engine.model import Finding, Measure, Procedure, Severity, Target, TargetKind
from engine.plans.model import MeasureStatus, Plan, PlanMeasure
from engine.plans.progress import Targets, load_targets
from engine.plans.repository import PlanRepository
from tests.plans.postgres import PostgresServer, PostgresUnavailable, start_server

RULES = Path(__file__).resolve().parents[2] / "rules"
NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)


def procedure(code: str, **fields) -> Procedure:
    data = {"code": code, "name": f"Thủ tục {code}", "annual_volume": {"per_year": 100, "source": "test"}}
    data.update(fields)
    return Procedure.model_validate(data)


def registration() -> Procedure:
    """Province level, in person: a certified copy, a residence paper, an inspection nothing uses."""
    return procedure(
        "1.000001",
        levels=["province"],
        field="Hộ tịch",
        agencies={"executing": ["Sở Tư pháp"]},
        channels=[{"kind": "in_person", "time_limit": {"value": 10}, "fee": {"amount_vnd": 50000}}],
        components=[
            {"id": "c1", "name": "Tờ khai", "originals": 1},
            {"id": "c2", "name": "Bản sao giấy khai sinh", "copies": 1, "certified_copy": True},
            {"id": "c3", "name": "Giấy xác nhận cư trú", "originals": 1},
        ],
        steps=[
            {
                "id": "s1",
                "order": 1,
                "action": "Nộp hồ sơ",
                "kind": "submit",
                "inputs": ["c1", "c2", "c3"],
                "outputs": ["phieu"],
            },
            {
                "id": "s2",
                "order": 2,
                "action": "Thẩm định",
                "kind": "check",
                "inputs": ["phieu"],
                "outputs": ["to_trinh"],
                "duration": {"value": 3},
            },
            {
                "id": "s3",
                "order": 3,
                "action": "Kiểm tra thực địa",
                "kind": "inspect",
                "inputs": ["to_trinh"],
                "outputs": ["bien_ban"],
                "duration": {"value": 2},
            },
            {
                "id": "s4",
                "order": 4,
                "action": "Phê duyệt",
                "kind": "approve",
                "inputs": ["to_trinh"],
                "outputs": ["r1"],
            },
        ],
        results=[{"id": "r1", "name": "Giấy chứng nhận"}],
        online_level="partial",
        annual_volume={"per_year": 1000, "source": "Sở Tư pháp 2025"},
    )


def catalogue() -> list[Procedure]:
    commune = {"levels": ["commune"], "agencies": {"executing": ["UBND cấp xã"]}}
    return [
        registration(),
        procedure(
            "1.000002",
            field="Hộ tịch",
            channels=[{"kind": "in_person", "time_limit": {"value": 5}, "fee": {"free": True}}],
            **commune,
        ),
        procedure(
            "1.000003",
            field="Đất đai",
            channels=[{"kind": "in_person", "time_limit": {"value": 15}}],
            **commune,
        ),
        procedure(
            "1.000004",
            field="Đất đai",
            channels=[{"kind": "in_person", "time_limit": {"value": 20}}],
            **commune,
        ),
    ]


def measure(
    measure_id: int,
    kind: Measure,
    code: str,
    target: tuple[TargetKind, str] | None = None,
    status: MeasureStatus = MeasureStatus.accepted,
    **fields,
) -> PlanMeasure:
    return PlanMeasure(
        id=measure_id,
        measure=kind,
        procedure_code=code,
        status=status,
        updated_at=NOW,
        target=Target(kind=target[0], id=target[1], label=target[1]) if target else None,
        **fields,
    )


def plan(*measures: PlanMeasure) -> Plan:
    return Plan(
        id=1,
        name="Kế hoạch thử",
        created_by="tester",
        created_at=NOW,
        updated_at=NOW,
        measures=list(measures),
    )


def finding(
    code: str, component: str, severity: Severity, kind: Measure = Measure.replace_with_data
) -> Finding:
    return Finding(
        rule_id="TG-TEST",
        procedure_code=code,
        procedure_name=f"Thủ tục {code}",
        target=Target(kind=TargetKind.component, id=component, label=component),
        severity=severity,
        measure=kind,
        message_vi=f"«{component}»: tra cứu dữ liệu",
        message_en="look it up",
        rationale="test",
    )


@pytest.fixture
def params() -> CostParameters:
    return load_cost_parameters(RULES / "cost_parameters.yaml")


@pytest.fixture
def targets() -> Targets:
    return load_targets(RULES / "targets.yaml")


BACKENDS = ("sqlite", "postgresql")
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except PostgresUnavailable as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test plans on PostgreSQL: {missing}")
        pytest.skip(str(missing))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty plan database on each backend: a SQLite file, or a database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'plans.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"plans_{next(_database_numbers)}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield server.url(name)
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    finally:
        admin.dispose()


@pytest.fixture
def repo(db_url: str):
    with PlanRepository(db_url) as repository:
        yield repository
