"""The CLI's tools beside extraction: diff two extractions, draw what the layout stage found on a page."""

DEBUG_RESOLUTION = 110  # pixels per inch of `debug` pictures (here so the CLI reads it without drawing code)
