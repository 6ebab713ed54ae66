"""Text helpers: folding for comparisons, cleaning and item-end stripping for output."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.settings import SegmentSettings
from extract.text import (
    LIGATURES,
    SPACE_CHARS,
    ZERO_WIDTH,
    clean,
    continues_compound,
    fold,
    fold_compact,
    strip_controls,
    strip_item_end,
)

SEG = SegmentSettings()


# --- clean -----------------------------------------------------------------------------------


def test_clean_folds_spaces_and_ligatures():
    assert clean("ef\ufb01cace\u00a0 et  \ufb02ux\u200b ") == "efficace et flux"


def test_clean_expands_the_rarer_ligatures():
    """clean: ﬀ ﬃ ﬄ ﬅ ﬆ Ꜳ ꜳ become their letters, not only ﬁ and ﬂ."""
    assert clean("e\ufb00et o\ufb03ce ra\ufb04e \ufb05 \ufb06 \ua732 \ua733") == "effet office raffle st st AA aa"


def test_clean_turns_every_odd_space_into_one_space():
    """clean: narrow, thin, ideographic spaces, tabs and line breaks are one plain space."""
    assert clean("a\u202fb\u2009c\td\u3000e  f\r\ng\u205fh") == "a b c d e f g h"


def test_clean_drops_zero_width_characters_without_a_space():
    """clean: zero-width space, joiners and BOM vanish and do not split the word."""
    assert clean("co\u200bop\ufeffé\u200dra\u200ction") == "coopération"


def test_clean_and_strip_controls_drop_control_characters():
    """clean, strip_controls: C0, DEL and C1 control characters vanish; other characters stay."""
    assert strip_controls("a\x00b\x1fc\x7fd\x9fé\u00a0") == "abcdé\u00a0"
    assert clean("Ac\x07cès\x00 à \x85la santé") == "Accès à la santé"


def _clean_rule(text: str) -> str:
    """clean spelt out: NFC, each ligature expanded, zero-width chars dropped, odd spaces made
    plain, control chars dropped, runs of spaces made one, trimmed."""
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    for char in ZERO_WIDTH:
        text = text.replace(char, "")
    for char in SPACE_CHARS:
        text = text.replace(char, " ")
    return re.sub(r"\s+", " ", strip_controls(text)).strip()


# (with other white space and non-printable characters: printable text takes a shorter path)
PIECES = [
    "a",
    "é",
    "e\u0301",
    " ",
    "\x07",
    "\x1f",
    "\x85",
    "\u2028",
    "\u1680",
    "\u00ad",
    *LIGATURES,
    *ZERO_WIDTH,
    *SPACE_CHARS,
]


@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_clean_follows_its_rule_whichever_odd_characters_a_text_holds(text):
    """Any one odd character (or none, or several) is cleaned as the rule says."""
    assert clean(text) == _clean_rule(text)


def test_clean_composes_accents():
    """clean: output is NFC (a letter and a combining accent become one character)."""
    assert clean("E\u0301tat") == "\u00c9tat"


# --- strip_item_end --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Organiser des ateliers ;", "Organiser des ateliers"),
        ("Un centre.", "Un centre"),
        ("Item,", "Item"),
        ("Sans ponctuation", "Sans ponctuation"),
    ],
)
def test_strip_item_end(text, expected):
    assert strip_item_end(text, SEG.item_end_punctuation) == expected


def test_strip_item_end_keeps_a_trailing_ellipsis():
    """strip_item_end: an item ending in "..." keeps it (the list goes on, it is not punctuation)."""
    assert strip_item_end("Ateliers, forums, etc...", SEG.item_end_punctuation) == "Ateliers, forums, etc..."


def test_strip_item_end_drops_spaces_after_the_punctuation():
    """strip_item_end: trailing spaces, the punctuation and the space before it all go."""
    assert strip_item_end("Former les agents ; \t", SEG.item_end_punctuation) == "Former les agents"


def test_strip_item_end_only_touches_the_end():
    """strip_item_end: leading spaces and inner punctuation stay."""
    assert strip_item_end("  Lire ; écrire.", SEG.item_end_punctuation) == "  Lire ; écrire"


def test_strip_item_end_strips_only_the_listed_punctuation():
    """strip_item_end: letters and unlisted marks end an item as printed."""
    assert strip_item_end("Phase X", SEG.item_end_punctuation) == "Phase X"
    assert strip_item_end("Pourquoi ?", SEG.item_end_punctuation) == "Pourquoi ?"
    assert strip_item_end("Fin ;", (".",)) == "Fin ;"


# --- fold ------------------------------------------------------------------------------------


def test_fold_drops_accents_case_punctuation():
    assert fold("Résultats  attendus :") == fold("RESULTATS ATTENDUS") == "resultats attendus"


def test_fold_drops_the_arabic_tatweel():
    """fold: the tatweel (U+0640, a letter-stretching stroke) vanishes, Arabic letters stay."""
    assert fold("تيسـير") == fold("تيسير") == "تيسير"


def test_fold_spells_letters_that_do_not_decompose():
    """fold: ł đ ø œ æ ß have no accent to strip; they fold to l d o oe ae ss."""
    assert fold("Łódź, Đakovo, Ørsted, Œuvre, Æther, Straße") == "lodz dakovo orsted oeuvre aether strasse"


def test_fold_turns_apostrophes_hyphens_and_punctuation_into_one_space():
    """fold: every run of non-letters/digits is one space; compatibility forms (２０, ﬁ) are plain."""
    assert fold("l’État d'accueil — pré-\u2010vu ; ２０２０ ﬁn.") == "l etat d accueil pre vu 2020 fin"


def test_fold_compact_ignores_letter_spacing():
    """fold_compact: a letter-spaced header equals the word it spells."""
    assert fold_compact("A C T I V I T É S") == fold_compact("Activités") == "activites"


# --- continues_compound ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail, expected",
    [
        ("à-dire", True),
        ("sion-making in", True),
        ("à\u2010dire", True),
        ("à\u2011dire", True),
        ("d’hui-là", True),
        ("l'avant-garde", True),
        ("nisa-", False),
        ("tion locale", False),
        ("d’hui", False),
        ("à dire-moi", False),
        ("-dire", False),
        ("19-related", False),
        ("", False),
    ],
)
def test_continues_compound_reads_the_first_word_only(tail, expected):
    """continues_compound: a hyphen between letters in the first word, apostrophes included."""
    assert continues_compound(tail) is expected
