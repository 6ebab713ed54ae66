"""Stage 1 — read: a PDF file into `PageContent` objects (words with font, filled boxes).

Pages are created, read and closed one at a time (no list of every page is built), so memory
stays flat on long files. Every fault has a class: a file that cannot be opened raises
`FileFailed` whose `kind` is `unreadable`, `empty`, `not-pdf`, `encrypted`, `corrupt` or
`no-pages`; a page whose content cannot be parsed becomes an `UnreadablePage`.

Pages are read upright: pdfplumber already applies the page's /Rotate (coordinates are those
of the page as displayed), which leaves the text sideways when a page drawn upright was
rotated afterwards. So each page is turned, by quarter turns, until most of its characters
read left to right — whatever mix of /Rotate and rotated drawing produced it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page
from pdfplumber.utils import extract_words

from extract.errors import FileFailed
from extract.files import file_sha256  # noqa: F401  (part of this stage's API)
from extract.geometry import Box, Word
from extract.settings import ReadSettings

# pdfminer logs every recoverable oddity of malformed files at WARNING level.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_PDF_MAGIC = b"%PDF-"
_MAGIC_SEARCH_BYTES = 1024  # the header may follow some junk bytes (spec allows 1 KiB)
_EOF_MARKER = b"%%EOF"
_EOF_SEARCH_BYTES = 1024  # the end-of-file marker sits in the last KiB of a complete file
_REASON_MAX_CHARS = 160  # reasons are one short line in pages.csv and on stderr
_CAUSE_DEPTH = 5  # how far to follow wrapped exceptions (pdfplumber wraps pdfminer's)

QUARTER_TURNS = 4

# Exception class names (anywhere in the wrapped chain) that mean "password or encryption".
_ENCRYPTION_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")


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


# --- file-level faults -----------------------------------------------------------------------


def check_pdf_file(path: Path) -> None:
    """Raise FileFailed for inputs that cannot be a PDF (unreadable, a folder, empty, wrong magic)."""
    name = path.name
    if path.is_dir():
        raise FileFailed(name, "is a folder, not a file", "unreadable")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_MAGIC_SEARCH_BYTES)
    except OSError as exc:
        raise FileFailed(name, f"cannot read file: {exc.strerror or exc}", "unreadable") from exc
    if size == 0:
        raise FileFailed(name, "empty file (0 bytes)", "empty")
    if _PDF_MAGIC not in head:
        raise FileFailed(name, "not a PDF (no %PDF- header)", "not-pdf")


def has_eof_marker(path: Path) -> bool:
    """True when the last KiB of the file holds %%EOF (a truncated download usually lacks it)."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - _EOF_SEARCH_BYTES))
            return _EOF_MARKER in handle.read()
    except OSError:
        return False


def exception_chain(exc: BaseException) -> list[BaseException]:
    """`exc` and the exceptions it wraps: its __cause__, or an exception passed as its argument
    (pdfplumber's `PdfminerException(e)`). __context__ is not followed: it is often unrelated."""
    chain = [exc]
    while len(chain) < _CAUSE_DEPTH:
        last = chain[-1]
        inner = last.__cause__ or next((a for a in last.args if isinstance(a, BaseException)), None)
        if inner is None or inner in chain:
            break
        chain.append(inner)
    return chain


def _one_line(text: str) -> str:
    return " ".join(text.split())[:_REASON_MAX_CHARS]


def classify_open_error(exc: BaseException, truncated: bool = False) -> tuple[str, str]:
    """Turn a parser exception into (kind, one-line reason).

    Encryption errors anywhere in the chain -> `encrypted`; anything else -> `corrupt`,
    saying "truncated" when the file has no end-of-file marker.
    """
    chain = exception_chain(exc)
    names = {type(e).__name__ for e in chain}
    if names & set(_ENCRYPTION_ERRORS):
        return "encrypted", "password-protected or encrypted (cannot be opened without a password)"
    root = chain[-1]
    detail = _one_line(str(root)) or type(root).__name__
    if isinstance(root, RecursionError):
        detail = "self-referencing objects (recursion too deep)"
    if truncated:
        return "corrupt", f"truncated (no %%EOF marker at the end): {detail}"
    return "corrupt", f"damaged PDF structure: {detail}"


def _file_failed(path: Path, exc: BaseException) -> FileFailed:
    kind, reason = classify_open_error(exc, truncated=not has_eof_marker(path))
    return FileFailed(path.name, reason, kind)


NO_PAGES_REASON = "no pages found (page tree missing or unreadable, e.g. an XFA form)"


# --- pages -----------------------------------------------------------------------------------


def pdf_to_pages(path: Path, settings: ReadSettings | None = None) -> Iterator[PageContent | UnreadablePage]:
    """Yield each page of `path`; raise FileFailed when the file (or its page tree) cannot be read.

    Pages already yielded stay valid when the page tree breaks later on.
    """
    settings = settings or ReadSettings()
    check_pdf_file(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types on bad files
        raise _file_failed(path, exc) from exc
    with pdf:
        count = 0
        pages = _iter_pages(pdf)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                break
            except Exception as exc:  # a broken page tree: the file fails, earlier pages stand
                raise _file_failed(path, exc) from exc
            count += 1
            yield page if isinstance(page, UnreadablePage) else _read_page(page, settings)
        if count == 0:
            raise FileFailed(path.name, NO_PAGES_REASON, "no-pages")


def _iter_pages(pdf: pdfplumber.PDF) -> Iterator[Page | UnreadablePage]:
    """pdfplumber pages created one at a time (`pdf.pages` would build and keep them all)."""
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        try:
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        except Exception as exc:  # e.g. a MediaBox that is not four numbers
            yield UnreadablePage(number, _one_line(f"unreadable page: {type(exc).__name__}: {exc}"))
            continue
        doctop += float(page.height)
        yield page


def _read_page(page: Page, settings: ReadSettings) -> PageContent | UnreadablePage:
    try:
        return page_content(page, settings)
    except Exception as exc:  # a broken content stream must not stop the other pages
        return UnreadablePage(page.page_number, _one_line(f"unreadable content: {type(exc).__name__}: {exc}"))
    finally:
        page.close()


def page_content(page: Page, settings: ReadSettings) -> PageContent:
    """The page's words and boxes, turned upright."""
    chars = page.chars
    width, height = float(page.width), float(page.height)
    turn = page_turn(chars)
    if turn:
        chars = [turn_char(c, turn, width, height) for c in chars]
    words = tuple(_words(chars, settings))
    boxes = tuple(turn_box(b, turn, width, height) for b in (*_boxes(page.rects), *_rules(page.lines)))
    width, height = turned_size(width, height, turn)
    return PageContent(
        number=page.page_number,
        width=width,
        height=height,
        words=words,
        boxes=boxes,
        char_count=len(chars),
        image_count=len(page.images),
    )


# --- rotation --------------------------------------------------------------------------------


def char_turn(matrix: Iterable[float]) -> int:
    """Clockwise quarter turns of a character's writing direction as displayed.

    0 reads left to right, 1 downward, 2 upside down, 3 upward. pdfminer's matrix (a, b, …)
    is in y-up space: the writing direction is (a, b).
    """
    a, b = list(matrix)[:2]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 2
    return 1 if b < 0 else 3


def page_turn(chars: Iterable[dict[str, Any]]) -> int:
    """The quarter turn most visible characters share; 0 when there is no text or on a tie with 0."""
    counts = Counter(
        char_turn(c["matrix"]) for c in chars if str(c.get("text", "")).strip() and c.get("matrix") is not None
    )
    if not counts:
        return 0
    return max(counts, key=lambda turn: (counts[turn], turn == 0, -turn))


def turned_size(width: float, height: float, turn: int) -> tuple[float, float]:
    """Page size after `turn` quarter turns: width and height swap on odd turns."""
    return (height, width) if turn % 2 else (width, height)


def turn_point(x: float, y: float, turn: int, width: float, height: float) -> tuple[float, float]:
    """A top-left-origin point of a `width` x `height` page, after turning the page anticlockwise
    `turn` quarter turns (which undoes text turned clockwise `turn` times)."""
    turn %= QUARTER_TURNS
    if turn == 1:
        return y, width - x
    if turn == 2:
        return width - x, height - y
    if turn == 3:
        return height - y, x
    return x, y


def turn_bbox(
    x0: float, top: float, x1: float, bottom: float, turn: int, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box (x0, top, x1, bottom) after the page turn of `turn_point`."""
    ax, ay = turn_point(x0, top, turn, width, height)
    bx, by = turn_point(x1, bottom, turn, width, height)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def turn_char(char: dict[str, Any], turn: int, width: float, height: float) -> dict[str, Any]:
    """A pdfplumber char moved onto the turned page; `upright` and `size` follow its new direction."""
    x0, top, x1, bottom = turn_bbox(char["x0"], char["top"], char["x1"], char["bottom"], turn, width, height)
    new_height = turned_size(width, height, turn)[1]
    relative = (char_turn(char["matrix"]) - turn) % QUARTER_TURNS
    size = bottom - top if relative % 2 == 0 else x1 - x0
    return {
        **char,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": new_height - bottom,
        "y1": new_height - top,
        "width": x1 - x0,
        "height": bottom - top,
        "upright": relative == 0,
        "size": size,
    }


def turn_box(box: Box, turn: int, width: float, height: float) -> Box:
    if not turn:
        return box
    x0, top, x1, bottom = turn_bbox(box.x0, box.top, box.x1, box.bottom, turn, width, height)
    return Box(x0=x0, x1=x1, top=top, bottom=bottom, filled=box.filled, stroked=box.stroked, color=box.color)


# --- words and boxes -------------------------------------------------------------------------


def _words(chars: list[dict[str, Any]], settings: ReadSettings) -> Iterator[Word]:
    for w in extract_words(
        chars,
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        x_tolerance_ratio=settings.x_tolerance_ratio or None,
        keep_blank_chars=False,
        extra_attrs=["fontname", "size"],
    ):
        yield Word(
            text=w["text"],
            x0=float(w["x0"]),
            x1=float(w["x1"]),
            top=float(w["top"]),
            bottom=float(w["bottom"]),
            size=round(float(w["size"]), 2),
            fontname=str(w["fontname"]),
        )


def _boxes(rects: Iterable[dict[str, Any]]) -> Iterator[Box]:
    for r in rects:
        yield Box(
            x0=float(r["x0"]),
            x1=float(r["x1"]),
            top=float(r["top"]),
            bottom=float(r["bottom"]),
            filled=bool(r.get("fill")),
            stroked=bool(r.get("stroke")),
            color=_rgb(r.get("non_stroking_color")),
        )


def _rules(lines: Iterable[dict[str, Any]]) -> Iterator[Box]:
    """Straight stroked lines as zero-thickness boxes: designers draw cell rules either way."""
    for line in lines:
        yield Box(
            x0=float(line["x0"]),
            x1=float(line["x1"]),
            top=float(line["top"]),
            bottom=float(line["bottom"]),
            filled=False,
            stroked=True,
            color=_rgb(line.get("stroking_color")),
        )


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
