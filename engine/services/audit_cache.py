"""An on-disk cache of a loaded catalogue and its audit, so an unchanged catalogue is not audited again
when the workbench restarts.

The key is a hash of every file's content under the catalogue, the rules folder and the data-source
registry, with the rulebook choice and the audit date (findings depend on which databases are published
on that date). Entries are files of ``workbench/`` in the cache folder, the least recently written
deleted beyond ``engine.services.cache.LARGE_BUDGET``. A thin layer: a general audit cache in
``engine.services.audit`` can replace :func:`cached_audit` without the callers changing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from contextlib import suppress
from pathlib import Path

from pydantic import ValidationError

from engine.errors import InputProblem
from engine.model import Finding, Procedure, SourceRegistry
from engine.services import paths
from engine.services.audit import AuditResult, audit, load_rulebook
from engine.services.cache import LARGE_BUDGET, prune
from engine.services.catalogue import Catalogue, load_catalogue

CACHE_ENV = "TINHGON_CACHE_DIR"
FORMAT = "2"  # bump when Catalogue or AuditResult change shape


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
    file = cache_dir() / "workbench" / f"audit-{key[:32]}.json"
    cached = _read(file)
    if cached:
        return cached
    catalogue = load_catalogue(catalogue_path)
    rulebook = load_rulebook(include_experimental=experimental)
    result = audit(catalogue, rulebook, audit_date=audit_date, workers=workers)
    _store(file, _dump(catalogue, result))
    return catalogue, result


def _dump(catalogue: Catalogue, result: AuditResult) -> str:
    # JSON, never pickle: a cache file is data, and reading it must not run code.
    return json.dumps(
        {
            "procedures": [p.model_dump(mode="json") for p in catalogue.procedures],
            "registry": catalogue.registry.model_dump(mode="json"),
            "problems": [[p.path, p.field, p.message] for p in catalogue.problems],
            "files_read": catalogue.files_read,
            "findings": [f.model_dump(mode="json") for f in result.findings],
            "facts": result.facts,
            "rules": result.rules,
            "audit_date": result.audit_date.isoformat(),
        },
        ensure_ascii=False,
    )


def _read(file: Path) -> tuple[Catalogue, AuditResult] | None:
    """The cached catalogue and audit, or None when the entry is missing, stale or unreadable."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        catalogue = Catalogue(
            procedures=[Procedure.model_validate(p) for p in data["procedures"]],
            registry=SourceRegistry.model_validate(data["registry"]),
            problems=[InputProblem(*p) for p in data["problems"]],
            files_read=data["files_read"],
        )
        result = AuditResult(
            findings=[Finding.model_validate(f) for f in data["findings"]],
            procedures=len(catalogue.procedures),
            facts=data["facts"],
            rules=data["rules"],
            audit_date=dt.date.fromisoformat(data["audit_date"]),
        )
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None  # audit again
    return catalogue, result


def _store(file: Path, text: str) -> None:
    """Write atomically; a cache that cannot be written only costs time."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(file)
    except OSError:
        pass
    prune(str(file.parent), str(file), LARGE_BUDGET)  # a new entry each day and each edit: the oldest go
    for legacy in cache_dir().glob("audit-*.json"):  # where entries were kept before they were pruned
        with suppress(OSError):
            legacy.unlink()
