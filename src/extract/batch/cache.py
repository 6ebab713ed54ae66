"""Incremental runs: per-file results and whole-output stamps, keyed by content and context.

- A file's result is stored under a key made of its name and bytes, the package fingerprint
  (every source and data file of `extract`), the settings and the analyst decisions: a re-run
  over an unchanged file reads the result instead of parsing the PDF again.
- An output stamp records, per output folder, the key of the whole batch and the hash of each
  file written. When a run would write exactly the same outputs, it checks them and stops.
Changing code, data, a setting or a decision changes the keys, so stale results are never
served. Every entry carries the SHA-256 of its content: an entry that was edited, truncated or
is not one of ours is ignored (and rewritten by the run). `--no-cache` bypasses both;
`make clean` removes them.
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
from extract.inputs import InputFile

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


def _canonical(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def sealed(data: object) -> str:
    """An entry's text: the data and the SHA-256 of its canonical JSON."""
    text = _canonical(data)
    return _canonical({"sha256": hashlib.sha256(text.encode()).hexdigest(), "data": data})


def unsealed(text: str) -> object:
    """The data of an entry; ValueError when it is not valid JSON or its checksum does not match."""
    entry = json.loads(text)
    if not isinstance(entry, dict) or set(entry) != {"sha256", "data"}:
        raise ValueError("not a cache entry")
    if hashlib.sha256(_canonical(entry["data"]).encode()).hexdigest() != entry["sha256"]:
        raise ValueError("checksum mismatch")
    return entry["data"]


class ResultCache:
    """Per-file results and per-output stamps, as JSON files in `folder`."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context  # settings + decisions fingerprint
        self.hits = 0
        self._keys: dict[InputFile, str] = {}

    def key(self, item: InputFile) -> str:
        """The file's name and id stem (they are in its result), bytes, code and context."""
        if item not in self._keys:
            self._keys[item] = _hash(
                item.name, item.id_stem, file_sha256(item.path), pipeline_fingerprint(), self.context
            )
        return self._keys[item]

    def get(self, item: InputFile) -> FileResult | None:
        from pydantic import ValidationError

        from extract.batch.pipeline import FileResult

        entry = self.folder / f"{self.key(item)}.json"
        try:
            result = FileResult.model_validate(unsealed(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError):
            return None  # missing, edited or unreadable entries are recomputed, then rewritten
        self.hits += 1
        return result

    def put(self, item: InputFile, result: FileResult) -> None:
        self._store(self.folder / f"{self.key(item)}.json", result.model_dump(mode="json"))

    # --- whole outputs ---------------------------------------------------------------------

    def batch_key(self, files: Sequence[InputFile], output_options: str) -> str:
        """Key of a whole run: every input's key, in order, and how outputs are written."""
        return _hash(output_options, *(self.key(p) for p in files))

    def _stamp_path(self, out: Path) -> Path:
        return self.folder / "outputs" / f"{_hash(str(out.resolve()))[:32]}.json"

    def outputs_current(self, out: Path, batch: str) -> dict | None:
        """The stamp's summary when `out` holds exactly, untouched, what this batch would write."""
        try:
            stamp = unsealed(self._stamp_path(out).read_text(encoding="utf-8"))
            if not isinstance(stamp, dict) or stamp["batch"] != batch:
                return None
            files = stamp["files"]
            if sorted(p.name for p in out.iterdir()) != sorted(files):
                return None
            if any(file_sha256(out / name) != sha for name, sha in files.items()):
                return None
            summary = stamp["summary"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return summary if isinstance(summary, dict) else None

    def stamp_outputs(self, out: Path, batch: str, written: dict[str, str], summary: dict) -> None:
        """Record the batch key, the SHA-256 of each file written (name -> hash) and the summary."""
        self._store(self._stamp_path(out), {"batch": batch, "files": written, "summary": summary})

    def _store(self, entry: Path, data: dict) -> None:
        with contextlib.suppress(OSError):  # a read-only or full disk must not fail the extraction
            atomic_write_text(entry, sealed(data))
