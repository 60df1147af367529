"""Safety: YAML loaded safely, rules and catalogues never run as code, no write outside the data folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.adapters.safe_paths import inside
from engine.errors import UserError
from engine.importers import ImportOutcome
from engine.model import Level, Procedure
from engine.services import importing
from tests.conftest import REPO

# What would run text from a file as code, or build Python objects from YAML tags.
UNSAFE = re.compile(
    r"\beval\(|\bexec\(|\bcompile\(|__import__\(|pickle\.loads?\(|marshal\.loads?\(|"
    r"yaml\.(?:unsafe_load|full_load|load_all)\(|Loader=yaml\.(?:Loader|FullLoader|UnsafeLoader)|"
    r"yaml\.load\((?![^)]*Loader=_LOADER)"
)


def test_no_source_file_runs_data_as_code_or_loads_yaml_unsafely():
    offenders = []
    for folder in ("engine", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if UNSAFE.search(line) and "re.compile" not in line:
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, offenders


def test_the_yaml_loader_is_the_safe_one():
    from engine.adapters import yaml_files

    assert yaml_files._LOADER.__name__ in ("CSafeLoader", "SafeLoader")


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "/etc/passwd", "a/../../b", "..", "", "C:evil"])
def test_names_that_would_leave_the_folder_are_refused(tmp_path: Path, name: str):
    with pytest.raises(UserError):
        inside(tmp_path, "group", name)


def test_a_plain_name_stays_inside(tmp_path: Path):
    assert inside(tmp_path, "bo-tu-phap", "1.001193.yaml") == tmp_path / "bo-tu-phap" / "1.001193.yaml"


def test_import_never_writes_a_procedure_outside_the_catalogue(tmp_path: Path, monkeypatch):
    """Codes are checked by the importers and the model; even one that slipped past them (built
    here without validation) is refused when its file name is made."""
    evil = Procedure.model_construct(code="../../evil", name="x", levels=[Level.province])
    outcome = ImportOutcome()
    outcome.add(evil, str(tmp_path / "src" / "bo" / "evil.json"))
    monkeypatch.setattr(importing, "import_path", lambda _source: outcome)
    catalogue = tmp_path / "deep" / "catalogue"
    catalogue.mkdir(parents=True)
    with pytest.raises(UserError, match="not a plain name"):
        importing.import_into_catalogue(tmp_path / "src", catalogue)
    assert not list(tmp_path.rglob("evil.yaml"))
