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
    m = max(fv.src.size, 1)
    batch = max(1, min(len(sources), BATCH_ENTRIES // m))
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


def _brandes(fv: FastView, sources: Sequence[int]) -> FloatArray:
    """Return the summed dependencies of a batch of sources (Brandes), unnormalised.

    The batch's shortest-path DAGs are one block-diagonal DAG on ``b * n`` nodes (node
    ``i * n + v`` is role ``v`` seen from the ``i``-th source).  Path counts are pushed
    along it in rounds, as in Kahn's topological sort: a round takes the moves out of the
    nodes whose every incoming move has been taken (their count is final), so each move
    is taken once and there are as many rounds as the DAGs are deep.  Dependencies then
    flow back through the same rounds in reverse order.
    """
    _, tight, _ = dags(fv, sources, as_int=True)
    b, n = len(sources), fv.n
    size = b * n
    # tight is (b, m) in C order, so its moves come grouped by (source, role): by node.
    bi, be = np.divmod(np.flatnonzero(tight), fv.src.size)
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
