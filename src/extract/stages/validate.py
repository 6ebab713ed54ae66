"""Stage 4 — validate: text fields into a pydantic draft `Action`, or a skip with the reason."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError

from extract.errors import PageSkipped
from extract.inputs import slug
from extract.models import Action, Source
from extract.stages.segment import ActionFields


def action_id(file: str, page: int, id_stem: str | None = None, nth: int = 1) -> str:
    """Deterministic, unique: the file's id stem (default: slug of its name, see
    `inputs.unique_stems`) and the zero-padded first page; the second and later actions starting
    on one page get `-2`, `-3`."""
    base = f"{id_stem or slug(file)}-p{page:03d}"
    return base if nth <= 1 else f"{base}-{nth}"


def _required(fields: ActionFields) -> str | None:
    """Why the fields do not make a complete action, or None."""
    for name, value in (
        ("title", fields.title),
        ("objective", fields.objective),
        ("activities", fields.activities),
        ("results", fields.results),
    ):
        if not value:
            return f"empty {name}"
    return None


class DraftAction(BaseModel):
    """A validated action as printed, before normalisation: a stage value, never an output.

    `action` has every field except the canonical ones (SDG targets, recommendations, cities,
    country: empty); the printed SDG codes and labels and recommendation titles wait here.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    action: Action
    sdg_targets: tuple[tuple[str, str], ...] = ()  # (printed code, printed label)
    recommendations: tuple[str, ...] = ()  # printed titles


def fields_to_action(fields: ActionFields, source: Source, id_stem: str | None = None, nth: int = 1) -> DraftAction:
    """The draft of one action (ids from `id_stem`, default the slug of the file; `nth` action
    starting on its first page); raise PageSkipped."""
    reason = _required(fields)
    if reason:
        raise PageSkipped(reason)
    try:
        action = Action(
            id=action_id(source.file, source.page, id_stem, nth),
            source=source,
            language=fields.language,
            title=fields.title,
            subtitle=fields.subtitle or None,
            objective=fields.objective,
            activities=list(fields.activities),
            results=list(fields.results),
            warnings=list(fields.warnings),
            coverage=fields.coverage,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PageSkipped(f"invalid {where}: {first['msg']}") from exc
    return DraftAction(
        action=action, sdg_targets=tuple(fields.sdg_targets), recommendations=tuple(fields.recommendations)
    )
