"""A run killed inside its write phase leaves the previous output set whole; a re-run gives the
same bytes.

The kill lands inside the writer: the test hook `files.PAUSE_ENV` makes the first output file
written signal the test and wait, and the test then kills the whole process group (SIGKILL: no
clean-up possible). Written file by file into `--out`, the folder would then hold the new
`actions.json` beside the old CSVs; staged and swapped in as a unit, it holds the old set.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

from extract.cli import main
from tests.helpers import FIXTURES, SAMPLE_PDF, kill, snapshot, start_paused_run, wait_for_marker


def test_kill_inside_the_write_phase_leaves_the_previous_set(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache", "--xlsx"]) == 0
    before = snapshot(out)
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE_PDF, inputs / "other-name.pdf")  # different ids: every output file changes
    marker = tmp_path / "in-write-phase"

    proc = start_paused_run(inputs, out, marker, "--no-cache")
    try:
        wait_for_marker(proc, marker)
    finally:
        kill(proc)
    assert proc.returncode == -signal.SIGKILL
    assert Path(marker.read_text(encoding="utf-8")).name == "actions.json"  # killed after writing a file
    assert snapshot(out) == before

    # The next run clears the leftovers beside --out and writes the new set, without the old xlsx.
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 0
    assert "other-name-p003" in (out / "actions.csv").read_text(encoding="utf-8")
    assert "actions.xlsx" not in snapshot(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")) == [".out.lock"]


def test_rerun_gives_identical_bytes(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE_PDF, inputs / SAMPLE_PDF.name)
    shutil.copy(FIXTURES / "corpus" / "pdfjs_hello_world_rotated.pdf", inputs)
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4\ntruncated")
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 1
    first = snapshot(out)
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 1
    assert snapshot(out) == first
