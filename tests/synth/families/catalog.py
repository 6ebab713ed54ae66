"""The design families: named looks, each rendered as one French and one English file
(an intro page, then every family record of that language).

| family | what it exercises |
|---|---|
| stacked | full-width objective, two list columns, ruled SDG table (goal tiles above) at the foot,
  numbered recommendations in a narrow right-hand column with partner boxes below them, grey
  sidebar beside the objective, "1)"/"a)" numbering, markers after text, word-by-word stream |
| landscape_boxes | boxed numbered recommendations in a grid with partner logo boxes beside them,
  SDG sidebar with goal tiles and "Cible/Target 16.6" codes, icons, small caps, no accents |
| foot_pills | rotated side strip, justified hyphenated text, SDG pills and goal tiles in a row at
  the foot, bulleted recommendations with partner boxes beside, small caps of two sizes |
| side_headings | headers in a narrow left column beside their content, ruled rows, SDG codes
  with labels on one line or in a table, listed or boxed recommendations, partner boxes row |
| web_stacked | the stacked arrangement written as HTML and printed by headless Chromium: CSS
  small caps, a real table, native list markers, boxed recommendations, rotated strip |
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..designs import FONT_FAMILIES
from .look import DRAW_MODES, HEADER_ICONS, MARKERS, REC_STYLES, SDG_CODE_STYLES, SDG_STYLES, Look

LANGUAGES = ("fr", "en")

FAMILY_LOOKS: dict[str, tuple[Look, ...]] = {
    "stacked": (
        Look(
            name="stacked_ticks",
            arrangement="stacked",
            activity_marker="✓",
            result_marker="a)",
            markers_after_text=True,
            goal_tiles=True,
        ),
        Look(
            name="stacked_sidebar",
            arrangement="stacked",
            grey_sidebar=True,
            partners=True,
            header_variant=1,
            header_case="upper",
            header_icon="glyph",
            activity_marker="►",
            result_marker="1)",
            markers_after_text=True,
            item_suffix=";",
            draw_mode="word",
            sdg_code_style="target",
            accent=(90, 60, 140),
            font_family="DejaVuSerif",
        ),
    ),
    "landscape_boxes": (
        Look(
            name="boxes_partners",
            arrangement="landscape_boxes",
            orientation="L",
            margin=30.0,
            partners=True,
            recommendation_style="boxed",
            sdg_style="stacked",
            sdg_code_style="target",
            goal_tiles=True,
            header_icon="glyph",
            header_case="upper",
            header_accents=False,
            activity_marker="•",
            result_marker="1.",
            accent=(160, 30, 60),
        ),
        Look(
            name="boxes_smallcaps",
            arrangement="landscape_boxes",
            orientation="L",
            margin=30.0,
            partners=True,
            recommendation_style="boxed",
            sdg_style="stacked",
            sdg_code_style="goal",
            goal_tiles=True,
            header_variant=1,
            header_case="smallcaps_font",
            header_icon="shape",
            activity_marker="➢",
            result_marker="i.",
            markers_after_text=True,
            item_suffix="",
            last_item_suffix="",
            draw_mode="word",
            font_family="DejaVuSansCondensed",
            accent=(40, 120, 70),
        ),
    ),
    "foot_pills": (
        Look(
            name="pills_strip",
            arrangement="foot_pills",
            partners=True,
            side_strip=True,
            sdg_style="pills",
            sdg_code_style="goal",
            goal_tiles=True,
            recommendation_marker="➢",
            header_case="smallcaps_sized",
            activity_marker="a)",
            result_marker="✔",
            justify=True,
            hyphenate=True,
            font_family="DejaVuSerif",
            accent=(0, 84, 140),
        ),
        Look(
            name="pills_numbered",
            arrangement="foot_pills",
            side_strip=True,
            sdg_style="pills",
            sdg_code_style="bare",
            recommendation_marker="►",
            header_variant=1,
            header_case="smallcaps_font",
            header_icon="glyph",
            header_accents=False,
            activity_marker="1.",
            result_marker="i.",
            markers_after_text=True,
            justify=True,
            hyphenate=True,
            draw_mode="word",
            item_suffix=";",
            last_item_suffix=";",
            accent=(20, 110, 150),
        ),
    ),
    "side_headings": (
        Look(
            name="side_rules",
            arrangement="side_headings",
            sdg_style="lines",
            header_case="upper",
            sdg_code_style="goal",
            activity_marker="–",
            result_marker="✔",
            recommendation_marker="•",
            partners=True,
            justify=True,
            hyphenate=True,
            accent=(0, 94, 130),
        ),
        Look(
            name="side_smallcaps",
            arrangement="side_headings",
            sdg_style="table",
            recommendation_style="boxed",
            partners=True,
            header_variant=1,
            header_case="smallcaps_font",
            header_icon="glyph",
            sdg_code_style="bare",
            activity_marker="i.",
            result_marker="1.",
            recommendation_marker="➢",
            markers_after_text=True,
            draw_mode="word",
            item_suffix=" ;",
            last_item_suffix="",
            font_family="DejaVuSerif",
            accent=(120, 70, 20),
        ),
    ),
    "web_stacked": (
        Look(
            name="web_table",
            arrangement="web_stacked",
            renderer="chromium",
            header_case="css_smallcaps",
            grey_sidebar=True,
            partners=True,
            side_strip=True,
            activity_marker="✔",
            result_marker="1)",
            recommendation_marker="1.",
            sdg_code_style="target",
            justify=True,
        ),
        Look(
            name="web_pills",
            arrangement="web_stacked",
            renderer="chromium",
            header_variant=1,
            header_icon="glyph",
            sdg_style="pills",
            sdg_code_style="goal",
            goal_tiles=True,
            activity_marker="►",
            result_marker="a)",
            recommendation_style="boxed",
            partners=True,
            item_suffix=";",
            last_item_suffix=".",
            accent=(160, 30, 60),
        ),
    ),
}


def family_looks() -> dict[str, tuple[Look, ...]]:
    """Family name -> its named looks."""
    return FAMILY_LOOKS


def looks_by_name() -> dict[str, Look]:
    return {look.name: look for looks in FAMILY_LOOKS.values() for look in looks}


def family_of(look_name: str) -> str:
    return next(family for family, looks in FAMILY_LOOKS.items() if any(lk.name == look_name for lk in looks))


FPDF_ARRANGEMENTS = ("stacked", "landscape_boxes", "foot_pills", "side_headings")
FPDF_HEADER_CASES = ("as_typed", "upper", "smallcaps_font", "smallcaps_sized")
ACCENTS = ((0, 94, 130), (90, 60, 140), (160, 30, 60), (40, 120, 70), (120, 70, 20))


@st.composite
def looks(draw) -> Look:
    """Any fpdf2 family look (name "random"): every option drawn independently."""
    arrangement = draw(st.sampled_from(FPDF_ARRANGEMENTS))
    markers = st.sampled_from(MARKERS)
    return Look(
        name="random",
        arrangement=arrangement,
        orientation="L" if arrangement == "landscape_boxes" else "P",
        margin=draw(st.sampled_from((30.0, 36.0))),
        font_family=draw(st.sampled_from(FONT_FAMILIES)),
        body_size=draw(st.sampled_from((8.0, 8.5, 9.0))),
        accent=draw(st.sampled_from(ACCENTS)),
        header_variant=draw(st.sampled_from((0, 1))),
        header_case=draw(st.sampled_from(FPDF_HEADER_CASES)),
        header_icon=draw(st.sampled_from(HEADER_ICONS)),
        header_accents=draw(st.booleans()),
        activity_marker=draw(markers),
        result_marker=draw(markers),
        recommendation_marker=draw(markers),
        markers_after_text=draw(st.booleans()),
        item_suffix=draw(st.sampled_from((" ;", ";", ""))),
        last_item_suffix=draw(st.sampled_from((".", ";", ""))),
        justify=draw(st.booleans()),
        hyphenate=draw(st.booleans()),
        draw_mode=draw(st.sampled_from(DRAW_MODES)),
        sdg_style=draw(st.sampled_from(SDG_STYLES)),
        sdg_code_style=draw(st.sampled_from(SDG_CODE_STYLES)),
        goal_tiles=draw(st.booleans()),
        recommendation_style=draw(st.sampled_from(REC_STYLES)),
        partners=draw(st.booleans()),
        grey_sidebar=arrangement != "landscape_boxes" and draw(st.booleans()),  # its objective column is narrow
        side_strip=draw(st.booleans()),
    )
