"""A batch run: inputs -> extract each file (worker processes, cache) -> write outputs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import DEFAULT_CACHE_DIR, ResultCache, context_fingerprint
from .decisions import load_decisions
from .models import Action, PageRecord
from .normalise import review_rows
from .pipeline import FileResult, ProgressCallback, collect_inputs
from .settings import Settings
from .workers import run_files
from .write import CsvFormat, write_outputs

DECISIONS_FILE = "decisions.csv"


@dataclass
class RunSummary:
    """Counts of one run, for the closing line and the exit code."""

    files: int = 0
    pages: int = 0
    actions: int = 0
    skipped: int = 0
    failed_pages: int = 0
    cached_files: int = 0
    failed_files: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def format_line(self, out: Path) -> str:
        line = (f"{self.files} file(s), {self.pages} page(s): {self.actions} action(s), "
                f"{self.skipped} skipped, {self.failed_pages} failed page(s)")
        if self.failed_files:
            line += f", {len(self.failed_files)} failed file(s)"
        if self.cached_files:
            line += f" ({self.cached_files} file(s) from cache)"
        return f"{line} -> {out}/"


def default_decisions(paths: Sequence[Path]) -> Path | None:
    """`decisions.csv` beside the first input folder (e.g. next to raw/), when it exists."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder.resolve().parent / DECISIONS_FILE
        if candidate.is_file():
            return candidate
    return None


def summarise(results: Sequence[FileResult]) -> tuple[list[Action], list[PageRecord], RunSummary]:
    """All actions and page records of a batch, with their counts."""
    actions = [a for r in results for a in r.actions]
    pages = [p for r in results for p in r.pages]
    summary = RunSummary(
        files=len(results), pages=sum(1 for p in pages if p.page > 0), actions=len(actions),
        skipped=sum(1 for p in pages if p.status == "skipped"),
        failed_pages=sum(1 for p in pages if p.status == "failed" and p.page > 0),
        failed_files=[r.file for r in results if r.failure is not None])
    return actions, pages, summary


def failure_messages(result: FileResult) -> list[str]:
    """One line per failed file or page, naming the file (and page)."""
    lines = [f"{p.file} page {p.page}: {p.reason}" for p in result.pages if p.status == "failed" and p.page > 0]
    if result.failure is not None:
        lines.append(f"{result.failure.file}: {result.failure.reason}")
    return lines


def run_extract(paths: Sequence[Path], out: Path, settings: Settings | None = None,
                on_page: ProgressCallback | None = None, excel: bool = False, xlsx: bool = False,
                decisions: Path | None = None, on_failure: Callable[[str], None] | None = None,
                cache_dir: Path | None = DEFAULT_CACHE_DIR, workers: int | None = None,
                on_file: Callable[[FileResult], None] | None = None) -> RunSummary:
    """Extract every PDF under `paths` into `out`; failures are recorded, never fatal to the batch."""
    settings = settings or Settings()
    if workers is not None:
        settings = dataclasses.replace(settings, run=dataclasses.replace(settings.run, workers=workers))
    files = collect_inputs(paths)
    pinned = load_decisions(decisions or default_decisions(paths))
    cache = ResultCache(cache_dir, context_fingerprint(settings.fingerprint(), pinned)) if cache_dir else None
    cached = 0

    def finished(result: FileResult) -> None:
        for line in failure_messages(result):
            if on_failure:
                on_failure(line)
        if on_file:
            on_file(result)

    results = run_files(files, settings, pinned, on_page=on_page, on_result=finished, cache=cache)
    if cache:
        cached = cache.hits
    actions, pages, summary = summarise(results)
    summary.cached_files = cached
    fmt = CsvFormat.excel() if excel else CsvFormat()
    summary.written = write_outputs(out, actions, pages, review_rows(actions), fmt=fmt, xlsx=xlsx)
    return summary
