"""One walk over a page's objects: content order, the /ActualText spans pdfium would read
differently from pdfminer, and what the shapes are made of (paths, images).

pdfium's text API replaces the glyphs of a `/Span <</ActualText (...)>>` by that text (e.g. a
browser's small capitals: capital glyphs, lowercase ActualText), and then measures advances of
the replacement characters, which the font may not even have. pdfminer reads the glyphs as
printed. The spans are removed from the loaded page (never saved) before its text is read, so
both readers see the printed glyphs, with their own widths.

The same walk keeps each path object with the matrix of the form it is drawn in (the page's
identity outside forms) and counts images, so `pdfium_shapes` need not walk the page again.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c

from .pdfium_fonts import bare, prototype
from .pdfium_space import Matrix, multiply

ACTUAL_TEXT = b"ActualText"
_ACTUAL_TEXT_ARG = ctypes.c_char_p(ACTUAL_TEXT)  # bare calls take ctypes objects: made once
# Mark indexes as bare calls take them, made once: most objects have one mark, a few two or three.
_KEPT_INDEXES = 4
_INDEXES = tuple(map(ctypes.c_ulong, range(_KEPT_INDEXES)))
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TEXT, _PATH = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
_IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
_ABSENT = pdfium_c.FPDF_OBJECT_UNKNOWN


class Handle(ctypes.c_void_p):
    """A pdfium handle that a bare call returns as a ctypes object, passable to the next call."""


# Called per page object. An object comes as its address (an int: cheaper than a ctypes object
# made for each of them), which the per-object calls take as is (a pointer argument converts an
# int cheaply, unlike an integer one: a mark index is passed as a c_ulong made once). The other
# calls, rare, take a `Handle` (see `pdfium_fonts.bare`).
_page_count = bare(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
_page_object = bare(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p)
_form_count = bare(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_form_object = bare(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p)  # index: unsigned long
_object_type = prototype(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)
_count_marks = prototype(pdfium_c.FPDFPageObj_CountMarks, ctypes.c_int, ctypes.c_void_p)
_get_mark = prototype(pdfium_c.FPDFPageObj_GetMark, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_object_matrix = bare(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
_param_type = bare(pdfium_c.FPDFPageObjMark_GetParamValueType, ctypes.c_int)
_remove_mark = bare(pdfium_c.FPDFPageObj_RemoveMark, ctypes.c_int)


@dataclass
class PageObjects:
    """What one walk over a page's objects found."""

    ranks: dict[int, int] = field(default_factory=dict)  # text object address -> content rank
    paths: list[tuple[Handle, Matrix]] = field(default_factory=list)  # path, its form's matrix
    images: int = 0


def read_objects(page: Any) -> PageObjects:
    """Walk the page's objects once, in content order (a form's objects where it is drawn):
    remove every /ActualText mark, give each text object's address its rank (see
    `pdfium_order`), keep the paths and count the images."""
    handle = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value)
    found = PageObjects()
    _walk([_page_object(handle, i) for i in range(_page_count(handle))], IDENTITY, found, {})
    return found


def object_matrix(obj: Handle, parent: Matrix) -> Matrix:
    """The object's own matrix, then `parent` (the matrix of the form it is drawn in)."""
    raw = pdfium_c.FS_MATRIX()
    _object_matrix(obj, ctypes.byref(raw))
    return multiply((raw.a, raw.b, raw.c, raw.d, raw.e, raw.f), parent)


def _walk(objects: list[int], parent: Matrix, found: PageObjects, actual: dict[int, bool]) -> None:
    """`objects`: their addresses (None for a null one, of no kind). `actual`: whether a mark (its
    address) holds /ActualText. Objects drawn in one marked sequence share its mark (a page holds
    a few marks per hundred objects), so each mark is asked once; a mark stays alive, at its
    address, while the page is open."""
    ranks, paths = found.ranks, found.paths
    for obj in objects:
        kind = _object_type(obj)
        if kind == _TEXT:
            ranks[obj] = len(ranks)
        elif kind == _PATH:
            paths.append((Handle(obj), parent))
        elif kind == _IMAGE:
            found.images += 1
        elif kind == _FORM:
            form = Handle(obj)
            inner = [_form_object(form, ctypes.c_ulong(i)) for i in range(_form_count(form))]
            _walk(inner, object_matrix(form, parent), found, actual)
        marks = _count_marks(obj)
        while marks > 0:  # nearly every object of a tagged PDF has a mark: inlined, last first
            marks -= 1
            address = _get_mark(obj, _INDEXES[marks] if marks < _KEPT_INDEXES else ctypes.c_ulong(marks))
            if not address:
                continue
            drop = actual.get(address)
            if drop is None:
                drop = actual[address] = _param_type(ctypes.c_void_p(address), _ACTUAL_TEXT_ARG) != _ABSENT
            if drop:
                _remove_mark(Handle(obj), ctypes.c_void_p(address))
