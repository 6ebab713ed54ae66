"""Reviewer decisions: pin a printed SDG label or recommendation title to a canonical value.

File format (CSV, UTF-8, header required)::

    kind,printed_code,printed,canonical
    sdg,16.16,Mettre en place des institutions efficaces et responsables,16.6
    sdg,,Faciliter la migration des personnes,10.7
    recommendation,,Gouvernance locale,multilevel-governance
    recommendation,,Vivre ensemble,reject

- `kind` is `sdg` or `recommendation`.
- `printed` is the printed label/title; it is compared after `catalog.fold` (case,
  accents, punctuation), like every other match.
- `printed_code` (sdg only) restricts the decision to that printed code; empty means any.
  A decision with a code wins over one without.
- `canonical` is a target code / recommendation id of the catalog, or `reject`.
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
COLUMNS = ("kind", "printed_code", "printed", "canonical")
KINDS = ("sdg", "recommendation")


@dataclass(frozen=True)
class Decisions:
    """Decisions keyed by folded printed values (see module docstring)."""

    sdg: dict[tuple[str, str], str] = field(default_factory=dict)
    recommendation: dict[str, str] = field(default_factory=dict)

    def for_sdg(self, printed_code: str, printed_label: str) -> str | None:
        """Canonical code (or `reject`) decided for this printed pair, code-specific first."""
        label = fold(printed_label)
        return self.sdg.get((code_key(printed_code), label), self.sdg.get(("", label)))

    def for_recommendation(self, printed: str) -> str | None:
        """Canonical id (or `reject`) decided for this printed title."""
        return self.recommendation.get(fold(printed))


def code_key(code: str) -> str:
    """Printed SDG code as a lookup key: no spaces, trailing dots or case (`16.B.` -> `16.b`)."""
    return "".join(code.split()).rstrip(".").casefold()


def load_decisions(path: str | Path | None) -> Decisions:
    """Read a decisions CSV; None or a missing file gives no decisions."""
    if path is None or not Path(path).exists():
        return Decisions()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read decisions: {exc}") from exc
    return _parse(text, str(path), load_catalog())


def _parse(text: str, origin: str, catalog: Catalog) -> Decisions:
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise SettingsError(f"{origin}:1: header must be {','.join(COLUMNS)}, got {header!r}")
    sdg: dict[tuple[str, str], str] = {}
    recommendation: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        kind, printed_code, printed, canonical = _row(row, catalog, f"{origin}:{line}")
        if kind == "sdg":
            _put(sdg, (code_key(printed_code), fold(printed)), canonical, f"{origin}:{line}")
        else:
            _put(recommendation, fold(printed), canonical, f"{origin}:{line}")
    return Decisions(sdg=sdg, recommendation=recommendation)


def _row(row: list[str], catalog: Catalog, where: str) -> tuple[str, str, str, str]:
    """Validate one data row: four cells, known kind, non-empty printed, known canonical."""
    if len(row) != len(COLUMNS):
        raise SettingsError(f"{where}: expected {len(COLUMNS)} columns ({','.join(COLUMNS)}), got {len(row)}")
    kind, printed_code, printed, canonical = (cell.strip() for cell in row)
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
