"""`actions.xlsx` (`--xlsx`): one sheet per CSV table, ready to filter.

Each sheet has its header row frozen, an auto filter over its columns and widths fitted to the
content (between `MIN_WIDTH` and `MAX_WIDTH` characters). Every cell is a string or a number,
never a formula: text is stored as text even when it starts with `=`. Same tables, same bytes:
the only timestamps, the workbook's created/modified and the zip entries' dates, are
`FIXED_TIME`. Needs openpyxl (`xlsx` extra).
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZipFile, ZipInfo

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

MIN_WIDTH = 6  # characters
MAX_WIDTH = 60  # characters: longer text (objectives, labels) is cut off in view, not in the cell
WIDTH_PADDING = 2  # characters beside the longest value, for the filter button
HEADER_ROW_FROZEN_AT = "A2"  # freeze everything above row 2
STRING_TYPE = "s"  # openpyxl data type of a text cell
FIXED_TIME = datetime(1980, 1, 1)  # the earliest date a zip entry can hold (MS-DOS epoch)
CORE_PROPERTIES = "docProps/core.xml"  # the part holding the workbook's created/modified
ZIP_FILE_MODE = 0o600 << 16  # entry permissions (rw-------), as zipfile gives a written string
ZIP_MADE_ON_UNIX = 3  # "version made by" host system, fixed whatever the platform


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


def with_fixed_dates(archive: bytes, parts: dict[str, bytes]) -> bytes:
    """The zip `archive` with its entries in the same order, compressed the same way, each dated
    `FIXED_TIME` and with fixed attributes; an entry named in `parts` gets that content instead."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(archive)) as source, ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = entry.compress_type
            info.external_attr = ZIP_FILE_MODE
            info.create_system = ZIP_MADE_ON_UNIX
            target.writestr(info, parts[entry.filename] if entry.filename in parts else source.read(entry))
    return out.getvalue()


def write_workbook(path: Path, all_tables: dict[str, pd.DataFrame]) -> None:
    """One sheet per table, in table order; no clock in the file (see `FIXED_TIME`)."""
    from openpyxl import Workbook
    from openpyxl.xml.functions import tostring

    book = Workbook()
    book.remove(book.active)
    for name, table in all_tables.items():
        _fill_sheet(book.create_sheet(title=name), table)
    saved = io.BytesIO()
    book.save(saved)  # stamps `modified` with the clock: the core properties are written again
    book.properties.created = book.properties.modified = FIXED_TIME
    core = tostring(book.properties.to_tree())
    path.write_bytes(with_fixed_dates(saved.getvalue(), {CORE_PROPERTIES: core}))
