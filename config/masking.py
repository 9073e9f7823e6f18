"""Secrets kept out of every message and log line: passwords in URLs, and the configured
secret values wherever they appear."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from pydantic import SecretStr

MASK = "***"
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)[^\s@/]+(?=@)")
_known: set[str] = set()
_lock = threading.Lock()


def remember(secrets: Iterable[SecretStr | str | None]) -> None:
    """Add configured secret values to those masked from now on (short ones are ignored:
    masking "a" everywhere would hide more than it protects)."""
    with _lock:
        for secret in secrets:
            value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
            if value and len(value) >= 4:
                _known.add(value)


def mask(text: str) -> str:
    """``text`` with any URL's password and any remembered secret replaced by ***."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        text = text.replace(value, MASK)
    return text
