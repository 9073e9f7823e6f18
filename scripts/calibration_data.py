"""Labelled documents for the calibration stage: each document's page text, read once by the
product's page reader and cached under /tmp, beside its truth.

Used by scripts/train_calibration.py and scripts/calibration.py. OCR is slow; the cache is
keyed by the file's bytes and the reader's source, so a rerun over the same corpora with the
same reader reads nothing again.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.model import DocumentText  # noqa: E402
from extractors.reading.pages import DocumentReader, ReadOptions  # noqa: E402

CACHE_DIR = Path("/tmp/calib-cache")
READING_DIR = Path(__file__).resolve().parents[1] / "extractors" / "reading"


@dataclass(frozen=True)
class Labelled:
    corpus: str
    file: str
    scanned: bool
    expect: dict
    text: DocumentText


@cache
def _reader_version() -> str:
    """A digest of the page reader's source: a cached text is stale once the reader changes."""
    digest = hashlib.sha256()
    for source in sorted(READING_DIR.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:8]


def _cache_path(data: bytes) -> Path:
    return CACHE_DIR / f"{hashlib.sha256(data).hexdigest()[:20]}-{_reader_version()}.pkl"


def labelled(corpus: Path, reader: DocumentReader | None = None) -> Iterator[Labelled]:
    """Every document of a labelled corpus (a folder with truth.json) with its page text."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    own = reader is None
    try:
        for d in truth:
            data = (corpus / d["file"]).read_bytes()
            cache = _cache_path(data)
            if cache.exists():
                text = pickle.loads(cache.read_bytes())
            else:
                if reader is None:
                    reader = DocumentReader(ReadOptions(page_seconds=300)).__enter__()
                text = reader.read(data)
                if not text.error and not any(page.error for page in text.pages):
                    cache.write_bytes(pickle.dumps(text))
            yield Labelled(corpus.name, d["file"], bool(d.get("scanned")), d["expect"], text)
    finally:
        if own and reader is not None:
            reader.__exit__(None, None, None)


def main() -> None:
    """Fill the cache for the corpora named on the command line."""
    for corpus in sys.argv[1:]:
        n = sum(1 for _ in labelled(Path(corpus)))
        print(f"{corpus}: {n} documents cached", flush=True)


if __name__ == "__main__":
    main()
