"""brochure-extract: designed PDF brochures of action sheets -> validated, diffable JSON and CSV.

The flow, top to bottom (each arrow a pure function; nothing imports back up):

    cli ──> batch.run ──> batch.workers ──> batch.pipeline (one file) ──> batch.cache
                                              │
    stages:  read ─> layout ─> segment ─> validate ─> normalise ─> write
             PDF     blocks    fields     Action      canonical    JSON / CSV
    tools:   diff (two outputs), debug (draws what layout found)
    shared:  models, schema, geometry, settings, errors, text, catalog, decisions, files

See docs/ARCHITECTURE.md for what each module holds.
"""

from typing import Final

__version__ = "0.1.0"

# Version of the actions.json contract: a renamed or removed field bumps it.
SCHEMA_VERSION: Final = 2
