"""The Graph source against the fake Graph and identity platform (TLS, their own CA): keys,
order, bounded batches through @odata.nextLink, the processed folder, throttling, expired
tokens, refusals; and polls over it that store and move every message exactly once."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from config.settings import Settings
from intake.service import poll_source
from intake.sources.base import SourceError
from intake.sources.graph import GraphSource
from storage.models import Message, SourceState
from tests.documents import message, requisition_lines, text_pdf
from tests.intake.fakes.graph import READ_WRITE, FakeMicrosoft

START = datetime(2024, 3, 25, 8, 0, tzinfo=UTC)


def _fill(fake: FakeMicrosoft, n: int, pdf: bool = False) -> list[str]:
    ids = [f"<g{k}@region.example.se>" for k in range(n)]
    attachment = [("r.pdf", text_pdf(requisition_lines()))] if pdf else []
    for k, mid in reversed(list(enumerate(ids))):  # delivered newest first: order is the source's
        fake.deliver(message(attachment, message_id=mid), mid, received=START + timedelta(minutes=k))
    return ids


def _drain(source: GraphSource) -> list[str]:
    handled = []
    for item in source.fetch():
        handled.append(item.message_id)
        source.mark_processed(item)
    return handled


def _stored(session_factory) -> list[str]:
    with session_factory() as s:
        return sorted(s.scalars(select(Message.message_id)))


def test_oldest_first_in_batches_keyed_on_message_id_and_mime(microsoft) -> None:
    ids = _fill(microsoft, 7)
    source = GraphSource(microsoft.settings(batch_size=3))

    items = list(source.fetch())
    source.close()

    assert [i.message_id for i in items] == ids
    assert items[0].received == START
    graph_ids = {i.handle for i in items}
    for item in items:
        assert item.key.startswith(f"graph:{microsoft.email}:{item.message_id}:")
        assert item.handle not in item.key  # never the Graph id: it changes on move
    assert len(graph_ids) == 7
    listings = [c for c in microsoft.calls if c.endswith("/mailFolders/inbox/messages")]
    assert len(listings) >= 3  # pages of $top=3 followed through @odata.nextLink


def test_the_listing_is_lazy_one_batch_at_a_time(microsoft) -> None:
    """A big backlog is never listed, let alone fetched, at once."""
    _fill(microsoft, 40)
    source = GraphSource(microsoft.settings(batch_size=5))
    items = source.fetch()
    first = next(items)
    source.mark_processed(first)
    listings = [c for c in microsoft.calls if c.endswith("/messages")]
    fetched = [c for c in microsoft.calls if c.endswith("/$value")]
    assert (len(listings), len(fetched)) == (1, 1)
    rest = [first.message_id]
    for item in items:
        rest.append(item.message_id)
        source.mark_processed(item)
    source.close()
    assert len(rest) == len(set(rest)) == 40
    assert len(microsoft.mailbox.in_folder("Behandlat")) == 40


def test_moving_while_reading_skips_nothing(microsoft) -> None:
    """Each move shifts later pages; a fresh listing per batch keeps every message in view."""
    ids = _fill(microsoft, 23)
    source = GraphSource(microsoft.settings(batch_size=4))
    assert _drain(source) == ids
    assert _drain(source) == []
    source.close()
    assert microsoft.mailbox.in_folder("INBOX") == []
    moved = microsoft.mailbox.in_folder("Behandlat")
    assert sorted(i.internet_message_id for i in moved) == sorted(ids)


def test_processed_folder_found_under_the_inbox_or_created_at_the_top(microsoft) -> None:
    box = microsoft.mailbox
    from tests.intake.fakes.graph import Folder

    under_inbox = Folder("AAMkAGunder", "Behandlat", box.folder("inbox").id)
    box.folders[under_inbox.id] = under_inbox
    _fill(microsoft, 1)
    source = GraphSource(microsoft.settings())
    _drain(source)
    source.close()
    assert [i.folder for i in box.items.values()] == [under_inbox.id]
    assert not any(c.startswith("POST") and c.endswith("/mailFolders") for c in microsoft.calls)

    other = GraphSource(microsoft.settings(processed_folder="Klart/2024"))
    _fill(microsoft, 1)
    _drain(other)
    _drain(other)
    other.close()
    assert len(box.in_folder("Klart/2024")) == 1
    assert sum(1 for f in box.folders.values() if f.display_name == "Klart") == 1


def test_a_missing_folder_is_a_source_error(microsoft) -> None:
    with pytest.raises(SourceError, match="Mappen Saknas finns inte"):
        list(GraphSource(microsoft.settings(folder="Saknas")).fetch())


def test_throttling_and_a_busy_service_are_waited_out(microsoft) -> None:
    ids = _fill(microsoft, 3)
    microsoft.fail(429, times=2, retry_after=1, on="/$value")
    microsoft.fail(503, times=1, retry_after=1, on="/move")
    source = GraphSource(microsoft.settings())
    assert _drain(source) == ids
    assert source._graph.waited == 3
    source.close()
    assert len(microsoft.mailbox.in_folder("Behandlat")) == 3


def test_throttling_longer_than_the_budget_is_a_source_error(microsoft) -> None:
    _fill(microsoft, 1)
    microsoft.fail(429, retry_after=600, on="/messages")
    with pytest.raises(SourceError, match="429"):
        list(GraphSource(microsoft.settings(), max_wait=5).fetch())


def test_an_expired_token_is_renewed_once(microsoft) -> None:
    ids = _fill(microsoft, 2)
    source = GraphSource(microsoft.settings())
    items = source.fetch()
    first = next(items)
    microsoft.expire_tokens()
    source.mark_processed(first)
    rest = [i.message_id for i in items]
    source.close()
    assert [first.message_id, *rest] == ids
    assert microsoft.tokens_issued == 2


@pytest.mark.parametrize(("change", "expected"), [
    ({"client_secret": SecretStr("fel")}, "AADSTS7000215.*|.*fel klienthemlighet"),
    ({"tenant_id": "annan-tenant"}, "klientorganisationen .*finns inte"),
    ({"client_id": "okänd-app"}, "appen .*finns inte"),
])
def test_a_refused_app_is_a_clear_source_error_and_nothing_moves(microsoft, change, expected) -> None:
    _fill(microsoft, 2)
    with pytest.raises(SourceError, match=expected) as refused:
        list(GraphSource(microsoft.settings(**change)).fetch())
    assert "app-hemlighet" not in str(refused.value)
    assert len(microsoft.mailbox.in_folder("INBOX")) == 2
    assert not any(c.startswith("POST /v1.0") for c in microsoft.calls)


def test_missing_permission_is_a_source_error(microsoft) -> None:
    microsoft.roles.remove(READ_WRITE)
    with pytest.raises(SourceError, match="ErrorAccessDenied"):
        list(GraphSource(microsoft.settings()).fetch())


def test_a_certificate_signs_in_instead_of_a_secret(microsoft, tmp_path: Path) -> None:
    import trustme

    key_and_cert = trustme.CA().issue_cert("grant-intake-app", key_type=trustme.KeyType.RSA)
    pem = tmp_path / "app.pem"
    pem.write_bytes(key_and_cert.private_key_pem.bytes() + key_and_cert.cert_chain_pems[0].bytes())
    microsoft.certificate_pem = key_and_cert.cert_chain_pems[0].bytes()
    ids = _fill(microsoft, 1)
    source = GraphSource(microsoft.settings(client_secret=None, client_certificate=pem))
    assert _drain(source) == ids
    source.close()


# -- polls over the source ------------------------------------------------------------------

def _settings(db_url: str, tmp_path: Path, fake: FakeMicrosoft, **mailbox) -> Settings:
    return Settings(db=db_url, data_dir=tmp_path / "store", mailbox=fake.settings(**mailbox))


def test_a_poll_stores_and_moves_every_message_once_and_a_second_adds_nothing(
        microsoft, pipeline, session_factory, db_url, tmp_path) -> None:
    ids = _fill(microsoft, 6, pdf=True)
    microsoft.fail(429, times=1, retry_after=1, on="/$value")
    settings = _settings(db_url, tmp_path, microsoft, batch_size=4)

    first = poll_source(GraphSource(settings.mailbox), pipeline)
    second = poll_source(GraphSource(settings.mailbox), pipeline)

    assert (first.fetched, first.stored, first.moved, first.backlog) == (6, 6, 6, 0)
    assert (second.fetched, second.stored, second.moved) == (0, 0, 0)
    assert _stored(session_factory) == sorted(ids)
    moves = [c for c in microsoft.calls if c.endswith("/move")]
    assert len(moves) == 6  # each exactly once
    assert len(microsoft.mailbox.in_folder("Behandlat")) == 6


def test_a_message_stored_before_a_crash_is_only_moved(microsoft, pipeline, session_factory,
                                                      db_url, tmp_path) -> None:
    ids = _fill(microsoft, 2)
    source = GraphSource(microsoft.settings())
    from intake.pipeline import Incoming

    first = next(source.fetch())
    pipeline.process(Incoming(raw=first.raw, kind="eml", source_kind="graph", source_key=first.key))
    source.close()  # killed before the move

    result = poll_source(GraphSource(microsoft.settings()), pipeline)
    assert (result.stored, result.moved) == (1, 2)
    assert _stored(session_factory) == sorted(ids)
    assert microsoft.mailbox.in_folder("INBOX") == []


def test_a_wrong_secret_is_recorded_and_the_service_tries_again(microsoft, pipeline,
                                                               session_factory, db_url,
                                                               tmp_path) -> None:
    _fill(microsoft, 1)
    with pytest.raises(SourceError):
        poll_source(GraphSource(microsoft.settings(client_secret=SecretStr("fel"))), pipeline)
    with session_factory() as s:
        state = s.scalars(select(SourceState)).one()
        assert state.failures == 1 and "AADSTS7000215" in state.last_error
        assert s.scalar(select(func.count(Message.id))) == 0
    assert len(microsoft.mailbox.in_folder("INBOX")) == 1

    result = poll_source(GraphSource(microsoft.settings()), pipeline)
    assert result.moved == 1
    with session_factory() as s:
        assert s.scalars(select(SourceState)).one().failures == 0


def test_the_ca_bundle_is_what_lets_tls_through(microsoft) -> None:
    """Without mailbox.ca_bundle the fake's own CA is unknown, as a TLS-inspecting proxy's is."""
    with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        list(GraphSource(microsoft.settings(ca_bundle=None)).fetch())


def test_the_ca_bundle_adds_to_the_system_authorities(microsoft) -> None:
    from intake.connections.tls import tls_context

    system = tls_context(None).cert_store_stats()["x509_ca"]
    assert tls_context(microsoft.ca_file).cert_store_stats()["x509_ca"] == system + 1


def test_the_scheduled_poll_keeps_running_through_graph_faults_and_backs_off(
        microsoft, pipeline, session_factory, db_url, tmp_path) -> None:
    import threading

    from intake.service import PollJob

    _fill(microsoft, 2)
    microsoft.fail(503, times=100, retry_after=600, on="/mailFolders")  # down for longer than a poll waits
    job = PollJob(_settings(db_url, tmp_path, microsoft), pipeline, threading.Event())
    assert job() is None  # recorded, not raised
    calls = len(microsoft.calls)
    assert job() is None and len(microsoft.calls) == calls  # backing off: Graph left alone
    with session_factory() as s:
        state = s.scalars(select(SourceState)).one()
        assert state.failures == 1 and "503" in state.last_error

    microsoft.faults.clear()
    with session_factory() as s:  # the next tick after the back-off
        state = s.scalars(select(SourceState)).one()
        state.last_error_at -= timedelta(hours=1)
        s.commit()
    result = job()
    assert result is not None and result.moved == 2


def test_a_token_is_reused_until_close_to_expiry_then_renewed_before_it(microsoft) -> None:
    from intake.connections.graph import GraphMailbox

    graph = GraphMailbox(microsoft.settings())
    for _ in range(3):
        graph.get("/mailFolders/inbox")
    assert microsoft.tokens_issued == 1
    microsoft.token_lifetime = 240  # inside MSAL's five minutes of margin: renewed at each use
    graph.tokens.renew()
    graph.get("/mailFolders/inbox")
    graph.get("/mailFolders/inbox")
    graph.close()
    assert microsoft.tokens_issued == 4


def test_endless_throttling_gives_up_after_a_bounded_number_of_tries(microsoft) -> None:
    _fill(microsoft, 1)
    microsoft.fail(503, times=1000, retry_after=0, on="/messages")
    with pytest.raises(SourceError, match="även efter 10 försök"):
        list(GraphSource(microsoft.settings()).fetch())


def test_a_next_link_off_graphs_host_is_not_followed_with_the_token(microsoft) -> None:
    from intake.connections.graph import GraphMailbox

    graph = GraphMailbox(microsoft.settings())
    with pytest.raises(SourceError, match="länkade utanför"):
        graph.get("https://elsewhere.example/v1.0/users/x/messages?$skip=10")
    graph.close()
    assert microsoft.tokens_issued == 0
