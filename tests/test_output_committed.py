"""The committed output/ is valid against the committed schema (drift is checked by make check-output)."""

import json
from pathlib import Path

import jsonschema

from extract.schema import actions_json_schema, validate_document

OUTPUT = Path(__file__).parent.parent / "output"


def test_committed_schema_is_current():
    assert json.loads((OUTPUT / "actions.schema.json").read_text(encoding="utf-8")) == actions_json_schema()


def test_committed_actions_validate_against_schema():
    document = json.loads((OUTPUT / "actions.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(actions_json_schema()).validate(document)
    assert len(validate_document(document).actions) == 15
