"""The review desk over a seeded SQLite database and store, as a TestClient and as a live
server for the browser tests."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from config.settings import Settings, WebSettings
from storage.db import open_database
from storage.originals import OriginalStore
from tests.webui.seed import PASSWORD, Seeded, seed
from webui.app import SESSION_COOKIE, create_app  # noqa: F401 - tests use the name

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> tuple[Path, Seeded]:
    """Seed once (hashing passwords and checking take a while); each test gets a copy."""
    root = tmp_path_factory.mktemp("desk-template")
    factory = open_database(f"sqlite:///{root}/desk.db")
    seeded = seed(factory, OriginalStore(root / "store"))
    factory.kw["bind"].dispose()
    return root, seeded


def desk_settings(root: Path) -> Settings:
    return Settings(db=f"sqlite:///{root}/desk.db", data_dir=root / "store",
                    web=WebSettings(session_secret=SecretStr("test-secret-" + "x" * 32)))


@pytest.fixture
def desk(tmp_path: Path, seeded_template):
    """(app, seeded ids, session factory) over a fresh copy of the seeded database."""
    template, seeded = seeded_template
    root = tmp_path / "desk"
    shutil.copytree(template, root)
    settings = desk_settings(root)
    factory = open_database(settings.db)
    store = OriginalStore(settings.data_dir)
    app = create_app(settings, factory, store)
    yield app, seeded, factory
    app.state.page_renderer.close()
    factory.kw["bind"].dispose()


@pytest.fixture
def client(desk) -> TestClient:
    app, _, _ = desk
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as c:
        yield c


@pytest.fixture
def seeded(desk) -> Seeded:
    return desk[1]


@pytest.fixture
def factory(desk):
    return desk[2]


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, "next": "/cases"})


@pytest.fixture
def as_rita(client: TestClient) -> TestClient:
    assert login(client, "rita").status_code == 303
    return client


def page_token(client: TestClient, path: str) -> str:
    return csrf_of(client.get(path).text)
