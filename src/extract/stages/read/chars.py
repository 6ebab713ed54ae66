"""The characters every reader hands on: `Char` rows.

A `Char` holds pdfplumber's char fields (text, x0, x1, top, bottom, upright, fontname, size) in
display coordinates (the page's /Rotate applied the way pdfminer applies it), the shape of its
glyph (the first four terms a, b, c, d of its matrix, which give its writing direction; not its
origin), then the text object the character belongs to (pdfium; 0 when unknown). A tuple, not
pdfplumber's dict: the pdfium reader builds one per character, words are built from these
fields in this order, and the pdfplumber reader converts its dicts once (`dicts_to_chars`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

# A character: these fields, in this order (pdfplumber's names; x0, x1, top, bottom are floats);
# then the indexes.
CHAR_FIELDS = ("text", "x0", "x1", "top", "bottom", "upright", "fontname", "size", "matrix", "object")
Char = tuple[str, float, float, float, float, bool, str, float, Any, int]
TEXT, X0, X1, TOP, BOTTOM, UPRIGHT, FONTNAME, SIZE, MATRIX, OBJECT = range(len(CHAR_FIELDS))
_DICT_FIELDS = itemgetter(*CHAR_FIELDS[:MATRIX])
_SHAPE_TERMS = 4  # a, b, c, d of a matrix


def dicts_to_chars(chars: Iterable[Mapping[str, Any]]) -> list[Char]:
    """pdfplumber's char dicts as `Char` rows: coordinates as floats (as pdfium's), no text object
    (0)."""
    rows: list[Char] = []
    for char in chars:
        text, x0, x1, top, bottom, upright, fontname, size = _DICT_FIELDS(char)
        box = (float(x0), float(x1), float(top), float(bottom))
        rows.append((text, *box, upright, fontname, size, _shape(char.get("matrix")), 0))
    return rows


def _shape(matrix: Any) -> tuple[float, ...] | None:
    """A matrix's first four terms (None when there is none)."""
    return None if matrix is None else tuple(matrix[:_SHAPE_TERMS])
