"""Loading an `actions.json` (or an output folder) for diff, validated by the output models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from extract.errors import UsageError
from extract.models import SCHEMA_VERSION, ActionsDocument

ACTIONS_FILE = "actions.json"
# Versions diff reads: 1 (one page per action) is read as 2 with `source.pages` = [page].
READABLE_VERSIONS = (1, SCHEMA_VERSION)


class ActionsFileError(UsageError):
    """An `actions.json` given to diff is missing, not JSON or not a supported document."""

    def __init__(self, file: str | Path, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = str(file)
        self.reason = reason


def load_actions(path: str | Path) -> list[dict]:
    """The actions of an output folder (its `actions.json`) or of an `actions.json` file, validated
    by the output models (`ActionsDocument`), as JSON dicts."""
    file = Path(path)
    if file.is_dir():
        file = file / ACTIONS_FILE
    if not file.is_file():
        raise ActionsFileError(file, "no such file")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ActionsFileError(file, f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ActionsFileError(file, f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ActionsFileError(file, "not an actions document (expected a JSON object)")
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        expected = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ActionsFileError(file, f"unsupported schema_version {version!r} (expected {expected})")
    try:
        document = ActionsDocument.model_validate(upgraded(data) if version == 1 else data)
    except ValidationError as exc:
        raise ActionsFileError(file, first_problem(exc)) from exc
    return [action.model_dump(mode="json") for action in document.actions]


def upgraded(data: dict) -> dict:
    """A schema-1 document in schema-2 form: each action's one page listed in `source.pages`
    (by the model's default), the version number raised."""
    return {**data, "schema_version": SCHEMA_VERSION}


def first_problem(error: ValidationError) -> str:
    """The first validation error as one line: `action #N: field.path: message`."""
    first = error.errors()[0]
    loc = list(first["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "actions" and isinstance(loc[1], int):
        where = f"action #{loc[1] + 1}: "
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    return f"{where}{field + ': ' if field else ''}{first['msg']}"
