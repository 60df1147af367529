"""``volumes import``: annual dossier statistics into the catalogue's store (docs/volumes.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import CATALOGUE_HELP
from engine.services.catalogue import Catalogue, load_catalogue
from engine.services.volumes import apply_volumes, import_volumes, store_path


def register(commands: argparse._SubParsersAction) -> None:
    volumes = commands.add_parser(
        "volumes",
        help="import annual dossier statistics (received, online, on time, late) per procedure",
        description="Annual dossier statistics per procedure, from a provincial one-stop system's "
        "report in the template of docs/volumes.md (CSV or Excel).",
    )
    sub = volumes.add_subparsers(dest="volumes_command", metavar="ACTION", required=True)
    imports = sub.add_parser(
        "import",
        help="add a statistics file to the catalogue's volumes.yaml",
        description="Read FILE (.csv or .xlsx), check each row (known procedure code, whole "
        "non-negative counts, no duplicate procedure and year) and store the good rows, with their "
        "source and year, in the catalogue's volumes.yaml. Bad rows are listed by number and left out; "
        "the others are stored; the exit code is 1 when any row was bad.",
        epilog="example:\n  tinhgon volumes import docs/volumes/example.csv "
        "--source 'Hệ thống giải quyết TTHC tỉnh Bắc Ninh'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="statistics file, .csv or .xlsx")
    imports.add_argument("--source", help="the report or system the figures come from (for rows without one)")
    imports.add_argument("--catalogue", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    imports.add_argument(
        "--into", type=Path, metavar="STORE", help="volumes file to add to (default: CATALOGUE/volumes.yaml)"
    )
    imports.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.catalogue)
    folder = args.catalogue if args.catalogue and args.catalogue.is_dir() else None
    store = args.into or store_path(folder)
    imported, merged = import_volumes(args.file, catalogue, store, args.source)
    for problem in imported.problems:
        print(f"invalid: {problem}", file=sys.stderr)
    print(
        f"{imported.rows_read} rows read, {len(imported.records)} stored, {len(imported.problems)} reported; "
        f"{store} now holds {len(merged.records)} records"
    )
    return 1 if imported.problems else 0


def catalogue_with_volumes(path: Path | None, volumes: Path | None) -> Catalogue:
    """The catalogue at ``path``, with the volumes of ``volumes`` applied when given."""
    catalogue = load_catalogue(path)
    if volumes:
        apply_volumes_reporting(catalogue, volumes)
    return catalogue


def apply_volumes_reporting(catalogue: Catalogue, volumes: Path) -> None:
    """Apply ``volumes`` to ``catalogue``, printing each bad row and how many volumes are now counted."""
    for problem in apply_volumes(catalogue, volumes):
        print(f"invalid: {problem}", file=sys.stderr)
    counted = sum(1 for p in catalogue.procedures if p.annual_volume and not p.annual_volume.estimate)
    print(f"{counted} procedures with counted volumes from {volumes}", file=sys.stderr)
