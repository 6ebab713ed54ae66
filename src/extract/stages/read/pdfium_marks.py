"""Marked content pdfium would read differently from pdfminer: /ActualText spans.

pdfium's text API replaces the glyphs of a `/Span <</ActualText (...)>>` by that text (e.g. a
browser's small capitals: capital glyphs, lowercase ActualText), and then measures advances of
the replacement characters, which the font may not even have. pdfminer reads the glyphs as
printed. The spans are removed from the loaded page (never saved) before its text is read, so
both readers see the printed glyphs, with their own widths.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

ACTUAL_TEXT = "ActualText"
_KEY_UNITS = 32  # UTF-16 units read of a mark parameter's key: enough for "ActualText"


def drop_actual_text(page: Any) -> int:
    """Remove every /ActualText mark from the page's objects (forms included); how many."""
    return _drop_in(pdfium_c.FPDFPage_CountObjects(page), lambda i: pdfium_c.FPDFPage_GetObject(page, i))


def _drop_in(count: int, get: Any) -> int:
    dropped = 0
    for index in range(count):
        obj = get(index)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            dropped += _drop_in(
                pdfium_c.FPDFFormObj_CountObjects(obj), lambda i, form=obj: pdfium_c.FPDFFormObj_GetObject(form, i)
            )
        dropped += _drop_marks(obj)
    return dropped


def _drop_marks(obj: Any) -> int:
    dropped = 0
    for index in reversed(range(pdfium_c.FPDFPageObj_CountMarks(obj))):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, index)
        if mark and _has_actual_text(mark) and pdfium_c.FPDFPageObj_RemoveMark(obj, mark):
            dropped += 1
    return dropped


def _has_actual_text(mark: Any) -> bool:
    key = (ctypes.c_ushort * _KEY_UNITS)()
    length = ctypes.c_ulong()
    for index in range(pdfium_c.FPDFPageObjMark_CountParams(mark)):
        if pdfium_c.FPDFPageObjMark_GetParamKey(mark, index, key, ctypes.sizeof(key), length):
            units = max(0, length.value // 2 - 1)  # bytes, with a final NUL
            if "".join(map(chr, key[:units])) == ACTUAL_TEXT:
                return True
    return False
