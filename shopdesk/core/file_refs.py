"""Files the owner attaches (to a reply or a canned reply): stored in the blob store, described by FileRef."""

from __future__ import annotations

import json
import mimetypes
from dataclasses import asdict, dataclass
from pathlib import Path

from shopdesk.core.blobs import BlobStore

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024  # what common mail providers accept


@dataclass(frozen=True)
class FileRef:
    sha256: str
    name: str
    mime: str
    size: int

    def as_outbox(self) -> tuple[str, str, str, int]:
        """The (sha256, name, mime, size) tuple that ``outbox.queue_reply`` takes."""
        return (self.sha256, self.name, self.mime, self.size)


def store_file(blobs: BlobStore, path: Path) -> FileRef:
    """Copy the file at ``path`` into the blob store; ValueError when it is too large to send."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    digest = blobs.put(path.read_bytes())
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileRef(digest, path.name, mime, size)


def parse_refs(attachments_json: str | None) -> list[FileRef]:
    """A canned reply's ``attachments_json``; entries that are not well-formed are skipped."""
    try:
        items = json.loads(attachments_json or "[]")
    except ValueError:
        return []
    refs = []
    for item in items if isinstance(items, list) else []:
        try:
            refs.append(FileRef(str(item["sha256"]), str(item["name"]), str(item["mime"]), int(item["size"])))
        except (KeyError, TypeError, ValueError):
            continue
    return refs


def dump_refs(refs: list[FileRef]) -> str:
    return json.dumps([asdict(r) for r in refs], ensure_ascii=False)


def human_size(size: int) -> str:
    """1.2 MB, 340 KB, 12 B."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"
