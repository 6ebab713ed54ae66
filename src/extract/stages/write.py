"""Stage 6 — write: actions and page records into `actions.json` and CSVs, atomically.

Every file is first written in full to a temporary file in the output folder, then renamed over
the old one (`os.replace` is atomic), so an interrupted run leaves the previous output intact.
Output is deterministic: sorted keys, stable row order, no timestamps.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.files import atomic_write, atomic_write_text
from extract.models import Action, ActionsDocument, PageRecord

if TYPE_CHECKING:
    import pandas as pd

LIST_SEPARATOR = " | "

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
    return sorted(pages, key=lambda p: (p.file, p.page, p.position or 0))


def actions_json(actions: Sequence[Action]) -> str:
    """The `actions.json` text: schema version and actions sorted by (file, page)."""
    document = ActionsDocument(actions=sort_actions(actions))
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


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


def csv_text(table: pd.DataFrame, fmt: CsvFormat) -> str:
    return ("\ufeff" if fmt.bom else "") + table.to_csv(index=False, sep=fmt.delimiter, lineterminator="\n")


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
        atomic_write_text(out_dir / name, text)
        written.append(out_dir / name)
    all_tables = tables(actions, pages, review)
    for stem, table in all_tables.items():
        target = out_dir / f"{stem}.csv"
        atomic_write_text(target, csv_text(table, fmt))
        written.append(target)
    if xlsx:
        target = out_dir / "actions.xlsx"
        atomic_write(target, lambda tmp: _write_workbook(tmp, all_tables))
        written.append(target)
    return written


def _write_workbook(path: Path, all_tables: dict[str, pd.DataFrame]) -> None:
    """One sheet per table (needs the `xlsx` extra: openpyxl)."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as book:
        for stem, table in all_tables.items():
            table.to_excel(book, sheet_name=stem, index=False)
