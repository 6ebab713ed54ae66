"""Run the extraction on a Dask distributed cluster (`--scheduler ADDRESS`), for archives that
outgrow one machine. Needs the optional extra: `pip install 'brochure-extract[dask]'`.

Each file is one task, and a long file's other page ranges are tasks too, exactly as with local
workers (`workers.plan`): same outputs, same failed-file rows. The limits keep their meaning:
- time: a task that finishes no page for `[run] file_timeout_s` becomes a `timeout` row; its
  future is cancelled and its worker restarted (a hung parser thread cannot be stopped otherwise);
- crash: a task whose worker dies more often than Dask allows (`KilledWorker`) becomes a
  `crashed` row; memory: Dask's per-worker memory limit restarts a ballooning worker likewise.
Tasks report progress (start, page count, pages, split ranges) as Dask events; the client turns
them into the same callbacks as local workers. Dask does the scheduling: no cluster code here.
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extract.batch.cache import ResultCache
from extract.batch.pipeline import FileResult, ProgressCallback, extract_file, merge_parts
from extract.batch.workers import TRANSIENT_FAILURES, Job, ResultCallback, TotalCallback, as_input, plan
from extract.decisions import Decisions
from extract.errors import UsageError
from extract.inputs import InputFile
from extract.settings import Settings
from extract.stages.document import DocumentContext

TOPIC = "brochure-extract"
_POLL_S = 0.2  # how often the client checks time limits and events
_CONNECT_TIMEOUT_S = 10  # a scheduler that does not answer in this time is a usage error


def _emit(key: str, kind: str, *payload: Any) -> None:
    from distributed import get_worker

    get_worker().log_event(TOPIC, (key, kind, *payload))


def extract_task(key: str, job: Job, settings: Settings, decisions: Decisions | None) -> dict:
    """The task run on a Dask worker: plan a head job, extract, report progress as events.

    Returns the result and, for a head job, the ranges it handed back (events may arrive after
    the result: the client submits the ranges from whichever comes first)."""
    from distributed import get_worker

    from extract.stages.normalise import prepare

    _emit(key, "start", get_worker().address)
    prepare(settings.match)
    split: list[tuple[int, int | None]] = []
    if job.is_head:
        job, others, context = plan(job, settings)
        split = [(j.first, j.last) for j in others]
        _emit(key, "total", job.item.name, context.page_count)
        if split:
            _emit(key, "split", split, context.to_dict())
    result = extract_file(
        job.item,
        settings,
        lambda file, number: _emit(key, "page", file, number),
        decisions,
        pages=(job.first, job.last),
        context=job.context,
    )
    shared = job.context.to_dict() if job.context else None
    return {"result": result.model_dump(mode="json"), "split": split, "context": shared}


def connect(address: str) -> Any:
    """A Dask client of the scheduler at `address`; UsageError when Dask is missing or the
    scheduler does not answer."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError("--scheduler needs Dask: pip install 'brochure-extract[dask]'") from exc
    try:
        return Client(address, timeout=_CONNECT_TIMEOUT_S)
    except OSError as exc:
        raise UsageError(f"--scheduler {address}: cannot connect ({exc})") from exc


class _Tasks:
    """The client's view of the tasks: futures, when each last progressed, parts per file."""

    def __init__(self, client: Any, settings: Settings, decisions: Decisions | None) -> None:
        self.client, self.settings, self.decisions = client, settings, decisions
        self.futures: dict[str, tuple[Any, Job]] = {}
        # key -> (when the task started or last finished a page, by the worker's clock; its address)
        self.started: dict[str, tuple[float, str]] = {}
        self.parts: dict[InputFile, dict[int, FileResult | None]] = {}
        self.contexts: dict[InputFile, DocumentContext] = {}  # of the files split into ranges
        self.submitted = 0
        self.split_done: set[str] = set()  # head tasks whose ranges were submitted
        self.events: queue.Queue = queue.Queue()  # filled by Dask's event thread

    def submit(self, job: Job) -> None:
        key = f"extract-{self.submitted}-{job.item.name}-{job.first}"
        self.submitted += 1
        future = self.client.submit(extract_task, key, job, self.settings, self.decisions, key=key, pure=False)
        self.futures[key] = (future, job)
        self.parts.setdefault(job.item, {})[job.first] = None

    def on_event(self, event: Any) -> None:
        """A Dask event (worker time, message), queued for the client's loop."""
        self.events.put(event)

    def drain(self, on_page: ProgressCallback | None, on_total: TotalCallback | None) -> None:
        while not self.events.empty():
            when, (key, kind, *payload) = self.events.get()
            if key not in self.futures:
                continue
            if kind in ("start", "page"):
                address = payload[0] if kind == "start" else self.started.get(key, (0, ""))[1]
                self.started[key] = (when, address)
            if kind == "page" and on_page:
                on_page(*payload)
            elif kind == "total" and on_total:
                on_total(*payload)
            elif kind == "split":
                self.split(key, self.futures[key][1].item, *payload)

    def split(self, key: str, item: InputFile, ranges: list, context: dict | None) -> None:
        """Submit the other ranges of a head task's file (once, from its event or its result)."""
        if key in self.split_done or not ranges:
            return
        self.split_done.add(key)
        self.contexts[item] = DocumentContext.from_dict(context or {})
        for first, last in ranges:
            self.submit(Job(item, first, last, self.contexts[item]))

    def timed_out(self) -> list[str]:
        limit = self.settings.run.file_timeout_s
        now = time.time()  # events carry the worker's wall clock: machines' clocks must agree
        return [k for k, (seen, _) in self.started.items() if k in self.futures and now - seen > limit]

    def outcome(self, key: str, timed_out: bool) -> tuple[Job, FileResult]:
        """The result of a finished (or abandoned) task, or its failed row."""
        future, job = self.futures.pop(key)
        name = job.item.name
        if timed_out:
            future.cancel()
            address = self.started.get(key, (0, ""))[1]
            with contextlib.suppress(Exception):  # best effort: frees the hung thread's worker
                self.client.restart_workers([address], raise_for_error=False)
            return job, FileResult.timed_out(name, self.settings.run.file_timeout_s)
        try:
            answer = future.result()
        except MemoryError:
            return job, FileResult.failed(name, "memory limit exceeded", "too-large")
        except Exception as exc:  # KilledWorker: the worker died on it, repeatedly
            return job, FileResult.crashed(name, type(exc).__name__)
        self.split(key, job.item, answer["split"], answer["context"])
        return job, FileResult.model_validate(answer["result"])


def run_files_on_cluster(
    files: Sequence[InputFile | Path],
    settings: Settings,
    address: str,
    decisions: Decisions | None = None,
    on_page: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    cache: ResultCache | None = None,
    on_total: TotalCallback | None = None,
    after_start: Callable[[], None] | None = None,
) -> list[FileResult]:
    """Extract `files` as tasks of the Dask scheduler at `address`; results in input order.
    `after_start` runs once after the tasks are submitted."""
    from distributed import wait

    results: dict[InputFile, FileResult] = {}
    client = connect(address)
    tasks = _Tasks(client, settings, decisions)
    try:
        client.subscribe_topic(TOPIC, tasks.on_event)
        for item in map(as_input, files):  # plain paths are accepted too
            hit = cache.get(item) if cache else None
            if hit is None:
                tasks.submit(Job(item))
            else:
                results[item] = hit
                if on_result:
                    on_result(hit)
        if after_start:
            after_start()
        while tasks.futures:
            with contextlib.suppress(TimeoutError):  # nothing finished: check events and limits
                wait([f for f, _ in tasks.futures.values()], timeout=_POLL_S, return_when="FIRST_COMPLETED")
            tasks.drain(on_page, on_total)
            finished = [(k, False) for k, (f, _) in tasks.futures.items() if f.done()]
            for key, timed_out in finished + [(k, True) for k in tasks.timed_out()]:
                if key not in tasks.futures:
                    continue
                job, part = tasks.outcome(key, timed_out)
                file_parts = tasks.parts[job.item]
                file_parts[job.first] = part
                done_parts = [file_parts[first] for first in sorted(file_parts)]
                if None in done_parts:
                    continue  # other ranges of this file still to come
                result = merge_parts([p for p in done_parts if p is not None], tasks.contexts.get(job.item))
                results[job.item] = result
                if cache and (result.failure is None or result.failure.kind not in TRANSIENT_FAILURES):
                    cache.put(job.item, result)
                if on_result:
                    on_result(result)
    finally:
        with contextlib.suppress(Exception):
            client.unsubscribe_topic(TOPIC)
        client.close()
    return [results[as_input(f)] for f in files]
