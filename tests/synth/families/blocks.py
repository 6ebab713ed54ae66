"""Page furniture and plain blocks of the design families, drawn (or measured) on a `Canvas`:
running header and footer, rotated side strip, grey fact sidebar, block headers, title.
SDG blocks are in `sdg_blocks`, recommendations and partner boxes in `rec_blocks`.
"""

from __future__ import annotations

from ..records import ActionRecord
from .canvas import TEXT_COLOUR, WHITE, Canvas
from .look import RUNNING_TEXTS, SIDEBAR_FACTS, header_text

FURNITURE_SIZE = 7.5
GREY = (232, 232, 232)
PALE = (236, 243, 247)
RULE_GREY = (150, 150, 150)
BOX_PAD = 6.0
HEADER_GAP = 5.0
ITEM_GAP = 4.0
STRIP_W = 22.0


def running_furniture(c: Canvas, language: str, page_number: int, left: float, right: float) -> None:
    """Running header (two phrases and a rule) and footer (rule, project name, page number)."""
    height = c.look.page_size[1]
    top, foot = c.look.margin - 16, height - c.look.margin + 6
    project, edition, page_word = RUNNING_TEXTS[language]
    c.label(left, top, project, style="B", size=FURNITURE_SIZE, colour=c.look.accent)
    c.font("", FURNITURE_SIZE)
    c.label(right - c.width_of(edition), top, edition, size=FURNITURE_SIZE)
    c.rule(left, top + 11, right, top + 11, c.look.accent, 0.8)
    c.rule(left, foot - 3, right, foot - 3, RULE_GREY, 0.5)
    c.label(left, foot, project, size=FURNITURE_SIZE)
    number = f"{page_word} {page_number}"
    c.font("", FURNITURE_SIZE)
    c.label(right - c.width_of(number), foot, number, size=FURNITURE_SIZE)


def side_strip(c: Canvas, text: str) -> None:
    """A coloured band along the left page edge with `text` at 90°."""
    height = c.look.page_size[1]
    c.box(0, 0, STRIP_W, height, fill=c.look.accent)
    c.rotated(STRIP_W - 7, height / 2 + 60, text, size=10, colour=WHITE)


def fact_sidebar(c: Canvas, x: float, y: float, w: float, language: str) -> float:
    """Grey box of facts (duration, budget) beside the objective."""
    facts = "\n".join(SIDEBAR_FACTS[language])
    saved, c.draw = c.draw, False
    h = c.paragraph(x + BOX_PAD, y + BOX_PAD, w - 2 * BOX_PAD, facts, size=c.size * 0.95, justify=False)
    c.draw = saved
    c.box(x, y, w, h + 2 * BOX_PAD, fill=GREY)  # the fill first: the text stays visible on top
    c.paragraph(x + BOX_PAD, y + BOX_PAD, w - 2 * BOX_PAD, facts, size=c.size * 0.95, justify=False)
    return h + 2 * BOX_PAD


def block_header(c: Canvas, x: float, y: float, w: float, language: str, key: str) -> float:
    """A block's header phrase and the gap below it."""
    return c.header(x, y, w, header_text(c.look, language, key), size=c.size * 1.25, colour=c.look.accent) + HEADER_GAP


def title_block(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Bold title in the accent colour, italic subtitle below; returns their height."""
    h = c.paragraph(x, y, w, record.title, style="B", size=c.look.title_size, colour=c.look.accent, spacing=1.15,
                    justify=False)  # fmt: skip
    if record.subtitle:
        h += 3 + c.paragraph(x, y + h + 3, w, record.subtitle, style="I", size=11.0, colour=TEXT_COLOUR,
                             justify=False)  # fmt: skip
    return h


def pale_column(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    c.box(x, y, w, h, fill=PALE)
