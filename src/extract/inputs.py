"""Input files: which PDFs a run reads, the name each is known by, and the stem of its ids.

- Only regular files are read: a FIFO, a device (`/dev/zero`) or a socket named on the command
  line is a usage error; inside folders such entries are not PDFs and are passed over.
- A file is known by its path relative to the input root it was found under (the folder given,
  or the file's own folder when a file is named), with `/` separators. File names that are not
  valid UTF-8 are shown with `\\xNN` escapes; control characters likewise, so a name is always
  printable and never carries a control character into an output.
- Ids: the slug of that name without `.pdf` (today's ids for files at the root). When two files
  of a batch give the same slug (`2023/brochure.pdf` vs `2023-brochure.pdf`, `a b.pdf` vs
  `a-b.pdf`), the first file whose name is exactly its slug keeps it and every other gets a suffix
  from the hash of its raw path bytes, lengthened until every stem of the batch is unique.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.errors import UsageError

PDF_SUFFIX = ".pdf"
ID_HASH_CHARS = 8  # first length tried for the disambiguating hash suffix of an id stem
_SLUG = re.compile(r"[^a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class InputFile:
    """One PDF of a batch: where it is, the name outputs show, and the stem of its action ids."""

    path: Path
    name: str
    id_stem: str


def display_name(raw: bytes) -> str:
    """A printable UTF-8 name for raw path bytes: invalid bytes and control characters as `\\xNN`."""
    text = raw.decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _shown(path: Path) -> str:
    return display_name(os.fsencode(path))


def slug(name: str) -> str:
    """The name without its extension, as lower-case letters and digits joined by single hyphens
    (`file` when nothing is left)."""
    return _SLUG.sub("-", _without_extension(name).lower()).strip("-") or "file"


def _without_extension(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if dot > name.rfind("/") else name


def is_regular_file(path: Path) -> bool:
    """True for a regular file (after symlinks); False for folders, FIFOs, devices, sockets."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _found(paths: Iterable[Path]) -> dict[Path, tuple[Path, bytes]]:
    """Every PDF named or found (recursively) under `paths`, by resolved path: the path to read
    and its raw path relative to its root."""
    found: dict[Path, tuple[Path, bytes]] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() == PDF_SUFFIX and is_regular_file(child):
                    found.setdefault(child.resolve(), (child, os.fsencode(child.relative_to(path).as_posix())))
        elif not os.path.lexists(path):
            raise UsageError(f"{_shown(path)}: no such file or folder")
        elif not is_regular_file(path):
            raise UsageError(f"{_shown(path)}: not a regular file (only PDF files are read)")
        else:
            found.setdefault(path.resolve(), (path, os.fsencode(path.name)))
    return found


def unique_stems(names: Sequence[tuple[str, bytes]]) -> list[str]:
    """The id stem of each (display name, raw path) pair; all different (see module docstring)."""
    stems = [slug(name) for name, _ in names]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, stem in enumerate(stems):
        groups[stem].append(index)
    for stem, members in groups.items():
        if len(members) < 2:
            continue
        keep = next((i for i in members if _without_extension(names[i][0]) == stem), None)
        for index in members:
            if index != keep:
                stems[index] = f"{stem}-{hashlib.sha256(names[index][1]).hexdigest()}"
    return _shortest_unique(stems)


def _shortest_unique(stems: list[str]) -> list[str]:
    """Cut the hash suffixes (64 hex digits) to the shortest length, from ID_HASH_CHARS, keeping
    every stem distinct."""
    full = re.compile(r"-([0-9a-f]{64})$")
    for length in range(ID_HASH_CHARS, 65):
        cut = [_cut_hash(full, stem, length) for stem in stems]
        if len(set(cut)) == len(cut):
            return cut
    return stems


def _cut_hash(full: re.Pattern[str], stem: str, length: int) -> str:
    match = full.search(stem)
    return stem if match is None else stem[: match.start()] + "-" + match.group(1)[:length]


def collect_inputs(paths: Iterable[Path]) -> list[InputFile]:
    """The batch's PDFs, sorted by name then path, each once, with unique id stems."""
    ordered = sorted(_found(paths).values(), key=lambda item: (display_name(item[1]), os.fsencode(item[0])))
    names = [(display_name(raw), raw) for _, raw in ordered]
    seen: dict[str, Path] = {}
    for (path, _), (name, _) in zip(ordered, names):
        if name in seen:
            raise UsageError(
                f"{name}: found under two inputs ({_shown(seen[name].parent)}, {_shown(path.parent)}): "
                "give their common folder instead, so that names stay distinct"
            )
        seen[name] = path
    stems = unique_stems(names)
    return [InputFile(path=path, name=name, id_stem=stem) for (path, _), (name, _), stem in zip(ordered, names, stems)]
