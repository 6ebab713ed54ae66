"""The pipeline: read -> legible -> (split -> fragment -> assemble) -> validate -> normalise, one
file at a time; `batch.sequence` carries the action being assembled from page to page.

Only wiring lives here; each stage is a pure function in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, islice
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extract.batch.sequence import FileContext, FileState, finish, step
from extract.decisions import Decisions
from extract.errors import FileFailed
from extract.files import file_sha256
from extract.inputs import InputFile, slug
from extract.models import FILE_FAILED, Action, FileFailure, PageRecord
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import learn_document
from extract.stages.read import PageContent, UnreadablePage, pdf_to_pages
from extract.stages.structure import Recovery, Structure, inspect_structure, recovery

PARSER_ERROR_MAX_CHARS = 200  # a parser crash message is cut to this length (some quote whole objects)

ProgressCallback = Callable[[str, int], None]
ALL_PAGES_FAILED = "no-readable-pages"
WHOLE_FILE: tuple[int, int | None] = (1, None)  # pages of extract_file: first, last (None: to the end)


class FileResult(BaseModel):
    """What one input file gave: its actions, one record per page, and its failure if any.

    `failure` is set when the file cannot be opened, its page tree breaks part-way (pages read
    before stay), or every page failed; `rows()` then adds one `file-failed` row saying why.
    """

    model_config = ConfigDict(extra="forbid")

    file: str
    actions: list[Action] = Field(default_factory=list)
    pages: list[PageRecord] = Field(default_factory=list)
    failure: FileFailure | None = None
    warnings: list[str] = Field(default_factory=list)

    @classmethod
    def failed(cls, file: str, reason: str, kind: str) -> FileResult:
        """A file that produced nothing."""
        return cls(file=file, failure=FileFailure(kind=kind, reason=reason))

    @classmethod
    def timed_out(cls, file: str, limit_s: float) -> FileResult:
        """A file whose worker finished no page within the time limit (any engine)."""
        return cls.failed(file, f"timed out: no page finished in {limit_s:g} s", "timeout")

    @classmethod
    def crashed(cls, file: str, how: str) -> FileResult:
        """A file whose worker died (any engine); `how` says how it ended."""
        return cls.failed(file, f"worker crashed ({how}; out of memory?)", "crashed")

    def record_failure(self, failure: FileFailed) -> None:
        """Mark the file failed; pages already read stay."""
        self.failure = FileFailure(kind=failure.kind, reason=failure.reason)

    def rows(self) -> list[PageRecord]:
        """Its pages.csv rows: one per page, then the file failure, if any."""
        if self.failure is None:
            return list(self.pages)
        reason = f"{self.failure.kind}: {self.failure.reason}"
        return [*self.pages, PageRecord(file=self.file, status=FILE_FAILED, reason=reason)]


def extract_file(
    item: InputFile | Path,
    settings: Settings | None = None,
    on_page: ProgressCallback | None = None,
    decisions: Decisions | None = None,
    pages: tuple[int, int | None] = WHOLE_FILE,
    context: DocumentContext | None = None,
) -> FileResult:
    """Extract every action of one PDF, or of its page range `pages` (first, last; 1-based,
    inclusive, None: to the end). Never raises for bad input: failures are in the result."""
    settings = settings or Settings()
    item = item if isinstance(item, InputFile) else InputFile(item, item.name, slug(item.name))
    path, name = item.path, item.name
    result = FileResult(file=name)
    sequence: FileContext | None = None
    state, rows, actions = FileState(), [], []
    try:
        sha = file_sha256(path)
        first, last = pages
        reach = settings.assemble.max_pages_per_action - 1  # a range's actions may start or end outside it
        stream = pdf_to_pages(path, settings.read, max(1, first - reach), None if last is None else last + reach)
        head: list[PageContent | UnreadablePage] = []
        if context is None or not context.learnt:  # furniture learnt from the first pages read
            head = list(islice(stream, settings.layout.document_sample_pages))
            readable = (p for p in head if isinstance(p, PageContent))
            context = learn_document(readable, settings.layout, context or DocumentContext(name, 0))
        sequence = FileContext(name, sha, settings, decisions, context, item.id_stem)
        for page in chain(head, stream):
            state, (more_rows, more_actions) = step(state, page, sequence)
            rows += more_rows
            actions += more_actions
            if on_page and in_range(page.number, pages):
                on_page(name, page.number)
    except FileFailed as failure:
        result.record_failure(failure)
    except OSError as exc:
        result.record_failure(FileFailed(name, f"cannot read file: {exc.strerror or exc}", "unreadable"))
    except MemoryError:
        result.record_failure(FileFailed(name, "memory limit exceeded", "too-large"))
    except Exception as exc:  # a parser crash mid-file: keep the pages already read
        result.record_failure(
            FileFailed(name, f"parser error: {type(exc).__name__}: {exc}"[:PARSER_ERROR_MAX_CHARS], "corrupt")
        )
    if sequence is not None:  # the action still open when the file (or its reading) ended
        last_rows, last_actions = finish(state, sequence)
        rows += last_rows
        actions += last_actions
    result.actions, result.pages = of_range(rows, actions, pages)
    if pages == WHOLE_FILE:  # a page range is checked once its file's ranges are merged
        structure = inspect_structure(path) if result.pages else None
        _check_whole(result, structure)
    return result


def in_range(page: int | None, pages: tuple[int, int | None]) -> bool:
    """Whether a page number lies in the range (first, last; None: to the end)."""
    first, last = pages
    return page is not None and first <= page and (last is None or page <= last)


def of_range(
    rows: list[PageRecord], actions: list[Action], pages: tuple[int, int | None]
) -> tuple[list[Action], list[PageRecord]]:
    """What a page range reports: the actions starting in it (with every row of theirs, pages
    read past its end included) and the other rows of its own pages. Neighbouring ranges are
    read `max_pages_per_action - 1` pages into each other, so an action cut by a range boundary
    is assembled whole, by the range where it starts."""
    kept = [a for a in actions if in_range(a.source.page, pages)]
    ids = {a.id for a in kept}
    owned = [r for r in rows if (r.action_id in ids if r.action_id else in_range(r.page, pages))]
    return kept, owned


def _check_whole(result: FileResult, structure: Structure | None) -> None:
    """Whole-file checks: pages the damaged structure lost, a file whose every page failed."""
    if result.pages and structure is not None:
        _note_recovery(result, recovery(structure, len({p.page for p in result.pages if p.page})))  # pages, not rows
    if result.failure is None and result.pages and all(p.status == "failed" for p in result.pages):
        result.failure = FileFailure(kind=ALL_PAGES_FAILED, reason="every page failed")


def _note_recovery(result: FileResult, found: Recovery) -> None:
    """Rows for pages the damaged structure lost, a file warning, a warning on every action."""
    reason = "page not found: the file's structure is damaged"
    result.pages += [PageRecord(file=result.file, page=n, status="failed", reason=reason) for n in found.missing]
    file_warning = found.file_warning()
    if file_warning:
        result.warnings.append(file_warning)
    action_warning = found.action_warning()
    if action_warning:
        result.actions = [a.model_copy(update={"warnings": [*a.warnings, action_warning]}) for a in result.actions]


def merge_parts(parts: list[FileResult], context: DocumentContext | None = None) -> FileResult:
    """One file's result from the results of its page ranges, in page order: every page read,
    the first failure (a file fails when any of its ranges failed), then the whole-file checks
    with the structure its document context recorded."""
    if len(parts) == 1:
        return parts[0]
    merged = FileResult(file=parts[0].file)
    for part in parts:
        merged.actions.extend(part.actions)
        merged.pages.extend(part.pages)
        merged.warnings.extend(w for w in part.warnings if w not in merged.warnings)
    merged.failure = next((p.failure for p in parts if p.failure is not None), None)
    structure = Structure(context.declared_pages, context.tree_pages) if context else None
    _check_whole(merged, structure)
    return merged
