"""The one place weights are computed agrees with the documented formula, on any graph."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import CareerGraph, Role, Skill, Transition, Weighting
from supportladder.strategies import career_graphs
from weights_reference import reference_delta

EXAMPLES = settings(max_examples=150, deadline=None)


@EXAMPLES
@given(career_graphs(max_roles=6))
def test_every_pair_matches_the_formula(g: CareerGraph) -> None:
    for a, b in itertools.permutations([r.id for r in g.roles], 2):
        weight, gaps = g.delta(a, b)
        expected, expected_gaps = reference_delta(g, a, b)
        assert weight == pytest.approx(expected, rel=1e-12, abs=1e-12)
        assert [(x.skill, x.from_, x.to, x.imputed) for x in gaps] == [
            (s, pytest.approx(f), t, m) for s, f, t, m in expected_gaps
        ]


@EXAMPLES
@given(career_graphs(max_roles=6), st.dictionaries(st.sampled_from(["a", "b"]), st.just(1.0)))
def test_profiles_match_the_formula(g: CareerGraph, profile: dict[str, float]) -> None:
    profile = {s.id: level for s, level in zip(g.skills, profile.values(), strict=False)}
    for role in g.roles:
        weight, _ = g.delta(profile, role.id)
        assert weight == pytest.approx(reference_delta(g, profile, role.id)[0], abs=1e-12)


@EXAMPLES
@given(career_graphs(max_roles=6))
def test_every_reader_sees_the_same_weight(g: CareerGraph) -> None:
    from supportladder.queries import _snapshot as csr

    G = g.to_networkx()
    snap = csr.snapshot(g)
    costs = g.move_costs()
    for i, move in enumerate(g.transitions):
        w = float(costs.weight[i])
        assert G.edges[move.key]["weight"] == w
        assert g.weight(*move.key) == w
        at = int(
            np.flatnonzero(
                (snap.src == snap.index[move.source]) & (snap.dst == snap.index[move.target])
            )[0]
        )
        assert float(snap.weight[at]) == w
        assert sum(gap.cost for gap in costs.gaps(i)) == pytest.approx(
            w - g.weighting.base_cost - float(costs.surplus[i]), abs=1e-9
        )


def test_skipping_a_rung_costs_more_than_climbing_it() -> None:
    """With the default exponent, a+b levels in one move cost more than a, then b."""
    skills = [Skill("s", "S")]
    roles = [
        Role("one", "One", 1, skills={"s": 0}),
        Role("two", "Two", 2, skills={"s": 2}),
        Role("three", "Three", 3, skills={"s": 4}),
    ]
    moves = [Transition("one", "two"), Transition("two", "three"), Transition("one", "three")]
    g = CareerGraph("rungs", skills=skills, roles=roles, transitions=moves)
    assert g.weight("one", "three") > g.weight("one", "two") + g.weight("two", "three")
    linear = g.evolve(weighting=Weighting(gap_exponent=1))
    assert linear.weight("one", "three") < linear.weight("one", "two") + linear.weight(
        "two", "three"
    )


def test_imputation_reads_only_the_source_track() -> None:
    skills = [Skill("s", "S")]
    roles = [
        Role("rep", "Rep", 3, track="support"),
        Role("peer", "Peer", 3, track="support", skills={"s": 1}),
        Role("pm", "PM", 3, track="product", skills={"s": 3}),
        Role("lead", "Lead", 4, track="support", skills={"s": 3}),
    ]
    g = CareerGraph("tracks", skills=skills, roles=roles, transitions=[Transition("rep", "lead")])
    (gap,) = g.gaps("rep", "lead")
    assert gap.imputed
    assert gap.from_ == 1.0  # the support peer's rating, not the product manager's
    alone = g.evolve(roles=[r for r in roles if r.id != "peer"])
    (gap,) = alone.gaps("rep", "lead")
    assert gap.from_ == 0.0  # no support role at or below L3 rates it: none


def test_big_graph_weights_are_vectorised() -> None:
    """An ESCO-size skill vocabulary: weights for every move come from one array pass."""
    rng = np.random.default_rng(0)
    n_roles, n_skills = 600, 3000
    skills = [Skill(f"s{j}", f"S{j}") for j in range(n_skills)]
    roles = []
    for i in range(n_roles):
        picks = rng.choice(n_skills, size=40, replace=False)
        roles.append(
            Role(
                f"r{i}",
                f"R{i}",
                1 + i % 5,
                skills={f"s{j}": float(rng.integers(0, 5)) for j in picks},
            )
        )
    moves = [Transition(f"r{i}", f"r{(i * 7 + 1) % n_roles}", "lateral") for i in range(n_roles)]
    moves = [m for m in moves if m.source != m.target]
    g = CareerGraph("big", skills=skills, roles=roles, transitions=moves)
    costs = g.move_costs()
    assert len(costs) == len(moves)
    m = moves[17]
    assert float(costs.weight[17]) == pytest.approx(reference_delta(g, m.source, m.target)[0])


def test_bundled_graphs_match_the_formula() -> None:
    for name in supportladder.bundled():
        g = supportladder.load(name)
        for move in g.transitions:
            assert g.weight(*move.key) == pytest.approx(reference_delta(g, *move.key)[0])


def test_a_role_that_rates_nothing_is_imputed_whole() -> None:
    """An occupation without ratings is neither a free stepping stone nor a free target."""
    skills = [Skill("s", "S")]
    roles = [
        Role("clerk", "Clerk", 2, track="office", skills={"s": 1}),
        Role("blank", "No ratings", 3, track="office"),
        Role("lead", "Lead", 3, track="office", skills={"s": 3}),
        Role("boss", "Boss", 4, track="office", skills={"s": 4}),
    ]
    moves = [Transition("clerk", "blank"), Transition("blank", "boss"), Transition("clerk", "lead")]
    g = CareerGraph("blank", skills=skills, roles=roles, transitions=moves)
    (into,) = g.gaps("clerk", "blank")
    assert into.imputed
    assert into.to == 3.0  # what the lead, its rung's rated role, holds
    assert g.weight("clerk", "blank") == g.weight("clerk", "lead")
    (out,) = g.gaps("blank", "boss")
    assert (out.from_, out.imputed) == (3.0, True)


@pytest.mark.parametrize("block", [1, 3, 7])
def test_blocks_of_moves_give_the_same_arrays(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    """Pricing moves a few entries at a time changes no weight or gap, to the last bit."""
    from supportladder import weights

    for name in ("support-careers", "csr-profile"):
        whole = supportladder.load(name).move_costs()
        monkeypatch.setattr(weights, "BLOCK_ENTRIES", block)
        parts = supportladder.load(name).move_costs()
        monkeypatch.undo()
        for field in ("weight", "surplus", "ptr", "skill", "from_", "to", "imputed", "cost"):
            a, b = getattr(whole, field), getattr(parts, field)
            assert a.dtype == b.dtype
            assert a.tobytes() == b.tobytes(), field
