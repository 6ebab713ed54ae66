"""File-level faults, whatever the reader: every input that cannot be read gets a class.

A file that cannot be opened raises `FileFailed` whose `kind` is `unreadable`, `empty`,
`not-pdf`, `encrypted`, `corrupt` or `no-pages`; reasons are one short line.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import FileFailed

_PDF_MAGIC = b"%PDF-"
_MAGIC_SEARCH_BYTES = 1024  # the header may follow some junk bytes (spec allows 1 KiB)
_EOF_MARKER = b"%%EOF"
_EOF_SEARCH_BYTES = 1024  # the end-of-file marker sits in the last KiB of a complete file
_REASON_MAX_CHARS = 160  # reasons are one short line in pages.csv and on stderr
_CAUSE_DEPTH = 5  # how far to follow wrapped exceptions (pdfplumber wraps pdfminer's)

# Exception class names (anywhere in the wrapped chain) that mean "password or encryption".
_ENCRYPTION_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")
ENCRYPTED_REASON = "password-protected or encrypted (cannot be opened without a password)"
NO_PAGES_REASON = "no pages found (page tree missing or unreadable, e.g. an XFA form)"


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


def one_line(text: str) -> str:
    """`text` on one line, cut to the length of a reason."""
    return " ".join(text.split())[:_REASON_MAX_CHARS]


def corrupt_reason(detail: str, truncated: bool) -> str:
    """The reason of a damaged file, saying "truncated" when it has no end-of-file marker."""
    if truncated:
        return f"truncated (no %%EOF marker at the end): {detail}"
    return f"damaged PDF structure: {detail}"


def classify_open_error(exc: BaseException, truncated: bool = False) -> tuple[str, str]:
    """Turn a parser exception into (kind, one-line reason).

    Encryption errors anywhere in the chain -> `encrypted`; anything else -> `corrupt`,
    saying "truncated" when the file has no end-of-file marker.
    """
    chain = exception_chain(exc)
    names = {type(e).__name__ for e in chain}
    if names & set(_ENCRYPTION_ERRORS):
        return "encrypted", ENCRYPTED_REASON
    root = chain[-1]
    detail = one_line(str(root)) or type(root).__name__
    if isinstance(root, RecursionError):
        detail = "self-referencing objects (recursion too deep)"
    return "corrupt", corrupt_reason(detail, truncated)


def file_failed(path: Path, exc: BaseException) -> FileFailed:
    """The classified failure of `path` whose opening raised `exc`."""
    kind, reason = classify_open_error(exc, truncated=not has_eof_marker(path))
    return FileFailed(path.name, reason, kind)
