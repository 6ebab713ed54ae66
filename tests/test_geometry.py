"""geometry: words, boxes and lines; values computed once must equal fresh computations and stay
out of equality, hashing and pickles."""

from __future__ import annotations

import pickle
from dataclasses import astuple

from hypothesis import given
from hypothesis import strategies as st

from extract.geometry import Box, Line, Word, computed_once, split_segments, words_to_lines, words_to_segments

COORD = st.floats(min_value=0, max_value=800, allow_nan=False)
FONTS = st.sampled_from(["Sans", "ABCDEF+Sans-Bold", "Serif-Italic", "X+Sans-BoldOblique"])


@st.composite
def words(draw) -> Word:
    x0, top = draw(COORD), draw(COORD)
    width, height = draw(st.floats(0, 200)), draw(st.floats(0, 40))
    return Word(
        draw(st.text(min_size=1, max_size=6)), x0, x0 + width, top, top + height, draw(st.floats(1, 30)), draw(FONTS)
    )


@given(st.lists(words(), min_size=1, max_size=6))
def test_a_lines_values_are_those_of_its_words_on_every_read(ws):
    line = Line(tuple(ws))
    expected = (
        min(w.x0 for w in ws),
        max(w.x1 for w in ws),
        min(w.top for w in ws),
        max(w.bottom for w in ws),
        max(w.bottom for w in ws) - min(w.top for w in ws),
        max(w.size for w in ws),
        " ".join(w.text for w in ws),
        all(w.bold for w in ws),
        all(w.italic for w in ws),
    )
    for name, value in zip(("x0", "x1", "top", "bottom"), expected):  # each one read first
        assert getattr(Line(tuple(ws)), name) == value
    for _ in range(2):
        assert (line.x0, line.x1, line.top, line.bottom, line.height, line.size, line.text, line.bold, line.italic) == (
            expected
        )


def test_values_read_stay_out_of_equality_hash_and_repr():
    ws = (Word("Bonjour", 10, 50, 100, 109, 9.0, "Sans-Bold"), Word("monde", 52, 80, 100, 109, 9.0, "Sans"))
    read, unread = Line(ws), Line(ws)
    assert (read.text, read.bold, read.height) == ("Bonjour monde", False, 9)
    assert read == unread and hash(read) == hash(unread) and repr(read) == repr(unread)
    assert Line(ws[:1]) != read


def test_a_words_hash_is_the_hash_of_its_fields_and_equal_words_hash_alike():
    word = Word("Tunis", 1.0, 2.0, 3.0, 4.0, 9.0, "ABCDEF+Sans")
    twin = Word("Tunis", 1.0, 2.0, 3.0, 4.0, 9.0, "ABCDEF+Sans")
    assert hash(word) == hash(astuple(word)) == hash(twin)
    assert len({word, twin, Word("Tunis", 1.0, 2.0, 3.0, 4.5, 9.0, "ABCDEF+Sans")}) == 2


def test_a_pickled_word_carries_its_fields_only():
    word = Word("Rabat", 1.0, 2.0, 3.0, 4.0, 9.0, "ABCDEF+Sans-Bold")
    assert hash(word) and word.bold and word.font == "Sans-Bold"
    copy = pickle.loads(pickle.dumps(word))
    assert copy == word and set(vars(copy)) == {"text", "x0", "x1", "top", "bottom", "size", "fontname"}
    assert hash(copy) == hash(word) and copy.bold


def test_box_values_follow_its_edges():
    box = Box(10, 40, 100, 130, color=(0.95, 0.99, 1.0))
    assert (box.width, box.height, box.is_light) == (30, 30, True)
    assert not Box(10, 40, 100, 130, color=(0.95, 0.5, 1.0)).is_light


def test_computed_once_is_read_from_the_class_as_itself():
    assert isinstance(Line.__dict__["bold"], computed_once)
    assert Line.bold is Line.__dict__["bold"]


def test_words_are_grouped_by_baseline_and_ordered_left_to_right():
    a, b = Word("b", 60, 70, 100, 110, 10.0, "F"), Word("a", 10, 20, 101, 110.5, 10.0, "F")
    c = Word("c", 10, 20, 130, 140, 10.0, "F")
    lines = words_to_lines([c, a, b], tolerance_ratio=0.2)
    assert [line.text for line in lines] == ["a b", "c"]


@st.composite
def close_words(draw) -> Word:
    """Words on a small grid: many share a bottom, an x0 or a size, or sit within a tolerance."""
    x0, top = float(draw(st.integers(0, 60))), draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 2.5, 8.0, 12.0]))
    size = draw(st.sampled_from([6.0, 8.0, 9.0, 12.0]))
    return Word(draw(st.sampled_from("abc")), x0, x0 + draw(st.integers(0, 20)), top, top + size, size, "F")


def _lines_rule(ws: list[Word], ratio: float) -> list[Line]:
    """words_to_lines' rule spelt out: by (bottom, x0), a word joins the last line when its bottom
    is within `ratio` x the larger size of that line's first word's; each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(ws, key=lambda w: (w.bottom, w.x0)):
        head = lines[-1][0] if lines else None
        if head is not None and abs(w.bottom - head.bottom) <= ratio * max(w.size, head.size):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def _segments_rule(line: Line, ratio: float) -> list[Line]:
    """split_segments' rule spelt out: a new segment where a gap exceeds `ratio` x the smaller size."""
    segments = [[line.words[0]]]
    for before, w in zip(line.words, line.words[1:]):
        if w.x0 - before.x1 > ratio * min(before.size, w.size):
            segments.append([w])
        else:
            segments[-1].append(w)
    return [Line(tuple(segment)) for segment in segments]


@given(st.lists(close_words(), max_size=12), st.sampled_from([0.0, 0.2, 0.45]), st.sampled_from([0.0, 0.5, 1.2]))
def test_lines_and_segments_follow_their_rules(ws, tolerance, gap):
    """Lines by baseline within the tolerance, segments split at wide gaps, in their order."""
    lines = words_to_lines(ws, tolerance)
    assert lines == _lines_rule(ws, tolerance)
    segments = [s for line in lines for s in _segments_rule(line, gap)]
    assert [s for line in lines for s in split_segments(line, gap)] == segments
    assert words_to_segments(ws, tolerance, gap) == segments
