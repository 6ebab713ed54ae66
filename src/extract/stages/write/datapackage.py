"""`datapackage.json`: a Frictionless Data Package describing every CSV table.

Field types, constraints (enums for statuses, ranges, patterns), primary keys and foreign keys
on `action_id` come from `columns.py`, so tools (frictionless, pandas via the README recipe, R)
read SDG codes as text and pages as integers. Deterministic: no timestamps, sorted keys.
"""

from __future__ import annotations

import json
from typing import Any

from extract.stages.write.columns import TABLES, Column, Table
from extract.stages.write.tables import CsvFormat

PACKAGE_NAME = "brochure-extract-actions"
PACKAGE_TITLE = "City actions extracted from PDF brochures"
PACKAGE_DESCRIPTION = (
    "Action sheets read from PDF brochures by brochure-extract: one row per action in actions.csv, "
    "joined on action_id to its SDG targets, activities, results, recommendations and cities; "
    "pages.csv says what happened to every page, review.csv lists values a person should check. "
    "Column meanings: docs/DATA.md."
)
PROFILE_PACKAGE = "tabular-data-package"
PROFILE_RESOURCE = "tabular-data-resource"
MISSING_VALUES = [""]


def field_descriptor(column: Column) -> dict[str, Any]:
    """A Table Schema field: name, type, description and constraints."""
    descriptor: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.constraints:
        descriptor["constraints"] = dict(column.constraints)
    return descriptor


def table_schema(table: Table) -> dict[str, Any]:
    """A Table Schema: fields, primary key, and the foreign key to actions.csv."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": MISSING_VALUES,
    }
    if table.references_actions:
        schema["foreignKeys"] = [
            {"fields": ["action_id"], "reference": {"resource": "actions", "fields": ["action_id"]}}
        ]
    return schema


def resource(table: Table, fmt: CsvFormat) -> dict[str, Any]:
    """A tabular data resource for `<table>.csv` written in `fmt`."""
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": PROFILE_RESOURCE,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if fmt.bom else "utf-8",
        "dialect": {"delimiter": fmt.delimiter, "header": True},
        "description": table.row[:1].upper() + table.row[1:] + ".",
        "schema": table_schema(table),
    }


def datapackage(fmt: CsvFormat) -> dict[str, Any]:
    """The whole descriptor (same for every extraction written in `fmt`)."""
    return {
        "profile": PROFILE_PACKAGE,
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "resources": [resource(t, fmt) for t in TABLES],
    }


def datapackage_text(fmt: CsvFormat) -> str:
    """`datapackage.json` as stable JSON text."""
    return json.dumps(datapackage(fmt), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
