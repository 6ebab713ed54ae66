"""The second renderer: family pages written as HTML/CSS and printed by headless Chromium
(``--print-to-pdf``), so the text layer comes from Skia, not fpdf2: CSS list markers and
counters, ``font-variant: small-caps`` synthesised by the browser, ``writing-mode`` for the
rotated strip, a real ``<table>`` for SDG targets, justification and soft hyphens done by
the browser's own line breaker.

Arrangement ``web_stacked``: objective full width (grey facts beside it), activities and
results in two columns, SDG table or pills pushed to the page foot, a narrow right-hand
column with numbered recommendations and the partner logo boxes below them.
"""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

from ..designs import FONT_FILES, font_path
from ..records import ActionRecord
from ..render import SDG_COLOURS
from .fonts import SYMBOL_FILE
from .look import (
    INTRO,
    PARTNER_LOGOS,
    RUNNING_TEXTS,
    SDG_PREFIXES,
    SIDEBAR_FACTS,
    STRIP_WORDS,
    Look,
    header_text,
    item_suffix,
    marker_text,
)
from .sdg_blocks import goals_of

CHROMIUM_TIMEOUT = 120  # seconds for one file
_STYLE_WEIGHTS = {"": ("normal", "normal"), "B": ("bold", "normal"), "I": ("normal", "italic")}

CSS = """
@page { size: A4 %(orientation)s; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: Body, Symbols; font-size: %(size)spt; line-height: 1.3; color: #232323; }
.page { width: %(width)spt; height: %(height)spt; box-sizing: border-box; position: relative; overflow: hidden;
  padding: 44pt 36pt 52pt %(left)spt; display: flex; flex-direction: column; break-after: page; }
.page:last-child { break-after: auto; }
.running, .footer { position: absolute; left: %(left)spt; right: 36pt; font-size: 7.5pt; display: flex;
  justify-content: space-between; }
.running { top: 20pt; border-bottom: 0.8pt solid %(accent)s; padding-bottom: 2pt; }
.running b { color: %(accent)s; }
.footer { bottom: 24pt; border-top: 0.5pt solid #999; padding-top: 2pt; }
.strip { position: absolute; left: 0; top: 0; bottom: 0; width: 22pt; background: %(accent)s; color: #fff;
  writing-mode: vertical-rl; transform: rotate(180deg); text-align: center; font-weight: bold; font-size: 10pt; }
h1 { font-size: 20pt; line-height: 1.15; color: %(accent)s; margin: 0; }
.subtitle { font-style: italic; font-size: 11pt; margin: 3pt 0 0 0; }
h2 { font-size: 1.25em; color: %(accent)s; margin: 0 0 5pt 0; line-height: 1.15; %(smallcaps)s }
h2 .icon { font-size: 0.9em; margin-right: 5pt; }
.body { flex: 1; display: grid; grid-template-columns: 1fr 150pt; column-gap: 16pt; margin-top: 14pt; }
.main { display: flex; flex-direction: column; }
.objective { display: flex; gap: 12pt; margin-bottom: 14pt; }
.facts { background: #e8e8e8; padding: 6pt; width: 106pt; flex: none; font-size: 0.95em; }
.objective p, .main p { margin: 0; %(justify)s }
.lists { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16pt; }
ul, ol { margin: 0; padding: 0; list-style: none; }
li { position: relative; padding-left: 16pt; margin-bottom: 4pt; %(justify)s }
li.mark::%(pseudo)s { position: absolute; left: 0; top: 0; content: attr(data-marker); }
.recs { background: #ecf3f7; padding: 0 6pt 0 6pt; }
.recs ol.native { list-style: decimal; padding-left: 14pt; }
.recs ol.native li { padding-left: 2pt; margin-bottom: 6pt; text-align: left; }
.logo { border: 0.7pt solid %(accent)s; color: %(accent)s; font-weight: bold; font-size: 1.1em; text-align: center;
  height: 24pt; line-height: 24pt; margin-bottom: 6pt; }
.partners { margin-top: 14pt; }
.box { border: 0.7pt solid %(accent)s; display: flex; gap: 5pt; padding: 6pt; margin-bottom: 8pt; font-size: 0.95em; }
.badge { flex: none; width: 13pt; height: 13pt; line-height: 13pt; text-align: center; background: %(accent)s;
  color: #fff; font-weight: bold; }
.entry { margin-bottom: 5pt; }
.sdg { margin-top: auto; padding-top: 14pt; }
table { border-collapse: collapse; width: 100%%; }
td { border: 0.6pt solid #969696; padding: 4pt; vertical-align: top; }
td.code { width: 64pt; white-space: nowrap; font-weight: bold; }
td.label { font-size: 0.95em; }
.tiles span { display: inline-block; width: 22pt; height: 22pt; line-height: 22pt; text-align: center;
  color: #fff; font-weight: bold; font-size: 11pt; margin: 0 5pt 5pt 0; }
.pills { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 8pt 12pt; }
.pill { display: inline-block; background: %(accent)s; color: #fff; font-weight: bold; border-radius: 8pt;
  padding: 2pt 8pt; }
.pill + div { margin-top: 3pt; font-size: 0.95em; }
"""


def _font_faces() -> str:
    faces = []
    for style in FONT_FILES["DejaVuSans"]:
        weight, slant = _STYLE_WEIGHTS[style]
        src = font_path("DejaVuSans", style).as_uri()
        faces.append(
            f'@font-face {{ font-family: Body; src: url("{src}"); font-weight: {weight}; font-style: {slant}; }}'
        )
    faces.append(f'@font-face {{ font-family: Symbols; src: url("{SYMBOL_FILE.as_uri()}"); }}')
    return "\n".join(faces)


def _css(look: Look) -> str:
    width, height = look.page_size
    values = {
        "orientation": "landscape" if look.orientation == "L" else "portrait",
        "size": look.body_size,
        "width": round(width, 2),
        "height": round(height, 2),
        "left": 36 + (22 if look.side_strip else 0),
        "accent": "rgb({}, {}, {})".format(*look.accent),
        "smallcaps": "font-variant: small-caps;" if look.header_case == "css_smallcaps" else "",
        "justify": "text-align: justify; hyphens: manual;" if look.justify else "",
        "pseudo": "after" if look.markers_after_text else "before",
    }
    return _font_faces() + CSS % values


def _text(look: Look, text: str) -> str:
    """Escaped text. Never soft hyphens: Chromium writes an unused one as a space in the text
    layer ("servi ces"), a fault of the printer no extractor can undo."""
    return escape(text)


def _header(look: Look, language: str, key: str) -> str:
    icon = '<span class="icon">◆</span>' if look.header_icon == "glyph" else ""
    return f"<h2>{icon}{escape(header_text(look, language, key))}</h2>"


def _items(look: Look, items, marker: str, suffixes: bool = True) -> str:
    rows = []
    for i, item in enumerate(items):
        end = item_suffix(look, i, len(items)) if suffixes else ""
        shown = escape(marker_text(marker, i))
        rows.append(f'<li class="mark" data-marker="{shown}">{_text(look, item + end)}</li>')
    return "<ul>" + "".join(rows) + "</ul>"


def _sdg(look: Look, record: ActionRecord) -> str:
    if not record.sdgs:
        return ""
    prefix = SDG_PREFIXES[record.language][look.sdg_code_style]
    if look.sdg_style == "table":
        rows = "".join(
            f'<tr><td class="code">{escape(prefix + code)}</td><td class="label">{escape(label)}</td></tr>'
            for code, label in record.sdgs
        )
        body = f"<table>{rows}</table>"
    elif look.sdg_style == "pills":
        cells = "".join(
            f'<div><span class="pill">{escape(prefix + code)}</span><div>{escape(label)}</div></div>'
            for code, label in record.sdgs
        )
        body = f'<div class="pills">{cells}</div>'
    else:  # stacked: code above label; lines: code then label on one line
        tag = "div" if look.sdg_style == "stacked" else "span"
        body = "".join(
            f'<div class="entry"><b>{escape(prefix + code)}</b> <{tag}>{escape(label)}</{tag}></div>'
            for code, label in record.sdgs
        )
    tiles = ""
    if look.goal_tiles:
        spans = "".join(f'<span style="background: rgb{SDG_COLOURS[g]}">{g}</span>' for g in goals_of(record))
        tiles = f'<div class="tiles">{spans}</div>'
    return f'<section class="sdg">{_header(look, record.language, "sdg")}{tiles}{body}</section>'


def _recommendations(look: Look, record: ActionRecord) -> str:
    language = record.language
    if look.recommendation_style == "boxed":
        boxes = "".join(
            f'<div class="box"><span class="badge">{i}</span><span>{escape(title)}</span></div>'
            for i, title in enumerate(record.recommendations, start=1)
        )
        listing = f'<div class="boxes">{boxes}</div>'
    elif look.recommendation_marker == "1.":
        items = "".join(f"<li>{escape(title)}</li>" for title in record.recommendations)
        listing = f'<ol class="native">{items}</ol>'
    else:
        listing = _items(look, record.recommendations, look.recommendation_marker, suffixes=False)
    partners = ""
    if look.partners:
        logos = "".join(f'<div class="logo">{escape(logo)}</div>' for logo in PARTNER_LOGOS[language])
        partners = f'<div class="partners">{_header(look, language, "partners")}{logos}</div>'
    return f'<aside class="recs">{_header(look, language, "recommendations")}{listing}{partners}</aside>'


def _furniture(look: Look, language: str, number: int) -> str:
    project, edition, page_word = RUNNING_TEXTS[language]
    strip = f'<div class="strip">{STRIP_WORDS[(number - 1) % len(STRIP_WORDS)]}</div>' if look.side_strip else ""
    return (
        f'{strip}<div class="running"><b>{escape(project)}</b><span>{escape(edition)}</span></div>'
        f'<div class="footer"><span>{escape(project)}</span><span>{page_word} {number}</span></div>'
    )


def _action_page(look: Look, record: ActionRecord, number: int) -> str:
    language = record.language
    subtitle = f'<p class="subtitle">{escape(record.subtitle)}</p>' if record.subtitle else ""
    facts = ""
    if look.grey_sidebar:
        facts = '<div class="facts">' + "<br>".join(escape(f) for f in SIDEBAR_FACTS[language]) + "</div>"
    lists = "".join(
        f"<section>{_header(look, language, key)}{_items(look, items, marker)}</section>"
        for key, items, marker in (
            ("activities", record.activities, look.activity_marker),
            ("results", record.results, look.result_marker),
        )
    )
    main = (
        f'<div class="main">{_header(look, language, "objective")}'
        f'<div class="objective">{facts}<p>{_text(look, record.objective)}</p></div>'
        f'<div class="lists">{lists}</div>{_sdg(look, record)}</div>'
    )
    return (
        f'<div class="page">{_furniture(look, language, number)}<h1>{escape(record.title)}</h1>{subtitle}'
        f'<div class="body">{main}{_recommendations(look, record)}</div></div>'
    )


def _intro_page(look: Look, language: str) -> str:
    heading, text = INTRO[language]
    return (
        f'<div class="page">{_furniture(look, language, 1)}<h1>{escape(heading)}</h1>'
        f'<p style="width: 60%; font-size: 10pt; margin-top: 14pt">{escape(text)}</p></div>'
    )


def family_html(look: Look, records: list[ActionRecord], language: str) -> str:
    """The whole file as one HTML document: an intro page, then one page per record."""
    pages = [_intro_page(look, language)]
    pages += [_action_page(look, record, i + 2) for i, record in enumerate(records)]
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><style>{_css(look)}</style></head>'
        f"<body>{''.join(pages)}</body></html>"
    )


def render_html_pdf(path: str | Path, look: Look, records: list[ActionRecord], language: str) -> Path:
    """Print `family_html` to `path` with headless Chromium; returns the path."""
    from .files import chromium_path

    chromium = chromium_path()
    if chromium is None:
        raise FileNotFoundError("no Chromium executable on PATH")
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="synth-html-") as work:
        source = Path(work) / "page.html"
        source.write_text(family_html(look, records, language), encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={work}/profile",
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={path}",
            source.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=CHROMIUM_TIMEOUT)
    return path
