"""The sample brochure's truth file (`*.truth.json`) and the comparison of extracted actions with it."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from extract.models import Action
from tests.helpers import SAMPLE_TRUTH, extracted_fields

# Compared per action page (keys of `tests.helpers.extracted_fields`).
FIELDS = ("title", "subtitle", "objective", "activities", "results", "sdg_printed_codes", "recommendations_printed")


@cache
def sample_truth() -> dict:
    """The whole truth file of the sample: every page, its kind and (for action pages) its action."""
    return json.loads(SAMPLE_TRUTH.read_text(encoding="utf-8"))


def truth_actions() -> list[tuple[int, dict]]:
    """(page, action) for every action page of the sample, in page order."""
    return [(page["page"], page["action"]) for page in sample_truth()["pages"] if page.get("action")]


def ws(value: Any) -> Any:
    """Whitespace-normalised text, or list of texts (the truth file's own comparison rule)."""
    if isinstance(value, list):
        return [ws(v) for v in value]
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


def expected_fields(action: dict) -> dict:
    """The compared fields of a truth action."""
    fields = {
        "title": action["title"],
        "subtitle": action["subtitle"],
        "objective": action["objective"],
        "activities": action["activities"],
        "results": action["results"],
        "sdg_printed_codes": [s["printed_code"] for s in action["sdg_targets"]],
        "recommendations_printed": [r["printed"] for r in action["recommendations"]],
    }
    return {f: ws(value) for f, value in fields.items()}


def got_fields(action: Action) -> dict:
    """The compared fields of an extracted action, whitespace-normalised like the truth."""
    fields = extracted_fields(action)
    return {f: ws(fields[f]) for f in FIELDS}


def score(truth: dict, actions: list[Action]) -> dict[str, dict[str, list[int]]]:
    """Per field, the pages where extraction equals the truth (and the misses)."""
    by_page = {a.source.page: a for a in actions}
    result: dict[str, dict[str, list[int]]] = {f: {"ok": [], "miss": []} for f in FIELDS}
    for page in truth["pages"]:
        if page["kind"] != "action":
            continue
        got = by_page.get(page["page"])
        want = expected_fields(page["action"])
        for f in FIELDS:
            ok = got is not None and got_fields(got)[f] == want[f]
            result[f]["ok" if ok else "miss"].append(page["page"])
    return result
