from extractors.reading.sniff import sniff_media_type
from tests.extractors.conftest import image_bytes, png_bomb, text_image, text_pdf


def test_types_by_bytes():
    image = text_image(["Hej"], dpi=20)
    assert sniff_media_type(text_pdf(["Hej"])) == "application/pdf"
    assert sniff_media_type(image_bytes(image, "PNG")) == "image/png"
    assert sniff_media_type(image_bytes(image, "JPEG")) == "image/jpeg"
    assert sniff_media_type(image_bytes(image, "TIFF")) == "image/tiff"
    assert sniff_media_type(png_bomb()) == "image/png"


def test_pdf_header_after_junk_is_still_pdf():
    assert sniff_media_type(b"\r\n\r\n%PDF-1.7\n...") == "application/pdf"


def test_unknown_bytes_are_none():
    assert sniff_media_type(b"") is None
    assert sniff_media_type(b"Hej, har kommer rekvisitionen") is None
    assert sniff_media_type(bytes(range(256)) * 4) is None
    assert sniff_media_type(b"PK\x03\x04rest") == "application/zip"


def test_a_zip_storing_a_pdf_uncompressed_is_a_zip():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("rekvisition.pdf", text_pdf(["Hej"]))
    data = buffer.getvalue()
    assert b"%PDF-" in data[:1024]
    assert sniff_media_type(data) == "application/zip"
