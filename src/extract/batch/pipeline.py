"""The pipeline: read -> (split -> fragment -> assemble) -> validate -> normalise, one file at a
time; `batch.sequence` carries the action being assembled from page to page.

Only wiring lives here; each stage is a pure function in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from extract.batch.sequence import FileContext, FileState, finish, step
from extract.decisions import Decisions
from extract.errors import FileFailed
from extract.files import collect_inputs, file_sha256  # noqa: F401  (collect_inputs: re-exported)
from extract.models import Action, PageRecord
from extract.settings import Settings
from extract.stages.layout import learn_document
from extract.stages.read import PageContent, pdf_to_pages

PARSER_ERROR_MAX_CHARS = 200  # a parser crash message is cut to this length (some quote whole objects)

ProgressCallback = Callable[[str, int], None]


@dataclass
class FileResult:
    """What one input file gave: its actions, one record per page, and a failure if any."""

    file: str
    actions: list[Action] = field(default_factory=list)
    pages: list[PageRecord] = field(default_factory=list)
    failure: FileFailed | None = None

    def to_dict(self) -> dict:
        """A JSON-safe form (worker pipes, cache files)."""
        failure = self.failure
        return {
            "file": self.file,
            "actions": [a.model_dump(mode="json") for a in self.actions],
            "pages": [p.model_dump(mode="json") for p in self.pages],
            "failure": None
            if failure is None
            else {"file": failure.file, "reason": failure.reason, "kind": failure.kind},
        }

    @classmethod
    def from_dict(cls, data: dict) -> FileResult:
        failure = data.get("failure")
        return cls(
            file=data["file"],
            actions=[Action.model_validate(a) for a in data["actions"]],
            pages=[PageRecord.model_validate(p) for p in data["pages"]],
            failure=None if failure is None else FileFailed(**failure),
        )

    @classmethod
    def failed(cls, file: str, reason: str, kind: str) -> FileResult:
        """A file that produced nothing: one failed row (page 0)."""
        result = cls(file=file)
        result.record_failure(FileFailed(file, reason, kind))
        return result

    def record_failure(self, failure: FileFailed) -> None:
        """Mark the file failed: pages already read stay, plus one failed row (page 0)."""
        self.failure = failure
        self.pages.append(
            PageRecord(file=self.file, page=0, status="failed", reason=f"{failure.kind}: {failure.reason}")
        )


def extract_file(
    path: Path,
    settings: Settings | None = None,
    on_page: ProgressCallback | None = None,
    decisions: Decisions | None = None,
) -> FileResult:
    """Extract every action of one PDF. Never raises for bad input: failures are in the result."""
    settings = settings or Settings()
    result = FileResult(file=path.name)
    try:
        sha = file_sha256(path)
        pages = pdf_to_pages(path, settings.read)
        head = list(islice(pages, settings.layout.document_sample_pages))  # a bounded look-ahead
        document = learn_document((p for p in head if isinstance(p, PageContent)), settings.layout)
        context = FileContext(path.name, sha, settings, decisions, document)
        state = FileState()
        for page in chain(head, pages):
            state, (records, actions) = step(state, page, context)
            result.pages.extend(records)
            result.actions.extend(actions)
            if on_page:
                on_page(path.name, page.number)
        records, actions = finish(state, context)
        result.pages.extend(records)
        result.actions.extend(actions)
    except FileFailed as failure:
        result.record_failure(failure)
    except OSError as exc:
        result.record_failure(FileFailed(path.name, f"cannot read file: {exc.strerror or exc}", "unreadable"))
    except MemoryError:
        result.record_failure(FileFailed(path.name, "memory limit exceeded", "too-large"))
    except Exception as exc:  # a parser crash mid-file: keep the pages already read
        result.record_failure(
            FileFailed(path.name, f"parser error: {type(exc).__name__}: {exc}"[:PARSER_ERROR_MAX_CHARS], "corrupt")
        )
    return result


def count_pages(path: Path) -> int:
    """Number of pages of a PDF for progress display; 0 when it cannot be opened."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception:  # bad files are reported by the extraction itself
        return 0
