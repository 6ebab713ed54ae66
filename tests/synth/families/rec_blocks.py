"""Recommendation blocks of the design families and the partner logo boxes next to them.

Recommendations are a list (numbered "1." or bulleted, items wrapping with a hanging indent)
or a grid of boxes, each with a number badge and the title beside it. Partner boxes
("Partenaires"/"Partners" header, short organisation names) are drawn exactly like the
recommendation boxes and stand right beside the grid when the block is wide, below it when
narrow: they must never be read as recommendations.
"""

from __future__ import annotations

from ..records import ActionRecord
from .blocks import BOX_PAD, block_header
from .canvas import WHITE, Canvas
from .look import PARTNER_LOGOS

BADGE = 13.0
BOX_GAP = 8.0
BOX_CELL_MIN = 140.0  # narrowest box of the grid: fewer per row below
MAX_PER_ROW = 3
PARTNERS_BESIDE_MIN = 400.0  # narrower blocks put the partner boxes below the recommendations
PARTNERS_SHARE = 0.24
LOGO_H = 24.0
LIST_GAP = 6.0


def recommendations(c: Canvas, x: float, y: float, w: float, record: ActionRecord, header: bool = True) -> float:
    """Header (when asked), the recommendations in the look's style, partners when the look
    has them; returns the height used."""
    language = record.language
    beside = c.look.partners and w >= PARTNERS_BESIDE_MIN
    body_w = w * (1 - PARTNERS_SHARE) if beside else w
    top = y
    if header:
        y += block_header(c, x, y, body_w - BOX_GAP, language, "recommendations")
    body_top = y
    y += recommendation_body(c, x, y, body_w, record)
    if beside:
        side_x, side_w = x + body_w + BOX_GAP, w - body_w - BOX_GAP
        head = block_header(c, side_x, top, side_w, language, "partners") if header else 0.0
        logos_top = body_top if header else top + head
        y = max(y, partner_column(c, side_x, logos_top, side_w, language, y - logos_top))
    elif c.look.partners:
        y += BOX_GAP * 2
        y += block_header(c, x, y, w, language, "partners")
        y += partner_boxes(c, x, y, w, language)
    return y - top


def recommendation_body(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """The items alone: a list or a grid of numbered boxes."""
    if c.look.recommendation_style == "boxed":
        return boxed_grid(c, x, y, w, record)
    return c.item_list(x, y, w, record.recommendations, c.look.recommendation_marker, LIST_GAP, justify=False)


def _numbered_box(c: Canvas, x: float, y: float, w: float, number: str, text: str, draw_h: float | None) -> float:
    """A boxed recommendation: number badge at the top-left, title beside it."""
    text_x = x + BOX_PAD + BADGE + 5
    h = c.paragraph(text_x, y + BOX_PAD, x + w - BOX_PAD - text_x, text, size=c.size * 0.95, justify=False)
    h = max(h, BADGE) + 2 * BOX_PAD
    if draw_h is not None:
        c.box(x, y, w, draw_h, stroke=c.look.accent)
        c.box(x + BOX_PAD, y + BOX_PAD, BADGE, BADGE, fill=c.look.accent)
        c.font("B", c.size * 0.9)
        c.label(x + BOX_PAD + (BADGE - c.width_of(number)) / 2, y + BOX_PAD + 2, number, style="B",
                size=c.size * 0.9, colour=WHITE)  # fmt: skip
    return h


def boxed_grid(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Numbered boxes, as many per row as fit (at most `MAX_PER_ROW`), rows of equal height."""
    per_row = max(1, min(MAX_PER_ROW, int(w // BOX_CELL_MIN)))
    cell_w = (w - BOX_GAP * (per_row - 1)) / per_row
    titles = list(record.recommendations)
    top, saved = y, c.draw
    for start in range(0, len(titles), per_row):
        row = titles[start : start + per_row]
        c.draw = False
        row_h = max(_numbered_box(c, 0, 0, cell_w, "", title, None) for title in row)
        c.draw = saved
        for i, title in enumerate(row):
            number = str(start + i + 1)
            _numbered_box(c, x + i * (cell_w + BOX_GAP), y, cell_w, number, title, row_h if saved else None)
        y += row_h + BOX_GAP
    return y - BOX_GAP - top


def logo_box(c: Canvas, x: float, y: float, w: float, h: float, logo: str) -> None:
    """A partner box drawn exactly like a recommendation box, with a short name centred."""
    c.box(x, y, w, h, stroke=c.look.accent)
    c.font("B", c.size * 1.1)
    c.label(x + (w - c.width_of(logo)) / 2, y + (h - c.size) / 2, logo, style="B", size=c.size * 1.1,
            colour=c.look.accent)  # fmt: skip


def partner_column(c: Canvas, x: float, y: float, w: float, language: str, height: float) -> float:
    """Logo boxes one below the other, stretched to `height` when taller; returns their bottom."""
    logos = PARTNER_LOGOS[language]
    box_h = max(LOGO_H, (height - BOX_GAP * (len(logos) - 1)) / len(logos))
    for i, logo in enumerate(logos):
        logo_box(c, x, y + i * (box_h + BOX_GAP), w, box_h, logo)
    return y + len(logos) * (box_h + BOX_GAP) - BOX_GAP


def partner_boxes(c: Canvas, x: float, y: float, w: float, language: str) -> float:
    """Logo boxes side by side when they fit, else one below the other; returns the height."""
    logos = PARTNER_LOGOS[language]
    box_w = min(110.0, (w - BOX_GAP * (len(logos) - 1)) / len(logos))
    if box_w < 60.0:
        return partner_column(c, x, y, w, language, 0.0) - y
    for i, logo in enumerate(logos):
        logo_box(c, x + i * (box_w + BOX_GAP), y, box_w, LOGO_H, logo)
    return LOGO_H
