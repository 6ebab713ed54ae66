"""Mutation check of the stage modules (issue 16): do the tests notice when the code changes?

Run with `make mutation` (or `.venv/bin/python mutation/run.py [MODULE ...] [options]`).

Each module listed in pyproject.toml `[tool.mutation.modules]` is mutated by mutmut and checked
with its own fast tests only (one line per module: its path, its test files, its target score).
A module runs in its own folder mutation/work/<module>/ (gitignored): a pyproject.toml made of
the shared `[tool.mutmut]` options plus that module and its tests, and links to src/ and tests/.

    make mutation                          every module, from scratch (minutes of CPU)
    make mutation ARGS="text segment"      the named modules only (path, dotted name or file stem)
    make mutation ARGS="--survivors text"  re-test only the mutants the last run did not kill
                                           (after adding tests; killed mutants stay killed)
    make mutation ARGS="--report"          rewrite the report from the last runs, run nothing

Writes mutation/report.md: per module the mutants, killed (test failure or timeout), survivors,
score and target, then every mutant not killed with its change. Never part of `make test` or
CI; the exit code is 0 unless mutmut itself could not run (2 on usage errors).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutation" / "work"
REPORT = ROOT / "mutation" / "report.md"
MUTMUT = Path(sys.executable).with_name("mutmut")
DETECTED = ("killed", "timeout", "caught by type check", "segfault")
DEFAULT_CHILDREN = 1  # the machine is shared: one mutant at a time unless asked


@dataclass(frozen=True)
class Module:
    """One module to mutate, its own tests and its target score (%)."""

    path: str
    tests: tuple[str, ...]
    target: float

    @property
    def name(self) -> str:
        """Dotted module name: src/extract/stages/segment.py -> extract.stages.segment."""
        return ".".join(Path(self.path).with_suffix("").parts[1:])

    @property
    def work(self) -> Path:
        return WORK / self.name


def load_config() -> tuple[dict, list[Module]]:
    """The shared [tool.mutmut] options and the modules of [tool.mutation.modules]."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    modules = [
        Module(path, tuple(entry["tests"]), float(entry["target"]))
        for path, entry in tool["mutation"]["modules"].items()
    ]
    return tool, modules


def select(modules: list[Module], names: list[str]) -> list[Module]:
    """Modules named by path, dotted name or file stem (all when none is named)."""
    if not names:
        return modules
    chosen = []
    for name in names:
        found = [m for m in modules if name in (m.path, m.name, Path(m.path).stem)]
        if len(found) != 1:
            known = ", ".join(Path(m.path).stem for m in modules)
            raise ValueError(f"unknown or ambiguous module {name!r} (known: {known})")
        chosen.extend(found)
    return list(dict.fromkeys(chosen))


def _toml(section: str, values: dict) -> str:
    """A TOML table of strings, numbers, booleans and lists of them (JSON spells those alike)."""
    return f"[{section}]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items())


def prepare(module: Module, tool: dict, fresh: bool) -> None:
    """The module's work folder: its own mutmut config, links to the sources and tests."""
    if fresh and module.work.exists():
        shutil.rmtree(module.work)
    module.work.mkdir(parents=True, exist_ok=True)
    mutmut = {
        **tool["mutmut"],
        "only_mutate": [module.path],
        "pytest_add_cli_args_test_selection": list(module.tests),
    }
    config = _toml("tool.mutmut", mutmut) + "\n" + _toml("tool.pytest.ini_options", tool["pytest"]["ini_options"])
    (module.work / "pyproject.toml").write_text(config, encoding="utf-8")
    for folder in ("src", "tests"):
        link = module.work / folder
        if not link.is_symlink():
            link.symlink_to(os.path.relpath(ROOT / folder, module.work), target_is_directory=True)


def meta_path(module: Module) -> Path:
    return module.work / "mutants" / (module.path + ".meta")


def results(module: Module) -> dict[str, str]:
    """Mutant name -> mutmut status from the module's last run ({} if never run)."""
    from mutmut.stats import status_by_exit_code

    path = meta_path(module)
    if not path.exists():
        return {}
    codes = json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def forget_survivors(module: Module) -> int:
    """Clear the result of every mutant not killed, so that mutmut tests it again."""
    path = meta_path(module)
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    statuses = results(module)
    undecided = [name for name, status in statuses.items() if status not in DETECTED]
    for name in undecided:
        data["exit_code_by_key"][name] = None
    path.write_text(json.dumps(data, indent=4), encoding="utf-8")
    return len(undecided)


def run(module: Module, children: int, mode: str) -> None:
    """Run mutmut over one module; its output goes to work/<module>/mutmut.log, its time to run.json."""
    start = time.monotonic()
    with open(module.work / "mutmut.log", "w", encoding="utf-8") as log:
        code = subprocess.call(
            [str(MUTMUT), "run", "--max-children", str(children)], cwd=module.work, stdout=log, stderr=log
        )
    if code != 0:
        raise SystemExit(f"mutation: mutmut failed on {module.path} (exit {code}), see {module.work / 'mutmut.log'}")
    took = {"seconds": round(time.monotonic() - start, 1), "mode": mode, "children": children}
    (module.work / "run.json").write_text(json.dumps(took), encoding="utf-8")


def last_run(module: Module) -> str:
    """How long the module's last run took, and what it re-tested."""
    path = module.work / "run.json"
    if not path.exists():
        return ""
    took = json.loads(path.read_text(encoding="utf-8"))
    return f"{took['seconds']:.0f} s ({took['mode']}, {took['children']} at a time)"


def change(module: Module, mutant: str) -> str:
    """The mutant's changed lines, '-' original then '+' mutant, from mutmut's own diff."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    here = Path.cwd()
    os.chdir(module.work)
    try:
        diff = get_diff_for_mutant(mutant, path=Path(module.path))
    except Exception as error:  # the report must not die on one unreadable mutant
        return f"(diff unavailable: {error})"
    finally:
        os.chdir(here)
    lines = [line for line in diff.splitlines() if line[:1] in "-+" and line[:3] not in ("---", "+++")]
    return "\n".join(lines)


def score(statuses: dict[str, str]) -> tuple[int, int, float]:
    """(mutants, detected, % detected) over the mutants that were checked."""
    checked = [s for s in statuses.values() if s not in ("not checked", "skipped")]
    detected = sum(s in DETECTED for s in checked)
    return len(checked), detected, 100.0 * detected / len(checked) if checked else 0.0


def report(modules: list[Module]) -> str:
    """The Markdown report of the last run of every module."""
    from mutmut import __version__

    rows, details = [], []
    for module in modules:
        statuses = results(module)
        if not statuses:
            rows.append(f"| `{module.path}` | not run | | | | {module.target:.0f} % | |")
            continue
        total, detected, percent = score(statuses)
        counts = Counter(statuses.values())
        met = "met" if percent >= module.target else "NOT met"
        rows.append(
            f"| `{module.path}` | {total} | {detected} | {counts['survived']} | {counts['no tests']} "
            f"| {percent:.1f} % | {module.target:.0f} % {met} | {last_run(module)} |"
        )
        left = [(name, status) for name, status in statuses.items() if status not in DETECTED]
        details.append(f"\n## `{module.path}`: {len(left)} not killed\n\nTests: {', '.join(module.tests)}\n")
        for name, status in left:
            details.append(f"\n`{name.rpartition('.')[2]}` ({status})\n```diff\n{change(module, name)}\n```\n")
    head = (
        "# Mutation check\n\n"
        f"Made by `make mutation` (mutation/run.py) with mutmut {__version__}. "
        "Each module is mutated with its own tests only; killed = a test failed or the mutant timed out.\n\n"
        "| module | mutants | killed | survived | no tests | score | target | run time |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(rows) + "\n" + "".join(details)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mutation check of the stage modules (mutmut).")
    parser.add_argument("modules", nargs="*", help="modules to run (path, dotted name or stem); default all")
    parser.add_argument("--max-children", type=int, default=DEFAULT_CHILDREN, help="mutants tested at a time")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--survivors", action="store_true", help="re-test only the mutants not killed last time")
    mode.add_argument("--report", action="store_true", help="only rewrite the report from the last runs")
    args = parser.parse_args(argv)
    if args.max_children < 1:
        parser.error("--max-children must be at least 1")
    tool, modules = load_config()
    try:
        chosen = select(modules, args.modules)
    except ValueError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    if not MUTMUT.exists():
        print("mutation: mutmut is not installed (pip install -e '.[mutation]')", file=sys.stderr)
        return 2
    for module in [] if args.report else chosen:
        prepare(module, tool, fresh=not args.survivors)
        again = forget_survivors(module) if args.survivors else None
        print(f"{module.path}: mutating with {', '.join(module.tests)}" + (f" ({again} to re-test)" if again else ""))
        run(module, args.max_children, "survivors" if args.survivors else "full")
        total, detected, percent = score(results(module))
        print(f"    {detected}/{total} killed ({percent:.1f} %) in {last_run(module)}")
    REPORT.write_text(report(modules), encoding="utf-8")
    print(f"report: {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
