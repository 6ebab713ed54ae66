"""Settings validate themselves: every bad value is a one-line usage error naming the key."""

import re
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract import settings as settings_module
from extract.cli import main
from extract.errors import SettingsError
from extract.settings import LayoutSettings, MatchSettings, RunSettings, Settings

FOUR_HUNDRED_DIGITS = "1" + "0" * 399

# (file content, the key the message must name, what it must say is allowed)
BAD_FILES = {
    "negative timeout": (b"[run]\nfile_timeout_s = -1\n", "[run] file_timeout_s", "> 0 and <= 86400"),
    "nan timeout": (b"[run]\nfile_timeout_s = nan\n", "[run] file_timeout_s", "finite number"),
    "inf timeout": (b"[run]\nfile_timeout_s = inf\n", "[run] file_timeout_s", "finite number"),
    "400-digit timeout": (f"[run]\nfile_timeout_s = {FOUR_HUNDRED_DIGITS}\n".encode(), "[run] file_timeout_s", "<="),
    "400-digit memory": (f"[run]\nfile_memory_mb = {FOUR_HUNDRED_DIGITS}\n".encode(), "[run] file_memory_mb", "<="),
    "negative workers": (b"[run]\nworkers = -3\n", "[run] workers", "an integer >= 0"),
    "fractional workers": (b"[run]\nworkers = 2.5\n", "[run] workers", "an integer"),
    "bool for integer": (b"[run]\nworkers = true\n", "[run] workers", "an integer"),
    "date for number": (b"[run]\nfile_timeout_s = 1979-05-27\n", "[run] file_timeout_s", "finite number"),
    "string for number": (b'[layout]\nbar_slack = "2"\n', "[layout] bar_slack", "finite number"),
    "negative gutter": (b"[layout]\ncolumn_gutter_min = -5\n", "[layout] column_gutter_min", ">= 0"),
    "bool as string": (b'[match]\nsdg_use_aliases = "no"\n', "[match] sdg_use_aliases", "true or false"),
    "bool as number": (b"[match]\nsdg_use_aliases = 0\n", "[match] sdg_use_aliases", "true or false"),
    "bad code regex": (b'[layout]\nsdg_code_pattern = "(10"\n', "[layout] sdg_code_pattern", "regular expression"),
    "bad numbering regex": (b'[segment]\nnumbering_pattern = "[a-"\n', "[segment] numbering_pattern", "regular"),
    "string for list": (b'[layout]\nfurniture = "FOOTER"\n', "[layout] furniture", "list of non-empty strings"),
    "unknown city field": (b'[match]\ncity_fields = ["town"]\n', "[match] city_fields", "title, subtitle"),
    "unknown key": (b"[layout]\ncolumn_gutter = 3\n", "[layout] column_gutter", "column_gutter_min"),
    "unknown section": (b"[layuot]\nbar_slack = 3\n", "[layuot]", "layout"),
    "section not a table": (b"layout = 3\n", "[layout]", "table"),
    "non-UTF-8 file": (b"[layout]\n# caf\xe9\ncolumn_gutter_min = 5\n", "not UTF-8", "0xe9"),
    "invalid TOML": (b"[layout\ncolumn_gutter_min = 5\n", "not valid TOML", "line 1"),
}


@pytest.mark.parametrize("content, key, allowed", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_settings_file_is_a_usage_error_before_any_work(content, key, allowed, sample_pdf, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    out = tmp_path / "out"
    argv = ["extract", str(sample_pdf), "--out", str(out), "--settings", str(path), "--cache-dir", str(tmp_path / "c")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert str(path) in err and key in err and allowed in err, err
    assert not out.exists() and not (tmp_path / "c").exists()


def test_bad_settings_for_debug_is_a_usage_error(sample_pdf, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_bytes(b"[layout]\nrule_max_width = -1\n")
    png = tmp_path / "p.png"
    assert main(["debug", str(sample_pdf), "--page", "3", "--out", str(png), "--settings", str(path)]) == 2
    assert "[layout] rule_max_width" in capsys.readouterr().err and not png.exists()


@pytest.mark.parametrize("value", ["-3", "1025", "two"])
def test_bad_worker_count_is_a_usage_error(value, sample_pdf, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(sample_pdf), "--out", str(tmp_path / "out"), "--workers", value])
    assert stop.value.code == 2 and "--workers: expected an integer >= 0" in capsys.readouterr().err


def test_missing_settings_file_names_it(tmp_path):
    with pytest.raises(SettingsError, match=r"nope\.toml: cannot read settings"):
        Settings.load(tmp_path / "nope.toml")


def test_docstring_example_loads(tmp_path):
    doc = settings_module.__doc__ or ""
    example = "\n".join(line[4:] for line in doc.splitlines() if line.startswith("    "))
    assert tomllib.loads(example), "the docstring has no indented TOML example"
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded != Settings()
    for section, values in tomllib.loads(example).items():
        for key, value in values.items():
            got = getattr(getattr(loaded, section), key)
            assert got == (value if not isinstance(value, dict) else {k: tuple(v) for k, v in value.items()})


def test_override_keeps_other_defaults_and_types():
    loaded = Settings.load({"layout": {"column_gutter_min": 6}, "match": {"city_fields": ["title"]}})
    assert loaded.layout.column_gutter_min == 6.0 and isinstance(loaded.layout.column_gutter_min, float)
    assert loaded.match.city_fields == ("title",)
    assert loaded.layout.model_copy(update={"column_gutter_min": 4.0}) == LayoutSettings()
    assert loaded.read == Settings().read


def test_load_takes_sections_as_dicts_or_models():
    assert Settings.load({"run": RunSettings(workers=2)}).run.workers == 2
    assert Settings.load({"layout": {"furniture": ("FOOTER",)}}).layout.furniture == ("FOOTER",)
    assert Settings.load(None) == Settings() and Settings.load(Settings()) == Settings()


def test_settings_are_frozen():
    with pytest.raises(ValidationError):
        Settings().run.workers = 4  # type: ignore[misc]


def test_direct_construction_validates_too():
    with pytest.raises(ValidationError):
        RunSettings(file_timeout_s=float("inf"))
    with pytest.raises(ValidationError):
        MatchSettings(review_candidates=0)


def test_defaults_lie_in_their_own_ranges():
    defaults = Settings()
    assert Settings.model_validate(defaults.model_dump()) == defaults


def test_fingerprint_follows_every_value():
    base = Settings()
    assert base.fingerprint() == Settings().fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", base.fingerprint())
    changed = Settings.load({"segment": {"compound_prefixes": ["anti"]}})
    assert changed.fingerprint() != base.fingerprint()


def test_readme_example_loads(tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", readme, flags=re.DOTALL)
    path = tmp_path / "readme.toml"
    path.write_text(example, encoding="utf-8")
    assert Settings.load(path).headers.results["fr"] == ("RESULTATS", "IMPACTS")
