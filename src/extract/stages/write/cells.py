"""One place every CSV and xlsx cell value goes through before it is written.

A cell is text or a number (`None` is an empty cell), never a formula. Brochures come from
outside, so text loses its control characters, and text starting with a formula trigger is
neutralised with `'` (as OWASP recommends against CSV injection). `actions.json` keeps the exact
text, without control characters (`tables.actions_json`).
"""

from __future__ import annotations

from extract.text import strip_controls

Cell = str | int | float | None

# First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"


def safe_cell(value: Cell) -> Cell:
    """A CSV/xlsx cell value that no spreadsheet runs: text without control characters, and
    prefixed with `'` when it starts with a formula trigger (= + - @ tab CR). Others unchanged."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    return FORMULA_ESCAPE + text if value.startswith(FORMULA_TRIGGERS) or text.startswith(FORMULA_TRIGGERS) else text
