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
