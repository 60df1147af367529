"""Use cases: a team uploads its own catalogue (portal JSON records or procedure YAML, as files or a
zip), or a file of annual dossier statistics (CSV or Excel, docs/volumes.md) for the catalogue in use.

Uploads are size-limited and checked before anything is read: only ``.json``, ``.yaml`` and ``.yml``
files, no paths leaving the upload folder, no zip that inflates past the limit. Each upload goes to a
folder of its own (named by its content hash), so a bad upload never touches the catalogue in use. A
statistics file is checked row by row first; applying its good rows makes a new catalogue folder (the
files of the one in use, linked, and a ``volumes.yaml``), so the catalogue in use stays as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from engine.adapters.catalogue_files import VOLUMES_FILE
from engine.adapters.yaml_files import dump_yaml
from engine.errors import InputProblem, UserError
from engine.importers.volumes import VolumeImport, read_volumes
from engine.model.volumes import VolumeRecord
from engine.services.catalogue import Catalogue, load_catalogue
from engine.services.volumes import load_store

MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_FILES = 10_000
RECORD_SUFFIXES = (".json", ".yaml", ".yml")
VOLUME_SUFFIXES = (".csv", ".xlsx")


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


class NothingValid(UserError):
    """An upload in which no procedure is valid: ``problems`` names each file at fault as the user named
    it, not by the server's staging folder."""

    def __init__(self, problems: list[InputProblem], files_read: int) -> None:
        reasons = "; ".join(str(p) for p in problems[:5]) or "no procedure found"
        super().__init__(f"no valid procedure in the upload ({reasons})")
        self.problems = problems
        self.files_read = files_read


def load_upload(files: Sequence[UploadedFile], root: Path) -> tuple[Path, Catalogue]:
    """Check, stage and load an upload; the catalogue lists every problem met in it."""
    folder = stage(unpack(files), root)
    catalogue = load_catalogue(folder)
    if not catalogue.procedures:
        shown = [dataclasses.replace(p, path=relative_to_upload(p.path, folder)) for p in catalogue.problems]
        raise NothingValid(shown, catalogue.files_read)
    return folder, catalogue


def check_volumes(file: UploadedFile, catalogue: Catalogue, root: Path, source: str = "") -> VolumeImport:
    """Read an uploaded statistics file against ``catalogue``: its good rows and one problem per bad row.

    Nothing is applied; a file that cannot be read at all raises ``UserError`` naming it. ``source``
    names the report for rows without a source column."""
    if len(file.data) > MAX_UPLOAD_BYTES:
        raise UserError(
            f"{file.name}: {len(file.data) // (1024 * 1024)} MB is over the {MAX_UPLOAD_MB} MB limit"
        )
    name = PurePosixPath(_safe_name(file.name, file.name)).name
    if PurePosixPath(name).suffix.lower() not in VOLUME_SUFFIXES:
        raise UserError(f"{file.name}: not a CSV or Excel (.xlsx) statistics file")
    folder = root / hashlib.sha256(file.data).hexdigest()[:24]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(file.data)
    codes = {p.code for p in catalogue.procedures}
    try:
        imported = read_volumes(path, source.strip() or None, known_codes=codes)
    except UserError as error:  # name the file as the team knows it, not the staging folder
        raise UserError(str(error).replace(str(path), file.name)) from None
    imported.path = file.name
    imported.problems = [dataclasses.replace(p, path=file.name) for p in imported.problems]
    return imported


def with_volumes(catalogue_path: Path, records: Sequence[VolumeRecord], root: Path) -> Path:
    """A new catalogue folder under ``root``: the files of ``catalogue_path`` (linked, not copied) and a
    ``volumes.yaml`` holding its stored volumes with ``records`` added. ``load_catalogue`` applies it."""
    if not records:
        raise UserError("the statistics file has no valid row: nothing to apply")
    catalogue_path = Path(catalogue_path).resolve()
    folder_of = catalogue_path if catalogue_path.is_dir() else catalogue_path.parent
    stored, problems = load_store(folder_of / VOLUMES_FILE)
    if problems:
        raise UserError("; ".join(str(p) for p in problems))
    text = dump_yaml(stored.merged(list(records)).model_dump(mode="json", exclude_none=True))
    folder = root / hashlib.sha256(f"{catalogue_path}\0{text}".encode()).hexdigest()[:24]
    files = (
        sorted(p for p in folder_of.rglob("*") if p.is_file())
        if catalogue_path.is_dir()
        else [catalogue_path]
    )
    for file in files:
        relative = file.relative_to(folder_of)
        if relative == Path(VOLUMES_FILE):
            continue
        link = folder / relative
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(file.resolve())
    (folder / VOLUMES_FILE).write_text(text, encoding="utf-8")
    return folder


def relative_to_upload(path: str, folder: Path) -> str:
    """``path`` as the user named it in the upload staged in ``folder``."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return path
