"""datapackage.json: valid for frictionless, typed as documented, and catching broken data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from extract.stages.write.columns import TABLES
from extract.stages.write.datapackage import datapackage
from extract.stages.write.tables import CsvFormat

frictionless = pytest.importorskip("frictionless", reason="frictionless is a test extra: pip install -e '.[test]'")

ROOT = Path(__file__).parent.parent


def validate(folder: Path):
    return frictionless.validate(str(folder / "datapackage.json"))


def test_sample_package_is_valid(sample_outputs):
    report = validate(sample_outputs)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(TABLES)


def test_committed_output_package_is_valid():
    """What CI checks: `frictionless validate output/datapackage.json`."""
    report = validate(ROOT / "output")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_excel_dialect_package_is_valid(sample_result, tmp_path):
    from extract.stages.write import OutputOptions, write_outputs

    write_outputs(tmp_path, sample_result.actions, sample_result.pages, OutputOptions(fmt=CsvFormat.excel()))
    assert (tmp_path / "actions.csv").read_bytes().startswith("\ufeffaction_id;".encode())
    assert validate(tmp_path).valid


@pytest.mark.parametrize(
    "table, pattern, replacement, error",
    [
        ("sdg_targets", r"\nactions-ciblees-fr-p003,", "\nno-such-action,", "foreign-key"),
        ("sdg_targets", r",exact\n", ",approximate\n", "constraint-error"),
        ("pages", r"\.pdf,3,", ".pdf,three,", "type-error"),
        ("recommendations", r"\nactions-ciblees-fr-p003,2,", "\nactions-ciblees-fr-p003,1,", "primary-key"),
    ],
)
def test_broken_tables_are_invalid(sample_outputs, tmp_path, table, pattern, replacement, error):
    broken = tmp_path / "out"
    shutil.copytree(sample_outputs, broken)
    path = broken / f"{table}.csv"
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    report = validate(broken)
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}


def test_sdg_codes_are_strings_and_statuses_enums():
    resources = {r["name"]: r for r in datapackage(CsvFormat())["resources"]}
    fields = {f["name"]: f for f in resources["sdg_targets"]["schema"]["fields"]}
    assert fields["code"]["type"] == fields["printed_code"]["type"] == "string"
    assert "decided" in fields["status"]["constraints"]["enum"]
    assert resources["sdg_targets"]["schema"]["foreignKeys"][0]["reference"] == {
        "resource": "actions",
        "fields": ["action_id"],
    }
    assert all(f.get("description") for r in resources.values() for f in r["schema"]["fields"])


def test_committed_package_matches_the_code():
    committed = json.loads((ROOT / "output" / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datapackage(CsvFormat())


def readme_pandas_recipe() -> str:
    """The README's Python block that reads the tables with the data package's types."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    return next(b for b in blocks if "datapackage.json" in b)


def test_readme_pandas_recipe_keeps_codes_as_text(tmp_path, monkeypatch):
    out = tmp_path / "output"
    out.mkdir()
    (out / "datapackage.json").write_text(json.dumps(datapackage(CsvFormat())), encoding="utf-8")
    (out / "sdg_targets.csv").write_text(
        "action_id,position,code,goal,goal_title,label,printed_code,printed_label,score,status\n"
        "a,1,16.10,16,Paix,l,16.10,p,100.0,exact\n"
        "a,2,16.6,,,l,16.6,p,80.5,review\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(readme_pandas_recipe(), namespace)
    targets = namespace["read_table"]("sdg_targets")
    assert list(targets["code"]) == ["16.10", "16.6"]
    assert str(targets["goal"].dtype) == "Int64" and targets["goal"].isna().tolist() == [False, True]
    assert str(targets["score"].dtype) == "Float64"


def test_a_batch_without_actions_is_still_a_valid_package(tmp_path):
    from extract.models import PageRecord
    from extract.stages.write import OutputOptions, write_outputs

    failed = PageRecord(file="broken.pdf", status="file-failed", reason="not-pdf: not a PDF")
    write_outputs(tmp_path, [], [failed], OutputOptions(sqlite=True))
    assert validate(tmp_path).valid
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "file-failed: not-pdf<" in html and "Nothing to review." in html
