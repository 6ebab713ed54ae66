"""Render -> extract round trips on the design families of issue 11 (tests/synth/families).

Every family file (a look in French or English: an intro page, then one action per record)
is rendered once per session into a tmp folder and extracted once. Then:

* one test per family look x language x record x field: the extracted value equals the
  record's exactly (after the generator's documented whitespace folding);
* one test per family x field: the share of exact pages is at least `FAMILY_THRESHOLD`;
* one test per file: no invented action (intro page) and no missing one;
* a bounded property test: random fpdf2 looks x random records, every field exact.

Expectations come from the generator's input records, never from an extraction. On failure
the PDF and a debug picture of the page (`brochure-extract debug`) are kept in a folder whose
path is printed. `python -m tests.synth.score` prints the same figures as a table.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings

from tests.synth.families import FAMILY_LOOKS, chromium_path, expected_pages, family_files, family_problems, looks
from tests.synth.families.files import FamilyFile
from tests.synth.families.pages import render_family_pdf
from tests.synth.records import action_records
from tests.synth.render import LayoutError
from tests.synth.score import FIELDS, PageScore, family_table, score_file

FAMILY_THRESHOLD = 0.99
FILES = family_files()
CHROMIUM_CASES = {case.case_id for case in FILES if case.look.renderer == "chromium"}
PAGE_CASES = [
    (case.case_id, number, field)
    for case in FILES
    for number, expected in enumerate(expected_pages(case), start=1)
    if expected is not None
    for field in FIELDS
]
PAGE_IDS = [
    f"{case_id}-p{number}-{next(c for c in FILES if c.case_id == case_id).records[number - 2].name}-{field}"
    for case_id, number, field in PAGE_CASES
]
FAMILY_CASES = [(family, field) for family in FAMILY_LOOKS for field in FIELDS]


@cache
def _scores(path: Path, case_id: str) -> tuple[PageScore, ...]:
    case = next(c for c in FILES if c.case_id == case_id)
    return tuple(score_file(case, path))


def file_scores(family_corpus, case_id: str) -> tuple[PageScore, ...]:
    """The scored pages of one family file (extracted once per session)."""
    if case_id not in family_corpus:
        assert case_id in CHROMIUM_CASES and chromium_path() is None
        pytest.skip("no Chromium on PATH: the HTML renderer's files are not rendered")
    _, path = family_corpus[case_id]
    return _scores(path, case_id)


@cache
def keep_evidence(pdf: Path, page: int) -> Path:
    """Copy the PDF and draw the page's detected blocks into a folder that outlives the test
    (once per page, however many of its fields fail)."""
    from extract.tools.debug import debug_page

    folder = Path(tempfile.mkdtemp(prefix="roundtrip-designs-"))
    kept = folder / pdf.name
    kept.write_bytes(pdf.read_bytes())
    try:
        debug_page(kept, page, folder / f"page-{page}.png")
    except Exception as error:  # the picture is a help, never the verdict
        (folder / "debug-failed.txt").write_text(f"{type(error).__name__}: {error}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("case_id, page, field", PAGE_CASES, ids=PAGE_IDS)
def test_page_field_round_trip(case_id, page, field, family_corpus):
    score = file_scores(family_corpus, case_id)[page - 1]
    if score.ok(field):
        return
    _, pdf = family_corpus[case_id]
    got = "no action" if score.got is None else repr(score.got[field])
    print(f"evidence kept in {keep_evidence(pdf, page)}\nwarnings: {list(score.warnings)}")
    pytest.fail(f"{case_id} page {page} {field}: want {score.expected[field]!r}, got {got}")


@pytest.mark.parametrize("family, field", FAMILY_CASES, ids=[f"{f}-{k}" for f, k in FAMILY_CASES])
def test_family_field_score(family, field, family_corpus):
    cases = [c.case_id for c in FILES if c.family == family and c.case_id in family_corpus]
    if not cases:
        pytest.skip(f"no file of family {family} rendered (Chromium missing)")
    scores = [s for case_id in cases for s in file_scores(family_corpus, case_id)]
    share = family_table(scores)[family][field]
    misses = [f"{s.case_id}:p{s.page}" for s in scores if s.expected is not None and not s.ok(field)]
    assert share >= FAMILY_THRESHOLD, f"{family} {field}: {share:.2f} < {FAMILY_THRESHOLD}; misses {misses}"


@pytest.mark.parametrize("case_id", [case.case_id for case in FILES])
def test_no_invented_or_missing_action(case_id, family_corpus):
    scores = file_scores(family_corpus, case_id)
    invented = [s.page for s in scores if s.invented]
    missing = [s.page for s in scores if s.missing]
    assert not invented and not missing, f"invented on pages {invented}, missing on pages {missing}"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking: each example renders and extracts
)
@given(look=looks(), record=action_records())
def test_random_look_round_trip(look, record, tmp_path):
    assume(not family_problems(record))
    pdf = tmp_path / "random-look.pdf"
    try:
        render_family_pdf(pdf, look, [record], record.language)
    except LayoutError:
        assume(False)
    scores = score_file(FamilyFile("random", look, record.language, (record,)), pdf)
    wrong = {f: (scores[1].expected[f], scores[1].got and scores[1].got[f]) for f in FIELDS if not scores[1].ok(f)}
    if wrong or scores[0].invented:
        print(f"evidence kept in {keep_evidence(pdf, 2)}\nlook={look!r}")
    assert not scores[0].invented, "action invented on the intro page"
    assert not wrong, wrong
