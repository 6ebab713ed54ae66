"""Stage 4 — validate: text fields into a pydantic `Action`, or a skip with the reason."""

from __future__ import annotations

import re

from pydantic import ValidationError

from extract.errors import PageSkipped
from extract.models import Action, Recommendation, SdgTarget, Source
from extract.stages.segment import ActionFields

_SLUG = re.compile(r"[^a-z0-9]+")


def action_id(file: str, page: int, nth: int = 1) -> str:
    """Deterministic, unique: slug of the file stem and the zero-padded first page; the second
    and later actions starting on one page get `-2`, `-3`."""
    stem = file.rsplit(".", 1)[0].lower()
    base = f"{_SLUG.sub('-', stem).strip('-') or 'file'}-p{page:03d}"
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


def fields_to_action(fields: ActionFields, source: Source, nth: int = 1) -> Action:
    """Build an unnormalised Action (printed values copied to canonical ones); raise PageSkipped."""
    reason = _required(fields)
    if reason:
        raise PageSkipped(reason)
    try:
        return Action(
            id=action_id(source.file, source.page, nth),
            source=source,
            language=fields.language,
            title=fields.title,
            subtitle=fields.subtitle or None,
            sdg_targets=[
                SdgTarget(
                    code=code,
                    goal=None,
                    label=label,
                    printed_code=code,
                    printed_label=label,
                    score=0.0,
                    status="unnormalised",
                )
                for code, label in fields.sdg_targets
            ],
            objective=fields.objective,
            activities=list(fields.activities),
            results=list(fields.results),
            recommendations=[
                Recommendation(id=title, title=title, printed=title, score=0.0, status="unnormalised")
                for title in fields.recommendations
            ],
            warnings=list(fields.warnings),
            coverage=fields.coverage,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PageSkipped(f"invalid {where}: {first['msg']}") from exc
