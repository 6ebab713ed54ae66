"""Command line: parses arguments, calls the library, prints. Exit codes are decided here only.

Exit codes: 0 success; 1 some input failed (extract) or outputs differ (diff); 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from extract import __version__
from extract.batch.cache import DEFAULT_CACHE_DIR
from extract.errors import ExtractError, SettingsError, UsageError
from extract.settings import READ_ENGINES as READERS
from extract.settings import RunSettings, Settings
from extract.settings_file import allowed
from extract.tools import DEBUG_RESOLUTION

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("output")


class Progress:
    """A progress bar (pages done / total, rate, ETA) on a terminal; silent otherwise (CI, pipes).

    Totals come from the workers (each reports its file's page count when it opens it) and from
    cached results: nothing opens a PDF just to count its pages.
    """

    BAR_WIDTH = 24

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.totals: dict[str, int] = {}
        self.done_by_file: dict[str, int] = {}
        self.start = time.monotonic()

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    def file_total(self, file: str, pages: int) -> None:
        self.totals[file] = pages
        self.draw()

    def page(self, file: str, number: int) -> None:
        self.done_by_file[file] = self.done_by_file.get(file, 0) + 1
        self.draw()

    def file(self, result) -> None:
        self.done_by_file[result.file] = len(result.pages)
        self.totals[result.file] = max(self.totals.get(result.file, 0), self.done_by_file[result.file])
        self.draw()

    def draw(self) -> None:
        if not self.enabled:
            return
        done = sum(self.done_by_file.values())
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = done / elapsed
        total = max(self.total, done)
        filled = int(self.BAR_WIDTH * done / total) if total else 0
        eta = f"{(total - done) / rate:.0f}s" if rate > 0 else "?"
        bar = "#" * filled + "-" * (self.BAR_WIDTH - filled)
        sys.stderr.write(f"\r\033[K[{bar}] {done}/{total} pages  {rate:.1f} pages/s  ETA {eta}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _error(message: str) -> None:
    print(f"brochure-extract: {message}", file=sys.stderr)


def _worker_count(text: str) -> int:
    """`--workers N`: checked like `[run] workers` in a settings file (a usage error otherwise)."""
    try:
        return RunSettings(workers=int(text)).workers
    except ValueError:  # not an integer, or out of range (pydantic's ValidationError is a ValueError)
        raise argparse.ArgumentTypeError(f"expected {allowed(RunSettings, 'workers')}, got {text!r}") from None


def check_extract_paths(args: argparse.Namespace, paths: list[Path]) -> None:
    """Every path option of `extract`, before any work (UsageError: one line, exit 2)."""
    from extract import paths as checks

    checks.check_output_folder("--out", args.out, paths)
    if args.settings is not None:
        checks.check_input_file("--settings", args.settings)
    if args.decisions is not None:
        checks.check_input_file("--decisions", args.decisions)
    if not args.no_cache:
        checks.check_cache_folder("--cache-dir", args.cache_dir)
    if args.xlsx:
        checks.check_xlsx_extra()


def cmd_extract(args: argparse.Namespace) -> int:
    from extract.batch.run import run_extract

    paths = args.paths or [DEFAULT_RAW]
    check_extract_paths(args, paths)
    settings = Settings.load(args.settings)
    if args.scheduler and importlib.util.find_spec("distributed") is None:
        raise UsageError("--scheduler needs Dask: pip install 'brochure-extract[dask]'")
    if args.reader:
        settings = settings.model_copy(update={"read": settings.read.model_copy(update={"engine": args.reader})})
    interactive = sys.stderr.isatty() and not args.quiet
    progress = Progress(enabled=interactive)

    def report_failure(message: str) -> None:
        progress.close()
        _error(message)

    summary = run_extract(
        paths,
        args.out,
        settings,
        on_page=progress.page,
        excel=args.excel,
        xlsx=args.xlsx,
        decisions=args.decisions,
        on_failure=report_failure,
        cache_dir=None if args.no_cache else args.cache_dir,
        workers=args.workers,
        on_file=progress.file,
        allow_empty=args.allow_empty,
        on_total=progress.file_total,
        scheduler=args.scheduler,
        sqlite=args.sqlite,
    )
    progress.close()
    if not args.quiet:
        print(summary.format_line(args.out), file=sys.stderr)
        warned = summary.format_warnings()
        if warned:
            print(warned, file=sys.stderr)
    return EXIT_FAILED if summary.failed_files else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from extract.tools.diff import diff_actions, load_actions

    report = diff_actions(load_actions(args.old), load_actions(args.new))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(report.format_text(), end="")
    return EXIT_OK if report.is_empty else EXIT_FAILED


def cmd_schema(args: argparse.Namespace) -> int:
    from extract.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK


def cmd_debug(args: argparse.Namespace) -> int:
    from extract import paths as checks
    from extract.tools.debug import debug_page

    checks.check_input_file("PDF", args.pdf)
    checks.check_output_file("--out", args.out)
    if args.settings is not None:
        checks.check_input_file("--settings", args.settings)
    report = debug_page(args.pdf, args.page, args.out, Settings.load(args.settings), args.resolution)
    if report.layout is None:
        print(f"{args.pdf.name} page {args.page}: skipped: {report.reason} (page drawn without blocks)")
    else:
        layout, fields = report.layout, report.fields
        counts = ", ".join(f"{k} {len(b.lines)} line(s)" for k, b in layout.columns.items())
        regions = ", ".join(r.kind for r in layout.regions)
        warnings = fields.warnings if fields else layout.warnings
        print(
            f"{args.pdf.name} page {args.page}: language {layout.language}; regions {regions}; "
            f"{len(layout.sdg_items)} SDG target(s); {counts}; coverage {layout.coverage:.2f}"
            + ("; " + "; ".join(warnings) if warnings else "")
        )
    print(f"wrote {report.image}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brochure-extract", description="Turn designed PDF brochures of action sheets into validated JSON and CSV."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    extract = commands.add_parser(
        "extract",
        help="extract action sheets from PDFs into JSON and CSV",
        description="Extract every action sheet of the PDFs (or folders of PDFs) "
        "into OUT/actions.json and CSVs. Default: raw/ -> output/.",
    )
    extract.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="PDF files or folders (default: raw/)")
    extract.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output/)")
    extract.add_argument("--settings", type=Path, help="TOML file overriding thresholds and header words")
    extract.add_argument(
        "--decisions",
        type=Path,
        default=None,
        help="analyst decisions CSV, e.g. a filled-in copy of review.csv "
        "(default: decisions.csv in the first input folder, e.g. raw/decisions.csv, if present)",
    )
    extract.add_argument("--excel", action="store_true", help="CSV for French-locale Excel: UTF-8 BOM and ';'")
    extract.add_argument("--xlsx", action="store_true", help="also write actions.xlsx (needs the xlsx extra)")
    extract.add_argument("--sqlite", action="store_true", help="also write actions.sqlite (the tables, with keys)")
    extract.add_argument(
        "--workers",
        type=_worker_count,
        default=None,
        metavar="N",
        help="worker processes, one file each (default: one per CPU core)",
    )
    extract.add_argument(
        "--reader",
        choices=READERS,
        default=None,
        help="PDF reader: pdfium (fast) or pdfplumber (the reference, about 4x slower) (default: [read] engine)",
    )
    extract.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run each file as a task on this Dask scheduler (e.g. tcp://host:8786; needs the dask extra)",
    )
    extract.add_argument("--no-cache", action="store_true", help="re-extract every file, ignoring the cache")
    extract.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help=f"result cache folder (default: {DEFAULT_CACHE_DIR})"
    )
    extract.add_argument(
        "--allow-empty",
        action="store_true",
        help="when no PDF is found, write an empty output instead of stopping with exit code 2",
    )
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress nor summary line")
    extract.set_defaults(handler=cmd_extract)

    diff = commands.add_parser(
        "diff",
        help="compare two extractions by content",
        description="Compare two output folders (or actions.json files): actions "
        "added, removed and changed, matched by file and title. "
        "Exit 0 when equal, 1 when different, 2 on error.",
    )
    diff.add_argument("old", type=Path, help="old output folder or actions.json")
    diff.add_argument("new", type=Path, help="new output folder or actions.json")
    diff.add_argument("--json", action="store_true", help="machine-readable report")
    diff.set_defaults(handler=cmd_diff)

    debug = commands.add_parser(
        "debug",
        help="draw the blocks found on a page into a PNG",
        description="Draw the blocks the layout stage finds on one page (title, "
        "SDG targets, columns and their lines, recommendation cells) "
        "over a picture of the page, for tuning a new brochure.",
    )
    debug.add_argument("pdf", type=Path, metavar="PDF", help="the brochure")
    debug.add_argument("--page", type=int, required=True, metavar="N", help="page number (1-based)")
    debug.add_argument("--out", type=Path, required=True, metavar="FILE.png", help="picture to write")
    debug.add_argument(
        "--resolution", type=int, default=DEBUG_RESOLUTION, help=f"pixels per inch (default: {DEBUG_RESOLUTION})"
    )
    debug.add_argument("--settings", type=Path, help="TOML settings file, as for extract")
    debug.set_defaults(handler=cmd_debug)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of actions.json",
        description="Print the JSON Schema of actions.json, from the data models.",
    )
    schema.set_defaults(handler=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, SettingsError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except ExtractError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted: previous output left as it was")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _quiet_broken_pipe()


def _quiet_broken_pipe() -> int:
    """The reader went away (`diff --json | head -1`): stop quietly, as other command-line tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the final flush at exit must not fail again
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
