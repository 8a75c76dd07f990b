"""Move weights: the one place where the skill-delta cost of a move is computed.

Every reader — :meth:`CareerGraph.delta <supportladder.CareerGraph.delta>`, the networkx
view, the exports, the explanations, the compiled query core — takes a move's weight and
gaps from the arrays computed here, once per graph, so they agree to the last bit.

The formula
-----------
For a move ``a → b``, over every skill ``s`` that the target ``b`` *rates* (its own or
inherited levels), with ``Δs = level_b(s) − level_a(s)``::

    weight = base_cost + Σ importance(s)·max(0, Δs)^p
                       + surplus_penalty·Σ importance(s)·max(0, −Δs)^p

where ``p`` is the graph's ``[weighting] gap_exponent`` (default 2).  With ``p > 1`` a gap
of two levels closed in one move costs more than the same two levels closed over two moves
(``2² = 4 > 1² + 1² + base_cost``), so a route that climbs every rung beats one that skips
rungs; ``p = 1`` is the linear model.

Unrated is not "none"
---------------------
A skill a role does not list (itself or through ``inherits``) is *unrated*: its source did
not say.  An explicit ``"none"`` is a rating.  The two enter a gap differently:

* a move never charges for a skill the **target** does not rate — the target does not ask
  for it;
* when the **source** does not rate a skill the target rates, its level is *imputed from its
  rung*: the median level that the roles of the nearest rung at or below the source's rung
  give the skill (roles of any track).  If no role at or below that rung rates the skill,
  nobody there is expected to hold it and the imputed level is the scale's lowest.  Such a
  gap is marked ``imputed``; explanations say so.

A skill profile (a person's self-assessment) is not imputed: a skill it does not list
counts as the scale's lowest level.

Examples
--------
>>> import supportladder
>>> g = supportladder.load("support-ladder")
>>> w, gaps = g.delta("support-technician", "customer-support-representative")
>>> w == g.weighting.base_cost + sum(gap.cost for gap in gaps)
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np
import numpy.typing as npt

from supportladder.model import MAX_LEVEL, Gap, Weighting

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = ["MoveCosts", "SkillTable", "move_costs", "profile_costs", "skill_table"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_RUNGS: Final = MAX_LEVEL + 1


@attrs.frozen(eq=False)
class SkillTable:
    """The rated skill levels of a set of sources or targets, as sparse rows.

    Row ``i`` holds ``skill[indptr[i]:indptr[i+1]]`` (skill indices in the graph's skill
    order, ascending) at ``level[...]``.  ``rung`` is each row's role level (``0`` for a
    profile: never imputed).
    """

    indptr: IntArray
    skill: IntArray
    level: FloatArray
    rung: IntArray

    @property
    def rows(self) -> int:
        """The number of rows."""
        return int(self.indptr.size - 1)

    def keys(self, n_skills: int) -> IntArray:
        """Return ``row * n_skills + skill`` of every entry (ascending)."""
        row = np.repeat(np.arange(self.rows, dtype=np.int64), np.diff(self.indptr))
        out: IntArray = row * n_skills + self.skill
        return out


def _table(
    rows: Sequence[Mapping[str, float]], rungs: Sequence[int], rank: Mapping[str, int]
) -> SkillTable:
    counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    skill = np.empty(int(indptr[-1]), dtype=np.int64)
    level = np.empty(int(indptr[-1]), dtype=np.float64)
    at = 0
    for row in rows:
        ordered = sorted((rank[s], float(v)) for s, v in row.items())
        for j, (s, v) in enumerate(ordered):
            skill[at + j], level[at + j] = s, v
        at += len(ordered)
    return SkillTable(indptr, skill, level, np.asarray(rungs, dtype=np.int64))


def skill_table(graph: CareerGraph) -> SkillTable:
    """Return the effective rated skills of every role, rows in ``graph.roles`` order."""
    rank = {s.id: i for i, s in enumerate(graph.skills)}
    return _table(
        [graph.effective_skills(r.id) for r in graph.roles], [r.level for r in graph.roles], rank
    )


@attrs.frozen(eq=False)
class _Imputer:
    """Median level per (skill, rung) over the roles that rate the skill."""

    key: IntArray  # skill * _RUNGS + rung, ascending
    level: FloatArray
    floor: float

    @classmethod
    def of(cls, table: SkillTable, floor: float) -> _Imputer:
        rung = np.repeat(table.rung, np.diff(table.indptr))
        key = table.skill * _RUNGS + rung
        order = np.lexsort((table.level, key))
        key, level = key[order], table.level[order]
        groups, start, count = np.unique(key, return_index=True, return_counts=True)
        lo = level[start + (count - 1) // 2]
        hi = level[start + count // 2]
        return cls(groups.astype(np.int64), (lo + hi) / 2.0, floor)

    def __call__(self, skill: IntArray, rung: IntArray) -> FloatArray:
        """Return the imputed level of ``skill`` for a role of ``rung`` (elementwise)."""
        if self.key.size == 0:
            return np.full(skill.size, self.floor, dtype=np.float64)
        query = skill * _RUNGS + rung
        j = np.maximum(np.searchsorted(self.key, query, side="right") - 1, 0)
        found = (self.key[j] <= query) & (self.key[j] // _RUNGS == skill)
        out: FloatArray = np.where(found, self.level[j], self.floor)
        return out


@attrs.frozen(eq=False)
class MoveCosts:
    """Weights and gaps of a batch of moves, in the order they were asked for.

    ``weight[i]`` is move ``i``'s weight; its gaps (the rising skills, in skill order) are
    the entries ``ptr[i]:ptr[i+1]`` of ``skill``, ``from_``, ``to``, ``imputed`` and
    ``cost`` (the gap's share of the weight).  ``surplus[i]`` is the surplus term
    (``surplus_penalty·Σ…``) already included in the weight.
    """

    weight: FloatArray
    surplus: FloatArray
    base: float
    ptr: IntArray
    skill: IntArray
    from_: FloatArray
    to: FloatArray
    imputed: BoolArray
    cost: FloatArray
    skill_ids: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.weight.size)

    def gaps(self, i: int) -> tuple[Gap, ...]:
        """Return the gaps of move ``i`` as :class:`~supportladder.model.Gap` records."""
        lo, hi = int(self.ptr[i]), int(self.ptr[i + 1])
        ids = self.skill_ids
        return tuple(
            Gap(ids[s], a, b, imputed=m, cost=c)
            for s, a, b, m, c in zip(
                self.skill[lo:hi].tolist(),
                self.from_[lo:hi].tolist(),
                self.to[lo:hi].tolist(),
                self.imputed[lo:hi].tolist(),
                self.cost[lo:hi].tolist(),
                strict=True,
            )
        )


def _costs(
    sources: SkillTable,
    src: IntArray,
    targets: SkillTable,
    dst: IntArray,
    *,
    importance: FloatArray,
    weighting: Weighting,
    imputer: _Imputer,
    skill_ids: tuple[str, ...],
) -> MoveCosts:
    n_skills = max(len(skill_ids), 1)
    m = int(src.size)
    # One entry per (move, skill the target rates), in move order then skill order.
    counts = targets.indptr[dst + 1] - targets.indptr[dst]
    ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    move = np.repeat(np.arange(m, dtype=np.int64), counts)
    pos = np.repeat(targets.indptr[dst] - ptr[:-1], counts) + np.arange(ptr[-1], dtype=np.int64)
    skill = targets.skill[pos]
    need = targets.level[pos]
    # The source's own rating where it has one, else its rung's imputed level.
    keys = sources.keys(n_skills)
    query = src[move] * n_skills + skill
    guess = imputer(skill, sources.rung[src[move]])
    if keys.size:
        at = np.minimum(np.searchsorted(keys, query), keys.size - 1)
        rated = keys[at] == query
        have = np.where(rated, sources.level[at], guess)
    else:
        rated = np.zeros(query.size, dtype=np.bool_)
        have = guess
    delta = need - have
    p = weighting.gap_exponent
    rise = importance[skill] * np.power(np.maximum(delta, 0.0), p)
    fall = importance[skill] * np.power(np.maximum(-delta, 0.0), p)
    total_rise = np.bincount(move, weights=rise, minlength=m)
    surplus = np.asarray(
        weighting.surplus_penalty * np.bincount(move, weights=fall, minlength=m), dtype=np.float64
    )
    weight = (weighting.base_cost + total_rise) + surplus
    up = delta > 0
    gap_ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(move[up], minlength=m), out=gap_ptr[1:])
    return MoveCosts(
        weight=weight,
        surplus=surplus,
        base=weighting.base_cost,
        ptr=gap_ptr,
        skill=skill[up],
        from_=have[up],
        to=need[up],
        imputed=~rated[up],
        cost=rise[up],
        skill_ids=skill_ids,
    )


def _context(graph: CareerGraph) -> tuple[FloatArray, tuple[str, ...]]:
    importance = np.fromiter((s.importance for s in graph.skills), dtype=np.float64)
    return importance, tuple(s.id for s in graph.skills)


def move_costs(graph: CareerGraph, src: IntArray, dst: IntArray) -> MoveCosts:
    """Return the weights and gaps of the moves ``roles[src[i]] → roles[dst[i]]``.

    ``src`` and ``dst`` index ``graph.roles``; the moves need not exist in the graph.
    """
    table = graph._skill_table()
    importance, ids = _context(graph)
    return _costs(
        table,
        np.asarray(src, dtype=np.int64),
        table,
        np.asarray(dst, dtype=np.int64),
        importance=importance,
        weighting=graph.weighting,
        imputer=graph._imputer(),
        skill_ids=ids,
    )


def profile_costs(
    graph: CareerGraph, profile: Mapping[str, float], dst: IntArray | None = None
) -> MoveCosts:
    """Return the weights and gaps of virtual moves from a skill profile to roles.

    ``dst`` indexes ``graph.roles`` (default: every role).  A skill the profile does not
    list counts as the scale's lowest level.
    """
    rank = {s.id: i for i, s in enumerate(graph.skills)}
    floor = float(graph.scale.minimum)
    rated = {s: v for s, v in profile.items() if s in rank}
    source = _table([rated], [0], rank)
    targets = dst if dst is not None else np.arange(len(graph.roles), dtype=np.int64)
    importance, ids = _context(graph)
    return _costs(
        source,
        np.zeros(len(targets), dtype=np.int64),
        graph._skill_table(),
        np.asarray(targets, dtype=np.int64),
        importance=importance,
        weighting=graph.weighting,
        imputer=_Imputer(np.zeros(0, dtype=np.int64), np.zeros(0), floor),
        skill_ids=ids,
    )


def imputer_of(table: SkillTable, floor: float) -> _Imputer:
    """Return the rung imputer of a graph's skill table."""
    return _Imputer.of(table, floor)
