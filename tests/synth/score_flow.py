"""Score the extractor on flowing documents (issue 15): per case and field, the share of the
actions drawn whose extracted value equals the record exactly, `pages` included (the action's
`source.pages`); per case, the actions invented (extracted, not drawn) and missing.

    python -m tests.synth.score_flow [--out DIR]

An extracted action is paired with a drawn one by its first page and its place among the
actions starting on that page (the id suffix `-2`, `-3`).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..helpers import extracted_fields
from .families.flow import FlowAction, FlowCase, flow_cases, render_flow
from .score import FIELDS, SHORT

FLOW_FIELDS = (*FIELDS, "pages")
_NTH = re.compile(r"-p\d{3,}(?:-(\d+))?$")


@dataclass(frozen=True)
class CaseScore:
    """One flowing file: per field the share of drawn actions read exactly; invented, missing."""

    case_id: str
    actions: int
    shares: dict[str, float]
    invented: int
    missing: int
    unattached: int  # page rows saying a continuation was not attached


def nth_on_page(action_id: str) -> int:
    """1 for an action's plain id, n for the suffix `-n` of a later action on its first page."""
    match = _NTH.search(action_id)
    return int(match.group(1)) if match and match.group(1) else 1


def score_case(case: FlowCase, out: Path) -> CaseScore:
    """Render, extract and compare one case."""
    from extract.batch.pipeline import extract_file

    pdf, drawn = render_flow(case, out / case.file_name)
    result = extract_file(pdf)
    got = {(a.source.page, nth_on_page(a.id)): a for a in result.actions}
    want: dict[tuple[int, int], FlowAction] = {(d.page, d.position): d for d in drawn}
    shares = {}
    for field in FLOW_FIELDS:
        hits = 0
        for key, action in want.items():
            extracted = got.get(key)
            if extracted is None:
                continue
            value = list(extracted.source.pages) if field == "pages" else extracted_fields(extracted)[field]
            hits += value == (list(action.pages) if field == "pages" else action.expected[field])
        shares[field] = hits / len(want)
    unattached = sum("not attached" in p.reason for p in result.pages)
    return CaseScore(case.case_id, len(want), shares, len(set(got) - set(want)), len(set(want) - set(got)), unattached)


def format_table(scores: list[CaseScore]) -> str:
    """A fixed-width text table, one case per row."""
    head = (
        f"{'case':<44}{'acts':>5}" + "".join(f"{SHORT.get(f, f):>11}" for f in FLOW_FIELDS) + f"{'inv':>5}{'miss':>5}"
    )
    rows = [head]
    for s in scores:
        cells = "".join(f"{s.shares[f]:>11.2f}" for f in FLOW_FIELDS)
        rows.append(f"{s.case_id:<44}{s.actions:>5}{cells}{s.invented:>5}{s.missing:>5}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth.score_flow", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the rendered PDFs (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="synth-flow-") as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        print(format_table([score_case(case, out) for case in flow_cases()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
