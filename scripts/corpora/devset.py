"""The dev set's format (../shared/devset, as ../shared/tools/score.py reads it): the documents
beside ``truth.json`` and ``allocations.csv`` (copied from the corpus folder)."""
from __future__ import annotations

import json
from pathlib import Path


def truth_entry(file: str, *, scanned: bool, received: str, expect: dict,
                flags: list[str]) -> dict:
    """One document's line in ``truth.json``."""
    return {"file": file, "scanned": scanned, "received": received, "expect": expect,
            "flags": flags}


def write_truth(out: Path, truth: list[dict]) -> None:
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
