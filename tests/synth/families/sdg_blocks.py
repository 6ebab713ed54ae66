"""SDG blocks of the design families, drawn (or measured) on a `Canvas` in a given width:
optional goal tiles (a goal number only, never a target), then the targets as a ruled table
(code | label cells, labels wrapping inside theirs), rounded pills with the label below,
stacked entries (code above label), or lines (code, label wrapping beside it). Codes are
printed bare or with the look's prefix ("ODD 16.6", "Cible 16.6", "SDG", "Target").
"""

from __future__ import annotations

from ..records import ActionRecord
from ..render import SDG_COLOURS
from .canvas import WHITE, Canvas
from .look import SDG_PREFIXES

RULE_GREY = (150, 150, 150)
CELL_PAD = 4.0
CODE_CELL_W = 72.0  # wide enough for "Target 17.17" on one line
TILE = 22.0
TILE_GAP = 5.0
PILL_H = 15.0
PILL_W = 62.0
PILL_CELL_MIN = 150.0  # narrowest column of pills: fewer per row below
ENTRY_GAP = 7.0
LINE_GAP = 4.0


def goals_of(record: ActionRecord) -> list[int]:
    """Distinct goal numbers of the record's targets, in order of first appearance."""
    goals: list[int] = []
    for code, _ in record.sdgs:
        goal = int(code.split(".")[0])
        if goal not in goals:
            goals.append(goal)
    return goals


def printed_code(c: Canvas, code: str, language: str) -> str:
    """The code as the look prints it: "16.6", "ODD 16.6" or "Cible 16.6" (English alike)."""
    return f"{SDG_PREFIXES[language][c.look.sdg_code_style]}{code}"


def sdg_body(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Goal tiles when the look has them, then the targets in the look's style; the height."""
    top = y
    if c.look.goal_tiles:
        y += goal_tiles(c, x, y, record)
    y += STYLES[c.look.sdg_style](c, x, y, w, record)
    return y - top


def goal_tiles(c: Canvas, x: float, y: float, record: ActionRecord) -> float:
    """A row of coloured squares printing only a goal number (not targets)."""
    for i, goal in enumerate(goals_of(record)):
        left = x + i * (TILE + TILE_GAP)
        c.box(left, y, TILE, TILE, fill=SDG_COLOURS[goal])
        c.font("B", TILE * 0.5)
        c.label(left + (TILE - c.width_of(str(goal))) / 2, y + TILE * 0.25, str(goal), style="B", size=TILE * 0.5,
                colour=WHITE)  # fmt: skip
    return TILE + TILE_GAP if record.sdgs else 0.0


def sdg_table(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Ruled table: code | label cells, labels wrapping inside their cell."""
    top = y
    label_w = w - CODE_CELL_W - 2 * CELL_PAD
    for code, label in record.sdgs:
        code_text = printed_code(c, code, record.language)
        code_h = c.paragraph(x + CELL_PAD, y + CELL_PAD, CODE_CELL_W - 2 * CELL_PAD, code_text, style="B")
        label_h = c.paragraph(x + CODE_CELL_W + CELL_PAD, y + CELL_PAD, label_w, label, size=c.size * 0.95)
        y += max(code_h, label_h) + 2 * CELL_PAD
        c.rule(x, y, x + w, y, RULE_GREY)
    if record.sdgs:
        c.rule(x, top, x + w, top, RULE_GREY, 1.0)
        c.rule(x + CODE_CELL_W, top, x + CODE_CELL_W, y, RULE_GREY)
        c.rule(x, top, x, y, RULE_GREY)
        c.rule(x + w, top, x + w, y, RULE_GREY)
    return y - top


def sdg_pills(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Per target a rounded pill with the code, its label below; as many per row as fit."""
    per_row = max(1, min(3, int(w // PILL_CELL_MIN)))
    cell_w = w / per_row
    top = y
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
    return y - 8 - top if entries else 0.0


def sdg_stacked(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """Entries one below the other: a bold code above its label."""
    top = y
    for code, label in record.sdgs:
        y += c.paragraph(x, y, w, printed_code(c, code, record.language), style="B", justify=False)
        y += c.paragraph(x, y, w, label, size=c.size * 0.95, justify=False) + ENTRY_GAP
    return y - top


def sdg_lines(c: Canvas, x: float, y: float, w: float, record: ActionRecord) -> float:
    """One entry per line: the bold code, then its label wrapping beside it."""
    if not record.sdgs:
        return 0.0
    top = y
    c.font("B")
    code_w = max(c.width_of(printed_code(c, code, record.language)) for code, _ in record.sdgs) + 8
    for code, label in record.sdgs:
        c.label(x, y, printed_code(c, code, record.language), style="B")
        y += c.paragraph(x + code_w, y, w - code_w, label, justify=False) + LINE_GAP
    return y - LINE_GAP - top


STYLES = {"table": sdg_table, "pills": sdg_pills, "stacked": sdg_stacked, "lines": sdg_lines}
