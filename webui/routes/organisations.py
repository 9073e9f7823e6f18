"""Organisations: the ones on file, and one organisation's figures, documents and cases."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from webui.deps import Db, Registrator
from webui.errors import PageError
from webui.organisation_view import build_organisation_view, organisations_on_file

router = APIRouter(include_in_schema=False)


@router.get("/organisations")
def organisation_list(request: Request, db: Db, user: Registrator) -> Response:
    query = (request.query_params.get("q") or "").strip()[:200]
    rows = organisations_on_file(db)
    if query:
        needle = query.lower()
        rows = [r for r in rows if needle in r[1].lower() or r[0] == query]
        if len(rows) == 1:
            return RedirectResponse(f"/organisations/{rows[0][0]}", status_code=303)
    return request.app.state.templates.TemplateResponse(request, "organisations.html", {
        "rows": rows, "query": query})


@router.get("/organisations/{code}")
def organisation_page(request: Request, db: Db, user: Registrator, code: str) -> Response:
    view = build_organisation_view(db, code)
    if view is None:
        raise PageError(404, "Organisationen finns inte.")
    return request.app.state.templates.TemplateResponse(request, "organisation.html", {
        "view": view, "program_names": {p.id: p.name for p in request.app.state.programs}})
