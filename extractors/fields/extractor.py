"""From a document's words to the fields of its record, each with evidence.

Pipeline: regroup words into lines by geometry (extractors.fields.layout), parse the joined text once
with the spaCy pipeline, find labels in form position, then read each field from its label's
value (same line, or the line just below when the row broke), from sentences (decisions,
"Vi rekvirerar ..."), or from the header lines. Every value keeps the words it came from:
its evidence's confidence is the words' OCR confidence times how sure the reading is.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from config.programs import ProgramCatalog, default_programs
from extractors.fields import classify
from extractors.fields.amounts import AmountMatch, declared_scale, find_amounts, with_scale
from extractors.fields.coordination import municipality_list
from extractors.fields.dates import DateMatch, find_dates
from extractors.fields.labels import Label, find_labels
from extractors.fields.language import language, role_of, zero_statements
from extractors.fields.layout import Flow, build_flow, union_bbox
from extractors.model import (
    Amount,
    DocumentText,
    Evidence,
    Extraction,
    ItemisedTable,
    OrgRef,
)
from extractors.fields.nlp import parse
from extractors.fields.organisations import Mention, as_ref, choose, fuzzy_match, mentions
from extractors.fields.text import fold

TITLE_LINES = 5
"""Lines at the top of the first page that count as heading (title, sender, date)."""
HEADING_LINES = 12
"""How far down a letter's title may stand under letterhead, reference, date and address."""
PROSE_LINE = re.compile(r"(?:\S+\s+){7,}\S*(?:\.$|\.\s)")
"""A line of eight words or more with a sentence end: body text, not heading."""
AMOUNT_FIELDS = ("requested", "received", "used", "unused")
REPORT_FIELDS = ("received", "used", "unused")
"""Amounts only a return report states; a requisition's budget total is not "used"."""
MAX_TABLE_ROWS = 25
"""How far above a bare figure its column header may stand."""
TOTAL_WORDS = {"summa", "totalt", "total"}
"""The first word of an itemised table's total row."""
SUB_ROW = re.compile(r"^\W*varav\b")
"""A table row that itemises part of the row above ("varav sociala avgifter"): not summed."""
WRAPPED_FIGURE_END = re.compile(r"(?:^|\s)\d{1,3}$")
WRAPPED_FIGURE_START = re.compile(r"\d{3}(?![\d,.]\d)(?:\s|:-|,-|\.-|$|[.,;](?:\s|$))")
PROSE_WORDS = 6
SPECK_LINE = re.compile(r"\W*[^\W\d_]{0,2}\W*")
"""A line between table rows that holds a speck or two OCR took for letters ("a", "|,"):
no row, and no end of the table."""
COLUMN_GAP = 1.5
"""A gap between two words on a line wider than this many word heights separates columns:
a number does not run on across it ("990 000      543 000" is two figures)."""
ACTUAL_COLUMN = re.compile(r"\b(?:utfall\w*|faktisk\w*|redovisa\w*|forbruka\w*|kostnad\w*)")
"""A column header that names what was actually spent (as against "Budget")."""
COST_CONTEXT = re.compile(r"\bkostnad")
COST_CONTEXT_LINES = 3
"""How many lines above a table a "Kostnadsredovisning" heading or header may stand."""
# The patterns below run on folded text (extractors.fields.text.fold): no å, ä, ö, lower case.
DEADLINE_WORDS = re.compile(
    r"\b(senast|fore|innan|sista|t\.?\s?o\.?\s?m\.?|till och med|deadline|inom"
    r"|fr\.?\s?o\.?\s?m\.?|fran och med|mellan|perioden?|under)\s*(den\s+)?$"
)
RANGE_AFTER = re.compile(r"^\s*(?:[-–—]|till|t\.?o\.?m\.?)\s*")
DECISION_HEADING = re.compile(
    r"(?:forslag till beslut|beslutsforslag|beslut|beslutet|[^\W\d_]+s beslut)\s*:?"
)
OTHER_HEADING = re.compile(
    r"(?:arende|arendet|arendebeskrivning|sammanfattning|bakgrund|beslutsunderlag|yrkanden?"
    r"|propositionsordning|ekonomiska konsekvenser|overvaganden?|motivering|justerare"
    r"|justering|utdragsbestyrkande|(?:beslutet )?skickas till|expedieras till|uppfoljning)"
    r"\s*:?"
)
"""Section headings of a protocol or decision, matched on a whole folded line."""
YEAR = re.compile(r"(?<![\w/:.,-])((?:19|20)\d{2})(?![\w/:-]|[.,]\d)")
YEAR_CONTEXT = (
    (re.compile(r"\bbidragsar(?:et)?\s*:?\s*$"), 3.0),
    (re.compile(r"\b(?:for|under|avser)\s+(?:ar\s+)?$"), 1.5),
    (re.compile(r"\b(?:kronor|kr|sek|tkr|mnkr)\s*$"), 2.0),
)
YEAR_BEFORE = re.compile(r"^\s*ars\b")
REFERENCE = re.compile(
    r"(?P<ref>\b[A-ZÅÄÖ]{1,5}[ \u00a0]?\d{4}[ \u00a0]?/[ \u00a0]?\d{1,6}(?:[-:]\d{1,4})?\b"
    r"|\b\d{4}/\d{1,6}\b)"
)
LABELLED_REFERENCE = re.compile(
    r"[ \t:.]*(?P<ref>(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,7}(?:-[A-ZÅÄÖ]+)*(?:[ /-](?=\d)|(?=\d)))?"
    r"\d[\dA-ZÅÄÖ]*"
    r"(?:[-/:.][\dA-ZÅÄÖ]+)*)"
)
"""A diarienummer in other forms, right after its label: "HSN 2024-00231", "RS/2024:112",
"23RK1456", "RÖ 2024-01877"."""
SHARE = re.compile(
    r"(?<![\d,.])(?P<num>\d{1,3}(?:[,.]\d{1,2})?)\s*(?P<unit>%|procent\b|pct\b)"
)
SHARE_LINE = re.compile(
    r"\bandel(?:en)?\b.{0,60}?\bkommun|\bkommun\w*\s+andel\b|\bandel(?:en)?\b.{0,40}?\bsocialtjanst"
)
OCR_ANDEL = re.compile(r"\bande[t1i|](?=(?:en)?\b)")
""""andel" with its l read as t, 1, i or | (same length, so offsets hold)."""
SHARE_PARTY = re.compile(r"\b(?:kommun\w*|socialtjanst\w*|region\w*|landsting\w*)")
"""Who a percentage goes to; the one written nearest to it decides."""
OWNER = re.compile(r"(?:kommun|region|socialtjanst|landsting)\w*(?:ens|ets|s)")
"""A party in the genitive, owning the share that follows it in its clause."""
RESPECTIVE = re.compile(
    r"(?P<a>\d{1,3})\s*(?:%|procent)?\s+(?:respektive|resp\.?|och)\s+(?P<b>\d{1,3})\s*(?:%|procent)")
"""Two shares in the order of the two parties named before them: "Fördelningen mellan kommun
och region är 40 respektive 60 procent"."""
SHARE_WORDS = re.compile(r"\b(?:andel\w*|del|finansier\w*|till|tilldela\w*|avse\w*|gar|bidrag\w*)\b")
SHARE_LABEL = re.compile(
    r"(?:^[\W\d_]*(?:kommunal\s+)?andel(?:en)?\s*:?|\bandel(?:en)?\s*:)\s*$", re.MULTILINE
)
"""A bare "Andel: 40 %" in a form (at a line's start, or with a colon), right before the
percentage: the share without saying whose."""
BARE_SHARE = re.compile(r"(?P<num>\d{1,3})\s*$")
STACKED_SHARE = re.compile(r"\s*(?P<num>\d{1,3})\s*")
"""A form's value line under its share label: the number alone."""
SENTENCE_END = re.compile(r"[.!?](?=\s)")
SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ0-9§])")
"""A sentence's end where the next begins in capitals: not after an abbreviation or "att"
that OCR read as "all." ("beslutar all. avsätta 758 000 kronor")."""


@dataclass(frozen=True)
class Reading:
    """A value and where it was read."""

    value: object
    start: int
    end: int
    certainty: float
    """How sure the parse and match are, before the words' OCR confidence."""


class Extractor:
    """Reads one document's fields; holds the parsed text shared by the field readers."""

    def __init__(self, doc: DocumentText, catalog: ProgramCatalog):
        self.flow: Flow = build_flow(doc)
        self.folded = fold(self.flow.text)
        """The flow's text folded (extractors.fields.text.fold), offset for offset."""
        self.doc: Doc = parse(self.flow.prose_text())
        self.catalog = catalog
        self.orgs: list[Mention] = mentions(self.doc)
        self.labels: list[Label] = find_labels(
            self.doc, self.flow, names=[(m.start, m.end) for m in self.orgs if m.explicit])
        self.dates: list[DateMatch] = find_dates(self.flow.text)
        self.column_text = self._with_column_breaks()
        found = [a for a in find_amounts(self.column_text)
                 if not self._inside_date(a.start, a.end)]
        self.amounts: list[AmountMatch] = self._in_declared_units(found)
        title_line = min(TITLE_LINES, len(self.flow.lines)) - 1
        self.title_end = self.flow.line_span(title_line)[1] if self.flow.lines else 0
        self.out = Extraction()

    # -- evidence ---------------------------------------------------------------------------

    def evidence(self, field: str, reading: Reading) -> float:
        words = self.flow.words_in(reading.start, reading.end)
        if not words:
            return 0.0
        # The digits decide an amount or a date; a unit word read poorly ("SEK" at 0.59) does not.
        deciding = [w for w in words if any(c.isdigit() for c in w.text)] or words
        confidence = round(min(w.confidence for w in deciding) * reading.certainty, 3)
        page = words[0].page
        same_page = [w for w in words if w.page == page]
        self.out.evidence.append(Evidence(
            field, self.flow.text[reading.start:reading.end], page, union_bbox(same_page),
            confidence,
        ))
        return confidence

    def _heading_end(self) -> int:
        """Where the heading ends for the document type: before the first sentence of body
        text, so a title under a letterhead and an address block counts as title; the title
        lines when no body sentence begins within HEADING_LINES."""
        for line in range(min(HEADING_LINES, len(self.flow.lines))):
            if PROSE_LINE.search(self.flow.lines[line].text):
                return self.flow.line_span(line)[0]
        return self.title_end

    def _with_column_breaks(self) -> str:
        """The flow text with a tab for each space that stands for a column gap, so amounts
        are read per column; offsets are those of ``flow.text``."""
        chars = list(self.flow.text)
        spans = self.flow.word_spans
        for (_, end, left), (start, _, right) in itertools.pairwise(spans):
            if start != end + 1 or chars[end] != " " or left.page != right.page:
                continue
            height = max(left.bbox[3] - left.bbox[1], right.bbox[3] - right.bbox[1], 1.0)
            if right.bbox[0] - left.bbox[2] > COLUMN_GAP * height:
                chars[end] = "\t"
        for line in range(1, len(self.flow.lines)):
            if self._figure_wraps_into(line):
                chars[self.flow.line_span(line)[0] - 1] = " "
        return "".join(chars)

    def _figure_wraps_into(self, line: int) -> bool:
        """Whether a figure in running prose breaks over the line end into ``line``
        ("har 4 415\n700:- använts"): the line above is a sentence's and ends in a digit
        group, and this line begins with a group of three."""
        above = self.flow.lines[line - 1].text
        return bool(WRAPPED_FIGURE_END.search(above) and
                    WRAPPED_FIGURE_START.match(self.flow.lines[line].text) and
                    len(above.split()) >= PROSE_WORDS)

    def _in_columns(self, amounts: list[AmountMatch]) -> bool:
        """Whether consecutive amounts stand in separate columns of one row."""
        return any("\t" in self.column_text[a.end:b.start] and
                   not re.search(r"\w", self.column_text[a.end:b.start])
                   for a, b in itertools.pairwise(amounts))

    def _inside_date(self, start: int, end: int) -> bool:
        return any(d.start <= start and end <= d.end for d in self.dates)

    def labels_for(self, *fields: str) -> list[Label]:
        return [lb for lb in self.labels if lb.field in fields]

    def _their_references(self) -> list[tuple[int, int]]:
        """Values of "Er beteckning", "Ert datum", ...: the other party's document, not this."""
        return [(lb.end, lb.value_end) for lb in self.labels_for("their_reference")]

    # -- amounts ----------------------------------------------------------------------------

    def _in_declared_units(self, amounts: list[AmountMatch]) -> list[AmountMatch]:
        """Bare figures in the unit their label or column header declares ("(tkr)")."""
        out = []
        for a in amounts:
            scale = None if a.has_unit else self._declared_scale(a, amounts)
            out.append(with_scale(a, scale) if scale is not None and scale != 1 else a)
        return out

    def _declared_scale(self, a: AmountMatch, amounts: list[AmountMatch]) -> int | None:
        """The unit declared before the figure on its line, or above it: by a stacked label
        or a column header, across table rows that end in a bare figure."""
        line = self.flow.line_index(a.start)
        start, _ = self.flow.line_span(line)
        scale = declared_scale(self.flow.text[start:a.start])
        above = line - 1
        while scale is None and above >= 0 and line - above <= MAX_TABLE_ROWS:
            start, end = self.flow.line_span(above)
            scale = declared_scale(self.flow.text[start:end])
            if scale is None and not self._bare_figure_row(start, end, amounts):
                return None
            above -= 1
        return scale

    def _bare_figure_row(self, start: int, end: int, amounts: list[AmountMatch]) -> bool:
        on_line = [a for a in amounts if start <= a.start and a.end <= end]
        return bool(on_line) and not any(a.has_unit for a in on_line) and \
            not re.search(r"\w", self.flow.text[on_line[-1].end:end])

    def _plausible(self, a: AmountMatch) -> bool:
        digits = sum(c.isdigit() for c in a.text)
        if a.has_unit:
            return True
        return digits >= 3 and not (YEAR.fullmatch(a.text.strip()) and digits == 4)

    def _amount_certainty(self, between: str, a: AmountMatch) -> float:
        certainty = 1.0 if a.has_unit else 0.9
        if not a.clean:
            certainty *= 0.75
        words = [w for w in re.sub(r"\([^)]*\)", " ", between).split()]
        junk = [w for w in words if re.search(r"\w", w) and fold(w.strip(":.,;")) not in language().label_filler]
        if junk:
            certainty *= 0.6
            last = junk[-1]
            if re.fullmatch(r"[^\W\d_]{1,2}", last.strip("|[]:;")) and between.rstrip().endswith(last):
                certainty *= 0.5  # a digit read as a letter just before the number
        return certainty

    def amount_after(self, label: Label) -> Reading | None:
        """The amount in a label's value: on its line, else alone on the line just below.
        A value of figures in several columns (Budget, Utfall) is a table row's: the table
        reading chooses its column."""
        in_value = [a for a in self.amounts
                    if label.end <= a.start and a.end <= label.value_end and self._plausible(a)]
        if self._in_columns(in_value):
            return None
        if in_value:
            a = in_value[0]
            between = self.flow.text[label.end:a.start]
            certainty = self._amount_certainty(between, a) * (1.0 if label.exact else 0.85)
            return Reading(a.amount, a.start, a.end, certainty)
        rest = self.flow.text[label.end:label.value_end]
        if re.search(r"[^\W\d_]{3,}", re.sub(r"\([^)]*\)", "", rest)):
            return None
        if label.value_end != self.flow.line_span(label.line)[1]:
            return None
        if label.line + 1 >= len(self.flow.lines):
            return None
        start, end = self.flow.line_span(label.line + 1)
        if any(lb.line == label.line + 1 for lb in self.labels):
            return None
        below = [a for a in self.amounts
                 if start <= a.start and a.end <= end and self._plausible(a)]
        leftover = self.flow.text[start:end]
        for a in below:
            leftover = leftover.replace(a.text, " ")
        if len(below) == 1 and not re.search(r"[^\W\d_]{3,}", leftover):
            a = below[0]
            return Reading(a.amount, a.start, a.end, 0.8 * self._amount_certainty("", a))
        return None

    def read_amounts(self) -> None:
        fields = list(AMOUNT_FIELDS)
        chosen: dict[str, tuple[float, Reading]] = {}
        for label in self.labels_for(*fields, "amount"):
            field = label.field
            if field in REPORT_FIELDS and self.out.document_type != "return_report":
                continue
            if field == "amount":
                if self.out.document_type == "requisition":
                    field = "requested"
                elif self.out.document_type == "decision":
                    field = "decided"
                else:
                    continue
            reading = self.amount_after(label)
            if reading is None:
                continue
            best = chosen.get(field)
            if best is None or label.priority > best[0]:
                chosen[field] = (label.priority, reading)
        if self.out.document_type == "requisition" and "requested" not in chosen:
            reading = self._requested_from_text()
            if reading:
                chosen["requested"] = (0.0, reading)
        if self.out.document_type == "return_report":
            for field, reading in self._report_amounts_from_text().items():
                chosen.setdefault(field, (0.0, reading))
        if self.out.document_type == "decision" and "decided" not in chosen:
            reading = self._decided_from_text()
            if reading:
                chosen["decided"] = (0.0, reading)
        for field, (_, reading) in chosen.items():
            self.out.amounts[field] = reading.value
            self.evidence(f"amounts.{field}", reading)

    def _sentence_before(self, offset: int, limit: int = 300) -> str:
        start = max(0, offset - limit)
        context = self.flow.text[start:offset]
        ends = list(SENTENCE_BREAK.finditer(context))
        return fold(context[ends[-1].start() + 1:] if ends else context)

    def _decided_from_text(self) -> Reading | None:
        """The amount the decision itself states. Of amounts in a sentence with a decision
        cue, one that a "beslutar" sentence or the "Beslut" section of a protocol carries
        wins over one that only describes the allocation ("har tilldelats 1 709 tkr")."""
        best: tuple[int, Reading] | None = None
        sections = self._decision_sections()
        for a in self.amounts:
            if not a.has_unit:
                continue
            context = self._sentence_before(a.start)
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

    def _decision_sections(self) -> list[tuple[int, int]]:
        """Spans under a "Beslut" heading, each up to the next section heading."""
        spans: list[tuple[int, int]] = []
        start: int | None = None
        for i, line in enumerate(self.flow.lines):
            heading = fold(line.text).strip()
            line_start, line_end = self.flow.line_span(i)
            if DECISION_HEADING.fullmatch(heading) or OTHER_HEADING.fullmatch(heading):
                if start is not None:
                    spans.append((start, line_start))
                start = line_end if DECISION_HEADING.fullmatch(heading) else None
        if start is not None:
            spans.append((start, len(self.flow.text)))
        return spans

    def _requested_from_text(self) -> Reading | None:
        with_unit = [a for a in self.amounts if a.has_unit and a.amount.value >= 1000]
        weights = language().confidence
        cues = language().cues("requested")
        for a in with_unit:
            before = self._sentence_before(a.start, 150)
            if any(cue.search(before) for cue in cues):
                certainty = weights["requested_by_cue" if a.clean else "requested_by_cue_unclean"]
                return Reading(a.amount, a.start, a.end, certainty)
        values = {a.amount.value for a in with_unit}
        if len(values) == 1:
            a = with_unit[0]
            return Reading(a.amount, a.start, a.end, weights["requested_only_amount"])
        return None

    def _report_amounts_from_text(self) -> dict[str, Reading]:
        """A return report written as prose: "Region X har tagit emot 5 035 000 kronor ...
        Av dessa har 4 800 000 kronor förbrukats." Each amount with a unit takes the role of
        the nearest cue in its clause (config/language.toml); the first amount of each role
        counts. A sentence that states an amount as nothing ("inget belopp återbetalas")
        gives that role 0 where no figure states it."""
        weights = language().confidence
        found: dict[str, Reading] = {}
        for a in self.amounts:
            if not a.has_unit:
                continue
            clause = self._clause(self.folded, a.start, a.end)
            role = role_of(self.folded, clause, a.start, a.end, REPORT_FIELDS)
            if role and role[0] not in found:
                certainty = weights["prose_amount" if a.clean else "prose_amount_unclean"]
                found[role[0]] = Reading(a.amount, a.start, a.end, certainty)
        for role, start, end in zero_statements(self.folded):
            if role in REPORT_FIELDS and role not in found:
                found[role] = Reading(Amount(0), start, end, weights["zero_statement"])
        return found

    # -- dates ------------------------------------------------------------------------------

    def _is_period_or_deadline(self, d: DateMatch) -> bool:
        if any(s <= d.start < e for s, e in self._their_references()):
            return True
        line = self.flow.line_index(d.start)
        line_start, _ = self.flow.line_span(line)
        before = fold(self.flow.text[max(line_start, d.start - 30):d.start])
        if DEADLINE_WORDS.search(before):
            return True
        after = self.flow.text[d.end:d.end + 6]
        if RANGE_AFTER.match(after) and any(0 < o.start - d.end <= 8 for o in self.dates):
            return True
        if re.search(r"[-–—]\s*$|\btill\s*$", before) and any(
            o.end < d.start and d.start - o.end <= 8 for o in self.dates
        ):
            return True
        return any(lb.line == line and lb.start < d.start for lb in self.labels_for("period"))

    def read_date(self) -> None:
        labelled: list[Reading] = []
        for label in self.labels_for("date"):
            for d in self.dates:
                on_line = label.end <= d.start and d.end <= label.value_end + 40 and \
                    self.flow.line_index(d.start) in (label.line, label.line + 1)
                if on_line and not self._is_period_or_deadline(d):
                    labelled.append(Reading(d.date, d.start, d.end, 1.0 if d.exact else 0.75))
                    break
        if labelled:
            reading = labelled[0]
        else:
            others = [d for d in self.dates if not self._is_period_or_deadline(d)]
            if not others:
                return
            d = others[0]
            reading = Reading(d.date, d.start, d.end, 0.7 if d.exact else 0.5)
        self.out.document_date = reading.value
        self.evidence("document_date", reading)

    # -- classification and year ------------------------------------------------------------

    def classify(self) -> None:
        kind = classify.document_type(self.doc, self._heading_end(), self._their_references())
        self.out.document_type = kind.value
        if kind.hit:
            self.evidence("document_type", Reading(kind.value, kind.hit.start, kind.hit.end,
                                                   kind.confidence))
        program = classify.program(self.doc, self.title_end, self.catalog)
        self.out.program = program.value
        if program.hit:
            self.evidence("program", Reading(program.value, program.hit.start, program.hit.end,
                                             program.confidence))

    def read_grant_year(self) -> None:
        text = self.flow.text
        folded = self.folded
        scores: dict[int, float] = {}
        where: dict[int, tuple[int, int]] = {}
        references = [m.span() for m in REFERENCE.finditer(text)]

        def add(year: int, start: int, end: int, weight: float) -> None:
            if start < self.title_end:
                weight *= 2
            scores[year] = scores.get(year, 0.0) + weight
            if year not in where or weight >= 1.0:
                where.setdefault(year, (start, end))

        program_ends = {h.end for h in classify.program_hits(self.doc, self.catalog)}
        for m in YEAR.finditer(text):
            start, end = m.span(1)
            if self._inside_date(start, end) or any(s <= start < e for s, e in references):
                continue
            year = int(m.group(1))
            before = folded[max(0, start - 40):start]
            weight = 0.5
            if any(0 <= start - e <= 4 and not text[e:start].strip(" -–—:") for e in program_ends):
                weight = 4.0
            elif YEAR_BEFORE.match(folded[end:end + 6]):
                weight = 3.0
            else:
                for pattern, w in YEAR_CONTEXT:
                    if pattern.search(before):
                        weight = w
                        break
            add(year, start, end, weight)
        for label in self.labels_for("period"):
            for d in self.dates:
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
            self.out.grant_year = year
            self.evidence("grant_year", Reading(year, start, end, certainty))
        elif self.out.document_date:
            d = self.out.document_date
            year = d.year - 1 if self.out.document_type == "return_report" else d.year
            self.out.grant_year = year
            ev = next(e for e in self.out.evidence if e.field == "document_date")
            self.out.evidence.append(Evidence("grant_year", ev.text, ev.page, ev.bbox,
                                              round(ev.confidence * 0.5, 3)))

    # -- organisations ----------------------------------------------------------------------

    def _collaborating_spans(self) -> list[tuple[int, int]]:
        spans = []
        for label in self.labels_for("collaborating", "collaborating_sentence"):
            end = label.value_end
            if label.field == "collaborating":
                line = label.line + 1
                while line < len(self.flow.lines) and self._only_names(line):
                    end = self.flow.line_span(line)[1]
                    line += 1
            else:
                stop = re.search(r"[.;]\s", self.flow.text[label.end:])
                end = label.end + stop.start() if stop else len(self.flow.text)
            spans.append((label.end, end))
        return spans

    def _only_names(self, line: int) -> bool:
        """A continuation line of a list of municipalities: names, commas and "och" only."""
        if any(lb.line == line for lb in self.labels):
            return False
        start, end = self.flow.line_span(line)
        rest = self.flow.text[start:end]
        found = [m for m in self.orgs if start <= m.start and m.end <= end]
        if not found:
            return False
        for m in sorted(found, key=lambda m: -m.start):
            rest = rest[:m.start - start] + rest[m.end - start:]
        return not re.search(r"[^\W\d_]{3,}", re.sub(r"\boch\b", "", rest))

    def read_collaborating(self) -> None:
        """Municipalities after a collaboration label, read as a coordinated list
        (extractors.fields.coordination); a form's label says kommuner for its bare names."""
        chosen: dict[str, OrgRef] = {}
        for (start, end), label in zip(self._collaborating_spans(),
                                       self.labels_for("collaborating", "collaborating_sentence")):
            items = municipality_list(self.flow.prose_text(), start, end, self.orgs,
                                      head_says_kommun=label.field == "collaborating")
            for item in items:
                if item.organisation.code not in chosen:
                    chosen[item.organisation.code] = as_ref(item.organisation)
                    self.evidence("collaborating_municipalities",
                                  Reading(item.organisation.code, item.start, item.end,
                                          item.certainty))
        self.out.collaborating_municipalities = list(chosen.values())

    def read_organisation(self) -> None:
        excluded = self._collaborating_spans()

        def usable(m: Mention) -> bool:
            return not any(s <= m.start < e for s, e in excluded)

        hint = {"municipality": "municipality", "region": "region"}
        for label in self.labels_for("organisation", "municipality", "region"):
            found = [m for m in self.orgs if label.start <= m.start < label.value_end and usable(m)]
            prefer = hint.get(label.field)
            if found:
                m = found[0]
                org, certainty = choose(m, prefer)
                self._set_org(org, Reading(org, m.start, m.end, certainty * label.priority))
                return
            value = self.flow.text[label.end:label.value_end].strip(" :|")
            if not value and label.line + 1 < len(self.flow.lines):
                start, end = self.flow.line_span(label.line + 1)
                value_start, value = start, self.flow.text[start:end]
            else:
                value_start = label.end
            fuzzy = fuzzy_match(value, prefer) if value else None
            if fuzzy:
                org, certainty = fuzzy
                offset = self.flow.text.find(value, value_start)
                self._set_org(org, Reading(org, offset, offset + len(value), certainty))
                return
        header = [m for m in self.orgs if m.start < self.title_end and usable(m)]
        if header:
            org, certainty = choose(header[0])
            self._set_org(org, Reading(org, header[0].start, header[0].end, 0.9 * certainty))
            return
        for line in range(min(TITLE_LINES, len(self.flow.lines))):
            start, end = self.flow.line_span(line)
            fuzzy = fuzzy_match(self.flow.text[start:end])
            if fuzzy:
                org, certainty = fuzzy
                self._set_org(org, Reading(org, start, end, certainty))
                return
        body = [m for m in self.orgs if m.explicit and usable(m)]
        if body:
            org, certainty = choose(body[0])
            self._set_org(org, Reading(org, body[0].start, body[0].end, 0.6 * certainty))

    def _set_org(self, org, reading: Reading) -> None:
        self.out.organisation = as_ref(org)
        self.evidence("organisation", reading)

    # -- share, reference, tables -----------------------------------------------------------

    def read_share(self) -> None:
        """The municipal share: a percentage whose nearest party word is the municipality's
        ("Andel till kommunal verksamhet 25 %", "Av bidraget ska 40 procent finansiera
        kommunal verksamhet"), or a bare "Andel: 40 %" in a form."""
        folded = OCR_ANDEL.sub("andel", self.folded)
        best: Reading | None = None
        for m in SHARE.finditer(folded):
            certainty = self._share_certainty(folded, m.start(), m.end())
            value = float(m.group("num").replace(",", "."))
            if certainty and 0 <= value <= 100 and (best is None or certainty > best.certainty):
                best = Reading(value, m.start(), m.end(), certainty)
        if best is None or best.certainty < 1.0:
            best = self._share_respectively(folded) or best
        if best is None:
            best = self._share_without_unit(folded)
        if best is not None:
            self.out.municipal_share_percent = best.value
            self.evidence("municipal_share_percent", best)

    def _share_certainty(self, folded: str, start: int, end: int) -> float:
        """How surely the percentage at ``start:end`` is the municipal share; 0 if it is not."""
        clause_start, clause_end = self._clause(folded, start, end)
        parties = [p for p in SHARE_PARTY.finditer(folded, clause_start, clause_end)
                   if p.end() <= start or p.start() >= end]
        owners = [p for p in parties if p.end() <= start and OWNER.fullmatch(p.group())]
        if parties:
            # "Kommunens andel är 45 procent och regionens andel 55 procent": an owner before
            # the figure decides; else the party nearest to it.
            nearest = owners[-1] if owners else min(
                parties, key=lambda p: start - p.end() if p.end() <= start else p.start() - end)
            if not nearest.group().startswith(("kommun", "socialtjanst")):
                return 0.0
            return 1.0 if SHARE_WORDS.search(folded, clause_start, clause_end) else 0.0
        line_start, _ = self.flow.line_span(self.flow.line_index(start))
        return 0.8 if SHARE_LABEL.search(folded, line_start, start) else 0.0

    def _clause(self, folded: str, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``start:end``, across a line break only where a sentence wraps
        (the next line goes on in lower case), never beyond one line either side."""
        first, last = self.flow.line_index(start), self.flow.line_index(max(start, end - 1))
        if first > 0 and self._wraps_into(first):
            first -= 1
        if last + 1 < len(self.flow.lines) and self._wraps_into(last + 1):
            last += 1
        lo, hi = self.flow.line_span(first)[0], self.flow.line_span(last)[1]
        ends_before = [e.end() for e in SENTENCE_END.finditer(folded, lo, start)]
        after = SENTENCE_END.search(folded, end, hi)
        return (ends_before[-1] if ends_before else lo), (after.start() if after else hi)

    def _wraps_into(self, line: int) -> bool:
        """Whether ``line`` goes on with the sentence of the line above it."""
        previous = self.flow.lines[line - 1].text.rstrip()
        current = self.flow.lines[line].text.lstrip()
        return bool(current) and not previous.endswith((".", ":", "!", "?")) and \
            (current[0].islower() or current[0].isdigit())

    def _share_respectively(self, folded: str) -> Reading | None:
        """"mellan kommun och region är 40 respektive 60 procent": the share in the place of
        the municipality among the two parties named before the figures in their clause."""
        for m in RESPECTIVE.finditer(folded):
            clause_start, _ = self._clause(folded, m.start(), m.end())
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

    def _share_without_unit(self, folded: str) -> Reading | None:
        """"Kommunal andel 40" ending its line, or alone on the line below a form's label: the
        percent sign lost, or written in the label ("Kommunal andel (%) 50")."""
        for i in range(len(self.flow.lines)):
            start, end = self.flow.line_span(i)
            cue = SHARE_LINE.search(folded, start, end)
            if not cue:
                continue
            m = BARE_SHARE.search(folded, cue.end(), end)
            if m is None and i + 1 < len(self.flow.lines) and \
                    not re.search(r"\d", folded[cue.end():end]):
                below_start, below_end = self.flow.line_span(i + 1)
                m = STACKED_SHARE.fullmatch(folded, below_start, below_end)
            if m and 0 <= int(m.group("num")) <= 100:
                label = folded[start:end]
                certainty = 0.9 if re.search(r"%|\bprocent\b", label) else 0.5
                return Reading(float(m.group("num")), m.start("num"), m.end("num"), certainty)
        return None

    def read_reference(self) -> None:
        for label in self.labels_for("reference"):
            m = REFERENCE.search(self.flow.text, label.end, label.value_end + 1)
            if m and not self.flow.text[label.end:m.start()].strip(" :.\t"):
                self._set_reference(m, 1.0)
                return
            start, end = label.end, label.value_end
            stacked = label.line + 1 < len(self.flow.lines)
            if stacked and not self.flow.text[start:end].strip(" :.\t"):
                start, end = self.flow.line_span(label.line + 1)  # a form's value line
            m = LABELLED_REFERENCE.match(self.flow.text, start, end)
            if m and sum(c.isdigit() for c in m.group("ref")) >= 4:
                self.out.reference = m.group("ref")
                self.evidence("reference", Reading(m.group("ref"), m.start("ref"),
                                                   m.end("ref"), 0.9))
                return
        for m in REFERENCE.finditer(self.flow.text):
            if re.match(r"[A-ZÅÄÖ]", m.group("ref")):
                self._set_reference(m, 0.6)
                return

    def _set_reference(self, m: re.Match[str], certainty: float) -> None:
        ref = re.sub(r"\s*/\s*", "/", " ".join(m.group("ref").split()))
        ref = re.sub(r"^([A-ZÅÄÖ]+)(\d)", r"\1 \2", ref) if not re.match(r"^[A-Z]\d", ref) else ref
        self.out.reference = ref
        self.evidence("reference", Reading(ref, m.start(), m.end(), certainty))

    def read_tables(self) -> None:
        """Itemised tables: rows of "cost item  amount(s)" above a "Summa ..." line.

        Each figure column (Budget, Utfall) is a table of its own. "Varav" rows itemise the
        row above and are not summed. A table that does not add up counts only when every
        figure reads cleanly, so OCR damage in one row does not turn into a sum mismatch.
        A return report that states no used amount otherwise has spent its cost table's
        total, in the column of actual costs.
        """
        for total_line, line_text in enumerate(ln.text for ln in self.flow.lines):
            first = fold(re.sub(r"^\W+", "", line_text)).split(maxsplit=1)
            if not first or first[0].strip(":") not in TOTAL_WORDS:
                continue
            totals = self._row_amounts(total_line, total=True)
            if not totals:
                continue
            rows: list[list[AmountMatch]] = []
            line = total_line - 1
            while line >= 0:
                text = fold(self.flow.lines[line].text)
                if SUB_ROW.match(text) or SPECK_LINE.fullmatch(text):
                    line -= 1
                    continue
                amounts = self._row_amounts(line)
                if len(amounts) != len(totals):
                    break
                rows.append(amounts)
                line -= 1
            if len(rows) < 2:
                continue
            rows.reverse()
            lines = self.flow.lines[line + 1:total_line + 1]
            page = lines[0].page
            words = [w for ln in lines if ln.page == page for w in ln.words]
            for column, total in enumerate(totals):
                cells = [row[column] for row in rows]
                adds_up = abs(sum(a.amount.value for a in cells) - total.amount.value) <= 1
                if adds_up or all(self._clean_figure(a) for a in [*cells, total]):
                    self.out.tables.append(ItemisedTable(
                        tuple(a.amount.value for a in cells), total.amount.value, page,
                        union_bbox(words)))
            self._used_from_table(line, total_line, totals)

    def _used_from_table(self, above: int, total_line: int, totals: list[AmountMatch]) -> None:
        """A cost table's total as the used amount, when nothing else states it."""
        if self.out.document_type != "return_report" or "used" in self.out.amounts:
            return
        context = " ".join(fold(ln.text) for ln in
                           self.flow.lines[max(0, above - COST_CONTEXT_LINES + 1):above + 1])
        total_text = fold(self.flow.lines[total_line].text)
        if not (COST_CONTEXT.search(context) or COST_CONTEXT.search(total_text)):
            return
        total = totals[self._actual_column(above, totals)]
        self.out.amounts["used"] = total.amount
        self.evidence("amounts.used", Reading(total.amount, total.start, total.end, 0.8))

    def _actual_column(self, header_line: int, totals: list[AmountMatch]) -> int:
        """The column of actual costs: the one whose header says so ("Utfall") or names the
        grant year; else the last, where the current figures stand."""
        if len(totals) == 1 or header_line < 0:
            return len(totals) - 1
        header = self.flow.lines[header_line].words
        for i, total in enumerate(totals):
            words = self.flow.words_in(total.start, total.end)
            x0, x1 = min(w.bbox[0] for w in words), max(w.bbox[2] for w in words)
            above = " ".join(fold(w.text) for w in header
                             if w.bbox[2] > x0 - 40 and w.bbox[0] < x1 + 5)
            if ACTUAL_COLUMN.search(above) or (
                    self.out.grant_year is not None and str(self.out.grant_year) in above):
                return i
        return len(totals) - 1

    def _row_amounts(self, line: int, total: bool = False) -> list[AmountMatch]:
        """The amounts ending a table row that has a text before them, one per column;
        empty when the line is no such row."""
        start, end = self.flow.line_span(line)
        stops = ("table_header", "period", "date") + (() if total else AMOUNT_FIELDS)
        if any(lb.line == line and lb.field in stops for lb in self.labels):
            return []
        found = [a for a in self.amounts if start <= a.start and a.end <= end]
        if not found or not re.search(r"[^\W\d_]{3,}", self.flow.text[start:found[0].start]):
            return []
        if len(found) > 1 and not all(self._in_columns([a, b]) for a, b in itertools.pairwise(found)):
            return []
        tail = self.flow.text[found[-1].end:end]
        return found if not re.search(r"\w", tail) else []

    def _clean_figure(self, a: AmountMatch) -> bool:
        """Whether a figure reads surely enough to call a table's sum wrong: digits grouped
        by threes, if at all (OCR loses spaces, "1941 500", and reads specks as points,
        "1.089 000"), every word read with confidence."""
        words = self.flow.words_in(a.start, a.end)
        grouped = re.fullmatch(r"\d+(?:[ .\u00a0\u2009\u202f]\d{3})*(?:\s*(?:kr|kronor|SEK))?",
                               a.text)
        return grouped is not None and all(w.confidence >= 0.85 for w in words)

    def run(self) -> Extraction:
        if not self.flow.lines:
            return self.out
        self.classify()
        self.read_amounts()
        self.read_date()
        self.read_grant_year()
        self.read_collaborating()
        self.read_organisation()
        self.read_share()
        self.read_reference()
        self.read_tables()
        return self.out


def extract_fields(doc: DocumentText, catalog: ProgramCatalog | None = None) -> Extraction:
    """Every field of the record that the document's words state, with evidence."""
    return Extractor(doc, catalog or default_programs()).run()

