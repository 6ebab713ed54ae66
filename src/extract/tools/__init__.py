"""The CLI's tools beside extraction: diff two extractions, draw what the layout stage found on a page."""
