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

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from attrs import frozen

from supportladder import queries as _queries
from supportladder.graph import CareerGraph
from supportladder.model import Role
from supportladder.queries import Path, Reach, Reaches, Source, Step, _engines, _options, _routes
from supportladder.queries._options import WeightSpec

if TYPE_CHECKING:
    import pandas

__all__ = ["LearningPlan", "SkillToBuild", "feeders", "learning_plan"]


# ---------------------------------------------------------------------- feeders
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
    budget_value = None if budget is None else _options.check_number("budget", budget)
    steps = None if max_steps is None else _options.check_count("max_steps", max_steps, minimum=0)
    goal = graph.role(target)
    filters = _options.make_filters(
        kinds=kinds, max_step_cost=max_step_cost, avoid=avoid, weight=weight
    )

    def task(engine: _engines.Engine) -> Reaches:
        labels = engine.feeders(goal.id)
        if budget_value is not None:
            labels = {r: lab for r, lab in labels.items() if lab[0] <= Fraction(budget_value)}
        steps_of: dict[tuple[str, str], Step] = {}
        reaches = [
            Reach(r, float(c), len(route) - 1, _routes.to_path(engine, route, c, steps_of))
            for r, (c, route) in labels.items()
        ]
        reaches.sort(key=lambda x: (labels[x.role][0], x.role))
        return Reaches(reaches)

    return _engines.answer(_engines.Request(graph, filters, max_steps=steps), task)


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
        pd = _routes.pandas_module()
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
