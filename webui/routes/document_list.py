"""Every document, filtered and searched: page text, sender, subject, diarienummer, organisation."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from storage.search import count_documents, query_terms, search_documents
from webui.deps import Db, Registrator
from webui.document_filters import (
    DOCUMENT_TYPES,
    FILTER_KEYS,
    STATUS_CHOICES,
    parse_document_filter,
)

router = APIRouter(include_in_schema=False)

PER_PAGE = 50


def highlight(snippet: str, terms: list[str]) -> Markup:
    """``snippet`` with each query word marked (escaped: the text is the sender's)."""
    if not terms:
        return escape(snippet)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    out, at = Markup(""), 0
    for match in pattern.finditer(snippet):
        out += escape(snippet[at:match.start()]) + Markup("<mark>%s</mark>") % match.group()
        at = match.end()
    return out + escape(snippet[at:])


@router.get("/documents")
def document_list(request: Request, db: Db, user: Registrator) -> Response:
    programs = tuple(request.app.state.programs.programs)
    f, errors = parse_document_filter(request.query_params, programs)
    page_text = request.query_params.get("page", "1")
    page = int(page_text) if re.fullmatch(r"[0-9]{1,5}", page_text) else 1
    total = count_documents(db, f)
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    page = min(page, pages)
    hits = search_documents(db, f, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    params = {k: request.query_params.get(k, "") for k in FILTER_KEYS}
    kept = {k: v for k, v in params.items() if v}

    def page_href(n: int) -> str:
        return "?" + urlencode({**kept, "page": n} if n > 1 else kept)

    return request.app.state.templates.TemplateResponse(request, "documents.html", {
        "hits": hits, "total": total, "page": page, "pages": pages, "per_page": PER_PAGE,
        "page_href": page_href, "params": params, "errors": errors,
        "terms": query_terms(f.query), "highlight": highlight, "types": DOCUMENT_TYPES,
        "statuses": STATUS_CHOICES,
        "program_names": {p.id: p.name for p in request.app.state.programs},
    }, status_code=400 if errors else 200)
