"""The errors the desk can see.

Every error raised for the desk carries a message already translated into the current language,
written to say what to fix. The GUI shows ``str(error)``; the CLI prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import _


class PortineriaError(Exception):
    """Base class of errors whose message is meant for the person at the desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One thing to fix; ``field`` names the input it belongs to, so editors can show it inline."""

    field: str | None
    message: str


class ValidationError(PortineriaError):
    """The input cannot be saved as it is. Nothing was written."""

    def __init__(self, problems: Sequence[Problem] | str, *, field: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(field, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(problem.message for problem in self.problems))

    def for_field(self, field: str) -> list[str]:
        return [problem.message for problem in self.problems if problem.field == field]


class PermissionDenied(PortineriaError):
    """The user at the desk may not do this; the message says whom to ask."""


class NotFound(PortineriaError):
    """The record asked for does not exist (any more)."""


class LoginRefused(PortineriaError):
    """A wrong PIN, or a PIN tried again too soon; ``wait_seconds`` says how long to wait."""

    def __init__(self, message: str, *, wait_seconds: int = 0, wrong_pin: bool = False) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds
        self.wrong_pin = wrong_pin


class DatabaseProblem(PortineriaError):
    """The database file cannot be used as it is; it was left untouched."""


def record_gone() -> NotFound:
    return NotFound(_("This record no longer exists: refresh the list and try again."))
