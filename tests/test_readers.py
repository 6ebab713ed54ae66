"""Both readers (pdfium, the default; pdfplumber, the reference) give the same outputs.

The pdfium reader rebuilds every measurement pdfminer's way (see stages/read/pdfium_chars.py);
these tests hold it to that on the sample, rotated pages, the corpus, damaged copies and every
design family, and pin the known differences: files pdfminer cannot open that pdfium reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch.run import run_extract
from extract.errors import SettingsError
from extract.settings import ReadSettings, Settings
from extract.stages.read import pdf_to_pages
from tests.helpers import (
    FIXTURES,
    READER_POSITION_TOLERANCE,
    READER_SIZE_TOLERANCE,
    SAMPLE_PDF,
    small_sheet_pdf,
    with_rotate,
)

CORPUS = FIXTURES / "corpus"
READERS = ("pdfplumber", "pdfium")
POSITION_TOLERANCE, SIZE_TOLERANCE = READER_POSITION_TOLERANCE, READER_SIZE_TOLERANCE
# Files pdfminer cannot open but pdfium reads (poppler agrees with pdfium: see MANIFEST.csv).
PDFIUM_READS_MORE = {"pdfjs_prefilled_f1040.pdf": 2, "qpdf_issue-149.pdf": 1}


def with_reader(engine: str) -> Settings:
    return Settings(read=ReadSettings(engine=engine))


def outputs(paths: list[Path], out: Path, engine: str) -> dict[str, bytes]:
    run_extract(paths, out / engine, with_reader(engine), cache_dir=None, workers=1)
    return {p.name: p.read_bytes() for p in sorted((out / engine).iterdir())}


def test_both_readers_write_the_same_outputs_on_the_sample(tmp_path):
    plumber, pdfium = (outputs([SAMPLE_PDF], tmp_path, engine) for engine in READERS)
    assert plumber.keys() == pdfium.keys() and len(plumber) >= 8
    for name in plumber:
        assert pdfium[name] == plumber[name], name


def words_and_boxes(path: Path, engine: str) -> list:
    """Per page: size, words (in any order: runs of one size may group differently), boxes."""
    return [
        (
            (p.width, p.height),
            sorted((w.text, w.fontname, w.size, round(w.x0, 1), round(w.top, 1)) for w in p.words),
            [(round(b.x0), round(b.top), round(b.x1), round(b.bottom), b.filled, b.is_light) for b in p.boxes],
        )
        for p in pdf_to_pages(path, ReadSettings(engine=engine))
    ]


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_both_readers_read_rotated_pages_alike(tmp_path, degrees):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(with_rotate(small_sheet_pdf(), degrees))
    plumber, pdfium = (words_and_boxes(path, engine) for engine in READERS)
    assert pdfium == plumber
    assert plumber[0][0] == (595, 842)


@pytest.mark.parametrize("page", [3, 12, 18])
def test_pdfium_words_match_on_sample_pages(page):
    """Words (text, font, size to 0.01 pt, position to 0.1 pt) and boxes, per page."""

    def page_of(engine):
        return next(p for p in pdf_to_pages(SAMPLE_PDF, ReadSettings(engine=engine), first=page, last=page))

    plumber, pdfium = (page_of(engine) for engine in READERS)
    key = lambda w: (w.text, w.fontname, w.x0, w.top)  # noqa: E731
    pairs = list(zip(sorted(pdfium.words, key=key), sorted(plumber.words, key=key)))
    assert len(pdfium.words) == len(plumber.words)
    assert all((a.text, a.fontname) == (b.text, b.fontname) for a, b in pairs)
    deltas = [abs(getattr(a, side) - getattr(b, side)) for a, b in pairs for side in ("x0", "x1", "top", "bottom")]
    assert max(deltas) <= POSITION_TOLERANCE
    # pdfium measures in float32: a size of exactly x.xx5 may round the other way (8.54 vs 8.53).
    assert max(abs(a.size - b.size) for a, b in pairs) <= SIZE_TOLERANCE
    assert len(pdfium.boxes) == len(plumber.boxes)


def test_pdfium_reads_files_pdfminer_cannot_open():
    for name, count in PDFIUM_READS_MORE.items():
        pages = list(pdf_to_pages(CORPUS / name, ReadSettings(engine="pdfium")))
        assert len(pages) == count and all(p.words for p in pages), name


def test_pdfium_hands_unopenable_files_to_the_reference_classification():
    from extract.batch.pipeline import extract_file

    for name in ("pypdf_crazyones-encrypted-256.pdf", "pdfjs_poppler-742-0-fuzzed.pdf"):
        got = extract_file(CORPUS / name, with_reader("pdfium"))
        want = extract_file(CORPUS / name, with_reader("pdfplumber"))
        assert got.failure is not None and got.pages == want.pages, name


def test_unknown_engine_is_a_settings_error():
    with pytest.raises(SettingsError, match="engine"):
        Settings.from_dict({"read": {"engine": "ghostscript"}})


def results(path: Path, engine: str) -> dict:
    """What one file gives with one reader: actions, pages.csv rows, failure, warnings."""
    from extract.batch.pipeline import extract_file

    return extract_file(path, with_reader(engine)).model_dump()


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")))
def test_both_readers_agree_on_the_corpus_except_where_pdfminer_cannot_open(name):
    plumber, pdfium = (results(CORPUS / name, engine) for engine in READERS)
    if name in PDFIUM_READS_MORE:
        assert plumber["failure"] is not None and pdfium["failure"] is None
        assert len(pdfium["pages"]) == PDFIUM_READS_MORE[name]
    else:
        assert pdfium == plumber


@pytest.mark.parametrize("mutation", ["tounicode-byte-deleted", "filters-replaced", "truncated-70"])
def test_both_readers_report_damaged_copies_alike(tmp_path, mutation):
    """pdfium is lenient (an unknown filter reads as an empty page, a damaged Unicode map as other
    letters): such pages are read again by the reference reader, so the damage is reported the same."""
    plumber, pdfium = (results(damaged_copy(tmp_path, mutation), engine) for engine in READERS)
    assert pdfium == plumber


def test_pdfium_recovers_a_copy_whose_cross_references_are_off_by_one_byte(tmp_path):
    """One byte deleted early in the file: pdfminer finds no page tree at all; pdfium rebuilds the
    cross-references and reads every action as in the undamaged file (under a structure warning)."""
    from extract.batch.pipeline import extract_file

    path = damaged_copy(tmp_path, "early-byte-deleted")
    assert extract_file(path, with_reader("pdfplumber")).failure is not None
    got = extract_file(path, with_reader("pdfium"))
    clean = extract_file(SAMPLE_PDF, with_reader("pdfium"))
    assert got.failure is None and len(got.actions) == len(clean.actions) > 0
    fields = {
        "language",
        "title",
        "subtitle",
        "objective",
        "activities",
        "results",
        "sdg_targets",
        "recommendations",
        "cities",
    }
    assert [a.model_dump(include=fields) for a in got.actions] == [a.model_dump(include=fields) for a in clean.actions]
    assert [a.source.page for a in got.actions] == [a.source.page for a in clean.actions]


def damaged_copy(tmp_path: Path, mutation: str) -> Path:
    from tests.test_damage import MUTATIONS

    path = tmp_path / f"{mutation}.pdf"
    path.write_bytes(MUTATIONS[mutation](SAMPLE_PDF.read_bytes()))
    return path


def test_both_readers_agree_on_every_design_family(family_corpus):
    """Browser-made files too: small capitals (/ActualText), ligatures the font maps to letters."""
    assert len(family_corpus) >= 10
    for case_id, (_, path) in sorted(family_corpus.items()):
        plumber, pdfium = (results(path, engine) for engine in READERS)
        assert pdfium == plumber, case_id


def test_pdfium_reads_the_same_pages_when_it_reopens_the_document(monkeypatch):
    """Long files: the document is opened afresh every REOPEN_PAGES pages (memory stays flat)."""
    from extract.stages.read import pdfium

    def pages(first: int = 1, last: int | None = None) -> list:
        return list(pdf_to_pages(SAMPLE_PDF, ReadSettings(engine="pdfium"), first, last))

    whole, middle = pages(), pages(4, 11)
    reopened = []
    real = pdfium._reopened
    monkeypatch.setattr(pdfium, "_reopened", lambda path, doc: reopened.append(path) or real(path, doc))
    monkeypatch.setattr(pdfium, "REOPEN_PAGES", 3)
    assert pages() == whole and len(reopened) == (len(whole) - 1) // 3
    assert pages(4, 11) == middle == whole[3:11]


def test_pages_pdfium_cannot_vouch_for_open_the_reference_once(tmp_path, monkeypatch):
    """A long file of pages without text (a scan, say): every page goes to the reference reader,
    which opens the file and walks its page tree once, not once per page."""
    import pdfplumber
    import pypdfium2

    path = tmp_path / "blank.pdf"
    doc = pypdfium2.PdfDocument.new()
    for _ in range(30):
        doc.new_page(595, 842)
    doc.save(path)
    opened = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    pdfium = list(pdf_to_pages(path, ReadSettings(engine="pdfium")))
    assert len(opened) == 1 and len(pdfium) == 30
    assert pdfium == list(pdf_to_pages(path, ReadSettings(engine="pdfplumber")))
