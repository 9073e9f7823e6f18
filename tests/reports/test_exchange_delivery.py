"""The weekly report sent through the Exchange mailbox: real exchangelib against the local EWS
endpoint (CreateItem, SendAndSaveCopy), and an EWS refusal recorded and retried next run."""
from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

from sqlalchemy import select

from config.settings import Settings
from reports.delivery import deliver_week
from reports.job import weekly_job
from reports.week import IsoWeek
from storage.models import ReportDelivery
from tests.intake.fakes.ews import FakeEwsServer
from tests.reports.conftest import REPORT_TIME

OFFICER = "handlaggare@socialstyrelsen.example.se"
BOSS = "enhetschef@socialstyrelsen.example.se"
QUOTA = ("ErrorQuotaExceeded", "The mailbox quota has been exceeded.")


def _settings(ews: FakeEwsServer, recipients: dict[str, list[str]],
              db: str | None = None) -> Settings:
    values = {"db": db} if db else {}
    return Settings(_env_file=None, mailbox=ews.settings(), report={
        "transport": "exchange", "recipients": recipients,
        "smtp": {"sender": "grant-intake@localhost"}}, **values)


def test_the_report_is_sent_and_saved_with_chart_inline_and_files_attached(seeded_factory, ews):
    results = deliver_week(seeded_factory, _settings(ews, {"hembesok": [OFFICER], "*": [BOSS]}),
                           IsoWeek(2024, 14), now=REPORT_TIME)
    assert sorted((r.recipient, r.status) for r in results) == [(BOSS, "sent"), (OFFICER, "sent")]
    assert ews.mailbox.calls.count("CreateItem") == 2

    sent = {item.recipients: item for item in ews.mailbox.in_folder("Skickat")}
    assert set(sent) == {(OFFICER,), (BOSS,)}
    msg = message_from_bytes(sent[(OFFICER,)].mime, policy=policy.default)
    assert msg["To"] == OFFICER
    assert msg["From"] == ews.email  # the mailbox itself, not report.smtp.sender
    assert msg["Subject"].startswith("Veckorapport statsbidrag vecka 14 2024")
    assert b"\r\n" in sent[(OFFICER,)].mime

    html = msg.get_body(("html",)).get_content()
    cid = html.split('src="cid:', 1)[1].split('"', 1)[0]
    [chart] = [p for p in msg.walk() if p.get("Content-ID") == f"<{cid}>"]
    assert chart.get_content_type() == "image/png"
    assert chart.get_content_disposition() == "inline"
    assert chart.get_content().startswith(b"\x89PNG")
    assert "Öppna ärenden" in msg.get_body(("plain",)).get_content()

    files = {p.get_filename(): p.get_content_type() for p in msg.iter_attachments()}
    assert files == {
        "veckorapport-2024-W14.pdf": "application/pdf",
        "veckorapport-2024-W14.xlsx":
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def test_an_ews_refusal_is_recorded_and_sent_at_the_next_run(seeded_factory, sqlite_url, ews):
    settings = _settings(ews, {"*": [OFFICER]}, db=sqlite_url)
    ews.mailbox.send_error = QUOTA
    [failed] = weekly_job(settings, now=REPORT_TIME)
    assert (failed.week, failed.status, failed.attempts) == ("2024-W14", "failed", 1)
    assert "mailbox quota has been exceeded" in failed.error
    with seeded_factory() as session:
        row = session.scalar(select(ReportDelivery))
        assert (row.status, row.sent_at) == ("failed", None) and "quota" in row.error
    assert ews.mailbox.in_folder("Skickat") == []

    ews.mailbox.send_error = None
    next_monday = datetime(2024, 4, 15, 5, 0, tzinfo=UTC)
    results = weekly_job(settings, now=next_monday)
    assert [(r.week, r.status, r.attempts) for r in results] == [
        ("2024-W14", "sent", 2), ("2024-W15", "sent", 1)]
    subjects = sorted(message_from_bytes(i.mime, policy=policy.default)["Subject"][:40]
                      for i in ews.mailbox.in_folder("Skickat"))
    assert subjects == ["Veckorapport statsbidrag vecka 14 2024: ",
                        "Veckorapport statsbidrag vecka 15 2024: "]


def test_a_refused_login_is_a_recorded_failure(seeded_factory, ews):
    from pydantic import SecretStr

    settings = _settings(ews, {"*": [OFFICER]})
    settings.mailbox.password = SecretStr("fel")
    [failed] = deliver_week(seeded_factory, settings, IsoWeek(2024, 14), now=REPORT_TIME)
    assert failed.status == "failed" and "nekade inloggningen" in failed.error
    assert "CreateItem" not in ews.mailbox.calls
