"""`report.html`: one self-contained page for people who would rather look than read.

Inline CSS and SVG only (no script, no external resource: it opens offline and prints well):
a summary, a table of contents, bar charts (actions per SDG goal in the official SDG colours,
targets per goal, actions per recommendation, recommendations per action, actions per country,
pages per status and reason), the review queue, the warnings and the list of actions that both
tables link to. Deterministic: no timestamps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from extract.catalog import load_catalog
from extract.models import FILE_FAILED, Action
from extract.stages.write.charts import Bar, bar_chart, shorten
from extract.stages.write.report_style import STYLE

REPORT_LANGUAGE = "en"  # language of goal, recommendation and country names in the report
PAGE_STATUS_ORDER = ("action", "skipped", "failed", FILE_FAILED)
MAX_BARS = 25  # bars beyond this are summed into one "other" bar
NO_VALUE = "(none)"
CANDIDATE_CHARS = 160  # characters of the candidates cell shown in the review table


def anchor(action_id: str) -> str:
    """The HTML id of an action's row in the list of actions."""
    return f"action-{action_id}"


def _link(action_id: str) -> str:
    return f'<a href="#{escape(anchor(action_id))}">{escape(action_id)}</a>'


def _capped(bars: list[Bar]) -> list[Bar]:
    """At most `MAX_BARS` bars; the rest summed into one."""
    if len(bars) <= MAX_BARS:
        return bars
    rest = sum(bar.value for bar in bars[MAX_BARS - 1 :])
    return [*bars[: MAX_BARS - 1], Bar(f"other ({len(bars) - MAX_BARS + 1})", rest)]


def _goal_bars(counts: Counter) -> list[Bar]:
    catalog = load_catalog()
    bars = [
        Bar(f"{goal} · {titles[REPORT_LANGUAGE]}", counts[goal], catalog.goal_colours[goal])
        for goal, titles in sorted(catalog.goals.items())
    ]
    return bars + ([Bar(NO_VALUE, counts[None])] if counts[None] else [])


def goal_charts(rows: Mapping[str, Sequence[dict]]) -> list[tuple[str, list[Bar]]]:
    """Actions per SDG goal (an action counts once per goal) and targets per goal."""
    targets = rows["sdg_targets"]
    per_action = Counter(goal for _, goal in {(r["action_id"], r["goal"]) for r in targets})
    per_target = Counter(r["goal"] for r in targets)
    return [("Actions per SDG goal", _goal_bars(per_action)), ("SDG targets per goal", _goal_bars(per_target))]


def recommendation_charts(rows: Mapping[str, Sequence[dict]]) -> list[tuple[str, list[Bar]]]:
    """Actions per recommendation (catalog order) and recommendations per action (a histogram)."""
    titles = load_catalog().recommendation_titles
    recommendations = rows["recommendations"]
    per_id = Counter(rid for _, rid in {(r["action_id"], r["id"]) for r in recommendations})
    known = [Bar(titles[rid][REPORT_LANGUAGE], per_id[rid]) for rid in titles]
    other = [Bar(rid or NO_VALUE, n) for rid, n in sorted(per_id.items()) if rid not in titles]
    per_action = Counter(r["action_id"] for r in recommendations)
    sizes = Counter(per_action[a["action_id"]] for a in rows["actions"])
    histogram = [Bar(f"{k} recommendation(s)", sizes[k]) for k in range(max(sizes, default=-1) + 1)]
    return [("Actions per recommendation", known + other), ("Recommendations per action", histogram)]


def country_chart(rows: Mapping[str, Sequence[dict]]) -> tuple[str, list[Bar]]:
    """Actions per country, most first."""
    names = load_catalog().country_names
    counts = Counter(a["country"] for a in rows["actions"])
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "~"))
    bars = [Bar(f"{code} · {names.get(code, code)}" if code else NO_VALUE, n) for code, n in ordered]
    return "Actions per country", _capped(bars)


def _reason(status: str, reason: str) -> str:
    """The reason a page counts under: a failed file's reason by its kind (`encrypted: ...`)."""
    return reason.partition(":")[0] if status == FILE_FAILED else reason


def pages_chart(rows: Mapping[str, Sequence[dict]]) -> tuple[str, list[Bar]]:
    """Pages per status and reason (failed files by kind of reason), statuses in pipeline order,
    most frequent reason first."""
    counts = Counter((p["status"], _reason(p["status"], p["reason"])) for p in rows["pages"])
    rank = {status: i for i, status in enumerate(PAGE_STATUS_ORDER)}
    ordered = sorted(counts.items(), key=lambda kv: (rank.get(kv[0][0], len(rank)), -kv[1], kv[0][1]))
    return "Pages per status and reason", _capped(
        [Bar(f"{status}: {reason}" if reason else status, n) for (status, reason), n in ordered]
    )


def _table(headers: Sequence[str], body: Iterable[Sequence[str]], empty: str) -> str:
    """An HTML table from already-escaped cells; a note when there is no row."""
    rows = [f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in body]
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def review_table(rows: Mapping[str, Sequence[dict]]) -> str:
    body = (
        [
            _link(r["action_id"]),
            str(r["page"]),
            escape(r["kind"]),
            escape(" ".join(v for v in (r["printed_code"], r["printed"]) if v)),
            escape(r["status"]),
            escape(r["answer"]),
            escape(r["chosen"] or ""),
            escape(shorten(r["candidates"], CANDIDATE_CHARS)),
        ]
        for r in rows["review"]
    )
    headers = ("action", "page", "kind", "printed", "status", "answer", "chosen", "candidates")
    return _table(headers, body, "Nothing to review.")


def warnings_table(actions: Sequence[Action]) -> str:
    body = ([_link(a.id), str(a.source.page), escape(w)] for a in actions for w in a.warnings)
    return _table(("action", "page", "warning"), body, "No warnings.")


def actions_table(actions: Sequence[Action]) -> str:
    rows = []
    for a in actions:
        cells = [a.source.file, str(a.source.page), a.title, a.country or "", " ".join(s.code for s in a.sdg_targets)]
        cells.append(" ".join(r.id for r in a.recommendations))
        tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
        rows.append(f'<tr id="{escape(anchor(a.id))}"><td>{escape(a.id)}</td>{tds}</tr>')
    if not rows:
        return '<p class="empty">No actions.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("action", "file", "page", "title", "country", "SDG targets", "recs"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _summary(actions: Sequence[Action], rows: Mapping[str, Sequence[dict]]) -> str:
    pages = rows["pages"]
    statuses = Counter(p["status"] for p in pages)
    answers = Counter(r["answer"] for r in rows["review"])
    items = [
        f"{len({p['file'] for p in pages})} file(s)",
        f"{sum(1 for p in pages if p['page'] is not None)} page(s)",
        f"{len(actions)} action(s)",
        f"{statuses['skipped']} skipped",
        f"{statuses['failed']} failed page(s)",
        f"{statuses[FILE_FAILED]} failed file(s)",
        f"{len(rows['review'])} value(s) to review ({answers['required']} need an answer)",
    ]
    return f'<p class="summary">{escape(", ".join(items))}</p>'


def report_html(actions: Sequence[Action], rows: Mapping[str, Sequence[dict]]) -> str:
    """The whole page: summary, contents, charts, review queue, warnings, actions."""
    charts = [*goal_charts(rows), *recommendation_charts(rows), country_chart(rows), pages_chart(rows)]
    sections = [(f"chart-{i}", title, bar_chart(title, bars)) for i, (title, bars) in enumerate(charts, 1)]
    sections += [
        ("review", "Review queue", review_table(rows)),
        ("warnings", "Warnings", warnings_table(actions)),
        ("actions", "Actions", actions_table(actions)),
    ]
    toc = "".join(f'<li><a href="#{key}">{escape(title)}</a></li>' for key, title, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{escape(title)}</h2>{html}</section>' for key, title, html in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,"><title>brochure-extract report</title>'
        f"<style>{STYLE}</style></head><body><header><h1>Extraction report</h1>{_summary(actions, rows)}</header>"
        f"<nav><h2>Contents</h2><ol>{toc}</ol></nav><main>{body}</main></body></html>\n"
    )
