"""Server-side sessions, login throttling, password changes: a copied cookie is worth nothing
once its session has ended."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from storage.models import AuditEntry, User, WebSession
from tests.webui.conftest import SESSION_COOKIE, csrf_of, login, page_token
from tests.webui.seed import PASSWORD


def _copy(client: TestClient, app) -> TestClient:
    """Another browser holding a copy of ``client``'s cookie."""
    other = TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)
    other.cookies.set(SESSION_COOKIE, client.cookies.get(SESSION_COOKIE))
    return other


def _sessions(factory, username: str) -> int:
    with factory() as s:
        return s.scalar(select(func.count(WebSession.id)).join(User, User.id == WebSession.user_id)
                        .where(User.username == username))


def test_a_cookie_copied_before_logout_no_longer_works(client, desk, factory):
    app = desk[0]
    assert login(client, "rita").status_code == 303
    copied = _copy(client, app)
    assert copied.get("/cases").status_code == 200
    assert _sessions(factory, "rita") == 1
    client.post("/logout", data={"csrf_token": page_token(client, "/cases")})
    assert _sessions(factory, "rita") == 0
    assert copied.get("/cases").status_code == 303
    assert copied.get("/api/cases").status_code == 401


def test_an_idle_session_ends(client, desk, monkeypatch):
    assert login(client, "rita").status_code == 303
    idle = desk[0].state.settings.session.idle_minutes
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + idle * 60 - 30)
    assert client.get("/cases").status_code == 200  # still active, and the clock is reset
    monkeypatch.setattr(time, "time", lambda: real() + 2 * idle * 60 - 60)
    assert client.get("/cases").status_code == 200
    monkeypatch.setattr(time, "time", lambda: real() + 3 * idle * 60 + 5)
    response = client.get("/cases")
    assert response.status_code == 303 and "expired=1" in response.headers["location"]


def test_a_session_ends_after_its_hours_however_busy(client, desk, monkeypatch):
    assert login(client, "rita").status_code == 303
    settings = desk[0].state.settings.session
    real = time.time
    step = settings.idle_minutes * 60 - 60
    for n in range(1, settings.hours * 3600 // step + 1):
        monkeypatch.setattr(time, "time", lambda n=n: real() + n * step)
        assert client.get("/api/cases").status_code == 200, n
    monkeypatch.setattr(time, "time", lambda: real() + settings.hours * 3600 + 5)
    assert client.get("/api/cases").status_code == 401


def test_deactivation_ends_every_session_of_the_user(client, desk, factory):
    app = desk[0]
    assert login(client, "rita").status_code == 303
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as admin:
        login(admin, "adam")
        with factory() as s:
            rita = s.scalar(select(User).where(User.username == "rita"))
        token = page_token(admin, "/users")
        answer = admin.post(f"/users/{rita.id}", data={"role": "registrator", "active": "false",
                                                       "csrf_token": token})
        assert answer.status_code == 303
    assert _sessions(factory, "rita") == 0
    assert client.get("/cases").status_code == 303


def test_a_user_changes_their_own_password_and_other_sessions_end(client, desk, factory):
    app = desk[0]
    assert login(client, "rita").status_code == 303
    other = _copy(client, app)
    page = client.get("/account/password")
    assert page.status_code == 200 and "Byt lösenord" in page.text
    token = csrf_of(page.text)
    wrong = client.post("/account/password", data={
        "current": "fel-lösenord", "new": "ett-nytt-lösen-2", "repeat": "ett-nytt-lösen-2",
        "csrf_token": token})
    assert wrong.status_code == 422 and "Nuvarande lösenord" in wrong.text
    ok = client.post("/account/password", data={
        "current": PASSWORD, "new": "ett-nytt-lösen-2", "repeat": "ett-nytt-lösen-2",
        "csrf_token": token})
    assert ok.status_code == 303
    assert client.get("/cases").status_code == 200  # this browser got a fresh session
    assert other.get("/cases").status_code == 303  # the copied cookie did not
    assert _sessions(factory, "rita") == 1
    client.cookies.clear()
    assert login(client, "rita").status_code == 401
    assert login(client, "rita", "ett-nytt-lösen-2").status_code == 303


def test_an_admin_resets_a_password_and_the_users_sessions_end(client, desk, factory):
    app = desk[0]
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as rita:
        assert login(rita, "rita").status_code == 303
        login(client, "adam")
        with factory() as s:
            rita_id = s.scalar(select(User.id).where(User.username == "rita"))
        token = page_token(client, "/users")
        answer = client.post(f"/users/{rita_id}/password", data={"csrf_token": token})
        assert answer.status_code == 200
        assert "Nytt lösenord för rita" in answer.text
        assert rita.get("/cases").status_code == 303
        rita.cookies.clear()
        assert login(rita, "rita").status_code == 401
    with factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "user_password_reset"))
        assert entry.actor == "adam" and entry.entity_id == "rita"


def test_wrong_passwords_are_throttled_per_account_with_retry_after(client, desk, factory):
    limit = desk[0].state.settings.web.login_failures_per_account
    for _ in range(limit):
        assert login(client, "rita", "fel-lösenord").status_code == 401
    refused = login(client, "rita")  # the right password, too soon
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "För många misslyckade inloggningar" in refused.text
    assert login(client, "hanna").status_code == 303  # another account is not held up
    with factory() as s:
        failed = s.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
    assert len(failed) == limit and {e.entity_id for e in failed} == {"rita"}


def test_wrong_passwords_are_throttled_per_client(client, desk):
    web = desk[0].state.settings.web
    for n in range(web.login_failures_per_client):
        assert login(client, f"ingen-{n}", "fel-lösenord").status_code == 401
    refused = login(client, "hanna")
    assert refused.status_code == 429 and "retry-after" in refused.headers


def test_throttling_ends_after_the_wait(client, desk, monkeypatch):
    limit = desk[0].state.settings.web.login_failures_per_account
    for _ in range(limit):
        login(client, "rita", "fel-lösenord")
    wait = int(login(client, "rita").headers["retry-after"])
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + wait + 1)
    assert login(client, "rita").status_code == 303


def test_an_admin_changes_their_own_password_on_their_own_page(client, factory):
    login(client, "adam")
    with factory() as s:
        adam_id = s.scalar(select(User.id).where(User.username == "adam"))
    answer = client.post(f"/users/{adam_id}/password",
                         data={"csrf_token": page_token(client, "/users")})
    assert answer.status_code == 422 and "under ditt namn" in answer.text
    assert client.get("/users").status_code == 200
