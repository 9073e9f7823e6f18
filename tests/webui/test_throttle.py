"""The login throttle alone: per account, per client, the wait, and bounded memory."""
from __future__ import annotations

import time

import webui.throttle as throttle_module
from webui.throttle import LoginThrottle


def test_the_wait_is_until_the_oldest_counted_failure_leaves_the_window(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    throttle = LoginThrottle(per_account=3, per_client=100, window_seconds=600)
    for step in range(3):
        now[0] = 1000.0 + step * 10
        assert throttle.wait_seconds("Rita", "10.0.0.1") == 0
        throttle.failed("Rita", "10.0.0.1")
    assert throttle.wait_seconds(" rita ", "10.0.0.2") == 600 - 20  # names fold case and space
    now[0] = 1000.0 + 601
    assert throttle.wait_seconds("rita", "10.0.0.1") == 0


def test_a_success_clears_the_account_but_not_the_client(monkeypatch):
    throttle = LoginThrottle(per_account=2, per_client=3, window_seconds=600)
    for name in ("a", "a", "b"):
        throttle.failed(name, "10.0.0.1")
    throttle.succeeded("a")
    assert throttle.wait_seconds("a", "10.0.0.2") == 0
    assert throttle.wait_seconds("c", "10.0.0.1") > 0


def test_names_sprayed_at_the_form_do_not_fill_the_memory(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    monkeypatch.setattr(throttle_module, "MAX_KEYS", 50)
    throttle = LoginThrottle(per_account=5, per_client=10**6, window_seconds=60)
    for n in range(200):
        now[0] = float(n)
        throttle.failed(f"user-{n}", "10.0.0.1")
    assert len(throttle._failures) <= 62
