"""Use case: a team uploads its own catalogue (portal JSON records or procedure YAML, as files or a zip).

Uploads are size-limited and checked before anything is read: only ``.json``, ``.yaml`` and ``.yml``
files, no paths leaving the upload folder, no zip that inflates past the limit. Each upload goes to a
folder of its own (named by its content hash), so a bad upload never touches the catalogue in use.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from engine.errors import UserError
from engine.services.catalogue import Catalogue, load_catalogue

MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_FILES = 10_000
RECORD_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes


def unpack(files: Sequence[UploadedFile]) -> list[UploadedFile]:
    """The record files of an upload, zips opened; raise ``UserError`` naming the file at fault."""
    total = sum(len(f.data) for f in files)
    if total > MAX_UPLOAD_BYTES:
        raise UserError(f"upload of {total // (1024 * 1024)} MB is over the {MAX_UPLOAD_MB} MB limit")
    records: list[UploadedFile] = []
    for file in files:
        suffix = PurePosixPath(file.name).suffix.lower()
        if suffix == ".zip":
            records += _unzip(file)
        elif suffix in RECORD_SUFFIXES:
            records.append(UploadedFile(_safe_name(file.name, file.name), file.data))
        else:
            raise UserError(f"{file.name}: not a JSON, YAML or zip file")
    if not records:
        raise UserError("the upload holds no JSON or YAML file")
    if len(records) > MAX_FILES:
        raise UserError(f"the upload holds {len(records)} files, over the limit of {MAX_FILES}")
    kinds = {PurePosixPath(r.name).suffix.lower() == ".json" for r in records}
    if len(kinds) > 1:
        raise UserError("the upload mixes JSON records and YAML procedures: upload one kind at a time")
    return records


def _unzip(file: UploadedFile) -> list[UploadedFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(file.data))
    except zipfile.BadZipFile:
        raise UserError(f"{file.name}: not a valid zip file") from None
    members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_UPLOAD_BYTES:
        raise UserError(
            f"{file.name}: unpacks to {inflated // (1024 * 1024)} MB, over the {MAX_UPLOAD_MB} MB limit"
        )
    records = []
    for member in members:
        if PurePosixPath(member.filename).suffix.lower() not in RECORD_SUFFIXES:
            continue  # read-me files and the like ride along in zips
        name = _safe_name(member.filename, f"{file.name}: {member.filename}")
        try:
            records.append(UploadedFile(name, archive.read(member)))
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise UserError(f"{file.name}: {member.filename}: cannot be read ({error})") from None
    return records


def _safe_name(name: str, where: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise UserError(f"{where}: a path outside the upload is not allowed")
    return str(path)


def stage(records: Sequence[UploadedFile], root: Path) -> Path:
    """Write ``records`` to a new folder under ``root`` named by their content; return the folder."""
    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: r.name):
        digest.update(record.name.encode() + b"\0" + record.data)
    folder = root / digest.hexdigest()[:24]
    for record in records:
        target = folder / record.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(record.data)
    return folder


def load_upload(files: Sequence[UploadedFile], root: Path) -> tuple[Path, Catalogue]:
    """Check, stage and load an upload; the catalogue lists every problem met in it."""
    folder = stage(unpack(files), root)
    catalogue = load_catalogue(folder)
    if not catalogue.procedures:
        reasons = "; ".join(str(p) for p in catalogue.problems[:5]) or "no procedure found"
        raise UserError(f"no valid procedure in the upload ({reasons})")
    return folder, catalogue
