"""Render -> extract round trips: what a synthetic sheet shows is what extraction returns.

A fixed matrix of named designs x records (reproducible, one test each) and a bounded
property test over random records x random designs. On failure the PDF and a debug picture of
the detected blocks are kept in a temporary folder whose path is printed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from extract.batch.pipeline import extract_file
from extract.tools.debug import debug_page
from tests.helpers import extracted_fields
from tests.synth import FIXED_RECORDS, action_records, designs, expected_fields, fits, named_designs, render_pdf

DESIGNS = named_designs()
CASES = [(d, r) for d in DESIGNS for r in FIXED_RECORDS if fits(FIXED_RECORDS[r], DESIGNS[d])]
ACCEPTED_RECOMMENDATION = {"exact", "matched"}


def keep_evidence(pdf: Path) -> Path:
    """Copy the PDF and draw its detected blocks into a folder that outlives the test."""
    folder = Path(tempfile.mkdtemp(prefix="roundtrip-"))
    kept = folder / pdf.name
    kept.write_bytes(pdf.read_bytes())
    debug_page(kept, 1, folder / "page-1.png")
    return folder


def assert_round_trip(record, design, pdf: Path) -> None:
    render_pdf(pdf, [(record, design)])
    result = extract_file(pdf)
    want = expected_fields(record)
    try:
        assert result.failure is None, result.failure
        assert [p.status for p in result.pages] == ["action"], [p.reason for p in result.pages]
        got = extracted_fields(result.actions[0])
        for key in want:
            assert got[key] == want[key], key
        assert {r.status for r in result.actions[0].recommendations} <= ACCEPTED_RECOMMENDATION
    except AssertionError:
        print(f"round trip failed: design={design!r}\nevidence kept in {keep_evidence(pdf)}")
        raise


@pytest.mark.parametrize("design_name, record_name", CASES, ids=[f"{d}-{r}" for d, r in CASES])
def test_named_design_round_trip(design_name, record_name, tmp_path):
    assert_round_trip(FIXED_RECORDS[record_name], DESIGNS[design_name], tmp_path / f"{design_name}.pdf")


def test_matrix_covers_every_named_design():
    assert {d for d, _ in CASES} == set(DESIGNS)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(record=action_records(), design=designs())
def test_random_round_trip(record, design, tmp_path):
    assume(fits(record, design))
    assert_round_trip(record, design, tmp_path / "random.pdf")
