"""Pure text helpers: folding for comparisons, cleaning for output."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "Ꜳ": "AA", "ꜳ": "aa"}
SPACE_CHARS = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000\t\r\n"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
SOFT_HYPHEN = "\u00ad"
HYPHENS = "-\u2010\u2011"

_SPACES = re.compile(r"\s+")
_ODD_CHARS = re.compile(f"[{re.escape(''.join(LIGATURES) + ZERO_WIDTH + SPACE_CHARS)}]")  # what `clean` replaces
# A word: letters, joined by hyphens or apostrophes ("à-dire", "d’hui"), as printed at a line start.
_FIRST_WORD = re.compile(rf"[^\W\d_]+(?:[’'{HYPHENS}][^\W\d_]+)*")
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc: C0, DEL, C1
# A glyph the font gave no Unicode for, as a reader returns it: U+FFFD, or a control character
# (a font whose codes were taken as text). pdfminer's `(cid:N)` is counted by `stages.legible`.
UNMAPPED_GLYPH = re.compile(r"[\ufffd\x00-\x1f\x7f-\x9f]")
# pdfminer's text for a glyph without Unicode: `(cid:N)`; every such text starts so (a cheap test
# before the pattern, which `stages.legible` counts and `layout.markers` takes for a bullet).
CID_START = "(cid:"


_TATWEEL = "\u0640"
# Letters that neither NFKC nor accent stripping split into ASCII.
_FOLD_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_NOT_WORD = re.compile(r"[^0-9a-z\u0600-\u06ff]+")


def _fold(text: str) -> str:
    """Comparison key, applied to both sides of every comparison: NFKC, casefold, no accents or
    tatweel, every non-letter/digit run (hyphens, apostrophes ’ ', punctuation, spaces) folded
    to one space, stripped."""
    text = unicodedata.normalize("NFKC", text).casefold().replace(_TATWEEL, "")
    text = unicodedata.normalize("NFD", text.translate(_FOLD_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).strip()


# Cached beside its definition, so that the rule itself stays a plain function (mutmut does not
# mutate decorated functions).
fold = lru_cache(maxsize=1 << 16)(_fold)


def fold_compact(text: str) -> str:
    """`fold` without spaces: letter-spaced headers ("A C T I V I T E S") compare equal."""
    return fold(text).replace(" ", "")


def strip_controls(text: str) -> str:
    """`text` without control characters (category Cc): they never reach an output."""
    return CONTROL_CHARS.sub("", text)


def clean(text: str) -> str:
    """Expand ligatures, turn odd spaces into one space, drop zero-width and control chars, trim."""
    text = unicodedata.normalize("NFC", text)
    if _ODD_CHARS.search(text):  # (most texts have none of them: one scan instead of one per char)
        for ligature, letters in LIGATURES.items():
            text = text.replace(ligature, letters)
        for char in ZERO_WIDTH:
            text = text.replace(char, "")
        for char in SPACE_CHARS:
            text = text.replace(char, " ")
    if not text.isprintable():
        text = _SPACES.sub(" ", strip_controls(text))
    elif "  " in text:  # printable: no control character, and a space is the only white space
        text = _SPACES.sub(" ", text)
    return text.strip()


def strip_item_end(text: str, punctuation: tuple[str, ...]) -> str:
    """Drop trailing list punctuation (" ;", ";", ",", ".") and the space before it."""
    text = text.rstrip()
    while text and text[-1] in "".join(punctuation) and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text


def continues_compound(tail: str) -> bool:
    """Whether a line-end hyphen before `tail` is a compound's own hyphen: the word goes on with
    another hyphen after the line end (« c’est- » / « à-dire »). A hyphenated compound is cut at
    one of its hyphens, never inside a part, so that hyphen stays."""
    word = _FIRST_WORD.match(tail)
    return word is not None and any(char in HYPHENS for char in word.group())
