"""Synthetic page designs: how a generated sheet *looks*, independent of its content.

A `Design` is a frozen bundle of layout choices; `named_designs()` gives a fixed
catalogue (each name documents the variation it exercises) and `designs()` a
hypothesis strategy drawing any combination. All lengths are PDF points (1/72 in).

Header words are printed in the record's language (`header_words`): French
OBJECTIF / ACTIVITES|ACTIVITÉS / RESULTATS|RÉSULTATS, English OBJECTIVE /
ACTIVITIES / OUTCOMES|RESULTS, upper- or title-case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import strategies as st

FONT_DIR = Path(__file__).parent / "fonts"
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)

# family -> {fpdf2 style: file name}; files are looked up in FONT_DIR, then system dirs.
FONT_FILES: dict[str, dict[str, str]] = {
    "DejaVuSans": {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"},
    "DejaVuSansCondensed": {
        "": "DejaVuSansCondensed.ttf",
        "B": "DejaVuSansCondensed-Bold.ttf",
        "I": "DejaVuSansCondensed-Oblique.ttf",
    },
    "DejaVuSerif": {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"},
}
FONT_FAMILIES = tuple(FONT_FILES)

# Bullets: a Unicode glyph of the body font, or a core symbol font (no Unicode
# mapping for ZapfDingbats: pdfplumber reports the raw byte "l").
BULLET_ZAPF = "zapfdingbats"
BULLET_SYMBOL = "symbol"
UNICODE_BULLETS = ("•", "▪", "–", "-")
BULLETS = (*UNICODE_BULLETS, BULLET_ZAPF, BULLET_SYMBOL)
# bullet name -> (core font, character drawn, text pdfplumber extracts, size factor)
SYMBOL_BULLETS: dict[str, tuple[str, str, str, float]] = {
    BULLET_ZAPF: ("zapfdingbats", "l", "l", 0.55),  # ● filled circle, glyph a71
    BULLET_SYMBOL: ("symbol", "\u00b7", "•", 1.0),  # glyph "bullet" of the Symbol font
}

PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
MIN_BODY_SIZE = 8.5
MAX_BODY_SIZE = 11.0

HEADER_WORDS = {
    ("fr", False): ("OBJECTIF", "ACTIVITES", "RESULTATS", "RECOMMANDATIONS POLITIQUES MC2CM ABORDEES"),
    ("fr", True): ("OBJECTIF", "ACTIVITÉS", "RÉSULTATS", "RECOMMANDATIONS POLITIQUES MC2CM ABORDÉES"),
    ("en", False): ("OBJECTIVE", "ACTIVITIES", "{results}", "MC2CM POLICY RECOMMENDATIONS ADDRESSED"),
    ("en", True): ("OBJECTIVE", "ACTIVITIES", "{results}", "MC2CM POLICY RECOMMENDATIONS ADDRESSED"),
}

FURNITURE = {
    "fr": {
        "funded": "Financé par l’Union européenne",
        "header": "MIGRATION VILLE A VILLE EN MEDITERRANEE",
        "subheader": "ACTIONS CIBLEES DES VILLES",
        "logos": ("ICMPD", "UCLG", "ONU-Habitat"),
    },
    "en": {
        "funded": "Funded by the European Union",
        "header": "MEDITERRANEAN CITY-TO-CITY MIGRATION",
        "subheader": "TARGETED CITY ACTIONS",
        "logos": ("ICMPD", "UCLG", "UN-Habitat"),
    },
}

RGB = tuple[int, int, int]
ACCENTS: tuple[RGB, ...] = ((20, 110, 150), (0, 84, 140), (160, 30, 60), (40, 120, 70), (90, 60, 140))


@dataclass(frozen=True)
class Design:
    """Every visual choice of a generated action page (lengths in points)."""

    name: str = "custom"
    page_format: str = "A4"  # "A4" | "Letter"
    orientation: str = "P"  # "P" | "L"
    margin: float = 34.0
    font_family: str = "DejaVuSans"
    title_font_family: str = "DejaVuSans"
    body_size: float = 9.0  # starting size; reduced (never below the floor) until content fits
    title_size: float = 24.0
    subtitle_size: float = 12.0
    title_width: float = 1.0  # fraction of the content width the title may use (<1: wraps)
    accent: RGB = (20, 110, 150)
    # SDG sidebar
    sdg_position: str = "left"  # "left" | "right" | "top"
    sdg_width: float = 140.0  # sidebar width when left/right
    sdg_badge: bool = True
    sdg_per_row: int = 4  # entries per row when "top"
    # columns
    column_fractions: tuple[float, float, float] = (1.0, 1.0, 1.0)
    column_gap: float = 14.0
    header_style: str = "bar"  # "bar" (filled, centred, white) | "bold" (plain, left)
    headers_first: bool = True  # header words before the column text in the content stream
    accented_headers: bool = False  # ACTIVITÉS / RÉSULTATS
    header_case: str = "upper"  # "upper" | "title"
    en_results_word: str = "OUTCOMES"  # "OUTCOMES" | "RESULTS"
    # lists
    bullet: str = "•"
    bullet_indent: float = 9.0
    bullets_after_text: bool = False  # bullet glyph drawn after its item text in the stream
    item_suffix: str = " ;"  # printed after every item but the last
    last_item_suffix: str = " ;"
    item_gap: float = 5.0
    justify: bool = False
    hyphenate: bool = False  # soft hyphens in long words: fpdf2 breaks them with "-" at line end
    line_spacing: float = 1.3
    # recommendation band
    band_header_style: str = "bar"  # "bar" | "bold"
    band_per_row: int = 3
    band_rules: bool = True  # thin vertical rule left of every cell
    band_position: str = "bottom"  # "bottom" (above the footer) | "flow" (right after the columns)
    # page furniture
    running_header: bool = True
    logos: bool = True
    page_number: bool = True
    furniture_first: bool = True  # furniture before the content in the content stream
    footer_gap: float = 30.0  # clear space between the band (when at the bottom) and the logos

    def __post_init__(self) -> None:
        """Reject unknown option values early (a typo would silently change the look)."""
        choices = {
            "page_format": tuple(PAGE_SIZES),
            "orientation": ("P", "L"),
            "font_family": FONT_FAMILIES,
            "title_font_family": FONT_FAMILIES,
            "sdg_position": ("left", "right", "top"),
            "header_style": ("bar", "bold"),
            "header_case": ("upper", "title"),
            "en_results_word": ("OUTCOMES", "RESULTS"),
            "bullet": BULLETS,
            "band_header_style": ("bar", "bold"),
            "band_position": ("bottom", "flow"),
            "band_per_row": (2, 3),
        }
        for attribute, allowed in choices.items():
            if getattr(self, attribute) not in allowed:
                raise ValueError(f"Design.{attribute}={getattr(self, attribute)!r}: not in {allowed}")
        if not MIN_BODY_SIZE <= self.body_size <= MAX_BODY_SIZE:
            raise ValueError(f"Design.body_size={self.body_size} outside [{MIN_BODY_SIZE}, {MAX_BODY_SIZE}]")
        if self.item_suffix.strip() not in ("", ";") or self.last_item_suffix.strip() not in ("", ";", "."):
            raise ValueError("item suffixes must be list terminators (' ;', ';', '.', '')")

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) in points, orientation applied."""
        width, height = PAGE_SIZES[self.page_format]
        return (height, width) if self.orientation == "L" else (width, height)

    @property
    def landscape(self) -> bool:
        return self.orientation == "L"

    @property
    def symbol_bullet(self) -> bool:
        return self.bullet in SYMBOL_BULLETS


def _title_case(words: str) -> str:
    """'RECOMMANDATIONS POLITIQUES MC2CM' -> 'Recommandations politiques MC2CM'."""
    parts = words.split()
    return " ".join([parts[0].capitalize(), *(p if p == "MC2CM" else p.lower() for p in parts[1:])])


def header_words(design: Design, language: str) -> dict[str, str]:
    """The printed section headers of a page: objective, activities, results, band."""
    objective, activities, results, band = HEADER_WORDS[(language, design.accented_headers)]
    results = results.format(results=design.en_results_word)
    words = {"objective": objective, "activities": activities, "results": results, "band": band}
    if design.header_case == "title":
        words = {key: _title_case(value) for key, value in words.items()}
    return words


def bullet_text(design: Design) -> str:
    """What `page.extract_words()` reports for the design's bullet glyph."""
    if design.symbol_bullet:
        return SYMBOL_BULLETS[design.bullet][2]
    return design.bullet


def font_path(family: str, style: str = "") -> Path:
    """The TTF file of `family`/`style` (bundled copy first, then system directories)."""
    name = FONT_FILES[family][style]
    for directory in (FONT_DIR, *SYSTEM_FONT_DIRS):
        if (directory / name).is_file():
            return directory / name
    raise FileNotFoundError(f"font {name} not found in {FONT_DIR} nor system font dirs")


_BASE = Design()

NAMED_DESIGNS: tuple[Design, ...] = (
    # close to the real brochure: left SDG sidebar with badges, filled header bars
    replace(_BASE, name="brochure_like"),
    # landscape A4, SDG sidebar on the right, plain bold headers, justified serif text
    replace(
        _BASE,
        name="landscape_right_serif",
        orientation="L",
        sdg_position="right",
        font_family="DejaVuSerif",
        title_font_family="DejaVuSerif",
        header_style="bold",
        bullet="▪",
        justify=True,
        body_size=9.5,
        sdg_width=170.0,
        band_rules=False,
        item_suffix=";",
        last_item_suffix=".",
    ),
    # US Letter, SDG targets in a row above the columns, headers after the text
    replace(
        _BASE,
        name="letter_top_sdg",
        page_format="Letter",
        sdg_position="top",
        font_family="DejaVuSansCondensed",
        bullet="–",
        headers_first=False,
        body_size=10.0,
        accented_headers=True,
        accent=(160, 30, 60),
        band_per_row=2,
    ),
    # ZapfDingbats bullets (no Unicode mapping), no SDG badge, bullets after text
    replace(
        _BASE,
        name="zapf_bullets",
        bullet=BULLET_ZAPF,
        sdg_badge=False,
        bullets_after_text=True,
        accented_headers=True,
        item_suffix="",
        last_item_suffix="",
        column_gap=10.0,
        accent=(40, 120, 70),
    ),
    # Symbol-font bullets, landscape Letter, small justified serif with hyphenation
    replace(
        _BASE,
        name="symbol_bullets_landscape",
        page_format="Letter",
        orientation="L",
        bullet=BULLET_SYMBOL,
        font_family="DejaVuSerif",
        body_size=8.5,
        justify=True,
        hyphenate=True,
        sdg_width=150.0,
        en_results_word="RESULTS",
        footer_gap=8.0,
    ),
    # narrow justified columns with line-end hyphenation and hyphen-minus bullets
    replace(
        _BASE,
        name="hyphenated_narrow",
        bullet="-",
        justify=True,
        hyphenate=True,
        body_size=10.0,
        sdg_width=190.0,
        column_gap=8.0,
        margin=28.0,
        band_per_row=3,
        item_suffix="",
        last_item_suffix="",
    ),
    # no running header, logos or page number; title wraps; band follows the columns
    replace(
        _BASE,
        name="minimal_wrapped_title",
        running_header=False,
        logos=False,
        page_number=False,
        header_style="bold",
        title_width=0.45,
        title_size=26.0,
        band_position="flow",
        band_per_row=2,
        band_rules=False,
        band_header_style="bold",
        sdg_position="right",
        accent=(90, 60, 140),
    ),
    # large type, title-case headers, unequal columns, furniture drawn last
    replace(
        _BASE,
        name="large_title_case",
        page_format="Letter",
        body_size=11.0,
        header_case="title",
        column_fractions=(0.8, 1.2, 1.0),
        column_gap=18.0,
        furniture_first=False,
        sdg_position="top",
        sdg_per_row=3,
        en_results_word="RESULTS",
        title_font_family="DejaVuSerif",
        item_gap=7.0,
        footer_gap=60.0,
    ),
    # wide objective column, narrow lists, serif, bar headers drawn after text
    replace(
        _BASE,
        name="unequal_columns_serif",
        font_family="DejaVuSerif",
        column_fractions=(1.4, 0.9, 0.9),
        column_gap=6.0,
        headers_first=False,
        bullet="▪",
        sdg_width=120.0,
        margin=40.0,
        band_header_style="bold",
    ),
    # landscape Letter with SDG targets on top, five per row
    replace(
        _BASE,
        name="landscape_top_sdg",
        page_format="Letter",
        orientation="L",
        sdg_position="top",
        sdg_per_row=5,
        font_family="DejaVuSansCondensed",
        justify=True,
        bullet="–",
        title_width=0.6,
        band_position="flow",
    ),
)


def named_designs() -> dict[str, Design]:
    """The fixed catalogue of designs, by name."""
    return {design.name: design for design in NAMED_DESIGNS}


@st.composite
def designs(draw) -> Design:
    """Any combination of the design options (name "random")."""
    fraction = st.floats(0.7, 1.4).map(lambda value: round(value, 2))
    return Design(
        name="random",
        page_format=draw(st.sampled_from(tuple(PAGE_SIZES))),
        orientation=draw(st.sampled_from(("P", "L"))),
        margin=draw(st.sampled_from((28.0, 34.0, 40.0))),
        font_family=draw(st.sampled_from(FONT_FAMILIES)),
        title_font_family=draw(st.sampled_from(FONT_FAMILIES)),
        body_size=draw(st.sampled_from((8.5, 9.0, 9.5, 10.0, 10.5, 11.0))),
        title_size=draw(st.sampled_from((18.0, 22.0, 24.0, 26.0))),
        subtitle_size=draw(st.sampled_from((11.0, 12.0, 13.0))),
        title_width=draw(st.sampled_from((1.0, 0.75, 0.5))),
        accent=draw(st.sampled_from(ACCENTS)),
        sdg_position=draw(st.sampled_from(("left", "right", "top"))),
        sdg_width=draw(st.sampled_from((120.0, 140.0, 170.0))),
        sdg_badge=draw(st.booleans()),
        sdg_per_row=draw(st.sampled_from((3, 4, 5))),
        column_fractions=(draw(fraction), draw(fraction), draw(fraction)),
        column_gap=draw(st.sampled_from((6.0, 10.0, 14.0, 20.0))),
        header_style=draw(st.sampled_from(("bar", "bold"))),
        headers_first=draw(st.booleans()),
        accented_headers=draw(st.booleans()),
        header_case=draw(st.sampled_from(("upper", "title"))),
        en_results_word=draw(st.sampled_from(("OUTCOMES", "RESULTS"))),
        bullet=draw(st.sampled_from(BULLETS)),
        bullet_indent=draw(st.sampled_from((8.0, 9.0, 12.0))),
        bullets_after_text=draw(st.booleans()),
        item_suffix=draw(st.sampled_from((" ;", ";", ""))),
        last_item_suffix=draw(st.sampled_from((" ;", ".", ""))),
        item_gap=draw(st.sampled_from((2.0, 5.0, 8.0))),
        justify=draw(st.booleans()),
        hyphenate=draw(st.booleans()),
        band_header_style=draw(st.sampled_from(("bar", "bold"))),
        band_per_row=draw(st.sampled_from((2, 3))),
        band_rules=draw(st.booleans()),
        band_position=draw(st.sampled_from(("bottom", "flow"))),
        running_header=draw(st.booleans()),
        logos=draw(st.booleans()),
        page_number=draw(st.booleans()),
        furniture_first=draw(st.booleans()),
        footer_gap=draw(st.sampled_from((8.0, 30.0, 60.0))),
    )
