"""The one-file review loop, end to end: review.csv filled in, saved as Excel does, re-run."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from extract.cli import main

EXCEL_ENCODING = "utf-8-sig"  # Excel's "CSV UTF-8": a BOM
EXCEL_DELIMITER = ";"  # French-locale Excel
EXCEL_LINE_END = "\r\n"


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def save_like_excel(rows: list[dict], path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=EXCEL_DELIMITER, lineterminator=EXCEL_LINE_END)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(EXCEL_ENCODING))


def extract(inputs, out, cache, *extra) -> None:
    assert main(["extract", str(inputs), "--out", str(out), "-q", "--cache-dir", str(cache), *extra]) == 0


def candidate_codes(cell: str) -> list[str]:
    return [part.split(" (", 1)[0] for part in cell.split(" | ")]


@pytest.fixture
def raw(tmp_path, sample_pdf):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(sample_pdf, folder / sample_pdf.name)
    return folder


def test_filled_review_csv_saved_by_excel_decides_every_item_and_empties_the_queue(tmp_path, raw):
    extract(raw, tmp_path / "out1", tmp_path / "cache")
    queue = read_csv(tmp_path / "out1" / "review.csv")
    assert len(queue) >= 3 and all(row["decision"] == "" for row in queue)
    first, second, third, *rest = queue
    first["decision"] = "accept"
    second["decision"] = candidate_codes(second["candidates"])[1]  # not the chosen value
    third["decision"] = "reject"
    for row in rest:
        row["decision"] = "accept"
    save_like_excel(queue, raw / "decisions.csv")  # the default decisions file: raw/decisions.csv

    extract(raw, tmp_path / "out2", tmp_path / "cache")
    assert read_csv(tmp_path / "out2" / "review.csv") == []
    targets = {(r["action_id"], r["position"]): r for r in read_csv(tmp_path / "out2" / "sdg_targets.csv")}
    recommendations = {(r["action_id"], r["position"]): r for r in read_csv(tmp_path / "out2" / "recommendations.csv")}
    for row in queue:
        table = targets if row["kind"] == "sdg" else recommendations
        item = table[(row["action_id"], row["position"])]
        assert item["status"] == "decided"
        value = item["code"] if row["kind"] == "sdg" else item["id"]
        expected = {"accept": row["chosen"], "reject": row["printed_code"]}.get(row["decision"], row["decision"])
        assert value == expected


def test_a_partly_filled_queue_keeps_the_undecided_rows(tmp_path, raw):
    extract(raw, tmp_path / "out1", tmp_path / "cache")
    queue = read_csv(tmp_path / "out1" / "review.csv")
    queue[0]["decision"] = "accept"
    decisions = tmp_path / "my-decisions.csv"
    save_like_excel(queue, decisions)
    extract(raw, tmp_path / "out2", tmp_path / "cache", "--decisions", str(decisions))
    left = read_csv(tmp_path / "out2" / "review.csv")
    assert [(r["action_id"], r["kind"], r["position"]) for r in left] == [
        (r["action_id"], r["kind"], r["position"]) for r in queue[1:]
    ]


def test_review_candidates_setting_reaches_review_csv(tmp_path, raw):
    settings = tmp_path / "one.toml"
    settings.write_text("[match]\nreview_candidates = 1\n", encoding="utf-8")
    extract(raw, tmp_path / "default", tmp_path / "cache")
    extract(raw, tmp_path / "one", tmp_path / "cache", "--settings", str(settings))
    default = read_csv(tmp_path / "default" / "review.csv")
    one = read_csv(tmp_path / "one" / "review.csv")
    assert [len(candidate_codes(r["candidates"])) for r in one] == [1] * len(one)
    assert [len(candidate_codes(r["candidates"])) for r in default] == [3] * len(default)


def test_default_decisions_file_is_in_the_input_folder_then_beside_it(tmp_path, raw):
    from extract.batch.run import default_decisions

    assert default_decisions([raw]) is None
    (tmp_path / "decisions.csv").write_text("kind,printed_code,printed,canonical\n", encoding="utf-8")
    assert default_decisions([raw]) == (tmp_path / "decisions.csv").resolve()
    (raw / "decisions.csv").write_text("kind,printed_code,printed,canonical\n", encoding="utf-8")
    assert default_decisions([raw]) == default_decisions([next(raw.glob("*.pdf"))]) == (raw / "decisions.csv").resolve()
