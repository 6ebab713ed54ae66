"""Stage 1 — read: a PDF file into `PageContent` objects (words with font, filled boxes).

Two readers give the same `PageContent`: `pdfium` (pypdfium2's raw API, the default; its
reading is about ten times cheaper) and `pdfplumber` (pdfminer.six, the reference), chosen by
`[read] engine` or `--reader`. Both hand characters and shapes to `content.chars_to_content`, which turns the page
upright and builds words by one rule. Every fault has a class: a file that cannot be opened
raises `FileFailed` (see `faults`); a page whose content cannot be parsed becomes an
`UnreadablePage`. Pages are read one at a time, so memory stays flat on long files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from extract.files import file_sha256  # noqa: F401  (part of this stage's API)
from extract.settings import ReadSettings

from .content import (
    QUARTER_TURNS,
    PageContent,
    UnreadablePage,
    char_turn,
    chars_to_content,
    page_turn,
    turn_point,
    turned_size,
)
from .faults import NO_PAGES_REASON, check_pdf_file, classify_open_error, exception_chain

READERS = ("pdfium", "pdfplumber")

__all__ = [
    "NO_PAGES_REASON",
    "QUARTER_TURNS",
    "READERS",
    "PageContent",
    "UnreadablePage",
    "char_turn",
    "chars_to_content",
    "check_pdf_file",
    "classify_open_error",
    "exception_chain",
    "page_count",
    "page_turn",
    "pdf_to_pages",
    "turn_point",
    "turned_size",
]


def pdf_to_pages(
    path: Path, settings: ReadSettings | None = None, first: int = 1, last: int | None = None
) -> Iterator[PageContent | UnreadablePage]:
    """Yield pages `first`..`last` of `path` (1-based, inclusive; None: to the end) with the
    reader `settings.engine`; raise FileFailed when the file (or its page tree) cannot be read.

    Pages already yielded stay valid when the page tree breaks later on.
    """
    settings = settings or ReadSettings()
    check_pdf_file(path)
    if settings.engine == "pdfium":
        from .pdfium import pdfium_pages

        return pdfium_pages(path, settings, first, last)
    from .plumber import plumber_pages

    return plumber_pages(path, settings, first, last)


def page_count(path: Path, settings: ReadSettings | None = None) -> int:
    """Number of pages the reader `settings.engine` finds; 0 when the file cannot be opened."""
    settings = settings or ReadSettings()
    if settings.engine == "pdfium":
        from .pdfium import pdfium_page_count

        return pdfium_page_count(path) or _plumber_count(path)
    return _plumber_count(path)


def _plumber_count(path: Path) -> int:
    from .plumber import plumber_page_count

    return plumber_page_count(path)
