"""Property tests of the queries on generated graphs, checked against brute force.

Brute force enumerates every simple path of the (kind-filtered) networkx graph and sums costs
exactly with Fractions, so ties are real ties; routes are ordered by (cost, role ids).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from supportladder import KINDS, CareerGraph, NoPathError, Role, Transition
from supportladder.model import MAX_LEVEL
from supportladder.queries import (
    PROFILE,
    Path,
    alternative_paths,
    bottlenecks,
    chokepoints,
    reachable_roles,
    shortest_path,
)
from supportladder.strategies import career_graphs
from weights_reference import role_as_profile

EXAMPLES = settings(max_examples=40, deadline=None)

kind_sets = st.sets(st.sampled_from(KINDS), min_size=1).map(
    lambda ks: tuple(k for k in KINDS if k in ks)
)


@st.composite
def graph_and_ends(draw: st.DrawFn, **options: object) -> tuple[CareerGraph, str, str]:
    g = draw(career_graphs(max_roles=7, **options))  # type: ignore[arg-type]
    ids = [r.id for r in g.roles]
    return g, draw(st.sampled_from(ids)), draw(st.sampled_from(ids))


# ---------------------------------------------------------------------- brute force
def filtered(g: CareerGraph, kinds: tuple[str, ...] | None = None) -> nx.DiGraph:
    h = nx.DiGraph()
    h.add_nodes_from(sorted(r.id for r in g.roles))
    for u, v, data in sorted(g._digraph().edges(data=True), key=lambda e: (e[0], e[1])):
        if kinds is None or data["kind"] in kinds:
            h.add_edge(u, v, **data)
    return h


def exact(h: nx.DiGraph, roles: tuple[str, ...]) -> Fraction:
    return sum(
        (Fraction(h.edges[u, v]["weight"]) for u, v in itertools.pairwise(roles)), Fraction(0)
    )


def all_routes(h: nx.DiGraph, s: str, t: str) -> list[tuple[Fraction, tuple[str, ...]]]:
    if s == t:
        return [(Fraction(0), (s,))]
    routes = [tuple(p) for p in nx.all_simple_paths(h, s, t)]
    return sorted((exact(h, r), r) for r in routes)


def max_step(h: nx.DiGraph, roles: tuple[str, ...]) -> float:
    return max((h.edges[u, v]["weight"] for u, v in itertools.pairwise(roles)), default=0.0)


def check_path(g: CareerGraph, p: Path, kinds: tuple[str, ...] | None = None) -> None:
    """A path's cost is the sum of its steps; each step is an edge with that kind and weight."""
    assert len(p.roles) == len(set(p.roles)), "a route never repeats a role"
    assert p.cost == math.fsum(s.cost for s in p.steps)
    d = g._digraph()
    for step in p.steps:
        if step.source == PROFILE:
            continue
        assert d.has_edge(step.source, step.target)
        assert step.kind == d.edges[step.source, step.target]["kind"]
        assert step.cost == d.edges[step.source, step.target]["weight"]
        assert kinds is None or step.kind in kinds


# ---------------------------------------------------------------------- shortest & alternatives
@EXAMPLES
@given(graph_and_ends(), st.none() | kind_sets)
def test_shortest_path_agrees_with_brute_force(
    case: tuple[CareerGraph, str, str], kinds: tuple[str, ...] | None
) -> None:
    g, s, t = case
    routes = all_routes(filtered(g, kinds), s, t)
    if not routes:
        with pytest.raises(NoPathError):
            shortest_path(g, s, t, kinds=kinds)
        return
    p = shortest_path(g, s, t, kinds=kinds)
    check_path(g, p, kinds)
    assert p.roles == routes[0][1]
    assert p.cost == float(routes[0][0])


@EXAMPLES
@given(graph_and_ends(), st.none() | kind_sets, st.integers(1, 6))
def test_alternatives_are_the_k_cheapest(
    case: tuple[CareerGraph, str, str], kinds: tuple[str, ...] | None, k: int
) -> None:
    g, s, t = case
    routes = all_routes(filtered(g, kinds), s, t)
    assume(routes)
    alts = alternative_paths(g, s, t, k, kinds=kinds)
    assert alts[0] == shortest_path(g, s, t, kinds=kinds)
    assert [p.roles for p in alts] == [r for _, r in routes[:k]]
    assert [p.cost for p in alts] == sorted(p.cost for p in alts)
    assert len({p.roles for p in alts}) == len(alts)
    for p in alts:
        check_path(g, p, kinds)


@EXAMPLES
@given(graph_and_ends(), st.sampled_from([0.0, 1.0, 2.0, 3.5, 6.0]))
def test_max_step_cost_agrees_with_brute_force(
    case: tuple[CareerGraph, str, str], limit: float
) -> None:
    g, s, t = case
    h = filtered(g)
    h.remove_edges_from([(u, v) for u, v, w in h.edges(data="weight") if w > limit])
    routes = all_routes(h, s, t)
    if not routes:
        with pytest.raises(NoPathError):
            shortest_path(g, s, t, max_step_cost=limit)
        return
    p = shortest_path(g, s, t, max_step_cost=limit)
    assert p.roles == routes[0][1]
    assert all(step.cost <= limit for step in p.steps)


# ---------------------------------------------------------------------- bottlenecks
@EXAMPLES
@given(graph_and_ends(), st.none() | kind_sets)
def test_bottlenecks_agree_with_brute_force(
    case: tuple[CareerGraph, str, str], kinds: tuple[str, ...] | None
) -> None:
    g, s, t = case
    h = filtered(g, kinds)
    routes = all_routes(h, s, t)
    if not routes:
        with pytest.raises(NoPathError):
            bottlenecks(g, s, t, kinds=kinds)
        return
    b = bottlenecks(g, s, t, kinds=kinds)
    shortest = shortest_path(g, s, t, kinds=kinds)
    assert b.shortest_path == shortest
    # gateways: roles other than the ends on every route, in route order
    on_all = set.intersection(*(set(r) for _, r in routes)) - {s, t}
    assert set(b.gateways) == on_all
    assert list(b.gateways) == [r for r in shortest.roles if r in on_all]
    # critical transitions: moves on every route, in route order
    edge_sets = [set(itertools.pairwise(r)) for _, r in routes]
    every = set.intersection(*edge_sets)
    assert set(b.critical_transitions) == every
    assert list(b.critical_transitions) == [
        e for e in zip(shortest.roles, shortest.roles[1:], strict=False) if e in every
    ]
    # smoothest path: minimax, then total cost, then role ids
    smoothest = min(routes, key=lambda cr: (max_step(h, cr[1]), cr[0], cr[1]))
    assert b.smoothest_path.roles == smoothest[1]
    check_path(g, b.smoothest_path, kinds)
    # the smoothest route's costliest move is no dearer than the shortest route's
    assert b.smoothest_path.max_step_cost <= shortest.max_step_cost
    assert b.hardest_step == shortest.hardest_step
    if shortest.steps:
        assert b.hardest_step is not None
        assert b.hardest_step.cost == max(step.cost for step in shortest.steps)


# ---------------------------------------------------------------------- reachable
def brute_reach(
    h: nx.DiGraph, s: str, budget: float | None, max_steps: int | None
) -> dict[str, Fraction]:
    best: dict[str, Fraction] = {}
    for t in h.nodes:
        if t == s:
            continue
        for cost, r in all_routes(h, s, t):
            if max_steps is not None and len(r) - 1 > max_steps:
                continue
            if budget is not None and cost > Fraction(budget):
                continue
            if t not in best or cost < best[t]:
                best[t] = cost
    return best


@EXAMPLES
@given(
    graph_and_ends(),
    st.none() | kind_sets,
    st.none() | st.sampled_from([0.0, 1.0, 2.5, 4.0, 8.0]),
    st.none() | st.integers(0, 4),
)
def test_reachable_agrees_with_brute_force(
    case: tuple[CareerGraph, str, str],
    kinds: tuple[str, ...] | None,
    budget: float | None,
    max_steps: int | None,
) -> None:
    g, s, _ = case
    reach = reachable_roles(g, s, budget=budget, max_steps=max_steps, kinds=kinds)
    h = filtered(g, kinds)
    expected = brute_reach(h, s, budget, max_steps)
    assert {r.role: r.cost for r in reach} == {t: float(c) for t, c in expected.items()}
    assert [(r.cost, r.role) for r in reach] == sorted((r.cost, r.role) for r in reach)
    for r in reach:
        assert r.role != s
        assert r.path.roles[0] == s
        assert r.path.roles[-1] == r.role
        assert r.steps == len(r.path.steps)
        assert r.cost == r.path.cost
        assert budget is None or r.cost <= budget
        assert max_steps is None or r.steps <= max_steps
        check_path(g, r.path, kinds)
        if max_steps is None:
            assert r.path == shortest_path(g, s, r.role, kinds=kinds)
        else:  # the least (cost, role ids) among the routes of at most max_steps moves
            short = [(c, p) for c, p in all_routes(h, s, r.role) if len(p) - 1 <= max_steps]
            assert r.path.roles == min(short)[1]


@EXAMPLES
@given(graph_and_ends(), st.floats(0, 10), st.floats(0, 10))
def test_reachable_monotone_in_budget(
    case: tuple[CareerGraph, str, str], b1: float, b2: float
) -> None:
    g, s, _ = case
    low, high = sorted((b1, b2))
    small = {r.role: r.cost for r in reachable_roles(g, s, budget=low)}
    large = {r.role: r.cost for r in reachable_roles(g, s, budget=high)}
    assert set(small) <= set(large)
    assert all(large[role] == cost for role, cost in small.items())
    assert all(cost <= high for cost in large.values())


@EXAMPLES
@given(graph_and_ends(), st.integers(0, 6), st.integers(0, 6))
def test_reachable_monotone_in_max_steps(
    case: tuple[CareerGraph, str, str], m1: int, m2: int
) -> None:
    g, s, _ = case
    low, high = sorted((m1, m2))
    small = {r.role: r.cost for r in reachable_roles(g, s, max_steps=low)}
    large = {r.role: r.cost for r in reachable_roles(g, s, max_steps=high)}
    assert set(small) <= set(large)
    assert all(large[role] <= cost for role, cost in small.items())


# ---------------------------------------------------------------------- chokepoints & kinds
@EXAMPLES
@given(career_graphs(max_roles=7), st.none() | kind_sets)
def test_chokepoints_are_betweenness_on_the_kind_filtered_graph(
    g: CareerGraph, kinds: tuple[str, ...] | None
) -> None:
    h = filtered(g, kinds)
    for u, v in h.edges:
        h.edges[u, v]["exact"] = Fraction(h.edges[u, v]["weight"])
    expected = nx.betweenness_centrality(h, weight="exact", normalized=True)
    ranked = chokepoints(g, kinds=kinds)
    assert dict(ranked) == pytest.approx(expected)
    assert [r for r, _ in ranked] == sorted(expected, key=lambda r: (-round(expected[r], 12), r))


@EXAMPLES
@given(graph_and_ends(kinds=("upward",)))
def test_generated_kind_subset_is_honoured_everywhere(case: tuple[CareerGraph, str, str]) -> None:
    g, s, _t = case
    assert all(m.kind == "upward" for m in g.transitions)
    for r in reachable_roles(g, s):
        assert all(step.kind == "upward" for step in r.path.steps)
        assert g.role(r.role).level > g.role(s).level


# ---------------------------------------------------------------------- profile starts
def with_twin(g: CareerGraph, r: str) -> tuple[CareerGraph, str]:
    """``g`` plus a role with exactly r's effective skills and a lateral move to every role."""
    twin = "twin"
    while twin in g:
        twin += "-x"
    # The twin rates every skill as r is taken to hold it (no imputation of its own), and
    # sits on the top rung, so its ratings change no other role's imputed levels.
    extra = Role(twin, f"Twin {twin}", MAX_LEVEL, skills=role_as_profile(g, r))
    moves = [Transition(twin, x.id, "lateral") for x in g.roles]
    return g.evolve(roles=[*g.roles, extra], transitions=[*g.transitions, *moves]), twin


@EXAMPLES
@given(graph_and_ends())
def test_profile_start_equals_role_start(case: tuple[CareerGraph, str, str]) -> None:
    """A profile P equal to role r's effective skills starts exactly like r would if r could
    make one move of kind "profile" to *any* role, costing the skill delta from r.

    Precisely: with a twin role r' that inherits r (so its effective skills are P) and has a
    lateral move to every role (r included, at the base cost), the query from P and the
    query from r' give the same cost and the same route, "<profile>" standing for r'.  In
    particular the cost from P is at most base_cost + the cost from r, and the virtual move
    into r itself costs exactly base_cost.
    """
    g, r, t = case
    # r's ratings, and for the skills r does not rate the level imputed from its rung: a
    # profile is never imputed, so it must say what the role would be taken to hold
    profile = role_as_profile(g, r)
    twin_graph, twin = with_twin(g, r)
    p = shortest_path(g, profile, t)
    q = shortest_path(twin_graph, twin, t)
    assert p.cost == q.cost
    assert (twin, *p.roles[1:]) == q.roles
    assert p.steps[0].kind == "profile"
    assert p.steps[0].cost == g.weight(r, p.steps[0].target)
    try:
        from_role = shortest_path(g, r, t)
    except NoPathError:
        pass
    else:
        assert p.cost <= g.weighting.base_cost + from_role.cost
    into_r = [x for x in reachable_roles(g, profile, max_steps=1) if x.role == r]
    assert into_r[0].cost == g.weighting.base_cost
    # reachable sets agree too, and level names mean the same as numbers
    reach = reachable_roles(g, profile)
    twin_reach = [x for x in reachable_roles(twin_graph, twin) if x.role != twin]
    assert [(x.role, x.cost) for x in reach] == [(x.role, x.cost) for x in twin_reach]
    named = {k: g.scale.name_of(v) or v for k, v in profile.items()}
    assert shortest_path(g, named, t) == p


@EXAMPLES
@given(graph_and_ends(), kind_sets)
def test_profile_moves_pass_every_kind_filter(
    case: tuple[CareerGraph, str, str], kinds: tuple[str, ...]
) -> None:
    g, r, t = case
    profile = dict(g.effective_skills(r))
    p = shortest_path(g, profile, t, kinds=kinds)
    assert p.steps[0].kind == "profile"
    assert all(step.kind in kinds for step in p.steps[1:])
    check_path(g, p, None)
