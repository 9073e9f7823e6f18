"""The folder source: what it lists, how it moves, and that it never overwrites."""
from __future__ import annotations

import os
from pathlib import Path

from intake.sources.folder import FolderSource
from tests.documents import message as make_message


def _put(path: Path, data: bytes, mtime: int) -> None:
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))


def test_lists_messages_and_files_oldest_first(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _put(inbox / "b.pdf", b"%PDF-1.4 b", 2_000)
    _put(inbox / "a.eml", make_message(message_id="<a@example.se>"), 1_000)
    _put(inbox / ".partial.eml", b"half", 500)
    (inbox / "processed").mkdir()
    _put(inbox / "processed" / "old.pdf", b"%PDF old", 100)

    items = list(FolderSource(inbox).fetch())

    assert [(i.filename, i.kind) for i in items] == [("a.eml", "eml"), ("b.pdf", "file")]
    assert items[0].message_id == "<a@example.se>"
    assert items[0].received is None  # the pipeline takes the Date header
    assert items[1].received.timestamp() == 2_000  # a bare file: its mtime
    assert items[1].key == "folder:b.pdf"


def test_processed_files_move_and_a_clash_gets_a_suffix(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "processed").mkdir(parents=True)
    (inbox / "processed" / "x.pdf").write_bytes(b"earlier")
    (inbox / "processed" / "x-1.pdf").write_bytes(b"earlier too")
    (inbox / "x.pdf").write_bytes(b"new")
    source = FolderSource(inbox)

    (item,) = source.fetch()
    source.mark_processed(item)

    assert not (inbox / "x.pdf").exists()
    assert (inbox / "processed" / "x.pdf").read_bytes() == b"earlier"
    assert (inbox / "processed" / "x-1.pdf").read_bytes() == b"earlier too"
    assert (inbox / "processed" / "x-2.pdf").read_bytes() == b"new"
    assert source.backlog() == 0


def test_a_missing_inbox_is_made_and_empty(tmp_path: Path) -> None:
    source = FolderSource(tmp_path / "nowhere")
    assert list(source.fetch()) == []
    assert (tmp_path / "nowhere").is_dir()
