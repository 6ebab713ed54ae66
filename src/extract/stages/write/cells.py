"""One place every CSV and xlsx cell value goes through before it is written.

A cell is text or a number (`None` is an empty cell), never a formula. Rules that rewrite cell
values (e.g. making text that starts like a formula inert) belong in `cell`, so every table
format gets them at once.
"""

from __future__ import annotations

Cell = str | int | float | None


def cell(value: Cell) -> Cell:
    """The value as written in a table cell (the identity for now: see the module docstring)."""
    return value
