"""``sources rank``: which database connection saves most across the catalogue."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

from engine.cli.common import CATALOGUE_HELP, write_bytes
from engine.cli.volumes import catalogue_with_volumes
from engine.cost.parameters import load_cost_parameters
from engine.formatting import fixed_number
from engine.services.sources import SourceRanking, WhatIf, rank_sources


def register(commands: argparse._SubParsersAction) -> None:
    sources = commands.add_parser(
        "sources",
        help="rank the data sources by what their lookups would save",
        description="Data sources (procedures/data_sources.yaml) and what looking their data up instead "
        "of asking for the document would save across a catalogue.",
    )
    sub = sources.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    rank = sub.add_parser(
        "rank",
        help="components, procedures, applicant hours and đồng a year each source's lookup replaces",
        description="For each data source, the dossier components of CATALOGUE asking for a document "
        "type it serves (as published on the as-of date), not already looked up by the procedure's "
        "own text and not merely shown: how many, in how many procedures, and the applicant hours and "
        "đồng a year saved by the compliance-cost model, most first. --what-if treats a source as "
        "published for more document types, e.g. one not yet published.",
        epilog="examples:\n  tinhgon sources rank ../shared/data/dvc-2026/raw\n"
        "  tinhgon sources rank ../shared/data/dvc-2026/raw --what-if "
        "provincial_store=diploma,investment_registration_certificate@2026-07-01 --format csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rank.add_argument("catalogue", nargs="?", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    rank.add_argument(
        "--volumes",
        type=Path,
        metavar="FILE",
        help="annual dossier statistics (.csv, .xlsx or a volumes.yaml store) instead of assumed volumes",
    )
    rank.add_argument(
        "--what-if",
        action="append",
        default=[],
        metavar="SOURCE=TYPE[,TYPE...][@YYYY-MM-DD]",
        help="treat SOURCE as published for these document types (from the date, default: the as-of "
        "date), or with SOURCE!=TYPE[,TYPE...] as not published for them; repeat for several",
    )
    rank.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="judge publication as of this date (default: today)",
    )
    rank.add_argument(
        "--cost-parameters", type=Path, metavar="FILE", help="default: rules/cost_parameters.yaml"
    )
    rank.add_argument("--format", choices=("md", "json", "csv"), default="md", help="default: md")
    rank.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)")
    rank.set_defaults(handler=_rank)


def _rank(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    what_ifs = [WhatIf.parse(text, as_of) for text in args.what_if]
    ranking = rank_sources(
        catalogue_with_volumes(args.catalogue, args.volumes),
        what_ifs,
        load_cost_parameters(args.cost_parameters),
        as_of,
    )
    render = {
        "md": ranking_markdown,
        "csv": ranking_csv,
        "json": lambda r: r.model_dump_json(indent=2) + "\n",
    }
    text = render[args.format](ranking)
    if args.output:
        write_bytes(args.output, [text.encode("utf-8")])
        print(f"{len(ranking.sources)} sources ranked, written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def ranking_markdown(ranking: SourceRanking) -> str:
    lines = [
        f"Ngày tính: {ranking.as_of:%d/%m/%Y}; {fixed_number(ranking.procedures)} thủ tục.",
        "",
        "| Cơ sở dữ liệu | Thành phần hồ sơ | Thủ tục | Giờ của người dân/năm | Đồng/năm | Số hồ sơ |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for s in ranking.sources:
        name = s.name_vi + (" (giả định được công bố)" if s.what_if else "")
        volumes = (
            f"giả định ở {s.estimated_volumes}/{s.procedures} thủ tục" if s.estimated_volumes else "thực tế"
        )
        if not s.procedures:
            volumes = "—"
        lines.append(
            f"| {name} | {s.components} | {s.procedures} | {fixed_number(s.hours_per_year)} | "
            f"{fixed_number(s.vnd_per_year)} | {volumes} |"
        )
    return "\n".join(lines) + "\n"


def ranking_csv(ranking: SourceRanking) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["source_id", "name_vi", "what_if", "doc_types", "components", "procedures", "hours_per_year"]
        + ["vnd_per_year", "estimated_volumes", "already_looked_up", "as_of"]
    )
    for s in ranking.sources:
        writer.writerow(
            [s.source_id, s.name_vi, s.what_if, " ".join(s.doc_types), s.components, s.procedures]
            + [s.hours_per_year, s.vnd_per_year, s.estimated_volumes, s.already_looked_up]
            + [ranking.as_of.isoformat()]
        )
    return out.getvalue()
