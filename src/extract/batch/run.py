"""A batch run: inputs -> extract each file (worker processes, cache) -> write outputs.

Heavy modules (the PDF parser, the matcher) are imported only when a file has to be extracted,
pandas only for `--xlsx`, so a re-run over unchanged inputs finishes in well under a second.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract import SCHEMA_VERSION
from extract.batch.cache import DEFAULT_CACHE_DIR, ResultCache, context_fingerprint
from extract.batch.outputs import output_lock, publish
from extract.decisions import load_decisions
from extract.errors import UsageError
from extract.inputs import InputFile, collect_inputs
from extract.settings import Settings

if TYPE_CHECKING:
    from extract.batch.pipeline import FileResult, ProgressCallback
    from extract.models import Action, PageRecord

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
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    up_to_date: bool = False
    warned: list[str] = field(default_factory=list)  # "file pN" of every action with warnings

    def format_warnings(self) -> str | None:
        """One line naming the pages whose action carries warnings, or None."""
        if not self.warned:
            return None
        return f"{len(self.warned)} page(s) with warnings (see actions.csv): {', '.join(self.warned)}"

    def format_line(self, out: Path) -> str:
        line = (
            f"{self.files} file(s), {self.pages} page(s): {self.actions} action(s), "
            f"{self.skipped} skipped, {self.failed_pages} failed page(s)"
        )
        if self.failed_files:
            line += f", {len(self.failed_files)} failed file(s)"
        if self.up_to_date:
            line += " (inputs unchanged: outputs already up to date)"
        elif self.cached_files:
            line += f" ({self.cached_files} file(s) from cache)"
        return f"{line} -> {out}/"

    def stamp(self) -> dict:
        """What an output stamp keeps to report an unchanged run without redoing it."""
        return {k: v for k, v in dataclasses.asdict(self).items() if k not in ("written", "up_to_date")}


def default_decisions(paths: Sequence[Path]) -> Path | None:
    """`decisions.csv` in the first input folder that has one (`raw/decisions.csv`), else beside
    it (`./decisions.csv`, where earlier versions looked); None when there is none."""
    folders = [(path if path.is_dir() else path.parent).resolve() for path in paths]
    for candidate in [f / DECISIONS_FILE for f in folders] + [f.parent / DECISIONS_FILE for f in folders]:
        if candidate.is_file():
            return candidate
    return None


def failure_messages(result: FileResult) -> list[str]:
    """One line per failed page or file, naming the file (and page)."""
    lines = [f"{p.file} page {p.page}: {p.reason}" for p in result.pages if p.status == "failed"]
    if result.failure is not None:
        lines.append(f"{result.file}: {result.failure.reason}")
    return lines


def _place(action: Action) -> tuple[str, int]:
    return (action.source.file, action.source.page)


def summarise(results: Sequence[FileResult]) -> tuple[list[Action], list[PageRecord], RunSummary]:
    """All actions and pages.csv rows of a batch, with their counts."""
    actions = [a for r in results for a in r.actions]
    pages = [p for r in results for p in r.pages]
    summary = RunSummary(
        files=len(results),
        pages=len(pages),
        actions=len(actions),
        skipped=sum(1 for p in pages if p.status == "skipped"),
        failed_pages=sum(1 for p in pages if p.status == "failed"),
        failed_files=[r.file for r in results if r.failure is not None],
        failures=[line for r in results for line in failure_messages(r)],
        warned=[f"{a.source.file} p{a.source.page}" for a in sorted(actions, key=_place) if a.warnings],
        warnings=[f"{r.file}: {warning}" for r in results for warning in r.warnings],
    )
    return actions, [row for r in results for row in r.rows()], summary


def run_extract(
    paths: Sequence[Path],
    out: Path,
    settings: Settings | None = None,
    on_page: ProgressCallback | None = None,
    excel: bool = False,
    xlsx: bool = False,
    decisions: Path | None = None,
    on_failure: Callable[[str], None] | None = None,
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    workers: int | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    allow_empty: bool = False,
    on_total: Callable[[str, int], None] | None = None,
    scheduler: str | None = None,
    sqlite: bool = False,
) -> RunSummary:
    """Extract every PDF under `paths` into `out` as one output set (see batch/outputs.py);
    failures are recorded, never fatal to the batch. No PDF at all is a usage error unless
    `allow_empty`: an empty set would replace a good one."""
    settings = settings or Settings()
    if workers is not None:
        settings = settings.model_copy(update={"run": settings.run.model_copy(update={"workers": workers})})
    files = collect_inputs(paths)
    if not files and not allow_empty:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError(f"no PDF file found in {shown} (nothing written; --allow-empty to write an empty output)")
    pinned = load_decisions(decisions or default_decisions(paths))
    cache = ResultCache(cache_dir, context_fingerprint(settings.fingerprint(), pinned)) if cache_dir else None
    batch = (
        cache.batch_key(files, f"schema={SCHEMA_VERSION};excel={excel};xlsx={xlsx};sqlite={sqlite}") if cache else ""
    )

    with output_lock(out):
        unchanged = cache.outputs_current(out, batch) if cache else None
        if unchanged is not None:
            summary = RunSummary(**{**unchanged, "cached_files": len(files)}, up_to_date=True)
        else:
            callbacks = (on_page, on_file, on_total)
            flags = (excel, xlsx, sqlite)  # the writer's options, built once the workers started
            summary = _extract_and_write(files, out, settings, pinned, cache, callbacks, scheduler, flags)
            if cache:
                cache.stamp_outputs(out, batch, summary.written, summary.stamp())
    for line in [*summary.warnings, *summary.failures]:
        if on_failure:
            on_failure(line)
    return summary


def _output_options(excel: bool, xlsx: bool, sqlite: bool):
    """What to write; imports the writer, so only after the first workers started (`_import_writer`)."""
    from extract.stages.write import CsvFormat, OutputOptions

    return OutputOptions(fmt=CsvFormat.excel() if excel else CsvFormat(), xlsx=xlsx, sqlite=sqlite)


def _import_writer() -> None:
    """Import the writer while the first workers run (pandas is not needed: `--xlsx` only)."""
    import extract.stages.write  # noqa: F401


def _extract_and_write(
    files: Sequence[InputFile], out: Path, settings, pinned, cache, callbacks, scheduler, flags
) -> RunSummary:
    from extract.batch.workers import run_files

    on_page, on_file, on_total = callbacks
    hooks = {"on_page": on_page, "on_result": on_file, "cache": cache, "on_total": on_total}
    hooks["after_start"] = _import_writer
    if scheduler:
        from extract.batch.cluster import run_files_on_cluster

        results = run_files_on_cluster(files, settings, scheduler, pinned, **hooks)
    else:
        results = run_files(files, settings, pinned, **hooks)
    from extract.stages.write import write_outputs

    options = _output_options(*flags)
    actions, pages, summary = summarise(results)
    summary.cached_files = cache.hits if cache else 0
    summary.written = publish(out, lambda folder: write_outputs(folder, actions, pages, options))
    return summary
