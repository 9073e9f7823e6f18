"""One-off: the documents of make_variants*.py and make_scans.py written as specs (corpora/).

Runs each old draw function against a recording page and writes what it drew as blocks; the
truths, allocation lists and scan parameters are copied. Deleted with the old generators.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import types  # noqa: E402

sys.modules["corpus"] = types.SimpleNamespace(truth_entry=None, write_labels=None)
import make_scans as ms  # noqa: E402
import make_variants as mv  # noqa: E402
import make_variants2 as mv2  # noqa: E402
import make_variants3 as mv3  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "corpora"


def clean(v: Any) -> Any:
    if isinstance(v, float):
        r = round(v, 4)
        return int(r) if r == int(r) else r
    if isinstance(v, tuple | list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    return v


# -- make_variants: a Page subclass that records its calls --------------------------------------

class CanvasProxy:
    def __init__(self, rec: Rec1, real: canvas.Canvas) -> None:
        self._rec, self._real = rec, real

    def showPage(self) -> None:  # noqa: N802
        self._rec.record("newpage", {})
        self._real.showPage()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class Rec1(mv.Page):
    def __init__(self, c: canvas.Canvas, font: str) -> None:
        self.ops: list[tuple[str, dict, float]] = []
        self.depth = 0
        self._y = 70.0
        super().__init__(CanvasProxy(self, c), font)

    @property
    def y(self) -> float:
        return self._y

    @y.setter
    def y(self, value: float) -> None:
        if self.depth == 0 and value != self._y:
            self.ops.append(("set_y", {"old": self._y, "new": value}, self._y))
        self._y = value

    def record(self, kind: str, args: dict) -> None:
        if self.depth == 0:
            self.ops.append((kind, args, self._y))

    def text(self, x, y, s, bold=False, size=None):
        self.record("text", {"x": x, "y": y, "s": s, "bold": bold, "size": size})
        self.depth += 1
        super().text(x, y, s, bold, size)
        self.depth -= 1

    def line(self, s="", bold=False, size=None, x=60, gap=1.55):
        self.record("line", {"s": s, "bold": bold, "size": size, "x": x, "gap": gap})
        self.depth += 1
        super().line(s, bold, size, x, gap)
        self.depth -= 1

    def para(self, s, x=60, width=470):
        assert width == 470 and x == 60
        self.record("para", {"s": s})
        self.depth += 1
        super().para(s, x, width)
        self.depth -= 1

    def table(self, rows, widths, x=60, grid=True, bold_first=False):
        self.record("table", {"rows": rows, "widths": widths, "x": x, "grid": grid,
                              "bold_first": bold_first})
        self.depth += 1
        super().table(rows, widths, x, grid, bold_first)
        self.depth -= 1


def blocks1(ops: list[tuple[str, dict, float]]) -> list[Any]:
    out: list[Any] = []
    marks: dict[float, int] = {}
    i = 0
    while i < len(ops):
        kind, a, before = ops[i]
        marks.setdefault(before, len(out))
        if kind == "line":
            b: dict[str, Any] = {"line": a["s"]}
            if a["bold"]:
                b["bold"] = True
            if a["size"]:
                b["size"] = a["size"]
            if a["x"] != 60:
                b["x"] = a["x"]
            if a["gap"] != 1.55:
                b["gap"] = a["gap"]
            out.append(b)
        elif kind == "para":
            out.append({"para": a["s"]})
        elif kind == "table":
            b = {"table": [list(r) for r in a["rows"]], "widths": a["widths"]}
            if a["x"] != 60:
                b["x"] = a["x"]
            if not a["grid"]:
                b["grid"] = False
            if a["bold_first"]:
                b["header_bold"] = True
            out.append(b)
        elif kind == "text":
            cells, at, size = [], [], a["size"]
            while ops[i][0] == "text":
                t = ops[i][1]
                assert t["y"] == before and not t["bold"] and t["size"] == size
                cells.append(t["s"])
                at.append(t["x"])
                i += 1
            k, s, _ = ops[i]
            assert k == "set_y" and s["new"] > s["old"]
            b = {"row": cells, "at": at}
            if size:
                b["size"] = size
            b["advance"] = s["new"] - s["old"]
            out.append(b)
        elif kind == "newpage":
            out.append("newpage")
            if i + 1 < len(ops) and ops[i + 1][0] == "set_y" and ops[i + 1][1]["new"] == 70:
                i += 1
            marks.clear()
        elif kind == "set_y":
            if a["new"] > a["old"]:
                out.append({"space": a["new"] - a["old"]})
            else:
                at_index = marks[a["new"]]
                if out[at_index] != {"mark": "top"}:
                    out.insert(at_index, {"mark": "top"})
                    marks = {k: (v + 1 if v >= at_index else v) for k, v in marks.items()}
                out.append({"back": "top"})
        i += 1
    return out


def record1(draw, font: str, cls=Rec1) -> list[Any]:
    c = canvas.Canvas("/dev/null", invariant=1)
    page = cls(c, font)
    draw(page)
    return blocks1(page.ops)


# -- make_variants2/3: a Page whose top-level calls are recorded -------------------------------

class Rec2(mv2.Page):
    def __init__(self) -> None:
        super().__init__()
        self.ops: list[Any] = []
        self.depth = 0

    def _rec(self, block: Any, call) -> Rec2:
        if self.depth == 0:
            self.ops.append(block)
        self.depth += 1
        call()
        self.depth -= 1
        return self

    def text(self, s, size=10.5, bold=False, x=mv2.LEFT, gap=1.45):
        b: dict[str, Any] = {"line": s}
        if size != 10.5:
            b["size"] = size
        if bold:
            b["bold"] = True
        if x != mv2.LEFT:
            b["x"] = x
        if gap != 1.45:
            b["gap"] = gap
        return self._rec(b, lambda: super(Rec2, self).text(s, size, bold, x, gap))

    def para(self, s, size=10.5, width=92):
        assert width == 92
        b: dict[str, Any] = {"para": s}
        if size != 10.5:
            b["size"] = size
        return self._rec(b, lambda: super(Rec2, self).para(s, size, width))

    def title(self, s, size=14):
        b: dict[str, Any] = {"title": s}
        if size != 14:
            b["size"] = size
        return self._rec(b, lambda: super(Rec2, self).title(s, size))

    def pair(self, label, value, x=250, bold_label=False):
        b: dict[str, Any] = {"pair": [label, value]}
        if x != 250:
            b["x"] = x
        if bold_label:
            b["bold_label"] = True
        return self._rec(b, lambda: super(Rec2, self).pair(label, value, x, bold_label))

    def stacked(self, label, *values):
        return self._rec({"field": label, "values": list(values)},
                         lambda: super(Rec2, self).stacked(label, *values))

    def row(self, cells, columns, bold=False):
        b: dict[str, Any] = {"row": list(cells)}
        if list(columns) != [(mv2.LEFT, "l"), (mv2.RIGHT_EDGE, "r")]:
            b["at"] = [x for x, _ in columns]
            b["align"] = [a for _, a in columns]
        if bold:
            b["bold"] = True
        return self._rec(b, lambda: super(Rec2, self).row(cells, columns, bold))

    def rule(self):
        return self._rec("rule", lambda: super(Rec2, self).rule())

    def space(self, points=8):
        return self._rec({"space": points}, lambda: super(Rec2, self).space(points))

    def newpage(self):
        return self._rec("newpage", lambda: super(Rec2, self).newpage())


# -- writing -----------------------------------------------------------------------------------

class Dumper(yaml.SafeDumper):
    """Figures that are text (codes "0980", "09") quoted, as a person must write them."""


def _str(dumper: yaml.SafeDumper, s: str) -> yaml.Node:
    style = "'" if s.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style=style)


Dumper.add_representer(str, _str)


def dump(path: Path, spec: dict[str, Any]) -> None:
    text = yaml.dump(clean(spec), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100)
    path.write_text(text, encoding="utf-8")


def truth(file: str, received: str, expect: dict, flags: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"file": file, "received": received}
    if flags:
        out["flags"] = list(flags)
    out["expect"] = expect
    return out


def as_scan_parameters(rng: random.Random) -> dict[str, Any]:
    """make_variants.as_scan's draws, in its order, as explicit parameters."""
    dpi = rng.choice([150, 200, 250, 300])
    angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
    tone = rng.uniform(0.85, 0.97)
    toner = rng.uniform(5, 25)
    noise_seed = rng.randrange(2**32)
    noise = rng.uniform(4, 12)
    binarise = rng.random() < 0.4
    quality = rng.randint(45, 80)
    return {"kind": "flatbed", "dpi": dpi, "angle": angle, "tone": tone, "toner": toner,
            "noise": noise, "noise_seed": noise_seed, "binarise": binarise, "quality": quality}


def variants1() -> None:
    out = ROOT / "variants1"
    out.mkdir(parents=True, exist_ok=True)
    mv.register_fonts()
    rng = random.Random(20240314)
    for v in mv.VARIANTS:
        spec = truth(v.file, v.received, v.expect, v.flags)
        if v.font != "Helvetica":
            spec["page"] = {"font": v.font}
        spec["blocks"] = record1(v.draw, v.font)
        if v.scanned:
            spec["scan"] = as_scan_parameters(rng)
        dump(out / f"{v.file.removesuffix('.pdf')}.yaml", spec)
    write_allocations(out)


def write_allocations(out: Path) -> None:
    shutil.copy(Path("/tmp/corpora-old") / out.name.replace("variants1", "variants")
                / "allocations.csv", out / "allocations.csv")


def variants23(name: str, module, documents) -> None:
    out = ROOT / name
    out.mkdir(parents=True, exist_ok=True)
    mv2.Page = Rec2
    module.Page = Rec2
    seen: dict[int, tuple[str, Rec2]] = {}
    for make in documents:
        doc = make()
        stem = doc.name.removesuffix(".pdf")
        spec = truth(doc.name, doc.received, doc.expect, doc.flags)
        if id(doc.page) in seen:
            spec = {"like": f"{seen[id(doc.page)][0]}.yaml", **spec, "flags": doc.flags}
        else:
            spec["blocks"] = doc.page.ops
            seen[id(doc.page)] = stem, doc.page
        dump(out / f"{stem}.yaml", spec)
    write_allocations(out)


def scans() -> None:
    out = ROOT / "scans"
    out.mkdir(parents=True, exist_ok=True)
    variants = {v.file.removesuffix(".pdf"): v for v in mv.VARIANTS + ms.SHARE_VARIANTS}
    shared = {v.file.removesuffix(".pdf") for v in mv.VARIANTS}
    for seed, (name, paper) in enumerate(ms.SCANS, start=1):
        v = variants[name]
        stem = name.replace("V", "S", 1)
        suffix = {"jpeg": "jpg", "png": "png", "tiff": "tif"}.get(paper.image or "", "pdf")
        scan: dict[str, Any] = {"kind": paper.kind}
        for key in ("turn", "speckle", "mark", "damaged_layer", "image"):
            value = getattr(paper, key)
            if value:
                scan[key] = value
        scan["seed"] = seed
        page: dict[str, Any] = {}
        if paper.font:
            page["font"] = paper.font
        if paper.size != 11:
            page["size"] = paper.size
        if paper.rules:
            page["table"] = {"rules": paper.rules, "gray": paper.rule_gray}
        if name in shared:
            spec: dict[str, Any] = {"like": f"../variants1/{name}.yaml", "file": f"{stem}.{suffix}"}
            if page:
                spec["page"] = page
        else:
            spec = truth(f"{stem}.{suffix}", v.received, v.expect, v.flags)
            if v.font != "Helvetica" or page:
                spec["page"] = {"font": v.font, **page} if v.font != "Helvetica" else page
            spec["blocks"] = record1(v.draw, v.font)
        if paper.appendix == "blank":
            spec["append"] = ["newpage"]
        elif paper.appendix == "text":
            spec["append"] = ["newpage"] + [
                {"line": line, "bold": True} if line.startswith("Bilaga") else {"line": line}
                for line in ms.APPENDIX]
        spec["scan"] = scan
        dump(out / f"{stem}.yaml", spec)
    write_allocations(out)


def main() -> None:
    if ROOT.exists():
        shutil.rmtree(ROOT)
    variants1()
    scans()
    variants23("variants3", mv3, mv3.DOCUMENTS)
    variants23("variants2", mv2, mv2.DOCUMENTS)


if __name__ == "__main__":
    main()
