"""File helpers shared by stages: content hashes and atomic writes (no heavy imports here)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_file_mode() -> int:
    """The mode `open()` gives a new file under the current umask (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, default_file_mode())  # mkstemp creates 0600; outputs follow the umask
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


# Test hook (tests/test_interrupt.py): when set to a path, the first output file written creates
# that file and the process then waits, so a test can kill it inside the write phase.
PAUSE_ENV = "BROCHURE_EXTRACT_TEST_PAUSE_IN_WRITE"
PAUSE_MAX_S = 120.0  # a forgotten hook never blocks for longer


def write_output_text(path: Path, text: str) -> None:
    """Write one output file (UTF-8, newlines as given) into the output set being built."""
    path.write_text(text, encoding="utf-8", newline="")
    marker = os.environ.get(PAUSE_ENV)
    if marker and not os.path.exists(marker):
        Path(marker).write_text(str(path), encoding="utf-8")
        time.sleep(PAUSE_MAX_S)
