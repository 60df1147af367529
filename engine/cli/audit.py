"""``audit``: run the rules on a catalogue and report the findings.

A command is first looked up in the cache by the key of everything its answer depends on
(``engine.services.replay``): a repeated audit of unchanged inputs is replayed before the engine is
imported. Only when there is something to audit does ``engine.cli.audit_answer`` load the engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from engine.adapters.catalogue_files import DATA_SOURCES_FILE, VOLUMES_FILE
from engine.cli.common import CATALOGUE_HELP, KEEP_GOING_HELP, file_chunks, write_bytes
from engine.services import paths, replay
from engine.services.cache import Cache, FileDigests, default_cache_dir

# The choices of --format and --fail-on: ``engine.report.FORMATS`` and ``engine.model.Severity``'s values,
# spelled here so that a replayed audit imports neither (a test checks they agree).
FORMATS = ("json", "csv", "md")
SEVERITIES = ("high", "medium", "low")


def register(commands: argparse._SubParsersAction) -> None:
    audit_cmd = commands.add_parser(
        "audit",
        help="run the rules on a catalogue and report findings",
        description="Run every rule on every procedure of PATH and report the findings, each with its "
        "rule, target, legal basis and estimated saving. JSON output follows docs/findings.schema.json.",
        epilog="A summary (findings by rule, severity and field) ends every audit, on standard error "
        "when the report\ngoes to standard output. A progress bar shows on standard error when it is "
        "a terminal.\nThe same command on unchanged inputs (files, rules, baseline, options, date) is "
        "answered from\nthe cache folder as it was first answered.\n\n"
        "examples:\n  tinhgon audit\n"
        "  tinhgon audit ../shared/data/dvc-2026/raw --format csv -o findings.csv\n"
        "  tinhgon audit --format json -o findings.json --baseline main-findings.json --fail-on high",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    audit_cmd.add_argument("path", nargs="?", type=Path, help=CATALOGUE_HELP)
    audit_cmd.add_argument("--format", choices=FORMATS, default="md", help="report format (default: md)")
    audit_cmd.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of the Markdown report (default: vi); JSON and CSV hold both",
    )
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
        choices=SEVERITIES,
        help="exit 3 when there are findings of this severity or graver (with --baseline: new ones only)",
    )
    audit_cmd.add_argument("--keep-going", action="store_true", help=KEEP_GOING_HELP)
    audit_cmd.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    args.date = args.date or dt.date.today()  # one date for the key and the audit, even at midnight
    cache = None if args.no_cache else Cache(args.cache_dir or default_cache_dir())
    if cache is None:
        return _emit(_answer(args, None, FileDigests()), args.output)
    # The digest of each file read for the key: the audit reads them no more, the next command not at all
    # while their status is unchanged.
    inputs = _inputs(args)
    seen = replay.file_digests(cache, inputs)
    with replay.reading_ahead(inputs, seen) as cold:
        if cold:  # many files to read: the engine is loaded while another process reads them
            import engine.cli.audit_answer  # noqa: F401
    key = replay.answer_key(_options(args), inputs, seen)
    replay.keep_file_digests(cache, inputs, seen)
    answer = replay.recall(cache, key)
    if answer is not None:
        return _emit(answer, args.output)
    return _emit(_answer(args, cache, seen), args.output, partial(replay.remember, cache, key))


def _answer(args: argparse.Namespace, cache: Cache | None, seen: FileDigests) -> replay.Answer:
    from engine.cli.audit_answer import answer  # the engine: loaded only when there is an audit to run

    return answer(args, cache, seen)


def _options(args: argparse.Namespace) -> dict[str, object]:
    """Every option that shapes the answer, with paths as given (messages print them so)."""
    shaping = (
        "path",
        "format",
        "lang",
        "output",
        "rules",
        "experimental",
        "date",
        "baseline",
        "fail_on",
        "keep_going",
    )
    return {"command": "audit"} | {name: getattr(args, name) for name in shaping}


def _inputs(args: argparse.Namespace) -> list[Path | None]:
    """Every file an audit reads: the catalogue (a single file's folder may add data sources and
    volumes), the rules folder, the bundled one (generic results) and the repository's (the thesaurus is
    read from there whatever ``TINHGON_RULES`` says), the bundled data sources and the baseline."""
    catalogue = args.path or paths.catalogue_dir()
    beside = (
        [catalogue.parent / DATA_SOURCES_FILE, catalogue.parent / VOLUMES_FILE] if catalogue.is_file() else []
    )
    bundled = [paths.rules_dir(), paths.REPO_ROOT / "rules", paths.sources_file()]
    return [catalogue, *beside, args.rules, *bundled, args.baseline]


def _emit(
    answer: replay.Answer, output: Path | None, remember: Callable[[replay.Answer], None] | None = None
) -> int:
    """Write the report and print the messages as the audit first did; its exit code. ``remember`` keeps
    the answer for a replay, its report read back from the file written: a report is put together from
    the findings' blocks once, not once for the cache and again for the file."""
    if output is not None and answer.report is not None:

        def written(file: Path | None) -> None:
            if remember:
                remember(answer if file is None else replace(answer, report=file_chunks(file)))

        write_bytes(output, answer.report, written)
    elif remember:
        remember(answer)
    sys.stdout.write(answer.stdout)
    sys.stderr.write(answer.stderr)
    return answer.exit_code
