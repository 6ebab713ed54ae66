"""Bad input never stops a batch: truncated, flipped, encrypted, empty and non-PDF files each give
a classified `failed` row (or the pages that could still be read); the CLI exits 1 at the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.batch.pipeline import extract_file
from extract.cli import main
from tests.helpers import FIXTURES, SAMPLE_PDF

SAMPLE_BYTES = SAMPLE_PDF.read_bytes()
SAMPLE_ACTIONS = 15
SAMPLE_PAGES = 19
CUT_PERCENTS = (10, 50, 90, 99)
FLIP_EXAMPLES = 8  # each example extracts the whole 19-page sample (~3 s)
MAX_FLIPS = 8
FILE_CLASSES = ("unreadable:", "empty:", "not-pdf:", "encrypted:", "corrupt:", "no-pages:", "no-readable-pages:")
PASSWORD = "secret"


def accounted_for(result) -> None:
    """A file gives its page rows, then one classified `file-failed` row (no page) when it failed."""
    rows = result.rows()
    assert rows
    file_rows = [p for p in rows if p.status == "file-failed"]
    if result.failure is None:
        assert not file_rows
    else:
        assert file_rows == [rows[-1]] and rows[-1].page is None
        assert rows[-1].reason.startswith(FILE_CLASSES) and "\n" not in rows[-1].reason
    pages = [p.page for p in result.pages]
    assert pages == sorted(set(pages)) and all(1 <= n <= SAMPLE_PAGES for n in pages)


@pytest.mark.parametrize("percent", CUT_PERCENTS)
def test_truncated_sample(tmp_path, percent):
    path = tmp_path / f"cut{percent}.pdf"
    path.write_bytes(SAMPLE_BYTES[: len(SAMPLE_BYTES) * percent // 100])
    result = extract_file(path)
    accounted_for(result)
    if result.failure is not None:
        assert result.failure.kind == "corrupt" and result.failure.reason.startswith("truncated")


@settings(max_examples=FLIP_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(SAMPLE_BYTES) - 1), st.integers(1, 255)), min_size=1, max_size=MAX_FLIPS
    )
)
def test_random_byte_flips(tmp_path, flips):
    data = bytearray(SAMPLE_BYTES)
    for offset, mask in flips:
        data[offset] ^= mask
    path = tmp_path / "flipped.pdf"
    path.write_bytes(bytes(data))
    result = extract_file(path)  # never raises
    accounted_for(result)
    assert len(result.actions) <= SAMPLE_ACTIONS


def encrypted_pdf(path: Path, user_password: str) -> Path:
    """A small encrypted PDF (fpdf2, AES-256). pypdf is not a dependency, so the sample itself
    cannot be re-encrypted here; the corpus holds a real-world encrypted file as well."""
    fpdf = pytest.importorskip("fpdf")
    from fpdf.enums import EncryptionMethod

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 30, "OBJECTIF ACTIVITES RESULTATS")
    pdf.set_encryption(owner_password="owner", user_password=user_password, encryption_method=EncryptionMethod.AES_256)
    pdf.output(str(path))
    return path


def test_password_protected_file_fails_as_encrypted(tmp_path):
    result = extract_file(encrypted_pdf(tmp_path / "locked.pdf", PASSWORD))
    accounted_for(result)
    assert result.failure is not None and result.rows()[0].reason.startswith("encrypted:")


def test_owner_password_only_file_is_read(tmp_path):
    """Encrypted with an empty user password (print/copy restrictions only): readable."""
    result = extract_file(encrypted_pdf(tmp_path / "restricted.pdf", ""))
    assert result.failure is None and [(p.page, p.status) for p in result.pages] == [(1, "skipped")]


def test_real_encrypted_file(tmp_path):
    result = extract_file(FIXTURES / "corpus" / "pypdf_crazyones-encrypted-256.pdf")
    assert [p.reason.split(":")[0] for p in result.rows()] == ["encrypted"]


@pytest.mark.parametrize(
    "content, kind", [(b"", "empty"), (b"Name,City\nA,B\n", "not-pdf"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not-pdf")]
)
def test_empty_and_non_pdf(tmp_path, content, kind):
    path = tmp_path / "thing.pdf"
    path.write_bytes(content)
    result = extract_file(path)
    accounted_for(result)
    assert result.failure.kind == kind and result.rows()[0].reason.startswith(f"{kind}:")


def test_pdf_header_without_body(tmp_path):
    path = tmp_path / "header.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    result = extract_file(path)
    accounted_for(result)
    assert result.failure.kind == "corrupt"


def test_mixed_batch_through_the_cli(tmp_path, capsys):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE_PDF, inputs / "good.pdf")
    bad = {
        "empty.pdf": b"",
        "notes.pdf": b"not a pdf at all",
        "cut.pdf": SAMPLE_BYTES[: len(SAMPLE_BYTES) // 2],
        "sub/locked.pdf": (FIXTURES / "corpus" / "pypdf_crazyones-encrypted-256.pdf").read_bytes(),
    }
    for name, content in bad.items():
        (inputs / name).write_bytes(content)
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 1

    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == len(bad)
    for name in bad:
        assert sum(f"{name}:" in line for line in err) == 1, (name, err)
    document = json.loads((out / "actions.json").read_text(encoding="utf-8"))
    assert len(document["actions"]) == SAMPLE_ACTIONS
    assert {a["source"]["file"] for a in document["actions"]} == {"good.pdf"}
    rows = (out / "pages.csv").read_text(encoding="utf-8").splitlines()[1:]
    failed = [r for r in rows if ",file-failed," in r]
    assert sorted(r.split(",")[0] for r in failed) == sorted(bad)
    assert all(r.split(",")[1] == "" for r in failed)
    assert sum(r.startswith("good.pdf,") for r in rows) == SAMPLE_PAGES
    prefixes = {r.split(",")[0]: r.split(",")[3].split(":")[0] for r in failed}
    assert prefixes == {
        "empty.pdf": "empty",
        "notes.pdf": "not-pdf",
        "cut.pdf": "corrupt",
        "sub/locked.pdf": "encrypted",
    }
