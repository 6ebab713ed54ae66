"""report.html: self-contained, every chart and table, links that land, and a real browser's view."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.catalog import load_catalog
from extract.stages.write import OutputOptions, write_outputs
from extract.stages.write.charts import Bar, bar_chart

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
)
WINDOW = (1200, 2400)
BROWSER_TIMEOUT_S = 90
MIN_INK_SHARE = 0.03  # share of non-white pixels: a blank or unstyled-empty page has ~0
INK_THRESHOLD = 245  # a pixel darker than this on any channel is ink
MIN_GOAL_COLOURS = 3  # SDG goal colours that must show up in the screenshot (the sample uses 6)
CHART_TITLES = (
    "Actions per SDG goal",
    "SDG targets per goal",
    "Actions per recommendation",
    "Recommendations per action",
    "Actions per country",
    "Pages per status and reason",
)


@pytest.fixture(scope="module")
def report(sample_outputs) -> Path:
    return sample_outputs / "report.html"


def test_report_is_self_contained(report):
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "@import" not in html and "url(" not in html
    for target in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert target.startswith(("#", "data:")), target


def test_report_has_every_chart_table_and_contents_entry(report):
    html = report.read_text(encoding="utf-8")
    for title in (*CHART_TITLES, "Review queue", "Warnings", "Actions"):
        assert f">{title}</a></li>" in html and f"<h2>{title}</h2>" in html, title
    assert html.count("<svg ") == len(CHART_TITLES)
    assert "@media print" in html


def test_goal_bars_use_the_official_colours(report):
    html = report.read_text(encoding="utf-8")
    colours = load_catalog().goal_colours
    assert f'fill="{colours[16]}"' in html and f'fill="{colours[10]}"' in html


def test_review_and_warning_rows_link_to_existing_actions(report, sample_result):
    html = report.read_text(encoding="utf-8")
    links = set(re.findall(r'href="#(action-[^"]+)"', html))
    anchors = set(re.findall(r'id="(action-[^"]+)"', html))
    warned = {a.id for a in sample_result.actions if a.warnings}
    assert links and links <= anchors and {f"action-{a}" for a in warned} <= links


def test_report_is_deterministic(sample_result, report, tmp_path):
    write_outputs(tmp_path, sample_result.actions, sample_result.pages, OutputOptions())
    assert (tmp_path / "report.html").read_bytes() == report.read_bytes()


def test_chart_scales_bars_to_the_largest_and_escapes_labels():
    svg = bar_chart("T", [Bar("<b>", 4, "#123456"), Bar("y", 2), Bar("zero", 0)])
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert "&lt;b&gt;" in svg and "<b>" not in svg and 'fill="#123456"' in svg
    assert "nothing to show" in bar_chart("Empty", [])


# --- In a real browser ------------------------------------------------------------------


def render(page: Path, tmp_path: Path, *output: str) -> tuple[Path, list[str]]:
    """Screenshot of `page` by headless Chromium (or the `output` flags given instead), and the
    console messages it logged."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")
    shot = tmp_path / f"{page.stem}.png"
    command = [
        shutil.which("chromium") or CHROMIUM,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        *(output or (f"--screenshot={shot}",)),
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S, check=False)
    assert done.returncode == 0 and (output or shot.exists()), done.stderr[-2000:]
    return shot, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def colour_counts(png: Path) -> dict[tuple[int, int, int], int]:
    """Pixel count per RGB colour of a picture."""
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        return {colour: count for count, colour in rgb.getcolors(maxcolors=rgb.width * rgb.height)}


def ink_share(png: Path) -> float:
    counts = colour_counts(png)
    return sum(n for colour, n in counts.items() if min(colour) < INK_THRESHOLD) / sum(counts.values())


def goal_colours_seen(png: Path) -> int:
    seen = {"#{:02X}{:02X}{:02X}".format(*colour) for colour in colour_counts(png)}
    return sum(1 for colour in load_catalog().goal_colours.values() if colour.upper() in seen)


def test_report_renders_in_chromium_without_console_errors(report, tmp_path):
    shot, console = render(report, tmp_path)
    assert console == []
    assert ink_share(shot) > MIN_INK_SHARE
    assert goal_colours_seen(shot) >= MIN_GOAL_COLOURS


def test_browser_check_catches_script_errors_and_blank_pages(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'
        "<script>undefinedFunction()</script></body></html>",
        encoding="utf-8",
    )
    shot, console = render(broken, tmp_path)
    assert any("undefinedFunction" in line for line in console)
    assert ink_share(shot) < MIN_INK_SHARE and goal_colours_seen(shot) == 0


def test_report_prints_to_pdf_with_every_section(report, tmp_path):
    """Printed (A4, print stylesheet): every section heading is in the PDF's text."""
    import pdfplumber

    pdf = tmp_path / "report.pdf"
    render(report, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        assert len(document.pages) >= 2
    for heading in ("Extraction report", *CHART_TITLES, "Review queue", "Warnings", "Actions"):
        assert heading in text, heading
