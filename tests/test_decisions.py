"""Reviewer decisions: pin and reject, folding of printed values, malformed files."""

from __future__ import annotations

import pytest

from extract.catalog import load_catalog
from extract.decisions import Decisions, load_decisions
from extract.errors import SettingsError
from extract.stages.normalise import normalise_action
from extract.stages.write.tables import review_rows
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


# --- A filled-in review.csv as the decisions file ----------------------------------------


def queue_file(tmp_path, actions, fill, encoding="utf-8", fmt=None):
    """review.csv of `actions` as the write stage makes it, with `fill(row index)` as each decision."""
    from extract.stages.write.columns import REVIEW
    from extract.stages.write.tables import CsvFormat, csv_text, grid

    rows = [{**row, "decision": fill(i)} for i, row in enumerate(review_rows(actions))]
    path = tmp_path / "decisions.csv"
    text = csv_text(grid(REVIEW, rows), fmt or CsvFormat())
    path.write_bytes(text.encode(encoding, errors="replace"))  # as Excel: "?" for what the code page lacks
    return path


def doubtful_draft():
    return draft_action(
        targets=[
            ("16.16", "Lorem ipsum dolor"),
            ("10.7", "Lorem ipsum sit amet"),
            ("17.19", "Quis nostrud exercitation"),
        ],
        recommendations=["Vivre ensemble au quotidien"],
    )


def doubtful_action():
    return normalise_action(doubtful_draft())


def test_queue_rows_say_which_need_an_answer():
    rows = review_rows([doubtful_action()])
    assert {(r["status"], r["answer"]) for r in rows} == {("review", "required")}
    assert all(r["decision"] == "" and r["candidates"] for r in rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("excel", [False, True])
def test_filled_queue_decides_every_row_and_leaves_the_queue_empty(tmp_path, encoding, excel):
    from extract.stages.write.tables import CsvFormat

    before = doubtful_action()
    decisions = {0: "16.6", 1: "ACCEPT", 2: "reject"}
    fill = lambda i: decisions.get(i, "accept")  # noqa: E731
    path = queue_file(tmp_path, [before], fill, encoding, CsvFormat(";", False) if excel else None)
    after = normalise_action(doubtful_draft(), decisions=load_decisions(path))
    assert review_rows([after]) == []
    first, second, third = after.sdg_targets
    assert (first.code, first.status) == ("16.6", "decided")
    assert (second.code, second.status) == ("10.7", "decided")  # accept: the chosen (printed, a real target)
    assert (third.code, third.label, third.status) == ("17.19", "Quis nostrud exercitation", "decided")
    rec = after.recommendations[0]
    assert (rec.id, rec.status) == (before.recommendations[0].id, "decided")  # accept: the best guess


def test_accepting_a_printed_code_that_is_no_target_keeps_it_as_printed(tmp_path):
    draft = draft_action(targets=[("99.9", "Lorem ipsum dolor")])
    path = queue_file(tmp_path, [normalise_action(draft)], lambda i: "accept")
    target = normalise_action(draft, decisions=load_decisions(path)).sdg_targets[0]
    assert (target.code, target.label, target.status) == ("99.9", "Lorem ipsum dolor", "decided")


def test_empty_decisions_are_not_decided(tmp_path):
    before = doubtful_action()
    path = queue_file(tmp_path, [before], lambda i: "")
    assert load_decisions(path) == Decisions()


def test_unknown_decision_in_queue_names_the_line(tmp_path):
    path = queue_file(tmp_path, [doubtful_action()], lambda i: "99.99")
    with pytest.raises(SettingsError, match=rf"{path}:2: unknown sdg '99.99'"):
        load_decisions(path)


def test_header_that_is_neither_layout_is_an_error(tmp_path):
    path = write(tmp_path, "", "action_id;kind;printed;decision\n")
    with pytest.raises(SettingsError, match="decision"):
        load_decisions(path)


def test_old_layout_saved_by_excel_still_loads(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_bytes("\ufeffkind;printed_code;printed;canonical\r\nsdg;;Créer des villes sûres;11.3\r\n".encode())
    assert load_decisions(path).for_sdg("4.4", "CREER des villes sures") == "11.3"


def test_printed_code_re_saved_as_a_number_still_matches(tmp_path):
    path = write(tmp_path, "sdg,17.1,Lorem ipsum dolor,17.9\nsdg,16.20,Quis nostrud,reject\n")
    result = normalise_action(
        draft_action(targets=[("17.10", "Lorem ipsum dolor"), ("17.1", "Lorem ipsum dolor"), ("16.2", "Quis nostrud")]),
        decisions=load_decisions(path),
    )
    assert [(t.code, t.status) for t in result.sdg_targets] == [
        ("17.9", "decided"),
        ("17.9", "decided"),
        ("16.2", "decided"),
    ]
    assert load_decisions(path).for_sdg("17.11", "Lorem ipsum dolor") is None
