"""Damage is visible: mutated copies of the sample (made here, in tmp_path) never lose data
silently. Unreadable text fails its page, lost pages get rows and a file warning, recovered page
numbers are flagged on every action, a file whose pages all failed fails, and no control
character reaches any output."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.batch.pipeline import extract_file
from extract.geometry import Word
from extract.settings import ReadSettings
from extract.stages.legible import (
    UNREADABLE_REASON,
    Legibility,
    check_legible,
    page_legibility,
    text_legibility,
)
from extract.stages.read import PageContent, UnreadablePage
from extract.stages.structure import Structure, recovery
from tests.helpers import SAMPLE_PDF

SAMPLE = SAMPLE_PDF.read_bytes()
SAMPLE_PAGES = 19
LOST_PAGES = 2  # page objects whose cross-reference offsets are scrambled
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- mutations of the sample -----------------------------------------------------------------


def delete_byte_in_first_tounicode(data: bytes) -> bytes:
    """One byte less inside the first font's Unicode map: its text has no Unicode any more."""
    number = re.search(rb"/ToUnicode (\d+) 0 R", data).group(1)
    stream = data.index(b"stream", data.index(number + b" 0 obj")) + len(b"stream\n")
    middle = stream + 5
    return data[:middle] + data[middle + 1 :]


def scramble_page_offsets(data: bytes, count: int) -> bytes:
    """Point the cross-reference entries of `count` page objects at a wrong offset."""
    pages = [int(m.group(1)) for m in re.finditer(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Page\b", data)]
    start, end = data.rindex(b"\nxref") + 1, data.rindex(b"trailer")
    lines = data[start:end].split(b"\n")
    first = int(lines[1].split()[0])
    for number in pages[len(pages) // 4 :][:count]:
        index = 2 + number - first
        lines[index] = b"%010d" % (len(data) // 3) + lines[index][10:]
    return data[:start] + b"\n".join(lines) + data[end:]


def understate_page_count(data: bytes, fewer: int) -> bytes:
    """The page tree's root declares `fewer` pages less than it holds (same byte length)."""
    declared = b"/Count %d" % SAMPLE_PAGES
    assert data.count(declared) == 1
    return data.replace(declared, b"/Count %d" % (SAMPLE_PAGES - fewer))


def replace_filters(data: bytes) -> bytes:
    """Every compressed stream claims another compression."""
    return data.replace(b"/FlateDecode", b"/LZWDecode")


def delete_byte(data: bytes, offset: int) -> bytes:
    return data[:offset] + data[offset + 1 :]


def truncate(data: bytes, percent: int) -> bytes:
    return data[: len(data) * percent // 100]


MUTATIONS = {
    "tounicode-byte-deleted": delete_byte_in_first_tounicode,
    "page-offsets-scrambled": lambda d: scramble_page_offsets(d, LOST_PAGES),
    "page-count-understated": lambda d: understate_page_count(d, LOST_PAGES),
    "filters-replaced": replace_filters,
    "early-byte-deleted": lambda d: delete_byte(d, len(d) // 100),
    "truncated-70": lambda d: truncate(d, 70),
}


def extract_mutated(tmp_path: Path, name: str, *options: str) -> tuple[subprocess.CompletedProcess, Path]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(MUTATIONS[name](SAMPLE))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "extract", str(pdf), "--out", str(out), "-q", "--no-cache", *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=300), out


def read(out: Path) -> tuple[list[dict], list[dict]]:
    actions = json.loads((out / "actions.json").read_text(encoding="utf-8"))["actions"]
    rows = list(csv.DictReader(io.StringIO((out / "pages.csv").read_text(encoding="utf-8"))))
    return actions, rows


# --- through the CLI -------------------------------------------------------------------------


def test_text_without_unicode_fails_every_page_and_the_file(tmp_path):
    done, out = extract_mutated(tmp_path, "tounicode-byte-deleted")
    assert done.returncode == 1
    actions, rows = read(out)
    assert actions == []
    pages = [r for r in rows if r["status"] != "file-failed"]
    assert len(pages) == SAMPLE_PAGES and {(r["status"], r["reason"]) for r in pages} == {("failed", UNREADABLE_REASON)}
    assert [r["reason"] for r in rows if r["status"] == "file-failed"] == ["no-readable-pages: every page failed"]
    assert "every page failed" in done.stderr


def test_lost_pages_get_rows_a_file_warning_and_flagged_actions(tmp_path):
    """The reference reader: pdfminer recovers the pages it can find, numbered in object order."""
    done, out = extract_mutated(tmp_path, "page-offsets-scrambled", "--reader", "pdfplumber")
    assert done.returncode == 0, done.stderr
    actions, rows = read(out)
    assert sorted(int(r["page"]) for r in rows) == list(range(1, SAMPLE_PAGES + 1))
    lost = [r for r in rows if r["reason"].startswith("page not found")]
    assert len(lost) == LOST_PAGES and all(r["status"] == "failed" for r in lost)
    assert f"{SAMPLE_PAGES - LOST_PAGES} of {SAMPLE_PAGES} pages found" in done.stderr
    assert actions and all(any("page number may be wrong" in w for w in a["warnings"]) for a in actions)


def test_pdfium_keeps_damaged_pages_in_place(tmp_path):
    """The default reader: pdfium rebuilds the page tree, so the damaged pages fail where they
    are and every other page keeps its number (and its action: as many as the undamaged file's,
    less the damaged pages')."""
    done, out = extract_mutated(tmp_path, "page-offsets-scrambled")
    assert done.returncode == 0, done.stderr
    actions, rows = read(out)
    assert [int(r["page"]) for r in rows] == list(range(1, SAMPLE_PAGES + 1))
    failed = [int(r["page"]) for r in rows if r["status"] == "failed"]
    assert len(failed) == LOST_PAGES and "damaged file structure" in done.stderr
    clean_actions = {r.page for r in extract_file(SAMPLE_PDF).pages if r.status == "action"}
    assert {int(r["page"]) for r in rows if r["status"] == "action"} == clean_actions - set(failed)
    assert actions and all(any("page number may be wrong" in w for w in a["warnings"]) for a in actions)


def test_pages_beyond_an_understated_count_are_reported_missing(tmp_path):
    """pdfium reads the first /Count pages of the tree: the others get rows and a file warning;
    the pages read keep their numbers, so actions are not flagged."""
    done, out = extract_mutated(tmp_path, "page-count-understated")
    assert done.returncode == 0, done.stderr
    actions, rows = read(out)
    read_pages = SAMPLE_PAGES - LOST_PAGES
    assert [int(r["page"]) for r in rows] == list(range(1, SAMPLE_PAGES + 1))
    assert [int(r["page"]) for r in rows if r["reason"].startswith("page not found")] == [
        SAMPLE_PAGES - 1,
        SAMPLE_PAGES,
    ]
    assert f"{read_pages} of {SAMPLE_PAGES} pages found" in done.stderr
    assert actions and all(int(a["source"]["page"]) <= read_pages for a in actions)
    assert not any("page number may be wrong" in w for a in actions for w in a["warnings"])


def test_replaced_filters_fail_the_file(tmp_path):
    done, out = extract_mutated(tmp_path, "filters-replaced")
    assert done.returncode == 1
    actions, rows = read(out)
    assert actions == [] and rows[-1]["status"] == "file-failed"
    assert all(r["status"] == "failed" for r in rows[:-1]) and len(rows) == SAMPLE_PAGES + 1


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_mutation_is_accounted_for_and_clean(tmp_path, name):
    done, out = extract_mutated(tmp_path, name)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    actions, rows = read(out)
    pages = [int(r["page"]) for r in rows if r["page"]]
    assert len(pages) == len(set(pages)) and all(1 <= p <= SAMPLE_PAGES for p in pages)
    assert done.returncode == 1 or pages, "a file without any page row must have failed"
    for action in actions:  # garbled text never without a warning
        text = json.dumps(action, ensure_ascii=False)
        if "(cid:" in text or "\ufffd" in text:
            assert any("unreadable" in w for w in action["warnings"]), action["id"]
    for path in out.iterdir():
        assert not CONTROL_BYTES.search(path.read_bytes()), path.name


# --- the rules, on small values --------------------------------------------------------------


def page_of(*texts: str) -> PageContent:
    words = tuple(Word(t, 0, 10, 0, 10, 9.0, "F") for t in texts)
    return PageContent(1, 100, 100, words, (), sum(map(len, texts)), 0)


def test_unreadable_share_counts_cids_replacements_and_controls():
    assert text_legibility("(cid:3)(cid:4)ab").unreadable == 2
    assert text_legibility("(cid:3)(cid:4)ab").glyphs == 4
    assert text_legibility("a\ufffd\x07b").unreadable == 2
    assert text_legibility("plain").unreadable == 0


GLYPH_SOUP = st.text(alphabet="(cid:)0123 ab\ufffd\x07\x85", max_size=12)  # pieces of every counted case


@given(st.lists(GLYPH_SOUP, max_size=8))
def test_page_counts_are_the_sums_of_its_words_counts(texts):
    """page_legibility: the same counts as adding up each word's (no `(cid:N)` spans two words)."""
    counts = [text_legibility(text) for text in texts]
    page = page_legibility(page_of(*texts))
    assert (page.glyphs, page.unreadable) == (sum(c.glyphs for c in counts), sum(c.unreadable for c in counts))


def test_a_cid_split_over_two_words_is_no_cid():
    assert page_legibility(page_of("(cid:", "3)")) == Legibility(glyphs=7, unreadable=0)
    assert page_legibility(page_of("(cid:3)", "x")) == Legibility(glyphs=2, unreadable=1)


def test_mostly_unreadable_page_fails_partly_unreadable_page_stays():
    settings = ReadSettings()
    garbled = check_legible(page_of("(cid:1)(cid:2)(cid:3)", "ab"), settings)
    assert isinstance(garbled, UnreadablePage) and garbled.reason == UNREADABLE_REASON
    assert isinstance(check_legible(page_of("(cid:1)", "abcdef"), settings), PageContent)


def test_recovery_compares_declared_and_found_pages():
    intact = recovery(Structure(declared_pages=5, tree_pages=5), found=5)
    assert not intact.missing and intact.file_warning() is None and intact.action_warning() is None
    short = recovery(Structure(declared_pages=5, tree_pages=3), found=3)
    assert list(short.missing) == [4, 5] and short.file_warning() and short.action_warning()
    scanned = recovery(Structure(declared_pages=None, tree_pages=0), found=4)
    assert not scanned.missing and scanned.action_warning() and scanned.file_warning()
    # /Count below the tree's leaves: pdfium reads the first /Count pages, in tree order
    understated = recovery(Structure(declared_pages=2, tree_pages=3), found=2)
    assert list(understated.missing) == [3]
    assert understated.file_warning() == "damaged file structure: 2 of 3 pages found; page 3 could not be read"
    assert understated.action_warning() is None
    # /Count above them: pdfium's last 2 pages fail in place; the pages read are not all the tree's
    overstated = recovery(Structure(declared_pages=5, tree_pages=3), found=5)
    assert not overstated.missing and overstated.file_warning() and overstated.action_warning()
