"""The reference reader: pdfplumber (pdfminer.six) turns each page into characters and shapes.

Pages are created, read and closed one at a time (no list of every page is built), so memory
stays flat on long files. pdfplumber applies the page's /Rotate (coordinates are those of the
page as displayed); `content.chars_to_content` then turns the page upright.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page

from extract.errors import FileFailed
from extract.geometry import Box
from extract.settings import ReadSettings

from .chars import dicts_to_chars
from .content import PageContent, UnreadablePage, chars_to_content, rgb
from .faults import NO_PAGES_REASON, file_failed, one_line

# pdfminer logs every recoverable oddity of malformed files at WARNING level.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def plumber_pages(
    path: Path, settings: ReadSettings, first: int = 1, last: int | None = None
) -> Iterator[PageContent | UnreadablePage]:
    """Yield pages `first`..`last` (1-based, inclusive; None: to the end) of `path`; raise
    FileFailed when the file (or its page tree) cannot be read. Pages already yielded stay valid
    when the page tree breaks later on."""
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types on bad files
        raise file_failed(path, exc) from exc
    with pdf:
        count = 0
        pages = _iter_pages(pdf, first, last)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                break
            except Exception as exc:  # a broken page tree: the file fails, earlier pages stand
                raise file_failed(path, exc) from exc
            count += 1
            yield page if isinstance(page, UnreadablePage) else _read_page(page, settings)
        if count == 0 and first == 1:
            raise FileFailed(path.name, NO_PAGES_REASON, "no-pages")


def plumber_page_count(path: Path) -> int:
    """Number of pages pdfminer finds (0 when the file cannot be opened)."""
    try:
        with pdfplumber.open(path) as pdf:
            return sum(1 for _ in PDFPage.create_pages(pdf.doc))
    except Exception:  # bad files are reported by the extraction itself
        return 0


class PageSource:
    """One file's pages, read on demand in increasing page order: the file is opened and its page
    tree walked once, however many pages are asked for (raises as `pdfplumber.open` does)."""

    def __init__(self, path: Path, settings: ReadSettings) -> None:
        self.pdf, self.settings = pdfplumber.open(path), settings
        self.count = sum(1 for _ in PDFPage.create_pages(self.pdf.doc))
        self._pages = enumerate(PDFPage.create_pages(self.pdf.doc), start=1)

    def page(self, number: int) -> PageContent | UnreadablePage | None:
        """Page `number`, read as `plumber_pages(path, settings, number, number)` reads it; None
        when it is past the end or not after the page asked for before."""
        for current, page_obj in self._pages:
            if current == number:
                page = _page(self.pdf, page_obj, number, 0.0)
                return page if isinstance(page, UnreadablePage) else _read_page(page, self.settings)
        return None

    def close(self) -> None:
        self.pdf.close()


def _iter_pages(pdf: pdfplumber.PDF, first: int, last: int | None) -> Iterator[Page | UnreadablePage]:
    """pdfplumber pages created one at a time (`pdf.pages` would build and keep them all)."""
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number < first:
            continue
        if last is not None and number > last:
            break
        page = _page(pdf, page_obj, number, doctop)
        if isinstance(page, Page):
            doctop += float(page.height)
        yield page


def _page(pdf: pdfplumber.PDF, page_obj: PDFPage, number: int, doctop: float) -> Page | UnreadablePage:
    try:
        return Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
    except Exception as exc:  # e.g. a MediaBox that is not four numbers
        return UnreadablePage(number, one_line(f"unreadable page: {type(exc).__name__}: {exc}"))


def _read_page(page: Page, settings: ReadSettings) -> PageContent | UnreadablePage:
    try:
        return page_content(page, settings)
    except Exception as exc:  # a broken content stream must not stop the other pages
        return UnreadablePage(page.page_number, one_line(f"unreadable content: {type(exc).__name__}: {exc}"))
    finally:
        page.close()


def page_content(page: Page, settings: ReadSettings) -> PageContent:
    """The page's words and boxes, turned upright."""
    boxes = [*_boxes(page.rects), *_rules(page.lines)]
    size = (float(page.width), float(page.height))
    chars = dicts_to_chars(page.chars)
    return chars_to_content(page.page_number, size, chars, boxes, len(page.images), settings)


def _boxes(rects: Iterable[dict[str, Any]]) -> Iterator[Box]:
    for r in rects:
        yield Box(
            x0=float(r["x0"]),
            x1=float(r["x1"]),
            top=float(r["top"]),
            bottom=float(r["bottom"]),
            filled=bool(r.get("fill")),
            stroked=bool(r.get("stroke")),
            color=rgb(r.get("non_stroking_color")),
        )


def _rules(lines: Iterable[dict[str, Any]]) -> Iterator[Box]:
    """Straight stroked lines as zero-thickness boxes: designers draw cell rules either way."""
    for line in lines:
        yield Box(
            x0=float(line["x0"]),
            x1=float(line["x1"]),
            top=float(line["top"]),
            bottom=float(line["bottom"]),
            filled=False,
            stroked=True,
            color=rgb(line.get("stroking_color")),
        )
