"""Request dependencies: a database session, the logged-in user, role checks, CSRF."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from storage.models import User
from webui.accounts import ROLE_NAMES, role_allows
from webui.errors import NotAuthenticated, PageError
from webui.sessions import csrf_valid, session_user

CSRF_MISSING = "Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen."


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request, db: Db) -> User:
    user, expired = session_user(request, db, request.app.state.settings.session)
    if user is None:
        raise NotAuthenticated(expired=expired)
    request.state.user = user
    return user


def require(role: str) -> Callable[..., User]:
    """A dependency giving the user when their role allows ``role``'s work, else 403."""

    def dependency(user: Annotated[User, Depends(current_user)]) -> User:
        if not role_allows(user.role, role):
            mine = ROLE_NAMES.get(user.role, user.role).lower()
            raise PageError(403, f"Sidan kräver rollen {ROLE_NAMES[role].lower()}; "
                                 f"du är inloggad som {mine}.")
        return user

    return dependency


CurrentUser = Annotated[User, Depends(current_user)]
Registrator = Annotated[User, Depends(require("registrator"))]
Handlaggare = Annotated[User, Depends(require("handlaggare"))]
Admin = Annotated[User, Depends(require("admin"))]


async def verify_csrf(request: Request) -> None:
    """Every form post carries the session's token in ``csrf_token``; 403 otherwise."""
    form = await request.form()
    token = form.get("csrf_token")
    if not csrf_valid(request, token if isinstance(token, str) else None):
        raise PageError(403, CSRF_MISSING)


Csrf = Depends(verify_csrf)
