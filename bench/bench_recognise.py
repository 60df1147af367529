"""Benchmark the document recogniser on every dossier row of the raw portal catalogue.

    python bench/bench_recognise.py [RAW_FOLDER]
    python bench/bench_recognise.py [RAW_FOLDER] --sample N [--seed S] [--tricky SHARE] > sample.csv

The first form splits every record's ``thanh_phan_ho_so`` into rows, recognises them all and prints the
row count, the time, rows per second and peak memory. The second draws distinct rows stratified by ministry
(a ``--tricky`` share of them among rows naming a document word, so that forms, alternatives and notes are
well represented) and prints them as CSV with an empty ``expected_types`` column, to be labelled by hand.
``tests/fixtures/labelled_components.csv`` holds ``--sample 340 --seed 2026`` (374 rows), then the rows of
``--sample 150 --seed 2027 --tricky 1.0`` not already drawn (226 rows), labelled by reading each; then a
holdout of 100 rows, ``random.Random(2028).sample(rows, 100)`` of the rows of ``--sample 60 --seed 2028
--tricky 1.0`` not already drawn, labelled before the recogniser was first run on them.

The splitter here is deliberately simple (rows end in ``N bản chính`` / ``N bản sao``); the importer
owns the real parsing of records.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from engine.recognise import DEFAULT_THESAURUS, Recogniser, load_thesaurus
from engine.recognise.text import fold

DEFAULT_RAW = Path("/work/shared/data/dvc-2026/raw")

# A row ends in its counts: "1 bản chính", "0 bản chính,1 bản sao", "2 bản sao". Counts are one digit:
# a template name or a date glued before the count ("Mẫu 02" + "1 bản chính") must stay in the text.
_ROW_END = re.compile(r"\d\s*bản\s*chính(?:\s*,?\s*\d\s*bản\s*sao)?|\d\s*bản\s*sao")
# Table headers ("* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng") run into the first row.
_TABLE_HEADER = re.compile(r"^.*Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng", re.DOTALL)
# Words that name a document: rows holding one are over-sampled, being the interesting ones.
_DOCUMENT_WORDS = re.compile(
    r"can cuoc|cccd|cmnd|chung minh|ho chieu|ho khau|tam tru|cu tru|khai sinh|chung sinh|ket hon|hon nhan|"
    r"khai tu|chung tu|bao tu|ly lich|dang ky doanh nghiep|kinh doanh|quyen su dung dat|giay phep|"
    r"bao hiem|lai xe|dang ky xe|uy quyen|suc khoe|van bang|chung chi|dang ky dau tu|hop tac xa|"
    r"bao cao tai chinh|tuy than|nhan than"
)
# Small ministries still get enough rows to show their own phrasing.
_MIN_PER_MINISTRY = 40


def split_rows(thanh_phan_ho_so: str) -> list[str]:
    """The dossier rows of one record's ``thanh_phan_ho_so``, without their counts and table headers."""
    rows, start = [], 0
    for end in _ROW_END.finditer(thanh_phan_ho_so):
        row = _TABLE_HEADER.sub("", thanh_phan_ho_so[start : end.start()]).strip()
        start = end.end()
        if row:
            rows.append(row)
    return rows


def catalogue_rows(raw: Path) -> Iterator[tuple[str, str, str]]:
    """(ministry, procedure code, row text) for every dossier row of every record under ``raw``; a file that
    is not a JSON record is reported on standard error and skipped."""
    for path in sorted(raw.glob("*/*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"bench_recognise: {path}: skipped, not a JSON record: {error}", file=sys.stderr)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("thanh_phan_ho_so") or "", str):
            print(f"bench_recognise: {path}: thanh_phan_ho_so: skipped, not text", file=sys.stderr)
            continue
        for row in split_rows(record.get("thanh_phan_ho_so") or ""):
            yield path.parent.name, str(record.get("ma_thu_tuc") or path.stem), row


def bench(raw: Path) -> None:
    """Recognise every row and print count, time, throughput and peak memory.

    Time is measured on its own: tracing memory allocations slows Python several times over, so peak memory
    comes from a second, traced pass.
    """
    rows = [text for _, _, text in catalogue_rows(raw)]
    started = time.perf_counter()
    recogniser = Recogniser(load_thesaurus(DEFAULT_THESAURUS))
    loaded = time.perf_counter()
    recognised = sum(1 for text in rows if recogniser.recognise(text).type)
    elapsed = time.perf_counter() - loaded
    tracemalloc.start()
    traced = Recogniser(load_thesaurus(DEFAULT_THESAURUS))
    for text in rows:
        traced.recognise(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"rows:           {len(rows)}")
    print(f"recognised:     {recognised} ({recognised / max(len(rows), 1):.1%})")
    print(f"thesaurus load: {loaded - started:.3f} s")
    print(f"recognise time: {elapsed:.3f} s")
    print(f"rows/s:         {len(rows) / elapsed:,.0f}")
    print(f"peak memory:    {peak / 2**20:.1f} MiB allocated while loading the thesaurus and recognising")
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(f"max RSS:        {rss_mib:.0f} MiB (whole process, rows included)")


def sample(raw: Path, size: int, seed: int, tricky: float) -> None:
    """Print a CSV sample for hand labelling, stratified by ministry; ``tricky`` is the share of rows
    drawn among those naming a document word."""
    by_ministry: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[str] = set()
    for ministry, code, text in catalogue_rows(raw):
        if text not in seen:
            seen.add(text)
            by_ministry[ministry].append((code, text))
    total = sum(len(rows) for rows in by_ministry.values())
    rng = random.Random(seed)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "text", "expected_types", "note"])
    for ministry in sorted(by_ministry):
        rows = by_ministry[ministry]
        share = min(len(rows), max(_MIN_PER_MINISTRY, round(size * len(rows) / total)))
        candidates = [row for row in rows if _DOCUMENT_WORDS.search(fold(row[1]))]
        picked = rng.sample(candidates, min(len(candidates), round(share * tricky)))
        rest = [row for row in rows if row not in picked]
        picked += rng.sample(rest, min(len(rest), share - len(picked)))
        for code, text in picked:
            writer.writerow([code, text, "", ministry])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "raw", nargs="?", type=Path, default=DEFAULT_RAW, help="folder of <ministry>/<code>.json"
    )
    parser.add_argument("--sample", type=int, metavar="N", help="print N rows as CSV for labelling instead")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--tricky", type=float, default=0.5, help="share of sampled rows naming a document word"
    )
    args = parser.parse_args()
    if not args.raw.is_dir():
        sys.exit(f"bench_recognise: {args.raw}: no such folder")
    if args.sample:
        sample(args.raw, args.sample, args.seed, args.tricky)
    else:
        bench(args.raw)


if __name__ == "__main__":
    main()
