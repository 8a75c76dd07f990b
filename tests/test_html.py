"""Notebook display: compact, escaped HTML for graphs and query results."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pytest

import supportladder
from supportladder import CareerGraph, Gap, Requirements, Role, Transition
from supportladder import _notebook as html
from supportladder.queries import bottlenecks, reachable_roles, shortest_path

EVIL = '<script>alert("x")</script> & Co'


class Checker(HTMLParser):
    """Collects tags and text; fails on a <script> tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag != "script"
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    return checker


def evil_graph() -> CareerGraph:
    return CareerGraph(
        "evil",
        title=EVIL,
        roles=[
            Role("a", EVIL, 1, track="<b>track</b>", titles={"zh": "<i>代表</i>"}),
            Role("b", "Lead & <Co>", 2, track="<b>track</b>"),
        ],
        transitions=[Transition("a", "b")],
    )


def test_graph_html_lists_every_role_and_embeds_the_diagram() -> None:
    g = supportladder.load("tests/data/mini.toml")
    text = g._repr_html_()
    assert text == html.graph_html(g)
    checker = parse(text)
    assert "svg" in checker.tags
    assert "table" in checker.tags
    visible = " ".join(checker.text)
    for role in g.roles:
        assert role.title in visible
        assert role.id in visible
    assert "团队负责人" in visible  # the Chinese column
    rows = re.findall(r"<tbody>(.*?)</tbody>", text, re.S)[0].count("<tr>")
    assert rows == len(g.roles)
    assert plt.get_fignums() == []  # the diagram's figure never reached pyplot
    assert "4 roles" in visible
    assert "2 upward, 2 lateral moves" in visible


def test_graph_html_without_diagram_is_small() -> None:
    g = supportladder.load("support-careers")
    text = html.graph_html(g, diagram=False)
    assert "<svg" not in text
    assert len(text) < 40_000
    full = g._repr_html_()
    assert "<svg" in full
    assert len(full) < 600_000


def test_graph_html_escapes_everything() -> None:
    text = html.graph_html(evil_graph())
    assert "<script>" not in text
    assert "<i>代表" not in text
    assert "<b>track" not in text
    assert "&lt;script&gt;" in text
    visible = " ".join(parse(text).text)
    assert EVIL in visible
    assert "<i>代表</i>" in visible


def test_repr_stays_short() -> None:
    g = supportladder.load("support-careers")
    assert len(repr(g)) < 120


def test_path_html() -> None:
    g = supportladder.load("tests/data/mini.toml")
    path = shortest_path(g, "rep", "manager")
    text = path._repr_html_()
    assert text == html.path_html(path)
    checker = parse(text)
    visible = " ".join(checker.text)
    assert "rep → lead → manager" in visible
    assert f"cost {path.cost:g}" in visible
    rows = re.findall(r"<tbody>(.*?)</tbody>", text, re.S)[0].count("<tr>")
    assert rows == len(path.steps) == 2
    assert "leadership 0 (imputed) → 2" in visible  # the rep does not rate leadership
    assert "12 months in the role" in visible
    assert "certifications: project management" in visible


def test_reaches_html() -> None:
    g = supportladder.load("tests/data/mini.toml")
    reaches = reachable_roles(g, "rep")
    text = reaches._repr_html_()
    assert text == html.reaches_html(reaches)
    rows = re.findall(r"<tbody>(.*?)</tbody>", text, re.S)[0].count("<tr>")
    assert rows == len(reaches) > 0
    visible = " ".join(parse(text).text)
    for reach in reaches:
        assert " → ".join(reach.path.roles) in visible


def test_bottlenecks_html() -> None:
    g = supportladder.load("tests/data/mini.toml")
    b = bottlenecks(g, "rep", "manager")
    text = b._repr_html_()
    assert text == html.bottlenecks_html(b)
    visible = " ".join(parse(text).text)
    assert "gateways" in visible
    assert "lead" in visible
    assert "rep → lead" in visible  # a critical move
    assert "smoothest path" in visible
    assert "rep → lead → manager" in visible


def test_result_html_escapes_text() -> None:
    step = SimpleNamespace(
        source=EVIL,
        target="b",
        kind="<k>",
        cost=1.0,
        gaps=(Gap("<s>", 0.0, 1.0),),
        requirements=Requirements(assessment=EVIL),
    )
    path = SimpleNamespace(roles=(EVIL, "b"), steps=(step,), cost=1.0)
    reach = SimpleNamespace(role=EVIL, cost=1.0, steps=1, path=path)
    b = SimpleNamespace(
        source=EVIL,
        target="b",
        gateways=(EVIL,),
        critical_transitions=((EVIL, "b"),),
        hardest_step=step,
        smoothest_path=path,
    )
    for text in (html.path_html(path), html.reaches_html([reach]), html.bottlenecks_html(b)):
        assert "<script>" not in text
        assert "<k>" not in text
        assert "<s>" not in text
        assert EVIL in " ".join(parse(text).text)


def test_many_rows_are_cut() -> None:
    step = SimpleNamespace(
        source="a", target="b", kind="upward", cost=1.0, gaps=(), requirements=Requirements()
    )
    path = SimpleNamespace(roles=("a", "b"), steps=(step,), cost=1.0)
    reaches = [SimpleNamespace(role=f"r{i}", cost=1.0, steps=1, path=path) for i in range(500)]
    text = html.reaches_html(reaches)
    assert text.count("<tr>") < 260
    assert "more rows not shown" in text


@pytest.mark.parametrize("name", ["support-ladder"])
def test_svg_is_deterministic(name: str) -> None:
    g = supportladder.load(name)
    assert html.graph_svg(g) == html.graph_svg(g)


def test_alternative_requirements_read_as_an_or_in_the_notebook_and_the_map() -> None:
    # customer-service-path: "about a year in the role, or an interview test" is one gate
    # with two ways through; showing it as a list of dicts, or as both, would misstate it.
    from supportladder.export._htmlmap import map_data

    either = Requirements(
        any_of=[Requirements(tenure_months=12), Requirements(assessment="interview test")]
    )
    g = CareerGraph(
        "alt",
        roles=[Role("rep", "Rep", 1), Role("lead", "Lead", 2)],
        transitions=[Transition("rep", "lead", "upward", requirements=either)],
    )
    wanted = "either 12 months in the role or assessment: interview test"
    visible = " ".join(parse(shortest_path(g, "rep", "lead")._repr_html_() or "").text)
    assert wanted in visible
    assert "tenure_months" not in visible  # no Python dict shown
    assert map_data(g)["moves"][0]["requirements"] == [wanted]
