"""/health: the database state and the last successful mailbox poll, for monitoring.

Open without log-in: it tells nothing about cases, only whether the service works.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from storage.models import SourceState

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@router.get("/health", summary="Databasens tillstånd och senaste lyckade hämtning")
def health(request: Request) -> JSONResponse:
    body: dict[str, Any] = {"status": "ok", "database": "ok", "last_successful_poll": None,
                            "sources": []}
    try:
        with request.app.state.session_factory() as db:
            db.execute(text("select 1"))
            states = list(db.scalars(select(SourceState).order_by(SourceState.source)))
    except SQLAlchemyError as exc:
        log.error("health_database_error error=%s", exc.__class__.__name__)
        body.update(status="error", database=f"fel: {exc.__class__.__name__}")
        return JSONResponse(body, status_code=503)
    successes = [s.last_success_at for s in states if s.last_success_at]
    body["last_successful_poll"] = _iso(max(successes)) if successes else None
    body["sources"] = [
        {"source": s.source, "last_poll_at": _iso(s.last_poll_at),
         "last_success_at": _iso(s.last_success_at), "last_error": s.last_error,
         "last_error_at": _iso(s.last_error_at), "failures": s.failures, "backlog": s.backlog}
        for s in states]
    if any(s.failures for s in states):
        body["status"] = "degraded"
    return JSONResponse(body)
