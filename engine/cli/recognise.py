"""``recognise``: test the document thesaurus on component texts, one per line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.adapters.decoding import DataProblem, DecodeProblem, clean_data, decode_text
from engine.errors import UserError
from engine.recognise import Recogniser, default_thesaurus, format_table


def register(commands: argparse._SubParsersAction) -> None:
    recognise = commands.add_parser(
        "recognise",
        help="recognise document types in dossier component texts (one per line)",
        description="Read component texts, one per line, from FILE or standard input and print, for "
        "each, the document type, confidence and the thesaurus alias that matched (rules/documents.yaml). "
        "Below the thesaurus threshold a text stays unrecognised.",
        epilog="example:\n"
        '  echo "Bản sao Giấy khai sinh hoặc trích lục khai sinh" | tinhgon recognise --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    recognise.add_argument("file", nargs="?", type=Path, help="UTF-8 text file (default: standard input)")
    recognise.add_argument(
        "--json", action="store_true", help="one JSON object per input line: type, types, confidence, alias"
    )
    recognise.set_defaults(handler=_recognise)


def _lines(file: Path | None) -> list[str]:
    """The non-blank lines of ``file`` (or standard input), decoded and cleaned like any record."""
    name = str(file) if file else "standard input"
    try:
        data = file.read_bytes() if file else sys.stdin.buffer.read()
    except OSError as error:
        raise UserError(f"{name}: cannot read: {error.strerror or error}") from None
    try:
        text = decode_text(data)
    except DecodeProblem as problem:
        raise UserError(f"{name}: {problem}") from None
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            cleaned = clean_data(line).strip()
        except DataProblem as problem:
            raise UserError(f"{name}: line {number}: {problem.message}") from None
        if cleaned:
            lines.append(cleaned)
    return lines


def _recognise(args: argparse.Namespace) -> int:
    recogniser = Recogniser(default_thesaurus())
    lines = _lines(args.file)
    results = [recogniser.recognise(line) for line in lines]
    if args.json:
        for result in results:
            print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(format_table(results))
    return 0
