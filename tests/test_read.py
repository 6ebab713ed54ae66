"""read.py: file checks, classification of parser errors, pages read upright whatever /Rotate says."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import FileFailed
from extract.settings import ReadSettings
from extract.stages.read import (
    QUARTER_TURNS,
    char_turn,
    check_pdf_file,
    classify_open_error,
    exception_chain,
    page_turn,
    pdf_to_pages,
    turn_point,
    turned_size,
)
from extract.stages.read.chars import BOTTOM, CHAR_FIELDS, MATRIX, TOP, X0, X1, dicts_to_chars
from tests.helpers import FIXTURES, SAMPLE_PDF, extracted, small_sheet_pdf, with_rotate

CORPUS = FIXTURES / "corpus"
ROTATIONS = (0, 90, 180, 270)
POSITION_DIGITS = 1  # words compared to 0.1 pt


# --- helpers: PDFs made in the test ------------------------------------------------------------


def words_of(path: Path) -> list[list[tuple]]:
    return [
        [(w.text, round(w.x0, POSITION_DIGITS), round(w.top, POSITION_DIGITS), w.size) for w in p.words]
        for p in pdf_to_pages(path)
    ]


# --- check_pdf_file ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, kind",
    [
        (b"", "empty"),
        (b"hello, I am text", "not-pdf"),
        (b"<html><body>the header comes too late</body></html>" + b" " * 2000 + b"%PDF-1.4", "not-pdf"),
    ],
)
def test_check_pdf_file_rejects(tmp_path, content, kind):
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(FileFailed) as info:
        check_pdf_file(path)
    assert info.value.kind == kind and info.value.file == "x.pdf"


def test_check_pdf_file_accepts_junk_before_header(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"junk\n" + SAMPLE_PDF.read_bytes())
    check_pdf_file(path)


def test_check_pdf_file_missing_and_folder(tmp_path):
    with pytest.raises(FileFailed) as info:
        check_pdf_file(tmp_path / "nope.pdf")
    assert info.value.kind == "unreadable"
    with pytest.raises(FileFailed) as info:
        check_pdf_file(tmp_path)
    assert info.value.kind == "unreadable"


# --- classify_open_error -------------------------------------------------------------------------


class PDFPasswordIncorrect(Exception):
    pass


class PdfminerException(Exception):
    pass


def test_wrapped_password_error_is_encrypted():
    kind, reason = classify_open_error(PdfminerException(PDFPasswordIncorrect()))
    assert kind == "encrypted" and "password" in reason


def test_recursion_is_corrupt_with_plain_reason():
    kind, reason = classify_open_error(PdfminerException(RecursionError("maximum recursion depth exceeded")))
    assert kind == "corrupt" and "self-referencing" in reason


def test_reason_is_one_short_line():
    kind, reason = classify_open_error(ValueError("bad\nthing " + "x" * 500))
    assert kind == "corrupt" and "\n" not in reason and len(reason) < 250 and "bad thing" in reason


def test_truncated_is_said():
    kind, reason = classify_open_error(ValueError("Unexpected EOF"), truncated=True)
    assert kind == "corrupt" and reason.startswith("truncated")


def test_exception_chain_follows_cause_and_args_not_context():
    inner = KeyError("k")
    try:
        try:
            raise inner
        except KeyError:
            raise ValueError("outer")  # noqa: B904 — implicit __context__ only
    except ValueError as exc:
        assert exception_chain(exc) == [exc]
    wrapped = PdfminerException(inner)
    assert exception_chain(wrapped) == [wrapped, inner]


@pytest.mark.parametrize(
    "name, kind",
    [
        ("pypdf_crazyones-encrypted-256.pdf", "encrypted"),
        ("qpdf_issue-149.pdf", "corrupt"),
        ("pdfjs_poppler-742-0-fuzzed.pdf", "corrupt"),
        ("pdfjs_issue9105_other.pdf", "corrupt"),
        ("pdfjs_prefilled_f1040.pdf", "no-pages"),
    ],
)
def test_real_bad_files_raise_a_classified_failure(name, kind):
    """The reference reader's classes (pdfium reads two of these files: see test_readers.py)."""
    with pytest.raises(FileFailed) as info:
        list(pdf_to_pages(CORPUS / name, ReadSettings(engine="pdfplumber")))
    assert info.value.kind == kind and "\n" not in info.value.reason


# --- rotation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "matrix, turn",
    [
        ((1, 0, 0, 1, 0, 0), 0),
        ((0, -1, 1, 0, 0, 0), 1),
        ((-1, 0, 0, -1, 0, 0), 2),
        ((0, 1, -1, 0, 0, 0), 3),
    ],
)
def test_char_turn(matrix, turn):
    assert char_turn(matrix) == turn


def test_page_turn_is_the_majority_and_prefers_upright_on_ties():
    def chars(turn_matrix, n, text="a"):
        return [(text, 0.0, 1.0, 0.0, 1.0, True, "F", 1.0, turn_matrix, 0)] * n

    down, upright = (0, -1, 1, 0, 0, 0), (1, 0, 0, 1, 0, 0)
    assert page_turn(chars(down, 5) + chars(upright, 2)) == 1
    assert page_turn(chars(down, 2) + chars(upright, 2)) == 0
    assert page_turn(chars(down, 1, " ")) == 0
    assert page_turn([]) == 0


def test_pdfplumber_chars_become_char_rows_in_the_readers_order():
    """A pdfplumber char dict as the `Char` the pdfium reader builds: its fields by name, the
    coordinates as floats, the matrix's shape (a, b, c, d), no text object."""
    matrix = (0.0, 1.0, -1.0, 0.0, 12.5, 300.0)
    plumber_char = {"text": "é", "x0": 10, "x1": 15.5, "top": 20, "bottom": 32.0, "doctop": 20, "upright": False}
    plumber_char |= {"fontname": "AAAAAA+OpenSans", "size": 12.0, "matrix": matrix, "adv": 5.5}
    (row,) = dicts_to_chars([plumber_char])
    fields = dict(zip(CHAR_FIELDS, row, strict=True))
    assert fields == {**{k: plumber_char[k] for k in CHAR_FIELDS[:-2]}, "matrix": matrix[:4], "object": 0}
    assert all(type(row[i]) is float for i in (X0, X1, TOP, BOTTOM))
    assert dicts_to_chars([{**plumber_char, "matrix": None}])[0][MATRIX] is None


@pytest.mark.parametrize("turn", range(QUARTER_TURNS))
def test_turn_point_keeps_points_on_the_page(turn):
    width, height = 600.0, 800.0
    new_w, new_h = turned_size(width, height, turn)
    for x, y in ((0, 0), (width, height), (10, 700)):
        nx, ny = turn_point(x, y, turn, width, height)
        assert 0 <= nx <= new_w and 0 <= ny <= new_h


def test_pdfplumber_applies_rotate_so_text_comes_sideways():
    """Why read.py turns pages: pdfplumber gives display coordinates, text drawn upright then
    rotated by /Rotate 90 is vertical there. read.py must undo it."""
    import pdfplumber

    with pdfplumber.open(CORPUS / "pdfjs_hello_world_rotated.pdf") as pdf:
        page = pdf.pages[0]
        assert page.rotation == 90 and page.width > page.height
        assert not page.extract_words()[0]["upright"]


def test_corpus_rotated_file_reads_upright():
    pages = list(pdf_to_pages(CORPUS / "pdfjs_hello_world_rotated.pdf"))
    assert len(pages) == 5
    for page in pages:
        assert (page.width, page.height) == (612, 792)
        assert [w.text for w in page.words] == ["Hello", "world"]
        hello, world = page.words
        assert hello.x1 < world.x0 and abs(hello.top - world.top) < 1 and hello.size == 36


@pytest.mark.parametrize("degrees", ROTATIONS[1:])
def test_rotated_page_reads_like_the_upright_one(tmp_path, degrees):
    upright = tmp_path / "upright.pdf"
    upright.write_bytes(with_rotate(small_sheet_pdf(), 0))
    rotated = tmp_path / f"rotated{degrees}.pdf"
    rotated.write_bytes(with_rotate(small_sheet_pdf(), degrees))
    (want,), (got,) = list(pdf_to_pages(upright)), list(pdf_to_pages(rotated))
    assert (got.width, got.height) == (want.width, want.height) == (595, 842)
    assert words_of(rotated) == words_of(upright)
    assert [w.text for w in got.words][:3] == ["Titre", "de", "l'action"]
    assert (
        [(round(b.x0), round(b.top), round(b.x1), round(b.bottom)) for b in got.boxes]
        == [(round(b.x0), round(b.top), round(b.x1), round(b.bottom)) for b in want.boxes]
        == [(40, 200, 555, 216)]
    )


def test_rotated_sample_gives_the_same_actions(tmp_path):
    """Every page of the sample given a /Rotate (90, 180, 270, 0 in turn): same 15 actions."""
    rotated = tmp_path / SAMPLE_PDF.name
    rotated.write_bytes(with_rotate(SAMPLE_PDF.read_bytes(), [90, 180, 270, 0]))
    from extract.batch.pipeline import extract_file

    got, want = extract_file(rotated), extracted(SAMPLE_PDF)
    assert got.failure is None and len(got.actions) == len(want.actions) == 15

    def content(action):
        data = action.model_dump()
        data["source"].pop("sha256")
        return data

    assert [content(a) for a in got.actions] == [content(a) for a in want.actions]
    assert [(p.page, p.status, p.reason) for p in got.pages] == [(p.page, p.status, p.reason) for p in want.pages]


def test_letter_spaced_title_reads_as_words(tmp_path):
    from fpdf import FPDF

    from extract.stages.read import pdf_to_pages

    fonts = Path(__file__).parent / "synth" / "fonts"
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("S", "", str(fonts / "DejaVuSans.ttf"))
    pdf.set_font("S", "", 24)
    pdf.set_char_spacing(2.5)
    pdf.text(20, 30, "TITRE ESPACÉ")
    pdf.set_char_spacing(0)
    pdf.set_font("S", "", 9)
    pdf.text(20, 50, "un texte courant")
    pdf.output(str(tmp_path / "tracked.pdf"))
    [page] = list(pdf_to_pages(tmp_path / "tracked.pdf"))
    assert [w.text for w in page.words] == ["TITRE", "ESPACÉ", "un", "texte", "courant"]
