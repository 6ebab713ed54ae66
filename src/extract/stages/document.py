"""The document context: what a per-document pass learns from the whole file, before its pages.

A long file is split into page ranges, each extracted by its own worker; rules that need the
whole document (furniture learnt per document: text repeated at the same place on most pages)
must not see only their range. So the worker that opens a file first computes its
`DocumentContext` once, and every range of that file receives the same context, which reaches
each page's layout (`page_to_layout(page, settings, context)`).

Today the context holds the page count; a per-document pass adds its findings as fields here
(plain, JSON-safe values: the context travels between processes and to Dask workers) and fills
them in `document_context`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from extract.geometry import computed_once
from extract.settings import Settings


@dataclass(frozen=True)
class DocumentContext:
    """Facts about a whole document, the same for every page range of it."""

    file: str
    page_count: int
    # What the page tree declares (see stages/structure.py), for the whole-file checks made once
    # the ranges are merged; None when unknown or not needed (a file read in one piece).
    declared_pages: int | None = None
    tree_pages: int | None = None
    # Furniture learnt from the file's first pages (stages/layout/document.py): (folded text with
    # digits as #, x bucket, top bucket) of text repeated at one place; `learnt` once computed.
    furniture: tuple[tuple[str, int, int], ...] = ()
    learnt: bool = False

    @computed_once
    def furniture_keys(self) -> frozenset[tuple[str, int, int]]:
        """The learnt furniture as a set (looked up once per segment of every page)."""
        return frozenset(self.furniture)

    @computed_once
    def furniture_rows(self) -> frozenset[int]:
        """The top buckets of the learnt furniture (a segment in no such row is none of it)."""
        return frozenset(top for _, _, top in self.furniture)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> DocumentContext:
        furniture = tuple((str(t), int(x), int(y)) for t, x, y in data.get("furniture", ()))
        return cls(**{**data, "furniture": furniture})


def document_context(path: Path, settings: Settings) -> DocumentContext:
    """The cheap first pass over a file: its page count (0 when it cannot be opened)."""
    from extract.stages.read import page_count

    return DocumentContext(file=path.name, page_count=page_count(path, settings.read))


def with_structure(context: DocumentContext, path: Path) -> DocumentContext:
    """The context with what the file's page tree declares (a parse of the structure only)."""
    from extract.stages.structure import inspect_structure

    structure = inspect_structure(path)
    return replace(context, declared_pages=structure.declared_pages, tree_pages=structure.tree_pages)


def page_ranges(page_count: int, parts: int, min_pages: int) -> list[tuple[int, int]]:
    """Split pages 1..page_count into at most `parts` consecutive (first, last) ranges of at
    least `min_pages` pages each; one range when the file is short or there is one part."""
    parts = max(1, min(parts, page_count // max(1, min_pages)))
    if page_count <= 0 or parts == 1:
        return [(1, max(page_count, 1))]
    size, extra = divmod(page_count, parts)
    ranges, first = [], 1
    for index in range(parts):
        last = first + size - 1 + (1 if index < extra else 0)
        ranges.append((first, last))
        first = last + 1
    return ranges
