"""Golden test per fixture PDF, one test per page; regenerate with `make golden` and review."""

import json

import pytest

from tests.conftest import extracted
from tests.regen_golden import GOLDEN, golden_pdfs

CASES = [(pdf, path) for pdf in golden_pdfs() for path in sorted((GOLDEN / pdf.stem).glob("p*.json"))]


@pytest.mark.parametrize("pdf, golden", CASES, ids=[f"{p.stem}/{g.stem}" for p, g in CASES])
def test_page_matches_golden(pdf, golden):
    result = extracted(pdf)
    number = int(golden.stem[1:])
    record = next(r for r in result.pages if r.page == number)
    action = next((a for a in result.actions if a.source.page == number), None)
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert record.model_dump(mode="json") == want["page"]
    assert (action.model_dump(mode="json") if action else None) == want["action"]


@pytest.mark.parametrize("pdf", golden_pdfs(), ids=lambda p: p.stem)
def test_every_page_has_a_golden_file(pdf):
    pages = {r.page for r in extracted(pdf).pages}
    assert {int(g.stem[1:]) for g in (GOLDEN / pdf.stem).glob("p*.json")} == pages
