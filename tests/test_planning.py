"""feeders agrees with brute force; learning plans follow the route's gaps."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import CareerGraph, Role, Skill, Transition, Weighting
from supportladder.errors import QueryArgumentError
from supportladder.planning import feeders, learning_plan
from supportladder.queries import _engines as engines
from supportladder.queries import shortest_path


@st.composite
def graphs(draw: st.DrawFn) -> CareerGraph:
    n = draw(st.integers(2, 6))
    skills = [Skill("a", "A"), Skill("b", "B")]
    roles = [
        Role(
            f"r{i}",
            f"Role {i}",
            1,
            skills={"a": draw(st.integers(0, 3)), "b": draw(st.integers(0, 3))},
        )
        for i in range(n)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            unique=True,
            max_size=n * (n - 1),
        )
    )
    moves = [Transition(f"r{a}", f"r{b}", "lateral") for a, b in pairs]
    base = draw(st.sampled_from([0.0, 0.5, 1.0]))  # 0: moves that cost nothing (ties galore)
    return CareerGraph(
        "g", roles=roles, transitions=moves, skills=skills, weighting=Weighting(base_cost=base)
    )


def brute(
    graph: CareerGraph, target: str, max_steps: int | None
) -> dict[str, tuple[Fraction, tuple[str, ...]]]:
    g = graph.to_networkx()
    best: dict[str, tuple[Fraction, tuple[str, ...]]] = {}
    for role in g.nodes:
        if role == target:
            continue
        for route in nx.all_simple_paths(g, role, target):
            if max_steps is not None and len(route) - 1 > max_steps:
                continue
            cost = sum(
                (Fraction(g.edges[u, v]["weight"]) for u, v in itertools.pairwise(route)),
                Fraction(0),
            )
            key = (cost, tuple(route))
            if role not in best or key < best[role]:
                best[role] = key
    return best


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_feeders_agree_with_brute_force(graph: CareerGraph, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from([r.id for r in graph.roles]))
    max_steps = data.draw(st.none() | st.integers(0, 4))
    budget = data.draw(st.none() | st.integers(0, 12))
    expected = brute(graph, target, max_steps)
    if budget is not None:
        expected = {r: v for r, v in expected.items() if v[0] <= budget}
    compiled = data.draw(st.booleans())  # the compiled core's arrays, or the reference view
    saved = engines.FAST_THRESHOLD
    engines.FAST_THRESHOLD = 0 if compiled else 10**9
    try:
        found = feeders(graph, target, max_steps=max_steps, budget=budget)
    finally:
        engines.FAST_THRESHOLD = saved
    assert [f.role for f in found] == sorted(expected, key=lambda r: (expected[r][0], r))
    for f in found:
        assert f.path.roles == expected[f.role][1]
        assert f.cost == float(expected[f.role][0])
        assert f.path == shortest_path(graph, f.role, target) or max_steps is not None


def test_feeders_on_a_bundled_graph_and_bad_options() -> None:
    g = supportladder.load("support-careers")
    seats = feeders(g, "support-team-lead")
    assert seats
    assert all(s.path.target == "support-team-lead" for s in seats)
    assert seats[0].cost == min(s.cost for s in seats)
    assert feeders(g, "support-team-lead", kinds=["upward"]).to_frame().shape[1] == 4
    with pytest.raises(QueryArgumentError, match="budget"):
        feeders(g, "support-team-lead", budget=-1)


def test_learning_plan_levels_are_the_route_gaps() -> None:
    g = supportladder.load("support-ladder")
    route = shortest_path(g, "support-technician", "chief-customer-officer")
    plan = learning_plan(g, "support-technician", "chief-customer-officer")
    assert plan.path == route
    gaps = [(i, gap) for i, step in enumerate(route.steps, 1) for gap in step.gaps]
    assert [(item.step, item.skill, item.from_, item.to) for item in plan.items] == [
        (i, gap.skill, gap.from_, gap.to) for i, gap in gaps
    ]
    for item in plan.items:
        step = route.steps[item.step - 1]
        assert (item.source, item.target) == (step.source, step.target)
    frame = plan.to_frame()
    assert len(frame) == len(plan.items)
    other = learning_plan(g, "support-technician", "chief-customer-officer", path=route)
    assert other == plan
    profile = learning_plan(g, {"empathy": "good"}, "support-team-lead")
    assert profile.path.source == "<profile>"


def test_observed_weights_hide_unobserved_moves() -> None:
    from supportladder.importers import moves

    g = supportladder.load("support-ladder")
    rows = [
        {"person": "a", "role": "support-technician", "start": "2020-01-01"},
        {"person": "a", "role": "customer-support-representative", "start": "2020-07-01"},
    ]
    merged = moves.read(rows, graph=g).graph
    route = shortest_path(
        merged, "support-technician", "customer-support-representative", weight="observed"
    )
    assert route.cost == 0.0
    step = route.to_dict()["steps"][0]
    assert step["observed"]["count"] == 1
    assert math.isclose(step["observed"]["median_months"], 182 / 30.436875)
    assert step["skill_cost"] == merged.weight(
        "support-technician", "customer-support-representative"
    )
    assert {"skill_cost", "observed", "months"} <= set(route.to_frame().columns)
    months = shortest_path(
        merged, "support-technician", "customer-support-representative", weight="months"
    )
    assert math.isclose(months.cost, 182 / 30.436875)
    with pytest.raises(supportladder.NoPathError):
        shortest_path(
            merged, "customer-support-representative", "support-technician", weight="observed"
        )
