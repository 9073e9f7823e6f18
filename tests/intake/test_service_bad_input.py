"""Bad input through a real source (the folder inbox): each message its record and its flag,
nothing written outside the store, and the poll goes on."""
from __future__ import annotations

import struct
import uuid
import zlib
from email import message_from_bytes
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from config.settings import MailboxSettings, Settings
from intake.service import poll_once
from tests.documents import message, requisition_lines, text_pdf


def _huge_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A valid PNG header claiming 40 000 × 40 000 pixels, with a tiny (truncated) body."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _pdf(pages: int = 1, encrypt: str | None = None) -> bytes:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    for _ in range(pages):
        if encrypt:
            c.drawString(60, 790, "Hemlig rekvisition")
        c.showPage()
    c.save()
    return buf.getvalue()


def _forwarded(pdf: bytes) -> bytes:
    outer = EmailMessage()
    outer["From"], outer["Subject"] = "kansli@region.example.se", "forwarded"
    outer["Message-ID"] = "<fwd@test>"
    outer.set_content("Vidarebefordrar.")
    outer.add_attachment(message_from_bytes(message([("inuti.pdf", pdf)], subject="inner")))
    return bytes(outer)


def _latin1() -> bytes:
    return ("From: registrator@region.example.se\r\nSubject: latin-1 Rekvisition från Gävle\r\n"
            "Message-ID: <latin@test>\r\nDate: Mon, 25 Mar 2024 09:03:00 +0100\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "Hälsningar från Gävleborg\r\n").encode("latin-1")


def _codes(record: dict) -> set[str]:
    return {f["code"] for f in record["flags"]}


def test_bad_input_through_the_folder_source(pipeline, db_url, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = text_pdf(requisition_lines())
    escape = f"../../../../tmp/gi-{uuid.uuid4().hex}.pdf"
    mails = {
        "truncated": message([("trunc.pdf", good[: len(good) // 3])], subject="truncated"),
        "encrypted": message([("krypt.pdf", _pdf(encrypt="hemligt"))], subject="encrypted"),
        "empty": message([("tom.pdf", b"")], subject="empty"),
        "random": message([("slump.pdf", bytes(range(256)) * 8)], subject="random"),
        "huge-image": message([("bild.png", _huge_png())], subject="huge-image",
                              maintype="image", subtype="png"),
        "blank-400": message([("blank.pdf", _pdf(pages=400))], subject="blank-400"),
        "no-attachment": message([], subject="no-attachment"),
        "octet-stream": message([("bilaga", good)], subject="octet-stream",
                                maintype="application", subtype="octet-stream"),
        "path-escape": message([(escape, text_pdf(["Bilaga"]))], subject="path-escape"),
        "dup-1": message([("samma.pdf", text_pdf(["Samma handling"]))], subject="dup-1"),
    }
    for n, (name, raw) in enumerate(mails.items()):
        (inbox / f"{n:02d}-{name}.eml").write_bytes(raw)
    (inbox / "10-dup-2.eml").write_bytes(message([("samma.pdf", text_pdf(["Samma handling"]))],
                                                 subject="dup-2"))
    (inbox / "11-forwarded.eml").write_bytes(_forwarded(good))
    (inbox / "12-latin1.eml").write_bytes(_latin1())
    settings = Settings(db=db_url, data_dir=tmp_path / "store", mailbox=MailboxSettings(path=inbox))

    records = poll_once(settings, pipeline)

    by_subject = {}
    for rec in records:
        by_subject.setdefault(rec["source"]["subject"], []).append(rec)
    assert len(by_subject) == 13, sorted(by_subject)
    for name in ("truncated", "encrypted", "empty", "random", "huge-image", "blank-400"):
        (rec,) = by_subject[name]
        assert "UNREADABLE_DOCUMENT" in _codes(rec), (name, rec["flags"], rec["error"])
    assert "NO_DOCUMENT" in _codes(by_subject["no-attachment"][0])
    (octet,) = by_subject["octet-stream"]
    assert octet["media_type"] == "application/pdf" and octet["status"] == "processed"
    assert octet["amounts"] == {"requested": 834000}
    (escaped,) = by_subject["path-escape"]
    assert escaped["source"]["attachment"] == Path(escape).name
    assert not Path("/tmp", Path(escape).name).exists()
    assert "DUPLICATE_DOCUMENT" not in _codes(by_subject["dup-1"][0])
    assert "DUPLICATE_DOCUMENT" in _codes(by_subject["dup-2"][0])
    (fwd,) = by_subject["forwarded"]
    assert fwd["source"]["attachment"] == "inuti.pdf" and fwd["amounts"] == {"requested": 834000}
    (latin,) = by_subject["latin-1 Rekvisition från Gävle"]
    assert "NO_DOCUMENT" in _codes(latin)
    assert sorted(p.name for p in inbox.iterdir()) == ["processed"]
    assert len(list((inbox / "processed").iterdir())) == 13
