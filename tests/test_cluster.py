"""`--scheduler`: files as tasks of a Dask cluster (two worker processes, started here) give the
same outputs, the same failed-file rows and the same time limit as local workers."""

from __future__ import annotations

import pytest

from extract.batch.run import run_extract
from extract.settings import ReadSettings, RunSettings, Settings
from tests.helpers import FIXTURES, SAMPLE_PDF

distributed = pytest.importorskip("distributed")

ENCRYPTED = FIXTURES / "corpus" / "pypdf_crazyones-encrypted-256.pdf"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


def with_run(**changes) -> Settings:
    """Run limits changed; the fast reader, so the tests stay short (readers agree: test_readers)."""
    return Settings(read=ReadSettings(engine="pdfium"), run=RunSettings(**changes))


def written(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_cluster_outputs_equal_local_ones(scheduler, tmp_path):
    inputs = [SAMPLE_PDF, ENCRYPTED]
    totals: list[tuple[str, int]] = []
    settings = with_run(workers=2)
    remote = run_extract(
        inputs, tmp_path / "remote", settings, cache_dir=None, scheduler=scheduler, on_total=lambda *t: totals.append(t)
    )
    local = run_extract(inputs, tmp_path / "local", settings, cache_dir=None)
    assert written(tmp_path / "remote") == written(tmp_path / "local")
    assert remote.failed_files == local.failed_files == [ENCRYPTED.name] and remote.actions == 15
    assert (SAMPLE_PDF.name, 19) in totals


def test_cluster_splits_a_long_file_like_local_workers(scheduler, tmp_path):
    settings = with_run(workers=2, split_min_pages=8)  # the sample's 19 pages in two ranges
    run_extract([SAMPLE_PDF], tmp_path / "remote", settings, cache_dir=None, scheduler=scheduler)
    run_extract([SAMPLE_PDF], tmp_path / "local", with_run(workers=1), cache_dir=None)  # one range
    assert written(tmp_path / "remote") == written(tmp_path / "local")
    assert (tmp_path / "remote" / "pages.csv").read_text(encoding="utf-8").count(SAMPLE_PDF.name) == 19


def test_cluster_time_limit_becomes_a_failed_row(scheduler, tmp_path):
    """A task that hangs (reading a FIFO nobody writes) becomes a `timeout` row; the batch goes on."""
    import os

    from extract.batch.cluster import run_files_on_cluster

    hang = tmp_path / "hang.pdf"
    os.mkfifo(hang)
    # 5 s: the sample's first pages must finish within the limit too, on a loaded CI machine
    hung, good = run_files_on_cluster([hang, SAMPLE_PDF], with_run(file_timeout_s=5.0), scheduler)
    assert hung.failure is not None and hung.failure.kind == "timeout"
    assert "timed out: no page finished in 5 s" in hung.failure.reason
    assert good.failure is None and len(good.actions) == 15


def test_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    from extract.batch import cluster
    from extract.cli import main

    monkeypatch.setattr(cluster, "_CONNECT_TIMEOUT_S", 1)
    code = main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert code == 2 and not any(tmp_path.iterdir())
