"""Issue 15 — actions that do not fit one page, on flowing documents of the design families
(tests/synth/families/flow.py): round trips per case and field, page rows, continuations that
cannot be attached. Expectations come from the records drawn, never from an extraction.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from extract.batch.sequence import FileContext, FileState, finish, step
from extract.settings import Settings
from extract.stages.assemble import MISSING_WARNINGS
from extract.stages.layout import learn_document
from extract.stages.read import PageContent, pdf_to_pages
from tests.synth.families.flow import FlowCase, flow_cases, render_flow
from tests.synth.score_flow import FLOW_FIELDS, CaseScore, format_table, score_case

MIN_SHARE = 0.99
_FIELD_OF = {
    w: {"sdg_targets": "sdg_printed_codes"}.get(f, "recommendations_printed") for w, f in MISSING_WARNINGS.items()
}
CASES = {case.case_id: case for case in flow_cases()}
_SCORES: dict[str, CaseScore] = {}


@pytest.fixture(scope="module")
def flow_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("flow")


@cache
def _rendered(case_id: str, folder: Path):
    return render_flow(CASES[case_id], folder / CASES[case_id].file_name)


def _pages(case_id: str, folder: Path) -> list[PageContent]:
    pdf, _ = _rendered(case_id, folder)
    return [p for p in pdf_to_pages(pdf, Settings().read) if isinstance(p, PageContent)]


def _run(pages: list[PageContent], settings: Settings | None = None, learn_from: list[PageContent] | None = None):
    """The file sequence over `pages` (as if they were a file): all page records and actions."""
    settings = settings or Settings()
    document = learn_document(learn_from or pages, settings.layout)
    ctx = FileContext("flow.pdf", "0" * 64, settings, None, document)
    state, records, actions = FileState(), [], []
    for page in pages:
        state, (more_records, more_actions) = step(state, page, ctx)
        records += more_records
        actions += more_actions
    last_records, last_actions = finish(state, ctx)
    return records + last_records, actions + last_actions


@pytest.mark.parametrize("case_id", list(CASES))
def test_flow_round_trip(case_id, flow_dir):
    score = score_case(CASES[case_id], flow_dir)
    _SCORES[case_id] = score
    low = {f: round(score.shares[f], 3) for f in FLOW_FIELDS if score.shares[f] < MIN_SHARE}
    assert not low, f"{case_id}: fields below {MIN_SHARE}: {low}"
    assert score.invented == 0 and score.missing == 0 and score.unattached == 0


def test_flow_table(flow_dir):
    """The per-case table (printed with `pytest -s`, or `python -m tests.synth.score_flow`)."""
    scores = [_SCORES.get(cid) or score_case(CASES[cid], flow_dir) for cid in CASES]
    print("\n" + format_table(scores))
    assert len(scores) == len(CASES) and all(s.actions > 0 for s in scores)


def _kinds(kind: str) -> list[str]:
    return [cid for cid, case in CASES.items() if case.kind == kind]


@pytest.mark.parametrize("case_id", _kinds("inside_activities")[:2] + _kinds("before_sdg")[:1])
def test_continuation_rows_name_their_action(case_id, flow_dir):
    pdf, drawn = _rendered(case_id, flow_dir)
    from extract.batch.pipeline import extract_file

    result = extract_file(pdf)
    by_page = {r.page: r for r in result.pages}
    ids = {a.source.page: a.id for a in result.actions}
    for action in drawn:
        first, *rest = action.pages
        assert by_page[first].status == "action" and by_page[first].action_id == ids[first]
        for page in rest:
            row = by_page[page]
            assert row.status == "continuation" and row.action_id == ids[first], row
            assert f"page {first}" in row.reason
    for action in drawn:  # "not found" warnings only for blocks no page holds
        got = next(a for a in result.actions if a.source.page == action.page)
        stale = [w for w in got.warnings if w in MISSING_WARNINGS and action.expected[_FIELD_OF[w]]]
        assert not stale, (got.id, stale)


@pytest.mark.parametrize("case_id", _kinds("3_per_page")[:2] + _kinds("2_per_page")[:1])
def test_several_actions_on_a_page_get_one_row_each(case_id, flow_dir):
    pdf, drawn = _rendered(case_id, flow_dir)
    from extract.batch.pipeline import extract_file

    result = extract_file(pdf)
    for action in drawn:
        rows = [r for r in result.pages if r.page == action.page and r.position == action.position]
        assert len(rows) == 1 and rows[0].status == "action"
        suffix = "" if action.position == 1 else f"-{action.position}"
        assert rows[0].action_id.endswith(f"-p{action.page:03d}{suffix}")
    ids = [a.id for a in result.actions]
    assert len(ids) == len(set(ids)) == len(drawn)
    assert not result.warnings  # several rows a page are not pages recovered from a damaged file


def test_a_file_starting_with_a_continuation_says_so(flow_dir):
    case_id = _kinds("inside_recommendations")[0]
    pages = _pages(case_id, flow_dir)
    _, drawn = _rendered(case_id, flow_dir)
    second = next(a for a in drawn if len(a.pages) > 1).pages[1]
    records, actions = _run(pages[second - 1 :], learn_from=pages)
    first = [r for r in records if r.page == second]
    assert len(first) == 1 and first[0].status == "skipped"
    assert "continuation not attached" in first[0].reason and "no action before it" in first[0].reason
    assert all(second not in a.source.pages for a in actions)


def test_a_continuation_beyond_the_page_limit_is_reported(flow_dir):
    case_id = _kinds("inside_recommendations")[0]
    pages = _pages(case_id, flow_dir)
    _, drawn = _rendered(case_id, flow_dir)
    limited = Settings.load({"assemble": {"max_pages_per_action": 1}})
    records, actions = _run(pages, limited)
    split = [a for a in drawn if len(a.pages) > 1]
    assert split
    for action in split:
        row = next(r for r in records if r.page == action.pages[1])
        assert row.status == "skipped" and "max_pages_per_action" in row.reason
        got = next(a for a in actions if a.source.page == action.page)
        assert got.source.pages == [action.page]
        assert any("continuation not attached" in w for w in got.warnings)


def test_blocks_the_action_already_has_are_not_attached(flow_dir):
    case_id = _kinds("before_sdg")[0]
    pages = _pages(case_id, flow_dir)
    _, drawn = _rendered(case_id, flow_dir)
    action = next(a for a in drawn if len(a.pages) > 1)
    first, second = (pages[p - 1] for p in action.pages)
    again = replace(second, number=second.number + 1)
    records, actions = _run([first, second, again], learn_from=pages)
    assert [a.source.pages for a in actions] == [[first.number, second.number]]
    row = next(r for r in records if r.page == again.number)
    assert row.status == "skipped" and "already has its" in row.reason
    assert any("continuation not attached" in w for w in actions[0].warnings)


def test_an_action_cut_by_the_file_end_says_so(flow_dir):
    case_id = _kinds("after_objective")[0]
    pages = _pages(case_id, flow_dir)
    _, drawn = _rendered(case_id, flow_dir)
    first = drawn[0].pages[0]
    records, actions = _run(pages[:first], learn_from=pages)
    row = next(r for r in records if r.page == first)
    assert not actions and row.status == "skipped" and "file ends" in row.reason


def test_running_furniture_is_never_an_action(flow_dir):
    for case_id in (_kinds("after_objective")[0], _kinds("3_per_page")[0]):
        pdf, drawn = _rendered(case_id, flow_dir)
        from extract.batch.pipeline import extract_file

        result = extract_file(pdf)
        assert len(result.actions) == len(drawn)
        assert {r.status for r in result.pages if r.page == 1} == {"skipped"}  # the intro page


def test_flow_cases_cover_every_break_and_per_page():
    kinds = {case.kind for case in CASES.values()}
    assert kinds == {
        "after_objective",
        "inside_activities",
        "before_sdg",
        "inside_recommendations",
        "continuous",
        "2_per_page",
        "3_per_page",
    }
    arrangements = {case.look.arrangement for case in CASES.values()}
    assert arrangements >= {"stacked", "landscape_boxes", "foot_pills", "side_headings"}
    assert isinstance(next(iter(CASES.values())), FlowCase)


def test_a_lead_continues_only_a_block_in_its_own_face(flow_dir):
    """The continuation page of an action cut inside its recommendations: its lead joins the
    open block read from the page before, and nothing when that block is set in another face."""
    from extract.stages.fragment import Face, band_to_piece
    from extract.stages.split import split_page

    case_id = _kinds("inside_recommendations")[0]
    pages = _pages(case_id, flow_dir)
    _, drawn = _rendered(case_id, flow_dir)
    first, second = next(a for a in drawn if len(a.pages) > 1).pages[:2]
    settings = Settings()
    document = learn_document(pages, settings.layout)
    opened = band_to_piece(split_page(pages[first - 1], settings, document)[0], 1, settings, document, None).open
    assert opened is not None and opened.kind == "recommendations" and opened.text is not None
    band = split_page(pages[second - 1], settings, document)[0]
    joined = band_to_piece(band, 1, settings, document, opened)
    assert joined.lead_kind == "recommendations" and joined.fields and joined.fields.recommendations
    other = replace(opened, text=Face(opened.text.font + "-Other", opened.text.size, 0.0))
    assert band_to_piece(band, 1, settings, document, other).lead_kind is None


def test_a_page_can_end_one_action_and_start_the_next(flow_dir):
    from extract.batch.pipeline import extract_file

    checked = 0
    for case_id in _kinds("continuous"):
        pdf, drawn = _rendered(case_id, flow_dir)
        shared = {a.pages[-1] for a in drawn if len(a.pages) > 1} & {a.page for a in drawn}
        result = extract_file(pdf)
        for page in shared:
            rows = sorted((r for r in result.pages if r.page == page), key=lambda r: r.position or 0)
            assert [r.status for r in rows][:2] == ["continuation", "action"], rows
            assert rows[0].action_id != rows[1].action_id
            checked += 1
    assert checked >= 2, "no continuous case has a page ending one action and starting the next"


def test_one_action_pages_of_every_family_are_one_band(family_corpus):
    """Designs with one action a page are read by the layout stage as before: never cut."""
    from extract.stages.split import split_page

    settings = Settings()
    for case_id, (_, pdf) in family_corpus.items():
        pages = [p for p in pdf_to_pages(pdf, settings.read) if isinstance(p, PageContent)]
        document = learn_document(pages, settings.layout)
        for page in pages[1:]:  # the intro page aside
            bands = split_page(page, settings, document)
            assert len(bands) == 1 and not bands[0].lead, f"{case_id} page {page.number}: {len(bands)} bands"


@pytest.mark.parametrize("kind", ["continuous", "inside_activities", "3_per_page"])
def test_page_ranges_give_the_whole_file_result(kind, flow_dir):
    """Ranges cut anywhere (even inside an action): each range keeps the actions starting in it,
    read whole past its end, so the merged ranges equal the whole file."""
    from extract.batch.pipeline import extract_file, merge_parts
    from extract.stages.document import document_context, with_structure

    pdf, _ = _rendered(_kinds(kind)[0], flow_dir)
    whole = extract_file(pdf)
    context = with_structure(document_context(pdf, Settings()), pdf)
    count = max(p.page or 0 for p in whole.pages)
    for cuts in ([3], [2, 4], list(range(2, count + 1))):
        edges = [1, *cuts, count + 1]
        parts = [extract_file(pdf, pages=(a, b - 1), context=context) for a, b in zip(edges, edges[1:])]
        merged = merge_parts(parts, context)
        assert [a.model_dump() for a in merged.actions] == [a.model_dump() for a in whole.actions], cuts
        key = lambda r: (r.page or 0, r.position or 0)  # noqa: E731
        assert sorted(merged.pages, key=key) == sorted(whole.pages, key=key), cuts


def test_one_reading_of_a_page_gives_both_variants_of_its_bands(flow_dir):
    """`split_bands` over one `read_split`: with the lead, it is the first band (above the first
    title); without it, that text joins the band below and the other bands stay as they were."""
    from extract.stages.split import band_words, read_split, split_bands

    settings, leads = Settings(), 0
    for kind in ("continuous", "3_per_page"):
        pages = _pages(_kinds(kind)[0], flow_dir)
        document = learn_document(pages, settings.layout)
        for page in pages:
            split = read_split(page, settings, document)
            with_lead, without = split_bands(split), split_bands(split, lead=False)
            assert band_words(with_lead) == band_words(without) == len(page.words), page.number
            assert not any(b.lead for b in without) and not any(b.lead for b in with_lead[1:])
            if with_lead[0].lead:
                leads += 1
                assert len(without) == len(with_lead) - 1 and without[0].top == 0.0
                assert without[0].bottom == with_lead[1].bottom and without[1:] == with_lead[2:]
            else:
                assert without == with_lead
    assert leads, "no page of the flow cases has a lead"
