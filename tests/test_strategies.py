"""The public hypothesis strategies produce valid values and honour their arguments."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from supportladder import KINDS, CareerGraph, Role, Transition, dumps, loads
from supportladder.model import DEFAULT_SCALE, HOLLAND_LETTERS, Scale
from supportladder.strategies import (
    career_graphs,
    holland_codes,
    role_ids,
    roles,
    skill_profiles,
    transitions,
)

EXAMPLES = settings(max_examples=50, deadline=None)


def test_supportladder_does_not_import_hypothesis() -> None:
    code = "import sys, supportladder; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@EXAMPLES
@given(
    st.data(),
    st.integers(1, 6),
    st.integers(0, 4),
    st.sets(st.sampled_from(KINDS), min_size=1),
)
def test_career_graphs_honour_their_arguments(
    data: st.DataObject, low: int, extra: int, kinds: set[str]
) -> None:
    g = data.draw(career_graphs(min_roles=low, max_roles=low + extra, kinds=sorted(kinds)))
    assert isinstance(g, CareerGraph)
    assert low <= len(g.roles) <= low + extra
    assert {m.kind for m in g.transitions} <= kinds
    pairs = [m.key for m in g.transitions]
    assert len(pairs) == len(set(pairs))
    for m in g.transitions:
        if m.kind == "upward":
            assert g.role(m.source).level < g.role(m.target).level
    # valid all the way: it survives a round trip through the TOML format
    assert loads(dumps(g)) == g


@EXAMPLES
@given(career_graphs(max_roles=5, max_transitions=3, inherits=False, max_level=2))
def test_career_graphs_limits(g: CareerGraph) -> None:
    assert len(g.transitions) <= 3
    assert all(not r.inherits and 1 <= r.level <= 2 for r in g.roles)


def test_career_graphs_reach_the_bounds() -> None:
    sizes: set[int] = set()
    kinds_seen: set[str] = set()

    @settings(max_examples=150, deadline=None)
    @given(career_graphs(min_roles=2, max_roles=4))
    def collect(g: CareerGraph) -> None:
        sizes.add(len(g.roles))
        kinds_seen.update(m.kind for m in g.transitions)

    collect()
    assert sizes == {2, 3, 4}
    assert kinds_seen == set(KINDS)


@pytest.mark.parametrize(
    "options",
    [
        {"min_roles": 0},
        {"min_roles": 3, "max_roles": 2},
        {"kinds": ["upwards"]},
        {"kinds": []},
        {"max_level": 0},
        {"max_transitions": -1},
        {"skills": "communication"},
    ],
)
def test_career_graphs_bad_arguments(options: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        career_graphs(**options)  # type: ignore[arg-type]


@EXAMPLES
@given(role_ids())
def test_role_ids_are_valid(role_id: str) -> None:
    Role(role_id, "Title", 1)


@EXAMPLES
@given(holland_codes())
def test_holland_codes(code: str) -> None:
    assert len(code) <= 3
    assert len(set(code)) == len(code)
    assert set(code) <= set(HOLLAND_LETTERS)


@EXAMPLES
@given(skill_profiles(skills=["a", "b", "c"], min_size=1, max_size=2))
def test_skill_profiles(profile: dict[str, float | str]) -> None:
    assert 1 <= len(profile) <= 2
    assert set(profile) <= {"a", "b", "c"}
    assert all(v in DEFAULT_SCALE.levels.values() for v in profile.values())


@EXAMPLES
@given(
    skill_profiles(
        skills=["a"],
        scale=Scale({"low": 0, "high": 7}),
        levels=st.sampled_from(["low", "high"]),
        min_size=1,
    )
)
def test_skill_profiles_with_level_names(profile: dict[str, float | str]) -> None:
    assert profile["a"] in ("low", "high")


def test_skill_profiles_bad_sizes() -> None:
    with pytest.raises(InvalidArgument):
        skill_profiles(skills=["a"], min_size=2)


@EXAMPLES
@given(roles(skills=["x", "y"], levels=st.just(3)))
def test_roles(role: Role) -> None:
    assert role.level == 3
    assert set(role.skills) <= {"x", "y"}
    assert role.title == f"Role {role.id}"


@EXAMPLES
@given(
    st.lists(roles(), min_size=2, max_size=5, unique_by=lambda r: r.id).flatmap(
        lambda rs: st.tuples(st.just(rs), transitions(roles=rs, kinds=["lateral", "upward"]))
    )
)
def test_transitions_fit_their_roles(case: tuple[list[Role], Transition]) -> None:
    pool, move = case
    by_id = {r.id: r for r in pool}
    assert move.source in by_id
    assert move.target in by_id
    assert move.source != move.target
    assert move.kind in ("lateral", "upward")
    if move.kind == "upward":
        assert by_id[move.source].level < by_id[move.target].level


def test_transitions_without_a_valid_pair() -> None:
    flat = [Role("a", "A", 2), Role("b", "B", 2)]
    with pytest.raises(InvalidArgument, match="upward"):
        transitions(roles=flat, kinds=["upward"])
