"""`actions.sqlite` (`--sqlite`): the CSV tables in one SQLite database.

Same tables, columns and rows as the CSVs, typed (TEXT, INTEGER, REAL) with the primary keys of
`columns.py` and `action_id` foreign keys to `actions`. The view `action_items` joins each
action to its SDG targets and its recommendations, one row per item (no cross product).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

from extract.errors import ExtractError
from extract.stages.write.columns import TABLES, Column, Table

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL"}
ITEMS_VIEW = "action_items"
ITEMS_VIEW_SQL = f"""
CREATE VIEW {ITEMS_VIEW} AS
SELECT a.action_id, a.file, a.page, a.title, a.country,
       'sdg' AS kind, t.position, t.code AS value, t.label, t.printed_label AS printed, t.score, t.status
FROM actions AS a JOIN sdg_targets AS t ON t.action_id = a.action_id
UNION ALL
SELECT a.action_id, a.file, a.page, a.title, a.country,
       'recommendation' AS kind, r.position, r.id AS value, r.title AS label, r.printed, r.score, r.status
FROM actions AS a JOIN recommendations AS r ON r.action_id = a.action_id
"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_sql(column: Column) -> str:
    not_null = " NOT NULL" if column.constraints.get("required") else ""
    return f"{_quoted(column.name)} {SQL_TYPES[column.type]}{not_null}"


def create_table_sql(table: Table) -> str:
    """CREATE TABLE with column types, primary key and the foreign key to actions."""
    parts = [_column_sql(c) for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(map(_quoted, table.primary_key))})")
    if table.references_actions:
        parts.append("FOREIGN KEY (action_id) REFERENCES actions (action_id)")
    return f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def _value(value: object) -> object:
    """Empty text is NULL, as an empty CSV cell."""
    return None if value == "" else value


def _insert(db: sqlite3.Connection, table: Table, rows: Sequence[dict]) -> None:
    names = table.column_names
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, names))}) VALUES ({marks})"
    db.executemany(sql, [tuple(_value(row.get(n)) for n in names) for row in rows])


def write_database(path: Path, rows: Mapping[str, Sequence[dict]]) -> None:
    """Create the database at `path` (a new file) from every table's rows. Rows that break a key
    (two inputs with the same file name give the same action ids) raise `ExtractError`."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            for table in TABLES:
                db.execute(create_table_sql(table))
                try:
                    _insert(db, table, rows[table.name])
                except sqlite3.IntegrityError as exc:
                    raise ExtractError(f"actions.sqlite not written: {table.name}: {exc}") from exc
            db.execute(ITEMS_VIEW_SQL)
    finally:
        db.close()
