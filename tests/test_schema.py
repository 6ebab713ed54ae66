"""JSON Schema of actions.json and validation of documents built from the models."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extract.models import SCHEMA_VERSION, ActionsDocument, City, Recommendation
from extract.schema import SCHEMA_ID, actions_json_schema, schema_text, validate_document
from tests.helpers import make_action, sdg_target


def sample_document() -> dict:
    """Two actions built from the models, dumped as actions.json would hold them."""
    first = make_action(
        page=3,
        file="actions-ciblees-fr.pdf",
        id="actions-ciblees-fr-p003",
        title="ACMALS",
        subtitle="Améliorer la coordination de la migration à Sfax",
        sdg_targets=[sdg_target("10.7", "Faciliter la migration")],
        objective="Mettre en place des mécanismes de coordination.",
        activities=["Organiser 3 formations", "Réaliser des visites d’échanges"],
        results=["Acteurs locaux formés"],
        recommendations=[
            Recommendation(
                id="participation",
                title="Accès à la participation",
                printed="Participation sociale",
                score=88.5,
                status="matched",
            )
        ],
        cities=[City(name="Sfax", country="TN")],
        country="TN",
    )
    second = make_action(
        page=4,
        file="actions-ciblees-fr.pdf",
        id="actions-ciblees-fr-p004",
        title="Lyon accueille",
        objective="Accueillir.",
        activities=["Ateliers"],
        results=["Accueil amélioré"],
        warnings=["sdg: printed code 10.8 corrected to 10.7"],
    )
    return ActionsDocument(actions=[first, second]).model_dump(mode="json")


def test_schema_has_identity_and_describes_actions():
    schema = actions_json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] and schema["description"]
    assert schema["required"] == ["actions"]
    assert schema["additionalProperties"] is False
    assert {"Action", "Source", "SdgTarget", "Recommendation", "City"} <= set(schema["$defs"])
    statuses = schema["$defs"]["SdgTarget"]["properties"]["status"]["enum"]
    assert statuses == ["exact", "corrected", "review", "decided"]
    assert "unnormalised" not in schema_text()  # drafts (before normalisation) are not outputs


def test_schema_text_is_deterministic_json():
    text = schema_text()
    assert text == schema_text()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert json.loads(text) == actions_json_schema()
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_sample_document_validates():
    data = sample_document()
    document = validate_document(data)
    assert document.schema_version == SCHEMA_VERSION
    assert [a.title for a in document.actions] == ["ACMALS", "Lyon accueille"]
    assert document.model_dump(mode="json") == data


def test_sample_document_survives_a_json_round_trip():
    data = json.loads(json.dumps(sample_document(), ensure_ascii=False))
    assert validate_document(data).actions[0].recommendations[0].status == "matched"


def test_document_without_actions_is_rejected():
    with pytest.raises(ValidationError, match="actions"):
        validate_document({"schema_version": SCHEMA_VERSION})


def test_document_with_extra_field_is_rejected():
    data = sample_document() | {"generated_by": "someone"}
    with pytest.raises(ValidationError, match="generated_by"):
        validate_document(data)


def test_action_with_extra_field_is_rejected():
    data = sample_document()
    data["actions"][0]["page"] = 3
    with pytest.raises(ValidationError, match="page"):
        validate_document(data)


@pytest.mark.parametrize("version", [0, 1, 3, "2"])
def test_other_schema_version_is_rejected(version):
    with pytest.raises(ValidationError, match="schema_version"):
        validate_document(sample_document() | {"schema_version": version})


def test_source_pages_default_to_the_one_page_and_start_at_page():
    from pydantic import ValidationError as PydanticError

    from extract.models import Source

    assert Source(file="a.pdf", sha256="0" * 64, page=3).pages == [3]
    assert Source(file="a.pdf", sha256="0" * 64, page=3, pages=[3, 4]).pages == [3, 4]
    for pages in ([4, 5], [3, 3], [4, 3]):
        with pytest.raises(PydanticError, match="pages"):
            Source(file="a.pdf", sha256="0" * 64, page=3 if pages != [4, 3] else 4, pages=pages)
