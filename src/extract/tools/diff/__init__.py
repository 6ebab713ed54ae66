"""Semantic diff of two extractions (two `actions.json`): what content was added, removed, changed.

Actions are paired by content, never by page or id, so a page inserted in a new edition of a
brochure shows up as one added action, not as every later action "changed":

1. by key: source file (path relative to the input folder) + title folded by `text.fold`;
   duplicates of one key pair up in page order;
2. then, among what is left in the same file, by similarity of objective + activities
   (`SIMILARITY_THRESHOLD`), so a retitled action is "changed", not removed + added.

`id`, `source.page` and `source.sha256` never make an action "changed"; a paired action whose
page or id moved and whose content is equal is listed as informational "moved".
A pure library: the CLI prints `DiffReport.format_text()` or `json.dumps(DiffReport.to_dict())`.
"""

from .compare import (
    SIMILARITY_THRESHOLD,
    content_similarity,
    diff_actions,
    field_change,
    keyed_list_change,
    match_key,
    pair_actions,
    text_list_change,
)
from .load import ACTIONS_FILE, ActionsFileError, load_actions
from .report import ActionChange, ActionRef, DiffReport, ItemChange, ListChange, Move, ValueChange

__all__ = [
    "ACTIONS_FILE",
    "SIMILARITY_THRESHOLD",
    "ActionChange",
    "ActionRef",
    "ActionsFileError",
    "DiffReport",
    "ItemChange",
    "ListChange",
    "Move",
    "ValueChange",
    "content_similarity",
    "diff_actions",
    "field_change",
    "keyed_list_change",
    "load_actions",
    "match_key",
    "pair_actions",
    "text_list_change",
]
