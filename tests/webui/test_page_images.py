"""Page images for every document (PDF, JPEG, PNG, every frame of a TIFF) with the evidence
boxes where the extractor read the values; rendered within a pixel budget, in a worker with a
time limit, ten pages at a time, and never for a document that could not be read."""
from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractors.reading import page_worker
from storage.models import Document, ExtractedValue, Message
from tests.extractors.conftest import image_bytes, text_image
from webui import page_images
from webui.document_view import PAGES_PER_VIEW
from webui.page_images import MAX_PIXELS, MAX_SIDE, page_sizes, render_page_png, render_scale
from webui.page_renderer import PageRenderer

IMG = re.compile(r'<img src="(/documents/\d+/pages/\d+\.png[^"]*)"')
BOX = re.compile(r'data-field="([^"]+)"\s+style="left:([\d.]+)%;top:([\d.]+)%;'
                 r'width:([\d.]+)%;height:([\d.]+)%"')


def blank_pdf(*sizes: tuple[float, float]) -> bytes:
    doc = pdfium.PdfDocument.new()
    for width, height in sizes:
        doc.new_page(width, height)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


def add_document(factory, store, data: bytes, media_type: str, *, pages: int,
                 status: str = "processed", values: list[ExtractedValue] = ()) -> int:
    received = datetime(2024, 4, 2, 9, tzinfo=UTC)
    with factory() as session:
        msg = Message(source_kind="image", raw_sha256=store.put(data + b"raw"), raw_size=1,
                      received_at=received)
        doc = Document(sha256=store.put(data), filename="sida", media_type=media_type,
                       size=len(data), pages=pages, status=status, received_at=received,
                       values=list(values),
                       error="Dokumentet har 3000 sidor; gränsen är 200" if status == "unreadable" else None)
        msg.documents.append(doc)
        session.add(msg)
        session.commit()
        return doc.id


@pytest.fixture
def add(desk):
    app, _, factory = desk
    return lambda *args, **kw: add_document(factory, app.state.store, *args, **kw)


def test_the_worker_measures_images_as_the_extractor_does():
    assert page_images.MIN_IMAGE_DPI == page_worker.MIN_IMAGE_DPI


@pytest.mark.parametrize("width, height", [(14_400, 14_400), (200_000, 200_000),
                                           (200_000, 10), (3, 5), (595, 842)])
def test_render_scale_keeps_every_page_within_the_budget(width, height):
    scale = render_scale(width, height, zoom=3)
    w, h = round(width * scale), round(height * scale)
    assert w * h <= MAX_PIXELS * 1.01 and max(w, h) <= MAX_SIDE + 1
    assert render_scale(595, 842, 1) == page_images.RENDER_SCALE


@pytest.mark.parametrize("side", [14_400, 200_000])
def test_huge_pdf_pages_are_cheap(tmp_path, side):
    path = tmp_path / "huge.pdf"
    path.write_bytes(blank_pdf((side, side)))
    started = time.monotonic()
    w, h = png_size(render_page_png(str(path), "application/pdf", 1, zoom=3))
    assert w * h <= MAX_PIXELS * 1.01
    assert time.monotonic() - started < 5
    assert page_sizes(str(path), "application/pdf", 1, 10) == [(side, side)]


def test_image_pages_in_points_like_the_extractor(tmp_path):
    """300 dpi PNG, a JPEG without dpi (72), a JPEG turned by EXIF, a three-page TIFF."""
    page = text_image(["Rekvirerat belopp 834 000 kr"], dpi=100)
    png = tmp_path / "a.png"
    png.write_bytes(image_bytes(page, "PNG", dpi=300))
    assert page_sizes(str(png), "image/png", 1, 10) == [
        pytest.approx((page.width * 72 / 300, page.height * 72 / 300), rel=1e-3)]
    jpeg = tmp_path / "b.jpg"
    buf = io.BytesIO()
    page.save(buf, "JPEG")
    jpeg.write_bytes(buf.getvalue())
    assert page_sizes(str(jpeg), "image/jpeg", 1, 10) == [pytest.approx(page.size)]
    turned = tmp_path / "c.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    page.rotate(90, expand=True).save(buf, "JPEG", exif=exif, dpi=(100, 100))
    turned.write_bytes(buf.getvalue())
    [size] = page_sizes(str(turned), "image/jpeg", 1, 10)
    assert size == pytest.approx((page.width * 0.72, page.height * 0.72))
    assert png_size(render_page_png(str(turned), "image/jpeg", 1))[0] < png_size(
        render_page_png(str(turned), "image/jpeg", 1))[1], "upright, as the extractor reads it"
    tiff = tmp_path / "d.tif"
    tiff.write_bytes(image_bytes(page, "TIFF", dpi=100, save_all=True,
                                 append_images=[page, page.crop((0, 0, 400, 300))]))
    sizes = page_sizes(str(tiff), "image/tiff", 1, 10)
    assert len(sizes) == 3 and sizes[2] == pytest.approx((400 * 0.72, 300 * 0.72))
    assert png_size(render_page_png(str(tiff), "image/tiff", 3)) == (400, 300)
    with pytest.raises(page_images.PageImageError):
        render_page_png(str(tiff), "image/tiff", 4)


@pytest.mark.slow
def test_box_over_an_ocr_read_photo_covers_the_ink(reader, tmp_path):
    """The extractor's box (points) as a share of page_sizes() lands on the amount's pixels
    in the rendered page image."""
    page = text_image(["Rekvirerat belopp 834 000 kr"], dpi=200, size_pt=16)
    data = image_bytes(page.convert("RGB"), "JPEG", dpi=200, quality=90)
    text = reader.read(data)
    [word] = [w for w in text.pages[0].words if w.text == "834"]
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    [(width, height)] = page_sizes(str(path), "image/jpeg", 1, 1)
    assert (width, height) == pytest.approx((text.pages[0].width, text.pages[0].height))
    image = np.asarray(Image.open(io.BytesIO(render_page_png(str(path), "image/jpeg", 1))).convert("L"))
    h, w = image.shape
    x0, top, x1, bottom = word.bbox
    inside = image[int(top / height * h):int(bottom / height * h) + 1,
                   int(x0 / width * w):int(x1 / width * w) + 1]
    assert inside.size and inside.min() < 100, "ink inside the box"


def test_image_documents_show_their_pages_with_boxes(as_rita, add):
    page = text_image(["Rekvirerat belopp 834 000 kr"], dpi=100)
    bbox = [100.0, 50.0, 200.0, 70.0]
    doc_id = add(image_bytes(page.convert("RGB"), "JPEG", dpi=300), "image/jpeg", pages=1,
                 values=[ExtractedValue(field="amounts.requested", text="834 000 kr", page=1,
                                        bbox=bbox, confidence=0.9)])
    html = as_rita.get(f"/documents/{doc_id}").text
    assert "Sidbilder visas bara för PDF-filer" not in html
    assert IMG.findall(html) == [f"/documents/{doc_id}/pages/1.png"]
    [(field, left, top, _, _)] = BOX.findall(html)
    page_w, page_h = page.width * 0.24, page.height * 0.24
    assert field == "amounts.requested"
    assert float(left) == pytest.approx(100 * bbox[0] / page_w, abs=0.01)
    assert float(top) == pytest.approx(100 * bbox[1] / page_h, abs=0.01)
    response = as_rita.get(f"/documents/{doc_id}/pages/1.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert png_size(response.content)[0] == round(page_w * page_images.RENDER_SCALE)
    zoomed = as_rita.get(f"/documents/{doc_id}/pages/1.png?zoom=2")
    assert png_size(zoomed.content)[0] > png_size(response.content)[0]
    assert as_rita.get(f"/documents/{doc_id}/pages/1.png?zoom=7").status_code == 404
    assert f'src="/documents/{doc_id}/pages/1.png?zoom=2"' in as_rita.get(
        f"/documents/{doc_id}?zoom=2").text


def test_every_frame_of_a_tiff_is_a_page(as_rita, add):
    page = text_image(["Sida"], dpi=50)
    doc_id = add(image_bytes(page, "TIFF", dpi=50, save_all=True, append_images=[page, page]),
                 "image/tiff", pages=3)
    assert len(IMG.findall(as_rita.get(f"/documents/{doc_id}").text)) == 3
    assert as_rita.get(f"/documents/{doc_id}/pages/3.png").status_code == 200
    assert as_rita.get(f"/documents/{doc_id}/pages/4.png").status_code == 404


@pytest.mark.parametrize("side", [14_400, 200_000])
def test_huge_page_is_served_within_the_budget(as_rita, add, side):
    doc_id = add(blank_pdf((side, side)), "application/pdf", pages=1)
    started = time.monotonic()
    response = as_rita.get(f"/documents/{doc_id}/pages/1.png?zoom=3")
    assert response.status_code == 200
    w, h = png_size(response.content)
    assert w * h <= MAX_PIXELS * 1.01
    assert time.monotonic() - started < 10
    assert as_rita.get(f"/documents/{doc_id}").status_code == 200


def test_a_refused_document_renders_nothing(as_rita, add, desk):
    class Refuse(PageRenderer):
        def _call(self, name, *args):
            raise AssertionError("a refused document must not be rendered")

    desk[0].state.page_renderer = Refuse()
    doc_id = add(blank_pdf(*[(595, 842)] * 3), "application/pdf", pages=3000, status="unreadable")
    html = as_rita.get(f"/documents/{doc_id}").text
    assert "<img" not in html
    assert "kunde inte läsas" in html
    assert as_rita.get(f"/documents/{doc_id}/pages/1.png").status_code == 404


def test_a_long_document_is_shown_ten_pages_at_a_time(as_rita, add):
    doc_id = add(blank_pdf(*[(595, 842)] * 3000), "application/pdf", pages=3000,
                 values=[ExtractedValue(field="amounts.requested", text="834 000 kr", page=2345,
                                        bbox=[10, 10, 50, 20], confidence=0.9)])
    html = as_rita.get(f"/documents/{doc_id}").text
    assert len(IMG.findall(html)) == PAGES_PER_VIEW
    assert "Sida 1–10 av 3000" in html
    assert 'href="?from=11"' in html
    assert 'href="?from=2341#page-2345"' in html, "the evidence links to the view with its page"
    assert 'name="from"' in html and html.count("<a ") < 60, "a page jump, not 300 links"
    later = as_rita.get(f"/documents/{doc_id}?from=2345").text
    assert IMG.findall(later)[0] == f"/documents/{doc_id}/pages/2341.png"
    assert BOX.findall(later)
    last = as_rita.get(f"/documents/{doc_id}?from=999999").text
    assert IMG.findall(last)[-1] == f"/documents/{doc_id}/pages/3000.png"
    assert as_rita.get(f"/documents/{doc_id}/pages/3000.png").status_code == 200
    assert as_rita.get(f"/documents/{doc_id}/pages/3001.png").status_code == 404


def test_a_page_over_the_time_limit_is_a_503_and_the_next_one_works(as_rita, add, desk):
    doc_id = add(blank_pdf((595, 842)), "application/pdf", pages=1)
    renderer = desk[0].state.page_renderer
    renderer.seconds = 0.0001
    response = as_rita.get(f"/documents/{doc_id}/pages/1.png")
    assert response.status_code == 503
    assert "tog för lång tid" in response.text
    renderer.seconds = 30
    assert as_rita.get(f"/documents/{doc_id}/pages/1.png").status_code == 200


def test_a_broken_file_gets_a_message_not_a_500(as_rita, add):
    doc_id = add(b"%PDF-1.7 not really", "application/pdf", pages=2)
    html = as_rita.get(f"/documents/{doc_id}").text
    assert "kan inte visas som bild" in html
    assert as_rita.get(f"/documents/{doc_id}/pages/1.png").status_code == 404


def test_the_worker_is_started_again_after_it_died(tmp_path):
    import os
    import signal

    path = tmp_path / "a.pdf"
    path.write_bytes(blank_pdf((595, 842)))
    renderer = PageRenderer(seconds=30)
    try:
        assert renderer.sizes(str(path), "application/pdf", 1, 10) == [(595, 842)]
        os.kill(renderer._process.pid, signal.SIGKILL)
        renderer._process.join(5)
        assert abs(png_size(renderer.render(str(path), "application/pdf", 1, 1))[0]
                   - 595 * page_images.RENDER_SCALE) <= 1
    finally:
        renderer.close()


def test_a_file_without_a_name_downloads_with_its_extension(as_rita, desk, add):
    from storage.models import Document as Doc

    doc_id = add(blank_pdf((595, 842)), "application/pdf", pages=1)
    with desk[2]() as session:
        session.get(Doc, doc_id).filename = None
        session.commit()
    response = as_rita.get(f"/documents/{doc_id}/original")
    assert response.headers["content-disposition"].endswith(f"dokument-{doc_id}.pdf")


def test_a_mail_without_attachment_shows_its_text(as_rita, desk, add):
    from storage.models import Document as Doc

    doc_id = add(b"Hej,\n\nrekvisitionen kommer <b>senare</b>.\n", "text/plain", pages=0,
                 status="no_document")
    with desk[2]() as session:
        session.get(Doc, doc_id).filename = None
        session.commit()
    html = as_rita.get(f"/documents/{doc_id}").text
    assert "rekvisitionen kommer &lt;b&gt;senare&lt;/b&gt;." in html
    assert "<img" not in html and "Sidbilder finns bara" not in html
    response = as_rita.get(f"/documents/{doc_id}/original")
    assert response.headers["content-disposition"].endswith(f"meddelandetext-{doc_id}.txt")


def test_an_other_document_offers_one_form_for_its_empty_fields(as_rita, desk, add):
    from tests.webui.conftest import csrf_of

    doc_id = add(blank_pdf((595, 842)), "application/pdf", pages=1)
    html = as_rita.get(f"/documents/{doc_id}").text
    assert html.count(">Rätta</button>") == 2, "document type, and one form for the rest"
    assert '<option value="reference"' in html
    response = as_rita.post(f"/documents/{doc_id}/corrections", data={
        "field": "reference", "value": "Dnr 2024/77", "csrf_token": csrf_of(html)})
    assert response.status_code == 303
    html = as_rita.get(f"/documents/{doc_id}").text
    assert 'id="value-reference"' in html and '<option value="reference"' not in html


def test_a_slow_page_does_not_hold_other_requests(desk, add):
    """Page images are made off the event loop: /health answers while a page takes seconds."""
    import threading

    import httpx

    from tests.webui.browser import serve
    from tests.webui.conftest import csrf_of
    from tests.webui.seed import PASSWORD

    app = desk[0]
    doc_id = add(blank_pdf((595, 842)), "application/pdf", pages=1)

    class Slow(PageRenderer):
        def render(self, *args):
            time.sleep(3)
            return super().render(*args)

    app.state.page_renderer = Slow()
    try:
        with serve(app) as base, httpx.Client(base_url=base) as client:
            token = csrf_of(client.get("/login").text)
            client.post("/login", data={"username": "rita", "password": PASSWORD,
                                        "csrf_token": token, "next": "/cases"})
            image = {}
            slow = threading.Thread(target=lambda: image.update(
                r=client.get(f"/documents/{doc_id}/pages/1.png", timeout=30)))
            slow.start()
            time.sleep(0.5)
            started = time.monotonic()
            assert httpx.get(f"{base}/health", timeout=10).status_code in (200, 503)
            assert time.monotonic() - started < 1.5
            slow.join(30)
            assert image["r"].status_code == 200
    finally:
        app.state.page_renderer.close()


def test_an_html_body_document_shows_its_text(as_rita, add):
    doc_id = add(b"<html><body><p>Rekvirerat belopp</p><p>834 000 kr</p><script>x()</script>"
                 b"</body></html>", "text/html", pages=1)
    html = as_rita.get(f"/documents/{doc_id}").text
    assert "Rekvirerat belopp\n\n834 000 kr" in html or "Rekvirerat belopp\n834 000 kr" in html
    assert "x()" not in html and "<img" not in html and "Sidbilder finns bara" not in html
