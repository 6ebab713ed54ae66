"""Pure text helpers: folding for comparisons, cleaning for output."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
             "Ꜳ": "AA", "ꜳ": "aa"}
SPACE_CHARS = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000\t\r\n"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
SOFT_HYPHEN = "\u00ad"
HYPHENS = "-\u2010\u2011"

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Uppercase ASCII letters and digits, accents dropped, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", stripped.upper()).strip()


def fold_compact(text: str) -> str:
    """`fold` without spaces: letter-spaced headers ("A C T I V I T E S") compare equal."""
    return fold(text).replace(" ", "")


def clean(text: str) -> str:
    """Expand ligatures, turn odd spaces into one space, drop zero-width chars, trim."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    for char in ZERO_WIDTH:
        text = text.replace(char, "")
    for char in SPACE_CHARS:
        text = text.replace(char, " ")
    return _SPACES.sub(" ", text).strip()


def strip_item_end(text: str, punctuation: tuple[str, ...]) -> str:
    """Drop trailing list punctuation (" ;", ";", ",", ".") and the space before it."""
    text = text.rstrip()
    while text and text[-1] in "".join(punctuation) and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text
