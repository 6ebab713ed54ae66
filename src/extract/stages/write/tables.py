"""Actions and page records as rows of the CSV tables (columns in `columns.py`), and `actions.json`.

Rows are sorted: actions by (file, page, id), pages by (file, page), list items in printed order,
review rows by action then SDG targets before recommendations. Nothing here ranks or matches:
the review queue's candidates were stored on each item by the normalise stage.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.catalog import load_catalog
from extract.models import (
    ANSWER_REQUIRED,
    QUEUE_STATUSES,
    Action,
    ActionsDocument,
    Candidate,
    PageRecord,
    Recommendation,
    SdgTarget,
)
from extract.stages.write.cells import Cell, safe_cell
from extract.stages.write.columns import ANSWER_VALUES, TABLES, Table
from extract.text import strip_controls

if TYPE_CHECKING:
    import pandas as pd

LIST_SEPARATOR = " | "
SCORE_FORMAT = ".1f"
CSV_LINE_END = "\n"
BOM = "\ufeff"


@dataclass(frozen=True)
class CsvFormat:
    """CSV dialect: plain UTF-8 with commas, or `excel` (UTF-8 BOM, `;`) for French-locale Excel."""

    delimiter: str = ","
    bom: bool = False

    @classmethod
    def excel(cls) -> CsvFormat:
        return cls(delimiter=";", bom=True)


def sort_actions(actions: Sequence[Action]) -> list[Action]:
    return sorted(actions, key=lambda a: (a.source.file, a.source.page, a.id))


def sort_pages(pages: Sequence[PageRecord]) -> list[PageRecord]:
    """By file, then page, then place on the page; a file's `file-failed` row (no page) after its pages."""
    return sorted(pages, key=lambda p: (p.file, p.page is None, p.page or 0, p.position or 0))


def _without_controls(value: object) -> object:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_without_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_controls(v) for k, v in value.items()}
    return value


def actions_json(actions: Sequence[Action]) -> str:
    """The `actions.json` text: schema version and actions sorted by (file, page), exact text
    without control characters."""
    document = _without_controls(ActionsDocument(actions=sort_actions(actions)).model_dump(mode="json"))
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def action_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {
            "action_id": a.id,
            "file": a.source.file,
            "sha256": a.source.sha256,
            "page": a.source.page,
            "pages": _joined(a.source.pages),
            "language": a.language,
            "title": a.title,
            "subtitle": a.subtitle,
            "objective": a.objective,
            "sdg_codes": _joined(s.code for s in a.sdg_targets),
            "activities": _joined(a.activities),
            "results": _joined(a.results),
            "recommendation_ids": _joined(r.id for r in a.recommendations),
            "cities": _joined(c.name for c in a.cities),
            "country": a.country,
            "warnings": _joined(a.warnings),
            "coverage": a.coverage,
        }
        for a in actions
    ]


def goal_title(goal: int | None, language: str) -> str | None:
    """Short title of an SDG goal in `language` (English when missing); None for no goal."""
    titles = load_catalog().goals.get(goal) if goal is not None else None
    return (titles.get(language) or titles["en"]) if titles else None


def sdg_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {
            "action_id": a.id,
            "position": i,
            **s.model_dump(exclude={"candidates"}),
            "goal_title": goal_title(s.goal, a.language),
        }
        for a in actions
        for i, s in enumerate(a.sdg_targets, 1)
    ]


def item_rows(actions: Sequence[Action], field: str) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, "text": text} for a in actions for i, text in enumerate(getattr(a, field), 1)
    ]


def recommendation_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, **r.model_dump(exclude={"candidates"})}
        for a in actions
        for i, r in enumerate(a.recommendations, 1)
    ]


def city_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, "name": c.name, "country": c.country}
        for a in actions
        for i, c in enumerate(a.cities, 1)
    ]


def page_rows(pages: Sequence[PageRecord]) -> list[dict]:
    return [p.model_dump() for p in sort_pages(pages)]


def candidates_text(candidates: Sequence[Candidate]) -> str:
    """`code (score): label | ...`, best first: the review queue's `candidates` cell."""
    return LIST_SEPARATOR.join(f"{c.value} ({c.score:{SCORE_FORMAT}}): {c.label}" for c in candidates)


def _answer(status: str) -> str:
    required, optional = ANSWER_VALUES
    return required if status in ANSWER_REQUIRED else optional


def review_rows(actions: Sequence[Action]) -> list[dict]:
    """One row per item of an action whose status is in the review queue (`QUEUE_STATUSES`),
    with the candidates stored on the item; `decision` is left empty for the analyst."""
    rows = []
    for a in sort_actions(actions):
        base = {"action_id": a.id, "file": a.source.file, "page": a.source.page, "title": a.title}
        items: list[tuple[str, int, str, str, str, str, SdgTarget | Recommendation]] = [
            ("sdg", i, s.printed_code, s.printed_label, s.code, s.label, s) for i, s in enumerate(a.sdg_targets, 1)
        ]
        items += [("recommendation", i, "", r.printed, r.id, r.title, r) for i, r in enumerate(a.recommendations, 1)]
        for kind, position, printed_code, printed, chosen, chosen_label, item in items:
            if item.status not in QUEUE_STATUSES:
                continue
            rows.append(
                {
                    **base,
                    "kind": kind,
                    "position": position,
                    "printed_code": printed_code,
                    "printed": printed,
                    "status": item.status,
                    "answer": _answer(item.status),
                    "chosen": chosen,
                    "chosen_label": chosen_label,
                    "score": item.score,
                    "candidates": candidates_text(item.candidates),
                    "decision": "",
                }
            )
    return rows


def table_rows(actions: Sequence[Action], pages: Sequence[PageRecord]) -> dict[str, list[dict]]:
    """Every table's rows by table name, in row order (columns are picked by `tables`)."""
    ordered = sort_actions(actions)
    return {
        "actions": action_rows(ordered),
        "sdg_targets": sdg_rows(ordered),
        "activities": item_rows(ordered, "activities"),
        "results": item_rows(ordered, "results"),
        "recommendations": recommendation_rows(ordered),
        "cities": city_rows(ordered),
        "pages": page_rows(pages),
        "review": review_rows(ordered),
    }


@dataclass(frozen=True)
class Grid:
    """A table's cells (see `cells.safe_cell`), columns in their documented order."""

    columns: tuple[str, ...]
    rows: list[list[Cell]]


def grid(table: Table, rows: Sequence[dict]) -> Grid:
    """A table's rows as safe cells, in the table's column order (a missing key: empty cell)."""
    names = table.column_names
    return Grid(tuple(names), [[safe_cell(row.get(n)) for n in names] for row in rows])


def grids(actions: Sequence[Action], pages: Sequence[PageRecord]) -> dict[str, Grid]:
    """Every CSV table by file stem, with fixed column order."""
    rows = table_rows(actions, pages)
    return {table.name: grid(table, rows[table.name]) for table in TABLES}


def _csv_cell(value: Cell) -> Cell:
    """None and NaN are empty cells (as pandas wrote them); other values go to `csv` as they are."""
    return "" if value is None or (isinstance(value, float) and value != value) else value


def csv_text(table: Grid, fmt: CsvFormat) -> str:
    """The CSV text of a table: header row, then its rows; minimal quoting, `\\n` line ends."""
    buffer = io.StringIO()
    buffer.write(BOM if fmt.bom else "")
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator=CSV_LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


def data_frame(table: Grid) -> pd.DataFrame:
    """A table as a pandas frame of object cells (the xlsx writer's input; pandas imported here only)."""
    import pandas as pd

    return pd.DataFrame(table.rows, columns=list(table.columns), dtype=object)
