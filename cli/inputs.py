"""Turn command-line paths (.eml files, PDFs, images, directories, Maildirs) into Incoming items."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from extractors.reading.sniff import sniff_media_type
from intake.pipeline import Incoming

_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
MAILDIR_PARTS = {"cur", "new"}


def _looks_like_message(data: bytes) -> bool:
    return bool(_HEADER.match(data[:200]))


def incoming_for(path: Path) -> Incoming:
    data = path.read_bytes()
    in_maildir = path.parent.name in MAILDIR_PARTS
    is_mail = path.suffix.lower() == ".eml" or (
        sniff_media_type(data) is None and (in_maildir or _looks_like_message(data)))
    if is_mail:
        return Incoming(raw=data, kind="eml", source_kind="eml", source_key=str(path), path=str(path))
    media = sniff_media_type(data) or ""
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return Incoming(raw=data, kind="file", source_kind="image" if media.startswith("image/") else "pdf",
                    source_key=str(path), path=str(path), filename=path.name, received=mtime)


def _maildir_tmp(path: Path) -> bool:
    """Files in a Maildir's tmp/ are still being delivered."""
    return path.parent.name == "tmp" and (path.parent.parent / "cur").is_dir()


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks resolved, stays under ``root`` (resolved)."""
    return path.resolve().is_relative_to(root)


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and every file under directories named (sorted, hidden ones skipped).

    Under a directory, a symlink is followed only while it stays inside that directory: a
    link to /etc/hostname in a tree handed over is not an input.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            root = p.resolve()
            out += sorted(f for f in p.rglob("*") if f.is_file()
                          and not any(part.startswith(".") for part in f.relative_to(p).parts)
                          and not _maildir_tmp(f) and _inside(f, root))
        else:
            out.append(p)
    return out


def incoming(paths: list[Path]) -> Iterator[Incoming]:
    for path in expand(paths):
        yield incoming_for(path)
