"""The CSV tables' columns: names, types, meanings and keys, in one place.

The CSV writer takes its column order from here, `datapackage.json` its types, constraints and
descriptions, the SQLite file its column types and keys. docs/DATA.md documents the same
columns with the same meanings (a test keeps them equal). A new column is one line here, plus
its value in `tables.py`; a test names any Action or PageRecord field that reaches no table
(e.g. the layout stage's `coverage`, for ACTIONS and PAGES).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from extract.models import (
    ANSWER_OPTIONAL,
    ANSWER_REQUIRED,
    QUEUE_STATUSES,
    Language,
    PageStatus,
    RecommendationStatus,
    ReviewKind,
    SdgStatus,
)

FieldType = Literal["string", "integer", "number"]
SHA256_PATTERN = "[0-9a-f]{64}"
GOAL_RANGE = (1, 17)
SCORE_RANGE = (0, 100)
ANSWER_VALUES = ("required", "optional")  # review.csv `answer`: for ANSWER_REQUIRED, ANSWER_OPTIONAL


@dataclass(frozen=True)
class Column:
    """One column: name, type, meaning (as in docs/DATA.md) and Table Schema constraints."""

    name: str
    type: FieldType
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """One CSV table: file stem, what a row is, its columns, primary key and link to actions."""

    name: str
    row: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    references_actions: bool = True  # `action_id` is a foreign key to actions.csv

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _enum(values) -> dict[str, Any]:
    return {"enum": list(values)}


REQUIRED: dict[str, Any] = {"required": True}


def _position(meaning: str) -> Column:
    return Column("position", "integer", meaning, {**REQUIRED, "minimum": 1})


ACTION_ID = Column("action_id", "string", "the action", REQUIRED)
SCORE = Column("score", "number", "match score", {**REQUIRED, "minimum": SCORE_RANGE[0], "maximum": SCORE_RANGE[1]})

ACTIONS = Table(
    "actions",
    "one row per action",
    (
        Column("action_id", "string", "the action's id (`id` in JSON)", {**REQUIRED, "unique": True}),
        Column("file", "string", "PDF path relative to the input folder (`source.file`)", REQUIRED),
        Column("sha256", "string", "SHA-256 of the PDF (`source.sha256`)", {**REQUIRED, "pattern": SHA256_PATTERN}),
        Column("page", "integer", "1-based first page (`source.page`)", {**REQUIRED, "minimum": 1}),
        Column("pages", "string", "every page the action uses (`source.pages`)", REQUIRED),
        Column("language", "string", "language of the sheet", {**REQUIRED, **_enum(get_args(Language))}),
        Column("title", "string", "title", REQUIRED),
        Column("subtitle", "string", "subtitle"),
        Column("objective", "string", "objective paragraph", REQUIRED),
        Column("sdg_codes", "string", "the canonical codes of `sdg_targets`, in order, e.g. `5.1 | 10.7 | 16.6`"),
        Column("activities", "string", "the activities, in order", REQUIRED),
        Column("results", "string", "the results, in order", REQUIRED),
        Column("recommendation_ids", "string", "the canonical recommendation ids, in order"),
        Column("cities", "string", "the cities, in order (one row each in `cities.csv`)"),
        Column("country", "string", "ISO country code"),
        Column("warnings", "string", "the action's warnings"),
        Column("coverage", "number", "the action's `coverage` (see `actions.json`)", {"minimum": 0, "maximum": 1}),
    ),
    ("action_id",),
    references_actions=False,
)

SDG_TARGETS = Table(
    "sdg_targets",
    "one row per SDG target of an action",
    (
        ACTION_ID,
        _position("rank in the sidebar"),
        Column("code", "string", "canonical target code (text: `16.10` is not `16.1`)", REQUIRED),
        Column("goal", "integer", "goal of the target", {"minimum": GOAL_RANGE[0], "maximum": GOAL_RANGE[1]}),
        Column("goal_title", "string", "short title of the goal, in the sheet's language"),
        Column("label", "string", "official target title", REQUIRED),
        Column("printed_code", "string", "code as printed", REQUIRED),
        Column("printed_label", "string", "label as printed", REQUIRED),
        SCORE,
        Column("status", "string", "see Statuses", {**REQUIRED, **_enum(get_args(SdgStatus))}),
    ),
    ("action_id", "position"),
)


def _items(name: str, row: str, text: str) -> Table:
    columns = (ACTION_ID, _position("rank of the bullet in its block"), Column("text", "string", text, REQUIRED))
    return Table(name, row, columns, ("action_id", "position"))


ACTIVITIES = _items("activities", "one row per activity of an action", "the activity or result")
RESULTS = _items("results", "one row per expected result of an action", "the activity or result")

RECOMMENDATIONS = Table(
    "recommendations",
    "one row per MC2CM policy recommendation of an action",
    (
        ACTION_ID,
        _position("rank in the band"),
        Column("id", "string", "canonical recommendation id (empty when rejected by a decision)"),
        Column("title", "string", "canonical title", REQUIRED),
        Column("printed", "string", "text as printed", REQUIRED),
        SCORE,
        Column("status", "string", "see Statuses", {**REQUIRED, **_enum(get_args(RecommendationStatus))}),
    ),
    ("action_id", "position"),
)

CITIES = Table(
    "cities",
    "one row per programme city named by an action",
    (
        ACTION_ID,
        _position("rank of first mention on the sheet"),
        Column("name", "string", "canonical English name of the city", REQUIRED),
        Column("country", "string", "ISO 3166-1 alpha-2 code of the city's country", REQUIRED),
    ),
    ("action_id", "position"),
)

PAGES = Table(
    "pages",
    "one row per page of every input file",
    (
        Column("file", "string", "PDF path relative to the input folder", REQUIRED),
        Column("page", "integer", "1-based page; empty on the `file-failed` row about the whole file", {"minimum": 1}),
        Column(
            "status",
            "string",
            "see Statuses; `continuation`: the page continues the action of an earlier page",
            {**REQUIRED, **_enum(get_args(PageStatus))},
        ),
        Column("reason", "string", "why the page was skipped or failed; for a continuation, which page it continues"),
        Column("action_id", "string", "the action this page starts (`action`) or continues (`continuation`)"),
        Column(
            "coverage",
            "number",
            "the `coverage` of the page's action (`action`), or of the page's part of it (`continuation`): "
            "a low value flags a design that extracts badly",
            {"minimum": 0, "maximum": 1},
        ),
        Column(
            "position",
            "integer",
            "the row's place on its page, top to bottom, when a page holds several actions (or a continuation "
            "then an action): one row each; `1` for a page with one action",
            {"minimum": 1},
        ),
    ),
    ("file", "page", "position"),
)

REVIEW = Table(
    "review",
    "one row per matched value a person should check",
    (
        ACTION_ID,
        Column("file", "string", "PDF path relative to the input folder", REQUIRED),
        Column("page", "integer", "1-based page, to look at the sheet", {**REQUIRED, "minimum": 1}),
        Column("title", "string", "the action's title", REQUIRED),
        Column("kind", "string", "`sdg` (SDG target) or `recommendation`", {**REQUIRED, **_enum(get_args(ReviewKind))}),
        _position("rank of the item in its list (`sdg_targets.csv` or `recommendations.csv` position)"),
        Column("printed_code", "string", "the printed SDG code (SDG targets only)"),
        Column("printed", "string", "the printed label or text", REQUIRED),
        Column("status", "string", "the value's status (see Statuses)", {**REQUIRED, **_enum(QUEUE_STATUSES)}),
        Column(
            "answer",
            "string",
            f"`required` (status {_listed(ANSWER_REQUIRED)}) or `optional` (status {_listed(ANSWER_OPTIONAL)})",
            {**REQUIRED, **_enum(ANSWER_VALUES)},
        ),
        Column("chosen", "string", "the code or id in the outputs now"),
        Column("chosen_label", "string", "the label or title in the outputs now"),
        SCORE,
        Column(
            "candidates",
            "string",
            "the best canonical values, best first, as `code (score): label`, joined with ` | `",
        ),
        Column("decision", "string", "empty; an analyst fills it: a code or id, `accept` or `reject`"),
    ),
    ("action_id", "kind", "position"),
)

TABLES: tuple[Table, ...] = (ACTIONS, SDG_TARGETS, ACTIVITIES, RESULTS, RECOMMENDATIONS, CITIES, PAGES, REVIEW)
TABLES_BY_NAME = {t.name: t for t in TABLES}
REVIEW_COLUMNS = REVIEW.column_names
