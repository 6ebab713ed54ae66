"""Speed and memory benchmark of brochure-extract (issue 7).

Run with `make bench` (or `.venv/bin/python bench/bench.py [--quick] [--workers N]`).

Inputs are made into bench/work/ (gitignored) from tests/fixtures/actions-ciblees-fr.pdf:
  sample  the 19-page sample itself
  long    the sample's pages repeated to 500 pages (100 with --quick), one file
  batch   20 copies of the sample as separate files (5 with --quick), each with distinct bytes

Measured, each in its own subprocess so that peak RSS belongs to one measurement:
  (a) floor     bare pdfplumber: per page extract_words(fontname, size) + page.rects, page closed
  (b) workers1  brochure-extract extract --workers 1 --no-cache
  (c) workersN  brochure-extract extract --workers N --no-cache (N: --workers, default CPU count)
  (d) cached    brochure-extract extract over unchanged inputs with the cache (after a warm-up run)

Prints a Markdown table and PASS/FAIL per target and writes bench/results.json. Targets never make
the process fail: the exit code is 0 unless the benchmark itself could not run.

`--profile` instead runs cProfile on extract.batch.pipeline.extract_file over the long brochure and
prints the top functions by cumulative time, grouped by stage.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import speed  # bench/speed.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
SAMPLE = ROOT / "tests" / "fixtures" / "actions-ciblees-fr.pdf"
RESULTS = BENCH / "results.json"

# The word-building parameters of the pipeline (extract.settings.ReadSettings defaults).
X_TOLERANCE, Y_TOLERANCE = 1.5, 2.0

TARGET_RATIO_FLOOR = 1.3  # (b)/(a) wall time on the long brochure
TARGET_SPEEDUP = 1.7  # (b)/(c) wall time on the batch, on >= 2 cores
TARGET_CACHED_S = 1.0  # (d) wall time on the batch
TARGET_RSS_GROWTH = 1.2  # peak RSS long / sample, workers=1
TARGET_RSS_MB = 400.0  # peak RSS, workers=1


# --------------------------------------------------------------------------- the floor (child mode)


def floor_main(files: list[str]) -> int:
    """(a): what the pipeline needs from pdfplumber, nothing more. Prints {"pages": n} as JSON."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages = words = rects = 0
    for name in files:
        with pdfplumber.open(name) as pdf:
            for page in pdf.pages:
                words += len(
                    page.extract_words(
                        extra_attrs=["fontname", "size"], x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE
                    )
                )
                rects += len(page.rects)
                page.close()
                pages += 1
    print(json.dumps({"pages": pages, "words": words, "rects": rects}))
    return 0


# --------------------------------------------------------------------------- inputs


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium  # a dependency of pdfplumber: no new requirement

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def build_long(src: Path, dst: Path, pages: int) -> None:
    """The source's pages repeated in order up to `pages`, written with pypdfium2 (pdfplumber's own
    dependency), so no PDF writer has to be added to the project."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(src))
    out = pdfium.PdfDocument.new()
    try:
        n = len(source)
        while len(out) < pages:
            out.import_pages(source, list(range(min(n, pages - len(out)))))
        tmp = dst.with_suffix(".tmp")
        out.save(str(tmp))
        tmp.replace(dst)
    finally:
        out.close()
        source.close()


def build_inputs(quick: bool) -> dict[str, list[Path]]:
    long_pages, batch_files = (100, 5) if quick else (500, 20)
    if WORK.exists():
        shutil.rmtree(WORK)
    for sub in ("sample", "long", "batch", "out"):
        (WORK / sub).mkdir(parents=True)
    sample = WORK / "sample" / SAMPLE.name
    sample.write_bytes(SAMPLE.read_bytes())
    long_pdf = WORK / "long" / f"long-{long_pages}.pdf"
    build_long(SAMPLE, long_pdf, long_pages)
    data = SAMPLE.read_bytes()
    batch = []
    for i in range(1, batch_files + 1):
        # A comment after %%EOF makes every copy's bytes (and sha256, the cache key) distinct,
        # as real files would be, without changing what a reader sees.
        path = WORK / "batch" / f"copy-{i:02d}.pdf"
        path.write_bytes(data + f"\n%brochure-extract bench copy {i:02d}\n".encode())
        batch.append(path)
    return {"sample": [sample], "long": [long_pdf], "batch": batch}


# --------------------------------------------------------------------------- measuring


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS of `root` and all its descendants, read from /proc (0 where unavailable)."""
    parents: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
            parents[int(entry)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page_kb
        except (OSError, ValueError, IndexError):
            continue
    return total


def run_measured(cmd: list[str], cwd: Path) -> dict:
    """Run `cmd`; wall time, CPU time and peak RSS (kernel maximum of any single process of the
    tree, from wait4) plus the sampled peak of the whole tree's summed RSS (parent + workers)."""
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [
        threading.Thread(target=lambda s=s, c=c: c.append(s.read()), daemon=True)
        for s, c in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return {
        "cmd": [Path(c).name if i == 0 else _rel(c) for i, c in enumerate(cmd)],
        "exit_code": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(rss_mb, 1),
        "peak_tree_rss_mb": round(max(peak_tree / 1024, rss_mb), 1),
        "load_avg_1min_before": round(load_before, 2) if load_before is not None else None,
        "stdout": b"".join(out_chunks).decode(errors="replace")[-2000:],
        "stderr": b"".join(err_chunks).decode(errors="replace")[-2000:],
    }


def _rel(arg: str) -> str:
    try:
        return str(Path(arg).resolve().relative_to(ROOT))
    except (ValueError, OSError):
        return arg


def cli_options() -> set[str]:
    help_text = subprocess.run(
        [sys.executable, "-m", "extract", "extract", "--help"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    return {opt for opt in ("--workers", "--no-cache", "--cache-dir") if opt in help_text}


def settings_override(file_timeout_s: float) -> Path | None:
    """A settings file raising the per-file time limit (when the pipeline has one), so that the
    long brochure is measured instead of killed on a slow or busy machine."""
    try:
        from extract.settings import RunSettings
    except ImportError:
        return None
    if not hasattr(RunSettings(), "file_timeout_s"):
        return None
    path = WORK / "bench-settings.toml"
    path.write_text(f"[run]\nfile_timeout_s = {float(file_timeout_s)}\n", encoding="utf-8")
    return path


SETTINGS_FILE: Path | None = None


def extract_cmd(files: list[Path], out: Path, options: set[str], workers: int | None, cache: Path | None) -> list[str]:
    cmd = [sys.executable, "-m", "extract", "extract", *map(str, files), "--out", str(out), "-q"]
    if SETTINGS_FILE is not None:
        cmd += ["--settings", str(SETTINGS_FILE)]
    if workers is not None and "--workers" in options:
        cmd += ["--workers", str(workers)]
    if cache is None:
        if "--no-cache" in options:
            cmd.append("--no-cache")
    elif "--cache-dir" in options:
        cmd += ["--cache-dir", str(cache)]
    return cmd


def count_actions(out: Path) -> int | None:
    try:
        return len(json.loads((out / "actions.json").read_text(encoding="utf-8"))["actions"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def measure(
    label: str, cmd: list[str], pages: int, repeat: int, out: Path | None = None, keep_out: bool = False
) -> dict:
    """Best of `repeat` runs; `out` is emptied before each run unless `keep_out` (a re-run)."""
    best: dict | None = None
    for _ in range(repeat):
        if out is not None and out.exists() and not keep_out:
            shutil.rmtree(out)
        result = run_measured(cmd, ROOT)
        if best is None or result["wall_s"] < best["wall_s"]:
            best = result
    assert best is not None
    best["pages"] = pages
    best["pages_per_s"] = round(pages / best["wall_s"], 2) if pages and best["wall_s"] > 0 else None
    if out is not None:
        best["actions"] = count_actions(out)
    elif "--_floor" in cmd:
        try:
            best["floor_counts"] = json.loads(best["stdout"].strip().splitlines()[-1])
        except (ValueError, IndexError):
            best["floor_counts"] = None
    if best["exit_code"] != 0:
        print(f"  ! {label}: exit code {best['exit_code']}: {best['stderr'].strip()[-300:]}", file=sys.stderr)
    if not best["stderr"].strip() or best["exit_code"] == 0:
        best.pop("stderr")
    best.pop("stdout")
    print(
        f"  {label:<22} {best['wall_s']:8.2f} s wall {best['cpu_s']:8.2f} s CPU {best['peak_rss_mb']:7.1f} MB",
        file=sys.stderr,
        flush=True,
    )
    return best


# --------------------------------------------------------------------------- report


def _ratio(num: float | None, den: float | None) -> float | None:
    if num is None or not den:
        return None
    return round(num / den, 3)


def derive(measurements: dict) -> dict:
    derived = {}
    for name, m in measurements.items():
        a, b, c = m.get("floor"), m.get("workers1"), m.get("workersN")
        d = {
            "ratio_b_over_a_wall": _ratio(b and b["wall_s"], a and a["wall_s"]),
            "ratio_b_over_a_cpu": _ratio(b and b["cpu_s"], a and a["cpu_s"]),
            "speedup_c_over_b": _ratio(b and b["wall_s"], c and c["wall_s"]),
        }
        if "cached" in m:
            d["speedup_cached_over_b"] = _ratio(b and b["wall_s"], m["cached"]["wall_s"])
        derived[name] = d
    return derived


def targets(measurements: dict, derived: dict, cores: int, workers: int) -> list[dict]:
    rows = []

    def add(name: str, value, limit: str, ok: bool | None, note: str = "") -> None:
        rows.append(
            {
                "target": name,
                "value": value,
                "limit": limit,
                "result": "n/a" if ok is None else ("PASS" if ok else "FAIL"),
                "note": note,
            }
        )

    long_ratio = derived.get("long", {}).get("ratio_b_over_a_wall")
    add(
        "(b)/(a) wall time, long brochure",
        long_ratio,
        f"<= {TARGET_RATIO_FLOOR}",
        None if long_ratio is None else long_ratio <= TARGET_RATIO_FLOOR,
        f"CPU-time ratio {derived.get('long', {}).get('ratio_b_over_a_cpu')}",
    )
    speedup = derived.get("batch", {}).get("speedup_c_over_b")
    ok = None if speedup is None or cores < 2 or workers < 2 else speedup >= TARGET_SPEEDUP
    add(
        f"(c) speed-up over (b), batch, {workers} workers",
        speedup,
        f">= {TARGET_SPEEDUP}x",
        ok,
        f"{cores} cores" + ("" if cores >= 2 and workers >= 2 else "; needs >= 2 cores and workers"),
    )
    cached = measurements.get("batch", {}).get("cached")
    cached_s = cached["wall_s"] if cached else None
    add(
        "(d) cached re-run, batch, wall s",
        cached_s,
        f"< {TARGET_CACHED_S}",
        None if cached_s is None else cached_s < TARGET_CACHED_S,
    )
    s1 = measurements.get("sample", {}).get("workers1")
    l1 = measurements.get("long", {}).get("workers1")
    growth = _ratio(l1 and l1["peak_rss_mb"], s1 and s1["peak_rss_mb"])
    add(
        "peak RSS long / sample, workers=1",
        growth,
        f"<= {TARGET_RSS_GROWTH}",
        None if growth is None else growth <= TARGET_RSS_GROWTH,
        "largest single process" + (f": {s1['peak_rss_mb']} -> {l1['peak_rss_mb']} MB" if s1 and l1 else ""),
    )
    worst = max((m["peak_tree_rss_mb"] for m in (s1, l1) if m), default=None)
    add(
        "peak RSS, workers=1, whole process tree, MB",
        worst,
        f"< {TARGET_RSS_MB:.0f}",
        None if worst is None else worst < TARGET_RSS_MB,
        "sample and long brochure",
    )
    return rows


def markdown(measurements: dict, derived: dict, inputs_info: dict, workers: int) -> str:
    names = {
        "floor": "(a) floor: pdfplumber only",
        "workers1": "(b) --workers 1 --no-cache",
        "workersN": f"(c) --workers {workers} --no-cache",
        "cached": "(d) cached re-run",
    }
    lines = [
        "| input | measurement | wall s | CPU s | pages/s | peak RSS MB | tree RSS MB | vs floor | speed-up vs (b) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, m in measurements.items():
        info = inputs_info[name]
        label = f"{name} ({info['files']} file{'s' if info['files'] > 1 else ''}, {info['pages']} p.)"
        for key in ("floor", "workers1", "workersN", "cached"):
            if key not in m:
                continue
            r = m[key]
            vs_floor = speed = ""
            if key != "floor" and m.get("floor"):
                vs_floor = f"{r['wall_s'] / m['floor']['wall_s']:.2f}"
            if key in ("workersN", "cached") and m.get("workers1"):
                speed = f"{m['workers1']['wall_s'] / r['wall_s']:.2f}x"
            flag = "" if r["exit_code"] == 0 else f" (exit {r['exit_code']})"
            lines.append(
                f"| {label} | {names[key]}{flag} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
                f"{r['pages_per_s']} | {r['peak_rss_mb']:.0f} | {r['peak_tree_rss_mb']:.0f} | "
                f"{vs_floor} | {speed} |"
            )
    return "\n".join(lines)


def machine_info(workers: int) -> dict:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pdfminer
    import pdfplumber

    return {
        "cpu_model": cpu or platform.processor() or None,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pdfplumber": pdfplumber.__version__,
        "pdfminer.six": getattr(pdfminer, "__version__", None),
        "date": _dt.date.today().isoformat(),
        "workers": workers,
    }


# --------------------------------------------------------------------------- profile

GROUPS = (
    ("pdfminer parsing", "/pdfminer/"),
    ("pdfplumber word extraction", "/pdfplumber/"),
    ("ours: read", "/extract/read.py"),
    ("ours: layout", "/extract/layout.py"),
    ("ours: segment", "/extract/segment.py"),
    ("ours: validate/models", "/extract/validate.py"),
    ("ours: validate/models", "/extract/models.py"),
    ("ours: normalise", "/extract/normalise.py"),
    ("ours: normalise", "/extract/catalog.py"),
    ("ours: text/geometry", "/extract/text.py"),
    ("ours: text/geometry", "/extract/geometry.py"),
    ("writing", "/extract/write.py"),
    ("pydantic", "/pydantic"),
    ("rapidfuzz", "rapidfuzz"),
)


def _group(filename: str) -> str:
    for name, needle in GROUPS:
        if needle in filename:
            return name
    return "other"


def profile_main(quick: bool) -> int:
    import cProfile
    import io
    import pstats

    from extract.batch.pipeline import extract_file
    from extract.batch.run import run_extract  # noqa: F401  (imports outside the measured time)

    pages = 100 if quick else 500
    target = WORK / "long" / f"long-{pages}.pdf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        build_long(SAMPLE, target, pages)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = extract_file(target)
    profiler.disable()
    wall = time.perf_counter() - start
    print(
        f"extract_file({target.name}): {len(result.pages)} pages, {len(result.actions)} actions, "
        f"{wall:.1f} s under cProfile\n"
    )
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    # self time per group: where the time is actually spent
    own: dict[str, float] = {}
    for (filename, _, _), (_, _, tt, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[_group(filename)] = own.get(_group(filename), 0.0) + tt
    print("Self time by group:")
    for name, tt in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<28} {tt:8.2f} s  {100 * tt / total:5.1f} %")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(30)
    print("\nTop functions by cumulative time:")
    print(buffer.getvalue())
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(20)
    print("Top functions by self time:")
    print(buffer.getvalue())
    return 0


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100-page brochure and 5 files, for development")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="workers for measurement (c) (default: CPU count)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement, fastest kept (default 1)")
    parser.add_argument(
        "--file-timeout",
        type=float,
        default=3600.0,
        metavar="S",
        help="per-file time limit given to the CLI via --settings (default 3600 s)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile extract_file over the long brochure with cProfile instead"
    )
    parser.add_argument(
        "--only", choices=("all", "issue7", "speed"), default="all", help="run one part (speed: readers, issue 13)"
    )
    parser.add_argument("--_floor", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--_pdfium_floor", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._floor:
        return floor_main(args._floor)
    if args._pdfium_floor:
        return speed.pdfium_floor_main(args._pdfium_floor)
    if args.profile:
        return profile_main(args.quick)
    if args.only == "speed":
        return speed_main(max(args.repeat, 3))

    options = cli_options()
    missing = {"--workers", "--no-cache", "--cache-dir"} - options
    if missing:
        print(
            f"note: `brochure-extract extract` has no {', '.join(sorted(missing))} yet: "
            "(b) runs without them, (c)/(d) are skipped where they need them",
            file=sys.stderr,
        )
    print("building inputs in bench/work/ ...", file=sys.stderr, flush=True)
    inputs = build_inputs(args.quick)
    global SETTINGS_FILE
    SETTINGS_FILE = settings_override(args.file_timeout)
    info = {
        name: {
            "files": len(files),
            "pages": sum(page_count(f) for f in files),
            "files_list": [_rel(str(f)) for f in files]
            if len(files) == 1
            else f"{_rel(str(files[0].parent))}/ ({len(files)} files)",
        }
        for name, files in inputs.items()
    }
    machine = machine_info(args.workers)
    measurements: dict[str, dict] = {}
    for name, files in inputs.items():
        pages = info[name]["pages"]
        print(f"{name}: {len(files)} file(s), {pages} pages", file=sys.stderr, flush=True)
        m: dict[str, dict] = {}
        m["floor"] = measure(
            "(a) floor",
            [sys.executable, str(Path(__file__).resolve()), "--_floor", *map(str, files)],
            pages,
            args.repeat,
        )
        out = WORK / "out" / f"{name}-w1"
        m["workers1"] = measure("(b) workers 1", extract_cmd(files, out, options, 1, None), pages, args.repeat, out)
        if "--workers" in options:
            out = WORK / "out" / f"{name}-wN"
            m["workersN"] = measure(
                f"(c) workers {args.workers}",
                extract_cmd(files, out, options, args.workers, None),
                pages,
                args.repeat,
                out,
            )
        if name == "batch" and "--cache-dir" in options:
            cache = WORK / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            out = WORK / "out" / f"{name}-cached"
            cmd = extract_cmd(files, out, options, args.workers, cache)
            warm = run_measured(cmd, ROOT)  # fills the cache
            print(f"  {'(d) warm-up':<22} {warm['wall_s']:8.2f} s wall", file=sys.stderr, flush=True)
            # (d) is a re-run: same inputs, same output folder, as `make extract` twice.
            m["cached"] = measure("(d) cached", cmd, pages, max(args.repeat, 1), out, keep_out=True)
            m["cached"]["warmup_wall_s"] = warm["wall_s"]
            # for context: the cache alone, into an empty output folder (everything rewritten)
            m["cached"]["empty_out"] = measure("    cache, empty out", cmd, pages, 1, out)
            # context for (d): the interpreter start and imports alone, no work
            m["cached"]["startup_only"] = measure(
                "    startup only", [sys.executable, "-c", "import extract.cli, extract.batch.run"], 0, 1, None
            )
        measurements[name] = m

    derived = derive(measurements)
    rows = targets(measurements, derived, os.cpu_count() or 1, args.workers)
    table = markdown(measurements, derived, info, args.workers)
    print()
    print(
        f"Machine: {machine['cpu_model']}, {machine['cores']} cores, Python {machine['python']}, "
        f"{machine['date']}{' (quick)' if args.quick else ''}"
    )
    print()
    print(table)
    print()
    for row in rows:
        print(
            f"{row['result']:<4}  {row['target']}: {row['value']} (target {row['limit']})"
            + (f" — {row['note']}" if row["note"] else "")
        )
    results = {
        "benchmark": "brochure-extract issue 7",
        "quick": args.quick,
        "repeat": args.repeat,
        "machine": machine,
        "cli_options_found": sorted(options),
        "cli_settings": SETTINGS_FILE.read_text(encoding="utf-8") if SETTINGS_FILE else None,
        "inputs": info,
        "measurements": measurements,
        "derived": derived,
        "targets": rows,
    }
    # --quick is for development: its numbers must not replace the committed full results
    target = WORK / "results-quick.json" if args.quick else RESULTS
    target.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {_rel(str(target))}")
    return 0 if args.only == "issue7" or args.quick else speed_main(max(args.repeat, 3))


def speed_main(repeat: int) -> int:
    """Issue 13 (bench/speed.py): added to bench/results.json under "speed", table printed."""
    measurements = speed.measure_speed(sys.modules[__name__], repeat)
    rows = speed.speed_targets(measurements)
    print("\n" + speed.speed_markdown(measurements) + "\n")
    for row in rows:
        print(f"{row['result']:<4}  {row['target']}: {row['value']} (target {row['limit']})")
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    results["speed"] = {
        "repeat": repeat,
        "statistic": "fastest wall time of interleaved rounds (bench/speed.py)",
        "load_avg_1min_after": load,
        "machine": machine_info(0),
        "measurements": measurements,
        "targets": rows,
    }
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {_rel(str(RESULTS))} (speed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
