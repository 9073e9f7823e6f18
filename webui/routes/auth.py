"""Log-in and log-out."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from webui.accounts import authenticate
from webui.deps import Csrf, Db
from webui.errors import SESSION_EXPIRED
from webui.sessions import log_in, log_out

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

WRONG_PASSWORD = "Fel användarnamn eller lösenord."


def safe_next(target: str | None) -> str:
    """Only a local path may be the target after log-in (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/cases"


@router.get("/login")
def login_page(request: Request, next: str | None = None, expired: str | None = None) -> Response:
    message = SESSION_EXPIRED if expired else None
    return request.app.state.templates.TemplateResponse(
        request, "login.html", {"next": safe_next(next), "error": message, "username": ""},
        status_code=200)


@router.post("/login", dependencies=[Csrf])
def login(request: Request, db: Db, username: Annotated[str, Form(max_length=100)] = "",
          password: Annotated[str, Form(max_length=1000)] = "",
          next: Annotated[str, Form()] = "/cases") -> Response:
    user = authenticate(db, username, password)
    if user is None:
        log.info("login_failed username=%s", username[:100])
        return request.app.state.templates.TemplateResponse(
            request, "login.html", {"next": safe_next(next), "error": WRONG_PASSWORD,
                                    "username": username}, status_code=401)
    db.commit()
    log_in(request, user.id)
    log.info("login user=%s", user.username)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request) -> Response:
    log_out(request)
    return RedirectResponse("/login", status_code=303)
