"""The library's exceptions: one for unknown names, one for bad data."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DataError", "OverrideWarning", "UnknownNameError"]


class UnknownNameError(LookupError):
    """A name, id or alias that matches no record of the kind asked for.

    Attributes:
        key: The text that was looked up, as given.
        kind: The kind of record that was searched (``"nutrient"``, ``"symptom"``, ...).
        suggestions: Display names of the closest known records, best first (may be empty).
    """

    key: str
    kind: str
    suggestions: tuple[str, ...]

    def __init__(self, key: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.kind = kind
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {key!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class DataError(ValueError):
    """Knowledge-base data that does not validate.

    Every problem found is collected before this is raised, so one error lists them all;
    nothing is half-loaded.

    Attributes:
        problems: One line per problem, each naming the file (when there is one), the JSON
            path and what was expected.
    """

    problems: tuple[str, ...]

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in knowledge-base data"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class OverrideWarning(UserWarning):
    """Issued when extending a knowledge base with ``override=True`` replaces a record."""
