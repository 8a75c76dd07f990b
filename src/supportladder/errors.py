"""Exceptions raised by supportladder.

Every exception the library raises on purpose derives from :class:`SupportLadderError`,
so ``except supportladder.SupportLadderError`` catches them all.  Where networkx has a
matching exception, ours subclasses it too, so code written against networkx keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from supportladder._wording import show

__all__ = [
    "AmbiguousRoleError",
    "GraphFileError",
    "NoPathError",
    "Problem",
    "QueryArgumentError",
    "RoleNotFoundError",
    "SupportLadderError",
]


class SupportLadderError(Exception):
    """Root of every exception supportladder raises on purpose."""


class Problem:
    """One problem found in a graph file: where it is and what is wrong.

    Parameters
    ----------
    record : str
        The record the problem is in, e.g. ``'roles[3] (id "team-lead")'``, or ``""``
        for the file as a whole.
    message : str
        What is wrong and how to fix it.
    """

    __slots__ = ("message", "record")

    def __init__(self, record: str, message: str) -> None:
        self.record = record
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self.record!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.record, self.message) == (other.record, other.message)

    def __hash__(self) -> int:
        return hash((self.record, self.message))


# Every character str.splitlines() breaks on.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _one_line(text: str) -> str:
    """Escape line breaks so that each problem stays on one line of the message."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if ch in _LINE_BREAKS else ch for ch in text
    )


class GraphFileError(SupportLadderError, ValueError):
    """A graph file (or an in-memory graph) is not valid.

    All problems found are collected and reported at once; each line of the message
    names the file, the record and what to do about it.

    Attributes
    ----------
    path : str
        The file, or ``"<graph>"`` for a graph built in memory.
    problems : tuple of Problem
        Every problem found, in file order.
    """

    def __init__(self, path: str, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._format())

    def _format(self) -> str:
        count = len(self.problems)
        path = _one_line(self.path)
        head = f"{path}: {count} problem{'s' if count != 1 else ''} found"
        lines = [head]
        for problem in self.problems:
            record, message = _one_line(problem.record), _one_line(problem.message)
            where = f"{path}: {record}: " if record else f"{path}: "
            lines.append(f"  - {where}{message}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[GraphFileError], tuple[str, tuple[Problem, ...]]]:
        return (type(self), (self.path, self.problems))


class RoleNotFoundError(SupportLadderError, nx.NodeNotFound):  # type: ignore[misc]
    """A role reference (id, title or alias) matches no role of the graph.

    Attributes
    ----------
    ref : str
        The reference that was not found.
    suggestions : tuple of str
        Close matches among the graph's role ids, titles and aliases.
    """

    def __init__(self, ref: object, graph_name: str, suggestions: Sequence[str] = ()) -> None:
        self.ref = ref
        self.graph_name = graph_name
        self.suggestions = tuple(suggestions)
        if not isinstance(ref, str):
            super().__init__(
                f"a role is named by its id, title or alias (a string) or by a Role, "
                f"got {type(ref).__name__} {show(ref)}; graph {graph_name!r} has no such role"
            )
            return
        hint = (
            "did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
            if self.suggestions
            else "run `supportladder roles` to list the roles"
        )
        super().__init__(f"no role {ref!r} in graph {graph_name!r}; {hint}")

    def __reduce__(self) -> tuple[type[RoleNotFoundError], tuple[object, str, tuple[str, ...]]]:
        return (type(self), (self.ref, self.graph_name, self.suggestions))


class AmbiguousRoleError(RoleNotFoundError):
    """A role reference is a title or alias that several roles share.

    A :class:`RoleNotFoundError`, so code catching that keeps working.

    Attributes
    ----------
    candidates : tuple of str
        Every role the reference names, as ``"Title (id)"``.
    """

    def __init__(self, ref: str, graph_name: str, candidates: Sequence[str] = ()) -> None:
        self.ref = ref
        self.graph_name = graph_name
        self.suggestions = self.candidates = tuple(candidates)
        SupportLadderError.__init__(
            self,
            f"the name {ref!r} names {len(self.candidates)} roles in graph {graph_name!r}: "
            f"{', '.join(self.candidates)}; give the id of the one you mean",
        )


class NoPathError(SupportLadderError, nx.NetworkXNoPath):  # type: ignore[misc]
    """No route joins two roles under the filters given.

    Attributes
    ----------
    source, target : str or None
        The ends of the query (role ids; a profile start is ``"<profile>"``).
    filters : dict of str to str
        The filters that were in force, as ``{option: value}``.
    relax : tuple of str
        The options whose removal alone would open a route (empty if none would).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        target: str | None = None,
        filters: Mapping[str, str] | None = None,
        relax: Sequence[str] = (),
        wording: Callable[[Callable[[str], str]], str] | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.target = target
        self.filters = dict(filters or {})
        self.relax = tuple(relax)
        self._wording = wording

    def explain(self, name: Callable[[str], str] = str) -> str:
        """Return the message with each option shown as ``name(option)`` (e.g. a CLI flag)."""
        return self._wording(name) if self._wording is not None else str(self)


class QueryArgumentError(SupportLadderError, ValueError):
    """A query argument is not valid: an unknown kind, skill or requirement, a bad number.

    The message names the argument and the bad value, and says what is allowed.

    Attributes
    ----------
    argument : str or None
        The name of the argument at fault (``"max_step_cost"``), when there is one.

    Examples
    --------
    >>> from supportladder.errors import QueryArgumentError
    >>> message = "max_step_cost must be a number, got 'x'"
    >>> exc = QueryArgumentError(message, argument="max_step_cost")
    >>> exc.explain(lambda name: "--" + name.replace("_", "-"))
    "--max-step-cost must be a number, got 'x'"
    """

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument

    def explain(self, name: Callable[[str], str] = str) -> str:
        """Return the message with the argument shown as ``name(argument)`` (e.g. a CLI flag)."""
        message = str(self)
        if self.argument is None or not message.startswith(self.argument):
            return message
        return name(self.argument) + message[len(self.argument) :]

    def __reduce__(self) -> Any:
        return (_query_argument_error, (str(self), self.argument))


def _query_argument_error(message: str, argument: str | None) -> QueryArgumentError:
    return QueryArgumentError(message, argument=argument)
