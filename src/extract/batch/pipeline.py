"""The pipeline: read -> legible -> layout -> segment -> validate -> normalise, one file at a time.

Only wiring lives here; each stage is a pure function in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, islice
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extract.decisions import Decisions
from extract.errors import FileFailed, PageSkipped
from extract.files import file_sha256
from extract.inputs import InputFile, slug
from extract.models import FILE_FAILED, Action, FileFailure, PageRecord, Source
from extract.settings import Settings
from extract.stages.document import DocumentContext
from extract.stages.layout import learn_document, page_to_layout
from extract.stages.legible import check_legible, legibility_warning
from extract.stages.normalise import normalise_action
from extract.stages.read import PageContent, UnreadablePage, pdf_to_pages
from extract.stages.segment import layout_to_fields
from extract.stages.structure import Recovery, Structure, inspect_structure, recovery
from extract.stages.validate import fields_to_action

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

    def record_failure(self, failure: FileFailed) -> None:
        """Mark the file failed; pages already read stay."""
        self.failure = FileFailure(kind=failure.kind, reason=failure.reason)

    def rows(self) -> list[PageRecord]:
        """Its pages.csv rows: one per page, then the file failure, if any."""
        if self.failure is None:
            return list(self.pages)
        reason = f"{self.failure.kind}: {self.failure.reason}"
        return [*self.pages, PageRecord(file=self.file, status=FILE_FAILED, reason=reason)]


def page_to_record(
    page: PageContent | UnreadablePage,
    source: Source,
    settings: Settings,
    decisions: Decisions | None = None,
    id_stem: str | None = None,
    context: DocumentContext | None = None,
) -> tuple[PageRecord, Action | None]:
    """Run one page through legibility, layout, segment, validate, normalise; a skip is a record."""
    if isinstance(page, PageContent):
        page = check_legible(page, settings.read)
    if isinstance(page, UnreadablePage):
        return PageRecord(file=source.file, page=page.number, status="failed", reason=page.reason), None
    warning = legibility_warning(page)
    try:
        fields = layout_to_fields(page_to_layout(page, settings, context), settings)
        action = normalise_action(fields_to_action(fields, source, id_stem), settings.match, decisions)
    except PageSkipped as skip:
        reason = f"{skip.reason}; {warning}" if warning else skip.reason
        return PageRecord(file=source.file, page=page.number, status="skipped", reason=reason), None
    if warning:
        action = action.model_copy(update={"warnings": [*action.warnings, warning]})
    record = PageRecord(
        file=source.file, page=page.number, status="action", action_id=action.id, coverage=action.coverage
    )
    return record, action


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
    try:
        sha = file_sha256(path)
        stream = pdf_to_pages(path, settings.read, *pages)
        head: list[PageContent | UnreadablePage] = []
        if context is None or not context.learnt:  # furniture learnt from the first pages read
            head = list(islice(stream, settings.layout.document_sample_pages))
            readable = (p for p in head if isinstance(p, PageContent))
            context = learn_document(readable, settings.layout, context or DocumentContext(name, 0))
        for page in chain(head, stream):
            source = Source(file=name, sha256=sha, page=page.number)
            record, action = page_to_record(page, source, settings, decisions, item.id_stem, context)
            result.pages.append(record)
            if action is not None:
                result.actions.append(action)
            if on_page:
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
    if pages == WHOLE_FILE:  # a page range is checked once its file's ranges are merged
        structure = inspect_structure(path) if result.pages else None
        _check_whole(result, structure)
    return result


def _check_whole(result: FileResult, structure: Structure | None) -> None:
    """Whole-file checks: pages the damaged structure lost, a file whose every page failed."""
    if result.pages and structure is not None:
        _note_recovery(result, recovery(structure, len(result.pages)))
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
