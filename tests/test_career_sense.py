"""Career sense: answers a support professional would sign off on.

Each test states a judgment, and the sentence of the source it rests on.  Costs are never
written down here: the tests compare routes and costs the library computes.
"""

from __future__ import annotations

import itertools

import pytest

import supportladder
from supportladder import CareerGraph
from supportladder.errors import NoPathError
from supportladder.queries import shortest_path

BUNDLED = supportladder.bundled()


def levels_on(g: CareerGraph, roles: tuple[str, ...]) -> list[int]:
    return [g.role(r).level for r in roles]


def test_representative_to_cco_climbs_through_a_director_and_a_vp() -> None:
    """A representative does not become chief customer officer straight from manager.

    Ladder: "(L7) Customer Support Director ... (L8) Vice President of Customer Support ...
    (L9+) Chief Customer Officer"; the career path: managers "strive to become the VP of
    Customer Success or Chief Customer Officer".
    """
    g = supportladder.load()
    p = shortest_path(g, "Customer Support Representative", "Chief Customer Officer")
    levels = levels_on(g, p.roles)
    assert 7 in levels, "the route skips the director tier"
    assert 8 in levels, "the route skips the vice-president tier"
    titles = [g.role(r).title for r in p.roles]
    assert any("Director" in t for t in titles)
    assert any("Vice President" in t for t in titles)


def test_technician_to_cco_climbs_all_nine_rungs() -> None:
    """The guide is "designed to walk you through each rung of the career ladder"."""
    g = supportladder.load("support-ladder")
    p = shortest_path(g, "Support Technician", "Chief Customer Officer")
    assert levels_on(g, p.roles) == list(range(1, 10))


def test_agent_to_director_passes_senior_agent_team_leader_and_manager() -> None:
    """Support center: agents "report to the Team Leader", team leaders "reports to a
    Customer Support Manager", who "coordinates with the Support Directors"."""
    g = supportladder.load("support-center")
    p = shortest_path(g, "customer-support-agent", "customer-support-center-director")
    for role in (
        "senior-customer-support-agent",
        "support-team-leader",
        "customer-support-manager",
    ):
        assert role in p.roles


def entry_role(g: CareerGraph) -> str:
    support = [r for r in g.roles if r.track == "support"]
    return min(support, key=lambda r: (r.level, r.id)).id


# Each graph's ladder as its source lists it, bottom to top.
# "(L1) - Support Technician ... (L9+) - Chief Customer Officer"; the backbone of the merged
# graph is the same ladder.
NINE_RUNGS = [
    "support-technician",
    "customer-support-representative",
    "technical-support-specialist",
    "senior-support-analyst",
    "support-team-lead",
    "support-operations-manager",
    "customer-support-director",
    "vice-president-of-customer-support",
    "chief-customer-officer",
]
LADDERS = {
    "support-ladder": NINE_RUNGS,
    "support-careers": NINE_RUNGS,
    # "A typical career progression ... Customer Support Representative, Senior Customer
    # Support Representative, Team Lead, Customer Support Manager"; senior-level roles
    "csr-profile": [
        "Customer Support Representative",
        "Senior Customer Support Representative",
        "Team Lead",
        "Customer Support Manager",
        "Director of Customer Support",
        "VP of Customer Support",
        "Chief Customer Officer",
    ],
    # "从代表或助理到专家到团队的角色发展,导致经理到董事" (rep, specialist, team, manager, director)
    "customer-service-path": [
        "Customer Service Representative",
        "Customer Service Specialist",
        "Team Lead",
        "Customer Service Manager",
        "customer-service-director",
    ],
    # agent -> senior agent -> team leader -> manager -> director (reporting lines)
    "support-center": [
        "customer-support-agent",
        "senior-customer-support-agent",
        "support-team-leader",
        "customer-support-manager",
        "customer-support-center-director",
    ],
    # "customer service representative or support agent ... team lead or supervisor ...
    # Customer Support Manager"
    "support-manager-path": ["Support Agent", "Team Lead", "Customer Support Manager"],
}


def test_every_bundled_graph_has_its_ladder() -> None:
    assert set(LADDERS) == set(BUNDLED)


@pytest.mark.parametrize("name", BUNDLED)
def test_reaching_a_higher_rung_costs_more(name: str) -> None:
    """Along every ladder, the cost of reaching a rung from the entry role rises with the
    rung: no source describes a higher rung of its ladder as easier to reach than a lower
    one ("each rung of the career ladder")."""
    g = supportladder.load(name)
    ladder = [g.role(r).id for r in LADDERS[name]]
    costs = [shortest_path(g, ladder[0], rung).cost for rung in ladder[1:]]
    assert costs == sorted(costs), dict(zip(ladder[1:], costs, strict=True))
    assert len(set(costs)) == len(costs), f"two rungs cost the same to reach: {costs}"


# Moves that jump more than two rungs and that a source states as usual: none so far.
USUAL_LONG_MOVES: set[tuple[str, str]] = set()


@pytest.mark.parametrize("name", BUNDLED)
def test_cheapest_routes_do_not_skip_more_than_two_rungs(name: str) -> None:
    """A cheapest route between two roles of one track never jumps more than two levels in
    one move unless a source says that move is usual: the sources describe promotion one
    step at a time ("Building credibility ... may open opportunities to take on increased
    responsibilities, such as a team lead or supervisor position")."""
    g = supportladder.load(name)
    by_track: dict[str, list[str]] = {}
    for role in g.roles:
        by_track.setdefault(role.track, []).append(role.id)
    for members in by_track.values():
        for a, b in itertools.permutations(members, 2):
            try:
                p = shortest_path(g, a, b)
            except NoPathError:
                continue
            for step in p.steps:
                jump = g.role(step.target).level - g.role(step.source).level
                if (step.source, step.target) not in USUAL_LONG_MOVES:
                    assert jump <= 2, f"{name}: {a} -> {b} jumps {jump} rungs at {step}"


def test_remote_and_office_representatives_reach_each_other_cheaply() -> None:
    """Career path: "Remote customer support reps complete the same responsibilities as
    customer support representatives but away from the office"."""
    g = supportladder.load()
    office, remote = "customer-support-representative", "remote-customer-support-representative"
    base = g.weighting.base_cost
    there = shortest_path(g, office, remote).cost
    back = shortest_path(g, remote, office).cost
    assert there <= base + 1
    assert back <= base + 1
    assert g.effective_skills(remote).items() >= g.effective_skills(office).items()


def test_tenure_or_interview_is_either_not_both() -> None:
    """Support center: agents become senior "once ... completes a 1 year ... Also, some
    organization conducts Interview Test": either route, so avoiding the interview still
    leaves the tenure route to the director."""
    g = supportladder.load("support-center")
    p = shortest_path(
        g, "customer-support-agent", "customer-support-center-director", avoid=["assessment"]
    )
    assert p.roles[-1] == "customer-support-center-director"
    with pytest.raises(NoPathError):
        shortest_path(
            g,
            "customer-support-agent",
            "senior-customer-support-agent",
            avoid=["assessment", "tenure_months"],
        )


@pytest.mark.parametrize("name", ["support-manager-path", "support-careers"])
def test_a_degree_that_strengthens_a_candidacy_is_no_gate(name: str) -> None:
    """Manager path: a bachelor's degree "strengthens your qualifications" and
    certifications "can accelerate progression": advantages, not requirements."""
    g = supportladder.load(name)
    manager = g.role("Customer Support Manager").id
    start = entry_role(g)
    p = shortest_path(g, start, manager, avoid={"education": "bachelor"})
    assert p.roles[-1] == manager
    helped = [s for s in p.steps if s.advantages.education == "bachelor"]
    on_graph = [m for m in g.transitions if m.advantages.education == "bachelor"]
    assert on_graph, "the degree is no longer recorded as an advantage"
    assert all(m.requirements.education != "bachelor" for m in g.transitions)
    assert helped or p.steps


def test_an_unrated_skill_is_not_a_missing_skill() -> None:
    """The career path never rates CRM for a customer success manager; that is not "none":
    its move to customer support manager must not ask "CRM none -> strong"."""
    g = supportladder.load()
    gaps = g.gaps("customer-success-manager", "customer-support-manager")
    crm = [gap for gap in gaps if gap.skill == "crm-software"]
    assert not crm or (crm[0].imputed and crm[0].from_ > g.scale.minimum)
    for gap in gaps:
        assert gap.to - gap.from_ <= 2, f"{gap} asks a jump the sources do not describe"


def test_director_asks_nothing_the_vp_above_does_not() -> None:
    """Support center: the director "must possess all the pre-requisite skills" of the
    support-center roles below it, as that source grades them: not CRM or patience that only
    other sources rate for the merged manager, which the VP above does not need either."""
    g = supportladder.load()
    director = g.effective_skills("customer-support-director")
    vp = g.effective_skills("vice-president-of-customer-support")
    for skill in ("crm-software", "patience"):
        assert skill not in director or skill in vp


def test_vp_of_customer_success_is_its_own_executive_below_the_cco() -> None:
    """Career path: "客户成功副总裁或首席客户官" — the VP of Customer Success *or* the CCO,
    two posts; the CCO's Chinese title is 首席客户官."""
    g = supportladder.load()
    vp = g.role("VP of Customer Success")
    cco = g.role("CCO")
    assert vp.id != cco.id
    assert vp.level < cco.level
    assert cco.titles["zh"] == "首席客户官"
    assert vp.titles["zh"] == "客户成功副总裁"
    assert g.role("客户支持专家").level == 3
    assert (
        g.role("Vice President of Support").level
        >= g.role("Vice President of Customer Support").level
    )


def test_associate_sits_with_the_representative() -> None:
    """Career path: "Rep or Associate (Entry-Level)"."""
    g = supportladder.load()
    assert g.role("Customer Support Associate").id == "customer-support-representative"
    assert g.role("Support Technician").id != g.role("Customer Support Associate").id


@pytest.mark.parametrize("name", ["csr-profile", "support-careers"])
def test_other_industries_are_entered_at_the_front_line(name: str) -> None:
    """Profile: representatives "can also transition to related industries ... such as
    Retail Management, Hospitality and Tourism, Healthcare Services": fields, entered at
    their front line, not two rungs up."""
    g = supportladder.load(name)
    rep = g.role("Customer Support Representative")
    for move in g.transitions:
        if move.source == rep.id and move.kind == "cross-industry":
            assert g.role(move.target).level <= rep.level


def test_customer_service_representative_solves_problems() -> None:
    """Career path: the service representative helps customers "by actively listening and
    finding solutions to their various problems"; conflict resolution is a listed skill."""
    g = supportladder.load()
    skills = g.effective_skills("customer-service-representative")
    assert skills["problem-solving"] >= g.scale.value("good")
    assert skills["conflict-resolution"] >= g.scale.value("good")
    assert "communication" in g.effective_skills("developer")


def test_every_dead_end_is_the_top_or_a_destination() -> None:
    """Every role with no move out is the top of a ladder or a destination the sources name
    as where a support career can lead (documented in the file's header comment)."""
    g = supportladder.load()
    outs = {m.source for m in g.transitions}
    dead = {r.id for r in g.roles if r.id not in outs}
    folder = supportladder.io._graphs_dir()
    assert folder is not None
    text = (folder / "support-careers.toml").read_text(encoding="utf-8")
    for role in dead:
        assert role in text.split("ROLES WITH NO MOVE OUT")[1].split("[[transitions]]")[0]


def test_readme_shows_the_current_first_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first example is the answer this checkout gives."""
    from pathlib import Path

    from supportladder.cli import main

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert main(["path", "Customer Support Representative", "Chief Customer Officer"]) == 0
    out = capsys.readouterr().out.splitlines()
    # the route line and the numbered move lines ("  1. A → B")
    printed = [line for line in out if line.startswith("route") or line[2:3].isdigit()]
    assert printed == shown
