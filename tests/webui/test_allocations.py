"""Allocation list upload: preview first, nothing saved until confirmed; bad files explained."""
from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import Allocation, AuditEntry
from tests.webui.conftest import login, page_token

CSV = ("program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"
       "hembesok,2024,09,Region Gotland,2500000,20\n"
       "hembesok,2024,01,Region Stockholm,9000000,\n")


def _amounts(factory) -> dict[str, int]:
    with factory() as s:
        return {a.recipient_code: a.amount_sek for a in s.scalars(select(Allocation))}


def test_upload_previews_then_saves_on_confirmation(client, factory):
    login(client, "hanna")
    token = page_token(client, "/allocations")
    preview = client.post("/allocations/preview", data={"csrf_token": token},
                          files={"file": ("fordelning.csv", CSV.encode(), "text/csv")})
    assert preview.status_code == 200
    assert "1 nya rader, 1 ändrade, 0 oförändrade" in preview.text
    assert "2 100 000 kr" in preview.text and "2 500 000 kr" in preview.text
    assert _amounts(factory) == {"09": 2_100_000}
    pending = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
    assert client.post("/allocations/import", data={"csrf_token": token,
                                                     "token": pending + "x"}).status_code == 400
    assert _amounts(factory) == {"09": 2_100_000}
    saved = client.post("/allocations/import", data={"csrf_token": token, "token": pending})
    assert saved.status_code == 303
    assert _amounts(factory) == {"09": 2_500_000, "01": 9_000_000}
    with factory() as s:
        actors = {e.actor for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "allocation_import"))}
    assert actors == {"hanna"}
    page = client.get("/allocations").text
    assert "Region Stockholm" in page and "2 345 000 kr" in page  # requisitioned against 09


def test_a_broken_file_is_explained_and_nothing_changes(client, factory):
    login(client, "hanna")
    token = page_token(client, "/allocations")
    bad = CSV.replace("2500000", "två miljoner")
    response = client.post("/allocations/preview", data={"csrf_token": token},
                           files={"file": ("fordelning.csv", bad.encode(), "text/csv")})
    assert response.status_code == 422
    assert "rad 2, kolumn 5" in response.text
    no_file = client.post("/allocations/preview", data={"csrf_token": token})
    assert no_file.status_code == 422 and "Välj en fil" in no_file.text
    assert _amounts(factory) == {"09": 2_100_000}


def test_upload_without_csrf_is_refused(client, factory):
    login(client, "hanna")
    response = client.post("/allocations/preview",
                           files={"file": ("fordelning.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 403
