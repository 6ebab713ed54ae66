"""The CLI: exit codes, outputs, determinism, help and README coverage."""

import json
import shutil
from pathlib import Path

import pytest

from extract.cli import build_parser, main
from tests.helpers import SAMPLE_PDF

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(SAMPLE_PDF), "--out", str(out), "-q"]) == 0
    return out


def test_extract_writes_every_output(sample_out):
    names = {p.name for p in sample_out.iterdir()}
    assert {
        "actions.json",
        "actions.schema.json",
        "actions.csv",
        "sdg_targets.csv",
        "activities.csv",
        "results.csv",
        "recommendations.csv",
        "pages.csv",
        "review.csv",
    } <= names
    document = json.loads((sample_out / "actions.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 2 and len(document["actions"]) == 15
    pages = (sample_out / "pages.csv").read_text(encoding="utf-8").splitlines()
    assert pages[0] == "file,page,status,reason,action_id,coverage,position" and len(pages) == 20


def test_same_input_same_bytes(sample_out, tmp_path):
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "-q"]) == 0
    for path in sample_out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_pdfium_reader_writes_the_same_bytes(sample_out, tmp_path):
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "--reader", "pdfium", "--no-cache", "-q"]) == 0
    for path in sample_out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_unknown_reader_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "--reader", "ghostscript"])
    assert info.value.code == 2 and not any(tmp_path.iterdir())


def test_failed_file_exits_1_and_keeps_the_rest(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE_PDF, inputs / "good.pdf")
    (inputs / "bad.pdf").write_bytes(b"this is not a pdf")
    assert main(["extract", str(inputs), "--out", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "bad.pdf: not a PDF" in err and len(err.strip().splitlines()) == 1
    document = json.loads((tmp_path / "out" / "actions.json").read_text(encoding="utf-8"))
    assert len(document["actions"]) == 15
    assert "bad.pdf,,file-failed,not-pdf: not a PDF" in (tmp_path / "out" / "pages.csv").read_text(encoding="utf-8")


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.pdf"), "--out", str(tmp_path)]) == 2
    assert "nope.pdf: no such file or folder" in capsys.readouterr().err


def test_excel_csv_has_bom_and_semicolons(tmp_path):
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "-q", "--excel"]) == 0
    raw = (tmp_path / "pages.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"file;page;status" in raw


def test_diff_exit_codes(sample_out, tmp_path, capsys):
    assert main(["diff", str(sample_out), str(sample_out)]) == 0
    document = json.loads((sample_out / "actions.json").read_text(encoding="utf-8"))
    document["actions"][0]["title"] = "Autre titre"
    edited = tmp_path / "actions.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    assert main(["diff", str(sample_out), str(edited)]) == 1
    assert main(["diff", str(sample_out), str(tmp_path / "missing")]) == 2


def test_schema_prints_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "actions" in schema["properties"]


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub, sub.choices


def test_every_command_has_help_and_is_in_readme():
    sub, choices = _commands()
    helps = {a.dest: a.help for a in sub._choices_actions}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in choices:
        assert helps.get(name), f"{name} has no help"
        assert f"brochure-extract {name}" in readme, f"README does not document {name}"


def test_debug_draws_a_png_and_summarises(tmp_path, capsys):
    out = tmp_path / "p3.png"
    assert main(["debug", str(SAMPLE_PDF), "--page", "3", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    printed = capsys.readouterr().out
    assert "4 SDG target(s)" in printed and "regions objective, activities, results, recommendations" in printed
    assert "coverage 1.00" in printed


def test_debug_draws_the_items_the_segment_stage_returned(tmp_path):
    from extract.tools.debug import debug_page

    report = debug_page(SAMPLE_PDF, 3, tmp_path / "p3.png")
    fields = report.fields
    assert [len(fields.spans[k]) for k in ("activities", "results", "recommendations")] == [
        len(fields.activities),
        len(fields.results),
        len(fields.recommendations),
    ]
    assert {r.kind for r in report.layout.regions} == {"objective", "activities", "results", "recommendations"}


def test_extract_prints_pages_with_warnings(tmp_path, capsys):
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "--no-cache"]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    warned = [line for line in lines if "page(s) with warnings" in line]
    assert len(warned) == 1 and "actions-ciblees-fr.pdf p" in warned[0]


def test_debug_on_skipped_page_says_why(tmp_path, capsys):
    assert main(["debug", str(SAMPLE_PDF), "--page", "1", "--out", str(tmp_path / "p1.png")]) == 0
    assert "skipped: no action blocks" in capsys.readouterr().out


def test_debug_unknown_page_is_usage_error(tmp_path):
    assert main(["debug", str(SAMPLE_PDF), "--page", "99", "--out", str(tmp_path / "x.png")]) == 2


def test_xlsx_has_a_sheet_per_table(tmp_path):
    import openpyxl

    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "-q", "--xlsx"]) == 0
    book = openpyxl.load_workbook(tmp_path / "actions.xlsx", read_only=True)
    assert {"actions", "sdg_targets", "activities", "results", "recommendations", "pages"} <= set(book.sheetnames)
    assert book["actions"].max_row == 16


def test_tests_cache_outside_the_repository():
    """conftest points the default cache at a temporary folder: `make test` leaves `.cache/` alone."""
    from extract.batch.cache import DEFAULT_CACHE_DIR

    assert DEFAULT_CACHE_DIR.is_absolute() and not DEFAULT_CACHE_DIR.resolve().is_relative_to(ROOT.resolve())
