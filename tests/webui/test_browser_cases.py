"""The case desk in a real headless Chromium at 1366 px: a flag that comes back when a
correction makes it hold again, stale flags brought up to date by an allocation import, several
cases closed with one comment, a case reopened."""
from __future__ import annotations

import time

import pytest

from tests.webui.cases_seed import add_cases
from tests.webui.browser import screenshot
from tests.webui.test_browser import (  # noqa: F401 - live_url is a fixture
    CHROMIUM,
    CHROMIUM_ARGS,
    _log_in,
    live_url,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture
def page(live_url):  # noqa: F811 - the live server fixture is shared
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="sv-SE")
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()
        browser.close()


def _correct(page, field: str, value: str) -> None:
    row = page.locator(f"#value-{field.replace('.', chr(92) + '.')}")
    row.get_by_role("textbox").fill(value)
    row.get_by_role("button", name="Rätta").click()
    expect(page.locator(".flash")).to_contain_text("kontrollerna har körts om")


def _flag(page, code: str):
    return page.locator(f'article.flag[data-code="{code}"]')


def test_a_requisition_corrected_back_over_its_allocation_is_flagged_again(page, live_url, desk):
    more = add_cases(desk[2], desk[0].state.store)
    _log_in(page, live_url, "rita")
    page.goto(f"{live_url}/documents/{more.requisition_id}")
    flag = _flag(page, "AMOUNT_EXCEEDS_ALLOCATION")
    expect(flag.locator(".title")).to_have_text("Belopp över tilldelningen")
    expect(flag.locator(".status")).to_have_text("Öppen")

    _correct(page, "amounts.requested", "800 000 kr")
    expect(flag.locator(".status")).to_have_text("Löst")
    expect(flag.locator(".closed")).to_contain_text("Avvikelsen finns inte längre")

    _correct(page, "amounts.requested", "950 000 kr")
    expect(flag.locator(".status")).to_have_text("Öppen")
    expect(flag.locator(".message")).to_contain_text("950 000 kr")
    expect(flag.locator(".message")).to_contain_text("834 000 kr")
    expect(flag.get_by_role("button", name="Lös")).to_be_visible()
    row = page.locator("#value-amounts\\.requested")
    expect(row.locator("td.value .current")).to_have_text("950 000 kr")
    expect(row.locator("td.as-read")).to_contain_text("900 000 kr")  # as read, never overwritten
    expect(page.locator("section.history")).to_contain_text("Öppnades igen av systemet")


def test_a_return_reports_unused_amount_corrected_back_is_flagged_again(page, live_url, desk):
    more = add_cases(desk[2], desk[0].state.store)
    _log_in(page, live_url, "rita")
    page.goto(f"{live_url}/documents/{more.report_id}")
    flag = _flag(page, "UNUSED_MISMATCH")
    expect(flag.locator(".title")).to_have_text("Ej förbrukat belopp stämmer inte")
    _correct(page, "amounts.unused", "134 000 kr")
    expect(flag.locator(".status")).to_have_text("Löst")
    _correct(page, "amounts.unused", "150 000 kr")
    expect(flag.locator(".status")).to_have_text("Öppen")
    expect(flag.locator(".message")).to_contain_text("150 000 kr")


def test_an_allocation_import_brings_stale_flags_up_to_date(page, live_url, desk, tmp_path):
    more = add_cases(desk[2], desk[0].state.store, with_allocation=False)
    _log_in(page, live_url, "hanna")
    page.goto(f"{live_url}/documents/{more.requisition_id}")
    expect(_flag(page, "NO_ALLOCATION").locator(".status")).to_have_text("Öppen")

    csv = tmp_path / "fordelning.csv"
    csv.write_text("program,grant_year,recipient_code,recipient_name,amount_sek\n"
                   "hembesok,2024,03,Region Uppsala,834000\n", encoding="utf-8")
    page.goto(f"{live_url}/allocations")
    page.locator('input[type="file"]').set_input_files(str(csv))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_role("button", name="Spara fördelningslistan").click()
    page.wait_for_url(f"{live_url}/allocations")

    deadline = time.monotonic() + 30
    while True:  # the checks run in the background: reload until they are done
        page.goto(f"{live_url}/documents/{more.requisition_id}")
        status = page.locator("p.recheck")
        if status.count() and "har körts om" in status.inner_text():
            break
        assert time.monotonic() < deadline, "the recheck did not finish"
        page.wait_for_timeout(200)
    expect(status).to_contain_text("efter en ny fördelningslista")
    expect(_flag(page, "NO_ALLOCATION").locator(".status")).to_have_text("Löst")
    expect(_flag(page, "AMOUNT_EXCEEDS_ALLOCATION").locator(".status")).to_have_text("Öppen")


def test_several_cases_closed_with_one_comment_then_one_reopened(page, live_url, desk, seeded):
    more = add_cases(desk[2], desk[0].state.store)
    _log_in(page, live_url, "rita")
    expect(page.locator("table.cases tbody tr")).to_have_count(5)
    screenshot(page, "case-queue.png", readme=True)
    for doc_id in (more.body_id, more.other_id):
        page.locator(f'tr[data-document="{doc_id}"] input[type="checkbox"]').check()
    page.locator("fieldset.bulk-actions").get_by_label("Kommentar").fill("Inget att åtgärda")
    page.get_by_role("button", name="Avfärda valda").click()
    expect(page.locator(".flash")).to_contain_text("i 2 ärenden är avfärdade")
    expect(page.locator("table.cases tbody tr")).to_have_count(3)

    page.get_by_role("link", name="Avfärdad").click()
    expect(page.locator("table.cases tbody tr")).to_have_count(2)
    page.locator(f'tr[data-document="{more.other_id}"] a').first.click()
    flag = _flag(page, "UNKNOWN_DOCUMENT_TYPE")
    expect(flag.locator(".closed")).to_contain_text("Avfärdad av rita")
    expect(flag.locator(".closed")).to_contain_text("Inget att åtgärda")
    expect(page.locator("tr[id^=value-]")).to_have_count(1)  # an `other` document: its type
    screenshot(page, "case-document-1366.png")
    flag.get_by_role("button", name="Öppna igen").click()
    expect(page.locator(".flash")).to_contain_text("öppnat igen")
    expect(flag.locator(".status")).to_have_text("Öppen")
    page.goto(f"{live_url}/cases")
    expect(page.locator("table.cases tbody tr")).to_have_count(4)
