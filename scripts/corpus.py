"""The dev set's format (../shared/devset, as ../shared/tools/score.py reads it), written by
the corpus generators: the documents beside ``truth.json`` and ``allocations.csv``."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

ALLOCATION_HEADER = ("program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                     "municipal_share_min_percent")


def truth_entry(file: str, *, scanned: bool, received: str, expect: dict,
                flags: list[str]) -> dict:
    """One document's line in ``truth.json``."""
    return {"file": file, "scanned": scanned, "received": received, "expect": expect,
            "flags": flags}


def write_labels(out: Path, truth: list[dict], allocations: Iterable[Sequence[object]]) -> None:
    """``truth.json`` and ``allocations.csv`` in ``out``, beside the documents."""
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    with (out / "allocations.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ALLOCATION_HEADER)
        writer.writerows(allocations)
