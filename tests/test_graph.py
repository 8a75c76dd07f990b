import networkx as nx
import pytest

import supportladder
from supportladder import CareerGraph, GraphFileError, Role, RoleNotFoundError, Skill, Transition
from supportladder.model import Weighting

# Effective skills of the mini graph (tests/data/mini.toml), worked out by hand:
#   rep (L1):             communication 2, product-knowledge 1
#   lead (L2):            communication 3, leadership 2, product-knowledge 1 (inherits rep)
#   manager (L3):         communication 3, leadership 3, product-knowledge 1 (inherits lead)
#   account-manager (L2): communication 3.5, product-knowledge 3 (leadership unrated)
# importance: communication 1, leadership 2, product-knowledge 1; base 1, surplus_penalty 0.5,
# gap_exponent 2 (the default).  Only skills the target rates count; a source's unrated skill
# is imputed from its rung: the median rating its track gives at the nearest rung at or below
# it, else any track's at the nearest rung strictly below it, else none.


def test_effective_skills_follow_inheritance(mini: CareerGraph) -> None:
    assert mini.effective_skills("rep") == {"communication": 2, "product-knowledge": 1}
    assert mini.effective_skills("lead") == {
        "communication": 3,
        "leadership": 2,
        "product-knowledge": 1,
    }
    # transitive: manager inherits lead, which inherits rep
    assert mini.effective_skills("manager") == {
        "communication": 3,
        "leadership": 3,
        "product-knowledge": 1,
    }


@pytest.mark.parametrize(
    ("source", "target", "weight"),
    [
        # communication +1, leadership 0 -> 2 (x2; rep's rung L1 has no rating: imputed none)
        ("rep", "lead", 1 + 1**2 + 2 * 2**2),
        ("lead", "manager", 1 + 2 * 1**2),  # leadership +1 (x2)
        ("rep", "account-manager", 1 + 1.5**2 + 2**2),  # communication +1.5, product +2
        ("account-manager", "rep", 1 + 0.5 * (1.5**2 + 2**2)),  # only surplus, x0.5
        # rep rates no leadership, so the manager's leadership is neither gap nor surplus
        ("manager", "rep", 1 + 0.5 * 1**2),
        ("lead", "account-manager", 1 + 0.5**2 + 2**2),  # account manager rates no leadership
        # the account manager rates no leadership and is alone on its track; no role below
        # its rung L2 rates it either, so it is imputed none (the lead's own 2 does not count)
        ("account-manager", "lead", 1 + 2 * 2**2 + 0.5 * (0.5**2 + 2**2)),
    ],
)
def test_weight_formula_by_hand(mini: CareerGraph, source: str, target: str, weight: float) -> None:
    assert mini.weight(source, target) == pytest.approx(weight)


def test_linear_model_stays_available(mini: CareerGraph) -> None:
    linear = mini.evolve(weighting=Weighting(base_cost=1.0, surplus_penalty=0.5, gap_exponent=1))
    assert linear.weight("rep", "lead") == pytest.approx(1 + 1 + 2 * 2)
    assert linear.weight("rep", "account-manager") == pytest.approx(1 + 1.5 + 2)


def test_gap_costs_add_up_to_the_weight(mini: CareerGraph) -> None:
    for a in mini.roles:
        for b in mini.roles:
            if a == b:
                continue
            weight, gaps = mini.delta(a.id, b.id)
            rise = sum(g.cost for g in gaps)
            assert weight >= mini.weighting.base_cost + rise - 1e-12
            if mini.weighting.surplus_penalty == 0:
                assert weight == pytest.approx(mini.weighting.base_cost + rise)


def test_unrated_source_skill_is_imputed_and_marked(mini: CareerGraph) -> None:
    gaps = {g.skill: g for g in mini.gaps("rep", "lead")}
    assert gaps["leadership"].imputed
    assert not gaps["communication"].imputed
    assert gaps["leadership"].cost == pytest.approx(2 * 2**2)


def test_gaps_are_the_rising_skills_in_skill_order(mini: CareerGraph) -> None:
    gaps = mini.gaps("rep", "lead")
    assert [(g.skill, g.from_, g.to) for g in gaps] == [
        ("communication", 2, 3),
        ("leadership", 0, 2),
    ]
    assert mini.gaps("lead", "rep") == ()


def test_profile_delta(mini: CareerGraph) -> None:
    # a profile is never imputed: what it does not list counts as none
    weight, gaps = mini.delta({"communication": 4}, "lead")
    assert weight == pytest.approx(1 + 2 * 2**2 + 1**2 + 0.5 * 1**2)
    assert [g.skill for g in gaps] == ["leadership", "product-knowledge"]


def test_weighting_defaults_make_moving_down_cost_the_base() -> None:
    g = CareerGraph(
        "two",
        skills=[Skill("a", "A")],
        roles=[Role("x", "X", 1, skills={"a": 1}), Role("y", "Y", 2, skills={"a": 4})],
        transitions=[Transition("x", "y", "upward"), Transition("y", "x", "lateral")],
    )
    assert g.weighting == Weighting()
    assert g.weight("x", "y") == 1.0 + 3.0**2
    assert g.weight("y", "x") == 1.0


@pytest.mark.parametrize(
    "ref", ["lead", "Team Lead", "team lead", "  TEAM LEAD ", "团队负责人", "csr", "CSR"]
)
def test_role_resolves_ids_titles_aliases(mini: CareerGraph, ref: str) -> None:
    assert mini.role(ref).id in {"lead", "rep"}
    assert ref in mini


def test_unknown_role_suggests_close_matches(mini: CareerGraph) -> None:
    with pytest.raises(
        RoleNotFoundError, match=r"no role 'Team Laed' in graph 'mini'.*'Team Lead'"
    ):
        mini.role("Team Laed")
    with pytest.raises(nx.NodeNotFound):
        mini.role("nobody at all")
    with pytest.raises(supportladder.SupportLadderError):
        mini.role("nobody at all")


def test_to_networkx_attributes(mini: CareerGraph) -> None:
    G = mini.to_networkx()
    assert isinstance(G, nx.DiGraph)
    assert list(G.nodes) == ["rep", "lead", "manager", "account-manager"]
    node = G.nodes["lead"]
    assert node["title"] == "Team Lead"
    assert node["level"] == 2
    assert node["track"] == "support"
    assert node["industry"] == "customer support"
    assert node["skills"] == {"communication": 3, "leadership": 2, "product-knowledge": 1}
    assert node["sources"] == ["Mini source"]
    edge = G.edges["rep", "lead"]
    assert edge["kind"] == "upward"
    assert edge["weight"] == pytest.approx(10.0)
    assert edge["gaps"][0] == {
        "skill": "communication",
        "from": 2.0,
        "to": 3.0,
        "imputed": False,
        "cost": 1.0,
    }
    assert edge["requirements"] == {"tenure_months": 12, "assessment": "interview test"}
    # a fresh, mutable copy each time: mutating it does not touch the graph
    G.add_node("intruder")
    assert "intruder" not in mini.to_networkx()


def test_construction_collects_every_problem() -> None:
    with pytest.raises(GraphFileError) as info:
        CareerGraph(
            "bad",
            roles=[Role("a", "A", 2, skills={"ghost": 1}), Role("b", "B", 1, inherits=("a", "zz"))],
            transitions=[Transition("a", "b", "upward"), Transition("a", "c", "lateral")],
        )
    text = str(info.value)
    assert "<graph 'bad'>: 4 problems found" in text
    assert "roles[0] (id \"a\"): skills: unknown skill 'ghost'" in text
    assert "roles[1] (id \"b\"): inherits: unknown role 'zz'" in text
    assert "transitions[0] (a -> b): an upward move must go to a higher level" in text
    assert "transitions[1] (a -> c): target: unknown role 'c'" in text


def test_evolve_validates_again(mini: CareerGraph) -> None:
    with pytest.raises(GraphFileError, match="duplicate role id 'rep'"):
        mini.evolve(roles=[*mini.roles, Role("rep", "Another Rep", 1)])


def test_sources_and_repr(mini: CareerGraph) -> None:
    assert mini.sources == ("Mini source",)
    assert repr(mini) == "<CareerGraph 'mini': 4 roles, 4 transitions, 3 skills>"
    assert len(mini) == 4


def test_transition_lookup(mini: CareerGraph) -> None:
    assert mini.transition("Rep", "Team Lead").kind == "upward"
    with pytest.raises(KeyError, match="no move from 'manager' to 'rep'"):
        mini.transition("manager", "rep")


def test_a_graph_built_in_python_needs_the_name_the_loader_needs() -> None:
    # The loader refuses name = "Broken Ladder"; CareerGraph(...) must not accept it either,
    # or save() would write a file that load() refuses.
    with pytest.raises(GraphFileError, match=r"name: name 'Broken Ladder' is not kebab-case"):
        CareerGraph("Broken Ladder", roles=[Role("rep", "Rep", 1)])


@pytest.mark.parametrize("ref", [5, None, 2.5, ["rep"]])
def test_a_role_reference_that_is_not_a_string_is_named_as_such(ref: object) -> None:
    g = CareerGraph("mini", roles=[Role("rep", "Rep", 1)])
    with pytest.raises(RoleNotFoundError, match=r"a role is named by its id.*got \w+ ") as info:
        g.role(ref)  # type: ignore[arg-type]
    assert info.value.ref == ref
    assert "no role '" not in str(info.value)  # not quoted as if it were the string "5"
