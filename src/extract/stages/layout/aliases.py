"""Header key words: the aliases naming each block kind, folded once, and what a text names.

A text names a kind when its folded words hold every word of an alias of the kind, in order,
with at most `header_extra_words_max` other words ("Résultats obtenus", "SDG targets addressed");
icons and numbers before it fold away. The alias with the most words wins ("Objectifs de
développement durable" is the SDG list, not the objective). A text equal to an alias once its
spaces are dropped (letter-spaced) names it exactly, with no extra words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.settings import HeaderWords, Settings
from extract.text import fold, fold_compact

Alias = tuple[tuple[str, ...], str, str]  # (folded words, kind, language)
ALIAS_INDEX_CACHE = 8  # alias tables indexed at once (one per settings in use)


@dataclass(frozen=True)
class HeaderMatch:
    """What a line of text names: the kind, language, alias words matched and extra words."""

    kind: str
    language: str
    matched: int
    extra: int


def header_aliases(headers: HeaderWords) -> dict[str, tuple[str, str]]:
    """Compact folded header word -> (block kind, language)."""
    table: dict[str, tuple[str, str]] = {}
    for kind, by_language in headers.kinds().items():
        for language, words in by_language.items():
            for word in words:
                table.setdefault(fold_compact(word), (kind, language))
    return table


def alias_words(headers: HeaderWords) -> tuple[Alias, ...]:
    """Every alias as folded words, with its kind and language."""
    return tuple(
        (header_words(word), kind, language)
        for kind, by_language in headers.kinds().items()
        for language, words in by_language.items()
        for word in words
    )


def header_words(text: str) -> tuple[str, ...]:
    """Folded words, numbers dropped, a lone letter glued to the next word (small capitals drawn
    in two sizes split "Recommandations" into "R" + "ECOMMANDATIONS")."""
    return folded_header_words(fold(text))


def folded_header_words(folded: str) -> tuple[str, ...]:
    """`header_words` of a text already folded."""
    parts = folded.split()
    if 1 not in map(len, parts) and not any(map(str.isdigit, parts)):  # (most texts: nothing to drop or glue)
        return tuple(parts)
    words: list[str] = []
    for word in parts:
        if word.isdigit():
            continue
        if words and len(words[-1]) == 1:
            words[-1] += word
        else:
            words.append(word)
    return tuple(words)


@dataclass(frozen=True)
class AliasIndex:
    """The aliases folded once for look-ups: compact text -> its first alias's match; word run ->
    (order, kind, language) of its first alias; run lengths, longest first; every prefix of a
    compact alias (a header cut by its line end); the first word of every run, and those words
    less their first letter (None when an alias has no word left, a run found in any text)."""

    exact: dict[str, HeaderMatch]
    runs: dict[tuple[str, ...], tuple[int, str, str]]
    lengths: tuple[int, ...]
    prefixes: frozenset[str]
    firsts: frozenset[str] | None
    probes: frozenset[str] | None

    def may_run(self, folded: str) -> bool:
        """Whether a run can lie in the header words of a folded text: it starts with a first
        word, which is a word of the text, or its rest after a lone letter glued to it."""
        return self.probes is None or not self.probes.isdisjoint(folded.split())


@lru_cache(maxsize=ALIAS_INDEX_CACHE)
def alias_index(aliases: tuple[Alias, ...]) -> AliasIndex:
    """The index of an alias table, built once per table (the first alias naming a text or a
    run wins, as in a scan in order)."""
    exact: dict[str, HeaderMatch] = {}
    runs: dict[tuple[str, ...], tuple[int, str, str]] = {}
    prefixes: set[str] = set()
    for order, (run, kind, language) in enumerate(aliases):
        compact = "".join(run)
        exact.setdefault(compact, HeaderMatch(kind, language, len(run), 0))
        runs.setdefault(run, (order, kind, language))
        prefixes.update(compact[:end] for end in range(1, len(compact) + 1))
    lengths = tuple(sorted({len(run) for run in runs}, reverse=True))
    firsts = None if () in runs else frozenset(run[0] for run in runs)
    probes = None if firsts is None else firsts | {word[1:] for word in firsts}
    return AliasIndex(exact, runs, lengths, frozenset(prefixes), firsts, probes)


_INDEXES: dict[int, tuple[HeaderWords, AliasIndex]] = {}  # id of a header table -> (it, its index)


def _index_of(headers: HeaderWords) -> AliasIndex:
    """`alias_index(alias_words(headers))`, the table folded once per header table in use (a
    page's passes and stages each look it up)."""
    known = _INDEXES.get(id(headers))
    if known is None or known[0] is not headers:
        if len(_INDEXES) >= ALIAS_INDEX_CACHE:
            _INDEXES.clear()
        known = _INDEXES[id(headers)] = (headers, alias_index(alias_words(headers)))
    return known[1]


def match_header(text: str, aliases: Sequence[Alias], extra_max: int) -> HeaderMatch | None:
    """The kind a line names by its key words (see module rule), else None."""
    return match_indexed(text, alias_index(tuple(aliases)), extra_max)


def match_indexed(text: str, index: AliasIndex, extra_max: int) -> HeaderMatch | None:
    """`match_header` over an alias index: an exact compact match first, else the longest alias
    whose words run inside the text's with at most `extra_max` others (ties: the first alias)."""
    folded = fold(text)
    exact = index.exact.get(folded.replace(" ", ""))  # fold_compact(text)
    if exact or not index.may_run(folded):
        return exact
    return loose_match(folded_header_words(folded), index, extra_max)


def loose_match(words: tuple[str, ...], index: AliasIndex, extra_max: int) -> HeaderMatch | None:
    """The longest alias whose words run inside `words` with at most `extra_max` others (ties:
    the first alias), else None. (A run found starts with a first word of some alias.)"""
    if index.firsts is not None and index.firsts.isdisjoint(words):
        return None
    for n in index.lengths:
        extra = len(words) - n
        if extra < 0 or extra > extra_max:
            continue
        found = [index.runs[run] for run in {words[i : i + n] for i in range(extra + 1)} if run in index.runs]
        if found:
            _, kind, language = min(found)
            return HeaderMatch(kind, language, n, extra)
    return None


class HeaderMatcher:
    """Header matches of texts, each text folded and matched once (a page's texts recur from
    pass to pass)."""

    def __init__(self, settings: Settings) -> None:
        self.index = _index_of(settings.headers)
        self.extra_max = settings.layout.header_extra_words_max
        self.memo: dict[str, HeaderMatch | None] = {}
        self.folded: dict[str, tuple[str, ...]] = {}

    def match(self, text: str) -> HeaderMatch | None:
        if text not in self.memo:
            folded = fold(text)
            exact = self.index.exact.get(folded.replace(" ", ""))  # fold_compact(text)
            if exact or not self.index.may_run(folded):
                self.memo[text] = exact
            else:
                self.memo[text] = loose_match(self.words(text, folded), self.index, self.extra_max)
        return self.memo[text]

    def words(self, text: str, folded: str | None = None) -> tuple[str, ...]:
        """`header_words(text)`; `folded`: `fold(text)` when known."""
        if text not in self.folded:
            self.folded[text] = folded_header_words(fold(text) if folded is None else folded)
        return self.folded[text]

    def starts(self, text: str) -> bool:
        """Whether the text is the beginning of some alias (a header cut by its line end): its
        header words run together, i.e. its folded words but numbers, run together."""
        return "".join([word for word in fold(text).split() if not word.isdigit()]) in self.index.prefixes
