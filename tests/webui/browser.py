"""Real Chromium for the review desk: the app on a live port, a page at a given viewport,
screenshots, and axe-core's accessibility check.

Screenshots go to a directory outside the tree (GRANT_INTAKE_ARTIFACTS, else the system temp
directory); with GRANT_INTAKE_REFRESH_SCREENSHOTS=1 the README's are written to
docs/screenshots/ as well. Where CI is set, a missing Chromium or Playwright fails the test.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest
import uvicorn

from tests.conftest import in_ci, unavailable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
SERIOUS = ("serious", "critical")


def need(module: str):
    """Import ``module`` or skip (fail under CI)."""
    if in_ci():
        return __import__(module, fromlist=["_"])
    return pytest.importorskip(module)


def artifacts_dir() -> Path:
    root = Path(os.environ.get("GRANT_INTAKE_ARTIFACTS")
                or Path(tempfile.gettempdir()) / "grant-intake-artifacts")
    root.mkdir(parents=True, exist_ok=True)
    return root


def screenshot(page, name: str, *, readme: bool = False) -> Path:
    """Save a screenshot outside the tree; a README one also to docs/screenshots/ when asked."""
    path = artifacts_dir() / name
    page.screenshot(path=str(path), full_page=False)
    if readme and os.environ.get("GRANT_INTAKE_REFRESH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / name)
    return path


@contextmanager
def serve(app):
    """``app`` served by uvicorn in a thread on a free loopback port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        sock.close()


@contextmanager
def chromium(width: int, height: int):
    """A new page in headless Chromium at ``width`` × ``height`` CSS pixels."""
    sync_api = need("playwright.sync_api")
    if not CHROMIUM.exists():
        unavailable(f"no {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="sv-SE")
        context.set_default_timeout(15_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def axe_source() -> str:
    """axe.min.js as the axe-playwright-python package ships it (PyPI, in the test extra)."""
    need("axe_playwright_python")
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA
    and best practice). Evaluated through the DevTools protocol, so the page's CSP, which
    forbids inline scripts, stays as it is."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations'],
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                            'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in SERIOUS]
