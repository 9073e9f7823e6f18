"""A directory as the mailbox: the embedded default (var/inbox/).

.eml files are messages, anything else is a bare file. A handled file is moved to
``processed/`` inside the inbox; a name already there gets a numbered suffix, never overwritten
(the poll lock keeps a second process from choosing the same free name).
Names starting with a dot (partial uploads, editor files) are left alone.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from intake.sources.base import SourceError, SourceItem, header_message_id

log = logging.getLogger(__name__)

PROCESSED_DIR = "processed"


class FolderSource:
    kind = "folder"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.processed = self.root / PROCESSED_DIR
        self.name = f"folder:{self.root.resolve()}"

    def _waiting(self) -> list[Path]:
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            self.root.mkdir(parents=True, exist_ok=True)
            return []
        except OSError as exc:
            raise SourceError(f"Inkorgen {self.root} kan inte läsas: {exc}") from exc
        files = [e for e in entries if e.is_file(follow_symlinks=False) and not e.name.startswith(".")]
        files.sort(key=lambda e: (e.stat().st_mtime_ns, e.name))
        return [Path(e.path) for e in files]

    def fetch(self) -> Iterator[SourceItem]:
        for path in self._waiting():
            try:
                raw = path.read_bytes()
                mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("folder: cannot read path=%s error=%s", path, exc)
                continue
            is_eml = path.suffix.lower() == ".eml"
            yield SourceItem(
                raw=raw,
                kind="eml" if is_eml else "file",
                key=f"folder:{path.name}",
                message_id=header_message_id(raw) if is_eml else None,
                received=None if is_eml else mtime,
                path=str(path),
                filename=path.name,
                handle=path,
            )

    def mark_processed(self, item: SourceItem) -> None:
        source: Path = item.handle
        self.processed.mkdir(parents=True, exist_ok=True)
        target = free_name(self.processed, source.name)
        os.rename(source, target)
        log.info("folder: moved path=%s to=%s", source, target)

    def backlog(self) -> int | None:
        return len(self._waiting())

    def close(self) -> None:
        pass


def free_name(directory: Path, name: str) -> Path:
    """``directory/name``, or ``stem-1.ext``, ``stem-2.ext`` … when taken."""
    candidate = directory / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 0
    while candidate.exists():
        n += 1
        candidate = directory / f"{stem}-{n}{suffix}"
    return candidate
