"""Failed log-ins counted per account and per client, in this process's memory.

After ``limit`` failures within the window, the account (or client) must wait until the
oldest of them leaves the window; a right password does not help meanwhile. The desk runs as
one process, so memory is enough; a restart forgets the counts (the audit log keeps them).
"""
from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque

MAX_KEYS = 10_000
"""Past this many accounts and clients with failures, those whose failures have all left the
window are forgotten (names sprayed at the form must not fill the memory)."""


class LoginThrottle:
    def __init__(self, per_account: int, per_client: int, window_seconds: float) -> None:
        self.limits = {"account": per_account, "client": per_client}
        self.window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    @staticmethod
    def _keys(account: str, client: str) -> list[tuple[str, str]]:
        return [("account", account.strip().casefold()), ("client", client)]

    def _recent(self, key: tuple[str, str], at: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= at - self.window:
            failures.popleft()
        return failures

    def wait_seconds(self, account: str, client: str) -> int:
        """Seconds until this account and client may try again; 0 when they may now."""
        at = time.time()
        wait = 0.0
        with self._lock:
            for key in self._keys(account, client):
                failures = self._recent(key, at)
                limit = self.limits[key[0]]
                if len(failures) >= limit:
                    wait = max(wait, failures[-limit] + self.window - at)
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, account: str, client: str) -> None:
        at = time.time()
        with self._lock:
            for key in self._keys(account, client):
                self._recent(key, at).append(at)
            if len(self._failures) > MAX_KEYS:
                for key in [k for k in self._failures if not self._recent(k, at)]:
                    del self._failures[key]

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(("account", account.strip().casefold()), None)
