"""``validate``, ``graph`` and ``import``: commands on a catalogue (``audit`` has a module of its own)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import CATALOGUE_HELP, KEEP_GOING_HELP, input_verdict, report_problems, write_bytes
from engine.errors import CannotRun, ExitCode, UserError
from engine.model import Level
from engine.services import paths
from engine.services.audit import audit, load_rulebook
from engine.services.catalogue import load_catalogue
from engine.services.graphs import procedure_dot, procedure_map, render_png, render_svg
from engine.services.importing import DEFAULT_LEVELS, import_into_catalogue


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


def _validate(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.path)
    rulebook = load_rulebook(args.rules, include_experimental=True)
    problems = catalogue.problems + rulebook.problems
    report_problems(problems)
    print(
        f"{len(catalogue.procedures)} procedures valid of {catalogue.files_read} read; "
        f"{len(rulebook.rules)} rules valid; {len(problems)} problems",
        file=sys.stderr,
    )
    if not catalogue.files_read:
        raise CannotRun(f"{args.path or paths.catalogue_dir()}: no procedure files or records found")
    return ExitCode.invalid_input if problems else ExitCode.ok


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
    return input_verdict(outcome.problems, args.keep_going)


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
            write_bytes(args.output, [render_png(drawn.dot)])
            return 0
        text = render_svg(drawn.dot) if args.format == "svg" else drawn.dot
    if args.output:
        write_bytes(args.output, [(text + "\n").encode("utf-8")])
    else:
        print(text)
    return 0
