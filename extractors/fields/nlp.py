"""The spaCy pipeline and phrase matchers, built once per process.

A blank Swedish pipeline (no model download) whose one component writes each token's folded
form (extractors.fields.text.fold) into ``norm_``; every PhraseMatcher matches on NORM, so "Örebro",
"ÖREBRO", "Orebro" and "6rebro" all match the same phrase.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex, filter_spans

from extractors.fields.text import fold


@Language.component("fold_norms")
def fold_norms(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


GLUED_BULLET = r"[-–—•](?=[^\W\d_])"
"""A dash or bullet OCR glued to the word after it ("-Erhållet bidrag"): a token of its own."""


@cache
def pipeline() -> Language:
    nlp = spacy.blank("sv")
    nlp.tokenizer.prefix_search = compile_prefix_regex(
        [*nlp.Defaults.prefixes, GLUED_BULLET]).search
    nlp.add_pipe("fold_norms")
    return nlp


@dataclass(frozen=True)
class PhraseHit:
    key: str
    """What the phrase stands for: a field name, a document type, a program, an org variant."""
    start: int
    """Character offsets in the document text."""
    end: int
    tokens: int


class Phrases:
    """A PhraseMatcher over folded norms whose matches come back as keyed character spans."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]):
        nlp = pipeline()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.keys: dict[int, str] = {}
        for key, texts in phrases.items():
            docs = [fold_norms(nlp.make_doc(t)) for t in dict.fromkeys(texts) if t.strip()]
            if docs:
                self.matcher.add(key, docs)
                self.keys[nlp.vocab.strings[key]] = key

    def find(self, doc: Doc, longest: bool = True,
             keep: Callable[[Span], bool] | None = None) -> list[PhraseHit]:
        """Matches in text order; overlapping ones reduced to the longest unless told not to.
        ``keep`` drops matches before overlaps are settled, so a shorter one can stand."""
        matches = self.matcher(doc)
        labels: dict[tuple[int, int], list[str]] = {}
        for match_id, s, e in matches:
            labels.setdefault((s, e), []).append(self.keys[match_id])
        spans = [doc[s:e] for s, e in labels]
        if keep is not None:
            spans = [sp for sp in spans if keep(sp)]
        if longest:
            spans = filter_spans(spans)
        hits = []
        for span in sorted(set(spans), key=lambda sp: (sp.start, sp.end)):
            for key in labels[(span.start, span.end)]:
                hits.append(PhraseHit(key, span.start_char, span.end_char, len(span)))
        return hits


def parse(text: str) -> Doc:
    return pipeline()(text)
