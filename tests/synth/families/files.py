"""The files of the design families: one per (look, language), an intro page then one page
per family record of that language, and what each page must extract to.

The expectation comes from the generator's input records (`expected_fields`), never from
an extraction: ``None`` for the intro page (no action), the record's fields otherwise.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..records import ActionRecord, expected_fields
from .catalog import FAMILY_LOOKS, LANGUAGES
from .look import Look
from .records import records_of

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
INTRO_PAGES = 1


@dataclass(frozen=True)
class FamilyFile:
    """One rendered file: a family look in one language and its records, in page order."""

    family: str
    look: Look
    language: str
    records: tuple[ActionRecord, ...]

    @property
    def file_name(self) -> str:
        return f"{self.family}-{self.look.name}-{self.language}.pdf"

    @property
    def case_id(self) -> str:
        return f"{self.look.name}-{self.language}"


def family_files() -> list[FamilyFile]:
    """Every (family, look, language) file, in catalogue order."""
    return [
        FamilyFile(family, look, language, tuple(records_of(language)))
        for family, looks in FAMILY_LOOKS.items()
        for look in looks
        for language in LANGUAGES
    ]


def expected_pages(case: FamilyFile) -> list[dict | None]:
    """Per page (1-based order): None for a page without an action, else its expected fields."""
    return [None] * INTRO_PAGES + [expected_fields(record) for record in case.records]


def chromium_path() -> str | None:
    """The headless Chromium executable, or None when the machine has none."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_family(case: FamilyFile, path: str | Path) -> Path:
    """Write `case` to `path` with its look's renderer (fpdf2 or Chromium)."""
    if case.look.renderer == "chromium":
        from .html import render_html_pdf

        return render_html_pdf(path, case.look, list(case.records), case.language)
    from .pages import render_family_pdf

    return render_family_pdf(path, case.look, list(case.records), case.language)
