"""Compare extracted actions with a `*.truth.json` file, field by field."""

from __future__ import annotations

import json
import re
from pathlib import Path

FIELDS = ("title", "subtitle", "objective", "activities", "results", "sdg_codes", "recommendations")


def ws(text: str | None) -> str | None:
    """Whitespace-normalised text (the truth file's own comparison rule)."""
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def expected_fields(action: dict) -> dict:
    return {
        "title": ws(action["title"]),
        "subtitle": ws(action["subtitle"]),
        "objective": ws(action["objective"]),
        "activities": [ws(i) for i in action["activities"]],
        "results": [ws(i) for i in action["results"]],
        "sdg_codes": [s["printed_code"] for s in action["sdg_targets"]],
        "recommendations": [ws(r["printed"]) for r in action["recommendations"]],
    }


def extracted_fields(action) -> dict:
    return {
        "title": ws(action.title),
        "subtitle": ws(action.subtitle),
        "objective": ws(action.objective),
        "activities": [ws(i) for i in action.activities],
        "results": [ws(i) for i in action.results],
        "sdg_codes": [s.printed_code for s in action.sdg_targets],
        "recommendations": [ws(r.printed) for r in action.recommendations],
    }


def score(truth: dict, actions: list) -> dict[str, list[int]]:
    """Per field, the pages where extraction equals the truth (and the misses)."""
    by_page = {a.source.page: a for a in actions}
    result: dict[str, dict[str, list[int]]] = {f: {"ok": [], "miss": []} for f in FIELDS}
    for page in truth["pages"]:
        if page["kind"] != "action":
            continue
        got = by_page.get(page["page"])
        want = expected_fields(page["action"])
        for f in FIELDS:
            ok = got is not None and extracted_fields(got)[f] == want[f]
            result[f]["ok" if ok else "miss"].append(page["page"])
    return result
