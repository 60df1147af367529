"""An on-disk cache of a loaded catalogue and its audit, so an unchanged catalogue is not audited again
when the workbench restarts.

The key is a hash of every file's content under the catalogue, the rules folder and the data-source
registry, with the rulebook choice and the audit date (findings depend on which databases are published
on that date). A thin layer: a general audit cache in ``engine.services.audit`` can replace
:func:`cached_audit` without the callers changing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from pathlib import Path

from engine.services import paths
from engine.services.audit import AuditResult, audit, load_rulebook
from engine.services.catalogue import Catalogue, load_catalogue

CACHE_ENV = "TINHGON_CACHE_DIR"
FORMAT = "1"  # bump when Catalogue or AuditResult change shape


def cache_dir() -> Path:
    """``TINHGON_CACHE_DIR``, else ``$XDG_CACHE_HOME/tinhgon`` (``~/.cache/tinhgon``)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tinhgon"


def content_key(*places: Path, extra: str = "") -> str:
    """A hash of the names and contents of every file under ``places`` (files or folders)."""
    digest = hashlib.sha256(f"{FORMAT}|{extra}".encode())
    for place in places:
        files = sorted(p for p in place.rglob("*") if p.is_file()) if place.is_dir() else [place]
        for file in files:
            if file.exists():
                digest.update(str(file.relative_to(place) if place.is_dir() else file.name).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def cached_audit(
    catalogue_path: Path | None = None,
    experimental: bool = False,
    audit_date: dt.date | None = None,
    workers: int | None = None,
) -> tuple[Catalogue, AuditResult]:
    """The catalogue at ``catalogue_path`` and its audit, from the cache when nothing changed
    (audited on ``workers`` processes otherwise, all cores by default)."""
    catalogue_path = Path(catalogue_path or paths.catalogue_dir())
    audit_date = audit_date or dt.date.today()
    key = content_key(
        catalogue_path,
        paths.rules_dir(),
        paths.sources_file(),
        extra=f"{experimental}|{audit_date.isoformat()}",
    )
    file = cache_dir() / f"audit-{key[:32]}.pickle"
    try:
        with file.open("rb") as handle:
            catalogue, result = pickle.load(handle)
        if isinstance(catalogue, Catalogue) and isinstance(result, AuditResult):
            return catalogue, result
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass  # missing, stale or unreadable: audit again
    catalogue = load_catalogue(catalogue_path)
    rulebook = load_rulebook(include_experimental=experimental)
    result = audit(catalogue, rulebook, audit_date=audit_date, workers=workers)
    _store(file, (catalogue, result))
    return catalogue, result


def _store(file: Path, value: object) -> None:
    """Write atomically; a cache that cannot be written only costs time."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(file)
    except OSError:
        pass
