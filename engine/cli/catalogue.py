"""``validate``, ``audit``, ``graph`` and ``import``: commands on a catalogue."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from engine.cli.progress import ProgressLine
from engine.errors import InputProblem, UserError
from engine.report import FORMATS, render_findings
from engine.services import audit, load_catalogue, load_rulebook, procedure_dot

CATALOGUE_HELP = (
    "a catalogue: a folder of procedure YAML files (default: the bundled procedures/), one YAML file, "
    "or portal JSON records such as ../shared/data/dvc-2026/raw"
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
        epilog="examples:\n  tinhgon audit\n"
        "  tinhgon audit ../shared/data/dvc-2026/raw --format csv -o findings.csv",
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
    audit_cmd.set_defaults(handler=_audit)

    graph = commands.add_parser(
        "graph",
        help="print a procedure's graph as Graphviz dot",
        description="Print the graph of procedure CODE (steps, documents, results) as Graphviz dot, "
        "with flagged nodes in red. Pipe it to `dot -Tsvg` to draw it.",
    )
    graph.add_argument("code", help="procedure code, e.g. 1.001193")
    graph.add_argument("--catalogue", type=Path, help=CATALOGUE_HELP)
    graph.add_argument("--no-findings", action="store_true", help="do not run the rules to mark findings")
    graph.set_defaults(handler=_graph)


def _report_problems(problems: list[InputProblem]) -> None:
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)


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
    return 1 if problems else 0


def _audit(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.path)
    rulebook = load_rulebook(args.rules, include_experimental=args.experimental)
    _report_problems(catalogue.problems + rulebook.problems)
    if not rulebook.rules:
        raise UserError("no valid rules to run")
    result = audit(
        catalogue, rulebook, audit_date=args.date, workers=args.workers, progress=ProgressLine("auditing")
    )
    text = render_findings(result, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(
            f"{len(result.findings)} findings on {result.procedures} procedures written to {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def _graph(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.catalogue)
    procedure = catalogue.get(args.code)
    findings = []
    if not args.no_findings:
        findings = audit(catalogue, only={args.code}).findings
    print(procedure_dot(procedure, findings))
    return 0
