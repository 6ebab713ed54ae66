"""Sanity tests of the synthetic brochure generator (tests/synth) — not of the extractor.

Every named design must render a PDF that pdfplumber opens, with the title words,
header words and bullet glyphs found by `extract_words()`, in the right orientation,
without overlapping regions; records must obey their own rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.synth import (
    BULLET_SYMBOL,
    BULLET_ZAPF,
    BULLETS,
    FIXED_RECORDS,
    LayoutError,
    action_records,
    bullet_text,
    check_record,
    designs,
    expected_fields,
    fits,
    header_words,
    named_designs,
    normalise_item,
    render_page_boxes,
    render_pdf,
)
from tests.synth.designs import FONT_FILES, MAX_BODY_SIZE, font_path
from tests.synth.records import RECOMMENDATIONS, ActionRecord
from tests.synth.render import SOFT_HYPHEN, hyphenate_text, hyphenate_word

NAMED = named_designs()
PAGE_RECORDS = ("acmals_fr", "welcoming_en")  # one French, one English page per design
LAYOUT_REGIONS = ("sdg", "objective", "activities", "results", "band")
EPSILON = 0.01


@cache
def rendered(design_name: str, directory: Path) -> Path:
    """The two-page PDF (French then English record) of a named design, rendered once."""
    pages = [(FIXED_RECORDS[name], NAMED[design_name]) for name in PAGE_RECORDS]
    return render_pdf(directory / f"{design_name}.pdf", pages)


@dataclass(frozen=True)
class PageData:
    """What the tests read from one rendered page (parsed once per session)."""

    width: float
    height: float
    words: list[dict]
    chars: list[dict]


@cache
def parsed(design_name: str, directory: Path) -> list[PageData]:
    with pdfplumber.open(rendered(design_name, directory)) as pdf:
        return [
            PageData(
                page.width,
                page.height,
                page.extract_words(extra_attrs=["fontname", "size"]),
                [{"text": c["text"], "fontname": c["fontname"]} for c in page.chars],
            )
            for page in pdf.pages
        ]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("synth")


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > EPSILON and min(a[3], b[3]) - max(a[1], b[1]) > EPSILON


# --------------------------------------------------------------------------- catalogue


def test_catalogue_covers_the_required_variations():
    designs_ = list(NAMED.values())
    assert len(designs_) >= 8

    def values(attribute):
        return {getattr(design, attribute) for design in designs_}

    assert values("orientation") == {"P", "L"}
    assert values("page_format") == {"A4", "Letter"}
    assert values("sdg_position") == {"left", "right", "top"}
    assert values("header_style") == {"bar", "bold"}
    assert values("headers_first") == {True, False}
    assert values("justify") == {True, False}
    assert values("hyphenate") == {True, False}
    assert values("accented_headers") == {True, False}
    assert values("bullet") == set(BULLETS)
    assert len(values("font_family")) >= 2
    assert len(values("column_fractions")) >= 2 and len(values("column_gap")) >= 2
    assert {False} <= values("running_header") and {False} <= values("logos")
    assert min(values("title_width")) < 1.0
    assert values("band_rules") == {True, False}


def test_fonts_are_on_disk():
    for family, styles in FONT_FILES.items():
        for style in styles:
            assert font_path(family, style).stat().st_size > 10_000


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_design_renders_title_headers_and_bullets(name, out_dir):
    design = NAMED[name]
    pages = parsed(name, out_dir)
    assert len(pages) == len(PAGE_RECORDS)
    for page, record_name in zip(pages, PAGE_RECORDS):
        record = FIXED_RECORDS[record_name]
        texts = {word["text"] for word in page.words}
        for word in record.title.split():
            assert word in texts, (record_name, word)
        for header in header_words(design, record.language).values():
            for word in header.split():
                assert word in texts, (record_name, header)
        bullets = [w for w in page.words if w["text"] == bullet_text(design)]
        assert len(bullets) == len(record.activities) + len(record.results)
        assert (page.width > page.height) == design.landscape
        expected_size = {"A4": (595, 842), "Letter": (612, 792)}[design.page_format]
        assert sorted((round(page.width), round(page.height))) == sorted(expected_size)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_title_is_the_largest_font(name, out_dir):
    for page, record_name in zip(parsed(name, out_dir), PAGE_RECORDS):
        title_words = set(FIXED_RECORDS[record_name].title.split())
        title_size = min(w["size"] for w in page.words if w["text"] in title_words)
        others = [w["size"] for w in page.words if w["text"] not in title_words]
        assert title_size > max(others)


@pytest.mark.parametrize("bullet, fontname, text", [(BULLET_ZAPF, "ZapfDingbats", "l"), (BULLET_SYMBOL, "Symbol", "•")])
def test_symbol_font_bullet_carries_the_symbol_font_name(bullet, fontname, text, out_dir):
    name = next(n for n, d in NAMED.items() if d.bullet == bullet)
    chars = [c for c in parsed(name, out_dir)[0].chars if c["fontname"] == fontname]
    record = FIXED_RECORDS[PAGE_RECORDS[0]]
    assert len(chars) == len(record.activities) + len(record.results)
    assert {c["text"] for c in chars} == {text}


def _stream_position(chars: list[dict], text: str) -> int:
    """Index, in content-stream order, of the first occurrence of `text`."""
    return "".join(c["text"] for c in chars).index(text)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_headers_drawn_before_or_after_text(name, out_dir):
    design = NAMED[name]
    chars = parsed(name, out_dir)[0].chars
    header = _stream_position(chars, header_words(design, "fr")["activities"])
    first_item = _stream_position(chars, FIXED_RECORDS[PAGE_RECORDS[0]].activities[0].split()[0])
    assert (header < first_item) == design.headers_first


def test_wrapped_title_takes_two_lines(out_dir):
    name = next(n for n, d in NAMED.items() if d.title_width < 0.5)
    title = FIXED_RECORDS[PAGE_RECORDS[1]].title.split()
    tops = {round(w["top"]) for w in parsed(name, out_dir)[1].words if w["text"] in title}
    assert len(tops) == 2


def test_hyphenated_design_breaks_a_word_with_a_hyphen(out_dir):
    name = next(n for n, d in NAMED.items() if d.hyphenate and not d.landscape)
    record = FIXED_RECORDS[PAGE_RECORDS[0]]
    boxes = render_page_boxes(record, NAMED[name])
    joined = []
    with pdfplumber.open(rendered(name, out_dir)) as pdf:
        for key in ("objective", "activities", "results"):
            lines = pdf.pages[0].crop(boxes[key]).extract_text().splitlines()
            assert all(SOFT_HYPHEN not in line for line in lines)
            joined += [
                a.split()[-1][:-1] + b.split()[0] for a, b in zip(lines, lines[1:]) if a.endswith("-") and b.split()
            ]
    record_words = {w for text in (record.objective, *record.activities, *record.results) for w in text.split()}
    assert joined and all(word.rstrip(";.,") in record_words for word in joined), joined


def test_every_record_word_is_printed_on_plain_designs(out_dir):
    """Without hyphenation every record word is an extracted word (maybe + terminator)."""
    for name, design in NAMED.items():
        if design.hyphenate:
            continue
        for page, record_name in zip(parsed(name, out_dir), PAGE_RECORDS):
            fields = expected_fields(FIXED_RECORDS[record_name])
            texts = {w["text"] for w in page.words}
            for text in (
                fields["objective"],
                *fields["activities"],
                *fields["results"],
                *fields["sdg_printed_labels"],
                *fields["recommendations_printed"],
            ):
                for word in text.split():
                    assert {word, word + ";", word + "."} & texts, (name, word)
            for code in fields["sdg_printed_codes"]:
                assert code in texts


def test_one_pdf_mixes_page_formats(tmp_path):
    mixed = [
        (FIXED_RECORDS["minimal_en"], NAMED["brochure_like"]),
        (FIXED_RECORDS["minimal_en"], NAMED["symbol_bullets_landscape"]),
    ]
    with pdfplumber.open(render_pdf(tmp_path / "mixed.pdf", mixed)) as pdf:
        sizes = [(round(page.width), round(page.height)) for page in pdf.pages]
    assert sizes == [(595, 842), (792, 612)]


def test_design_rejects_unknown_options():
    with pytest.raises(ValueError):
        replace(NAMED["brochure_like"], bullet="*")
    with pytest.raises(ValueError):
        replace(NAMED["brochure_like"], body_size=14.0)


# --------------------------------------------------------------------------- layout


def _assert_sane_boxes(boxes: dict, design) -> None:
    width, height = design.page_size
    regions = [boxes[key] for key in LAYOUT_REGIONS if key in boxes]
    for x0, top, x1, bottom in regions + [boxes["title"]]:
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    for i, a in enumerate(regions):
        for b in regions[i + 1 :]:
            assert not _overlap(a, b), (design.name, a, b)
    body_size, title_size, *_ = boxes["_sizes"]
    assert body_size <= design.body_size and title_size > MAX_BODY_SIZE


@pytest.mark.parametrize("name", sorted(NAMED))
def test_fixed_records_do_not_overlap_in_named_designs(name):
    design = NAMED[name]
    for record in FIXED_RECORDS.values():
        try:
            boxes = render_page_boxes(record, design)
        except LayoutError:
            assert not fits(record, design)
            continue
        _assert_sane_boxes(boxes, design)


def test_most_fixed_records_fit_every_named_design():
    misfits = [(r.name, d.name) for d in NAMED.values() for r in FIXED_RECORDS.values() if not fits(r, d)]
    assert len(misfits) <= 2, misfits


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=action_records(), design=designs())
def test_random_pairs_lay_out_without_overlap(record, design):
    assume(fits(record, design))
    _assert_sane_boxes(render_page_boxes(record, design), design)


# --------------------------------------------------------------------------- records


def test_fixed_records_are_clean():
    assert len(FIXED_RECORDS) >= 3
    assert {r.language for r in FIXED_RECORDS.values()} == {"fr", "en"}
    for record in FIXED_RECORDS.values():
        assert check_record(record) == [], record.name


@settings(max_examples=40, deadline=None)
@given(record=action_records())
def test_random_records_obey_the_rules(record):
    assert check_record(record) == []
    fields = expected_fields(record)
    for item in (*fields["activities"], *fields["results"]):
        assert normalise_item(item) == item
    canonical = RECOMMENDATIONS[record.language]
    assert set(fields["recommendations_printed"]) <= set(canonical)
    codes = fields["sdg_printed_codes"]
    assert len(codes) == len(set(codes))


def test_check_record_flags_header_words_and_terminators():
    record = FIXED_RECORDS["minimal_en"]
    bad = ActionRecord(**{**record.__dict__, "activities": ("Organise the activities",), "results": ("Done ;",)})
    problems = check_record(bad)
    assert any("activities" in p for p in problems)
    assert any("terminator" in p for p in problems)


def test_expected_fields_fold_whitespace():
    fields = expected_fields(FIXED_RECORDS["vivre_ensemble_fr"])
    assert "« pour tous »" in fields["objective"]
    assert fields["title"].startswith("ÉRIGER LE VIVRE-ENSEMBLE")
    assert set(fields) == {
        "language",
        "title",
        "subtitle",
        "objective",
        "activities",
        "results",
        "sdg_printed_codes",
        "sdg_printed_labels",
        "recommendations_printed",
    }
    assert normalise_item("Former 40 agents ;") == "Former 40 agents"


@given(st.text(alphabet="abcdefghéèô’- ", max_size=40))
def test_hyphenation_only_adds_soft_hyphens(text):
    assert hyphenate_text(text).replace(SOFT_HYPHEN, "") == text


def test_hyphenate_word_keeps_fragments_long_enough():
    assert hyphenate_word("sensibilisation").split(SOFT_HYPHEN) == ["sensi", "bili", "sation"]
    assert hyphenate_word("ACTIVITES") == "ACTIVITES"
    assert hyphenate_word("court") == "court"
