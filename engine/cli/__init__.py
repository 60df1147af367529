"""The ``tinhgon`` command line. Each command group lives in its own module with a ``register``
function that adds its sub-commands; all of them call ``engine.services``, as the workbench does."""

from __future__ import annotations

import argparse
import importlib
import sys

from engine import __version__
from engine.errors import UserError

# Command modules, in the order ``tinhgon --help`` lists them.
COMMAND_MODULES = ("catalogue", "recognise", "rules", "plan", "targets", "sources", "volumes", "ui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tinhgon",
        description="Tinh Gọn: audit Vietnamese administrative procedures for simplification "
        "(rules on procedure graphs, data reuse, reform plans).",
    )
    parser.add_argument("--version", action="version", version=f"tinhgon {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"engine.cli.{name}").register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"tinhgon: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
