"""Labelled corpora as the scorer's training and evaluation scripts read them.

Every file is read once by the product's page reader (extractors.reading.pages, as the CLI
reads it: text layer, else OCR) and its DocumentText pickled under /tmp/scorer-cache, keyed by
the file's bytes, so training and leave-one-out runs never OCR a page twice (a page lost to the
time limit is read again).
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.model import DocumentText  # noqa: E402

CACHE_DIR = Path("/tmp/scorer-cache")


@dataclass(frozen=True)
class LabelledDocument:
    corpus: str
    file: str
    scanned: bool
    expect: dict
    text: DocumentText


def _cache_path(data: bytes) -> Path:
    return CACHE_DIR / f"{hashlib.sha256(data).hexdigest()[:24]}.pkl"


def _lost_pages(text: DocumentText) -> bool:
    """Whether a page could not be read (over its time limit on a loaded machine): read the
    document again rather than train or measure on what the load lost."""
    return any(p.error for p in text.pages)


def read_corpus(corpus: Path) -> Iterator[LabelledDocument]:
    """The corpus's documents with their truth, read through the cache."""
    from extractors.reading.pages import DocumentReader, ReadOptions
    from extractors.reading.sniff import sniff_media_type

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    reader: DocumentReader | None = None
    try:
        for d in truth:
            data = (corpus / d["file"]).read_bytes()
            cache = _cache_path(data)
            text = pickle.loads(cache.read_bytes()) if cache.exists() else None
            if text is None or _lost_pages(text):
                if reader is None:
                    reader = DocumentReader(ReadOptions(workers=1))
                text = reader.read(data, sniff_media_type(data))
                cache.write_bytes(pickle.dumps(text))
            yield LabelledDocument(corpus.name, d["file"], bool(d.get("scanned")),
                                   d["expect"], text)
    finally:
        if reader is not None:
            reader.close()


if __name__ == "__main__":
    for path in sys.argv[1:]:
        n = sum(1 for _ in read_corpus(Path(path)))
        print(f"{path}: {n} documents cached", flush=True)
