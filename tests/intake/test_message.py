from email.message import EmailMessage

from intake.message import display_name, parse_message


def _mail(**headers: str) -> EmailMessage:
    m = EmailMessage()
    for k, v in headers.items():
        m[k.replace("_", "-")] = v
    m.set_content("Hej,\nbifogar rekvisitionen.\n")
    return m


def test_attachments_are_found_in_forwarded_messages():
    inner = _mail(Subject="Rekvisition")
    inner.add_attachment(b"%PDF-1.4 inner", maintype="application", subtype="pdf", filename="rek.pdf")
    outer = _mail(From="reg@region.se", Subject="VB: Rekvisition", Message_ID="<a@b>")
    outer.add_attachment(inner)
    parsed = parse_message(bytes(outer))
    assert [(a.filename, a.data) for a in parsed.attachments] == [("rek.pdf", b"%PDF-1.4 inner")]
    assert parsed.message_id == "<a@b>"


def test_octet_stream_without_name_is_still_an_attachment():
    m = _mail(Subject="x")
    m.add_attachment(b"%PDF-1.7 data", maintype="application", subtype="octet-stream")
    (att,) = parse_message(bytes(m)).attachments
    assert att.filename is None and att.declared_type == "application/octet-stream"


def test_path_in_attachment_name_is_reduced_to_a_bare_name():
    m = _mail(Subject="x")
    m.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="../../../../tmp/x.pdf")
    assert parse_message(bytes(m)).attachments[0].filename == "x.pdf"
    assert display_name("..\\..\\windows\\evil.pdf") == "evil.pdf"
    assert display_name("../..") is None


def test_rfc2047_and_raw_latin1_headers_and_body():
    raw = (b"From: =?iso-8859-1?q?G=F6ran_L=E5ng?= <g@kommun.se>\r\n"
           b"Subject: R\xe4kning fr\xe5n \xd6rebro\r\nMessage-ID: <l1@x>\r\n"
           b"Date: Mon, 25 Mar 2024 09:03:00 +0100\r\n"
           b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nH\xe4r \xe4r den.\r\n")
    parsed = parse_message(raw)
    assert parsed.sender == "Göran Lång <g@kommun.se>"
    assert parsed.subject == "Räkning från Örebro"
    assert parsed.body.startswith("Här är den.")
    assert parsed.date.isoformat() == "2024-03-25T09:03:00+01:00"


def test_garbage_never_raises():
    for raw in (b"", b"\x00\xff\xfe", b"Date: not a date\r\n\r\n", b"Subject: =?bogus?q?x?=\r\n\r\n"):
        parsed = parse_message(raw)
        assert parsed.attachments == []
