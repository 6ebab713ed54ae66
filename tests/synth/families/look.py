"""The look of a design family page: arrangement, header phrasing, markers, SDG and
recommendation styles. Content comes from `tests.synth.records`; a `Look` only says how it
is printed. All lengths are PDF points.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

RGB = tuple[int, int, int]
NBSP = "\u00a0"

ARRANGEMENTS = ("stacked", "landscape_boxes", "foot_pills", "side_headings", "web_stacked")
RENDERERS = ("fpdf2", "chromium")
HEADER_CASES = ("as_typed", "upper", "smallcaps_font", "smallcaps_sized", "css_smallcaps")
HEADER_ICONS = ("none", "glyph", "shape")
DRAW_MODES = ("line", "word")  # one text object per line, or every word on its own, last first
SDG_STYLES = ("table", "pills", "stacked", "lines")
SDG_CODE_STYLES = ("bare", "goal", "target")  # "16.6", "ODD 16.6"/"SDG 16.6", "Cible 16.6"/"Target 16.6"
SDG_PREFIXES = {
    "fr": {"bare": "", "goal": "ODD ", "target": "Cible "},
    "en": {"bare": "", "goal": "SDG ", "target": "Target "},
}
REC_STYLES = ("list", "boxed")
NUMBERED_MARKERS = ("1)", "1.", "a)", "i.")
SYMBOL_MARKERS = ("✓", "✔", "➢", "►", "•", "▪", "–")
MARKERS = (*NUMBERED_MARKERS, *SYMBOL_MARKERS)

# Header phrases as real sheets print them, two variants per block and language.
HEADER_PHRASES: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "objective": ("Objectif général", "Objectifs"),
        "activities": ("Activités principales", "Activités prévues"),
        "results": ("Résultats attendus", "Résultats obtenus"),
        "sdg": ("Cibles ODD concernées", "Objectifs de développement durable"),
        "recommendations": ("Recommandations politiques MC2CM abordées", "Recommandations MC2CM abordées"),
        "partners": ("Partenaires", "Partenaires"),
    },
    "en": {
        "objective": ("General objective", "Objective"),
        "activities": ("Main activities", "Planned activities"),
        "results": ("Expected results", "Outcomes"),
        "sdg": ("SDG targets addressed", "Sustainable Development Goals"),
        "recommendations": ("MC2CM policy recommendations addressed", "MC2CM recommendations addressed"),
        "partners": ("Partners", "Partners"),
    },
}

PARTNER_LOGOS = {"fr": ("ICMPD", "UCLG", "ONU-Habitat"), "en": ("ICMPD", "UCLG", "UN-Habitat")}

# Running header/footer of a family file: not in the extractor's fixed furniture list.
RUNNING_TEXTS = {
    "fr": ("Dialogue urbain méditerranéen", "Fiches des villes · édition 2021", "Page"),
    "en": ("Mediterranean Urban Dialogue", "City sheets · 2021 edition", "Page"),
}

# Facts printed in the grey sidebar beside the objective (never content).
SIDEBAR_FACTS = {
    "fr": ("Durée : 24 mois", "Budget : 180 000 €", "Porteur : la municipalité", "Public : 1 500 habitants"),
    "en": ("Duration: 24 months", "Budget: €180,000", "Lead: the municipality", "Reach: 1,500 residents"),
}

# Words of the rotated side strip, one per page in turn (never content).
STRIP_WORDS = ("TUNIS · TUNISIE", "AMMAN · JORDANIE", "LYON · FRANCE", "RABAT · MAROC", "BEYROUTH · LIBAN")

# Intro page of every multi-page file (a page without an action).
INTRO = {
    "fr": (
        "Avant-propos",
        "Ce recueil présente les fiches des villes du réseau. Chaque fiche décrit le contexte local, "
        "les acteurs mobilisés et le calendrier retenu par la municipalité.",
    ),
    "en": (
        "Foreword",
        "This collection presents the sheets of the cities of the network. Each sheet describes the "
        "local context, the stakeholders involved and the timetable chosen by the municipality.",
    ),
}


@dataclass(frozen=True)
class Look:
    """Every visual choice of a family page (lengths in points)."""

    name: str
    arrangement: str
    renderer: str = "fpdf2"
    orientation: str = "P"
    margin: float = 36.0
    font_family: str = "DejaVuSans"
    body_size: float = 8.5
    title_size: float = 20.0
    accent: RGB = (0, 94, 130)
    header_variant: int = 0
    header_case: str = "as_typed"
    header_icon: str = "none"
    header_accents: bool = True
    activity_marker: str = "✓"
    result_marker: str = "1)"
    recommendation_marker: str = "1."
    markers_after_text: bool = False
    item_suffix: str = " ;"
    last_item_suffix: str = "."
    justify: bool = False
    hyphenate: bool = False
    draw_mode: str = "line"
    sdg_style: str = "table"
    sdg_code_style: str = "bare"
    goal_tiles: bool = False
    recommendation_style: str = "list"
    partners: bool = False
    grey_sidebar: bool = False
    side_strip: bool = False

    def __post_init__(self) -> None:
        """Reject unknown option values (a typo would silently change the look)."""
        choices = {
            "arrangement": ARRANGEMENTS,
            "renderer": RENDERERS,
            "orientation": ("P", "L"),
            "header_case": HEADER_CASES,
            "header_icon": HEADER_ICONS,
            "activity_marker": MARKERS,
            "result_marker": MARKERS,
            "recommendation_marker": MARKERS,
            "draw_mode": DRAW_MODES,
            "sdg_style": SDG_STYLES,
            "recommendation_style": REC_STYLES,
            "header_variant": (0, 1),
            "sdg_code_style": SDG_CODE_STYLES,
        }
        for attribute, allowed in choices.items():
            if getattr(self, attribute) not in allowed:
                raise ValueError(f"Look.{attribute}={getattr(self, attribute)!r}: not in {allowed}")

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) of an A4 page in points, orientation applied."""
        return (841.89, 595.28) if self.orientation == "L" else (595.28, 841.89)


def scramble_case(text: str) -> str:
    """The mixed case a designer's small caps leave in the text layer: words in turn
    lowercase, capitalised, lowercase with the second letter up ("cibles Odd cOncernées")."""
    words = []
    for i, word in enumerate(text.split(" ")):
        lower = word.lower()
        if i % 3 == 1:
            words.append(lower[:1].upper() + lower[1:])
        elif i % 3 == 2 and len(lower) > 2:
            words.append(lower[0] + lower[1].upper() + lower[2:])
        else:
            words.append(lower)
    return " ".join(words)


def strip_accents(text: str) -> str:
    """'Activités prévues' -> 'Activites prevues'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def header_text(look: Look, language: str, key: str) -> str:
    """The header of block `key` as typed in the file's text layer."""
    text = HEADER_PHRASES[language][key][look.header_variant]
    if not look.header_accents:
        text = strip_accents(text)
    if look.header_case == "upper":
        return text.upper()
    if look.header_case == "smallcaps_font":
        return scramble_case(text)
    return text


def _roman(number: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def marker_text(marker: str, index: int) -> str:
    """The printed marker of the `index`-th (0-based) item: "3)", "3.", "c)", "iii." or a glyph."""
    number = index + 1
    if marker == "1)":
        return f"{number})"
    if marker == "1.":
        return f"{number}."
    if marker == "a)":
        return f"{chr(ord('a') + index)})"
    if marker == "i.":
        return f"{_roman(number)}."
    return marker


def item_suffix(look: Look, index: int, count: int) -> str:
    """List terminator printed after item `index` of `count`; a space before it is
    non-breaking, as typesetters print " ;" (the terminator never starts a line)."""
    suffix = look.last_item_suffix if index == count - 1 else look.item_suffix
    return suffix.replace(" ", NBSP)
