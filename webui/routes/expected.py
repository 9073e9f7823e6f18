"""Expected documents in the desk: what has not arrived, what must be repaid, what is coming.

The cases are kept by the daily job and the pipeline (storage.expectations); here a person
marks a repayment as received, dismisses an expectation that does not apply, or runs the
check at once. Every change is audited.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.expectations import (
    EXPECTATION_STATUSES,
    ExpectationError,
    ExpectationFilter,
    dismiss_expectation,
    expectation_facts,
    expectation_record,
    list_expectations,
    mark_repaid,
    refresh_expectations,
    today_in_sweden,
)
from storage.models import ExpectationRow
from validators.expected import EXPECTATION_SEVERITY, EXPECTATION_TEXT
from validators.rules.expected import UPCOMING_DAYS, upcoming_deadlines
from webui.deps import Csrf, Db, Registrator
from webui.errors import PageError
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

NOT_FOUND = "Den förväntade handlingen finns inte."
COMMENT_REQUIRED = "Skriv en kommentar: den sparas i loggen tillsammans med ändringen."
_KRONOR = re.compile(r"^\d{1,12}$")


def _counts(db: Session) -> dict[str, int]:
    counts = dict.fromkeys(EXPECTATION_STATUSES, 0)
    counts.update(dict(db.execute(select(ExpectationRow.status, func.count(ExpectationRow.id))
                                  .group_by(ExpectationRow.status)).all()))
    return counts


def _page(request: Request, db: Db, *, status: str = "open", code: str = "", program: str = "",
          error: str | None = None, form: dict | None = None, status_code: int = 200) -> Response:
    programs = request.app.state.programs
    status = status if status in (*EXPECTATION_STATUSES, "all") else "open"
    rows = list_expectations(db, ExpectationFilter(
        status=None if status == "all" else status, code=code or None,
        program=program or None))
    today = today_in_sweden()
    return request.app.state.templates.TemplateResponse(request, "expected.html", {
        "rows": rows, "counts": _counts(db), "status": status, "code": code,
        "program": program, "codes": list(EXPECTATION_SEVERITY), "texts": EXPECTATION_TEXT,
        "programs": list(programs.programs), "today": today, "days": UPCOMING_DAYS,
        "upcoming": upcoming_deadlines(expectation_facts(db, programs), today),
        "error": error, "form": form or {},
    }, status_code=status_code)


@router.get("/expected")
def expected_page(request: Request, db: Db, user: Registrator, status: str = "open",
                  code: str = "", program: str = "") -> Response:
    return _page(request, db, status=status, code=code, program=program)


def _load(db: Session, case_id: int) -> ExpectationRow:
    row = db.get(ExpectationRow, case_id)
    if row is None:
        raise PageError(404, NOT_FOUND)
    return row


def _back(case_id: int) -> RedirectResponse:
    return RedirectResponse(f"/expected?status=all#forvantad-{case_id}", status_code=303)


def _kronor(text: str) -> int | None:
    cleaned = re.sub(r"[\s\u00a0]|kr$", "", text.strip().lower())
    return int(cleaned) if _KRONOR.match(cleaned) else None


@router.post("/expected/{case_id:int}/repaid")
def repayment_received(request: Request, db: Db, user: Registrator, case_id: int,
                       amount: Annotated[str, Form()] = "", paid_on: Annotated[str, Form()] = "",
                       comment: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    """Record money paid back: amount in whole kronor, the day it came, a comment."""
    row = _load(db, case_id)
    form = {"case": case_id, "amount": amount, "paid_on": paid_on, "comment": comment}
    kronor = _kronor(amount)
    try:
        day = date.fromisoformat(paid_on.strip())
    except ValueError:
        day = None
    problem = None
    if kronor is None or kronor <= 0:
        problem = "Skriv beloppet i hela kronor, till exempel 53 000."
    elif day is None:
        problem = "Skriv dagen då pengarna kom in, ÅÅÅÅ-MM-DD."
    elif day > today_in_sweden():
        problem = "Dagen då pengarna kom in kan inte ligga i framtiden."
    elif not comment.strip():
        problem = COMMENT_REQUIRED
    if problem is None:
        try:
            mark_repaid(db, row, kronor, day, comment.strip()[:5000], user.username)
        except ExpectationError as exc:
            problem = str(exc)
    if problem is not None:
        db.rollback()
        return _page(request, db, status="all", error=problem, form=form, status_code=422)
    refresh_expectations(db, request.app.state.programs)
    db.commit()
    log.info("repayment_received id=%s amount=%s user=%s", row.id, kronor, user.username)
    flash(request, "Återbetalningen är registrerad." if row.status == "resolved" else
          "Delbetalningen är registrerad; resten är fortfarande öppen.")
    return _back(row.id)


@router.post("/expected/{case_id:int}/dismiss")
def dismiss(request: Request, db: Db, user: Registrator, case_id: int,
            comment: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    """Not expected after all (the organisation declined the grant, say); needs a comment."""
    row = _load(db, case_id)
    if not comment.strip():
        return _page(request, db, status="all", error=COMMENT_REQUIRED,
                     form={"case": case_id}, status_code=422)
    try:
        dismiss_expectation(db, row, comment.strip()[:5000], user.username)
    except ExpectationError as exc:
        raise PageError(409, str(exc)) from None
    db.commit()
    flash(request, "Den förväntade handlingen är avfärdad.")
    return _back(row.id)


@router.post("/expected/check")
def check_now(request: Request, db: Db, user: Registrator, _csrf: None = Csrf) -> Response:
    """Run the daily check at once (after an allocation import, say)."""
    summary = refresh_expectations(db, request.app.state.programs)
    db.commit()
    flash(request, f"Kontrollerat: {summary.opened} nya, {summary.resolved} lösta, "
                   f"{summary.reopened} öppnade igen.")
    return RedirectResponse("/expected", status_code=303)


@api_router.get("/expected", summary="Förväntade handlingar och återbetalningar")
def expected_json(request: Request, db: Db, user: Registrator, status: str = "open",
                  code: str | None = None, program: str | None = None) -> dict:
    """The expectation cases (``status`` open, resolved, dismissed or all) and the deadlines
    of the next 30 days with the organisations that have not sent theirs."""
    if status not in (*EXPECTATION_STATUSES, "all"):
        raise PageError(400, f"Okänd status {status!r}: open, resolved, dismissed eller all.")
    rows = list_expectations(db, ExpectationFilter(
        status=None if status == "all" else status, code=code, program=program))
    today = today_in_sweden()
    upcoming = upcoming_deadlines(expectation_facts(db, request.app.state.programs), today)
    return {
        "as_of": today.isoformat(),
        "expected": [expectation_record(r) for r in rows],
        "upcoming": [{"program": u.program, "grant_year": u.grant_year,
                      "document_type": u.document_type, "deadline": u.deadline.isoformat(),
                      "waiting": [o.as_record() for o in u.waiting]} for u in upcoming],
    }
