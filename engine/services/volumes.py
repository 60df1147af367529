"""Use cases on annual dossier statistics: import a report into the catalogue's store, apply volumes.

The store is ``volumes.yaml`` beside the catalogue's procedures (``procedures/volumes.yaml`` for the
bundled one); ``load_catalogue`` applies it, so compliance cost and the low-volume rule then rest on
counted volumes, and say so. A statistics file (.csv, .xlsx) can also be applied directly.
"""

from __future__ import annotations

from pathlib import Path

from engine.adapters.catalogue_files import VOLUMES_FILE
from engine.adapters.yaml_files import dump_yaml, load_model
from engine.errors import InputProblem, UserError
from engine.importers.volumes import VolumeImport, read_volumes
from engine.model.volumes import VolumeStore
from engine.services import paths
from engine.services.catalogue import Catalogue


def store_path(catalogue_dir: Path | None = None) -> Path:
    return Path(catalogue_dir or paths.catalogue_dir()) / VOLUMES_FILE


def load_store(path: Path) -> tuple[VolumeStore, list[InputProblem]]:
    if not path.exists():
        return VolumeStore(), []
    store, problems = load_model(path, VolumeStore)
    return store or VolumeStore(), problems


def import_volumes(
    file: Path, catalogue: Catalogue, store: Path, source: str | None = None
) -> tuple[VolumeImport, VolumeStore]:
    """Read ``file``, check its codes against ``catalogue``, and add its good rows to ``store``.

    Bad rows are reported and left out; the good ones are stored even when others are bad. A record of
    a procedure and year already stored replaces the old one.
    """
    imported = read_volumes(file, source, known_codes={p.code for p in catalogue.procedures})
    existing, problems = load_store(store)
    if problems:
        raise UserError("; ".join(str(p) for p in problems))
    merged = existing.merged(imported.records)
    try:
        store.write_text(dump_yaml(merged.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    except OSError as error:
        raise UserError(f"{store}: cannot write: {error.strerror}") from None
    return imported, merged


def apply_volumes(catalogue: Catalogue, source: Path | VolumeStore) -> list[InputProblem]:
    """Give each procedure its latest counted volume from a store (or a .csv/.xlsx statistics file).

    Returns the problems met (bad rows, codes not in the catalogue); procedures without a record keep
    their volume, or none, and the cost model assumes one for them.
    """
    problems: list[InputProblem] = []
    if isinstance(source, VolumeStore):
        store = source
    elif source.suffix.lower() in (".yaml", ".yml"):
        store, problems = load_store(source)
    else:
        imported = read_volumes(source, known_codes={p.code for p in catalogue.procedures})
        store, problems = VolumeStore(records=imported.records), imported.problems
    latest = store.latest()
    for procedure in catalogue.procedures:
        if procedure.code in latest:
            procedure.annual_volume = latest[procedure.code].as_volume()
    return problems
