import networkx as nx
import pytest

import supportladder
from supportladder import CareerGraph, GraphFileError, Role, RoleNotFoundError, Skill, Transition
from supportladder.model import Weighting

# Effective skills of the mini graph (tests/data/mini.toml), worked out by hand:
#   rep:             communication 2, product-knowledge 1
#   lead:            communication 3, leadership 2, product-knowledge 1 (inherits rep)
#   manager:         communication 3, leadership 3, product-knowledge 1 (inherits lead)
#   account-manager: communication 3.5, product-knowledge 3
# importance: communication 1, leadership 2, product-knowledge 1; base 1, surplus_penalty 0.5


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
        ("rep", "lead", 1 + 1 * 1 + 2 * 2),  # communication +1, leadership +2 (x2)
        ("lead", "manager", 1 + 2 * 1),  # leadership +1 (x2)
        ("rep", "account-manager", 1 + 1.5 + 2),  # communication +1.5, product +2
        ("account-manager", "rep", 1 + 0.5 * (1.5 + 2)),  # only surplus, x0.5
        ("manager", "rep", 1 + 0.5 * (1 + 2 * 3)),  # no edge needed
        ("lead", "account-manager", 1 + (0.5 + 2) + 0.5 * (2 * 2)),  # gain and surplus
    ],
)
def test_weight_formula_by_hand(mini: CareerGraph, source: str, target: str, weight: float) -> None:
    assert mini.weight(source, target) == pytest.approx(weight)


def test_gaps_are_the_rising_skills_in_skill_order(mini: CareerGraph) -> None:
    gaps = mini.gaps("rep", "lead")
    assert [(g.skill, g.from_, g.to) for g in gaps] == [
        ("communication", 2, 3),
        ("leadership", 0, 2),
    ]
    assert mini.gaps("lead", "rep") == ()


def test_profile_delta(mini: CareerGraph) -> None:
    weight, gaps = mini.delta({"communication": 4}, "lead")
    assert weight == pytest.approx(1 + 2 * 2 + 1 + 0.5 * 1)
    assert [g.skill for g in gaps] == ["leadership", "product-knowledge"]


def test_weighting_defaults_make_moving_down_cost_the_base() -> None:
    g = CareerGraph(
        "two",
        skills=[Skill("a", "A")],
        roles=[Role("x", "X", 1, skills={"a": 1}), Role("y", "Y", 2, skills={"a": 4})],
        transitions=[Transition("x", "y", "upward"), Transition("y", "x", "lateral")],
    )
    assert g.weighting == Weighting()
    assert g.weight("x", "y") == 4.0
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
    assert edge["weight"] == pytest.approx(6.0)
    assert edge["gaps"][0] == {"skill": "communication", "from": 2.0, "to": 3.0}
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
