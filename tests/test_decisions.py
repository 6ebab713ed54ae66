"""Reviewer decisions: pin and reject, folding of printed values, malformed files."""

from __future__ import annotations

import pytest

from extract.catalog import load_catalog
from extract.decisions import Decisions, load_decisions
from extract.errors import SettingsError
from extract.stages.normalise import normalise_action, review_rows
from tests.helpers import draft_action

HEADER = "kind,printed_code,printed,canonical\n"


def write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "decisions.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_missing_file_or_none_is_no_decisions(tmp_path):
    assert load_decisions(tmp_path / "absent.csv") == Decisions()
    assert load_decisions(None) == Decisions()


def test_pin_sdg_by_code_and_label_and_by_label_alone(tmp_path):
    path = write(tmp_path, "sdg,17.19,Lorem ipsum dolor,17.9\nsdg,,QUIS NOSTRUD,16.B\n")
    result = normalise_action(
        draft_action(
            targets=[("17.19", "lorem   ipsum, dolor"), ("4.1", "Quis nostrud"), ("17.18", "Lorem ipsum dolor")]
        ),
        decisions=load_decisions(path),
    )
    first, second, third = result.sdg_targets
    assert (first.code, first.goal, first.status, first.score) == ("17.9", 17, "decided", 100)
    assert first.label == load_catalog().targets["17.9"].titles["fr"]
    assert (second.code, second.status) == ("16.b", "decided")
    assert third.status == "review"  # the first decision is for printed code 17.19 only
    assert [row["printed_code"] for row in review_rows([result])] == ["17.18"]


def test_code_specific_decision_wins_over_any_code(tmp_path):
    path = write(tmp_path, "sdg,,Lorem ipsum,10.7\nsdg,16.16,Lorem ipsum,16.6\n")
    result = normalise_action(
        draft_action(targets=[("16.16", "Lorem ipsum"), ("3.1", "Lorem ipsum")]), decisions=load_decisions(path)
    )
    assert [t.code for t in result.sdg_targets] == ["16.6", "10.7"]


def test_reject_keeps_printed_values_as_decided(tmp_path):
    path = write(tmp_path, "sdg,16.16,Lorem ipsum,reject\nrecommendation,,Vivre ensemble,reject\n")
    result = normalise_action(
        draft_action(targets=[("16.16", "Lorem ipsum")], recommendations=["Vivre ensemble"]),
        decisions=load_decisions(path),
    )
    target, rec = result.sdg_targets[0], result.recommendations[0]
    assert (target.code, target.label, target.goal, target.status, target.score) == (
        "16.16",
        "Lorem ipsum",
        16,
        "decided",
        100,
    )
    assert (rec.id, rec.title, rec.status, rec.score) == ("", "Vivre ensemble", "decided", 100)
    assert review_rows([result]) == [] and result.warnings == []


def test_pin_recommendation_folds_the_printed_title(tmp_path):
    path = write(tmp_path, "recommendation,,Gouvernance locale des migrations,multilevel-governance\n")
    result = normalise_action(
        draft_action(recommendations=["GOUVERNANCE LOCALE DES MIGRATIONS"]), decisions=load_decisions(path)
    )
    rec = result.recommendations[0]
    assert (rec.id, rec.status, rec.title) == (
        "multilevel-governance",
        "decided",
        load_catalog().recommendation_titles["multilevel-governance"]["fr"],
    )


@pytest.mark.parametrize(
    "body,header,line,words",
    [
        ("", "kind,printed,canonical\n", 1, "header"),
        ("sdg,16.16,Lorem\n", HEADER, 2, "columns"),
        ("sdg,,Lorem,10.7\ncity,,Lyon,Lyon\n", HEADER, 3, "kind"),
        ("sdg,,Lorem,99.9\n", HEADER, 2, "unknown sdg"),
        ("recommendation,,Lorem,housing\n", HEADER, 2, "unknown recommendation"),
        ("recommendation,4.1,Lorem,health\n", HEADER, 2, "printed_code"),
        ("sdg,,  ,10.7\n", HEADER, 2, "empty"),
        ("sdg,,Lorem,10.7\n\nsdg,,LOREM,10.2\n", HEADER, 4, "contradicts"),
    ],
)
def test_malformed_file_names_file_and_line(tmp_path, body, header, line, words):
    path = write(tmp_path, body, header)
    with pytest.raises(SettingsError) as error:
        load_decisions(path)
    assert f"{path}:{line}:" in str(error.value) and words in str(error.value)
