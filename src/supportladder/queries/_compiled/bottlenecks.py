"""Gateways, critical moves and minimax bounds on the compiled core (SciPy BFS)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from supportladder.queries._compiled.core import FastView, _scipy

__all__ = ["any_route", "cuts", "joined", "minimax_bound"]


def _joined(matrix: Any, s: int, t: int) -> bool:
    _, csgraph = _scipy()
    found = csgraph.breadth_first_order(matrix, s, directed=True, return_predecessors=False)
    return bool((found == t).any())


def joined(fv: FastView, source: str, target: str) -> bool:
    """Return whether some route leads from ``source`` to ``target``."""
    index = fv.index
    return _joined(fv.matrix(), index[source], index[target])


def minimax_bound(fv: FastView, source: str, target: str) -> float | None:
    """Return the least possible cost of a route's costliest move (``None``: no route)."""
    s, t = fv.index[source], fv.index[target]
    if s == t:
        return 0.0
    if not _joined(fv.matrix(), s, t):
        return None
    levels = np.unique(fv.cost)
    lo, hi = 0, levels.size - 1  # the answer is levels[i] for the least i that joins
    while lo < hi:
        mid = (lo + hi) // 2
        keep = fv.cost <= levels[mid]
        m = fv._build(fv.src[keep], fv.dst[keep], fv.cost[keep])
        if _joined(m, s, t):
            hi = mid
        else:
            lo = mid + 1
    return float(levels[lo])


def cuts(fv: FastView, route: Sequence[str]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Return the gateways and the critical moves of ``route``'s ends, in route order.

    Gateways are the roles other than the ends on every route (the target's strict
    dominators); critical moves are the moves on every route.  Both lie on ``route``, any
    route between the ends.  One search over the graph finds them all (no search per
    candidate).

    Why it is right.  Let ``route = r_0 .. r_L``.  Search from ``r_0``, then ``r_1``, ...,
    in route order, where a search may pass through roles off the route but stops at
    every route role (it is *hit*, not expanded; it is expanded when its own turn comes).
    Let ``far_i`` be the largest route index hit once ``r_0 .. r_i`` are expanded, not
    counting the route's own move ``r_i -> r_{i+1}``.

    * ``r_{i+1}`` (``i + 1 < L``) is a gateway iff ``max(far_i, i + 1) == i + 1``.  The
      roles found so far are exactly those reachable from ``r_0`` without entering
      ``r_{i+1}`` or any later route role (those are never expanded yet).  If a later
      role ``r_j``, ``j > i + 1``, was hit, it is reached while avoiding ``r_{i+1}``, and
      ``r_j .. r_L`` continues to the target: not a gateway.  If none was, every role
      reachable from ``r_0`` in the graph without ``r_{i+1}`` was found (searches stop only
      at route roles, and the only unexpanded one hit is ``r_{i+1}``) and the target is
      not among them: a gateway.
    * The move ``r_i -> r_{i+1}`` is critical iff ``far_i <= i``.  This is the previous
      rule on the graph with every move split by a middle node: the middle node of
      ``r_i -> r_{i+1}`` is on every route iff nothing beyond ``r_i`` was hit except by
      that move.  (Earlier route moves hit at most ``r_i``.)

    Once ``far_i == L`` the target is reached around anything later: the search stops.
    ``tests/test_fast.py`` checks both against the reference on generated graphs.
    """
    index = fv.index
    ids = [index[r] for r in route]
    last = len(ids) - 1
    adj = fv.adjacency()
    where = [-1] * fv.n  # route position of every role, -1 off the route
    for j, v in enumerate(ids):
        where[v] = j
    seen = bytearray(fv.n)
    for v in ids:
        seen[v] = 1
    gates: list[str] = []
    critical: list[tuple[str, str]] = []
    far = 0
    for i in range(last):
        u, nxt = ids[i], ids[i + 1]
        for w in adj[u]:
            if seen[w]:
                j = where[w]
                if j > far and w != nxt:
                    far = j
            else:
                seen[w] = 1
                stack = [w]
                while stack:
                    v = stack.pop()
                    for x in adj[v]:
                        if seen[x]:
                            j = where[x]
                            if j > far:
                                far = j
                        else:
                            seen[x] = 1
                            stack.append(x)
        if far <= i:
            critical.append((route[i], route[i + 1]))
        if i + 1 < last and max(far, i + 1) == i + 1:
            gates.append(route[i + 1])
        if far >= last:
            break
    return tuple(gates), tuple(critical)


def any_route(fv: FastView, source: str, target: str) -> list[str] | None:
    """Return some route from ``source`` to ``target`` (a BFS tree's), or ``None``."""
    _, csgraph = _scipy()
    s, t = fv.index[source], fv.index[target]
    if s == t:
        return [source]
    _, pred = csgraph.breadth_first_order(fv.matrix(), s, directed=True)
    if pred[t] < 0:
        return None
    out = [t]
    while out[-1] != s:
        out.append(int(pred[out[-1]]))
    ids = fv.ids
    return [ids[v] for v in reversed(out)]
