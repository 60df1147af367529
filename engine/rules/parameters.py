"""Rule parameters as data: every threshold with its value, unit and legal or statistical reference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, RootModel

from engine.adapters.yaml_files import load_model
from engine.errors import InputProblem
from engine.model.procedure import Strict


class Parameter(Strict):
    value: float | int | bool | str
    unit: str
    unit_vi: str = ""  # the unit as the workbench writes it in Vietnamese (the bundled values all have one)
    reference: str  # the law, statistic or decision the value comes from
    reference_vi: str = ""  # the same in Vietnamese, for the workbench (the bundled values all have one)
    date: dt.date  # when the value was set or last verified
    description_vi: str
    description_en: str
    estimate: bool = False  # a working assumption, not a published figure

    def unit_in(self, lang: str) -> str:
        """The unit in ``lang`` ("vi" or "en"); the English one where no Vietnamese is given."""
        return (self.unit_vi or self.unit) if lang == "vi" else self.unit

    def reference_in(self, lang: str) -> str:
        """The reference in ``lang``; the English one where no Vietnamese is given."""
        return (self.reference_vi or self.reference) if lang == "vi" else self.reference


class Parameters(RootModel[dict[str, Parameter]]):
    root: dict[str, Parameter] = Field(default_factory=dict)

    def value(self, name: str) -> float | int | bool | str:
        return self.root[name].value

    def __contains__(self, name: object) -> bool:
        return name in self.root


def load_parameters(path: Path) -> tuple[Parameters, list[InputProblem]]:
    """Read ``rules/parameters.yaml``; a missing file gives no parameters, and says so."""
    if not path.exists():
        return Parameters(), [InputProblem(str(path), "", "parameters file not found")]
    params, problems = load_model(path, Parameters)
    return params or Parameters(), problems
