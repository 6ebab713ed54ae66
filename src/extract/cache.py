"""A cache of per-file results keyed by content, pipeline version, settings and decisions.

A re-run over unchanged inputs reads each file's result instead of parsing the PDF again.
Changing the code or data of the package (its fingerprint), a setting or a decision changes the
key, so stale results are never served. `--no-cache` bypasses it; `make clean` removes it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .pipeline import FileResult
from .read import file_sha256
from .write import atomic_write_text

PACKAGE_DIR = Path(__file__).parent
DEFAULT_CACHE_DIR = Path(".cache") / "brochure-extract"


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Hash of every source and data file of the package: any code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".json", ".txt", ".toml"}:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    """Results stored as JSON files named by their key in `folder`."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context  # settings + decisions fingerprint
        self.hits = 0

    def key(self, path: Path) -> str:
        material = "\0".join((path.name, file_sha256(path), pipeline_fingerprint(), self.context))
        return hashlib.sha256(material.encode()).hexdigest()

    def get(self, path: Path) -> FileResult | None:
        entry = self.folder / f"{self.key(path)}.json"
        try:
            result = FileResult.from_dict(json.loads(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are simply recomputed
        self.hits += 1
        return result

    def put(self, path: Path, result: FileResult) -> None:
        try:
            atomic_write_text(self.folder / f"{self.key(path)}.json",
                              json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
        except OSError:
            pass  # a read-only or full disk must not fail the extraction


def context_fingerprint(settings_fingerprint: str, decisions: object) -> str:
    """Settings and analyst decisions in one short hash (part of every cache key)."""
    material = settings_fingerprint + repr(sorted(vars(decisions).items())) if decisions is not None \
        else settings_fingerprint
    return hashlib.sha256(material.encode()).hexdigest()[:16]
