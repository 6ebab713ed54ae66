"""Helpers for tests that run the CLI in a subprocess and stop it inside its write phase."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from extract.files import PAUSE_ENV

WAIT_FOR_WRITE_S = 180.0  # the extraction before the write phase takes a few seconds a copy
POLL_S = 0.1


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of `folder`, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def start_paused_run(inputs: Path, out: Path, marker: Path, *extra: str) -> subprocess.Popen:
    """A CLI run in its own process group that stops inside the writer (see module docstring)."""
    command = [sys.executable, "-m", "extract", "extract", str(inputs), "--out", str(out), "-q", *extra]
    env = {**os.environ, PAUSE_ENV: str(marker)}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)


def wait_for_marker(proc: subprocess.Popen, marker: Path) -> None:
    deadline = time.monotonic() + WAIT_FOR_WRITE_S
    while not marker.exists():
        assert proc.poll() is None, f"run ended before its write phase: {proc.stderr.read()!r}"
        assert time.monotonic() < deadline, "the run never reached its write phase"
        time.sleep(POLL_S)


def kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)  # the run and any worker process it started
    proc.wait(timeout=WAIT_FOR_WRITE_S)
    proc.stderr.close()
