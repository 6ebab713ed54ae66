"""Issue 13 measurements: readers, one long file over workers, the pypdfium2 floor, a re-run.

Run by `make bench` after the issue 7 measurements, or alone with `bench/bench.py --only speed`.
Each measurement is a subprocess. They run in `--repeat` rounds (default 3): a round runs every
measurement once, back to back, so the two sides of each ratio see the same state of the
machine (on a shared machine, Python-heavy code varies by ±15 % from minute to minute, C-heavy
code such as the floor much less). Each measurement keeps its FASTEST run, the issue's own
method ("fastest of 3"); every run is listed. Inputs are built in bench/work/ (not committed):
the sample's pages repeated to 200 and 500 pages (`long-200.pdf`, `long-500.pdf`).

  reader    the pipeline, --workers 1 --no-cache, --reader pdfplumber vs --reader pdfium
  split     one 500-page file, --reader pdfium --no-cache, --workers 1 vs --workers 2 (page ranges)
  floor     bare pypdfium2: every character's text and box, nothing else (`--_pdfium_floor`)
  memory    peak RSS of the pdfium pipeline on the 19-page sample vs the 200-page file
  rerun     unchanged inputs, cache warm, stderr a terminal (pty: the progress bar is on)
"""

from __future__ import annotations

import os
import pty
import statistics
import subprocess
import sys
import time
from pathlib import Path

LONG_PAGES = 200
SPLIT_PAGES = 500  # the one long file of the split measurement (issue 13: "a 500-page brochure")
TARGET_READER = 4.0  # pdfplumber / default reader wall time, 200 pages, 1 worker
TARGET_SPLIT = 1.6  # 1 worker / 2 workers wall time, one long file
TARGET_FLOOR = 3.5  # pipeline / bare pypdfium2 wall time
TARGET_RSS_GROWTH = 1.2  # peak RSS 200 pages / 19 pages
TARGET_RERUN_S = 1.0  # re-run over unchanged inputs, in a terminal


def pdfium_floor_main(files: list[str]) -> int:
    """The floor: every character's text and box with pypdfium2's raw API. Prints the count."""
    import ctypes

    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2.raw as pdfium_c

    chars = 0
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for name in files:
        doc = pdfium_c.FPDF_LoadDocument(name.encode(), None)
        for index in range(pdfium_c.FPDF_GetPageCount(doc)):
            page = pdfium_c.FPDF_LoadPage(doc, index)
            text = pdfium_c.FPDFText_LoadPage(page)
            for i in range(pdfium_c.FPDFText_CountChars(text)):
                pdfium_c.FPDFText_GetUnicode(text, i)
                pdfium_c.FPDFText_GetCharBox(text, i, left, right, bottom, top)
                chars += 1
            pdfium_c.FPDFText_ClosePage(text)
            pdfium_c.FPDF_ClosePage(page)
        pdfium_c.FPDF_CloseDocument(doc)
    print(chars)
    return 0


def run_in_terminal(cmd: list[str], cwd: Path) -> dict:
    """Run `cmd` with stderr on a pseudo-terminal (as in a shell); wall time and peak RSS."""
    leader, follower = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    with os.fdopen(leader, "rb", buffering=0) as terminal:
        while True:
            try:
                if not terminal.read(4096):
                    break
            except OSError:  # the terminal closes when the process ends
                break
    _, status, usage = os.wait4(proc.pid, 0)
    return {
        "exit_code": os.waitstatus_to_exitcode(status),
        "wall_s": round(time.perf_counter() - start, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def fastest_of(runs: list[dict]) -> dict:
    """The run with the least wall time, with every wall time listed (and their median)."""
    chosen = dict(min(runs, key=lambda r: r["wall_s"]))
    chosen["all_wall_s"] = [r["wall_s"] for r in runs]
    chosen["median_wall_s"] = round(statistics.median(r["wall_s"] for r in runs), 3)
    return chosen


def measure_speed(core, repeat: int) -> dict:
    """Every issue 13 measurement; `core` is the bench module (runner, inputs, paths)."""
    work = core.WORK / "speed"
    work.mkdir(parents=True, exist_ok=True)
    long_pdf, split_pdf = work / f"long-{LONG_PAGES}.pdf", work / f"long-{SPLIT_PAGES}.pdf"
    for path, pages in ((long_pdf, LONG_PAGES), (split_pdf, SPLIT_PAGES)):
        if not path.exists():
            core.build_long(core.SAMPLE, path, pages)
    sample = work / core.SAMPLE.name
    sample.write_bytes(core.SAMPLE.read_bytes())
    timeout = core.settings_override(3600.0)

    def extract(files: list[Path], name: str, *options: str) -> list[str]:
        out = work / "out" / name
        cmd = [sys.executable, "-m", "extract", "extract", *map(str, files), "--out", str(out), "-q", *options]
        return cmd + (["--settings", str(timeout)] if timeout else [])

    one = ("--workers", "1", "--no-cache")
    commands = {  # one round runs these in this order; each ratio's sides are neighbours
        "pdfplumber_w1": (
            "reader pdfplumber, 1 worker",
            extract([long_pdf], "plumber", *one, "--reader", "pdfplumber"),
        ),
        "pdfium_w1": ("reader pdfium, 1 worker", extract([long_pdf], "pdfium", *one, "--reader", "pdfium")),
        "floor": (
            "bare pypdfium2 floor",
            [sys.executable, str(core.BENCH / "bench.py"), "--_pdfium_floor", str(long_pdf)],
        ),
        "pdfium_sample_w1": ("reader pdfium, 1 worker, 19 p.", extract([sample], "sample", *one, "--reader", "pdfium")),
        "split_w1": ("500 p., pdfium, 1 worker", extract([split_pdf], "split1", *one, "--reader", "pdfium")),
        "split_w2": (
            "500 p., pdfium, 2 workers",
            extract([split_pdf], "split2", "--workers", "2", "--no-cache", "--reader", "pdfium"),
        ),
    }
    rerun = extract([sample, long_pdf], "rerun", "--workers", "2", "--cache-dir", str(work / "cache"))
    core.run_measured(rerun, core.ROOT)  # fills the cache and stamps the outputs
    print(f"speed (issue 13): {repeat} rounds, fastest run kept", file=sys.stderr, flush=True)
    runs: dict[str, list[dict]] = {key: [] for key in [*commands, "rerun_terminal"]}
    for round_number in range(1, repeat + 1):
        for key, (label, cmd) in commands.items():
            run = core.run_measured(cmd, core.ROOT)
            run.pop("stdout", None)
            if run["exit_code"] == 0:
                run.pop("stderr", None)
            runs[key].append(run)
            print(f"  round {round_number}: {label:<34} {run['wall_s']:7.2f} s", file=sys.stderr, flush=True)
        runs["rerun_terminal"].append(run_in_terminal(rerun, core.ROOT))
        print(
            f"  round {round_number}: {'re-run in a terminal':<34} {runs['rerun_terminal'][-1]['wall_s']:7.2f} s",
            file=sys.stderr,
        )
    m = {key: fastest_of(key_runs) for key, key_runs in runs.items()}
    from extract.settings import ReadSettings

    default = f"{ReadSettings().engine}_w1"  # the default reader is one of the two: same run
    m["default_w1"] = {**m[default], "reader": ReadSettings().engine}
    return m


def speed_targets(m: dict) -> list[dict]:
    def ratio(a: str, b: str) -> float:
        return round(m[a]["wall_s"] / m[b]["wall_s"], 2)

    rows = [
        ("pdfplumber / pdfium reader, 200 p., 1 worker", ratio("pdfplumber_w1", "pdfium_w1"), f">= {TARGET_READER}x"),
        ("pdfplumber / default reader, 200 p., 1 worker", ratio("pdfplumber_w1", "default_w1"), f">= {TARGET_READER}x"),
        ("one 500 p. file: 1 worker / 2 workers (pdfium)", ratio("split_w1", "split_w2"), f">= {TARGET_SPLIT}x"),
        ("pipeline (pdfium, 1 worker) / pypdfium2 floor", ratio("pdfium_w1", "floor"), f"<= {TARGET_FLOOR}"),
        (
            "peak RSS 200 p. / 19 p. (pdfium, 1 worker)",
            round(m["pdfium_w1"]["peak_rss_mb"] / m["pdfium_sample_w1"]["peak_rss_mb"], 2),
            f"<= {TARGET_RSS_GROWTH}",
        ),
        ("re-run, unchanged inputs, terminal, s", m["rerun_terminal"]["wall_s"], f"< {TARGET_RERUN_S}"),
    ]
    checks = (
        lambda v: v >= TARGET_READER,
        lambda v: v >= TARGET_READER,
        lambda v: v >= TARGET_SPLIT,
        lambda v: v <= TARGET_FLOOR,
        lambda v: v <= TARGET_RSS_GROWTH,
        lambda v: v < TARGET_RERUN_S,
    )
    return [
        {"target": name, "value": value, "limit": limit, "result": "PASS" if ok(value) else "FAIL"}
        for (name, value, limit), ok in zip(rows, checks)
    ]


def speed_markdown(m: dict) -> str:
    names = {
        "pdfplumber_w1": f"{LONG_PAGES} p., `--reader pdfplumber --workers 1`",
        "pdfium_w1": f"{LONG_PAGES} p., `--reader pdfium --workers 1`",
        "split_w1": f"{SPLIT_PAGES} p., `--reader pdfium --workers 1`",
        "split_w2": f"{SPLIT_PAGES} p., `--reader pdfium --workers 2` (page ranges)",
        "floor": f"{LONG_PAGES} p., bare pypdfium2 chars (floor)",
        "pdfium_sample_w1": "19 p., `--reader pdfium --workers 1`",
        "rerun_terminal": "sample + 200 p., re-run, unchanged, in a terminal",
    }
    lines = ["| measurement | fastest wall s | runs (s) | CPU s | peak RSS MB |", "|---|--:|---|--:|--:|"]
    for key, label in names.items():
        r = m[key]
        runs = ", ".join(f"{w:.2f}" for w in r["all_wall_s"])
        lines.append(f"| {label} | {r['wall_s']:.2f} | {runs} | {r['cpu_s']:.2f} | {r['peak_rss_mb']:.0f} |")
    return "\n".join(lines)
