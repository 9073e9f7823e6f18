"""The IMAP source against a real Dovecot: keys, peeking, MOVE (never EXPUNGE), faults."""
from __future__ import annotations

import socket
import threading

import pytest

from intake.sources.base import SourceError
from intake.sources.imap import ImapSource
from tests.documents import message as make_message
from tests.intake.fakes.dovecot import ImapAccount, free_port


def test_fetch_keys_on_uidvalidity_and_uid_without_marking_seen(imap_account: ImapAccount) -> None:
    imap_account.append(make_message(message_id="<one@example.se>"),
                        make_message(message_id="<two@example.se>"))
    source = ImapSource(imap_account.settings())

    items = list(source.fetch())
    source.close()

    assert [i.message_id for i in items] == ["<one@example.se>", "<two@example.se>"]
    assert all(i.key.startswith("imap:INBOX:") and i.key.count(":") == 3 for i in items)
    assert items[0].key != items[1].key
    assert all(i.received is not None and i.received.tzinfo for i in items)
    with imap_account.connect() as box:
        box.folder.set("INBOX")
        assert all("\\Seen" not in m.flags for m in box.fetch(mark_seen=False))


def test_move_uses_MOVE_and_leaves_other_deleted_mail_alone(imap_account: ImapAccount) -> None:
    """The COPY/\\Deleted/EXPUNGE fallback would also expunge the message someone marked deleted."""
    imap_account.append(make_message(subject="marked deleted"), flags=("\\Deleted",))
    imap_account.append(make_message(subject="to handle"))
    source = ImapSource(imap_account.settings())

    (item,) = source.fetch()  # the \Deleted one is not offered
    source.mark_processed(item)
    assert "MOVE" in source._box.client.capabilities
    assert source.backlog() == 1
    source.close()

    assert len(imap_account.uids("INBOX")) == 1  # still there: nothing was expunged
    assert len(imap_account.uids("Behandlat")) == 1  # the folder was made


def test_a_message_is_stored_byte_for_byte(imap_account: ImapAccount) -> None:
    raw = make_message(attachments=[("r.pdf", b"%PDF-1.4 x")])
    imap_account.append(raw)
    source = ImapSource(imap_account.settings())
    (item,) = source.fetch()
    source.close()
    assert item.raw.replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")


def test_refused_login_is_a_source_error(imap_account: ImapAccount) -> None:
    source = ImapSource(imap_account.settings(password="fel"))
    with pytest.raises(SourceError, match="AUTHENTICATIONFAILED|Authentication failed"):
        list(source.fetch())


def test_server_down_is_a_source_error() -> None:
    account = ImapAccount("127.0.0.1", free_port(), "x", "y")
    with pytest.raises(SourceError, match="IMAP-servern"):
        list(ImapSource(account.settings()).fetch())


def test_silent_server_times_out_as_a_source_error() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    account = ImapAccount("127.0.0.1", listener.getsockname()[1], "x", "y")
    try:  # how soon: benchmarks/test_timing.py
        with pytest.raises(SourceError):
            list(ImapSource(account.settings(timeout_seconds=0.5)).fetch())
    finally:
        listener.close()
        for conn in accepted:
            conn.close()


def test_missing_folder_is_a_source_error(imap_account: ImapAccount) -> None:
    with pytest.raises(SourceError, match="finns inte"):
        list(ImapSource(imap_account.settings(folder="Saknas")).fetch())


def test_missing_credentials_are_a_source_error() -> None:
    account = ImapAccount("127.0.0.1", 1, "x", "y")
    with pytest.raises(SourceError, match="lösenord"):
        list(ImapSource(account.settings(password=None)).fetch())
