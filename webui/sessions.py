"""Signed session cookies (Starlette's SessionMiddleware) and what this app keeps in them.

The cookie is HttpOnly and SameSite=Lax and lives for the browser session; the log-in itself
expires after ``session_hours``, checked here so an expired log-in gets its own message.
Every form carries the session's CSRF token.
"""
from __future__ import annotations

import hmac
import logging
import os
import secrets
import time
from pathlib import Path

from starlette.requests import Request

from config.settings import Settings

log = logging.getLogger(__name__)

SECRET_FILE = "session_secret"


def session_secret(settings: Settings) -> str:
    """The configured secret, else one generated once and kept under the data directory."""
    if settings.web.session_secret is not None:
        return settings.web.session_secret.get_secret_value()
    path = Path(settings.data_dir) / SECRET_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secret)
    log.info("session_secret_created path=%s", path)
    return secret


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use (an anonymous session gets one too)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and submitted) and hmac.compare_digest(expected, submitted)


def log_in(request: Request, user_id: int) -> None:
    """A fresh session for the user: a new CSRF token, nothing carried over."""
    request.session.clear()
    request.session.update(uid=user_id, since=int(time.time()), csrf=secrets.token_urlsafe(32))


def log_out(request: Request) -> None:
    request.session.clear()


def logged_in_user_id(request: Request, session_hours: int) -> tuple[int | None, bool]:
    """(user id, expired): the id while the log-in is fresh; (None, True) once it has expired."""
    uid = request.session.get("uid")
    if uid is None:
        return None, False
    since = request.session.get("since", 0)
    if time.time() - since > session_hours * 3600:
        request.session.clear()
        return None, True
    return int(uid), False


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session["flash"] = [*request.session.get("flash", []), [kind, message]]


def pop_flashes(request: Request) -> list[list[str]]:
    return request.session.pop("flash", [])
