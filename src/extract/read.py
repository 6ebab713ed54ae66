"""Stage 1 — read: a PDF file into `PageContent` objects (words with font, filled boxes).

Pages are yielded one at a time and closed after use, so memory stays flat on long files.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from .errors import FileFailed
from .geometry import Box, Word
from .settings import ReadSettings

# pdfminer logs every recoverable oddity of malformed files at WARNING level.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_PDF_MAGIC = b"%PDF-"
_MAGIC_SEARCH_BYTES = 1024  # the header may follow some junk bytes (spec allows 1 KiB)


@dataclass(frozen=True)
class PageContent:
    """What one page holds, in top-left coordinates, upright."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    boxes: tuple[Box, ...]
    char_count: int
    image_count: int


@dataclass(frozen=True)
class UnreadablePage:
    """A page whose content could not be parsed."""

    number: int
    reason: str


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_pdf_file(path: Path) -> None:
    """Raise FileFailed for inputs that cannot be a PDF (missing, empty, wrong magic)."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_MAGIC_SEARCH_BYTES)
    except OSError as exc:
        raise FileFailed(name, f"cannot read file: {exc.strerror or exc}", "unreadable") from exc
    if size == 0:
        raise FileFailed(name, "empty file", "empty")
    if _PDF_MAGIC not in head:
        raise FileFailed(name, "not a PDF (no %PDF- header)", "not-pdf")


def classify_open_error(exc: BaseException) -> tuple[str, str]:
    """Turn a parser exception into (kind, one-line reason)."""
    chain = [exc]
    while chain[-1].__cause__ is not None and len(chain) < 5:
        chain.append(chain[-1].__cause__)
    names = " ".join(type(e).__name__ for e in chain)
    text = " ".join(str(e) for e in chain if str(e)).strip()
    if "Password" in names or "Encrypt" in names or "password" in text.lower():
        return "encrypted", "encrypted: a password is required"
    if "RecursionError" in names:
        return "corrupt", "corrupt PDF structure (self-referencing objects)"
    first_line = (text.splitlines() or [type(exc).__name__])[0][:160]
    return "corrupt", f"corrupt or unsupported PDF: {first_line}"


def pdf_to_pages(path: Path, settings: ReadSettings | None = None) -> Iterator[PageContent | UnreadablePage]:
    """Yield each page of `path`; raise FileFailed when the file cannot be opened at all."""
    settings = settings or ReadSettings()
    check_pdf_file(path)
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as exc:  # pdfminer raises many unrelated types on bad files
        kind, reason = classify_open_error(exc)
        raise FileFailed(path.name, reason, kind) from exc
    with pdf:
        if not pages:
            raise FileFailed(path.name, "no pages (or an XFA form pdfplumber cannot read)", "no-pages")
        for page in pages:
            yield _read_page(page, settings)


def _read_page(page: "pdfplumber.page.Page", settings: ReadSettings) -> PageContent | UnreadablePage:
    try:
        return PageContent(
            number=page.page_number,
            width=float(page.width),
            height=float(page.height),
            words=tuple(_words(page, settings)),
            boxes=tuple(_boxes(page)),
            char_count=len(page.chars),
            image_count=len(page.images),
        )
    except Exception as exc:  # a broken content stream must not stop the other pages
        return UnreadablePage(page.page_number, f"unreadable content: {type(exc).__name__}: {exc}"[:200])
    finally:
        page.close()


def _words(page, settings: ReadSettings) -> Iterator[Word]:
    for w in page.extract_words(x_tolerance=settings.x_tolerance, y_tolerance=settings.y_tolerance,
                                keep_blank_chars=False, extra_attrs=["fontname", "size"]):
        yield Word(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                   bottom=float(w["bottom"]), size=round(float(w["size"]), 2),
                   fontname=str(w["fontname"]))


def _boxes(page) -> Iterator[Box]:
    for r in page.rects:
        yield Box(x0=float(r["x0"]), x1=float(r["x1"]), top=float(r["top"]), bottom=float(r["bottom"]),
                  filled=bool(r.get("fill")), stroked=bool(r.get("stroke")),
                  color=_rgb(r.get("non_stroking_color")))


def _rgb(color) -> tuple[float, float, float] | None:
    """A fill colour as RGB in 0..1 (grey and CMYK converted); None when unknown."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    values = [float(c) for c in color if isinstance(c, (int, float))]
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None
