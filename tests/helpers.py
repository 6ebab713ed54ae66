"""What the tests share, each in one place: fixture paths, a cached extraction, golden documents,
actions built from the models, and the printed fields of an extracted action.

Tests import this plain module (and `tests.truth`, `tests.pages`, `tests.synth`); never
`conftest` nor another test module.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from extract.files import PAUSE_ENV
from extract.models import Action, SdgTarget, Source
from extract.stages.validate import DraftAction

if TYPE_CHECKING:
    from extract.batch.pipeline import FileResult

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SAMPLE_PDF = FIXTURES / "actions-ciblees-fr.pdf"
# How far the pdfium reader may be from the pdfplumber one. Position, pt: pdfium keeps widths and
# descents in whole font units (689 for /W 689.94) and advances the text position with them, so
# origins drift along a justified line (0.11 pt seen on the sample). Size, pt: one step of a word
# size kept to 0.01 pt (pdfium computes in float32, so x.xx5 may round the other way).
READER_POSITION_TOLERANCE = 0.25
READER_SIZE_TOLERANCE = 0.011
SAMPLE_TRUTH = FIXTURES / "actions-ciblees-fr.truth.json"
GOLDEN = TESTS / "golden"
PLACEHOLDER_SHA256 = "0" * 64


# --- extraction ---------------------------------------------------------------------------------


@cache
def extracted(pdf: Path) -> FileResult:
    """Extract a fixture once per test session (a pure function of the file)."""
    from extract.batch.pipeline import extract_file

    return extract_file(pdf)


def golden_pdfs() -> list[Path]:
    """The fixture PDFs that have golden files (`tests/golden/<stem>/pNNN.json`)."""
    return sorted(FIXTURES.glob("*.pdf"))


def page_documents(result: FileResult) -> dict[int, dict]:
    """What each page of a file gives, as a golden file holds it: its record, and its action."""
    actions = {a.source.page: a.model_dump(mode="json") for a in result.actions}
    return {r.page: {"page": r.model_dump(mode="json"), "action": actions.get(r.page)} for r in result.pages}


def extracted_fields(action: Action) -> dict[str, Any]:
    """The printed content of an action, keyed like `tests.synth.expected_fields`."""
    return {
        "language": action.language,
        "title": action.title,
        "subtitle": action.subtitle,
        "objective": action.objective,
        "activities": list(action.activities),
        "results": list(action.results),
        "sdg_printed_codes": [s.printed_code for s in action.sdg_targets],
        "sdg_printed_labels": [s.printed_label for s in action.sdg_targets],
        "recommendations_printed": [r.printed for r in action.recommendations],
    }


# --- actions built from the models -------------------------------------------------------------


def make_action(*, page: int = 1, file: str = "sample.pdf", **fields: Any) -> Action:
    """A valid action: placeholder texts for every required field, any field given replacing its
    placeholder (`id`, `title`, `sdg_targets`, `cities`, ...)."""
    placeholders: dict[str, Any] = {
        "id": "a",
        "source": Source(file=file, sha256=PLACEHOLDER_SHA256, page=page),
        "language": "fr",
        "title": "Titre",
        "objective": "Objectif.",
        "activities": ["Activité"],
        "results": ["Résultat"],
    }
    return Action(**{**placeholders, **fields})


def draft_action(
    *, targets: Iterable[tuple[str, str]] = (), recommendations: Iterable[str] = (), **fields: Any
) -> DraftAction:
    """An action as validation hands it to normalisation: printed SDG targets (code, label) and
    printed recommendation titles, not matched yet."""
    return DraftAction(action=make_action(**fields), sdg_targets=tuple(targets), recommendations=tuple(recommendations))


def sdg_target(code: str, label: str, *, status: str = "exact", score: float = 100.0) -> SdgTarget:
    """A normalised SDG target, printed as its canonical code and label."""
    goal = int(code.split(".")[0])
    return SdgTarget(
        code=code, goal=goal, label=label, printed_code=code, printed_label=label, score=score, status=status
    )


# --- CLI runs stopped inside their write phase (files.PAUSE_ENV) ----------------------------------

WAIT_FOR_WRITE_S = 180.0  # the extraction before the write phase takes a few seconds a copy
POLL_S = 0.1


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of `folder`, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def start_paused_run(inputs: Path, out: Path, marker: Path, *extra: str) -> subprocess.Popen:
    """A CLI run in its own process group that stops inside the writer (see module docstring)."""
    command = [sys.executable, "-m", "extract", "extract", str(inputs), "--out", str(out), "-q", *extra]
    env = {**os.environ, PAUSE_ENV: str(marker)}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)


def wait_for_marker(proc: subprocess.Popen, marker: Path) -> None:
    deadline = time.monotonic() + WAIT_FOR_WRITE_S
    while not marker.exists():
        assert proc.poll() is None, f"run ended before its write phase: {proc.stderr.read()!r}"
        assert time.monotonic() < deadline, "the run never reached its write phase"
        time.sleep(POLL_S)


def kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)  # the run and any worker process it started
    proc.wait(timeout=WAIT_FOR_WRITE_S)
    proc.stderr.close()


# --- PDFs made in the tests -----------------------------------------------------------------------

_PAGE_TYPE = re.compile(rb"/Type\s*/Page(?![s\w])")
_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj")


def with_rotate(data: bytes, degrees: int | list[int]) -> bytes:
    """A classic-xref PDF with `/Rotate` added to every page (a list: one value per page, cycled),
    its cross-reference table rebuilt."""
    cycle = [degrees] if isinstance(degrees, int) else degrees
    body = data[: data.rindex(b"\nxref") + 1]
    counter = iter(range(10**6))
    body = _PAGE_TYPE.sub(lambda m: m.group(0) + b" /Rotate %d" % cycle[next(counter) % len(cycle)], body)
    offsets = {int(m.group(1)): m.start() for m in _OBJECT.finditer(body)}
    size = max(offsets) + 1
    rows = [b"0000000000 65535 f \n"] + [
        (b"%010d 00000 n \n" % offsets[i]) if i in offsets else b"0000000000 65535 f \n" for i in range(1, size)
    ]
    trailer = data[data.rindex(b"trailer") : data.rindex(b"startxref")]
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer)
    return body + b"xref\n0 %d\n" % size + b"".join(rows) + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)


def small_sheet_pdf() -> bytes:
    """An action-like page drawn upright with fpdf2: title, three column headers, text, a bar."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format=(595, 842))
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 22)
    pdf.text(40, 90, "Titre de l'action")
    pdf.set_fill_color(0, 90, 160)
    pdf.rect(40, 200, 515, 16, style="F")
    pdf.set_font("helvetica", "B", 10)
    for x, head in ((45, "OBJECTIF"), (220, "ACTIVITES"), (400, "RESULTATS")):
        pdf.text(x, 212, head)
    pdf.set_font("helvetica", "", 9)
    for i, line in enumerate(("Former les agents municipaux", "a l'accueil des migrants", "dans trois quartiers")):
        pdf.text(45, 240 + 12 * i, line)
    return bytes(pdf.output())
