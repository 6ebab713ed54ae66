"""brochure-extract: designed PDF brochures of action sheets -> validated, diffable JSON and CSV."""

__version__ = "0.1.0"
