"""Property of incremental audits: after any edits (procedures changed, added or removed, another data
source registry, another date), an audit that reuses the previous audit's cache equals a fresh one."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from engine.model import Procedure
from engine.services.audit import audit, load_rulebook
from engine.services.cache import Cache
from engine.services.catalogue import Catalogue, enrich
from tests.properties.strategies import catalogues, registries

RULEBOOK = load_rulebook(include_experimental=True)  # every rule, experimental ones too
audit_dates = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))


def _catalogue(procedures: list[Procedure], registry) -> Catalogue:  # type: ignore[no-untyped-def]
    catalogue = Catalogue(procedures=[p.model_copy(deep=True) for p in procedures], registry=registry)
    enrich(catalogue)
    return catalogue


@st.composite
def edits(draw: st.DrawFn) -> tuple[list[Procedure], list[Procedure]]:
    """A catalogue and an edited one: some procedures replaced by others under the same code, some
    removed, some added."""
    before = draw(catalogues(min_size=2, max_size=6))
    others = draw(catalogues(min_size=len(before) + 2, max_size=len(before) + 2))
    after = []
    for procedure, other in zip(before, others, strict=False):
        choice = draw(st.sampled_from(["keep", "keep", "edit", "drop"]))
        if choice == "keep":
            after.append(procedure)
        elif choice == "edit":
            after.append(other)  # same code, other content
    added = others[len(before) :]
    after += [p.model_copy(update={"code": f"2.{i:06d}"}) for i, p in enumerate(added) if draw(st.booleans())]
    return before, after


@given(edits(), registries(), registries(), audit_dates, audit_dates)
def test_a_warm_audit_after_edits_equals_a_fresh_one(
    catalogue_pair, registry, other_registry, date, other_date
):
    before, after = catalogue_pair
    with tempfile.TemporaryDirectory() as folder:
        cache = Cache(Path(folder))
        cold = audit(_catalogue(before, registry), RULEBOOK, date, workers=1, cache=cache)
        assert cold.findings == audit(_catalogue(before, registry), RULEBOOK, date, workers=1).findings
        for reg, day in ((registry, date), (other_registry, date), (registry, other_date)):
            warm = audit(_catalogue(after, reg), RULEBOOK, day, workers=1, cache=cache)
            fresh = audit(_catalogue(after, reg), RULEBOOK, day, workers=1)
            assert warm.findings == fresh.findings
            assert (warm.facts, warm.procedures) == (fresh.facts, fresh.procedures)
        again = audit(_catalogue(after, registry), RULEBOOK, date, workers=1, cache=cache)
        assert again.evaluated == 0  # everything served
