"""Stage 2c — assemble: pieces of pages into actions, in reading order across pages.

Rules:
- An action is a sequence of pieces: a titled piece, then the untitled pieces that continue it
  (their lead continues its open block, or they bring block kinds it does not have yet).
- A piece that cannot continue the action before it (none before it, blocks it already has, a
  lead in another face, `max_pages_per_action` reached) is reported, never dropped silently:
  its page gets a `skipped` row saying why, and the action before it a warning.
- Merged fields: title, subtitle and language of the first piece; the objective's text and the
  lists joined in order (an item cut by the page end re-joined); warnings of blocks "not found"
  dropped when another page holds them, added when none does; coverage the lowest of the
  pieces'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.settings import Settings
from extract.stages.fragment import Piece
from extract.stages.segment import ActionFields

# Warnings of the layout and segment stages that another page of the action may answer (their
# texts, as those stages write them).
NO_SDG = "no SDG targets found"
NO_RECOMMENDATIONS = "no recommendations found (no recommendations header)"
MISSING_WARNINGS = {
    NO_SDG: "sdg_targets",
    NO_RECOMMENDATIONS: "recommendations",
    "no recommendations found under the recommendations header": "recommendations",
}
# The warning an action spread over pages gets when none of its pages holds the block.
MISSING_BY_FIELD = {NO_SDG: "sdg_targets", NO_RECOMMENDATIONS: "recommendations"}


@dataclass(frozen=True)
class Pending:
    """The action being assembled: its pieces, and warnings about pieces it could not take."""

    pieces: tuple[Piece, ...]
    notes: tuple[str, ...] = ()

    @property
    def first(self) -> Piece:
        return self.pieces[0]

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p.page for p in self.pieces}))

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k for p in self.pieces for k in p.kinds)

    def with_piece(self, piece: Piece) -> Pending:
        return replace(self, pieces=(*self.pieces, piece))

    def with_note(self, note: str) -> Pending:
        return replace(self, notes=(*self.notes, note))


def attach_problem(pending: Pending | None, piece: Piece, settings: Settings) -> str | None:
    """Why an untitled piece cannot continue the pending action, or None when it can."""
    if pending is None:
        return "no action before it to continue"
    pages = {*pending.pages, piece.page}
    limit = settings.assemble.max_pages_per_action
    if len(pages) > limit:
        return f"the action of page {pending.first.page} already spans {limit} pages (max_pages_per_action)"
    if piece.stray_lead or (piece.fields is None):
        return f"its first lines continue no open block of the action of page {pending.first.page}"
    repeated = sorted(piece.kinds & pending.kinds)
    if repeated and piece.lead_kind is None:
        return f"the action of page {pending.first.page} already has its {', '.join(repeated)} blocks"
    return None


def merge_fields(pieces: Sequence[Piece]) -> ActionFields:
    """One action's fields from its pieces, in order."""
    first = pieces[0].fields
    assert first is not None
    merged = first
    for piece in pieces[1:]:
        part = piece.fields
        if part is None:
            continue
        join = piece.continues_item
        merged = replace(
            merged,
            objective=" ".join(t for t in (merged.objective, part.objective) if t),
            activities=_joined(merged.activities, part.activities, join and piece.lead_kind == "activities"),
            results=_joined(merged.results, part.results, join and piece.lead_kind == "results"),
            sdg_targets=(*merged.sdg_targets, *part.sdg_targets),
            recommendations=_joined(
                merged.recommendations, part.recommendations, join and piece.lead_kind == "recommendations"
            ),
            warnings=(*merged.warnings, *(w for w in part.warnings if w not in merged.warnings)),
            coverage=min(merged.coverage, part.coverage),
            spans={k: (*merged.spans.get(k, ()), *part.spans.get(k, ())) for k in {*merged.spans, *part.spans}},
        )
    if len(pieces) > 1:
        kept = [w for w in merged.warnings if not _answered(w, merged)]
        missing = [w for w, name in MISSING_BY_FIELD.items() if not getattr(merged, name) and w not in kept]
        merged = replace(merged, warnings=(*kept, *missing))
    return merged


def _joined(head: tuple[str, ...], tail: tuple[str, ...], continues: bool) -> tuple[str, ...]:
    """Two runs of list items; the first of `tail` ends the last of `head` when `continues`."""
    if continues and head and tail:
        return (*head[:-1], f"{head[-1]} {tail[0]}", *tail[1:])
    return (*head, *tail)


def _answered(warning: str, fields: ActionFields) -> bool:
    """A 'not found' warning that another page of the action answers."""
    name = MISSING_WARNINGS.get(warning)
    return name is not None and bool(getattr(fields, name))
