"""Hypothesis profiles: ``ci`` (the default) keeps the suite fast; ``thorough`` for a long local run:
``HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/properties``. Add ``--hypothesis-show-statistics``
to see how many cases each property ran."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    database=None,  # no example folder left in the work tree; a failure prints its reproduction blob
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
