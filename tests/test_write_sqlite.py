"""actions.sqlite: the CSV tables with the same rows, typed, keyed, and a view over the items."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from extract.stages.write.columns import TABLES
from extract.stages.write.sqlite import ITEMS_VIEW


@pytest.fixture(scope="module")
def db(sample_outputs):
    connection = sqlite3.connect(sample_outputs / "actions.sqlite")
    yield connection
    connection.close()


def csv_rows(folder, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8"))))


def test_row_counts_equal_the_csvs(db, sample_outputs):
    for table in TABLES:
        (count,) = db.execute(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()
        assert count == len(csv_rows(sample_outputs, table.name)), table.name


def test_values_equal_the_csv_cells(db, sample_outputs):
    for table in TABLES:
        names = ", ".join(f'"{n}"' for n in table.column_names)
        stored = db.execute(f'SELECT {names} FROM "{table.name}"').fetchall()
        as_text = sorted(tuple("" if v is None else str(v) for v in row) for row in stored)
        written = sorted(tuple(row.values()) for row in csv_rows(sample_outputs, table.name))
        assert as_text == written, table.name


def test_codes_are_text_and_numbers_are_numbers(db):
    assert db.execute("SELECT typeof(code), typeof(position), typeof(score) FROM sdg_targets LIMIT 1").fetchone() == (
        "text",
        "integer",
        "real",
    )


def test_keys_are_declared_and_hold(db):
    for table in TABLES:
        info = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        assert tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]) == table.primary_key
        links = db.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
        assert [(row[2], row[3], row[4]) for row in links] == (
            [("actions", "action_id", "action_id")] if table.references_actions else []
        )
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_items_view_has_one_row_per_target_and_recommendation(db):
    (items,) = db.execute(f"SELECT COUNT(*) FROM {ITEMS_VIEW}").fetchone()
    (targets,) = db.execute("SELECT COUNT(*) FROM sdg_targets").fetchone()
    (recommendations,) = db.execute("SELECT COUNT(*) FROM recommendations").fetchone()
    assert items == targets + recommendations > 0
    row = db.execute(
        f"SELECT title, value FROM {ITEMS_VIEW} WHERE kind = 'sdg' ORDER BY action_id, position"
    ).fetchone()
    first = db.execute(
        "SELECT a.title, t.code FROM actions a JOIN sdg_targets t USING (action_id) ORDER BY a.action_id, t.position"
    ).fetchone()
    assert row == first


def test_cli_writes_sqlite_only_when_asked(tmp_path, sample_pdf):
    from extract.cli import main

    assert main(["extract", str(sample_pdf), "--out", str(tmp_path / "plain"), "-q", "--no-cache"]) == 0
    assert not (tmp_path / "plain" / "actions.sqlite").exists()
    assert main(["extract", str(sample_pdf), "--out", str(tmp_path / "db"), "-q", "--no-cache", "--sqlite"]) == 0
    with sqlite3.connect(tmp_path / "db" / "actions.sqlite") as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM actions").fetchone()
    assert count == len(csv_rows(tmp_path / "db", "actions")) == 15


def test_rows_that_break_a_key_are_an_error_not_a_crash(tmp_path, sample_result):
    from extract.errors import ExtractError
    from extract.stages.write.sqlite import write_database
    from extract.stages.write.tables import table_rows

    twice = [*sample_result.actions, sample_result.actions[0]]
    with pytest.raises(ExtractError, match=r"actions\.sqlite not written: actions: UNIQUE"):
        write_database(tmp_path / "x.sqlite", table_rows(twice, sample_result.pages))
