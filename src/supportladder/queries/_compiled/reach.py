"""Every role within a budget of a start, on the compiled core: exact costs and routes.

One SciPy Dijkstra with ``limit=``; where floats sum the view's costs exactly, its
distances are the exact costs.  Else, where the distances found fit in int64 counts of
``2**-q`` (O*NET's weights do), they are summed exactly along the float tree of the
*reached* roles only and every move out of a reached role is checked exactly
(:func:`_reach_int64`): a budget usually reaches a small part of the graph, and this
costs a few vectorised passes over that part.  Otherwise the exact integer check of
:func:`~supportladder.queries._compiled.core.dags` (31-bit limbs) gives them.  Routes —
the lexicographically smallest cheapest route to each role — are read off the
shortest-path DAG when first asked for (:meth:`Reached.routes`), never raising
:class:`~supportladder.queries._compiled.core.Fallback`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from supportladder.queries import _snapshot as _csr
from supportladder.queries._compiled.core import (
    Fallback,
    FastView,
    _exact_bound,
    _scipy,
    dags,
)

__all__ = ["Reached", "reach"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

ROOM = 1 + 1e-6
"""Relative slack of the float limit over the budget, and of float distances over exact."""


class Reached:
    """The roles within a budget of a source, cheapest first (ties: by id).

    :func:`reach` computes at once what decides the answer: which roles are within the
    budget, exactly, their order and their exact costs (rounded once to floats).  Routes
    — the lexicographically smallest cheapest route to each role — are read off the
    shortest-path DAG on the first call of :meth:`routes`.
    """

    __slots__ = ("_costs", "dist", "fv", "order", "slack", "source", "tight")

    def __init__(
        self,
        fv: FastView,
        source: int,
        order: IntArray,
        costs: list[float],
        dist: FloatArray,
        tight: IntArray | None,
        slack: IntArray | None = None,
    ) -> None:
        self.fv = fv
        self.source = source
        self.order = order  # every role reached but the source, cheapest first
        self._costs = costs
        self.dist = dist  # float distances (exact where ``tight`` is None)
        # positions of the moves that may be tight (None: every move, by ``dist``); with
        # ``slack``, their exact slack, 0 where tight; without, all of them are tight
        self.tight = tight
        self.slack = slack

    def __len__(self) -> int:
        return int(self.order.size)

    def roles(self) -> list[str]:
        """Return the role ids, in order."""
        found: list[str] = _id_array(self.fv)[self.order].tolist()
        return found

    def costs(self) -> list[float]:
        """Return the exact costs rounded once to floats, in order."""
        return self._costs

    def routes(self) -> list[tuple[str, ...]]:
        """Return each role's route (the least role-id tuple among the cheapest), in order."""
        fv, s, dist = self.fv, self.source, self.dist
        order = self.order.tolist()
        if self.tight is None:
            du = dist[fv.src]
            es = np.flatnonzero(np.isfinite(du) & (du + fv.cost == dist[fv.dst]))
        elif self.slack is None:
            es = self.tight
        else:
            es = self.tight[self.slack == 0]
        ok = np.zeros(fv.n, dtype=bool)
        ok[self.order] = True
        ok[s] = True
        fs, fd = fv.src[es], fv.dst[es]
        keep = ok[fs] & ok[fd]
        fs, fd = fs[keep], fd[keep]
        by = np.argsort(fd, kind="stable")
        preds = fs[by].tolist()
        ptr = np.searchsorted(fd[by], np.arange(fv.n + 1)).tolist()
        best: dict[int, tuple[int, ...]] = {s: (s,)}
        # Exact-distance order is a topological order of the DAG: predecessors come first.
        for v in order:
            us = preds[ptr[v] : ptr[v + 1]]
            if len(us) == 1:
                best[v] = (*best[us[0]], v)
            else:
                best[v] = min((*best[u], v) for u in us)
        ids = fv.ids
        return [tuple(ids[i] for i in best[v]) for v in order]


def _out_degree(fv: FastView, indptr: IntArray) -> IntArray:
    """Return every role's number of moves in the view (built once per view)."""
    found: IntArray | None = fv.extra.get("out_degree")
    if found is None:
        found = fv.extra["out_degree"] = np.diff(indptr)
    return found


def _unreached(fv: FastView) -> IntArray:
    """Return an array of -1, one per role (built once per view; copy before writing)."""
    found: IntArray | None = fv.extra.get("unreached")
    if found is None:
        found = fv.extra["unreached"] = np.full(fv.n, -1, dtype=np.int64)
    return found


def _dijkstra() -> Any:
    """Return SciPy's ``dijkstra`` (imported on first use, then kept)."""
    found = _DIJKSTRA.get("dijkstra")
    if found is None:
        found = _DIJKSTRA["dijkstra"] = _scipy()[1].dijkstra
    return found


_DIJKSTRA: dict[str, Any] = {}


def _id_array(fv: FastView) -> npt.NDArray[Any]:
    """Return the view's role ids as a NumPy object array (built once per view)."""
    found: npt.NDArray[Any] | None = fv.extra.get("id_array")
    if found is None:
        found = fv.extra["id_array"] = np.array(fv.ids, dtype=object)
    return found


def reach(fv: FastView, source: str, budget: float | None) -> Reached:
    """Return every role other than ``source`` within ``budget``, cheapest first."""
    s = fv.index[source]
    if fv.float_exact:
        lim = np.inf if budget is None else budget
        dist = _dijkstra()(fv.matrix(), indices=s, limit=lim)
        ok = dist < np.inf if budget is None else dist <= budget
        ok[s] = False
        nodes = ok.nonzero()[0]
        order = _by_cost(fv, nodes, dist[nodes])
        return Reached(fv, s, order, dist[order].tolist(), dist, None)
    return _reach_exact(fv, s, budget)


def _by_cost(fv: FastView, nodes: IntArray, dist: FloatArray) -> IntArray:
    """Return ``nodes`` (ascending) by their exact ``dist``, ties by id (index order).

    Where floats sum exactly every distance is a whole number of ``2**-q`` below
    ``2**53``; where ``units * n + node`` fits in an int64 it is a unique key and one
    plain sort of the keys orders them (several times faster than a stable argsort of
    floats with many ties).
    """
    top = float(dist.max(initial=0.0)) * 2.0**fv.q
    if top * fv.n >= 2.0**62:
        found: IntArray = nodes[dist.argsort(kind="stable")]
        return found
    keys = (dist * 2.0**fv.q).astype(np.int64)
    keys *= fv.n
    keys += nodes
    keys.sort()
    keys %= fv.n
    return keys


def _reach_exact(fv: FastView, s: int, budget: float | None) -> Reached:
    """:func:`reach` by exact integer arithmetic along the float shortest-path tree."""
    found = _reach_int64(fv, s, budget) if fv.ints is not None else None
    return _reach_limbs(fv, s, budget) if found is None else found


def _reach_int64(fv: FastView, s: int, budget: float | None) -> Reached | None:
    """:func:`_reach_exact` in int64 counts of ``2**-q``, or ``None`` if they may not fit.

    Distances are summed exactly along the float tree of the reached roles only
    (:func:`_tree_sums`), and every move out of a reached role is checked exactly
    (:func:`_check`).  A move into an unreached role costs more than the budget (the
    float limit is above it by far more than float error), so it can be neither tight
    nor undercutting.  Every step is a handful of NumPy calls on arrays the size of the
    reached part of the graph, not of the graph.
    """
    assert fv.ints is not None
    lim = np.inf if budget is None else budget * ROOM + 1e-300
    dist, pred = _dijkstra()(fv.matrix(), indices=s, limit=lim, return_predecessors=True)
    reached = (dist < np.inf).nonzero()[0]  # ascending, with the source
    if reached.size == 1:
        return Reached(fv, s, reached[:0], [], dist, reached[:0])
    if lim * ROOM >= fv.int_room and float(dist[reached].max()) * ROOM >= fv.int_room:
        return None
    at = int(reached.searchsorted(s))
    exact = _tree_sums(fv, s, at, reached, pred[reached])
    moves, gap = _check(fv, reached, exact)
    by = exact.argsort(kind="stable")  # ``reached`` ascends: ties come by id
    scaled = exact[by]
    # The source comes first (every other cost is positive); a budget cuts the rest.
    end = scaled.size
    if budget is not None:
        num, den = budget.as_integer_ratio()
        end = int(scaled.searchsorted(min((num << fv.q) // den, 1 << 62), "right"))
    # int64 -> float64 rounds to nearest; the power-of-two scaling is exact.
    costs: list[float] = (scaled[1:end] * 2.0**-fv.q).tolist()
    return Reached(fv, s, reached[by[1:end]], costs, dist, moves, gap)


def _tree_sums(fv: FastView, s: int, at: int, reached: IntArray, pred: Any) -> IntArray:
    """Return the exact costs of the reached roles along the float tree (``pred``).

    ``reached`` ascends and holds the source at ``at``; the tree is renumbered to
    positions in ``reached`` (the source its own parent) and summed by pointer doubling.
    """
    assert fv.ints is not None
    parent = pred.astype(np.int64)
    parent[at] = s
    keys = parent * fv.n + reached
    keys[at] = fv.keys[0]  # any move's key: the source's value is set to 0 below
    value = fv.ints[fv.positions(keys)]
    value[at] = 0
    local = np.empty(fv.n, dtype=np.int64)
    local[reached] = np.arange(reached.size)
    up = local[parent]
    while True:
        nxt = up[up]
        if nxt.tobytes() == up.tobytes():  # no ancestor left to add (one C compare)
            return value
        value = value + value[up]
        up = nxt


def _check(fv: FastView, reached: IntArray, exact: IntArray) -> tuple[IntArray, IntArray]:
    """Return the moves out of ``reached`` roles and their exact slack (0: tight).

    The slack of ``u -> v`` is ``d(v) - (d(u) + cost)``, an unreached ``v`` counting
    as -1 (never tight); raises :class:`Fallback` if one is positive, a move that would
    undercut the float tree.
    """
    assert fv.ints is not None
    indptr = fv.indptr()
    starts = indptr[reached]
    lengths = _out_degree(fv, indptr)[reached]
    ends = lengths.cumsum()
    moves: IntArray = (starts - ends + lengths).repeat(lengths) + np.arange(ends[-1])
    by_node = _unreached(fv).copy()
    by_node[reached] = exact
    gap: IntArray = by_node[fv.dst[moves]]
    gap -= exact.repeat(lengths)
    gap -= fv.ints[moves]
    if gap.size and gap.max() > 0:
        raise Fallback("float shortest-path tree is not exactly optimal")
    return moves, gap


def _bound(fv: FastView, budget: float) -> int:
    """Return ``budget`` in counts of ``2**-q``, rounded down (capped to fit an int64)."""
    return min(_exact_bound(fv, budget), 1 << 62)


def _reach_limbs(fv: FastView, s: int, budget: float | None) -> Reached:
    """:func:`_reach_exact` by :func:`dags`, in int64 counts where they fit, else limbs."""
    dist2, tight, exact = dags(fv, [s], budget, as_int=True)
    assert exact is not None
    es = np.flatnonzero(tight[0])
    if exact.ndim == 2:  # int64 counts of 2**-q
        scaled = exact[0]
        ok = np.isfinite(dist2[0])
        if budget is not None:
            ok &= scaled <= _bound(fv, budget)
        ok[s] = False
        nodes = np.flatnonzero(ok)
        order = nodes[np.argsort(scaled[nodes], kind="stable")]
        costs: list[float] = (scaled[order].astype(np.float64) / 2.0**fv.q).tolist()
        return Reached(fv, s, order, costs, dist2[0], es)
    ex = exact[:, 0, :]
    ok = _within(fv, dist2[0], ex, budget)
    ok[s] = False
    nodes = np.flatnonzero(ok)
    keys = [ex[j, nodes] for j in range(fv.k)]
    order = nodes[np.lexsort(keys)]  # last key (most significant limb) is primary
    costs = [float(fv.exact_cost(0.0, ex[:, v])) for v in order.tolist()]
    return Reached(fv, s, order, costs, dist2[0], es)


def _within(
    fv: FastView, dist: FloatArray, exact: IntArray | None, budget: float | None
) -> BoolArray:
    """Return the nodes reached within ``budget`` (exactly), for one source."""
    reached: BoolArray = np.isfinite(dist)
    if budget is None:
        return reached
    if exact is None:
        return reached & (dist <= budget)
    cap = _csr.limbs_of(_exact_bound(fv, budget), fv.k)[:, None]
    sign = _csr.compare(exact, np.broadcast_to(cap, exact.shape))
    return reached & (sign <= 0)
