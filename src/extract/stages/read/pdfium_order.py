"""Characters in content order, as pdfminer reads them.

pdfium's text API orders characters its own way on some pages (on a page with /Rotate, lines
come in its display order), while pdfminer keeps the order of the content stream, which
decides how `extract_words` groups runs of one font. Each character remembers its text object;
the page objects, forms entered where they are drawn, give the content order.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

OBJECT_KEY = "_object"  # a char's text object (its address), set by `pdfium_chars.page_chars`


def content_ranks(page: Any) -> dict[int, int]:
    """Each page object's address -> its rank in content order (a form's objects where it is drawn)."""
    ranks: dict[int, int] = {}

    def walk(count: int, get: Any) -> None:
        for index in range(count):
            obj = get(index)
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj), lambda i, form=obj: pdfium_c.FPDFFormObj_GetObject(form, i)
                )
            ranks[ctypes.cast(obj, ctypes.c_void_p).value or 0] = len(ranks)

    walk(pdfium_c.FPDFPage_CountObjects(page), lambda i: pdfium_c.FPDFPage_GetObject(page, i))
    return ranks


def in_content_order(chars: list[dict[str, Any]], page: Any) -> list[dict[str, Any]]:
    """`chars` stably sorted by their text object's content rank (unchanged when already so)."""
    objects = [c.get(OBJECT_KEY, 0) for c in chars]
    if all(a == b for a, b in zip(objects, objects[1:])):
        return chars
    ranks = content_ranks(page)
    keys = [ranks.get(obj, -1) for obj in objects]
    if all(a <= b for a, b in zip(keys, keys[1:])):
        return chars
    order = sorted(range(len(chars)), key=keys.__getitem__)
    return [chars[i] for i in order]
