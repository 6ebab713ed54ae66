"""Stage 6 — write: actions and page records into `actions.json` and CSVs (and xlsx).

Files are written into the folder given; the batch gives a staging folder and swaps it in
whole (batch/outputs.py). Output is deterministic: sorted keys, stable row order, no timestamps.

Safe cells: brochures come from outside, so every CSV and xlsx cell goes through `safe_cell`
(control characters removed; a leading formula trigger neutralised with `'`, as OWASP
recommends against CSV injection). `actions.json` keeps the exact text, without control
characters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.files import write_output_text
from extract.models import Action, ActionsDocument, PageRecord
from extract.text import strip_controls

if TYPE_CHECKING:
    import pandas as pd

LIST_SEPARATOR = " | "
# First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"

ACTION_COLUMNS = (
    "action_id",
    "file",
    "sha256",
    "page",
    "pages",
    "language",
    "title",
    "subtitle",
    "objective",
    "sdg_codes",
    "activities",
    "results",
    "recommendation_ids",
    "cities",
    "country",
    "warnings",
    "coverage",
)
SDG_COLUMNS = ("action_id", "position", "code", "goal", "label", "printed_code", "printed_label", "score", "status")
ITEM_COLUMNS = ("action_id", "position", "text")
RECOMMENDATION_COLUMNS = ("action_id", "position", "id", "title", "printed", "score", "status")
PAGE_COLUMNS = ("file", "page", "status", "reason", "action_id", "coverage", "position")
REVIEW_COLUMNS = (
    "action_id",
    "file",
    "page",
    "kind",
    "printed_code",
    "printed",
    "status",
    "chosen",
    "score",
    "candidates",
)


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


def safe_cell(value: object) -> object:
    """A CSV/xlsx cell value that no spreadsheet runs: text without control characters, and
    prefixed with `'` when it starts with a formula trigger (= + - @ tab CR). Others unchanged."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    return FORMULA_ESCAPE + text if value.startswith(FORMULA_TRIGGERS) or text.startswith(FORMULA_TRIGGERS) else text


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


def _joined(values) -> str:
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


def sdg_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, **s.model_dump()} for a in actions for i, s in enumerate(a.sdg_targets, 1)
    ]


def item_rows(actions: Sequence[Action], field: str) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, "text": text} for a in actions for i, text in enumerate(getattr(a, field), 1)
    ]


def recommendation_rows(actions: Sequence[Action]) -> list[dict]:
    return [
        {"action_id": a.id, "position": i, **r.model_dump()}
        for a in actions
        for i, r in enumerate(a.recommendations, 1)
    ]


def page_rows(pages: Sequence[PageRecord]) -> list[dict]:
    return [p.model_dump() for p in sort_pages(pages)]


def tables(
    actions: Sequence[Action], pages: Sequence[PageRecord], review: Sequence[dict] = ()
) -> dict[str, pd.DataFrame]:
    """Every CSV table by file stem, with fixed column order."""
    import pandas as pd  # imported when writing only: it dominates start-up time

    ordered = sort_actions(actions)
    frame = lambda rows, cols: pd.DataFrame(list(rows), columns=list(cols), dtype=object)  # noqa: E731
    return {
        "actions": frame(action_rows(ordered), ACTION_COLUMNS),
        "sdg_targets": frame(sdg_rows(ordered), SDG_COLUMNS),
        "activities": frame(item_rows(ordered, "activities"), ITEM_COLUMNS),
        "results": frame(item_rows(ordered, "results"), ITEM_COLUMNS),
        "recommendations": frame(recommendation_rows(ordered), RECOMMENDATION_COLUMNS),
        "pages": frame(page_rows(pages), PAGE_COLUMNS),
        "review": frame(review, REVIEW_COLUMNS),
    }


def safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell through `safe_cell` (values kept as objects: no type inference)."""
    import pandas as pd

    cells = {column: [safe_cell(value) for value in table[column]] for column in table.columns}
    return pd.DataFrame(cells, columns=table.columns, dtype=object)


def csv_text(table: pd.DataFrame, fmt: CsvFormat) -> str:
    text = safe_table(table).to_csv(index=False, sep=fmt.delimiter, lineterminator="\n")
    return ("\ufeff" if fmt.bom else "") + text


def write_outputs(
    out_dir: Path,
    actions: Sequence[Action],
    pages: Sequence[PageRecord],
    review: Sequence[dict] = (),
    fmt: CsvFormat = CsvFormat(),
    xlsx: bool = False,
) -> list[Path]:
    """Write actions.json, its JSON Schema, one CSV per table (and actions.xlsx); return the paths."""
    from extract.schema import schema_text

    written = []
    for name, text in (("actions.json", actions_json(actions)), ("actions.schema.json", schema_text())):
        write_output_text(out_dir / name, text)
        written.append(out_dir / name)
    all_tables = tables(actions, pages, review)
    for stem, table in all_tables.items():
        target = out_dir / f"{stem}.csv"
        write_output_text(target, csv_text(table, fmt))
        written.append(target)
    if xlsx:
        target = out_dir / "actions.xlsx"
        _write_workbook(target, all_tables)
        written.append(target)
    return written


def _write_workbook(path: Path, all_tables: dict[str, pd.DataFrame]) -> None:
    """One sheet per table (needs the `xlsx` extra: openpyxl); text cells are always strings."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as book:
        for stem, table in all_tables.items():
            safe_table(table).to_excel(book, sheet_name=stem, index=False)
        for sheet in book.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula, whatever the text
