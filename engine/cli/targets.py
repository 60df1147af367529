"""``targets list`` and ``targets reach``: the reform targets, and how far the candidates go."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

from engine.cli.common import CATALOGUE_HELP, write_bytes
from engine.cli.volumes import catalogue_with_volumes
from engine.formatting import fixed_number
from engine.plans.progress import Goal, Metric, Scope, load_targets
from engine.services.targets import ALL_MEASURES, ReachReport, TargetReach, candidate_reach


def register(commands: argparse._SubParsersAction) -> None:
    targets = commands.add_parser(
        "targets",
        help="the reform targets, and how far accepting the candidates would go",
        description="The targets of rules/targets.yaml, and what accepting every candidate measure "
        "(one per finding) of each kind would achieve against each of them.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--targets", type=Path, metavar="FILE", help="targets file (default: rules/targets.yaml)"
    )
    common.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="judge deadlines as of this date (default: today)",
    )
    sub = targets.add_subparsers(dest="targets_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", parents=[common], help="each target with its reference and deadline")
    listing.set_defaults(handler=_list)
    reach = sub.add_parser(
        "reach",
        parents=[common],
        help="for each kind of measure, the targets' progress if all its candidates were accepted",
        description="Audit CATALOGUE (experimental rules included unless --default-only), propose one "
        "measure per finding, and for each kind of measure project a plan accepting all of them: what "
        "it gives against each target, and the gap that remains. The last row accepts every kind.",
        epilog="example:\n  tinhgon targets reach ../shared/data/dvc-2026/raw --format md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    reach.add_argument("catalogue", nargs="?", type=Path, metavar="CATALOGUE", help=CATALOGUE_HELP)
    reach.add_argument(
        "--volumes",
        type=Path,
        metavar="FILE",
        help="annual dossier statistics (.csv, .xlsx or a volumes.yaml store) instead of assumed volumes",
    )
    reach.add_argument("--default-only", action="store_true", help="leave experimental rules out")
    reach.add_argument(
        "--by-rule", action="store_true", help="one row per rule instead of per kind of measure"
    )
    reach.add_argument("--format", choices=("md", "json", "csv"), default="md", help="default: md")
    reach.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)")
    reach.set_defaults(handler=_reach)


def _list(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    for t in load_targets(args.targets).targets:
        state = "đã quá hạn" if t.passed(as_of) else "còn hạn"
        verb = "giảm" if t.goal == Goal.reduce else "đạt"
        print(f"{t.label_vi}: {verb} {t.share:.0%}, hạn {t.deadline:%d/%m/%Y} ({state})")
        print(f"    căn cứ: {t.reference} (đặt ngày {t.date:%d/%m/%Y})")
    return 0


def _reach(args: argparse.Namespace) -> int:
    catalogue = catalogue_with_volumes(args.catalogue, args.volumes)
    report = candidate_reach(
        catalogue,
        targets=load_targets(args.targets),
        as_of=args.as_of,
        include_experimental=not args.default_only,
        by_rule=args.by_rule,
    )
    render = {"md": reach_markdown, "csv": reach_csv, "json": lambda r: r.model_dump_json(indent=2) + "\n"}
    text = render[args.format](report)
    if args.output:
        write_bytes(args.output, [text.encode("utf-8")])
        print(f"reach of {len(report.rows)} kinds of measure written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%".replace(".", ",")


METRIC_SHORT_VI = {
    Metric.procedures: "Số thủ tục",
    Metric.time: "Thời gian",
    Metric.cost: "Chi phí",
    Metric.online: "Trực tuyến",
    Metric.digital_inspection: "Kiểm tra số",
}


def _short(t: TargetReach) -> str:
    """A column heading: metric, required change, scope and deadline year ("Chi phí −30% KD 2025")."""
    sign = "−" if t.goal == Goal.reduce else ""
    business = " KD" if t.scope == Scope.business else ""
    return f"{METRIC_SHORT_VI[t.metric]} {sign}{t.required * 100:.0f}%{business} {t.deadline.year}"


def reach_markdown(report: ReachReport) -> str:
    """One row per kind of measure: candidates, procedures cut, then each target's share achieved."""
    targets = report.rows[0].targets if report.rows else []
    lines = [
        f"Thủ tục: {fixed_number(report.procedures)}"
        + f"; ngày tính: {report.as_of:%d/%m/%Y}; "
        + ("gồm cả quy tắc thử nghiệm" if report.experimental_included else "chỉ quy tắc mặc định")
        + f"; số hồ sơ/năm: thực tế ở {report.counted_volumes} thủ tục, giả định ở {report.assumed_volumes}.",
        "",
        f"| {'Quy tắc' if report.by_rule else 'Loại phương án'} | Đề xuất | Thủ tục cắt giảm | "
        + "Cắt giảm hoặc đơn giản hóa | "
        + " | ".join(_short(t) for t in targets)
        + " |",
        "|---|---:|---:|---:|" + "---:|" * len(targets),
    ]
    for row in report.rows:
        overall = row.counts[0]
        rule = f" ({row.measure})" if report.by_rule and row.measure != ALL_MEASURES else ""
        name = row.label_vi + rule + (" ¹" if row.experimental else "")
        lines.append(
            f"| {name} | {row.candidates} | {overall.cut} | {overall.cut_or_simplified} | "
            + " | ".join(_percent(t.achieved) for t in row.targets)
            + " |"
        )
    if report.rows:
        last = report.rows[-1]
        lines.append(
            "| **Còn thiếu (nếu chấp thuận tất cả)** | | | | "
            + " | ".join(_percent(t.gap) for t in last.targets)
            + " |"
        )
        lines += ["", "| Mục tiêu | Yêu cầu | Thời hạn |", "|---|---:|---|"]
        for t in last.targets:
            state = "đã quá hạn" if t.passed else "còn hạn"
            estimate = " (ước tính)" if t.estimate else ""
            lines.append(
                f"| {t.label_vi}{estimate} | {_percent(t.required)} | {t.deadline:%d/%m/%Y} ({state}) |"
            )
    experimental = (
        "¹ gồm đề xuất của quy tắc thử nghiệm (chưa đạt 90% trên 40 phát hiện được đánh giá, "
        "docs/precision.md). "
        if any(row.experimental for row in report.rows)
        else ""
    )
    lines += ["", experimental + "KD: thủ tục liên quan đến hoạt động kinh doanh."]
    return "\n".join(lines) + "\n"


def reach_csv(report: ReachReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["measure", "label_vi", "candidates", "procedures", "cut", "cut_or_simplified", "experimental"]
        + ["target", "required", "achieved", "gap", "met", "deadline", "passed", "estimate"]
    )
    for row in report.rows:
        overall = row.counts[0]
        for t in row.targets:
            writer.writerow(
                [row.measure, row.label_vi, row.candidates, row.procedures, overall.cut]
                + [overall.cut_or_simplified, row.experimental, t.target_id, t.required, t.achieved, t.gap]
                + [t.met, t.deadline.isoformat(), t.passed, t.estimate]
            )
    return out.getvalue()
