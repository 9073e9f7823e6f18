"""A rendered text PDF made into the file a scanner, a fax or a phone sends: a spec's ``scan``.

``kind`` names the paper path; the others are optional:

- ``flatbed``: one page at ``dpi``, turned ``angle`` degrees, grey times ``tone`` plus
  ``toner``, Gaussian ``noise`` (sd; from ``noise_seed``), ``binarise`` (threshold 150),
  JPEG ``quality``: every parameter explicit.
- ``fax`` (150 dpi black and white, 2-3° skew), ``office`` (200 dpi grey, paper tone, sensor
  noise), ``photo`` (220 dpi phone photo: perspective, a shadow, low contrast, colour): their
  random draws come from ``seed``.
- ``turn``: 90 or 180, the page lies turned on the glass; ``speckle``: share of pixels turned
  to specks of dirt; ``mark``: ``stamp`` or ``signature`` beside the first figure;
  ``damaged_layer``: the scanner's own OCR as an invisible text layer with å/ä/ö misread;
  ``image``: ``jpeg``, ``png`` or ``tiff`` — the file is an image, not a PDF.
"""
from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
import pdfplumber
import pypdfium2
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from corpora.render import FONTS, HEIGHT, WIDTH

STAMP_FONT = FONTS / "DejaVuSans-Bold.ttf"
DAMAGE = {"ä": "éadi", "ö": "6odé", "å": "aé", "Ä": "A", "Ö": "6O", "Å": "A"}
"""What scanners' own OCR makes of å/ä/ö (seed 003: "hélsovardens", "6kad", "behdver")."""
IMAGE_SUFFIX = {"jpeg": "jpg", "png": "png", "tiff": "tif"}
FIGURE = re.compile(r"^\d{3}$|^\d{1,3}[  .]?\d{3}")


def flatbed(pdf: bytes, scan: dict[str, Any]) -> bytes:
    """The first page as a flatbed scanner makes it, in an image-only A4 PDF."""
    dpi = scan["dpi"]
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=dpi / 72).to_pil().convert("L")
    image = image.rotate(scan["angle"], resample=Image.BICUBIC, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32) * scan["tone"] + scan["toner"]
    noise = np.random.default_rng(scan["noise_seed"]).normal(0, scan["noise"], pixels.shape)
    pixels = np.clip(pixels + noise, 0, 255)
    if scan.get("binarise"):
        pixels = np.where(pixels > 150, 255, 0)
    jpeg = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8), "L").save(jpeg, "JPEG", quality=scan["quality"])
    jpeg.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(jpeg), 0, 0, WIDTH, HEIGHT)
    c.showPage()
    c.save()
    return out.getvalue()


# -- marks on paper ----------------------------------------------------------------------------

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
    font = ImageFont.truetype(str(STAMP_FONT), int(13 * px))
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


# -- paper paths (grayscale float arrays, 0 black .. 255 white) ---------------------------------

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


PAPER: dict[str, tuple[float, Callable]] = {"fax": (150, fax), "office": (200, office),
                                            "photo": (220, photo)}


def scan_images(pdf: bytes, scan: dict[str, Any], rng: random.Random
                ) -> tuple[list[Image.Image], float]:
    dpi, degrade = PAPER[scan["kind"]]
    noise = np.random.default_rng(rng.randrange(2**32))
    doc = pypdfium2.PdfDocument(pdf)
    pages = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    mark = scan.get("mark")
    figure = first_figure(pdf) if mark else None
    out = []
    for i, page in enumerate(pages):
        if i == 0 and figure is not None:
            (stamp if mark == "stamp" else signature)(page, figure, dpi, rng)
        if scan.get("speckle"):
            page = Image.fromarray(speckle(np.asarray(page), scan["speckle"], noise))
        scanned = degrade(page, rng, noise)
        if scan.get("turn"):
            scanned = scanned.rotate(-scan["turn"], expand=True)
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


def degrade(pdf: bytes, scan: dict[str, Any]) -> bytes:
    """The file's bytes: an image-only PDF, or an image file when ``scan`` names ``image``."""
    if scan["kind"] == "flatbed":
        return flatbed(pdf, scan)
    rng = random.Random(scan["seed"])
    images, dpi = scan_images(pdf, scan, rng)
    if scan.get("image"):
        return image_file(images, dpi, scan["image"], rng)
    layer = layer_words(pdf) if scan.get("damaged_layer") else None
    return image_pdf(images, dpi, layer, rng, "bw" if scan["kind"] == "fax" else "jpeg")
