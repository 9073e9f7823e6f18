"""The review desk in a real headless Chromium: log in, open a flagged requisition, see the box
over the amount, correct it, watch the flag go, resolve a case, log out; roles hold.

Screenshots go outside the tree (tests.webui.browser.screenshot); the README's are made by
tests/webui/test_browser_documents.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import unavailable
from tests.webui.browser import screenshot, serve
from tests.webui.seed import AMOUNT_BBOX, PAGE_H, PAGE_W, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

try:
    from playwright import sync_api
except ImportError:
    unavailable("playwright is not installed")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def live_url(desk):
    """The app served by uvicorn in a thread on a free loopback port."""
    with serve(desk[0]) as url:
        yield url


@pytest.fixture
def page(live_url):
    if not CHROMIUM.exists():
        unavailable("no /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()
        browser.close()


def _screenshot(page, name: str) -> None:
    screenshot(page, f"review-{name}")


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/cases")
    assert "/login" in page.url
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}/cases")


def test_review_a_flagged_requisition(page, live_url, seeded):
    expect = sync_api.expect
    _log_in(page, live_url, "rita")
    case_link = page.locator(f'a[href="/documents/{seeded.document_id}#case-{seeded.flag_id}"]')
    expect(case_link).to_be_visible()
    expect(page.locator(".status-tabs a.current .count")).to_have_text("1")  # one case, two flags
    _screenshot(page, "case-list.png")

    case_link.click()
    page.wait_for_url(f"**/documents/{seeded.document_id}#case-{seeded.flag_id}")
    image = page.locator("figure.page img").first
    expect(image).to_be_visible()
    page.wait_for_function("() => document.querySelector('figure.page img').naturalWidth > 0")
    flag = page.locator(f"#case-{seeded.flag_id}")
    expect(flag).to_contain_text("2 345 000 kr")
    expect(flag).to_contain_text("2 100 000 kr")

    # The box sits over the amount where it was read: scale the PDF-point bbox to the image.
    img = image.bounding_box()
    box = page.locator('a.box[data-field="amounts.requested"]').bounding_box()
    sx, sy = img["width"] / PAGE_W, img["height"] / PAGE_H
    assert abs(box["x"] - img["x"] - AMOUNT_BBOX[0] * sx) < 2
    assert abs(box["y"] - img["y"] - AMOUNT_BBOX[1] * sy) < 2
    assert abs(box["width"] - (AMOUNT_BBOX[2] - AMOUNT_BBOX[0]) * sx) < 2
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "document-view.png")

    row = page.locator("#value-amounts\\.requested")
    row.get_by_role("textbox").fill("2 000 000 kr")
    row.get_by_role("button", name="Rätta").click()
    expect(page.locator(".flash")).to_contain_text("kontrollerna har körts om")
    expect(page.locator("#value-amounts\\.requested td.value .current")).to_have_text("2 000 000 kr")
    # What was read stays beside the correction.
    expect(page.locator("#value-amounts\\.requested td.as-read")).to_contain_text("2 345 000 kr")
    expect(page.locator("#value-amounts\\.requested td.value")).to_contain_text("rättat av rita")
    expect(flag).to_have_class("flag sev-error status-resolved")
    expect(flag.locator("form.close-case")).to_have_count(0)
    expect(flag.get_by_role("button", name="Öppna igen")).to_be_visible()

    review = page.locator(f"#case-{seeded.review_flag_id}")
    review.get_by_label("Kommentar").fill("Organisationen kontrollerad mot originalet.")
    review.get_by_role("button", name="Lös").click()
    # The last open flag of the case: on to the next case, and there is none.
    page.wait_for_url(f"{live_url}/cases")
    expect(page.locator(".flash")).to_contain_text("Ärendet är löst.")
    expect(page.locator(".flash")).to_contain_text("inga fler öppna ärenden")
    expect(page.locator(".empty")).to_have_text("Inga ärenden matchar urvalet.")
    page.goto(f"{live_url}/documents/{seeded.document_id}")
    expect(review).to_contain_text("Löst av rita")
    expect(review).to_contain_text("Organisationen kontrollerad mot originalet.")

    response = page.goto(f"{live_url}/users")
    assert response.status == 403
    expect(page.locator(".error")).to_contain_text("kräver rollen administratör")

    page.goto(f"{live_url}/cases")
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_url}/login")
    page.goto(f"{live_url}/cases")
    assert "/login" in page.url
