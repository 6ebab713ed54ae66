"""Characters in content order, as pdfminer reads them.

pdfium's text API orders characters its own way on some pages (on a page with /Rotate, lines
come in its display order), while pdfminer keeps the order of the content stream, which
decides how `extract_words` groups runs of one font. Each character remembers its text object;
the page objects, forms entered where they are drawn, give the content order.
"""

from __future__ import annotations

from typing import Any

OBJECT_KEY = "_object"  # a char's text object (its address), set by `pdfium_chars.page_chars`


def in_content_order(chars: list[dict[str, Any]], ranks: dict[int, int]) -> list[dict[str, Any]]:
    """`chars` stably sorted by their text object's content rank (`ranks`: address -> rank, from
    `pdfium_marks.read_objects`: text objects only); the same list when already in that order."""
    keys = [ranks.get(c.get(OBJECT_KEY, 0), -1) for c in chars]
    if all(a <= b for a, b in zip(keys, keys[1:])):
        return chars
    order = sorted(range(len(chars)), key=keys.__getitem__)
    return [chars[i] for i in order]
