"""Pure ASGI wrappers around the whole application, outside Starlette's error handling, so
that they hold for every answer, a 500 included: request bodies capped before anything parses
them (and before anyone is logged in), and the security headers."""
from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "Begäran är för stor (högst {limit})."


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body over ``limit`` bytes (``upload_limit`` under ``upload_prefixes``)
    with 413: at once when Content-Length says so, else as soon as the bytes read pass it."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int,
                 upload_prefixes: Iterable[str]) -> None:
        self.app, self.limit, self.upload_limit = app, limit, upload_limit
        self.upload_prefixes = tuple(upload_prefixes)

    def _limit_for(self, path: str) -> int:
        return self.upload_limit if path.startswith(self.upload_prefixes) else self.limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(send, limit)
            return
        state = {"read": 0, "exceeded": False, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > limit:
                    state["exceeded"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["exceeded"]:
                return  # whatever the application answers to the cut-off body is replaced
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not state["exceeded"] or state["started"]:
                raise
        if state["exceeded"] and not state["started"]:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = TOO_LARGE.format(limit=_size(limit)).encode("utf-8")
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"


class SecurityHeaders:
    """The security headers on every answer the application gives (HSTS behind HTTPS)."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app = app
        headers = dict(SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if hsts else {}))
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                        for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in self.headers if k not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)
