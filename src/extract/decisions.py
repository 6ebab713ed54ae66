"""Reviewer decisions: pin a printed SDG label or recommendation title to a canonical value.

Two file layouts are read (CSV, header required, columns found by name, others ignored):

- the review queue itself: a copy of `review.csv` with its `decision` column filled in
  (columns `kind`, `printed_code`, `printed`, `chosen`, `decision`). `decision` is a target
  code / recommendation id, `accept` (keep `chosen`) or `reject`; rows left empty are not
  decided. `accept` of a `chosen` that is not a catalog value (an SDG item in review keeps
  its printed code) means `reject`.
- the original layout, still read::

    kind,printed_code,printed,canonical
    sdg,16.16,Mettre en place des institutions efficaces et responsables,16.6
    recommendation,,Vivre ensemble,reject

The file may be saved by Excel: UTF-8 with or without a BOM (Windows-1252 when it is not
UTF-8), `,` `;` or tab as delimiter (taken from the header line), CRLF line ends.

- `kind` is `sdg` or `recommendation`.
- `printed` is the printed label/title; it is compared after `catalog.fold` (case,
  accents, punctuation), like every other match.
- `printed_code` (sdg only) restricts the decision to that printed code; empty means any.
  A decision with a code wins over one without. Trailing zeros do not count (`17.10` saved
  by a spreadsheet as `17.1` still matches).
- the decided value is a target code / recommendation id of the catalog, or `reject`.
  `reject` means "this printed value is not any canonical item, keep it as printed and
  stop asking": the item keeps its printed code/label (recommendation: id ""), status
  `decided`.

A missing file is an empty set of decisions; a malformed one raises `SettingsError`
naming the file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from extract.catalog import Catalog, fold, load_catalog
from extract.errors import SettingsError

REJECT = "reject"
ACCEPT = "accept"
COLUMNS = ("kind", "printed_code", "printed", "canonical")  # the original layout
QUEUE_COLUMNS = ("kind", "printed_code", "printed", "chosen", "decision")  # a filled-in review.csv
KINDS = ("sdg", "recommendation")
DELIMITERS = (",", ";", "\t")
FALLBACK_ENCODING = "cp1252"  # what Excel writes for "CSV" when the text is not UTF-8


@dataclass(frozen=True)
class Decisions:
    """Decisions keyed by folded printed values (see module docstring)."""

    sdg: dict[tuple[str, str], str] = field(default_factory=dict)
    recommendation: dict[str, str] = field(default_factory=dict)

    def for_sdg(self, printed_code: str, printed_label: str) -> str | None:
        """Canonical code (or `reject`) decided for this printed pair, code-specific first."""
        label = fold(printed_label)
        return self.sdg.get((printed_key(printed_code), label), self.sdg.get(("", label)))

    def for_recommendation(self, printed: str) -> str | None:
        """Canonical id (or `reject`) decided for this printed title."""
        return self.recommendation.get(fold(printed))


def code_key(code: str) -> str:
    """Printed SDG code as a lookup key: no spaces, trailing dots or case (`16.B.` -> `16.b`)."""
    return "".join(code.split()).rstrip(".").casefold()


def printed_key(code: str) -> str:
    """A printed code as a decision key, the same after a spreadsheet re-saved it as a number:
    `17.10` and `17.1` are one key (the printed label, the other half of the key, keeps two such
    items apart)."""
    goal, dot, target = code_key(code).partition(".")
    return goal + dot + (target.rstrip("0") or "0" if target.isdigit() else target)


def load_decisions(path: str | Path | None) -> Decisions:
    """Read a decisions CSV; None or a missing file gives no decisions."""
    if path is None or not Path(path).exists():
        return Decisions()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read decisions: {exc}") from exc
    return _parse(decode(data), str(path), load_catalog())


def decode(data: bytes) -> str:
    """File bytes as text: UTF-8 (a BOM is dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode(FALLBACK_ENCODING, errors="replace")


def delimiter(header_line: str) -> str:
    """The delimiter of a CSV file: the first of `DELIMITERS` its header line contains."""
    return next((d for d in DELIMITERS if d in header_line), DELIMITERS[0])


def _layout(header: list[str], origin: str) -> tuple[dict[str, int], bool]:
    """Column positions by name, and whether the file is a filled-in review queue."""
    names = [h.strip().casefold() for h in header]
    positions = {name: i for i, name in reversed(list(enumerate(names)))}
    for columns, queue in ((QUEUE_COLUMNS, True), (COLUMNS, False)):
        if all(c in positions for c in columns):
            return positions, queue
    raise SettingsError(
        f"{origin}:1: header must have the columns {','.join(QUEUE_COLUMNS)} (a filled-in review.csv) "
        f"or {','.join(COLUMNS)}, got {header!r}"
    )


def _parse(text: str, origin: str, catalog: Catalog) -> Decisions:
    lines = text.splitlines()
    reader = csv.reader(lines, delimiter=delimiter(lines[0] if lines else ""))
    header = next(reader, None)
    if header is None:
        raise SettingsError(f"{origin}:1: empty file, expected a header")
    positions, queue = _layout(header, origin)
    sdg: dict[tuple[str, str], str] = {}
    recommendation: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{origin}:{line}"
        if len(row) < len(header):
            raise SettingsError(f"{where}: expected {len(header)} columns ({','.join(header)}), got {len(row)}")
        cells = {name: row[i].strip() for name, i in positions.items()}
        if queue:
            if not cells["decision"]:
                continue  # still to be decided
            cells["canonical"] = _queue_decision(cells["kind"], cells["chosen"], cells["decision"], catalog)
        kind, printed_code, printed, canonical = _row(
            [cells["kind"], cells["printed_code"], cells["printed"], cells["canonical"]], catalog, where
        )
        if kind == "sdg":
            _put(sdg, (printed_key(printed_code), fold(printed)), canonical, where)
        else:
            _put(recommendation, fold(printed), canonical, where)
    return Decisions(sdg=sdg, recommendation=recommendation)


def _queue_decision(kind: str, chosen: str, decision: str, catalog: Catalog) -> str:
    """The canonical value a review-queue `decision` stands for (`accept` = `chosen`)."""
    word = decision.casefold()
    if word == REJECT:
        return REJECT
    if word != ACCEPT:
        return decision
    known = catalog.targets if kind == "sdg" else catalog.recommendation_titles
    value = code_key(chosen) if kind == "sdg" else chosen
    return value if value in known else REJECT


def _row(row: list[str], catalog: Catalog, where: str) -> tuple[str, str, str, str]:
    """Validate one data row: known kind, non-empty printed, known canonical."""
    if len(row) != len(COLUMNS):
        raise SettingsError(f"{where}: expected {len(COLUMNS)} columns ({','.join(COLUMNS)}), got {len(row)}")
    kind, printed_code, printed, canonical = (cell.strip() for cell in row)
    if canonical.casefold() == REJECT:
        canonical = REJECT
    if kind not in KINDS:
        raise SettingsError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if not fold(printed):
        raise SettingsError(f"{where}: printed value is empty")
    if kind == "recommendation" and printed_code:
        raise SettingsError(f"{where}: printed_code is only for kind sdg")
    if kind == "sdg" and canonical != REJECT:
        canonical = code_key(canonical)
    known = catalog.targets if kind == "sdg" else catalog.recommendation_titles
    if canonical != REJECT and canonical not in known:
        raise SettingsError(f"{where}: unknown {kind} {canonical!r} (a catalog value or {REJECT!r})")
    return kind, printed_code, printed, canonical


def _put(table: dict, key, canonical: str, where: str) -> None:
    if table.get(key, canonical) != canonical:
        raise SettingsError(f"{where}: contradicts an earlier decision ({table[key]!r})")
    table[key] = canonical
