"""Compliance-cost parameters as data (``rules/cost_parameters.yaml``), read as exact decimals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from engine.errors import InputProblem, UserError
from engine.rules.parameters import Parameter, Parameters, load_parameters
from engine.services import paths

COST_PARAMETERS_FILE = "cost_parameters.yaml"

# Every name the cost model and the projection read; a file missing one is rejected on load.
REQUIRED = (
    "monthly_income_vnd",
    "working_days_per_month",
    "hours_per_working_day",
    "hours_learn_requirements",
    "hours_prepare_component",
    "hours_certify_copy",
    "certified_copy_fee_vnd",
    "pages_per_certified_copy",
    "visits_in_person",
    "hours_per_visit",
    "travel_cost_per_visit_vnd",
    "hours_submit_online",
    "hours_receive_online",
    "hours_supplement",
    "annual_volume_estimate",
    "shorten_time_limit_share",
    "digital_inspection_duration_share",
)


class CostParameters:
    """The cost assumptions, each a ``Parameter`` with its value, unit, reference and estimate flag."""

    def __init__(self, params: Parameters, source: str = COST_PARAMETERS_FILE) -> None:
        problems = _check(params, source)
        if problems:
            raise UserError("; ".join(str(p) for p in problems))
        self.params = params
        self.source = source
        # Read once: the cost model asks for these thousands of times on a real catalogue.
        self._decimals = {name: Decimal(str(params.root[name].value)) for name in REQUIRED}
        self._estimates = {name: params.root[name].estimate for name in REQUIRED}
        # Monthly income / working days / hours a day (domain notes §5), unrounded.
        self.hourly_income_vnd = (
            self._decimals["monthly_income_vnd"]
            / self._decimals["working_days_per_month"]
            / self._decimals["hours_per_working_day"]
        )

    def __getitem__(self, name: str) -> Parameter:
        return self.params.root[name]

    def decimal(self, name: str) -> Decimal:
        """The value as an exact decimal: YAML ``1.5`` becomes ``Decimal('1.5')``, not a binary float."""
        return self._decimals[name]

    def is_estimate(self, *names: str) -> bool:
        return any(self._estimates[name] for name in names)

    def describe(self, name: str) -> str:
        """One line for a report: name, value, unit, whether it is an estimate, and its reference."""
        param = self[name]
        flag = ", estimate" if param.estimate else ""
        return f"{name} = {param.value} {param.unit}{flag} ({param.reference})"


def _check(params: Parameters, source: str) -> list[InputProblem]:
    problems = []
    for name in REQUIRED:
        if name not in params:
            problems.append(InputProblem(source, name, "missing cost parameter"))
            continue
        value = params.root[name].value
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(InputProblem(source, f"{name}.value", "must be a number"))
        elif value < 0:
            problems.append(InputProblem(source, f"{name}.value", "must not be negative"))
    for name in ("working_days_per_month", "hours_per_working_day"):
        if name in params and params.root[name].value == 0:
            problems.append(InputProblem(source, f"{name}.value", "must not be zero"))
    return problems


def load_cost_parameters(path: Path | None = None) -> CostParameters:
    """Read the cost parameters (the bundled ``rules/cost_parameters.yaml`` by default).

    Raises ``UserError`` naming the file and field of every problem: a cost computed from a broken
    parameter file would be a wrong figure, not a partial one.
    """
    path = Path(path) if path else default_rules_dir() / COST_PARAMETERS_FILE
    params, problems = load_parameters(path)
    if problems:
        raise UserError("; ".join(str(p) for p in problems))
    return CostParameters(params, str(path))


def default_rules_dir() -> Path:
    """The bundled rules folder (or ``TINHGON_RULES``), as the rest of the engine resolves it."""
    return paths.rules_dir()
