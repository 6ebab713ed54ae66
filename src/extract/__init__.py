"""brochure-extract: designed PDF brochures of action sheets -> validated, diffable JSON and CSV."""

__version__ = "0.1.0"

# Version of the actions.json contract: a renamed or removed field bumps it.
SCHEMA_VERSION = 1
