"""Build small synthetic pages (PageContent) from text placed at coordinates, for unit tests."""

from __future__ import annotations

from extract.geometry import Box, Word
from extract.stages.read import PageContent

CHAR_WIDTH_RATIO = 0.5  # average glyph width as a share of the font size
SPACE_RATIO = 0.28


def words_at(text: str, x: float, top: float, size: float = 9.0, font: str = "Sans") -> list[Word]:
    """The words of `text` laid out left to right from (x, top) on one line."""
    words, cursor = [], x
    for token in text.split():
        width = len(token) * size * CHAR_WIDTH_RATIO
        words.append(Word(token, cursor, cursor + width, top, top + size, size, font))
        cursor += width + size * SPACE_RATIO
    return words


def paragraph(
    lines: list[str], x: float, top: float, size: float = 9.0, pitch: float | None = None, font: str = "Sans"
) -> list[Word]:
    pitch = pitch or size * 1.33
    return [w for i, line in enumerate(lines) for w in words_at(line, x, top + i * pitch, size, font)]


def page(
    words: list[Word],
    boxes: list[Box] | None = None,
    width: float = 595.0,
    height: float = 842.0,
    number: int = 1,
    images: int = 0,
) -> PageContent:
    return PageContent(
        number=number,
        width=width,
        height=height,
        words=tuple(words),
        boxes=tuple(boxes or ()),
        char_count=sum(len(w.text) for w in words),
        image_count=images,
    )


def action_sheet(
    bars: bool = True, reverse_stream: bool = False, sdg_left: bool = True, english: bool = False
) -> PageContent:
    """A minimal complete action sheet: title, subtitle, 2 SDG targets, 3 columns, band."""
    col_x = (200.0, 330.0, 460.0) if sdg_left else (40.0, 220.0, 400.0)
    sdg_x = 60.0 if sdg_left else 480.0
    heads = ("OBJECTIVE", "ACTIVITIES", "OUTCOMES") if english else ("OBJECTIF", "ACTIVITÉS", "RÉSULTATS")
    band = "MC2CM POLICY RECOMMENDATIONS ADDRESSED" if english else "RECOMMANDATIONS POLITIQUES MC2CM ABORDÉES"
    words: list[Word] = []
    boxes: list[Box] = []
    words += words_at("Titre de l’action", 30, 90, 24, "Sans-Bold")
    words += words_at("Un sous-titre en italique", 30, 120, 12, "Sans-Italic")
    if sdg_left:
        words += words_at("10.7", sdg_x, 180, 9, "Sans-Bold")
        words += paragraph(["Faciliter la migration", "des personnes"], sdg_x, 192, 8.4)
        words += words_at("16.b", sdg_x, 230, 9, "Sans-Bold")
        words += paragraph(["Promouvoir des lois non", "discriminatoires"], sdg_x, 242, 8.4)
        words += words_at("10", 35, 185, 13, "Sans-Bold")  # goal badge
    else:
        words += words_at("10.7", 40, 160, 9, "Sans-Bold") + words_at("Faciliter la migration", 70, 160, 8.4)
        words += words_at("16.b", 300, 160, 9, "Sans-Bold") + words_at("Promouvoir des lois", 330, 160, 8.4)
    body: list[Word] = []
    body += paragraph(["L’objectif est de", "renforcer la cohésion", "sociale."], col_x[0], 205)
    body += words_at("•", col_x[1], 205) + paragraph(["Organiser des", "ateliers ;"], col_x[1] + 9, 205)
    body += words_at("•", col_x[1], 235) + paragraph(["Former les agents ;"], col_x[1] + 9, 235)
    body += words_at("•", col_x[2], 205) + paragraph(["Un centre ouvert ;"], col_x[2] + 9, 205)
    header_words: list[Word] = []
    for x, text in zip(col_x, heads):
        header_words += words_at(text, x + (20 if bars else 0), 182, 9, "Sans-Bold")
        if bars:
            boxes.append(Box(x - 2, x + 118, 176, 195, True, False, (0.0, 0.4, 0.6)))
    header_words += words_at(band, 40, 667, 9, "Sans-Bold")
    if bars:
        boxes.append(Box(30, 570, 662, 679, True, False, (0.0, 0.4, 0.6)))
    body += paragraph(["Accès à l’éducation"], 40, 686, 8.8) + paragraph(["Accès à la santé"], 220, 686, 8.8)
    boxes += [
        Box(30, 31.5, 683, 705, True, False, (0.0, 0.4, 0.6)),
        Box(212, 213.5, 683, 705, True, False, (0.0, 0.4, 0.6)),
    ]
    furniture = words_at("MIGRATION VILLE A VILLE EN MEDITERRANEE", 300, 22, 11.5, "Sans-Bold")
    furniture += words_at("3", 560, 806, 8)
    stream = words + (body + header_words if reverse_stream else header_words + body) + furniture
    return page(stream, boxes)
