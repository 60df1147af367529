"""Words the procedure map draws, in Vietnamese and English.

Kept beside the map builder so the CLI and the workbench print the same words; the workbench's own
texts live in ``ui/``.
"""

from __future__ import annotations

from engine.formatting import number
from engine.model import TimeUnit

LANGUAGES = ("vi", "en")

MAP_LABELS: dict[str, dict[str, str]] = {
    "step": {"vi": "Bước {n}", "en": "Step {n}"},
    "dossier": {"vi": "Hồ sơ nộp", "en": "Dossier"},
    "dossier_summary": {
        "vi": "Hồ sơ nộp: {components} thành phần, {cases} trường hợp",
        "en": "Dossier: {components} components, {cases} cases",
    },
    "dossier_summary_no_case": {
        "vi": "Hồ sơ nộp: {components} thành phần",
        "en": "Dossier: {components} components",
    },
    "common_components": {"vi": "Giấy tờ chung cho mọi trường hợp", "en": "For every case"},
    "all_components": {"vi": "Thành phần hồ sơ", "en": "Dossier components"},
    "case": {"vi": "Trường hợp: {case}", "en": "Case: {case}"},
    "continued": {"vi": "(tiếp theo)", "en": "(continued)"},
    "applicant": {"vi": "Người nộp hồ sơ", "en": "Applicant"},
    "agency": {"vi": "Cơ quan giải quyết", "en": "Competent agency"},
    "output_of_step": {"vi": "Kết quả bước {n}", "en": "Output of step {n}"},
    "result": {"vi": "Kết quả", "en": "Result"},
    "originals": {"vi": "{n} bản chính", "en": "{n} original(s)"},
    "copies": {"vi": "{n} bản sao", "en": "{n} copy(ies)"},
    "certified": {"vi": "có chứng thực", "en": "certified"},
    "presented": {"vi": "chỉ xuất trình", "en": "shown only"},
    "no_steps": {
        "vi": "Hồ sơ công bố không mô tả các bước thực hiện",
        "en": "The published record describes no steps",
    },
    "removed": {"vi": "bỏ theo phương án", "en": "removed by the plan"},
    "whole_procedure": {"vi": "Cả thủ tục", "en": "Whole procedure"},
    "more_lines": {"vi": "(xem đầy đủ khi bấm vào)", "en": "(click for the full text)"},
}

TIME_UNITS: dict[TimeUnit, dict[str, str]] = {
    TimeUnit.working_day: {"vi": "ngày làm việc", "en": "working days"},
    TimeUnit.day: {"vi": "ngày", "en": "days"},
    TimeUnit.hour: {"vi": "giờ", "en": "hours"},
    TimeUnit.month: {"vi": "tháng", "en": "months"},
    TimeUnit.year: {"vi": "năm", "en": "years"},
}


def label(key: str, lang: str, **values: object) -> str:
    """The map word ``key`` in ``lang`` with its ``{placeholders}`` filled.

    >>> label("step", "vi", n=3)
    'Bước 3'
    """
    return MAP_LABELS[key][lang].format(**values)


def actor_text(actor: str, lang: str) -> str:
    """Who does a step, in words: the importer writes ``applicant`` for the applicant
    (``engine.importers.portal_steps``), and officers by their published titles.

    >>> actor_text("applicant", "vi"), actor_text("Cán bộ tiếp nhận", "en")
    ('Người nộp hồ sơ', 'Cán bộ tiếp nhận')
    """
    return label("applicant", lang) if actor == "applicant" else actor


def duration(value: float, unit: TimeUnit, lang: str) -> str:
    """``7 ngày làm việc``, ``0,5 ngày``; in English one unit is singular.

    >>> duration(1, TimeUnit.working_day, "en"), duration(1, TimeUnit.working_day, "vi")
    ('1 working day', '1 ngày làm việc')
    """
    words = TIME_UNITS[unit][lang]
    if lang == "en" and value == 1:
        words = words.removesuffix("s")
    return f"{number(value, lang)} {words}"
