"""Why there is no route: which filter to relax, worded once for the API and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from supportladder.errors import NoPathError
from supportladder.graph import CareerGraph
from supportladder.model import Role
from supportladder.queries import _options
from supportladder.queries._engines import answer
from supportladder.queries._requests import Start, request_for

if TYPE_CHECKING:
    pass

__all__ = ["no_path", "no_route_text"]


def no_route_text(
    head: str,
    filters: Mapping[str, str],
    relax: Iterable[str],
    joined_bare: bool,
    name: Callable[[str], str] = str,
) -> str:
    """Return the sentence of a NoPathError; ``name`` shows an option (CLI: its flag)."""
    relax = list(relax)
    shown = ", ".join(f"{name(k)}={v}" for k, v in filters.items())
    if not filters:
        return (
            f"{head}: no sequence of moves leads there, so there is no filter to relax; "
            "pick another target or a graph with more moves"
        )
    if relax:
        return (
            f"{head} with {shown}; relax "
            + " or ".join(name(r) for r in relax)
            + " (a route exists without "
            + ("it" if len(relax) == 1 else "any one of them")
            + ")"
        )
    if joined_bare:
        return (
            f"{head} with {shown}; relax several of {', '.join(name(k) for k in filters)} "
            "(no single one is enough, but a route exists without them)"
        )
    return (
        f"{head} with {shown}: no route exists even without these filters, "
        "so relaxing them will not help; pick another target"
    )


def no_path(
    graph: CareerGraph,
    start: Start,
    target: Role,
    filters: _options.Filters,
) -> NoPathError:
    """Return a NoPathError naming both ends, the filters and which of them to relax.

    The error carries ``source``, ``target`` (ids), ``filters`` (``{option: value}``),
    ``relax`` (the options whose removal alone opens a route) and ``explain(name)``, which
    words the message with other names for the options (the CLI uses its flags).
    """
    active = filters.active()

    request = request_for(graph, start, filters)

    def joined(f: _options.Filters) -> bool:
        return answer(request.with_filters(f), lambda e: e.joined(target.id))

    relax = tuple(name for name in active if joined(filters.without(name)))
    joined_bare = bool(active) and not relax and joined(filters.bare())
    head = f"no route from {start.label} to {target.title} ({target.id}) in graph {graph.name!r}"
    return NoPathError(
        no_route_text(head, active, relax, joined_bare),
        source=start.node,
        target=target.id,
        filters=active,
        relax=relax,
        wording=lambda name: no_route_text(head, active, relax, joined_bare, name),
    )
