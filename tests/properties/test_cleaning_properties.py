"""Reading a JSON file cleans its data the same whether or not its bytes let cleaning skip the text
checks (``clean_data``'s shortcuts), in every encoding the readers accept."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.adapters.decoding import DataProblem, clean_data
from engine.importers.files import read_json

# Texts with what cleaning looks for: NFD marks, C0 and C1 controls, DEL, lone surrogates; and without.
_TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("aăâeêoôơuưđAĐ \n\t\u0300\u0301\u0303\u0309\u0323\x01\x1f\x7f\x85\x9f\ud800"),
        st.characters(codec="utf-8"),
    ),
    max_size=12,
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), _TEXTS
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_TEXTS, inner, max_size=4)),
    max_leaves=20,
)


def _walked(data: Any) -> tuple[Any, Counter[str]] | str:
    """What the full walk makes of ``data`` (no bytes to look at): the data and notes, or the field."""
    notes: Counter[str] = Counter()
    try:
        return clean_data(data, notes), notes
    except DataProblem as problem:
        return problem.field


@given(data=_DATA, ascii_only=st.booleans(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_a_json_file_reads_as_its_data_walked_in_full(tmp_path_factory, data, ascii_only, encoding):
    text = json.dumps(data, ensure_ascii=ascii_only)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:  # a lone surrogate written as itself: no file can hold it
        return
    record = tmp_path_factory.mktemp("record") / "record.json"
    record.write_bytes(raw)
    notes: Counter[str] = Counter()
    read, problem = read_json(record, notes)
    expected = _walked(json.loads(text))
    if isinstance(expected, str):
        assert read is None and problem is not None and problem.field == expected
    else:
        assert problem is None and (read, notes) == expected
