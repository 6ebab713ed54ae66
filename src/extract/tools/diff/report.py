"""What diff reports: added, removed, changed and moved actions, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# A scalar change longer than this (old + new, as shown) is printed on two lines.
INLINE_CHANGE_MAX_CHARS = 80
MATCHED_BY_KEY = "title"
MATCHED_BY_SIMILARITY = "similarity"


@dataclass(frozen=True)
class ActionRef:
    """Where an action is, for the report: file, page, id, title."""

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
        return {"key": self.key, "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in self.fields]}


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
        return {
            "field": self.field,
            "kind": "list",
            "key": self.key,
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [c.to_dict() for c in self.changed],
            "reordered": self.reordered,
        }

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
        return {
            "file": self.new.file,
            "title": self.new.title,
            "matched_by": self.matched_by,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
        }

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
        return {"file": self.new.file, "title": self.new.title, "old": self.old.to_dict(), "new": self.new.to_dict()}

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
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "moved": len(self.moved),
            "unchanged": self.unchanged,
        }

    def to_dict(self) -> dict:
        """A JSON-serialisable dict; its order depends only on the two inputs' content."""
        return {
            "equal": self.is_empty,
            "summary": self.summary(),
            "added": [a.to_dict() for a in self.added],
            "removed": [r.to_dict() for r in self.removed],
            "changed": [c.to_dict() for c in self.changed],
            "moved": [m.to_dict() for m in self.moved],
        }

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
            return "no content differences" + (f" ({len(self.moved)} moved)" if self.moved else "")
        return ", ".join(f"{count} {name}" for name, count in self.summary().items())


def _page_move(old: ActionRef, new: ActionRef) -> str:
    return f"p.{new.page}" if old.page == new.page else f"p.{old.page} -> p.{new.page}"


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
