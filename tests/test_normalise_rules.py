"""Normalisation rules one at a time: each test pins one rule of the normalise.py docstring,
on catalog texts whose scores put them on either side of that rule."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from extract.catalog import fold, load_catalog
from extract.decisions import REJECT, Decisions
from extract.settings import MatchSettings
from extract.stages import normalise
from extract.stages.normalise import Ranking, normalise_action, rank_recommendation, rank_sdg
from tests.helpers import draft_action

DEFAULT = MatchSettings()
OFFICIAL_ONLY = MatchSettings(sdg_use_aliases=False)
UNRELATED = "Lorem ipsum dolor sit amet"
# The English titles of 15.6 and 2.5 are near duplicates: 2.5 trails 15.6 by less than sdg_margin.
TWIN, RIVAL = "15.6", "2.5"
FUZZY_HEALTH = "Acces a la sante publique"  # not a known title or variant; closest to `health`
# A dropped letter moves the word in token order: fuzz.ratio scores it far above token_sort_ratio.
FUZZY_GOVERNANCE = "Gouvernance multi-niveaux et oopération"


def target(printed_code: str, label: str, settings: MatchSettings = DEFAULT, language: str = "fr"):
    result = normalise_action(draft_action(targets=[(printed_code, label)], language=language), settings)
    return result.sdg_targets[0], result.warnings


def recommendation(printed: str, settings: MatchSettings = DEFAULT, language: str = "fr"):
    result = normalise_action(draft_action(recommendations=[printed], language=language), settings)
    return result.recommendations[0], result.warnings


def twin_label() -> str:
    return load_catalog().targets[TWIN].titles["en"]


def twin_lead() -> float:
    """How far 15.6 leads 2.5 on 15.6's English title (less than the default margin)."""
    ranking = rank_sdg(twin_label(), DEFAULT)
    assert ranking.best[0] == TWIN
    return ranking.score(TWIN) - ranking.score(RIVAL)


def short_label(code: str) -> str:
    """A brochure short label of `code` (data/sdg_aliases.csv), not an official title."""
    return next(label.text for label in load_catalog().sdg_labels if label.key == code and not label.official)


def sdg_score(label: str, code: str, aliases: bool = False) -> float:
    """The documented SDG score: token_set_ratio without stop words, best over the target's texts."""
    catalog = load_catalog()

    def words(folded: str) -> str:
        return " ".join(w for w in folded.split() if w not in catalog.stopwords)

    texts = [words(text.folded) for text in catalog.sdg_texts(aliases) if text.key == code]
    return round(max(fuzz.token_set_ratio(words(fold(label)), text) for text in texts), 1)


def title_score(printed: str, rec_id: str) -> float:
    """The documented recommendation score: max(ratio, token_sort_ratio) over the id's texts."""
    texts = [label.folded for label in load_catalog().recommendation_labels if label.key == rec_id]
    return round(max(max(fuzz.ratio(fold(printed), t), fuzz.token_sort_ratio(fold(printed), t)) for t in texts), 1)


# --- SDG targets -----------------------------------------------------------------------------


def test_sdg_printed_code_stays_exact_when_a_rival_leads_by_less_than_the_margin():
    """exact: own score >= sdg_exact_min and no target leads by sdg_margin (2.5 printed, 15.6 text)."""
    assert twin_lead() < DEFAULT.sdg_margin
    item, warnings = target(RIVAL, twin_label())
    assert (item.code, item.status, item.score) == (RIVAL, "exact", rank_sdg(twin_label(), DEFAULT).score(RIVAL))
    assert warnings == []


def test_sdg_a_lead_of_exactly_the_margin_outscores_the_printed_code():
    """exact needs a lead below sdg_margin: at lead == margin the better target replaces it."""
    lead = twin_lead()
    assert target(RIVAL, twin_label(), MatchSettings(sdg_margin=lead + 0.1))[0].status == "exact"
    item, _ = target(RIVAL, twin_label(), MatchSettings(sdg_margin=lead))
    assert (item.code, item.status) == (TWIN, "corrected")


def test_sdg_exact_needs_the_printed_code_to_score_sdg_exact_min():
    """exact: the printed code's own score must reach sdg_exact_min (>=, not >)."""
    own = rank_sdg(twin_label(), DEFAULT).score(RIVAL)
    assert target(RIVAL, twin_label(), MatchSettings(sdg_exact_min=own))[0].status == "exact"
    item, warnings = target(RIVAL, twin_label(), MatchSettings(sdg_exact_min=own + 0.1))
    assert (item.code, item.status) == (RIVAL, "review")
    assert any(RIVAL in w and "review" in w for w in warnings)


def test_sdg_rivals_of_a_same_goal_correction_are_that_goals_targets_only():
    """corrected: a misprint keeping the goal (15.66) ignores 2.5, a near twin from another goal."""
    item, warnings = target("15.66", twin_label())
    assert (item.code, item.goal, item.status, item.printed_code) == (TWIN, 15, "corrected", "15.66")
    assert item.label == load_catalog().targets[TWIN].titles["fr"]
    assert len(warnings) == 1 and "15.66" in warnings[0] and TWIN in warnings[0]


def test_sdg_indicator_code_is_corrected_to_its_target():
    """corrected: a printed indicator code (15.6.1) keeps its goal, so 15.6 needs to beat goal 15 only."""
    item, _ = target("15.6.1", twin_label())
    assert (item.code, item.goal, item.status, item.printed_code) == (TWIN, 15, "corrected", "15.6.1")


def test_sdg_rivals_of_another_goals_correction_are_all_targets():
    """review: a printed code of another goal (3.66) must beat every target, and 2.5 is too close."""
    item, warnings = target("3.66", twin_label())
    assert (item.code, item.goal, item.status, item.label) == ("3.66", 3, "review", twin_label())
    assert any("3.66" in w and "review" in w for w in warnings)


def test_sdg_correction_needs_sdg_correct_min():
    """corrected: the best target must score at least sdg_correct_min (>=, not >)."""
    label = short_label("4.a")
    best = rank_sdg(label, OFFICIAL_ONLY).score("4.a")
    assert best < DEFAULT.sdg_correct_min
    item, _ = target("4.99", label, MatchSettings(sdg_use_aliases=False, sdg_correct_min=best))
    assert (item.code, item.status, item.score) == ("4.a", "corrected", best)
    assert target("4.99", label, MatchSettings(sdg_use_aliases=False, sdg_correct_min=best + 0.1))[0].status == "review"


@pytest.mark.parametrize(
    "printed, goal",
    [
        ("99.9", None),
        ("18.1", None),
        ("0.1", None),
        ("ab.c", None),
        ("x", None),
        ("16.16", 16),
        ("17.99", 17),
        ("11.3.1", 11),
    ],
)
def test_sdg_goal_of_a_printed_code_that_is_not_a_target(printed, goal):
    """review: goal is the printed code's goal part when it is a goal (1-17), else None."""
    item, _ = target(printed, UNRELATED)
    assert (item.code, item.goal, item.status, item.score) == (printed, goal, "review", 0)


def test_sdg_aliases_setting_decides_the_match():
    """sdg_use_aliases: a brochure short label corrects a misprint only when aliases are used."""
    with_aliases, _ = target("4.99", short_label("4.a"))
    official, _ = target("4.99", short_label("4.a"), OFFICIAL_ONLY)
    assert (with_aliases.code, with_aliases.status, with_aliases.score) == ("4.a", "corrected", 100.0)
    assert (official.code, official.status) == ("4.99", "review")


def test_sdg_label_falls_back_to_the_english_title(monkeypatch):
    """label: the official title in the action's language, else the English one."""
    titles = load_catalog().targets["10.7"].titles
    english = titles["en"]
    monkeypatch.setitem(titles, "fr", "")
    item, _ = target("10.7", english)
    assert (item.code, item.status, item.label) == ("10.7", "exact", english)


def test_sdg_review_warning_lists_the_candidates():
    """review warning: printed code and label, then review_candidates `code:score` candidates."""
    _, warnings = target("3.66", twin_label(), MatchSettings(review_candidates=2))
    [warning] = warnings
    assert warning.startswith(f"SDG target 3.66 {twin_label()!r}: no decisive match")
    assert warning.endswith(f"(candidates {TWIN}:100.0 | {RIVAL}:{100 - twin_lead():.1f})")


# --- Recommendations -------------------------------------------------------------------------


@pytest.mark.parametrize("printed, rec_id", [(FUZZY_HEALTH, "health"), (FUZZY_GOVERNANCE, "multilevel-governance")])
def test_recommendation_fuzzy_match_gets_canonical_title_and_its_score(printed, rec_id):
    """matched: canonical title in the action's language, score = max(ratio, token_sort_ratio), no warning."""
    catalog = load_catalog()
    for language in ("fr", "en"):
        item, warnings = recommendation(printed, language=language)
        assert (item.id, item.status, item.printed) == (rec_id, "matched", printed)
        assert item.title == catalog.recommendation_titles[rec_id][language]
        assert item.score == title_score(printed, rec_id) < 100
        assert warnings == []


def test_recommendation_match_needs_recommendation_match_min():
    """matched: the best score must reach recommendation_match_min (>=, not >)."""
    score = title_score(FUZZY_HEALTH, "health")
    assert recommendation(FUZZY_HEALTH, MatchSettings(recommendation_match_min=score))[0].status == "matched"
    item, _ = recommendation(FUZZY_HEALTH, MatchSettings(recommendation_match_min=score + 0.1))
    assert (item.id, item.status, item.title, item.score) == ("health", "review", FUZZY_HEALTH, score)


def test_recommendation_match_needs_the_margin_over_the_runner_up():
    """matched: the best id must lead the second-best id by recommendation_margin (>=, not >)."""
    lead = title_score(FUZZY_HEALTH, "health") - title_score(FUZZY_HEALTH, "participation")
    assert recommendation(FUZZY_HEALTH, MatchSettings(recommendation_margin=lead))[0].status == "matched"
    assert recommendation(FUZZY_HEALTH, MatchSettings(recommendation_margin=lead + 0.1))[0].status == "review"


def test_recommendation_review_keeps_printed_title_best_id_and_warns():
    """review: id = best candidate, title = printed title, and a warning naming it."""
    printed = "Education et formation"
    item, warnings = recommendation(printed, MatchSettings(review_candidates=2))
    assert (item.id, item.title, item.status, item.score) == ("education", printed, "review", 58.5)
    assert warnings == [
        f"recommendation {printed!r}: no decisive match, needs review "
        f"(candidates education:58.5 | anti-discrimination:{title_score(printed, 'anti-discrimination'):.1f})"
    ]


def test_recommendation_exact_variant_gets_the_canonical_title():
    """exact: a known variant (folded) gives id, canonical title, score 100, no warning."""
    catalog = load_catalog()
    variant = next(label for label in catalog.recommendation_labels if not label.official and label.lang == "fr")
    for language in ("fr", "en"):
        item, warnings = recommendation(variant.text.upper(), language=language)
        assert (item.id, item.status, item.score) == (variant.key, "exact", 100.0)
        assert item.title == catalog.recommendation_titles[variant.key][language]
        assert warnings == []


def test_recommendation_title_falls_back_to_the_english_title(monkeypatch):
    """title: the canonical title in the action's language, else the English one."""
    titles = load_catalog().recommendation_titles["health"]
    monkeypatch.setitem(titles, "fr", "")
    assert recommendation(FUZZY_HEALTH)[0].title == titles["en"]
    assert recommendation("Accès à la santé")[0].title == titles["en"]


def test_recommendation_rejected_by_a_decision_keeps_the_printed_title():
    """decided reject: id "" and the printed title, though the title is known exactly."""
    decisions = Decisions(recommendation={fold("Accès à la santé"): REJECT})
    item = normalise_action(draft_action(recommendations=["Accès à la santé"]), DEFAULT, decisions).recommendations[0]
    assert (item.id, item.title, item.status, item.score) == ("", "Accès à la santé", "decided", 100.0)


# --- Scores, rankings and review rows --------------------------------------------------------


def test_sdg_score_is_the_printed_codes_own_score_however_low_it_ranks():
    """score: the score of the target in `code`, even far down the ranking (every target is scored)."""
    label = load_catalog().targets[RIVAL].titles["en"]
    ranking = rank_sdg(label, OFFICIAL_ONLY)
    low = ranking.scored[-1][0]
    item, _ = target(low, label, MatchSettings(sdg_use_aliases=False, sdg_exact_min=0.0, sdg_margin=100.0))
    assert (item.code, item.status) == (low, "exact")
    assert item.score == sdg_score(label, low) == ranking.score(low)


def test_sdg_corrected_warning_names_both_codes_and_scores():
    """corrected warning: printed code, new code, printed label and both scores to one decimal."""
    lead = twin_lead()
    item, warnings = target(RIVAL, twin_label(), MatchSettings(sdg_margin=lead))
    own = sdg_score(twin_label(), RIVAL)
    assert warnings == [
        f"SDG target {RIVAL} corrected to {TWIN}: the printed label {twin_label()!r} matches {TWIN} (100.0), "
        f"not {RIVAL} ({own:.1f})"
    ]
    assert item.score == 100.0 and own % 1 != 0


def test_ranking_ties_follow_catalog_order_and_unscored_is_zero():
    """Ranking: equal scores keep catalog order; a label without letters scores 0 everywhere."""
    ranking = rank_sdg("— ; —", DEFAULT)
    first = list(load_catalog().targets)[:3]
    assert ranking.top(3) == " | ".join(f"{code}:0.0" for code in first)
    assert ranking.best == (first[0], 0.0)


def test_ranking_ties_follow_catalog_order_even_when_a_short_label_scores():
    """Ranking: targets tied on score keep catalog order, whichever of their texts (title or short label) scored."""
    word = "environnement"  # in a short label of 4.a, and in official titles of later targets
    tied = [code for code in load_catalog().targets if sdg_score(word, code, aliases=True) == 100.0]
    assert len(tied) > 2
    assert rank_sdg(word, DEFAULT).top(3) == " | ".join(f"{code}:100.0" for code in tied[:3])


def test_ranking_runner_up_of_a_lone_candidate_is_zero():
    """Ranking.runner_up: the best score of any other key, 0 when there is none."""
    assert Ranking((("a", 80.0),)).runner_up("a") == 0.0
    assert Ranking((("a", 80.0), ("b", 70.5))).runner_up("a") == 70.5
    assert Ranking(()).best == ("", 0.0)


def test_review_recommendation_stores_review_candidates_with_labels():
    """A recommendation in review stores review_candidates candidates (id, title, score), best first."""
    item, _ = recommendation("Education et formation", MatchSettings(review_candidates=2))
    titles = load_catalog().recommendation_titles
    assert item.status == "review" and len(item.candidates) == 2
    best, second = item.candidates
    assert (best.value, best.score, best.label) == ("education", 58.5, titles["education"]["fr"])
    assert second.score <= best.score and second.label == titles[second.value]["fr"]


def test_ranking_candidates_keep_order_and_count():
    """Ranking.candidates: the first `count` keys, best first, each with its label."""
    ranking = Ranking((("a", 80.0), ("b", 70.5), ("c", 3.0)))
    assert [(c.value, c.label, c.score) for c in ranking.candidates(2, str.upper)] == [
        ("a", "A", 80.0),
        ("b", "B", 70.5),
    ]


# --- Cities ------------------------------------------------------------------------------------


def test_gazetteer_pattern_prefers_the_longest_name():
    """Cities: names are tried longest first, so a city named inside a longer name is not found there."""
    pattern = normalise._pattern(["san", "san sebastian", "sebastian"])
    assert pattern.findall("de san sebastian a san") == ["san sebastian", "san"]


def test_country_ties_go_to_the_first_seen():
    """country: most frequent among the mentions, ties to the first seen."""
    tunis_first = normalise_action(draft_action(title="Tunis et Rabat", objective="Objectif."))
    rabat_first = normalise_action(draft_action(title="Rabat et Tunis", objective="Objectif."))
    assert (tunis_first.country, rabat_first.country) == ("TN", "MA")
    assert normalise_action(draft_action(title="Tunis, Rabat et Casablanca")).country == "MA"


def test_prepare_builds_the_matchers_the_settings_use(monkeypatch):
    """prepare: builds (caches) the SDG texts for the settings' aliases switch, the titles and the gazetteer."""
    for cached in (normalise._sdg_choices, normalise._recommendation_choices, normalise._gazetteer):
        cached.cache_clear()
    normalise._ranked_sdg.cache_clear()
    normalise.prepare(OFFICIAL_ONLY)
    assert normalise._sdg_choices.cache_info().currsize == 1
    assert normalise._recommendation_choices.cache_info().currsize == 1
    assert normalise._gazetteer.cache_info().currsize == 1
    hits = normalise._sdg_choices.cache_info().hits
    rank_sdg("migration", OFFICIAL_ONLY)
    assert normalise._sdg_choices.cache_info().hits == hits + 1


def test_a_printed_label_or_title_is_ranked_once_and_alike_every_time():
    """rank_sdg / rank_recommendation: memoised per distinct printed text and aliases switch."""
    label = "Réduire les coûts de transaction des envois de fonds des migrants"
    normalise._ranked_sdg.cache_clear()
    rank_recommendation.cache_clear()
    first = rank_sdg(label, DEFAULT)
    assert rank_sdg(label, DEFAULT) is first and normalise._ranked_sdg.cache_info().hits == 1
    assert rank_sdg(label, OFFICIAL_ONLY) is not first  # the switch is part of the key
    normalise._ranked_sdg.cache_clear()
    assert rank_sdg(label, DEFAULT) == first and first.best[0] == "10.c"
    title = rank_recommendation("Santé des migrants")
    assert rank_recommendation("Santé des migrants") is title and rank_recommendation.cache_info().hits == 1
