"""The same data as JSON under /api/, for scripts and integrations (read only)."""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from intake.records import document_record
from storage.cases import case_counts, case_record, list_cases
from storage.models import Document, FlagRow
from webui.accounts import ROLE_NAMES
from webui.allocation_views import allocation_overview
from webui.case_filters import parse_case_filter
from webui.deps import Db, Handlaggare, Registrator
from webui.errors import PageError

router = APIRouter(prefix="/api", tags=["api"])

Text = Annotated[str | None, Query()]


@router.get("/me", summary="Den inloggade användaren")
def me(user: Registrator) -> dict[str, Any]:
    return {"username": user.username, "role": user.role, "role_name": ROLE_NAMES[user.role]}


@router.get("/cases", summary="Ärenden (flaggor), äldst först")
def cases(request: Request, db: Db, user: Registrator,
          status: Annotated[str | None,
                            Query(description="open, resolved, dismissed eller all")] = None,
          severity: Annotated[str | None, Query(description="error, warning, info, review")] = None,
          code: Annotated[str | None, Query(description="avvikelsekod, t.ex. LATE_REPORT")] = None,
          program: Text = None, grant_year: Text = None,
          org_code: Annotated[str | None, Query(description="SCB-kod")] = None,
          received_from: Annotated[str | None, Query(description="ÅÅÅÅ-MM-DD")] = None,
          received_to: Annotated[str | None, Query(description="ÅÅÅÅ-MM-DD")] = None,
          ) -> dict[str, Any]:
    params = {k: v for k, v in locals().items()
              if k not in ("request", "db", "user") and isinstance(v, str)}
    f, errors = parse_case_filter(params)
    if errors:
        raise PageError(400, " ".join(errors))
    return {"counts": case_counts(db, replace(f, status=None)),
            "cases": [case_record(flag) for flag in list_cases(db, f)]}


@router.get("/cases/{flag_id}", summary="Ett ärende")
def case(db: Db, user: Registrator, flag_id: int) -> dict[str, Any]:
    flag = db.get(FlagRow, flag_id)
    if flag is None:
        raise PageError(404, "Ärendet finns inte.")
    return case_record(flag)


@router.get("/documents/{doc_id}", summary="Ett dokument: värden, belägg och flaggor")
def document(db: Db, user: Registrator, doc_id: int) -> dict[str, Any]:
    doc = db.get(Document, doc_id)
    if doc is None:
        raise PageError(404, "Dokumentet finns inte.")
    record = document_record(doc)
    record["cases"] = [case_record(flag) for flag in doc.flags]
    return record


@router.get("/allocations", summary="Fördelningslistan med rekvirerade belopp")
def allocations(db: Db, user: Handlaggare) -> dict[str, Any]:
    return {"program_years": [
        {"program": g.program, "grant_year": g.grant_year, "total": g.total,
         "requisitioned": g.requisitioned,
         "rows": [{"recipient_code": line.row.recipient_code,
                   "recipient_name": line.row.recipient_name,
                   "amount_sek": line.row.amount_sek,
                   "municipal_share_min_percent": line.row.municipal_share_min_percent,
                   "requisitioned": line.requisitioned, "requisitions": line.documents,
                   "remaining": line.remaining} for line in g.lines]}
        for g in allocation_overview(db)]}
