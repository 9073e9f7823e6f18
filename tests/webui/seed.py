"""A small review desk's worth of data, made directly through the models: users, a flagged
requisition with its PDF in the store, an allocation list."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy.orm import Session, sessionmaker

from intake.recheck import recheck_document
from storage.models import Allocation, Document, ExtractedValue, Message
from storage.originals import OriginalStore
from webui.accounts import create_user

PASSWORD = "hemligt-lösen-1"
USERS = {"rita": "registrator", "hanna": "handlaggare", "adam": "admin"}
PAGE_W, PAGE_H = A4
AMOUNT_TEXT = "2 345 000 kr"
AMOUNT_X, AMOUNT_BASELINE, FONT_SIZE = 300.0, 520.0, 12
AMOUNT_BBOX = [AMOUNT_X, PAGE_H - AMOUNT_BASELINE - FONT_SIZE, AMOUNT_X + 80.0,
               PAGE_H - AMOUNT_BASELINE + 3]
"""Where the amount is on the page: PDF points from the top-left, as extraction gives it."""


def requisition_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, PAGE_H - 90, "Rekvisition av statsbidrag")
    c.setFont("Helvetica", FONT_SIZE)
    lines = [
        "Region Gotland rekvirerar statsbidrag for utokade hembesoksprogram 2024.",
        "Samverkande kommun: Gotland. Andel for kommunal verksamhet: 25 %.",
        "Diarienummer RS 2024/863. Visby 2024-03-21.",
    ]
    for i, text in enumerate(lines):
        c.drawString(72, PAGE_H - 150 - 20 * i, text)
    c.drawString(72, AMOUNT_BASELINE, "Rekvirerat belopp:")
    c.drawString(AMOUNT_X, AMOUNT_BASELINE, AMOUNT_TEXT)
    c.showPage()
    c.save()
    return out.getvalue()


RAW_EML = (b"From: registrator@gotland.example.se\r\nTo: statsbidrag@example.se\r\n"
           b"Subject: Rekvisition hembesok 2024\r\nMessage-ID: <req-1@gotland.example.se>\r\n"
           b"Date: Mon, 25 Mar 2024 09:03:00 +0100\r\n\r\nSe bifogad rekvisition.\r\n")


@dataclass(frozen=True)
class Seeded:
    document_id: int
    flag_id: int
    """AMOUNT_EXCEEDS_ALLOCATION: requested 2 345 000 kr, allocated 2 100 000 kr."""
    review_flag_id: int
    """LOW_CONFIDENCE for the organisation."""


def seed(factory: sessionmaker[Session], store: OriginalStore) -> Seeded:
    pdf = requisition_pdf()
    digest = store.put(pdf)
    raw = store.put(RAW_EML)
    received = datetime(2024, 3, 25, 8, 3, tzinfo=UTC)
    with factory() as session:
        for name, role in USERS.items():
            create_user(session, name, role, PASSWORD)
        session.add(Allocation(program="hembesok", grant_year=2024, recipient_code="09",
                               recipient_name="Region Gotland", amount_sek=2_100_000,
                               municipal_share_min_percent=20, source="fordelning-2024.csv"))
        msg = Message(source_kind="eml", source_key="mail/001.eml",
                      message_id="<req-1@gotland.example.se>", raw_sha256=raw,
                      raw_size=len(RAW_EML), sender="registrator@gotland.example.se",
                      subject="Rekvisition hembesok 2024", received_at=received)
        doc = Document(
            sha256=digest, filename="Rekvisition Gotland.pdf", media_type="application/pdf",
            size=len(pdf), pages=1, ocr=False, received_at=received,
            document_type="requisition", program="hembesok", grant_year=2024,
            org_code="09", org_kind="region", org_name="Region Gotland",
            amounts={"requested": {"value": 2_345_000, "unit": 1}}, document_date="2024-03-21",
            collaborating_municipalities=[{"code": "0980", "name": "Gotland",
                                           "kind": "municipality"}],
            municipal_share_percent=25.0, reference="RS 2024/863",
            values=[
                ExtractedValue(field="amounts.requested", text=AMOUNT_TEXT, page=1,
                               bbox=AMOUNT_BBOX, confidence=0.994),
                ExtractedValue(field="organisation", text="Region Gotland", page=1,
                               bbox=[72.0, 140.0, 160.0, 154.0], confidence=0.45),
            ],
        )
        msg.documents.append(doc)
        session.add(msg)
        session.flush()
        recheck_document(session, doc)
        session.commit()
        by_code = {f.code: f.id for f in doc.flags}
        assert set(by_code) == {"AMOUNT_EXCEEDS_ALLOCATION", "LOW_CONFIDENCE"}, by_code
        return Seeded(doc.id, by_code["AMOUNT_EXCEEDS_ALLOCATION"], by_code["LOW_CONFIDENCE"])
