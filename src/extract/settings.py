"""Every threshold of the pipeline, one frozen settings object per concern.

Geometry is in PDF points (1/72 inch); ratios are relative to the font size of the text
concerned, so the same rule works for a 9 pt and a 12 pt brochure. Override any value
from a TOML file (`--settings FILE`):

    [layout]
    column_gutter_min = 6.0
    [headers]
    objective = ["OBJECTIF", "OBJECTIVE", "BUT"]

Unknown sections or keys are an error naming the key, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from extract.errors import SettingsError


@dataclass(frozen=True)
class ReadSettings:
    """How words are built from characters (passed to pdfplumber `extract_words`)."""

    x_tolerance: float = 1.5  # max gap between two chars of one word, pt (when the ratio is 0)
    # Max gap between two chars of one word as a share of their size: letter-spaced titles
    # (24 pt, +2.5 pt tracking) stay words, while a 9 pt word space (~0.26 em) still separates.
    x_tolerance_ratio: float = 0.17
    y_tolerance: float = 2.0  # max baseline drift inside one word, pt


@dataclass(frozen=True)
class HeaderWords:
    """Header words that name each block, per language, compared after case and accent folding.

    The first language whose words match most headers is the page's language.
    """

    objective: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "fr": ("OBJECTIF", "OBJECTIFS", "OBJECTIF GENERAL", "OBJECTIF DE L'ACTION", "OBJECTIF DU PROJET"),
            "en": ("OBJECTIVE", "OBJECTIVES", "GENERAL OBJECTIVE", "OVERALL OBJECTIVE", "PROJECT OBJECTIVE"),
        }
    )
    activities: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "fr": ("ACTIVITES", "ACTIVITE", "ACTIVITES PRINCIPALES", "PRINCIPALES ACTIVITES"),
            "en": ("ACTIVITIES", "MAIN ACTIVITIES", "KEY ACTIVITIES"),
        }
    )
    results: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "fr": ("RESULTATS", "RESULTATS ATTENDUS", "RESULTATS ESCOMPTES"),
            "en": ("OUTCOMES", "RESULTS", "EXPECTED RESULTS", "EXPECTED OUTCOMES"),
        }
    )
    # The SDG targets list (optional: without a header, printed codes anywhere are anchors).
    sdg: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "fr": ("CIBLES ODD", "CIBLES DES ODD", "ODD CONCERNES", "OBJECTIFS DE DEVELOPPEMENT DURABLE"),
            "en": ("SDG TARGETS", "TARGETS OF THE SDGS", "SDGS ADDRESSED", "SUSTAINABLE DEVELOPMENT GOALS"),
        }
    )
    # A logo region: never content.
    partners: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"fr": ("PARTENAIRES",), "en": ("PARTNERS",)})
    recommendations: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "fr": (
                "RECOMMANDATIONS POLITIQUES MC2CM ABORDEES",
                "RECOMMANDATION POLITIQUES MC2CM ABORDEES",
                "RECOMMANDATIONS POLITIQUES MC2CM",
                "RECOMMANDATIONS POLITIQUES ABORDEES",
                "RECOMMANDATIONS POLITIQUES",
                "RECOMMANDATIONS MC2CM ABORDEES",
                "RECOMMANDATIONS MC2CM",
            ),
            "en": (
                "MC2CM POLICY RECOMMENDATIONS ADDRESSED",
                "MC2CM POLICY RECOMMENDATIONS",
                "POLICY RECOMMENDATIONS ADDRESSED",
                "POLICY RECOMMENDATIONS",
                "MC2CM RECOMMENDATIONS ADDRESSED",
                "MC2CM RECOMMENDATIONS",
            ),
        }
    )

    def columns(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """The three content columns, in reading order."""
        return {"objective": self.objective, "activities": self.activities, "results": self.results}

    def kinds(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Every header kind: the columns, the SDG list, the recommendations and the partners' logos."""
        return {**self.columns(), "sdg": self.sdg, "recommendations": self.recommendations, "partners": self.partners}


@dataclass(frozen=True)
class LayoutSettings:
    """Rules that find the blocks of a page from geometry and typography."""

    # Words whose tops differ by less than this fraction of their size share a line.
    line_tolerance_ratio: float = 0.45
    # A horizontal gap wider than this many font sizes splits a line into segments
    # (neighbouring columns on one baseline).
    segment_gap_ratio: float = 1.2
    # A header wrapped onto a second line continues at most this many line heights below.
    header_wrap_gap_ratio: float = 0.8
    # A header may print this many words beyond its alias ("Résultats obtenus", "SDG targets
    # addressed"); such a loose match must also look like a header (bar, bold, other font or size,
    # capitals) and the alias with the most words wins ("Objectifs de développement durable").
    header_extra_words_max: int = 2
    header_caps_min_share: float = 0.6  # share of capitals from which a line reads as set in capitals
    header_size_min_ratio: float = 1.05  # ... or size over the page's body size that sets it apart
    # Headers whose tops differ by less than this many points sit in one row of columns.
    header_row_tolerance: float = 4.0
    # A filled rectangle counts as a header bar when it holds the header word with this slack.
    bar_slack: float = 2.0
    # Minimum width of an empty vertical strip (gutter) between two columns, pt.
    column_gutter_min: float = 4.0
    # Words within this fraction of the title size belong to the title.
    title_size_tolerance: float = 0.08
    # The title must be at least this many times the body text size (designs shrink long titles
    # to fit: 14 pt over 10.5 pt body seen in round trips).
    title_min_ratio: float = 1.2
    # A subtitle is larger than body text by this ratio, or set in an italic font.
    subtitle_min_ratio: float = 1.12
    # Vertical gap (in line heights) that ends a title, subtitle, SDG item or band.
    block_gap_ratio: float = 2.2
    # Vertical gap (in font sizes) that ends a column's content (logos, footers further down).
    block_end_gap_ratio: float = 3.5
    # Gap (in line heights) between two rows of band items.
    band_row_gap_ratio: float = 1.3
    # Thin vertical rules that mark band items: at most this wide, pt.
    rule_max_width: float = 3.0
    # Printed SDG target codes: goal 1-17, a number or letter target.
    # The code may carry trailing punctuation ("10.7:", "10.7 –" is two words) which is not kept.
    sdg_code_pattern: str = r"^(?:1[0-7]|[1-9])\.(?:[1-9][0-9]?|[a-j])(?=[:.,;–—-]?$)"
    # A drawn box holding one code and no taller than this many code sizes is its pill: the words
    # inside are its label, wherever the code sits in it (centred above a wrapped label).
    pill_max_height_ratio: float = 8.0
    # A lone number this many code sizes left of a code, on its level, is the goal's badge.
    badge_reach_ratio: float = 4.0
    # Words that may precede a code on its line ("ODD 10.7", "SDG 10.7"), compared after folding.
    sdg_code_prefixes: tuple[str, ...] = ("ODD", "SDG", "ODS", "CIBLE", "TARGET", "CIBLE ODD", "SDG TARGET")
    # Running headers, footers and funder lines, compared after folding (prefix match).
    furniture: tuple[str, ...] = (
        "MIGRATION VILLE A VILLE EN MEDITERRANEE",
        "ACTIONS CIBLEES DES VILLES",
        "FINANCE PAR L'UNION EUROPEENNE",
        "FINANCE PAR L UNION EUROPEENNE",
        "MEDITERRANEAN CITY-TO-CITY MIGRATION",
        "MEDITERRANEAN CITY TO CITY MIGRATION",
        "TARGETED CITY ACTIONS",
        "FUNDED BY THE EUROPEAN UNION",
        "CO-FUNDED BY THE EUROPEAN UNION",
    )
    # Logos: text framed by a box no wider than this share of the page, no taller than this many
    # text heights, lying in the top or bottom band (share of page height) of the page.
    logo_box_max_width_ratio: float = 0.3
    logo_box_max_lines: float = 4.0
    # ... and holding at most this many words (a logo's name; a boxed numbered item has more).
    logo_max_words: int = 3
    logo_band_ratio: float = 0.15
    # Margin bands (share of page height) where lone numbers are page numbers.
    page_number_margin_ratio: float = 0.08
    # Panels (sidebars, boxes) bound the regions they do not hold: a drawn box at least this many
    # body sizes tall and wide, smaller than this share of the page in both directions.
    panel_min_size_ratio: float = 5.0
    panel_max_page_share: float = 0.9
    # A panel holding no header, inside a column's region and narrower than this share of it, is
    # an aside (key figures beside the objective): its text is no block's, and not counted.
    aside_max_region_share: float = 0.6
    # A lone item marker belongs to the block of the text this many sizes right of it (hanging numbers).
    marker_reach_ratio: float = 2.5
    # Furniture learnt per document: text printed at the same place (this many points, digits
    # ignored) in the top or bottom band (share of page height: the outer margin, where a table at
    # the foot does not reach) on at least this share of the first `document_sample_pages` pages,
    # and on at least `furniture_repeat_min_pages` of them. Lines holding an SDG code never count.
    furniture_position_tolerance: float = 6.0
    furniture_band_ratio: float = 0.07
    furniture_repeat_min_share: float = 0.5
    furniture_repeat_min_pages: int = 3
    document_sample_pages: int = 12
    # A word this many times taller than its size is set sideways (a rotated side strip): furniture;
    # so is a column of at least `strip_min_glyphs` one- or two-letter words sharing their left and
    # right edges (within `bar_slack`), each within `strip_pitch_ratio` sizes of the one above
    # (glyphs follow each other closer than lines do: stacked list markers are a line apart).
    rotated_height_ratio: float = 1.6
    strip_min_glyphs: int = 4
    strip_pitch_ratio: float = 1.1
    # Self-check: below this share of the page's non-furniture text in a block, a warning quotes
    # the text left out and its position (at most `coverage_quote_chars` characters).
    coverage_warn_below: float = 0.9
    coverage_quote_chars: int = 80


@dataclass(frozen=True)
class SegmentSettings:
    """Rules that turn a block's lines into text and list items."""

    bullet_glyphs: tuple[str, ...] = (
        "•",
        "▪",
        "■",
        "●",
        "◦",
        "‣",
        "▸",
        "►",
        "–",
        "—",
        "-",
        "*",
        "○",
        "□",
        "➢",
        "✓",
        "✔",
        "➤",
        "",
    )
    # Item numbers that act as bullets when alone at a line start ("1.", "2)", "a)", "iv.").
    numbering_pattern: str = r"^\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)]$"
    # Fonts whose glyphs carry no Unicode meaning: any lone glyph at a line start is a bullet.
    symbol_fonts: tuple[str, ...] = ("Symbol", "Wingdings", "ZapfDingbats", "Dingbats", "Webdings")
    # A line starting this far (in font sizes) left of the block's text edge is a hanging-indent item.
    hanging_indent_ratio: float = 0.6
    # Vertical gap (in line heights) that separates paragraphs or unbulleted items.
    paragraph_gap_ratio: float = 1.45
    # Stripped from the end of list items.
    item_end_punctuation: tuple[str, ...] = (";", ",", ".", ":")
    # A hyphen at a line end stays when the part before it is one of these (compounds). Only
    # prefixes that are words of their own: short syllables (co, pré, inter…) are too often
    # ordinary hyphenation breaks (« co-ordination », « pre-nantes »).
    compound_prefixes: tuple[str, ...] = (
        "anti",
        "bien",
        "demi",
        "extra",
        "multi",
        "non",
        "quasi",
        "semi",
        "socio",
        "ultra",
        "vivre",
        "self",
        "well",
        "long",
        "cross",
        "peer",
        "city",
        "vice",
        "porte",
        "arrière",
        "après",
        "avant",
        "grand",
        "euro",
        "mieux",
        "savoir",
        "mid",
    )


@dataclass(frozen=True)
class MatchSettings:
    """Fuzzy matching of printed values to canonical lists (see normalise.py).

    Scores are rapidfuzz 0-100 on folded text (`catalog.fold`). Every threshold below was
    measured on the 23 distinct printed SDG labels and the recommendation titles of the
    sample brochure (tests/fixtures/actions-ciblees-fr.truth.json); the tables are in
    src/extract/data/SOURCE.md, "Matching measurements".
    """

    # SDG labels: fuzz.token_set_ratio, stop words removed, against official fr+en titles
    # (+ brochure short labels). Rank-1 for 23/23 labels from official titles alone
    # (ratio 8/23, partial_ratio 19/23, WRatio 2/23, token_sort_ratio 7/23).
    sdg_use_aliases: bool = True
    # Printed code kept as `exact` when its own target scores at least this: lowest score of
    # a true target was 68.8 (4.a, official titles only); of 460 lorem ipsum / random
    # strings only 3 reached 55, all sharing "weather" with 2.4 (max 66.7).
    sdg_exact_min: float = 60.0
    # Replacing the printed code needs the label's best target to score at least this:
    # the three wrong printed codes of the sample score 75.8 (17.8->17.18), 90.1, 100;
    # random strings of SDG vocabulary that clear `sdg_margin` top out at 70.6.
    sdg_correct_min: float = 72.0
    # ... and to lead the runner-up and the printed code by this: smallest lead of a true
    # target over the best wrong one was 9.6 (5.c over 10.4, official titles only).
    sdg_margin: float = 8.0
    # Recommendations: max(fuzz.ratio, fuzz.token_sort_ratio) over all known titles and
    # variants. On 157 perturbed titles (typos, dropped word, reversed order, leave-one-out
    # variants) the lowest true score was 67.4 (5th percentile 82.8); all 372 SDG goal and
    # target titles (fr, en) top out at 66.7 ("Éducation de qualité" vs education).
    recommendation_match_min: float = 72.0
    # Lead over the second-best id: smallest lead of the true id was 17.7.
    recommendation_margin: float = 10.0
    # Action fields searched for gazetteer cities and country names, in this order. The
    # sample truth names cities found only in activities/results (Oujda, Larache):
    # title+subtitle+objective agree on 13/15 pages, all five fields on 15/15.
    city_fields: tuple[str, ...] = ("title", "subtitle", "objective", "activities", "results")
    # Alternatives listed per review-queue row.
    review_candidates: int = 3


@dataclass(frozen=True)
class RunSettings:
    """Limits of one file's extraction in its worker process."""

    file_timeout_s: float = 120.0  # a worker that finishes no page for this long is killed (a hang)
    file_memory_mb: int = 2048  # address-space limit per worker process (0: no limit)
    workers: int = 0  # worker processes (0: one per CPU core)


@dataclass(frozen=True)
class AssembleSettings:
    """How page regions become actions: several actions on a page, one action over several pages."""

    # An action spans at most this many pages; a further continuation is reported, not attached.
    max_pages_per_action: int = 3
    # A continuation's first line carries its open block's face: same font, size within this
    # many points, left edge within this many font sizes of the block's left edge.
    continuation_size_tolerance: float = 0.6
    continuation_indent_ratio: float = 2.5


@dataclass(frozen=True)
class Settings:
    """All settings. `Settings()` gives the documented defaults."""

    read: ReadSettings = field(default_factory=ReadSettings)
    headers: HeaderWords = field(default_factory=HeaderWords)
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    segment: SegmentSettings = field(default_factory=SegmentSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
    run: RunSettings = field(default_factory=RunSettings)
    assemble: AssembleSettings = field(default_factory=AssembleSettings)

    @classmethod
    def load(cls, source: Settings | dict | str | Path | None = None) -> Settings:
        """Build settings from None (defaults), a dict, a TOML file path or an instance."""
        if source is None:
            return cls()
        if isinstance(source, Settings):
            return source
        if isinstance(source, (str, Path)):
            path = Path(source)
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
            return cls.from_dict(data, origin=str(path))
        return cls.from_dict(source)

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "settings") -> Settings:
        sections = {}
        for name, value in data.items():
            section_field = _field(cls, name, origin)
            if not isinstance(value, dict):
                raise SettingsError(f"{origin}: [{name}] must be a table")
            sections[name] = _section(section_field.default_factory(), value, f"{origin}: [{name}]")
        return cls(**sections)

    def fingerprint(self) -> str:
        """A short stable hash of every value (cache keys, provenance)."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=False, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _field(cls: type, name: str, origin: str) -> dataclasses.Field:
    known = {f.name: f for f in fields(cls)}
    if name not in known:
        raise SettingsError(f"{origin}: unknown key {name!r} (known: {', '.join(sorted(known))})")
    return known[name]


def _section(default: Any, overrides: dict[str, Any], origin: str) -> Any:
    values = {}
    for key, value in overrides.items():
        current = getattr(default, _field(type(default), key, origin).name)
        values[key] = _coerce(current, value, f"{origin} {key}")
    return dataclasses.replace(default, **values)


def _coerce(current: Any, value: Any, origin: str) -> Any:
    """Give an override the type of the default it replaces."""
    if isinstance(current, bool) or not isinstance(current, (int, float, str, tuple, dict)):
        return value
    if isinstance(current, tuple):
        if not isinstance(value, list):
            raise SettingsError(f"{origin}: expected a list")
        return tuple(value)
    if isinstance(current, dict):
        if not isinstance(value, dict):
            raise SettingsError(f"{origin}: expected a table")
        return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
    if isinstance(current, (int, float)) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return type(current)(value)
    if isinstance(current, str) and isinstance(value, str):
        return value
    raise SettingsError(f"{origin}: expected {type(current).__name__}, got {value!r}")


DEFAULT_SETTINGS = Settings()
