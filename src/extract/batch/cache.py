"""Incremental runs: per-file results and whole-output stamps, keyed by content and context.

- A file's result is stored under a key made of its name and bytes, the package fingerprint
  (every source and data file of `extract`), the settings and the analyst decisions: a re-run
  over an unchanged file reads the result instead of parsing the PDF again.
- An output stamp records, per output folder, the key of the whole batch and the hash of each
  file written. When a run would write exactly the same outputs, it checks them and stops.
Changing code, data, a setting or a decision changes the keys, so stale results are never
served. `--no-cache` bypasses both; `make clean` removes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from extract.files import atomic_write_text, file_sha256

if TYPE_CHECKING:
    from extract.batch.pipeline import FileResult

PACKAGE_DIR = Path(__file__).parent.parent  # the whole extract package: code and data
CACHE_DIR_ENV = "BROCHURE_EXTRACT_CACHE_DIR"  # names another default cache folder (the tests use a temporary one)
DEFAULT_CACHE_DIR = Path(os.environ.get(CACHE_DIR_ENV) or Path(".cache") / "brochure-extract")
FINGERPRINTED_SUFFIXES = {".py", ".csv", ".json", ".txt", ".toml"}


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Hash of every source and data file of the package: any code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in FINGERPRINTED_SUFFIXES:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def context_fingerprint(settings_fingerprint: str, decisions: object) -> str:
    """Settings and analyst decisions in one short hash (part of every cache key)."""
    material = settings_fingerprint
    if decisions is not None:
        material += repr(sorted(vars(decisions).items()))
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ResultCache:
    """Per-file results and per-output stamps, as JSON files in `folder`."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context  # settings + decisions fingerprint
        self.hits = 0
        self._keys: dict[Path, str] = {}

    def key(self, path: Path) -> str:
        if path not in self._keys:
            self._keys[path] = _hash(path.name, file_sha256(path), pipeline_fingerprint(), self.context)
        return self._keys[path]

    def get(self, path: Path) -> FileResult | None:
        from extract.batch.pipeline import FileResult

        entry = self.folder / f"{self.key(path)}.json"
        try:
            result = FileResult.from_dict(json.loads(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are simply recomputed
        self.hits += 1
        return result

    def put(self, path: Path, result: FileResult) -> None:
        self._store(self.folder / f"{self.key(path)}.json", result.to_dict())

    # --- whole outputs ---------------------------------------------------------------------

    def batch_key(self, files: Sequence[Path], output_options: str) -> str:
        """Key of a whole run: every input's key, in order, and how outputs are written."""
        return _hash(output_options, *(self.key(p) for p in files))

    def _stamp_path(self, out: Path) -> Path:
        return self.folder / "outputs" / f"{_hash(str(out.resolve()))[:32]}.json"

    def outputs_current(self, out: Path, batch: str) -> dict | None:
        """The stamp's summary when `out` holds, untouched, what this batch would write."""
        try:
            stamp = json.loads(self._stamp_path(out).read_text(encoding="utf-8"))
            if stamp["batch"] != batch:
                return None
            if any(file_sha256(out / name) != sha for name, sha in stamp["files"].items()):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return stamp["summary"]

    def stamp_outputs(self, out: Path, batch: str, written: Sequence[Path], summary: dict) -> None:
        files = {p.name: file_sha256(p) for p in written}
        self._store(self._stamp_path(out), {"batch": batch, "files": files, "summary": summary})

    def _store(self, entry: Path, data: dict) -> None:
        with contextlib.suppress(OSError):  # a read-only or full disk must not fail the extraction
            atomic_write_text(entry, json.dumps(data, ensure_ascii=False, sort_keys=True))
