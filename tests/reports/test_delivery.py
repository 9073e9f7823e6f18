"""Delivery through a real SMTP server (aiosmtpd on a loopback port): parts, once-only, retries."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from openpyxl import load_workbook
from sqlalchemy import select

from config.settings import Settings
from reports.delivery import deliver_week, recipient_scopes, retry_failed
from reports.week import IsoWeek
from storage.models import ReportDelivery
from tests.reports.conftest import REPORT_TIME, free_port

W14 = IsoWeek(2024, 14)
OFFICER = "handlaggare@socialstyrelsen.example.se"
BOSS = "enhetschef@socialstyrelsen.example.se"


def settings_for(port: int, recipients: dict[str, list[str]] | list) -> Settings:
    return Settings(_env_file=None, report={
        "recipients": recipients,
        "smtp": {"host": "127.0.0.1", "port": port, "sender": "grant-intake@region.example.se"},
    })


def _rows(factory) -> dict[str, ReportDelivery]:
    with factory() as session:
        return {r.recipient: r for r in session.scalars(select(ReportDelivery))}


def test_the_mail_arrives_with_html_chart_pdf_and_xlsx(seeded_factory, smtp_server):
    controller, inbox = smtp_server
    settings = settings_for(controller.port, {"hembesok": [OFFICER]})
    results = deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert [(r.recipient, r.status, r.attempts) for r in results] == [(OFFICER, "sent", 1)]

    [(rcpts, msg)] = inbox.messages
    assert rcpts == [OFFICER]
    assert msg["Subject"] == ("Veckorapport statsbidrag vecka 14 2024: 4 inkomna handlingar, "
                              "4 nya avvikelser, 4 öppna ärenden")
    assert msg["From"] == "grant-intake@region.example.se"
    assert msg.get_content_type() == "multipart/mixed"
    html = msg.get_body(("html",))
    text = msg.get_body(("plain",))
    assert "Öppna ärenden" in text.get_content()
    body = html.get_content()
    cid = body.split('src="cid:', 1)[1].split('"', 1)[0]
    chart = next(p for p in msg.walk() if p.get("Content-ID") == f"<{cid}>")
    assert chart.get_content_type() == "image/png"
    assert chart.get_content().startswith(b"\x89PNG")
    assert "Region Gotland" in body and "bhv-pilot" not in body
    assert "834\u00a0000\u00a0kr" in body

    attachments = {p.get_filename(): p for p in msg.iter_attachments()}
    pdf = attachments["veckorapport-2024-W14.pdf"].get_content()
    assert "834" in pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range() or any(
        "834" in page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
    xlsx = attachments["veckorapport-2024-W14.xlsx"].get_content()
    rows = list(load_workbook(io.BytesIO(xlsx))["Öppna ärenden"].iter_rows(values_only=True))
    assert len(rows) == 1 + 4

    row = _rows(seeded_factory)[OFFICER]
    assert (row.week, row.status, row.attempts, row.error) == ("2024-W14", "sent", 1, None)
    assert row.sent_at is not None


def test_sent_once_per_week_and_recipient_unless_forced(seeded_factory, smtp_server):
    controller, inbox = smtp_server
    settings = settings_for(controller.port, {"*": [BOSS], "hembesok": [OFFICER]})
    deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert sorted(r for rcpts, _ in inbox.messages for r in rcpts) == [BOSS, OFFICER]

    again = deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert {r.status for r in again} == {"skipped"}
    assert len(inbox.messages) == 2

    forced = deliver_week(seeded_factory, settings, W14, force=True, now=REPORT_TIME)
    assert {r.status for r in forced} == {"sent"}
    assert len(inbox.messages) == 4
    assert _rows(seeded_factory)[BOSS].attempts == 2


def test_a_failed_delivery_is_recorded_and_retried_next_run(seeded_factory, smtp_server):
    controller, inbox = smtp_server
    down = settings_for(free_port(), {"hembesok": [OFFICER]})
    [failed] = deliver_week(seeded_factory, down, W14, now=REPORT_TIME)
    assert failed.status == "failed" and "SMTP 127.0.0.1" in failed.error
    row = _rows(seeded_factory)[OFFICER]
    assert (row.status, row.attempts, row.sent_at) == ("failed", 1, None)

    up = settings_for(controller.port, {"hembesok": [OFFICER]})
    [retried] = retry_failed(seeded_factory, up, W14.next(), now=REPORT_TIME)
    assert (retried.week, retried.status, retried.attempts) == ("2024-W14", "sent", 2)
    assert len(inbox.messages) == 1
    assert retry_failed(seeded_factory, up, W14.next(), now=REPORT_TIME) == []


def test_a_refused_recipient_is_a_failure_not_a_crash(seeded_factory, smtp_server):
    controller, _ = smtp_server
    settings = settings_for(controller.port, {"hembesok": ["not-an-address"], "*": [OFFICER]})
    results = deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert [(r.recipient, r.status) for r in results] == [(OFFICER, "sent")]


def test_no_smtp_host_is_a_recorded_failure(seeded_factory):
    settings = Settings(_env_file=None, report={"recipients": {"*": [OFFICER]}})
    [result] = deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert result.status == "failed" and "report.smtp.host" in result.error


def test_recipients_subscribe_per_program_and_plain_addresses_get_all(seeded_factory,
                                                                      smtp_server):
    controller, inbox = smtp_server
    settings = settings_for(controller.port, [BOSS, {"address": OFFICER,
                                                     "programs": ["bhv-pilot"]}])
    results = deliver_week(seeded_factory, settings, W14, now=REPORT_TIME)
    assert sorted((r.recipient, r.status) for r in results) == [(BOSS, "sent"),
                                                                (OFFICER, "sent")]
    bodies = {rcpts[0]: msg.get_body(("html",)).get_content() for rcpts, msg in inbox.messages}
    assert "Region Gotland" in bodies[BOSS] and "Botkyrka kommun" in bodies[BOSS]
    assert "Botkyrka kommun" in bodies[OFFICER] and "Region Gotland" not in bodies[OFFICER]


def test_a_report_with_nothing_new_still_goes_out(seeded_factory, smtp_server):
    controller, inbox = smtp_server
    settings = settings_for(controller.port, [OFFICER])
    [result] = deliver_week(seeded_factory, settings, IsoWeek(2023, 40), now=REPORT_TIME)
    assert result.status == "sent"
    [(_, msg)] = inbox.messages
    assert msg["Subject"].endswith("inget nytt")
    assert "Inget nytt vecka 40" in msg.get_body(("plain",)).get_content()


def test_recipient_list_form_with_and_without_programs():
    scopes = recipient_scopes([OFFICER, {"address": BOSS, "programs": ["hembesok"]},
                               {"address": BOSS, "programs": ["bhv-pilot"]}, "nobody"])
    assert scopes == {OFFICER: None, BOSS: ("bhv-pilot", "hembesok")}


def test_recipient_scopes_merge_programs_and_star_wins():
    scopes = recipient_scopes({
        "hembesok": [OFFICER, " x@y.se "], "bhv-pilot": [OFFICER], "*": ["x@y.se"], "z": [""]})
    assert scopes == {OFFICER: ("bhv-pilot", "hembesok"), "x@y.se": None}
