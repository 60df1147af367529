"""The plans tests' cost parameters and targets, for the services built on them."""

from tests.plans.conftest import params, targets

__all__ = ["params", "targets"]
