"""The field readers: small functions over one read-only document context, run in a declared
order. Each names the fields it needs (written by readers before it) and the fields it writes,
and says when it applies (``able_to_run``), paperless-ngx style, instead of if-chains on the
document type. A reader writes only its own fields: ``Draft`` refuses any other.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz, process

from config.registry import Organisation
from extractors.fields import classify
from extractors.fields.amounts import AmountMatch
from extractors.fields.context import (
    ACTUAL_COLUMN,
    BARE_SHARE,
    BENEFICIARY,
    COST_CONTEXT,
    COST_CONTEXT_LINES,
    GLUED_PERCENT,
    LABELLED_REFERENCE,
    OCR_ANDEL,
    OWNER,
    REFERENCE,
    REPORT_FIELDS,
    RESPECTIVE,
    SHARE,
    SHARE_LABEL,
    SHARE_LINE,
    SHARE_PARTY,
    SHARE_WORDS,
    STACKED_SHARE,
    STOP_BEFORE_PERCENT,
    TITLE_LINES,
    TOTAL_WORDS,
    WRAPPED_COLLABORATING,
    WRAPPED_SHARE,
    YEAR,
    YEAR_BEFORE,
    YEAR_CONTEXT,
    AMOUNT_FIELDS,
    DocumentContext,
    Reading,
)
from extractors.fields.coordination import Item, coded_rows, municipality_list
from extractors.fields.language import language, role_of, zero_statements
from extractors.fields.labels import Label
from extractors.fields.layout import union_bbox
from extractors.fields.number_words import find_worded_percentages
from extractors.fields.organisations import (
    Mention,
    as_ref,
    choose,
    fuzzy_match,
    mail_domain_organisation,
)
from extractors.fields.text import fold
from extractors.model import Amount, Evidence, Extraction, ItemisedTable, OrgRef

DATE_YEAR = "grant year from date"
"""The source of a grant year taken from the document's date, not read as a year."""
GRANT_DOCUMENTS = ("requisition", "return_report", "decision")
"""Documents that are about one program's grant, whether or not OCR left its name legible."""
COLUMN_ALIGNMENT = 6.0
"""Points by which right-aligned figures of one column may end apart."""
MUNICIPAL_WORDS = ("kommunal", "kommunala", "kommunens", "kommunen", "kommunerna")
DAMAGED_PARTY_CUTOFF = 75
MAIL_DOMAIN_CERTAINTY = 0.5
"""An organisation known only by a mail address's domain ("@regionvasterbotten.se") where
OCR left its name unreadable: under the review threshold."""
GLUED_PERCENT_CERTAINTY = 0.4
"""A share read through a "%" OCR glued to it as digits: likely, and for review."""
PERCENT_UNIT = re.compile(r"\((?:%|96|%6|0/0|o/o)\)")
"""A label's "(%)", also as OCR reads it: "(96)", "(%6)"."""
POSTCODE_BEFORE = re.compile(r"\b(?:SE-?\s?)?\d{3}\s?\d{2}[',.]?\s*$")
"""A postcode right before a place name: a postal address's town ("302 43 Halmstad"), the
place a sender or supplier has its box, not the organisation the document is from."""
OWN_AMOUNT = {"requisition": "requested", "decision": "decided"}
"""The field a bare "Belopp" label gives, per document type."""


@dataclass
class Draft:
    """The record being written, and the fields the running reader may write."""

    ctx: DocumentContext
    record: Extraction = field(default_factory=Extraction)
    allowed: frozenset[str] = frozenset()
    reader: str = ""
    """The running reader's name: the evidence's source."""
    amount_spans: set[tuple[int, int]] = field(default_factory=set)
    """Where the amounts written so far stand: one figure is one field's."""

    def note(self, name: str, reading: Reading) -> None:
        """Evidence for ``name`` (a dotted record key) from ``reading``."""
        if name not in self.allowed:
            raise ValueError(f"a reader wrote {name}, which it does not declare")
        evidence = self.ctx.evidence(name, reading, self.reader)
        if evidence is not None:
            self.record.evidence.append(evidence)

    def write(self, name: str, reading: Reading) -> None:
        """Set ``name`` to the reading's value, with its evidence."""
        self.note(name, reading)
        if name.startswith("amounts."):
            self.record.amounts[name.split(".", 1)[1]] = reading.value
            self.amount_spans.add((reading.start, reading.end))
        else:
            setattr(self.record, name, reading.value)


def read_labelled_amounts(ctx: DocumentContext, out: Draft) -> None:
    """Amounts after their labels; of two labels for one field the one of higher priority,
    of two as high the surer reading (a clean "580 000 kr" over OCR's "3580 000 kr" where a
    box's edge became a digit).
    A return report's labels count only in a return report; a bare "Belopp" is the
    requisition's requested or the decision's decided amount."""
    chosen: dict[str, tuple[float, float, Reading]] = {}
    kind = out.record.document_type
    for label in ctx.labels_for(*AMOUNT_FIELDS, "amount"):
        field = label.field
        if field in REPORT_FIELDS and kind != "return_report":
            continue
        if field == "amount":
            if kind not in OWN_AMOUNT:
                continue
            field = OWN_AMOUNT[kind]
        reading = ctx.amount_after(label)
        if reading is None:
            continue
        best = chosen.get(field)
        if best is None or (label.priority, reading.certainty) > best[:2]:
            chosen[field] = (label.priority, reading.certainty, reading)
    for field, (_, _, reading) in chosen.items():
        out.write(f"amounts.{field}", reading)



def read_requested_in_prose(ctx: DocumentContext, out: Draft) -> None:
    reading = _requested_from_text(ctx)
    if reading:
        out.write("amounts.requested", reading)



def read_report_in_prose(ctx: DocumentContext, out: Draft) -> None:
    for field, reading in _report_amounts_from_text(ctx).items():
        if field not in out.record.amounts and \
                (reading.start, reading.end) not in out.amount_spans:
            out.write(f"amounts.{field}", reading)



def read_decided_in_prose(ctx: DocumentContext, out: Draft) -> None:
    reading = _decided_from_text(ctx)
    if reading:
        out.write("amounts.decided", reading)



def _decided_from_text(ctx: DocumentContext) -> Reading | None:
    """The amount the decision itself states. Of amounts in a sentence with a decision
    cue, one that a "beslutar" sentence or the "Beslut" section of a protocol carries
    wins over one that only describes the allocation ("har tilldelats 1 709 tkr")."""
    best: tuple[int, Reading] | None = None
    sections = ctx.decision_sections()
    for a in ctx.amounts:
        if not a.has_unit:
            continue
        context = ctx.sentence_before(a.start)
        words = language()
        cues = list(words.decision_cues.finditer(context))
        if not cues:
            continue
        if words.not_decided.search(context[cues[-1].start():]) or \
                words.not_decided.search(context[-40:]):
            continue
        strength = 2 * bool(words.decides.search(context)) + \
            any(s <= a.start < e for s, e in sections)
        certainty = 0.95 if a.clean else 0.7
        if best is None or strength > best[0]:
            best = (strength, Reading(a.amount, a.start, a.end, certainty))
    return best[1] if best else None


def _requested_from_text(ctx: DocumentContext) -> Reading | None:
    with_unit = [a for a in ctx.amounts if a.has_unit and a.amount.value >= 1000]
    weights = language().confidence
    cues = language().cues("requested")
    for a in with_unit:
        before = ctx.sentence_before(a.start, 150)
        if any(cue.search(before) for cue in cues):
            certainty = weights["requested_by_cue" if a.clean else "requested_by_cue_unclean"]
            return Reading(a.amount, a.start, a.end, certainty)
    # The requisition's one amount is what it asks for, unless its own clause says it is
    # another's ("fördelningslista (tilldelat) 1 120 000 kr" beside a blank requested row).
    if len({a.amount.value for a in with_unit}) == 1 and not any(
            role_of(ctx.folded, ctx.clause(ctx.folded, a.start, a.end), a.start, a.end,
                    REPORT_FIELDS) for a in with_unit):
        a = with_unit[0]
        return Reading(a.amount, a.start, a.end, weights["requested_only_amount"])
    return None


def _report_amounts_from_text(ctx: DocumentContext) -> dict[str, Reading]:
    """A return report written as prose: "Region X har tagit emot 5 035 000 kronor ...
    Av dessa har 4 800 000 kronor förbrukats." Each amount with a unit takes the role of
    the nearest cue in its clause (config/language.toml); the first amount of each role
    counts. A sentence that states an amount as nothing ("inget belopp återbetalas")
    gives that role 0 where no figure states it."""
    weights = language().confidence
    found: dict[str, Reading] = {}
    title_years = {m.group(1) for m in YEAR.finditer(ctx.folded, 0, ctx.heading_end)
                   if not ctx.inside_date(m.start(), m.end())}  # a dateline's year is no grant's
    for a in ctx.amounts:
        if not a.has_unit:
            continue
        clause = ctx.row_clause(a)
        if _about_another_year(ctx, clause, title_years) or (
                PART_OF.search(ctx.folded, max(clause[0], a.start - 12), a.start)
                and PART_IS.match(ctx.folded, a.end)):
            continue
        role = role_of(ctx.folded, clause, a.start, a.end, REPORT_FIELDS)
        if role and role[0] not in found:
            certainty = weights["prose_amount" if a.clean else "prose_amount_unclean"]
            found[role[0]] = Reading(a.amount, a.start, a.end, certainty)
    for a in ctx.amounts:
        role = _form_row_role(ctx, a)
        if role and role not in found:
            found[role] = Reading(a.amount, a.start, a.end, weights["form_row_by_cue"])
    for role, start, end in zero_statements(ctx.folded):
        if role in REPORT_FIELDS and role not in found:
            found[role] = Reading(Amount(0), start, end, weights["zero_statement"])
    return found


PART_OF = re.compile(r"\bvarav\s+$")
PART_IS = re.compile(r"\s+avser\b")
"""What a part of the amount before it is ("erhållit totalt 1 773 000 kronor, varav 350 000
kronor avser kvarvarande medel"): no role of its own, unlike a part a verb gives one
("varav 5 802 300 kronor har förbrukats")."""
OWN_YEAR = re.compile(r"\b((?:19|20)\d{2}) ars\b|\b(?:av|for|under) ((?:19|20)\d{2})\b")
"""A year a clause says its amounts belong to: "Av 2023 års bidrag", "för 2023"."""


def _about_another_year(ctx: DocumentContext, clause: tuple[int, int],
                        title_years: set[str]) -> bool:
    """Whether a clause's amounts belong to a grant year other than the one the title names
    ("Av 2023 års bidrag, 5 650 000 kronor, återbetalades ..." in a report on 2024)."""
    years = {y for m in OWN_YEAR.finditer(ctx.folded, *clause) for y in m.groups() if y}
    return bool(title_years and years and not years & title_years)


def _form_row_role(ctx: DocumentContext, a: AmountMatch) -> str | None:
    """The role of a bare figure ending a form's row whose label OCR damaged beyond a label
    ("ie uae a bidrag som aterbetalas 386 500"), from a cue in the row's text before it."""
    if a.has_unit or not ctx.plausible(a):
        return None
    line = ctx.flow.line_index(a.start)
    start, end = ctx.flow.line_span(line)
    if ctx.flow.text[a.end:end].strip() or not re.search(r"[^\W\d_]{3,}", ctx.flow.text[start:a.start]):
        return None
    others = [b for b in ctx.amounts if start <= b.start < end and b is not a]
    if others or any(lb.line == line for lb in ctx.labels):
        return None  # a table's row of columns, or a row a label reads
    role = role_of(ctx.folded, (start, a.start), a.start, a.end, REPORT_FIELDS)
    return role[0] if role else None


def read_date(ctx: DocumentContext, out: Draft) -> None:
    labelled: list[Reading] = []
    for label in ctx.labels_for("date"):
        for d in ctx.dates:
            on_line = label.end <= d.start and d.end <= label.value_end + 40 and \
                ctx.flow.line_index(d.start) in (label.line, label.line + 1)
            if on_line and not ctx.is_period_or_deadline(d):
                labelled.append(Reading(d.date, d.start, d.end, 1.0 if d.exact else 0.75))
                break
    if labelled:
        out.write("document_date", labelled[0])
        return
    others = [d for d in ctx.dates if not ctx.is_period_or_deadline(d)]
    datelines = [d for d in others if ctx.is_dateline(d)]
    if datelines:
        d = datelines[0]
        out.write("document_date",
                  Reading(d.date, d.start, d.end, DATELINE_CERTAINTY if d.exact else 0.7))
    elif others:
        d = others[0]
        out.write("document_date", Reading(d.date, d.start, d.end, 0.7 if d.exact else 0.5))


DATELINE_CERTAINTY = 0.9
"""A letter dates itself in its dateline, where the place stands before the date; another
date in its text is a date it mentions (an earlier requisition, a meeting)."""


def read_type_and_program(ctx: DocumentContext, out: Draft) -> None:
    kind = classify.document_type(ctx.doc, ctx.heading_end, ctx.their_references())
    out.record.document_type = kind.value
    if kind.hit:
        out.note("document_type", Reading(kind.value, kind.hit.start, kind.hit.end,
                                          kind.confidence, ocr_tolerant=True))
    program = _ticked_program(ctx) or classify.program(ctx.doc, ctx.title_end, ctx.catalog)
    if program.value is None and kind.value in GRANT_DOCUMENTS:
        program = classify.resembling_program(ctx.flow.text, ctx.catalog)
    out.record.program = program.value
    if program.hit:
        out.note("program", Reading(program.value, program.hit.start, program.hit.end,
                                    program.confidence, ocr_tolerant=True))


TICK = re.compile(r"\s*(?:[\[(]\s*)?[xX☒✓✔■](?:\s*[\])])?\s+$")
"""What stands before a ticked option on its line: "X", "[X]", "(x)", "☒", "✓"."""
EMPTY_BOX = re.compile(r"\s*(?:☐|\[\s*\])\s+$")
"""What stands before an option left empty: "☐" (a box the page reading saw empty), "[ ]"."""
UNTICKED_OPTIONS = 0.5
"""Under the review threshold: a form offers the programs as options and no tick is read."""
MARKED_BY_ELIMINATION = 0.8
"""The one option whose box reads as something else while every other one reads empty: a
tick the page reading did not see as a box, but saw."""


def _ticked_program(ctx: DocumentContext) -> classify.Classification | None:
    """A form that offers the programs as tick-box options, one per line: the ticked one.
    When no option reads as ticked but all but one read as empty boxes and that one has
    something before it, that one is. When no option reads as ticked (a tick OCR lost), the
    usual choice stands but goes to review."""
    options: dict[str, list] = {}
    for hit in classify.program_hits(ctx.doc, ctx.catalog):
        line = ctx.flow.line_index(hit.start)
        start, _ = ctx.flow.line_span(line)
        before = ctx.flow.text[start:hit.start]
        if len(before) <= 6:
            options.setdefault(hit.key, []).append((hit, before))
    if len(options) < 2 or not _options_together(ctx, options):
        return None
    ticked = {key: hit for key, hits in options.items() for hit, before in hits
              if TICK.fullmatch(before)}
    if len(ticked) == 1:
        key, hit = next(iter(ticked.items()))
        return classify.Classification(key, 0.9, hit)
    if not ticked:
        empty = {key for key, hits in options.items()
                 if all(EMPTY_BOX.fullmatch(before) for _, before in hits)}
        marked = [(key, hit) for key, hits in options.items() if key not in empty
                  for hit, before in hits if before.strip()]
        if len(empty) == len(options) - 1 and len({key for key, _ in marked}) == 1:
            key, hit = marked[0]
            return classify.Classification(key, MARKED_BY_ELIMINATION, hit)
    usual = classify.program(ctx.doc, ctx.title_end, ctx.catalog)
    return classify.Classification(usual.value, min(usual.confidence, UNTICKED_OPTIONS),
                                   usual.hit)


OPTION_LINES = 3
"""A form's options stand on lines this near one another."""


def _options_together(ctx: DocumentContext, options: dict[str, list]) -> bool:
    """Whether two programs' line-starting names stand near enough to be one form's options —
    not a title wrapped onto a second line and a table's "Hembesök" column pages later."""
    lines = {key: {ctx.flow.line_index(hit.start) for hit, _ in hits}
             for key, hits in options.items()}
    keys = list(lines)
    return any(abs(a - b) <= OPTION_LINES for i, k in enumerate(keys) for other in keys[i + 1:]
               for a in lines[k] for b in lines[other])


def read_grant_year(ctx: DocumentContext, out: Draft) -> None:
    text = ctx.flow.text
    folded = ctx.folded
    scores: dict[int, float] = {}
    where: dict[int, tuple[int, int]] = {}
    references = [m.span() for m in REFERENCE.finditer(text)]

    def add(year: int, start: int, end: int, weight: float) -> None:
        if start < ctx.title_end:
            weight *= 2
        scores[year] = scores.get(year, 0.0) + weight
        if year not in where or weight >= 1.0:
            where.setdefault(year, (start, end))

    program_ends = {h.end for h in classify.program_hits(ctx.doc, ctx.catalog)}
    name_words = {w for p in ctx.catalog for w in fold(p.name).split()}

    def ends_program_name(start: int) -> bool:
        """The year right after a program's name, the rest of its full name between
        ("utökade hembesöksprogram | inom barnhälsovården 2024")."""
        return any(0 <= start - e <= 60 and all(
            w in name_words for w in fold(text[e:start]).strip(" -–—:").split())
            for e in program_ends)

    for m in YEAR.finditer(text):
        start, end = m.span(1)
        if ctx.inside_date(start, end) or any(s <= start < e for s, e in references):
            continue
        year = int(m.group(1))
        before = folded[max(0, start - 40):start]
        weight = 0.5
        if ends_program_name(start):
            weight = 4.0
        elif YEAR_BEFORE.match(folded[end:end + 6]):
            weight = 3.0
        else:
            for pattern, w in YEAR_CONTEXT:
                if pattern.search(before):
                    weight = w
                    break
        add(year, start, end, weight)
    for label in ctx.labels_for("period"):
        for d in ctx.dates:
            if label.end <= d.start < label.value_end:
                add(d.date.year, d.start, d.end, 2.0)
                break
    if scores:
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        year, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        certainty = min(1.0, 0.55 + 0.45 * (score - runner_up) / score)
        if score < 1.0:
            certainty *= 0.7
        start, end = where[year]
        out.record.grant_year = year
        out.note("grant_year", Reading(year, start, end, certainty))
    elif out.record.document_date:
        d = out.record.document_date
        year = d.year - 1 if out.record.document_type == "return_report" else d.year
        out.record.grant_year = year
        ev = next(e for e in out.record.evidence if e.field == "document_date")
        out.record.evidence.append(Evidence("grant_year", ev.text, ev.page, ev.bbox,
                                          round(ev.confidence * 0.5, 3), DATE_YEAR,
                                          ev.certainty * 0.5, ev.word_confidence))


def read_collaborating(ctx: DocumentContext, out: Draft) -> None:
    """Municipalities after a collaboration label, read as a coordinated list
    (extractors.fields.coordination); a form's label says kommuner for its bare names."""
    chosen: dict[str, OrgRef] = {}

    def take(items: list[Item]) -> None:
        for item in items:
            if item.organisation.code not in chosen:
                chosen[item.organisation.code] = as_ref(item.organisation)
                out.note("collaborating_municipalities",
                         Reading(item.organisation.code, item.start, item.end, item.certainty))

    rows = [(spans, municipality_list(ctx.prose, spans, ctx.orgs, head_says_kommun=True))
            for spans in ctx.wrapped_form_rows(WRAPPED_COLLABORATING)]
    read_whole = [span for spans, items in rows if items for span in spans]
    for (start, end), label in zip(ctx.collaborating_spans,
                                   ctx.labels_for("collaborating", "collaborating_sentence")):
        if _another_regions(ctx, label, out.record.organisation):
            continue
        if not any(s < end and start < e for s, e in read_whole):  # a row read it whole
            take(municipality_list(ctx.prose, [(start, end)], ctx.orgs,
                                   head_says_kommun=label.field == "collaborating"
                                   or "kommun" in label.phrase))
    for _, items in rows:
        take(items)
    for label in ctx.labels_for("collaborating"):
        take(coded_rows(ctx.coded_lines(label)))
    out.record.collaborating_municipalities = list(chosen.values())


def _another_regions(ctx: DocumentContext, label: Label, own: OrgRef | None) -> bool:
    """Whether a collaboration sentence is another region's: its subject, before the cue,
    is a region not the document's ("... bedrivs i grannlänet av Region Halland tillsammans
    med Halmstads kommun")."""
    if own is None or label.field != "collaborating_sentence":
        return False
    start = ctx.sentence_start(label.start)
    regions = [choose(m)[0] for m in ctx.orgs
               if start <= m.start and m.end <= label.start and m.explicit]
    return any(r.kind == "region" and r.code != own.code for r in regions) and \
        not any(r.code == own.code for r in regions)


def read_organisation(ctx: DocumentContext, out: Draft) -> None:
    excluded = ctx.collaborating_spans

    def usable(m: Mention) -> bool:
        line = ctx.flow.line_index(m.start)
        line_start, line_end = ctx.flow.line_span(line)
        return not any(s <= m.start < e for s, e in excluded) and \
            not ctx.is_fax_header(line) and \
            not POSTCODE_BEFORE.search(ctx.flow.text[line_start:m.start]) and \
            not ctx.in_person_name(m)

    hint = {"municipality": "municipality", "region": "region"}
    # The surest label first: "Sökande organisation" over a fax header's "FRÅN:".
    labels = sorted((lb for lb in ctx.labels_for("organisation", "municipality", "region")
                     if not ctx.is_fax_header(lb.line)), key=lambda lb: (-lb.priority, lb.start))
    for label in labels:
        found = [m for m in ctx.orgs if label.start <= m.start < label.value_end and usable(m)]
        prefer = hint.get(label.field)
        if found:
            org, certainty = choose(found[0], prefer)
            m = _clearest(ctx, found[0], org, usable)
            _set_org(ctx, out, org, Reading(org, m.start, m.end, certainty * label.priority))
            return
        value = ctx.flow.text[label.end:label.value_end].strip(" :|")
        if not value and label.line + 1 < len(ctx.flow.lines):
            start, end = ctx.flow.line_span(label.line + 1)
            value_start, value = start, ctx.flow.text[start:end]
        else:
            value_start = label.end
        fuzzy = fuzzy_match(value, prefer) if value else None
        if fuzzy:
            org, certainty = fuzzy
            offset = ctx.flow.text.find(value, value_start)
            _set_org(ctx, out, org, Reading(org, offset, offset + len(value), certainty))
            return
    header = [m for m in ctx.orgs if m.start < ctx.title_end and usable(m)]
    if header:
        m, org, certainty = _header_name(ctx, header, usable)
        m = _clearest(ctx, m, org, usable)
        _set_org(ctx, out, org, Reading(org, m.start, m.end, 0.9 * certainty))
        return
    for line in range(min(TITLE_LINES, len(ctx.flow.lines))):
        start, end = ctx.flow.line_span(line)
        fuzzy = fuzzy_match(ctx.flow.text[start:end])
        if fuzzy:
            org, certainty = fuzzy
            _set_org(ctx, out, org, Reading(org, start, end, certainty))
            return
    body = [m for m in ctx.orgs if m.explicit and usable(m)]
    if body:
        org, certainty = choose(body[0])
        named = {choose(m)[0].code for m in body}
        weight = BODY_NAMED_ALONE if named == {org.code} and len(body) > 1 else BODY_NAMED
        m = _clearest(ctx, body[0], org, usable)
        _set_org(ctx, out, org, Reading(org, m.start, m.end, weight * certainty))
        return
    by_mail = mail_domain_organisation(ctx.flow.text)
    if by_mail:  # only a printed mail's address names the sender: a guess, for review
        org, start, end = by_mail
        _set_org(ctx, out, org, Reading(org, start, end, MAIL_DOMAIN_CERTAINTY))


BODY_NAMED = 0.6
"""An organisation named only in the body, with its kind: likely the sender, for review."""
BODY_NAMED_ALONE = 0.9
"""The same, named twice or more (the opening sentence and the signature) and no other
region or municipality named with its kind outside a collaboration list."""


def _set_org(ctx: DocumentContext, out: Draft, org, reading: Reading) -> None:
    out.record.organisation = as_ref(org)
    out.note("organisation", reading)


def _clearest(ctx: DocumentContext, mention: Mention, org: Organisation,
              usable: Callable[[Mention], bool]) -> Mention:
    """The mention of ``org`` that OCR read most clearly, ``mention`` on a tie: a letterhead's
    name in a display face OCR scores low is as sure as the body's clean "Region Sörmland
    rekvirerar" naming the same organisation with its kind."""
    same = [mention, *(m for m in ctx.orgs if m is not mention and m.explicit and usable(m)
                       and choose(m)[0].code == org.code)]

    def clarity(m: Mention) -> float:
        ev = ctx.evidence("organisation", Reading(org, m.start, m.end, 1.0))
        return ev.word_confidence if ev is not None else 0.0

    return max(same, key=clarity)


def _header_name(ctx: DocumentContext, header: list[Mention],
                 usable: Callable[[Mention], bool]) -> tuple[Mention, Organisation, float]:
    """The heading's organisation: its first mention, unless that is a bare name (a
    letterhead's postal town, "371 81 Karlskrona" as OCR interleaved it with "Region
    Blekinge") and a later bare one is what the text names with its kind word ("Region
    Blekinge rekvirerar"); then that one, as the organisation the text names."""
    if not header[0].explicit:
        named = {c.organisation.code for m in ctx.orgs if m.explicit and usable(m)
                 for c in m.candidates if c.explicit}
        for m in itertools.takewhile(lambda m: not m.explicit, header):
            confirmed = [c for c in m.candidates if c.organisation.code in named]
            if confirmed:
                return m, confirmed[0].organisation, choose(m)[1]
    return header[0], *choose(header[0])


def read_share(ctx: DocumentContext, out: Draft) -> None:
    """The municipal share: a percentage, in figures or words ("tjugofem procent"), whose
    nearest party word is the municipality's
    ("Andel till kommunal verksamhet 25 %", "Av bidraget ska 40 procent finansiera
    kommunal verksamhet"), or a bare "Andel: 40 %" in a form."""
    folded = STOP_BEFORE_PERCENT.sub(":", OCR_ANDEL.sub("andel", ctx.folded))
    best: Reading | None = None
    percentages = [(m.start(), m.end(), float(m.group("num").replace(",", ".")))
                   for m in SHARE.finditer(folded)]
    percentages += find_worded_percentages(folded)
    for start, end, value in percentages:
        certainty = _share_certainty(ctx, folded, start, end)
        if certainty and 0 <= value <= 100 and (best is None or certainty > best.certainty):
            best = Reading(float(value), start, end, certainty)
    if best is None or best.certainty < 1.0:
        best = _share_respectively(ctx, folded) or best
    if best is None:
        best = _share_without_unit(ctx, folded)
    if best is None:
        best = _share_in_wrapped_form(ctx)
    if best is not None:
        out.record.municipal_share_percent = best.value
        out.note("municipal_share_percent", best)


def _share_certainty(ctx: DocumentContext, folded: str, start: int, end: int) -> float:
    """How surely the percentage at ``start:end`` is the municipal share; 0 if it is not."""
    clause_start, clause_end = ctx.clause(folded, start, end)
    parties = [p for p in SHARE_PARTY.finditer(folded, clause_start, clause_end)
               if p.end() <= start or p.start() >= end]
    owners = [p for p in parties if p.end() <= start and OWNER.fullmatch(p.group())]
    if parties:
        # "Kommunens andel är 45 procent och regionens andel 55 procent": an owner before
        # the figure decides; else the party the share goes to ("avser regionen att låta
        # 40 procent … finansiera kommunal verksamhet"); else the party nearest to it.
        def distance(m: re.Match[str]) -> int:
            return start - m.end() if m.end() <= start else m.start() - end

        gets = [m for m in BENEFICIARY.finditer(folded, clause_start, clause_end)
                if m.end() <= start or m.start() >= end]
        if owners:
            party = owners[-1].group()
        elif gets:
            party = min(gets, key=distance).group("party")
        else:
            party = min(parties, key=distance).group()
        if not party.startswith(("kommun", "socialtjanst")):
            return 0.0
        return 1.0 if SHARE_WORDS.search(folded, clause_start, clause_end) else 0.0
    if _damaged_municipal_word(folded[clause_start:start] + " " + folded[end:clause_end]) and \
            SHARE_WORDS.search(folded, clause_start, clause_end):
        return 0.8
    line_start, _ = ctx.flow.line_span(ctx.flow.line_index(start))
    return 0.8 if SHARE_LABEL.search(folded, line_start, start) else 0.0


def _damaged_municipal_word(text: str) -> bool:
    """A word OCR damaged from "kommunal"/"kommunens" ("kaomminal", "Kommmens",
    "Komminensa"): the share's party where no party word reads cleanly."""
    return any(len(w) >= 6 and w[0] == "k" and process.extractOne(
        w, MUNICIPAL_WORDS, scorer=fuzz.ratio, score_cutoff=DAMAGED_PARTY_CUTOFF)
        for w in re.findall(r"[^\W\d_]+", text))


def _share_respectively(ctx: DocumentContext, folded: str) -> Reading | None:
    """"mellan kommun och region är 40 respektive 60 procent": the share in the place of
    the municipality among the two parties named before the figures in their clause."""
    for m in RESPECTIVE.finditer(folded):
        clause_start, _ = ctx.clause(folded, m.start(), m.end())
        parties = list(SHARE_PARTY.finditer(folded, clause_start, m.start()))[-2:]
        if len(parties) != 2 or not re.search(r"\b(?:mellan|och)\b",
                                               folded[parties[0].end():parties[1].start()]):
            continue
        municipal = [p.group().startswith(("kommun", "socialtjanst")) for p in parties]
        if municipal.count(True) != 1:
            continue
        group = "a" if municipal[0] else "b"
        value = float(m.group(group))
        if 0 <= value <= 100:
            return Reading(value, m.start(group), m.end(group), 0.9)
    return None


def _share_without_unit(ctx: DocumentContext, folded: str) -> Reading | None:
    """"Kommunal andel 40" ending its line, or alone on the line below a form's label: the
    percent sign lost, or written in the label ("Kommunal andel (%) 50"), also where the
    label wraps after its value ("... kommunal 35 / verksamhet (%)")."""
    for i in range(len(ctx.flow.lines)):
        start, end = ctx.flow.line_span(i)
        cue = SHARE_LINE.search(folded, start, end)
        if not cue:
            continue
        m = BARE_SHARE.search(folded, cue.end(), end)
        glued = GLUED_PERCENT.search(folded, cue.end(), end) if m is None else None
        if glued and int(glued.group("num")) <= 100:
            return Reading(float(glued.group("num")), glued.start("num"), glued.end(),
                           GLUED_PERCENT_CERTAINTY)
        if m is None and i + 1 < len(ctx.flow.lines) and \
                not re.search(r"\d", PERCENT_UNIT.sub("", folded[cue.end():end])):
            below_start, below_end = ctx.flow.line_span(i + 1)
            m = STACKED_SHARE.fullmatch(folded, below_start, below_end)
        if m and 0 <= int(m.group("num")) <= 100:
            label = folded[start:end]
            if m.start() < end and i + 1 < len(ctx.flow.lines):
                below_start, below_end = ctx.flow.line_span(i + 1)
                if not re.search(r"\d", folded[below_start:below_end]):
                    label += folded[below_start:below_end]  # "kommunal 35\nverksamhet (%)"
            certainty = 0.9 if re.search(r"%|\bprocent\b", label) or PERCENT_UNIT.search(label) \
                else 0.5
            return Reading(float(m.group("num")), m.start("num"), m.end("num"), certainty)
    return None


def _share_in_wrapped_form(ctx: DocumentContext) -> Reading | None:
    """"Andel av bidraget som finansierar   30 / kommunal verksamhet (%)": a bare number as
    the value of a share label that wraps beside it."""
    for spans in ctx.wrapped_form_rows(WRAPPED_SHARE):
        start, end = spans[0]
        m = STACKED_SHARE.fullmatch(ctx.folded, start, end)
        if m and 0 <= int(m.group("num")) <= 100:
            return Reading(float(m.group("num")), m.start("num"), m.end("num"), 0.85)
    return None


def read_reference(ctx: DocumentContext, out: Draft) -> None:
    for label in ctx.labels_for("reference"):
        m = REFERENCE.search(ctx.flow.text, label.end, label.value_end + 1)
        if m and not ctx.flow.text[label.end:m.start()].strip(" :.\t"):
            _set_reference(ctx, out, m, 1.0)
            return
        start, end = label.end, label.value_end
        stacked = label.line + 1 < len(ctx.flow.lines)
        if stacked and not ctx.flow.text[start:end].strip(" :.\t"):
            start, end = ctx.flow.line_span(label.line + 1)  # a form's value line
        m = LABELLED_REFERENCE.match(ctx.flow.text, start, end)
        if m and sum(c.isdigit() for c in m.group("ref")) >= 4:
            out.record.reference = m.group("ref")
            out.note("reference", Reading(m.group("ref"), m.start("ref"),
                                               m.end("ref"), 0.9))
            return
    for m in REFERENCE.finditer(ctx.flow.text):
        if re.match(r"[A-ZÅÄÖ]", m.group("ref")):
            _set_reference(ctx, out, m, 0.6)
            return


def _set_reference(ctx: DocumentContext, out: Draft, m: re.Match[str], certainty: float) -> None:
    ref = re.sub(r"\s*/\s*", "/", " ".join(m.group("ref").split()))
    ref = re.sub(r"^([A-ZÅÄÖ]+)(\d)", r"\1 \2", ref) if not re.match(r"^[A-Z]\d", ref) else ref
    out.record.reference = ref
    out.note("reference", Reading(ref, m.start(), m.end(), certainty))


def read_tables(ctx: DocumentContext, out: Draft) -> None:
    """Itemised tables: rows of "cost item  amount(s)" above a "Summa ..." line.

    Each figure column (Budget, Utfall) is a table of its own. "Varav" rows itemise the
    row above and are not summed. Rows on the page before count where the table says it goes
    on ("forts.", a repeated column header). A table that does not add up counts only when every
    figure reads cleanly, so OCR damage in one row does not turn into a sum mismatch.
    A return report that states no used amount otherwise has spent its cost table's
    total, in the column of actual costs (the grand total, not a group's subtotal).
    """
    spent: list[tuple[int, int, list[AmountMatch]]] = []
    subtotals: set[int] = set()
    for total_line, line_text in enumerate(ln.text for ln in ctx.flow.lines):
        if not _is_total(line_text):
            continue
        totals = ctx.row_amounts(total_line, total=True)
        if not totals:
            continue
        rows, line, inner = _rows_above(ctx, total_line, len(totals))
        if len(rows) < 2:
            columns = _rows_of_total_columns(ctx, total_line, totals)
            if len(columns[0]) >= 2:
                rows, line, inner = columns
        subtotals |= inner
        # Rows end at a row whose figures did not read as the columns' ("604300 - 666 600"):
        # the table is not all there, and its sum says nothing.
        broken = line >= 0 and bool(ctx.row_amounts(line))
        continued = ctx.repeated_header(line)
        lines = ctx.flow.lines[line + 1:total_line + 1]
        earlier = ctx.rows_before_page_break(line, len(totals)) if rows else None
        if earlier is not None:
            rows = earlier[0] + rows
            continued = ctx.repeated_header(earlier[1])
        if len(rows) < 2:
            continue
        page = lines[0].page
        words = [w for ln in lines if ln.page == page for w in ln.words]
        for column, total in enumerate(totals):
            cells = [row[column] for row in rows]
            values = [_kronor(ctx.signed(a)) for a in cells]
            stated = _kronor(ctx.signed(total))
            adds_up = abs(sum(values) - stated) <= 1
            if adds_up or (not continued and not broken
                           and all(ctx.clean_figure(a) for a in [*cells, total])):
                out.record.tables.append(ItemisedTable(tuple(values), stated, page,
                                                       union_bbox(words)))
        spent.append((line, total_line, totals))
    for line, total_line, totals in spent:
        if total_line not in subtotals:
            _used_from_table(ctx, out, line, total_line, totals)


def _kronor(value: Decimal) -> int | float:
    """A table's figure as stored: whole kronor, or kronor and öre where öre are written, so
    rows of öre add up to their total as the account does."""
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def _is_total(line_text: str) -> bool:
    first = fold(re.sub(r"^\W+", "", line_text)).split(maxsplit=1)
    return bool(first) and first[0].strip(":") in TOTAL_WORDS


def _rows_above(ctx: DocumentContext, total_line: int,
                width: int) -> tuple[list[list[AmountMatch]], int, set[int]]:
    """The rows a total line sums, top to bottom, the line above them (a header) and the
    subtotal lines among them.

    A subtotal row ("Summa personalkostnader") stands for the rows of its group: those and
    the group's heading ("Övriga kostnader") are passed over, and the groups above go on
    into the total ("SUMMA KOSTNADER" = the subtotals)."""
    rows: list[list[AmountMatch]] = []
    subtotals: set[int] = set()
    line = total_line - 1
    while line >= 0:
        if ctx.no_row(line) or _wrapped_label(ctx, line):
            line -= 1
            continue
        subtotal = _is_total(ctx.flow.lines[line].text)
        amounts = ctx.row_amounts(line, total=subtotal)
        if len(amounts) != width or not all(ctx.plausible(a) for a in amounts):
            break  # no row: a header, or a running "Regionstyrelsen Sida 2"
        rows.append(amounts)
        if subtotal:
            subtotals.add(line)
            line = _above_group(ctx, line - 1, width)
        else:
            line -= 1
    rows.reverse()
    return rows, line, subtotals


def _rows_of_total_columns(ctx: DocumentContext, total_line: int, totals: list[AmountMatch]
                           ) -> tuple[list[list[AmountMatch]], int, set[int]]:
    """The rows above a total line that totals only some of the table's columns (quarters
    Kv 1–Kv 4 and "Helår", with "Summa" under Helår alone): each total's column is the one
    whose figures end where it ends."""
    above = total_line - 1
    while above >= 0 and ctx.no_row(above):
        above -= 1
    cells = ctx.row_amounts(above) if above >= 0 else []
    if len(cells) <= len(totals):
        return [], above, set()
    def apart(cell: AmountMatch, total: AmountMatch) -> float:
        return abs(ctx.x_span(cell)[1] - ctx.x_span(total)[1])

    columns = [min(range(len(cells)), key=lambda j: apart(cells[j], t)) for t in totals]
    if len(set(columns)) != len(columns) or any(
            apart(cells[j], t) > COLUMN_ALIGNMENT for j, t in zip(columns, totals)):
        return [], above, set()
    rows, line, inner = _rows_above(ctx, total_line, len(cells))
    return [[row[j] for j in columns] for row in rows], line, inner


def _wrapped_label(ctx: DocumentContext, line: int) -> bool:
    """A row's label going on over a line of its own, in lower case and without figures."""
    text = ctx.flow.lines[line].text.lstrip(" '‘|.,;:")
    return text[:1].islower() and not ctx.row_amounts(line)


def _above_group(ctx: DocumentContext, line: int, width: int) -> int:
    """The line above a subtotal's group: past its rows and, where another row or subtotal
    stands above it, its heading."""
    def is_row(i: int) -> bool:
        return ctx.no_row(i) or \
            len(ctx.row_amounts(i, total=_is_total(ctx.flow.lines[i].text))) == width

    while line >= 0 and is_row(line) and not _is_total(ctx.flow.lines[line].text):
        line -= 1
    heading = line >= 1 and not ctx.row_amounts(line) and not _is_total(ctx.flow.lines[line].text)
    return line - 1 if heading and is_row(line - 1) else line


def _used_from_table(ctx: DocumentContext, out: Draft, above: int, total_line: int, totals: list[AmountMatch]) -> None:
    """A cost table's total as the used amount, when nothing else states it."""
    if out.record.document_type != "return_report" or "used" in out.record.amounts:
        return
    context = " ".join(fold(ln.text) for ln in
                       ctx.flow.lines[max(0, above - COST_CONTEXT_LINES + 1):above + 1])
    total_text = fold(ctx.flow.lines[total_line].text)
    if not (COST_CONTEXT.search(context) or COST_CONTEXT.search(total_text)):
        return
    total = totals[_actual_column(ctx, out, above, totals)]
    out.write("amounts.used", Reading(total.amount, total.start, total.end, 0.8))


def _actual_column(ctx: DocumentContext, out: Draft, header_line: int, totals: list[AmountMatch]) -> int:
    """The column of actual costs: the one whose header says so ("Utfall") or names the
    grant year; else the last, where the current figures stand."""
    if len(totals) == 1 or header_line < 0:
        return len(totals) - 1
    header = ctx.flow.lines[header_line].words
    for i, total in enumerate(totals):
        words = ctx.flow.words_in(total.start, total.end)
        x0, x1 = min(w.frame[0] for w in words), max(w.frame[2] for w in words)
        above = " ".join(fold(w.text) for w in header
                         if w.frame[2] > x0 - 40 and w.frame[0] < x1 + 5)
        if ACTUAL_COLUMN.search(above) or (
                out.record.grant_year is not None and str(out.record.grant_year) in above):
            return i
    return len(totals) - 1



Check = Callable[[DocumentContext, Extraction], bool]


def always(ctx: DocumentContext, record: Extraction) -> bool:
    return True


def of_type(kind: str, unless: str | None = None) -> Check:
    """Applies to documents of ``kind`` whose field ``unless`` is not yet read."""
    def check(ctx: DocumentContext, record: Extraction) -> bool:
        return record.document_type == kind and not (unless and record.has(unless))
    return check


@dataclass(frozen=True)
class Reader:
    name: str
    read: Callable[[DocumentContext, Draft], None]
    writes: tuple[str, ...]
    needs: tuple[str, ...] = ()
    able_to_run: Check = always


READERS: tuple[Reader, ...] = (
    Reader("type and program", read_type_and_program, ("document_type", "program")),
    Reader("labelled amounts", read_labelled_amounts,
           tuple(f"amounts.{k}" for k in (*AMOUNT_FIELDS, "decided")), ("document_type",)),
    Reader("requested in prose", read_requested_in_prose, ("amounts.requested",),
           ("document_type", "amounts.requested"), of_type("requisition", "amounts.requested")),
    Reader("report amounts in prose", read_report_in_prose,
           tuple(f"amounts.{k}" for k in REPORT_FIELDS), ("document_type", "amounts.received"),
           of_type("return_report")),
    Reader("decided in prose", read_decided_in_prose, ("amounts.decided",),
           ("document_type", "amounts.decided"), of_type("decision", "amounts.decided")),
    Reader("date", read_date, ("document_date",)),
    Reader("grant year", read_grant_year, ("grant_year",), ("document_type", "document_date")),
    Reader("organisation", read_organisation, ("organisation",)),
    Reader("collaborating municipalities", read_collaborating,
           ("collaborating_municipalities",), ("organisation",)),
    Reader("municipal share", read_share, ("municipal_share_percent",)),
    Reader("reference", read_reference, ("reference",)),
    Reader("itemised tables", read_tables, ("tables", "amounts.used"),
           ("document_type", "grant_year", "amounts.used")),
)
"""Every reader, in the order they run."""


def run_readers(ctx: DocumentContext, readers: tuple[Reader, ...] = READERS) -> Extraction:
    draft = Draft(ctx)
    if not ctx.flow.lines:
        return draft.record
    for reader in readers:
        if reader.able_to_run(ctx, draft.record):
            draft.allowed = frozenset(reader.writes)
            draft.reader = reader.name
            reader.read(ctx, draft)
    return draft.record
