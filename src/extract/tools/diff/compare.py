"""Pairing actions by content and listing what changed between each pair."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rapidfuzz import fuzz

from extract.text import fold

from .report import (
    MATCHED_BY_KEY,
    MATCHED_BY_SIMILARITY,
    ActionChange,
    ActionRef,
    DiffReport,
    FieldChange,
    ItemChange,
    ListChange,
    Move,
    ValueChange,
)

# Minimum rapidfuzz ratio (0-100) of objective + activities that pairs two retitled actions.
SIMILARITY_THRESHOLD = 90.0
# Never a content change: the position of an action in its file and its derived id.
IGNORED_FIELDS = frozenset({"id", "source"})
# Compared fields, in report order; any other top-level field follows, sorted by name.
FIELD_ORDER = (
    "title",
    "subtitle",
    "language",
    "sdg_targets",
    "objective",
    "activities",
    "results",
    "recommendations",
    "cities",
    "country",
    "warnings",
)
# List fields whose items are objects, matched by this key (not by position).
KEYED_LIST_FIELDS = {"sdg_targets": "code", "recommendations": "id", "cities": "name"}


def diff_actions(old: list[dict], new: list[dict]) -> DiffReport:
    """Compare two lists of actions (as in `actions.json`) by content."""
    pairs, old_left, new_left = pair_actions(old, new)
    changed, moved, unchanged = [], [], 0
    for old_action, new_action, matched_by in pairs:
        changes = action_changes(old_action, new_action)
        old_ref, new_ref = action_ref(old_action), action_ref(new_action)
        if changes:
            changed.append(ActionChange(old_ref, new_ref, matched_by, changes))
        elif (old_ref.page, old_ref.id) != (new_ref.page, new_ref.id):
            moved.append(Move(old_ref, new_ref))
        else:
            unchanged += 1
    return DiffReport(
        added=tuple(sorted((action_ref(a) for a in new_left), key=_ref_order)),
        removed=tuple(sorted((action_ref(a) for a in old_left), key=_ref_order)),
        changed=tuple(sorted(changed, key=lambda c: _ref_order(c.new))),
        moved=tuple(sorted(moved, key=lambda m: _ref_order(m.new))),
        unchanged=unchanged,
    )


def pair_actions(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict, str]], list[dict], list[dict]]:
    """(old, new, matched_by) pairs, then the unpaired old and new actions."""
    key_pairs, old_left, new_left = _pair_by_key(old, new)
    similar_pairs, old_left, new_left = _pair_by_similarity(old_left, new_left)
    pairs = [(o, n, MATCHED_BY_KEY) for o, n in key_pairs]
    pairs += [(o, n, MATCHED_BY_SIMILARITY) for o, n in similar_pairs]
    return pairs, old_left, new_left


def _pair_by_key(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair equal (file, title) keys; duplicates of one key pair in page order."""
    old_groups, new_groups = _group_by_key(old), _group_by_key(new)
    pairs: list[tuple[dict, dict]] = []
    old_left: list[dict] = []
    new_left: list[dict] = []
    for key in sorted(old_groups.keys() | new_groups.keys()):
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        pairs += zip(olds, news)
        old_left += olds[len(news) :]
        new_left += news[len(olds) :]
    return pairs, _in_page_order(old_left), _in_page_order(new_left)


def _pair_by_similarity(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair actions of the same file whose objective + activities are nearly equal, best first."""
    candidates = []
    for i, old_action in enumerate(old):
        for j, new_action in enumerate(new):
            if file_key(old_action) != file_key(new_action):
                continue
            score = content_similarity(old_action, new_action)
            if score >= SIMILARITY_THRESHOLD:
                candidates.append((-score, i, j))
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j]))
    old_left = [a for i, a in enumerate(old) if i not in used_old]
    new_left = [a for j, a in enumerate(new) if j not in used_new]
    return pairs, old_left, new_left


def content_similarity(a: dict, b: dict) -> float:
    """rapidfuzz ratio (0-100) of the folded objective + activities; 0 when either is empty."""
    text_a, text_b = _body_text(a), _body_text(b)
    if not text_a or not text_b:
        return 0.0
    return fuzz.ratio(text_a, text_b)


def _body_text(action: dict) -> str:
    parts = [action.get("objective") or "", *(action.get("activities") or [])]
    return "\n".join(fold(p) for p in parts if isinstance(p, str) and p.strip())


def _group_by_key(actions: list[dict]) -> dict[tuple[str, str], list[dict]]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for action in _in_page_order(actions):
        groups.setdefault(match_key(action), []).append(action)
    return groups


def _in_page_order(actions: list[dict]) -> list[dict]:
    """Stable sort by (file, page); the input order breaks ties."""
    return sorted(actions, key=lambda a: (file_key(a), _page(a)))


def match_key(action: dict) -> tuple[str, str]:
    """The content key that pairs two editions of an action: its file and folded title."""
    return file_key(action), fold(action.get("title") or "")


def file_key(action: dict) -> str:
    """The action's file (its path relative to the input folder), as written."""
    return _file(action)


# ----------------------------------------------------------------------------- field changes


def action_changes(old: dict, new: dict) -> tuple[FieldChange, ...]:
    """Content changes old -> new, in `FIELD_ORDER`; `id` and `source` are ignored."""
    names = _compared_fields(old, new)
    changes = (field_change(name, old.get(name), new.get(name)) for name in names)
    return tuple(c for c in changes if c is not None)


def _compared_fields(old: dict, new: dict) -> list[str]:
    extra = sorted((old.keys() | new.keys()) - IGNORED_FIELDS - set(FIELD_ORDER))
    return [*FIELD_ORDER, *extra]


def field_change(name: str, old: Any, new: Any) -> FieldChange | None:
    """The change of one field, or None when equal."""
    if old == new:
        return None
    if name in KEYED_LIST_FIELDS and _is_list(old, new):
        return keyed_list_change(name, KEYED_LIST_FIELDS[name], old or [], new or [])
    if _is_list(old, new) and all(isinstance(x, str) for x in [*(old or []), *(new or [])]):
        return text_list_change(name, old or [], new or [])
    return ValueChange(name, old, new)


def _is_list(old: Any, new: Any) -> bool:
    return all(v is None or isinstance(v, list) for v in (old, new))


def text_list_change(name: str, old: list[str], new: list[str]) -> ListChange | None:
    """Items removed and added (as multisets, in list order), and whether the order changed."""
    removed = _missing_from(old, new)
    added = _missing_from(new, old)
    kept_old = _without(old, removed)
    kept_new = _without(new, added)
    if not (added or removed or kept_old != kept_new):
        return None
    return ListChange(name, added=tuple(added), removed=tuple(removed), reordered=kept_old != kept_new)


def _missing_from(items: list, other: list) -> list:
    """Items of `items` not in `other`, counting duplicates, in `items` order."""
    available = Counter(_hashable(x) for x in other)
    missing = []
    for item in items:
        key = _hashable(item)
        if available[key] > 0:
            available[key] -= 1
        else:
            missing.append(item)
    return missing


def _without(items: list, drop: list) -> list:
    """The comparison keys of `items` minus `drop` (with multiplicity), keeping order."""
    return [_hashable(item) for item in _missing_from(items, drop)]


def keyed_list_change(name: str, key: str, old: list, new: list) -> ListChange | None:
    """Items matched by `key` (SDG code, recommendation id, city name): added, removed, changed."""
    old_items, new_items = _keyed(old, key), _keyed(new, key)
    removed = [item for k, item in old_items.items() if k not in new_items]
    added = [item for k, item in new_items.items() if k not in old_items]
    common = [k for k in old_items if k in new_items]
    changed = [
        ItemChange(_key_label(k), changes) for k in common if (changes := _item_changes(old_items[k], new_items[k]))
    ]
    reordered = common != [k for k in new_items if k in old_items]
    if not (added or removed or changed or reordered):
        return None
    return ListChange(
        name, added=tuple(added), removed=tuple(removed), changed=tuple(changed), reordered=reordered, key=key
    )


def _keyed(items: list, key: str) -> dict[tuple[str, int], Any]:
    """Items by (key value, occurrence number), so repeated keys pair in list order."""
    seen: Counter = Counter()
    keyed = {}
    for item in items:
        value = str(item.get(key)) if isinstance(item, dict) else json.dumps(item, sort_keys=True)
        keyed[(value, seen[value])] = item
        seen[value] += 1
    return keyed


def _key_label(key: tuple[str, int]) -> str:
    value, occurrence = key
    return value if occurrence == 0 else f"{value} #{occurrence + 1}"


def _item_changes(old: Any, new: Any) -> tuple[ValueChange, ...]:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return () if old == new else (ValueChange("value", old, new),)
    names = list(dict.fromkeys([*old, *new]))
    return tuple(ValueChange(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n))


# ----------------------------------------------------------------------------- small helpers


def action_ref(action: dict) -> ActionRef:
    return ActionRef(
        file=_file(action), page=_page(action), id=str(action.get("id") or ""), title=str(action.get("title") or "")
    )


def _file(action: dict) -> str:
    return str((action.get("source") or {}).get("file") or "")


def _page(action: dict) -> int:
    page = (action.get("source") or {}).get("page")
    return page if isinstance(page, int) else 0


def _ref_order(ref: ActionRef) -> tuple:
    return (fold(ref.file), ref.file, ref.page, fold(ref.title), ref.title, ref.id)


def _hashable(item: Any) -> Any:
    return item if isinstance(item, str) else json.dumps(item, sort_keys=True, ensure_ascii=False)
