"""Log-in (throttled, failures audited), log-out, and changing one's own password."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from webui.accounts import AccountError, authenticate, record_failed_login, set_password
from webui.deps import Csrf, CurrentUser, Db
from webui.errors import SESSION_EXPIRED
from webui.sessions import client_address, flash, log_in, log_out

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

WRONG_PASSWORD = "Fel användarnamn eller lösenord."


def safe_next(target: str | None) -> str:
    """Only a local path may be the target after log-in (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/cases"


def _login_page(request: Request, *, next: str | None, error: str | None, username: str = "",
                status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, "login.html", {"next": safe_next(next), "error": error, "username": username},
        status_code=status_code, headers=headers)


def _minutes(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return "1 minut" if minutes == 1 else f"{minutes} minuter"


@router.get("/login")
def login_page(request: Request, next: str | None = None, expired: str | None = None) -> Response:
    return _login_page(request, next=next, error=SESSION_EXPIRED if expired else None)


@router.post("/login", dependencies=[Csrf])
def login(request: Request, db: Db, username: Annotated[str, Form(max_length=100)] = "",
          password: Annotated[str, Form(max_length=1000)] = "",
          next: Annotated[str, Form()] = "/cases") -> Response:
    throttle = request.app.state.login_throttle
    client = client_address(request)
    wait = throttle.wait_seconds(username, client)
    if wait:
        log.warning("login_throttled username=%s client=%s wait=%s", username[:100], client, wait)
        return _login_page(
            request, next=next, username=username, status_code=429,
            headers={"Retry-After": str(wait)},
            error=f"För många misslyckade inloggningar. Försök igen om {_minutes(wait)}.")
    user = authenticate(db, username, password)
    if user is None:
        throttle.failed(username, client)
        record_failed_login(db, username, client)
        db.commit()
        log.info("login_failed username=%s client=%s", username[:100], client)
        return _login_page(request, next=next, error=WRONG_PASSWORD, username=username,
                           status_code=401)
    throttle.succeeded(username)
    log_in(request, db, user)
    db.commit()
    log.info("login user=%s client=%s", user.username, client)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, db: Db) -> Response:
    log_out(request, db)
    return RedirectResponse("/login", status_code=303)


def _password_page(request: Request, *, error: str | None = None,
                   status_code: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, "password.html", {"error": error}, status_code=status_code)


@router.get("/account/password")
def password_page(request: Request, user: CurrentUser) -> Response:
    return _password_page(request)


@router.post("/account/password")
def change_password(request: Request, db: Db, user: CurrentUser,
                    current: Annotated[str, Form(max_length=1000)] = "",
                    new: Annotated[str, Form(max_length=1000)] = "",
                    repeat: Annotated[str, Form(max_length=1000)] = "",
                    _csrf: None = Csrf) -> Response:
    """A new password for oneself: every other session of the user ends, this one is renewed."""
    if authenticate(db, user.username, current) is None:
        return _password_page(request, status_code=422, error="Nuvarande lösenord stämmer inte.")
    if new != repeat:
        return _password_page(request, status_code=422, error="De två nya lösenorden skiljer sig.")
    try:
        set_password(db, user, new, actor=user.username)
    except AccountError as exc:
        db.rollback()
        return _password_page(request, status_code=422, error=str(exc))
    log_in(request, db, user)
    db.commit()
    log.info("password_changed user=%s", user.username)
    flash(request, "Ditt lösenord är bytt.")
    return RedirectResponse("/cases", status_code=303)
