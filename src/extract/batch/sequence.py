"""One file's pages in order: legible -> split -> fragment -> assemble -> validate -> normalise,
with the action being assembled carried from page to page.

`step` takes the state and one page and returns the next state with the page records and
actions that became final; `finish` closes the file. Records of an action's pages are written
when the action ends (its last page is known then).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extract.decisions import Decisions
from extract.errors import PageSkipped
from extract.models import Action, PageRecord, Source
from extract.settings import Settings
from extract.stages.assemble import Pending, attach_problem, merge_fields
from extract.stages.document import DocumentContext
from extract.stages.fragment import OpenBlock, Piece, band_to_piece
from extract.stages.legible import read_legibility
from extract.stages.normalise import normalise_action
from extract.stages.read import PageContent, UnreadablePage
from extract.stages.split import read_split, split_bands
from extract.stages.validate import fields_to_action

Emitted = tuple[list[PageRecord], list[Action]]


@dataclass(frozen=True)
class FileContext:
    """What every page of one file shares."""

    file: str
    sha256: str
    settings: Settings
    decisions: Decisions | None = None
    document: DocumentContext | None = None
    id_stem: str | None = None  # the file's id stem (default: slug of its name)


@dataclass(frozen=True)
class FileState:
    """The action still being assembled, and how many actions started on its first page."""

    pending: Pending | None = None
    nth: int = 1


def step(state: FileState, page: PageContent | UnreadablePage, ctx: FileContext) -> tuple[FileState, Emitted]:
    """Read one page: close the pending action when a title or a non-action page comes."""
    records: list[PageRecord] = []
    actions: list[Action] = []
    legibility: str | None = None
    if isinstance(page, PageContent):
        page, legibility = read_legibility(page, ctx.settings.read)
    if isinstance(page, UnreadablePage):
        closed = _close(state, ctx, at_end=False)
        records += closed[0] + [PageRecord(file=ctx.file, page=page.number, status="failed", reason=page.reason)]
        return FileState(), (records, closed[1] + actions)
    titled_here = 0
    pending, nth = state.pending, state.nth
    split = read_split(page, ctx.settings, ctx.document)  # read once for both variants of bands
    bands = split_bands(split)
    lead = band_to_piece(bands[0], 1, ctx.settings, ctx.document, _open(pending)) if bands[0].lead else None
    if lead is not None and not _continues(lead):
        bands, lead = split_bands(split, lead=False), None  # text above the title continues nothing
    for position, band in enumerate(bands, start=1):
        if position == 1 and lead is not None:  # the lead band, read above with the same open block
            piece = lead
        else:
            piece = band_to_piece(band, position if len(bands) > 1 else 1, ctx.settings, ctx.document, _open(pending))
        piece = replace(piece, legibility=legibility)
        if piece.titled and piece.kinds:
            closed = _close(FileState(pending, nth), ctx, at_end=False)
            records += closed[0]
            actions += closed[1]
            titled_here += 1
            pending, nth = Pending((piece,)), titled_here
            continue
        if not piece.kinds and piece.lead_kind is None and not piece.stray_lead:
            if pending is not None and len(bands) == 1:  # a page that is no action: the action ended
                closed = _close(FileState(pending, nth), ctx, at_end=False)
                records += closed[0]
                actions += closed[1]
                pending = None
            records.append(
                PageRecord(file=ctx.file, page=page.number, status="skipped", reason=_with(piece.skip, legibility))
            )
            continue
        problem = attach_problem(pending, piece, ctx.settings)
        if problem is None and pending is not None:
            pending = pending.with_piece(piece)
            continue
        note = f"page {page.number}: continuation not attached: {problem}"
        records.append(
            PageRecord(file=ctx.file, page=page.number, status="skipped", reason=note, position=piece.position)
        )
        if pending is not None:
            pending = pending.with_note(note)
    if not bands:
        records.append(PageRecord(file=ctx.file, page=page.number, status="skipped", reason="empty page"))
    return FileState(pending, nth), (records, actions)


def finish(state: FileState, ctx: FileContext) -> Emitted:
    """Close the file: the pending action becomes final (or its pages say why not)."""
    return _close(state, ctx, at_end=True)


def _close(state: FileState, ctx: FileContext, at_end: bool) -> Emitted:
    """The pending action validated and normalised, with one record per page piece."""
    pending = state.pending
    if pending is None:
        return [], []
    first = pending.first
    source = Source(file=ctx.file, sha256=ctx.sha256, page=first.page, pages=list(pending.pages))
    fields = merge_fields(pending.pieces)
    if pending.notes:
        fields = replace(fields, warnings=(*fields.warnings, *pending.notes))
    try:
        draft = fields_to_action(fields, source, ctx.id_stem, state.nth)
        action = normalise_action(draft, ctx.settings.match, ctx.decisions)
    except PageSkipped as skip:
        return _skipped(pending, skip.reason, ctx, at_end), []
    legible = list(dict.fromkeys(p.legibility for p in pending.pieces if p.legibility))
    if legible:
        action = action.model_copy(update={"warnings": [*action.warnings, *legible]})
    records = [
        PageRecord(
            file=ctx.file,
            page=piece.page,
            status="action" if i == 0 else "continuation",
            reason="" if i == 0 else f"continues the action of page {first.page}",
            action_id=action.id,
            coverage=action.coverage if i == 0 else piece.fields.coverage if piece.fields else None,
            position=piece.position,
        )
        for i, piece in enumerate(pending.pieces)
    ]
    return records, [action]


def _skipped(pending: Pending, reason: str, ctx: FileContext, at_end: bool) -> list[PageRecord]:
    """Rows of an assembled action that is not complete: the layout stage's reason when its first
    page stood alone, else why the whole sequence failed; and that the file ended, when it did."""
    first = pending.first
    if len(pending.pieces) == 1 and first.skip:
        reason = first.skip
    if at_end:
        reason = f"{reason} (the file ends before the action is complete)"
    return [
        PageRecord(
            file=ctx.file,
            page=piece.page,
            status="skipped",
            reason=_with(reason if i == 0 else f"continuation of page {first.page}: {reason}", piece.legibility),
            position=piece.position if piece.position > 1 else None,
        )
        for i, piece in enumerate(pending.pieces)
    ]


def _with(reason: str, legibility: str | None) -> str:
    """A skip reason with the page's legibility warning, if any."""
    return f"{reason}; {legibility}" if legibility else reason


def _open(pending: Pending | None) -> OpenBlock | None:
    """The block left open by the pending action's last piece."""
    return pending.pieces[-1].open if pending else None


def _continues(piece: Piece) -> bool:
    """Whether an untitled piece is a continuation (or a stray one, to report)."""
    return bool(piece.kinds) or piece.lead_kind is not None or piece.stray_lead
