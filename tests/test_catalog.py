"""The packaged canonical data: complete, consistent, and folded the same on both sides."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.catalog import LANGUAGES, fold, load_catalog
from tests.truth import truth_actions

RECOMMENDATION_IDS = {
    "multilevel-governance",
    "welcoming-instruments",
    "education",
    "health",
    "labour-market",
    "urban-planning-housing",
    "participation",
    "anti-discrimination",
}


def test_169_targets_and_17_goals_with_fr_and_en_titles():
    catalog = load_catalog()
    assert len(catalog.targets) == 169
    assert sorted(catalog.goals) == list(range(1, 18))
    for code, target in catalog.targets.items():
        assert code.startswith(f"{target.goal}.")
        for lang in LANGUAGES:
            assert target.titles[lang].strip(), (code, lang)
            assert unicodedata.is_normalized("NFC", target.titles[lang])
    for goal, titles in catalog.goals.items():
        assert all(titles[lang].strip() for lang in LANGUAGES), goal


def test_targets_per_goal_match_the_framework():
    counts = [sum(t.goal == goal for t in load_catalog().targets.values()) for goal in range(1, 18)]
    assert counts == [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]


def test_aliases_name_existing_targets_in_known_languages():
    catalog = load_catalog()
    aliases = [label for label in catalog.sdg_labels if not label.official]
    assert aliases
    for label in aliases:
        assert label.key in catalog.targets and label.lang in LANGUAGES and label.folded


def test_aliases_come_only_from_correctly_printed_sample_codes():
    """Sample labels printed with a wrong code must not become aliases of that code."""
    catalog = load_catalog()
    alias_pairs = {(label.key, label.folded) for label in catalog.sdg_labels if not label.official}
    for _, action in truth_actions():
        for item in action["sdg_targets"]:
            if item["printed_code"] != item["code"]:
                assert (item["printed_code"], fold(item["printed_label"])) not in alias_pairs


def test_recommendations_have_ids_and_titles_in_both_languages():
    titles = load_catalog().recommendation_titles
    assert set(titles) == RECOMMENDATION_IDS
    for rec_id, by_lang in titles.items():
        assert set(by_lang) == set(LANGUAGES), rec_id


def test_recommendation_labels_are_unambiguous_after_folding():
    seen: dict[str, str] = {}
    for label in load_catalog().recommendation_labels:
        assert seen.setdefault(label.folded, label.key) == label.key, label.text


def test_gazetteer_spellings_fold_to_one_city_and_have_iso_countries():
    catalog = load_catalog()
    owner: dict[str, str] = {}
    for spelling in catalog.cities:
        assert re.fullmatch(r"[A-Z]{2}", spelling.country), spelling
        assert owner.setdefault(spelling.folded, spelling.name) == spelling.name, spelling
    assert all(re.fullmatch(r"[A-Z]{2}", iso) for iso in catalog.countries.values())


def test_gazetteer_knows_every_truth_city_with_its_country():
    by_spelling = {spelling.folded: spelling for spelling in load_catalog().cities}
    for _, action in truth_actions():
        for name in action["cities"]:
            assert fold(name) in by_spelling, name
            assert by_spelling[fold(name)].country == action["country"], name


def test_fold_handles_source_quirks():
    assert fold("E\u0301tats\u2010Unis") == fold("États-Unis") == "etats unis"
    assert fold("d’accès  l'été") == "d acces l ete"
    assert fold("تيسـير") == fold("تيسير")
    assert fold("Mise en Œuvre") == "mise en oeuvre"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent_and_normalisation_independent(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded
    assert folded == folded.strip() and "  " not in folded
