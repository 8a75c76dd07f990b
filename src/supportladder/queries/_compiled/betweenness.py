"""Weighted betweenness on the compiled core: Brandes' algorithm, batched over sources."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from supportladder.queries._compiled.core import FastView, _spans, dags

__all__ = ["BATCH_ENTRIES", "betweenness"]

BATCH_ENTRIES = 2_000_000
"""Sources x moves per batch of :func:`betweenness` (one Dijkstra call, one DAG)."""

DETOURS = 4_000_000
"""Two-move detours up to which :func:`_without_detoured` looks for moves to drop."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def betweenness(fv: FastView, sample: int | None, seed: int) -> dict[str, float]:
    """Return normalised weighted betweenness, as networkx computes it on the view.

    With ``sample``, only that many sources are used, chosen like networkx does with
    ``k=sample, seed=seed`` on a graph whose nodes are in id order.
    """
    n = fv.n
    ids = fv.ids
    k = None if sample is None or sample == n else sample
    sources = list(range(n))
    if k is not None:
        # networkx samples the node labels of a graph built in id order: the same draw.
        chosen = random.Random(seed).sample(list(ids), k)
        sources = sorted(fv.index[c] for c in chosen)
    scores = np.zeros(n, dtype=np.float64)
    # Batches are sized on every move of the view, so that dropping detoured moves
    # leaves them (and the order the scores are summed in) as they were.
    m = max(fv.src.size, 1)
    batch = max(1, min(len(sources), BATCH_ENTRIES // m))
    fv = _without_detoured(fv)
    for start in range(0, len(sources), batch):
        chunk = sources[start : start + batch]
        scores += _brandes(fv, chunk)
    count = n - 1  # networkx's N without endpoints
    if count >= 2:
        if k is None:
            scores *= 1 / (count * (count - 1))
        else:
            src_scale = 1 / ((k - 1) * (count - 1)) if k > 1 else float("nan")
            other = 1 / (k * (count - 1))
            factors = np.full(n, other)
            factors[np.asarray(sources, dtype=np.int64)] = src_scale
            scores *= factors
    return {ids[i]: float(scores[i]) for i in range(n)}


def _without_detoured(fv: FastView) -> FastView:
    """Return the view without the moves a two-move detour undercuts exactly (cached).

    If ``c(u, w) + c(w, v) < c(u, v)``, every route through ``u -> v`` is beaten by the
    detour through ``w``: the move is on no cheapest route from any source, so it is never
    tight, and dropping it changes no distance and no shortest-path DAG (the moves left
    keep their order, so the sums below are made in the same order).  Searches and exact
    checks then skip it.  Costs are compared as exact integers; views without them, and
    views with more than :data:`DETOURS` two-move detours, are kept whole.
    """
    found: FastView | None = fv.extra.get("without detoured")
    if found is not None:
        return found
    found = fv
    indptr = fv.indptr()
    degree = indptr[fv.dst + 1] - indptr[fv.dst]
    if fv.ints is not None and fv.virtual is None and 0 < int(degree.sum()) <= DETOURS:
        first = np.repeat(np.arange(fv.src.size, dtype=np.int64), degree)
        second = _spans(indptr, fv.dst)
        keys = fv.src[first] * fv.n + fv.dst[second]
        at = np.minimum(np.searchsorted(fv.keys, keys), fv.keys.size - 1)
        hit = fv.keys[at] == keys
        detour = np.full(fv.src.size, np.iinfo(np.int64).max)
        np.minimum.at(detour, at[hit], fv.ints[first[hit]] + fv.ints[second[hit]])
        beaten = detour < fv.ints
        if beaten.any():
            found = fv.subset(~beaten)
    fv.extra["without detoured"] = found
    return found


def _brandes(fv: FastView, sources: Sequence[int]) -> FloatArray:
    """Return the summed dependencies of a batch of sources (Brandes), unnormalised.

    The batch's shortest-path DAGs are one block-diagonal DAG on ``b * n`` nodes (node
    ``i * n + v`` is role ``v`` seen from the ``i``-th source).  Path counts are pushed
    along it in rounds, as in Kahn's topological sort: a round takes the moves out of the
    nodes whose every incoming move has been taken (their count is final), so each move
    is taken once and there are as many rounds as the DAGs are deep.  Dependencies then
    flow back through the same rounds in reverse order.
    """
    _, tight, _ = dags(fv, sources, as_int=True, entries=True)
    b, n = len(sources), fv.n
    size = b * n
    # Positions in the (b, m) mask, ascending: moves come grouped by (source, role), by node.
    bi, be = np.divmod(tight, fv.src.size)
    tail = bi * n + fv.src[be]
    head = bi * n + fv.dst[be]
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail, minlength=size), out=indptr[1:])
    waiting = np.bincount(head, minlength=size)
    start = np.arange(b, dtype=np.int64) * n + np.asarray(sources, dtype=np.int64)
    sigma = np.zeros(size)
    sigma[start] = 1.0
    ready = np.zeros(size, dtype=bool)
    rounds: list[tuple[IntArray, IntArray]] = []
    frontier = start
    while frontier.size:
        moves = _spans(indptr, frontier)
        if not moves.size:  # nothing leaves the frontier: no other node can become ready
            break
        u, v = tail[moves], head[moves]
        np.add.at(sigma, v, sigma[u])
        np.subtract.at(waiting, v, 1)
        rounds.append((u, v))
        ready[v[waiting[v] == 0]] = True
        frontier = np.flatnonzero(ready)
        ready[frontier] = False
    delta = np.zeros(size)
    for u, v in reversed(rounds):
        np.add.at(delta, u, sigma[u] / sigma[v] * (1.0 + delta[v]))
    delta[start] = 0.0
    result: FloatArray = delta.reshape(b, n).sum(axis=0)
    return result
