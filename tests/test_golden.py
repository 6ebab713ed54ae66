"""Golden test per fixture PDF, one test per page; regenerate with `make golden` and review."""

import json

import pytest

from tests.helpers import GOLDEN, extracted, golden_pdfs, page_documents

CASES = [(pdf, path) for pdf in golden_pdfs() for path in sorted((GOLDEN / pdf.stem).glob("p*.json"))]


@pytest.mark.parametrize("pdf, golden", CASES, ids=[f"{p.stem}/{g.stem}" for p, g in CASES])
def test_page_matches_golden(pdf, golden):
    got = page_documents(extracted(pdf)).get(int(golden.stem[1:]))
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got is not None, "page not extracted"
    assert got["page"] == want["page"]
    assert got["action"] == want["action"]


@pytest.mark.parametrize("pdf", golden_pdfs(), ids=lambda p: p.stem)
def test_every_page_has_a_golden_file(pdf):
    pages = {r.page for r in extracted(pdf).pages}
    assert {int(g.stem[1:]) for g in (GOLDEN / pdf.stem).glob("p*.json")} == pages
