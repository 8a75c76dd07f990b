"""Every role within a budget of a start, on the compiled core: exact costs and routes.

One SciPy Dijkstra with ``limit=``; where floats sum the view's costs exactly, its
distances are the exact costs, else the exact integer check of
:func:`~supportladder.queries._compiled.core.dags` gives them.  Routes — the lexicographically
smallest cheapest route to each role — are read off the shortest-path DAG when first asked
for (:meth:`Reached.routes`), never raising :class:`~supportladder.queries._compiled.core.Fallback`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from supportladder.queries import _snapshot as _csr
from supportladder.queries._compiled.core import FastView, _exact_bound, _scipy, dags

__all__ = ["Reached", "reach"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Reached:
    """The roles within a budget of a source, cheapest first (ties: by id).

    What :func:`reach` computes at once is what decides the answer: which roles are
    within the budget, exactly, and their order.  Exact costs and routes — the
    lexicographically smallest cheapest route to each role — are read off the
    shortest-path DAG on the first call of :meth:`items` (which may raise
    :class:`Fallback`, as :func:`reach` may).
    """

    def __init__(
        self,
        fv: FastView,
        source: int,
        order: IntArray,
        dist: FloatArray,
        exact: IntArray | None,
        tight: BoolArray | None,
        scaled: IntArray | None = None,
    ) -> None:
        self.fv = fv
        self.source = source
        self.order = order  # every role reached but the source, cheapest first
        self.dist = dist
        self.exact = exact  # (k, n) limbs, or None when floats are exact
        self.tight = tight  # None: computed from ``dist`` when needed
        self.scaled = scaled  # exact costs as int64 counts of 2**-q, if so computed

    def __len__(self) -> int:
        return int(self.order.size)

    def roles(self) -> list[str]:
        """Return the role ids, in order."""
        ids = self.fv.ids
        return [ids[v] for v in self.order.tolist()]

    def costs(self) -> list[float]:
        """Return the exact costs rounded once to floats, in order."""
        fv = self.fv
        if self.scaled is not None:
            # int64 -> float64 rounds to nearest; the power-of-two scaling is exact.
            out: list[float] = (self.scaled[self.order].astype(np.float64) / 2.0**fv.q).tolist()
            return out
        if self.exact is None:
            exact_floats: list[float] = self.dist[self.order].tolist()
            return exact_floats
        ex = self.exact
        return [float(fv.exact_cost(0.0, ex[:, v])) for v in self.order.tolist()]

    def routes(self) -> list[tuple[str, ...]]:
        """Return each role's route (the least role-id tuple among the cheapest), in order."""
        fv, s, dist = self.fv, self.source, self.dist
        order = self.order.tolist()
        tight = self.tight
        if tight is None:
            du = dist[fv.src]
            tight = np.isfinite(du) & (du + fv.cost == dist[fv.dst])
        ok = np.zeros(fv.n, dtype=bool)
        ok[self.order] = True
        ok[s] = True
        es = np.flatnonzero(tight & ok[fv.src] & ok[fv.dst])
        fs, fd = fv.src[es], fv.dst[es]
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


def reach(fv: FastView, source: str, budget: float | None) -> Reached:
    """Return every role other than ``source`` within ``budget``, cheapest first."""
    s = fv.index[source]
    _, csgraph = _scipy()
    if fv.float_exact:
        lim = np.inf if budget is None else budget
        dist = csgraph.dijkstra(fv.matrix(), indices=s, limit=lim)
        ok = np.isfinite(dist) if budget is None else dist <= budget
        ok[s] = False
        nodes = np.flatnonzero(ok)
        # ids ascend with the index and the sort is stable: ties come by id
        order = nodes[np.argsort(dist[nodes], kind="stable")]
        return Reached(fv, s, order, dist, None, None)
    return _reach_exact(fv, s, budget)


def _reach_exact(fv: FastView, s: int, budget: float | None) -> Reached:
    """:func:`reach` by exact integer arithmetic along the float shortest-path tree."""
    dist2, tight, exact = dags(fv, [s], budget, as_int=True)
    assert exact is not None
    if exact.ndim == 2:  # int64 counts of 2**-q
        scaled = exact[0]
        ok = np.isfinite(dist2[0])
        if budget is not None:
            ok &= scaled <= min(_exact_bound(fv, budget), 1 << 62)
        ok[s] = False
        nodes = np.flatnonzero(ok)
        order = nodes[np.argsort(scaled[nodes], kind="stable")]
        return Reached(fv, s, order, dist2[0], None, tight[0], scaled)
    ex = exact[:, 0, :]
    ok = _within(fv, dist2[0], ex, budget)
    ok[s] = False
    nodes = np.flatnonzero(ok)
    keys = [ex[j, nodes] for j in range(fv.k)]
    order = nodes[np.lexsort(keys)]  # last key (most significant limb) is primary
    return Reached(fv, s, order, dist2[0], ex, tight[0])


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
