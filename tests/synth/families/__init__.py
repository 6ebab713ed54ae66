"""Design families of issue 11: whole multi-page brochures in arrangements other designers
use (stacked blocks, SDG tables and pills, margin and boxed recommendations beside partner
logos, small-caps headers, side strips), French and English, through fpdf2 and Chromium.

    from tests.synth.families import family_files, render_family
    for case in family_files():  # (family, look, language, records)
        render_family(case, tmp_path / case.file_name)
"""

from .catalog import FAMILY_LOOKS, LANGUAGES, family_looks, looks, looks_by_name
from .files import FamilyFile, chromium_path, expected_pages, family_files, render_family
from .look import Look
from .records import FAMILY_RECORDS, family_problems, records_of

__all__ = [
    "FAMILY_LOOKS",
    "FAMILY_RECORDS",
    "LANGUAGES",
    "FamilyFile",
    "Look",
    "chromium_path",
    "expected_pages",
    "family_files",
    "family_looks",
    "family_problems",
    "looks",
    "looks_by_name",
    "records_of",
    "render_family",
]
