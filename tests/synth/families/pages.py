"""Page arrangements of the fpdf2 design families and the multi-page file writer.

* ``stacked``: objective full width (a grey fact sidebar beside it when asked), activities
  and results in two columns below, an SDG table (or pills) at the page foot, numbered
  recommendations in a narrow pale right-hand column (partner boxes below them when asked);
* ``landscape_boxes``: three columns, an SDG sidebar on the right (goal tiles, prefixed
  codes), boxed numbered recommendations in a grid at the foot with partner logo boxes,
  drawn alike, right beside them;
* ``foot_pills``: a rotated side strip, objective full width, two list columns, bulleted
  recommendations, then goal tiles and SDG pills in a row at the page foot;
* ``side_headings``: one ruled row per block, its header (wrapped) in a narrow left column
  and its content beside it: objective, lists, SDG codes with labels, recommendations,
  partner logo boxes.

Every file starts with an intro page (no action) and repeats a running header and footer
with the page number on every page. The body size is lowered by `SIZE_STEP` until the
page fits; `LayoutError` when it never does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..records import ActionRecord
from ..render import LayoutError, new_pdf
from . import blocks as b
from .canvas import Canvas
from .fonts import register_fonts
from .look import INTRO, STRIP_WORDS, Look, item_suffix
from .rec_blocks import partner_boxes, recommendation_body, recommendations
from .sdg_blocks import RULE_GREY, sdg_body

SIZE_STEP = 0.5
MIN_SIZE = 7.0
BLOCK_GAP = 14.0
COLUMN_GAP = 16.0
MARGIN_COLUMN_W = 150.0
FACT_SIDEBAR_W = 118.0
SDG_SIDEBAR_W = 165.0
SIDE_HEADING_W = 112.0
SIDE_ROW_PAD = 7.0
FOOT_SPACE = 14.0  # clear space kept above the running footer


def _frame(c: Canvas) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the content area, side strip and furniture excluded."""
    width, height = c.look.page_size
    m = c.look.margin
    left = m + (b.STRIP_W if c.look.side_strip else 0.0)
    return left, m + 8, width - m, height - m - FOOT_SPACE


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise LayoutError(what)


def _lists(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Activities and results side by side under their headers; returns the height."""
    col_w = (w - COLUMN_GAP) / 2
    heights = []
    for key, items, marker, left in (
        ("activities", record.activities, c.look.activity_marker, x),
        ("results", record.results, c.look.result_marker, x + col_w + COLUMN_GAP),
    ):
        h = b.block_header(c, left, y, col_w, record.language, key)
        texts = [item + item_suffix(c.look, i, len(items)) for i, item in enumerate(items)]
        heights.append(h + c.item_list(left, y + h, col_w, texts, marker, b.ITEM_GAP))
    return max(heights)


def _objective(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Objective header and text, a grey fact sidebar to its left when asked."""
    h = b.block_header(c, x, y, w, record.language, "objective")
    side = 0.0
    if c.look.grey_sidebar:
        side = b.fact_sidebar(c, x, y + h, FACT_SIDEBAR_W, record.language)
        x, w = x + FACT_SIDEBAR_W + 12, w - FACT_SIDEBAR_W - 12
    return h + max(side, c.paragraph(x, y + h, w, record.objective))


def _measure(c: Canvas, draw: Callable[[], float]) -> float:
    """Height `draw` would use, nothing drawn."""
    saved, c.draw = c.draw, False
    try:
        return draw()
    finally:
        c.draw = saved


def _sdg_block(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """SDG header and body (tiles, then the look's style); 0 when the record has no target."""
    if not record.sdgs:
        return 0.0
    h = b.block_header(c, x, y, w, record.language, "sdg")
    return h + sdg_body(c, x, y + h, w, record)


def _sdg_foot(c: Canvas, x: float, w: float, bottom: float, record: ActionRecord) -> float:
    """The SDG block anchored at `bottom`; returns its top (`bottom` when there is none)."""
    top = bottom - _measure(c, lambda: _sdg_block(c, x, 0.0, w, record))
    _sdg_block(c, x, top, w, record)
    return top


def stacked(c: Canvas, record: ActionRecord) -> None:
    left, top, right, bottom = _frame(c)
    y = top + b.title_block(c, left, top, right - left, record) + BLOCK_GAP
    main_right = right - MARGIN_COLUMN_W - COLUMN_GAP
    column_x = main_right + COLUMN_GAP
    b.pale_column(c, column_x - 6, y - 6, MARGIN_COLUMN_W + 6, bottom - y + 6)
    rec_h = recommendations(c, column_x, y, MARGIN_COLUMN_W - 6, record)
    _require(y + rec_h <= bottom, "margin column runs off the page")
    y += _objective(c, left, y, main_right - left, record) + BLOCK_GAP
    y += _lists(c, left, y, main_right - left, record)
    sdg_top = _sdg_foot(c, left, main_right - left, bottom, record)
    _require(y + BLOCK_GAP <= sdg_top, "lists run into the SDG block")


def landscape_boxes(c: Canvas, record: ActionRecord) -> None:
    left, top, right, bottom = _frame(c)
    y = top + b.title_block(c, left, top, (right - left) * 0.7, record) + BLOCK_GAP
    side_x = right - SDG_SIDEBAR_W
    main_right = side_x - COLUMN_GAP
    _require(y + _sdg_block(c, side_x, y, SDG_SIDEBAR_W, record) <= bottom, "SDG sidebar runs off the page")
    col_w = (main_right - left - 2 * COLUMN_GAP) / 3
    objective_h = _objective(c, left, y, col_w, record)
    lists_h = _lists(c, left + col_w + COLUMN_GAP, y, 2 * col_w + COLUMN_GAP, record)
    body_bottom = y + max(objective_h, lists_h)
    band_top = bottom - _measure(c, lambda: recommendations(c, left, 0.0, main_right - left, record))
    _require(body_bottom + BLOCK_GAP <= band_top, "columns run into the recommendations")
    recommendations(c, left, band_top, main_right - left, record)


def foot_pills(c: Canvas, record: ActionRecord) -> None:
    left, top, right, bottom = _frame(c)
    width = right - left
    y = top + b.title_block(c, left, top, width, record) + BLOCK_GAP
    y += _objective(c, left, y, width, record) + BLOCK_GAP
    y += _lists(c, left, y, width, record) + BLOCK_GAP
    y += recommendations(c, left, y, width, record)
    sdg_top = _sdg_foot(c, left, width, bottom, record)
    _require(y + BLOCK_GAP <= sdg_top, "recommendations run into the SDG row")


def side_headings(c: Canvas, record: ActionRecord) -> None:
    left, top, right, bottom = _frame(c)
    y = top + b.title_block(c, left, top, right - left, record) + BLOCK_GAP
    body_x = left + SIDE_HEADING_W + COLUMN_GAP
    body_w = right - body_x
    language = record.language

    def items(marker: str, values) -> Callable[[float], float]:
        texts = [v + item_suffix(c.look, i, len(values)) for i, v in enumerate(values)]
        return lambda y: c.item_list(body_x, y, body_w, texts, marker, b.ITEM_GAP)

    rows: list[tuple[str, Callable[[float], float]]] = [
        ("objective", lambda y: c.paragraph(body_x, y, body_w, record.objective)),
        ("activities", items(c.look.activity_marker, record.activities)),
        ("results", items(c.look.result_marker, record.results)),
    ]
    if record.sdgs:
        rows.append(("sdg", lambda y: sdg_body(c, body_x, y, body_w, record)))
    rows.append(("recommendations", lambda y: recommendation_body(c, body_x, y, body_w, record)))
    if c.look.partners:
        rows.append(("partners", lambda y: partner_boxes(c, body_x, y, body_w, language)))
    for key, body in rows:
        c.rule(left, y, right, y, RULE_GREY, 0.5)
        y += SIDE_ROW_PAD
        heading = b.block_header(c, left, y, SIDE_HEADING_W, language, key) - b.HEADER_GAP
        y += max(heading, body(y)) + SIDE_ROW_PAD
    _require(y <= bottom, "rows run off the page")


ARRANGE: dict[str, Callable[[Canvas, ActionRecord], None]] = {
    "stacked": stacked,
    "landscape_boxes": landscape_boxes,
    "foot_pills": foot_pills,
    "side_headings": side_headings,
}


def _decorate(c: Canvas, language: str, page_number: int) -> None:
    """Furniture of every page: running header/footer, rotated strip."""
    left, _, right, _ = _frame(c)
    if c.look.side_strip:
        b.side_strip(c, STRIP_WORDS[(page_number - 1) % len(STRIP_WORDS)])
    b.running_furniture(c, language, page_number, left, right)


def fit_size(pdf, look: Look, record: ActionRecord) -> float:
    """The largest body size (from ``look.body_size`` down) at which the page fits."""
    size, error = look.body_size, None
    while size >= MIN_SIZE - 1e-9:
        try:
            ARRANGE[look.arrangement](Canvas(pdf, look, draw=False, body_size=size), record)
            return size
        except LayoutError as overflow:
            error = overflow
        size -= SIZE_STEP
    raise LayoutError(f"{record.name!r} does not fit look {look.name!r}: {error}")


def _intro_page(pdf, look: Look, language: str) -> None:
    c = Canvas(pdf, look, draw=True)
    left, top, right, _ = _frame(c)
    heading, text = INTRO[language]
    _decorate(c, language, pdf.page_no())
    y = top + c.paragraph(left, top, right - left, heading, style="B", size=18.0, colour=look.accent) + BLOCK_GAP
    c.paragraph(left, y, (right - left) * 0.6, text, size=10.0)


def render_family_pdf(path: str | Path, look: Look, records: list[ActionRecord], language: str) -> Path:
    """Write an intro page then one page per record in `look`; returns the path."""
    pdf = new_pdf()
    register_fonts(pdf, look.font_family)
    pdf.add_page(orientation=look.orientation, format="a4")
    _intro_page(pdf, look, language)
    for record in records:
        pdf.add_page(orientation=look.orientation, format="a4")
        size = fit_size(pdf, look, record)
        c = Canvas(pdf, look, draw=True, body_size=size)
        _decorate(c, language, pdf.page_no())
        ARRANGE[look.arrangement](c, record)
    path = Path(path)
    pdf.output(str(path))
    return path
