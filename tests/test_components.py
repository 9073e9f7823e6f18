"""The suite itself: no quiet skips in CI, no files written into the tree by a test run."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import unavailable


def test_a_missing_component_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        unavailable("no /usr/bin/chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        unavailable("no /usr/bin/chromium")


def test_browser_screenshots_go_outside_the_tree_unless_asked(monkeypatch, tmp_path):
    browser = pytest.importorskip("tests.webui.browser")

    class Page:
        def screenshot(self, path: str, full_page: bool) -> None:
            Path(path).write_bytes(b"png")

    monkeypatch.delenv("GRANT_INTAKE_ARTIFACTS", raising=False)
    assert not browser.artifacts_dir().resolve().is_relative_to(browser.REPO)
    monkeypatch.setenv("GRANT_INTAKE_ARTIFACTS", str(tmp_path / "artifacts"))
    monkeypatch.setattr(browser, "SCREENSHOTS", tmp_path / "docs")
    monkeypatch.delenv("GRANT_INTAKE_REFRESH_SCREENSHOTS", raising=False)
    browser.screenshot(Page(), "x.png", readme=True)
    assert (tmp_path / "artifacts" / "x.png").exists() and not (tmp_path / "docs").exists()
    monkeypatch.setenv("GRANT_INTAKE_REFRESH_SCREENSHOTS", "1")
    browser.screenshot(Page(), "x.png", readme=True)
    assert (tmp_path / "docs" / "x.png").exists()
