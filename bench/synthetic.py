"""Synthetic portal catalogues N times the size of the real one, with the real data's distributions.

    python bench/synthetic.py OUT --factor 10 [--source ../shared/data/dvc-2026/raw] [--seed 2026]

Writes ``factor`` × 2,119 records under ``OUT/<ministry>/<code>.json`` by cloning the portal's
development records (``--source``, skipping the frozen evaluation split) round after round. Round 0
copies them as they are; each later round gives every clone a new code, a province in its name, time limits
scaled by 0.5–2×, its agencies named as that province's, and one dossier component in five dropped.
Field, levels, steps, results and the rest of the dossier stay as published: provinces publish variants
of the same national procedure, so the clones keep the real mix of fields, peers, document types and
dossier sizes, and each province's variants of one licence form their own family.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

from engine.evaluation.split import is_evaluation

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = (REPO / ".." / "shared" / "data" / "dvc-2026" / "raw").resolve()
REAL_SIZE = 2119  # records in ../shared/data/dvc-2026/raw
PROVINCES = ("Bắc Ninh", "Hà Nội", "Đà Nẵng", "Cần Thơ", "Lào Cai", "Khánh Hòa", "Nghệ An", "An Giang")
_DAYS = re.compile(r"(\d+)( Ngày| Giờ| Tháng)")
# A dossier row ends in its counts ("…1 bản chính", "…0 bản chính,1 bản sao").
_ROW = re.compile(r"[^\n]*?\d bản chính(?:,\s?\d bản sao)?")


def clone(record: dict, round_: int, rng: random.Random) -> dict:
    """A perturbed copy of ``record`` for round ``round_`` (> 0), with a new code."""
    copy = dict(record)
    copy["ma_thu_tuc"] = f"{record['ma_thu_tuc']}-{round_}"
    province = rng.choice(PROVINCES)
    copy["ten_thu_tuc"] = f"{record['ten_thu_tuc']} ({province})"
    for agency in ("co_quan_thuc_hien", "co_quan_co_tham_quyen"):
        if isinstance(copy.get(agency), str) and copy[agency].strip():
            copy[agency] = f"{copy[agency].rstrip(' .')} {province} (vùng {round_})"
    scale = rng.choice((0.5, 0.75, 1, 1, 1.5, 2))
    for field in ("cach_thuc_thuc_hien", "raw_text"):
        if isinstance(copy.get(field), str):
            copy[field] = _DAYS.sub(lambda m: f"{max(1, round(int(m[1]) * scale))}{m[2]}", copy[field])
    dossier = copy.get("thanh_phan_ho_so")
    if isinstance(dossier, str) and rng.random() < 0.2:
        rows = _ROW.findall(dossier)
        if len(rows) > 2:
            copy["thanh_phan_ho_so"] = dossier.replace(rng.choice(rows[1:]), "", 1)
    return copy


def make_catalogue(source: Path, out: Path, factor: int, seed: int = 2026) -> int:
    """Write ``factor`` × REAL_SIZE records under ``out``; returns how many were written."""
    records = [path for path in sorted(source.glob("*/*.json")) if not is_evaluation(path.stem)]
    if not records:
        raise SystemExit(f"synthetic: no records under {source}")
    shutil.rmtree(out, ignore_errors=True)
    rng = random.Random(seed)
    target, written, round_ = factor * REAL_SIZE, 0, 0
    while written < target:
        for path in records:
            if written == target:
                break
            folder = out / path.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            if round_ == 0:
                shutil.copyfile(path, folder / path.name)
            else:
                record = clone(json.loads(path.read_bytes()), round_, rng)
                text = json.dumps(record, ensure_ascii=False)
                (folder / f"{record['ma_thu_tuc']}.json").write_text(text, encoding="utf-8")
            written += 1
        round_ += 1
    return written


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    count = make_catalogue(args.source, args.out, args.factor, args.seed)
    print(f"{count} records written under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
