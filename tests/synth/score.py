"""Score the extractor on the design families: per family and field, the share of action
pages whose extracted value equals the generator's record exactly; per family, the share of
pages with an invented action (an action on a page that has none) or a missing one.

    python -m tests.synth.score [--out DIR] [--family NAME ...]

renders every family file into DIR (a temporary folder by default), extracts it and prints
the table. Expectations come from the records the generator drew, never from an extraction.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .families import FAMILY_LOOKS, FamilyFile, chromium_path, expected_pages, family_files, render_family

FIELDS = (
    "language",
    "title",
    "subtitle",
    "objective",
    "activities",
    "results",
    "sdg_printed_codes",
    "sdg_printed_labels",
    "recommendations_printed",
)
SHORT = {
    "language": "lang",
    "sdg_printed_codes": "sdg_codes",
    "sdg_printed_labels": "sdg_labels",
    "recommendations_printed": "recs",
}


@dataclass(frozen=True)
class PageScore:
    """One page of a family file: which fields came back exactly, and action bookkeeping."""

    family: str
    case_id: str
    page: int
    expected: dict | None
    got: dict | None
    warnings: tuple[str, ...] = ()

    @property
    def invented(self) -> bool:
        return self.expected is None and self.got is not None

    @property
    def missing(self) -> bool:
        return self.expected is not None and self.got is None

    def ok(self, field: str) -> bool:
        return self.expected is not None and self.got is not None and self.got[field] == self.expected[field]


def score_file(case: FamilyFile, pdf: Path) -> list[PageScore]:
    """Extract `pdf` and compare every page with `expected_pages(case)`."""
    from extract.batch.pipeline import extract_file

    from ..helpers import extracted_fields

    result = extract_file(pdf)
    by_page = {action.source.page: action for action in result.actions}
    scores = []
    for number, expected in enumerate(expected_pages(case), start=1):
        action = by_page.get(number)
        got = extracted_fields(action) if action is not None else None  # keys of `FIELDS`
        warnings = tuple(action.warnings) if action is not None else ()
        scores.append(PageScore(case.family, case.case_id, number, expected, got, warnings))
    return scores


def family_table(scores: Iterable[PageScore]) -> dict[str, dict[str, float]]:
    """family -> field -> share of action pages exact, plus 'invented' and 'missing' shares of all pages."""
    by_family: dict[str, list[PageScore]] = {}
    for score in scores:
        by_family.setdefault(score.family, []).append(score)
    table = {}
    for family, pages in by_family.items():
        actions = [p for p in pages if p.expected is not None]
        row = {f: sum(p.ok(f) for p in actions) / len(actions) for f in FIELDS}
        row["invented"] = sum(p.invented for p in pages) / len(pages)
        row["missing"] = sum(p.missing for p in pages) / len(pages)
        row["pages"] = len(pages)
        table[family] = row
    return table


def format_table(table: dict[str, dict[str, float]]) -> str:
    """A fixed-width text table, one family per row."""
    columns = [*FIELDS, "invented", "missing"]
    head = f"{'family':<16}{'pages':>6}" + "".join(f"{SHORT.get(c, c):>11}" for c in columns)
    rows = [head]
    for family, row in table.items():
        cells = "".join(f"{row[c]:>11.2f}" for c in columns)
        rows.append(f"{family:<16}{row['pages']:>6}{cells}")
    return "\n".join(rows)


def selected_files(families: list[str] | None) -> list[FamilyFile]:
    """Family files to score; Chromium ones only when Chromium is installed."""
    have_chromium = chromium_path() is not None
    return [
        case
        for case in family_files()
        if (not families or case.family in families) and (case.look.renderer != "chromium" or have_chromium)
    ]


def score_families(out: Path, families: list[str] | None = None) -> list[PageScore]:
    """Render the selected family files into `out` and score them."""
    out.mkdir(parents=True, exist_ok=True)
    scores: list[PageScore] = []
    for case in selected_files(families):
        scores += score_file(case, render_family(case, out / case.file_name))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth.score", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the rendered PDFs (default: a temporary folder)")
    parser.add_argument("--family", action="append", help="score only this family (repeatable)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.family or ()) - set(FAMILY_LOOKS))
    if unknown:
        print(f"unknown family {unknown[0]!r}: choose from {', '.join(FAMILY_LOOKS)}", file=sys.stderr)
        return 2
    if chromium_path() is None:
        print("note: no Chromium on PATH, family web_stacked skipped", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="synth-score-") as scratch:
        scores = score_families(args.out or Path(scratch), args.family)
        print(format_table(family_table(scores)))
        warned = [p for p in scores if p.warnings]
        print(f"action pages with warnings: {len(warned)}/{sum(p.got is not None for p in scores)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
