"""The compiled query core against the pure-Python reference and brute force.

``FAST_THRESHOLD`` is set to 0 so that every graph, however small, takes the compiled path;
the property tests of ``test_queries_properties`` then run again against brute force, and
both back ends are compared on graphs whose weights are not exactly summable in floats
(importances 0.1, 0.2, 0.3: 0.1 + 0.2 != 0.3 exactly) and on graphs full of equal-cost ties.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import test_queries_properties as props
from supportladder import CareerGraph, NoPathError, Role, Skill, Transition
from supportladder._private import csr
from supportladder._private import paths as _paths
from supportladder.queries import (
    Reach,
    bottlenecks,
    chokepoints,
    reachable_roles,
    shortest_path,
)
from supportladder.strategies import career_graphs

EXAMPLES = settings(max_examples=30, deadline=None)


@pytest.fixture(autouse=True)
def compiled_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every graph on the compiled core, in tiny chunks and batches.

    A few moves per chunk of the tight-move check and a few sources per betweenness batch,
    so that the small generated graphs cross chunk and batch boundaries.
    """
    from supportladder._private import fast

    monkeypatch.setattr(_paths, "FAST_THRESHOLD", 0)
    monkeypatch.setattr(fast, "CHUNK_ENTRIES", 5)
    monkeypatch.setattr(fast, "BATCH_ENTRIES", 40)


def reference(run: Callable[[], Any]) -> Any:
    saved = _paths.FAST_THRESHOLD
    _paths.FAST_THRESHOLD = 10**9
    try:
        return run()
    except NoPathError as exc:
        return ("no path", str(exc))
    finally:
        _paths.FAST_THRESHOLD = saved


def compiled(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except NoPathError as exc:
        return ("no path", str(exc))


def compiled_view(g: CareerGraph, kinds: frozenset[str] | None = None) -> Any:
    """The compiled view of ``g`` for the default weight, or ``None`` where it falls back."""
    from supportladder._private import fast

    filters = _paths.make_filters(kinds=kinds, max_step_cost=None, avoid=None, weight="weight")
    try:
        return fast.view(g, filters)
    except fast.Fallback:
        return None


# ---------------------------------------------------------------------- brute force, again
@pytest.mark.parametrize(
    "test",
    [
        props.test_shortest_path_agrees_with_brute_force,
        props.test_max_step_cost_agrees_with_brute_force,
        props.test_bottlenecks_agree_with_brute_force,
        props.test_reachable_agrees_with_brute_force,
        props.test_reachable_monotone_in_budget,
        props.test_chokepoints_are_betweenness_on_the_kind_filtered_graph,
    ],
    ids=lambda t: t.__name__,
)
def test_compiled_core_agrees_with_brute_force(test: Callable[[], None]) -> None:
    test()


# ---------------------------------------------------------------------- both back ends
ragged = st.sampled_from([0.1, 0.2, 0.3, 0.7])


@st.composite
def cases(draw: st.DrawFn) -> tuple[CareerGraph, str, str]:
    g = draw(
        career_graphs(
            max_roles=8,
            importances=draw(st.sampled_from([ragged, st.sampled_from([0.5, 1.0, 2.0])])),
            base_costs=st.sampled_from([0.1, 0.5, 1.0]),
        )
    )
    ids = [r.id for r in g.roles]
    return g, draw(st.sampled_from(ids)), draw(st.sampled_from(ids))


@EXAMPLES
@given(cases(), st.none() | st.sampled_from([0.3, 1.0, 2.5, 6.0]))
def test_back_ends_agree(case: tuple[CareerGraph, str, str], budget: float | None) -> None:
    g, s, t = case
    for query in (
        lambda: shortest_path(g, s, t),
        lambda: shortest_path(g, s, t, weight=None),
        lambda: bottlenecks(g, s, t),
        lambda: reachable_roles(g, s, budget=budget),
    ):
        assert compiled(query) == reference(query)
    ranked, expected = chokepoints(g), reference(lambda: chokepoints(g))
    assert dict(ranked) == pytest.approx(dict(expected))
    assert [r for r, _ in ranked] == [r for r, _ in expected]


def test_exact_ties_are_told_from_float_ties() -> None:
    """0.1 + 0.2 and 0.1 + 0.2 summed in another order: equal floats, unequal exactly.

    s -> p costs float(0.1 + 0.2); s -> z -> p costs 0.1, then 0.2.  In floats the two
    routes tie (and "p" < "z" would pick s -> p); exactly, s -> z -> p is cheaper.
    """
    from supportladder import Weighting

    g = CareerGraph(
        "ties",
        skills=[Skill("a", "A", importance=0.1), Skill("b", "B", importance=0.2)],
        roles=[
            # explicit "none" ratings: an unrated skill would be imputed from the rung
            Role("s", "S", 1, skills={"a": 0, "b": 0}),
            Role("z", "Z", 1, skills={"a": 1, "b": 0}),
            Role("p", "P", 1, skills={"a": 1, "b": 1}),
        ],
        transitions=[
            Transition("s", "z", "lateral"),
            Transition("z", "p", "lateral"),
            Transition("s", "p", "lateral"),
        ],
        weighting=Weighting(base_cost=0.0),
    )
    assert g.weight("s", "z") + g.weight("z", "p") == g.weight("s", "p")
    assert Fraction(g.weight("s", "z")) + Fraction(g.weight("z", "p")) < Fraction(
        g.weight("s", "p")
    )
    assert not csr.exactness(csr.snapshot(g).weight, len(g.roles)).float_exact
    assert shortest_path(g, "s", "p").roles == ("s", "z", "p")
    for query in (
        lambda: shortest_path(g, "s", "p"),
        lambda: reachable_roles(g, "s"),
        lambda: bottlenecks(g, "s", "p"),
    ):
        assert compiled(query) == reference(query)


@settings(max_examples=30, deadline=None)
@given(career_graphs(max_roles=8, importances=ragged))
def test_compiled_weights_are_the_graph_weights(g: CareerGraph) -> None:
    snap = csr.snapshot(g)
    for u, v, w in zip(snap.src.tolist(), snap.dst.tolist(), snap.weight.tolist(), strict=True):
        assert w == g.weight(snap.ids[u], snap.ids[v])  # bit for bit


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.001, 1000.0), min_size=1, max_size=20), st.integers(2, 100))
def test_exact_limbs_hold_the_costs(values: list[float], nodes: int) -> None:
    cost = np.array(values)
    ex = csr.exactness(cost, nodes)
    for j, value in enumerate(values):
        assert ex.to_int(ex.limbs[:, j]) == Fraction(value) * (1 << ex.q)


@settings(max_examples=20, deadline=None)
@given(career_graphs(max_roles=8), st.integers(1, 8), st.integers(0, 3))
def test_sampled_chokepoints_follow_networkx(g: CareerGraph, k: int, seed: int) -> None:
    k = min(k, len(g.roles))
    h = props.filtered(g)
    for u, v in h.edges:
        h.edges[u, v]["exact"] = Fraction(h.edges[u, v]["weight"])
    expected = nx.betweenness_centrality(h, k=k, seed=seed, weight="exact", normalized=True)
    got = dict(chokepoints(g, sample=k, seed=seed))
    assert got == pytest.approx(expected, nan_ok=True)
    assert dict(reference(lambda: chokepoints(g, sample=k, seed=seed))) == pytest.approx(
        expected, nan_ok=True
    )


def test_fallbacks_keep_the_reference() -> None:
    from supportladder import load

    ladder = load("support-ladder")
    s, t = "support-technician", "chief-customer-officer"
    # profiles, callables and max_steps go to the reference but still work at threshold 0
    profile = dict(ladder.effective_skills(s))
    assert shortest_path(ladder, profile, t).roles[0] == "<profile>"
    assert shortest_path(ladder, s, t, weight=lambda u, v, d: d["weight"]) == shortest_path(
        ladder, s, t
    )
    assert reachable_roles(ladder, s, max_steps=2)


@settings(max_examples=60, deadline=None)
@given(cases(), st.sampled_from([None, frozenset({"upward"}), frozenset({"upward", "lateral"})]))
def test_cuts_match_the_reference_on_any_route(
    case: tuple[CareerGraph, str, str], kinds: frozenset[str] | None
) -> None:
    """One search for gateways and critical moves, on a BFS route, equals the reference."""
    from supportladder._private import fast

    g, s, t = case
    fv = compiled_view(g, kinds)
    if fv is None:
        return
    route = fast.any_route(fv, s, t)
    view = _paths.build_view(g, fv.filters)
    if route is None:
        assert t not in _paths.search(view, s, target=t)
        return
    if s == t:
        return
    gates, critical = fast.cuts(fv, route)
    assert gates == _paths.gateways(view, s, t)
    assert critical == _paths.critical_edges(view, route)


def test_back_ends_agree_on_limbs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same comparisons with exact sums in 31-bit limbs instead of single int64s."""
    from supportladder._private import fast

    monkeypatch.setattr(fast, "USE_INT64", False)
    test_back_ends_agree()
    test_exact_ties_are_told_from_float_ties()


def test_back_ends_agree_with_searched_move_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same comparisons with move positions found by binary search, as on big graphs."""
    from supportladder._private import fast

    monkeypatch.setattr(fast, "DENSE_POSITIONS", 0)
    test_back_ends_agree()
    test_move_lookups_match_a_scan()


def test_lazy_reaches_behave_as_a_list() -> None:
    import copy
    import pickle

    from supportladder import load
    from supportladder.queries import Reaches

    g = load("support-careers")
    s = "customer-support-representative"
    lazy = reachable_roles(g, s)
    assert isinstance(lazy, Reaches)
    assert lazy._pending is not None
    assert len(lazy) > 3
    assert lazy._pending is not None
    full = reference(lambda: reachable_roles(g, s))
    assert lazy == full
    assert list(reachable_roles(g, s)) == list(full)
    assert reachable_roles(g, s)[2] == full[2]
    assert reachable_roles(g, s)[1:3] == full[1:3]
    assert repr(reachable_roles(g, s)) == repr(full)
    assert reachable_roles(g, s).to_dict() == full.to_dict()
    assert pickle.loads(pickle.dumps(reachable_roles(g, s))) == full
    assert copy.deepcopy(reachable_roles(g, s)) == full
    assert full[0] in reachable_roles(g, s)
    assert [] != reachable_roles(g, s)  # noqa: SIM300 - the reflected comparison
    # Readers in C that go through the sequence protocol see the items too.
    assert json.dumps(reachable_roles(g, s), default=Reach.to_dict) == json.dumps(full.to_dict())
    assert len(np.array(reachable_roles(g, s), dtype=object)) == len(full)
    assert tuple(reachable_roles(g, s)) == tuple(full)
    assert [*full[:1], *full] == full[:1] + reachable_roles(g, s)
    assert sum([reachable_roles(g, s)], []) == list(full)  # noqa: RUF017 - the reflected concatenation
    assert sorted(reachable_roles(g, s), key=lambda r: r.role) == sorted(full, key=lambda r: r.role)
    grown = reachable_roles(g, s)
    grown.append(full[0])
    assert len(grown) == len(full) + 1
    assert grown[-1] == full[0]


# ---------------------------------------------------------------------- the float filter
@EXAMPLES
@given(cases(), st.none() | st.sampled_from([0.3, 1.0, 2.5, 6.0]))
def test_float_certificate_only_certifies_the_exact_answer(
    case: tuple[CareerGraph, str, str], budget: float | None
) -> None:
    """Where float distances are said to decide reachable_roles, exact arithmetic agrees."""
    from supportladder._private import fast

    g, s, _ = case
    fv = compiled_view(g)
    if fv is None:
        return
    certified = fast._certified(fv, fv.snap.index[s], budget)
    if certified is None:
        return
    expected = [r.role for r in reference(lambda: reachable_roles(g, s, budget=budget))]
    assert [fv.snap.ids[v] for v in certified.order.tolist()] == expected


def ragged_line() -> CareerGraph:
    """s -> a -> b -> c with well-separated, non-dyadic costs; and a twin of b."""
    from supportladder import Weighting

    skills = [Skill(x, x.upper(), importance=w) for x, w in (("x", 0.1), ("y", 0.3))]
    roles = [
        Role("s", "S", 1, skills={"x": 0, "y": 0}),  # rated none: unrated would be imputed
        Role("a", "A", 1, skills={"x": 1, "y": 0}),
        Role("b", "B", 1, skills={"x": 1, "y": 1}),
        Role("c", "C", 1, skills={"x": 3, "y": 1}),
    ]
    moves = [Transition(u, v, "lateral") for u, v in (("s", "a"), ("a", "b"), ("b", "c"))]
    return CareerGraph(
        "ragged", skills=skills, roles=roles, transitions=moves, weighting=Weighting(base_cost=0.0)
    )


def test_float_certificate_decides_clear_cases_and_refuses_close_ones() -> None:
    from supportladder import Weighting
    from supportladder._private import fast

    g = ragged_line()
    fv = compiled_view(g)
    assert not fv.float_exact
    s = fv.snap.index["s"]
    found = fast._certified(fv, s, None)
    assert found is not None
    assert not found.settled
    assert [fv.snap.ids[v] for v in found.order.tolist()] == ["a", "b", "c"]
    # a budget equal to a role's float distance is too close to tell: the exact check decides
    dist_b = float(found.dist[fv.snap.index["b"]])
    assert fast._certified(fv, s, dist_b) is None
    assert [r.role for r in reachable_roles(g, "s", budget=dist_b)] == [
        r.role for r in reference(lambda: reachable_roles(g, "s", budget=dist_b))
    ]
    # two roles at the same float distance need their exact costs (and ids) to be ordered
    twin = CareerGraph(
        "twin",
        skills=g.skills,
        roles=[*g.roles, Role("b2", "B2", 1, skills={"x": 1, "y": 1})],
        transitions=[*g.transitions, Transition("a", "b2", "lateral")],
        weighting=Weighting(base_cost=0.0),
    )
    tv = compiled_view(twin)
    assert fast._certified(tv, tv.snap.index["s"], None) is None
    assert reachable_roles(twin, "s") == reference(lambda: reachable_roles(twin, "s"))
    # a certified answer settles its exact costs and routes on first read
    lazy = reachable_roles(g, "s")
    assert lazy == reference(lambda: reachable_roles(g, "s"))
    w = [Fraction(g.weight(u, v)) for u, v in (("s", "a"), ("a", "b"), ("b", "c"))]
    assert [r.cost for r in lazy] == [float(w[0]), float(w[0] + w[1]), float(sum(w))]


def test_exact_fallback_after_a_certified_answer_uses_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from supportladder._private import fast

    g = ragged_line()

    def refuse(*args: Any) -> Any:
        raise fast.Fallback("test: exact arithmetic refuses")

    monkeypatch.setattr(fast, "_reach_exact", refuse)
    lazy = reachable_roles(g, "s")
    assert lazy._pending is not None  # certified from floats, nothing built yet
    assert lazy == reference(lambda: reachable_roles(g, "s"))


@settings(max_examples=30, deadline=None)
@given(cases(), st.sets(st.integers(0, 7)))
def test_move_lookups_match_a_scan(case: tuple[CareerGraph, str, str], picked: set[int]) -> None:
    g, _, _ = case
    fv = compiled_view(g)
    if fv is None:
        return
    nodes = np.array(sorted(i for i in picked if i < fv.n), dtype=np.int64)
    assert fv.out_moves(nodes).tolist() == np.flatnonzero(np.isin(fv.src, nodes)).tolist()
    assert fv.positions(fv.keys).tolist() == list(range(fv.keys.size))


@EXAMPLES
@given(cases())
def test_benchmarked_cuts_equal_bottlenecks(case: tuple[CareerGraph, str, str]) -> None:
    """``queries._cuts``, which the benchmarks time, gives bottlenecks' gateways and moves."""
    from supportladder.queries import _cuts

    g, s, t = case

    def both() -> Any:
        found = bottlenecks(g, s, t)
        return found.gateways, found.critical_transitions

    if s == t:
        return
    for run in (compiled, reference):
        assert run(lambda: _cuts(g, s, t)) == run(both)  # "no path" errors included
