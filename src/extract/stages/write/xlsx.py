"""`actions.xlsx` (`--xlsx`): one sheet per CSV table, ready to filter.

Each sheet has its header row frozen, an auto filter over its columns and widths fitted to the
content (between `MIN_WIDTH` and `MAX_WIDTH` characters). Every cell is a string or a number,
never a formula: text is stored as text even when it starts with `=`. Needs openpyxl (`xlsx` extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

MIN_WIDTH = 6  # characters
MAX_WIDTH = 60  # characters: longer text (objectives, labels) is cut off in view, not in the cell
WIDTH_PADDING = 2  # characters beside the longest value, for the filter button
HEADER_ROW_FROZEN_AT = "A2"  # freeze everything above row 2
STRING_TYPE = "s"  # openpyxl data type of a text cell


def column_width(values: list[object]) -> int:
    """Width of a column in characters: its longest value (or header), padded and bounded."""
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + WIDTH_PADDING))


def _fill_sheet(sheet: Worksheet, table: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    rows = [list(table.columns), *table.itertuples(index=False, name=None)]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            target = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                target.data_type = STRING_TYPE  # never a formula, whatever the text starts with
    for c, name in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column_width([name, *table[name].tolist()])
    sheet.freeze_panes = HEADER_ROW_FROZEN_AT
    last = f"{get_column_letter(max(len(table.columns), 1))}{max(len(rows), 1)}"
    sheet.auto_filter.ref = f"A1:{last}"


def write_workbook(path: Path, all_tables: dict[str, pd.DataFrame]) -> None:
    """One sheet per table, in table order."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, table in all_tables.items():
        _fill_sheet(book.create_sheet(title=name), table)
    book.save(path)
