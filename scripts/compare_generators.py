"""One-off: the spec corpora (corpora/) against the old generators' output.

usage: python scripts/compare_generators.py OLD NEW
OLD holds make_variants.py → variants, make_variants2.py → variants2, make_variants3.py →
variants3, make_scans.py → scans and (--text) scans-text; NEW make_corpus.py's corpora
variants1, variants2, variants3, scans and (--text) scans-text. Checks: the same truth.json and
allocations.csv, the same pdfplumber text on every page of every text PDF (for scans: of the
page before degradation), and the same degradation parameters as the old generators drew.
"""
from __future__ import annotations

import random
import sys
import types
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.modules["corpus"] = types.SimpleNamespace(truth_entry=None, write_labels=None)
import make_scans as ms  # noqa: E402
import make_variants as mv  # noqa: E402
from corpora.spec import load_corpus, load_yaml  # noqa: E402

PAIRS = {"variants": "variants1", "variants2": "variants2", "variants3": "variants3",
         "scans": "scans", "scans-text": "scans-text"}
ROOT = Path(__file__).resolve().parent.parent / "corpora"


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def compare_folder(old: Path, new: Path, text: bool) -> list[str]:
    problems = []
    for name in ("truth.json", "allocations.csv"):
        if (old / name).read_bytes() != (new / name).read_bytes():
            problems.append(f"{new.name}/{name} differs")
    if not text:
        return problems
    same_bytes = 0
    for pdf in sorted(old.glob("*.pdf")):
        if page_texts(pdf) != page_texts(new / pdf.name):
            problems.append(f"{new.name}/{pdf.name}: page text differs")
        same_bytes += pdf.read_bytes() == (new / pdf.name).read_bytes()
    print(f"{new.name}: {same_bytes} of {len(list(old.glob('*.pdf')))} PDFs byte-identical")
    return problems


def appendix(spec: Path) -> str | None:
    """What the spec adds after its ``like``'s blocks: "blank" (a back), "text" or None."""
    added = load_yaml(spec).get("append")
    return None if not added else "blank" if added == ["newpage"] else "text"


def compare_degradations() -> list[str]:
    problems = []
    rng = random.Random(20240314)
    specs = {d.file: d for d in load_corpus(ROOT / "variants1").documents}
    for v in mv.VARIANTS:
        if not v.scanned:
            continue
        dpi = rng.choice([150, 200, 250, 300])
        angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
        drawn = {"dpi": dpi, "angle": angle, "tone": rng.uniform(0.85, 0.97),
                 "toner": rng.uniform(5, 25), "noise_seed": rng.randrange(2**32),
                 "noise": rng.uniform(4, 12), "binarise": rng.random() < 0.4,
                 "quality": rng.randint(45, 80)}
        scan = specs[v.file].scan or {}
        for key, value in drawn.items():
            if not abs(float(scan.get(key, -1)) - float(value)) < 1e-3:
                problems.append(f"variants1/{v.file}: scan {key} {scan.get(key)} != {value}")
    scans = {Path(d.file).stem: d for d in load_corpus(ROOT / "scans").documents}
    for name, paper in ms.SCANS:
        doc = scans[name.replace("V", "S", 1)]
        scan, page = doc.scan or {}, doc.page
        have = {"kind": scan.get("kind"), "turn": scan.get("turn", 0),
                "rules": page["table"]["rules"],
                "rule_gray": page["table"]["gray"] if page["table"]["rules"] else 0.0,
                "font": page["font"], "size": page["size"], "speckle": scan.get("speckle", 0.0),
                "mark": scan.get("mark"), "damaged_layer": scan.get("damaged_layer", False),
                "appendix": appendix(ROOT / "scans" / f"{doc.name}.yaml"),
                "image": scan.get("image")}
        want = dict(vars(paper))
        want["font"] = paper.font or next(v.font for v in mv.VARIANTS + ms.SHARE_VARIANTS
                                          if v.file.startswith(name))
        for key, value in want.items():
            if have[key] != value:
                problems.append(f"scans/{name}: {key} {have[key]!r} != {value!r}")
    return problems


def main() -> None:
    old, new = map(Path, sys.argv[1:3])
    problems = []
    for o, n in PAIRS.items():
        problems += compare_folder(old / o, new / n, text=o != "scans")
    problems += compare_degradations()
    print("\n".join(problems) or "same truth, allocations, page text and degradation parameters")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
