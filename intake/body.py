"""A message's body as a document: the text to read (HTML as text), the bytes to keep, and a
name to download it by.

The body's words are laid out on one page on a character grid (CHAR_WIDTH × LINE_HEIGHT
points per character and line), so evidence from a body has a page and a box like any other:
the box says where in the body text the value stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from extractors.model import DocumentText, PageText, Word
from intake.message import ParsedMessage

CHAR_WIDTH = 6.0
LINE_HEIGHT = 14.0
WORD_HEIGHT = 10.0
TAB_STOP = 8
"""A tab (a table cell's edge in HTML) moves to the next multiple of this many characters:
wide enough that the extractor sees two columns, not one run-on number."""
MAX_CHARS = 50_000
"""Only this much of a body is read: a requisition in a body is a few lines, a long thread
below it is not worth the time."""
HTML_MAX_CHARS = 10 * MAX_CHARS
"""HTML carries styles and markup besides its text: this much of it is converted."""

_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "div", "dd", "dl", "dt", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr",
    "ul",
})
_CELLS = frozenset({"td", "th"})
_HIDDEN = frozenset({"head", "script", "style", "template", "title"})
_SPACES = re.compile(r"[^\S\t\n]+")


class _TextOfHtml(HTMLParser):
    """Text as a mail client shows it: blocks on lines of their own, table cells apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        cells = [_SPACES.sub(" ", c).strip() for c in line.split("\t")]
        lines.append("\t".join(c for c in cells if c))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _page(text: str) -> PageText:
    words: list[Word] = []
    lines = text.splitlines()
    widest = 1
    for number, line in enumerate(lines):
        column = 0
        for token in re.split(r"(\s)", line):
            if token == "\t":
                column = (column // TAB_STOP + 1) * TAB_STOP
            elif token.isspace() or not token:
                column += len(token)
            else:
                top = number * LINE_HEIGHT
                words.append(Word(token, 1, (column * CHAR_WIDTH, top,
                                             (column + len(token)) * CHAR_WIDTH, top + WORD_HEIGHT),
                                  1.0, number))
                column += len(token)
        widest = max(widest, column)
    return PageText(1, widest * CHAR_WIDTH, max(len(lines), 1) * LINE_HEIGHT, words, "text")


@dataclass(frozen=True)
class BodyDocument:
    data: bytes
    """What is kept in the store: the body as the message had it (HTML stays HTML), UTF-8."""
    media_type: str
    filename: str
    text: DocumentText


def body_document(parsed: ParsedMessage | None) -> BodyDocument:
    body = parsed.body if parsed else ""
    if parsed is not None and parsed.body_type == "text/html":
        text = html_to_text(body[:HTML_MAX_CHARS])[:MAX_CHARS]
        return BodyDocument(body.encode("utf-8"), "text/html", "meddelandetext.html",
                            DocumentText([_page(text)], "text/html"))
    text = body[:MAX_CHARS].replace("\r\n", "\n")
    return BodyDocument(body.encode("utf-8"), "text/plain", "meddelandetext.txt",
                        DocumentText([_page(text)], "text/plain"))
