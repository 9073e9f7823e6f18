"""Amount candidates and their features, for the scorer (extractors.fields.scorer).

Every plausible money mention of a document is a candidate for every amount field its type
states, and so is every statement of nothing ("inget belopp återbetalas", a form's "Inget").
A candidate's features describe its context, not the decision: the label that owns it (as
the rules read a label's value, or only on its line or the line above), the role the cues of
its clause give it (config/language.toml), negation, the column header above it, its place
in a cost table, its position on the page and in the document, its font size, and how its
value relates to the document's other amounts (a sum of two of them, a part of one). Field
relative features ("a label of this field", "a cue of another field") let one model serve
every field; extractors.fields.scorer adds a per-field copy of each.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from extractors.fields.context import (
    ACTUAL_COLUMN,
    COST_CONTEXT,
    TOTAL_WORDS,
    YEAR,
    DocumentContext,
)
from extractors.fields.language import language, role_of, zero_statements
from extractors.fields.text import fold
from extractors.model import Amount

FIELD_TYPES = {
    "requested": "requisition",
    "decided": "decision",
    "received": "return_report",
    "used": "return_report",
    "unused": "return_report",
}
"""The document type that states each amount field (the contract's record)."""
AMOUNT_LABELS = ("requested", "received", "used", "unused", "amount")
BARE_LABEL_FIELD = {"requisition": "requested", "decision": "decided"}
"""The field a bare "Belopp" label names, per document type."""
CUE_ROLES = ("requested", "received", "used", "unused")
NEGATION = re.compile(r"\b(?:ej|inte|icke|ingen|inget|inga)\b")
BUDGET = re.compile(r"\bbudget\w*")
OTHER_YEAR = re.compile(r"\b((?:19|20)\d{2}) ars\b|\b(?:av|for|under) ((?:19|20)\d{2})\b")
HEADER_LINES = 8
"""How far above a figure its column header may stand."""
COST_LINES = 12
"""How far above a figure a cost table's heading may stand."""
NEAR = 60
"""Characters before a candidate within which a negation or decision cue counts as near."""


@dataclass(frozen=True)
class Candidate:
    """One value a field may take, where it stands, and its features per field."""

    amount: Amount
    start: int
    end: int
    features: dict[str, dict[str, float]]
    """Field name to feature name to value (absent = 0)."""


def _field_label(label_field: str, kind: str) -> str | None:
    if label_field == "amount":
        return BARE_LABEL_FIELD.get(kind)
    return label_field


def document_fields(kind: str) -> tuple[str, ...]:
    """The amount fields a document of type ``kind`` states."""
    return tuple(f for f, t in FIELD_TYPES.items() if t == kind)


class _Document:
    """What every candidate of one document is compared with, computed once."""

    def __init__(self, ctx: DocumentContext, kind: str):
        self.ctx = ctx
        self.kind = kind
        flow = ctx.flow
        self.lines = max(1, len(flow.lines))
        heights = [w.frame[3] - w.frame[1] for _, _, w in flow.word_spans]
        self.height = statistics.median(heights) if heights else 1.0
        self.owned: dict[int, tuple[str, float, bool]] = {}
        """A candidate's start to the field of the label whose value it is (as the rules
        read a label's value), its priority and whether it was read exactly."""
        self.zero_labels: list[tuple[int, int, str]] = []
        for label in ctx.labels_for(*AMOUNT_LABELS):
            reading = ctx.amount_after(label)
            field = _field_label(label.field, kind)
            if reading is None or field is None:
                continue
            if reading.value == Amount(0):
                self.zero_labels.append((reading.start, reading.end, field))
            self.owned.setdefault(reading.start, (field, label.priority, label.exact))
        self.title_years = set(YEAR.findall(ctx.folded[:ctx.heading_end]))
        self.sections = ctx.decision_sections()

    def cost_above(self, line: int) -> bool:
        """Whether a line a little above, on the same page, speaks of costs
        ("Kostnadsredovisning", "Kostnadsslag"): the figure stands in a cost table."""
        lines = self.ctx.flow.lines
        return any(lines[i].page == lines[line].page and COST_CONTEXT.search(fold(lines[i].text))
                   for i in range(max(0, line - COST_LINES), line))

    def header_above(self, start: int, end: int) -> str:
        """The text above a figure in its column, up to the first line with words over it
        that hold no amount (a column header, which may name a year): folded, or empty."""
        ctx = self.ctx
        words = ctx.flow.words_in(start, end)
        if not words:
            return ""
        x0, x1 = min(w.frame[0] for w in words), max(w.frame[2] for w in words)
        line = ctx.flow.line_index(start)
        page = ctx.flow.lines[line].page
        for above in range(line - 1, max(-1, line - 1 - HEADER_LINES), -1):
            if ctx.flow.lines[above].page != page:
                break
            line_start, line_end = ctx.flow.line_span(above)
            over = [(s, e, w) for s, e, w in ctx.flow.word_spans
                    if line_start <= s < line_end and w.frame[2] > x0 - 20 and w.frame[0] < x1 + 20]
            if over and not any(a.start < over[-1][1] and a.end > over[0][0]
                                and ctx.plausible(a) for a in ctx.amounts):
                return fold(" ".join(w.text for _, _, w in over))
        return ""


def _cue_roles(folded: str, span: tuple[int, int], start: int, end: int) -> set[str]:
    """The roles whose cues stand anywhere in ``span`` outside the candidate."""
    found = set()
    for role in language().roles:
        if role.role not in CUE_ROLES:
            continue
        for pattern in role.cues:
            if any(not (start <= m.start() < end) for m in pattern.finditer(folded, *span)):
                found.add(role.role)
                break
    return found


def _relations(values: list[int]) -> dict[int, tuple[bool, bool]]:
    """Per value: whether it is the sum of two other stated values (received = used +
    unused), and whether it is a part of such a sum."""
    present = {v for v in values if v > 0}
    out: dict[int, tuple[bool, bool]] = {}
    for v in present:
        is_sum = any(v - a in present and (v - a != a or values.count(a) > 1)
                     for a in present if a < v)
        is_part = any(s - v in present and (s - v != v or values.count(v) > 1)
                      for s in present if s > v)
        out[v] = (is_sum, is_part)
    return out


def candidates(ctx: DocumentContext, kind: str,
               rules: dict[str, int] | None = None) -> list[Candidate]:
    """Every candidate of the document for the amount fields of its type ``kind``.
    ``rules`` (field to value, as the rule readers read it) makes the rules' choice one
    feature more ("rules_same", "rules_other"); a model trained without it ignores it."""
    fields = document_fields(kind)
    if not fields or not ctx.flow.lines:
        return []
    doc = _Document(ctx, kind)
    mentions = [a for a in ctx.amounts if ctx.plausible(a)]
    values = [a.amount.value for a in mentions]
    relations = _relations(values)
    top = max(values, default=0)
    distinct = set(values)
    with_unit = {a.amount.value for a in mentions if a.has_unit}
    out: list[Candidate] = []
    with_unit_seen = 0
    for order, a in enumerate(mentions):
        base = _mention_features(doc, a.start, a.end, a.text)
        base |= {
            "has_unit": float(a.has_unit),
            "clean": float(a.clean),
            "scaled": float(a.amount.unit >= 1000),
            "round_thousand": float(a.amount.value % 1000 == 0),
            "small": float(a.amount.value < 10_000),
            "log_value": math.log10(max(a.amount.value, 1)) / 7,
            "largest": float(a.amount.value == top),
            "repeated": float(values.count(a.amount.value) > 1),
            "sum_of_two": float(relations.get(a.amount.value, (False, False))[0]),
            "part_of_sum": float(relations.get(a.amount.value, (False, False))[1]),
            "first_mention": float(order == 0),
            "first_with_unit": float(a.has_unit and with_unit_seen == 0),
            "sole_value": float(len(distinct) == 1),
            "sole_with_unit": float(with_unit == {a.amount.value}),
        }
        with_unit_seen += a.has_unit
        out.append(Candidate(a.amount, a.start, a.end,
                             {f: _field_features(doc, f, a.start, a.end, base) for f in fields}))
    out += _zero_candidates(doc, fields)
    _mark_first(out, fields)
    if rules:
        for c in out:
            for f, features in c.features.items():
                features["rules_same"] = float(rules.get(f) == c.amount.value)
                features["rules_other"] = float(any(v == c.amount.value
                                                    for g, v in rules.items() if g != f))
    return out


FIRST_OF = ("label_same", "cue_same", "cue_same_near", "line_label_same")
"""Features whose first holder in the document is marked too ("first:cue_same"): the rules
take the first amount a cue or label gives a role, and a per-candidate model cannot see
order among candidates otherwise."""


def _mark_first(cands: list[Candidate], fields: tuple[str, ...]) -> None:
    for f in fields:
        for name in FIRST_OF:
            first = min((c for c in cands if c.features[f].get(name)),
                        key=lambda c: c.start, default=None)
            if first is not None:
                first.features[f][f"first:{name}"] = 1.0


def _zero_candidates(doc: _Document, fields: tuple[str, ...]) -> list[Candidate]:
    """Statements of nothing: a sentence ("inget belopp återbetalas") or a label's value
    ("Inget", "0"), each a candidate of value 0."""
    ctx = doc.ctx
    spans = [(s, e, role, "zero_statement") for role, s, e in zero_statements(ctx.folded)]
    mentions = {(a.start, a.end) for a in ctx.amounts if ctx.plausible(a)}
    spans += [(s, e, field, "zero_label") for s, e, field in doc.zero_labels
              if (s, e) not in mentions]
    out = []
    for start, end, role, how in spans:
        base = _mention_features(doc, start, end, ctx.flow.text[start:end])
        base |= {"zero": 1.0, how: 1.0}
        features = {}
        for f in fields:
            own = _field_features(doc, f, start, end, base)
            own["zero_same"] = float(role == f)
            features[f] = own
        out.append(Candidate(Amount(0), start, end, features))
    return out


def _mention_features(doc: _Document, start: int, end: int, text: str) -> dict[str, float]:
    """Features of where a mention stands, whatever field it is scored for."""
    ctx = doc.ctx
    line = ctx.flow.line_index(start)
    line_start, line_end = ctx.flow.line_span(line)
    words = ctx.flow.words_in(start, end)
    height = max((w.frame[3] - w.frame[1] for w in words), default=doc.height)
    page = words[0].page if words else 1
    before_on_line = ctx.folded[line_start:start]
    after_on_line = ctx.flow.text[end:line_end]
    first_word = fold(re.sub(r"^\W+", "", ctx.flow.lines[line].text)).split(maxsplit=1)
    row = ctx.row_amounts(line, total=True)
    clause = ctx.clause(ctx.folded, start, end)
    years = {y for m in OTHER_YEAR.finditer(ctx.folded, *clause) for y in m.groups() if y}
    prose = len(ctx.flow.lines[line].text.split()) >= 8
    header = "" if prose else doc.header_above(start, end)
    near = ctx.folded[max(clause[0], start - NEAR):start]
    return {
        "page_one": float(page == 1),
        "position": line / doc.lines,
        "in_heading": float(start < ctx.heading_end),
        "font_large": float(height > 1.2 * doc.height),
        "font_small": float(height < 0.85 * doc.height),
        "alone_on_line": float(not re.search(r"\w", before_on_line + after_on_line.replace(text, ""))),
        "ends_line": float(not re.search(r"\w", after_on_line)),
        "prose_line": float(prose),
        "table_row": float(any(r.start == start for r in row)),
        "columns": float(len(row) > 1),
        "last_column": float(len(row) > 1 and row[-1].start == start),
        "total_row": float(bool(first_word) and first_word[0].strip(":") in TOTAL_WORDS),
        "header_actual": float(bool(ACTUAL_COLUMN.search(header))),
        "header_budget": float(bool(BUDGET.search(header))),
        "header_year": float(bool(doc.title_years & set(YEAR.findall(header)))),
        "cost_context": float(bool(COST_CONTEXT.search(header + " " + before_on_line))),
        "cost_above": float(doc.cost_above(line)),
        "negated": float(bool(NEGATION.search(near))),
        "other_year": float(bool(doc.title_years and years and not years & doc.title_years)),
        "decision_cue": float(bool(language().decision_cues.search(ctx.sentence_before(start)))),
        "decides": float(bool(language().decides.search(ctx.sentence_before(start)))),
        "not_decided": float(bool(language().not_decided.search(near))),
        "decision_section": float(any(s <= start < e for s, e in doc.sections)),
    }


def _field_features(doc: _Document, field: str, start: int, end: int,
                    base: dict[str, float]) -> dict[str, float]:
    """``base`` with the features that depend on the field scored: labels and cues of this
    field against those of the others."""
    ctx = doc.ctx
    out = dict(base)
    owner = doc.owned.get(start)
    if owner:
        label_field, priority, exact = owner
        key = "label_same" if label_field == field else "label_other"
        out[key] = priority
        out[key + "_fuzzy"] = float(not exact)
    line = ctx.flow.line_index(start)
    for label in ctx.labels_for(*AMOUNT_LABELS):
        label_field = _field_label(label.field, doc.kind)
        if label_field is None or label.end > start and label.line == line:
            continue
        stacked = label.line == line - 1 and not base["prose_line"]
        where = "line" if label.line == line else "above" if stacked else None
        if where:
            key = f"{where}_label_same" if label_field == field else f"{where}_label_other"
            out[key] = 1.0
    clause = ctx.clause(ctx.folded, start, end)
    role = role_of(ctx.folded, clause, start, end, CUE_ROLES)
    if role:
        key = "cue_same" if role[0] == field else "cue_other"
        out[key] = 1.0
        out[key + "_near"] = float(role[1] <= 25)
    roles = _cue_roles(ctx.folded, clause, start, end)
    out["cue_same_any"] = float(field in roles)
    out["cue_other_any"] = float(bool(roles - {field}))
    header = "" if base["prose_line"] else doc.header_above(start, end)
    if header:
        header_roles = _cue_roles(header, (0, len(header)), len(header), len(header))
        out["header_same"] = float(field in header_roles)
        out["header_other"] = float(bool(header_roles - {field}))
    before = ctx.sentence_before(start, 150)
    out["sentence_cue_same"] = float(field in _cue_roles(before, (0, len(before)),
                                                          len(before), len(before)))
    return out

