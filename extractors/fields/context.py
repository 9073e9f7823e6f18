"""One document's parse, built once and only read by the field readers (extractors.fields.readers).

Words are regrouped into lines by geometry (extractors.fields.layout), the text is folded and
parsed once with the spaCy pipeline; organisation mentions, labels in form position, dates and
money mentions (per column, in the unit their label or header declares) are found once. The
questions readers ask of a document (a label's value, a sentence around an offset, a table
row's figures) are answered here; the patterns they share are the module's constants.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from spacy.tokens import Doc

from config.programs import ProgramCatalog
from extractors.fields.amounts import AmountMatch, declared_scale, find_amounts, with_scale
from extractors.fields.coordination import OCR_SPECK, joined_name, place_name, registry_name
from extractors.fields.dates import DateMatch, find_dates
from extractors.fields.labels import ACCOUNT_FIELDS, Label, find_labels
from extractors.fields.language import language
from extractors.fields.layout import Flow, build_flow, union_bbox
from extractors.fields.nlp import parse
from extractors.fields.organisations import Mention, mentions
from extractors.fields.text import fold, outside
from extractors.model import Amount, DocumentText, Evidence

TITLE_LINES = 5
"""Lines at the top of the first page that count as heading (title, sender, date)."""
HEADING_LINES = 12
"""How far down a letter's title may stand under letterhead, reference, date and address."""
WRAPPED_SENTENCE_LINES = 3
"""Lines a body sentence that begins the text may wrap over, read whole for the heading's end."""
PROSE_LINE = re.compile(r"(?:\S+\s+){7,}\S*(?:\.$|\.\s)")
"""A line of eight words or more with a sentence end: body text, not heading."""
AMOUNT_FIELDS = ("requested", "received", "used", "unused")
REPORT_FIELDS = ACCOUNT_FIELDS
ZERO_VALUE_FIELDS = ("unused",)
WRAPPED_COLLABORATING = re.compile(r"^kommuner\b.*\bsamverka|^samverkande kommuner|^deltagande kommuner")
WRAPPED_SHARE = re.compile(r"^andel\b.*\bkommun")
"""Form labels that wrap beside their value (extractors.fields.context.wrapped_form_rows)."""
"""Fields a form may fill with a word of nothing ("Inget", "0")."""
"""Amounts only a return report states; a requisition's budget total is not "used"."""
MAX_TABLE_ROWS = 25
"""How far above a bare figure its column header may stand."""
PAGE_MARGIN_LINES = 3
"""Lines of a page's running header or footer (sender, address, "Sida 2") around a table
that goes on over a page break."""
CONTINUED = re.compile(r"\bforts\b|\bfortsatt|\bfortsatter\b|\bfortsattning")
"""Words (folded) that say a table goes on over a page break: "(forts.)", "Tabellen fortsätter
på nästa sida"."""
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
ALIGNED_COLUMN_GAP = 1.0
ALIGNED_X = 2.0
"""...or wider than this many where the word after it starts (within ALIGNED_X points) where
a column starts on the line above or below: a long label ("Kommuner som regionen
samverkar") narrows its row's gap. Not between two digit groups of one figure."""
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
STAMP_WORDS = re.compile(
    r"\b(?:inkom(?:men|mit)?|ankom(?:men|mit)?|ankomstdatum|registrerad|diarieford|mottagen"
    r"|mottaget)\b"
)
"""A received stamp's words (folded): the date they stand by or over is the day the document
came in, not the day it was written."""
SENT_WORDS = re.compile(r"\b(?:fax|telefax|utskriv(?:en|et)?|utskriftsdatum)\b")
"""A fax header's or a print footer's words (folded): the date after them is the day the
document was sent or printed."""
LONG_WORD = 8
"""Letters from which a word a type or program cue matched is read right whatever OCR scored
it: on the labelled sets every such reading under 0.6 OCR confidence (10 of 10: stamps over
"statsbidrag", "hembes6ksprogram") named the right type or program."""
UNIT_WORDS = {"kr", "kr.", "kronor", "sek", ":-"}
UNIT_GLUED = re.compile(r"(?<=\S)(?:kr|kronor|sek)$")
"""A currency unit after a form's value, or glued to it by OCR ("Okr")."""
SENT_AT = re.compile(r"^[\s-]*\d{1,2}[:.]\d{2}\b.*\b(?:fran|fax|telefax)\b")
"""What follows a date that begins a fax header's line (folded): the time it was sent and the
sender ("2024-01-19 14:32 FRÅN: REGION GÄVLEBORG FAX +46 26 …")."""
CLOCK_AFTER = re.compile(r"\s*(?:kl\.?\s*)?\d{1,2}:\d{2}\b")
"""A clock time right after a date that begins its line: a timestamp a machine printed (a
browser's or mail program's print header "2023-10-18 07:58 E-post – …", a log line), the day
the page was printed or sent, not written."""
DATELINE = re.compile(r"^\W{0,3}(?P<place>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?),?\s+(?:den\s+)?$")
"""What stands before the date of a letter's dateline, alone on its line: the place
("Gävle 2024-03-08", "Umeå den 4 maj 2023"), a municipality's name (not "Justerat")."""
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
GRANT_YEAR_WORD = re.compile(r"(?:19|20)\d{2}(?:s|:s)?")
"""A year between a label and its amount says which year's grant ("Erhållet statsbidrag 2023
1 690 000"): no doubt about the figure."""
STOP_BEFORE_PERCENT = re.compile(
    r"(?<=[^\W\d_])\.(?=[ \t]*\d{1,3}(?:[,.]\d+)?[ \t]*(?:%|procent\b))")
"""A full stop between a form's label and its percentage ("Andel till kommunal verksamhet.
25 %"), a leader or colon as OCR read it: no Swedish sentence begins with a figure, so it
ends no sentence (read as a colon, same length)."""
SHARE_PARTY = re.compile(r"\b(?:kommun\w*|socialtjanst\w*|region\w*|landsting\w*)")
"""Who a percentage goes to; the one written nearest to it decides."""
BENEFICIARY = re.compile(
    r"\b(?:finansiera|finansierar|finansieras|till|overfors\s+till|ga\s+till)\s+(?:den\s+|de\s+)?"
    r"(?P<party>kommun\w*|socialtjanst\w*|region\w*|landsting\w*)")
"""The party a share goes to, whoever the sentence's subject is ("regionen avser att låta 40
procent finansiera kommunal verksamhet")."""
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
BARE_SHARE = re.compile(r"(?<![\d.,])(?P<num>\d{1,3})\s*$")
GLUED_PERCENT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3})(?:96|%6|9%)\s*$")
"""A share whose "%" OCR read as "96" and glued to it: "4096" for "40 %"."""
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
    ocr_tolerant: bool = False
    """The match allowed for OCR damage in its long words (a cue or a program's name read a
    letter or two off, or without its ring and dots): their OCR confidence, low because of
    that damage or a stamp across them, does not lower the reading again; shorter words'
    still does (extractors.fields.context.LONG_WORD)."""


ONE_DECIMAL = re.compile(r"[,.]\d\s*$")
UNKNOWN_UNIT = 0.5
"""A bare figure with one decimal ("13 845,0") is in thousands or millions, never kronor and
öre; where no unit was found for it, its value is in doubt: for review."""
NOTE_WORDS = 8
"""A note under an account that declares its unit is a short line of its own."""
OPEN_END = re.compile(r"(?:[,&]|\b(?:och|samt))\s*$")
"""A line a list goes on from: it ends on a comma or "och"."""
SPELLED_OUT = re.compile(r"\s*(?:det\s+vill\s+saga|dvs|d\.\s?v\.\s?s|namligen|narmare\s+bestamt)\b")
"""After a semicolon, what names the members of a whole the sentence spoke of ("samtliga
kommuner i länet; det vill säga kommunerna Karlshamn, ...")."""
BULLET = re.compile(r"\s*[-–•·*▪◦]\s")
MAIL_ADDRESS_AFTER = re.compile(r"\s*<[^<>\s]*@")
"""A mail address after a name: the name is a person's ("Från: Lena Berg <lena.berg@…>"),
whatever place it shares its name with."""
NAMED_ADDRESS = re.compile(r"(?P<name>[^\W\d_][\w-]*(?:[ \t]+[^\W\d_][\w-]*){1,2})[ \t]*<[^<>\s]*@")
ANSWER = re.compile(r"\W*svar\s*:?\s*")
"""What begins an e-service form's answer line, before the answer itself."""
BRACKETED = re.compile(r"\([^()]*\)")


def _blank(m: re.Match[str]) -> str:
    """A match's text as spaces: out of the way, offsets kept."""
    return " " * len(m.group())


SENTENCE_STOP = re.compile(r"(?<=[^\W\d_])\.\s+(?=[A-ZÅÄÖ])")
"""A full stop after a word and before a capital: the list's sentence ends there (a stray
stop OCR left after a label, " . Kalmar kommun", is none)."""


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


class DocumentContext:
    """The flow, folded text, spaCy parse, organisation mentions, labels, dates and money
    mentions of one document, and the questions readers ask of them. Built once; read-only."""

    def __init__(self, doc: DocumentText, catalog: ProgramCatalog):
        self.flow: Flow = build_flow(doc)
        self.folded = fold(self.flow.text)
        """The flow's text folded (extractors.fields.text.fold), offset for offset."""
        self.prose = self.flow.prose_text()
        """The flow text with sentence wraps joined (Flow.prose_text), offset for offset."""
        self.doc: Doc = parse(self.prose)
        self.catalog = catalog
        self.orgs: list[Mention] = mentions(self.doc)
        self.labels: list[Label] = find_labels(
            self.doc, self.flow, names=[(m.start, m.end) for m in self.orgs if m.explicit])
        self.dates: list[DateMatch] = find_dates(self.flow.text)
        self.column_text = self.with_column_breaks()
        found = [a for a in find_amounts(self.column_text)
                 if not self.inside_date(a.start, a.end)]
        self.amounts: list[AmountMatch] = self.in_declared_units(found)
        title_line = min(TITLE_LINES, len(self.flow.lines)) - 1
        self.title_end = self.flow.line_span(title_line)[1] if self.flow.lines else 0
        self.heading_end = self.find_heading_end()

    def evidence(self, field: str, reading: Reading, source: str = "") -> Evidence | None:
        """Where ``reading`` stands and how sure it is: the words' OCR confidence times the
        reading's certainty (calibrated later, extractors.fields.calibration); None when no
        word lies under it."""
        words = self.flow.words_in(reading.start, reading.end)
        if not words:
            return None
        # The digits decide an amount or a date; a unit word read poorly ("SEK" at 0.59) does not.
        # In a phrase the words of three letters or more decide: Tesseract often scores a
        # short word ("av" in "redovisning av statsbidrag") near 0 when it is read right.
        deciding = [w for w in words if any(c.isdigit() for c in w.text)] or \
            [w for w in words if len(w.text.strip(".,:;")) >= 3] or words
        if reading.ocr_tolerant:
            deciding = [w for w in deciding if len(w.text.strip(".,:;")) < LONG_WORD]
        word_confidence = min((w.confidence for w in deciding), default=1.0)
        confidence = round(word_confidence * reading.certainty, 3)
        page = words[0].page
        same_page = [w for w in words if w.page == page]
        return Evidence(field, self.flow.text[reading.start:reading.end], page,
                        union_bbox(same_page), confidence, source, reading.certainty,
                        word_confidence)

    def find_heading_end(self) -> int:
        """Where the heading ends for the document type: before the first sentence of body
        text, so a title under a letterhead and an address block counts as title; the title
        lines when no body sentence begins within HEADING_LINES. A sentence wrapped over lines
        is read whole ("I enlighet med … redovisar kommunen nedan hur | statsbidraget … |
        områden för 2023 har använts."); a title wrapped the same way ends in no full stop."""
        count = len(self.flow.lines)
        for line in range(min(HEADING_LINES, count)):
            last = line
            while last + 1 < count and last - line < WRAPPED_SENTENCE_LINES and \
                    self.wraps_into(last + 1):
                last += 1
            sentence = " ".join(ln.text for ln in self.flow.lines[line:last + 1])
            if PROSE_LINE.search(sentence):
                return self.flow.line_span(line)[0]
        return self.title_end

    def with_column_breaks(self) -> str:
        """The flow text with a tab for each space that stands for a column gap, so amounts
        are read per column; offsets are those of ``flow.text``."""
        chars = list(self.flow.text)
        gaps = []
        for (_, end, left), (start, _, right) in itertools.pairwise(self.flow.word_spans):
            if start != end + 1 or chars[end] != " " or left.page != right.page:
                continue
            height = max(left.frame[3] - left.frame[1], right.frame[3] - right.frame[1], 1.0)
            gaps.append((end, self.flow.line_index(end), right.frame[0],
                         (right.frame[0] - left.frame[2]) / height))
        columns: dict[int, list[float]] = {}  # line → where its columns start
        for _, line, x, gap in gaps:
            if gap > COLUMN_GAP:
                columns.setdefault(line, []).append(x)
        for end, line, x, gap in gaps:
            aligned = gap > ALIGNED_COLUMN_GAP and not self._digit_groups_meet(end) and any(
                abs(x - other) <= ALIGNED_X for near in (line - 1, line + 1)
                for other in columns.get(near, ()))
            if gap > COLUMN_GAP or aligned:
                chars[end] = "\t"
        for line in range(1, len(self.flow.lines)):
            if self.figure_wraps_into(line):
                chars[self.flow.line_span(line)[0] - 1] = " "
        return "".join(chars)

    def _digit_groups_meet(self, gap: int) -> bool:
        """Whether the space at ``gap`` parts two digit groups of one figure ("4 700 000" in a
        typewriter face, whose "700" starts where "310 000" starts in the row above)."""
        return bool(re.search(r"(?:^|\s)\d{1,3}$", self.flow.text[max(0, gap - 4):gap]) and
                    re.match(r"\d{3}(?!\d)", self.flow.text[gap + 1:gap + 5]))

    def figure_wraps_into(self, line: int) -> bool:
        """Whether a figure in running prose breaks over the line end into ``line``
        ("har 4 415\n700:- använts"): the line above is a sentence's and ends in a digit
        group, and this line begins with a group of three."""
        above = self.flow.lines[line - 1].text
        return bool(WRAPPED_FIGURE_END.search(above) and
                    WRAPPED_FIGURE_START.match(self.flow.lines[line].text) and
                    len(above.split()) >= PROSE_WORDS)

    def in_columns(self, amounts: list[AmountMatch]) -> bool:
        """Whether consecutive amounts stand in separate columns of one row."""
        return any("\t" in self.column_text[a.end:b.start] and
                   not re.search(r"\w", self.column_text[a.end:b.start])
                   for a, b in itertools.pairwise(amounts))

    def inside_date(self, start: int, end: int) -> bool:
        return any(d.start <= start and end <= d.end for d in self.dates)

    def labels_for(self, *fields: str) -> list[Label]:
        return [lb for lb in self.labels if lb.field in fields]

    def their_references(self) -> list[tuple[int, int]]:
        """Values of "Er beteckning", "Ert datum", ...: the other party's document, not this."""
        return [(lb.end, lb.value_end) for lb in self.labels_for("their_reference")]

    def in_declared_units(self, amounts: list[AmountMatch]) -> list[AmountMatch]:
        """Bare figures in the unit their label or column header declares ("(tkr)")."""
        out = []
        for a in amounts:
            year = YEAR.fullmatch(a.text.strip()) is not None  # "Under 2024 har …": no figure
            scale = None if a.has_unit or year else self.declared_scale(a, amounts)
            out.append(with_scale(a, scale) if scale is not None and scale != 1 else a)
        return out

    def declared_scale(self, a: AmountMatch, amounts: list[AmountMatch]) -> int | None:
        """The unit declared before the figure on its line, or above it: by a stacked label
        or a column header, across table rows that end in a bare figure."""
        line = self.flow.line_index(a.start)
        start, end = self.flow.line_span(line)
        scale = declared_scale(self.flow.text[start:a.start])
        above = line - 1
        while scale is None and above >= 0 and line - above <= MAX_TABLE_ROWS:
            row_start, row_end = self.flow.line_span(above)
            scale = declared_scale(self.flow.text[row_start:row_end])
            if scale is None and not self.bare_figure_row(row_start, row_end, amounts):
                break
            above -= 1
        if scale is None and (self.ends_bare_figure_row(a, end, amounts)
                              or self.figures_only(start, end, amounts)):
            scale = self.account_scale(line, amounts) or self.note_scale(line, amounts)
        return scale

    def note_scale(self, line: int, amounts: list[AmountMatch]) -> int | None:
        """The unit a note under the account declares for it ("(Beloppen anges i tkr.)",
        "Belopp i tkr."): a short line of its own below the figure's row, before running text
        ends the account."""
        for below in range(line + 1, min(len(self.flow.lines), line + 1 + MAX_TABLE_ROWS)):
            text = self.flow.lines[below].text
            if len(text.split()) <= NOTE_WORDS:
                scale = declared_scale(text, throughout=True)
                if scale is not None:
                    return scale
            elif not self.bare_figure_row(*self.flow.line_span(below), amounts):
                return None  # running text: the account has ended
        return None

    def account_scale(self, line: int, amounts: list[AmountMatch]) -> int | None:
        """The unit a heading above declares for a whole account ("2. Ekonomisk redovisning
        (belopp i tkr)"): it holds for the bare figures of every table row after it, the cost
        table under the next heading too, until another declaration."""
        for above in range(line - 1, -1, -1):
            start, end = self.flow.line_span(above)
            text = self.flow.text[start:end]
            if declared_scale(text) is None:
                continue
            if any(start <= a.start < end and self.plausible(a) for a in amounts):
                return None
            return declared_scale(text, throughout=True)
        return None

    def figures_only(self, start: int, end: int, amounts: list[AmountMatch]) -> bool:
        """A line of two or more figures and nothing else: an account's row laid across."""
        on_line = [(a.start, a.end) for a in amounts if start <= a.start and a.end <= end]
        return len(on_line) > 1 and \
            not re.search(r"[^\W\d_]{2,}", outside(self.flow.text, start, end, on_line))

    def bare_figure_row(self, start: int, end: int, amounts: list[AmountMatch]) -> bool:
        on_line = [a for a in amounts if start <= a.start and a.end <= end]
        return bool(on_line) and not any(a.has_unit for a in on_line) and \
            not re.search(r"\w", self.flow.text[on_line[-1].end:end])

    def ends_bare_figure_row(self, a: AmountMatch, line_end: int,
                             amounts: list[AmountMatch]) -> bool:
        """A bare figure that ends its row: the row is "item  figure"."""
        return not a.has_unit and not re.search(r"\w", self.flow.text[a.end:line_end]) and \
            not any(b.start > a.start and b.end <= line_end for b in amounts)

    def plausible(self, a: AmountMatch) -> bool:
        digits = sum(c.isdigit() for c in a.text)
        if a.has_unit:
            return True
        return digits >= 3 and not (YEAR.fullmatch(a.text.strip()) and digits == 4)

    def amount_certainty(self, between: str, a: AmountMatch) -> float:
        certainty = 1.0 if a.has_unit else 0.9
        if not a.has_unit and ONE_DECIMAL.search(a.text):
            certainty *= UNKNOWN_UNIT  # "13 845,0": thousands, by a unit not found
        if not a.clean:
            certainty *= 0.75
        words = [w for w in BRACKETED.sub(" ", between).split()]
        junk = [w for w in words if re.search(r"\w", w) and not GRANT_YEAR_WORD.fullmatch(
            w.strip(":.,;")) and fold(w.strip(":.,;")) not in language().label_filler]
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
        across = self.amount_under_header(label)
        if across is not None:
            return across
        in_value = [a for a in self.amounts
                    if label.end <= a.start and a.end <= label.value_end and self.plausible(a)]
        if self.in_columns(in_value):
            return None
        if in_value:
            a = in_value[0]
            between = self.flow.text[label.end:a.start]
            certainty = self.amount_certainty(between, a) * (1.0 if label.exact else 0.85)
            return Reading(a.amount, a.start, a.end, certainty)
        rest = self.flow.text[label.end:label.value_end]
        zero = self.zero_value(label)
        if zero is not None:
            return zero
        if re.search(r"[^\W\d_]{3,}", BRACKETED.sub("", rest)):
            return self.amount_below_in_column(label)
        if label.value_end != self.flow.line_span(label.line)[1]:
            return None
        if label.line + 1 >= len(self.flow.lines):
            return None
        start, end = self.flow.line_span(label.line + 1)
        if any(lb.line == label.line + 1 for lb in self.labels):
            return None
        below = [a for a in self.amounts
                 if start <= a.start and a.end <= end and self.plausible(a)]
        leftover = self.flow.text[start:end]
        for a in below:
            leftover = leftover.replace(a.text, " ")
        if len(below) == 1 and not re.search(r"[^\W\d_]{3,}", leftover):
            a = below[0]
            return Reading(a.amount, a.start, a.end, 0.8 * self.amount_certainty("", a))
        return None

    def amount_under_header(self, label: Label) -> Reading | None:
        """An account laid out across: its posts are column headers on one line (wrapped onto
        a second at most), without figures, and the figures stand in one row below
        ("Erhållet bidrag  Personal …  Förbrukat  Ej förbrukat" over "8 821,0  4 292,9 …").
        A label's figure is the one whose column its words share most, each figure once."""
        headers = [lb for lb in self.labels if lb.line == label.line
                   and lb.field in REPORT_FIELDS]
        if len(headers) < 2 or self.amounts_on(label.line):
            return None
        row = next((n for n in range(label.line + 1, min(label.line + 3, len(self.flow.lines)))
                    if self.amounts_on(n)), None)
        if row is None:
            return None
        figures = self.amounts_on(row)
        if len(figures) < len(headers) or not self.figures_only(*self.flow.line_span(row),
                                                                self.amounts):
            return None
        columns = [self.x_span(a) for a in figures]
        taken: dict[int, Label] = {}
        for lb in sorted(headers, key=lambda lb: lb.start):
            words = self.flow.words_in(lb.start, lb.end)
            if not words:
                return None
            header = min(w.frame[0] for w in words), max(w.frame[2] for w in words)
            shared = [_overlap(header, column) for column in columns]
            best = max(range(len(figures)), key=shared.__getitem__)
            if best in taken or shared[best] <= 0:
                return None
            taken[best] = lb
        i = next(i for i, lb in taken.items() if lb is label)
        a = figures[i]
        return Reading(a.amount, a.start, a.end, 0.9 * self.amount_certainty("", a))

    def amounts_on(self, line: int) -> list[AmountMatch]:
        start, end = self.flow.line_span(line)
        return [a for a in self.amounts if start <= a.start and a.end <= end]

    def x_span(self, a: AmountMatch) -> tuple[float, float]:
        """Where a figure stands across the page (its words' left and right edges); an empty
        span where no word lies under it."""
        words = self.flow.words_in(a.start, a.end)
        if not words:
            return 0.0, 0.0
        return min(w.frame[0] for w in words), max(w.frame[2] for w in words)

    def amount_below_in_column(self, label: Label) -> Reading | None:
        """A form grid's value: the label heads a column and the next header stands beside it
        on its line ("Rekvirerat belopp (kronor)   Pilotområde"); the value is the one amount
        on the line below that begins under the label, left of the next header."""
        if label.line + 1 >= len(self.flow.lines) or \
                any(lb.line == label.line + 1 for lb in self.labels):
            return None
        own = self.flow.words_in(label.start, label.end)
        if not own:
            return None
        left, label_right = min(w.frame[0] for w in own), max(w.frame[2] for w in own)
        headers = [w for w in self.flow.words_in(label.end, label.value_end)
                   if w.frame[0] > label_right and re.search(r"[^\W\d_]{3,}", w.text)
                   and not w.text.startswith("(")]
        right = min((w.frame[0] for w in headers), default=None)
        if right is None:
            return None
        start, end = self.flow.line_span(label.line + 1)
        column = [w for w in self.flow.words_in(start, end)
                  if w.frame[0] >= left - 6 and w.frame[2] <= right]
        below = [a for a in self.amounts if start <= a.start and a.end <= end
                 and self.plausible(a)
                 and all(w in column for w in self.flow.words_in(a.start, a.end))]
        if len(below) != 1:
            return None
        a = below[0]
        spoken = [w for w in column if w not in self.flow.words_in(a.start, a.end)]
        if any(re.search(r"[^\W\d_]{3,}", w.text) and fold(w.text).strip(".:-") not in {"kr", "kronor", "sek", "tkr"}
               for w in spoken):
            return None
        return Reading(a.amount, a.start, a.end, 0.8 * self.amount_certainty("", a))

    def zero_value(self, label: Label) -> Reading | None:
        """A form's value of nothing after a label ("Ej förbrukat bidrag som återbetalas
        Inget", "... 0 (kr)"): the last word of the value, a unit in brackets aside, is one of
        config/language.toml's zero values."""
        if label.field not in ZERO_VALUE_FIELDS:
            return None
        words = self._value_words(label.end, label.value_end)
        start = label.end
        if all(fold(w.group()) in language().label_filler for w in words):
            # a stacked form: the value alone on the line below ("Ej förbrukat bidrag (kr)"
            # over "0")
            below = label.line + 1
            if label.value_end != self.flow.line_span(label.line)[1] or \
                    below >= len(self.flow.lines) or any(lb.line == below for lb in self.labels):
                return None
            start, end = self.flow.line_span(below)
            words = self._value_words(start, end)
            if len(words) > 2 or (len(words) == 2 and fold(words[1].group()) not in UNIT_WORDS):
                return None
        if not words:
            return None
        last = words[-1]
        if fold(last.group()) in UNIT_WORDS and len(words) > 1:
            last = words[-2]  # "0 kr"
        token = UNIT_GLUED.sub("", fold(last.group().strip(".,;:")))  # "Okr" as OCR joins it
        if token not in language().zero_values:
            return None
        return Reading(Amount(0), start + last.start(), start + last.end(),
                       language().confidence["zero_statement"])

    def _value_words(self, start: int, end: int) -> list[re.Match[str]]:
        """The words of a value, a unit in brackets aside, as matches within ``start:end``."""
        value = BRACKETED.sub(_blank, self.flow.text[start:end])
        return list(re.finditer(r"[^\s()]+", value))

    def sentence_before(self, offset: int, limit: int = 300) -> str:
        return fold(self.flow.text[self.sentence_start(offset, limit):offset])

    def sentence_start(self, offset: int, limit: int = 300) -> int:
        """Where the sentence holding ``offset`` begins, looking back at most ``limit``."""
        start = max(0, offset - limit)
        ends = list(SENTENCE_BREAK.finditer(self.flow.text, start, offset))
        return ends[-1].start() + 1 if ends else start

    def decision_sections(self) -> list[tuple[int, int]]:
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

    def is_period_or_deadline(self, d: DateMatch) -> bool:
        """Whether a date is another's (a period, a deadline, the other party's document, a
        received stamp) rather than a candidate for the document's own date."""
        if any(s <= d.start < e for s, e in self.their_references()):
            return True
        line = self.flow.line_index(d.start)
        line_start, _ = self.flow.line_span(line)
        before = fold(self.flow.text[max(line_start, d.start - 30):d.start])
        if DEADLINE_WORDS.search(before) or self.is_stamped(d, line, before):
            return True
        after = self.flow.text[d.end:d.end + 6]
        if RANGE_AFTER.match(after) and any(0 < o.start - d.end <= 8 for o in self.dates):
            return True
        if re.search(r"[-–—]\s*$|\btill\s*$", before) and any(
            o.end < d.start and d.start - o.end <= 8 for o in self.dates
        ):
            return True
        return any(lb.line == line and lb.start < d.start for lb in self.labels_for("period"))

    def is_stamped(self, d: DateMatch, line: int, before: str) -> bool:
        """A date in a received stamp, a fax header or a print footer: after a stamp's, fax's
        or printer's word on its line, beginning a fax header's line or a printed timestamp's
        ("2023-10-18 07:58"), or under a stamp word on
        the line above that stands over it ("INKOM" over "2024-03-04")."""
        if STAMP_WORDS.search(before) or SENT_WORDS.search(before):
            return True
        if not before.strip() and (self.is_fax_header(line)
                                   or CLOCK_AFTER.match(self.flow.text[d.end:d.end + 12])):
            return True
        words = self.flow.words_in(d.start, d.end)
        if not words or line == 0:
            return False
        x0, x1 = words[0].frame[0], words[-1].frame[2]
        return any(
            STAMP_WORDS.search(fold(w.text)) and w.page == words[0].page
            and w.frame[0] < x1 and w.frame[2] > x0
            for w in self.flow.lines[line - 1].words
        )

    def is_fax_header(self, line: int) -> bool:
        """A fax machine's header line: a date and a time, then the sender ("2024-01-19 14:32
        FRÅN: REGION GAVLEBORG FAX +46 …"); its "FRÅN:" names a machine, not a field."""
        return line in self._fax_header_lines

    @cached_property
    def _fax_header_lines(self) -> frozenset[int]:
        found = set()
        for d in self.dates:
            line = self.flow.line_index(d.start)
            start, end = self.flow.line_span(line)
            if not self.flow.text[start:d.start].strip() and \
                    SENT_AT.match(fold(self.flow.text[d.end:end])):
                found.add(line)
        return frozenset(found)

    def is_dateline(self, d: DateMatch) -> bool:
        """A letter's dateline: the place and the date alone on a line ("Gävle 2024-03-08")."""
        line = self.flow.line_index(d.start)
        start, end = self.flow.line_span(line)
        place = DATELINE.match(self.flow.text[start:d.start])
        return place is not None and place_name(place.group("place")) and \
            not self.flow.text[d.end:end].strip(" .") and \
            not any(lb.line == line for lb in self.labels)

    @cached_property
    def collaborating_spans(self) -> list[tuple[int, int]]:
        """Where each collaboration label's list may stand (read by the organisation's reader,
        which skips names there, and by the collaborating municipalities' reader)."""
        spans = []
        for label in self.labels_for("collaborating", "collaborating_sentence"):
            end = label.value_end
            if label.field == "collaborating":
                line = label.line + 1
                value = self.flow.text[label.end:label.value_end].split()
                if not any(re.search(r"[^\W\d_]{3,}", w) and not OCR_SPECK.fullmatch(w)
                           for w in value):  # none, or a speck ("Kommuner som samverkan ese")
                    line = self.past_wrapped_label(line)
                    if line < len(self.flow.lines):
                        end = self.flow.line_span(line)[1]
                        line += 1
                while line < len(self.flow.lines) and (
                        self.only_names(line) or OPEN_END.search(self.flow.lines[line - 1].text)):
                    end = self.flow.line_span(line)[1]
                    line += 1
                stop = SENTENCE_STOP.search(self.flow.text, label.end, end)
                end = stop.start() + 1 if stop else end
            else:
                stops = (m for m in re.finditer(r"[.;]\s", self.flow.text[label.end:])
                         if not SPELLED_OUT.match(fold(self.flow.text[label.end + m.end():]))
                         and not self.comma_read_as_stop(label.end + m.start()))
                stop = next(stops, None)
                end = label.end + stop.start() if stop else len(self.flow.text)
                line = self.flow.line_index(label.end)
                while line + 1 < len(self.flow.lines) and self.list_goes_on(line):
                    line += 1
                end = min(end, self.flow.line_span(line)[1])
            spans.append((label.end, end))
        return spans

    def coded_lines(self, label: Label) -> list[tuple[int, str]]:
        """The lines a table of codes and names may take under a collaboration label, each
        with its offset: its own value first where it has one ("Samverkande kommuner  0380
        Uppsala"), a year aside ("Samverkande kommuner 2024"); a wrapped label's bracketed
        part blanked ("(kommunkod, namn)  0381 Enköping")."""
        value = self.flow.text[label.end:label.value_end]
        first = [(label.end, value)] if GRANT_YEAR_WORD.sub("", value).strip(" :") else []
        return first + [(self.flow.line_span(n)[0], BRACKETED.sub(_blank, self.flow.lines[n].text))
                        for n in range(label.line + 1, len(self.flow.lines))]

    @cached_property
    def person_names(self) -> frozenset[str]:
        """Names written before a mail address, folded: a person's ("Från: Åsa Norberg
        <asa.norberg@…>"), whatever place they share a word with."""
        return frozenset(fold(m.group("name")).strip()
                         for m in NAMED_ADDRESS.finditer(self.flow.text))

    def in_person_name(self, m: Mention) -> bool:
        """Whether a mention is (the end of) a person's name: before a mail address, or where
        the name stands again, alone on the printed mail's first line or under a signature."""
        line_start, line_end = self.flow.line_span(self.flow.line_index(m.start))
        if MAIL_ADDRESS_AFTER.match(self.flow.text, m.end, line_end):
            return True
        before = fold(self.flow.text[line_start:m.end])
        return any(before.endswith(name) and len(name) > m.end - m.start
                   for name in self.person_names)

    def comma_read_as_stop(self, at: int) -> bool:
        """Whether the stop at ``at`` is a list's comma OCR read as a full stop: a name ends
        right before it and one begins right after that goes on with the list ("med Västerås
        stad. Köpings kommun och Fagersta kommun")."""
        before = any(m.end == at for m in self.orgs)
        after = next((m for m in self.orgs if 0 < m.start - at <= 2), None)
        return before and after is not None and \
            bool(re.match(r"\s*(?:,|och\b|samt\b)", self.flow.text[after.end:]))

    def past_wrapped_label(self, line: int) -> int:
        """The line a form's value starts on below a label with none beside it: past specks
        a scan left between ("oo", "5") to the label's last line ("sker med | Gävle kommun")
        or the value's own."""
        while line < len(self.flow.lines) and \
                len(re.findall(r"\w", self.flow.lines[line].text)) <= 2:
            line += 1
        return line

    def list_goes_on(self, line: int) -> bool:
        """Whether a list in running text goes on after ``line``: the line ends on a comma,
        a colon or "och", or the next begins in lower case, with a name (a bulleted
        "- Arjeplogs") or with the rest of a name the line ends on ("Lilla" | "Edet"). A
        form's next row ("Andel av bidraget …", "Kontaktperson") ends a list no full stop
        closes."""
        text = self.flow.lines[line].text.rstrip()
        if re.search(r"[,:&]$|\b(?:och|samt)$", text):
            return True
        if BULLET.match(text) and not BULLET.match(self.flow.lines[line + 1].text):
            return False  # a bulleted list ends where the bullets do
        start, end = self.flow.line_span(line + 1)
        first = re.search(r"[^\W\d_][\w-]*", self.flow.text[start:end])
        if first is None:
            return False
        at = start + first.start()
        last = text.rsplit(maxsplit=1)[-1] if text.strip() else ""
        return self.flow.text[at].islower() or any(m.start == at for m in self.orgs) or \
            registry_name(first.group(0)) is not None or \
            joined_name(last, first.group(0)) is not None

    def only_names(self, line: int) -> bool:
        """A continuation line of a list of municipalities: names, commas and "och" only."""
        if any(lb.line == line for lb in self.labels):
            return False
        start, end = self.flow.line_span(line)
        found = [(m.start, m.end) for m in self.orgs if m.start < end and start < m.end]
        if not found:
            return False
        rest = outside(self.flow.text, start, end, found)  # a name wrapped into the line counts
        rest = BRACKETED.sub("", rest)  # a wrapped label's remark: "(kommunkod, namn)"
        return not re.search(r"[^\W\d_]{3,}", re.sub(r"\boch\b", "", rest))

    def clause(self, folded: str, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``start:end``, across a line break only where a sentence wraps
        (the next line goes on in lower case), never beyond one line either side."""
        first, last = self.flow.line_index(start), self.flow.line_index(max(start, end - 1))
        looked_back = start
        if first > 0 and self.answers_question(first, start):
            first -= 1
            looked_back = self.flow.line_span(first)[1] - 1  # the question's "?" ends nothing
        if first > 0 and self.wraps_into(first):
            first -= 1
        if last + 1 < len(self.flow.lines) and self.wraps_into(last + 1):
            last += 1
        lo, hi = self.flow.line_span(first)[0], self.flow.line_span(last)[1]
        ends_before = [e.end() for e in SENTENCE_END.finditer(folded, lo, looked_back)]
        # "446 000 kr. Förbrukade …": the unit's abbreviation point also ends the sentence
        after = SENTENCE_END.search(folded, end - 1 if folded[end - 1:end] == "." else end, hi)
        return (ends_before[-1] if ends_before else lo), (after.start() if after else hi)

    def row_clause(self, a: AmountMatch) -> tuple[int, int]:
        """The clause of an amount, kept to its own line where a neighbouring line holds a
        figure of its own: a table's rows, whose words belong to their own figures ("Resor
        178 100 kr" | "Summa kostnader 1 288 300 kr"), even where OCR began a row in lower
        case from an Excel printout's row number."""
        start, end = self.clause(self.folded, a.start, a.end)
        if not self.ends_row(a):
            return start, end
        line_start, line_end = self.flow.line_span(self.flow.line_index(a.start))
        if any(line_end < b.start < end and self.ends_row(b) for b in self.amounts):
            end = line_end
        if any(start <= b.start and b.end < line_start and self.ends_row(b) for b in self.amounts):
            start = line_start
        return start, end

    def ends_row(self, a: AmountMatch) -> bool:
        """Whether a figure ends its line as a table row's does: no sentence goes on after it
        ("=SUMMA", a spreadsheet's formula, may)."""
        _, line_end = self.flow.line_span(self.flow.line_index(a.start))
        return not re.search(r"[a-zåäö]{3}", self.flow.text[a.end:line_end])

    def answers_question(self, line: int, start: int) -> bool:
        """Whether ``start`` is an e-service form's answer to the question on the line above
        ("Hur stor del av bidraget ska finansiera kommunal verksamhet?" | "Svar: 25 %")."""
        line_start, _ = self.flow.line_span(line)
        return bool(ANSWER.fullmatch(fold(self.flow.text[line_start:start]))) and \
            self.flow.lines[line - 1].text.rstrip().endswith("?")

    def wraps_into(self, line: int) -> bool:
        """Whether ``line`` goes on with the sentence of the line above it."""
        previous = self.flow.lines[line - 1].text.rstrip()
        current = self.flow.lines[line].text.lstrip()
        return bool(current) and not previous.endswith((".", ":", "!", "?")) and \
            (current[0].islower() or current[0].isdigit())

    def signed(self, a: AmountMatch) -> Decimal:
        """A table cell's exact value with its sign as accountants write a negative figure:
        "-4 975,55", "−8 450,76", "(12 000,66)", "23 500,67-"."""
        text = self.flow.text
        bracketed = text[a.start - 1:a.start] == "(" and text[a.end:a.end + 1] == ")"
        trailing = text[a.end:a.end + 1] == "-" and \
            not re.match(r"[-–\d]", text[a.end + 1:a.end + 2])
        return -a.exact if a.negative or bracketed or trailing else a.exact

    def row_amounts(self, line: int, total: bool = False) -> list[AmountMatch]:
        """The amounts ending a table row that has a text before them, one per column;
        empty when the line is no such row."""
        start, end = self.flow.line_span(line)
        stops = ("table_header", "period", "date") + (() if total else AMOUNT_FIELDS)
        if any(lb.line == line and lb.field in stops for lb in self.labels):
            return []
        found = [a for a in self.amounts if start <= a.start and a.end <= end]
        if not found or not re.search(r"[^\W\d_]{3,}", self.flow.text[start:found[0].start]):
            return []
        if len(found) > 1 and not all(self.in_columns([a, b]) for a, b in itertools.pairwise(found)):
            return []
        tail = self.flow.text[found[-1].end:end]
        return found if not re.search(r"\w", tail) else []

    def wrapped_form_rows(self, label: re.Pattern[str]) -> list[list[tuple[int, int]]]:
        """Values of a two-column form whose label wraps beside them (an e-service printout):

            Kommuner som regionen samverkar   Malmö
            med                               Helsingborg
                                              Landskrona

        The label column's text, joined over its continuation lines (lower case), must
        match ``label`` (on folded text); the value spans are the value column's text on
        the label's lines and on following lines that hold a value only. One list of
        spans per such label."""
        found = []
        lines = self.flow.lines
        for i in range(len(lines)):
            split = self._column_split(i)
            if split is None:
                continue
            label_text, value_x = [self.folded[split[0]:split[1]]], split[3]
            spans = [(split[2], self.flow.line_span(i)[1])]
            j = i + 1
            while j < len(lines) and lines[j].page == lines[i].page:
                words = lines[j].words
                left = [w for w in words if w.frame[2] < value_x - 2]
                right = [w for w in words if w.frame[0] >= value_x - 2]
                if left and not left[0].text[:1].islower():
                    break
                if not right and not left:
                    break
                line_start, line_end = self.flow.line_span(j)
                if left:
                    label_text.append(" ".join(fold(w.text) for w in left))
                if right:
                    offset = line_end - sum(len(w.text) + 1 for w in right) + 1
                    spans.append((offset, line_end))
                j += 1
            if label.search(" ".join(label_text)) and len(label_text) > 1:
                found.append(spans)
        return found

    def _column_split(self, line: int) -> tuple[int, int, int, float] | None:
        """A line of a label, a column gap and a value: (label start, label end, value start,
        the value's left x); None for a line without a column gap."""
        start, end = self.flow.line_span(line)
        tab = self.column_text.find("\t", start, end)
        if tab < 0:
            return None
        words = self.flow.words_in(tab + 1, end)
        if not words or not self.flow.text[start:start + 1].isupper():
            return None
        return start, tab, tab + 1, words[0].frame[0]

    def repeated_header(self, line: int) -> bool:
        """Whether ``line``, above a table's rows, repeats a line earlier in the document: a
        column header printed again on a new page, so the table began on the page before
        and the rows below it are only its end. Where OCR damaged the repeated header, the
        rows still continue a table when they start a page whose predecessor ends in rows."""
        if line < 0:
            return False
        text = " ".join(fold(self.flow.lines[line].text).split())
        if any(" ".join(fold(ln.text).split()) == text for ln in self.flow.lines[:line]):
            return True
        return self._continues_previous_page(line + 1)

    def _continues_previous_page(self, first_row: int) -> bool:
        lines = self.flow.lines
        page = lines[first_row].page
        top = [i for i, ln in enumerate(lines) if ln.page == page][:PAGE_MARGIN_LINES + 1]
        if first_row not in top:
            return False
        before = [i for i, ln in enumerate(lines) if ln.page == page - 1]
        return any(self.row_amounts(i) for i in before[-PAGE_MARGIN_LINES - 1:])

    def rows_before_page_break(self, header: int, columns: int
                               ) -> tuple[list[list[AmountMatch]], int] | None:
        """The rows a table had on the page before, when the rows under ``header`` (this
        page's column header, or its running header) go on from there: the page's top, the
        page before's footer and a "fortsätter på nästa sida" between them and rows. Returns
        those rows in order and the line above them."""
        lines = self.flow.lines
        if header < 0 or header + 1 >= len(lines):
            return None
        page = lines[header + 1].page
        line, gap = header, []
        while line >= 0 and lines[line].page >= page - 1:
            amounts = self.row_amounts(line)
            if lines[line].page == page - 1 and len(amounts) == columns and all(
                    self.plausible(a) for a in amounts):
                break
            gap.append(fold(lines[line].text))
            line -= 1
        else:
            return None
        if len(gap) > 3 * PAGE_MARGIN_LINES or not (
                CONTINUED.search(" ".join(gap)) or self.repeated_header(header)):
            return None
        rows: list[list[AmountMatch]] = []
        while line >= 0 and lines[line].page == page - 1:
            if not self.no_row(line):
                amounts = self.row_amounts(line)
                if len(amounts) != columns:
                    break
                rows.append(amounts)
            line -= 1
        return (rows[::-1], line) if rows else None

    def no_row(self, line: int) -> bool:
        """A line among a table's rows that is no row of its own: a "varav" row itemising the
        row above, or specks OCR took for letters."""
        text = fold(self.flow.lines[line].text)
        return bool(SUB_ROW.match(text) or SPECK_LINE.fullmatch(text))

    def clean_figure(self, a: AmountMatch) -> bool:
        """Whether a figure reads surely enough to call a table's sum wrong: digits grouped
        by threes, if at all (OCR loses spaces, "1941 500", and reads specks as points,
        "1.089 000"), a decimal comma allowed (tables in tkr), every word read with confidence."""
        words = self.flow.words_in(a.start, a.end)
        grouped = re.fullmatch(
            r"\d+(?:[ .\u00a0\u2009\u202f]\d{3})*(?:,\d{1,2})?(?:\s*(?:kr|kronor|SEK|:-))?",
            a.text)
        return grouped is not None and all(w.confidence >= 0.85 for w in words)

