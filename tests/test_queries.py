"""Unit tests of supportladder.queries on small hand-made graphs, mini.toml and bundled graphs."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import pytest

import supportladder
from supportladder import CareerGraph, Gap, NoPathError, Requirements, Role, Skill, Transition
from supportladder.queries import (
    PROFILE,
    Bottlenecks,
    Path,
    QueryArgumentError,
    Reaches,
    Step,
    alternative_paths,
    bottlenecks,
    chokepoints,
    reachable_roles,
    roles_for_interest,
    shortest_path,
    skill_gap,
)

Edge = tuple[str, str, str]


def make_graph(
    edges: Sequence[Edge],
    *,
    levels: dict[str, int] | None = None,
    requirements: dict[tuple[str, str], Requirements] | None = None,
) -> CareerGraph:
    """A graph whose roles all have the same skills: every move costs the base cost 1."""
    names = sorted({u for u, _, _ in edges} | {v for _, v, _ in edges} | set(levels or {}))
    levels = levels or {}
    requirements = requirements or {}
    return CareerGraph(
        "hand",
        skills=[Skill("communication", "Communication")],
        roles=[Role(n, f"Role {n.upper()}", levels.get(n, 1)) for n in names],
        transitions=[
            Transition(u, v, k, requirements=requirements.get((u, v), Requirements()))
            for u, v, k in edges
        ],
    )


def costs(table: dict[tuple[str, str], float]) -> Callable[[str, str, dict[str, Any]], float]:
    return lambda u, v, data: table[(u, v)]


# ---------------------------------------------------------------------- shortest_path
def test_shortest_path_on_mini(mini: CareerGraph) -> None:
    p = shortest_path(mini, "rep", "manager")
    assert p.roles == ("rep", "lead", "manager")
    assert p.cost == mini.weight("rep", "lead") + mini.weight("lead", "manager")
    assert [s.kind for s in p.steps] == ["upward", "upward"]
    assert p.steps[0].gaps == mini.gaps("rep", "lead")
    assert p.steps[0].requirements == Requirements(tenure_months=12, assessment="interview test")
    assert p.hardest_step == max(p.steps, key=lambda s: s.cost)
    assert (p.source, p.target) == ("rep", "manager")


def test_roles_by_title_alias_any_case(mini: CareerGraph) -> None:
    assert shortest_path(mini, "csr", "SUPPORT MANAGER") == shortest_path(mini, "rep", "manager")
    assert shortest_path(mini, mini.role("rep"), "团队负责人").target == "lead"


def test_unknown_role_is_role_not_found(mini: CareerGraph) -> None:
    with pytest.raises(supportladder.RoleNotFoundError, match="nobody"):
        shortest_path(mini, "nobody", "lead")
    with pytest.raises(nx.NodeNotFound):
        bottlenecks(mini, "rep", "nobody")


def test_same_role_is_a_route_of_no_moves(mini: CareerGraph) -> None:
    p = shortest_path(mini, "lead", "Team Lead")
    assert p == Path(("lead",), (), 0.0)
    assert p.hardest_step is None
    assert p.max_step_cost == 0.0
    b = bottlenecks(mini, "lead", "lead")
    assert b.gateways == ()
    assert b.critical_transitions == ()
    assert b.hardest_step is None


def test_ties_broken_by_role_ids_whatever_the_file_order() -> None:
    edges = [
        ("s", "b", "lateral"),
        ("b", "t", "lateral"),
        ("s", "a", "lateral"),
        ("a", "t", "lateral"),
    ]
    for order in (edges, edges[::-1]):
        g = make_graph(order)
        assert shortest_path(g, "s", "t").roles == ("s", "a", "t")
        assert [p.roles for p in alternative_paths(g, "s", "t", k=5)] == [
            ("s", "a", "t"),
            ("s", "b", "t"),
        ]


def test_ties_of_float_sums_are_exact() -> None:
    # 0.1 + 0.2 != 0.3 in floats; with exact sums the two routes tie and "a" wins.
    g = make_graph([("s", "a", "lateral"), ("a", "t", "lateral"), ("s", "t", "lateral")])
    w = costs({("s", "a"): 0.1, ("a", "t"): 0.2, ("s", "t"): 0.30000000000000004})
    assert shortest_path(g, "s", "t", weight=w).roles == ("s", "a", "t")
    w2 = costs({("s", "a"): 0.1, ("a", "t"): 0.2, ("s", "t"): 0.3})
    assert shortest_path(g, "s", "t", weight=w2).roles == ("s", "t")


def test_path_validates_its_steps() -> None:
    step = Step("a", "b", "upward", 1.0)
    with pytest.raises(ValueError, match="2 roles"):
        Path(("a",), (step,), 1.0)
    with pytest.raises(ValueError, match="step 0 goes a -> b"):
        Path(("a", "c"), (step,), 1.0)


def test_hardest_step_ties_go_to_the_first() -> None:
    steps = (Step("a", "b", "upward", 2.0), Step("b", "c", "upward", 2.0))
    assert Path(("a", "b", "c"), steps, 4.0).hardest_step is steps[0]


# ---------------------------------------------------------------------- filters
def test_kinds_filter(mini: CareerGraph) -> None:
    p = shortest_path(mini, "account-manager", "lead")
    assert [s.kind for s in p.steps] == ["lateral", "upward"]
    with pytest.raises(NoPathError) as info:
        shortest_path(mini, "account-manager", "lead", kinds=["upward"])
    message = str(info.value)
    assert "Account Manager (account-manager)" in message
    assert "Team Lead (lead)" in message
    assert "kinds=upward" in message
    assert "relax kinds" in message
    assert isinstance(info.value, nx.NetworkXNoPath)
    assert info.value.relax == ("kinds",)  # type: ignore[attr-defined]


@pytest.mark.parametrize("kinds", [["sideways"], "up", ["upward", "Lateral"]])
def test_unknown_kind_is_named(mini: CareerGraph, kinds: Any) -> None:
    with pytest.raises(QueryArgumentError, match=r"kinds: unknown kind .*'upward', 'lateral'"):
        shortest_path(mini, "rep", "lead", kinds=kinds)


def test_empty_kinds_refused(mini: CareerGraph) -> None:
    with pytest.raises(ValueError, match="kinds is empty"):
        reachable_roles(mini, "rep", kinds=[])


def test_kinds_as_single_string(mini: CareerGraph) -> None:
    assert shortest_path(mini, "rep", "lead", kinds="upward").roles == ("rep", "lead")


def test_max_step_cost(mini: CareerGraph) -> None:
    w = mini.weight("rep", "lead")
    assert shortest_path(mini, "rep", "lead", max_step_cost=w).roles == ("rep", "lead")
    with pytest.raises(NoPathError, match=r"max_step_cost=.*relax max_step_cost"):
        shortest_path(mini, "rep", "lead", max_step_cost=w - 0.5)


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, "3", True])
def test_bad_max_step_cost(mini: CareerGraph, bad: Any) -> None:
    with pytest.raises(QueryArgumentError, match="max_step_cost"):
        shortest_path(mini, "rep", "lead", max_step_cost=bad)


def test_avoid_names_and_values(mini: CareerGraph) -> None:
    with pytest.raises(NoPathError, match="relax avoid"):
        shortest_path(mini, "rep", "manager", avoid={"assessment"})
    with pytest.raises(NoPathError, match="avoid=assessment"):
        shortest_path(mini, "rep", "lead", avoid="assessment")
    with pytest.raises(NoPathError, match="avoid=education=Bachelor"):
        shortest_path(mini, "rep", "manager", avoid={"education": "Bachelor"})
    with pytest.raises(NoPathError):
        shortest_path(mini, "rep", "manager", avoid={"certifications": "project management"})
    with pytest.raises(NoPathError):
        shortest_path(mini, "rep", "manager", avoid={"certifications": ["x", "Project Management"]})
    assert shortest_path(mini, "rep", "manager", avoid={"education": "master"}).cost > 0
    assert shortest_path(mini, "rep", "manager", avoid={"certifications": "itil"}).cost > 0
    assert shortest_path(mini, "rep", "manager", avoid={"tenure_months": 6}).cost > 0
    with pytest.raises(NoPathError):
        shortest_path(mini, "rep", "manager", avoid={"tenure_months": 12})


def test_unknown_requirement_in_avoid(mini: CareerGraph) -> None:
    with pytest.raises(
        QueryArgumentError, match=r"avoid: unknown requirement 'degree'.*'education'"
    ):
        shortest_path(mini, "rep", "lead", avoid=["degree"])


def test_several_filters_message(mini: CareerGraph) -> None:
    with pytest.raises(NoPathError) as info:
        shortest_path(mini, "account-manager", "manager", kinds=["upward"], avoid={"education"})
    assert "relax several of kinds, avoid" in str(info.value)


def test_no_route_without_filters_message(mini: CareerGraph) -> None:
    with pytest.raises(NoPathError, match="no filter to relax") as info:
        shortest_path(mini, "manager", "rep")
    assert "Support Manager (manager)" in str(info.value)
    with pytest.raises(NoPathError, match="relaxing them will not help"):
        shortest_path(mini, "manager", "rep", kinds=["lateral"])


def test_weight_callable_hides_moves(mini: CareerGraph) -> None:
    def no_lateral(u: str, v: str, data: dict[str, Any]) -> float | None:
        return None if data["kind"] == "lateral" else float(data["weight"])

    with pytest.raises(NoPathError, match=r"weight=no_lateral.*relax weight"):
        shortest_path(mini, "account-manager", "lead", weight=no_lateral)


def test_weight_none_counts_moves(mini: CareerGraph) -> None:
    p = shortest_path(mini, "account-manager", "manager", weight=None)
    assert p.cost == 3.0
    assert all(s.cost == 1.0 for s in p.steps)


@pytest.mark.parametrize(
    ("weight", "match"),
    [
        ("wieght", "no attribute 'wieght'"),
        (lambda u, v, d: -1.0, "not negative"),
        (lambda u, v, d: "1", "must be a number"),
        (3, "weight must be"),
    ],
)
def test_bad_weight(mini: CareerGraph, weight: Any, match: str) -> None:
    with pytest.raises(QueryArgumentError, match=match):
        shortest_path(mini, "rep", "lead", weight=weight)


# ---------------------------------------------------------------------- alternatives
def test_alternative_paths_order_and_k() -> None:
    g = make_graph(
        [
            ("s", "a", "lateral"),
            ("a", "t", "lateral"),
            ("s", "b", "lateral"),
            ("b", "t", "lateral"),
            ("s", "t", "lateral"),
            ("a", "b", "lateral"),
        ]
    )
    w = costs(
        {("s", "a"): 1, ("a", "t"): 1, ("s", "b"): 1, ("b", "t"): 2, ("s", "t"): 3, ("a", "b"): 0}
    )
    got = [(p.cost, p.roles) for p in alternative_paths(g, "s", "t", 10, weight=w)]
    assert got == [
        (2.0, ("s", "a", "t")),
        (3.0, ("s", "a", "b", "t")),
        (3.0, ("s", "b", "t")),
        (3.0, ("s", "t")),
    ]
    assert [p.roles for p in alternative_paths(g, "s", "t", 1, weight=w)] == [("s", "a", "t")]


@pytest.mark.parametrize("k", [0, -1, 1.5, "2"])
def test_bad_k(mini: CareerGraph, k: Any) -> None:
    with pytest.raises(QueryArgumentError, match="k must"):
        alternative_paths(mini, "rep", "lead", k)


def test_alternatives_no_route(mini: CareerGraph) -> None:
    with pytest.raises(NoPathError):
        alternative_paths(mini, "manager", "rep")


# ---------------------------------------------------------------------- reachable
def test_reachable_prefers_fewer_moves_under_max_steps() -> None:
    g = make_graph([("s", "a", "lateral"), ("a", "b", "lateral"), ("s", "b", "lateral")])
    w = costs({("s", "a"): 1, ("a", "b"): 1, ("s", "b"): 5})
    free = {r.role: (r.cost, r.steps, r.path.roles) for r in reachable_roles(g, "s", weight=w)}
    assert free == {"a": (1.0, 1, ("s", "a")), "b": (2.0, 2, ("s", "a", "b"))}
    one = {r.role: (r.cost, r.steps) for r in reachable_roles(g, "s", weight=w, max_steps=1)}
    assert one == {"a": (1.0, 1), "b": (5.0, 1)}
    assert reachable_roles(g, "s", weight=w, max_steps=0) == []
    assert [r.role for r in reachable_roles(g, "s", weight=w, budget=1)] == ["a"]
    assert [r.role for r in reachable_roles(g, "s", weight=w, budget=0.5)] == []


def test_reachable_sorted_and_source_left_out(mini: CareerGraph) -> None:
    reach = reachable_roles(mini, "rep")
    assert isinstance(reach, Reaches)
    assert "rep" not in [r.role for r in reach]
    assert [(r.cost, r.role) for r in reach] == sorted((r.cost, r.role) for r in reach)
    assert {r.role for r in reach} == {"lead", "manager", "account-manager"}


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"budget": -1}, "budget"),
        ({"max_steps": -1}, "max_steps"),
        ({"max_steps": 1.0}, "max_steps"),
    ],
)
def test_reachable_bad_limits(mini: CareerGraph, options: dict[str, Any], match: str) -> None:
    with pytest.raises(QueryArgumentError, match=match):
        reachable_roles(mini, "rep", **options)


# ---------------------------------------------------------------------- bottlenecks
def test_bottlenecks_hand_graph() -> None:
    #   s -> g1 -> a -> g2 -> t   and   s -> g1 -> b -> g2 -> t ;  g2 -> t is the only way in
    g = make_graph(
        [
            ("s", "g1", "lateral"),
            ("g1", "a", "lateral"),
            ("g1", "b", "lateral"),
            ("a", "g2", "lateral"),
            ("b", "g2", "lateral"),
            ("g2", "t", "lateral"),
            ("s", "x", "lateral"),
        ]
    )
    w = costs(
        {
            ("s", "g1"): 1,
            ("g1", "a"): 1,
            ("a", "g2"): 10,
            ("g1", "b"): 6,
            ("b", "g2"): 6,
            ("g2", "t"): 2,
            ("s", "x"): 1,
        }
    )
    b = bottlenecks(g, "s", "t", weight=w)
    assert b.gateways == ("g1", "g2")
    assert b.critical_transitions == (("s", "g1"), ("g2", "t"))
    assert b.shortest_path.roles == ("s", "g1", "a", "g2", "t")
    assert b.hardest_step is not None
    assert (b.hardest_step.source, b.hardest_step.target, b.hardest_step.cost) == ("a", "g2", 10)
    assert b.smoothest_path.roles == ("s", "g1", "b", "g2", "t")
    assert b.smoothest_path.max_step_cost == 6
    assert b.to_dict() == {
        "source": "s",
        "target": "t",
        "gateways": ["g1", "g2"],
        "critical_transitions": [["s", "g1"], ["g2", "t"]],
        "hardest_step": {"source": "a", "target": "g2", "kind": "lateral", "cost": 10.0},
        "smoothest_path": {
            "roles": ["s", "g1", "b", "g2", "t"],
            "cost": 15.0,
            "max_step_cost": 6.0,
        },
    }


def test_smoothest_ties_by_cost_then_ids() -> None:
    g = make_graph(
        [
            ("s", "b", "lateral"),
            ("b", "t", "lateral"),
            ("s", "a", "lateral"),
            ("a", "t", "lateral"),
            ("s", "c", "lateral"),
            ("c", "t", "lateral"),
        ]
    )
    w = costs(
        {("s", "a"): 3, ("a", "t"): 3, ("s", "b"): 3, ("b", "t"): 2, ("s", "c"): 2, ("c", "t"): 3}
    )
    assert bottlenecks(g, "s", "t", weight=w).smoothest_path.roles == ("s", "b", "t")
    w2 = costs(
        {("s", "a"): 3, ("a", "t"): 2, ("s", "b"): 3, ("b", "t"): 2, ("s", "c"): 4, ("c", "t"): 0}
    )
    assert bottlenecks(g, "s", "t", weight=w2).smoothest_path.roles == ("s", "a", "t")


def test_bottlenecks_no_route(mini: CareerGraph) -> None:
    with pytest.raises(NoPathError, match="relax kinds"):
        bottlenecks(mini, "account-manager", "lead", kinds=["upward"])


# ---------------------------------------------------------------------- chokepoints
def test_chokepoints_match_networkx(mini: CareerGraph) -> None:
    ranked = chokepoints(mini)
    expected = nx.betweenness_centrality(mini.to_networkx(), weight="weight", normalized=True)
    assert dict(ranked) == pytest.approx(expected)
    assert [r for r, _ in ranked] == sorted(expected, key=lambda r: (-expected[r], r))
    assert chokepoints(mini, top=2) == ranked[:2]
    assert ranked.to_dict()[0] == {"role": ranked[0][0], "score": ranked[0][1]}


def test_chokepoints_kinds(mini: CareerGraph) -> None:
    scores = dict(chokepoints(mini, kinds=["lateral"]))
    assert all(score == 0 for score in scores.values())
    assert dict(chokepoints(mini, kinds=["upward"]))["lead"] > 0


@pytest.mark.parametrize("top", [0, -3, 2.5])
def test_chokepoints_bad_top(mini: CareerGraph, top: Any) -> None:
    with pytest.raises(QueryArgumentError, match="top"):
        chokepoints(mini, top=top)


# ---------------------------------------------------------------------- skill_gap, interests
def test_skill_gap_without_an_edge(mini: CareerGraph) -> None:
    with pytest.raises(KeyError):
        mini.transition("account-manager", "manager")
    gaps = skill_gap(mini, "account-manager", "manager")
    assert gaps == mini.gaps("account-manager", "manager")
    # the account manager does not rate leadership, nor does any role below its rung: none
    assert Gap("leadership", 0.0, 3.0, imputed=True) in gaps
    assert (
        skill_gap(mini, {"leadership": "strong"}, "manager")
        == mini.delta({"leadership": 3.0}, "manager")[1]
    )


def test_roles_for_interest(mini: CareerGraph) -> None:
    assert [r.id for r in roles_for_interest(mini, "c")] == ["manager"]
    assert [r.id for r in roles_for_interest(mini, "CE")] == ["manager"]
    assert roles_for_interest(mini, "EC") == []
    g = supportladder.load("support-careers")
    found = roles_for_interest(g, "S")
    assert found == sorted(found, key=lambda r: (r.level, r.id))
    assert {r.id for r in found} == {r.id for r in g.roles if r.holland[:1] == "S"}


@pytest.mark.parametrize("letters", ["", "X", "SS", 3])
def test_roles_for_interest_bad_letters(mini: CareerGraph, letters: Any) -> None:
    with pytest.raises(QueryArgumentError, match="letters"):
        roles_for_interest(mini, letters)


# ---------------------------------------------------------------------- profiles
def test_profile_start(mini: CareerGraph) -> None:
    profile = {"communication": "good", "product-knowledge": 1}
    p = shortest_path(mini, profile, "manager")
    assert p.roles[0] == PROFILE
    first = p.steps[0]
    assert first.kind == "profile"
    assert first.requirements == Requirements()
    assert first.cost == mini.delta({"communication": 2, "product-knowledge": 1}, first.target)[0]
    # virtual moves pass every kind filter
    assert shortest_path(mini, profile, "manager", kinds=["lateral"]).roles == (PROFILE, "manager")
    reach = reachable_roles(mini, profile)
    assert {r.role for r in reach} == {r.id for r in mini.roles}
    # climbing beats a jump: with the default gap exponent the manager's leadership 3 is
    # cheaper built in two steps (via the lead's 2) than in one
    manager = next(r for r in reach if r.role == "manager")
    assert manager.path is not None
    assert manager.path.roles == (PROFILE, "lead", "manager")
    assert manager.cost < mini.delta({"communication": 2, "product-knowledge": 1}, "manager")[0]


def test_profile_with_max_step_cost_enters_where_cheap(mini: CareerGraph) -> None:
    profile = dict(mini.effective_skills("rep"))
    limit = max(mini.weight("rep", "lead"), mini.weight("lead", "manager"))
    p = shortest_path(mini, profile, "manager", max_step_cost=limit)
    assert p.steps[0].cost <= limit
    assert all(s.cost <= limit for s in p.steps)


@pytest.mark.parametrize(
    ("profile", "match"),
    [
        ({"comunication": 2}, r"unknown skill 'comunication'.*did you mean 'communication'"),
        ({"communication": "superb"}, r"skill 'communication': level 'superb' is not on the scale"),
        ({"communication": 9}, r"skill 'communication': level 9 is outside"),
    ],
)
def test_bad_profile(mini: CareerGraph, profile: dict[str, Any], match: str) -> None:
    with pytest.raises(QueryArgumentError, match=match):
        shortest_path(mini, profile, "lead")
    with pytest.raises(supportladder.SupportLadderError):
        reachable_roles(mini, profile)


def test_profile_bottlenecks(mini: CareerGraph) -> None:
    b = bottlenecks(mini, {"communication": 2}, "manager", max_step_cost=10)
    assert b.source == PROFILE
    assert b.smoothest_path.roles[0] == PROFILE


# ---------------------------------------------------------------------- results
def test_to_dict_is_json_ready(mini: CareerGraph) -> None:
    p = shortest_path(mini, "rep", "manager")
    d = p.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) == {"roles", "cost", "steps"}
    assert set(d["steps"][0]) == {
        "source",
        "target",
        "kind",
        "cost",
        "base",
        "surplus",
        "gaps",
        "requirements",
        "advantages",
    }
    assert set(d["steps"][0]["gaps"][0]) == {"skill", "from", "to", "imputed", "cost"}
    r = reachable_roles(mini, "rep").to_dict()
    assert set(r[0]) == {"role", "cost", "steps", "path"}
    assert isinstance(r[0]["path"], list)
    b = bottlenecks(mini, "rep", "manager").to_dict()
    assert json.loads(json.dumps(b)) == b


def test_to_frame(mini: CareerGraph) -> None:
    pytest.importorskip("pandas")
    p = shortest_path(mini, "rep", "manager")
    frame = p.to_frame()
    assert list(frame["target"]) == ["lead", "manager"]
    assert list(frame.columns) == [
        "step",
        "source",
        "target",
        "kind",
        "cost",
        "base",
        "skills_to_build",
        "gap_costs",
        "surplus",
        "requirements",
        "advantages",
    ]
    assert "communication 2 → 3" in frame["skills_to_build"][0]
    # the explanation adds up: base + every gap's share + surplus is the move's cost
    for _, row in frame.iterrows():
        assert row["base"] + sum(row["gap_costs"].values()) + row["surplus"] == pytest.approx(
            row["cost"]
        )
    assert len(p.steps[0].to_frame()) == 1
    reach = reachable_roles(mini, "rep").to_frame()
    assert list(reach.columns) == ["role", "cost", "steps", "path"]
    b = bottlenecks(mini, "rep", "manager").to_frame()
    assert list(b["critical"]) == [True, True]
    assert list(b["gateway"]) == [True, False]
    assert list(chokepoints(mini).to_frame().columns) == ["role", "score"]


def test_to_frame_without_pandas(mini: CareerGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        shortest_path(mini, "rep", "lead").to_frame()
    with pytest.raises(ImportError, match="pip install pandas"):
        reachable_roles(mini, "rep").to_frame()


def test_repr_html_asks_the_registered_renderer(
    mini: CareerGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supportladder import _display

    fakes = {
        "path_html": lambda p: f"<p>{len(p.steps)}</p>",
        "reaches_html": lambda r: f"<r>{len(r)}</r>",
        "bottlenecks_html": lambda b: f"<b>{b.target}</b>",
    }
    for name, render in fakes.items():
        monkeypatch.setitem(_display._RENDERERS, name, render)
    assert shortest_path(mini, "rep", "manager")._repr_html_() == "<p>2</p>"
    assert reachable_roles(mini, "rep")._repr_html_() == "<r>3</r>"
    assert bottlenecks(mini, "rep", "manager")._repr_html_() == "<b>manager</b>"
    monkeypatch.delitem(_display._RENDERERS, "path_html")
    assert shortest_path(mini, "rep", "manager")._repr_html_() is None


def test_results_are_frozen_and_hashable(mini: CareerGraph) -> None:
    p = shortest_path(mini, "rep", "manager")
    assert hash(p) == hash(shortest_path(mini, "rep", "manager"))
    with pytest.raises(AttributeError):
        p.cost = 0  # type: ignore[misc]
    assert isinstance(bottlenecks(mini, "rep", "manager"), Bottlenecks)


def test_top_level_reexports() -> None:
    for name in (
        "shortest_path",
        "alternative_paths",
        "reachable_roles",
        "bottlenecks",
        "chokepoints",
        "skill_gap",
        "roles_for_interest",
        "Path",
        "Step",
        "Reach",
        "Bottlenecks",
    ):
        assert hasattr(supportladder, name), name
        assert name in supportladder.__all__


# ---------------------------------------------------------------------- bundled graphs
@pytest.mark.parametrize("name", supportladder.bundled())
def test_queries_run_on_every_bundled_graph(name: str) -> None:
    g = supportladder.load(name)
    lowest = min(g.roles, key=lambda r: (r.level, r.id))
    reach = reachable_roles(g, lowest.id)
    assert reach, f"{name}: nothing reachable from {lowest.id}"
    far = reach[-1]
    p = shortest_path(g, lowest.id, far.role)
    assert p.cost == far.cost
    assert alternative_paths(g, lowest.id, far.role, k=3)[0] == p
    b = bottlenecks(g, lowest.id, far.role)
    assert b.smoothest_path.max_step_cost <= p.max_step_cost
    assert len(chokepoints(g, top=3)) == min(3, len(g.roles))


def test_alternatives_are_capped() -> None:
    g = supportladder.load()
    with pytest.raises(supportladder.QueryArgumentError, match="k must be at most 1,000"):
        supportladder.alternative_paths(g, "Customer Support Representative", "CCO", k=10**9)


def test_reference_alternatives_are_bounded_up_front(monkeypatch: pytest.MonkeyPatch) -> None:
    from supportladder.queries import _engines as engines

    g = supportladder.load()
    rep, cco = "Customer Support Representative", "CCO"
    moves = len(g.transitions)
    monkeypatch.setattr(engines, "REFERENCE_ROUTE_WORK", 3 * moves)
    weight = lambda u, v, d: d["weight"]  # noqa: E731 - a callable weight: the reference answers
    assert len(supportladder.alternative_paths(g, rep, cco, k=3, weight=weight)) <= 3
    with pytest.raises(supportladder.QueryArgumentError, match="k must be at most 3 here, got 4"):
        supportladder.alternative_paths(g, rep, cco, k=4, weight=weight)
    profile = dict(g.effective_skills(g.role(rep).id))
    with pytest.raises(supportladder.QueryArgumentError, match=r"k x moves up to"):
        supportladder.alternative_paths(g, profile, cco, k=4)


def test_max_steps_beyond_the_roles_is_no_limit() -> None:
    g = supportladder.load()
    rep = "customer-support-representative"
    unbounded = reachable_roles(g, rep)
    assert reachable_roles(g, rep, max_steps=len(g.roles)) == unbounded
    assert reachable_roles(g, rep, max_steps=10**12) == unbounded


def test_explain_names_every_share_of_the_cost(mini: CareerGraph) -> None:
    p = shortest_path(mini, "rep", "manager")
    text = p.explain()
    assert text.splitlines()[0] == f"rep → lead → manager: cost {p.cost:g}"
    for step in p.steps:
        assert f"cost {step.cost:g}" in text
        for gap in step.gaps:
            assert gap.describe() in text
            assert f"+{gap.cost:g}" in text
    assert "imputed" in text  # the rep rates no leadership
    assert "requires: either 12 months in the role or assessment: interview test" not in text
    assert "requires: 12 months in the role; assessment: interview test" in text


@pytest.mark.parametrize("threshold", [0, 10**9])  # the compiled core, then the reference
def test_a_profile_step_splits_out_its_surplus(
    threshold: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supportladder import Weighting
    from supportladder.queries import _engines

    monkeypatch.setattr(_engines, "FAST_THRESHOLD", threshold)
    g = CareerGraph(
        "surplus",
        skills=[Skill("communication", "Communication"), Skill("leadership", "Leadership")],
        roles=[Role("rep", "Rep", 1, skills={"communication": 2, "leadership": 1})],
        weighting=Weighting(surplus_penalty=0.5),
    )
    step = shortest_path(g, {"communication": 4, "leadership": 0}, "rep").steps[0]
    # 2 levels of communication above the rep: 0.5 * 2**2 surplus; leadership 0 -> 1 a gap
    assert step.surplus == 2.0
    assert step.cost == step.base + sum(gap.cost for gap in step.gaps) + step.surplus
