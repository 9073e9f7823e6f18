"""Allocation list upload: preview first, nothing saved until confirmed; every bad row
explained; the preview kept on the server; parsing off the event loop; XLSX downloads."""
from __future__ import annotations

import io
import re
import threading

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from config.programs import parse_programs
from storage.models import Allocation, AllocationUpload, AuditEntry
from tests.webui.conftest import desk_settings, login, page_token
from webui.app import create_app

HEADER = "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"
CSV = (HEADER + "hembesok,2024,09,Region Gotland,2500000,20\n"
       "hembesok,2024,01,Region Stockholm,9000000,\n")


def _amounts(factory) -> dict[str, int]:
    with factory() as s:
        return {a.recipient_code: a.amount_sek for a in s.scalars(select(Allocation))}


def _upload(client, body: bytes, name: str = "fordelning.csv"):
    token = page_token(client, "/allocations")
    response = client.post("/allocations/preview", data={"csrf_token": token},
                           files={"file": (name, body, "text/csv")})
    return token, response


def _upload_id(html: str) -> str:
    return re.search(r'name="upload" value="([^"]+)"', html).group(1)


def test_upload_previews_then_saves_on_confirmation(client, factory):
    login(client, "hanna")
    token, preview = _upload(client, CSV.encode())
    assert preview.status_code == 200
    assert "1 ny rad, 1 ändrad, 0 oförändrade" in preview.text
    assert "2 100 000 kr" in preview.text and "2 500 000 kr" in preview.text
    assert _amounts(factory) == {"09": 2_100_000}
    pending = _upload_id(preview.text)
    assert len(pending) < 64  # the rows stay on the server, not in the form
    assert client.post("/allocations/import", data={"csrf_token": token,
                                                    "upload": pending + "x"}).status_code == 400
    assert _amounts(factory) == {"09": 2_100_000}
    saved = client.post("/allocations/import", data={"csrf_token": token, "upload": pending})
    assert saved.status_code == 303
    assert _amounts(factory) == {"09": 2_500_000, "01": 9_000_000}
    with factory() as s:
        actors = {e.actor for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "allocation_import"))}
        assert s.scalar(select(func.count()).select_from(AllocationUpload)) == 0
    assert actors == {"hanna"}
    page = client.get("/allocations").text
    assert "1 ny rad, 1 ändrad, 0 oförändrade" in page
    assert "Region Stockholm" in page and "2 345 000 kr" in page  # requisitioned against 09
    again = client.post("/allocations/import", data={"csrf_token": token, "upload": pending})
    assert again.status_code == 400


def test_what_swedish_excel_saves_is_accepted(client, factory):
    login(client, "hanna")
    body = (HEADER.replace(",", ";") + "hembesok;2024;09;Region Gotland;900 000 kr;45 %\n"
            "hembesok;2024;12;Region Skåne;1 349 000:-;45,5\n").encode("cp1252")
    token, preview = _upload(client, body)
    assert preview.status_code == 200, preview.text
    assert "1 ny rad, 1 ändrad, 0 oförändrad" in preview.text
    client.post("/allocations/import", data={"csrf_token": token, "upload": _upload_id(preview.text)})
    assert _amounts(factory) == {"09": 900_000, "12": 1_349_000}


def test_every_bad_row_is_listed_and_only_the_good_rows_can_be_saved(client, factory):
    login(client, "hanna")
    body = (CSV + "nosuchprogram,2024,18,Region Örebro län,1,\n"
            "hembesok,99999,18,Region Örebro län,1,\n"
            "hembesok,2024,13,Region Skåne,1,\n"
            "hembesok,2024,0127,Botkyrka kommun,1,\n"
            "hembesok,2024,18,Region Örebro län,nan,\n"
            "hembesok,2024,19,Region Västmanland,inf,\n"
            "hembesok,2024,20,Region Dalarna,1e30,\n"
            "hembesok,2024,21,Region Gävleborg,-5,-50\n"
            "hembesok,2024,22,Region Västernorrland,5,1e308\n")
    token, preview = _upload(client, body.encode())
    assert preview.status_code == 200
    for line in range(4, 13):
        assert f"rad {line}, kolumnen" in preview.text
    assert "okänt statsbidrag" in preview.text and "bidragsåret 99999 finns inte" in preview.text
    assert "Region Skåne (12), inte Region Halland (13)" in preview.text
    assert "hembesok 2024 tas emot av regioner" in preview.text
    assert "9 rader med fel" in preview.text and "Spara 2 rader utan fel" in preview.text
    client.post("/allocations/import", data={"csrf_token": token, "upload": _upload_id(preview.text)})
    assert _amounts(factory) == {"09": 2_500_000, "01": 9_000_000}


def test_a_list_without_a_good_row_is_explained_and_nothing_changes(client, factory):
    login(client, "hanna")
    for amount in ("två miljoner", "nan", "inf", "1e30"):
        _, response = _upload(client, (HEADER + f"hembesok,2024,09,Region Gotland,{amount},\n").encode())
        assert response.status_code == 422
        assert "rad 2, kolumnen amount_sek" in response.text and "hela kronor" in response.text
    no_file = client.post("/allocations/preview", data={"csrf_token": page_token(client, "/allocations")})
    assert no_file.status_code == 422 and "Välj en fil" in no_file.text
    _, unreadable = _upload(client, b"PK\x03\x04garbage", "lista.xlsx")
    assert unreadable.status_code == 422 and "kan inte läsas som XLSX" in unreadable.text
    assert _amounts(factory) == {"09": 2_100_000}


def test_a_file_over_the_size_limit_is_refused_clearly(client, factory, monkeypatch):
    monkeypatch.setattr("webui.routes.allocations.MAX_UPLOAD", 1024)
    login(client, "hanna")
    _, response = _upload(client, CSV.encode() * 40)
    assert response.status_code == 413 and "för stor" in response.text


def test_another_users_preview_cannot_be_confirmed(client, factory):
    login(client, "hanna")
    _, preview = _upload(client, CSV.encode())
    pending = _upload_id(preview.text)
    client.cookies.clear()
    login(client, "adam")
    token = page_token(client, "/allocations")
    response = client.post("/allocations/import", data={"csrf_token": token, "upload": pending})
    assert response.status_code == 400
    assert _amounts(factory) == {"09": 2_100_000}


def test_a_registrator_may_neither_preview_nor_import(client, factory):
    login(client, "hanna")
    _, preview = _upload(client, CSV.encode())
    pending = _upload_id(preview.text)
    client.cookies.clear()
    login(client, "rita")
    token = page_token(client, "/cases")
    response = client.post("/allocations/preview", data={"csrf_token": token},
                           files={"file": ("f.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 403
    assert client.post("/allocations/import", data={"csrf_token": token,
                                                    "upload": pending}).status_code == 403
    assert client.get("/allocations/current.xlsx").status_code == 403
    assert _amounts(factory) == {"09": 2_100_000}


def test_upload_without_csrf_is_refused(client, factory):
    login(client, "hanna")
    response = client.post("/allocations/preview",
                           files={"file": ("fordelning.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 403


def test_parsing_does_not_hold_the_event_loop(client, monkeypatch):
    """While a list is being read, /health still answers."""
    started, release = threading.Event(), threading.Event()
    from storage import allocation_file

    real = allocation_file.parse_allocation_file

    def slow_parse(*args, **kwargs):
        started.set()
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr("webui.routes.allocations.parse_allocation_file", slow_parse)
    login(client, "hanna")
    token = page_token(client, "/allocations")
    results: dict[str, int] = {}

    def upload():
        results["preview"] = client.post(
            "/allocations/preview", data={"csrf_token": token},
            files={"file": ("f.csv", CSV.encode(), "text/csv")}).status_code

    def health():
        results["health"] = client.get("/health").status_code

    uploader = threading.Thread(target=upload)
    uploader.start()
    assert started.wait(10)
    checker = threading.Thread(target=health)
    checker.start()
    checker.join(10)
    answered = not checker.is_alive()
    release.set()
    uploader.join(30)
    checker.join(30)
    assert answered, "/health waited for the upload"
    assert results == {"health": 200, "preview": 200}


@pytest.fixture
def many_years_client(desk, tmp_path):
    """The desk with hembesok configured for 430 years: room for a 132 000-row list."""
    _, _, factory = desk
    programs = parse_programs({"hembesok": {"name": "Hembesök", "years": {
        str(year): {"recipients": ["region", "municipality"]} for year in range(1600, 2030)}}})
    settings = desk_settings(tmp_path / "desk")
    app = create_app(settings, factory, desk[0].state.store, programs=programs)
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as c:
        yield c


@pytest.mark.slow
def test_a_valid_132_000_row_list_confirms(many_years_client, factory):
    from config.registry import load_registry

    codes = [o.code for o in load_registry().all()]
    lines = [f"hembesok,{year},{code},,{1000 + i}," for year in range(1600, 2030)
             for i, code in enumerate(codes)][:132_000]
    client = many_years_client
    login(client, "hanna")
    token, preview = _upload(client, (HEADER + "\n".join(lines) + "\n").encode())
    assert preview.status_code == 200, preview.text[:500]
    assert "131 999 nya rader, 1 ändrad, 0 oförändrade" in preview.text
    saved = client.post("/allocations/import", data={"csrf_token": token,
                                                     "upload": _upload_id(preview.text)})
    assert saved.status_code == 303
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Allocation)) == 132_000


def test_template_and_current_list_download_as_xlsx(client, factory):
    with factory() as s:
        s.add(Allocation(program="hembesok", grant_year=2024, recipient_code="01",
                         recipient_name='=HYPERLINK("mailto:x@example.se","Klicka här")',
                         amount_sek=1, source="@SUM(A1)"))
        s.commit()
    login(client, "hanna")
    template = client.get("/allocations/template.xlsx")
    assert template.status_code == 200
    assert template.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "fordelningslista-mall.xlsx" in template.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER.strip().split(",")
    current = client.get("/allocations/current.xlsx")
    assert current.status_code == 200
    ws = load_workbook(io.BytesIO(current.content)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert {ws["C2"].value, ws["C3"].value} == {"01", "09"}
    page = client.get("/allocations").text
    assert 'href="/allocations/template.xlsx"' in page and 'href="/allocations/current.xlsx"' in page


@pytest.fixture
def browser_page(desk, tmp_path):
    """The desk served by uvicorn on a free port, and a Chromium page 1366 px wide on it."""
    import socket
    import time
    from pathlib import Path

    import uvicorn

    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no /usr/bin/chromium")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(desk[0], log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="sv-SE")
        context.set_default_timeout(15_000)
        yield context.new_page(), f"http://127.0.0.1:{sock.getsockname()[1]}"
        context.close()
        browser.close()
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.mark.browser
def test_upload_preview_and_save_in_chromium(browser_page, factory, tmp_path):
    from tests.webui.seed import PASSWORD

    page, base = browser_page
    page.goto(f"{base}/login?next=/allocations")
    page.get_by_label("Användarnamn").fill("hanna")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}/allocations")
    upload = tmp_path / "fordelning.csv"
    upload.write_bytes((CSV.replace(",", ";") + "hembesok;2024;13;Region Skåne;1;\n").encode("cp1252"))
    page.get_by_label("Ny fördelningslista").set_input_files(str(upload))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_url(f"{base}/allocations/preview")
    assert "1 ny rad, 1 ändrad, 0 oförändrade, 1 rad med fel" in page.content()
    assert "rad 4, kolumnen recipient_name" in page.content()
    page.get_by_role("button", name="Spara 2 rader utan fel").click()
    page.wait_for_url(f"{base}/allocations")
    assert "1 ny rad, 1 ändrad, 0 oförändrade" in page.content()
    assert _amounts(factory) == {"09": 2_500_000, "01": 9_000_000}
