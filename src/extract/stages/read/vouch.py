"""Pages the fast reader cannot vouch for are read again by the reference reader.

pdfium is lenient where pdfminer fails loudly: a content stream with an unknown filter reads as
an empty page, a font whose Unicode map is damaged reads partly as other letters. Either would
pass as a page without action blocks instead of a damaged one. So a page pdfium read with no
text at all, or with any glyph it could not map (U+FFFD or a control character), is read again
by pdfplumber, whose answer stands: the same page, or the same failure, as with the reference
reader. Only when both readers agree on the page count (pdfminer may renumber the pages of a
damaged page tree; then pdfium's own reading is kept).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from extract.settings import ReadSettings
from extract.text import UNMAPPED_GLYPH

from .chars import TEXT, Char
from .content import PageContent, UnreadablePage

if TYPE_CHECKING:
    from .plumber import PageSource

_TEXT = itemgetter(TEXT)


def needs_reference(chars: Iterable[Char]) -> bool:
    """Whether a page's characters cannot be vouched for: none at all, or one unmapped glyph."""
    text = "".join(map(_TEXT, chars))
    return not text or UNMAPPED_GLYPH.search(text) is not None


class Reference:
    """The reference reader's pages of one file, opened (once) only when a page needs them."""

    def __init__(self, path: Path, settings: ReadSettings, page_count: int) -> None:
        self.path, self.settings, self.page_count = path, settings, page_count
        self._source: PageSource | None = None
        self._agrees: bool | None = None

    def read(self, page: PageContent | UnreadablePage) -> PageContent | UnreadablePage:
        """pdfplumber's reading of page `page.number` when both readers count the same pages."""
        try:
            if self._agrees is None:
                from .plumber import PageSource  # pdfminer loads slowly: only for pages that need it

                self._source = PageSource(self.path, self.settings)
                self._agrees = self._source.count == self.page_count
            if not self._agrees or self._source is None:
                return page
            return self._source.page(page.number) or page
        except Exception:  # the reference fails on the whole file: pdfium's reading stands
            self._agrees = False
            return page

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
