"""Characters in content order, as pdfminer reads them.

pdfium's text API orders characters its own way on some pages (on a page with /Rotate, lines
come in its display order), while pdfminer keeps the order of the content stream, which
decides how `extract_words` groups runs of one font. Each character remembers its text object;
the page objects, forms entered where they are drawn, give the content order.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter

from .chars import OBJECT, Char

_OBJECT = itemgetter(OBJECT)  # a char's text object (its address), set by `pdfium_chars.page_chars`
_UNRANKED = -1  # the rank of a character whose text object is not on the page (0: unknown)


def in_content_order(chars: list[Char], ranks: dict[int, int]) -> list[Char]:
    """`chars` stably sorted by their text object's content rank (`ranks`: address -> rank, from
    `pdfium_marks.read_objects`: text objects only); the same list when already in that order."""
    keys = list(map(ranks.get, map(_OBJECT, chars), repeat(_UNRANKED)))
    if keys == sorted(keys):  # in C: cheaper than comparing neighbours in Python
        return chars
    order = sorted(range(len(chars)), key=keys.__getitem__)
    return [chars[i] for i in order]
