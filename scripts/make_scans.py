"""Write a labelled corpus of scanned documents degraded the ways real intake is.

usage: python scripts/make_scans.py [OUT_DIR] [--text]   (default /tmp/scans)

The documents are make_variants.py's (its builders, truths and allocation list); only the
paper differs: fax-like 150 dpi black and white with 2-3° skew, 200 dpi grey office scans,
phone photos (JPEG, a shadow across the page, slight perspective, low contrast), pages turned
90° and 180°, two-page scans (a second page of text or a duplex scanner's blank back),
tables ruled dashed, dotted or solid in grey or black, serif fonts, 9 pt text, speckle noise,
a stamp or a signature scrawl beside a figure, and scanners' own damaged OCR text layers
(å/ä/ö read as é, 6, d, as seed 003 shows). Five documents are image files (JPEG, PNG,
TIFF) rather than PDFs; the product sniffs the bytes, whatever the mail calls them.

``--text`` writes the same documents as born-digital PDFs (scanned=false): what extraction
makes of them without OCR, to tell OCR errors from extraction errors.
"""
from __future__ import annotations

import io
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import truth_entry, write_labels
from make_variants import (
    ALLOCATIONS,
    HEIGHT,
    VARIANTS,
    Page,
    Variant,
    hembesok,
    region,
    register_fonts,
)

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
STAMP_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "DejaVu": "DejaVu-Bold",
        "DejaVuSerif": "DejaVuSerif-Bold"}
DAMAGE = {"ä": "éadi", "ö": "6odé", "å": "aé", "Ä": "A", "Ö": "6O", "Å": "A"}
"""What scanners' own OCR makes of å/ä/ö (seed 003: "hélsovardens", "6kad", "behdver")."""
APPENDIX = [
    "Bilaga 1. Verksamhetsbeskrivning",
    "",
    "Arbetet med utökade hembesök bedrivs av barnhälsovårdens sjuksköterskor tillsammans",
    "med socialtjänstens föräldrarådgivare. Besöken planeras utifrån familjens behov och",
    "genomförs i hemmet. Uppföljning sker löpande i samverkansgruppen, som träffas varje",
    "månad och rapporterar till ledningsgruppen för barn- och ungdomshälsa.",
    "",
    "Metodstöd ges av den centrala barnhälsovårdsenheten, som också ansvarar för",
    "utbildning av nyanställda och för dokumentation i journalsystemet.",
]


@dataclass(frozen=True)
class Paper:
    """How one document comes to the mailbox."""

    kind: str
    """"fax" (150 dpi black and white), "office" (200 dpi grey) or "photo" (phone camera)."""
    turn: int = 0
    """Degrees the page lies turned on the glass, clockwise: 0, 90 or 180."""
    rules: str | None = None
    """Table rules: "solid", "dashed" or "dotted", in ``rule_gray``; None as drawn."""
    rule_gray: float = 0.0
    font: str | None = None
    size: float = 11
    speckle: float = 0.0
    """Share of pixels turned into specks of dirt."""
    mark: str | None = None
    """"stamp" or "signature" beside the first figure."""
    damaged_layer: bool = False
    appendix: str | None = None
    """A second page: "text" (an appendix) or "blank" (a duplex scanner's empty back)."""
    image: str | None = None
    """The file is an image, not a PDF: "jpeg", "png", "tiff"."""


class ScanPage(Page):
    """make_variants' Page with table rules in another style and any font."""

    def __init__(self, c: canvas.Canvas, font: str, size: float, rules: str | None,
                 rule_gray: float) -> None:
        self.c, self.font, self.bold, self.size, self.y = c, font, BOLD[font], size, 70.0
        self.rules, self.rule_gray = rules, rule_gray

    def table(self, rows: list[tuple[str, ...]], widths: list[float], x: float = 60,
              grid: bool = True, bold_first: bool = False) -> None:
        if self.rules is None:
            super().table(rows, widths, x, grid, bold_first)
            return
        self.c.saveState()
        self.c.setStrokeGray(self.rule_gray)
        if self.rules == "dashed":
            self.c.setDash([4, 3])
        elif self.rules == "dotted":
            self.c.setLineCap(1)
            self.c.setDash([0.1, 2.4])
        super().table(rows, widths, x, True, bold_first)
        self.c.restoreState()


def text_pdf(v: Variant, paper: Paper) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    v.draw(ScanPage(c, paper.font or v.font, paper.size, paper.rules, paper.rule_gray))
    c.showPage()
    if paper.appendix == "text":
        page = ScanPage(c, paper.font or v.font, paper.size, None, 0.0)
        for line in APPENDIX:
            page.line(line, bold=line.startswith("Bilaga"))
        c.showPage()
    elif paper.appendix == "blank":
        c.showPage()
    c.save()
    return buf.getvalue()


# -- marks on paper ----------------------------------------------------------------------------

FIGURE = re.compile(r"^\d{3}$|^\d{1,3}[  .]?\d{3}")


def first_figure(pdf: bytes) -> tuple[float, float, float, float] | None:
    """Box (points) of the first amount-like figure on the first page: "834", "12 774 000:-"."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for w in doc.pages[0].extract_words():
            if FIGURE.match(w["text"]) and not re.match(r"^(19|20)\d\d", w["text"]):
                return w["x0"], w["top"], w["x1"], w["bottom"]
    return None


def stamp(image: Image.Image, box: tuple[float, float, float, float], dpi: float,
          rng: random.Random) -> None:
    """A rubber stamp, grey and tilted, a little right of the figure and over its line."""
    px = dpi / 72
    font = ImageFont.truetype(STAMP_FONT, int(13 * px))
    text = rng.choice(["INKOM", "KOPIA", "REGISTRERAD"])
    w, h = int(font.getlength(text) + 24 * px), int(30 * px)
    mark = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mark)
    draw.rectangle((2, 2, w - 3, h - 3), outline=255, width=max(2, int(2 * px)))
    draw.text((12 * px, 7 * px), text, fill=255, font=font)
    mark = mark.rotate(rng.uniform(-12, 12), expand=True, resample=Image.BICUBIC)
    x = int((box[2] + rng.uniform(40, 70)) * px)
    y = int((box[1] + box[3]) / 2 * px - mark.height / 2)
    ink = Image.new("L", mark.size, rng.randint(70, 120))
    image.paste(ink, (x, y), mark.point(lambda v: v * 0.85))


def signature(image: Image.Image, box: tuple[float, float, float, float], dpi: float,
              rng: random.Random) -> None:
    """A scrawled signature, initials in loops, on the figure's line a little right of it."""
    px = dpi / 72
    draw = ImageDraw.Draw(image)
    x0, y0 = (box[2] + rng.uniform(30, 50)) * px, (box[1] + box[3]) / 2 * px
    t = np.linspace(0, 1, 400)
    xs = x0 + t * 120 * px + 9 * px * np.sin(t * 38)
    ys = y0 + 8 * px * np.sin(t * 19 + 1) * (1 - t) + 4 * px * np.cos(t * 53)
    draw.line(list(zip(xs.tolist(), ys.tolist())), fill=rng.randint(20, 60),
              width=max(2, int(1.3 * px)))


# -- degradations (grayscale float arrays, 0 black .. 255 white) --------------------------------

def render(pdf: bytes, dpi: float) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(pdf)
    return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]


def speckle(pixels: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Dust and toner specks, one to three pixels each."""
    out = pixels.copy()
    h, w = out.shape
    n = int(share * h * w)
    ys, xs = rng.integers(0, h - 3, n), rng.integers(0, w - 3, n)
    sizes = rng.integers(1, 4, n)
    for y, x, s in zip(ys, xs, sizes):
        out[y:y + s, x:x + s] = rng.integers(0, 90)
    return out


def fax(image: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """150 dpi, skewed 2-3°, thresholded hard: ragged strokes, no grey."""
    turned = image.rotate(rng.choice([-1, 1]) * rng.uniform(2.0, 3.0), resample=Image.BILINEAR,
                          fillcolor=255)
    pixels = np.asarray(turned, np.float32) + noise.normal(0, 18, (turned.height, turned.width))
    return Image.fromarray(np.where(pixels > rng.uniform(120, 150), 255, 0).astype(np.uint8))


def office(image: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """200 dpi grey, a little skew, paper tone, sensor noise."""
    turned = image.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=255)
    pixels = np.asarray(turned, np.float32) * rng.uniform(0.85, 0.95) + rng.uniform(8, 20)
    pixels += noise.normal(0, rng.uniform(3, 7), pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def photo(image: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """A phone photo of the page on a desk: perspective, a shadow across, low contrast, colour."""
    page = np.asarray(image, np.float32)
    h, w = page.shape
    margin = int(0.06 * w)
    canvas_h, canvas_w = h + 2 * margin, w + 2 * margin
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[margin + x + rng.uniform(-0.025, 0.025) * w,
                       margin + y + rng.uniform(-0.025, 0.025) * w] for x, y in src])
    matrix = cv2.getPerspectiveTransform(src, dst)
    desk = rng.uniform(70, 110)
    warped = cv2.warpPerspective(page, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=-1)
    warped = np.where(warped < 0, desk, warped)
    ys, xs = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xs / canvas_w + np.sin(angle) * ys / canvas_h)
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    light = 0.62 + 0.38 * ramp
    cx, cy = rng.uniform(0.2, 0.8) * canvas_w, rng.uniform(0.2, 0.8) * canvas_h
    shadow = np.exp(-(((xs - cx) / (0.35 * canvas_w)) ** 2 + ((ys - cy) / (0.2 * canvas_h)) ** 2))
    light *= 1 - 0.2 * shadow
    pixels = (55 + warped * 0.62) * light
    pixels = cv2.GaussianBlur(pixels, (0, 0), 0.9) + noise.normal(0, 4, pixels.shape)
    gray = np.clip(pixels, 0, 255)
    rgb = np.stack([gray * 1.0, gray * 0.96, gray * 0.86], axis=-1)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")


DEGRADE: dict[str, tuple[float, Callable]] = {"fax": (150, fax), "office": (200, office),
                                              "photo": (220, photo)}


def scan_images(pdf: bytes, paper: Paper, rng: random.Random) -> tuple[list[Image.Image], float]:
    dpi, degrade = DEGRADE[paper.kind]
    noise = np.random.default_rng(rng.randrange(2**32))
    pages = render(pdf, dpi)
    figure = first_figure(pdf) if paper.mark else None
    out = []
    for i, page in enumerate(pages):
        if i == 0 and figure is not None:
            (stamp if paper.mark == "stamp" else signature)(page, figure, dpi, rng)
        if paper.speckle:
            page = Image.fromarray(speckle(np.asarray(page), paper.speckle, noise))
        scanned = degrade(page, rng, noise)
        if paper.turn:
            scanned = scanned.rotate(-paper.turn, expand=True)
        out.append(scanned)
    return out, dpi


def damage(text: str, rng: random.Random) -> str:
    return "".join(rng.choice(DAMAGE[c]) if c in DAMAGE else c for c in text)


def layer_words(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Every page's words as (text, x0, bottom, size) in points."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [[(w["text"], w["x0"], w["bottom"], w["bottom"] - w["top"])
                 for w in p.extract_words()] for p in doc.pages]


def image_pdf(images: list[Image.Image], dpi: float, layer: list | None,
              rng: random.Random, fmt: str) -> bytes:
    """An image-only PDF, a page per image at its size; ``layer`` as an invisible, damaged
    text layer on top (a scanner's own OCR)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for i, image in enumerate(images):
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        c.setPageSize((width, height))
        data = io.BytesIO()
        if fmt == "jpeg":
            image.save(data, "JPEG", quality=rng.randint(55, 80))
        else:
            mode = "1" if image.mode == "L" and fmt == "bw" else image.mode
            image.convert(mode).save(data, "PNG")
        data.seek(0)
        c.drawImage(ImageReader(data), 0, 0, width, height)
        if layer is not None and i < len(layer):
            text = c.beginText()
            text.setTextRenderMode(3)
            for word, x0, bottom, size in layer[i]:
                text.setFont("Helvetica", max(4.0, size))
                text.setTextOrigin(x0, HEIGHT - bottom + size * 0.2)
                text.textOut(damage(word, rng))
            c.drawText(text)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_file(images: list[Image.Image], dpi: float, fmt: str, rng: random.Random) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":  # phones write no useful dpi
        images[0].save(buf, "JPEG", quality=rng.randint(70, 88))
    elif fmt == "png":
        images[0].save(buf, "PNG", dpi=(dpi, dpi))
    else:
        bw = all(set(np.unique(np.asarray(im.convert("L")))) <= {0, 255} for im in images)
        frames = [im.convert("1") if bw else im.convert("L") for im in images]
        frames[0].save(buf, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=frames[1:],
                       compression="group4" if bw else "tiff_lzw")
    return buf.getvalue()


# -- the corpus --------------------------------------------------------------------------------

SCANS: list[tuple[str, Paper]] = [
    ("V01", Paper("fax", speckle=0.0004)),
    ("V02", Paper("office", rules="dashed", rule_gray=0.55, font="DejaVuSerif")),
    ("V03", Paper("photo", image="jpeg")),
    ("V04", Paper("office", turn=90)),
    ("V05", Paper("office", damaged_layer=True)),
    ("V06", Paper("fax", turn=180)),
    ("V07", Paper("office", size=9, speckle=0.0006)),
    ("V08", Paper("fax", rules="dotted", rule_gray=0.0)),
    ("V09", Paper("photo")),
    ("V10", Paper("fax", font="DejaVuSerif", mark="stamp")),
    ("V11", Paper("fax", image="png", size=9)),
    ("V12", Paper("office", damaged_layer=True, font="Times-Roman")),
    ("V13", Paper("office", mark="signature")),
    ("V14", Paper("fax", image="tiff", appendix="blank")),
    ("V16", Paper("office", rules="solid", rule_gray=0.6, size=9)),
    ("V17", Paper("photo", font="DejaVuSerif")),
    ("V18", Paper("fax", speckle=0.001)),
    ("V19", Paper("office", turn=90, font="Times-Roman")),
    ("V20", Paper("office", appendix="blank", speckle=0.0005)),
    ("V21", Paper("office", damaged_layer=True, font="DejaVuSerif")),
    ("V22", Paper("fax", rules="dashed", rule_gray=0.0)),
    ("V23", Paper("photo", rules="dotted", rule_gray=0.45)),
    ("V24", Paper("office", mark="stamp", font="Times-Roman")),
    ("V25", Paper("fax", size=9)),
    ("V26", Paper("office", turn=180, font="DejaVuSerif")),
    ("V27", Paper("photo", image="jpeg", size=9)),
    ("V29", Paper("fax", mark="signature")),
    ("V31", Paper("office", rules="dashed", rule_gray=0.5)),
    ("V32", Paper("office", image="tiff", appendix="text")),
    ("V36", Paper("office", speckle=0.0015, size=9)),
    ("V37", Paper("fax")),
    ("V40", Paper("photo", mark="signature")),
]


def share_requisition(name: str, town: str, requested: str, towns: str, share: str,
                      ) -> Callable[[Page], None]:
    """A one-page requisition whose share is a figure and a "%": what phone photos and faxes
    read as "Yo", "96" or "%o"."""
    def draw(p: Page) -> None:
        p.line(name, bold=True, size=14)
        p.line(f"{town} 2024-03-11")
        p.y += 8
        p.line("Rekvisition av statsbidrag för utökade hembesöksprogram 2024", bold=True)
        p.line(f"Rekvirerat belopp: {requested} kr")
        p.line(f"Samverkande kommuner: {towns}")
        p.line(f"Kommunens andel: {share} %")
    return draw


def _share_variant(file: str, code: str, name: str, town: str, requested: int,
                   towns: tuple[tuple[str, str], ...], share: int, font: str) -> Variant:
    amount = f"{requested:,}".replace(",", " ")
    names = ", ".join(f"{t} kommun" for _, t in towns)
    return Variant(file, "2024-03-12", hembesok(
        "requisition", 2024, region(code), {"requested": requested}, "2024-03-11",
        collaborating_municipalities=sorted(c for c, _ in towns), municipal_share_percent=share),
        share_requisition(name, town, amount, names, str(share)), font=font)


SHARE_VARIANTS: list[Variant] = [
    _share_variant("V41.pdf", "13", "Region Halland", "Halmstad", 1_500_000,
                   (("1380", "Halmstad"), ("1383", "Varberg")), 50, "Helvetica"),
    _share_variant("V42.pdf", "20", "Region Dalarna", "Falun", 1_142_000,
                   (("2080", "Falun"), ("2081", "Borlänge")), 35, "DejaVu"),
    _share_variant("V43.pdf", "21", "Region Gävleborg", "Gävle", 1_307_000,
                   (("2180", "Gävle"), ("2181", "Sandviken")), 40, "Times-Roman"),
    _share_variant("V44.pdf", "25", "Region Norrbotten", "Luleå", 5_035_000,
                   (("2580", "Luleå"), ("2581", "Piteå")), 30, "Helvetica"),
    _share_variant("V45.pdf", "23", "Region Jämtland Härjedalen", "Östersund", 503_000,
                   (("2380", "Östersund"), ("2361", "Härjedalen")), 45, "DejaVu"),
    _share_variant("V46.pdf", "04", "Region Sörmland", "Nyköping", 1_200_000,
                   (("0484", "Eskilstuna"), ("0480", "Nyköping")), 25, "Times-Roman"),
]
"""Requisitions from regions that have an allocation for 2024 and no requisition above, so
they add no flags; each on the paper that garbles "%" (SCANS' V41-V46)."""
SCANS += [
    ("V41", Paper("photo")),
    ("V42", Paper("photo", image="jpeg")),
    ("V43", Paper("fax")),
    ("V44", Paper("fax", size=9)),
    ("V45", Paper("photo", size=9)),
    ("V46", Paper("fax", image="png")),
]


def register_serif() -> None:
    pdfmetrics.registerFont(TTFont("DejaVuSerif", SERIF))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", SERIF_BOLD))


def document(v: Variant, paper: Paper, rng: random.Random, as_text: bool) -> tuple[str, bytes]:
    """The file name and bytes of one document."""
    stem = v.file.removesuffix(".pdf").replace("V", "S", 1)
    pdf = text_pdf(v, paper)
    if as_text:
        return f"{stem}.pdf", pdf
    images, dpi = scan_images(pdf, paper, rng)
    if paper.image:
        suffix = {"jpeg": "jpg", "png": "png", "tiff": "tif"}[paper.image]
        return f"{stem}.{suffix}", image_file(images, dpi, paper.image, rng)
    layer = layer_words(pdf) if paper.damaged_layer else None
    fmt = "bw" if paper.kind == "fax" else "jpeg"
    return f"{stem}.pdf", image_pdf(images, dpi, layer, rng, fmt)


def write_corpus(out: Path, as_text: bool = False, seed: int = 20240415) -> None:
    out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    register_serif()
    rng = random.Random(seed)
    variants = {v.file.removesuffix(".pdf"): v for v in VARIANTS + SHARE_VARIANTS}
    truth = []
    for name, paper in SCANS:
        v = variants[name]
        file, data = document(v, paper, rng, as_text)
        (out / file).write_bytes(data)
        truth.append(truth_entry(file, scanned=not as_text, received=v.received,
                                 expect=v.expect, flags=v.flags))
    write_labels(out, truth, ALLOCATIONS)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--text"]
    out = Path(args[0]) if args else Path("/tmp/scans")
    write_corpus(out, as_text="--text" in sys.argv[1:])
    print(f"{len(SCANS)} documents in {out}")


if __name__ == "__main__":
    main()
