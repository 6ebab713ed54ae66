"""Stage 2 — layout: find the blocks of an action sheet from geometry and typography.

Rules, in order:
1. Furniture (running headers, funder line, page numbers) is dropped by header words and position.
2. Block headers are line segments whose folded text equals a configured header word
   (OBJECTIF/OBJECTIVE, ACTIVITES/ACTIVITIES, RESULTATS/OUTCOMES, the recommendations band).
   Where they were drawn in the content stream does not matter: only geometry does.
3. Headers on one baseline form a row; each header owns the area below (or beside) it, bounded
   left and right by its header bar when there is one, otherwise by the empty vertical strips
   (gutters) between the columns' text, and below by the next header row.
4. The title is the largest text above the columns; the subtitle follows it in a smaller or italic face.
5. SDG targets are anchored on printed codes (`16.6`, `16.b`) at the start of a segment; each
   remaining word belongs to the nearest code above-left of it (badges left of the code are ignored).
"""

from .aliases import header_aliases
from .document import learn_document
from .furniture import is_furniture, is_logo, logo_frames
from .headers import find_headers, header_bar, header_rows, missing_column_reason, page_language
from .model import BAND_KIND, COLUMN_KINDS, Block, Header, PageLayout, SdgItem, Zone
from .page import page_to_layout
from .sdg import assign_to_anchors, badges_of, sdg_anchors
from .title import find_subtitle, find_title
from .zones import block_zones, column_bounds, cut_at_gap, row_bottom

__all__ = [
    "BAND_KIND",
    "COLUMN_KINDS",
    "Block",
    "Header",
    "PageLayout",
    "SdgItem",
    "Zone",
    "assign_to_anchors",
    "badges_of",
    "block_zones",
    "column_bounds",
    "cut_at_gap",
    "find_headers",
    "find_subtitle",
    "find_title",
    "header_aliases",
    "header_bar",
    "header_rows",
    "is_furniture",
    "is_logo",
    "learn_document",
    "logo_frames",
    "missing_column_reason",
    "page_language",
    "page_to_layout",
    "row_bottom",
    "sdg_anchors",
]
