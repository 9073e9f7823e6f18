import io

import img2pdf
import pypdfium2 as pdfium
import pytest
from extractors.reading.page_worker import render_dpi
from tests.extractors.conftest import text_image


def _fax_pdf(mode: str, dpi: int) -> bytes:
    image = text_image(dpi=dpi).convert(mode)
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi))
    return img2pdf.convert(buf.getvalue())


@pytest.mark.parametrize(("mode", "dpi", "expected"), [
    ("1", 200, 200), ("1", 240, 240), ("1", 150, 300), ("1", 600, 300), ("L", 200, 300)])
def test_a_bilevel_scan_of_200_dpi_or_more_is_rendered_at_its_own_resolution(mode, dpi, expected):
    page = pdfium.PdfDocument(_fax_pdf(mode, dpi))[0]
    assert render_dpi(page, 300) == pytest.approx(expected, abs=1)



def test_a_scan_whose_image_header_cannot_be_read_is_rendered_as_asked():
    class Unreadable:
        def get_metadata(self):
            raise pdfium.PdfiumError("Failed to get image metadata.")

    class Page:
        def get_objects(self, filter, max_depth):
            return iter([Unreadable()])

    assert render_dpi(Page(), 300) == 300
