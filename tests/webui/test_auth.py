"""Log-in, sessions, CSRF and roles: each refusal is Swedish, has its status, changes nothing."""
from __future__ import annotations

import time

from sqlalchemy import select

from storage.models import AuditEntry, User
from tests.webui.conftest import csrf_of, login, page_token


def test_pages_redirect_to_login_and_api_answers_401(client):
    for path in ("/cases", "/documents/1", "/allocations", "/users"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    response = client.get("/api/cases")
    assert response.status_code == 401
    assert response.json() == {"detail": "Du måste logga in."}


def test_login_sets_httponly_samesite_cookie_and_returns_to_next(client):
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "rita", "password": "hemligt-lösen-1",
                                           "csrf_token": token, "next": "/cases?severity=error"})
    assert response.status_code == 303
    assert response.headers["location"] == "/cases?severity=error"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/cases").status_code == 200


def test_wrong_password_is_401_with_swedish_message(client):
    response = login(client, "rita", "fel-lösenord")
    assert response.status_code == 401
    assert "Fel användarnamn eller lösenord." in response.text
    assert login(client, "ingen-sådan").status_code == 401
    assert client.get("/api/cases").status_code == 401


def test_login_refuses_open_redirect(client):
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "rita", "password": "hemligt-lösen-1",
                                           "csrf_token": token, "next": "//evil.example/x"})
    assert response.headers["location"] == "/cases"


def test_login_without_csrf_token_is_refused(client):
    client.get("/login")
    response = client.post("/login", data={"username": "rita", "password": "hemligt-lösen-1"})
    assert response.status_code == 403
    assert "säkerhetstoken" in response.text
    assert client.get("/cases").status_code == 303


def test_expired_session_says_so(client, desk, monkeypatch):
    assert login(client, "rita").status_code == 303
    hours = desk[0].state.settings.session.hours
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + hours * 3600 + 5)
    response = client.get("/cases")
    assert response.status_code == 303
    assert "expired=1" in response.headers["location"]
    assert "Din session har gått ut" in client.get(response.headers["location"]).text
    api = client.get("/api/cases")
    assert api.status_code == 401


def test_logout_needs_csrf_and_ends_the_session(as_rita):
    assert as_rita.post("/logout").status_code == 403
    token = page_token(as_rita, "/cases")
    assert as_rita.post("/logout", data={"csrf_token": token}).status_code == 303
    assert as_rita.get("/cases").status_code == 303


def test_registrator_cannot_open_handlaggare_or_admin_pages(as_rita):
    for path in ("/users", "/allocations", "/programs", "/audit"):
        response = as_rita.get(path)
        assert response.status_code == 403, path
        assert "kräver rollen" in response.text
    assert as_rita.get("/api/allocations").status_code == 403


def test_handlaggare_has_allocations_but_not_users(client):
    login(client, "hanna")
    assert client.get("/allocations").status_code == 200
    assert client.get("/programs").status_code == 200
    assert client.get("/users").status_code == 403


def test_admin_adds_a_user_with_audit(client, factory):
    login(client, "adam")
    token = page_token(client, "/users")
    short = client.post("/users", data={"username": "nils", "role": "registrator",
                                        "password": "kort", "csrf_token": token})
    assert short.status_code == 422 and "minst 10 tecken" in short.text
    ok = client.post("/users", data={"username": "nils", "role": "registrator",
                                     "password": "ett-långt-lösen", "csrf_token": token})
    assert ok.status_code == 303
    with factory() as s:
        assert s.scalar(select(User).where(User.username == "nils")).role == "registrator"
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "user_add",
                                                  AuditEntry.entity_id == "nils"))
        assert entry.actor == "adam" and entry.new_value == "registrator"


def test_deactivated_user_is_logged_out(client, factory):
    login(client, "rita")
    with factory() as s:
        s.scalar(select(User).where(User.username == "rita")).active = False
        s.commit()
    assert client.get("/cases").status_code == 303
    assert login(client, "rita").status_code == 401


def test_unknown_page_is_a_swedish_404(as_rita):
    response = as_rita.get("/finns-inte")
    assert response.status_code == 404
    assert "Sidan finns inte." in response.text


def test_session_secret_is_generated_once_under_the_data_dir(tmp_path):
    from config.settings import Settings
    from webui.sessions import SECRET_FILE, session_secret

    settings = Settings(data_dir=tmp_path / "store")
    first = session_secret(settings)
    path = tmp_path / "store" / SECRET_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(first) >= 48 and session_secret(settings) == first
