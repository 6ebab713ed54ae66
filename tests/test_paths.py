"""Every path of the command line is checked before any work: one line, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extract.batch import workers
from extract.cli import main
from tests.helpers import SAMPLE_PDF

COMMITTED_OUTPUT = Path(__file__).parent.parent / "output"


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch):
    """Any extraction here is a failure: the checks must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("extraction started before the paths were checked")

    monkeypatch.setattr(workers, "run_files", refuse)


def one_error(capsys) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def extract(tmp_path, *args: str) -> int:
    return main(["extract", str(SAMPLE_PDF), "-q", *args])


def test_out_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    assert extract(tmp_path, "--out", str(tmp_path / "out")) == 2
    assert "is a file, not a folder" in one_error(capsys)


def test_out_in_an_unwritable_place(tmp_path, capsys):
    assert extract(tmp_path, "--out", "/proc/brochure-extract-out") == 2
    assert "not a writable folder" in one_error(capsys)


def test_out_holding_a_folder_or_an_input_or_the_current_folder(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    assert extract(tmp_path, "--out", str(out)) == 2
    assert "holds the folder keep" in one_error(capsys)
    (out / "keep").rmdir()
    pdf = out / "input.pdf"
    pdf.write_bytes(SAMPLE_PDF.read_bytes())
    assert main(["extract", str(pdf), "--out", str(out), "-q"]) == 2
    assert "holds the input" in one_error(capsys)
    monkeypatch.chdir(out)
    assert extract(tmp_path, "--out", ".") == 2
    assert "current folder" in one_error(capsys)


@pytest.mark.parametrize("option", ["--decisions", "--settings"])
def test_missing_decisions_or_settings(tmp_path, capsys, option):
    assert extract(tmp_path, "--out", str(tmp_path / "out"), option, str(tmp_path / "missing.csv")) == 2
    assert one_error(capsys).endswith(f"{option} {tmp_path / 'missing.csv'}: no such file")
    assert not (tmp_path / "out").exists()


def test_cache_dir_is_a_file(tmp_path, capsys):
    (tmp_path / "cache").write_text("x", encoding="utf-8")
    assert extract(tmp_path, "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")) == 2
    assert "--cache-dir" in one_error(capsys)


def test_xlsx_without_openpyxl(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    assert extract(tmp_path, "--out", str(tmp_path / "out"), "--xlsx") == 2
    assert "install brochure-extract[xlsx]" in one_error(capsys)


def test_debug_out_in_a_missing_folder_or_a_folder(tmp_path, capsys):
    args = ["debug", str(SAMPLE_PDF), "--page", "3", "--out"]
    assert main([*args, str(tmp_path / "missing" / "page.png")]) == 2
    assert "does not exist" in one_error(capsys)
    assert main([*args, str(tmp_path)]) == 2
    assert "is a folder, not a file" in one_error(capsys)


def test_broken_pipe_ends_quietly(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text('{"schema_version": 1, "actions": []}', encoding="utf-8")
    command = [sys.executable, "-m", "extract", "diff", str(empty), str(COMMITTED_OUTPUT), "--json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader went away before the first line (`| head -0`)
    _, err = proc.communicate(timeout=120)
    assert err == b""
    assert proc.returncode == 1
