"""Synthetic action-sheet brochures for round-trip tests (issue 5).

`records` says what a page contains, `designs` how it looks, `render` draws it:

    from tests.synth import FIXED_RECORDS, expected_fields, named_designs, render_pdf
    record = FIXED_RECORDS["acmals_fr"]
    pdf = render_pdf(tmp_path / "x.pdf", [(record, named_designs()["brochure_like"])])
    # ... run the extractor on `pdf`, compare with expected_fields(record)
"""

from .designs import BULLET_SYMBOL, BULLET_ZAPF, BULLETS, Design, bullet_text, designs, header_words, named_designs
from .records import (
    FIXED_RECORDS,
    ActionRecord,
    action_records,
    check_record,
    expected_fields,
    normalise_item,
    normalise_text,
)
from .render import LayoutError, fits, render_page_boxes, render_pdf

__all__ = [
    "BULLETS",
    "BULLET_SYMBOL",
    "BULLET_ZAPF",
    "FIXED_RECORDS",
    "ActionRecord",
    "Design",
    "LayoutError",
    "action_records",
    "bullet_text",
    "check_record",
    "designs",
    "expected_fields",
    "fits",
    "header_words",
    "named_designs",
    "normalise_item",
    "normalise_text",
    "render_page_boxes",
    "render_pdf",
]
