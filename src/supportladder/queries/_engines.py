"""The one dispatch point of the queries: which engine answers a request.

A :class:`Request` says what a query needs: its graph and filters, its start (a role, a
skill profile, or none for whole-graph queries) and its ``max_steps``.  Each engine is a
function that *binds* a request — returns an :class:`Engine` for it, or ``None`` if it
cannot answer that kind of request — and :func:`answer` asks them in order:

1. the compiled core (:mod:`supportladder.queries._compiled.core`, SciPy on the CSR snapshot):
   role starts (or none) under any weight, skill-profile starts under the default or unit
   weight, any filters and ``max_steps``, where moves times routes asked for reach
   :data:`FAST_THRESHOLD`;
2. the reference (:mod:`supportladder.queries._reference`, pure Python, exact Fractions),
   which answers everything and is the oracle the property tests compare against.

The compiled core may find, while answering, that it cannot do so exactly (a float
shortest-path tree that is not exactly optimal, costs too large for 61-bit integers,
zero-cost moves): it raises :class:`~supportladder.queries._compiled.core.Fallback`, which is
caught here and nowhere else, and the reference answers.  Query functions hand
:func:`answer` a task written against :class:`Engine` and never know which engine ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from supportladder.errors import QueryArgumentError
from supportladder.queries import _reference as _paths
from supportladder.queries._compiled.core import Fallback
from supportladder.queries._options import Edge, Filters, Label

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph
    from supportladder.queries._compiled.core import FastView

__all__ = [
    "FAST_THRESHOLD",
    "REFERENCE_ROUTE_WORK",
    "Engine",
    "Reachable",
    "Request",
    "answer",
]

FAST_THRESHOLD: int = 2000
"""Requests whose moves times routes listed reach this go to the compiled core; below it,
the pure-Python reference, which is faster on small graphs.  Tests set it to 0 to run the
compiled core on every graph (and very high to run the reference alone)."""


@attrs.frozen(eq=False)
class Reachable:
    """The roles within a request's limits, by cost then role id; routes on demand."""

    roles: list[str]
    costs: list[float]  # the exact costs, rounded once
    routes: Callable[[], list[tuple[str, ...]]]  # never raises Fallback

    @classmethod
    def of(cls, found: list[tuple[str, Fraction, tuple[str, ...]]]) -> Reachable:
        """Return ``(role, exact cost, route)`` triples, in order, as a :class:`Reachable`."""
        routes = [roles for _, _, roles in found]
        return cls([r for r, _, _ in found], [float(c) for _, c, _ in found], lambda: routes)


REFERENCE_ROUTE_WORK: int = 200_000
"""The most ``k`` times moves the reference's k cheapest routes take on (its Yen's
algorithm runs one pure-Python search per route and role); larger requests are refused
up front, before any search."""

T = TypeVar("T")


@attrs.frozen(eq=False)
class Request:
    """What a query asks of an engine."""

    graph: CareerGraph
    filters: Filters
    node: str | None = None  # the start: a role id, or PROFILE; None for whole-graph queries
    profile: dict[str, float] | None = None
    max_steps: int | None = None
    routes: int = 1  # how many routes the query lists (alternative_paths' k)

    def with_filters(self, filters: Filters) -> Request:
        """Return the same request under other filters."""
        return attrs.evolve(self, filters=filters)


class Engine(Protocol):
    """A request bound to an engine: the operations the queries are built from."""

    @property
    def graph(self) -> CareerGraph:
        """The request's graph."""

    @property
    def profile(self) -> dict[str, float] | None:
        """The skill profile the request starts from, if any."""

    def edge(self, source: str, target: str) -> Edge:
        """Return one move of the request's view."""

    def shortest(self, target: str) -> Label | None:
        """Return the cheapest route to ``target`` (ties: role ids), or ``None``."""

    def k_shortest(self, target: str, k: int) -> list[Label]:
        """Return the ``k`` cheapest loop-free routes to ``target``, by (cost, role ids)."""

    def reach(self, budget: float | None) -> Reachable:
        """Return every role but the start within ``budget`` (and ``max_steps``)."""

    def joined(self, target: str) -> bool:
        """Return whether some route leads to ``target``."""

    def smoothest(self, target: str) -> Label:
        """Return the cheapest route among those whose costliest move is least."""

    def cuts(self, route: Sequence[str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Return the gateways and critical moves between ``route``'s ends."""

    def any_route(self, target: str) -> Sequence[str] | None:
        """Return some route to ``target`` (cheap to find), or ``None``."""

    def betweenness(self, sample: int | None, seed: int) -> dict[str, float]:
        """Return every role's normalised weighted betweenness."""

    def feeders(self, target: str) -> dict[str, Label]:
        """Return the cheapest route to ``target`` from every other role that reaches it
        (within ``max_steps``), by role."""


def _start(request: Request) -> str:
    assert request.node is not None  # route queries always have a start
    return request.node


class _Bound:
    """What both engines read off the request they are bound to."""

    def __init__(self, request: Request) -> None:
        self.request = request

    @property
    def graph(self) -> CareerGraph:
        return self.request.graph

    @property
    def profile(self) -> dict[str, float] | None:
        return self.request.profile


class _Reference(_Bound):
    """The pure-Python engine on a :class:`~supportladder.queries._reference.View`."""

    def __init__(self, request: Request) -> None:
        super().__init__(request)
        self.view = _paths.build_view(request.graph, request.filters, profile=request.profile)

    def edge(self, source: str, target: str) -> Edge:
        return self.view.edge(source, target)

    def shortest(self, target: str) -> Label | None:
        return _paths.search(self.view, _start(self.request), target=target).get(target)

    def k_shortest(self, target: str, k: int) -> list[Label]:
        moves = sum(len(out) for out in self.view.out.values())
        if k > 1 and k * moves > REFERENCE_ROUTE_WORK:
            most = max(1, REFERENCE_ROUTE_WORK // max(moves, 1))
            raise QueryArgumentError(
                f"k must be at most {most:,} here, got {k:,}: this request (a skill-profile "
                "start under a callable or custom weight, or costs the compiled core cannot "
                f"sum exactly) runs on the pure-Python engine, which takes k x moves up to "
                f"{REFERENCE_ROUTE_WORK:,} ({moves:,} moves pass the filters); ask for fewer "
                "routes, or start from a role with the default weight"
            )
        return _paths.k_shortest(self.view, _start(self.request), target, k)

    def reach(self, budget: float | None) -> Reachable:
        start = _start(self.request)
        labels = _paths.search(
            self.view,
            start,
            budget=None if budget is None else Fraction(budget),
            max_steps=self.request.max_steps,
        )
        found = [(role, exact, roles) for role, (exact, roles) in labels.items() if role != start]
        found.sort(key=lambda item: (item[1], item[0]))
        return Reachable.of(found)

    def joined(self, target: str) -> bool:
        return self.shortest(target) is not None

    def smoothest(self, target: str) -> Label:
        start = _start(self.request)
        bound = _paths.minimax_bound(self.view, start, target)
        assert bound is not None  # callers ask only where a route exists
        return _paths.search(self.view.restrict(bound), start, target=target)[target]

    def cuts(self, route: Sequence[str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        gates = _paths.gateways(self.view, route[0], route[-1])
        return gates, _paths.critical_edges(self.view, route)

    def any_route(self, target: str) -> Sequence[str] | None:
        found = self.shortest(target)
        return None if found is None else found[1]

    def betweenness(self, sample: int | None, seed: int) -> dict[str, float]:
        import networkx as nx

        scores: dict[str, float] = nx.betweenness_centrality(
            self.view.to_networkx(), k=sample, seed=seed, weight="cost", normalized=True
        )
        return scores

    def feeders(self, target: str) -> dict[str, Label]:
        return _paths.feeders(self.view, target, self.request.max_steps)


class _Compiled(_Bound):
    """The compiled engine on a :class:`~supportladder.queries._compiled.core.FastView`."""

    def __init__(self, request: Request, fv: FastView) -> None:
        super().__init__(request)
        self.fv = fv

    def edge(self, source: str, target: str) -> Edge:
        return self.fv.edge(source, target)

    def shortest(self, target: str) -> Label | None:
        from supportladder.queries._compiled import core as fast

        return fast.shortest(self.fv, _start(self.request), target)

    def k_shortest(self, target: str, k: int) -> list[Label]:
        from supportladder.queries._compiled import kpaths

        if k == 1:  # one tree search, as shortest_path does
            found = self.shortest(target)
            return [] if found is None else [found]
        return kpaths.k_shortest(self.fv, _start(self.request), target, k)

    def reach(self, budget: float | None) -> Reachable:
        from supportladder.queries._compiled import kpaths
        from supportladder.queries._compiled import reach as reach_core

        start = _start(self.request)
        if self.request.max_steps is not None:
            steps = self.request.max_steps
            return Reachable.of(kpaths.reach_within_steps(self.fv, start, budget, steps))
        found = reach_core.reach(self.fv, start, budget)
        return Reachable(found.roles(), found.costs(), found.routes)

    def joined(self, target: str) -> bool:
        from supportladder.queries._compiled import bottlenecks

        return bottlenecks.joined(self.fv, _start(self.request), target)

    def smoothest(self, target: str) -> Label:
        from supportladder.queries._compiled import bottlenecks
        from supportladder.queries._compiled import core as fast

        start = _start(self.request)
        bound = bottlenecks.minimax_bound(self.fv, start, target)
        assert bound is not None  # callers ask only where a route exists
        found = fast.shortest(self.fv.restrict(bound), start, target)
        assert found is not None
        return found

    def cuts(self, route: Sequence[str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        from supportladder.queries._compiled import bottlenecks

        return bottlenecks.cuts(self.fv, route)

    def any_route(self, target: str) -> Sequence[str] | None:
        from supportladder.queries._compiled import bottlenecks

        return bottlenecks.any_route(self.fv, _start(self.request), target)

    def betweenness(self, sample: int | None, seed: int) -> dict[str, float]:
        from supportladder.queries._compiled import betweenness

        return betweenness.betweenness(self.fv, sample, seed)

    def feeders(self, target: str) -> dict[str, Label]:
        from supportladder.queries._compiled import feeders

        if self.request.max_steps is not None:
            raise Fallback  # hop-bounded feeders: the reference's search from each role
        return feeders.feeders(self.fv, target)


def _compiled(request: Request) -> Engine | None:
    """Bind the compiled core, or ``None`` for a request it does not take."""
    if len(request.graph.transitions) * request.routes < FAST_THRESHOLD:
        return None  # too little work to pay for compiling the graph
    weight = request.filters.weight
    if request.profile is not None and not (weight is None or weight == "weight"):
        return None  # a custom weight of a profile's moves is left to the reference
    from supportladder.queries._compiled import core as fast

    if request.profile is not None:
        fv = fast.profile_view(request.graph, request.filters, request.profile)
        return _Compiled(request, fv)
    return _Compiled(request, fast.view(request.graph, request.filters))


def _reference(request: Request) -> Engine:
    return _Reference(request)


ENGINES: tuple[Callable[[Request], Engine | None], ...] = (_compiled, _reference)
"""The engines, in the order they are asked."""


def answer(request: Request, task: Callable[[Engine], T]) -> T:
    """Return ``task(engine)`` for the first engine that binds ``request`` and finishes.

    Every query goes through here; :class:`Fallback` is caught here only.
    """
    for bind in ENGINES:
        try:
            engine = bind(request)
            if engine is not None:
                return task(engine)
        except Fallback:
            continue
    raise AssertionError("the reference engine answers every request")  # pragma: no cover
