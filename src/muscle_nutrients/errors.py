"""The library's exceptions: unknown names, bad data files, and records that do not validate."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DataError", "FieldError", "OverrideWarning", "RecordError", "UnknownNameError"]


class UnknownNameError(LookupError):
    """A name, id or alias that matches no record of the kind asked for.

    Attributes:
        key: The text that was looked up, as given (shortened if very long).
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
        shown = key if len(key) <= 80 else key[:77] + "..."
        message = f"unknown {kind} {shown!r}"
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

    #: Most problems the message lists (``problems`` holds them all).
    SHOWN = 200

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in knowledge-base data"
        lines = [f"  - {p}" for p in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"  ... and {count - self.SHOWN} more (all are in .problems)")
        super().__init__(head + ":\n" + "\n".join(lines))


class FieldError(ValueError):
    """One field of a record that does not hold an acceptable value.

    Attributes:
        field: The field's name, e.g. ``"aliases"``.
        index: The position of the offending item when the field is a list, else None.
        message: What was wrong, without the field's name.
    """

    field: str
    index: int | None
    message: str

    def __init__(self, field: str, message: str, index: int | None = None) -> None:
        self.field = field
        self.index = index
        self.message = message
        super().__init__(f"{self.path}: {message}")

    @property
    def path(self) -> str:
        """The field and, for a list, the item: ``"aliases[2]"``."""
        return self.field if self.index is None else f"{self.field}[{self.index}]"


class RecordError(ValueError, TypeError):
    """A record whose fields do not validate; every bad field is listed, not only the first.

    It is both a ``ValueError`` and a ``TypeError``: a wrong type and a bad value are each a
    reason a record cannot be made.

    Attributes:
        record: The record class's name.
        errors: One [FieldError][muscle_nutrients.errors.FieldError] per problem.
    """

    record: str
    errors: tuple[FieldError, ...]

    def __init__(self, record: str, errors: Sequence[FieldError]) -> None:
        self.record = record
        self.errors = tuple(errors)
        lines = "; ".join(str(e) for e in self.errors)
        super().__init__(f"invalid {record}: {lines}")


class OverrideWarning(UserWarning):
    """Issued when extending a knowledge base with ``override=True`` replaces a record."""
