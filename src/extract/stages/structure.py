"""Damaged structure: did the reader see every page, in the file's own order?

A PDF states its page count (`/Count` of the page tree's root) and orders its pages by the tree.
When the cross-reference table points at wrong offsets or the tree is broken, the parser
recovers what it can: pages go missing, or are found by scanning objects, in object order. This
module compares what the page tree declares with what was read, so the batch can say so: a
file warning and a failed row for each page not found, and a warning on every action whose page
number may be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGE_TREE_DEPTH_MAX = 64  # deeper page trees are treated as broken (self-referencing kids)


@dataclass(frozen=True)
class Structure:
    """What the file's page tree says: its declared page count and the pages reachable in it
    (None when unknown)."""

    declared_pages: int | None
    tree_pages: int | None


@dataclass(frozen=True)
class Recovery:
    """How far the pages read (`found`) fall short of the structure's promise."""

    found: int
    declared: int | None
    order_recovered: bool

    @property
    def missing(self) -> range:
        """Page numbers declared but not found (numbered after the pages found)."""
        return range(self.found + 1, (self.declared or 0) + 1)

    def file_warning(self) -> str | None:
        if self.missing:
            first, last = self.missing.start, self.missing.stop - 1
            lost = f"page {first} could" if first == last else f"pages {first}-{last} could"
            return f"damaged file structure: {self.found} of {self.declared} pages found; {lost} not be read"
        if self.order_recovered:
            return "damaged file structure: pages recovered by scanning the file, page order may be wrong"
        return None

    def action_warning(self) -> str | None:
        if not self.order_recovered:
            return None
        return "page number may be wrong: the file's page order was recovered from a damaged structure"


def inspect_structure(path: Path) -> Structure:
    """Declared and reachable page counts of `path`; unknown (None) when it cannot be parsed."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            root = resolve1(document.catalog.get("Pages"))
            declared = resolve1(root.get("Count")) if isinstance(root, dict) else None
            reachable = _leaves(root, resolve1, set(), 0)
    except Exception:  # the read stage reports unparsable files itself
        return Structure(None, None)
    declared = declared if isinstance(declared, int) and declared >= 0 else None
    return Structure(declared, reachable)


def _leaves(node, resolve1, seen: set[int], depth: int) -> int:
    """Pages reachable from a page tree node (each object once)."""
    if not isinstance(node, dict) or id(node) in seen or depth > PAGE_TREE_DEPTH_MAX:
        return 0
    seen.add(id(node))
    kids = resolve1(node.get("Kids"))
    if not isinstance(kids, list):
        return 1 if "Kids" not in node else 0
    return sum(_leaves(resolve1(kid), resolve1, seen, depth + 1) for kid in kids)


def recovery(structure: Structure, found: int) -> Recovery:
    """Compare the pages read with the structure: missing pages, and whether the order (hence
    the page numbers) came from a recovery rather than an intact page tree.

    Pages are missing when fewer were read than the page tree declares (`/Count`) or holds
    (reachable leaves): a `/Count` below the leaves makes pdfium read only the first pages.
    The order is recovered when fewer were read than declared, or when the pages read are not
    the tree's (more than it holds, or a tree that could not be walked)."""
    declared, tree = structure.declared_pages, structure.tree_pages
    expected = max(declared or 0, tree or 0)
    short = found < expected
    recovered = (declared is not None and found < declared) or (tree is not None and tree < found)
    return Recovery(found=found, declared=expected if short else None, order_recovered=recovered)
