"""What every answer carries, and what is refused before anything is parsed or anyone is known."""
from __future__ import annotations

import shutil

from fastapi.testclient import TestClient
from pydantic import SecretStr

from config.settings import SessionSettings, Settings, WebSettings
from storage.db import open_database
from storage.originals import OriginalStore
from tests.webui.conftest import login
from webui.app import create_app

HEADERS = ("x-frame-options", "x-content-type-options", "content-security-policy",
           "referrer-policy")


def test_an_anonymous_oversized_post_is_refused_before_it_is_read(client, desk):
    limit = desk[0].state.settings.web.max_body_bytes
    response = client.post("/login", content=b"x" * (limit + 1),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert "för stor" in response.text
    for name in HEADERS:
        assert name in response.headers


def test_a_body_without_length_is_cut_off_at_the_limit(client, desk):
    limit = desk[0].state.settings.web.max_body_bytes
    sent = []

    def chunks():
        for _ in range(limit // 65536 + 10):
            sent.append(1)
            yield b"x" * 65536

    response = client.post("/login", content=chunks(),
                           headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert "för stor" in response.text


def test_an_upload_may_be_larger_than_a_form(client, desk):
    web = desk[0].state.settings.web
    assert web.max_upload_bytes > web.max_body_bytes
    login(client, "hanna")
    response = client.post("/allocations/preview", content=b"x" * (web.max_body_bytes + 10),
                           headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code != 413


def test_a_500_is_swedish_and_carries_the_security_headers(desk):
    app = desk[0]

    @app.get("/test-boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        response = c.get("/test-boom")
    assert response.status_code == 500
    assert "Ett oväntat fel inträffade" in response.text and "kaboom" not in response.text
    for name in HEADERS:
        assert name in response.headers, name
    assert "strict-transport-security" not in response.headers


def test_secure_cookie_and_hsts_behind_https(tmp_path, seeded_template):
    template, _ = seeded_template
    shutil.copytree(template, tmp_path / "desk")
    settings = Settings(db=f"sqlite:///{tmp_path}/desk/desk.db", data_dir=tmp_path / "desk/store",
                        web=WebSettings(session_secret=SecretStr("s" * 40)),
                        session=SessionSettings(secure_cookie=True))
    factory = open_database(settings.db)
    app = create_app(settings, factory, OriginalStore(settings.data_dir))
    with TestClient(app, base_url="https://desk.example", follow_redirects=False) as c:
        response = login(c, "rita")
        assert response.status_code == 303
        assert "secure" in response.headers["set-cookie"].lower()
        assert response.headers["strict-transport-security"].startswith("max-age=")
    factory.kw["bind"].dispose()
