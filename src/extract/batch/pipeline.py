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
from extract.stages.layout import learn_document
from extract.stages.read import PageContent, pdf_to_pages
from extract.stages.structure import Recovery, inspect_structure, recovery

PARSER_ERROR_MAX_CHARS = 200  # a parser crash message is cut to this length (some quote whole objects)

ProgressCallback = Callable[[str, int], None]
ALL_PAGES_FAILED = "no-readable-pages"


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


def extract_file(
    item: InputFile | Path,
    settings: Settings | None = None,
    on_page: ProgressCallback | None = None,
    decisions: Decisions | None = None,
) -> FileResult:
    """Extract every action of one PDF. Never raises for bad input: failures are in the result."""
    settings = settings or Settings()
    item = item if isinstance(item, InputFile) else InputFile(item, item.name, slug(item.name))
    path, name = item.path, item.name
    result = FileResult(file=name)
    try:
        sha = file_sha256(path)
        pages = pdf_to_pages(path, settings.read)
        head = list(islice(pages, settings.layout.document_sample_pages))  # a bounded look-ahead
        document = learn_document((p for p in head if isinstance(p, PageContent)), settings.layout)
        context = FileContext(name, sha, settings, decisions, document, item.id_stem)
        state = FileState()
        for page in chain(head, pages):
            state, (records, actions) = step(state, page, context)
            result.pages.extend(records)
            result.actions.extend(actions)
            if on_page:
                on_page(name, page.number)
        records, actions = finish(state, context)
        result.pages.extend(records)
        result.actions.extend(actions)
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
    if result.pages:
        _note_recovery(result, recovery(inspect_structure(path), len(result.pages)))
    if result.failure is None and result.pages and all(p.status == "failed" for p in result.pages):
        result.failure = FileFailure(kind=ALL_PAGES_FAILED, reason="every page failed")
    return result


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


def count_pages(path: Path) -> int:
    """Number of pages of a PDF for progress display; 0 when it cannot be opened."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception:  # bad files are reported by the extraction itself
        return 0
