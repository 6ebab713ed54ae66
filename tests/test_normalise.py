"""Normalisation against the sample truth, perturbed canonical text, and unrelated text."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract.catalog import fold, load_catalog
from extract.settings import MatchSettings
from extract.stages.normalise import normalise_action
from extract.stages.validate import DraftAction
from tests.helpers import draft_action
from tests.truth import truth_actions

WITH_ALIASES = MatchSettings()
OFFICIAL_ONLY = MatchSettings(sdg_use_aliases=False)
LOREM = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "minim",
    "veniam",
    "quis",
    "nostrud",
]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def from_truth(page: int, truth: dict) -> DraftAction:
    return draft_action(
        targets=[(t["printed_code"], t["printed_label"]) for t in truth["sdg_targets"]],
        recommendations=[r["printed"] for r in truth["recommendations"]],
        language=truth["language"],
        title=truth["title"],
        subtitle=truth["subtitle"],
        objective=truth["objective"],
        activities=truth["activities"],
        results=truth["results"],
        page=page,
        id=truth["key"],
    )


# --- The sample brochure -----------------------------------------------------------------


@pytest.mark.parametrize("match", [WITH_ALIASES, OFFICIAL_ONLY], ids=["aliases", "official-only"])
@pytest.mark.parametrize("page,truth", truth_actions(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_truth_codes_and_recommendation_ids(page, truth, match):
    result = normalise_action(from_truth(page, truth), match)
    assert [t.code for t in result.sdg_targets] == [t["code"] for t in truth["sdg_targets"]]
    assert [r.id for r in result.recommendations] == [r["id"] for r in truth["recommendations"]]
    catalog = load_catalog()
    for target in result.sdg_targets:
        assert target.goal == catalog.targets[target.code].goal
        assert target.label == catalog.targets[target.code].titles["fr"]
        assert target.status == ("exact" if target.code == target.printed_code else "corrected")
    assert all(r.status == "exact" and r.score == 100 for r in result.recommendations)


@pytest.mark.parametrize("match", [WITH_ALIASES, OFFICIAL_ONLY], ids=["aliases", "official-only"])
def test_wrong_printed_codes_are_corrected_with_a_warning_naming_both(match):
    wrong = [
        (page, t) for page, truth in truth_actions() for t in truth["sdg_targets"] if t["printed_code"] != t["code"]
    ]
    assert {(t["printed_code"], t["code"]) for _, t in wrong} == {
        ("16.16", "16.6"),
        ("17.19", "17.9"),
        ("17.8", "17.18"),
    }
    for _, t in wrong:
        result = normalise_action(draft_action(targets=[(t["printed_code"], t["printed_label"])]), match)
        target = result.sdg_targets[0]
        assert (target.code, target.status, target.printed_code) == (t["code"], "corrected", t["printed_code"])
        assert any(t["printed_code"] in w and t["code"] in w for w in result.warnings)


@pytest.mark.parametrize("page,truth", truth_actions(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_truth_cities_and_country(page, truth):
    spellings = {s.folded: s.name for s in load_catalog().cities}
    result = normalise_action(from_truth(page, truth))
    assert [c.name for c in result.cities] == [spellings[fold(name)] for name in truth["cities"]]
    assert result.country == truth["country"]


def test_output_is_deterministic_and_scores_rounded():
    page, truth = truth_actions()[2]
    first = normalise_action(from_truth(page, truth))
    assert first == normalise_action(from_truth(page, truth))
    for item in [*first.sdg_targets, *first.recommendations]:
        assert item.score == round(item.score, 1)


# --- Labels in the page language, review and edge cases -----------------------------------


def test_labels_and_titles_follow_the_action_language():
    catalog = load_catalog()
    en = normalise_action(
        draft_action(
            language="en",
            targets=[("10.7", "Faciliter la migration des personnes")],
            recommendations=["Accès à la santé"],
        )
    )
    assert en.sdg_targets[0].label == catalog.targets["10.7"].titles["en"]
    assert en.recommendations[0].title == catalog.recommendation_titles["health"]["en"]


def test_unknown_code_with_unrelated_label_goes_to_review_keeping_printed_values():
    result = normalise_action(draft_action(targets=[("16.16", "Lorem ipsum dolor sit amet")]))
    target = result.sdg_targets[0]
    assert (target.code, target.label, target.goal, target.status, target.score) == (
        "16.16",
        "Lorem ipsum dolor sit amet",
        16,
        "review",
        0,
    )
    assert any("16.16" in w and "review" in w for w in result.warnings)


def test_queue_items_store_their_candidates_with_labels_best_first():
    result = normalise_action(
        draft_action(
            targets=[
                ("10.7", "Faciliter la migration des personnes"),
                ("17.19", "Lorem ipsum dolor"),
                ("17.8", "Améliorer le renforcement des capacités à travers des données de haute qualité"),
            ],
            recommendations=["Accès à la santé", "Vivre ensemble au quotidien"],
        ),
        MatchSettings(review_candidates=2),
    )
    exact, review, corrected = result.sdg_targets
    assert exact.status == "exact" and exact.candidates == []
    assert (review.status, corrected.status) == ("review", "corrected")
    catalog = load_catalog()
    for item in (review, corrected):
        assert len(item.candidates) == 2
        assert [c.score for c in item.candidates] == sorted((c.score for c in item.candidates), reverse=True)
        assert all(c.label == catalog.targets[c.value].titles["fr"] for c in item.candidates)
    assert corrected.candidates[0].value == corrected.code == "17.18"
    matched, doubtful = result.recommendations
    assert matched.candidates == [] and doubtful.status == "review"
    assert doubtful.candidates[0].value == doubtful.id
    assert doubtful.candidates[0].label == catalog.recommendation_titles[doubtful.id]["fr"]


def test_review_candidates_setting_sets_how_many_are_stored():
    printed = [("17.19", "Lorem ipsum dolor")]
    counts = [
        len(
            normalise_action(draft_action(targets=printed), MatchSettings(review_candidates=n))
            .sdg_targets[0]
            .candidates
        )
        for n in (1, 4)
    ]
    assert counts == [1, 4]


# --- Cities and countries ---------------------------------------------------------------


def test_cities_match_on_word_boundaries_in_order_without_repeats():
    result = normalise_action(
        draft_action(
            title="Tunisie : projet", subtitle="À Sousse et Tunis", objective="Échanges avec Sousse, Wien et Séville."
        )
    )
    assert [(c.name, c.country) for c in result.cities] == [
        ("Sousse", "TN"),
        ("Tunis", "TN"),
        ("Vienna", "AT"),
        ("Seville", "ES"),
    ]
    assert result.country == "TN"


def test_country_named_in_text_when_no_city():
    assert normalise_action(draft_action(title="Gouvernance locale au Liban")).country == "LB"
    assert normalise_action(draft_action(title="Local governance in Lebanon", language="en")).country == "LB"
    assert normalise_action(draft_action(title="Villes diverses")).country is None


# --- Perturbed canonical values still match ------------------------------------------------


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def typo(text: str, rng: random.Random) -> str:
    """One deleted, swapped or inserted letter inside a word of 5+ letters."""
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w = list(words[i])
    j = rng.randrange(1, len(w) - 1)
    op = rng.choice("dsi")
    if op == "d":
        del w[j]
    elif op == "s":
        w[j], w[j + 1] = w[j + 1], w[j]
    else:
        w.insert(j, rng.choice("aeiounrst"))
    words[i] = "".join(w)
    return " ".join(words)


def plural_flip(text: str, rng: random.Random) -> str:
    words = text.split()
    i = rng.randrange(len(words))
    words[i] = words[i][:-1] if words[i].endswith("s") and len(words[i]) > 3 else words[i] + "s"
    return " ".join(words)


def swap_words(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 1:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


PERTURBATIONS = {
    "typo": typo,
    "plural": plural_flip,
    "swap": swap_words,
    "accents": lambda t, _: strip_accents(t),
    "upper": lambda t, _: t.upper(),
    "lower": lambda t, _: t.lower(),
}


def perturb(text: str, names: list[str], seed: int) -> str:
    rng = random.Random(seed)
    for name in names:
        text = PERTURBATIONS[name](text, rng)
    return text


perturbation_lists = st.lists(st.sampled_from(sorted(PERTURBATIONS)), min_size=1, max_size=3)
sdg_texts = st.sampled_from([(label.key, label.text, label.official) for label in load_catalog().sdg_labels])


@PROPERTY
@given(sdg_texts, perturbation_lists, st.integers(0, 10**6), st.booleans(), st.sampled_from(["fr", "en"]))
def test_perturbed_sdg_label_keeps_its_code_or_gets_it_back(item, names, seed, aliases, language):
    """Official titles with or without aliases; a short label only where aliases are on
    (a typo in the one content word of a short paraphrase is not recoverable from the
    official title alone, e.g. "urbanisaion" for 11.3)."""
    code, text, official = item
    match = MatchSettings(sdg_use_aliases=aliases or not official)
    label = perturb(text, names, seed)
    right = normalise_action(draft_action(language=language, targets=[(code, label)]), match).sdg_targets[0]
    assert (right.code, right.status) == (code, "exact")
    goal = code.split(".")[0]
    missing = normalise_action(draft_action(language=language, targets=[(f"{goal}.99", label)]), match).sdg_targets[0]
    assert (missing.code, missing.status) == (code, "corrected")


rec_texts = st.sampled_from([(label.key, label.text) for label in load_catalog().recommendation_labels])


@PROPERTY
@given(rec_texts, perturbation_lists, st.integers(0, 10**6))
def test_perturbed_recommendation_title_gets_its_id(item, names, seed):
    rec_id, text = item
    result = normalise_action(draft_action(recommendations=[perturb(text, names, seed)])).recommendations[0]
    assert result.id == rec_id and result.status in ("exact", "matched")


# --- Unrelated text goes to review, never silently to a wrong value -------------------------

SDG_WORDS = {word for label in load_catalog().sdg_labels for word in label.folded.split()}
unrelated_words = st.lists(
    st.one_of(st.sampled_from(LOREM), st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç", min_size=2, max_size=12)),
    min_size=1,
    max_size=8,
).map(" ".join)
codes = st.sampled_from(sorted(load_catalog().targets))


@PROPERTY
@given(unrelated_words, codes)
def test_unrelated_sdg_label_goes_to_review(label, code):
    assume(fold(label) and not set(fold(label).split()) & SDG_WORDS)
    for printed in (code, f"{code.split('.')[0]}.99"):
        target = normalise_action(draft_action(targets=[(printed, label)])).sdg_targets[0]
        assert (target.code, target.status) == (printed, "review")


@PROPERTY
@given(unrelated_words)
def test_unrelated_recommendation_title_goes_to_review(title):
    assume(fold(title))
    assert normalise_action(draft_action(recommendations=[title])).recommendations[0].status == "review"


def test_sdg_goal_and_target_texts_are_not_recommendations():
    catalog = load_catalog()
    texts = [t for goal in catalog.goals.values() for t in goal.values()]
    texts += [t for target in catalog.targets.values() for t in target.titles.values()]
    result = normalise_action(draft_action(recommendations=texts))
    matched = [(r.printed, r.id) for r in result.recommendations if r.status != "review"]
    assert matched == []
