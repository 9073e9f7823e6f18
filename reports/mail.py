"""The report as one MIME message: text and HTML alternatives, the chart inline, PDF and XLSX."""
from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from reports.render import CHART_CID, RenderedReport

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MAIL_POLICY = policy.default.clone(max_line_length=998)
"""Unfolded headers: CPython folds a Swedish subject into adjacent encoded words and the space
between them is lost ("öppnaärenden"); 998 is the RFC 5322 line limit."""


def build_message(report: RenderedReport, sender: str, recipient: str) -> EmailMessage:
    """multipart/mixed[alternative[text, related[html, chart.png]], report.pdf, report.xlsx].

    The chart is referenced from the HTML as ``cid:``, which Outlook shows inline.
    """
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = report.subject
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = format_datetime(report.generated)
    msg["Message-ID"] = make_msgid("veckorapport", domain=sender.rpartition("@")[2] or None)
    msg.set_content(report.text, cte="quoted-printable")
    msg.add_alternative(report.mail_html, subtype="html", cte="quoted-printable")
    html_part = msg.get_payload()[1]
    html_part.add_related(report.chart_png, "image", "png", cid=f"<{CHART_CID}>",
                          filename="avvikelser-per-vecka.png", disposition="inline")
    msg.add_attachment(report.pdf, "application", "pdf", filename=f"{report.basename}.pdf")
    msg.add_attachment(report.xlsx, *XLSX_TYPE, filename=f"{report.basename}.xlsx")
    return msg
