"""User accounts (admin) and the audit log."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, User
from webui.accounts import (
    ROLE_NAMES,
    ROLES,
    AccountError,
    create_user,
    list_users,
    new_password,
    set_password,
    set_user_state,
)
from webui.deps import Admin, Csrf, Db, Handlaggare
from webui.errors import PageError
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

AUDIT_PAGE = 200


def _users_page(request: Request, db: Session, *, status_code: int = 200, error: str | None = None,
                form: dict | None = None, reset: tuple[str, str] | None = None) -> Response:
    return request.app.state.templates.TemplateResponse(request, "users.html", {
        "users": list_users(db), "roles": ROLES, "role_names": ROLE_NAMES, "error": error,
        "form": form or {}, "reset": reset}, status_code=status_code)


@router.get("/users")
def users(request: Request, db: Db, user: Admin) -> Response:
    return _users_page(request, db)


@router.post("/users")
def add_user(request: Request, db: Db, user: Admin, username: Annotated[str, Form()] = "",
             role: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
             _csrf: None = Csrf) -> Response:
    try:
        create_user(db, username, role, password, actor=user.username)
    except AccountError as exc:
        db.rollback()
        return _users_page(request, db, status_code=422, error=str(exc),
                           form={"username": username, "role": role})
    db.commit()
    log.info("user_added username=%s role=%s by=%s", username, role, user.username)
    flash(request, f"Användaren {username.strip()} är skapad.")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id:int}")
def change_user(request: Request, db: Db, user: Admin, user_id: int,
                role: Annotated[str, Form()] = "", active: Annotated[str, Form()] = "",
                _csrf: None = Csrf) -> Response:
    target = db.get(User, user_id)
    if target is None:
        raise PageError(404, "Användaren finns inte.")
    if target.id == user.id and (active == "false" or (role and role != "admin")):
        return _users_page(request, db, status_code=422,
                           error="Du kan inte ta bort din egen administratörsbehörighet.")
    try:
        set_user_state(db, target, role=role or None,
                       active={"true": True, "false": False}.get(active), actor=user.username)
    except AccountError as exc:
        return _users_page(request, db, status_code=422, error=str(exc))
    db.commit()
    flash(request, f"Användaren {target.username} är ändrad.")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id:int}/password")
def reset_password(request: Request, db: Db, user: Admin, user_id: int,
                   _csrf: None = Csrf) -> Response:
    """A new random password for a user, shown to the administrator once; the user's sessions
    end. The page is answered directly, so the password is in no cookie and no redirect."""
    target = db.get(User, user_id)
    if target is None:
        raise PageError(404, "Användaren finns inte.")
    if target.id == user.id:
        return _users_page(request, db, status_code=422,
                           error="Ditt eget lösenord byter du under ditt namn uppe till höger.")
    password = new_password()
    set_password(db, target, password, actor=user.username)
    db.commit()
    log.info("password_reset username=%s by=%s", target.username, user.username)
    response = _users_page(request, db, reset=(target.username, password))
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/audit")
def audit_log(request: Request, db: Db, user: Handlaggare) -> Response:
    entries = db.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                         .limit(AUDIT_PAGE))
    return request.app.state.templates.TemplateResponse(request, "audit.html", {
        "entries": list(entries)})
