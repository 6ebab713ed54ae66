"""actions.xlsx: a sheet per table, frozen header, filters, fitted widths, no formula."""

from __future__ import annotations

import time
import zipfile

import pandas as pd
import pytest

from extract.stages.write.columns import TABLES
from extract.stages.write.xlsx import FIXED_TIME, MAX_WIDTH, MIN_WIDTH, column_width, write_workbook

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the xlsx extra")


@pytest.fixture(scope="module")
def book(sample_outputs):
    return openpyxl.load_workbook(sample_outputs / "actions.xlsx")


def test_a_sheet_per_table_with_frozen_header_and_filter(book, sample_outputs):
    assert book.sheetnames == [t.name for t in TABLES]
    for table in TABLES:
        sheet = book[table.name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert tuple(c.value for c in sheet[1]) == table.column_names
        lines = (sample_outputs / f"{table.name}.csv").read_text(encoding="utf-8").count("\n")
        assert sheet.max_row == max(lines, 1)


def test_cells_are_strings_or_numbers_never_formulas(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n"), (sheet.title, cell.coordinate, cell.data_type)
    codes = [c.value for c in book["sdg_targets"]["C"][1:]]
    assert all(isinstance(code, str) for code in codes) and "16.10" in codes


def test_widths_fit_content_within_bounds(book):
    widths = {c: d.width for c, d in book["actions"].column_dimensions.items()}
    assert min(widths.values()) >= MIN_WIDTH and max(widths.values()) <= MAX_WIDTH
    header = [c.value for c in book["actions"][1]]
    letter = lambda name: openpyxl.utils.get_column_letter(header.index(name) + 1)  # noqa: E731
    assert widths[letter("page")] < widths[letter("objective")]
    assert column_width(["ab"]) == MIN_WIDTH and column_width(["x" * 500]) == MAX_WIDTH


def test_text_that_looks_like_a_formula_stays_text(tmp_path, sample_result):
    from extract.stages.write import OutputOptions, write_outputs

    action = sample_result.actions[0].model_copy(update={"title": '=HYPERLINK("http://x")'})
    write_outputs(tmp_path, [action], [], OutputOptions(xlsx=True))
    sheet = openpyxl.load_workbook(tmp_path / "actions.xlsx")["actions"]
    column = [c.value for c in sheet[1]].index("title") + 1
    cell = sheet.cell(row=2, column=column)
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://x")', "s")  # made inert (cells.safe_cell)


# --- same tables, same bytes -----------------------------------------------------------------

TABLES_TO_WRITE = {"actions": pd.DataFrame({"title": ["Un", "=deux"], "page": [1, 2]}), "empty": pd.DataFrame()}
CLOCK_JUMP = 400 * 24 * 3600  # s: a later day, month and year for every date the zip module takes


def test_two_writes_a_while_apart_give_the_same_bytes(tmp_path, monkeypatch):
    """write_workbook: no clock in the file, neither in docProps/core.xml (to the second) nor in
    the zip entries' dates (time.time, to two seconds)."""
    write_workbook(tmp_path / "first.xlsx", TABLES_TO_WRITE)
    time.sleep(1.1)
    later = time.time() + CLOCK_JUMP
    monkeypatch.setattr(time, "time", lambda: later)
    write_workbook(tmp_path / "second.xlsx", TABLES_TO_WRITE)
    assert (tmp_path / "first.xlsx").read_bytes() == (tmp_path / "second.xlsx").read_bytes()


def test_every_timestamp_is_the_fixed_time(tmp_path):
    """write_workbook: created, modified and every zip entry's date are `FIXED_TIME`; cells intact."""
    write_workbook(tmp_path / "a.xlsx", TABLES_TO_WRITE)
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        entries = archive.infolist()
        assert archive.testzip() is None
    assert {entry.date_time for entry in entries} == {FIXED_TIME.timetuple()[:6]}
    assert {entry.compress_type for entry in entries} == {zipfile.ZIP_DEFLATED}
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert (book.properties.created, book.properties.modified) == (FIXED_TIME, FIXED_TIME)
    assert book.sheetnames == ["actions", "empty"]
    assert list(book["actions"].values) == [("title", "page"), ("Un", 1), ("=deux", 2)]
