"""One walk over a page's objects: content order, and the /ActualText spans pdfium would
read differently from pdfminer.

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


def read_objects(page: Any) -> dict[int, int]:
    """Walk the page's objects once, in content order (a form's objects where it is drawn):
    remove every /ActualText mark, and give each object's address its rank (see `pdfium_order`)."""
    handle = ctypes.cast(page, ctypes.c_void_p).value
    ranks: dict[int, int] = {}
    _walk(_page_count(handle), lambda i: _page_object(handle, i), ranks)
    return ranks


def _walk(count: int, get: Any, ranks: dict[int, int]) -> None:
    for index in range(count):
        obj = get(index)
        ranks[obj] = len(ranks)
        if _object_type(obj) == _FORM:
            _walk(_form_count(obj), lambda i, form=obj: _form_object(form, i), ranks)
        marks = _count_marks(obj)
        if marks:
            _drop_marks(obj, marks)


def _drop_marks(obj: int, count: int) -> None:
    for index in reversed(range(count)):
        mark = _get_mark(obj, index)
        if mark and _param_type(mark, ACTUAL_TEXT) != _ABSENT:
            _remove_mark(obj, mark)
