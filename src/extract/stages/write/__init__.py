"""Stage 6 — write: actions and page records into every output file.

Files are written into the folder given; the batch gives a staging folder and swaps it in
whole (batch/outputs.py). Output is deterministic: sorted keys, stable row order, no timestamps.
CSVs are written with the standard `csv` module; pandas is imported for `--xlsx` only.

    tables.py       rows of the CSV tables and actions.json
    columns.py      the tables' columns: names, types, meanings, keys
    cells.py        the one place cell values go through (CSV and xlsx)
    datapackage.py  datapackage.json (Frictionless)
    charts.py       inline SVG bar charts
    report.py       report.html (one self-contained page); report_style.py its CSS
    sqlite.py       actions.sqlite (--sqlite)
    xlsx.py         actions.xlsx (--xlsx)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.files import write_output_text
from extract.models import Action, PageRecord
from extract.stages.write.columns import TABLES
from extract.stages.write.tables import CsvFormat, actions_json, csv_text, data_frame, grid, sort_actions, table_rows

__all__ = ["CsvFormat", "OutputOptions", "write_outputs"]


@dataclass(frozen=True)
class OutputOptions:
    """Which optional outputs to write, and the CSV dialect."""

    fmt: CsvFormat = field(default_factory=CsvFormat)
    xlsx: bool = False
    sqlite: bool = False


def write_outputs(
    out_dir: Path,
    actions: Sequence[Action],
    pages: Sequence[PageRecord],
    options: OutputOptions = OutputOptions(),
) -> list[Path]:
    """Write actions.json, its JSON Schema, one CSV per table, datapackage.json, report.html
    (and actions.xlsx, actions.sqlite when asked); return the paths written."""
    from extract.schema import schema_text
    from extract.stages.write.datapackage import datapackage_text
    from extract.stages.write.report import report_html

    rows = table_rows(actions, pages)
    all_tables = {table.name: grid(table, rows[table.name]) for table in TABLES}
    texts = {"actions.json": actions_json(actions), "actions.schema.json": schema_text()}
    texts |= {f"{stem}.csv": csv_text(table, options.fmt) for stem, table in all_tables.items()}
    texts["datapackage.json"] = datapackage_text(options.fmt)
    texts["report.html"] = report_html(sort_actions(actions), rows)
    for name, text in texts.items():
        write_output_text(out_dir / name, text)
    written = [out_dir / name for name in texts]
    if options.xlsx:
        from extract.stages.write.xlsx import write_workbook

        write_workbook(out_dir / "actions.xlsx", {name: data_frame(t) for name, t in all_tables.items()})
        written.append(out_dir / "actions.xlsx")
    if options.sqlite:
        from extract.stages.write.sqlite import write_database

        write_database(out_dir / "actions.sqlite", rows)
        written.append(out_dir / "actions.sqlite")
    return written
