"""The fast reader: pdfium (pypdfium2's raw API) turns each page into characters and shapes.

It gives what the pdfplumber reader gives (see `pdfium_chars`, `pdfium_shapes` for how each
measurement is rebuilt pdfminer's way) at a fraction of the cost. A file pdfium cannot open at
all is handed to the pdfplumber reader, which reads what it can or classifies the failure.
Pages are loaded, read and closed one at a time, and the document is reopened every
`REOPEN_PAGES` pages (pdfium's caches grow with the pages read), so memory stays flat.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2  # noqa: F401  (initialises the pdfium library)
import pypdfium2.raw as pdfium_c

from extract.errors import FileFailed
from extract.settings import ReadSettings

from .content import PageContent, UnreadablePage, chars_to_content
from .faults import NO_PAGES_REASON, one_line
from .pdfium_chars import page_chars
from .pdfium_marks import read_objects
from .pdfium_order import in_content_order
from .pdfium_shapes import page_shapes
from .pdfium_space import PageSpace
from .vouch import Reference, needs_reference

_QUARTER = 90
# pdfium keeps every font and image a page loaded until its document closes, so memory would grow
# with the page count on long files: the document is opened afresh every this many pages.
REOPEN_PAGES = 50


def pdfium_pages(
    path: Path, settings: ReadSettings, first: int = 1, last: int | None = None
) -> Iterator[PageContent | UnreadablePage]:
    """Yield pages `first`..`last` (1-based, inclusive; None: to the end) of `path`."""
    doc = _open(path)
    if not doc:
        from .plumber import plumber_pages  # only for files pdfium cannot open: pdfminer loads slowly

        yield from plumber_pages(path, settings, first, last)
        return
    count = pdfium_c.FPDF_GetPageCount(doc)
    reference = Reference(path, settings, count)
    try:
        if count == 0:
            raise FileFailed(path.name, NO_PAGES_REASON, "no-pages")
        for read, index in enumerate(range(first - 1, count if last is None else min(count, last))):
            if read and read % REOPEN_PAGES == 0:
                doc = _reopened(path, doc)
            page, vouched = _read_page(doc, index, settings)
            yield page if vouched else reference.read(page)
    finally:
        reference.close()
        pdfium_c.FPDF_CloseDocument(doc)


def _open(path: Path) -> Any:
    """The document at `path` (a null handle when pdfium cannot open it); any file name."""
    return pdfium_c.FPDF_LoadDocument(os.fsencode(path), None)


def _reopened(path: Path, doc: Any) -> Any:
    """The document opened afresh (its caches released), or `doc` when that fails."""
    fresh = _open(path)
    if not fresh:
        return doc
    pdfium_c.FPDF_CloseDocument(doc)
    return fresh


def pdfium_page_count(path: Path) -> int:
    """Number of pages pdfium finds (0 when it cannot open the file)."""
    doc = _open(path)
    if not doc:
        return 0
    try:
        return int(pdfium_c.FPDF_GetPageCount(doc))
    finally:
        pdfium_c.FPDF_CloseDocument(doc)


def _read_page(doc: Any, index: int, settings: ReadSettings) -> tuple[PageContent | UnreadablePage, bool]:
    """The page, and whether pdfium's reading can be vouched for (see `vouch`)."""
    number = index + 1
    page = pdfium_c.FPDF_LoadPage(doc, index)
    if not page:
        return UnreadablePage(number, "unreadable page: pdfium cannot load it"), True
    text_page = None
    try:
        space = PageSpace.of(pdfium_c.FPDFPage_GetRotation(page) * _QUARTER, _mediabox(page))
        objects = read_objects(page)  # and /ActualText dropped, before the text is read
        text_page = pdfium_c.FPDFText_LoadPage(page)
        if not text_page:
            return UnreadablePage(number, "unreadable content: pdfium cannot read its text"), False
        boxes, images = page_shapes(objects, space)
        chars = in_content_order(page_chars(text_page, space), objects.ranks)
        content = chars_to_content(number, (space.width, space.height), chars, boxes, images, settings)
        return content, not needs_reference(chars)
    except Exception as exc:  # a broken page must not stop the other pages
        return UnreadablePage(number, one_line(f"unreadable content: {type(exc).__name__}: {exc}")), False
    finally:
        if text_page:
            pdfium_c.FPDFText_ClosePage(text_page)
        pdfium_c.FPDF_ClosePage(page)


def _mediabox(page: Any) -> tuple[float, float, float, float]:
    """The page's MediaBox (x0, y0, x1, y1). pdfium reads only the page's own entry; an inherited
    one (from the page tree) is the page's bounding box, unrotated."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return left.value, bottom.value, right.value, top.value
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDF_GetPageBoundingBox(page, box)
    return box.left, box.bottom, box.right, box.top
