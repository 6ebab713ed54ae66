"""Reading a settings file, and one-line messages for the values it gets wrong.

A message names the key as in the file (`[run] workers`), what the field allows (its type and
range, read from the model) and the value given, so the user can fix the file without the docs.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import AfterValidator, BaseModel
from pydantic_core import ErrorDetails

from extract.errors import SettingsError


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a UTF-8 TOML file; unreadable, undecodable or invalid is a `SettingsError`."""
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"{path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


# --- one-line messages from pydantic errors ------------------------------------------------------

_SHOWN_CHARS = 40  # a bad value is quoted up to this many characters


def describe_error(error: ErrorDetails, root: type[BaseModel]) -> str:
    """`[section] key: what is allowed, got what` for the first validation error."""
    loc = error["loc"]
    section = str(loc[0])
    if len(loc) == 1:
        if error["type"] == "extra_forbidden":
            return f"[{section}]: unknown section{_suggest(section, root)}"
        return f"[{section}]: expected a table of keys, got {_shown(error['input'])}"
    section_model = root.model_fields[section].annotation
    key = str(loc[1])
    where = f"[{section}] {key}" + "".join(f"[{part!r}]" for part in loc[2:])
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key{_suggest(key, section_model)}"
    reason = f" ({error['ctx']['error']})" if error["type"] == "value_error" else ""
    return f"{where}: expected {allowed(section_model, key)}, got {_shown(error['input'])}{reason}"


def _suggest(name: str, model: Any) -> str:
    """The closest known name, else the list of known names."""
    known = sorted(model.model_fields)
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(known)})"


def _shown(value: Any) -> str:
    """The bad value as written in TOML terms, cut short (a 400-digit integer stays one line)."""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, bool)) else repr(value)
    return text if len(text) <= _SHOWN_CHARS else f"{text[: _SHOWN_CHARS - 3]}... ({len(text)} chars)"


_KINDS = {bool: "true or false", int: "an integer", float: "a finite number", str: "a string"}
_BOUNDS = ((Gt, ">", "gt"), (Ge, ">=", "ge"), (Lt, "<", "lt"), (Le, "<=", "le"))


def allowed(model: Any, key: str) -> str:
    """What a field accepts, from its type and range: 'a finite number > 0 and <= 86400'."""
    info = model.model_fields[key]
    annotation = info.annotation
    if any(isinstance(m, AfterValidator) for m in info.metadata):
        kind = "a regular expression"
    elif annotation in _KINDS:
        kind = _KINDS[annotation]
    elif get_origin(annotation) is dict:
        kind = "a table of lists of non-empty strings (one list per language)"
    elif get_args(annotation) and get_origin(get_args(annotation)[0]) is Literal:
        kind = "a list of: " + ", ".join(get_args(get_args(annotation)[0]))
    else:
        kind = "a list of non-empty strings"
    bounds = [
        f"{symbol} {_number(getattr(m, attr))}"
        for m in info.metadata
        for kind_type, symbol, attr in _BOUNDS
        if isinstance(m, kind_type)
    ]
    return kind + (" " + " and ".join(bounds) if bounds else "")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
