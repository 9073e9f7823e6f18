"""The weekly report sent through Microsoft Graph (sendMail with the MIME message), against the
fake Graph and identity platform over TLS: as built, from the mailbox, saved in Sent Items;
throttling waited out; a refusal recorded and sent at the next run."""
from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

from pydantic import SecretStr
from sqlalchemy import select

from config.settings import Settings
from reports.delivery import deliver_week
from reports.job import weekly_job
from reports.transport import TRANSPORTS, configured_transport
from reports.week import IsoWeek
from storage.models import ReportDelivery
from tests.intake.fakes.graph import SEND, FakeMicrosoft
from tests.reports.conftest import REPORT_TIME

OFFICER = "handlaggare@socialstyrelsen.example.se"
BOSS = "enhetschef@socialstyrelsen.example.se"


def _settings(fake: FakeMicrosoft, recipients: dict[str, list[str]], db: str | None = None,
              **mailbox) -> Settings:
    values = {"db": db} if db else {}
    return Settings(_env_file=None, mailbox=fake.settings(**mailbox), report={
        "transport": "graph", "recipients": recipients,
        "smtp": {"sender": "grant-intake@localhost"}}, **values)


def test_transports_are_chosen_by_kind() -> None:
    assert set(TRANSPORTS) == {"smtp", "exchange", "graph"}


def test_the_report_is_sent_as_built_from_the_mailbox(seeded_factory, microsoft) -> None:
    microsoft.fail(429, retry_after=1, on="/sendMail")
    settings = _settings(microsoft, {"hembesok": [OFFICER], "*": [BOSS]})
    assert configured_transport(settings).__qualname__.startswith("graph_transport")
    results = deliver_week(seeded_factory, settings, IsoWeek(2024, 14), now=REPORT_TIME)
    assert sorted((r.recipient, r.status) for r in results) == [(BOSS, "sent"), (OFFICER, "sent")]

    sent = {item.recipients: item for item in microsoft.mailbox.in_folder("Skickat")}
    assert set(sent) == {(OFFICER,), (BOSS,)}
    msg = message_from_bytes(sent[(OFFICER,)].mime, policy=policy.default)
    assert msg["From"] == microsoft.email and msg["To"] == OFFICER
    assert msg["Subject"].startswith("Veckorapport statsbidrag vecka 14 2024")
    html = msg.get_body(("html",)).get_content()
    cid = html.split('src="cid:', 1)[1].split('"', 1)[0]
    assert any(p.get("Content-ID") == f"<{cid}>" for p in msg.walk())
    assert {p.get_filename() for p in msg.iter_attachments()} == {
        "veckorapport-2024-W14.pdf", "veckorapport-2024-W14.xlsx"}


def test_a_refusal_is_recorded_and_sent_at_the_next_run(seeded_factory, sqlite_url, microsoft) -> None:
    microsoft.roles.remove(SEND)
    settings = _settings(microsoft, {"*": [OFFICER]}, db=sqlite_url)
    [failed] = weekly_job(settings, now=REPORT_TIME)
    assert failed.status == "failed" and "ErrorAccessDenied" in failed.error
    with seeded_factory() as session:
        assert session.scalar(select(ReportDelivery)).status == "failed"
    assert microsoft.mailbox.in_folder("Skickat") == []

    microsoft.roles.append(SEND)
    results = weekly_job(settings, now=datetime(2024, 4, 15, 5, 0, tzinfo=UTC))
    assert [(r.week, r.status, r.attempts) for r in results] == [
        ("2024-W14", "sent", 2), ("2024-W15", "sent", 1)]


def test_a_wrong_secret_is_a_recorded_failure_in_words(seeded_factory, microsoft) -> None:
    settings = _settings(microsoft, {"*": [OFFICER]}, client_secret=SecretStr("fel"))
    [failed] = deliver_week(seeded_factory, settings, IsoWeek(2024, 14), now=REPORT_TIME)
    assert failed.status == "failed" and "fel klienthemlighet" in failed.error
    assert not any(c.endswith("/sendMail") for c in microsoft.calls)
