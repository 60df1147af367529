"""The engine's messages in the workbench's language.

The engine writes its problems and refusals in English, for the command line and the pipelines that read
it. The workbench shows the same messages to reform teams, Vietnamese first: each message the workbench
can receive (a problem in an uploaded file or statistics file, an upload refused, a plan or review
decision refused) has one pattern here. ``tests/ui/test_messages.py`` runs the bad-input corpus and the
refusals through the workbench's services and checks that each comes out in Vietnamese; a message without
a pattern is shown as the engine wrote it.

>>> engine_text("catalogue.zip: not a valid zip file", "vi")
'catalogue.zip: không phải tệp zip hợp lệ'
>>> place_text("line 3, column 7", "vi")
'dòng 3, cột 7'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.formatting import fixed_number

Translate = Callable[[re.Match[str]], str]

# What "found dict" and the like name, as a Python type of a parsed JSON or YAML value.
_KINDS_VI = {
    "dict": "một đối tượng",
    "list": "một danh sách",
    "str": "văn bản",
    "int": "một số nguyên",
    "float": "một số",
    "bool": "true/false",
    "NoneType": "giá trị rỗng (null)",
}
# pydantic's "Input should be a valid …".
_VALID_VI = {
    "string": "văn bản",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "list": "danh sách",
    "dictionary": "bảng các trường",
    "date": "ngày (YYYY-MM-DD)",
    "datetime": "thời điểm",
}
# Python's json module, after "is not valid JSON: ".
_JSON_VI = (
    (r"Expecting value", "thiếu giá trị (tệp rỗng hoặc bị cắt?)"),
    (r"Expecting '(.)' delimiter", r"thiếu dấu '\1'"),
    (r"Expecting property name enclosed in double quotes", "tên trường phải đặt trong ngoặc kép"),
    (r"Unterminated string starting at", "một chuỗi không được đóng (tệp bị cắt?)"),
    (r"Invalid control character at", "có ký tự điều khiển trong chuỗi"),
    (r"Invalid \\escape", "có chuỗi thoát (\\) không hợp lệ"),
    (r"Invalid \\uXXXX escape", "có chuỗi thoát \\u không hợp lệ"),
    (r"Extra data", "có dữ liệu thừa sau đối tượng JSON"),
    (r"Exceeds the limit \((\d+) digits\).*", r"một số nguyên dài quá \1 chữ số"),
    (r"nested too deeply", "lồng nhau quá sâu"),
    (r"(\S+) is not a JSON number", r"\1 không phải là một số JSON"),
)
# libyaml's problems (PyYAML's own wording where it differs), after "not valid YAML: ".
_YAML_VI = (
    (r"did not find expected key", "thiếu tên trường ở chỗ này (thụt lề sai?)"),
    (r"could not find expected ':'", "thiếu dấu «:» sau tên trường"),
    (
        r"mapping values are not allowed (?:in this context|here)",
        "không được viết «tên: giá trị» ở chỗ này (thụt lề sai, hay một giá trị có «:» cần ngoặc kép?)",
    ),
    (
        r"(?:block )?sequence entries are not allowed (?:in this context|here)",
        "không được mở mục danh sách «-» ở chỗ này (thụt lề sai?)",
    ),
    (r"mapping keys are not allowed (?:in this context|here)", "không được viết tên trường «?» ở chỗ này"),
    (r"did not find expected '-' indicator", "thiếu dấu «-» của một mục danh sách (thụt lề sai?)"),
    (r"did not find expected node content", "thiếu giá trị ở chỗ này"),
    (r"did not find expected comment or line break", "có nội dung thừa sau giá trị trên cùng dòng"),
    (r"did not find expected whitespace or line break", "thiếu dấu cách hoặc xuống dòng"),
    (
        r"found character (?:'.*' )?that cannot start any token",
        "có ký tự không được đứng đầu một giá trị (như «@», «`» hay dấu tab): đặt giá trị trong ngoặc kép",
    ),
    (r"found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép hoặc ngoặc đóng?)"),
    (r"found unexpected ':'", "dấu «:» không đúng chỗ"),
    (
        r"did not find expected ',' or '\]'|expected ',' or '\]', but got .*",
        "thiếu dấu «,» hoặc «]» trong danh sách",
    ),
    (
        r"did not find expected ',' or '\}'|expected ',' or '\}', but got .*",
        "thiếu dấu «,» hoặc «}» trong bảng",
    ),
    (r"expected <block end>, but found .*", "thụt lề không khớp với các dòng trên"),
    (
        r"found a tab character (?:where an indentation space is expected|that violates indentation)",
        "thụt lề bằng dấu tab: YAML chỉ nhận dấu cách",
    ),
    (r"found unhashable key", "một tên trường là danh sách hoặc bảng"),
    (r"found undefined alias.*", "dùng bí danh «*» chưa được khai báo bằng «&»"),
    (r"did not find expected alphabetic or numeric character", "thiếu tên sau dấu «&», «*» hoặc «!»"),
    (
        r"could not determine a constructor for the tag (.+)",
        r"thẻ \1 không được chấp nhận: tệp chỉ được chứa văn bản, số, danh sách và bảng",
    ),
    (
        r"did not find expected tag URI|did not find URI escaped octet|found undefined tag handle.*"
        r"|expected URI.*",
        "thẻ «!» không hợp lệ",
    ),
    (
        r"found unknown directive name|could not find expected directive name"
        r"|did not find expected version number|did not find expected digit or '\.' character"
        r"|found unexpected non-alphabetical character|found incompatible YAML document.*"
        r"|found duplicate YAML directive",
        "chỉ thị «%» không hợp lệ",
    ),
    (r"but found another document", "tệp có hơn một tài liệu YAML (dấu «---»): mỗi tệp chỉ được một"),
    (r"did not find expected <document start>", "có nội dung thừa sau phần dữ liệu"),
    (r"found unexpected document indicator", "dấu «---» hoặc «...» nằm giữa một giá trị"),
    (
        r"did not find expected hexdecimal number|found unknown escape character.*",
        "có chuỗi thoát (\\) không hợp lệ trong chuỗi ngoặc kép",
    ),
    (r"unacceptable character .*", "có ký tự không được phép trong tệp YAML"),
    (r"expected a scalar node, but found (\w+)", "cần một giá trị đơn ở chỗ này"),
    (r"(?:month|day|year) .*(?:range|must be).*", "có một ngày không hợp lệ"),
)


def _count(text: str) -> str:
    """A count the engine wrote bare (12500) or grouped in English (1,200,000), as Vietnamese writes it."""
    return fixed_number(int(text.replace(",", "")))


def _kind(match: re.Match[str]) -> str:
    return _KINDS_VI.get(match[1], match[1])


def _json(match: re.Match[str]) -> str:
    detail = match[1]
    for pattern, text in _JSON_VI:
        if known := re.fullmatch(pattern, detail):
            return "không phải JSON hợp lệ: " + known.expand(text)
    return f"không phải JSON hợp lệ: {detail}"


def _yaml(match: re.Match[str]) -> str:
    detail = match[1].replace("tag:yaml.org,2002:", "!!")  # a tag as the file wrote it
    for pattern, text in _YAML_VI:
        if known := re.fullmatch(pattern, detail, re.DOTALL):
            return "không phải YAML hợp lệ: " + known.expand(text)
    return f"không phải YAML hợp lệ (chi tiết của trình đọc YAML: {detail})"


def _inner(match: re.Match[str]) -> str:
    """A message wrapping another (pydantic's "Value error, …"): the other one, translated."""
    return engine_text(match[1], "vi")


# Whole messages (after any "file: field: " prefix), English pattern → Vietnamese.
_MESSAGES: tuple[tuple[str, str | Translate], ...] = (
    # Reading bytes and text (engine/adapters/decoding.py, files.py, yaml_files.py)
    (
        r"is ([\d,]+) bytes, more than the ([\d,]+) a record file may have",
        lambda m: f"tệp có {_count(m[1])} byte, quá giới hạn {_count(m[2])} byte của một tệp",
    ),
    (r"is binary data, not text \(a NUL character\)", "là dữ liệu nhị phân, không phải văn bản (ký tự NUL)"),
    (
        r"is binary data, not text \(byte (0x[0-9a-f]+)\)",
        r"là dữ liệu nhị phân, không phải văn bản (byte \1)",
    ),
    (
        r"is not UTF-8 text \(byte (0x[0-9a-f]+)\); it reads as Windows-1258: save it as UTF-8",
        r"không phải văn bản UTF-8 (byte \1): tệp có vẻ dùng bảng mã Windows-1258, "
        "hãy lưu lại dưới dạng UTF-8",
    ),
    (r"is not (\S+) text \(byte (0x[0-9a-f]+)\)", r"không phải văn bản \1 (byte \2)"),
    (r"cannot (?:be )?read: (.*)", r"không đọc được tệp: \1"),
    (r"could not be read \((.*)\)", r"không đọc được tệp (\1)"),
    (r"is not valid JSON: (.*)", _json),
    (r"not valid YAML: nested too deeply", "không phải YAML hợp lệ: lồng nhau quá sâu"),
    (r"not valid YAML: (.*)", _yaml),
    (
        r"more than ([\d,]+) values \(repeated YAML aliases\?\)",
        lambda m: f"quá {_count(m[1])} giá trị (bí danh YAML lặp lại?)",
    ),
    (r"(\S+) is not a number this program accepts", r"\1 không phải là một số hợp lệ"),
    (r"nested more than (\d+) levels deep", r"lồng nhau quá \1 cấp"),
    (
        r"a text of ([\d,]+) characters, more than ([\d,]+)",
        lambda m: f"một đoạn văn bản dài {_count(m[1])} ký tự, quá giới hạn {_count(m[2])}",
    ),
    (r"expected a mapping of fields at the top level", "tệp phải là một bảng các trường «tên: giá trị»"),
    # Records (engine/importers/portal.py, national.py, outcome.py)
    (
        r"neither a portal record \(ma_thu_tuc\) nor a national package \(MaTTHC\)",
        "không phải hồ sơ thủ tục của Cổng Dịch vụ công quốc gia (trường ma_thu_tuc) "
        "cũng không phải gói dữ liệu quốc gia (trường MaTTHC)",
    ),
    (r"expected a JSON object, found (\w+)", lambda m: f"cần một đối tượng JSON, nhưng gặp {_kind(m)}"),
    (r"expected text, found (\w+)", lambda m: f"cần văn bản, nhưng gặp {_kind(m)}"),
    (r"expected a list, found (\w+)", lambda m: f"cần một danh sách, nhưng gặp {_kind(m)}"),
    (r"expected an object", "cần một đối tượng"),
    (r"expected a number, found true/false", "cần một số, nhưng gặp true/false"),
    (r"expected a number, found (.*)", r"cần một số, nhưng gặp \1"),
    (r"expected a whole number of documents, found (.*)", r"số bản giấy tờ phải là số nguyên, nhưng gặp \1"),
    (r"expected a whole number of dossiers, found (.*)", r"số hồ sơ phải là số nguyên, nhưng gặp \1"),
    (r"a time limit cannot be negative \((.*)\)", r"thời hạn giải quyết không thể âm (\1)"),
    (r"the procedure has no name", "thủ tục không có tên"),
    (r"missing or invalid procedure code (.*)", r"thiếu mã thủ tục hoặc mã không hợp lệ: \1"),
    (r"not a procedure code: (.*)", r"không phải mã thủ tục: \1"),
    (r"code (\S+) was already imported from (.*)", r"mã \1 đã được nạp từ tệp \2"),
    (r"(\S+) is already defined in (.*)", r"mã \1 đã có trong tệp \2"),
    # Procedure YAML (pydantic, engine/model)
    (r"unknown field", "trường không có trong mẫu"),
    (r"Field required", "thiếu trường bắt buộc"),
    (r"Input should be a valid (\w+).*", lambda m: f"phải là {_VALID_VI.get(m[1], m[1])}"),
    (r"Input should be greater than or equal to (\S+)", r"phải lớn hơn hoặc bằng \1"),
    (r"Input should be greater than (\S+)", r"phải lớn hơn \1"),
    (r"Input should be (.*)", r"phải là một trong các giá trị \1"),
    (r"Value error, (.*)", _inner),
    (r"duplicate id (.*)", r"trùng mã \1"),
    (
        r"step (\S+) uses (.*): not a component id nor an output of an earlier step",
        r"bước \1 dùng \2: không phải mã thành phần hồ sơ, cũng không phải kết quả của một bước trước",
    ),
    (r"a free fee cannot have an amount", "lệ phí đã ghi là miễn thì không thể có số tiền"),
    (r"a volume needs a source, or estimate: true", "số hồ sơ cần ghi nguồn, hoặc estimate: true"),
    # Uploads (engine/services/uploads.py)
    (r"upload of (\d+) MB is over the (\d+) MB limit", r"tệp tải lên \1 MB, vượt giới hạn \2 MB"),
    (r"(\d+) MB is over the (\d+) MB limit", r"\1 MB, vượt giới hạn \2 MB"),
    (r"unpacks to (\d+) MB, over the (\d+) MB limit", r"giải nén ra \1 MB, vượt giới hạn \2 MB"),
    (r"not a JSON, YAML or zip file", "không phải tệp JSON, YAML hay zip"),
    (r"not a valid zip file", "không phải tệp zip hợp lệ"),
    (r"the upload holds no JSON or YAML file", "trong các tệp tải lên không có tệp JSON hay YAML nào"),
    (r"the upload holds (\d+) files, over the limit of (\d+)", r"tải lên \1 tệp, vượt giới hạn \2 tệp"),
    (r"cannot be read \((.*)\)", r"không đọc được (\1)"),
    (r"a path outside the upload is not allowed", "không được dùng đường dẫn ra ngoài thư mục tải lên"),
    (r"no procedure found", "không tìm thấy thủ tục nào"),
    # Statistics files (engine/importers/volumes.py, engine/services/uploads.py)
    (r"empty", "bỏ trống"),
    (r"not a whole number: (.*)", r"không phải số nguyên: \1"),
    (r"negative count (.*)", r"số âm \1"),
    (r"unknown procedure code (.*)", r"mã thủ tục \1 không có trong bộ thủ tục đang dùng"),
    (
        r"duplicate of row (\d+) \(procedure (.*), year (\d+)\): row \d+ kept",
        r"trùng dòng \1 (thủ tục \2, năm \3): giữ dòng \1",
    ),
    (r"no source: give the column or --source", "không có nguồn số liệu: thêm cột nguồn hoặc nhập nguồn"),
    (
        r"online \((\d+)\) is more than received \((\d+)\)",
        lambda m: f"trực tuyến ({_count(m[1])}) nhiều hơn tiếp nhận ({_count(m[2])})",
    ),
    (r"no such file", "không có tệp này"),
    (
        r"no header row with the columns (.*) \(see docs/volumes\.md\)",
        r"không có dòng tiêu đề với các cột \1 (xem tệp mẫu)",
    ),
    (r"cannot read as UTF-8 text: .*", "không đọc được dưới dạng văn bản UTF-8"),
    (r"cannot read as an Excel workbook: .*", "không đọc được dưới dạng bảng tính Excel"),
    (r"not a CSV or Excel \(\.xlsx\) statistics file", "không phải tệp số liệu CSV hay Excel (.xlsx)"),
    (
        r"the statistics file has no valid row: nothing to apply",
        "tệp số liệu không có dòng hợp lệ nào để áp dụng",
    ),
    # Plans and reviews (engine/plans/repository.py, engine/services/review.py)
    (r"a plan needs a name", "Đặt tên cho phương án."),
    (r"a plan named «(.*)» already exists: choose another name", r"Đã có phương án «\1»: hãy đặt tên khác."),
    (
        r"measure (\d+) of plan (\d+) is (\w+): only an accepted measure can be marked done",
        r"Biện pháp \1 chưa được chấp thuận: chỉ biện pháp đã chấp thuận mới được đánh dấu đã thực hiện.",
    ),
    (
        r"measure (\d+) of plan \d+ was changed(?: by (.*))? since you read it.*",
        lambda m: (
            f"Biện pháp {m[1]} vừa được {m[2] or 'người khác'} thay đổi: hãy tải lại trang rồi thử lại."
        ),
    ),
    (r"plan (\d+) has no measure (\d+)", r"Phương án không có biện pháp \2."),
    (r"no plan with id (\d+)", "Phương án này không còn trong cơ sở dữ liệu."),
    (r"choose at least one finding or measure", "Chọn ít nhất một phát hiện hoặc biện pháp."),
    (r"give a decision or a comment", "Chọn quyết định hoặc ghi nhận xét."),
    (r"give the reviewer's name", "Ghi tên người rà soát."),
    (
        r"the plan already has measure (\d+) on (\S+) «(.*)», which the record now lists under another "
        r"number or no longer; decide on that measure first",
        r"phương án đã có biện pháp \1 về «\3», nhưng thủ tục nay đánh số lại hoặc bỏ giấy tờ hay bước "
        r"đó: hãy quyết định về biện pháp \1 trước.",
    ),
    (r"cannot open the plan database: (.*)", r"không mở được cơ sở dữ liệu phương án (\1)"),
)
_COMPILED = tuple((re.compile(pattern, re.DOTALL), text) for pattern, text in _MESSAGES)
# Where in a file: "line 3, column 7", "row 7.Năm", "row 7", "header".
_PLACES = (
    (re.compile(r"line (\d+), column (\d+)"), r"dòng \1, cột \2"),
    (re.compile(r"line (\d+)"), r"dòng \1"),
    (re.compile(r"row (\d+)\.(.+)"), r"dòng \1 · \2"),
    (re.compile(r"row (\d+)"), r"dòng \1"),
    (re.compile(r"header"), "dòng tiêu đề"),
)


def message_vi(message: str) -> str | None:
    """One engine message in Vietnamese, or None when no pattern knows it."""
    for pattern, text in _COMPILED:
        if match := pattern.fullmatch(message):
            return text(match) if callable(text) else match.expand(text)
    return None


def place_text(field: str, lang: str) -> str:
    """Where a problem is (a line, a row and column, or a field of the record) in the page's language."""
    if lang == "vi":
        for pattern, text in _PLACES:
            if pattern.fullmatch(field):
                return pattern.sub(text, field)
    return field.replace(".", " · ", 1) if field.startswith("row ") else field


def engine_text(message: str, lang: str) -> str:
    """An engine message (a refusal, or a problem with the file and place it names before the message
    proper: "a.json: line 1: is not valid JSON: …") in the page's language."""
    if lang != "vi":
        # The CLI's pointer to the docs means nothing in a browser: the page offers the template.
        return message.replace("(see docs/volumes.md)", "(see the template)")
    parts = message.split(": ")
    for cut in range(len(parts)):  # the longest tail a pattern knows; file names kept, places translated
        translated = message_vi(": ".join(parts[cut:]))
        if translated is not None:
            return ": ".join([*(place_text(p, "vi") for p in parts[:cut]), translated])
    return message


def error_text(error: Exception, lang: str) -> str:
    """What the workbench says for an engine error it caught."""
    return engine_text(str(error), lang)
