"""The Exchange source, real exchangelib against a local EWS endpoint."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from intake.sources.base import SourceError
from intake.sources.exchange import ExchangeSource
from tests.documents import message as make_message


def _forwarded() -> bytes:
    inner = make_message(subject="Rekvisition", attachments=[("rekv.pdf", b"%PDF-1.4 r")])
    from email import message_from_bytes
    from email.message import EmailMessage

    outer = EmailMessage()
    outer["Subject"] = "VB: Rekvisition"
    outer["From"] = "kansli@region.example.se"
    outer["Message-ID"] = "<fwd@region.example.se>"
    outer.set_content("Vidarebefordrar.")
    outer.add_attachment(message_from_bytes(inner))
    return outer.as_bytes()


def test_items_come_as_mime_keyed_without_the_ews_id_and_move_after(ews) -> None:
    first = make_message(message_id="<a@region.example.se>",
                         attachments=[("a.pdf", b"%PDF-1.4 a")])
    ews.mailbox.deliver(first, "<a@region.example.se>",
                        received=datetime(2024, 3, 25, 9, 3, tzinfo=UTC))
    ews.mailbox.deliver(_forwarded(), "<fwd@region.example.se>",
                        received=datetime(2024, 3, 25, 10, 0, tzinfo=UTC))
    source = ExchangeSource(ews.settings(), max_wait=1)

    items = list(source.fetch())
    assert [i.message_id for i in items] == ["<a@region.example.se>", "<fwd@region.example.se>"]
    assert items[0].raw == first
    assert b"rekv.pdf" in items[1].raw  # the forwarded item travels inside the MIME content
    assert items[0].received == datetime(2024, 3, 25, 9, 3, tzinfo=UTC)
    ews_id = items[0].handle.id
    assert ews_id not in items[0].key and items[0].key.startswith("exchange:")

    for item in items:
        source.mark_processed(item)
    assert source.backlog() == 0
    source.close()

    assert ews.mailbox.in_folder("INBOX") == []
    assert [i.message_id for i in ews.mailbox.in_folder("INBOX/Behandlat")] == [
        "<a@region.example.se>", "<fwd@region.example.se>"]
    assert {"FindItem", "GetItem", "MoveItem", "CreateFolder"} <= set(ews.mailbox.calls)


def test_listing_is_taken_before_moving_so_no_page_is_skipped(ews) -> None:
    for n in range(12):
        ews.mailbox.deliver(make_message(message_id=f"<m{n}@x>"), f"<m{n}@x>",
                            received=datetime(2024, 1, 1, 8, n, tzinfo=UTC))
    source = ExchangeSource(ews.settings(), max_wait=1)
    seen = []
    for item in source.fetch():
        seen.append(item.message_id)
        source.mark_processed(item)
    source.close()
    assert seen == [f"<m{n}@x>" for n in range(12)]


def test_an_existing_processed_folder_is_used(ews) -> None:
    source = ExchangeSource(ews.settings(processed_folder="Behandlat"), max_wait=1)
    list(source.fetch())
    source.close()
    source = ExchangeSource(ews.settings(processed_folder="Behandlat"), max_wait=1)
    list(source.fetch())
    source.close()
    assert ews.mailbox.calls.count("CreateFolder") == 1


def test_refused_login_is_a_source_error(ews) -> None:
    source = ExchangeSource(ews.settings(password="fel"), max_wait=1)
    with pytest.raises(SourceError, match="Exchange"):
        list(source.fetch())


def test_missing_folder_is_a_source_error(ews) -> None:
    with pytest.raises(SourceError, match="finns inte"):
        list(ExchangeSource(ews.settings(folder="Saknas"), max_wait=1).fetch())
