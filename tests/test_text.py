"""Text helpers: folding for comparisons, cleaning and item-end stripping for output."""

import pytest

from extract.settings import SegmentSettings
from extract.text import clean, fold, strip_item_end

SEG = SegmentSettings()


def test_clean_folds_spaces_and_ligatures():
    assert clean("ef\ufb01cace\u00a0 et  \ufb02ux\u200b ") == "efficace et flux"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Organiser des ateliers ;", "Organiser des ateliers"),
        ("Un centre.", "Un centre"),
        ("Item,", "Item"),
        ("Sans ponctuation", "Sans ponctuation"),
    ],
)
def test_strip_item_end(text, expected):
    assert strip_item_end(text, SEG.item_end_punctuation) == expected


def test_fold_drops_accents_case_punctuation():
    assert fold("Résultats  attendus :") == fold("RESULTATS ATTENDUS") == "resultats attendus"
