"""What ``tinhgon audit`` answers when it has to audit: the report, the summary, the messages and the exit
code, collected (not printed) so that the cache can replay them (``engine.cli.audit``)."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable

from engine.cli.common import input_verdict, needs_procedures, report_problems
from engine.cli.progress import ProgressLine
from engine.errors import CannotRun, ExitCode, UserError
from engine.model import Severity
from engine.report import render_findings, render_json
from engine.report.summary import format_summary
from engine.services.audit import load_rulebook
from engine.services.baseline import at_or_above, compare, read_baseline
from engine.services.cache import Cache, FileDigests
from engine.services.incremental import audit_catalogue
from engine.services.replay import Answer
from engine.services.rules_info import rule_standings
from engine.services.summary import summarise


def answer(args: argparse.Namespace, cache: Cache | None, seen: FileDigests) -> Answer:
    """Audit as ``args`` say, from and into ``cache``, with the files' digests through ``seen``
    (``engine.services.cache.FileDigests``: those read for the replay key are not read again). What
    stops the audit (no valid rules, nothing valid read) is raised, with the problems found so far
    printed, and is not kept."""
    baseline = read_baseline(args.baseline) if args.baseline else None  # fail before the long part
    rulebook = load_rulebook(args.rules, include_experimental=args.experimental)
    if not rulebook.rules:
        report_problems(rulebook.problems)
        raise CannotRun("no valid rules to run")
    run = audit_catalogue(args.path, rulebook, args.date, cache, args.workers, ProgressLine("auditing"), seen)
    problems = run.problems + rulebook.problems
    out, err = io.StringIO(), io.StringIO()
    report_problems(problems, err)
    try:
        needs_procedures(run.fields, run.files_read, len(run.problems), args.path)
    except UserError:
        sys.stderr.write(err.getvalue())
        raise
    # What the findings tally, and a JSON report, need no objects: they are built only for the other
    # formats and a baseline (engine.services.packed_findings).
    tallies = run.packed.tallies()
    diff = compare(run.result.findings, baseline, run.packed.rules) if baseline else None
    summary = summarise(tallies, run.fields, len(problems), diff)
    standings = rule_standings(rulebook)
    report: Iterable[bytes]
    if args.format == "json":
        report = render_json(run.packed, tallies, run.packed.fragments, diff, summary, standings)
    else:
        report = (
            render_findings(run.result, args.format, diff, summary, standings, args.lang).encode("utf-8"),
        )
    if args.output:
        print(f"{len(tallies)} findings written to {args.output}", file=out)
        print(format_summary(summary), file=out)
    else:
        out.write(b"".join(report).decode("utf-8"))
        print(format_summary(summary), file=err)
    verdict = input_verdict(problems, args.keep_going, err)
    if verdict == ExitCode.ok:
        severities = [f.severity.value for f in diff.new] if diff else [t.severity for t in tallies]
        verdict = _gate(severities, args.fail_on, diff is not None, err)
    return Answer(out.getvalue(), err.getvalue(), int(verdict), report if args.output else None)


def _gate(severities: list[str], fail_on: str | None, new_only: bool, err: io.StringIO) -> ExitCode:
    """Exit 3 when findings of the ``--fail-on`` severity or graver remain (of their ``severities``)."""
    if not fail_on:
        return ExitCode.ok
    over = at_or_above(severities, Severity(fail_on))
    if not over:
        return ExitCode.ok
    kind = "new findings" if new_only else "findings"
    print(
        f"{len(over)} {kind} of severity {fail_on} or graver: exit {int(ExitCode.findings)} (--fail-on)",
        file=err,
    )
    return ExitCode.findings
