"""The document desk in real Chromium: at 1366 × 768 nothing overflows and every "Rätta" is
on screen; a photographed requisition shows its page with the box over the amount, at every
zoom; search and the organisation page work by keyboard; axe-core finds nothing serious."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.models import Document, ExtractedValue
from storage.search import store_page_texts
from tests.extractors.conftest import image_bytes, text_image
from tests.webui.browser import axe_violations, chromium, need, screenshot, serve
from tests.webui.seed import PASSWORD
from tests.webui.test_page_images import add_document

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

PHOTO_DPI = 150
AMOUNT_LINE = "Rekvirerat belopp 834 000 kr"


@pytest.fixture
def photo_id(desk):
    """A JPEG requisition (150 dpi) with the amount's box where the text is drawn."""
    app, _, factory = desk
    page = text_image(["Region Gotland", AMOUNT_LINE], dpi=PHOTO_DPI).convert("RGB")
    # text_image draws line 2 at y = 1.2 in + 24 pt, x = 0.9 in; the amount starts after
    # "Rekvirerat belopp " – the box here covers the whole line, in points.
    top = 1.2 * 72 + 24
    bbox = [0.9 * 72, top, 0.9 * 72 + 190, top + 14]
    doc_id = add_document(factory, app.state.store, image_bytes(page, "JPEG", dpi=PHOTO_DPI),
                          "image/jpeg", pages=1,
                          values=[ExtractedValue(field="amounts.requested", text="834 000 kr",
                                                 page=1, bbox=bbox, confidence=0.91)])
    with factory() as session:
        doc = session.get(Document, doc_id)
        doc.document_type, doc.program, doc.grant_year = "requisition", "hembesok", 2024
        doc.org_code, doc.org_name, doc.reference = "09", "Region Gotland", "RS 2024/870"
        doc.received_at = datetime(2024, 3, 27, 8, tzinfo=UTC)
        doc.amounts = {"requested": {"value": 834_000, "unit": 1}}
        store_page_texts(session, doc, [(1, f"Region Gotland\n{AMOUNT_LINE}")])
        session.commit()
    return doc_id, bbox, (page.width * 72 / PHOTO_DPI, page.height * 72 / PHOTO_DPI)


@pytest.fixture
def live(desk):
    with serve(desk[0]) as url:
        yield url


def _log_in(page, base: str, username: str = "rita") -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}/cases")


def _images_loaded(page) -> None:
    page.wait_for_function(
        "() => { const imgs = [...document.querySelectorAll('figure.page img')];"
        " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }")


def _box_matches(page, bbox, size) -> None:
    img = page.locator("figure.page img").first.bounding_box()
    box = page.locator('a.box[data-field="amounts.requested"]').bounding_box()
    sx, sy = img["width"] / size[0], img["height"] / size[1]
    assert abs(box["x"] - img["x"] - bbox[0] * sx) < 2
    assert abs(box["y"] - img["y"] - bbox[1] * sy) < 2
    assert abs(box["width"] - (bbox[2] - bbox[0]) * sx) < 2


@pytest.mark.parametrize("width, height", [(1366, 768), (1440, 900)])
def test_document_page_fits_and_every_correction_is_reachable(live, seeded, width, height):
    with chromium(width, height) as page:
        _log_in(page, live)
        page.goto(f"{live}/documents/{seeded.document_id}")
        _images_loaded(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        buttons = page.get_by_role("button", name="Rätta")
        assert buttons.count() >= 9  # a requisition's nine fields; the rest in one form
        for i in range(buttons.count()):
            button = buttons.nth(i)
            button.scroll_into_view_if_needed()
            box = button.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, i
        for path in ("/cases", "/documents", "/organisations/09"):
            page.goto(f"{live}{path}")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path


def test_a_photo_shows_its_page_and_the_box_at_every_zoom(live, photo_id):
    expect = need("playwright.sync_api").expect
    doc_id, bbox, size = photo_id
    with chromium(1366, 768) as page:
        _log_in(page, live)
        page.goto(f"{live}/documents/{doc_id}")
        _images_loaded(page)
        expect(page.locator(".pages")).not_to_contain_text("bara för PDF")
        _box_matches(page, bbox, size)
        normal = page.locator("figure.page img").first.bounding_box()["width"]
        page.get_by_role("link", name="200 %").click()
        page.wait_for_url(f"**/documents/{doc_id}?zoom=2")
        _images_loaded(page)
        assert page.locator("figure.page img").first.bounding_box()["width"] > 1.8 * normal
        _box_matches(page, bbox, size)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366


def test_search_and_organisation_by_keyboard(live, seeded, photo_id):
    doc_id = photo_id[0]
    with chromium(1366, 768) as page:
        _log_in(page, live)
        page.goto(f"{live}/documents")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.name") == "q":
                break
        else:
            pytest.fail("the search field is not reachable by Tab")
        page.keyboard.type("834 000")
        page.keyboard.press("Enter")
        page.wait_for_url("**/documents?q=834*")
        link = page.locator(f'td > a[href="/documents/{doc_id}"]')
        need("playwright.sync_api").expect(link).to_be_visible()
        assert page.locator("table.documents tbody tr").count() == 1
        assert "834 000 kr" in page.locator(".snippet").inner_text()
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/documents/{doc_id}")

        page.goto(f"{live}/organisations")
        page.get_by_label("Namn eller SCB-kod").fill("gotland")
        page.keyboard.press("Enter")
        page.wait_for_url("**/organisations/09")
        figures = page.locator("table.figures tbody tr").first
        assert "2 100 000 kr" in figures.inner_text()
        assert "3 179 000 kr" in figures.inner_text(), "2 345 000 + 834 000 requisitioned"


def test_no_serious_accessibility_findings(live, desk, seeded, photo_id):
    app, _, factory = desk
    other = add_document(factory, app.state.store, image_bytes(text_image(["Hej"], dpi=50), "PNG"),
                         "image/png", pages=1)
    with chromium(1366, 768) as page:
        page.goto(f"{live}/login")
        findings = {"/login": axe_violations(page)}
        _log_in(page, live)
        for path in ("/cases", f"/documents/{seeded.document_id}", f"/documents/{photo_id[0]}",
                     f"/documents/{other}", "/documents", "/documents?q=Gotland", "/organisations",
                     "/organisations/09"):
            page.goto(f"{live}{path}")
            if path.startswith("/documents/"):
                _images_loaded(page)
            findings[path] = axe_violations(page)
        assert {p: v for p, v in findings.items() if v} == {}


def test_readme_screenshots(live, seeded, photo_id):
    """The README's pictures (written to docs/screenshots/ with
    GRANT_INTAKE_REFRESH_SCREENSHOTS=1): case list, document, search, organisation."""
    with chromium(1440, 900) as page:
        _log_in(page, live)
        screenshot(page, "case-list.png", readme=True)
        page.goto(f"{live}/documents/{seeded.document_id}")
        _images_loaded(page)
        screenshot(page, "document-view.png", readme=True)
        page.goto(f"{live}/documents?q=Gotland")
        screenshot(page, "search.png", readme=True)
        page.goto(f"{live}/organisations/09")
        screenshot(page, "organisation.png", readme=True)
