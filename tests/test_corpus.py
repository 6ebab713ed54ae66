"""Real-world PDFs that are not action brochures (tests/fixtures/corpus, sources in MANIFEST.csv).

Every file is accounted for in pages.csv, no action is ever invented, and each failure carries
the class its kind calls for.
"""

from __future__ import annotations

import csv

import pytest

from extract.batch.pipeline import extract_file
from tests.helpers import FIXTURES

CORPUS = FIXTURES / "corpus"
MANIFEST = CORPUS / "MANIFEST.csv"

# What each file must give: ("failed", class of reason) or ("skipped", reason of every page).
# The MANIFEST's `kind` says what the file is; notes below where the outcome is finer than that.
EXPECTED: dict[str, tuple[str, str]] = {
    "pypdf_crazyones-encrypted-256.pdf": ("failed", "encrypted:"),
    "pdfjs_poppler-742-0-fuzzed.pdf": ("failed", "corrupt:"),
    "pdfjs_issue9105_other.pdf": ("failed", "corrupt:"),
    # pdfminer cannot open these two (a RecursionError; an XFA form where it sees 0 pages); the
    # default reader, pdfium, reads them as poppler does (1 and 2 pages): see READ_BY_PDFIUM
    "qpdf_issue-149.pdf": ("skipped", "no action blocks"),
    "pdfjs_prefilled_f1040.pdf": ("skipped", "no action blocks"),
    "pdfjs_issue5481-image-only.pdf": ("skipped", "no text layer (scanned?)"),
    # scanned, but with an OCR text layer: it is text, just not an action sheet
    "pypdf_Seige_of_Vicksburg_Sample_OCR.pdf": ("skipped", "no action blocks"),
    "pdfjs_pdkids-55p.pdf": ("skipped", "no action blocks"),
    "pdfplumber_scotus-transcript-p1.pdf": ("skipped", "no action blocks"),
    "pdfplumber_2023-06-20-PV.pdf": ("skipped", "no action blocks"),
    "pdfjs_Type3WordSpacing.pdf": ("skipped", "no action blocks"),
    "pdfjs_hello_world_rotated.pdf": ("skipped", "no action blocks"),
}
KIND_TO_CLASS = {"encrypted": "encrypted:", "malformed": "corrupt:", "form": "no-pages:"}
# Files the reference reader fails on (as their kind says) that the default reader reads whole,
# with the page count poppler's pdfinfo gives in the MANIFEST.
READ_BY_PDFIUM = {"qpdf_issue-149.pdf": 1, "pdfjs_prefilled_f1040.pdf": 2}


def manifest() -> dict[str, dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


CORPUS_FILES = sorted(manifest())


def test_manifest_lists_every_file():
    assert set(CORPUS_FILES) == {p.name for p in CORPUS.glob("*.pdf")} == set(EXPECTED)


def test_expected_classes_follow_the_manifest_kind():
    for name, row in manifest().items():
        if name in READ_BY_PDFIUM:
            assert f"pdfinfo: {READ_BY_PDFIUM[name]} pages" in row["pages_or_error"], name
        elif row["kind"] in KIND_TO_CLASS:
            assert EXPECTED[name] == ("failed", KIND_TO_CLASS[row["kind"]]), name


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_is_accounted_for(name):
    result = extract_file(CORPUS / name)
    assert result.actions == []
    rows = result.rows()
    assert rows, "every file has at least one pages.csv row"
    assert all(p.action_id is None and p.status in ("skipped", "failed", "file-failed") for p in rows)
    status, reason = EXPECTED[name]
    if status == "failed":
        assert result.failure is not None
        assert [(p.page, p.status) for p in rows] == [(None, "file-failed")]
        assert rows[0].reason.startswith(reason) and "\n" not in rows[0].reason
    else:
        assert result.failure is None
        assert [p.page for p in result.pages] == list(range(1, len(result.pages) + 1))
        assert {(p.status, p.reason) for p in result.pages} == {(status, reason)}
