"""Succession and development: who can fill a seat, and what a person must learn to get there.

:func:`feeders` answers the question a support leader asks when a team-lead seat opens: from
which roles can someone reach it, and how cheaply?  It is reachability on the reversed graph:
one Dijkstra from the target over the moves turned around (SciPy's compiled Dijkstra on the
transposed move matrix), then the exact cost and the route of every feeder.

:func:`learning_plan` lists, over the cheapest route (or a route you pass), the skills to build
in the order the moves need them, each with its from and to level and the move that needs it.

Examples
--------
>>> import supportladder
>>> from supportladder.planning import feeders, learning_plan
>>> g = supportladder.load("support-ladder")
>>> near = feeders(g, "support-team-lead", max_steps=1)
>>> all(f.path.target == "support-team-lead" and f.steps == 1 for f in near)
True
>>> plan = learning_plan(g, "support-technician", "support-team-lead")
>>> [item.skill for item in plan.items] == [
...     gap.skill for step in plan.path.steps for gap in step.gaps
... ]
True
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

from attrs import frozen

from supportladder import queries as _queries
from supportladder.graph import CareerGraph
from supportladder.model import Role
from supportladder.queries import Path, Reach, Reaches, Source, Step, _engines
from supportladder.queries import _reference as _paths
from supportladder.queries._reference import WeightSpec

if TYPE_CHECKING:
    import pandas

__all__ = ["LearningPlan", "SkillToBuild", "feeders", "learning_plan"]


# ---------------------------------------------------------------------- feeders
class _Moves:
    """The moves of a query as arrays over role indices (ids sorted: index order is id order)."""

    def __init__(self, graph: CareerGraph, filters: _paths.Filters) -> None:
        np = importlib.import_module("numpy")
        fv = None
        if len(graph.transitions) >= _engines.FAST_THRESHOLD:
            from supportladder.queries._compiled import core as fast

            try:
                fv = fast.view(graph, filters)
            except fast.Fallback:
                fv = None
        self.view: _EdgeSource
        if fv is not None:  # the compiled core's masked CSR arrays: no Python per move
            self.view = fv
            self.ids: tuple[str, ...] = fv.snap.ids
            self.src, self.dst, self.cost = fv.src, fv.dst, fv.cost
            self.lookup: Mapping[str, int] = fv.snap.index
            return
        view = _paths.build_view(graph, filters)
        self.view = view
        self.ids = tuple(sorted(r.id for r in graph.roles))
        index = {role: i for i, role in enumerate(self.ids)}
        self.lookup = index
        edges = list(view.edges())
        self.src = np.array([index[e.source] for e in edges], dtype=np.int64)
        self.dst = np.array([index[e.target] for e in edges], dtype=np.int64)
        self.cost = np.array([e.cost for e in edges], dtype=np.float64)

    def index(self, role: str) -> int:
        return self.lookup[role]


class _EdgeSource(Protocol):
    @property
    def graph(self) -> CareerGraph: ...

    def edge(self, source: str, target: str) -> _paths.Edge: ...


Label = tuple[Fraction, tuple[int, ...]]


def _solve(moves: _Moves, t: int) -> dict[int, Label] | None:
    """Return the cheapest route to role ``t`` from every role that reaches it, exactly.

    SciPy's Dijkstra on the transposed move matrix gives float distances; exact ones are then
    summed as fractions over the moves tight in floats (relative slack under 1e-9), in float
    order, and checked.  Among equally cheap routes, the one whose role ids come first.
    ``None`` (the caller uses the reference) if a move costs 0 or the check fails.
    """
    np = importlib.import_module("numpy")
    sparse = importlib.import_module("scipy.sparse")
    csgraph = importlib.import_module("scipy.sparse.csgraph")
    src, dst, cost = moves.src, moves.dst, moves.cost
    if bool((cost == 0).any()):
        return None
    n = len(moves.ids)
    matrix = sparse.csr_array((cost, (dst, src)), shape=(n, n))
    dist = csgraph.dijkstra(matrix, directed=True, indices=t)
    finite = np.isfinite(dist)
    near = finite[src] & finite[dst]
    slack = cost + np.where(near, dist[dst], 0) - np.where(near, dist[src], 0)
    tight = near & (slack <= 1e-9 * (1 + np.abs(np.where(near, dist[src], 0))))
    out: dict[int, list[tuple[int, Fraction]]] = {}
    for u, v, c in zip(src[tight].tolist(), dst[tight].tolist(), cost[tight].tolist(), strict=True):
        out.setdefault(u, []).append((v, Fraction(c)))
    exact: dict[int, Fraction] = {t: Fraction(0)}
    best: dict[int, tuple[int, ...]] = {t: (t,)}
    for u in np.argsort(dist, kind="stable").tolist():
        if u == t or not finite[u]:
            continue
        options = [(c + exact[v], best[v]) for v, c in out.get(u, ()) if v in exact]
        if not options:
            return None
        cheapest = min(cost for cost, _ in options)
        exact[u] = cheapest
        best[u] = (u, *min(route for total, route in options if total == cheapest))
    for u, items in out.items():  # no tight move undercuts a settled cost
        if any(v in exact and c + exact[v] < exact[u] for v, c in items):
            return None
    return {u: (exact[u], best[u]) for u in exact if u != t}


def _within_steps(moves: _Moves, t: int, steps: int) -> list[int]:
    """Return the roles from which ``t`` is at most ``steps`` moves away (a reverse BFS)."""
    into: dict[int, list[int]] = {}
    for u, v in zip(moves.src.tolist(), moves.dst.tolist(), strict=True):
        into.setdefault(v, []).append(u)
    seen, frontier = {t}, [t]
    for _ in range(steps):
        frontier = [u for v in frontier for u in into.get(v, ()) if u not in seen]
        seen.update(frontier)
    return sorted(seen - {t})


def feeders(
    graph: CareerGraph,
    target: str | Role,
    *,
    budget: float | None = None,
    max_steps: int | None = None,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> Reaches:
    """Return every role from which ``target`` can be reached, cheapest first, with routes.

    Parameters
    ----------
    graph : CareerGraph
        The graph to search.
    target : str or Role
        The seat to fill, by id, title or alias.
    budget : float, optional
        Largest total cost of a route.
    max_steps : int, optional
        Largest number of moves of a route.
    kinds, weight, max_step_cost, avoid
        As for :func:`~supportladder.queries.shortest_path` (``weight="observed"``: the
        most likely routes; moves without observations are hidden).

    Returns
    -------
    Reaches
        A :class:`~supportladder.queries.Reach` per feeder role — its cheapest route *to*
        the target (``reach.path.source`` is the feeder) — sorted by cost, then role id;
        among equally cheap routes, the one whose role ids come first lexicographically
        (as :func:`~supportladder.queries.shortest_path` would return).  The target itself
        is left out.

    Examples
    --------
    >>> import supportladder
    >>> g = supportladder.load("support-ladder")
    >>> seats = feeders(g, "support-team-lead")
    >>> [f.cost for f in seats] == sorted(f.cost for f in seats)
    True
    >>> len(feeders(g, "support-team-lead", budget=0))
    0
    """
    budget_value = None if budget is None else _paths.check_number("budget", budget)
    steps = None if max_steps is None else _paths.check_count("max_steps", max_steps, minimum=0)
    goal = graph.role(target)
    filters = _paths.make_filters(
        kinds=kinds, max_step_cost=max_step_cost, avoid=avoid, weight=weight
    )
    moves = _Moves(graph, filters)
    t = moves.index(goal.id)
    found = None if steps is not None else _solve(moves, t)
    labels: dict[str, tuple[Fraction, tuple[str, ...]]] = {}
    if found is not None:
        ids = moves.ids
        labels = {ids[u]: (c, tuple(ids[i] for i in route)) for u, (c, route) in found.items()}
    else:  # max_steps, or moves of cost 0: the reference search from each role that may feed
        view = _paths.build_view(graph, filters)
        starts = range(len(moves.ids)) if steps is None else _within_steps(moves, t, steps)
        for u in starts:
            if u == t:
                continue
            label = _paths.search(view, moves.ids[u], target=goal.id, max_steps=steps)
            if goal.id in label:
                labels[moves.ids[u]] = label[goal.id]
        moves.view = view
    if budget_value is not None:
        labels = {r: lab for r, lab in labels.items() if lab[0] <= Fraction(budget_value)}
    steps_of: dict[tuple[str, str], Step] = {}
    reaches = [
        Reach(r, float(c), len(route) - 1, _queries._to_path(moves.view, route, c, steps_of))
        for r, (c, route) in labels.items()
    ]
    reaches.sort(key=lambda x: (labels[x.role][0], x.role))
    return Reaches(reaches)


# ---------------------------------------------------------------------- learning plans
@frozen
class SkillToBuild:
    """One skill to raise on the way: from which level to which, for which move.

    Attributes
    ----------
    skill : str
        The skill id.
    from_, to : float
        The levels of the move's gap (the source role's level, the target role's).
    source, target : str
        The move that needs it.
    step : int
        The move's number on the route, from 1.
    """

    skill: str
    from_: float
    to: float
    source: str
    target: str
    step: int

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"skill", "from", "to", "source", "target", "step"}``."""
        return {
            "skill": self.skill,
            "from": self.from_,
            "to": self.to,
            "source": self.source,
            "target": self.target,
            "step": self.step,
        }


@frozen
class LearningPlan:
    """The skills to build along a route, in the order its moves need them.

    Attributes
    ----------
    path : Path
        The route.
    items : tuple of SkillToBuild
        One per gap of every move, move by move (each move's gaps in the graph's skill order).
    """

    path: Path
    items: tuple[SkillToBuild, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"roles", "cost", "items": [SkillToBuild.to_dict()]}``."""
        return {
            "roles": list(self.path.roles),
            "cost": self.path.cost,
            "items": [item.to_dict() for item in self.items],
        }

    def to_frame(self) -> pandas.DataFrame:
        """Return one row per skill to build (needs pandas).

        Columns: ``step``, ``skill``, ``from``, ``to``, ``source``, ``target``.
        """
        pd = _queries._pandas()
        columns = ["step", "skill", "from", "to", "source", "target"]
        return pd.DataFrame([item.to_dict() for item in self.items], columns=columns)


def learning_plan(
    graph: CareerGraph,
    source: Source,
    target: str | Role,
    *,
    path: Path | None = None,
    kinds: Iterable[str] | None = None,
    weight: WeightSpec = "weight",
    max_step_cost: float | None = None,
    avoid: Iterable[str] | Mapping[str, object] | None = None,
) -> LearningPlan:
    """Return the skills to build from ``source`` to ``target``, in the order moves need them.

    Parameters
    ----------
    graph, source, target
        As for :func:`~supportladder.queries.shortest_path` (``source`` may be a skill
        profile: the first move is then from the profile).
    path : Path, optional
        The route to plan over (default: the cheapest, under the options below).
    kinds, weight, max_step_cost, avoid
        As for :func:`~supportladder.queries.shortest_path`.

    Returns
    -------
    LearningPlan
        Levels are the route's own gaps (:attr:`~supportladder.queries.Step.gaps`).

    Examples
    --------
    >>> import supportladder
    >>> g = supportladder.load("support-ladder")
    >>> plan = learning_plan(g, "support-technician", "support-team-lead")
    >>> all(item.to > item.from_ for item in plan.items)
    True
    >>> list(plan.to_frame().columns)
    ['step', 'skill', 'from', 'to', 'source', 'target']
    """
    if path is None:
        path = _queries.shortest_path(
            graph,
            source,
            target,
            kinds=kinds,
            weight=weight,
            max_step_cost=max_step_cost,
            avoid=avoid,
        )
    items = tuple(
        SkillToBuild(gap.skill, gap.from_, gap.to, step.source, step.target, number)
        for number, step in enumerate(path.steps, start=1)
        for gap in step.gaps
    )
    return LearningPlan(path, items)
