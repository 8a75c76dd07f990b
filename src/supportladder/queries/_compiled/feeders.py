"""Feeders on the compiled core: the cheapest route *to* one role from every role.

One SciPy Dijkstra on the transposed move matrix gives float distances to the target; the
exact costs are then summed as fractions over the moves that are tight in floats (relative
slack under 1e-9), in float order, and checked, so the answer is the reference's: among
equally cheap routes, the one whose role ids come first.  Where that cannot be certified (a
move of cost 0, or a check that fails) :class:`~.core.Fallback` hands the request to the
reference engine; so does a bound on the number of moves.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from supportladder.queries._compiled.core import Fallback, FastView, _scipy
from supportladder.queries._options import Label

__all__ = ["feeders"]


def feeders(fv: FastView, target: str) -> dict[str, Label]:
    """Return ``{role: (exact cost, route)}`` for every role but ``target`` that reaches it."""
    sparse, csgraph = _scipy()
    src, dst, cost = fv.src, fv.dst, fv.cost
    if bool((cost == 0).any()):
        raise Fallback
    t, n = fv.index[target], fv.n
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
            raise Fallback
        cheapest = min(total for total, _ in options)
        exact[u] = cheapest
        best[u] = (u, *min(route for total, route in options if total == cheapest))
    for u, items in out.items():  # no tight move undercuts a settled cost
        if any(v in exact and c + exact[v] < exact[u] for v, c in items):
            raise Fallback
    ids = fv.ids
    return {ids[u]: (exact[u], tuple(ids[i] for i in best[u])) for u in exact if u != t}
