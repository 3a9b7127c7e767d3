"""A content export as one ZIP file: unpacked safely for an import, packed for a download.

The archive holds what ``retour content export`` writes (``manifest.json`` and
``pages/<type>/<key>.<locale>.json``). Before anything is extracted the whole
archive is checked: size, number of members, unpacked size and ratio (a ZIP
bomb), and every name (no absolute path, no ``..``, JSON files under
``pages/`` or the manifest only), so a hostile upload is refused with a reason
instead of filling the disk or writing outside the temporary folder.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from retour.core import limits

MAX_MEMBERS = 20_000
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 150


class UploadRejected(ValueError):
    def __init__(self, filename: str, reason: str) -> None:
        self.filename, self.reason = filename, reason
        super().__init__(f"{filename}: {reason}")


def check(data: bytes, filename: str = "upload.zip") -> list[zipfile.ZipInfo]:
    """The archive's members, or UploadRejected naming what is wrong."""
    if len(data) > limits.MAX_UPLOAD_BYTES:
        mb = limits.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise UploadRejected(filename, f"the file is larger than {mb} MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRejected(filename, "not a ZIP archive (zip the exported folder)") from None
    if len(members) > MAX_MEMBERS:
        raise UploadRejected(filename, f"more than {MAX_MEMBERS} files in the archive")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise UploadRejected(filename, "the archive unpacks to too much data")
    files, has_pages = [], False
    for member in members:
        if member.is_dir():
            continue
        name = PurePosixPath(member.filename)
        parts = _strip_top_folder(name.parts, members)
        if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
            raise UploadRejected(member.filename, "a path outside the export")
        if parts == ("manifest.json",) or (
            len(parts) >= 2 and parts[0] == "pages" and parts[-1].endswith(".json")
        ):
            files.append(member)
            has_pages = has_pages or parts[0] == "pages"
        elif parts and parts[-1].startswith("."):
            continue  # .DS_Store and friends
        else:
            raise UploadRejected(member.filename, "not part of a content export")
    if not has_pages:
        raise UploadRejected(filename, "no pages/ folder in the archive")
    return files


def _strip_top_folder(parts: tuple[str, ...], members: list[zipfile.ZipInfo]) -> tuple[str, ...]:
    """Accept an archive of the folder itself (``export/pages/...``) as well as of its contents."""
    if len(parts) > 1 and parts[0] not in ("pages", "manifest.json"):
        return parts[1:]
    return parts


@contextmanager
def unpacked(data: bytes, filename: str = "upload.zip") -> Iterator[Path]:
    """Extract a checked archive into a temporary folder, removed afterwards."""
    members = check(data, filename)
    archive = zipfile.ZipFile(io.BytesIO(data))
    with tempfile.TemporaryDirectory(prefix="retour-content-") as tmp:
        root = Path(tmp)
        for member in members:
            parts = _strip_top_folder(PurePosixPath(member.filename).parts, members)
            target = root.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source:
                target.write_bytes(source.read(MAX_UNPACKED_BYTES + 1))
        yield root


def pack(directory: Path) -> bytes:
    """A ZIP of an export folder, as ``unpacked`` reads it back."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.rglob("*.json")):
            archive.write(path, path.relative_to(directory).as_posix())
    return buffer.getvalue()
