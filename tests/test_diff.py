"""Semantic diff of two extractions: pairing by content, field changes, report formats."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.errors import ExtractError, UsageError
from extract.models import City, Recommendation
from extract.tools.diff import (
    SIMILARITY_THRESHOLD,
    ActionsFileError,
    DiffReport,
    ListChange,
    ValueChange,
    diff_actions,
    load_actions,
)
from tests.helpers import make_action, sdg_target

FILE = "actions-ciblees-fr.pdf"


def sdg(code: str, label: str, status: str = "exact") -> dict:
    return sdg_target(code, label, status=status).model_dump(mode="json")


def action(page: int, title: str, *, file: str = FILE, topic: str | None = None) -> dict:
    """A plausible action (as in actions.json) whose texts differ per `topic`."""
    topic = topic or title
    return make_action(
        page=page,
        file=file,
        id=f"actions-ciblees-fr-p{page:03d}",
        title=title,
        subtitle=f"Sous-titre de {topic}",
        sdg_targets=[sdg_target("10.7", "Faciliter la migration"), sdg_target("16.6", "Institutions efficaces")],
        objective=f"L'objectif du projet {topic} est de renforcer la coordination locale "
        f"entre les autorités et la société civile pour l'accueil des migrants.",
        activities=[
            f"Organiser des ateliers {topic}",
            f"Former les agents municipaux {topic}",
            f"Publier un guide {topic}",
        ],
        results=[f"Coordination améliorée {topic}", f"Agents formés {topic}"],
        recommendations=[
            Recommendation(
                id="participation",
                title="Accès à la participation",
                printed="Participation",
                score=98.0,
                status="exact",
            )
        ],
        cities=[City(name="Sfax", country="TN")],
        country="TN",
    ).model_dump(mode="json")


def renumber(a: dict, page: int) -> dict:
    """The same action on another page (new page and id), e.g. after a page insertion."""
    moved = copy.deepcopy(a)
    moved["source"]["page"] = page
    moved["id"] = f"actions-ciblees-fr-p{page:03d}"
    return moved


@pytest.fixture
def edition() -> list[dict]:
    return [
        action(3, "ACMALS"),
        action(4, "Femmes et migration"),
        action(5, "Lyon accueille"),
        action(6, "Tanger solidaire"),
    ]


def only_change(report: DiffReport):
    assert not report.added and not report.removed and len(report.changed) == 1
    return report.changed[0]


def test_identical_outputs_are_empty(edition):
    report = diff_actions(edition, copy.deepcopy(edition))
    assert report.is_empty
    assert report.summary() == {"added": 0, "removed": 0, "changed": 0, "moved": 0, "unchanged": 4}
    assert report.to_dict()["equal"] is True
    assert report.format_text() == "no content differences\n"


def test_sha256_change_alone_is_not_a_change(edition):
    new = copy.deepcopy(edition)
    for a in new:
        a["source"]["sha256"] = "b" * 64
    assert diff_actions(edition, new).is_empty


def test_edited_title_is_changed_not_removed_and_added(edition):
    new = copy.deepcopy(edition)
    new[1]["title"] = "Femmes, migration et emploi"
    change = only_change(diff_actions(edition, new))
    assert change.matched_by == "similarity"
    assert change.changes == (ValueChange("title", "Femmes et migration", "Femmes, migration et emploi"),)
    text = diff_actions(edition, new).format_text()
    assert "~ changed: actions-ciblees-fr.pdf p.4 «Femmes, migration et emploi»" in text
    assert "title: 'Femmes et migration' -> 'Femmes, migration et emploi'" in text


def test_title_case_and_spacing_are_folded(edition):
    new = copy.deepcopy(edition)
    new[0]["title"] = "  acmals "
    change = only_change(diff_actions(edition, new))
    assert change.matched_by == "title"
    assert [c.field for c in change.changes] == ["title"]


def test_removed_activity_is_reported(edition):
    new = copy.deepcopy(edition)
    dropped = new[2]["activities"].pop(1)
    change = only_change(diff_actions(edition, new))
    assert change.changes == (ListChange("activities", removed=(dropped,)),)
    assert f"  - {dropped!r}" in diff_actions(edition, new).format_text()


def test_objective_and_activity_edit(edition):
    new = copy.deepcopy(edition)
    new[0]["objective"] = "Un autre objectif."
    new[0]["activities"][0] = "Organiser 3 ateliers"
    report = diff_actions(edition, new)
    change = only_change(report)
    assert [c.field for c in change.changes] == ["objective", "activities"]
    activities = change.changes[1]
    assert activities.added == ("Organiser 3 ateliers",)
    assert activities.removed == (edition[0]["activities"][0],)
    assert not activities.reordered
    text = report.format_text()
    assert "    objective:\n      - \"L'objectif du projet ACMALS" in text
    assert "      + 'Un autre objectif.'\n" in text
    assert "      + 'Organiser 3 ateliers'" in text


def test_reordered_results_are_flagged(edition):
    new = copy.deepcopy(edition)
    new[3]["results"].reverse()
    change = only_change(diff_actions(edition, new))
    assert change.changes == (ListChange("results", reordered=True),)


def test_sdg_targets_compared_by_code(edition):
    new = copy.deepcopy(edition)
    targets = new[0]["sdg_targets"]
    targets[0]["status"] = "decided"
    targets[1] = sdg("5.1", "Mettre fin à la discrimination")
    change = only_change(diff_actions(edition, new))
    (sdgs,) = change.changes
    assert sdgs.field == "sdg_targets" and sdgs.key == "code"
    assert [t["code"] for t in sdgs.added] == ["5.1"]
    assert [t["code"] for t in sdgs.removed] == ["16.6"]
    assert [(c.key, [f.field for f in c.fields]) for c in sdgs.changed] == [("10.7", ["status"])]
    text = diff_actions(edition, new).format_text()
    assert "+ 5.1 'Mettre fin à la discrimination'" in text
    assert "~ 10.7: status: 'exact' -> 'decided'" in text


def test_recommendations_compared_by_id(edition):
    new = copy.deepcopy(edition)
    new[1]["recommendations"].append(
        {
            "id": "multilevel-governance",
            "title": "Gouvernance",
            "printed": "Gouvernance",
            "score": 90.0,
            "status": "matched",
        }
    )
    (recs,) = only_change(diff_actions(edition, new)).changes
    assert recs.key == "id" and [r["id"] for r in recs.added] == ["multilevel-governance"]


def test_inserted_page_is_one_added_and_no_changed(edition):
    inserted = action(5, "Nouvelle action à Beyrouth")
    new = edition[:2] + [inserted] + [renumber(a, a["source"]["page"] + 1) for a in edition[2:]]
    report = diff_actions(edition, new)
    assert [a.title for a in report.added] == ["Nouvelle action à Beyrouth"]
    assert report.added[0].page == 5
    assert not report.changed and not report.removed
    assert [(m.old.page, m.new.page) for m in report.moved] == [(5, 6), (6, 7)]
    assert report.format_text().startswith("+ added: actions-ciblees-fr.pdf p.5 «Nouvelle action à Beyrouth»\n")
    assert "> moved: actions-ciblees-fr.pdf p.5 -> p.6 «Lyon accueille»" in report.format_text()


def test_moves_alone_leave_the_report_empty(edition):
    new = [renumber(a, a["source"]["page"] + 1) for a in edition]
    report = diff_actions(edition, new)
    assert report.is_empty and len(report.moved) == 4
    assert report.format_text().endswith("no content differences (4 moved)\n")


def test_removed_action(edition):
    new = [edition[0], edition[1], renumber(edition[3], 5)]
    report = diff_actions(edition, new)
    assert [(r.page, r.title) for r in report.removed] == [(5, "Lyon accueille")]
    assert not report.added and not report.changed
    assert "- removed: actions-ciblees-fr.pdf p.5 «Lyon accueille»" in report.format_text()


def test_unrelated_retitled_action_is_removed_and_added(edition):
    new = copy.deepcopy(edition)
    new[2] = action(5, "Tout autre chose", topic="sans rapport avec l'ancienne")
    report = diff_actions(edition, new)
    assert [r.title for r in report.removed] == ["Lyon accueille"]
    assert [a.title for a in report.added] == ["Tout autre chose"]
    assert not report.changed


def test_similarity_pairs_only_within_one_file(edition):
    other = copy.deepcopy(edition[0])
    other["source"]["file"] = "targeted-actions-en.pdf"
    other["title"] = "Renamed"
    report = diff_actions(edition, edition[1:] + [other])
    assert [r.title for r in report.removed] == ["ACMALS"]
    assert [a.file for a in report.added] == ["targeted-actions-en.pdf"]


def test_duplicate_titles_pair_in_page_order():
    old = [action(3, "Atelier", topic="un"), action(7, "Atelier", topic="deux")]
    new = [renumber(old[1], 8), renumber(old[0], 3)]
    new[1]["country"] = "MA"
    report = diff_actions(old, new)
    change = only_change(report)
    assert (change.old.page, change.new.page) == (3, 3)
    assert change.changes == (ValueChange("country", "TN", "MA"),)
    assert [(m.old.page, m.new.page) for m in report.moved] == [(7, 8)]


def test_to_dict_is_deterministic_and_json_serialisable(edition):
    new = copy.deepcopy(edition)
    new[0]["title"] = "ACMALS 2"
    new[1]["activities"].append("Nouvelle activité")
    new.insert(2, action(5, "Ajoutée"))
    del new[4]
    reversed_new = list(reversed(new))
    first = json.dumps(diff_actions(edition, new).to_dict(), ensure_ascii=False)
    again = json.dumps(diff_actions(list(reversed(edition)), reversed_new).to_dict(), ensure_ascii=False)
    assert first == again
    data = json.loads(first)
    assert list(data) == ["equal", "summary", "added", "removed", "changed", "moved"]
    assert data["equal"] is False
    assert [c["title"] for c in data["changed"]] == ["ACMALS 2", "Femmes et migration"]
    assert data["changed"][1]["changes"] == [
        {
            "field": "activities",
            "kind": "list",
            "key": None,
            "added": ["Nouvelle activité"],
            "removed": [],
            "changed": [],
            "reordered": False,
        }
    ]


def test_format_text_is_stable(edition):
    new = copy.deepcopy(edition)
    new[0]["subtitle"] = None
    text = diff_actions(edition, new).format_text()
    assert text == (
        "~ changed: actions-ciblees-fr.pdf p.3 «ACMALS»\n"
        "    subtitle: 'Sous-titre de ACMALS' -> None\n"
        "0 added, 0 removed, 1 changed, 0 moved, 3 unchanged\n"
    )


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0, max_value=4), shuffle_seed=st.randoms())
def test_insertion_anywhere_in_any_order_is_one_added(position, shuffle_seed):
    old = [
        action(3 + i, title)
        for i, title in enumerate(["ACMALS", "Femmes et migration", "Lyon accueille", "Tanger solidaire"])
    ]
    new = [renumber(a, a["source"]["page"] + (i >= position)) for i, a in enumerate(old)]
    new.append(action(3 + position, "Insérée"))
    shuffle_seed.shuffle(new)
    report = diff_actions(old, new)
    assert [a.title for a in report.added] == ["Insérée"]
    assert not report.changed and not report.removed
    assert len(report.moved) == len(old) - position


def test_retitled_pairing_threshold():
    old = [action(3, "Avant")]
    new = [action(3, "Après", topic="Avant")]
    new[0]["objective"] = "Un objectif entièrement réécrit, sans rapport avec le précédent."
    report = diff_actions(old, new)
    assert report.added and report.removed, f"paired although below {SIMILARITY_THRESHOLD}"


# ----------------------------------------------------------------------------- load_actions


def write_document(path, actions, version=2):
    path.write_text(json.dumps({"schema_version": version, "actions": actions}), encoding="utf-8")
    return path


def test_load_actions_from_folder_or_file(tmp_path, edition):
    file = write_document(tmp_path / "actions.json", edition)
    assert load_actions(tmp_path) == edition
    assert load_actions(file) == edition
    assert load_actions(str(file)) == edition


def schema_1(actions: list[dict]) -> list[dict]:
    """Actions as schema 1 wrote them: no `source.pages`."""
    return [{**a, "source": {k: v for k, v in a["source"].items() if k != "pages"}} for a in actions]


def test_schema_1_is_read_as_2_with_its_one_page(tmp_path, edition):
    edition = schema_1(edition)
    file = write_document(tmp_path / "actions.json", edition, version=1)
    loaded = load_actions(file)
    pages = [a["source"]["page"] for a in edition]
    assert [a["source"]["pages"] for a in loaded] == [[p] for p in pages]
    assert [{**a, "source": {k: v for k, v in a["source"].items() if k != "pages"}} for a in loaded] == edition


def test_schema_1_and_2_of_the_same_actions_are_equal(tmp_path, edition):
    edition = schema_1(edition)
    old = load_actions(write_document(tmp_path / "old.json", edition, version=1))
    new_actions = [{**a, "source": {**a["source"], "pages": [a["source"]["page"]]}} for a in edition]
    new = load_actions(write_document(tmp_path / "new.json", new_actions, version=2))
    report = diff_actions(old, new)
    assert not (report.added or report.removed or report.changed)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ("{not json", "invalid JSON"),
        ("[]", "not an actions document"),
        ('{"schema_version": 3, "actions": []}', "unsupported schema_version 3 (expected 1 or 2)"),
        ('{"actions": []}', "unsupported schema_version None"),
        ('{"schema_version": 1}', "actions: Field required"),
        ('{"schema_version": 1, "actions": [{"title": "x"}]}', "action #1: id: Field required"),
        ('{"schema_version": 1, "actions": 3}', "actions: Input should be a valid list"),
    ],
)
def test_load_actions_errors_name_the_file(tmp_path, content, message):
    file = tmp_path / "actions.json"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(ActionsFileError) as caught:
        load_actions(tmp_path)
    assert isinstance(caught.value, UsageError) and isinstance(caught.value, ExtractError)
    assert str(file) in str(caught.value) and message in str(caught.value)
    assert caught.value.file == str(file)


def test_load_validates_through_the_models(tmp_path, edition):
    edition[1]["sdg_targets"][0]["status"] = "unnormalised"  # a draft status is not in the contract
    write_document(tmp_path / "actions.json", edition)
    with pytest.raises(ActionsFileError) as caught:
        load_actions(tmp_path)
    assert "action #2: sdg_targets.0.status:" in str(caught.value)


def test_titles_pair_by_the_one_fold_rule(edition):
    new = copy.deepcopy(edition)
    new[1]["title"] = "FEMMES ET MIGRATION !"  # case and punctuation: text.fold
    new[2]["title"] = "Lyon accueillé"  # accents: text.fold
    report = diff_actions(edition, new)
    assert [c.matched_by for c in report.changed] == ["title", "title"]


def test_same_basename_in_two_folders_is_not_paired(edition):
    moved = copy.deepcopy(edition[0])
    moved["source"]["file"] = f"2024/{FILE}"
    report = diff_actions([edition[0]], [moved])
    assert len(report.added) == 1 and len(report.removed) == 1
