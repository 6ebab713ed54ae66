"""An interrupted run leaves the previous output intact; a re-run gives the same bytes.

Outputs are written only once every file is extracted, each through a temporary file renamed
over the old one. A run killed (SIGKILL: no clean-up possible) may leave a hidden temporary
file (`.name.*.tmp`) behind; it never replaces or shadows a real output.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from extract.cli import main
from tests.helpers import FIXTURES, SAMPLE_PDF

COPIES = 8  # enough work (~3 s a copy) that the run cannot finish before the kill
KILL_AFTER_S = 2.0
STARTUP_TIMEOUT_S = 60.0
TEMP_PREFIX = "."


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every visible output of `folder` (temporary files start with a dot)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(TEMP_PREFIX)}


def test_killed_run_leaves_previous_output_intact(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 0
    before = snapshot(out)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(COPIES):
        shutil.copy(SAMPLE_PDF, inputs / f"copy{i:02d}.pdf")

    command = [sys.executable, "-m", "extract", "extract", str(inputs), "--out", str(out), "-q", "--no-cache"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        time.sleep(KILL_AFTER_S)
        assert proc.poll() is None, f"run ended before the kill: {proc.stderr.read()!r}"
        os.killpg(proc.pid, signal.SIGKILL)  # the run and any worker process it started
    finally:
        proc.wait(timeout=STARTUP_TIMEOUT_S)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(out) == before


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
    assert not [p.name for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
