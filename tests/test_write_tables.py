"""The write stage's tables: cities, goal titles, the review queue from stored candidates, and
columns documented in docs/DATA.md with the meanings the data package gives them."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from extract.catalog import load_catalog
from extract.models import Action, Candidate, City, Recommendation, SdgTarget
from extract.stages.write.columns import REVIEW_COLUMNS, TABLES
from extract.stages.write.tables import city_rows, review_rows, sdg_rows
from tests.helpers import make_action

DATA_MD = Path(__file__).parent.parent / "docs" / "DATA.md"


def action(action_id: str = "a", page: int = 1, **fields) -> Action:
    return make_action(id=action_id, page=page, title=f"Titre {action_id}", **fields)


def target(code, status="exact", goal=None, candidates=()) -> SdgTarget:
    return SdgTarget(
        code=code,
        goal=goal,
        label=f"label {code}",
        printed_code=code,
        printed_label=f"printed {code}",
        score=50,
        status=status,
        candidates=list(candidates),
    )


def test_cities_table_has_one_row_per_city_in_order():
    one = action(cities=[City(name="Zarqa", country="JO"), City(name="Amman", country="JO")])
    assert city_rows([one]) == [
        {"action_id": "a", "position": 1, "name": "Zarqa", "country": "JO"},
        {"action_id": "a", "position": 2, "name": "Amman", "country": "JO"},
    ]


def test_goal_title_is_in_the_sheet_language_and_empty_without_goal():
    goals = load_catalog().goals
    fr = sdg_rows([action(sdg_targets=[target("10.7", goal=10), target("99.9")])])
    en = sdg_rows([action(language="en", sdg_targets=[target("10.7", goal=10)])])
    assert [r["goal_title"] for r in fr] == [goals[10]["fr"], None]
    assert en[0]["goal_title"] == goals[10]["en"]
    assert "candidates" not in fr[0]


def test_review_rows_write_the_stored_candidates_without_ranking_again():
    stored = [Candidate(value="1.1", label="un", score=70.0), Candidate(value="2.2", label="deux | b", score=12.5)]
    rec = Recommendation(id="health", title="Lorem", printed="Lorem", score=40, status="review", candidates=stored)
    late = action("b", page=2, sdg_targets=[target("4.1"), target("17.8", "corrected", 17, stored)])
    early = action("a", page=1, recommendations=[rec], sdg_targets=[target("99.9", "review")])
    rows = review_rows([late, early])
    assert all(tuple(row) == REVIEW_COLUMNS for row in rows)
    assert [(r["action_id"], r["kind"], r["position"], r["status"], r["answer"]) for r in rows] == [
        ("a", "sdg", 1, "review", "required"),
        ("a", "recommendation", 1, "review", "required"),
        ("b", "sdg", 2, "corrected", "optional"),
    ]
    assert rows[1]["candidates"] == rows[2]["candidates"] == "1.1 (70.0): un | 2.2 (12.5): deux | b"
    assert rows[0]["candidates"] == "" and all(r["decision"] == "" for r in rows)
    assert (rows[2]["title"], rows[2]["chosen"], rows[2]["chosen_label"]) == ("Titre b", "17.8", "label 17.8")


def test_csv_headers_follow_the_documented_columns(sample_outputs):
    for table in TABLES:
        text = (sample_outputs / f"{table.name}.csv").read_text(encoding="utf-8")
        assert tuple(next(csv.reader(io.StringIO(text)))) == table.column_names, table.name


def documented_columns() -> dict[str, dict[str, str]]:
    """`column -> meaning` of each `### \\`name.csv\\`` section's table in docs/DATA.md."""
    sections = re.split(r"^### ", DATA_MD.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    tables: dict[str, dict[str, str]] = {}
    for section in sections:
        names = re.findall(r"`(\w+)\.csv`", section.splitlines()[0])
        cells = [
            [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            for line in section.splitlines()
            if line.startswith("| `")
        ]
        for name in names:
            tables[name] = {c[0].strip("`"): c[2] for c in cells}
    return tables


def test_data_md_documents_every_column_with_the_package_description():
    documented = documented_columns()
    for table in TABLES:
        described = {c.name: c.description for c in table.columns}
        assert documented.get(table.name) == described, table.name


def test_every_scalar_model_field_reaches_a_table():
    """A field added to Action or PageRecord (e.g. the layout's `coverage`) must get its column in
    `columns.py` (ACTIONS / PAGES), its row value in `tables.py` and its meaning in DATA.md."""
    from extract.models import PageRecord
    from extract.stages.write.columns import ACTIONS, PAGES

    nested = {"id", "source", "sdg_targets", "recommendations"}  # as action_id/file/sha256/page, own tables
    lists = {"activities", "results", "cities", "warnings"}  # joined columns and own tables
    for model, table in ((Action, ACTIONS), (PageRecord, PAGES)):
        missing = set(model.model_fields) - nested - lists - set(table.column_names)
        assert not missing, f"{model.__name__} fields without a column in {table.name}.csv: {sorted(missing)}"


# --- CSV text: the csv module writes what pandas' to_csv wrote --------------------------------

AWKWARD_CELLS = [
    "plain",
    "with, comma",
    "semi; colon",
    'quote " inside',
    '"quoted"',
    "line\nbreak",
    "carriage\rreturn",
    "",
    None,
    0,
    -3,
    12.5,
    0.1 + 0.2,
    float("nan"),
    "  spaced  ",
    "é ü ß 中",
    "'=formula",
]


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_csv_text_is_byte_identical_to_pandas_to_csv(excel):
    """Outputs written before pandas left the write path must not change by a byte."""
    pd = pytest.importorskip("pandas")
    from extract.stages.write.tables import BOM, CsvFormat, Grid, csv_text

    fmt = CsvFormat.excel() if excel else CsvFormat()
    rows = [[value, AWKWARD_CELLS[-1 - i], i] for i, value in enumerate(AWKWARD_CELLS)]
    table = Grid(("a", "b,c", 'd"e'), rows)
    frame = pd.DataFrame(rows, columns=list(table.columns), dtype=object)
    expected = (BOM if fmt.bom else "") + frame.to_csv(index=False, sep=fmt.delimiter, lineterminator="\n")
    assert csv_text(table, fmt) == expected


def test_csv_text_of_an_empty_table_is_its_header():
    from extract.stages.write.tables import CsvFormat, Grid, csv_text

    assert csv_text(Grid(("a", "b"), []), CsvFormat()) == "a,b\n"


def test_grid_keeps_column_order_and_makes_cells_safe():
    from extract.stages.write.columns import REVIEW
    from extract.stages.write.tables import grid

    table = grid(REVIEW, [{"title": "=1+1", "action_id": "x"}])
    assert table.columns == tuple(REVIEW.column_names)
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert row["title"] == "'=1+1" and row["action_id"] == "x" and row["decision"] is None
