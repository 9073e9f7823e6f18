"""Small documents and messages made in the tests (reportlab PDFs, e-mails)."""
from __future__ import annotations

import email.utils
from datetime import datetime
from email.message import EmailMessage
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def text_pdf(lines: list[str], font_size: int = 11) -> bytes:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 790
    for line in lines:
        if y < 60:
            c.showPage()
            y = 790
        c.setFont("Helvetica", font_size)
        c.drawString(60, y, line)
        y -= font_size * 1.6
    c.save()
    return buf.getvalue()


def message(attachments: list[tuple[str | None, bytes]] = (), *, subject: str = "Handling",
            sender: str = "registrator@region.example.se", received: datetime | None = None,
            message_id: str | None = None, maintype: str = "application",
            subtype: str = "pdf") -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "statsbidrag@example.se", subject
    m["Date"] = email.utils.format_datetime(received or datetime.fromisoformat("2024-03-20T09:00:00+01:00"))
    m["Message-ID"] = message_id or email.utils.make_msgid(domain="test.example")
    m.set_content("Hej,\n\nBifogar handling.\n")
    for name, data in attachments:
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(m)


def requisition_lines(region: str = "Region Gotland", amount: str = "834 000 kr",
                      municipalities: str | None = "Gotlands kommun", share: str = "25 %",
                      date: str = "21 mars 2024") -> list[str]:
    lines = [region, f"Datum: {date}", "Diarienummer: RS 2024/863",
             "Rekvisition av statsbidrag – utökade hembesöksprogram 2024",
             f"{region} rekvirerar statsbidrag för utökade hembesöksprogram 2024.",
             f"Rekvirerat belopp {amount}"]
    if municipalities:
        lines.append(f"Samverkande kommuner {municipalities}")
    return lines + [f"Andel till kommunal verksamhet {share}"]
