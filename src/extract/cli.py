"""Command line: parses arguments, calls the library, prints. Exit codes are decided here only.

Exit codes: 0 success; 1 some input failed (extract) or outputs differ (diff); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import __version__
from .errors import ExtractError, SettingsError, UsageError
from .settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("output")


class Progress:
    """Pages done on one status line when stderr is a terminal; silent otherwise (CI, pipes)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.pages = 0
        self.start = time.monotonic()

    def page(self, file: str, number: int) -> None:
        self.pages += 1
        if self.enabled:
            rate = self.pages / max(time.monotonic() - self.start, 1e-6)
            sys.stderr.write(f"\r\033[K{file}: page {number}  ({self.pages} pages, {rate:.1f} pages/s)")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.pages:
            sys.stderr.write("\r\033[K")


def _error(message: str) -> None:
    print(f"brochure-extract: {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from .run import run_extract

    settings = Settings.load(args.settings)
    paths = args.paths or [DEFAULT_RAW]
    progress = Progress(enabled=sys.stderr.isatty() and not args.quiet)
    summary = run_extract(paths, args.out, settings, on_page=progress.page, excel=args.excel,
                          xlsx=args.xlsx, decisions=args.decisions, on_failure=_error)
    progress.done()
    if not args.quiet:
        print(summary.format_line(args.out), file=sys.stderr)
    return EXIT_FAILED if summary.failed_files else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_actions, load_actions

    report = diff_actions(load_actions(args.old), load_actions(args.new))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(report.format_text(), end="")
    return EXIT_OK if report.is_empty else EXIT_FAILED


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brochure-extract",
        description="Turn designed PDF brochures of action sheets into validated JSON and CSV.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    extract = commands.add_parser("extract", help="extract action sheets from PDFs into JSON and CSV",
                                  description="Extract every action sheet of the PDFs (or folders of PDFs) "
                                              "into OUT/actions.json and CSVs. Default: raw/ -> output/.")
    extract.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="PDF files or folders (default: raw/)")
    extract.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output/)")
    extract.add_argument("--settings", type=Path, help="TOML file overriding thresholds and header words")
    extract.add_argument("--decisions", type=Path, default=None,
                         help="analyst decisions CSV (default: decisions.csv beside the first input folder, if present)")
    extract.add_argument("--excel", action="store_true", help="CSV for French-locale Excel: UTF-8 BOM and ';'")
    extract.add_argument("--xlsx", action="store_true", help="also write actions.xlsx (needs the xlsx extra)")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress nor summary line")
    extract.set_defaults(handler=cmd_extract)

    diff = commands.add_parser("diff", help="compare two extractions by content",
                               description="Compare two output folders (or actions.json files): actions "
                                           "added, removed and changed, matched by file and title. "
                                           "Exit 0 when equal, 1 when different, 2 on error.")
    diff.add_argument("old", type=Path, help="old output folder or actions.json")
    diff.add_argument("new", type=Path, help="new output folder or actions.json")
    diff.add_argument("--json", action="store_true", help="machine-readable report")
    diff.set_defaults(handler=cmd_diff)

    schema = commands.add_parser("schema", help="print the JSON Schema of actions.json",
                                 description="Print the JSON Schema of actions.json, from the data models.")
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
        return 130


if __name__ == "__main__":
    sys.exit(main())
