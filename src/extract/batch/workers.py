"""Run each file's extraction in its own worker process, several at once; long files in ranges.

Why a process per file: a PDF that hangs the parser, crashes it or balloons in memory (nested
compression can expand a small file enormously) must not stop the batch or the machine. Each
worker gets an address-space limit (`RunSettings.file_memory_mb`) and a wall-clock limit
(`RunSettings.file_timeout_s`) that restarts at every page finished, so a hang is caught while a
long brochure making steady progress is not; a worker that exceeds either, or dies, becomes a
`failed` row like any other bad file. Pages already extracted by other workers are never lost.

Long files: the worker that opens a file first computes its `DocumentContext` (page count, and
whatever a per-document pass learns) and reports the page count (the progress total). When the
file has enough pages and there are several workers, it keeps the first page range and hands
the others back to the parent, which runs them next on free workers with the same context; the
parts are merged in page order. Nothing in the parent opens a PDF.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from extract.batch.cache import ResultCache
from extract.batch.pipeline import FileResult, ProgressCallback, extract_file, merge_parts
from extract.decisions import Decisions
from extract.inputs import InputFile, slug
from extract.settings import Settings
from extract.stages.document import DocumentContext, document_context, page_ranges, with_structure
from extract.stages.normalise import prepare

ResultCallback = Callable[[FileResult], None]
TotalCallback = Callable[[str, int], None]
_POLL_S = 0.2  # how often the parent checks time limits while waiting for workers
_MB = 1024 * 1024
# A worker's young-generation GC threshold (Python's default: 700 net allocations). Pages make
# millions of short-lived objects but little cyclic garbage: at 700 the collector ran ~1,000
# times on 200 pages (~5 % of the CPU); at this value a few times, with the same peak memory.
WORKER_GC_ALLOCATIONS = 10_000
# Each reader's module: imported by the parent before the first worker forks, so that no worker
# (one per file or page range) imports the PDF library again.
READER_MODULES = {"pdfium": "extract.stages.read.pdfium", "pdfplumber": "extract.stages.read.plumber"}
# Failures that depend on the machine or the limits, not on the file: never cached.
TRANSIENT_FAILURES = frozenset({"timeout", "crashed", "too-large", "unreadable"})


@dataclass(frozen=True)
class Job:
    """One file, or one page range of it (`last` None: to the end) with its document's context."""

    item: InputFile
    first: int = 1
    last: int | None = None
    context: DocumentContext | None = None

    @property
    def is_head(self) -> bool:
        """The whole file, context not yet known: this job may split it."""
        return self.context is None


def as_input(item: InputFile | Path) -> InputFile:
    """An input file; a plain path is named by its file name."""
    return item if isinstance(item, InputFile) else InputFile(item, item.name, slug(item.name))


def worker_count(requested: int) -> int:
    """0 means one worker per CPU core."""
    return requested if requested > 0 else (os.cpu_count() or 1)


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * _MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _tune_gc() -> None:
    """In a fresh worker: what it inherited from the parent (modules, catalog, matcher) is frozen,
    never scanned again, and young collections run every `WORKER_GC_ALLOCATIONS` allocations."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(WORKER_GC_ALLOCATIONS, middle, old)


def plan(job: Job, settings: Settings) -> tuple[Job, list[Job], DocumentContext]:
    """A head job's own first range, the other ranges to hand back, and the document context
    they all share."""
    context = document_context(job.item.path, settings)
    parts = worker_count(settings.run.workers) if settings.run.split_min_pages > 0 else 1
    ranges = page_ranges(context.page_count, parts, settings.run.split_min_pages)
    if len(ranges) == 1:
        return replace(job, context=context), [], context
    context = with_structure(context, job.item.path)  # whole-file checks run after the merge
    jobs = [Job(job.item, first, last, context) for first, last in ranges]
    return jobs[0], jobs[1:], context


def _work(conn: Connection, job: Job, settings: Settings, decisions: Decisions | None) -> None:
    """Worker body: plan a head job, extract, sending progress then the result through `conn`."""
    try:
        _tune_gc()
        _limit_memory(settings.run.file_memory_mb)
        if job.is_head:
            job, others, context = plan(job, settings)
            conn.send(("total", job.item.name, context.page_count))
            if others:
                conn.send(("split", [(j.first, j.last) for j in others], context.to_dict()))
        result = extract_file(
            job.item,
            settings,
            lambda file, number: conn.send(("page", file, number)),
            decisions,
            pages=(job.first, job.last),
            context=job.context,
        )
    except MemoryError:
        result = FileResult.failed(
            job.item.name, f"memory limit exceeded ({settings.run.file_memory_mb} MB)", "too-large"
        )
    conn.send(("result", result))  # pickled as is: no dump to JSON and validation again
    conn.close()


@dataclass
class _Running:
    job: Job
    process: BaseProcess
    conn: Connection
    progressed: float  # when the worker started or last finished a page
    result: FileResult | None = None
    split: list[Job] | None = None


def _context() -> ForkContext | SpawnContext:
    # fork starts a worker in milliseconds with the parent's imports; spawn elsewhere.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start(job: Job, settings: Settings, decisions: Decisions | None) -> _Running:
    parent, child = _context().Pipe(duplex=False)
    process = _context().Process(target=_work, args=(child, job, settings, decisions), daemon=True)
    process.start()
    child.close()
    return _Running(job, process, parent, time.monotonic())


def _receive(run: _Running, on_page: ProgressCallback | None, on_total: TotalCallback | None) -> bool:
    """Read every pending message; True when the worker is finished (result or closed pipe)."""
    try:
        while run.conn.poll():
            kind, *payload = run.conn.recv()
            if kind == "page":
                run.progressed = time.monotonic()
                if on_page:
                    on_page(*payload)
            elif kind == "total" and on_total:
                on_total(*payload)
            elif kind == "split":
                ranges, context = payload
                context = DocumentContext.from_dict(context)
                run.split = [Job(run.job.item, first, last, context) for first, last in ranges]
            elif kind == "result":
                run.result = payload[0]
                return True
    except (EOFError, OSError):
        return True
    return False


def _finish(run: _Running, settings: Settings, timed_out: bool) -> FileResult:
    """The worker's result, or a failed row saying how the worker ended."""
    if timed_out:
        run.process.kill()
    run.process.join()
    run.conn.close()
    if run.result is not None:
        return run.result
    name = run.job.item.name
    if timed_out:
        return FileResult.timed_out(name, settings.run.file_timeout_s)
    code = run.process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return FileResult.crashed(name, how)


def run_files(
    files: Sequence[InputFile | Path],
    settings: Settings,
    decisions: Decisions | None = None,
    on_page: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    cache: ResultCache | None = None,
    on_total: TotalCallback | None = None,
    after_start: Callable[[], None] | None = None,
) -> list[FileResult]:
    """Extract `files` over worker processes; results in input order, cached when possible.

    `after_start` runs once in the parent after the first workers started (work that can overlap
    theirs: never in a thread, as workers are forked)."""
    results: dict[InputFile, FileResult] = {}
    pending: list[Job] = []
    for item in map(as_input, files):  # plain paths are accepted too (tests, tools)
        hit = cache.get(item) if cache else None
        if hit is not None:
            results[item] = hit
            if on_result:
                on_result(hit)
        else:
            pending.append(Job(item))
    parts: dict[InputFile, dict[int, FileResult | None]] = {}  # per file: first page -> range result
    contexts: dict[InputFile, DocumentContext] = {}  # of the files split into ranges
    running: list[_Running] = []
    limit = worker_count(settings.run.workers)
    if pending:  # what every worker needs, done once here and inherited
        prepare(settings.match)
        importlib.import_module(READER_MODULES[settings.read.engine])
    while pending or running:
        while pending and len(running) < limit:
            running.append(_start(pending.pop(0), settings, decisions))
        if after_start:
            after_start()
            after_start = None
        wait([run.conn for run in running], timeout=_POLL_S)
        for run in list(running):
            done = _receive(run, on_page, on_total)
            if run.split:  # ranges of a long file go first: the file finishes sooner
                pending[:0] = run.split
                parts.setdefault(run.job.item, {}).update({j.first: None for j in run.split})
                context = run.split[0].context
                if context is not None:
                    contexts[run.job.item] = context
                run.split = []
            timed_out = not done and time.monotonic() - run.progressed > settings.run.file_timeout_s
            if not (done or timed_out):
                continue
            running.remove(run)
            file_parts = parts.setdefault(run.job.item, {})
            file_parts[run.job.first] = _finish(run, settings, timed_out)
            done_parts = [file_parts[first] for first in sorted(file_parts)]
            if None in done_parts:
                continue  # other ranges of this file still to come
            result = merge_parts([p for p in done_parts if p is not None], contexts.get(run.job.item))
            results[run.job.item] = result
            if cache and (result.failure is None or result.failure.kind not in TRANSIENT_FAILURES):
                cache.put(run.job.item, result)
            if on_result:
                on_result(result)
    return [results[as_input(f)] for f in files]
