"""JSON Schema of `actions.json`, generated from the pydantic models (the single source of truth).

`brochure-extract schema` prints `schema_text()`; analysts validate `actions.json` with any
JSON Schema (2020-12) validator, tests with `validate_document`.
"""

from __future__ import annotations

import json
from typing import Any

from extract.models import SCHEMA_VERSION, ActionsDocument

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:brochure-extract:actions-json:v{SCHEMA_VERSION}"
SCHEMA_TITLE = "brochure-extract actions.json"
SCHEMA_DESCRIPTION = (
    "Action sheets extracted from PDF brochures of MC2CM city actions: one object per action "
    "page, with its source (file, sha256, 1-based page), title, SDG targets, objective, "
    "activities, results, MC2CM policy recommendations, cities and country. "
    f"schema_version {SCHEMA_VERSION}; a renamed or removed field bumps it."
)


def actions_json_schema() -> dict[str, Any]:
    """The JSON Schema of `actions.json`, with `$schema`, `$id`, title and description."""
    schema = ActionsDocument.model_json_schema()
    header = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": SCHEMA_TITLE,
        "description": SCHEMA_DESCRIPTION,
    }
    return {**header, **{k: v for k, v in schema.items() if k not in header}}


def schema_text() -> str:
    """The schema as stable JSON text (sorted keys, 2-space indent, UTF-8, final newline)."""
    return json.dumps(actions_json_schema(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def validate_document(data: dict[str, Any]) -> ActionsDocument:
    """Validate a decoded `actions.json`; raises `pydantic.ValidationError` when it is invalid."""
    return ActionsDocument.model_validate(data)
