"""Worker processes: isolation (time, memory, crashes), parallel files, cache."""

import os
import shutil
import time

import pytest

from extract.batch import workers
from extract.batch.cache import ResultCache
from extract.batch.run import run_extract
from extract.inputs import InputFile, collect_inputs, slug
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


# --- long files split by page range ----------------------------------------------------------


def long_pdf(path, copies: int):
    """The sample repeated `copies` times in one file."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    for _ in range(copies):
        src = pypdfium2.PdfDocument(SAMPLE_PDF)
        out.import_pages(src)
        src.close()
    out.save(path)
    out.close()
    return path


@pytest.mark.parametrize(
    "count, parts, min_pages, ranges",
    [
        (100, 2, 40, [(1, 50), (51, 100)]),
        (101, 2, 40, [(1, 51), (52, 101)]),
        (79, 2, 40, [(1, 79)]),
        (500, 3, 40, [(1, 167), (168, 334), (335, 500)]),
        (0, 2, 40, [(1, 1)]),
        (100, 1, 40, [(1, 100)]),
    ],
)
def test_page_ranges(count, parts, min_pages, ranges):
    from extract.stages.document import page_ranges

    got = page_ranges(count, parts, min_pages)
    assert got == ranges
    assert sum(last - first + 1 for first, last in got) == max(count, 1)


def test_long_file_split_across_workers_equals_one_worker(tmp_path):
    path = long_pdf(tmp_path / "long.pdf", 3)
    totals: list[tuple[str, int]] = []
    one = workers.run_files([path], with_run(workers=1, split_min_pages=20))
    split = workers.run_files(
        [path], with_run(workers=2, split_min_pages=20), on_total=lambda f, n: totals.append((f, n))
    )
    assert totals == [("long.pdf", 57)]
    assert [p.page for p in split[0].pages] == list(range(1, 58))
    assert split[0].model_dump() == one[0].model_dump() and len(split[0].actions) == 45


def test_plan_hands_back_ranges_with_one_context(tmp_path):
    path = long_pdf(tmp_path / "long.pdf", 3)
    item = InputFile(path, path.name, slug(path.name))
    head, others, context = workers.plan(workers.Job(item), with_run(workers=3, split_min_pages=19))
    assert (head.first, head.last) == (1, 19) and [(j.first, j.last) for j in others] == [(20, 38), (39, 57)]
    assert {j.context for j in [head, *others]} == {context} and context.page_count == 57


def _gc_state_after_tuning(conn) -> None:
    import gc

    workers._tune_gc()
    conn.send((gc.get_threshold()[0], gc.get_freeze_count()))
    conn.close()


def test_worker_freezes_inherited_objects_and_raises_the_young_gc_threshold():
    """Run in a worker process, never in the test process itself."""
    context = workers._context()
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_gc_state_after_tuning, args=(child,))
    process.start()
    threshold, frozen = parent.recv()
    process.join()
    assert threshold == workers.WORKER_GC_ALLOCATIONS and frozen > 0


def test_every_reader_has_a_module_the_parent_imports_before_forking():
    import importlib

    from extract.settings import READ_ENGINES

    assert set(workers.READER_MODULES) == set(READ_ENGINES)
    for module in workers.READER_MODULES.values():
        importlib.import_module(module)
