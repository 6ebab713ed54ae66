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

ACTUAL_TEXT = b"ActualText"
_P, _I = ctypes.c_void_p, ctypes.c_int


def _prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A private copy of a pdfium function taking and returning plain addresses (fast)."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.restype, copy.argtypes = restype, argtypes
    return copy


_page_count = _prototype(pdfium_c.FPDFPage_CountObjects, _I, _P)
_page_object = _prototype(pdfium_c.FPDFPage_GetObject, _P, _P, _I)
_form_count = _prototype(pdfium_c.FPDFFormObj_CountObjects, _I, _P)
_form_object = _prototype(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_object_type = _prototype(pdfium_c.FPDFPageObj_GetType, _I, _P)
_count_marks = _prototype(pdfium_c.FPDFPageObj_CountMarks, _I, _P)
_get_mark = _prototype(pdfium_c.FPDFPageObj_GetMark, _P, _P, ctypes.c_ulong)
_param_type = _prototype(pdfium_c.FPDFPageObjMark_GetParamValueType, _I, _P, ctypes.c_char_p)
_remove_mark = _prototype(pdfium_c.FPDFPageObj_RemoveMark, _I, _P, _P)
_FORM, _ABSENT = pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_OBJECT_UNKNOWN


def drop_actual_text(page: Any) -> int:
    """Remove every /ActualText mark from the page's objects (forms included); how many."""
    handle = ctypes.cast(page, ctypes.c_void_p).value
    return _drop_in(_page_count(handle), lambda i: _page_object(handle, i))


def _drop_in(count: int, get: Any) -> int:
    dropped = 0
    for index in range(count):
        obj = get(index)
        if _object_type(obj) == _FORM:
            dropped += _drop_in(_form_count(obj), lambda i, form=obj: _form_object(form, i))
        marks = _count_marks(obj)
        if marks:
            dropped += _drop_marks(obj, marks)
    return dropped


def _drop_marks(obj: int, count: int) -> int:
    dropped = 0
    for index in reversed(range(count)):
        mark = _get_mark(obj, index)
        if mark and _param_type(mark, ACTUAL_TEXT) != _ABSENT and _remove_mark(obj, mark):
            dropped += 1
    return dropped
