"""Which roles and moves a diagram shows: a focus role, a route and its context, kinds, tracks."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from supportladder.errors import SupportLadderError
from supportladder.graph import CareerGraph
from supportladder.model import Role, Transition

__all__ = ["DiagramTooLargeError", "Selection", "select"]


class DiagramTooLargeError(SupportLadderError, ValueError):
    """A graph (or the part asked for) has too many roles to draw legibly at the size given.

    The message names what was asked, and the options that draw part of the graph:
    ``focus=`` (with ``radius=``), ``path=`` with ``context=``, ``kinds=``, ``tracks=``,
    or a larger ``figsize=``.
    """

    def __init__(self, what: str, size: tuple[float, float]) -> None:
        self.what = what
        self.size = size
        super().__init__(self.explain())

    def explain(self, name: Callable[[str], str] = lambda option: f"{option}=") -> str:
        """Return the message, each option shown as ``name(option)`` (e.g. a CLI flag)."""
        w, h = self.size
        return (
            f"{self.what}: too many to draw legibly (text of 8 pt or more) on {w:g} x {h:g} in; "
            f"draw part of it with {name('focus')}ROLE and {name('radius')}N, "
            f"{name('path')}... with {name('context')}N, {name('kinds')} or {name('tracks')}, "
            f"or give a larger {name('figsize')}"
        )

    def __reduce__(self) -> tuple[type[DiagramTooLargeError], tuple[str, tuple[float, float]]]:
        return (DiagramTooLargeError, (self.what, self.size))


class Selection(NamedTuple):
    """The roles and moves to draw, in graph order."""

    roles: tuple[Role, ...]
    moves: tuple[Transition, ...]


def _check_radius(name: str, value: object) -> int:
    if isinstance(value, bool) and name == "context":
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError(f"{name}: expected a whole number of moves from 0 to 100, got {value!r}")
    return value


def _around(
    graph: CareerGraph, start: Iterable[str], radius: int, moves: Sequence[Transition]
) -> set[str]:
    near: dict[str, set[str]] = {role.id: set() for role in graph.roles}
    for move in moves:
        near[move.source].add(move.target)
        near[move.target].add(move.source)
    seen = set(start)
    frontier = set(seen)
    for _ in range(radius):
        frontier = {n for rid in frontier for n in near[rid]} - seen
        seen |= frontier
    return seen


def _check_tracks(graph: CareerGraph, tracks: Iterable[str] | str) -> set[str]:
    chosen = {tracks} if isinstance(tracks, str) else set(tracks)
    known = sorted({role.track for role in graph.roles})
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ValueError(
            f"tracks: {', '.join(map(repr, unknown))} not a track of graph {graph.name!r}; "
            "use any of " + ", ".join(map(repr, known))
        )
    return chosen


def select(
    graph: CareerGraph,
    *,
    kinds: Sequence[str],
    route: Sequence[str],
    focus: str | Role | None,
    radius: int,
    context: int | bool | None,
    tracks: Iterable[str] | str | None,
) -> Selection:
    """Return the roles and moves a diagram shows.

    ``focus`` keeps the roles within ``radius`` moves of it; ``context`` keeps the route's
    roles and those within ``context`` moves of it (both, when both are given); ``tracks``
    keeps roles of these tracks (and the route's).  Moves are those of ``kinds`` between
    kept roles, plus the route's own.
    """
    moves = [m for m in graph.transitions if m.kind in kinds]
    keep: set[str] | None = None
    if focus is not None:
        keep = _around(graph, [graph.role(focus).id], _check_radius("radius", radius), moves)
    if context is not None and context is not False:
        if not route:
            raise ValueError("context: needs a path= to draw the context of")
        near = _around(graph, route, _check_radius("context", context), moves)
        keep = near if keep is None else keep | near
    if tracks is not None:
        chosen = _check_tracks(graph, tracks)
        in_tracks = {r.id for r in graph.roles if r.track in chosen}
        keep = in_tracks if keep is None else keep & in_tracks
    if keep is not None:
        keep |= set(route)
    roles = tuple(r for r in graph.roles if keep is None or r.id in keep)
    ids = {r.id for r in roles}
    on_route = set(itertools.pairwise(route))
    drawn = tuple(
        m
        for m in graph.transitions
        if m.source in ids and m.target in ids and (m.kind in kinds or m.key in on_route)
    )
    return Selection(roles, drawn)
