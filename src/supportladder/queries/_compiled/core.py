"""The compiled query core: the same answers as :mod:`supportladder.queries._reference`, faster.

Requests the dispatcher (:mod:`supportladder.queries._engines`) sends here run on the CSR
snapshot (:mod:`supportladder.queries._snapshot`), with SciPy's compiled Dijkstra and BFS
(SciPy is imported on first use, never by ``import supportladder``).  Filters become a
boolean mask over the snapshot's edges; no networkx graph is built.

Identical results
-----------------
The reference sums costs exactly and, among the cheapest routes, returns the one whose
tuple of role ids is smallest.  Here:

1. SciPy's Dijkstra gives float distances (and a shortest-path tree).
2. The *tight* edges — those with ``dist[u] + cost == dist[v]`` — are found exactly: with
   plain float ``==`` when float sums are provably exact for the view's costs, otherwise
   by recomputing every distance along the tree as an integer (in 31-bit limbs,
   vectorised), checking that no near-tight edge undercuts it (if one does, the float tree
   was not exactly optimal and the query falls back to the reference) and keeping the
   near-tight edges whose exact slack is zero.
3. Tight edges form the shortest-path DAG (costs are positive; views with a zero-cost move
   fall back to the reference).  The lexicographically smallest route is read off it:
   greedily towards one target, or by comparing tuples in exact-distance order for all.

A skill profile is one more node, after every role, with a move to each role
(:func:`profile_view`); a callable or attribute weight is evaluated once per move.  A view
with a zero-cost move, or a float tree that is not exactly optimal, raises
:class:`Fallback` here, and the dispatcher hands the request to the reference.  Reach within
a budget is in :mod:`supportladder.queries._compiled.reach`; k cheapest routes and ``max_steps``
searches in :mod:`supportladder.queries._compiled.kpaths`; bottleneck
searches in :mod:`~supportladder.queries._compiled.bottlenecks`; betweenness in
:mod:`~supportladder.queries._compiled.betweenness`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from supportladder.model import KINDS, NO_REQUIREMENTS
from supportladder.queries import _snapshot as _csr
from supportladder.queries._options import PROFILE, PROFILE_KIND, Edge, Filters, avoided, cost_of

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "Fallback",
    "FastView",
    "Virtual",
    "profile_view",
    "shortest",
    "sum_along_tree",
    "view",
]

TOLERANCE = 1e-9
"""Relative slack under which an edge is a tie candidate, checked exactly."""

DENSE_POSITIONS = 1 << 21
"""Role pairs up to which move positions come from a dense table."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Fallback(Exception):
    """The compiled core does not cover this query; use the reference."""


def _scipy() -> Any:
    # Imported on first use (and untyped): ``import supportladder`` stays cheap.
    return importlib.import_module("scipy.sparse"), importlib.import_module("scipy.sparse.csgraph")


@attrs.frozen(eq=False)
class Virtual:
    """A skill profile's virtual moves: to ``targets`` (snapshot indices, ascending)."""

    profile: dict[str, float]
    targets: IntArray
    cost: FloatArray  # under the query's weight


class FastView:
    """The moves of a snapshot that pass a query's filters, as masked CSR arrays."""

    def __init__(
        self,
        graph: CareerGraph,
        filters: Filters,
        eids: IntArray,
        virtual: Virtual | None = None,
        full: FloatArray | None = None,
    ) -> None:
        snap = _csr.snapshot(graph)
        self.graph = graph
        self.filters = filters
        self.snap = snap
        self.eids = eids  # the snapshot moves of the view; a profile's moves come after them
        self.virtual = virtual
        self.full = full  # every snapshot move's cost under a custom weight, else None
        if full is None:
            full = _full_cost(snap, filters)
        if virtual is None:
            self.ids, self.index, self.n = snap.ids, snap.index, snap.n
            self.src, self.dst, self.cost = snap.src[eids], snap.dst[eids], full[eids]
            if self.full is None:
                ex = _full_exactness(snap, filters)
                limbs, ints = ex.limbs[:, eids], None if ex.ints is None else ex.ints[eids]
            else:
                ex = _csr.exactness(self.cost, self.n)
                limbs, ints = ex.limbs, ex.ints
        else:  # the profile is one more node, after every role, with a move to each target
            self.ids, self.n = (*snap.ids, PROFILE), snap.n + 1
            self.index = {**snap.index, PROFILE: snap.n}
            self.src = np.concatenate([snap.src[eids], np.full(virtual.targets.size, snap.n)])
            self.dst = np.concatenate([snap.dst[eids], virtual.targets])
            self.cost = np.concatenate([full[eids], virtual.cost])
            ex = _csr.exactness(self.cost, self.n)
            limbs, ints = ex.limbs, ex.ints
        self.keys = self.src * self.n + self.dst
        self.float_exact = ex.float_exact
        self.q = ex.q
        self.limbs = limbs
        self.k = ex.k
        self.ints = ints
        self.int_room = (
            0.0 if ex.ints is None else 2.0**61 / 2.0**ex.q - float(self.cost.max(initial=0))
        )
        self._edges: dict[tuple[str, str], Edge] = {}
        self._matrix: Any = None
        self._indptr: IntArray | None = None
        self._table: IntArray | None = None
        self._adj: list[list[int]] | None = None
        self.extra: dict[str, Any] = {}  # what other searches build once per view

    # ------------------------------------------------------------------ building blocks
    def matrix(self) -> Any:
        """Return the view as a SciPy CSR matrix (built once; see :meth:`_build`)."""
        if self._matrix is None:
            self._matrix = self._build(self.src, self.dst, self.cost)
        return self._matrix

    def indptr(self) -> IntArray:
        """Return the CSR row pointers, int64: role ``u``'s moves are at
        ``indptr[u] .. indptr[u + 1] - 1`` (built once)."""
        if self._indptr is None:
            self._indptr = _row_pointers(self.src, self.n)
        return self._indptr

    def adjacency(self) -> list[list[int]]:
        """Return the out-neighbours of every role, as Python lists (built once)."""
        if self._adj is None:
            dst = self.dst.tolist()
            ptr = np.searchsorted(self.src, np.arange(self.n + 1)).tolist()
            self._adj = [dst[ptr[i] : ptr[i + 1]] for i in range(self.n)]
        return self._adj

    def positions(self, keys: IntArray) -> IntArray:
        """Return the positions of the moves with ``keys`` (``u * n + v``; all present).

        Up to 2M role pairs (a 16 MB table), a dense table of positions, built once, answers
        with one gather; beyond, a binary search of the sorted keys.
        """
        if self.n * self.n > DENSE_POSITIONS:
            found: IntArray = np.searchsorted(self.keys, keys)
            return found
        if self._table is None:
            table = np.full(self.n * self.n, -1, dtype=np.int64)
            table[self.keys] = np.arange(self.keys.size, dtype=np.int64)
            self._table = table
        return self._table[keys]

    def out_moves(self, nodes: IntArray) -> IntArray:
        """Return the positions of the moves out of ``nodes`` (ascending ``nodes``)."""
        return _spans(self.indptr(), nodes)

    def moves(self, positions: IntArray) -> tuple[IntArray, IntArray, IntArray]:
        """Return the sources, targets and integer costs of the moves at ``positions``."""
        assert self.ints is not None
        return self.src[positions], self.dst[positions], self.ints[positions]

    def _build(self, src: IntArray, dst: IntArray, data: FloatArray) -> Any:
        """Return the moves ``src -> dst`` (``src`` ascending) as a CSR matrix.

        Its index arrays are 32-bit where they fit: SciPy's csgraph routines work on
        32-bit indices and would otherwise cast a copy of them on every call (~15 % of a
        Dijkstra on the 10,000-role benchmark graph).
        """
        sparse, _ = _scipy()
        indptr = _row_pointers(src, self.n)
        if max(self.n, src.size) < 2**31:
            return sparse.csr_array(
                (data, dst.astype(np.int32), indptr.astype(np.int32)), shape=(self.n, self.n)
            )
        return sparse.csr_array((data, dst, indptr), shape=(self.n, self.n))

    def subset(self, keep: BoolArray) -> FastView:
        m, virtual = self.eids.size, self.virtual
        if virtual is not None:
            virtual = Virtual(virtual.profile, virtual.targets[keep[m:]], virtual.cost[keep[m:]])
        return FastView(self.graph, self.filters, self.eids[keep[:m]], virtual, self.full)

    def restrict(self, max_cost: float) -> FastView:
        return self.subset(self.cost <= max_cost)

    def edge(self, source: str, target: str) -> Edge:
        """Return one move as a reference :class:`Edge` (built once per view)."""
        found = self._edges.get((source, target))
        if found is None:
            u, v = self.index[source], self.index[target]
            i = int(np.searchsorted(self.keys, u * self.n + v))
            cost = float(self.cost[i])
            if self.virtual is not None and i >= self.eids.size:
                gaps = self.graph.delta(self.virtual.profile, target)[1]
                found = Edge(
                    source, target, PROFILE_KIND, cost, Fraction(cost), gaps, NO_REQUIREMENTS
                )
            else:
                move = self.snap.moves[int(self.eids[i])]
                gaps = self.graph.delta(source, target)[1]
                found = Edge(
                    source, target, move.kind, cost, Fraction(cost), gaps, move.requirements
                )
            self._edges[(source, target)] = found
        return found

    def exact_cost(self, value: float, limbs: IntArray | None) -> Fraction:
        if limbs is None:
            return Fraction(value)
        total = sum(int(x) << (_csr.LIMB_BITS * j) for j, x in enumerate(limbs.tolist()))
        return Fraction(total, 1 << self.q)


def _row_pointers(src: IntArray, n: int) -> IntArray:
    """Return the CSR row pointers (int64) of moves from ``src`` (ascending) among ``n`` roles."""
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return indptr


def _spans(indptr: IntArray, nodes: IntArray) -> IntArray:
    """Return the positions ``indptr[u] .. indptr[u + 1] - 1`` of every node ``u``, joined."""
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if ends.size else 0
    out: IntArray = np.repeat(starts - ends + lengths, lengths) + np.arange(total)
    return out


def _full_cost(snap: _csr.Snapshot, filters: Filters) -> FloatArray:
    if filters.weight is None:
        ones: FloatArray | None = snap.cache.get("ones")
        if ones is None:
            ones = snap.cache["ones"] = np.ones(snap.src.size, dtype=np.float64)
        return ones
    return snap.weight


def _full_exactness(snap: _csr.Snapshot, filters: Filters) -> _csr.Exactness:
    key = ("exact", filters.weight is None)
    found: _csr.Exactness | None = snap.cache.get(key)
    if found is None:
        found = snap.cache[key] = _csr.exactness(_full_cost(snap, filters), snap.n)
    return found


def _custom_costs(
    graph: CareerGraph, snap: _csr.Snapshot, weight: Any, keep: BoolArray
) -> FloatArray:
    """Return every move's cost under a callable or attribute ``weight``, as the reference.

    Only moves that ``keep`` passes are costed, in the graph's move order (so an invalid
    cost is reported for the same move as by the reference); a move the weight hides
    (``None``) is dropped from ``keep``.
    """
    digraph = graph._digraph()
    position: dict[tuple[str, str], int] | None = snap.cache.get("position")
    if position is None:
        position = {(m.source, m.target): i for i, m in enumerate(snap.moves)}
        snap.cache["position"] = position
    cost = np.zeros(snap.src.size, dtype=np.float64)
    for move in graph.transitions:
        i = position[(move.source, move.target)]
        if not keep[i]:
            continue
        data = digraph.adj[move.source][move.target]
        found = cost_of(weight, move.source, move.target, data)
        if found is None:
            keep[i] = False
        else:
            cost[i] = found[0]
    return cost


def view(graph: CareerGraph, filters: Filters) -> FastView:
    """Return the compiled view of ``graph`` under ``filters``.

    Views of the default and the unit weight are cached per filters; under a callable or
    attribute weight, every move that passes the other filters is costed afresh.
    """
    snap = _csr.snapshot(graph)
    key = ("view", filters.weight, filters.kinds, filters.max_step_cost, repr(filters.avoid))
    views: dict[Any, FastView] = snap.cache.setdefault("views", {})
    found = views.get(key) if filters.weight is None or filters.weight == "weight" else None
    if found is not None:
        return found
    keep = np.ones(snap.src.size, dtype=bool)
    if filters.kinds is not None:
        codes = [i for i, k in enumerate(KINDS) if k in filters.kinds]
        keep &= np.isin(snap.kind, codes)
    if filters.avoid is not None:
        for e in snap.with_requirements.tolist():
            if avoided(snap.moves[e].requirements, filters.avoid):
                keep[e] = False
    full = None
    if filters.weight is None or filters.weight == "weight":
        cost = _full_cost(snap, filters)
    else:
        cost = full = _custom_costs(graph, snap, filters.weight, keep)
    if filters.max_step_cost is not None:
        keep &= cost <= filters.max_step_cost
    if (cost[keep] == 0).any():
        raise Fallback("zero-cost moves")
    found = FastView(graph, filters, np.flatnonzero(keep), None, full)
    if full is not None:
        return found  # a callable may answer differently next time: never cached
    if len(views) >= 16:
        views.pop(next(iter(views)))
    views[key] = found
    return found


def profile_view(graph: CareerGraph, filters: Filters, profile: dict[str, float]) -> FastView:
    """Return the compiled view of ``graph`` under ``filters`` from a skill profile.

    The profile's moves go to every role, cost ``graph.delta(profile, role)[0]`` (or 1
    with ``weight=None``), pass every kind and avoid filter, and obey ``max_step_cost``.
    """

    base = view(graph, filters)
    snap = base.snap
    targets = np.fromiter((snap.index[r.id] for r in graph.roles), np.int64, len(graph.roles))
    if filters.weight is None:
        cost = np.ones(targets.size, dtype=np.float64)
    else:
        cost = np.asarray(graph.profile_costs(profile).weight, dtype=np.float64)
    by = np.argsort(targets)
    targets, cost = targets[by], cost[by]
    if filters.max_step_cost is not None:
        keep = cost <= filters.max_step_cost
        targets, cost = targets[keep], cost[keep]
    if (cost == 0).any():
        raise Fallback("zero-cost moves")
    return FastView(graph, filters, base.eids, Virtual(profile, targets, cost))


# ---------------------------------------------------------------------- exact DAGs
CHUNK_ENTRIES = 1 << 17
"""Entries (moves x sources) per chunk of the tight-move check: 1 MiB of int64, which
stays in a core's cache (one pass over a whole batch's 16 MiB arrays is about seven times
slower per entry on a 2-core machine, measured)."""


def _chunks(m: int, b: int) -> list[tuple[int, int]]:
    """Split ``range(m)`` moves into ``(lo, hi)`` chunks of about ``CHUNK_ENTRIES / b``."""
    step = max(1, CHUNK_ENTRIES // max(b, 1))
    return [(lo, min(m, lo + step)) for lo in range(0, m, step)]


def _tight_rows(
    to_v: IntArray, from_u: IntArray, src: IntArray, dst: IntArray, ints: IntArray
) -> IntArray:
    """Return the flat positions ``i * m + e``, ascending, of the tight moves ``e`` of row ``i``.

    ``to_v`` and ``from_u`` are ``(b, n)`` exact distances (see :func:`_dags_int64`); the
    check runs over groups of rows (or one row's chunks of moves) of about
    :data:`CHUNK_ENTRIES` entries, so its arrays stay in cache and the positions come out
    in order.  Raises :class:`Fallback` if a move undercuts the tree.
    """
    b, m = to_v.shape[0], src.size
    rows = max(1, CHUNK_ENTRIES // max(m, 1))
    found: list[IntArray] = []
    for top in range(0, b, rows):
        for lo, hi in _chunks(m, min(rows, b - top)):
            gap = to_v[top : top + rows].take(dst[lo:hi], axis=1)
            gap -= from_u[top : top + rows].take(src[lo:hi], axis=1)
            gap -= ints[lo:hi]
            if gap.max() > 0:
                raise Fallback("float shortest-path tree is not exactly optimal")
            # Flat in (rows, hi - lo): rows of whole moves (lo == 0), or one row's chunk.
            found.append(np.flatnonzero(gap == 0) + (top * m + lo))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def dags(
    fv: FastView,
    sources: Sequence[int],
    limit: float | None = None,
    *,
    as_int: bool = False,
    entries: bool = False,
) -> tuple[FloatArray, npt.NDArray[Any], IntArray | None]:
    """Return distances ``(b, n)``, tight edges ``(b, m)`` and exact distances.

    Exact distances are ``None`` when floats are exact, else limbs of shape ``(k, b, n)``;
    with ``as_int``, int64 counts of ``2**-q`` of shape ``(b, n)`` when they fit.  With
    ``entries``, the tight edges are the ascending flat positions of the ``(b, m)`` mask.
    Raises :class:`Fallback` if the float tree is not exactly optimal.
    """
    _, csgraph = _scipy()
    b, n = len(sources), fv.n
    idx = np.asarray(sources, dtype=np.int64)
    if fv.float_exact:
        lim = np.inf if limit is None else limit
        dist = np.atleast_2d(csgraph.dijkstra(fv.matrix(), indices=idx, limit=lim))
        # NaN for the unreached compares unequal to everything: no isfinite mask needed.
        by_node = np.ascontiguousarray(dist.T)
        by_node[np.isinf(by_node)] = np.nan
        tight = np.empty((b, fv.src.size), dtype=bool)
        for lo, hi in _chunks(fv.src.size, b):
            du = by_node.take(fv.src[lo:hi], axis=0)
            du += fv.cost[lo:hi, None]
            np.equal(du.T, by_node.take(fv.dst[lo:hi], axis=0).T, out=tight[:, lo:hi])
        return dist, np.flatnonzero(tight) if entries else tight, None
    lim = np.inf if limit is None else limit * (1 + 1e-6) + 1e-300
    dist, pred = csgraph.dijkstra(fv.matrix(), indices=idx, limit=lim, return_predecessors=True)
    dist = np.atleast_2d(dist)
    pred = np.atleast_2d(pred).ravel().astype(np.int64)
    total = b * n
    flat = np.arange(total, dtype=np.int64)
    rows = flat // n
    has = pred >= 0
    anc = np.where(has, rows * n + pred, flat)
    pos = fv.positions(pred[has] * n + (flat[has] % n))
    reached = np.isfinite(dist)
    if fv.ints is not None and float(dist[reached].max(initial=0)) * (1 + 1e-6) < fv.int_room:
        dist, tight, scaled = _dags_int64(fv, dist, reached, anc, has, pos, entries=entries)
        if as_int:
            return dist, tight, scaled
        bits = [(scaled >> (_csr.LIMB_BITS * j)) & _csr.LIMB_MASK for j in range(fv.k)]
        return dist, tight, np.stack(bits)
    val = np.zeros((fv.k, total), dtype=np.int64)
    val[:, has] = fv.limbs[:, pos]
    while True:
        nxt = anc[anc]
        if np.array_equal(nxt, anc):
            break
        val = val + val[:, anc]
        anc = nxt
    exact = _csr.normalise(val).reshape(fv.k, b, n)
    du = dist[:, fv.src]
    dv = dist[:, fv.dst]
    with np.errstate(invalid="ignore"):
        near = np.isfinite(du) & np.isfinite(dv) & (np.abs(du + fv.cost - dv) <= TOLERANCE * dv)
    ci, ce = np.nonzero(near)
    total_u = _csr.normalise(exact[:, ci, fv.src[ce]] + fv.limbs[:, ce])
    sign = _csr.compare(total_u, exact[:, ci, fv.dst[ce]])
    if (sign < 0).any():
        raise Fallback("float shortest-path tree is not exactly optimal")
    tight = np.zeros((b, fv.src.size), dtype=bool)
    ok = sign == 0
    tight[ci[ok], ce[ok]] = True
    return dist, np.flatnonzero(tight) if entries else tight, exact


def _dags_int64(
    fv: FastView,
    dist: FloatArray,
    reached: BoolArray,
    anc: IntArray,
    has: BoolArray,
    pos: IntArray,
    *,
    entries: bool = False,
) -> tuple[FloatArray, npt.NDArray[Any], IntArray]:
    """:func:`dags` when every distance, in units of ``2**-q``, fits in an int64.

    Costs are then plain int64 integers (``fv.ints``), summed exactly along the float
    tree; every move is checked exactly (not only the near-tight ones): one that would
    undercut the tree means the float tree was not optimal and the reference is used.
    The check runs in cache-sized pieces (:func:`_tight_rows`).
    Returns the exact distances as int64 counts of ``2**-q``, ``(b, n)`` (0: unreached).
    """
    assert fv.ints is not None
    b, n = dist.shape
    exact = np.zeros(b * n, dtype=np.int64)
    exact[has] = fv.ints[pos]
    exact = sum_along_tree(exact, anc)
    # Per move u -> v and source, gap = d(v) - (d(u) + cost): > 0 would undercut the tree,
    # 0 is tight.  An unreached u counts as 2**62 (above every distance, no overflow once a
    # cost is added), an unreached v as -1, so neither is ever tight or undercutting.
    exact = exact.reshape(b, n)
    from_u = np.where(reached, exact, np.int64(1) << np.int64(62))
    to_v = np.where(reached, exact, np.int64(-1))
    # Only a move out of a reached role can be tight or undercut the tree: with a budget
    # (a ``limit``) that is often a small part of the graph, worth checking alone.
    live = reached.any(axis=0)
    moves = None if live.all() else fv.out_moves(np.flatnonzero(live))
    if moves is not None and 2 * moves.size > fv.src.size:
        moves = None  # most moves: scattering the results back would cost more
    src, dst, ints = (fv.src, fv.dst, fv.ints) if moves is None else fv.moves(moves)
    at = _tight_rows(to_v, from_u, src, dst, ints)
    if moves is not None:  # positions among ``moves`` -> among every move
        row, j = np.divmod(at, src.size)
        at = row * fv.src.size + moves[j]
    if entries:
        tight: npt.NDArray[Any] = at
    else:
        tight = np.zeros((b, fv.src.size), dtype=bool)
        tight.ravel()[at] = True
    scaled: IntArray = np.where(reached, exact, 0)
    return dist, tight, scaled


def sum_along_tree(values: IntArray, parent: IntArray) -> IntArray:
    """Return every node's sum of ``values`` up its tree (``parent[root] == root``).

    Pointer doubling: ``log2(depth)`` vectorised rounds, each adding the values of the
    ancestor ``2**i`` levels up.
    """
    while True:
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            return values
        values = values + values[parent]
        parent = nxt


def _exact_bound(fv: FastView, budget: float) -> int:
    num, den = Fraction(budget).as_integer_ratio()
    return (num << fv.q) // den


# ---------------------------------------------------------------------- routes
def _ancestors(srcs: IntArray, dsts: IntArray, n: int, target: int) -> set[int]:
    order = np.argsort(dsts, kind="stable")
    by_dst = srcs[order]
    ptr = np.searchsorted(dsts[order], np.arange(n + 1))
    seen = {target}
    stack = [target]
    while stack:
        v = stack.pop()
        for u in by_dst[ptr[v] : ptr[v + 1]].tolist():
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return seen


def shortest(fv: FastView, source: str, target: str) -> tuple[Fraction, tuple[str, ...]] | None:
    """Return ``(exact cost, role ids)`` of the reference's route, or ``None``."""
    s, t = fv.index[source], fv.index[target]
    if s == t:
        return Fraction(0), (source,)
    dist, tight, exact = dags(fv, [s])
    if not np.isfinite(dist[0, t]):
        return None
    es = np.flatnonzero(tight[0])
    fs, fd = fv.src[es], fv.dst[es]
    ok = _ancestors(fs, fd, fv.n, t)
    ptr = np.searchsorted(fs, np.arange(fv.n + 1))
    route = [s]
    u = s
    while u != t:
        for v in fd[ptr[u] : ptr[u + 1]].tolist():
            if v in ok:
                break
        else:  # pragma: no cover - a tight edge always continues towards t
            raise Fallback("broken shortest-path DAG")
        route.append(v)
        u = v
    ids = fv.ids
    cost = fv.exact_cost(float(dist[0, t]), None if exact is None else exact[:, 0, t])
    return cost, tuple(ids[i] for i in route)
