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
from webui.page_renderer import PageRenderer
from webui.present import install_filters
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
    }


async def _security_headers(request: Request, call_next):
    response = await call_next(request)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "form-action 'self'; frame-ancestors 'none'")
    return response


def create_app(settings: Settings, session_factory: sessionmaker[Session],
               store: OriginalStore, programs: ProgramCatalog | None = None) -> FastAPI:
    """The web UI and API over ``session_factory``'s database and ``store``'s originals."""
    app = FastAPI(
        title="grant-intake: registraturens granskning",
        description="Ärenden (flaggor), dokument och fördelningslistor som JSON. "
                    "Kräver inloggning (sessionscookie från /login).",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    secret = session_secret(settings)
    templates = Jinja2Templates(directory=HERE / "templates", context_processors=[_page_context])
    install_filters(templates.env)
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.store = store
    app.state.programs = programs or default_programs()
    app.state.templates = templates
    app.state.secret = secret
    app.state.page_renderer = PageRenderer(max_pixels=settings.limits.max_pixels)

    app.middleware("http")(_security_headers)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie=SESSION_COOKIE,
                       max_age=None, same_site="lax", https_only=False)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth, cases, document_list, documents, organisations, expected, allocations,
                   users, api, api_documents, health):
        app.include_router(module.router)
    app.include_router(expected.api_router)
    return app
