"""The case list and resolving or dismissing a case."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from storage.cases import case_counts, list_cases
from storage.models import AuditEntry, FlagRow
from validators.codes import SEVERITY
from webui.case_filters import FILTER_KEYS, SEVERITIES, parse_case_filter
from webui.deps import Csrf, Db, Registrator
from webui.errors import PageError
from webui.routes.documents import render_document
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

CASE_NOT_FOUND = "Ärendet finns inte."
COMMENT_REQUIRED = "Skriv en kommentar: den sparas i loggen tillsammans med beslutet."


@router.get("/")
def home(user: Registrator) -> Response:
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
def case_list(request: Request, db: Db, user: Registrator) -> Response:
    f, errors = parse_case_filter(request.query_params)
    cases = list_cases(db, f)
    counts = case_counts(db, replace(f, status=None))
    params = {k: request.query_params.get(k, "") for k in FILTER_KEYS}
    return request.app.state.templates.TemplateResponse(request, "cases.html", {
        "cases": cases, "counts": counts, "filter": f, "params": params, "errors": errors,
        "codes": sorted(SEVERITY), "severities": SEVERITIES,
        "programs": list(request.app.state.programs.programs),
    }, status_code=400 if errors else 200)


def load_flag(db: Session, flag_id: int) -> FlagRow:
    flag = db.get(FlagRow, flag_id)
    if flag is None:
        raise PageError(404, CASE_NOT_FOUND)
    return flag


@router.get("/cases/{flag_id:int}")
def case_page(db: Db, user: Registrator, flag_id: int) -> Response:
    flag = load_flag(db, flag_id)
    return RedirectResponse(f"/documents/{flag.document_pk}#case-{flag.id}", status_code=303)


@router.post("/cases/{flag_id:int}/close")
def close_case(request: Request, db: Db, user: Registrator, flag_id: int,
               action: Annotated[str, Form()] = "", comment: Annotated[str, Form()] = "",
               _csrf: None = Csrf) -> Response:
    """Resolve (the discrepancy is handled) or dismiss (it was not one); both need a comment."""
    flag = load_flag(db, flag_id)
    if action not in ("resolve", "dismiss"):
        raise PageError(400, "Välj om ärendet ska lösas eller avfärdas.")
    comment = comment.strip()
    if not comment:
        return render_document(request, db, flag.document, status_code=422,
                               error=COMMENT_REQUIRED, form={"case": flag.id})
    if flag.status != "open":
        raise PageError(409, "Ärendet är redan avslutat.")
    new_status = "resolved" if action == "resolve" else "dismissed"
    flag.status, flag.comment = new_status, comment[:5000]
    flag.resolved_by, flag.resolved_at = user.username, datetime.now(UTC)
    db.add(AuditEntry(actor=user.username, action=f"flag_{action}", entity="flag",
                      entity_id=str(flag.id), field="status", old_value="open",
                      new_value=new_status, comment=flag.comment))
    db.commit()
    log.info("case_closed id=%s status=%s user=%s", flag.id, new_status, user.username)
    flash(request, "Ärendet är löst." if action == "resolve" else "Ärendet är avfärdat.")
    return RedirectResponse(f"/documents/{flag.document_pk}#case-{flag.id}", status_code=303)
