"""Fixtures, and a temporary result cache for every run the tests make (never the repository's).

Shared helpers live in `tests/helpers.py`; tests never import this module.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# `make mutation` (--hypothesis-profile=mutation): the same examples for every mutant, and no
# example database, so that no mutant is killed by replaying another mutant's failure.
settings.register_profile("mutation", derandomize=True, database=None)
# `make test` and CI: the same examples on every run, so a red CI is a real regression, never a
# random draw; `make explore` (--hypothesis-profile=explore) draws new random examples, many more.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("ci")

CACHE_DIR_ENV = "BROCHURE_EXTRACT_CACHE_DIR"  # read by extract.batch.cache when it is imported
_test_cache: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Before any test module imports `extract`: CLI runs (and their subprocesses) cache in a
    temporary folder, so `make test` never writes into the repository's `.cache/`."""
    _test_cache.append(tempfile.mkdtemp(prefix="brochure-extract-test-cache-"))
    os.environ[CACHE_DIR_ENV] = _test_cache[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _test_cache:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def sample_result():
    """The sample brochure, extracted once per session."""
    from tests.helpers import SAMPLE_PDF, extracted

    return extracted(SAMPLE_PDF)


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The sample brochure (15 action sheets, 19 pages)."""
    from tests.helpers import SAMPLE_PDF

    return SAMPLE_PDF


@pytest.fixture(scope="session")
def sample_outputs(sample_result, tmp_path_factory) -> Path:
    """Every output of the sample (with xlsx and sqlite), written once per session."""
    from extract.stages.write import OutputOptions, write_outputs

    out = tmp_path_factory.mktemp("sample-outputs")
    write_outputs(out, sample_result.actions, sample_result.pages, OutputOptions(xlsx=True, sqlite=True))
    return out


@pytest.fixture(scope="session")
def family_corpus(tmp_path_factory):
    """The design-family files (tests/synth/families), rendered once per session into a tmp
    folder: a dict case_id -> (FamilyFile, Path), Chromium files only when Chromium exists."""
    from tests.synth.families import chromium_path, family_files, render_family

    folder = tmp_path_factory.mktemp("family-corpus")
    have_chromium = chromium_path() is not None
    return {
        case.case_id: (case, render_family(case, folder / case.file_name))
        for case in family_files()
        if case.look.renderer != "chromium" or have_chromium
    }


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
