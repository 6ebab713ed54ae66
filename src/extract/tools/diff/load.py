"""Loading an `actions.json` (or an output folder) for diff, checking what diff relies on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.errors import UsageError
from extract.models import SCHEMA_VERSION

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
    """The actions of an output folder (its `actions.json`) or of an `actions.json` file."""
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
    return _checked_actions(data, file)


def _checked_actions(data: Any, file: Path) -> list[dict]:
    """The `actions` list of a decoded document, after checking what diff relies on."""
    if not isinstance(data, dict):
        raise ActionsFileError(file, "not an actions document (expected a JSON object)")
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        expected = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ActionsFileError(file, f"unsupported schema_version {version!r} (expected {expected})")
    actions = data.get("actions")
    if not isinstance(actions, list):
        raise ActionsFileError(file, "'actions' must be a list")
    for number, action in enumerate(actions, start=1):
        problem = _action_problem(action)
        if problem:
            raise ActionsFileError(file, f"action #{number}: {problem}")
    return [upgraded(a) for a in actions] if version == 1 else actions


def upgraded(action: dict) -> dict:
    """A schema-1 action in schema-2 form: its one page listed in `source.pages`."""
    source = action["source"]
    if "pages" in source or not isinstance(source.get("page"), int):
        return action
    return {**action, "source": {**source, "pages": [source["page"]]}}


def _action_problem(action: Any) -> str | None:
    """Why an action cannot be diffed (no title or source file), or None."""
    if not isinstance(action, dict):
        return "not a JSON object"
    if not isinstance(action.get("title"), str):
        return "missing 'title'"
    source = action.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("file"), str):
        return "missing 'source.file'"
    return None
