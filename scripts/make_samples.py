"""Write the sample inbox for `make run` into samples/: a few requisitions, a return report and
a decision as e-mails with PDF attachments (reportlab), plus bad input, so a newcomer sees
flagged cases at once. Run again only to change the samples: python scripts/make_samples.py"""
from __future__ import annotations

import email.utils
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "samples"
CET = timezone(timedelta(hours=1))


def pdf(lines: list[str]) -> bytes:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 790
    for i, line in enumerate(lines):
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 13 if i == 0 else 11)
        c.drawString(60, y, line)
        y -= 22
    c.save()
    return buf.getvalue()


def mail(name: str, sender: str, subject: str, day: datetime, attachment: bytes | None,
         filename: str | None = None) -> None:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "statsbidrag@socialstyrelsen.example.se", subject
    m["Date"] = email.utils.format_datetime(day)
    m["Message-ID"] = f"<sample-{name}@grant-intake.example>"
    m.set_content("Hej,\n\nBifogar handlingen.\n\nMed vänlig hälsning\nRegistraturen\n")
    if attachment is not None:
        m.add_attachment(attachment, maintype="application", subtype="pdf", filename=filename)
    (OUT / f"{name}.eml").write_bytes(bytes(m))


def requisition(region: str, date: str, amount: str, municipalities: str | None, share: str) -> bytes:
    lines = [region, f"Datum: {date}", "Diarienummer: RS 2024/1234",
             "Rekvisition av statsbidrag – utökade hembesöksprogram 2024",
             f"{region} rekvirerar statsbidrag för utökade hembesöksprogram 2024.",
             f"Rekvirerat belopp {amount}"]
    if municipalities:
        lines.append(f"Samverkande kommuner {municipalities}")
    lines += [f"Andel till kommunal verksamhet {share}", "Underskrift: Hälso- och sjukvårdsdirektör"]
    return pdf(lines)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    mail("01-rekvisition-gotland", "registrator@gotland.example.se", "Rekvisition hembesök 2024",
         datetime(2024, 3, 21, 9, 3, tzinfo=CET),
         requisition("Region Gotland", "21 mars 2024", "900 000 kr", "Gotlands kommun", "25 %"),
         "rekvisition-gotland.pdf")
    mail("02-rekvisition-halland", "registrator@halland.example.se", "Rekvisition",
         datetime(2024, 3, 14, 10, 0, tzinfo=CET),
         requisition("Region Halland", "2024-03-14", "580 000 SEK", None, "50 %"),
         "rekvisition-halland.pdf")
    mail("03-rekvisition-kalmar", "registrator@kalmar.example.se", "Rekvisition statsbidrag",
         datetime(2024, 4, 12, 8, 30, tzinfo=CET),
         requisition("Region Kalmar län", "10 april 2024", "3 636 000 kronor", "Kalmar kommun", "50 %"),
         "rekvisition-kalmar.pdf")
    mail("04-aterrapport-vasternorrland", "ekonomi@rvn.example.se", "Återrapportering 2024",
         datetime(2025, 1, 8, 13, 15, tzinfo=CET),
         pdf(["Återrapportering av statsbidrag – utökade hembesöksprogram 2024",
              "Organisation: Region Västernorrland", "Datum: 7 januari 2025",
              "Redovisningsperiod: 2024-01-01 – 2024-12-31",
              "Erhållet statsbidrag 979 000 kr", "Förbrukat 936 000 kr",
              "Ej förbrukade medel (återbetalas) 53 000 kr"]),
         "aterrapport.pdf")
    mail("05-beslut-dalarna", "registrator@dalarna.example.se", "Protokollsutdrag",
         datetime(2023, 10, 13, 11, 0, tzinfo=CET),
         pdf(["Region Dalarna", "Fördelning av statsbidrag för utökade hembesök",
              "Datum: 2023-10-10 Dnr: RS 2023/368",
              "Regionstyrelsen beslutar att fördela statsbidraget (1 679 000 kr 2023) för utökade",
              "hembesöksprogram till centrala barnhälsovårdsenheten."]),
         "protokollsutdrag.pdf")
    mail("06-utan-bilaga", "registrator@uppsala.example.se", "Rekvisition (bilaga saknas)",
         datetime(2024, 3, 1, 9, 0, tzinfo=CET), None)
    mail("07-skadad-pdf", "registrator@skane.example.se", "Rekvisition",
         datetime(2024, 3, 2, 9, 0, tzinfo=CET), b"%PDF-1.7\n1 0 obj << /Type /Catalog", "rekvisition.pdf")
    (OUT / "allocations.csv").write_text(
        "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"
        "hembesok,2024,09,Region Gotland,834000,\n"
        "hembesok,2024,13,Region Halland,580000,\n"
        "hembesok,2024,08,Region Kalmar län,3636000,\n"
        "hembesok,2024,22,Region Västernorrland,979000,\n"
        "hembesok,2023,20,Region Dalarna,1679000,\n", encoding="utf-8")


if __name__ == "__main__":
    main()
