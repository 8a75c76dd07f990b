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
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import networkx as nx

from supportladder import weights
from supportladder._checks import MAX_ROUTE_COST, suggest
from supportladder._wording import show as _show
from supportladder.errors import QueryArgumentError
from supportladder.model import KINDS, REQUIREMENT_NAMES, Gap, Requirements

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "OBSERVED_WEIGHTS",
    "PROFILE",
    "PROFILE_KIND",
    "Edge",
    "Filters",
    "Label",
    "View",
    "WeightSpec",
    "build_view",
    "check_count",
    "check_kinds",
    "check_number",
    "critical_edges",
    "gateways",
    "k_shortest",
    "make_filters",
    "minimax_bound",
    "normalize_profile",
    "search",
]

PROFILE: Final = "<profile>"
"""The virtual start node of a query whose source is a skill profile (never a role id)."""

PROFILE_KIND: Final = "profile"
"""The kind of the virtual moves out of a skill profile."""

WeightSpec: TypeAlias = str | Callable[[str, str, dict[str, Any]], float | None] | None
Label: TypeAlias = tuple[Fraction, tuple[str, ...]]

OBSERVED_WEIGHTS: Final = ("observed", "months")
"""Edge attributes only observed moves have; a query by one of them hides the others."""


# ---------------------------------------------------------------------- argument checks
def check_number(name: str, value: object, *, minimum: float = 0.0) -> float:
    """Return ``value`` as a float if it is a finite number >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QueryArgumentError(
            f"{name} must be a number, got {type(value).__name__} {_show(value)}", argument=name
        )
    if isinstance(value, int) and abs(value) > 1e308:
        raise QueryArgumentError(
            f"{name} must be a finite number of at least {minimum:g} and below 1e308, "
            f"got {_show(value)}",
            argument=name,
        )
    if not math.isfinite(value) or value < minimum:
        raise QueryArgumentError(
            f"{name} must be a finite number of at least {minimum:g}, got {_show(value)}",
            argument=name,
        )
    return float(value)


def check_count(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int:
    """Return ``value`` if it is a whole number >= ``minimum`` (and <= ``maximum``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryArgumentError(
            f"{name} must be a whole number, got {type(value).__name__} {_show(value)}",
            argument=name,
        )
    if value < minimum:
        raise QueryArgumentError(
            f"{name} must be at least {minimum}, got {_show(value)}", argument=name
        )
    if maximum is not None and value > maximum:
        raise QueryArgumentError(
            f"{name} must be at most {maximum:,}, got {_show(value)}: a graph can hold more "
            "loop-free routes than any query could list, so ask for fewer",
            argument=name,
        )
    return value


def _items(name: str, value: object, accepted: str) -> list[object]:
    """Return the items of a collection argument; refuse anything that is not one."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping | bytes) or not isinstance(value, Iterable):
        raise QueryArgumentError(
            f"{name} must be {accepted}, got {type(value).__name__} {_show(value)}",
            argument=name,
        )
    return list(value)


def check_kinds(kinds: Iterable[str] | None) -> frozenset[str] | None:
    """Return the kinds of move asked for (``None`` for all): the one check of ``kinds``."""
    if kinds is None:
        return None
    accepted = "a kind or a list of kinds (" + ", ".join(repr(k) for k in KINDS) + ")"
    chosen: list[str] = []
    for kind in _items("kinds", kinds, accepted):
        if not isinstance(kind, str) or kind not in KINDS:
            raise QueryArgumentError(
                f"kinds: unknown kind {_show(kind)}; use one or more of "
                + ", ".join(repr(k) for k in KINDS)
                + suggest(str(kind), KINDS),
                argument="kinds",
            )
        chosen.append(kind)
    if not chosen:
        raise QueryArgumentError(
            "kinds is empty, so no move would pass; give at least one of "
            + ", ".join(repr(k) for k in KINDS)
            + " (or None for all)",
            argument="kinds",
        )
    return frozenset(chosen)


_ANY: Final = object()


def _check_avoid(
    avoid: Iterable[str] | Mapping[str, object] | None,
) -> tuple[tuple[str, object], ...] | None:
    if avoid is None:
        return None
    if isinstance(avoid, Mapping):
        items: list[tuple[object, object]] = list(avoid.items())
    else:
        accepted = (
            "a requirement name, a list of them or a mapping of name to value ("
            + ", ".join(repr(n) for n in REQUIREMENT_NAMES)
            + ")"
        )
        items = [(name, _ANY) for name in _items("avoid", avoid, accepted)]
    out: list[tuple[str, object]] = []
    for name, value in items:
        if not isinstance(name, str) or name not in REQUIREMENT_NAMES:
            raise QueryArgumentError(
                f"avoid: unknown requirement {_show(name)}; use one of "
                + ", ".join(repr(n) for n in REQUIREMENT_NAMES)
                + suggest(str(name), REQUIREMENT_NAMES),
                argument="avoid",
            )
        if value is None:
            value = _ANY
        out.append((name, value))
    return tuple(out)


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return a == b


def _avoided(requirements: Requirements, avoid: tuple[tuple[str, object], ...]) -> bool:
    """Return whether every way to meet ``requirements`` needs something ``avoid`` names."""
    return all(_option_avoided(option, avoid) for option in requirements.options())


def _option_avoided(requirements: Requirements, avoid: tuple[tuple[str, object], ...]) -> bool:
    for name, wanted in avoid:
        have = getattr(requirements, name)
        if have in (None, ()):
            continue
        if wanted is _ANY:
            return True
        if name == "certifications":
            options = [wanted] if isinstance(wanted, str) else list(wanted)  # type: ignore[call-overload]
            if any(_same(c, o) for c in have for o in options):
                return True
        elif _same(have, wanted):
            return True
    return False


def _describe_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@attrs.frozen
class Filters:
    """The filters of one query, checked."""

    kinds: frozenset[str] | None = None
    max_step_cost: float | None = None
    avoid: tuple[tuple[str, object], ...] | None = None
    weight: WeightSpec = "weight"

    def active(self) -> dict[str, str]:
        """Return the filters that can hide moves, as ``{argument: shown value}``."""
        out: dict[str, str] = {}
        if self.kinds is not None:
            out["kinds"] = ",".join(k for k in KINDS if k in self.kinds)
        if self.max_step_cost is not None:
            out["max_step_cost"] = f"{self.max_step_cost:g}"
        if self.avoid is not None:
            out["avoid"] = ",".join(
                name if value is _ANY else f"{name}={_describe_value(value)}"
                for name, value in self.avoid
            )
        if callable(self.weight):
            out["weight"] = getattr(self.weight, "__name__", "callable")
        return out

    def without(self, name: str) -> Filters:
        """Return these filters with one of them dropped (``weight`` back to the default)."""
        if name == "weight":
            return attrs.evolve(self, weight="weight")
        return attrs.evolve(self, **{name: None})

    def bare(self) -> Filters:
        """Return no filters at all, keeping a non-callable weight."""
        weight = self.weight if not callable(self.weight) else "weight"
        return Filters(weight=weight)


def make_filters(
    *,
    kinds: Iterable[str] | None,
    max_step_cost: float | None,
    avoid: Iterable[str] | Mapping[str, object] | None,
    weight: WeightSpec,
) -> Filters:
    """Check the shared query options and return them as :class:`Filters`."""
    if weight is not None and not isinstance(weight, str) and not callable(weight):
        raise QueryArgumentError(
            f"weight must be an edge attribute name, a callable f(u, v, data) or None, "
            f"got {_show(weight)}",
            argument="weight",
        )
    return Filters(
        kinds=check_kinds(kinds),
        max_step_cost=(
            None if max_step_cost is None else check_number("max_step_cost", max_step_cost)
        ),
        avoid=_check_avoid(avoid),
        weight=weight,
    )


def normalize_profile(graph: CareerGraph, profile: Mapping[Any, Any]) -> dict[str, float]:
    """Return a skill profile with every level as a number on the graph's scale."""
    known = [s.id for s in graph.skills]
    out: dict[str, float] = {}
    for skill, level in profile.items():
        if skill not in known:
            raise QueryArgumentError(
                f"profile: unknown skill {_show(skill)}; graph {graph.name!r} has the skills "
                + ", ".join(known)
                + suggest(str(skill), known),
                argument="profile",
            )
        try:
            out[skill] = graph.scale.value(level)
        except (TypeError, ValueError) as exc:
            raise QueryArgumentError(
                f"profile: skill {skill!r}: {exc}", argument="profile"
            ) from None
    return out


# ---------------------------------------------------------------------- the view
@attrs.frozen(eq=False)
class Edge:
    """One move that passed the filters, with its cost under the query's weight."""

    source: str
    target: str
    kind: str
    cost: float
    exact: Fraction
    gaps: tuple[Gap, ...]
    requirements: Requirements


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


def _cost_of(
    weight: WeightSpec, u: str, v: str, data: dict[str, Any], limit: float = MAX_ROUTE_COST
) -> tuple[float, Fraction] | None:
    if weight is None:
        value: object = 1.0
    elif isinstance(weight, str):
        if weight not in data:
            if weight in OBSERVED_WEIGHTS:  # only observed moves have these: hide the rest
                return None
            raise QueryArgumentError(
                f"weight: the move {u} -> {v} has no attribute {weight!r}; moves have "
                + ", ".join(repr(k) for k in data)
                + ", or pass a callable f(u, v, data)"
            )
        value = data[weight]
    else:
        value = weight(u, v, data)
        if value is None:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QueryArgumentError(
            f"weight: the cost of the move {u} -> {v} must be a number, got {_show(value)}"
        )
    if not 0 <= value <= limit:  # also false for nan
        raise QueryArgumentError(
            f"weight: the cost of the move {u} -> {v} must be not negative and at most {limit:.4g} "
            f"(so that no route of this graph costs over {MAX_ROUTE_COST:g}), "
            f"got {_show(value)}",
            argument="weight",
        )
    cost = float(value)
    return cost, Fraction(cost)


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
        if filters.avoid is not None and _avoided(move.requirements, filters.avoid):
            continue
        data = digraph.adj[move.source][move.target]
        costs = _cost_of(filters.weight, move.source, move.target, data, limit)
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
        profile_moves = weights.profile_costs(graph, profile)
        for j, role in enumerate(graph.roles):
            base, gaps = float(profile_moves.weight[j]), profile_moves.gaps(j)
            data = {
                "kind": PROFILE_KIND,
                "weight": base,
                "gaps": [g.to_dict() for g in gaps],
                "requirements": {},
                "advantages": {},
            }
            costs = _cost_of(filters.weight, PROFILE, role.id, data, limit)
            if costs is None:
                continue
            if filters.max_step_cost is not None and costs[0] > filters.max_step_cost:
                continue
            virtual.append(Edge(PROFILE, role.id, PROFILE_KIND, *costs, gaps, Requirements()))
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
