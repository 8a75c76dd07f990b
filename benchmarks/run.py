"""Benchmark supportladder's queries against networkx, SciPy csgraph and igraph.

Usage::

    python benchmarks/run.py                       # 10k roles, 80k moves, O*NET, ESCO size, memory
    python benchmarks/run.py --quick               # small sizes, to prove the script works
    python benchmarks/run.py --roles 10000 --moves 80000 --repeat 7
    python benchmarks/run.py --onet DIR            # the O*NET text release to read

The O*NET release is ``--onet DIR``, else ``$SUPPORTLADDER_ONET``, else the checkout's
sibling ``../shared/data/onet-29.3``; its rows are skipped when it is not there.  The ESCO-size
rows import a synthetic download of ESCO's size (``esco_size.py``) written to a temporary
folder.

Every measurement is a median over ``--repeat`` runs, taken side by side in one process on
the same graph: ours and the peer's alternate, and a row's ratio is the median of the
per-repetition ratios.  The table prints each ratio against its target from issue 5 and
marks it pass or FAIL.  Peers that are not installed (igraph) are skipped and their rows
say so.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import esco_size  # noqa: E402
import synthetic  # noqa: E402
from table import Table  # noqa: E402

import supportladder  # noqa: E402
from supportladder.queries import _engines as engines  # noqa: E402
from supportladder.queries import _snapshot as csr  # noqa: E402
from supportladder.queries import (  # noqa: E402
    alternative_paths,
    bottlenecks,
    chokepoints,
    reachable_roles,
    shortest_path,
)
from supportladder.queries._options import make_filters  # noqa: E402

# The checkout's sibling ../shared/data/onet-29.3 (benchmarks/ is one level below the root).
ONET_DEFAULT = HERE.parent.parent / "shared" / "data" / "onet-29.3"


def median_time(run: Callable[[], object], repeat: int) -> float:
    run()  # warm: caches, lazy imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_times(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Return the medians of ``ours`` and ``theirs`` and the median of their ratios.

    The two run alternately, one after the other in every repetition, so that a change
    in the machine's speed while measuring (another job, a CPU's clock, how BLAS runs)
    weighs on both alike; the ratio is the median of the per-repetition ratios.
    """
    ours()  # warm: caches, lazy imports
    theirs()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        ours()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs()
        b.append(time.perf_counter() - start)
    ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
    return statistics.median(a), statistics.median(b), ratio


def paired_or_alone(
    ours: Callable[[], object], theirs: Callable[[], object] | None, repeat: int
) -> tuple[float, float | None, float | None]:
    """:func:`paired_times`, or ``ours`` timed alone when the peer is not installed."""
    if theirs is None:
        return median_time(ours, repeat), None, None
    return paired_times(ours, theirs, repeat)


def try_igraph() -> Any:
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def cuts(g: supportladder.CareerGraph, source: str, target: str) -> object:
    """Return bottlenecks' gateways and critical moves alone, by the engine's own code.

    ``bottlenecks`` also finds the cheapest and the smoothest routes; any route serves for
    the cuts, so a BFS route is used here, as a dominator tree needs none.
    """
    filters = make_filters(kinds=None, max_step_cost=None, avoid=None, weight="weight")

    def task(e: engines.Engine) -> object:
        route = e.any_route(target)
        return None if route is None else e.cuts(route)

    return engines.answer(engines.Request(g, filters, source), task)


def pairs(g: supportladder.CareerGraph, count: int, seed: int) -> list[tuple[str, str]]:
    """Pairs joined by a route, with the target well above the source."""
    rng = np.random.default_rng(seed)
    ids = csr.snapshot(g).ids
    levels = {r.id: r.level for r in g.roles}
    low = [i for i in ids if levels[i] <= min(levels.values()) + 1]
    high = [i for i in ids if levels[i] >= max(levels.values()) - 1]
    out: list[tuple[str, str]] = []
    tries = 0
    while len(out) < count and tries < 50 * count:
        tries += 1
        s = low[int(rng.integers(0, len(low)))]
        t = high[int(rng.integers(0, len(high)))]
        try:
            shortest_path(g, s, t)
        except supportladder.NoPathError:
            continue
        out.append((s, t))
    return out


def bench_graph(
    table: Table, name: str, g: supportladder.CareerGraph, args: argparse.Namespace
) -> None:
    from scipy.sparse.csgraph import dijkstra

    snap = csr.snapshot(g)
    n = snap.n
    # 32-bit indices, as csgraph runs on (it would cast a copy of int64 ones on every call):
    # the peer's matrix is built as a careful SciPy user builds it, as ours is.
    matrix = __import__("scipy.sparse", fromlist=["csr_array"]).csr_array(
        (snap.weight, snap.dst.astype(np.int32), snap.indptr.astype(np.int32)), shape=(n, n)
    )
    ig = try_igraph()
    G = None
    if ig is not None:
        G = ig.Graph(n=n, edges=np.column_stack([snap.src, snap.dst]).tolist(), directed=True)
        G.es["weight"] = snap.weight.tolist()
    ends = pairs(g, 5 if args.quick else 10, 1)
    index = snap.index
    repeat = args.repeat

    def all_pairs(run: Callable[[str, str], object]) -> Callable[[], None]:
        def go() -> None:
            for s, t in ends:
                run(s, t)

        return go

    k = len(ends)

    def per_pair(
        ours: Callable[[str, str], object], theirs: Callable[[str, str], object] | None
    ) -> tuple[float, float | None, float | None]:
        a, b, ratio = paired_or_alone(
            all_pairs(ours), None if theirs is None else all_pairs(theirs), repeat
        )
        return a / k, None if b is None else b / k, ratio

    ours, theirs, ratio = per_pair(
        lambda s, t: shortest_path(g, s, t),
        None
        if G is None
        else lambda s, t: G.get_shortest_path(index[s], index[t], weights="weight"),
    )
    table.add(name, "shortest path", ours, "igraph", theirs, 1.5, ratio)
    bench_alternatives(table, name, g, G, per_pair)

    # reachable within a budget: three times the median move cost.  The peer returns
    # distances and predecessors (what a route to every role needs) within the same limit.
    budget = 3 * float(np.median(snap.weight))
    starts = [s for s, _ in ends]

    def peer_reach() -> None:
        for s in starts:
            dijkstra(matrix, indices=index[s], limit=budget, return_predecessors=True)

    ours, theirs, ratio = paired_times(
        lambda: [reachable_roles(g, s, budget=budget) for s in starts], peer_reach, repeat
    )
    reached = statistics.median(len(reachable_roles(g, s, budget=budget)) for s in starts)
    table.add(
        name,
        f"reachable (~{reached:.0f} roles)",
        ours / k,
        "scipy dijkstra(limit)",
        theirs / k,
        2.0,
        ratio,
    )
    # Context: the same query with every Reach built (routes, steps, gaps), via to_dict().
    ours = median_time(
        lambda: [reachable_roles(g, s, budget=budget).to_dict() for s in starts],
        max(1, repeat // 3),
    )
    table.add(
        name, "reachable, all routes built", ours / k, "scipy dijkstra(limit)", theirs / k, None
    )

    # Gateways (and critical moves, found in the same pass): bottlenecks' own code.
    ours, theirs, ratio = per_pair(
        lambda s, t: cuts(g, s, t), None if G is None else lambda s, t: G.dominator(index[s])
    )
    table.add(name, "gateways", ours, "igraph dominator", theirs, 2.0, ratio)
    # Context: all of bottlenecks (cheapest, minimax and smoothest routes too).
    ours = median_time(all_pairs(lambda s, t: bottlenecks(g, s, t)), repeat) / k
    table.add(name, "bottlenecks (all of it)", ours, "igraph dominator", theirs, None)

    sample = None if n <= 1000 else min(200, n)
    label = "chokepoints (all sources)" if sample is None else f"chokepoints ({sample} sampled)"
    peer_betweenness = None
    if G is not None:
        if sample is None:
            sources = None
        else:
            import random

            chosen = random.Random(0).sample(list(snap.ids), sample)
            sources = [index[c] for c in chosen]

        def peer_betweenness() -> object:
            return G.betweenness(weights="weight", sources=sources)

    ours, theirs, ratio = paired_or_alone(
        lambda: chokepoints(g, sample=sample), peer_betweenness, max(1, repeat // 2)
    )
    table.add(name, label, ours, "igraph betweenness", theirs, 2.0, ratio)


def bench_alternatives(
    table: Table,
    name: str,
    g: supportladder.CareerGraph,
    G: Any,
    per_pair: Callable[..., tuple[float, float | None, float | None]],
) -> None:
    """``alternative_paths``: k=1 against one shortest path, k=5 against igraph and networkx."""
    import itertools

    import networkx as nx

    index = csr.snapshot(g).index
    ours, theirs, ratio = per_pair(
        lambda s, t: alternative_paths(g, s, t, 1), lambda s, t: shortest_path(g, s, t)
    )
    table.add(name, "alternatives k=1", ours, "our shortest path", theirs, 2.0, ratio)
    ours, theirs, ratio = per_pair(
        lambda s, t: alternative_paths(g, s, t, 5),
        None
        if G is None
        else lambda s, t: G.get_k_shortest_paths(index[s], index[t], k=5, weights="weight"),
    )
    table.add(name, "alternatives k=5", ours, "igraph k_shortest", theirs, 1.0, ratio)
    digraph = g._digraph()
    ours, theirs, ratio = per_pair(
        lambda s, t: alternative_paths(g, s, t, 5),
        lambda s, t: list(
            itertools.islice(nx.shortest_simple_paths(digraph, s, t, weight="weight"), 5)
        ),
    )
    table.add(name, "alternatives k=5", ours, "nx shortest_simple_paths", theirs, None, ratio)


def bench_onet_inference(
    table: Table, args: argparse.Namespace, folder: Path
) -> supportladder.CareerGraph:
    from supportladder.importers import _evidence, _onet_moves, onet
    from supportladder.importers import _tables as importing

    captured: list[Any] = []
    original = _onet_moves.build_blocks

    def spy(*a: Any, **kw: Any) -> Any:
        blocks = original(*a, **kw)
        captured.append(blocks)
        return blocks

    _onet_moves.build_blocks = spy  # type: ignore[assignment]
    try:
        g = onet.load(folder)
    finally:
        _onet_moves.build_blocks = original  # type: ignore[assignment]
    blocks = [b for b in captured[0] if b.present.sum() >= 2]
    weights = onet.WEIGHTS

    def bare() -> None:  # the similarity products the inference needs: one per block
        for b in blocks:
            _evidence.cosines(b)

    def inference() -> None:  # products, standardise and mix them, the neighbour table
        sims = [_evidence.cosines(b) for b in blocks]
        combined = _evidence.combine(blocks, sims, weights)
        importing.neighbour_table(
            np.zeros((len(combined), 1)), 20, similarity=combined, min_similarity=-1e300
        )

    ours, theirs, ratio = paired_times(inference, bare, 3 * args.repeat)
    peer = "the block products"
    table.add("onet", "inference (20 neighbours)", ours, peer, theirs, 3.0, ratio)
    whole = median_time(lambda: onet.load(folder), max(1, args.repeat // 3))
    table.add("onet", "onet.load, all of it", whole, peer, theirs, None)
    return g


def bench_esco_size(table: Table, args: argparse.Namespace) -> None:
    """Import a synthetic download of ESCO's size; time it, its first query, reachability."""
    from supportladder.importers import esco

    sizes = (300, 1400, 13_000) if args.quick else (3000, 14_000, 130_000)
    label = f"esco {sizes[0] // 1000}k" if sizes[0] >= 1000 else f"esco {sizes[0]}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = esco_size.write(Path(tmp) / "esco", *sizes)
        start = time.perf_counter()
        g = esco.load(folder)
        took = time.perf_counter() - start
    table.add(label, "esco.load (import)", took, "-", None, None)
    ids = sorted(r.id for r in g.roles)
    source, target = ids[0], ids[-1]
    start = time.perf_counter()
    with contextlib.suppress(supportladder.NoPathError):
        shortest_path(g, source, target)
    table.add(label, "first shortest_path", time.perf_counter() - start, "-", None, None)
    reach = median_time(lambda: reachable_roles(g, source, max_steps=3), max(1, args.repeat // 2))
    table.add(label, "reachable_roles max_steps=3", reach, "-", None, None)


def import_times(modules: tuple[str, str], repeat: int) -> tuple[float, float]:
    """Return the median import time of each module, in fresh interpreters, interleaved.

    Runs alternate between the two modules, so a change in the machine's load (another
    job starting) weighs on both alike.
    """
    times: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(repeat):
        for module in modules:
            code = (
                "import time; t = time.perf_counter(); import "
                + module
                + "; print(time.perf_counter() - t)"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            times[module].append(float(out.stdout))
    first, second = modules
    return statistics.median(times[first]), statistics.median(times[second])


MEMORY_CODE = """
import json, sys, tracemalloc
sys.path.insert(0, {here!r})
import numpy as np
import networkx as nx
import synthetic
import supportladder
from supportladder.queries import shortest_path
tracemalloc.start()
if {which!r} == "networkx":
    level, src, dst = synthetic.edges({roles}, {moves})
    w = np.random.default_rng(0).random(src.size) + 1
    g = nx.DiGraph()
    g.add_nodes_from(f"r{{i:06d}}" for i in range({roles}))
    g.add_weighted_edges_from(
        (f"r{{u:06d}}", f"r{{v:06d}}", x)
        for u, v, x in zip(src.tolist(), dst.tolist(), w.tolist())
    )
else:
    g = synthetic.graph({roles}, {moves})
    ids = sorted(r.id for r in g.roles)
    from supportladder.queries import _snapshot as csr
    csr.snapshot(g)
    reach = supportladder.queries.reachable_roles(g, ids[0], budget=3.0)
_, peak = tracemalloc.get_traced_memory()
print(json.dumps({{"peak": peak}}))
"""


def peak_memory(which: str, roles: int, moves: int) -> float:
    """Return the peak traced allocation (bytes) of building the graph, in a fresh process."""
    code = MEMORY_CODE.format(here=str(HERE), roles=roles, moves=moves, which=which)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout)["peak"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory-roles", type=int, default=100_000)
    parser.add_argument("--memory-moves", type=int, default=800_000)
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--no-onet", action="store_true", help="skip the O*NET graph")
    parser.add_argument(
        "--onet",
        type=Path,
        default=Path(os.environ.get("SUPPORTLADDER_ONET") or ONET_DEFAULT),
        metavar="DIR",
        help="the O*NET text release (default: $SUPPORTLADDER_ONET or ../shared/data/onet-29.3)",
    )
    parser.add_argument("--no-esco", action="store_true", help="skip the ESCO-size import")
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    args = parser.parse_args(argv)
    if args.quick:
        args.roles, args.moves, args.repeat = 600, 4000, 1
        args.memory_roles, args.memory_moves = 2000, 16000
    table = Table(smoke=args.quick)

    g = synthetic.graph(args.roles, args.moves)
    print(f"synthetic graph: {g}", flush=True)
    bench_graph(table, "synthetic", g, args)

    if not args.no_onet and args.onet.is_dir():
        onet_graph = bench_onet_inference(table, args, args.onet)
        print(f"O*NET graph: {onet_graph}", flush=True)
        bench_graph(table, "onet", onet_graph, args)
    elif not args.no_onet:
        print(f"O*NET release not found at {args.onet}; its rows are skipped", flush=True)
    if not args.no_esco:
        bench_esco_size(table, args)

    if importlib.util.find_spec("narwhals") is not None:  # the hr extra: the histories rows
        import histories

        histories.bench(table, quick=args.quick, repeat=args.repeat)

    reps = 3 if args.quick else 21
    ours_import, theirs_import = import_times(("supportladder", "networkx"), reps)
    table.add("-", "import time", ours_import, "import networkx", theirs_import, 1.3)
    ours_mb = peak_memory("supportladder", args.memory_roles, args.memory_moves)
    theirs_mb = peak_memory("networkx", args.memory_roles, args.memory_moves)
    table.add(
        f"{args.memory_roles // 1000}k/{args.memory_moves // 1000}k",
        "peak memory",
        ours_mb / 1e9,
        "bare networkx.DiGraph",
        theirs_mb / 1e9,
        1.5,
    )
    print()
    table.show()
    if args.json:
        args.json.write_text(json.dumps(table.rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
