"""The output set through the CLI: one unit, a lock, no stale files, umask permissions, a full
disk, empty inputs, and an up-to-date stamp that sees extra files."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from extract.batch import outputs
from extract.cli import main
from tests.helpers import SAMPLE_PDF, kill, snapshot, start_paused_run, wait_for_marker

FILE_SIZE_LIMIT = 40_000  # bytes: below actions.json of the sample (about 74 kB)
RUN_TIMEOUT_S = 300


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extract", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, **kwargs)


def test_files_the_run_did_not_produce_are_removed(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--xlsx", "--no-cache"]) == 0
    (out / "notes.txt").write_text("left by hand", encoding="utf-8")
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 0
    fresh = tmp_path / "fresh"
    assert main(["extract", str(SAMPLE_PDF), "--out", str(fresh), "-q", "--no-cache"]) == 0
    assert snapshot(out) == snapshot(fresh)


def test_stamp_sees_an_extra_file(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--cache-dir", str(cache)]
    assert main(args) == 0
    (out / "actions.xlsx").write_bytes(b"from an older run")
    assert main(args) == 0
    assert "actions.xlsx" not in snapshot(out)


def test_outputs_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path / "out"), "-q", "--no-cache"]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o750
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir()} == {0o640}


def test_empty_input_is_a_usage_error_and_touches_nothing(tmp_path, capsys):
    out, empty = tmp_path / "out", tmp_path / "empty"
    empty.mkdir()
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 0
    before = snapshot(out)
    assert main(["extract", str(empty), "--out", str(out), "-q", "--no-cache"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no PDF file found" in err[0] and "--allow-empty" in err[0]
    assert snapshot(out) == before
    assert main(["extract", str(empty), "--out", str(out), "-q", "--no-cache", "--allow-empty"]) == 0
    assert json.loads((out / "actions.json").read_text(encoding="utf-8"))["actions"] == []


def test_second_run_exits_2_naming_the_holder(tmp_path, capsys):
    out, inputs, marker = tmp_path / "out", tmp_path / "in", tmp_path / "marker"
    inputs.mkdir()
    shutil.copy(SAMPLE_PDF, inputs / "first.pdf")
    holder = start_paused_run(inputs, out, marker, "--no-cache")
    try:
        wait_for_marker(holder, marker)
        assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "in use by another brochure-extract run" in err[0]
        assert f"pid {holder.pid}" in err[0]
    finally:
        kill(holder)
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 0


def test_concurrent_runs_leave_one_whole_set(tmp_path):
    out = tmp_path / "out"
    runs = []
    for name in ("alpha", "beta"):
        inputs = tmp_path / name
        inputs.mkdir()
        shutil.copy(SAMPLE_PDF, inputs / f"{name}.pdf")
        command = [sys.executable, "-m", "extract", "extract", str(inputs), "--out", str(out), "-q", "--no-cache"]
        runs.append(subprocess.Popen(command, stderr=subprocess.PIPE, text=True))
    codes = [run.wait(timeout=RUN_TIMEOUT_S) for run in runs]
    for run in runs:
        run.stderr.close()
    assert set(codes) <= {0, 2} and 0 in codes
    actions = json.loads((out / "actions.json").read_text(encoding="utf-8"))["actions"]
    files = {a["source"]["file"] for a in actions}
    assert len(files) == 1
    [name] = files
    pages = (out / "pages.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert {row.split(",")[0] for row in pages} == {name}
    assert all(row.startswith(name.removesuffix(".pdf")) for row in (out / "actions.csv").read_text().splitlines()[1:])


def _small_file_limit() -> None:  # runs in the child before exec: a disk that fills up
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_full_disk_keeps_the_previous_set(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q", "--no-cache"]) == 0
    before = snapshot(out)
    other = tmp_path / "renamed.pdf"
    shutil.copy(SAMPLE_PDF, other)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = run_cli("extract", str(other), "--out", str(out), "-q", "--no-cache", preexec_fn=_small_file_limit, env=env)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write outputs" in lines[0] and "previous output left" in lines[0]
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == [".out.lock"]
    assert Path(other).exists()


def test_swap_without_an_exchange_call_and_restore_after_a_kill_mid_swap(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "actions.json").write_text("old", encoding="utf-8")
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)  # systems without renameat2
    hashes = outputs.publish(out, lambda folder: (folder / "actions.json").write_text("new", encoding="utf-8"))
    assert snapshot(out) == {"actions.json": b"new"} and set(hashes) == {"actions.json"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    # A run killed between its two renames left the old set aside and no `out`: put back.
    aside = tmp_path / ".out.old-123"
    out.rename(aside)
    (tmp_path / ".out.staging-abc").mkdir()
    outputs.clear_leftovers(out)
    assert snapshot(out) == {"actions.json": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_publish_flushes_every_file_and_returns_the_hash_of_its_bytes(tmp_path, monkeypatch):
    import hashlib

    flushed: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(outputs.os, "fsync", fsync)
    contents = {f"f{i}.txt": f"content {i}\n" * i for i in range(outputs.SYNC_THREADS_MAX + 3)}

    def write(folder: Path) -> None:
        for name, text in contents.items():
            (folder / name).write_text(text, encoding="utf-8")

    hashes = outputs.publish(tmp_path / "out", write)
    assert sorted(flushed) == sorted(contents)
    assert hashes == {n: hashlib.sha256(t.encode()).hexdigest() for n, t in contents.items()}
    assert {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()} == contents
