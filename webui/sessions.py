"""Log-in sessions kept on the server, and the signed cookie that points at one.

The cookie (Starlette's SessionMiddleware: signed, HttpOnly, SameSite=Lax, Secure behind
HTTPS) holds the CSRF token, flash messages and a random session token; the ``web_sessions``
row holds the log-in itself. Ending the row ends the log-in everywhere: logout, a password
change or reset, and deactivation delete rows, so a copied cookie is then worth nothing. A
session ends after ``session.idle_minutes`` without a request and ``session.hours`` after the
log-in, whatever happens.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from starlette.requests import Request

from config.settings import SessionSettings, Settings, SettingsError
from config.system_errors import os_reason
from storage.models import User, WebSession

log = logging.getLogger(__name__)

SECRET_FILE = "session_secret"
TOUCH_EVERY = timedelta(seconds=60)
"""last_seen_at is written at most this often (a page with images makes many requests)."""


def session_secret(settings: Settings) -> str:
    """The configured secret, else one generated once and kept under the data directory."""
    if settings.web.session_secret is not None:
        return settings.web.session_secret.get_secret_value()
    path = Path(settings.data_dir) / SECRET_FILE
    try:
        if path.is_file():
            return path.read_text(encoding="ascii").strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret)
    except OSError as exc:
        raise SettingsError(
            f"Sessionsnyckeln kan inte sparas i {path} ({os_reason(exc)}): gör DATA_DIR "
            f"skrivbar eller sätt GRANT_INTAKE_WEB__SESSION_SECRET") from exc
    log.info("session_secret_created path=%s", path)
    return secret


def now() -> datetime:
    """The time, read through time.time() (tests move the clock there)."""
    return datetime.fromtimestamp(time.time(), UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


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


def client_address(request: Request) -> str:
    return request.client.host if request.client else "okänd"


def log_in(request: Request, db: Session, user: User) -> None:
    """A fresh session for the user (no commit): a new row, a new token, a new CSRF token."""
    token = secrets.token_urlsafe(32)
    stamp = now()
    db.add(WebSession(token_hash=_hash(token), user_id=user.id, created_at=stamp,
                      last_seen_at=stamp, client=client_address(request)[:100]))
    request.session.clear()
    request.session.update(sid=token, csrf=secrets.token_urlsafe(32))


def log_out(request: Request, db: Session) -> None:
    """End this browser's session (commits)."""
    token = request.session.get("sid")
    if token:
        db.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))
        db.commit()
    request.session.clear()


def _expired(row: WebSession, rules: SessionSettings, at: datetime) -> bool:
    return (at - row.created_at > timedelta(hours=rules.hours)
            or at - row.last_seen_at > timedelta(minutes=rules.idle_minutes))


def session_user(request: Request, db: Session, rules: SessionSettings) -> tuple[User | None, bool]:
    """(user, expired): the active user of this browser's live session, else (None, whether a
    session had been there and has ended). Commits when it touches or ends a row."""
    token = request.session.get("sid")
    if not token:
        return None, False
    row = db.scalar(select(WebSession).where(WebSession.token_hash == _hash(token)))
    at = now()
    user = db.get(User, row.user_id) if row is not None else None
    if row is None or user is None or not user.active or _expired(row, rules, at):
        if row is not None:
            db.delete(row)
            db.commit()
        request.session.clear()
        return None, True
    if at - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = at
        db.commit()
    return user, False


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session["flash"] = [*request.session.get("flash", []), [kind, message]]


def pop_flashes(request: Request) -> list[list[str]]:
    return request.session.pop("flash", [])
