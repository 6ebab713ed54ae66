"""Stages split, fragment and assemble (issue 15) on their own: bands of a page, merging the
fields of an action's pieces, why a continuation cannot attach, ids of several actions a page."""

from __future__ import annotations

import pytest

from extract.geometry import words_to_segments
from extract.settings import AssembleSettings, Settings
from extract.stages.assemble import NO_RECOMMENDATIONS, NO_SDG, Pending, attach_problem, merge_fields
from extract.stages.fragment import Face, OpenBlock, Piece, same_face
from extract.stages.layout import find_headers, learn_document
from extract.stages.read import PageContent, pdf_to_pages
from extract.stages.segment import ActionFields
from extract.stages.split import band_page, band_words, split_page
from extract.stages.validate import action_id
from tests.helpers import SAMPLE_PDF


def fields(**values) -> ActionFields:
    base = dict(
        language="fr",
        title="",
        subtitle=None,
        objective="",
        activities=(),
        results=(),
        sdg_targets=(),
        recommendations=(),
        warnings=(),
        coverage=1.0,
    )
    return ActionFields(**{**base, **values})


def piece(page: int, kinds=(), **kw) -> Piece:
    return Piece(page, 1, kw.pop("f", fields()), kinds=frozenset(kinds), **kw)


FIRST = piece(
    4,
    ("objective", "activities"),
    titled=True,
    f=fields(
        title="T",
        objective="Début de l’objectif",
        activities=("Un", "Deux qui se"),
        warnings=(NO_SDG, NO_RECOMMENDATIONS),
        coverage=0.95,
    ),
)


def test_merge_joins_lists_and_answers_missing_block_warnings():
    second = piece(
        5,
        ("results", "sdg", "recommendations"),
        lead_kind="activities",
        continues_item=True,
        f=fields(
            activities=("poursuit", "Trois"),
            results=("R",),
            sdg_targets=(("16.6", "x"),),
            recommendations=("Accès",),
            coverage=0.9,
        ),
    )
    merged = merge_fields([FIRST, second])
    assert merged.title == "T" and merged.objective == "Début de l’objectif"
    assert merged.activities == ("Un", "Deux qui se poursuit", "Trois")
    assert merged.results == ("R",) and merged.sdg_targets == (("16.6", "x"),)
    assert merged.warnings == () and merged.coverage == 0.9


def test_merge_keeps_an_item_boundary_and_says_what_no_page_holds():
    second = piece(5, ("results",), lead_kind="activities", f=fields(activities=("Trois",), results=("R",)))
    merged = merge_fields([FIRST, second])
    assert merged.activities == ("Un", "Deux qui se", "Trois")
    assert merged.warnings == (NO_SDG, NO_RECOMMENDATIONS)


def test_a_lone_piece_is_the_layout_stage_result_untouched():
    assert merge_fields([FIRST]) == FIRST.fields


def test_merge_joins_objective_text_across_pages():
    second = piece(5, (), lead_kind="objective", f=fields(objective="et sa fin."))
    assert merge_fields([FIRST, second]).objective == "Début de l’objectif et sa fin."


@pytest.mark.parametrize(
    "pending, candidate, expected",
    [
        (None, piece(5, ("sdg",)), "no action before it"),
        (Pending((FIRST,)), piece(5, ("activities",)), "already has its activities blocks"),
        (Pending((FIRST,)), piece(5, (), stray_lead=True, f=None), "continue no open block"),
        (Pending((FIRST, piece(5, ("results",)))), piece(6, ("sdg",)), "already spans 2 pages"),
        (Pending((FIRST,)), piece(5, ("results", "sdg")), None),
        (Pending((FIRST,)), piece(5, ("activities", "results"), lead_kind="activities"), None),
    ],
)
def test_attach_problem(pending, candidate, expected):
    settings = Settings.load({"assemble": {"max_pages_per_action": 2}})
    problem = attach_problem(pending, candidate, settings)
    assert (problem is None) if expected is None else (expected in problem)


def test_same_face_needs_font_size_and_left_edge():
    rules = AssembleSettings()
    face = Face("Serif", 8.5, 58.0)
    assert same_face(face, Face("Serif", 8.7, 60.0), rules)
    assert not same_face(face, Face("Sans", 8.5, 58.0), rules)
    assert not same_face(face, Face("Serif", 10.0, 58.0), rules)
    assert not same_face(face, Face("Serif", 8.5, 58.0 + 3 * rules.continuation_indent_ratio * 8.5), rules)
    assert OpenBlock("results", face).x1 == float("inf")


def test_ids_of_later_actions_on_a_page_get_a_suffix():
    assert action_id("a.pdf", 4) == action_id("a.pdf", 4, None, 1) == "a-p004"
    assert [action_id("a.pdf", 4, None, n) for n in (2, 3)] == ["a-p004-2", "a-p004-3"]
    assert action_id("a.pdf", 4, "stem-1f3a", 2) == "stem-1f3a-p004-2"


@pytest.fixture(scope="module")
def sample_pages() -> list[PageContent]:
    settings = Settings()
    return [p for p in pdf_to_pages(SAMPLE_PDF, settings.read) if isinstance(p, PageContent)]


def test_sample_pages_are_never_cut(sample_pages):
    """One action a page: each sample page is one band, the whole page (so it reads as before)."""
    settings = Settings()
    document = learn_document(sample_pages, settings.layout)
    for page in sample_pages:
        bands = split_page(page, settings, document)
        assert len(bands) == 1 and bands[0].page is page and not bands[0].lead


def test_a_whole_page_band_carries_the_splits_reading_of_the_page(sample_pages):
    """The one band of a page holds what the split read: the first pass's headers (what the layout
    stage finds), the content without furniture or header words; a band cut from a page holds none."""
    settings, layout = Settings(), Settings().layout
    document = learn_document(sample_pages, layout)
    for page in sample_pages:
        text = split_page(page, settings, document)[0].text
        segments = words_to_segments(page.words, layout.line_tolerance_ratio, layout.segment_gap_ratio)
        assert text is not None and text.reading.headers == tuple(
            find_headers(segments, page.boxes, settings, text.body)
        )
        header_words = {w for h in text.headers for w in h.line.words}
        assert set(text.reading.headers) <= set(text.headers) and not header_words & set(text.content)
        assert set(text.content) <= {w for s in text.reading.segments for w in s.words}
    assert _band(band_page(sample_pages[0], 0.0, 100.0)).text is None


def test_a_band_keeps_its_words_and_clips_boxes(sample_pages):
    page = max(sample_pages, key=lambda p: len(p.words))
    middle = page.height / 2
    top, bottom = band_page(page, 0.0, middle), band_page(page, middle, page.height)
    assert band_words([_band(top), _band(bottom)]) == len(page.words)
    assert all(b.bottom <= middle for b in top.boxes) and all(b.top >= middle for b in bottom.boxes)


def _band(page: PageContent):
    from extract.stages.split import Band

    return Band(page, 0.0, page.height)
