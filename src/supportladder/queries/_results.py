"""Result types of the reach and bottleneck queries: :class:`Reach`, :class:`Reaches`,
:class:`Bottlenecks`, :class:`Chokepoints`.

Routes inside them are built when first read (an engine hands over role ids only), so a
reach over thousands of roles costs no more than the search itself.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from supportladder._display import rich_html
from supportladder.queries._routes import (
    Edges,
    Path,
    Step,
    _tuple_of_pairs,
    _tuple_of_str,
    pandas_module,
    to_path,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Bottlenecks",
    "Chokepoints",
    "Found",
    "Given",
    "Reach",
    "Reaches",
    "Routes",
    "reaches_of",
]


class Routes:
    """The routes of one :func:`reachable_roles` answer, made when one is first read.

    The role-id tuples come all at once from the engine's answer; each :class:`Path`
    (steps with their skill gaps and requirements) is made the first time it is read,
    sharing the steps of moves that several routes take.
    """

    __slots__ = ("_make", "_paths", "_roles", "_shared", "_view", "costs", "ids")

    def __init__(
        self,
        view: Edges,
        ids: list[str],
        costs: list[float],
        roles: Callable[[], list[tuple[str, ...]]] | list[tuple[str, ...]],
    ) -> None:
        self._view = view
        self.ids = ids
        self.costs = costs
        self._make = roles
        self._roles: list[tuple[str, ...]] | None = None
        self._paths: dict[int, Path] = {}
        self._shared: dict[tuple[str, str], Step] = {}

    def roles(self, at: int) -> tuple[str, ...]:
        if self._roles is None:
            make = self._make
            self._roles = make() if callable(make) else make
        return self._roles[at]

    def path(self, at: int) -> Path:
        found = self._paths.get(at)
        if found is None:
            found = to_path(self._view, self.roles(at), self.costs[at], self._shared)
            self._paths[at] = found
        return found


class Given:
    """The answer behind a :class:`Reach` made by hand."""

    __slots__ = ("_path", "costs", "ids")

    def __init__(self, role: str, cost: float, path: Path) -> None:
        self.ids = [role]
        self.costs = [cost]
        self._path = path

    def roles(self, at: int) -> tuple[str, ...]:
        return self._path.roles

    def path(self, at: int) -> Path:
        return self._path


class Reach:
    """A role reachable from a source, with the cheapest route to it.

    Results of :func:`reachable_roles` make their routes when first read: on a large
    graph the query returns once it knows each role's exact cost, before any route's
    steps and skill gaps are made.  Reach objects are immutable and compare and hash by
    ``(role, cost, steps, path)``.

    Attributes
    ----------
    role : str
        The role id.
    cost : float
        The cost of the cheapest route (within the query's limits).
    steps : int
        The number of moves of that route.
    path : Path
        The route.
    """

    __slots__ = ("_at", "_of")

    _of: Routes | Given
    _at: int

    def __init__(self, role: str, cost: float, steps: int, path: Path) -> None:
        if steps != len(path.steps):
            raise ValueError(f"a Reach of {steps} steps must have a path of {steps} moves")
        self._of = Given(role, cost, path)
        self._at = 0

    @property
    def role(self) -> str:
        """The role id."""
        return self._of.ids[self._at]

    @property
    def cost(self) -> float:
        """The cost of the cheapest route (within the query's limits)."""
        return self._of.costs[self._at]

    @property
    def steps(self) -> int:
        """The number of moves of the route."""
        return len(self._of.roles(self._at)) - 1

    @property
    def path(self) -> Path:
        """The route (made on first read, then kept)."""
        return self._of.path(self._at)

    def _key(self) -> tuple[str, float, Path]:
        return (self.role, self.cost, self.path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reach):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Reach(role={self.role!r}, cost={self.cost!r}, steps={self.steps!r}, "
            f"path={self.path!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return Reach, (self.role, self.cost, self.steps, self.path)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"role", "cost", "steps", "path": [ids]}``."""
        roles = self._of.roles(self._at)
        return {"role": self.role, "cost": self.cost, "steps": len(roles) - 1, "path": list(roles)}


class Found(Reach):
    """A :class:`Reach` of a query's answer: the answer and the role's place in it."""

    __slots__ = ()

    def __init__(self, of: Routes, at: int) -> None:  # no super().__init__: nothing to check
        self._of = of
        self._at = at


class Reaches(list[Reach]):
    """The result of :func:`reachable_roles`: a list of :class:`Reach`, cheapest first."""

    __slots__ = ()

    def to_dict(self) -> list[dict[str, Any]]:
        """Return a list of :meth:`Reach.to_dict`."""
        return [r.to_dict() for r in self]

    def to_frame(self) -> pandas.DataFrame:
        """Return one row per role: ``role``, ``cost``, ``steps``, ``path`` (needs pandas)."""
        pd = pandas_module()
        rows = [
            {
                "role": r.role,
                "cost": r.cost,
                "steps": r.steps,
                "path": " → ".join(r._of.roles(r._at)),
            }
            for r in self
        ]
        return pd.DataFrame(rows, columns=["role", "cost", "steps", "path"])

    def _repr_html_(self) -> str | None:
        return rich_html("reaches_html", self)


@frozen
class Bottlenecks:
    """Where a career move gets hard: the result of :func:`bottlenecks`.

    Attributes
    ----------
    source, target : str
        Role ids of the ends (``source`` is ``"<profile>"`` for a profile start).
    gateways : tuple of str
        Roles other than the ends that lie on every route, in route order.
    critical_transitions : tuple of (str, str)
        Moves that lie on every route, in route order.
    hardest_step : Step or None
        The costliest move of the cheapest route (``None`` if source is target).
    smoothest_path : Path
        The route whose costliest move is as cheap as possible (ties: the cheaper route,
        then role ids).
    shortest_path : Path
        The cheapest route.
    """

    source: str
    target: str
    gateways: tuple[str, ...] = field(converter=_tuple_of_str)
    critical_transitions: tuple[tuple[str, str], ...] = field(converter=_tuple_of_pairs)
    hardest_step: Step | None
    smoothest_path: Path
    shortest_path: Path

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI's JSON shape (without ``"graph"``).

        ``{"source", "target", "gateways": [ids], "critical_transitions": [[u, v]],
        "hardest_step": {"source", "target", "kind", "cost"} or null,
        "smoothest_path": {"roles", "cost", "max_step_cost"}}``
        """
        hardest = self.hardest_step
        return {
            "source": self.source,
            "target": self.target,
            "gateways": list(self.gateways),
            "critical_transitions": [list(t) for t in self.critical_transitions],
            "hardest_step": None
            if hardest is None
            else {
                "source": hardest.source,
                "target": hardest.target,
                "kind": hardest.kind,
                "cost": hardest.cost,
            },
            "smoothest_path": {
                "roles": list(self.smoothest_path.roles),
                "cost": self.smoothest_path.cost,
                "max_step_cost": self.smoothest_path.max_step_cost,
            },
        }

    def to_frame(self) -> pandas.DataFrame:
        """Return the smoothest route's moves, flagging critical moves and gateways.

        Columns: those of :meth:`Path.to_frame`, plus ``critical`` (the move is on every
        route) and ``gateway`` (its target is on every route).  Needs pandas.
        """
        frame = self.smoothest_path.to_frame()
        critical = set(self.critical_transitions)
        gates = set(self.gateways)
        frame["critical"] = [(s.source, s.target) in critical for s in self.smoothest_path.steps]
        frame["gateway"] = [s.target in gates for s in self.smoothest_path.steps]
        return frame

    def _repr_html_(self) -> str | None:
        return rich_html("bottlenecks_html", self)


class Chokepoints(list[tuple[str, float]]):
    """The result of :func:`chokepoints`: ``(role id, score)`` pairs, highest score first."""

    __slots__ = ()

    def to_dict(self) -> list[dict[str, Any]]:
        """Return ``[{"role", "score"}]``."""
        return [{"role": role, "score": score} for role, score in self]

    def to_frame(self) -> pandas.DataFrame:
        """Return columns ``role`` and ``score`` (needs pandas)."""
        return pandas_module().DataFrame(self.to_dict(), columns=["role", "score"])


def reaches_of(routes: Routes) -> Reaches:
    """Return the :class:`Reaches` of one answer: one :class:`Reach` per role, in order."""
    return Reaches(map(Found, repeat(routes), range(len(routes.ids))))
