"""Semantic diff of two extractions (two `actions.json`): what content was added, removed, changed.

Actions are paired by content, never by page or id, so a page inserted in a new edition of a
brochure shows up as one added action, not as every later action "changed":

1. by key: source file basename + title, both folded (Unicode NFKC, case, whitespace);
   duplicates of one key pair up in page order;
2. then, among what is left in the same file, by similarity of objective + activities
   (`SIMILARITY_THRESHOLD`), so a retitled action is "changed", not removed + added.

`id`, `source.page` and `source.sha256` never make an action "changed"; a paired action whose
page or id moved and whose content is equal is listed as informational "moved".
A pure library: the CLI prints `DiffReport.format_text()` or `json.dumps(DiffReport.to_dict())`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .errors import UsageError
from .models import SCHEMA_VERSION

ACTIONS_FILE = "actions.json"
# Minimum rapidfuzz ratio (0-100) of objective + activities that pairs two retitled actions.
SIMILARITY_THRESHOLD = 90.0
# Never a content change: the position of an action in its file and its derived id.
IGNORED_FIELDS = frozenset({"id", "source"})
# Compared fields, in report order; any other top-level field follows, sorted by name.
FIELD_ORDER = ("title", "subtitle", "language", "sdg_targets", "objective", "activities",
               "results", "recommendations", "cities", "country", "warnings")
# List fields whose items are objects, matched by this key (not by position).
KEYED_LIST_FIELDS = {"sdg_targets": "code", "recommendations": "id", "cities": "name"}
# A scalar change longer than this (old + new, as shown) is printed on two lines.
INLINE_CHANGE_MAX_CHARS = 80
MATCHED_BY_KEY = "title"
MATCHED_BY_SIMILARITY = "similarity"


class ActionsFileError(UsageError):
    """An `actions.json` given to diff is missing, not JSON or not a supported document."""

    def __init__(self, file: str | Path, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = str(file)
        self.reason = reason


# ----------------------------------------------------------------------------- loading

def load_actions(path: str | Path) -> list[dict]:
    """The actions of an output folder (its `actions.json`) or of an `actions.json` file."""
    file = Path(path)
    if file.is_dir():
        file = file / ACTIONS_FILE
    if not file.is_file():
        raise ActionsFileError(file, "no such file")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ActionsFileError(file, f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ActionsFileError(file, f"invalid JSON: {exc}") from exc
    return _checked_actions(data, file)


def _checked_actions(data: Any, file: Path) -> list[dict]:
    """The `actions` list of a decoded document, after checking what diff relies on."""
    if not isinstance(data, dict):
        raise ActionsFileError(file, "not an actions document (expected a JSON object)")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ActionsFileError(
            file, f"unsupported schema_version {version!r} (expected {SCHEMA_VERSION})")
    actions = data.get("actions")
    if not isinstance(actions, list):
        raise ActionsFileError(file, "'actions' must be a list")
    for number, action in enumerate(actions, start=1):
        problem = _action_problem(action)
        if problem:
            raise ActionsFileError(file, f"action #{number}: {problem}")
    return actions


def _action_problem(action: Any) -> str | None:
    """Why an action cannot be diffed (no title or source file), or None."""
    if not isinstance(action, dict):
        return "not a JSON object"
    if not isinstance(action.get("title"), str):
        return "missing 'title'"
    source = action.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("file"), str):
        return "missing 'source.file'"
    return None


# ----------------------------------------------------------------------------- report types

@dataclass(frozen=True)
class ActionRef:
    """Where an action is, for the report: file basename, page, id, title."""

    file: str
    page: int
    id: str
    title: str

    def label(self) -> str:
        return f"{self.file} p.{self.page} «{self.title}»"

    def to_dict(self) -> dict:
        return {"file": self.file, "page": self.page, "id": self.id, "title": self.title}


@dataclass(frozen=True)
class ValueChange:
    """A scalar field changed (None = absent or null)."""

    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict:
        return {"field": self.field, "kind": "value", "old": self.old, "new": self.new}

    def text_lines(self) -> list[str]:
        old, new = _show(self.old), _show(self.new)
        if len(old) + len(new) <= INLINE_CHANGE_MAX_CHARS:
            return [f"{self.field}: {old} -> {new}"]
        return [f"{self.field}:", f"  - {old}", f"  + {new}"]


@dataclass(frozen=True)
class ItemChange:
    """One keyed item (SDG target, recommendation, city) present in both, with changed fields."""

    key: str
    fields: tuple[ValueChange, ...]

    def to_dict(self) -> dict:
        return {"key": self.key,
                "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in self.fields]}


@dataclass(frozen=True)
class ListChange:
    """A list field changed: items added, removed, changed in place (keyed lists), reordered.

    For text lists (activities, results, warnings) items are strings; for keyed lists
    (`key` = "code", "id" or "name") they are the item objects.
    """

    field: str
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    changed: tuple[ItemChange, ...] = ()
    reordered: bool = False
    key: str | None = None

    def to_dict(self) -> dict:
        return {"field": self.field, "kind": "list", "key": self.key,
                "added": list(self.added), "removed": list(self.removed),
                "changed": [c.to_dict() for c in self.changed], "reordered": self.reordered}

    def text_lines(self) -> list[str]:
        lines = [f"{self.field}:" + (" (order changed)" if self.reordered else "")]
        lines += [f"  - {self._show_item(item)}" for item in self.removed]
        lines += [f"  + {self._show_item(item)}" for item in self.added]
        for item in self.changed:
            changes = ", ".join(f"{c.field}: {_show(c.old)} -> {_show(c.new)}" for c in item.fields)
            lines.append(f"  ~ {item.key}: {changes}")
        return lines

    def _show_item(self, item: Any) -> str:
        if self.key is None or not isinstance(item, dict):
            return _show(item)
        return _show_keyed_item(self.field, self.key, item)


FieldChange = ValueChange | ListChange


@dataclass(frozen=True)
class ActionChange:
    """A paired action whose content differs; `matched_by` is "title" or "similarity"."""

    old: ActionRef
    new: ActionRef
    matched_by: str
    changes: tuple[FieldChange, ...]

    def to_dict(self) -> dict:
        return {"file": self.new.file, "title": self.new.title, "matched_by": self.matched_by,
                "old": self.old.to_dict(), "new": self.new.to_dict(),
                "changes": [c.to_dict() for c in self.changes]}

    def text_lines(self) -> list[str]:
        pages = _page_move(self.old, self.new)
        head = f"~ changed: {self.new.file} {pages} «{self.new.title}»"
        if self.matched_by == MATCHED_BY_SIMILARITY:
            head += f" (was «{self.old.title}», paired by similar content)"
        return [head] + [f"    {line}" for c in self.changes for line in c.text_lines()]


@dataclass(frozen=True)
class Move:
    """A paired action with equal content whose page or id differs (informational)."""

    old: ActionRef
    new: ActionRef

    def to_dict(self) -> dict:
        return {"file": self.new.file, "title": self.new.title,
                "old": self.old.to_dict(), "new": self.new.to_dict()}

    def text_line(self) -> str:
        return f"> moved: {self.new.file} {_page_move(self.old, self.new)} «{self.new.title}»"


@dataclass(frozen=True)
class DiffReport:
    """Content differences between two extractions; `moved` does not make it non-empty."""

    added: tuple[ActionRef, ...] = ()
    removed: tuple[ActionRef, ...] = ()
    changed: tuple[ActionChange, ...] = ()
    moved: tuple[Move, ...] = ()
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        """True when no action was added, removed or changed in content."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed),
                "changed": len(self.changed), "moved": len(self.moved),
                "unchanged": self.unchanged}

    def to_dict(self) -> dict:
        """A JSON-serialisable dict; its order depends only on the two inputs' content."""
        return {"equal": self.is_empty, "summary": self.summary(),
                "added": [a.to_dict() for a in self.added],
                "removed": [r.to_dict() for r in self.removed],
                "changed": [c.to_dict() for c in self.changed],
                "moved": [m.to_dict() for m in self.moved]}

    def format_text(self) -> str:
        """Human-readable report, one block per action, ending with a summary line."""
        lines = [f"+ added: {a.label()}" for a in self.added]
        lines += [f"- removed: {r.label()}" for r in self.removed]
        lines += [line for c in self.changed for line in c.text_lines()]
        lines += [m.text_line() for m in self.moved]
        lines.append(self._summary_line())
        return "\n".join(lines) + "\n"

    def _summary_line(self) -> str:
        if self.is_empty:
            return "no content differences" + (
                f" ({len(self.moved)} moved)" if self.moved else "")
        return ", ".join(f"{count} {name}" for name, count in self.summary().items())


# ----------------------------------------------------------------------------- diffing

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


def pair_actions(old: list[dict], new: list[dict]
                 ) -> tuple[list[tuple[dict, dict, str]], list[dict], list[dict]]:
    """(old, new, matched_by) pairs, then the unpaired old and new actions."""
    key_pairs, old_left, new_left = _pair_by_key(old, new)
    similar_pairs, old_left, new_left = _pair_by_similarity(old_left, new_left)
    pairs = [(o, n, MATCHED_BY_KEY) for o, n in key_pairs]
    pairs += [(o, n, MATCHED_BY_SIMILARITY) for o, n in similar_pairs]
    return pairs, old_left, new_left


def _pair_by_key(old: list[dict], new: list[dict]
                 ) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair equal (file, title) keys; duplicates of one key pair in page order."""
    old_groups, new_groups = _group_by_key(old), _group_by_key(new)
    pairs, old_left, new_left = [], [], []
    for key in sorted(old_groups.keys() | new_groups.keys()):
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        pairs += zip(olds, news)
        old_left += olds[len(news):]
        new_left += news[len(olds):]
    return pairs, _in_page_order(old_left), _in_page_order(new_left)


def _pair_by_similarity(old: list[dict], new: list[dict]
                        ) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
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
    """The content key that pairs two editions of an action: folded file basename and title."""
    return file_key(action), fold(action.get("title") or "")


def file_key(action: dict) -> str:
    return fold(_basename(action))


def fold(text: str) -> str:
    """Text folded for matching: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


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
    return ListChange(name, added=tuple(added), removed=tuple(removed),
                      reordered=kept_old != kept_new)


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
    """`items` minus `drop` (with multiplicity), keeping order."""
    to_drop = Counter(_hashable(x) for x in drop)
    kept = []
    for item in items:
        key = _hashable(item)
        if to_drop[key] > 0:
            to_drop[key] -= 1
        else:
            kept.append(key)
    return kept


def keyed_list_change(name: str, key: str, old: list, new: list) -> ListChange | None:
    """Items matched by `key` (SDG code, recommendation id, city name): added, removed, changed."""
    old_items, new_items = _keyed(old, key), _keyed(new, key)
    removed = [item for k, item in old_items.items() if k not in new_items]
    added = [item for k, item in new_items.items() if k not in old_items]
    common = [k for k in old_items if k in new_items]
    changed = [ItemChange(_key_label(k), changes) for k in common
               if (changes := _item_changes(old_items[k], new_items[k]))]
    reordered = common != [k for k in new_items if k in old_items]
    if not (added or removed or changed or reordered):
        return None
    return ListChange(name, added=tuple(added), removed=tuple(removed),
                      changed=tuple(changed), reordered=reordered, key=key)


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
    return ActionRef(file=_basename(action), page=_page(action),
                     id=str(action.get("id") or ""), title=str(action.get("title") or ""))


def _basename(action: dict) -> str:
    source = action.get("source") or {}
    return re.split(r"[\\/]", str(source.get("file") or ""))[-1]


def _page(action: dict) -> int:
    page = (action.get("source") or {}).get("page")
    return page if isinstance(page, int) else 0


def _ref_order(ref: ActionRef) -> tuple:
    return (fold(ref.file), ref.file, ref.page, fold(ref.title), ref.title, ref.id)


def _page_move(old: ActionRef, new: ActionRef) -> str:
    return f"p.{new.page}" if old.page == new.page else f"p.{old.page} -> p.{new.page}"


def _hashable(item: Any) -> Any:
    return item if isinstance(item, str) else json.dumps(item, sort_keys=True, ensure_ascii=False)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return repr(value)


def _show_keyed_item(field_name: str, key: str, item: dict) -> str:
    """A short rendering of a keyed item: "10.7 'label'", "participation", "Lyon (FR)"."""
    value = str(item.get(key))
    if field_name == "cities" and item.get("country"):
        return f"{value} ({item['country']})"
    label = item.get("label") or item.get("title")
    return f"{value} {_show(label)}" if label else value
