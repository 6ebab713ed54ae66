"""Blocks of the design families, each drawn (or measured) on a `Canvas` inside a given
box: running header and footer, rotated side strip, grey fact sidebar, SDG table, SDG
pills with goal tiles, SDG sidebar, numbered margin recommendations, boxed recommendation
grid with partner logo boxes, bulleted recommendations. Each returns the height it used.
"""

from __future__ import annotations

from ..records import ActionRecord
from ..render import SDG_COLOURS
from .canvas import TEXT_COLOUR, WHITE, Canvas
from .look import PARTNER_LOGOS, RUNNING_TEXTS, SDG_PREFIXES, SIDEBAR_FACTS, header_text

FURNITURE_SIZE = 7.5
GREY = (232, 232, 232)
PALE = (236, 243, 247)
RULE_GREY = (150, 150, 150)
CELL_PAD = 4.0
CODE_CELL_W = 72.0  # wide enough for "Target 17.17" on one line
TILE = 22.0
TILE_GAP = 5.0
PILL_H = 15.0
PILL_W = 62.0
BOX_PAD = 6.0
BADGE = 13.0
HEADER_GAP = 5.0
ITEM_GAP = 4.0
STRIP_W = 22.0


def goals_of(record: ActionRecord) -> list[int]:
    """Distinct goal numbers of the record's targets, in order of first appearance."""
    goals: list[int] = []
    for code, _ in record.sdgs:
        goal = int(code.split(".")[0])
        if goal not in goals:
            goals.append(goal)
    return goals


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


def printed_code(c: Canvas, code: str, language: str) -> str:
    """The code as the look prints it: "16.6", "ODD 16.6" or "Cible 16.6" (English alike)."""
    return f"{SDG_PREFIXES[language][c.look.sdg_code_style]}{code}"


def sdg_table(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Ruled table: code | label cells, labels wrapping inside their cell."""
    top = y
    label_w = w - CODE_CELL_W - 2 * CELL_PAD
    for code, label in record.sdgs:
        code_h = c.paragraph(
            x + CELL_PAD, y + CELL_PAD, CODE_CELL_W - 2 * CELL_PAD, printed_code(c, code, record.language), style="B"
        )
        label_h = c.paragraph(x + CODE_CELL_W + CELL_PAD, y + CELL_PAD, label_w, label, size=c.size * 0.95)
        y += max(code_h, label_h) + 2 * CELL_PAD
        c.rule(x, y, x + w, y, RULE_GREY)
    if record.sdgs:
        c.rule(x, top, x + w, top, RULE_GREY, 1.0)
        c.rule(x + CODE_CELL_W, top, x + CODE_CELL_W, y, RULE_GREY)
        c.rule(x, top, x, y, RULE_GREY)
        c.rule(x + w, top, x + w, y, RULE_GREY)
    return y - top


def goal_tiles(c: Canvas, x: float, y: float, record: ActionRecord, tile: float = TILE) -> float:
    """A row of coloured squares printing only a goal number (not targets)."""
    for i, goal in enumerate(goals_of(record)):
        left = x + i * (tile + TILE_GAP)
        c.box(left, y, tile, tile, fill=SDG_COLOURS[goal])
        c.font("B", tile * 0.5)
        c.label(left + (tile - c.width_of(str(goal))) / 2, y + tile * 0.25, str(goal), style="B", size=tile * 0.5,
                colour=WHITE)  # fmt: skip
    return tile + TILE_GAP if record.sdgs else 0.0


def sdg_pills(c: Canvas, x: float, y: float, w: float, record: ActionRecord, per_row: int = 3) -> float:
    """Optional goal tiles, then per target a rounded pill with the code and its label below."""
    top = y
    if c.look.goal_tiles:
        y += goal_tiles(c, x, y, record)
    cell_w = w / per_row
    entries = list(record.sdgs)
    for start in range(0, len(entries), per_row):
        heights = []
        for i, (code, label) in enumerate(entries[start : start + per_row]):
            left = x + i * cell_w
            c.box(left, y, PILL_W, PILL_H, fill=c.look.accent, radius=PILL_H / 2)
            c.font("B")
            text = printed_code(c, code, record.language)
            c.label(left + (PILL_W - c.width_of(text)) / 2, y + (PILL_H - c.size) / 2, text, style="B", colour=WHITE)
            label_h = c.paragraph(left, y + PILL_H + 3, cell_w - 12, label, size=c.size * 0.95, justify=False)
            heights.append(PILL_H + 3 + label_h)
        y += max(heights) + 8
    return y - 8 - top


def sdg_sidebar(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Stacked entries: optional goal tiles, then a bold code above its label."""
    top = y
    if c.look.goal_tiles:
        y += goal_tiles(c, x, y, record, tile=18.0) + 2
    for code, label in record.sdgs:
        y += c.paragraph(x, y, w, printed_code(c, code, record.language), style="B", justify=False)
        y += c.paragraph(x, y, w, label, size=c.size * 0.95, justify=False) + 7
    return y - top


def margin_recommendations(c: Canvas, x: float, y: float, w: float, record: ActionRecord, language: str) -> float:
    """Numbered list ("1. ...") under its (wrapping) header in a narrow column."""
    h = block_header(c, x, y, w, language, "recommendations")
    h += c.item_list(x, y + h, w, record.recommendations, c.look.recommendation_marker, ITEM_GAP * 1.5, justify=False)
    return h


def bulleted_recommendations(c: Canvas, x: float, y: float, w: float, record: ActionRecord, language: str) -> float:
    """Bulleted list under its header."""
    h = block_header(c, x, y, w, language, "recommendations")
    h += c.item_list(x, y + h, w, record.recommendations, c.look.recommendation_marker, ITEM_GAP, justify=False)
    return h


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


def _logo_box(c: Canvas, x: float, y: float, w: float, h: float, logo: str) -> None:
    """A partner box drawn exactly like a recommendation box, with a short name centred."""
    c.box(x, y, w, h, stroke=c.look.accent)
    c.font("B", c.size * 1.1)
    c.label(x + (w - c.width_of(logo)) / 2, y + (h - c.size) / 2, logo, style="B", size=c.size * 1.1,
            colour=c.look.accent)  # fmt: skip


def boxed_recommendations(
    c: Canvas, x: float, y: float, w: float, record: ActionRecord, language: str, per_row: int = 3
) -> float:
    """Header, then a grid of numbered boxes; partner logo boxes stand right next to them."""
    partners_w = w * 0.24 if c.look.partners else 0.0
    grid_w = w - partners_w
    top = y
    y += block_header(c, x, y, grid_w - 8, language, "recommendations")
    if c.look.partners:
        block_header(c, x + grid_w + 8, top, partners_w - 8, language, "partners")
    cell_w = (grid_w - 8 * (per_row - 1)) / per_row
    titles = list(record.recommendations)
    grid_top = y
    saved = c.draw
    for start in range(0, len(titles), per_row):
        row = titles[start : start + per_row]
        c.draw = False
        row_h = max(_numbered_box(c, 0, 0, cell_w, "", t, None) for t in row)
        c.draw = saved
        for i, title in enumerate(row):
            _numbered_box(c, x + i * (cell_w + 8), y, cell_w, str(start + i + 1), title, row_h if saved else None)
        y += row_h + 8
    if c.look.partners:
        logos = PARTNER_LOGOS[language]
        logo_h = max(26.0, (y - grid_top - 8 * len(logos)) / len(logos))
        for i, logo in enumerate(logos):
            _logo_box(c, x + grid_w + 8, grid_top + i * (logo_h + 8), partners_w - 8, logo_h, logo)
        y = max(y, grid_top + len(logos) * (logo_h + 8))
    return y - 8 - top


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


def sdg_lines(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """One entry per line: the bold code, then its label wrapping beside it."""
    top = y
    c.font("B")
    code_w = max(c.width_of(printed_code(c, code, record.language)) for code, _ in record.sdgs) + 8
    for code, label in record.sdgs:
        c.label(x, y, printed_code(c, code, record.language), style="B")
        y += c.paragraph(x + code_w, y, w - code_w, label, justify=False) + ITEM_GAP
    return y - ITEM_GAP - top


def logo_row(c: Canvas, x: float, y: float, w: float, language: str) -> float:
    """Partner logo boxes side by side."""
    logos = PARTNER_LOGOS[language]
    box_w = min(110.0, (w - 8 * (len(logos) - 1)) / len(logos))
    for i, logo in enumerate(logos):
        _logo_box(c, x + i * (box_w + 8), y, box_w, 24.0, logo)
    return 24.0
