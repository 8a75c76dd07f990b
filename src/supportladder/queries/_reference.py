"""Route algorithms behind :mod:`supportladder.queries`.

Everything works on a :class:`View`: the moves of a career graph that pass the query's
filters, each with its cost under the query's ``weight``, built once per query.

Costs are summed exactly (as :class:`fractions.Fraction` of the float step costs), so two
routes of equal cost compare equal whatever order their steps are added in, and ties are
broken by comparing the routes' role-id tuples.  Every search below is therefore
deterministic: among the cheapest routes it returns the one whose sequence of role ids is
lexicographically smallest.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from supportladder._checks import MAX_ROUTE_COST
from supportladder.model import NO_REQUIREMENTS
from supportladder.queries._options import (
    PROFILE,
    PROFILE_KIND,
    Edge,
    Filters,
    Label,
    avoided,
    cost_of,
)

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "View",
    "build_view",
    "critical_edges",
    "feeders",
    "gateways",
    "k_shortest",
    "minimax_bound",
    "search",
]


@attrs.frozen(eq=False)
class View:
    """The moves of a graph that pass a query's filters, by source, sorted by target id."""

    graph: CareerGraph
    filters: Filters
    out: Mapping[str, Sequence[Edge]]
    has_profile: bool

    def edge(self, source: str, target: str) -> Edge:
        for e in self.out.get(source, ()):
            if e.target == target:
                return e
        raise KeyError((source, target))  # pragma: no cover - callers pass route moves

    def edges(self) -> Iterable[Edge]:
        for moves in self.out.values():
            yield from moves

    def restrict(self, max_cost: float) -> View:
        """Return the view without the moves costlier than ``max_cost``."""
        out = {u: [e for e in moves if e.cost <= max_cost] for u, moves in self.out.items()}
        return attrs.evolve(self, out=out)

    def to_networkx(self, *, include_profile: bool = True) -> nx.DiGraph:
        """Return the view as a DiGraph with exact ``cost`` on every edge."""
        # Nodes and edges go in sorted by id: networkx's results can depend on insertion
        # order (betweenness with zero-cost moves does), and this keeps them deterministic.
        g = nx.DiGraph()
        g.add_nodes_from(sorted(r.id for r in self.graph.roles))
        if include_profile and self.has_profile:
            g.add_node(PROFILE)
        edges = sorted(self.edges(), key=lambda e: (e.source, e.target))
        for e in edges:
            if include_profile or e.source != PROFILE:
                g.add_edge(e.source, e.target, cost=e.exact)
        return g


def build_view(
    graph: CareerGraph, filters: Filters, *, profile: Mapping[str, float] | None = None
) -> View:
    """Return the moves of ``graph`` that pass ``filters`` (plus a profile's virtual moves).

    A profile's virtual moves go to every role, cost ``graph.delta(profile, role)[0]`` under
    the default weight, match every kind filter and have no requirements; ``weight`` (with
    ``u`` = :data:`PROFILE`) and ``max_step_cost`` apply to them as to any move.
    """
    digraph = graph._digraph()
    limit = MAX_ROUTE_COST / max(1, len(graph.roles))  # a route has fewer moves than roles
    moves_costs = graph.move_costs()
    out: dict[str, list[Edge]] = {}
    for i, move in enumerate(graph.transitions):
        if filters.kinds is not None and move.kind not in filters.kinds:
            continue
        if filters.avoid is not None and avoided(move.requirements, filters.avoid):
            continue
        data = digraph.adj[move.source][move.target]
        costs = cost_of(filters.weight, move.source, move.target, data, limit)
        if costs is None:
            continue
        if filters.max_step_cost is not None and costs[0] > filters.max_step_cost:
            continue
        out.setdefault(move.source, []).append(
            Edge(
                move.source, move.target, move.kind, *costs, moves_costs.gaps(i), move.requirements
            )
        )
    if profile is not None:
        virtual: list[Edge] = []
        profile_moves = graph.profile_costs(profile)
        for j, role in enumerate(graph.roles):
            base, gaps = float(profile_moves.weight[j]), profile_moves.gaps(j)
            data = {
                "kind": PROFILE_KIND,
                "weight": base,
                "gaps": [g.to_dict() for g in gaps],
                "requirements": {},
                "advantages": {},
            }
            costs = cost_of(filters.weight, PROFILE, role.id, data, limit)
            if costs is None:
                continue
            if filters.max_step_cost is not None and costs[0] > filters.max_step_cost:
                continue
            virtual.append(Edge(PROFILE, role.id, PROFILE_KIND, *costs, gaps, NO_REQUIREMENTS))
        out[PROFILE] = virtual
    for moves in out.values():
        moves.sort(key=lambda e: e.target)
    return View(graph, filters, out, profile is not None)


# ---------------------------------------------------------------------- searches
def search(
    view: View,
    source: str,
    *,
    target: str | None = None,
    banned_nodes: Iterable[str] = (),
    banned_edges: Iterable[tuple[str, str]] = (),
    budget: Fraction | None = None,
    max_steps: int | None = None,
) -> dict[str, Label]:
    """Return the cheapest route to every role reached: ``{role: (exact cost, roles)}``.

    Dijkstra keyed on ``(exact cost, role-id tuple)``: among the cheapest routes to a role
    the lexicographically smallest one wins, so the result does not depend on insertion
    order.  With ``max_steps`` the search runs over (role, moves so far) states: a role's
    route is the cheapest one of at most ``max_steps`` moves.  Stops once ``target`` is
    settled; routes never repeat a role.
    """
    nodes = frozenset(banned_nodes)
    edges = frozenset(banned_edges)
    best: dict[str, Label] = {}
    depth_of: dict[str, int] = {}
    heap: list[Label] = [(Fraction(0), (source,))]
    while heap:
        cost, path = heapq.heappop(heap)
        node = path[-1]
        depth = len(path) - 1
        seen = depth_of.get(node)
        if seen is not None and (max_steps is None or seen <= depth):
            continue
        depth_of[node] = depth
        if node not in best:
            best[node] = (cost, path)
        if node == target:
            break
        if max_steps is not None and depth >= max_steps:
            continue
        for e in view.out.get(node, ()):
            v = e.target
            if v in nodes or (node, v) in edges:
                continue
            settled = depth_of.get(v)
            if settled is not None and (max_steps is None or settled <= depth + 1):
                continue
            total = cost + e.exact
            if budget is not None and total > budget:
                continue
            heapq.heappush(heap, (total, (*path, v)))
    return best


def k_shortest(view: View, source: str, target: str, k: int) -> list[Label]:
    """Return the ``k`` cheapest loop-free routes (Yen), ordered by (cost, role ids)."""
    first = search(view, source, target=target).get(target)
    if first is None:
        return []
    found: list[Label] = [first]
    candidates: list[Label] = []
    seen = {first[1]}
    while len(found) < k:
        _, prev = found[-1]
        root_cost = Fraction(0)
        for i in range(len(prev) - 1):
            spur = prev[i]
            root = prev[: i + 1]
            if i:
                root_cost += view.edge(prev[i - 1], spur).exact
            banned_edges = {(p[i], p[i + 1]) for _, p in found if p[: i + 1] == root}
            spur_label = search(
                view, spur, target=target, banned_nodes=root[:-1], banned_edges=banned_edges
            ).get(target)
            if spur_label is None:
                continue
            path = root[:-1] + spur_label[1]
            if path not in seen:
                seen.add(path)
                heapq.heappush(candidates, (root_cost + spur_label[0], path))
        if not candidates:
            break
        found.append(heapq.heappop(candidates))
    return found


def minimax_bound(view: View, source: str, target: str) -> float | None:
    """Return the least possible cost of a route's costliest move (``None``: no route)."""
    if source == target:
        return 0.0
    done: set[str] = set()
    heap: list[tuple[float, str]] = [(0.0, source)]
    while heap:
        bound, node = heapq.heappop(heap)
        if node in done:
            continue
        if node == target:
            return bound
        done.add(node)
        for e in view.out.get(node, ()):
            if e.target not in done:
                heapq.heappush(heap, (max(bound, e.cost), e.target))
    return None


def _reaches(view: View, source: str, *, skip: tuple[str, str] | None = None) -> set[str]:
    seen = {source}
    stack = [source]
    while stack:
        u = stack.pop()
        for e in view.out.get(u, ()):
            if (u, e.target) != skip and e.target not in seen:
                seen.add(e.target)
                stack.append(e.target)
    return seen


def gateways(view: View, source: str, target: str) -> tuple[str, ...]:
    """Return the roles other than the ends on every route, in route order (dominators)."""
    reverse: dict[str, list[str]] = {}
    for e in view.edges():
        reverse.setdefault(e.target, []).append(e.source)
    can_reach = {target}
    stack = [target]
    while stack:
        v = stack.pop()
        for u in reverse.get(v, ()):
            if u not in can_reach:
                can_reach.add(u)
                stack.append(u)
    g = nx.DiGraph()
    g.add_node(source)
    g.add_edges_from(
        (e.source, e.target)
        for e in view.edges()
        if e.source in can_reach and e.target in can_reach
    )
    idom = nx.immediate_dominators(g, source)
    chain: list[str] = []
    node = target
    while node != source:
        node = idom[node]
        if node != source:
            chain.append(node)
    return tuple(reversed(chain))


def critical_edges(view: View, route: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Return the moves of ``route`` without which its ends are no longer joined.

    A move on every route is on this one in particular, so checking the route's own moves
    finds them all, in route order.
    """
    source, target = route[0], route[-1]
    return tuple(
        (u, v)
        for u, v in itertools.pairwise(route)
        if target not in _reaches(view, source, skip=(u, v))
    )


def feeders(view: View, target: str, max_steps: int | None) -> dict[str, Label]:
    """Return the cheapest route to ``target`` from every other role that reaches it.

    A reverse breadth-first search finds the roles within ``max_steps`` moves of the target
    (all that reach it, without a bound); each is then searched from, as a route query.
    """
    into: dict[str, list[str]] = {}
    for e in view.edges():
        into.setdefault(e.target, []).append(e.source)
    seen, frontier, depth = {target}, [target], 0
    while frontier and (max_steps is None or depth < max_steps):
        frontier = [u for v in frontier for u in into.get(v, ()) if u not in seen]
        seen.update(frontier)
        depth += 1
    found: dict[str, Label] = {}
    for role in sorted(seen - {target}):
        label = search(view, role, target=target, max_steps=max_steps).get(target)
        if label is not None:
            found[role] = label
    return found
