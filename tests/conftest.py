from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

# `make mutation` (--hypothesis-profile=mutation): the same examples for every mutant, and no
# example database, so that no mutant is killed by replaying another mutant's failure.
settings.register_profile("mutation", derandomize=True, database=None)

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
