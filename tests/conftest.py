from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_PDF = FIXTURES / "actions-ciblees-fr.pdf"
SAMPLE_TRUTH = FIXTURES / "actions-ciblees-fr.truth.json"


@cache
def extracted(pdf: Path):
    """Extract a fixture once per test session (pure function of the file)."""
    from extract.batch.pipeline import extract_file

    return extract_file(pdf)


@pytest.fixture(scope="session")
def sample_result():
    return extracted(SAMPLE_PDF)


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The sample brochure (15 action sheets, 19 pages)."""
    return SAMPLE_PDF


@pytest.fixture(scope="session")
def sample_outputs(sample_result, tmp_path_factory) -> Path:
    """Every output of the sample (with xlsx and sqlite), written once per session."""
    from extract.stages.write import OutputOptions, write_outputs

    out = tmp_path_factory.mktemp("sample-outputs")
    write_outputs(out, sample_result.actions, sample_result.pages, OutputOptions(xlsx=True, sqlite=True))
    return out
