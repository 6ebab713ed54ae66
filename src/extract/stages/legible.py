"""Legible text: a check on what any reader returned for a page, before layout sees it.

A glyph is unreadable when the font gave no Unicode for it: pdfminer writes `(cid:N)`, other
readers U+FFFD; control characters come from fonts whose codes were taken as text. When more
than `ReadSettings.unreadable_share_max` of a page's glyphs are unreadable the page fails with
`UNREADABLE_REASON` (no action is read from garbage); when only some are, the page's action
carries a warning saying how many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from extract.settings import ReadSettings
from extract.stages.read import PageContent, UnreadablePage
from extract.text import CID_START, UNMAPPED_GLYPH

UNREADABLE_REASON = "unreadable text (font without a Unicode map?)"
_CID = re.compile(r"\(cid:\d+\)")
_TEXT = attrgetter("text")
WORD_SEPARATOR = " "  # joins a page's words to count them at once: readable, outside any (cid:N)


@dataclass(frozen=True)
class Legibility:
    """Glyph counts of a page: all of them, and those without a Unicode value."""

    glyphs: int
    unreadable: int

    @property
    def share(self) -> float:
        return self.unreadable / self.glyphs if self.glyphs else 0.0


def text_legibility(text: str) -> Legibility:
    """Counts for one text: each `(cid:N)` is one unreadable glyph, as are U+FFFD and controls."""
    if CID_START not in text:  # (most pages: no `(cid:N)` to count or take out)
        cids, rest = 0, text
    else:
        cids, rest = len(_CID.findall(text)), _CID.sub("", text)
    bad = len(UNMAPPED_GLYPH.findall(rest))
    return Legibility(glyphs=cids + len(rest), unreadable=cids + bad)


def page_legibility(page: PageContent) -> Legibility:
    """Counts over every word of the page: the sums of each word's counts, taken in one pass over
    the words joined by spaces (a space is no glyph of a `(cid:N)` nor unreadable, so no count
    spans two words; the separators are then taken off the glyphs)."""
    whole = text_legibility(WORD_SEPARATOR.join(map(_TEXT, page.words)))
    separators = max(len(page.words) - 1, 0)
    return Legibility(whole.glyphs - separators, whole.unreadable)


def check_legible(page: PageContent, settings: ReadSettings) -> PageContent | UnreadablePage:
    """The page, or an `UnreadablePage` when most of its text is unreadable."""
    return read_legibility(page, settings)[0]


def read_legibility(page: PageContent, settings: ReadSettings) -> tuple[PageContent | UnreadablePage, str | None]:
    """`check_legible`'s answer, and the warning for the page's action when some (not most) of
    its glyphs are unreadable, else None: the page's glyphs counted once for both."""
    counts = page_legibility(page)
    if counts.share > settings.unreadable_share_max:
        return UnreadablePage(page.number, UNREADABLE_REASON), None
    if not counts.unreadable:
        return page, None
    return page, (
        f"{counts.unreadable} of {counts.glyphs} characters unreadable "
        "((cid:N), U+FFFD or control characters: font without a Unicode map?)"
    )
