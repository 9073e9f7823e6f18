"""The review desk's FastAPI application."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.sessions import SessionMiddleware

from config.programs import ProgramCatalog, default_programs
from config.settings import Settings
from storage.originals import OriginalStore
from webui.accounts import ROLE_NAMES, role_allows
from webui.errors import install_error_handlers
from webui.middleware import BodyLimit, SecurityHeaders
from webui.page_renderer import PageRenderer
from webui.present import install_filters
from webui.recheck_view import recheck_status
from webui.routes import (
    allocations,
    api,
    api_documents,
    auth,
    cases,
    document_list,
    documents,
    expected,
    health,
    organisations,
    users,
)
from webui.sessions import csrf_token, pop_flashes, session_secret
from webui.throttle import LoginThrottle

HERE = Path(__file__).parent
SESSION_COOKIE = "grant_intake_session"


def _page_context(request: Request) -> dict:
    user = getattr(request.state, "user", None)
    return {
        "user": user,
        "role_name": ROLE_NAMES.get(user.role, "") if user else "",
        "may": (lambda role: user is not None and role_allows(user.role, role)),
        "csrf_token": csrf_token(request),
        "flashes": pop_flashes(request) if user else [],
        "recheck": (lambda: recheck_status(request.app.state.session_factory)) if user else None,
    }


UPLOAD_PREFIXES = ("/allocations/",)
"""Paths that take a file upload: they get web.max_upload_bytes instead of web.max_body_bytes."""


class DeskApp(FastAPI):
    """FastAPI with the body limit and the security headers outside Starlette's own error
    middleware, so that a 500 carries the headers too."""

    def build_middleware_stack(self):
        web = self.state.settings.web
        app = BodyLimit(super().build_middleware_stack(), web.max_body_bytes,
                        web.max_upload_bytes, UPLOAD_PREFIXES)
        return SecurityHeaders(app, hsts=self.state.settings.session.secure_cookie)


def create_app(settings: Settings, session_factory: sessionmaker[Session],
               store: OriginalStore, programs: ProgramCatalog | None = None) -> FastAPI:
    """The web UI and API over ``session_factory``'s database and ``store``'s originals."""
    app = DeskApp(
        title="grant-intake: registraturens granskning",
        description="Ärenden (flaggor), dokument och fördelningslistor som JSON. "
                    "Kräver inloggning (sessionscookie från /login).",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    secret = session_secret(settings)
    templates = Jinja2Templates(directory=HERE / "templates", context_processors=[_page_context])
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.store = store
    app.state.programs = programs or default_programs()
    install_filters(templates.env, app.state.programs)
    app.state.templates = templates
    app.state.secret = secret
    app.state.page_renderer = PageRenderer(max_pixels=settings.limits.max_pixels)

    app.state.login_throttle = LoginThrottle(
        settings.web.login_failures_per_account, settings.web.login_failures_per_client,
        settings.web.login_window_minutes * 60)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie=SESSION_COOKIE,
                       max_age=None, same_site="lax", https_only=settings.session.secure_cookie)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth, cases, document_list, documents, organisations, expected, allocations,
                   users, api, api_documents, health):
        app.include_router(module.router)
    app.include_router(expected.api_router)
    return app
