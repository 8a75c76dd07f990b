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
  rung*: the median level that the roles of the source's own track give the skill at the
  nearest rung at or below the source's.  If no role of that track does, the median over
  all tracks at the nearest rung *strictly below* the source's (the rungs it has climbed
  past: a store manager's retail rating says nothing of a team lead on the same rung).  If
  no such role rates the skill, nobody there is expected to hold it and the imputed level
  is the scale's lowest.  Such a gap is marked ``imputed``; explanations say so.

A role that rates **no skill at all** (an imported occupation without ratings) is imputed
whole: as a source and as a target it holds, and asks for, what its track's roles at its
rung hold (by the rule above, every skill a rating is found for), marked imputed.  So such a
role is neither a free stepping stone nor a free destination.

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

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from supportladder.model import MAX_LEVEL, Gap, Weighting

__all__ = ["CostModel", "MoveCosts", "SkillTable", "with_imputed_rows"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_RUNGS: Final = MAX_LEVEL + 1


@attrs.frozen(eq=False)
class SkillTable:
    """The rated skill levels of a set of sources or targets, as sparse rows.

    Row ``i`` holds ``skill[indptr[i]:indptr[i+1]]`` (skill indices in the graph's skill
    order, ascending) at ``level[...]``.  ``rung`` is each row's role level and ``track``
    a code for its track (``-1`` for a profile, which is never imputed).
    """

    indptr: IntArray
    skill: IntArray
    level: FloatArray
    rung: IntArray
    track: IntArray
    imputed: BoolArray = attrs.field(default=None)  # per entry: not a rating (default: none)

    def __attrs_post_init__(self) -> None:
        if self.imputed is None:
            object.__setattr__(self, "imputed", np.zeros(self.skill.size, dtype=np.bool_))

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
    rows: Sequence[Mapping[str, float]],
    rungs: Sequence[int],
    tracks: Sequence[int],
    rank: Mapping[str, int],
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
    return SkillTable(
        indptr,
        skill,
        level,
        np.asarray(rungs, dtype=np.int64),
        np.asarray(tracks, dtype=np.int64),
    )


def with_imputed_rows(table: SkillTable, imputer: _Imputer, n_skills: int) -> SkillTable:
    """Return ``table`` with every row that rates nothing filled in from the imputer.

    A role whose sources rate none of its skills (an O*NET occupation without ratings) is
    taken to hold, and to ask for, what its track's roles at its rung hold: every skill
    the imputer finds a rating for, marked imputed.  Rows that rate anything are kept.
    """
    counts = np.diff(table.indptr)
    empty = np.flatnonzero(counts == 0)
    if empty.size == 0 or n_skills == 0:
        return table
    skills = np.arange(n_skills, dtype=np.int64)
    rows: list[tuple[IntArray, FloatArray, BoolArray]] = []
    filled: dict[int, tuple[IntArray, FloatArray]] = {}
    for i in empty.tolist():
        found, level = imputer.find(
            skills, np.full(n_skills, table.rung[i]), np.full(n_skills, table.track[i])
        )
        filled[i] = (skills[found], level[found])
    for i in range(table.rows):
        if i in filled:
            skill, level = filled[i]
            rows.append((skill, level, np.ones(skill.size, dtype=np.bool_)))
        else:
            lo, hi = int(table.indptr[i]), int(table.indptr[i + 1])
            rows.append((table.skill[lo:hi], table.level[lo:hi], table.imputed[lo:hi]))
    indptr = np.zeros(table.rows + 1, dtype=np.int64)
    np.cumsum([r[0].size for r in rows], out=indptr[1:])
    return SkillTable(
        indptr,
        np.concatenate([r[0] for r in rows]).astype(np.int64),
        np.concatenate([r[1] for r in rows]).astype(np.float64),
        table.rung,
        table.track,
        np.concatenate([r[2] for r in rows]).astype(np.bool_),
    )


@attrs.frozen(eq=False)
class _Medians:
    """Median level per (group, rung) over the roles that rate a skill.

    A group is a skill, or a (track, skill) pair.
    """

    key: IntArray  # group * _RUNGS + rung, ascending
    level: FloatArray

    @classmethod
    def of(cls, group: IntArray, rung: IntArray, level: FloatArray) -> _Medians:
        key = group * _RUNGS + rung
        order = np.lexsort((level, key))
        key, level = key[order], level[order]
        groups, start, count = np.unique(key, return_index=True, return_counts=True)
        lo = level[start + (count - 1) // 2]
        hi = level[start + count // 2]
        return cls(groups.astype(np.int64), (lo + hi) / 2.0)

    def lookup(self, group: IntArray, rung: IntArray) -> tuple[BoolArray, FloatArray]:
        """Return (found, median) at the nearest rung <= ``rung`` of each ``group``."""
        if self.key.size == 0:
            return np.zeros(group.size, dtype=np.bool_), np.zeros(group.size)
        query = group * _RUNGS + rung
        j = np.maximum(np.searchsorted(self.key, query, side="right") - 1, 0)
        found = (self.key[j] <= query) & (self.key[j] // _RUNGS == group)
        level: FloatArray = self.level[j]
        return found, level


@attrs.frozen(eq=False)
class _Imputer:
    """A source's level of a skill it does not rate.

    The median rating that the roles of the source's own track give the skill at the
    nearest rung at or below the source's; failing that, the median over every track at the
    nearest rung strictly below it; failing that, the scale's lowest level.
    """

    by_track: _Medians
    by_skill: _Medians
    n_skills: int
    floor: float

    @classmethod
    def of(cls, table: SkillTable, floor: float, n_skills: int) -> _Imputer:
        counts = np.diff(table.indptr)
        rung = np.repeat(table.rung, counts)
        track = np.repeat(table.track, counts)
        return cls(
            _Medians.of(track * n_skills + table.skill, rung, table.level),
            _Medians.of(table.skill, rung, table.level),
            n_skills,
            floor,
        )

    @classmethod
    def empty(cls, floor: float) -> _Imputer:
        none = _Medians(np.zeros(0, dtype=np.int64), np.zeros(0))
        return cls(none, none, 1, floor)

    def find(
        self, skill: IntArray, rung: IntArray, track: IntArray
    ) -> tuple[BoolArray, FloatArray]:
        """Return (found, level) for each entry.

        ``found`` says whether a rating was found to impute from; ``level`` is the scale's
        lowest where none was.
        """
        found, out = self.by_track.lookup(track * self.n_skills + skill, rung)
        rest = np.flatnonzero(~found)
        if rest.size:
            below, level = self.by_skill.lookup(skill[rest], rung[rest] - 1)
            out[rest] = np.where(below, level, self.floor)
            found[rest] = below
        out[track < 0] = self.floor
        found[track < 0] = False
        return found, out

    def __call__(self, skill: IntArray, rung: IntArray, track: IntArray) -> FloatArray:
        """Return the imputed level of ``skill`` for a role of ``rung`` on ``track``."""
        return self.find(skill, rung, track)[1]


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


def _power(x: FloatArray, p: float) -> FloatArray:
    """Return ``x ** p`` elementwise (exact squares and identities where ``p`` is 1 or 2)."""
    if p == 1.0:
        return x
    if p == 2.0:
        out: FloatArray = x * x
        return out
    return np.asarray(np.power(x, p), dtype=np.float64)


BLOCK_ENTRIES = 1 << 18
"""(move, skill) entries priced at a time: the per-entry temporaries of a block stay small
(a few MB) however many moves a graph has, and each move's entries stay in one block, so
every weight is summed in the same order as in one pass."""


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
    m = int(src.size)
    # One entry per (move, skill the target rates), in move order then skill order.
    counts = targets.indptr[dst + 1] - targets.indptr[dst]
    ends = np.cumsum(counts)
    total = int(ends[-1]) if m else 0
    # A block ends after the move whose entries reach the next multiple of BLOCK_ENTRIES.
    cuts = np.searchsorted(ends, np.arange(BLOCK_ENTRIES, total, BLOCK_ENTRIES)) + 1
    bounds = [0, *np.unique(cuts[cuts < m]).tolist(), m]
    n_skills = max(len(skill_ids), 1)
    keys = sources.keys(n_skills)
    parts = [
        _block(
            sources,
            keys,
            src[lo:hi],
            targets,
            dst[lo:hi],
            counts[lo:hi],
            importance=importance,
            weighting=weighting,
            imputer=imputer,
            n_skills=n_skills,
        )
        for lo, hi in itertools.pairwise(bounds)
    ]
    gap_ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.concatenate([p[2] for p in parts]), out=gap_ptr[1:])

    def joined(j: int) -> npt.NDArray[Any]:
        return np.concatenate([p[j] for p in parts])

    return MoveCosts(
        weight=joined(0),
        surplus=joined(1),
        base=weighting.base_cost,
        ptr=gap_ptr,
        skill=joined(3),
        from_=joined(4),
        to=joined(5),
        imputed=joined(6),
        cost=joined(7),
        skill_ids=skill_ids,
    )


def _block(
    sources: SkillTable,
    keys: IntArray,
    src: IntArray,
    targets: SkillTable,
    dst: IntArray,
    counts: IntArray,
    *,
    importance: FloatArray,
    weighting: Weighting,
    imputer: _Imputer,
    n_skills: int,
) -> tuple[npt.NDArray[Any], ...]:
    """Price one block of moves: weights, surpluses, gap counts and the gaps' arrays.

    ``keys`` are ``sources.keys(n_skills)``, computed once for every block.
    """
    m = int(src.size)
    ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    move = np.repeat(np.arange(m, dtype=np.int64), counts)
    pos = np.repeat(targets.indptr[dst] - ptr[:-1], counts) + np.arange(ptr[-1], dtype=np.int64)
    skill = targets.skill[pos]
    need = targets.level[pos]
    need_imputed = targets.imputed[pos]
    del pos
    # The source's own rating where it has one, else its rung's imputed level.
    rows = src[move]
    if keys.size:
        query = rows * n_skills + skill
        at = np.minimum(np.searchsorted(keys, query), keys.size - 1)
        rated = keys[at] == query
        del query
        have = sources.level[at]
        have_imputed = rated & sources.imputed[at]
        del at
    else:
        rated = np.zeros(skill.size, dtype=np.bool_)
        have = np.zeros(skill.size, dtype=np.float64)
        have_imputed = rated
    unrated = np.flatnonzero(~rated)
    if unrated.size:
        have[unrated] = imputer(
            skill[unrated], sources.rung[rows[unrated]], sources.track[rows[unrated]]
        )
    del rows, unrated
    delta = need - have
    share = importance[skill] * _power(np.abs(delta), weighting.gap_exponent)
    rise = np.where(delta > 0, share, 0.0)
    fall = np.where(delta < 0, share, 0.0)
    del share
    total_rise = np.bincount(move, weights=rise, minlength=m)
    surplus = np.asarray(
        weighting.surplus_penalty * np.bincount(move, weights=fall, minlength=m), dtype=np.float64
    )
    weight = (weighting.base_cost + total_rise) + surplus
    up = delta > 0
    return (
        weight,
        surplus,
        np.bincount(move[up], minlength=m),
        skill[up],
        have[up],
        need[up],
        (~rated | have_imputed | need_imputed)[up],
        rise[up],
    )


@attrs.frozen(eq=False)
class CostModel:
    """What every weight of one graph is computed from, built once per graph.

    ``ratings`` holds each role's effective rated skills (rows in role order), ``table``
    the same with every role that rates nothing imputed whole; ``imputer`` gives a source's
    level of a skill it does not rate.  :class:`~supportladder.CareerGraph` builds and
    caches one (``CareerGraph.move_costs`` and ``CareerGraph.profile_costs`` read it); this
    module knows nothing of graphs.
    """

    ratings: SkillTable
    table: SkillTable
    imputer: _Imputer
    importance: FloatArray
    skill_ids: tuple[str, ...]
    weighting: Weighting
    floor: float

    @classmethod
    def of(
        cls,
        rows: Sequence[Mapping[str, float]],
        rungs: Sequence[int],
        tracks: Sequence[str],
        skills: Sequence[tuple[str, float]],
        *,
        weighting: Weighting,
        floor: float,
    ) -> CostModel:
        """Return the model of the roles' effective ratings.

        ``rows`` (one mapping of skill id to level per role), ``rungs`` and ``tracks`` are
        in role order; ``skills`` are ``(id, importance)`` pairs in the graph's order.
        """
        rank = {skill: i for i, (skill, _) in enumerate(skills)}
        codes = {t: i for i, t in enumerate(sorted(set(tracks)))}
        ratings = _table(rows, rungs, [codes[t] for t in tracks], rank)
        imputer = _Imputer.of(ratings, floor, max(len(skills), 1))
        return cls(
            ratings,
            with_imputed_rows(ratings, imputer, len(skills)),
            imputer,
            np.fromiter((imp for _, imp in skills), dtype=np.float64, count=len(skills)),
            tuple(skill for skill, _ in skills),
            weighting,
            floor,
        )

    def moves(self, src: IntArray, dst: IntArray) -> MoveCosts:
        """Return the weights and gaps of the moves ``roles[src[i]] → roles[dst[i]]``.

        The moves need not exist in the graph.
        """
        return _costs(
            self.table,
            np.asarray(src, dtype=np.int64),
            self.table,
            np.asarray(dst, dtype=np.int64),
            importance=self.importance,
            weighting=self.weighting,
            imputer=self.imputer,
            skill_ids=self.skill_ids,
        )

    def from_profile(self, profile: Mapping[str, float], dst: IntArray) -> MoveCosts:
        """Return the weights and gaps of virtual moves from a skill profile to ``roles[dst]``.

        A skill the profile does not list counts as the scale's lowest level (profiles are
        not imputed: a person's self-assessment says what they hold).
        """
        rank = {s: i for i, s in enumerate(self.skill_ids)}
        rated = {s: v for s, v in profile.items() if s in rank}
        targets = np.asarray(dst, dtype=np.int64)
        return _costs(
            _table([rated], [0], [-1], rank),
            np.zeros(len(targets), dtype=np.int64),
            self.table,
            targets,
            importance=self.importance,
            weighting=self.weighting,
            imputer=_Imputer.empty(self.floor),
            skill_ids=self.skill_ids,
        )
