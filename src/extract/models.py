"""Typed records: what the pipeline emits, validated by pydantic.

These models are the output contract (`output/actions.json`, CSVs): other tools read
the field names, so renaming one is a breaking change (bump `SCHEMA_VERSION`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extract import SCHEMA_VERSION

SdgStatus = Literal["exact", "corrected", "review", "decided"]
RecommendationStatus = Literal["exact", "matched", "review", "decided"]
PageStatus = Literal["action", "continuation", "skipped", "failed", "file-failed"]
FILE_FAILED: PageStatus = "file-failed"
Language = Literal["fr", "en"]
ReviewKind = Literal["sdg", "recommendation"]

# The review queue (`review.csv`): statuses whose value a person should check. `review` needs an
# answer (the output holds the printed value or a guess); `corrected` is an automatic correction
# that an answer may confirm (`accept`) or override. Answered items become `decided`.
ANSWER_REQUIRED: tuple[str, ...] = ("review",)
ANSWER_OPTIONAL: tuple[str, ...] = ("corrected",)
QUEUE_STATUSES: tuple[str, ...] = ANSWER_REQUIRED + ANSWER_OPTIONAL


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Record):
    """Where an action was read: file path relative to its input folder, content hash, its first
    1-based page and every page it uses (schema 2; one page for an action that fits its page)."""

    file: str
    sha256: str
    page: int = Field(ge=1)
    pages: list[int] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _one_page_by_default(cls, data: object) -> object:
        """No `pages` given (a schema-1 record): the action used its one page."""
        if isinstance(data, dict) and not data.get("pages") and isinstance(data.get("page"), int):
            return {**data, "pages": [data["page"]]}
        return data

    @model_validator(mode="after")
    def _pages_start_at_page(self) -> Source:
        if self.pages != sorted(set(self.pages)) or self.pages[0] != self.page:
            raise ValueError("pages must be distinct, ascending, and start at page")
        return self


class Candidate(_Record):
    """A canonical value offered for a doubtful item: target code or recommendation id, its
    label in the action's language, and its match score."""

    value: str
    label: str
    score: float = Field(ge=0, le=100)


class SdgTarget(_Record):
    """One SDG target of the sidebar: printed values and their canonical match.

    `candidates` (best first) is filled when the status is in the review queue, else empty.
    """

    code: str
    goal: int | None = None
    label: str
    printed_code: str
    printed_label: str
    score: float = Field(ge=0, le=100)
    status: SdgStatus
    candidates: list[Candidate] = Field(default_factory=list)


class Recommendation(_Record):
    """One MC2CM policy recommendation of the band, printed and canonical.

    `candidates` (best first) is filled when the status is in the review queue, else empty.
    """

    id: str
    title: str
    printed: str
    score: float = Field(ge=0, le=100)
    status: RecommendationStatus
    candidates: list[Candidate] = Field(default_factory=list)


class City(_Record):
    """A programme city named in an action (canonical English name, ISO country)."""

    name: str
    country: str


def _not_blank(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    return value


class Action(_Record):
    """One action sheet. Invalid (half-empty) sheets are reported, never emitted."""

    id: str
    source: Source
    language: Language
    title: str
    subtitle: str | None = None
    sdg_targets: list[SdgTarget] = Field(default_factory=list)
    objective: str
    activities: list[str] = Field(min_length=1)
    results: list[str] = Field(min_length=1)
    recommendations: list[Recommendation] = Field(default_factory=list)
    cities: list[City] = Field(default_factory=list)
    country: str | None = None
    warnings: list[str] = Field(default_factory=list)
    # Self-check: share of the page's non-furniture text (characters) that landed in some block.
    coverage: float | None = Field(default=None, ge=0, le=1)

    _title_required = field_validator("title", "objective")(_not_blank)

    @field_validator("activities", "results")
    @classmethod
    def _items_not_blank(cls, items: list[str]) -> list[str]:
        for item in items:
            _not_blank(item)
        return items


class ActionsDocument(_Record):
    """The content of `actions.json`."""

    schema_version: Literal[2] = SCHEMA_VERSION
    actions: list[Action]


class PageRecord(_Record):
    """What happened to one page; a row of status `file-failed` (no page) says why a whole file
    failed (it cannot be opened, its page tree broke, or every page failed). A page holding
    several actions (or a continuation and an action) has one row per piece, `position`
    counting them top to bottom; a `continuation` row names the action it joined."""

    file: str
    page: int | None = Field(default=None, ge=1)
    status: PageStatus
    reason: str = ""
    action_id: str | None = None
    coverage: float | None = Field(default=None, ge=0, le=1)  # of the page's action, if any
    position: int | None = Field(default=None, ge=1)  # the piece's place on its page

    @model_validator(mode="after")
    def _page_iff_page_row(self) -> PageRecord:
        if (self.page is None) != (self.status == FILE_FAILED):
            raise ValueError("a page row has a page number; a file-failed row has none")
        return self


class FileFailure(_Record):
    """Why a whole input file failed: a short class of reason (`kind`) and one line."""

    kind: str
    reason: str
