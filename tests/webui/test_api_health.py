"""The JSON API and /health."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from storage.models import SourceState
from tests.webui.conftest import login


def test_api_cases_and_document(as_rita, seeded):
    data = as_rita.get("/api/cases").json()
    assert data["counts"]["open"] >= 1
    case = next(c for c in data["cases"] if c["id"] == seeded.flag_id)
    assert case["code"] == "AMOUNT_EXCEEDS_ALLOCATION" and case["document_id"] == seeded.document_id
    assert as_rita.get(f"/api/cases/{seeded.flag_id}").json()["status"] == "open"
    doc = as_rita.get(f"/api/documents/{seeded.document_id}").json()
    assert doc["amounts"] == {"requested": 2345000}
    assert doc["organisation"]["code"] == "09"
    assert any(e["field"] == "amounts.requested" for e in doc["evidence"])
    assert any(c["id"] == seeded.flag_id for c in doc["cases"])


def test_api_errors_are_json_in_swedish(as_rita):
    missing = as_rita.get("/api/documents/9999")
    assert missing.status_code == 404 and missing.json() == {"detail": "Dokumentet finns inte."}
    assert as_rita.get("/api/cases/9999").status_code == 404
    bad = as_rita.get("/api/cases?received_from=igår")
    assert bad.status_code == 400 and "inte ett datum" in bad.json()["detail"]


def test_api_allocations_for_handlaggare(client):
    login(client, "hanna")
    groups = client.get("/api/allocations").json()["program_years"]
    row = groups[0]["rows"][0]
    assert (row["recipient_code"], row["amount_sek"], row["requisitioned"]) == (
        "09", 2100000, 2345000)
    assert row["remaining"] == -245000


def test_openapi_documents_the_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/cases", "/api/documents/{doc_id}", "/health"} <= set(paths)
    assert "/login" not in paths


def test_health_reports_database_and_last_poll(client, factory):
    assert client.get("/health").json()["last_successful_poll"] is None
    when = datetime(2024, 3, 25, 9, 0, tzinfo=UTC)
    with factory() as s:
        s.add(SourceState(source="folder:var/inbox", last_poll_at=when, last_success_at=when))
        s.commit()
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["last_successful_poll"].startswith("2024-03-25T09:00")


def test_health_with_an_unreachable_database_is_503(client, desk, tmp_path):
    missing = tmp_path / "no-such-dir" / "x.db"
    desk[0].state.session_factory = sessionmaker(create_engine(f"sqlite:///{missing}"))
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "error" and response.json()["database"].startswith("fel")
