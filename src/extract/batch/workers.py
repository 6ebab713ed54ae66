"""Run each file's extraction in its own worker process, several at once.

Why a process per file: a PDF that hangs the parser, crashes it or balloons in memory (nested
compression can expand a small file enormously) must not stop the batch or the machine. Each
worker gets an address-space limit (`RunSettings.file_memory_mb`) and a wall-clock limit
(`RunSettings.file_timeout_s`) that restarts at every page finished, so a hang is caught while a
long brochure making steady progress is not; a worker that exceeds either, or dies, becomes a
`failed` row like any other bad file. Pages already extracted by other workers are never lost.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess

from extract.batch.cache import ResultCache
from extract.batch.pipeline import FileResult, ProgressCallback, extract_file
from extract.decisions import Decisions
from extract.inputs import InputFile
from extract.settings import Settings
from extract.stages.normalise import prepare

ResultCallback = Callable[[FileResult], None]
_POLL_S = 0.2  # how often the parent checks time limits while waiting for workers
_MB = 1024 * 1024
# Failures that depend on the machine or the limits, not on the file: never cached.
TRANSIENT_FAILURES = frozenset({"timeout", "crashed", "too-large", "unreadable"})


def worker_count(requested: int) -> int:
    """0 means one worker per CPU core."""
    return requested if requested > 0 else (os.cpu_count() or 1)


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * _MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _work(conn: Connection, item: InputFile, settings: Settings, decisions: Decisions | None) -> None:
    """Worker body: extract one file, sending page progress then the result through `conn`."""
    try:
        _limit_memory(settings.run.file_memory_mb)
        result = extract_file(item, settings, lambda file, number: conn.send(("page", file, number)), decisions)
    except MemoryError:
        result = FileResult.failed(item.name, f"memory limit exceeded ({settings.run.file_memory_mb} MB)", "too-large")
    conn.send(("result", result.model_dump(mode="json")))
    conn.close()


@dataclass
class _Running:
    path: InputFile
    process: BaseProcess
    conn: Connection
    progressed: float  # when the worker started or last finished a page
    result: FileResult | None = None


def _context() -> ForkContext | SpawnContext:
    # fork starts a worker in milliseconds with the parent's imports; spawn elsewhere.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start(path: InputFile, settings: Settings, decisions: Decisions | None) -> _Running:
    parent, child = _context().Pipe(duplex=False)
    process = _context().Process(target=_work, args=(child, path, settings, decisions), daemon=True)
    process.start()
    child.close()
    return _Running(path, process, parent, time.monotonic())


def _receive(job: _Running, on_page: ProgressCallback | None) -> bool:
    """Read every pending message; True when the worker is finished (result or closed pipe)."""
    try:
        while job.conn.poll():
            kind, *payload = job.conn.recv()
            if kind == "page":
                job.progressed = time.monotonic()
                if on_page:
                    on_page(*payload)
            elif kind == "result":
                job.result = FileResult.model_validate(payload[0])
                return True
    except (EOFError, OSError):
        return True
    return False


def _finish(job: _Running, settings: Settings, timed_out: bool) -> FileResult:
    """The worker's result, or a failed row saying how the worker ended."""
    if timed_out:
        job.process.kill()
    job.process.join()
    job.conn.close()
    if job.result is not None:
        return job.result
    if timed_out:
        return FileResult.failed(
            job.path.name, f"timed out: no page finished in {settings.run.file_timeout_s:g} s", "timeout"
        )
    code = job.process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return FileResult.failed(job.path.name, f"worker crashed ({how}; out of memory?)", "crashed")


def run_files(
    files: Sequence[InputFile],
    settings: Settings,
    decisions: Decisions | None = None,
    on_page: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Extract `files` over worker processes; results in input order, cached when possible."""
    results: dict[InputFile, FileResult] = {}
    pending: list[InputFile] = []
    for path in files:
        hit = cache.get(path) if cache else None
        if hit is not None:
            results[path] = hit
            if on_result:
                on_result(hit)
        else:
            pending.append(path)
    running: list[_Running] = []
    limit = worker_count(settings.run.workers)
    if pending:
        prepare(settings.match)
    while pending or running:
        while pending and len(running) < limit:
            running.append(_start(pending.pop(0), settings, decisions))
        wait([job.conn for job in running], timeout=_POLL_S)
        for job in list(running):
            done = _receive(job, on_page)
            timed_out = not done and time.monotonic() - job.progressed > settings.run.file_timeout_s
            if done or timed_out:
                running.remove(job)
                result = _finish(job, settings, timed_out)
                results[job.path] = result
                if cache and (result.failure is None or result.failure.kind not in TRANSIENT_FAILURES):
                    cache.put(job.path, result)
                if on_result:
                    on_result(result)
    return [results[path] for path in files]
