"""Every threshold of the pipeline, one frozen settings model per concern.

Geometry is in PDF points (1/72 inch); ratios are relative to the font size of the text
concerned, so the same rule works for a 9 pt and a 12 pt brochure. Override any value
from a TOML file (`--settings FILE`):

    [layout]
    column_gutter_min = 6.0
    [headers]
    objective = { fr = ["OBJECTIF"], en = ["OBJECTIVE", "AIM"] }

Every value is checked on load: its type (a bool is `true` or `false`, never `"no"`), its range,
finite numbers only, regular expressions that compile. Unknown sections or keys, and bad values,
are a `SettingsError` of one line naming the file, the key and what is allowed; never silently
ignored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, ValidationError

from extract.errors import SettingsError
from extract.settings_file import describe_error, read_toml
from extract.settings_types import ActionField, Count, Flag, Number, PerLanguage, Phrases, Regex
from extract.settings_types import Section as _Section

ReadEngine = Literal["pdfium", "pdfplumber"]
READ_ENGINES: tuple[str, ...] = get_args(ReadEngine)


class ReadSettings(_Section):
    """Which reader turns pages into characters, and how words are built from them (the rule of
    pdfplumber's `extract_words`, for both readers)."""

    # "pdfium" (pypdfium2, the default, several times faster) or "pdfplumber" (pdfminer.six, the
    # reference): the same outputs except on damaged files, see docs/ARCHITECTURE.md "Readers".
    engine: ReadEngine = "pdfium"

    x_tolerance: Number = Field(1.5, ge=0, le=72)  # max gap between two chars of one word, pt (when the ratio is 0)
    # Max gap between two chars of one word as a share of their size: letter-spaced titles
    # (24 pt, +2.5 pt tracking) stay words, while a 9 pt word space (~0.26 em) still separates.
    x_tolerance_ratio: Number = Field(0.17, ge=0, le=2)
    y_tolerance: Number = Field(2.0, ge=0, le=72)  # max baseline drift inside one word, pt
    # A page whose glyphs are more than this share `(cid:N)`, U+FFFD or control characters has
    # no usable text (a font without a Unicode map): it fails instead of giving garbled actions.
    unreadable_share_max: Number = Field(0.5, ge=0, le=1)


class HeaderWords(_Section):
    """Header words that name each block, per language, compared after case and accent folding.

    The first language whose words match most headers is the page's language. A TOML override
    replaces a block's whole table of languages.
    """

    objective: PerLanguage = Field(
        default_factory=lambda: PerLanguage(
            fr=("OBJECTIF", "OBJECTIFS", "OBJECTIF GENERAL", "OBJECTIF DE L'ACTION", "OBJECTIF DU PROJET"),
            en=("OBJECTIVE", "OBJECTIVES", "GENERAL OBJECTIVE", "OVERALL OBJECTIVE", "PROJECT OBJECTIVE"),
        )
    )
    activities: PerLanguage = Field(
        default_factory=lambda: PerLanguage(
            fr=("ACTIVITES", "ACTIVITE", "ACTIVITES PRINCIPALES", "PRINCIPALES ACTIVITES"),
            en=("ACTIVITIES", "MAIN ACTIVITIES", "KEY ACTIVITIES"),
        )
    )
    results: PerLanguage = Field(
        default_factory=lambda: PerLanguage(
            fr=("RESULTATS", "RESULTATS ATTENDUS", "RESULTATS ESCOMPTES"),
            en=("OUTCOMES", "RESULTS", "EXPECTED RESULTS", "EXPECTED OUTCOMES"),
        )
    )
    recommendations: PerLanguage = Field(
        default_factory=lambda: PerLanguage(
            fr=(
                "RECOMMANDATIONS POLITIQUES MC2CM ABORDEES",
                "RECOMMANDATION POLITIQUES MC2CM ABORDEES",
                "RECOMMANDATIONS POLITIQUES MC2CM",
                "RECOMMANDATIONS POLITIQUES ABORDEES",
                "RECOMMANDATIONS POLITIQUES",
                "RECOMMANDATIONS MC2CM",
            ),
            en=(
                "MC2CM POLICY RECOMMENDATIONS ADDRESSED",
                "MC2CM POLICY RECOMMENDATIONS",
                "POLICY RECOMMENDATIONS ADDRESSED",
                "POLICY RECOMMENDATIONS",
                "MC2CM RECOMMENDATIONS",
            ),
        )
    )
    # The SDG list (optional: without it, printed codes anywhere are anchors); partners' logos.
    sdg: PerLanguage = Field(
        default_factory=lambda: PerLanguage(
            fr=("CIBLES ODD", "CIBLES DES ODD", "ODD CONCERNES", "OBJECTIFS DE DEVELOPPEMENT DURABLE"),
            en=("SDG TARGETS", "TARGETS OF THE SDGS", "SDGS ADDRESSED", "SUSTAINABLE DEVELOPMENT GOALS"),
        )
    )
    partners: PerLanguage = Field(default_factory=lambda: PerLanguage(fr=("PARTENAIRES",), en=("PARTNERS",)))

    def columns(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """The three content columns, in reading order."""
        return {"objective": self.objective, "activities": self.activities, "results": self.results}

    def kinds(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Every header kind: the columns, the SDG list, the recommendations and the partners' logos."""
        return {**self.columns(), "sdg": self.sdg, "recommendations": self.recommendations, "partners": self.partners}


class LayoutSettings(_Section):
    """Rules that find the blocks of a page from geometry and typography."""

    # Words whose tops differ by less than this fraction of their size share a line.
    line_tolerance_ratio: Number = Field(0.45, gt=0, le=2)
    # A horizontal gap wider than this many font sizes splits a line into segments
    # (neighbouring columns on one baseline).
    segment_gap_ratio: Number = Field(1.2, gt=0, le=20)
    # A header wrapped onto a second line continues at most this many line heights below.
    header_wrap_gap_ratio: Number = Field(0.8, ge=0, le=10)
    # Words a header may print beyond its alias ("Résultats obtenus"), then it must look like a header.
    header_extra_words_max: Count = Field(2, ge=0, le=10)
    header_caps_min_share: Number = Field(0.6, ge=0, le=1)  # share of capitals of a line set in capitals
    header_size_min_ratio: Number = Field(1.05, ge=1, le=10)  # size over the body size that sets a line apart
    # Headers whose tops differ by less than this many points sit in one row of columns.
    header_row_tolerance: Number = Field(4.0, ge=0, le=72)
    # A filled rectangle counts as a header bar when it holds the header word with this slack, pt.
    bar_slack: Number = Field(2.0, ge=0, le=72)
    # A box counts as a logo's frame when it holds the text with this slack, pt.
    logo_frame_slack: Number = Field(2.0, ge=0, le=72)
    # A block's zone reaches this far beyond its header's left, right and top edges, pt.
    zone_margin: Number = Field(2.0, ge=0, le=72)
    # A gutter still lies left (right) of a header when it overlaps the header's edge by this, pt.
    gutter_overlap: Number = Field(2.0, ge=0, le=72)
    # Words whose bottom lies this far below the top of the first column header still count as
    # above the columns (title and subtitle candidates), pt.
    above_columns_slack: Number = Field(2.0, ge=0, le=72)
    # The band's area reaches this far beyond its header bar's sides, above its header's bottom
    # and below its last line, pt.
    band_margin: Number = Field(2.0, ge=0, le=72)
    # A thin rule marks band items when it sticks out of the band's area by at most this, pt.
    band_rule_slack: Number = Field(2.0, ge=0, le=72)
    # A word belongs to the band cell of a rule when its middle lies within the rule's height and
    # it starts right of the rule, both with this slack, pt.
    rule_cell_slack: Number = Field(2.0, ge=0, le=72)
    # Without rules, a band segment continues the item above it when the gap between them is at
    # most the row gap plus this, pt ...
    band_chain_slack: Number = Field(1.0, ge=0, le=72)
    # ... and its left edge lies within this many font sizes of the item's.
    band_chain_align_ratio: Number = Field(1.0, ge=0, le=10)
    # Minimum width of an empty vertical strip (gutter) between two columns, pt.
    column_gutter_min: Number = Field(4.0, ge=0, le=72)
    # Words within this fraction of the title size belong to the title.
    title_size_tolerance: Number = Field(0.08, ge=0, le=1)
    # The title must be at least this many times the body text size (designs shrink long titles
    # to fit: 14 pt over 10.5 pt body seen in round trips).
    title_min_ratio: Number = Field(1.2, ge=1, le=10)
    # A subtitle is larger than body text by this ratio, or set in an italic font.
    subtitle_min_ratio: Number = Field(1.12, ge=1, le=10)
    # Vertical gap (in line heights) that ends a title, subtitle, SDG item or band.
    block_gap_ratio: Number = Field(2.2, gt=0, le=20)
    # Vertical gap (in font sizes) that ends a column's content (logos, footers further down).
    block_end_gap_ratio: Number = Field(3.5, gt=0, le=50)
    # Gap (in line heights) between two rows of band items.
    band_row_gap_ratio: Number = Field(1.3, gt=0, le=20)
    # Thin vertical rules that mark band items: at most this wide, pt.
    rule_max_width: Number = Field(3.0, ge=0, le=72)
    # Printed SDG target codes: goal 1-17, a number or letter target.
    # The code may carry trailing punctuation ("10.7:", "10.7 –" is two words) which is not kept.
    sdg_code_pattern: Regex = Field(r"^(?:1[0-7]|[1-9])\.(?:[1-9][0-9]?|[a-j])(?=[:.,;–—-]?$)")
    # A label word belongs to the lowest SDG code whose top and left edge are at most this far
    # below and right of the word's, pt.
    sdg_label_slack: Number = Field(2.0, ge=0, le=72)
    pill_max_height_ratio: Number = Field(8.0, ge=0, le=50)  # a box with one code, this tall at most: its pill
    # A lone number this many code sizes left of a code, on its level, is the goal's badge.
    badge_reach_ratio: Number = Field(4.0, ge=0, le=50)
    # Words that may precede a code on its line ("ODD 10.7", "SDG 10.7"), compared after folding.
    sdg_code_prefixes: Phrases = Field(("ODD", "SDG", "ODS", "CIBLE", "TARGET", "CIBLE ODD", "SDG TARGET"))
    # Running headers, footers and funder lines, compared after folding (prefix match).
    furniture: Phrases = Field(
        (
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
    )
    # Logos: text framed by a box no wider than this share of the page, no taller than this many
    # text heights, lying in the top or bottom band (share of page height) of the page.
    logo_box_max_width_ratio: Number = Field(0.3, ge=0, le=1)
    logo_box_max_lines: Number = Field(4.0, ge=0, le=50)
    logo_band_ratio: Number = Field(0.15, ge=0, le=0.5)
    logo_max_words: Count = Field(3, ge=1, le=50)  # ... holding this many words at most (a logo's name)
    # Margin bands (share of page height) where lone numbers are page numbers.
    page_number_margin_ratio: Number = Field(0.08, ge=0, le=0.5)
    # Panels bound the regions they do not hold; a headerless one inside a column's region is an aside.
    panel_min_size_ratio: Number = Field(5.0, ge=0, le=100)  # a drawn box this many body sizes both ways
    panel_max_page_share: Number = Field(0.9, ge=0, le=1)  # ... under this share of the page both ways
    aside_max_region_share: Number = Field(0.6, ge=0, le=1)  # an aside: narrower than this share of it
    marker_reach_ratio: Number = Field(2.5, ge=0, le=20)  # a lone marker joins the text this many sizes right
    furniture_position_tolerance: Number = Field(6.0, gt=0, le=72)  # learnt furniture: text at one place, pt
    furniture_band_ratio: Number = Field(0.07, ge=0, le=0.5)  # ... in this outer band of the page, no SDG code
    furniture_repeat_min_share: Number = Field(0.5, gt=0, le=1)  # ... on this share of the pages sampled
    furniture_repeat_min_pages: Count = Field(3, ge=2, le=1000)  # ... and on this many of them
    document_sample_pages: Count = Field(12, ge=0, le=1000)  # the first pages of a file it is learnt from
    rotated_height_ratio: Number = Field(1.6, gt=1, le=50)  # a word this many sizes tall is set sideways
    strip_min_glyphs: Count = Field(4, ge=2, le=100)  # ... and so is a column of this many short words
    strip_pitch_ratio: Number = Field(1.1, gt=0, le=10)  # ... each this many sizes below the last, at most
    coverage_warn_below: Number = Field(0.9, ge=0, le=1)  # self-check: below this share, warn with the text
    coverage_quote_chars: Count = Field(80, ge=0, le=10000)  # ... left out, quoted up to this many characters


class SegmentSettings(_Section):
    """Rules that turn a block's lines into text and list items."""

    # Lone glyphs that start a list item (private-use glyphs are bullets anyway, see segment.py).
    bullet_glyphs: Phrases = Field(
        ("•", "▪", "■", "●", "◦", "‣", "▸", "►", "–", "—", "-", "*", "○", "□", "➢", "✓", "✔")
    )
    # Item numbers that act as bullets when alone at a line start ("1.", "2)", "a)", "iv.").
    numbering_pattern: Regex = Field(r"^\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)]$")
    # Fonts whose glyphs carry no Unicode meaning: any lone glyph at a line start is a bullet.
    symbol_fonts: Phrases = Field(("Symbol", "Wingdings", "ZapfDingbats", "Dingbats", "Webdings"))
    # A line starting this far (in font sizes) left of the block's text edge is a hanging-indent item.
    hanging_indent_ratio: Number = Field(0.6, ge=0, le=10)
    # A bullet starts an item when it lies at most this far right of the block's leftmost bullet
    # (a deeper bullet is a sub-item, kept inside its item), pt.
    bullet_align_slack: Number = Field(2.0, ge=0, le=72)
    # Vertical gap (in line heights) that separates paragraphs or unbulleted items.
    paragraph_gap_ratio: Number = Field(1.45, gt=0, le=20)
    # Stripped from the end of list items.
    item_end_punctuation: Phrases = Field((";", ",", ".", ":"))
    # A hyphen at a line end stays when the part before it is one of these (compounds). Only
    # prefixes that are words of their own: short syllables (co, pré, inter…) are too often
    # ordinary hyphenation breaks (« co-ordination », « pre-nantes »).
    compound_prefixes: Phrases = Field(
        (
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
    )


class MatchSettings(_Section):
    """Fuzzy matching of printed values to canonical lists (see normalise.py).

    Scores are rapidfuzz 0-100 on folded text (`catalog.fold`). Every threshold below was
    measured on the 23 distinct printed SDG labels and the recommendation titles of the
    sample brochure (tests/fixtures/actions-ciblees-fr.truth.json); the tables are in
    src/extract/data/SOURCE.md, "Matching measurements".
    """

    # SDG labels: fuzz.token_set_ratio, stop words removed, against official fr+en titles
    # (+ brochure short labels). Rank-1 for 23/23 labels from official titles alone
    # (ratio 8/23, partial_ratio 19/23, WRatio 2/23, token_sort_ratio 7/23).
    sdg_use_aliases: Flag = Field(True)
    # Printed code kept as `exact` when its own target scores at least this: lowest score of
    # a true target was 68.8 (4.a, official titles only); of 460 lorem ipsum / random
    # strings only 3 reached 55, all sharing "weather" with 2.4 (max 66.7).
    sdg_exact_min: Number = Field(60.0, ge=0, le=100)
    # Replacing the printed code needs the label's best target to score at least this:
    # the three wrong printed codes of the sample score 75.8 (17.8->17.18), 90.1, 100;
    # random strings of SDG vocabulary that clear `sdg_margin` top out at 70.6.
    sdg_correct_min: Number = Field(72.0, ge=0, le=100)
    # ... and to lead the runner-up and the printed code by this: smallest lead of a true
    # target over the best wrong one was 9.6 (5.c over 10.4, official titles only).
    sdg_margin: Number = Field(8.0, ge=0, le=100)
    # Recommendations: max(fuzz.ratio, fuzz.token_sort_ratio) over all known titles and
    # variants. On 157 perturbed titles (typos, dropped word, reversed order, leave-one-out
    # variants) the lowest true score was 67.4 (5th percentile 82.8); all 372 SDG goal and
    # target titles (fr, en) top out at 66.7 ("Éducation de qualité" vs education).
    recommendation_match_min: Number = Field(72.0, ge=0, le=100)
    # Lead over the second-best id: smallest lead of the true id was 17.7.
    recommendation_margin: Number = Field(10.0, ge=0, le=100)
    # Action fields searched for gazetteer cities and country names, in this order. The
    # sample truth names cities found only in activities/results (Oujda, Larache):
    # title+subtitle+objective agree on 13/15 pages, all five fields on 15/15.
    city_fields: tuple[ActionField, ...] = Field(("title", "subtitle", "objective", "activities", "results"))
    # Alternatives listed per review-queue row.
    review_candidates: Count = Field(3, ge=1, le=20)


class RunSettings(_Section):
    """Limits of one file's extraction in its worker process."""

    file_timeout_s: Number = Field(120.0, gt=0, le=86400)  # a worker that finishes no page for this long is killed
    file_memory_mb: Count = Field(2048, ge=0, le=1 << 20)  # address-space limit per worker process (0: no limit)
    workers: Count = Field(0, ge=0, le=1024)  # worker processes (0: one per CPU core)
    # A long file is split into page ranges, one per worker, each at least this many pages
    # (a range costs one more open of the file: ~0.1 s with pdfplumber). 0: never split.
    split_min_pages: Count = Field(40, ge=0, le=1_000_000)


class AssembleSettings(_Section):
    """How page regions become actions: a page holding several, an action over several pages."""

    max_pages_per_action: Count = Field(3, ge=1, le=100)  # longer: a continuation is reported, not attached
    # A continuation's first line has its open block's face: same font, size within this (pt),
    continuation_size_tolerance: Number = Field(0.6, ge=0, le=72)
    continuation_indent_ratio: Number = Field(2.5, ge=0, le=50)  # left edge within this many font sizes
    continuation_face_min_share: Number = Field(0.9, ge=0, le=1)  # share of its text in the block's text face


class Settings(_Section):
    """All settings. `Settings()` gives the documented defaults."""

    read: ReadSettings = Field(default_factory=ReadSettings)
    headers: HeaderWords = Field(default_factory=HeaderWords)
    layout: LayoutSettings = Field(default_factory=LayoutSettings)
    segment: SegmentSettings = Field(default_factory=SegmentSettings)
    match: MatchSettings = Field(default_factory=MatchSettings)
    run: RunSettings = Field(default_factory=RunSettings)
    assemble: AssembleSettings = Field(default_factory=AssembleSettings)

    @classmethod
    def load(cls, source: Settings | dict[str, Any] | str | Path | None = None) -> Settings:
        """Build settings from None (defaults), a dict, a TOML file path or an instance."""
        if source is None:
            return cls()
        if isinstance(source, Settings):
            return source
        if isinstance(source, (str, Path)):
            return cls.from_dict(read_toml(Path(source)), origin=str(source))
        return cls.from_dict(source)

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "settings") -> Settings:
        """Validate a dict of sections (as read from TOML); a bad value raises `SettingsError`.

        Validated as JSON, where strict mode still takes arrays for tuples and ints for floats."""
        try:
            return cls.model_validate_json(json.dumps(data, default=_as_json))
        except ValidationError as exc:
            errors = exc.errors()
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise SettingsError(f"{origin}: {describe_error(errors[0], cls)}{more}") from None

    def fingerprint(self) -> str:
        """A short stable hash of every value (cache keys, provenance)."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _as_json(value: Any) -> Any:
    """A settings section given as a model, or a TOML date (rejected by its field, quoted)."""
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else str(value)


DEFAULT_SETTINGS = Settings()
