"""Field types of the settings sections and their strict, frozen base model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(str(exc)) from exc  # the message says where the pattern breaks
    return pattern


# Field types. Every section is strict (see Section), so a plain `bool`, `int` or `float` field
# is already checked the same way; these names say it where a field is declared.
Flag = Annotated[bool, Strict()]  # `true` / `false` only: "no" and 0 are rejected
Count = Annotated[int, Strict()]  # a whole number (not 2.0, not true); give it a range to bound its size
Number = Annotated[float, Strict()]  # an int or float literal; nan and inf rejected (see Section)
Regex = Annotated[str, Strict(), AfterValidator(_compiles)]
Phrase = Annotated[str, Strict(), Field(min_length=1)]
Phrases = tuple[Phrase, ...]
PerLanguage = dict[str, Phrases]  # language code -> phrases
ActionField = Literal["title", "subtitle", "objective", "activities", "results"]


class Section(BaseModel):
    """Frozen, no unknown keys, strict types (no "no" for a bool, no 2.5 for an int), finite
    numbers, defaults checked against their own ranges."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False, validate_default=True)
