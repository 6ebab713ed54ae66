from __future__ import annotations

import os
import sys
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


@pytest.fixture(autouse=True)
def _cold_caches_while_mutmut_maps_tests():
    """While mutmut records which tests call which function (its "stats" run, one process), empty
    the package's lru_caches before each test: otherwise only the first test that fills a cache
    (the catalog, the gazetteer, fold) is seen calling the functions behind it, and their mutants
    are tested against that one test."""
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        for name, module in list(sys.modules.items()):
            if name == "extract" or name.startswith("extract."):
                for value in vars(module).values():
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield
