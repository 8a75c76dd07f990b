"""An experiment, not a benchmark row: the reachable rows with a compiled exact search.

``benchmarks/run.py`` times ``reachable_roles`` against SciPy ``dijkstra(limit=,
return_predecessors=True)`` with a target of 2.0, and both of its rows miss it (see
"Reachable roles" in ``docs/performance.md``).  This script measures what a compiled
*exact* single-source search would change, so that the choice between the ways out can
rest on numbers: it swaps the engine's search (SciPy's float Dijkstra and, on O*NET, the
exact int64 check) for a binary-heap Dijkstra compiled by numba, which sums the view's
costs exactly (floats where they are exact, else int64 counts of ``2**-q``) and settles
roles in the answer's own order (cost, then id), so that nothing is left to sort.

Usage (numba is not a dependency of supportladder, nor of its extras)::

    pip install numba
    python benchmarks/compiled_reach.py                  # synthetic 10k/80k and O*NET
    python benchmarks/compiled_reach.py --onet DIR --repeat 21

Same graphs, starts, budget, peer matrix and pairing as ``run.py``.  For each graph it
prints three ratios to the peer: ``reachable_roles`` as it is; the compiled search alone;
``reachable_roles`` end to end with the compiled search in place of the engine's (request,
dispatch, the role and cost lists and one ``Reach`` per role included).  Before timing it
checks that the swapped query returns the same roles and costs as the real one for every
start; routes are not compared (they are made on demand and not timed by either).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
import synthetic  # noqa: E402

import supportladder  # noqa: E402
from supportladder.queries import _snapshot as csr  # noqa: E402
from supportladder.queries import reachable_roles  # noqa: E402
from supportladder.queries._compiled import core  # noqa: E402
from supportladder.queries._compiled import reach as engine_reach  # noqa: E402
from supportladder.queries._options import make_filters  # noqa: E402


def compile_search() -> Any:
    """Return a numba-compiled ``search(indptr, dst, w, s, lim, dist) -> settled order``.

    A binary heap of (cost, role) with lazy deletion; ``dist`` comes in filled with a value
    above ``lim`` and leaves with the exact cost of every settled role.  Pops come in
    (cost, role) order, the answer's order, the source first.
    """
    from numba import njit

    @njit(cache=True, inline="always")  # type: ignore[misc]
    def before(da: Any, va: Any, db: Any, vb: Any) -> bool:
        return da < db or (da == db and va < vb)  # type: ignore[no-any-return]

    @njit(cache=True)  # type: ignore[misc]
    def search(indptr: Any, dst: Any, w: Any, s: int, lim: Any, dist: Any) -> Any:
        n = indptr.size - 1
        hd = np.empty(dst.size + 1, dtype=w.dtype)
        hv = np.empty(dst.size + 1, dtype=np.int64)
        order = np.empty(n, dtype=np.int64)
        done = np.zeros(n, dtype=np.bool_)
        hd[0], hv[0], size, k = 0, s, 1, 0
        dist[s] = 0
        while size > 0:
            d, u = hd[0], hv[0]
            size -= 1
            if size > 0:  # the last entry to the root, sifted down
                ld, lv, i = hd[size], hv[size], 0
                while 2 * i + 1 < size:
                    c = 2 * i + 1
                    if c + 1 < size and before(hd[c + 1], hv[c + 1], hd[c], hv[c]):
                        c += 1
                    if not before(hd[c], hv[c], ld, lv):
                        break
                    hd[i], hv[i], i = hd[c], hv[c], c
                hd[i], hv[i] = ld, lv
            if done[u]:
                continue
            done[u] = True
            order[k] = u
            k += 1
            for e in range(indptr[u], indptr[u + 1]):
                v = dst[e]
                nd = d + w[e]
                if not done[v] and nd <= lim and nd < dist[v]:
                    dist[v] = nd
                    i = size  # pushed and sifted up
                    size += 1
                    while i > 0 and before(nd, v, hd[(i - 1) >> 1], hv[(i - 1) >> 1]):
                        hd[i], hv[i] = hd[(i - 1) >> 1], hv[(i - 1) >> 1]
                        i = (i - 1) >> 1
                    hd[i], hv[i] = nd, v
        return order[:k]

    return search


def limit(fv: core.FastView, budget: float) -> Any:
    """Return ``budget`` in the search's units: as is, or int64 counts of ``2**-q`` (floor)."""
    if fv.float_exact:
        return budget
    num, den = budget.as_integer_ratio()
    return np.int64(min((num << fv.q) // den, 1 << 62))


def arrays(fv: core.FastView) -> tuple[Any, Any, Any, Any, float]:
    """Return the search's inputs for ``fv``: CSR rows, targets, weights, an unreached
    ``dist`` to copy, and the scale of a count (1.0 where floats are exact, else ``2**-q``).
    """
    indptr, dst = fv.indptr().astype(np.int64), fv.dst.astype(np.int64)
    if fv.float_exact:
        weights, fill, scale = fv.cost.astype(np.float64), np.inf, 1.0
    else:
        assert fv.ints is not None, "costs that fit no int64 count: not measured here"
        weights, fill, scale = fv.ints, np.iinfo(np.int64).max, 2.0**-fv.q
    return indptr, dst, weights, np.full(fv.n, fill, dtype=weights.dtype), scale


def swapped(search: Any, fv: core.FastView, calls: list[str]) -> Any:
    """Return a stand-in for the engine's ``reach`` that runs ``search`` on ``fv``.

    Each call appends its source to ``calls`` (proof that the query ran it).
    """
    indptr, dst, weights, unreached, scale = arrays(fv)

    def reach(view: core.FastView, source: str, budget: float | None) -> Any:
        assert view is fv, "one view per graph here: the default weight, no filters"
        assert budget is not None, "the rows time a budget"
        calls.append(source)
        dist = unreached.copy()
        order = search(indptr, dst, weights, fv.index[source], limit(fv, budget), dist)[1:]
        costs = (dist[order] * scale).tolist()
        # Routes would be read off the exact distances on demand; none is read here.
        return engine_reach.Reached(fv, fv.index[source], order, costs, dist * scale, None)

    return reach


def measure(name: str, g: supportladder.CareerGraph, search: Any, repeat: int) -> None:
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import dijkstra

    snap = csr.snapshot(g)
    n, index = snap.n, snap.index
    matrix = csr_array(
        (snap.weight, snap.dst.astype(np.int32), snap.indptr.astype(np.int32)), shape=(n, n)
    )
    starts = [s for s, _ in run.pairs(g, 10, 1)]
    budget = 3 * float(np.median(snap.weight))
    fv = core.view(g, make_filters(kinds=None, max_step_cost=None, avoid=None, weight="weight"))
    calls: list[str] = []
    real, stand_in = engine_reach.reach, swapped(search, fv, calls)

    def answers() -> list[list[tuple[str, float]]]:
        return [[(r.role, r.cost) for r in reachable_roles(g, s, budget=budget)] for s in starts]

    def ours() -> None:
        for s in starts:
            reachable_roles(g, s, budget=budget)

    def peer() -> None:
        for s in starts:
            dijkstra(matrix, indices=index[s], limit=budget, return_predecessors=True)

    indptr, dst, weights, unreached, _ = arrays(fv)
    lim = limit(fv, budget)

    def search_alone() -> None:
        for s in starts:
            search(indptr, dst, weights, index[s], lim, unreached.copy())

    expected = answers()
    engine_reach.reach = stand_in  # type: ignore[assignment]
    try:
        if answers() != expected or calls != starts:
            raise SystemExit(f"{name}: the compiled search did not run, or gave other answers")
        with_it = run.paired_times(ours, peer, repeat)[2]
    finally:
        engine_reach.reach = real  # type: ignore[assignment]
    as_is = run.paired_times(ours, peer, repeat)[2]
    alone = run.paired_times(search_alone, peer, repeat)[2]
    reached = statistics.median(len(a) for a in expected)
    print(
        f"{name} (~{reached:.0f} roles reached, floats exact: {fv.float_exact}): "
        f"as it is {as_is:.2f}, compiled search alone {alone:.2f}, "
        f"end to end with it {with_it:.2f} (target 2.0)",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument(
        "--onet",
        type=Path,
        default=Path(os.environ.get("SUPPORTLADDER_ONET") or run.ONET_DEFAULT),
        metavar="DIR",
        help="the O*NET text release (default: $SUPPORTLADDER_ONET or ../shared/data/onet-29.3)",
    )
    args = parser.parse_args(argv)
    try:
        search = compile_search()
    except ImportError:
        print("this experiment needs numba: pip install numba", file=sys.stderr)
        return 2
    measure("synthetic", synthetic.graph(10_000, 80_000), search, args.repeat)
    if args.onet.is_dir():
        from supportladder.importers import onet

        measure("onet", onet.load(args.onet), search, args.repeat)
    else:
        print(f"O*NET release not found at {args.onet}; its row is skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
