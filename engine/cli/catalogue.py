"""``validate``, ``audit``, ``graph`` and ``import``: commands on a catalogue."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Collection
from pathlib import Path

from engine.cli.progress import ProgressLine
from engine.errors import CannotRun, ExitCode, InputProblem, UserError
from engine.model import Finding, Level, Severity
from engine.report import FORMATS, render_findings
from engine.report.summary import format_summary
from engine.services import paths
from engine.services.audit import audit, load_rulebook
from engine.services.baseline import at_or_above, compare, read_baseline
from engine.services.cache import Cache, default_cache_dir
from engine.services.catalogue import load_catalogue
from engine.services.graphs import procedure_dot, procedure_map, render_png, render_svg
from engine.services.importing import DEFAULT_LEVELS, import_into_catalogue
from engine.services.incremental import audit_catalogue
from engine.services.summary import summarise

CATALOGUE_HELP = (
    "a catalogue: a folder of procedure YAML files (default: the bundled procedures/), one YAML file, "
    "or portal JSON records such as ../shared/data/dvc-2026/raw"
)
KEEP_GOING_HELP = (
    "exit 0 even when some input files are unreadable or invalid (they are still listed); "
    "by default they make the exit code 1"
)


def register(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate",
        help="check procedure files and rule packs; exit 1 if anything is invalid",
        description="Check every procedure file in PATH and every rule pack in rules/. Each problem is "
        "printed as FILE: FIELD: MESSAGE. Valid files load even when others are broken.",
    )
    validate.add_argument("path", nargs="?", type=Path, help=CATALOGUE_HELP)
    validate.add_argument("--rules", type=Path, help="rules folder (default: the bundled rules/)")
    validate.set_defaults(handler=_validate)

    audit_cmd = commands.add_parser(
        "audit",
        help="run the rules on a catalogue and report findings",
        description="Run every rule on every procedure of PATH and report the findings, each with its "
        "rule, target, legal basis and estimated saving. JSON output follows docs/findings.schema.json.",
        epilog="A summary (findings by rule, severity and field) ends every audit, on standard error "
        "when the report\ngoes to standard output. A progress bar shows on standard error when it is "
        "a terminal.\n\n"
        "examples:\n  tinhgon audit\n"
        "  tinhgon audit ../shared/data/dvc-2026/raw --format csv -o findings.csv\n"
        "  tinhgon audit --format json -o findings.json --baseline main-findings.json --fail-on high",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    audit_cmd.add_argument("path", nargs="?", type=Path, help=CATALOGUE_HELP)
    audit_cmd.add_argument("--format", choices=FORMATS, default="md", help="report format (default: md)")
    audit_cmd.add_argument(
        "-o", "--output", type=Path, help="write the report to this file (default: stdout)"
    )
    audit_cmd.add_argument("--rules", type=Path, help="rules folder (default: the bundled rules/)")
    audit_cmd.add_argument("--experimental", action="store_true", help="also run rules marked experimental")
    audit_cmd.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        help="judge data sources as published on this date (default: today)",
    )
    audit_cmd.add_argument("--workers", type=int, help="processes for large catalogues (default: all cores)")
    audit_cmd.add_argument(
        "--cache-dir",
        type=Path,
        help="keep parsed records and findings here, so that an unchanged catalogue is not audited again "
        "and an edit re-audits only what it changes (default: ~/.cache/tinhgon/audits, or "
        "$TINHGON_CACHE_DIR/audits)",
    )
    audit_cmd.add_argument("--no-cache", action="store_true", help="read and audit everything afresh")
    audit_cmd.add_argument(
        "--baseline",
        type=Path,
        metavar="PREVIOUS.json",
        help="a previous `audit --format json` report: say which findings are new, resolved or "
        "unchanged (matched by rule, procedure and target)",
    )
    audit_cmd.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        help="exit 3 when there are findings of this severity or graver (with --baseline: new ones only)",
    )
    audit_cmd.add_argument("--keep-going", action="store_true", help=KEEP_GOING_HELP)
    audit_cmd.set_defaults(handler=_audit)

    graph = commands.add_parser(
        "graph",
        help="print a procedure's graph as Graphviz dot",
        description="Print the graph of procedure CODE (steps, documents, results) as Graphviz dot, "
        "with flagged nodes in red. Pipe it to `dot -Tsvg` to draw it.",
        epilog="example:\n  tinhgon graph 1.013225 --experimental | dot -Tsvg > permit.svg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    graph.add_argument("code", help="procedure code, e.g. 1.001193")
    graph.add_argument("--catalogue", type=Path, help=CATALOGUE_HELP)
    graph.add_argument("--no-findings", action="store_true", help="do not run the rules to mark findings")
    graph.add_argument(
        "--experimental", action="store_true", help="also mark the findings of rules marked experimental"
    )
    graph.add_argument(
        "--format",
        choices=["dot", "map", "svg", "png"],
        default="dot",
        help="dot: the raw graph (default); map: the readable procedure map as dot, top to bottom with "
        "lanes by agency; svg, png: that map drawn by Graphviz (needs the `dot` program)",
    )
    graph.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the map's labels")
    graph.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    graph.set_defaults(handler=_graph)

    import_cmd = commands.add_parser(
        "import",
        help="import portal or national records into the catalogue as YAML files",
        description="Read every record under SOURCE (portal JSON records or national package files), "
        "and write those run at the chosen levels to CATALOGUE/portal/<source folder>/<code>.yaml. "
        "That folder belongs to the importer and is replaced whole by each import; procedures "
        "modelled by hand elsewhere in CATALOGUE are kept and not overwritten. Every record is either "
        "imported or reported with its reason; the report (counts and anomalies by kind) is printed "
        "and saved as CATALOGUE/portal/import-report.txt.",
        epilog="example:\n  tinhgon import ../shared/data/dvc-2026/raw",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    import_cmd.add_argument("source", type=Path, help="a folder or file of portal or national JSON records")
    import_cmd.add_argument(
        "--into", type=Path, help="catalogue folder to write to (default: the bundled procedures/)"
    )
    import_cmd.add_argument(
        "--level",
        action="append",
        choices=[level.value for level in Level],
        help="keep procedures run at this level; repeat for several (default: province and commune)",
    )
    import_cmd.add_argument("--keep-going", action="store_true", help=KEEP_GOING_HELP)
    import_cmd.set_defaults(handler=_import)


def _report_problems(problems: list[InputProblem]) -> None:
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)


def _needs_procedures(
    procedures: Collection[object], files_read: int, problems: int, path: Path | None
) -> None:
    """Stop when nothing valid was read: "0 findings on 0 procedures" is not a success.

    Invalid files that left nothing to work on exit 1 even with --keep-going; no files at all, 4.
    """
    if procedures:
        return
    where = path or paths.catalogue_dir()
    if not files_read:
        raise CannotRun(f"{where}: no procedure files or records found")
    raise UserError(
        f"{where}: none of the {files_read} files or records read holds a valid procedure "
        f"({problems} problems, listed above)"
    )


def _input_verdict(problems: list[InputProblem], keep_going: bool) -> ExitCode:
    """Exit 1 when inputs were invalid, unless the user asked to keep going."""
    if not problems:
        return ExitCode.ok
    if keep_going:
        print(f"{len(problems)} input problems, ignored (--keep-going)", file=sys.stderr)
        return ExitCode.ok
    print(f"{len(problems)} input problems: exit {int(ExitCode.invalid_input)} (see above)", file=sys.stderr)
    return ExitCode.invalid_input


def _validate(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.path)
    rulebook = load_rulebook(args.rules, include_experimental=True)
    problems = catalogue.problems + rulebook.problems
    _report_problems(problems)
    print(
        f"{len(catalogue.procedures)} procedures valid of {catalogue.files_read} read; "
        f"{len(rulebook.rules)} rules valid; {len(problems)} problems",
        file=sys.stderr,
    )
    if not catalogue.files_read:
        raise CannotRun(f"{args.path or paths.catalogue_dir()}: no procedure files or records found")
    return ExitCode.invalid_input if problems else ExitCode.ok


def _audit(args: argparse.Namespace) -> int:
    baseline = read_baseline(args.baseline) if args.baseline else None  # fail before the long part
    rulebook = load_rulebook(args.rules, include_experimental=args.experimental)
    if not rulebook.rules:
        _report_problems(rulebook.problems)
        raise CannotRun("no valid rules to run")
    cache = None if args.no_cache else Cache(args.cache_dir or default_cache_dir())
    run = audit_catalogue(
        args.path, rulebook, args.date, cache, args.workers, progress=ProgressLine("auditing")
    )
    problems = run.problems + rulebook.problems
    _report_problems(problems)
    _needs_procedures(run.fields, run.files_read, len(run.problems), args.path)
    result = run.result
    diff = compare(result.findings, baseline, result.rules) if baseline else None
    summary = summarise(result.findings, run.fields, len(problems), diff)
    text = render_findings(result, args.format, diff, summary)
    if args.output:
        _write(args.output, text)
        print(f"{len(result.findings)} findings written to {args.output}")
        print(format_summary(summary))
    else:
        sys.stdout.write(text)
        print(format_summary(summary), file=sys.stderr)
    verdict = _input_verdict(problems, args.keep_going)
    if verdict != ExitCode.ok:
        return verdict
    return _gate(diff.new if diff else result.findings, args.fail_on, new_only=diff is not None)


def _gate(findings: list[Finding], fail_on: str | None, new_only: bool) -> ExitCode:
    """Exit 3 when findings of the ``--fail-on`` severity or graver remain."""
    if not fail_on:
        return ExitCode.ok
    over = at_or_above(findings, Severity(fail_on))
    if not over:
        return ExitCode.ok
    kind = "new findings" if new_only else "findings"
    print(
        f"{len(over)} {kind} of severity {fail_on} or graver: exit {int(ExitCode.findings)} (--fail-on)",
        file=sys.stderr,
    )
    return ExitCode.findings


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CannotRun(f"{path}: cannot write: {error.strerror or error}") from None


def _import(args: argparse.Namespace) -> int:
    levels = [Level(level) for level in args.level] if args.level else list(DEFAULT_LEVELS)
    summary = import_into_catalogue(args.source, args.into or paths.catalogue_dir(), levels)
    print(summary.report(levels))
    outcome = summary.outcome
    if not outcome.balanced:
        raise RuntimeError("records read != imported + reported: the importer lost records")
    if not outcome.records_in:
        raise CannotRun(f"{args.source}: no .json record files found")
    if not outcome.procedures:
        raise UserError(
            f"{args.source}: no valid record among the {outcome.records_in} read; "
            f"the catalogue's {summary.folder.name}/ folder was left as it was"
        )
    return _input_verdict(outcome.problems, args.keep_going)


def _graph(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.catalogue)
    procedure = catalogue.get(args.code)
    findings = []
    if not args.no_findings:
        rulebook = load_rulebook(include_experimental=args.experimental)
        findings = audit(catalogue, rulebook, only={args.code}).findings
        if not findings and not args.experimental:
            print(
                f"{args.code}: no finding of the default rules; --experimental marks the others",
                file=sys.stderr,
            )
    if args.format == "dot":
        text = procedure_dot(procedure, findings)
    else:
        rules = load_rulebook(include_experimental=True).rules
        drawn = procedure_map(procedure, findings, rules, args.lang)
        if args.format == "png":
            if args.output is None:
                raise UserError("--format png writes a binary file: name it with -o FILE")
            args.output.write_bytes(render_png(drawn.dot))
            return 0
        text = render_svg(drawn.dot) if args.format == "svg" else drawn.dot
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0
