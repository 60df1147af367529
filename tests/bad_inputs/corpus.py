"""The bad-input corpus: files no reader may crash on, generated so that no binary file is committed.

Each ``BadInput`` is one file of one kind (portal or national JSON records, procedure YAML, rule
packs, list spreadsheets), placed among good ones by ``tests/bad_inputs/test_bad_inputs.py``.
``rejected`` inputs must give a message naming the file (and ``where``: field or line) and a
non-zero exit; ``repaired`` ones (a byte-order mark, NFD text, escaped control characters) are read
cleanly and imported. ``python -m tests.bad_inputs.corpus OUT`` writes every file into OUT to look at.
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HAND = REPO / "procedures" / "hand"
NATIONAL = json.loads((REPO / "tests" / "fixtures" / "national" / "realistic.json").read_text("utf-8"))
BIRTH = (HAND / "1.001193.yaml").read_text(encoding="utf-8")

BAD_CODE = "9.900099"  # the code every bad record would have, had it been imported


def portal(code: str = BAD_CODE, **fields: object) -> dict[str, object]:
    """A small valid portal record; ``fields`` change or add keys."""
    record: dict[str, object] = {
        "ma_thu_tuc": code,
        "ten_thu_tuc": "Cấp giấy phép thử nghiệm",
        "cap_thuc_hien": "Cấp tỉnh",
        "linh_vuc": "Thử nghiệm",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ. Bước 2: Trả kết quả.",
        "cach_thuc_thuc_hien": "",
        "thanh_phan_ho_so": "Bản sao Giấy khai sinh",
        "ket_qua_xu_ly": "Giấy phép",
        "can_cu_phap_ly": "",
    }
    record.update(fields)
    return record


def dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class BadInput:
    name: str
    kind: str  # portal | national | yaml | rules | lists
    file: str  # its file name among the good ones
    content: Callable[[], bytes]
    where: str = ""  # the field or line the message must name
    repaired: bool = False  # read cleanly (and imported) rather than rejected


def _deep_json(depth: int) -> bytes:
    return b'{"ma_thu_tuc": "9.900099", "ten_thu_tuc": ' + b"[" * depth + b"]" * depth + b"}"


def _nested_national(depth: int) -> bytes:
    inner: object = "Nộp hồ sơ"
    for _ in range(depth):
        inner = {"TRINHTU": [inner]}
    return dumps({**NATIONAL, "MaTTHC": BAD_CODE, "TRINHTUTHUCHIEN": [inner]})


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


LIST_HEADER = ["STT", "Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]


def good_list() -> bytes:
    return _xlsx([["Danh sách thủ tục"], LIST_HEADER, [1, "1.000001", "Thủ tục A", "Bộ X", "Sở Y", "Z"]])


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return out.getvalue()


def _broken_sheet_xml() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(good_list()))
    members = {name: good.read(name) for name in good.namelist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r='A1' t="
    return _zip(members)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _birth(old: str, new: str) -> bytes:
    assert old in BIRTH, old
    return BIRTH.replace(old, new, 1).encode("utf-8")


def _escaped_name(text: bytes) -> bytes:
    """The procedure's name written with YAML escapes for a bell, a NUL and an escape character."""
    lines = text.split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(b"name: "))
    lines[at] = 'name: "\\aĐăng ký\\0 khai sinh\\e"'.encode()
    return b"\n".join(lines)


def _rule(**changes: object) -> bytes:
    rule = {
        "id": "TG-BAD-RULE",
        "title_vi": "Quy tắc hỏng",
        "title_en": "Broken rule",
        "kind": "reuse",
        "severity": "low",
        "measure": "cut_component",
        "rationale": "test",
        "references": [{"number": "63/2010/NĐ-CP"}],
        "when": {"fact": "component", "all": [{"field": "copies", "op": "gt", "value": 0}]},
        "message_vi": "{label}",
        "message_en": "{label}",
    }
    rule.update(changes)
    return ("pack: bad\nrules: " + json.dumps([rule], ensure_ascii=False) + "\n").encode("utf-8")


_WIN1258_RECORD = json.dumps(
    portal(ten_thu_tuc="Đăng ký thường trú cho người ở nước ngoài"), ensure_ascii=False
)
_BILLION_LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

CORPUS: list[BadInput] = [
    # --- National Public Service Portal records (JSON) ---
    BadInput("portal-deep-nesting", "portal", "deep.json", lambda: _deep_json(100_000)),
    BadInput("portal-nesting-past-limit", "portal", "nested.json", lambda: _deep_json(200), "ten_thu_tuc"),
    BadInput(
        "portal-huge-field",
        "portal",
        "huge.json",
        lambda: dumps(portal(raw_text="x" * 1_200_000)),
        "raw_text",
    ),
    BadInput("portal-huge-file", "portal", "big.json", lambda: dumps(portal(ghi_chu=["y" * 900_000] * 19))),
    BadInput("portal-binary", "portal", "binary.json", lambda: bytes(range(256)) * 8),
    BadInput(
        "portal-png", "portal", "image.json", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    ),
    BadInput("portal-empty-file", "portal", "empty.json", lambda: b""),
    BadInput(
        "portal-windows-1258",
        "portal",
        "cp1258.json",
        lambda: _WIN1258_RECORD.encode("cp1258", errors="replace"),
        "line 1",
    ),
    BadInput(
        "portal-latin-1",
        "portal",
        "latin1.json",
        lambda: dumps(portal())[:-1] + b', "x": "caf\xe9"}',
        "line 1",
    ),
    BadInput(
        "portal-nan", "portal", "nan.json", lambda: dumps(portal())[:-1] + b', "so_ngay": NaN}', "line 1"
    ),
    BadInput(
        "portal-infinity", "portal", "inf.json", lambda: dumps(portal())[:-1] + b', "so_ngay": -Infinity}'
    ),
    BadInput(
        "portal-overflowing-float",
        "portal",
        "big-float.json",
        lambda: dumps(portal())[:-1] + b', "n": 1e999}',
    ),
    BadInput(
        "portal-huge-integer",
        "portal",
        "big-int.json",
        lambda: dumps(portal())[:-1] + b', "n": ' + b"9" * 5000 + b"}",
    ),
    BadInput(
        "portal-raw-control-character",
        "portal",
        "control.json",
        lambda: dumps(portal()).replace("thử nghiệm".encode(), b"th\x01"),
        "line 1",
    ),
    BadInput("portal-truncated", "portal", "truncated.json", lambda: dumps(portal())[:150], "line 1"),
    BadInput(
        "portal-truncated-mid-character",
        "portal",
        "cut-char.json",
        lambda: dumps(portal())[: dumps(portal()).index("ấ".encode()) + 1],
    ),
    BadInput("portal-top-level-list", "portal", "list.json", lambda: b"[1, 2, 3]"),
    BadInput("portal-top-level-string", "portal", "string.json", lambda: b'"ma_thu_tuc"'),
    BadInput("portal-null", "portal", "null.json", lambda: b"null"),
    BadInput(
        "portal-name-is-a-number",
        "portal",
        "types.json",
        lambda: dumps(portal(ten_thu_tuc=123)),
        "ten_thu_tuc",
    ),
    BadInput(
        "portal-steps-are-a-mapping",
        "portal",
        "types2.json",
        lambda: dumps(portal(trinh_tu_thuc_hien={"buoc": 1})),
        "trinh_tu_thuc_hien",
    ),
    BadInput(
        "portal-code-is-an-object", "portal", "code.json", lambda: dumps(portal(code={"a": 1})), "ma_thu_tuc"
    ),
    BadInput(
        "portal-missing-name", "portal", "noname.json", lambda: dumps({"ma_thu_tuc": BAD_CODE}), "ten_thu_tuc"
    ),
    BadInput(
        "portal-empty-name", "portal", "blank.json", lambda: dumps(portal(ten_thu_tuc="  ")), "ten_thu_tuc"
    ),
    BadInput(
        "portal-duplicate-code",
        "portal",
        "zz-duplicate.json",
        lambda: dumps(portal(code="9.900001")),
        "ma_thu_tuc",
    ),
    BadInput(
        "portal-code-escaping-the-folder",
        "portal",
        "escape.json",
        lambda: dumps(portal(code="../../../tmp/tinhgon-escape")),
        "ma_thu_tuc",
    ),
    BadInput(
        "portal-code-absolute-path",
        "portal",
        "absolute.json",
        lambda: dumps(portal(code="/etc/passwd")),
        "ma_thu_tuc",
    ),
    # Read cleanly: what a reader must repair rather than refuse.
    BadInput(
        "portal-utf-16-with-bom",
        "portal",
        "utf16.json",
        lambda: "\ufeff".encode("utf-16-le") + json.dumps(portal(), ensure_ascii=False).encode("utf-16-le"),
        repaired=True,
    ),
    BadInput(
        "portal-utf-16-without-bom",
        "portal",
        "utf16be.json",
        lambda: json.dumps(portal(), ensure_ascii=False).encode("utf-16-be"),
        repaired=True,
    ),
    BadInput(
        "portal-utf-8-bom", "portal", "bom.json", lambda: b"\xef\xbb\xbf" + dumps(portal()), repaired=True
    ),
    BadInput(
        "portal-nfd-text",
        "portal",
        "nfd.json",
        lambda: dumps({k: _nfd(v) if isinstance(v, str) else v for k, v in portal().items()}),
        repaired=True,
    ),
    BadInput(
        "portal-escaped-control-characters",
        "portal",
        "escaped.json",
        lambda: json.dumps(portal(ten_thu_tuc="Cấp giấy\u0000 phép\u0007 thử\u009b nghiệm\ud800")).encode(),
        repaired=True,
    ),
    BadInput(  # a list field of 300,000 characters: splitting it was quadratic (minutes), now linear
        "portal-huge-list-field",
        "portal",
        "huge-list.json",
        lambda: dumps(portal(doi_tuong_thuc_hien="Công dân Việt Nam (trong nước, nước ngoài), " * 6_700)),
        repaired=True,
    ),
    BadInput(
        "portal-unknown-fields",
        "portal",
        "extra.json",
        lambda: dumps(portal(truong_la=[1, {"a": None}])),
        repaired=True,
    ),
    # --- national package records (JSON, upper-case keys) ---
    BadInput("national-nesting-past-limit", "national", "n-deep.json", lambda: _nested_national(80)),
    BadInput(
        "national-level-is-a-list",
        "national",
        "n-level.json",
        lambda: dumps({**NATIONAL, "MaTTHC": BAD_CODE, "CAPTHUCHIEN": [{"x": 1}]}),
        repaired=False,
    ),
    BadInput(
        "national-dossier-is-text",
        "national",
        "n-dossier.json",
        lambda: dumps({**NATIONAL, "MaTTHC": BAD_CODE, "THANHPHANHOSO": "một chuỗi"}),
    ),
    BadInput(
        "national-missing-code", "national", "n-nocode.json", lambda: dumps({**NATIONAL, "MaTTHC": None})
    ),
    BadInput(
        "national-code-escaping-the-folder",
        "national",
        "n-escape.json",
        lambda: dumps({**NATIONAL, "MaTTHC": "../../x"}),
    ),
    BadInput(
        "national-name-is-a-list",
        "national",
        "n-name.json",
        lambda: dumps({**NATIONAL, "MaTTHC": BAD_CODE, "TENTTHC": [1]}),
    ),
    BadInput(
        "national-nan-copies",
        "national",
        "n-nan.json",
        lambda: dumps({**NATIONAL, "MaTTHC": BAD_CODE})[:-1] + b', "HoSoPhatSinhTrongNam": NaN}',
    ),
    BadInput(
        "national-wrapper-of-garbage", "national", "n-wrap.json", lambda: dumps({"data": [1, "a", None, [2]]})
    ),
    # --- procedure YAML ---
    BadInput("yaml-malformed", "yaml", "malformed.yaml", lambda: b"code: [unclosed\nname: x\n", "line 2"),
    BadInput(
        "yaml-bad-indentation", "yaml", "indent.yaml", lambda: b"code: 9.1\n name: x\n\tlevels: []\n", "line"
    ),
    BadInput(
        "yaml-python-object-tag",
        "yaml",
        "tag.yaml",
        lambda: b'code: !!python/object/apply:os.system ["touch /tmp/tinhgon-pwned"]\nname: x\n',
        "line 1",
    ),
    BadInput("yaml-alias-bomb", "yaml", "laughs.yaml", lambda: _BILLION_LAUGHS.encode()),
    BadInput("yaml-recursive-alias", "yaml", "recursive.yaml", lambda: b"code: &a [*a]\nname: x\n", "code"),
    BadInput(
        "yaml-deep-flow-nesting", "yaml", "deep.yaml", lambda: b"code: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    ),
    BadInput(
        "yaml-nesting-past-limit",
        "yaml",
        "nested.yaml",
        lambda: b"code: " + b"[" * 100 + b"]" * 100 + b"\n",
        "code",
    ),
    BadInput(
        "yaml-wrong-type",
        "yaml",
        "types.yaml",
        lambda: _birth("originals: 1", "originals: many"),
        "originals",
    ),
    BadInput(
        "yaml-list-for-text", "yaml", "types2.yaml", lambda: _birth("name: ", "name: [a, b]\nxname: "), "name"
    ),
    BadInput(
        "yaml-unknown-field",
        "yaml",
        "unknown.yaml",
        lambda: _birth("\nname:", "\ncolour: red\nname:"),
        "colour",
    ),
    BadInput(
        "yaml-missing-name",
        "yaml",
        "missing.yaml",
        lambda: "\n".join(line for line in BIRTH.splitlines() if not line.startswith("name:")).encode(),
        "name",
    ),
    BadInput("yaml-duplicate-code", "yaml", "zz-copy-of-birth.yaml", lambda: BIRTH.encode("utf-8"), "code"),
    BadInput(
        "yaml-step-cycle",
        "yaml",
        "cycle.yaml",
        lambda: (
            b"code: '9.900097'\nname: Cycle\ncomponents: [{id: c1, name: Don}]\nsteps:\n"
            b"  - {id: s1, order: 1, action: A, inputs: [y], outputs: [x]}\n"
            b"  - {id: s2, order: 2, action: B, inputs: [x], outputs: [y]}\n"
        ),
        "step 's1' uses y",
    ),
    BadInput(
        "yaml-dangling-step-input",
        "yaml",
        "dangling.yaml",
        lambda: (
            b"code: '9.900096'\nname: Dangling\nsteps:\n"
            b"  - {id: s1, order: 1, action: A, inputs: [nothing]}\n"
        ),
        "nothing",
    ),
    BadInput(
        "yaml-duplicate-step-ids",
        "yaml",
        "dup-steps.yaml",
        lambda: (
            b"code: '9.900095'\nname: Dup\nsteps:\n  - {id: s1, order: 1, action: A}\n"
            b"  - {id: s1, order: 2, action: B}\n"
        ),
        "steps",
    ),
    BadInput("yaml-top-level-list", "yaml", "list.yaml", lambda: b"- code: 9.1\n- name: x\n"),
    BadInput("yaml-empty", "yaml", "empty.yaml", lambda: b""),
    BadInput(
        "yaml-windows-1258",
        "yaml",
        "cp1258.yaml",
        lambda: _birth("", "").decode().encode("cp1258", "replace"),
        "line",
    ),
    BadInput("yaml-binary", "yaml", "binary.yaml", lambda: bytes(range(256)) * 4),
    BadInput(
        "yaml-raw-control-character", "yaml", "control.yaml", lambda: _birth("name: ", "name: \x01"), "line"
    ),
    BadInput(
        "yaml-nan-duration",
        "yaml",
        "nan.yaml",
        lambda: _birth("originals: 1", "originals: .nan"),
        "originals",
    ),
    BadInput(
        "yaml-invalid-date",
        "yaml",
        "date.yaml",
        lambda: b"code: '9.900094'\nname: D\nlegal_basis: [{number: '1/2026/ND-CP', date: 2026-13-45}]\n",
    ),
    BadInput(
        "yaml-huge-field",
        "yaml",
        "huge.yaml",
        lambda: _birth("name: ", "name: " + "x" * 1_100_000 + "\nxname: "),
        "name",
    ),
    BadInput("yaml-unhashable-key", "yaml", "key.yaml", lambda: b"? [a, b]\n: c\ncode: '9.1'\n", "line"),
    BadInput(
        "yaml-truncated",
        "yaml",
        "truncated.yaml",
        lambda: BIRTH.encode("utf-8")[: BIRTH.encode("utf-8").index("ấ".encode()) + 1],
    ),
    BadInput(
        "yaml-bad-data-sources",
        "yaml",
        "data_sources.yaml",
        lambda: b"sources:\n  - id: x\n    name: [unclosed\n",
    ),
    BadInput(
        "yaml-utf-16-with-bom",
        "yaml",
        "utf16.yaml",
        lambda: b"\xff\xfe" + _birth('code: "1.001193"', 'code: "9.900093"').decode().encode("utf-16-le"),
        repaired=True,
    ),
    BadInput(
        "yaml-nfd-text",
        "yaml",
        "nfd.yaml",
        lambda: _nfd(_birth('code: "1.001193"', 'code: "9.900092"').decode()).encode(),
        repaired=True,
    ),
    BadInput(
        "yaml-escaped-control-character",
        "yaml",
        "escaped.yaml",
        lambda: _escaped_name(_birth('code: "1.001193"', 'code: "9.900091"')),
        repaired=True,
    ),
    # --- rule packs ---
    BadInput(
        "rule-unknown-field",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(when={"fact": "component", "all": [{"field": "colour", "value": 1}]}),
        "colour",
    ),
    BadInput(
        "rule-unknown-operator",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(when={"fact": "component", "all": [{"field": "copies", "op": "like", "value": 1}]}),
        "op",
    ),
    BadInput(
        "rule-unknown-fact",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(when={"fact": "dossier", "all": []}),
        "fact",
    ),
    BadInput(
        "rule-unknown-parameter",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(
            when={"fact": "component", "all": [{"field": "copies", "op": "gt", "param": "no_such"}]}
        ),
        "no_such",
    ),
    BadInput(
        "rule-format-spec-in-message",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(message_vi="{label:>999999999}"),
        "message",
    ),
    BadInput(
        "rule-attribute-in-message",
        "rules",
        "zz-bad.yaml",
        lambda: _rule(message_en="{label.__class__}"),
        "message",
    ),
    BadInput("rule-missing-references", "rules", "zz-bad.yaml", lambda: _rule(references=[]), "references"),
    BadInput(
        "rule-duplicate-id", "rules", "zz-bad.yaml", lambda: _rule(id="TG-REUSE-DATA"), "duplicate rule id"
    ),
    BadInput(
        "rule-python-tag",
        "rules",
        "zz-bad.yaml",
        lambda: b"pack: x\nrules: !!python/object/apply:os.system [ls]\n",
        "line",
    ),
    BadInput("rule-malformed-yaml", "rules", "zz-bad.yaml", lambda: b"pack: x\nrules: [{id: TG-X\n", "line"),
    BadInput("rule-rules-not-a-list", "rules", "zz-bad.yaml", lambda: b"pack: x\nrules: 3\n", "rules"),
    # --- official list spreadsheets ---
    BadInput("list-not-a-zip", "lists", "bad.xlsx", lambda: b"Ma so;Ten\n1.000002;x\n"),
    BadInput("list-truncated", "lists", "bad.xlsx", lambda: good_list()[:900]),
    BadInput("list-zip-without-workbook", "lists", "bad.xlsx", lambda: _zip({"readme.txt": b"hi"})),
    BadInput("list-broken-sheet-xml", "lists", "bad.xlsx", _broken_sheet_xml),
    BadInput("list-no-header", "lists", "bad.xlsx", lambda: _xlsx([["a", "b"], [1, 2]]), "header"),
    BadInput(
        "list-row-without-code",
        "lists",
        "bad.xlsx",
        lambda: _xlsx([LIST_HEADER, [1, None, "Tên", "", "", ""]]),
        "row 2",
    ),
]


def write_corpus(folder: Path) -> None:
    for item in CORPUS:
        target = folder / item.kind / item.name / item.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content())


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]))
    print(f"{len(CORPUS)} bad inputs written to {sys.argv[1]}")
