"""Documents by filter and full-text search as JSON, as the document list shows them."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from intake.records import document_record
from storage.search import count_documents, search_documents
from webui.deps import Db, Registrator
from webui.document_filters import parse_document_filter
from webui.errors import PageError
from webui.organisation_view import build_organisation_view

router = APIRouter(prefix="/api", tags=["api"])

PER_PAGE = 50
Text = Annotated[str | None, Query()]


@router.get("/documents", summary="Dokument, nyast först, med filter och fritextsökning")
def documents(request: Request, db: Db, user: Registrator,
              q: Annotated[str | None, Query(description="ord ur sidtext, avsändare, ämne, "
                                                         "diarienummer eller organisation")] = None,
              document_type: Annotated[str | None, Query(
                  description="requisition, return_report, decision, instruction, other")] = None,
              program: Text = None, grant_year: Text = None,
              organisation: Annotated[str | None, Query(description="namn eller SCB-kod")] = None,
              status: Annotated[str | None, Query(
                  description="processed, unreadable, no_document eller flagged")] = None,
              received_from: Annotated[str | None, Query(description="ÅÅÅÅ-MM-DD")] = None,
              received_to: Annotated[str | None, Query(description="ÅÅÅÅ-MM-DD")] = None,
              page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> dict[str, Any]:
    params = {k: v for k, v in locals().items()
              if k not in ("request", "db", "user", "page") and isinstance(v, str)}
    f, errors = parse_document_filter(params, tuple(request.app.state.programs.programs))
    if errors:
        raise PageError(400, " ".join(errors))
    hits = search_documents(db, f, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    return {
        "total": count_documents(db, f), "page": page, "per_page": PER_PAGE,
        "documents": [{**document_record(h.document), "open_flags": h.open_flags,
                       "match": {"page": h.page, "text": h.snippet} if h.page else None}
                      for h in hits],
    }


@router.get("/organisations/{code}", summary="En organisation: belopp per statsbidrag och år")
def organisation(db: Db, user: Registrator, code: str) -> dict[str, Any]:
    view = build_organisation_view(db, code)
    if view is None:
        raise PageError(404, "Organisationen finns inte.")
    return {
        "code": view.code, "name": view.name, "kind": view.kind,
        "figures": [{"program": f.program, "grant_year": f.grant_year,
                     "allocation": f.allocation, "requested": f.requested,
                     "decided": f.decided, "received": f.received, "used": f.used,
                     "unused": f.unused, "repaid": f.repaid, "documents": f.documents}
                    for f in view.figures],
        "documents": [d.id for d in view.documents],
        "open_cases": view.open_cases,
    }
