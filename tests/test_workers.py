"""Worker processes: isolation (time, memory, crashes), parallel files, cache."""

import os
import shutil
import time

import pytest

from extract.batch import workers
from extract.batch.cache import ResultCache
from extract.batch.run import run_extract
from extract.inputs import collect_inputs
from extract.settings import RunSettings, Settings
from tests.helpers import SAMPLE_PDF


def with_run(**changes) -> Settings:
    return Settings(run=RunSettings(**changes))


def test_time_limit_becomes_a_failed_row(monkeypatch):
    def hang(path, *args, **kwargs):
        time.sleep(60)  # a parser stuck on one page: no page finishes

    monkeypatch.setattr(workers, "extract_file", hang)
    [result] = workers.run_files(collect_inputs([SAMPLE_PDF]), with_run(file_timeout_s=0.5, workers=1))
    assert result.failure.kind == "timeout"
    assert "timed out: no page finished in 0.5 s" in result.rows()[-1].reason


def test_memory_limit_becomes_a_failed_row(monkeypatch):
    def balloon(path, *args, **kwargs):
        return bytearray(8 * 1024**3)  # what a decompression bomb does, far above the limit

    monkeypatch.setattr(workers, "extract_file", balloon)
    [result] = workers.run_files(collect_inputs([SAMPLE_PDF]), with_run(file_memory_mb=512, workers=1))
    assert result.failure.kind == "too-large"
    assert "memory limit exceeded (512 MB)" in result.rows()[-1].reason


def test_crashing_worker_does_not_stop_the_batch(monkeypatch, tmp_path):
    crasher = tmp_path / "crash.pdf"
    shutil.copy(SAMPLE_PDF, crasher)
    real = workers.extract_file

    def maybe_crash(path, *args, **kwargs):
        if path.name == "crash.pdf":
            os._exit(3)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workers, "extract_file", maybe_crash)
    good, crashed = workers.run_files(collect_inputs([crasher, SAMPLE_PDF]), with_run(workers=2))  # by name
    assert crashed.failure.kind == "crashed" and "exit code 3" in crashed.failure.reason
    assert len(good.actions) == 15


def test_parallel_results_equal_serial_in_input_order(tmp_path):
    copies = []
    for i in range(3):
        copies.append(tmp_path / f"copy{i}.pdf")
        shutil.copy(SAMPLE_PDF, copies[-1])
    serial = workers.run_files(collect_inputs(copies), with_run(workers=1))
    parallel = workers.run_files(collect_inputs(copies), with_run(workers=3))
    assert [r.model_dump() for r in serial] == [r.model_dump() for r in parallel]
    assert [r.file for r in parallel] == ["copy0.pdf", "copy1.pdf", "copy2.pdf"]


def test_cache_serves_unchanged_files_and_misses_on_new_settings(tmp_path):
    cache = ResultCache(tmp_path / "cache", "ctx")
    first = workers.run_files(collect_inputs([SAMPLE_PDF]), with_run(workers=1), cache=cache)
    assert cache.hits == 0
    again = workers.run_files(collect_inputs([SAMPLE_PDF]), with_run(workers=1), cache=cache)
    assert cache.hits == 1 and again[0].model_dump() == first[0].model_dump()
    other = ResultCache(tmp_path / "cache", "other settings")
    assert other.get(collect_inputs([SAMPLE_PDF])[0]) is None


def test_run_reports_cached_files_and_no_cache_bypasses(tmp_path):
    cache_dir = tmp_path / "cache"
    run_extract([SAMPLE_PDF], tmp_path / "a", cache_dir=cache_dir, workers=1)
    assert run_extract([SAMPLE_PDF], tmp_path / "b", cache_dir=cache_dir, workers=1).cached_files == 1
    assert run_extract([SAMPLE_PDF], tmp_path / "c", cache_dir=None, workers=1).cached_files == 0
    for name in ("actions.json", "pages.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_changed_setting_changes_cache_context():
    base = Settings()
    changed = base.model_copy(update={"layout": base.layout.model_copy(update={"column_gutter_min": 9.0})})
    assert base.fingerprint() != changed.fingerprint()


@pytest.mark.parametrize("requested, expected", [(2, 2), (0, os.cpu_count() or 1)])
def test_worker_count(requested, expected):
    assert workers.worker_count(requested) == expected


def test_unchanged_rerun_checks_outputs_and_stops(tmp_path):
    cache_dir, out = tmp_path / "cache", tmp_path / "out"
    first = run_extract([SAMPLE_PDF], out, cache_dir=cache_dir, workers=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run_extract([SAMPLE_PDF], out, cache_dir=cache_dir, workers=1)
    assert again.up_to_date and (again.actions, again.skipped) == (first.actions, first.skipped)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_touched_output_is_rewritten(tmp_path):
    cache_dir, out = tmp_path / "cache", tmp_path / "out"
    run_extract([SAMPLE_PDF], out, cache_dir=cache_dir, workers=1)
    good = (out / "actions.csv").read_bytes()
    (out / "actions.csv").write_text("edited by hand", encoding="utf-8")
    again = run_extract([SAMPLE_PDF], out, cache_dir=cache_dir, workers=1)
    assert not again.up_to_date and again.cached_files == 1
    assert (out / "actions.csv").read_bytes() == good


def test_edited_cache_entry_is_ignored_and_rewritten(tmp_path):
    cache_dir = tmp_path / "cache"
    first = run_extract([SAMPLE_PDF], tmp_path / "a", cache_dir=cache_dir, workers=1)
    [entry] = cache_dir.glob("*.json")
    sealed = entry.read_text(encoding="utf-8")
    entry.write_text(sealed.replace('"title": "ACMALS"', '"title": "EDITED"'), encoding="utf-8")
    assert entry.read_text(encoding="utf-8") != sealed
    again = run_extract([SAMPLE_PDF], tmp_path / "b", cache_dir=cache_dir, workers=1)
    assert again.cached_files == 0 and again.actions == first.actions
    assert b"EDITED" not in (tmp_path / "b" / "actions.json").read_bytes()
    assert entry.read_text(encoding="utf-8") == sealed  # rewritten
    assert run_extract([SAMPLE_PDF], tmp_path / "c", cache_dir=cache_dir, workers=1).cached_files == 1
