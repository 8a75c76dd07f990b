"""k cheapest routes and hop-bounded reach on the compiled core.

Both work in integer cost units: every move's cost is an exact integer count of ``2**-q``
(``FastView.ints``), so sums are Python integers, exact, and equal costs are real ties.
Views whose costs do not fit in 61 bits raise :class:`~.core.Fallback`.

k cheapest routes
-----------------
Yen's algorithm, whose spur searches are A* searches guided by the exact cost of the
cheapest route from every role to the target.  That cost is read off one SciPy Dijkstra
on the reversed moves, summed exactly along its tree and checked exactly against every
move (``h(u) <= cost(u, v) + h(v)``; if any move undercuts the tree the float tree was not
optimal and the query falls back).  A checked ``h`` is the exact distance to the target,
so it is a consistent heuristic: A* then settles each role with the least ``(cost, role
ids)`` label, as the reference's Dijkstra does, and with no move banned it walks straight
down the cheapest routes.  Candidates are kept in a heap keyed by ``(cost, role ids)``,
so ties go to the lexicographically smallest sequence of role ids, as the queries promise.

Hop-bounded reach
-----------------
``max_steps`` rounds of a vectorised Bellman-Ford over the moves: after round ``k`` every
role holds the exact cost of its cheapest route of at most ``k`` moves.  The
lexicographically smallest such route is kept alongside: a role's best route of at most
``k`` moves is either its best of at most ``k - 1`` (if the cost did not drop) or the best
route of a predecessor whose round ``k`` move is tight, plus the role.  Only moves out of
roles whose cost or route changed in the previous round are looked at again.
"""

from __future__ import annotations

import heapq
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from supportladder.queries._compiled.core import (
    Fallback,
    FastView,
    _exact_bound,
    _scipy,
    sum_along_tree,
)

if TYPE_CHECKING:
    from supportladder.queries._options import Label

__all__ = ["k_shortest", "reach_within_steps"]

IntArray = npt.NDArray[np.int64]
UNREACHED = 1 << 62
ROOM = 1 << 61


def _ints(fv: FastView) -> Any:
    if fv.ints is None:
        raise Fallback("move costs do not fit in 61-bit integers")
    return fv.ints


def _lists(fv: FastView) -> tuple[list[list[int]], list[list[int]]]:
    """Return every role's out-neighbours and their integer costs (built once per view)."""
    found: tuple[list[list[int]], list[list[int]]] | None = fv.extra.get("lists")
    if found is None:
        ints = _ints(fv).tolist()
        ptr = np.searchsorted(fv.src, np.arange(fv.n + 1)).tolist()
        costs = [ints[ptr[i] : ptr[i + 1]] for i in range(fv.n)]
        found = fv.extra["lists"] = (fv.adjacency(), costs)
    return found


def distances_to(fv: FastView, t: int) -> list[int]:
    """Return the exact cost (in units) from every role to ``t``; -1 where ``t`` is unreachable."""
    ints = _ints(fv)
    _, csgraph = _scipy()
    reverse = fv.extra.get("reverse")
    if reverse is None:
        reverse = fv.extra["reverse"] = fv.matrix().T.tocsr()
    dist, pred = csgraph.dijkstra(reverse, indices=t, return_predecessors=True)
    n = fv.n
    reached = np.isfinite(dist)
    if float(dist[reached].max(initial=0)) * (1 + 1e-6) >= fv.int_room:
        ints = ints.astype(object)  # sums past 61 bits: Python integers, still vectorised
    pred = pred.astype(np.int64)
    has = pred >= 0  # the move v -> pred[v] is v's first move towards t
    anc = np.where(has, pred, np.arange(n, dtype=np.int64))
    exact = np.zeros(n, dtype=ints.dtype)
    exact[has] = ints[fv.positions(np.flatnonzero(has) * n + pred[has])]
    exact = sum_along_tree(exact, anc)
    # Every move u -> v into a role that reaches t: h(u) <= cost + h(v), exactly.
    live = reached[fv.dst]
    if (exact[fv.src[live]] - ints[live] - exact[fv.dst[live]] > 0).any():
        raise Fallback("float shortest-path tree is not exactly optimal")
    out: list[int] = np.where(reached, exact, -1).tolist()
    return out


def _astar(
    fv: FastView,
    h: list[int],
    start: int,
    t: int,
    banned: set[int],
    banned_next: set[int],
) -> tuple[int, tuple[int, ...]] | None:
    """Return the least ``(cost, roles)`` route from ``start`` to ``t`` avoiding the bans.

    ``banned`` roles are never entered; ``banned_next`` roles are never entered straight
    from ``start``.
    """
    if h[start] < 0:
        return None
    adj, costs = _lists(fv)
    done = set(banned)
    heap: list[tuple[int, tuple[int, ...], int]] = [(h[start], (start,), 0)]
    while heap:
        _, path, g = heapq.heappop(heap)
        u = path[-1]
        if u in done:
            continue
        if u == t:
            return g, path
        done.add(u)
        skip = banned_next if u == start else ()
        for v, c in zip(adj[u], costs[u], strict=True):
            hv = h[v]
            if hv < 0 or v in done or v in skip:
                continue
            heapq.heappush(heap, (g + c + hv, (*path, v), g + c))
    return None


def k_shortest(fv: FastView, source: str, target: str, k: int) -> list[Label]:
    """Return the ``k`` cheapest loop-free routes (Yen), ordered by (cost, role ids)."""
    s, t = fv.index[source], fv.index[target]
    h = distances_to(fv, t)
    first = _astar(fv, h, s, t, set(), set())
    if first is None:
        return []
    adj, costs = _lists(fv)
    found = [first]
    nexts: dict[tuple[int, ...], set[int]] = {}  # route prefix -> next roles of found routes
    seen = {first[1]}
    candidates: list[tuple[int, tuple[int, ...]]] = []

    def record(path: tuple[int, ...]) -> None:
        for i in range(len(path) - 1):
            nexts.setdefault(path[: i + 1], set()).add(path[i + 1])

    record(first[1])
    while len(found) < k:
        prev = found[-1][1]
        root_cost = 0
        for i in range(len(prev) - 1):
            spur = prev[i]
            if i:
                u = prev[i - 1]
                root_cost += costs[u][adj[u].index(spur)]
            root = prev[: i + 1]
            spurred = _astar(fv, h, spur, t, set(root[:-1]), nexts.get(root, set()))
            if spurred is None:
                continue
            path = root[:-1] + spurred[1]
            if path not in seen:
                seen.add(path)
                heapq.heappush(candidates, (root_cost + spurred[0], path))
        if not candidates:
            break
        best = heapq.heappop(candidates)
        found.append(best)
        record(best[1])
    unit = 1 << fv.q
    ids = fv.ids
    return [(Fraction(g, unit), tuple(ids[v] for v in path)) for g, path in found]


def reach_within_steps(
    fv: FastView, source: str, budget: float | None, max_steps: int
) -> list[tuple[str, Fraction, tuple[str, ...]]]:
    """Return ``(role, exact cost, route)`` for every role but ``source`` within the limits.

    Each role's route is the cheapest of at most ``max_steps`` moves (ties: role ids),
    and the list is ordered by cost, then role id.
    """
    ints = _ints(fv)
    n, s = fv.n, fv.index[source]
    # Every cost is below 2**61; a cost of at most 2**61 on every route keeps each sum
    # below UNREACHED = 2**62, so int64 never overflows (larger routes fall back).
    cap = min(_exact_bound(fv, budget), ROOM) if budget is not None else ROOM
    dist = np.full(n, UNREACHED, dtype=np.int64)
    dist[s] = 0
    best: dict[int, tuple[int, ...]] = {s: (s,)}
    changed = np.zeros(n, dtype=bool)
    changed[s] = True
    for _ in range(max_steps):
        live = np.flatnonzero(changed[fv.src])
        if not live.size:
            break
        src, dst = fv.src[live], fv.dst[live]
        total = dist[src] + ints[live]
        if cap == ROOM and (total[dist[src] < UNREACHED] > ROOM).any():
            raise Fallback("route costs do not fit in 61-bit integers")
        total[total > cap] = UNREACHED
        new = dist.copy()
        np.minimum.at(new, dst, total)
        tight = np.flatnonzero((total == new[dst]) & (total < UNREACHED))
        changed = _routes(best, dist, new, src[tight].tolist(), dst[tight].tolist())
        dist = new
    nodes = np.flatnonzero(dist < UNREACHED)
    nodes = nodes[nodes != s]
    order = nodes[np.argsort(dist[nodes], kind="stable")].tolist()
    unit = 1 << fv.q
    ids = fv.ids
    costs = dist.tolist()
    return [(ids[v], Fraction(costs[v], unit), tuple(ids[i] for i in best[v])) for v in order]


def _routes(
    best: dict[int, tuple[int, ...]],
    old: IntArray,
    new: IntArray,
    tails: list[int],
    heads: list[int],
) -> npt.NDArray[np.bool_]:
    """Update ``best`` with one round's tight moves; return the roles whose route changed."""
    offers: dict[int, list[int]] = {}
    for u, v in zip(tails, heads, strict=True):
        offers.setdefault(v, []).append(u)
    previous: dict[int, Any] = {v: best.get(v) for v in offers}
    changed: npt.NDArray[np.bool_] = new != old
    for v, us in offers.items():
        options = [(*best_u, v) for best_u in (previous.get(u, best[u]) for u in us)]
        kept = previous[v]
        if kept is not None and not changed[v]:
            options.append(kept)
        route = min(options)
        if route != kept:
            best[v] = route
            changed[v] = True
    return changed
