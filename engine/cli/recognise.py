"""``recognise``: test the document thesaurus on component texts, one per line."""

from __future__ import annotations

import argparse
import json
import sys

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
    recognise.add_argument(
        "file",
        nargs="?",
        type=argparse.FileType("r", encoding="utf-8"),
        default=sys.stdin,
        help="text file (default: standard input)",
    )
    recognise.add_argument(
        "--json", action="store_true", help="one JSON object per input line: type, types, confidence, alias"
    )
    recognise.set_defaults(handler=_recognise)


def _recognise(args: argparse.Namespace) -> int:
    recogniser = Recogniser(default_thesaurus())
    lines = [line.strip() for line in args.file if line.strip()]
    results = [recogniser.recognise(line) for line in lines]
    if args.json:
        for result in results:
            print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(format_table(results))
    return 0
