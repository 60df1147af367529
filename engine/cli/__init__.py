"""The ``tinhgon`` command line. Each command group lives in its own module with a ``register``
function that adds its sub-commands; all of them call ``engine.services``, as the workbench does."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from engine import __version__
from engine.errors import CannotRun, ExitCode, UserError, exit_codes_help

# Command modules, in the order ``tinhgon --help`` lists them.
COMMAND_MODULES = ("catalogue", "audit", "recognise", "rules", "plan", "targets", "sources", "volumes", "ui")
# The module that registers each command: a command imports only its own module (the plans' database
# layer alone took a third of a warm ``tinhgon audit``). A test checks this against the modules.
COMMANDS = {
    "validate": "catalogue",
    "audit": "audit",
    "graph": "catalogue",
    "import": "catalogue",
    "recognise": "recognise",
    "rules": "rules",
    "plan": "plan",
    "progress": "plan",
    "targets": "targets",
    "sources": "sources",
    "volumes": "volumes",
    "ui": "ui",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of ``command``'s module when it names a command."""
    parser = argparse.ArgumentParser(
        prog="tinhgon",
        description="Tinh Gọn: audit Vietnamese administrative procedures for simplification "
        "(rules on procedure graphs, data reuse, reform plans).",
        epilog=exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tinhgon {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(f"engine.cli.{name}").register(commands)
    _add_exit_codes(commands)
    return parser


def _add_exit_codes(commands: argparse._SubParsersAction) -> None:
    """End every command's ``--help`` (sub-commands too, as in ``plan create``) with the exit codes."""
    for command in commands.choices.values():
        command.epilog = f"{command.epilog}\n\n{exit_codes_help()}" if command.epilog else exit_codes_help()
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_exit_codes(action)


def main(argv: list[str] | None = None) -> int:
    """Run one command; the return value is an ``ExitCode`` (see ``tinhgon --help``)."""
    arguments = sys.argv[1:] if argv is None else argv
    try:  # imports the command's module: Ctrl-C may come meanwhile
        parser = build_parser(arguments[0] if arguments else None)
    except KeyboardInterrupt:
        return ExitCode.interrupted
    args = parser.parse_args(arguments)
    if not getattr(args, "handler", None):
        parser.print_help()
        return ExitCode.usage
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # here, not at exit: a full disk is then this command's error
        return code
    except CannotRun as error:
        print(f"tinhgon: error: {error}", file=sys.stderr)
        return ExitCode.cannot_run
    except UserError as error:
        print(f"tinhgon: error: {error}", file=sys.stderr)
        return ExitCode.invalid_input
    except KeyboardInterrupt:
        return ExitCode.interrupted
    except BrokenPipeError:
        return ExitCode.ok
    except OSError as error:
        if error.errno not in _NO_ROOM:
            return _bug(error)
        print(f"tinhgon: error: the output cannot be written: {error.strerror}", file=sys.stderr)
        return ExitCode.cannot_run
    except Exception as error:
        return _bug(error)


# A full disk or quota, on standard output or any file written: the output, not tinhgon, is at fault.
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _bug(error: Exception) -> int:
    """A bug: one line and a way to get the traceback, not a wall of text."""
    if os.environ.get("TINHGON_DEBUG"):
        raise error
    print(
        f"tinhgon: internal error: {type(error).__name__}: {error}\n"
        "This is a bug in tinhgon; please report it with the command you ran "
        "(TINHGON_DEBUG=1 shows the traceback).",
        file=sys.stderr,
    )
    return ExitCode.internal_error


if __name__ == "__main__":
    sys.exit(main())
