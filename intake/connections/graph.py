"""Microsoft Graph for one mailbox, app-only: every call under ``GRAPH_URL/users/{email}``.

Throttling (``429``) and a busy service (``503``) are waited out as ``Retry-After`` says, within
``max_wait`` seconds per call, so a throttled poll does not run into the next one; an expired
token (``401 InvalidAuthenticationToken``) is renewed once. Anything else is a GraphError with
Graph's own code ("ErrorAccessDenied", "ErrorInvalidUser" …) for the caller to explain.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from config.settings import MailboxSettings
from intake.connections.tls import http_session
from intake.connections.tokens import AppTokens, scope_for
from intake.sources.base import SourceError

log = logging.getLogger(__name__)

RETRIED = (429, 503)
DEFAULT_RETRY_SECONDS = 2.0
"""When a 429 or 503 names no Retry-After."""
MAX_RETRIES = 10
"""429s and 503s waited out per call, whatever Retry-After says."""


class GraphError(SourceError):
    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def _error_of(response: requests.Response) -> tuple[str | None, str]:
    """Graph's error code and message from ``{"error": {"code": …, "message": …}}``."""
    try:
        error = response.json().get("error") or {}
    except ValueError:
        return None, response.text[:200] or response.reason
    if not isinstance(error, dict):
        return None, str(error)[:200]
    return error.get("code"), error.get("message") or ""


def _retry_after(response: requests.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return DEFAULT_RETRY_SECONDS


class GraphMailbox:
    def __init__(self, settings: MailboxSettings, *, max_wait: float = 60.0) -> None:
        self.settings = settings
        self.max_wait = max_wait
        self.session = http_session(settings.ca_bundle)
        self.tokens = AppTokens(settings, scope_for(settings.graph_url), self.session)
        mailbox = quote(settings.email or "", safe="@")
        self.base = f"{settings.graph_url.rstrip('/')}/users/{mailbox}"
        self.waited = 0.0
        """Seconds spent waiting out 429/503, for the logs and tests."""

    def url(self, path: str) -> str:
        """``path`` under the mailbox, or a link Graph gave (``@odata.nextLink``), which must
        stay on Graph's host: the token goes with it."""
        if not path.startswith(("https://", "http://")):
            return self.base + path
        if urlsplit(path).netloc != urlsplit(self.settings.graph_url).netloc:
            raise GraphError(f"Microsoft Graph länkade utanför {self.settings.graph_url}: {path[:80]}")
        return path

    def request(self, method: str, path: str, *, ok: tuple[int, ...] = (200,),
                **kwargs: Any) -> requests.Response:
        url = self.url(path)
        budget = self.max_wait
        retries = 0
        renewed = False
        extra = kwargs.pop("headers", {})
        token = self.tokens.token()
        while True:
            headers = {**extra, "Authorization": f"Bearer {token}"}
            try:
                response = self.session.request(method, url, headers=headers,
                                                timeout=self.settings.timeout_seconds, **kwargs)
            except requests.RequestException as exc:
                raise GraphError(f"Microsoft Graph ({self.settings.graph_url}) kan inte nås: "
                                 f"{exc}") from exc
            if response.status_code in ok:
                return response
            code, message = _error_of(response)
            if response.status_code in RETRIED:
                wait = _retry_after(response)
                retries += 1
                if wait > budget or retries > MAX_RETRIES:
                    why = (f"ber oss vänta {wait:.0f} s" if wait > budget
                           else f"även efter {MAX_RETRIES} försök")
                    raise GraphError(f"Microsoft Graph svarar {response.status_code} ({code}) och {why}; "
                                     "försöker vid nästa hämtning", response.status_code, code)
                log.info("graph: %s %s answered %d, waiting %.1f s", method, path[:80],
                         response.status_code, wait)
                time.sleep(wait)
                budget -= wait
                self.waited += wait
                continue
            if response.status_code == 401 and code == "InvalidAuthenticationToken" and not renewed:
                log.info("graph: token refused (%s), renewing", message)
                token, renewed = self.tokens.renew(), True
                continue
            raise GraphError(f"Microsoft Graph {method} {path.split('?')[0][:120]}: "
                             f"{response.status_code} {code}: {message}", response.status_code, code)

    def get(self, path: str, **params: Any) -> dict:
        return self.request("GET", path, params=params or None).json()

    def post(self, path: str, body: dict, ok: tuple[int, ...] = (200, 201)) -> dict:
        return self.request("POST", path, json=body, ok=ok).json()

    def pages(self, path: str, **params: Any) -> Iterator[list[dict]]:
        """Each page's ``value``, following ``@odata.nextLink`` (which carries the query)."""
        page = self.get(path, **params)
        while True:
            yield page.get("value", [])
            link = page.get("@odata.nextLink")
            if not link:
                return
            page = self.get(link)

    def close(self) -> None:
        self.session.close()
