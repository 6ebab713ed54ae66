"""Typed errors carrying file and page; the CLI alone turns them into messages and exit codes."""

from __future__ import annotations


class ExtractError(Exception):
    """Base of every error brochure-extract raises on purpose."""


class SettingsError(ExtractError):
    """A settings file or value is invalid (names the key)."""


class UsageError(ExtractError):
    """The command line asks for something impossible (exit code 2)."""


class FileFailed(ExtractError):
    """A whole input file cannot be read. `kind` is a short class of reason."""

    def __init__(self, file: str, reason: str, kind: str = "unreadable") -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.kind = kind


class PageSkipped(ExtractError):
    """A page is not (or not completely) an action sheet; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
