"""The compiled query core against the pure-Python reference and brute force.

``FAST_THRESHOLD`` is set to 0 so that every graph, however small, takes the compiled path;
the property tests of ``test_queries_properties`` then run again against brute force, and
both back ends are compared on graphs whose weights are not exactly summable in floats
(importances 0.1, 0.2, 0.3: 0.1 + 0.2 != 0.3 exactly) and on graphs full of equal-cost ties.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import test_queries_properties as props
from supportladder import CareerGraph, NoPathError, Role, Skill, Transition
from supportladder.queries import _engines as engines
from supportladder.queries import (
    _options,
    alternative_paths,
    bottlenecks,
    chokepoints,
    reachable_roles,
    shortest_path,
)
from supportladder.queries import _reference as _paths
from supportladder.queries import _snapshot as csr
from supportladder.queries._compiled import betweenness
from supportladder.queries._compiled import bottlenecks as bottlenecks_core
from supportladder.queries._compiled import reach as reach_core
from supportladder.strategies import career_graphs

EXAMPLES = settings(max_examples=30, deadline=None)


@pytest.fixture(autouse=True)
def compiled_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every graph on the compiled core, in tiny chunks and batches.

    A few moves per chunk of the tight-move check and a few sources per betweenness batch,
    so that the small generated graphs cross chunk and batch boundaries.
    """
    from supportladder.queries._compiled import core as fast

    monkeypatch.setattr(engines, "FAST_THRESHOLD", 0)
    monkeypatch.setattr(fast, "CHUNK_ENTRIES", 5)
    monkeypatch.setattr(betweenness, "BATCH_ENTRIES", 40)


def reference(run: Callable[[], Any]) -> Any:
    saved = engines.FAST_THRESHOLD
    engines.FAST_THRESHOLD = 10**9
    try:
        return run()
    except NoPathError as exc:
        return ("no path", str(exc))
    finally:
        engines.FAST_THRESHOLD = saved


def compiled(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except NoPathError as exc:
        return ("no path", str(exc))


def compiled_view(g: CareerGraph, kinds: frozenset[str] | None = None) -> Any:
    """The compiled view of ``g`` for the default weight, or ``None`` where it falls back."""
    from supportladder.queries._compiled import core as fast

    filters = _options.make_filters(kinds=kinds, max_step_cost=None, avoid=None, weight="weight")
    try:
        return fast.view(g, filters)
    except fast.Fallback:
        return None


# ---------------------------------------------------------------------- brute force, again
@pytest.mark.parametrize(
    "test",
    [
        props.test_shortest_path_agrees_with_brute_force,
        props.test_alternatives_are_the_k_cheapest,
        props.test_max_step_cost_agrees_with_brute_force,
        props.test_bottlenecks_agree_with_brute_force,
        props.test_reachable_agrees_with_brute_force,
        props.test_reachable_monotone_in_budget,
        props.test_reachable_monotone_in_max_steps,
        props.test_chokepoints_are_betweenness_on_the_kind_filtered_graph,
        props.test_profile_start_equals_role_start,
        props.test_profile_moves_pass_every_kind_filter,
    ],
    ids=lambda t: t.__name__,
)
def test_compiled_core_agrees_with_brute_force(test: Callable[[], None]) -> None:
    test()


# ---------------------------------------------------------------------- both back ends
def hide_lateral(u: str, v: str, data: dict[str, Any]) -> float | None:
    """A callable weight: lateral moves hidden, the others at their weight times 1.5."""
    return None if data["kind"] == "lateral" else data["weight"] * 1.5


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
@given(
    cases(),
    st.none() | st.sampled_from([0.3, 1.0, 2.5, 6.0]),
    st.integers(1, 8),
    st.none() | st.integers(0, 5),
)
def test_back_ends_agree(
    case: tuple[CareerGraph, str, str], budget: float | None, k: int, max_steps: int | None
) -> None:
    g, s, t = case
    profile = props.role_as_profile(g, s)
    for query in (
        lambda: shortest_path(g, s, t),
        lambda: shortest_path(g, s, t, weight=None),
        lambda: alternative_paths(g, s, t, k),
        lambda: alternative_paths(g, s, t, k, weight=None),
        lambda: bottlenecks(g, s, t),
        lambda: reachable_roles(g, s, budget=budget),
        lambda: reachable_roles(g, s, budget=budget, max_steps=max_steps),
        lambda: reachable_roles(g, s, max_steps=max_steps, weight=None),
        lambda: shortest_path(g, profile, t),
        lambda: shortest_path(g, s, t, weight=hide_lateral),
        lambda: alternative_paths(g, s, t, k, weight=hide_lateral),
        lambda: bottlenecks(g, s, t, weight=hide_lateral),
        lambda: reachable_roles(g, s, budget=budget, max_steps=max_steps, weight=hide_lateral),
        lambda: alternative_paths(g, profile, t, k, weight=None),
        lambda: alternative_paths(g, profile, t, k, max_step_cost=2.5),
        lambda: bottlenecks(g, profile, t),
        lambda: reachable_roles(g, profile, budget=budget, max_steps=max_steps),
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
        limbs = ex.limbs[:, j].tolist()
        whole = sum(int(x) << (csr.LIMB_BITS * i) for i, x in enumerate(limbs))
        assert whole == Fraction(value) * (1 << ex.q)


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


def test_requests_go_to_the_engine_that_takes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """At threshold 0 the compiled engine takes role and profile starts, any weight but a
    custom weight from a profile, and max_steps; what it refuses the reference answers."""
    from supportladder import load

    ladder = load("support-ladder")
    s, t = "support-technician", "chief-customer-officer"
    profile = dict(ladder.effective_skills(s))
    ran: list[str] = []
    compiled_bind, reference_bind = engines.ENGINES

    def spy(name: str, bind: Any) -> Any:
        def run(request: engines.Request) -> Any:
            found = bind(request)
            if found is not None:
                ran.append(name)
            return found

        return run

    monkeypatch.setattr(
        engines, "ENGINES", (spy("compiled", compiled_bind), spy("reference", reference_bind))
    )
    weight = lambda u, v, d: d["weight"]  # noqa: E731
    for query, engine in (
        (lambda: shortest_path(ladder, s, t), "compiled"),
        (lambda: shortest_path(ladder, profile, t), "compiled"),
        (lambda: shortest_path(ladder, s, t, weight=weight), "compiled"),
        (lambda: shortest_path(ladder, profile, t, weight=weight), "reference"),
        (lambda: reachable_roles(ladder, s, max_steps=2), "compiled"),
    ):
        ran.clear()
        query()
        assert ran == [engine]
    assert shortest_path(ladder, s, t, weight=weight) == shortest_path(ladder, s, t)
    assert shortest_path(ladder, profile, t, weight=weight) == shortest_path(ladder, profile, t)


@settings(max_examples=60, deadline=None)
@given(cases(), st.sampled_from([None, frozenset({"upward"}), frozenset({"upward", "lateral"})]))
def test_cuts_match_the_reference_on_any_route(
    case: tuple[CareerGraph, str, str], kinds: frozenset[str] | None
) -> None:
    """One search for gateways and critical moves, on a BFS route, equals the reference."""

    g, s, t = case
    fv = compiled_view(g, kinds)
    if fv is None:
        return
    route = bottlenecks_core.any_route(fv, s, t)
    view = _paths.build_view(g, fv.filters)
    if route is None:
        assert t not in _paths.search(view, s, target=t)
        return
    if s == t:
        return
    gates, critical = bottlenecks_core.cuts(fv, route)
    assert gates == _paths.gateways(view, s, t)
    assert critical == _paths.critical_edges(view, route)


def test_back_ends_agree_on_limbs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same comparisons with exact sums in 31-bit limbs instead of single int64s."""
    from supportladder.queries._compiled import core as fast

    built = fast.FastView.__init__

    def no_int64_room(self: fast.FastView, *args: Any) -> None:
        built(self, *args)
        self.int_room = 0.0  # as when distances pass 61 bits: limbs (and Python integers)

    monkeypatch.setattr(fast.FastView, "__init__", no_int64_room)
    test_back_ends_agree()
    test_exact_ties_are_told_from_float_ties()


def test_back_ends_agree_with_searched_move_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same comparisons with move positions found by binary search, as on big graphs."""
    from supportladder.queries._compiled import core as fast

    monkeypatch.setattr(fast, "DENSE_POSITIONS", 0)
    test_back_ends_agree()
    test_move_lookups_match_a_scan()


def test_reaches_build_their_routes_on_demand() -> None:
    import copy
    import pickle

    from supportladder import load
    from supportladder.queries import Path, Reaches

    g = load("support-careers")
    s = "customer-support-representative"
    found = reachable_roles(g, s)
    assert isinstance(found, Reaches)
    assert type(found).__mro__[1] is list
    assert not any(
        isinstance(r._of._paths.get(r._at), Path) for r in found
    )  # no steps or gaps built yet
    full = reference(lambda: reachable_roles(g, s))
    assert found.to_dict() == full.to_dict()
    assert not any(
        isinstance(r._of._paths.get(r._at), Path) for r in found
    )  # to_dict needs only role ids
    assert found == full
    assert repr(reachable_roles(g, s)) == repr(full)
    assert pickle.loads(pickle.dumps(reachable_roles(g, s))) == full
    assert copy.deepcopy(reachable_roles(g, s)) == full
    assert hash(reachable_roles(g, s)[0]) == hash(full[0])
    assert [r.path for r in found] == [r.path for r in full]
    assert all(isinstance(r._of._paths.get(r._at), Path) for r in found)  # built once, then kept
    assert found[0].path is found[0].path


# ---------------------------------------------------------------------- exact costs
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


def test_reached_costs_are_exact_sums_rounded_once() -> None:
    from supportladder import Weighting

    g = ragged_line()
    fv = compiled_view(g)
    assert not fv.float_exact
    found = reachable_roles(g, "s")
    assert found == reference(lambda: reachable_roles(g, "s"))
    w = [Fraction(g.weight(u, v)) for u, v in (("s", "a"), ("a", "b"), ("b", "c"))]
    assert [r.cost for r in found] == [float(w[0]), float(w[0] + w[1]), float(sum(w))]
    # a budget equal to a role's cost keeps it; two roles at the same cost go by id
    budget = found[1].cost
    assert reachable_roles(g, "s", budget=budget) == reference(
        lambda: reachable_roles(g, "s", budget=budget)
    )
    twin = CareerGraph(
        "twin",
        skills=g.skills,
        roles=[*g.roles, Role("b2", "B2", 1, skills={"x": 1, "y": 1})],
        transitions=[*g.transitions, Transition("a", "b2", "lateral")],
        weighting=Weighting(base_cost=0.0),
    )
    assert reachable_roles(twin, "s") == reference(lambda: reachable_roles(twin, "s"))


def test_exact_fallback_uses_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from supportladder.queries._compiled import core as fast

    g = ragged_line()

    def refuse(*args: Any) -> Any:
        raise fast.Fallback("test: exact arithmetic refuses")

    monkeypatch.setattr(reach_core, "_reach_exact", refuse)
    assert reachable_roles(g, "s") == reference(lambda: reachable_roles(g, "s"))


def test_reach_is_summed_over_the_reached_roles_in_int64(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Non-dyadic costs that fit in int64: only the reached roles are summed and checked.

    The whole-graph check (``dags``) is never asked; costs, order and routes are the
    reference's for budgets below, at and between the roles' exact costs, and from a
    role that reaches nothing.
    """
    g = ragged_line()
    fv = compiled_view(g)
    assert not fv.float_exact
    assert fv.ints is not None
    costs = [r.cost for r in reference(lambda: reachable_roles(g, "s"))]
    budgets = [None, costs[0] / 2, costs[0], (costs[0] + costs[1]) / 2, costs[1], costs[2]]
    cases = [("s", b) for b in budgets] + [("c", None), ("b", costs[0])]
    expected = [reference(lambda s=s, b=b: reachable_roles(g, s, budget=b)) for s, b in cases]

    def refuse(*args: Any) -> Any:
        raise AssertionError("the whole-graph check was asked")

    monkeypatch.setattr(reach_core, "_reach_limbs", refuse)
    for (s, b), want in zip(cases, expected, strict=True):
        found = reachable_roles(g, s, budget=b)
        assert found == want
        assert [r.to_dict() for r in found] == [r.to_dict() for r in want]


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
def test_cuts_on_any_route_equal_bottlenecks(case: tuple[CareerGraph, str, str]) -> None:
    """Either engine's cuts on a BFS route (what the benchmarks time) equal bottlenecks'."""
    g, s, t = case
    if s == t:
        return
    filters = _options.make_filters(kinds=None, max_step_cost=None, avoid=None, weight="weight")

    def cuts() -> Any:
        def task(e: engines.Engine) -> Any:
            route = e.any_route(t)
            return None if route is None else e.cuts(route)

        return engines.answer(engines.Request(g, filters, s), task)

    def both() -> Any:
        try:
            found = bottlenecks(g, s, t)
        except NoPathError:
            return None
        return found.gateways, found.critical_transitions

    for run in (compiled, reference):
        assert run(cuts) == run(both)


@EXAMPLES
@given(cases(), st.integers(1, 6))
def test_k_cheapest_past_int64_sums_use_python_integers(
    case: tuple[CareerGraph, str, str], k: int
) -> None:
    """With no int64 room for distances, the heuristic is summed in Python integers."""
    from supportladder.queries._compiled import kpaths

    g, s, t = case
    fv = compiled_view(g)
    if fv is None:
        return
    fv = fv.subset(np.ones(fv.src.size, dtype=bool))  # a fresh view, not the cached one
    fv.int_room = 0.0
    view = _paths.build_view(g, fv.filters)
    assert kpaths.k_shortest(fv, s, t, k) == _paths.k_shortest(view, s, t, k)


def test_hop_bounded_reach_past_int64_sums_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from supportladder import load
    from supportladder.queries._compiled import kpaths

    g = load("support-careers")
    s = "customer-support-representative"
    expected = reference(lambda: reachable_roles(g, s, max_steps=3))
    monkeypatch.setattr(kpaths, "ROOM", 1)  # every route is "too large": the reference answers
    assert reachable_roles(g, s, max_steps=3) == expected
    assert reachable_roles(g, s, max_steps=3, budget=4.0) == reference(
        lambda: reachable_roles(g, s, max_steps=3, budget=4.0)
    )


def test_chokepoints_drop_only_moves_a_detour_beats() -> None:
    """A move that two cheaper moves undercut is on no cheapest route: dropping it from the
    betweenness search changes no score, and only such moves are dropped."""
    from supportladder.queries._compiled import core as fast

    skills = [Skill("s", "S")]
    roles = [
        Role("a", "A", 1, skills={"s": 0}),
        Role("b", "B", 2, skills={"s": 2}),
        Role("c", "C", 3, skills={"s": 4}),
        Role("d", "D", 3, skills={"s": 4}),
    ]
    moves = [Transition("a", "b"), Transition("b", "c"), Transition("a", "c")]
    moves += [
        Transition("b", "d"),
        Transition("c", "d", "lateral"),
        Transition("d", "c", "lateral"),
    ]
    g = CareerGraph("detour", skills=skills, roles=roles, transitions=moves)
    assert g.weight("a", "c") > g.weight("a", "b") + g.weight("b", "c")  # squared gap
    fv = fast.view(g, _options.Filters(weight="weight"))
    kept = betweenness._without_detoured(fv)
    dropped = {(fv.ids[u], fv.ids[v]) for u, v in zip(fv.src, fv.dst, strict=True)} - {
        (kept.ids[u], kept.ids[v]) for u, v in zip(kept.src, kept.dst, strict=True)
    }
    assert dropped == {("a", "c")}
    assert dict(chokepoints(g)) == dict(reference(lambda: chokepoints(g)))


@settings(max_examples=30, deadline=None)
@given(career_graphs(max_roles=8))
def test_view_matrix_has_the_indices_csgraph_runs_on(g: CareerGraph) -> None:
    """SciPy's csgraph routines run on 32-bit indices and cast a copy of any other kind on
    every call: the view's matrix holds them already, with the same moves as the view, and
    the int64 row pointers the exact checks use agree with it."""
    from supportladder.queries._compiled import core as fast

    try:
        fv = fast.view(g, _options.Filters(weight="weight"))
    except fast.Fallback:  # zero-cost moves: the reference answers, no view is made
        assume(False)
    m = fv.matrix()
    assert m.indptr.dtype == np.int32
    assert m.indices.dtype == np.int32
    assert fv.indptr().dtype == np.int64
    assert fv.indptr().tolist() == m.indptr.tolist()
    rows = np.repeat(np.arange(fv.n), np.diff(fv.indptr()))
    assert rows.tolist() == fv.src.tolist()
    assert m.indices.tolist() == fv.dst.tolist()
    assert m.data.tolist() == fv.cost.tolist()
