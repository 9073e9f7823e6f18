"""Errors a request can end in, answered as a Swedish page or, under /api/, as JSON."""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException


log = logging.getLogger(__name__)


class NotAuthenticated(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "anonymous")
        self.expired = expired


class PageError(Exception):
    """A request that cannot be served: status code and a Swedish message for the user."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code, self.message = status_code, message


MESSAGES = {
    400: "Begäran kunde inte tolkas.",
    401: "Du måste logga in.",
    403: "Du har inte behörighet till den här sidan.",
    404: "Sidan finns inte.",
    405: "Metoden stöds inte för den här adressen.",
    413: "Filen är för stor.",
    422: "Uppgifterna i begäran är inte giltiga.",
    500: "Ett oväntat fel inträffade. Försök igen; kvarstår felet, kontakta administratören.",
}
SESSION_EXPIRED = "Din session har gått ut. Logga in igen."
LOGIN_REQUIRED = "Du måste logga in."


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status_code: int, message: str) -> Response:
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status_code)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status_code": status_code, "message": message},
        status_code=status_code)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def _not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if is_api(request):
            return JSONResponse({"detail": SESSION_EXPIRED if exc.expired else LOGIN_REQUIRED},
                                status_code=401)
        query = {"next": request.url.path + (f"?{request.url.query}" if request.url.query else "")}
        if exc.expired:
            query["expired"] = "1"
        return RedirectResponse(f"/login?{urlencode(query)}", status_code=303)

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> Response:
        return error_response(request, exc.status_code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) and exc.detail not in (
            "Not Found", "Method Not Allowed") else MESSAGES.get(exc.status_code, "Fel.")
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception) -> Response:
        log.error("request failed: %s %s: %s: %s", request.method, request.url.path,
                  type(exc).__name__, exc, exc_info=exc)
        return error_response(request, 500, MESSAGES[500])

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = sorted({".".join(str(p) for p in e["loc"][1:]) for e in exc.errors()})
        return error_response(request, 422, f"{MESSAGES[422]} Kontrollera: {', '.join(fields)}.")
