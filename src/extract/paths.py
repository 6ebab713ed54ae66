"""Command-line paths checked before any work: each problem is one `UsageError` line (exit 2).

The output folder is replaced as a whole by each run (batch/outputs.py), so it must be a folder
of outputs: not a file, not the current folder or one of its parents, not a folder holding an
input or any subfolder, and its parent must be writable (staging folder and lock live there).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from extract.errors import UsageError
from extract.inputs import display_name, is_regular_file


def _shown(path: Path) -> str:
    return display_name(os.fsencode(path))


def _existing_ancestor(path: Path) -> Path:
    """`path` itself or its nearest existing ancestor (absolute)."""
    path = Path(os.path.abspath(path))
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def _writable_folder(path: Path) -> bool:
    """A folder where a file can really be created (a probe: permissions alone say nothing for
    root, nor on read-only or virtual file systems)."""
    if not path.is_dir():
        return False
    try:
        with tempfile.TemporaryFile(dir=path):
            return True
    except OSError:
        return False


def _contains(folder: Path, other: Path) -> bool:
    folder, other = folder.resolve(), other.resolve()
    return folder == other or folder in other.parents


def check_output_folder(option: str, out: Path, inputs: Sequence[Path]) -> None:
    """`out` can be replaced by a new output set (see module docstring)."""
    where = f"{option} {_shown(out)}"
    if os.path.lexists(out) and not out.is_dir():
        raise UsageError(f"{where}: is a file, not a folder")
    parent = _existing_ancestor(out.parent)
    if not _writable_folder(parent):
        raise UsageError(f"{where}: cannot create files in {_shown(parent)} (not a writable folder)")
    if not out.exists():
        return
    if not _writable_folder(out):
        raise UsageError(f"{where}: folder is not writable")
    if _contains(out, Path.cwd()):
        raise UsageError(f"{where}: is the current folder or one of its parents; give an output folder")
    for path in inputs:
        if os.path.lexists(path) and _contains(out, path):
            raise UsageError(f"{where}: holds the input {_shown(path)}; give a separate output folder")
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    if folders:
        raise UsageError(
            f"{where}: holds the folder {display_name(os.fsencode(folders[0]))}; an output folder is "
            "replaced as a whole by each run and holds files only"
        )


def check_output_file(option: str, path: Path) -> None:
    """`path` can be written: not a folder, in an existing writable folder."""
    where = f"{option} {_shown(path)}"
    if path.is_dir():
        raise UsageError(f"{where}: is a folder, not a file")
    parent = Path(os.path.abspath(path)).parent
    if not parent.is_dir():
        raise UsageError(f"{where}: folder {_shown(parent)} does not exist")
    if not _writable_folder(parent) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{where}: not writable")


def check_input_file(option: str, path: Path) -> None:
    """`path` is an existing, readable regular file."""
    where = f"{option} {_shown(path)}"
    if not os.path.lexists(path):
        raise UsageError(f"{where}: no such file")
    if not is_regular_file(path):
        raise UsageError(f"{where}: not a regular file")
    if not os.access(path, os.R_OK):
        raise UsageError(f"{where}: not readable")


def check_cache_folder(option: str, path: Path) -> None:
    """`path` is a folder, or can be created, and is writable."""
    where = f"{option} {_shown(path)}"
    if os.path.lexists(path) and not path.is_dir():
        raise UsageError(f"{where}: is a file, not a folder")
    existing = _existing_ancestor(path)
    if not _writable_folder(existing):
        raise UsageError(f"{where}: cannot write in {_shown(existing)} (not a writable folder)")


def check_xlsx_extra() -> None:
    """openpyxl (the `xlsx` extra) is installed."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise UsageError("--xlsx needs openpyxl: install brochure-extract[xlsx]") from None
