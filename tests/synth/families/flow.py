"""Flowing documents of the design families (issue 15): actions that run onto the next page,
and pages that hold two or three actions one under the other.

A record is drawn as a flow of units in reading order, full width: title, objective header
and text, activities header and items, results header and items, SDG header and list (the
look's table, pills or sidebar), recommendations header and items (numbering carries on
across a page break). With side headings (family side_headings) each header stands in a left column
beside its content, under a rule. Every page repeats the family's running header and footer (and side
strip); the pages are portrait whatever the family's orientation. The case says where a
page break falls:

| break | the second page starts with |
|---|---|
| after_objective | the activities header |
| inside_activities | the second half of the activities, no header |
| before_sdg | the SDG header |
| inside_recommendations | the second half of the recommendations, no header |
| continuous | whatever did not fit: actions follow each other, a page may end one and start
  the next (a title stays with its objective, a header with what follows it) |

or how many actions share a page (`per_page` 2 or 3: records trimmed to two or one item per
list, the objective cut to its first sentence for three, titles set smaller, tighter gaps).
What each action must extract to, and on which pages, comes from the records drawn
(`FlowAction`), never from an extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..records import ActionRecord, expected_fields
from ..render import LayoutError, new_pdf
from . import blocks as b
from .canvas import MARKER_GAP, Canvas
from .catalog import looks_by_name
from .fonts import SYMBOL_FAMILY, is_symbol, register_fonts
from .look import Look, item_suffix, marker_text
from .pages import (
    BLOCK_GAP,
    COLUMN_GAP,
    MIN_SIZE,
    RULE_GREY,
    SIDE_HEADING_W,
    SIDE_ROW_PAD,
    SIZE_STEP,
    _decorate,
    _frame,
    _intro_page,
)
from .records import records_of
from .sdg_blocks import sdg_body

BREAKS = ("after_objective", "inside_activities", "before_sdg", "inside_recommendations")
CONTINUOUS = "continuous"  # actions one after the other, a new page only when the page is full
FLOW_SIZE = 8.0  # body size of continuous files (their pages are filled, never fitted)
PER_PAGE = (2, 3)
FLOW_LOOKS = ("stacked_ticks", "boxes_partners", "pills_numbered", "side_rules")  # one fpdf2 look per family
COMPACT_ITEMS = {2: 2, 3: 1}  # list items kept per block when 2 or 3 actions share a page
COMPACT_TITLE_SIZE = {2: 15.0, 3: 12.0}
ACTION_GAP = 14.0  # between two actions on one page
COMPACT_MIN_SIZE = 6.5  # body size three actions on a page may shrink to
COMPACT_GAP = 5.0  # between blocks of an action sharing its page (the title keeps BLOCK_GAP)

Unit = tuple[str, str, int]  # (what, block key, item index)


@dataclass(frozen=True)
class FlowCase:
    """One flowing file: a family look, a language, and a page break or actions per page."""

    look: Look
    language: str
    break_at: str | None = None
    per_page: int = 1

    @property
    def kind(self) -> str:
        return self.break_at or f"{self.per_page}_per_page"

    @property
    def case_id(self) -> str:
        return f"{self.kind}-{self.look.name}-{self.language}"

    @property
    def file_name(self) -> str:
        return f"flow-{self.case_id}.pdf"


@dataclass(frozen=True)
class FlowAction:
    """An action drawn: its first page, every page it uses, its place on the first page and
    the fields it must extract to."""

    page: int
    pages: tuple[int, ...]
    position: int
    expected: dict


def flow_cases() -> list[FlowCase]:
    """Every (case kind, family look, language)."""
    looks = looks_by_name()
    kinds = [(brk, 1) for brk in (*BREAKS, CONTINUOUS)] + [(None, n) for n in PER_PAGE]
    return [
        FlowCase(looks[name], language, brk, n) for brk, n in kinds for name in FLOW_LOOKS for language in ("fr", "en")
    ]


def case_records(case: FlowCase) -> list[ActionRecord]:
    """The records a case draws (trimmed when several share a page)."""
    records = records_of(case.language)
    if case.per_page == 1:
        return records
    keep = COMPACT_ITEMS[case.per_page]
    return [
        replace(
            r,
            activities=r.activities[:keep],
            results=r.results[:keep],
            sdgs=r.sdgs[:keep],
            recommendations=r.recommendations[:keep],
            objective=r.objective if case.per_page < 3 else _first_sentence(r.objective),
        )
        for r in records
    ]


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + dot.strip() if dot else text


def units(record: ActionRecord) -> list[Unit]:
    """A record in reading order, one unit per header, paragraph, list item or SDG list."""
    out: list[Unit] = [("title", "", 0), ("header", "objective", 0), ("objective", "", 0)]
    for key in ("activities", "results"):
        out += [("header", key, 0), *(("item", key, i) for i in range(len(getattr(record, key))))]
    if record.sdgs:
        out += [("header", "sdg", 0), ("sdg", "", 0)]
    out += [
        ("header", "recommendations", 0),
        *(("item", "recommendations", i) for i in range(len(record.recommendations))),
    ]
    return out


def break_index(record: ActionRecord, break_at: str) -> int | None:
    """Where the page breaks in `units(record)`, or None when the record has no such boundary."""
    flow = units(record)
    half = {k: (len(getattr(record, k)) + 1) // 2 for k in ("activities", "recommendations")}
    wanted = {
        "after_objective": ("header", "activities", 0),
        "inside_activities": ("item", "activities", half["activities"]),
        "before_sdg": ("header", "sdg", 0),
        "inside_recommendations": ("item", "recommendations", half["recommendations"]),
    }[break_at]
    if wanted not in flow or (wanted[0] == "item" and wanted[2] == 0):
        return None
    return flow.index(wanted)


def draw_unit(
    c: Canvas,
    x: float,
    y: float,
    w: float,
    record: ActionRecord,
    unit: Unit,
    block_gap: float = BLOCK_GAP,
    title_gap: float = BLOCK_GAP,
) -> float:
    """Draw (or measure) one unit; returns its height with the gap after it."""
    what, key, index = unit
    if what == "title":
        return b.title_block(c, x, y, w, record) + max(block_gap, title_gap)
    if what == "header":
        return b.block_header(c, x, y, w, record.language, key)
    if what == "objective":
        return c.paragraph(x, y, w, record.objective) + block_gap
    if what == "sdg":
        return sdg_body(c, x, y, w, record) + block_gap
    items = getattr(record, key)
    marker = {
        "activities": c.look.activity_marker,
        "results": c.look.result_marker,
        "recommendations": c.look.recommendation_marker,
    }[key]
    text = items[index] + (item_suffix(c.look, index, len(items)) if key != "recommendations" else "")
    gap = block_gap if index == len(items) - 1 else b.ITEM_GAP
    return _item(c, x, y, w, text, marker, index, len(items)) + gap


def _item(c: Canvas, x: float, y: float, w: float, text: str, marker: str, index: int, count: int) -> float:
    """Item `index` of `count` with the list's hanging indent; numbering carries over pages."""
    shown = marker_text(marker, index)
    family = SYMBOL_FAMILY if is_symbol(marker) else None
    c.font("", None, family)
    indent = max(c.width_of(marker_text(marker, i)) for i in range(count)) + MARKER_GAP
    if not c.look.markers_after_text:
        c.label(x, y, shown, family=family)
    h = c.paragraph(x + indent, y, w - indent, text, justify=False)
    if c.look.markers_after_text:
        c.label(x, y, shown, family=family)
    return h


def _page_plan(case: FlowCase, records: list[ActionRecord]) -> list[list[tuple[int, list[Unit]]]]:
    """Per page, the (record index, units) drawn on it, top to bottom."""
    if case.per_page > 1:
        return [
            [(i, units(records[i])) for i in range(start, min(start + case.per_page, len(records)))]
            for start in range(0, len(records), case.per_page)
        ]
    plan = []
    for i, record in enumerate(records):
        flow = units(record)
        cut = break_index(record, case.break_at) if case.break_at else None
        plan += [[(i, flow)]] if cut is None else [[(i, flow[:cut])], [(i, flow[cut:])]]
    return plan


def _groups(flow: list[Unit]) -> list[list[Unit]]:
    """Units kept together: a title with the objective's header and text, a header with the
    unit after it (no header alone at a page foot)."""
    groups, i = [], 0
    while i < len(flow):
        size = 3 if flow[i][0] == "title" else 2 if flow[i][0] == "header" else 1
        groups.append(flow[i : i + size])
        i += size
    return groups


def _filled_pages(c: Canvas, records: list[ActionRecord]) -> list[list[tuple[int, list[Unit]]]]:
    """Records one after the other, each group of units on the current page while it fits."""
    pages: list[list[tuple[int, list[Unit]]]] = [[]]
    for i, record in enumerate(records):
        for group in _groups(units(record)):
            page = pages[-1]
            trial = [*page[:-1], (i, [*page[-1][1], *group])] if page and page[-1][0] == i else [*page, (i, group)]
            try:
                _draw_page(c, records, trial)
                pages[-1] = trial
            except LayoutError:
                pages.append([(i, list(group))])
    return pages


def _filled_plan(pdf, look: Look, records: list[ActionRecord]) -> tuple[float, list[list[tuple[int, list[Unit]]]]]:
    """The largest body size (from `FLOW_SIZE` down) at which every filled page draws, and its pages."""
    size = min(FLOW_SIZE, look.body_size)
    while size >= MIN_SIZE - 1e-9:
        c = Canvas(pdf, look, draw=False, body_size=size)
        plan = _filled_pages(c, records)
        try:
            for slices in plan:
                _draw_page(c, records, slices)
            return size, plan
        except LayoutError:
            size -= SIZE_STEP
    raise LayoutError(f"look {look.name!r} does not fill its pages")


def _draw_page(c: Canvas, records: list[ActionRecord], slices: list[tuple[int, list[Unit]]]) -> None:
    """The page's units top to bottom; with side headings, each header in a left column beside
    its content, a rule above it."""
    left, top, right, bottom = _frame(c)
    side = c.look.arrangement == "side_headings"
    body_x = left + SIDE_HEADING_W + COLUMN_GAP if side else left
    y = floor = top
    gap = BLOCK_GAP if len(slices) == 1 else COMPACT_GAP
    for n, (i, flow) in enumerate(slices):
        y += ACTION_GAP if n else 0.0
        for unit in flow:
            if unit[0] == "title":
                y += draw_unit(c, left, y, right - left, records[i], unit, gap)
            elif side and unit[0] == "header":
                y = max(y, floor)
                c.rule(left, y, right, y, RULE_GREY, 0.5)
                y += SIDE_ROW_PAD
                floor = y + b.block_header(c, left, y, SIDE_HEADING_W, records[i].language, unit[1]) - b.HEADER_GAP
            else:
                y += draw_unit(c, body_x, y, right - body_x, records[i], unit, gap)
        y = max(y, floor)
    if y - gap > bottom:
        raise LayoutError("flow runs off the page")


def _fit(
    pdf, look: Look, records: list[ActionRecord], slices: list[tuple[int, list[Unit]]], least: float = MIN_SIZE
) -> float:
    """The largest body size (from the look's, down to `least`) at which the page fits."""
    size = look.body_size
    while size >= least - 1e-9:
        try:
            _draw_page(Canvas(pdf, look, draw=False, body_size=size), records, slices)
            return size
        except LayoutError:
            size -= SIZE_STEP
    raise LayoutError(f"a page of look {look.name!r} does not fit")


def render_flow(case: FlowCase, path: str | Path) -> tuple[Path, list[FlowAction]]:
    """Write the case's file (an intro page first); returns it with the actions drawn."""
    look = replace(case.look, orientation="P")  # a flowing document is portrait, whatever the family
    if case.per_page > 1:
        look = replace(look, title_size=COMPACT_TITLE_SIZE[case.per_page])
    records = case_records(case)
    pdf = new_pdf()
    register_fonts(pdf, look.font_family)
    pdf.add_page(orientation=look.orientation, format="a4")
    _intro_page(pdf, look, case.language)
    pages: dict[int, list[int]] = {}
    positions: dict[int, int] = {}
    if case.break_at == CONTINUOUS:
        size, plan = _filled_plan(pdf, look, records)
    else:
        plan = _page_plan(case, records)
        least = COMPACT_MIN_SIZE if case.per_page > 2 else MIN_SIZE
        size = min(_fit(pdf, look, records, slices, least) for slices in plan)  # one body size for the file
    for slices in plan:
        pdf.add_page(orientation=look.orientation, format="a4")
        c = Canvas(pdf, look, draw=True, body_size=size)
        _decorate(c, case.language, pdf.page_no())
        _draw_page(c, records, slices)
        starts = [i for i, flow in slices if flow[0][0] == "title"]  # actions starting here
        for i, _ in slices:
            pages.setdefault(i, []).append(pdf.page_no())
            if i in starts:
                positions[i] = starts.index(i) + 1
    path = Path(path)
    pdf.output(str(path))
    actions = [
        FlowAction(pages[i][0], tuple(pages[i]), positions[i], expected_fields(record))
        for i, record in enumerate(records)
    ]
    return path, actions
