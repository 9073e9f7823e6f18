"""The desk's page of expected documents: listing, a repayment marked received, dismissing."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage.expectations import refresh_expectations
from storage.models import AuditEntry, Document, ExpectationRow, Message
from tests.webui.conftest import page_token


@pytest.fixture
def repayment_id(factory, desk) -> int:
    """A return report from Region Örebro län stating 49 000 kr unused, and its case."""
    app = desk[0]
    when = datetime(2024, 2, 20, 9, 0, tzinfo=UTC)
    with factory() as session, session.begin():
        message = Message(source_kind="eml", source_key="mail/rr.eml", message_id="<rr@test>",
                          raw_sha256=hashlib.sha256(b"rr").hexdigest(), raw_size=10,
                          sender="ekonomi@orebro.example.se", received_at=when)
        session.add(Document(
            message=message, sha256=hashlib.sha256(b"rr-doc").hexdigest(), filename="rr.pdf",
            media_type="application/pdf", size=10, received_at=when,
            document_type="return_report", program="hembesok", grant_year=2023, org_code="18",
            org_kind="region", org_name="Region Örebro län",
            amounts={"received": {"value": 1_349_000, "unit": 1},
                     "used": {"value": 1_300_000, "unit": 1},
                     "unused": {"value": 49_000, "unit": 1}}))
        session.flush()
        refresh_expectations(session, app.state.programs)
    with factory() as session:
        return session.scalar(select(ExpectationRow.id).where(
            ExpectationRow.code == "REPAYMENT_DUE"))


def _post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": page_token(client, "/expected")})


def test_the_page_lists_expectations_and_is_in_the_nav(as_rita, repayment_id):
    page = as_rita.get("/expected")
    assert page.status_code == 200
    assert 'href="/expected"' in page.text
    assert f'id="forvantad-{repayment_id}"' in page.text
    assert "Region Örebro län redovisar 49 000 kr ej förbrukat" in page.text.replace("\xa0", " ")
    assert "Öppen" in page.text


def test_anonymous_is_sent_to_login(client):
    assert client.get("/expected").status_code in (303, 307)


def test_a_repayment_marked_in_parts_is_resolved_when_all_is_paid(as_rita, factory,
                                                                   repayment_id):
    path = f"/expected/{repayment_id}/repaid"
    part = _post(as_rita, path, {"amount": "20 000", "paid_on": "2024-03-01",
                                 "comment": "Första delen"})
    assert part.status_code == 303
    with factory() as session:
        row = session.get(ExpectationRow, repayment_id)
        assert (row.status, row.repaid_amount) == ("open", 20_000)
        assert "29 000 kr kvar" in row.message.replace("\xa0", " ")
    rest = _post(as_rita, path, {"amount": "29000", "paid_on": "2024-03-15",
                                 "comment": "Resten inbetald"})
    assert rest.status_code == 303
    with factory() as session:
        row = session.get(ExpectationRow, repayment_id)
        assert (row.status, row.resolved_by, row.repaid_amount) == ("resolved", "rita", 49_000)
        assert row.repaid_on.isoformat() == "2024-03-15"
        audit = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "expectation", AuditEntry.action == "repayment_received")).all()
        assert [(a.actor, a.new_value) for a in audit] == [("rita", "20000"), ("rita", "49000")]
        assert "Resten inbetald" in audit[-1].comment


@pytest.mark.parametrize("data, message", [
    ({"amount": "tjugo", "paid_on": "2024-03-01", "comment": "x"}, "hela kronor"),
    ({"amount": "0", "paid_on": "2024-03-01", "comment": "x"}, "hela kronor"),
    ({"amount": "100", "paid_on": "1 mars", "comment": "x"}, "ÅÅÅÅ-MM-DD"),
    ({"amount": "100", "paid_on": "2999-01-01", "comment": "x"}, "framtiden"),
    ({"amount": "100", "paid_on": "2024-03-01", "comment": " "}, "kommentar"),
])
def test_a_bad_repayment_is_refused_and_nothing_changes(as_rita, factory, repayment_id, data,
                                                        message):
    answer = _post(as_rita, f"/expected/{repayment_id}/repaid", data)
    assert answer.status_code == 422
    assert message in answer.text
    with factory() as session:
        assert session.get(ExpectationRow, repayment_id).repaid_amount is None


def test_dismissing_needs_a_comment_and_is_audited(as_rita, factory, repayment_id):
    path = f"/expected/{repayment_id}/dismiss"
    assert _post(as_rita, path, {"comment": ""}).status_code == 422
    assert _post(as_rita, path, {"comment": "Avskrivet enligt beslut"}).status_code == 303
    with factory() as session:
        row = session.get(ExpectationRow, repayment_id)
        assert (row.status, row.resolved_by) == ("dismissed", "rita")
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "expectation_dismiss")).comment == "Avskrivet enligt beslut"
    assert _post(as_rita, path, {"comment": "igen"}).status_code == 409


def test_without_the_form_token_nothing_happens(as_rita, factory, repayment_id):
    answer = as_rita.post(f"/expected/{repayment_id}/dismiss", data={"comment": "x"})
    assert answer.status_code == 403
    with factory() as session:
        assert session.get(ExpectationRow, repayment_id).status == "open"


def test_check_now_runs_the_check(as_rita, factory):
    assert _post(as_rita, "/expected/check", {}).status_code == 303
    assert "Kontrollerat:" in as_rita.get("/expected").text


def test_the_same_as_json(as_rita, repayment_id):
    data = as_rita.get("/api/expected?code=REPAYMENT_DUE").json()
    [case] = data["expected"]
    assert (case["id"], case["code"], case["amount"], case["status"]) == (
        repayment_id, "REPAYMENT_DUE", 49_000, "open")
    assert case["organisation"] == {"name": "Region Örebro län", "kind": "region", "code": "18"}
    assert "upcoming" in data and "as_of" in data
    assert as_rita.get("/api/expected?status=nonsense").status_code == 400
