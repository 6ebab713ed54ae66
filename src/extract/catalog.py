"""Canonical lists shipped in `extract/data/`: SDG goals and targets, brochure short labels,
MC2CM policy recommendations, a city gazetteer and country names.

Every comparison goes through `fold`, applied to both sides: the SDG source keeps French
text in NFD, Arabic tatweel, U+2010 hyphens and double spaces (see data/SOURCE.md).
The catalog is read once per process (`load_catalog` is cached) and is immutable.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.text import fold

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Target:
    """One SDG target: code (`16.6`), goal number and official title per language."""

    code: str
    goal: int
    titles: dict[str, str]


@dataclass(frozen=True)
class Label:
    """A text that names a canonical item (`key`): an official title, a short brochure
    label or a known variant, with its language and its folded form."""

    key: str
    lang: str
    text: str
    folded: str
    official: bool


@dataclass(frozen=True)
class CitySpelling:
    """One spelling of a gazetteer city, with its canonical English name and ISO country."""

    name: str
    country: str
    spelling: str
    folded: str


@dataclass(frozen=True)
class Catalog:
    """Everything normalisation compares against."""

    targets: dict[str, Target]
    goals: dict[int, dict[str, str]]
    goal_colours: dict[int, str]  # official SDG colour of each goal, `#RRGGBB`
    sdg_labels: tuple[Label, ...]
    recommendation_titles: dict[str, dict[str, str]]
    recommendation_labels: tuple[Label, ...]
    cities: tuple[CitySpelling, ...]
    countries: dict[str, str]
    country_names: dict[str, str]  # ISO code -> English name
    stopwords: frozenset[str]

    def sdg_texts(self, with_aliases: bool = True) -> tuple[Label, ...]:
        """Official target titles, plus brochure short labels when `with_aliases`."""
        return tuple(label for label in self.sdg_labels if with_aliases or label.official)


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV file, as dicts."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _label(key: str, lang: str, text: str, official: bool) -> Label:
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    return Label(key, lang, clean, fold(text), official)


def _targets() -> dict[str, Target]:
    return {
        row["code"]: Target(
            row["code"],
            int(row["goal"]),
            {lang: " ".join(unicodedata.normalize("NFC", row[f"lang_{lang}"]).split()) for lang in LANGUAGES},
        )
        for row in _rows("targets.csv")
    }


def _sdg_labels(targets: dict[str, Target]) -> tuple[Label, ...]:
    official = [_label(t.code, lang, t.titles[lang], True) for t in targets.values() for lang in LANGUAGES]
    aliases = [_label(row["code"], row["lang"], row["label"], False) for row in _rows("sdg_aliases.csv")]
    return tuple(official + aliases)


def _recommendations() -> tuple[dict[str, dict[str, str]], tuple[Label, ...]]:
    titles: dict[str, dict[str, str]] = {}
    labels = []
    for row in _rows("recommendations.csv"):
        canonical = row["kind"] == "canonical"
        if canonical:
            titles.setdefault(row["id"], {})[row["lang"]] = row["title"]
        labels.append(_label(row["id"], row["lang"], row["title"], canonical))
    return titles, tuple(labels)


def _stopwords() -> list[str]:
    lines = (DATA_DIR / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return [fold(line) for line in lines if line.strip() and not line.startswith("#")]


def _country_names() -> dict[str, str]:
    """English name of each ISO country code (the first English row of countries.csv)."""
    names: dict[str, str] = {}
    for row in _rows("countries.csv"):
        if row["lang"] == "en":
            names.setdefault(row["iso"], row["name"])
    return names


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Read the packaged data once; later calls return the same object."""
    targets = _targets()
    titles, recommendation_labels = _recommendations()
    return Catalog(
        targets=targets,
        goals={int(row["goal"]): {lang: row[f"lang_{lang}"] for lang in LANGUAGES} for row in _rows("goals.csv")},
        goal_colours={int(row["goal"]): row["colour_hex"] for row in _rows("goals.csv")},
        sdg_labels=_sdg_labels(targets),
        recommendation_titles=titles,
        recommendation_labels=recommendation_labels,
        cities=tuple(
            CitySpelling(row["name"], row["country"], row["spelling"], fold(row["spelling"]))
            for row in _rows("cities.csv")
        ),
        countries={fold(row["name"]): row["iso"] for row in _rows("countries.csv")},
        country_names=_country_names(),
        stopwords=frozenset(_stopwords()),
    )
