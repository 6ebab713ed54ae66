"""One output set: written whole into a staging folder beside `--out`, then swapped in as a unit.

- A run holds a lock on `--out` (the file `.NAME.lock` beside it) from before any work to the
  end; a second run into the same folder stops at once with a usage error naming the holder.
- Every file of the set is written into `.NAME.staging-*` beside `--out` (same file system),
  flushed to disk, then the staging folder and `--out` are exchanged in one step
  (`renameat2(RENAME_EXCHANGE)` on Linux; elsewhere two renames, the old set kept aside until
  the new one is in place). A reader, a crash or a full disk therefore sees the old set or the
  new set, never a mix; files the run did not produce (an old `actions.xlsx`) go with the old set.
- Folders and files get the permissions of the umask, as any file the user creates.
- Leftovers of a killed run (staging or set-aside folders) are removed by the next run; a set
  aside while `--out` is missing is put back first.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from extract.errors import ExtractError, UsageError
from extract.files import file_sha256

STAGING_MARK = ".staging-"
ASIDE_MARK = ".old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
SYNC_THREADS_MAX = 16  # files flushed at once: the disk gets one batch of flushes, not one per file


class OutputError(ExtractError):
    """The output set could not be written; the previous set is left as it was."""


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of `out` for the block (leftovers of killed runs cleared first); UsageError
    naming the holder when another run has it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(out), "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            raise UsageError(
                f"{out}: in use by another brochure-extract run ({holder}); try again when it ends"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            clear_leftovers(out)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _folder_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def _leftovers(out: Path, mark: str) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}{mark}*"))


def clear_leftovers(out: Path) -> None:
    """Put back a set left aside by a run killed mid-swap, remove staging and set-aside folders."""
    aside = _leftovers(out, ASIDE_MARK)
    if aside and not out.exists():
        os.rename(aside.pop(), out)
    for folder in [*aside, *_leftovers(out, STAGING_MARK)]:
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    flags = _RENAME_EXCHANGE
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), flags) == 0


def swap_in(staging: Path, out: Path) -> None:
    """Make `staging` the folder `out`; the old `out` is removed once the new one is in place."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)
        return
    aside = out.parent / f".{out.name}{ASIDE_MARK}{os.getpid()}"
    os.rename(out, aside)
    os.rename(staging, out)
    shutil.rmtree(aside)


def _flush(path: Path) -> str:
    """Flush one file to disk; its SHA-256."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
    return file_sha256(path)


def _sync(folder: Path) -> dict[str, str]:
    """Flush every file of `folder` to disk, several at once (fsync waits on the disk, not on
    Python: one file after another cost ~70 ms for a dozen files); their SHA-256 by name."""
    paths = sorted(folder.iterdir())
    with ThreadPoolExecutor(max_workers=max(1, min(len(paths), SYNC_THREADS_MAX))) as pool:
        hashes = list(pool.map(_flush, paths))
    return {path.name: digest for path, digest in zip(paths, hashes, strict=True)}


def publish(out: Path, write: Callable[[Path], object]) -> dict[str, str]:
    """Call `write(folder)` on an empty staging folder, then swap it in as `out` (hold
    `output_lock(out)` around it).

    Returns the SHA-256 of each file written, by name (the bytes this run wrote). On any error
    the staging folder is removed and `out` is left as it was.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING_MARK}", dir=out.parent))
    try:
        os.chmod(staging, _folder_mode())  # mkdtemp creates 0700
        write(staging)
        hashes = _sync(staging)
        swap_in(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            f"{out}: cannot write outputs ({exc.strerror or exc}); previous output left as it was"
        ) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return hashes
