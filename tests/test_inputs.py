"""Inputs: names relative to the input folder, ids unique in any batch, only regular files read,
file names that are not UTF-8."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.cli import main
from extract.inputs import collect_inputs, display_name, slug, unique_stems
from tests.helpers import SAMPLE_PDF

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
FIFO_TIMEOUT_S = 60  # a hang would be the bug; the check itself takes under a second


def read_outputs(out: Path) -> tuple[list[dict], list[dict]]:
    actions = json.loads((out / "actions.json").read_text(encoding="utf-8"))["actions"]
    pages = list(csv.DictReader(io.StringIO((out / "pages.csv").read_text(encoding="utf-8"))))
    return actions, pages


def test_same_names_in_folders_and_slug_twins_get_unique_ids(tmp_path):
    inputs = tmp_path / "in"
    for name in ("2023/brochure.pdf", "2024/brochure.pdf", "a b.pdf", "a-b.pdf", SAMPLE_PDF.name):
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_PDF, inputs / name)
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--no-cache", "--workers", "2"]) == 0
    actions, pages = read_outputs(out)
    ids = [a["id"] for a in actions]
    assert len(ids) == len(set(ids)) == 5 * 15
    keys = Counter((p["file"], p["page"]) for p in pages)
    assert max(keys.values()) == 1
    files = {a["source"]["file"] for a in actions}
    assert files == {"2023/brochure.pdf", "2024/brochure.pdf", "a b.pdf", "a-b.pdf", SAMPLE_PDF.name}
    by_file = {a["source"]["file"]: a["id"] for a in actions if a["source"]["page"] == 3}
    assert by_file[SAMPLE_PDF.name] == "actions-ciblees-fr-p003"  # today's ids at the root
    assert by_file["a-b.pdf"] == "a-b-p003"  # the name that is its own slug keeps it
    assert by_file["a b.pdf"].startswith("a-b-") and by_file["a b.pdf"] != "a-b-p003"
    assert by_file["2023/brochure.pdf"] == "2023-brochure-p003"


@given(st.lists(st.text(alphabet="aB -_./é1", min_size=1, max_size=8), min_size=1, max_size=12, unique=True))
def test_stems_are_unique_for_any_names(names):
    pairs = [(f"{n}.pdf", f"{n}.pdf".encode()) for n in names]
    pairs.append((f"{names[0]}.PDF", f"{names[0]}.PDF".encode()))  # differs only by the extension
    stems = unique_stems(pairs)
    assert len(set(stems)) == len(stems)
    own = [(n, s) for (n, _), s in zip(pairs, stems) if n.removesuffix(".pdf") == slug(n)]
    assert all(stem == slug(name) for name, stem in own)  # names that are their own slug keep it


def test_same_name_under_two_inputs_is_a_usage_error(tmp_path, capsys):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLE_PDF, tmp_path / folder / "brochure.pdf")
    args = ["extract", str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(tmp_path / "out"), "-q"]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "brochure.pdf: found under two inputs" in err[0]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_only_regular_files_are_read(tmp_path, kind):
    path = Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "pipe.pdf"
        os.mkfifo(path)
    command = [sys.executable, "-m", "extract", "extract", str(path), "--out", str(tmp_path / "out"), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=FIFO_TIMEOUT_S)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("not a regular file (only PDF files are read)")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_fifo_inside_a_folder_is_passed_over(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.pdf")
    shutil.copy(SAMPLE_PDF, inputs / "good.pdf")
    assert [f.name for f in collect_inputs([inputs])] == ["good.pdf"]


def test_file_names_that_are_not_utf8_or_hold_control_characters(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    raw_names = [b"caf\xe9.pdf", b"tab\x01name.pdf"]
    for raw in raw_names:
        shutil.copy(SAMPLE_PDF, os.path.join(os.fsencode(inputs), raw))
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "extract", "extract", str(inputs), "--out", str(out), "-q", "--no-cache", "--xlsx"],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    actions, pages = read_outputs(out)
    assert {a["source"]["file"] for a in actions} == {"caf\\xe9.pdf", "tab\\x01name.pdf"}
    assert {display_name(raw) for raw in raw_names} == {p["file"] for p in pages}
    for path in [*out.glob("*.csv"), *out.glob("*.json")]:
        data = path.read_bytes()
        data.decode("utf-8")  # every text output is valid UTF-8
        assert not any(byte < 0x20 and byte not in b"\n\r" for byte in data), path.name
    import openpyxl

    book = openpyxl.load_workbook(out / "actions.xlsx")
    texts = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "tab\\x01name.pdf" in texts and not [t for t in texts if CONTROL.search(t)]
