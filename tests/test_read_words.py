"""The word builder (stages/read/words.py) gives exactly pdfplumber's `extract_words` words.

Same words, same order, same floats (compared by `repr`, so -0.0 and 0.0 differ), on random
character lists (hypothesis) and on every page of the sample and of the corpus, with the
characters of both readers; the page turn (content.py) against its rule stated plainly.
"""

from __future__ import annotations

import pickle
from collections import Counter
from contextlib import suppress
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from pdfplumber.utils.text import LIGATURES as PDFPLUMBER_LIGATURES
from pdfplumber.utils.text import extract_words

from extract.errors import FileFailed
from extract.geometry import Word, new_word
from extract.settings import ReadSettings
from extract.stages.read import content, pdf_to_pages, pdfium, plumber
from extract.stages.read.chars import CHAR_FIELDS, TOP, Char, dicts_to_chars
from extract.stages.read.words import LIGATURES, WORD_SIZE_DIGITS, chars_to_words
from tests.helpers import FIXTURES, SAMPLE_PDF

READERS = ("pdfplumber", "pdfium")
CORPUS = sorted((FIXTURES / "corpus").glob("*.pdf"))

# Values drawn around the default tolerances (x 1.5, y 2.0, ratio 0.17) so that gaps fall just
# under, on and just over them.
TEXTS = ("a", "b", "é", "ab", "ﬁ", "ﬁx", " ", "\xa0", "\n", "", "  ")
SIZES = (9.0, 9.9975, 12, 12.0, 24.0)
FONTS = ("AAAAAA+OpenSans", "OpenSans-Bold")
GAPS = (0.0, 0.0, -0.5, 0.3, 1.4999999, 1.5, 1.5000001, 1.53, 1.7, 1.7000001, 2.0, 3.0, 4.08, -6.0, 40.0)
DRIFTS = (0.0, 0.0, 0.0, 0.0, 0.5, 1.9999999, 2.0, 2.0000001, 3.0, -2.0, -2.0000001, -3.0, 12.0, -14.0)
WIDTHS = (0.0, 1.5, 2.5, 6.0)
SPOTS = (0.0, -0.0, 1.5, 3.0)  # x0 taken from this grid: ties and signed zeros
# Writing directions (a, b) of a char matrix: left to right, downward, upside down, upward.
DIRECTIONS = ((1.0, 0.0), (1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0), (0.0, 1.0), (0.7, 0.7))


# `find` settings for the coverage test: the first example found, not shrunk (shrinking is slow).
FIRST_FOUND = settings(phases=[Phase.generate], database=None, derandomize=True, max_examples=500)


@st.composite
def char_lists(draw: Any, max_chars: int = 40) -> list[dict[str, Any]]:
    """Characters in runs and lines, with gaps and drifts around the tolerances."""
    chars: list[dict[str, Any]] = []
    x1, top = 10.0, 50.0
    for _ in range(draw(st.integers(0, max_chars))):
        size = draw(st.sampled_from(SIZES))
        how = draw(st.sampled_from(("next", "next", "next", "same", "grid")))
        if how == "same" and chars:  # a duplicate position
            x0, top = chars[-1]["x0"], chars[-1]["top"]
        elif how == "grid":
            x0 = draw(st.sampled_from(SPOTS))
        else:
            x0 = x1 + draw(st.sampled_from(GAPS))
        top += draw(st.sampled_from(DRIFTS))
        x1 = x0 + draw(st.sampled_from(WIDTHS))
        a, b = draw(st.sampled_from(DIRECTIONS))
        chars.append(
            {
                "text": draw(st.sampled_from(TEXTS)),
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": top + draw(st.sampled_from((size, 0.0, 3.0))),
                "doctop": top,
                "size": size,
                "upright": draw(st.sampled_from((True, True, True, False))),
                "fontname": draw(st.sampled_from(FONTS)),
                "matrix": (a, b, -b, a, x0, 800.0 - top),
                "_origin": (x0, top),
            }
        )
    return chars


read_settings = st.builds(
    ReadSettings,
    x_tolerance=st.sampled_from((0, 1.5, 3.0)),
    y_tolerance=st.sampled_from((0, 2.0, 3.0)),
    x_tolerance_ratio=st.sampled_from((0, 0.17, 0.5)),
)


def reference_words(chars: list[dict[str, Any]], settings: ReadSettings) -> list[Word]:
    """pdfplumber's own `extract_words` with the `[read]` settings (the former implementation)."""
    return [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            x1=float(w["x1"]),
            top=float(w["top"]),
            bottom=float(w["bottom"]),
            size=round(float(w["size"]), WORD_SIZE_DIGITS),
            fontname=str(w["fontname"]),
        )
        for w in extract_words(
            chars,
            x_tolerance=settings.x_tolerance,
            y_tolerance=settings.y_tolerance,
            x_tolerance_ratio=settings.x_tolerance_ratio or None,
            keep_blank_chars=False,
            extra_attrs=["fontname", "size"],
        )
    ]


def as_dicts(chars: list[Char]) -> list[dict[str, Any]]:
    """Characters as pdfplumber's dicts, for its `extract_words` (which reads `doctop` too)."""
    return [{**dict(zip(CHAR_FIELDS, char, strict=True)), "doctop": char[TOP]} for char in chars]


def exact(words: list[Word] | tuple[Word, ...]) -> list[str]:
    """Words as the exact text of their fields (floats by repr: -0.0 is not 0.0)."""
    return [repr((w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.fontname)) for w in words]


def reference_turn(chars: list[dict[str, Any]]) -> int:
    """The page turn rule stated plainly: the majority quarter turn of visible characters, 0 on
    a tie with 0, else the smallest turn."""
    counts = Counter(
        content.char_turn(c["matrix"]) for c in chars if str(c.get("text", "")).strip() and c.get("matrix") is not None
    )
    if not counts:
        return 0
    return max(counts, key=lambda turn: (counts[turn], turn == 0, -turn))


# --- random characters -----------------------------------------------------------------------


@settings(max_examples=300)
@given(char_lists(), read_settings)
def test_words_are_pdfplumbers_on_random_chars(chars, settings):
    assert exact(chars_to_words(dicts_to_chars(chars), settings)) == exact(reference_words(chars, settings))


@settings(max_examples=200)
@given(char_lists(max_chars=25), read_settings)
def test_turned_page_words_are_pdfplumbers(chars, settings):
    """The page turned upright (with chars in every direction), then words by both builders."""
    rows = dicts_to_chars(chars)
    turn = content.page_turn(rows)
    assert turn == reference_turn(chars)
    page = content.chars_to_content(1, (595.0, 842.0), rows, [], 0, settings)
    turned = as_dicts([content.turn_char(c, turn, 595.0, 842.0) for c in rows]) if turn else chars
    assert exact(page.words) == exact(reference_words(turned, settings))


@pytest.mark.parametrize(
    "case",
    [
        lambda chars, words: any(not c["upright"] for c in chars) and len(words) > 2,
        lambda chars, words: len({w.top for w in words}) > 3,  # several lines
        lambda chars, words: any(w.text == "" for w in words),  # an empty text is a word
        lambda chars, words: any("fi" in w.text for w in words),  # a ligature expanded
        lambda chars, words: any(len(w.text) > 3 and w.x1 - w.x0 > 6 for w in words),
    ],
    ids=["non-upright", "lines", "empty-text", "ligature", "long-word"],
)
def test_the_random_chars_reach_every_case(case):
    """The strategy is not vacuous: each case occurs in pdfplumber's words of some drawn list."""
    chars = find(char_lists(), lambda chars: case(chars, reference_words(chars, ReadSettings())), settings=FIRST_FOUND)
    assert exact(chars_to_words(dicts_to_chars(chars), ReadSettings())) == exact(reference_words(chars, ReadSettings()))


def test_ligature_table_is_pdfplumbers():
    assert LIGATURES == PDFPLUMBER_LIGATURES


def test_new_word_is_the_dataclass_word():
    """`new_word` skips `Word.__init__`: it holds while Word keeps its fields in `__dict__` and
    does no work at construction (no `__post_init__`, no slots)."""
    assert not hasattr(Word, "__post_init__") and "__slots__" not in vars(Word)
    fields = ("ﬁn", 1.0, 2.5, 3.0, 4.0, 9.0, "AAAAAA+OpenSans")
    built, plain = new_word(*fields), Word(*fields)
    assert vars(built)["_hash"] == hash(astuple(plain))  # stored when built, before any read
    assert built == plain and hash(built) == hash(plain) and repr(built) == repr(plain)
    assert (built.font, built.bold, pickle.loads(pickle.dumps(built))) == (plain.font, plain.bold, plain)
    with pytest.raises(AttributeError):
        built.text = "x"  # type: ignore[misc]


def test_every_word_read_carries_the_hash_of_its_fields():
    """Words read store at once the hash `Word` computes (turned ones via `new_word`, above)."""
    words = [word for page in pdf_to_pages(SAMPLE_PDF, ReadSettings()) for word in page.words]
    assert words and all(vars(word)["_hash"] == hash(astuple(word)) for word in words)


def test_a_page_that_reads_left_to_right_needs_no_count():
    def char(matrix: Any) -> Char:
        return ("a", 0.0, 1.0, 0.0, 1.0, True, "F", 1.0, matrix, 0)

    upright, down = char((1.0, -0.0, 0.0, 1.0, 0.0, 0.0)), char((0.0, -1.0, 1.0, 0.0, 0.0, 0.0))
    assert content.page_turn([upright] * 3) == 0
    assert content.page_turn([upright, down, down]) == 1
    assert content.page_turn([char(None), down]) == 1


# --- real pages, both readers' characters ----------------------------------------------------


def captured_pages(path: Path, engine: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The arguments each page hands to `chars_to_content`, for the reader `engine`."""
    calls: list[tuple] = []
    module = plumber if engine == "pdfplumber" else pdfium

    def spy(number, size, chars, boxes, images, settings):
        calls.append((number, size, list(chars), list(boxes), images, settings))
        return content.chars_to_content(*calls[-1])

    monkeypatch.setattr(module, "chars_to_content", spy)
    with suppress(FileFailed):  # a file the reader cannot open has no page to compare
        list(pdf_to_pages(path, ReadSettings(engine=engine)))
    return calls


def mismatched_pages(calls: list[tuple]) -> list[int]:
    """Pages whose words differ from pdfplumber's `extract_words` on the turned characters."""
    bad = []
    for number, (width, height), chars, boxes, images, read in calls:
        turn = content.page_turn(chars)
        turned = [content.turn_char(c, turn, width, height) for c in chars] if turn else chars
        page = content.chars_to_content(number, (width, height), chars, boxes, images, read)
        if exact(page.words) != exact(reference_words(as_dicts(turned), read)):
            bad.append(number)
    return bad


@pytest.mark.parametrize("engine", READERS)
def test_words_are_pdfplumbers_on_every_sample_page(engine, monkeypatch):
    calls = captured_pages(SAMPLE_PDF, engine, monkeypatch)
    assert len(calls) >= 19 and all(c[2] for c in calls)
    assert mismatched_pages(calls) == []


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_words_are_pdfplumbers_on_corpus_pages_with_text(path, engine, monkeypatch):
    calls = [c for c in captured_pages(path, engine, monkeypatch) if c[2]]
    if not calls:
        pytest.skip("no page with text for this reader")
    assert mismatched_pages(calls) == []
