"""``plan`` and ``progress``: reform plans from findings, decisions on measures, exports and progress."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.adapters.decoding import DecodeProblem, decode_text
from engine.cli.common import CATALOGUE_HELP, write_bytes
from engine.cli.volumes import apply_volumes_reporting
from engine.cost.parameters import load_cost_parameters
from engine.errors import CannotRun, UserError
from engine.model import Measure, Severity
from engine.plans.database_url import DB_URL_ENV, DEFAULT_DB_URL
from engine.plans.export import FORMATS, export_plan, progress_to_markdown, read_plan_document
from engine.plans.forms import ProcedureForm
from engine.plans.model import MEASURE_LABELS_VI, STATUS_LABELS_VI, MeasureStatus, Plan
from engine.plans.progress import load_targets
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import Catalogue, load_catalogue

if TYPE_CHECKING:
    from engine.plans.repository import PlanRepository

# The database layer (SQLAlchemy, alembic) takes about a second to import; every `tinhgon` command
# loads this module, so the handlers import it only when they run.

SEVERITIES = [s.value for s in Severity]
DIMENSIONS = ("level", "field", "agency")


def register(commands: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        help=f"plan database, any SQLAlchemy URL, e.g. postgresql://user@host/tinhgon "
        f"(default: ${DB_URL_ENV}, else {DEFAULT_DB_URL} in the current folder)",
    )
    common.add_argument(
        "--reviewer",
        help="who is acting, as the audit trail records it (default: $TINHGON_REVIEWER, else login)",
    )

    reads_catalogue = argparse.ArgumentParser(add_help=False)
    reads_catalogue.add_argument(
        "--keep-going",
        action="store_true",
        help="go on when some catalogue files are invalid (they are listed); by default the command "
        "stops before changing anything and exits 1",
    )

    plan = commands.add_parser(
        "plan",
        help="reform plans: create from findings, decide on measures, export",
        description="A reform plan holds the measures a team decides on (abolish, merge, cut a component,\n"
        "replace it with data, …). Each measure is proposed, accepted, rejected or done; every\n"
        "change is kept in an audit trail. Plans live in a database (SQLite file by default) that\n"
        "several people and processes can change at once.",
        epilog="examples:\n"
        "  tinhgon plan create 'Bắc Ninh 2026' ../shared/data/dvc-2026/raw\n"
        "  tinhgon plan create 'Thử nghiệm' ../shared/data/dvc-2026/raw --severity high --experimental\n"
        "  tinhgon plan show 1 --status proposed\n"
        "  tinhgon plan accept 1 3 4 7 --comment 'đồng ý theo NQ 66.7'\n"
        "  tinhgon plan accept 1 --all-severity high\n"
        "  tinhgon plan export 1 --format xlsx -o phuong-an.xlsx --catalogue ../shared/data/dvc-2026/raw\n"
        "  tinhgon progress 1 ../shared/data/dvc-2026/raw",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    plan.set_defaults(handler=lambda _args: _print_help(plan))
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION")

    create = actions.add_parser(
        "create",
        parents=[common, reads_catalogue],
        help="audit a catalogue and make a plan proposing one measure per finding",
        description="Run the rules on CATALOGUE and create a plan named NAME with one proposed measure per "
        "finding (its measure, target, message, legal basis and estimated saving). Prints the new plan's id "
        "and whether experimental rules were run (they are left out unless --experimental).",
    )
    create.add_argument(
        "name", help="the plan's name, e.g. 'Phương án đơn giản hóa 2026'; no other plan may have it"
    )
    create.add_argument("catalogue", nargs="?", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    create.add_argument(
        "--severity", choices=SEVERITIES, help="only findings of this severity or graver (default: all)"
    )
    create.add_argument(
        "--rules", type=Path, metavar="DIR", help="rules folder (default: the bundled rules/)"
    )
    create.add_argument(
        "--experimental",
        action="store_true",
        help="also propose measures from rules marked experimental (precision not yet proven)",
    )
    create.add_argument(
        "--workers", type=int, help="processes for auditing large catalogues (default: all cores)"
    )
    create.set_defaults(handler=_create)

    listing = actions.add_parser("list", parents=[common], help="list the plans in the database")
    listing.set_defaults(handler=_list)

    show = actions.add_parser(
        "show",
        parents=[common],
        help="print a plan's measures",
        description="Print every measure of plan ID: its id (used by accept, reject, done and comment), "
        "status, severity, kind, procedure, target and message.",
    )
    show.add_argument("plan_id", type=int, metavar="ID", help="plan id (see `tinhgon plan list`)")
    show.add_argument(
        "--status", choices=[s.value for s in MeasureStatus], help="only measures in this status"
    )
    show.add_argument("--kind", choices=[m.value for m in Measure], help="only measures of this kind")
    show.set_defaults(handler=_show)

    for status, verb, text in [
        (MeasureStatus.accepted, "accept", "accept measures: the projection and progress count them"),
        (MeasureStatus.rejected, "reject", "reject measures, ideally with a --comment saying why"),
        (MeasureStatus.done, "done", "mark accepted measures as carried out"),
    ]:
        decide = actions.add_parser(
            verb,
            parents=[common],
            help=text,
            description=f"Set measures of plan ID to «{status.value}» ({STATUS_LABELS_VI[status]}), in one "
            "transaction, recording who, when and the old status in the audit trail.",
        )
        decide.add_argument("plan_id", type=int, metavar="ID", help="plan id")
        decide.add_argument(
            "measure_ids", type=int, nargs="*", metavar="MEASURE_ID", help="measure ids (see `plan show`)"
        )
        decide.add_argument("--comment", help="a comment stored with each decision")
        if verb == "accept":
            decide.add_argument(
                "--all-severity",
                choices=SEVERITIES,
                metavar="SEVERITY",
                help="also accept every proposed measure of this severity or graver (high, medium, low)",
            )
        decide.set_defaults(handler=_decide, status=status)

    comment = actions.add_parser("comment", parents=[common], help="comment on a measure")
    comment.add_argument("plan_id", type=int, metavar="ID", help="plan id")
    comment.add_argument("measure_id", type=int, metavar="MEASURE_ID", help="measure id")
    comment.add_argument("text", help="the comment (replaces the previous one; the audit trail keeps it)")
    comment.set_defaults(handler=_comment)

    add = actions.add_parser(
        "add",
        parents=[common, reads_catalogue],
        help="add your own measure to a plan",
        description="Add a measure no rule proposed. Measures on a component or step need --target; merge "
        "and interlink need --with. The procedure and target are checked against CATALOGUE.",
    )
    add.add_argument("plan_id", type=int, metavar="ID", help="plan id")
    add.add_argument("kind", choices=[m.value for m in Measure], metavar="KIND", help="one of: %(choices)s")
    add.add_argument("code", help="procedure code, e.g. 1.001193")
    add.add_argument("catalogue", nargs="?", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    add.add_argument("--target", help="component or step id the measure applies to")
    add.add_argument(
        "--with", dest="related", nargs="+", default=[], metavar="CODE", help="procedures to merge"
    )
    add.add_argument("--message", default="", help="what to change, in Vietnamese (default: generated)")
    add.set_defaults(handler=_add)

    history = actions.add_parser("history", parents=[common], help="print a plan's audit trail")
    history.add_argument("plan_id", type=int, metavar="ID", help="plan id")
    history.set_defaults(handler=_history)

    export = actions.add_parser(
        "export",
        parents=[common, reads_catalogue],
        help="write a plan as Excel, CSV, JSON or Markdown",
        description="Write plan ID to FILE. xlsx: a summary sheet and one sheet per kind of measure, "
        "laid out like a department's simplification plan, plus the audit trail. json: the plan and its "
        "audit trail, which `plan import` reads back. With --catalogue, xlsx and md add before/after "
        "figures, progress against the targets, and each measure's effect on compliance cost and time "
        "limit; xlsx also adds, per procedure, the review form of Decree 63/2010/NĐ-CP Annex I and the "
        "compliance cost of Circular 02/2017/TT-VPCP art. 27 (now, after, difference); csv adds the "
        "measures' effects.",
    )
    export.add_argument("plan_id", type=int, metavar="ID", help="plan id")
    export.add_argument("--format", choices=FORMATS, required=True, help="file format")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="file to write")
    export.add_argument(
        "--catalogue", type=Path, metavar="CATALOGUE", help="catalogue to compute costs and progress on"
    )
    export.set_defaults(handler=_export)

    imports = actions.add_parser(
        "import",
        parents=[common],
        help="load a plan exported as JSON",
        description="Store the plan in FILE (written by `plan export --format json`) with its measures, "
        "decisions and audit trail. It keeps its id unless --as-new is given, and its name unless another "
        "plan has it (then it is named «NAME (2)», «NAME (3)», …).",
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="JSON file")
    imports.add_argument("--as-new", action="store_true", help="store it under a new id")
    imports.set_defaults(handler=_import)

    progress = commands.add_parser(
        "progress",
        parents=[common, reads_catalogue],
        help="before/after figures and progress against the reform targets",
        description="Apply the accepted (and done) measures of plan PLAN_ID to CATALOGUE and compare "
        "before and after: procedures, components, steps, time limits (total and median), annual compliance "
        "cost and share fully online; procedures cut, and cut or simplified; then progress against "
        "each target of rules/targets.yaml (Bắc Ninh 2030: 30% fewer procedures; Resolution 66/NQ-CP "
        "2025: 30% less time and cost of business procedures; Bắc Ninh 2026: 50% less time and cost; "
        "online services; digital inspections), each with its deadline (passed deadlines are marked), "
        "overall and by level, field and agency. Every assumption behind a figure is listed with its "
        "reference.",
    )
    progress.add_argument("plan_id", type=int, metavar="PLAN_ID", help="plan id")
    progress.add_argument("catalogue", nargs="?", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    progress.add_argument(
        "--targets", type=Path, metavar="FILE", help="targets file (default: rules/targets.yaml)"
    )
    progress.add_argument(
        "--volumes",
        type=Path,
        metavar="FILE",
        help="annual dossier statistics (.csv, .xlsx or a volumes.yaml store) instead of assumed volumes",
    )
    progress.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="judge deadlines as of this date (default: today)",
    )
    progress.add_argument(
        "--cost-parameters",
        type=Path,
        metavar="FILE",
        help="cost parameters (default: rules/cost_parameters.yaml)",
    )
    progress.add_argument(
        "--by",
        nargs="*",
        choices=DIMENSIONS,
        default=list(DIMENSIONS),
        help="breakdowns to show (default: all)",
    )
    progress.add_argument(
        "--format", choices=("md", "json"), default="md", help="report format (default: md)"
    )
    progress.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report to this file (default: stdout)"
    )
    progress.set_defaults(handler=_progress)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _repo(args: argparse.Namespace) -> PlanRepository:
    from engine.plans.repository import PlanRepository

    return PlanRepository(args.db)


def _reviewer(args: argparse.Namespace) -> str:
    from engine.plans.service import default_reviewer

    return args.reviewer or default_reviewer()


def _catalogue(path: Path | None, keep_going: bool) -> Catalogue:
    """The catalogue; invalid files stop the command (exit 1) unless ``--keep-going``."""
    catalogue = load_catalogue(path)
    for problem in catalogue.problems:
        print(f"invalid: {problem}", file=sys.stderr)
    if catalogue.problems and not keep_going:
        raise UserError(
            f"{len(catalogue.problems)} problems reading the catalogue (listed above); nothing was "
            "changed or written. Fix them, or pass --keep-going to go on without those files"
        )
    if not catalogue.files_read:
        raise CannotRun(f"{path or 'the catalogue'}: no procedure files or records found")
    if not catalogue.procedures:
        raise UserError(f"{path or 'the catalogue'}: no valid procedure to work on")
    return catalogue


def _create(args: argparse.Namespace) -> int:
    from engine.plans import service

    catalogue = _catalogue(args.catalogue, args.keep_going)
    rulebook = load_rulebook(args.rules, include_experimental=args.experimental)
    for problem in rulebook.problems:
        print(f"invalid: {problem}", file=sys.stderr)
    if rulebook.problems and not args.keep_going:
        raise UserError(f"{len(rulebook.problems)} problems in the rule packs (listed above); no plan made")
    if not rulebook.rules:
        raise CannotRun("no valid rules to run")
    result = audit(catalogue, rulebook, workers=args.workers)
    severity = Severity(args.severity) if args.severity else None
    with _repo(args) as repo:
        plan = service.create_plan_from_findings(repo, args.name, result.findings, _reviewer(args), severity)
    rules = (
        "experimental rules included"
        if args.experimental
        else "default rules only (--experimental adds more)"
    )
    print(
        f"plan {plan.id} «{plan.name}»: {len(plan.measures)} measures proposed from {len(result.findings)} "
        f"findings on {result.procedures} procedures; {rules}"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        summaries = repo.plans()
    if not summaries:
        print("no plans yet; create one with `tinhgon plan create NAME CATALOGUE`", file=sys.stderr)
    for s in summaries:
        counts = ", ".join(f"{n} {status.value}" for status, n in s.status_counts.items())
        print(
            f"{s.id:>4}  {s.name}  ({s.measures} measures: {counts or 'none'}; "
            f"updated {s.updated_at:%Y-%m-%d %H:%M} UTC)"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        plan = repo.get(args.plan_id)
    measures = [
        m
        for m in plan.measures
        if (not args.status or m.status == args.status) and (not args.kind or m.measure == args.kind)
    ]
    print(
        f"plan {plan.id} «{plan.name}», by {plan.created_by}, version {plan.version}: "
        f"{len(measures)} of {len(plan.measures)} measures"
    )
    for m in measures:
        target = f" [{m.target.id}]" if m.target and m.target.kind != "procedure" else ""
        severity = m.severity.value if m.severity else "own"
        print(
            f"{m.id:>5}  {m.status.value:<9} {severity:<6} {m.measure.value:<22} {m.procedure_code}{target}  "
            f"{m.message}"
        )
        if m.comment:
            print(f"{'':>7}comment by {m.reviewer}: {m.comment}")
    return 0


def _decide(args: argparse.Namespace) -> int:
    from engine.plans import service

    reviewer = _reviewer(args)
    all_severity = getattr(args, "all_severity", None)
    if not args.measure_ids and not all_severity:
        raise UserError(
            "name the measures (ids from `tinhgon plan show`)"
            + (" or use --all-severity" if args.status == MeasureStatus.accepted else "")
        )
    with _repo(args) as repo:
        if args.measure_ids:
            plan = service.set_status(
                repo, args.plan_id, args.measure_ids, args.status, reviewer, args.comment
            )
        if all_severity:
            plan = service.accept_by_severity(
                repo, args.plan_id, Severity(all_severity), reviewer, args.comment
            )
    print(f"plan {plan.id}: {_status_counts(plan)}")
    return 0


def _status_counts(plan: Plan) -> str:
    return ", ".join(f"{sum(m.status == s for m in plan.measures)} {s.value}" for s in MeasureStatus)


def _comment(args: argparse.Namespace) -> int:
    from engine.plans import service

    with _repo(args) as repo:
        service.set_comment(repo, args.plan_id, args.measure_id, _reviewer(args), args.text)
    print(f"plan {args.plan_id}, measure {args.measure_id}: comment saved")
    return 0


def _add(args: argparse.Namespace) -> int:
    from engine.plans import service

    procedure = _catalogue(args.catalogue, args.keep_going).get(args.code)
    with _repo(args) as repo:
        measure = service.add_measure(
            repo,
            args.plan_id,
            Measure(args.kind),
            procedure,
            _reviewer(args),
            args.target,
            args.related,
            args.message,
        )
    print(
        f"plan {args.plan_id}: added measure {measure.id} ({MEASURE_LABELS_VI[measure.measure]}, "
        f"{measure.procedure_code})"
    )
    return 0


def _history(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        entries = repo.history(args.plan_id)
    for e in entries:
        where = f"measure {e.measure_id}" if e.measure_id else "plan"
        print(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor}  {where}  {e.field}: {e.old or '—'} → {e.new or '—'}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from engine.plans import service

    with _repo(args) as repo:
        plan = repo.get(args.plan_id)
        history = repo.history(args.plan_id)
    report = impacts = None
    forms: list[ProcedureForm] = []
    if args.catalogue:
        procedures = _catalogue(args.catalogue, args.keep_going).procedures
        params = load_cost_parameters()
        report = service.progress(procedures, plan, params)
        impacts = service.impacts(procedures, plan, params)
        if args.format == "xlsx":
            forms = service.forms(procedures, plan, params)
    data = export_plan(plan, args.format, history, report, impacts, forms)
    write_bytes(args.output, [data])
    print(f"plan {plan.id}: {len(plan.measures)} measures written to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        text = decode_text(args.file.read_bytes())
    except OSError as error:
        raise UserError(f"{args.file}: cannot read: {error.strerror or error}") from None
    except DecodeProblem as problem:
        raise UserError(f"{args.file}: {problem}") from None
    document = read_plan_document(text, str(args.file))
    with _repo(args) as repo:
        plan = repo.restore(document, _reviewer(args), as_new=args.as_new)
    print(
        f"imported plan {plan.id} «{plan.name}» with {len(plan.measures)} measures "
        f"and {len(document.history)} audit entries"
    )
    return 0


def _progress(args: argparse.Namespace) -> int:
    from engine.plans import service

    params = load_cost_parameters(args.cost_parameters)
    targets = load_targets(args.targets)
    with _repo(args) as repo:
        plan = repo.get(args.plan_id)
    catalogue = _catalogue(args.catalogue, args.keep_going)
    if args.volumes:
        apply_volumes_reporting(catalogue, args.volumes)
    report = service.progress(catalogue.procedures, plan, params, targets, args.as_of)
    if args.format == "json":
        text = report.model_dump_json(indent=2) + "\n"
    else:
        text = f"# Tiến độ: {plan.name}\n\n" + progress_to_markdown(report, args.by)
    if args.output:
        write_bytes(args.output, [text.encode("utf-8")])
        print(f"progress of plan {plan.id} written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
