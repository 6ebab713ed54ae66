"""pdfium_chars / pdfium_shapes: the pdfium reader's characters are pdfplumber's characters.

Each char of `page_chars` is held to the pdfplumber char at the same place in content order:
same text, font and size, position within the readers' tolerance (tests/test_readers.py). On the
sample, and on a page made here with what the rebuilding is for: ligatures pdfium splits into
letters, a line-end hyphen, letter-spaced text, text turned by 90 degrees and skewed text, and
the same page under every /Rotate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2  # noqa: F401  (initialises the pdfium library)
import pypdfium2.raw as pdfium_c
import pytest
from pdfminer.fontmetrics import FONT_METRICS

from extract.settings import ReadSettings
from extract.stages.read.chars import CHAR_FIELDS
from extract.stages.read.pdfium import _QUARTER, _mediabox, pdfium_page_count
from extract.stages.read.pdfium_chars import page_chars
from extract.stages.read.pdfium_marks import read_objects
from extract.stages.read.pdfium_shapes import page_shapes
from extract.stages.read.pdfium_space import PageSpace
from extract.stages.read.plumber import plumber_pages
from tests.helpers import READER_POSITION_TOLERANCE, READER_SIZE_TOLERANCE, SAMPLE_PDF, with_rotate

SIDES = ("x0", "x1", "top", "bottom")
POSITION_TOLERANCE, SIZE_TOLERANCE = READER_POSITION_TOLERANCE, READER_SIZE_TOLERANCE  # tests/helpers.py: why
SAMPLE_PAGES = range(1, pdfium_page_count(SAMPLE_PDF) + 1)
# pdfium keeps advances in whole font units, so an origin drifts along its line by up to a unit
# (size / 1000) per char: the readers' tolerance holds for text up to this size, and grows with it.
DRIFT_SIZE = 12.0
ROTATIONS = (0, 90, 180, 270)

# --- a page with ligatures, a line-end hyphen, letter-spaced and turned text -------------------

FONT = "Helvetica"
LIGATURE_CODES = {1: ("fi", "\ufb01"), 2: ("fl", "\ufb02")}  # code -> (glyph name, character)
LINES = [  # (text matrix, Tc, text: bytes; \x01 \x02 are the ligature codes)
    ("1 0 0 1 40 780", 0, b"Une \x01che de \x02ux bien r\x01l\x01"),
    ("1 0 0 1 40 740", 0, b"les actions inter-"),
    ("1 0 0 1 40 728", 0, b"nationales de la ville"),
    ("1 0 0 1 40 680", 3, b"TITRE ESPACE"),
    ("0 1 -1 0 300 300", 0, b"Texte tourne vers le haut"),
    ("0 -1 1 0 420 500", 0, b"Texte descendant"),
    ("0.866 0.5 -0.5 0.866 80 150", 0, b"Texte en biais"),
]
SIZES = (20, 10, 10, 24, 12, 12, 14)


def _widths() -> list[int]:
    """/Widths for codes 1..255: the AFM widths pdfminer uses, so both readers share them."""
    _, widths = FONT_METRICS[FONT]
    chars = {code: char for code, (_, char) in LIGATURE_CODES.items()}
    return [widths.get(chars.get(code, chr(code)), 0) for code in range(1, 256)]


def made_page_pdf() -> bytes:
    """A one-page PDF (classic xref, uncompressed) drawing `LINES` in Helvetica."""
    shows = [
        b"BT /F1 %d Tf %d Tc %s Tm (%s) Tj ET" % (size, spacing, matrix.encode(), text)
        for (matrix, spacing, text), size in zip(LINES, SIZES)
    ]
    content = b"\n".join(shows)
    differences = b" ".join(b"%d /%s" % (code, name.encode()) for code, (name, _) in LIGATURE_CODES.items())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 1 /LastChar 255 /Widths [%s]"
        b" /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >> >>"
        % (FONT.encode(), b" ".join(b"%d" % w for w in _widths()), differences),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


# --- reading both ways -------------------------------------------------------------------------


@contextmanager
def pdfium_page(path: Path, number: int) -> Iterator[tuple[Any, Any, PageSpace]]:
    doc = pdfium_c.FPDF_LoadDocument(str(path).encode("utf-8"), None)
    page = pdfium_c.FPDF_LoadPage(doc, number - 1)
    text_page = pdfium_c.FPDFText_LoadPage(page)
    try:
        yield page, text_page, PageSpace.of(pdfium_c.FPDFPage_GetRotation(page) * _QUARTER, _mediabox(page))
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
        pdfium_c.FPDF_ClosePage(page)
        pdfium_c.FPDF_CloseDocument(doc)


def pdfium_chars(path: Path, number: int) -> list[dict[str, Any]]:
    """`page_chars` as dicts, its fields named as pdfplumber names them."""
    with pdfium_page(path, number) as (_, text_page, space):
        return [dict(zip(CHAR_FIELDS, char, strict=True)) for char in page_chars(text_page, space)]


def plumber_chars(path: Path, number: int) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[number - 1].chars)


def distance(a: dict[str, Any], b: dict[str, Any]) -> float:
    return max(abs(a[side] - b[side]) for side in SIDES)


def pairs(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """Each char but spaces (pdfium drops some: words never hold one) with the nearest unpaired
    char of the same text (the readers may order lines differently)."""
    left = defaultdict(list)
    for char in want:
        if not char["text"].isspace():
            left[char["text"]].append(char)
    found = []
    for char in (c for c in got if not c["text"].isspace()):
        assert left[char["text"]], f"no {char['text']!r} left to pair"
        nearest = min(left[char["text"]], key=lambda other: distance(char, other))
        left[char["text"]].remove(nearest)
        found.append((char, nearest))
    assert not any(left.values()), "chars pdfium misses"
    return found


def assert_same_chars(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    """Paired chars: same font and direction; size and position within the readers' tolerance."""
    paired = pairs(got, want)
    assert all((a["fontname"], a["upright"]) == (b["fontname"], b["upright"]) for a, b in paired)
    assert max(abs(a["size"] - b["size"]) for a, b in paired) <= SIZE_TOLERANCE
    assert all(distance(a, b) <= POSITION_TOLERANCE * max(1.0, b["size"] / DRIFT_SIZE) for a, b in paired)


# --- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", SAMPLE_PAGES)
def test_sample_chars_are_pdfplumbers(number):
    got = pdfium_chars(SAMPLE_PDF, number)
    assert len(got) > 0 and all(c["object"] > 0 for c in got)  # its text object: for pdfium_order
    assert_same_chars(got, plumber_chars(SAMPLE_PDF, number))


@pytest.mark.parametrize("degrees", ROTATIONS)
def test_made_page_chars_are_pdfplumbers(tmp_path, degrees):
    path = tmp_path / "made.pdf"
    path.write_bytes(with_rotate(made_page_pdf(), degrees))
    got, want = pdfium_chars(path, 1), plumber_chars(path, 1)
    assert_same_chars(got, want)
    texts = "".join(c["text"] for c in got)
    assert "\ufb01che" in texts and "\ufb02ux" in texts and "r\ufb01l\ufb01" in texts  # joined again
    assert "inter-" in texts and "\ufffe" not in texts and "\x02" not in texts  # a hyphen again
    assert {c["upright"] for c in got} == {True, False}


def test_made_page_letter_spacing_and_turns_keep_their_matrix(tmp_path):
    path = tmp_path / "made.pdf"
    path.write_bytes(made_page_pdf())
    got, want = pdfium_chars(path, 1), plumber_chars(path, 1)
    for a, b in pairs(got, want):
        assert a["matrix"] == pytest.approx(b["matrix"][:4], abs=1e-6)  # its origin: x0, top
    spaced = [c for c in got if c["size"] == max(SIZES)]
    gaps = [b["x0"] - a["x1"] for a, b in zip(spaced, spaced[1:])]
    assert min(gaps) > 0  # letter-spaced: every letter stands apart


@pytest.mark.parametrize("number", SAMPLE_PAGES)
def test_sample_shapes_are_pdfplumbers(number):
    with pdfium_page(SAMPLE_PDF, number) as (page, _, space):
        boxes, images = page_shapes(read_objects(page), space)
    want = next(iter(plumber_pages(SAMPLE_PDF, ReadSettings(engine="pdfplumber"), number, number)))
    assert len(boxes) == len(want.boxes) and images == want.image_count
    for a, b in zip(boxes, want.boxes):
        assert (a.filled, a.stroked, a.is_light) == (b.filled, b.stroked, b.is_light)
        assert max(abs(getattr(a, side) - getattr(b, side)) for side in SIDES) <= POSITION_TOLERANCE


def test_made_page_hyphen_is_pdfiums_line_end_mark(tmp_path):
    """The page does exercise the hyphen rule: pdfium's own text marks the line-end hyphen."""
    path = tmp_path / "made.pdf"
    path.write_bytes(made_page_pdf())
    with pdfium_page(path, 1) as (_, text_page, _):
        count = pdfium_c.FPDFText_CountChars(text_page)
        codes = {pdfium_c.FPDFText_GetUnicode(text_page, i) for i in range(count)}
    assert codes & {0x02, 0xFFFE} and ord("-") not in codes
