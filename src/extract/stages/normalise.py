"""Canonical values for what a sheet prints: SDG targets, MC2CM recommendations, cities.

All text is compared after `catalog.fold` (NFKC, casefold, no accents, punctuation,
hyphens and apostrophes as spaces) on both sides. Thresholds live in `MatchSettings`;
the measurements behind them are in data/SOURCE.md ("Matching measurements").

SDG target (printed code + printed label, read together)
    Scorer: `fuzz.token_set_ratio` on folded text without stop words, against the official
    fr and en titles of all 169 targets, plus the brochure short labels of
    data/sdg_aliases.csv (`sdg_use_aliases`); a target's score is its best text.
    - `exact`: the printed code exists, its target scores >= `sdg_exact_min`, and no other
      target leads it by `sdg_margin` or more.
    - `corrected`: otherwise, when the best target differs from the printed code, scores
      >= `sdg_correct_min` and leads both the printed code's target (a code that does not
      exist scores 0) and its rivals by >= `sdg_margin`. Rivals are all other targets, or,
      when the best target has the printed code's goal, that goal's other targets only
      (misprints keep the goal; near-duplicate titles such as 15.6/2.5 then stay
      decidable). A warning names both codes.
    - `review`: anything else; printed code and label are kept.
    `label` is the official target title in the action's language (the short brochure
    labels exist for a few targets only, so they cannot be the canonical value);
    a `review` item keeps the printed label. `goal` is the goal of `code` (for a printed
    code that is not a target, its goal part when it is 1-17, else None). `score` is the
    score of the target in `code` (0 when it is not a target).

Recommendation (printed title)
    - `exact`: equal after folding to a known title or variant (data/recommendations.csv).
    - `matched`: best id by max(`fuzz.ratio`, `fuzz.token_sort_ratio`) scores
      >= `recommendation_match_min` and leads the runner-up by `recommendation_margin`.
    - `review`: `id` is the best candidate, `title` stays the printed title.
    `title` of exact/matched is the canonical title in the action's language.

Decisions (decisions.py) are applied first: status `decided`, score 100.

Cities: gazetteer spellings (data/cities.csv) found on word boundaries of the folded
fields `city_fields`, in order of first appearance, one per canonical city. `country`
is the most frequent country of those cities (ties: first seen), else the first most
frequent country named in the same fields (data/countries.csv), else None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from extract.catalog import Catalog, fold, load_catalog
from extract.decisions import REJECT, Decisions, code_key
from extract.geometry import computed_once
from extract.models import QUEUE_STATUSES, Action, Candidate, City, Recommendation, SdgTarget
from extract.settings import MatchSettings
from extract.stages.validate import DraftAction

SCORE_DECIMALS = 1
RANKINGS_CACHED = 4096  # distinct printed labels and titles whose ranking is kept (a process's worth)
Scorer = Callable[..., Any]


@dataclass(frozen=True)
class Ranking:
    """Candidate keys with their score, best first (ties in catalog order)."""

    scored: tuple[tuple[str, float], ...]

    def score(self, key: str) -> float:
        return self._scores.get(key, 0.0)

    @computed_once
    def _scores(self) -> dict[str, float]:
        """Key -> score, built on the first look-up (a ranking is read several times per item)."""
        return dict(self.scored)

    @property
    def best(self) -> tuple[str, float]:
        return self.scored[0] if self.scored else ("", 0.0)

    def runner_up(self, key: str) -> float:
        """Best score of any candidate other than `key`."""
        return next((score for other, score in self.scored if other != key), 0.0)

    def top(self, count: int) -> str:
        """The warning rendering: `key:score | key:score ...`."""
        return " | ".join(f"{key}:{score:.{SCORE_DECIMALS}f}" for key, score in self.scored[:count])

    def candidates(self, count: int, label: Callable[[str], str]) -> list[Candidate]:
        """The `count` best keys with their label and score, best first (the review queue's)."""
        return [Candidate(value=key, label=label(key), score=score) for key, score in self.scored[:count]]


@dataclass(frozen=True)
class Choices:
    """Folded texts to score a query against, the key of each, and each key's first position
    (ties rank in catalog order)."""

    texts: tuple[str, ...]
    keys: tuple[str, ...]
    order: dict[str, int]

    @classmethod
    def of(cls, texts: tuple[str, ...], keys: tuple[str, ...]) -> Choices:
        order: dict[str, int] = {}
        for index, key in enumerate(keys):
            order.setdefault(key, index)
        return cls(texts, keys, order)


def _rank(query: str, choices: Choices, scorer: Scorer) -> Ranking:
    """Best score per key of `query` against every choice text."""
    best: dict[str, float] = {}
    keys = choices.keys
    for _, score, index in process.extract(query, choices.texts, scorer=scorer, limit=None):
        best[keys[index]] = max(best.get(keys[index], 0.0), round(float(score), SCORE_DECIMALS))
    order = choices.order
    return Ranking(tuple(sorted(best.items(), key=lambda kv: (-kv[1], order[kv[0]]))))


# --- SDG targets -----------------------------------------------------------------------


def _without_stopwords(folded: str, stopwords: frozenset[str]) -> str:
    return " ".join(word for word in folded.split() if word not in stopwords)


@lru_cache(maxsize=4)
def _sdg_choices(with_aliases: bool) -> Choices:
    catalog = load_catalog()
    labels = catalog.sdg_texts(with_aliases)
    return Choices.of(
        tuple(_without_stopwords(label.folded, catalog.stopwords) for label in labels),
        tuple(label.key for label in labels),
    )


def rank_sdg(printed_label: str, settings: MatchSettings) -> Ranking:
    """Every target scored against a printed label (see module docstring)."""
    return _ranked_sdg(printed_label, settings.sdg_use_aliases)


@lru_cache(maxsize=RANKINGS_CACHED)
def _ranked_sdg(printed_label: str, with_aliases: bool) -> Ranking:
    """`rank_sdg`, once per distinct printed label (a brochure repeats its labels)."""
    query = _without_stopwords(fold(printed_label), load_catalog().stopwords)
    return _rank(query, _sdg_choices(with_aliases), fuzz.token_set_ratio)


def _printed_goal(printed_code: str, catalog: Catalog) -> int | None:
    goal = code_key(printed_code).partition(".")[0]
    return int(goal) if goal.isdigit() and int(goal) in catalog.goals else None


def _title(titles: dict[str, str], language: str) -> str:
    return titles.get(language) or titles["en"]


def _decide_sdg(code: str, ranking: Ranking, settings: MatchSettings, catalog: Catalog) -> tuple[str, str]:
    """(code, status) from the printed code's key and the label's ranking; code "" = keep printed."""
    own = ranking.score(code)  # 0 for a code that is not a target
    best_code, best = ranking.best
    outscored = best_code != code and best - own >= settings.sdg_margin
    if code in catalog.targets and own >= settings.sdg_exact_min and not outscored:
        return code, "exact"
    if outscored and best >= settings.sdg_correct_min and _decisive(ranking, code, settings, catalog):
        return best_code, "corrected"
    return "", "review"


def _decisive(ranking: Ranking, printed: str, settings: MatchSettings, catalog: Catalog) -> bool:
    """The best target leads its rivals by `sdg_margin`; when it shares the printed code's goal
    (misprints keep the goal: 16.16, 17.19, 17.8) its rivals are that goal's other targets."""
    best_code, best = ranking.best
    same_goal = str(catalog.targets[best_code].goal) == printed.partition(".")[0]
    rivals = (
        score
        for code, score in ranking.scored
        if code != best_code and (not same_goal or catalog.targets[code].goal == catalog.targets[best_code].goal)
    )
    runner_up = next(rivals, 0.0)  # pragma: no mutate (equivalent: every goal has several targets, so never empty)
    return best - runner_up >= settings.sdg_margin


def _sdg_item(
    printed_code: str, printed_label: str, code: str, status: str, score: float, language: str, catalog: Catalog
) -> SdgTarget:
    """The target with canonical values for `code` (or the printed values when code is "")."""
    if code:
        values = {
            "code": code,
            "goal": catalog.targets[code].goal,
            "label": _title(catalog.targets[code].titles, language),
        }
    else:
        values = {"code": printed_code, "goal": _printed_goal(printed_code, catalog), "label": printed_label}
    return SdgTarget(
        **values,
        printed_code=printed_code,
        printed_label=printed_label,
        status=status,
        score=round(score, SCORE_DECIMALS),
    )


def normalise_sdg(
    printed_code: str, printed_label: str, language: str, settings: MatchSettings, decisions: Decisions
) -> tuple[SdgTarget, list[str]]:
    """Canonical SDG target for one printed code + label, and its warnings."""
    catalog = load_catalog()
    decided = decisions.for_sdg(printed_code, printed_label)
    if decided is not None:
        code = "" if decided == REJECT else decided
        return _sdg_item(printed_code, printed_label, code, "decided", 100.0, language, catalog), []
    printed = code_key(printed_code)
    ranking = rank_sdg(printed_label, settings)
    code, status = _decide_sdg(printed, ranking, settings, catalog)
    result = _sdg_item(printed_code, printed_label, code, status, ranking.score(code or printed), language, catalog)
    if status in QUEUE_STATUSES:
        label = lambda key: _title(catalog.targets[key].titles, language)  # noqa: E731
        result = result.model_copy(update={"candidates": ranking.candidates(settings.review_candidates, label)})
    if status == "corrected":
        return result, [
            f"SDG target {printed_code} corrected to {code}: the printed label "
            f"{printed_label!r} matches {code} ({ranking.score(code):.1f}), "
            f"not {printed_code} ({ranking.score(printed):.1f})"
        ]
    if status == "review":
        return result, [
            f"SDG target {printed_code} {printed_label!r}: no decisive match, "
            f"needs review (candidates {ranking.top(settings.review_candidates)})"
        ]
    return result, []


# --- Recommendations -------------------------------------------------------------------


def _title_score(query: str, choice: str, **_: object) -> float:
    """Scorer for recommendation titles (measured best: see MatchSettings)."""
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))


@lru_cache(maxsize=1)
def _recommendation_choices() -> Choices:
    labels = load_catalog().recommendation_labels
    return Choices.of(tuple(label.folded for label in labels), tuple(label.key for label in labels))


@lru_cache(maxsize=RANKINGS_CACHED)
def rank_recommendation(printed: str) -> Ranking:
    """Every recommendation id scored against a printed title (once per distinct title)."""
    return _rank(fold(printed), _recommendation_choices(), _title_score)


def _exact_recommendation(printed: str) -> str | None:
    folded = fold(printed)
    return next((label.key for label in load_catalog().recommendation_labels if label.folded == folded), None)


def _recommendation_status(ranking: Ranking, settings: MatchSettings) -> str:
    best_id, best = ranking.best
    decisive = best - ranking.runner_up(best_id) >= settings.recommendation_margin
    return "matched" if best >= settings.recommendation_match_min and decisive else "review"


def normalise_recommendation(
    printed: str, language: str, settings: MatchSettings, decisions: Decisions
) -> tuple[Recommendation, list[str]]:
    """Canonical recommendation for one printed title, and its warnings."""
    titles = load_catalog().recommendation_titles
    decided = decisions.for_recommendation(printed)
    if decided is not None:
        title = printed if decided == REJECT else _title(titles[decided], language)
        return Recommendation(
            id="" if decided == REJECT else decided, title=title, printed=printed, status="decided", score=100.0
        ), []
    exact = _exact_recommendation(printed)
    if exact is not None:
        title = _title(titles[exact], language)
        return Recommendation(id=exact, title=title, printed=printed, status="exact", score=100.0), []
    ranking = rank_recommendation(printed)
    best_id, best = ranking.best
    status = _recommendation_status(ranking, settings)
    title = _title(titles[best_id], language) if status == "matched" else printed
    result = Recommendation(id=best_id, title=title, printed=printed, status=status, score=best)
    if status in QUEUE_STATUSES:
        label = lambda key: _title(titles[key], language)  # noqa: E731
        result = result.model_copy(update={"candidates": ranking.candidates(settings.review_candidates, label)})
    if status == "review":
        return result, [
            f"recommendation {printed!r}: no decisive match, needs review "
            f"(candidates {ranking.top(settings.review_candidates)})"
        ]
    return result, []


# --- Cities and country ----------------------------------------------------------------


def _pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Whole-word alternation of folded names, longest first (leftmost-longest match)."""
    alternatives = sorted(set(names), key=lambda name: (-len(name), name))
    return re.compile(r"(?<!\S)(" + "|".join(map(re.escape, alternatives)) + r")(?!\S)")


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern[str], dict[str, City], re.Pattern[str], dict[str, str]]:
    catalog = load_catalog()
    cities = {spelling.folded: City(name=spelling.name, country=spelling.country) for spelling in catalog.cities}
    return _pattern(cities), cities, _pattern(catalog.countries), catalog.countries


def _field_texts(action: Action, fields: Iterable[str]) -> list[str]:
    """Folded texts of the named fields, in order (lists give one text per item)."""
    texts: list[str] = []
    for name in fields:
        value = getattr(action, name)
        values = value if isinstance(value, list) else [value]
        texts.extend(fold(text) for text in values if text)
    return texts


def _found(texts: list[str], pattern: re.Pattern[str]) -> list[str]:
    """Folded names found, in order of appearance (with repeats)."""
    return [match.group(1) for text in texts for match in pattern.finditer(text)]


def find_places(action: Action, settings: MatchSettings) -> tuple[list[City], str | None]:
    """Gazetteer cities named in the action (first appearance order, no repeats) and its ISO
    country: the most frequent among the cities' mentions, else among country names."""
    city_pattern, city_names, country_pattern, countries = _gazetteer()
    texts = _field_texts(action, settings.city_fields)
    named = [city_names[name] for name in _found(texts, city_pattern)]
    mentioned = [city.country for city in named] or [countries[name] for name in _found(texts, country_pattern)]
    country = Counter(mentioned).most_common()[0][0] if mentioned else None
    return list(dict.fromkeys(named)), country


# --- Whole action ----------------------------------------------------------------------


def prepare(settings: MatchSettings | None = None) -> None:
    """Load the catalog and build the matchers now (before worker processes fork, so each
    worker inherits them instead of rebuilding them for every file)."""
    settings = settings or MatchSettings()
    _sdg_choices(settings.sdg_use_aliases)
    _recommendation_choices()
    _gazetteer()


def normalise_action(
    draft: DraftAction, settings: MatchSettings | None = None, decisions: Decisions | None = None
) -> Action:
    """The action of `draft` with canonical SDG targets, recommendations, cities and country."""
    settings = settings or MatchSettings()
    decisions = decisions or Decisions()
    action = draft.action
    warnings = list(action.warnings)
    targets = []
    for code, label in draft.sdg_targets:
        target, notes = normalise_sdg(code, label, action.language, settings, decisions)
        targets.append(target)
        warnings.extend(notes)
    recommendations = []
    for printed in draft.recommendations:
        recommendation, notes = normalise_recommendation(printed, action.language, settings, decisions)
        recommendations.append(recommendation)
        warnings.extend(notes)
    cities, country = find_places(action, settings)
    return action.model_copy(
        update={
            "sdg_targets": targets,
            "recommendations": recommendations,
            "cities": cities,
            "country": country,
            "warnings": warnings,
        }
    )
