"""A batch run: inputs -> extract each file -> normalise -> write outputs, with a summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .decisions import load_decisions
from .models import Action, PageRecord
from .normalise import review_rows
from .pipeline import ProgressCallback, collect_inputs, extract_files
from .settings import Settings
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
    failed_files: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def format_line(self, out: Path) -> str:
        line = (f"{self.files} file(s), {self.pages} page(s): {self.actions} action(s), "
                f"{self.skipped} skipped, {self.failed_pages} failed page(s)")
        if self.failed_files:
            line += f", {len(self.failed_files)} failed file(s)"
        return f"{line} -> {out}/"


def default_decisions(paths: Sequence[Path]) -> Path | None:
    """`decisions.csv` beside the first input folder (e.g. next to raw/), when it exists."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder.resolve().parent / DECISIONS_FILE
        if candidate.is_file():
            return candidate
    return None


def run_extract(paths: Sequence[Path], out: Path, settings: Settings | None = None,
                on_page: ProgressCallback | None = None, excel: bool = False, xlsx: bool = False,
                decisions: Path | None = None,
                on_failure: Callable[[str], None] | None = None) -> RunSummary:
    """Extract every PDF under `paths` into `out`; failures are recorded, never fatal to the batch."""
    settings = settings or Settings()
    files = collect_inputs(paths)
    pinned = load_decisions(decisions or default_decisions(paths))
    summary = RunSummary(files=len(files))
    actions: list[Action] = []
    pages: list[PageRecord] = []
    for result in extract_files(files, settings, on_page, pinned):
        actions.extend(result.actions)
        pages.extend(result.pages)
        if result.failure is not None:
            summary.failed_files.append(result.file)
            if on_failure:
                on_failure(f"{result.failure.file}: {result.failure.reason}")
    for page in pages:
        if page.status == "failed" and page.page > 0 and on_failure:
            on_failure(f"{page.file} page {page.page}: {page.reason}")
    summary.pages = sum(1 for p in pages if p.page > 0)
    summary.actions = len(actions)
    summary.skipped = sum(1 for p in pages if p.status == "skipped")
    summary.failed_pages = sum(1 for p in pages if p.status == "failed" and p.page > 0)
    fmt = CsvFormat.excel() if excel else CsvFormat()
    summary.written = write_outputs(out, actions, pages, review_rows(actions), fmt=fmt, xlsx=xlsx)
    return summary
