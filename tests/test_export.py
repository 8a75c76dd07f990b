"""supportladder.export: JSON and GraphML round trips, DOT and Mermaid structure, the CLI."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

import supportladder
from supportladder import (
    CareerGraph,
    GraphFileError,
    Requirements,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)
from supportladder.cli import main
from supportladder.export import (
    from_graphml,
    from_json,
    from_node_link,
    to_dot,
    to_graphml,
    to_json,
    to_mermaid,
    to_node_link,
)

MINI = Path(__file__).parent / "data" / "mini.toml"


def tricky() -> CareerGraph:
    """Every field away from its default, and titles full of characters formats care about."""
    return CareerGraph(
        "tricky",
        title='Tricky "quotes" & <angles>',
        description="Line one\nline two # not a comment",
        scale=Scale({"nil": 0, "some": 1.5, "lots": 7}),
        weighting=Weighting(base_cost=0.5, surplus_penalty=0.25),
        skills=[
            Skill("talk", "Talking", category="interpersonal", description="Talk.", importance=2),
            Skill("lead", "Leading [people]", category="leadership", importance=0.75),
        ],
        roles=[
            Role(
                "43-4051.00",
                'Rep "A" [L1] {x} | y & <z> # \\ back`tick',
                1,
                skills={"talk": 1.5},
                holland="SEC",
                aliases=("CSR", "rep"),
                titles={"zh": "客户服务代表", "ja": "カスタマー"},
                description="Answers; questions.",
                sources=("Source one", "Source two"),
            ),
            Role("43.4051", "Dotted twin", 1, track="other track", industry="retail"),
            Role(
                "end",
                "End",
                2,
                inherits=("43-4051.00",),
                skills={"lead": 7},
                track="sub graph",
            ),
        ],
        transitions=[
            Transition(
                "43-4051.00",
                "end",
                "upward",
                requirements=Requirements(
                    tenure_months=18,
                    education="bachelor",
                    certifications=("ITIL", "HDI"),
                    assessment="panel",
                ),
                note="Takes a while.",
                sources=("Source one",),
            ),
            Transition("end", "43.4051", "cross-industry"),
            Transition("43.4051", "43-4051.00", "lateral"),
            Transition("43-4051.00", "43.4051", "lateral"),
        ],
    )


def graphs() -> list[tuple[str, CareerGraph]]:
    out = [(name, supportladder.load(name)) for name in supportladder.bundled()]
    return [*out, ("mini", supportladder.load(MINI)), ("tricky", tricky())]


GRAPHS = graphs()
IDS = [name for name, _ in GRAPHS]


# ---------------------------------------------------------------------- round trips
@pytest.mark.parametrize(("name", "graph"), GRAPHS, ids=IDS)
def test_json_round_trip(name: str, graph: CareerGraph) -> None:
    back = from_json(to_json(graph))
    assert back == graph
    assert to_json(back) == to_json(graph)


@pytest.mark.parametrize(("name", "graph"), GRAPHS, ids=IDS)
def test_graphml_round_trip(name: str, graph: CareerGraph) -> None:
    text = to_graphml(graph)
    assert from_graphml(text) == graph
    assert to_graphml(from_graphml(text)) == text


def test_round_trip_catches_a_difference() -> None:
    g = tricky()
    data = to_node_link(g)
    data["edges"][0]["requirements"]["tenure_months"] = 6
    assert from_node_link(data) != g


def test_graphml_file_path(tmp_path: Path) -> None:
    target = tmp_path / "g.graphml"
    target.write_text(to_graphml(tricky()), encoding="utf-8")
    assert from_graphml(target) == tricky()
    assert from_graphml(str(target)) == tricky()


def test_graphml_is_read_by_networkx_with_types() -> None:
    g = tricky()
    G = nx.read_graphml(io.StringIO(to_graphml(g)))
    assert list(G.nodes) == [r.id for r in g.roles]
    node = G.nodes["43-4051.00"]
    assert node["level"] == 1
    assert isinstance(node["level"], int)
    assert json.loads(node["titles"]) == {"zh": "客户服务代表", "ja": "カスタマー"}
    assert json.loads(node["aliases"]) == ["CSR", "rep"]
    edge = G.edges["43-4051.00", "end"]
    assert edge["weight"] == pytest.approx(g.weight("43-4051.00", "end"))
    assert json.loads(edge["requirements"])["certifications"] == ["ITIL", "HDI"]
    assert json.loads(G.graph["weighting"])["surplus_penalty"] == 0.25


def test_node_link_contract() -> None:
    g = supportladder.load(MINI)
    data = to_node_link(g)
    assert data["graph"]["name"] == "mini"
    assert data["graph"]["weighting"] == {
        "base_cost": 1.0,
        "surplus_penalty": 0.5,
        "gap_exponent": 2.0,
        "importance": {"communication": 1.0, "leadership": 2.0, "product-knowledge": 1.0},
    }
    G = nx.node_link_graph(data, edges="edges")
    reference = g.to_networkx()
    for node, attrs in reference.nodes(data=True):
        for key, value in attrs.items():
            assert G.nodes[node][key] == value
    for u, v, attrs in reference.edges(data=True):
        for key, value in attrs.items():
            assert G.edges[u, v][key] == value
    # nodes and edges in the graph's own order
    assert [n["id"] for n in data["nodes"]] == [r.id for r in g.roles]
    assert [(e["source"], e["target"]) for e in data["edges"]] == [m.key for m in g.transitions]


def test_foreign_node_link_without_extras_still_loads() -> None:
    g = supportladder.load(MINI)
    data = nx.node_link_data(g.to_networkx(), edges="edges")
    data["graph"] = to_node_link(g)["graph"]
    for key in ("skills", "scale", "description"):
        del data["graph"][key]
    back = from_node_link(data)
    assert [r.id for r in back.roles] == [r.id for r in g.roles]
    assert back.weight("rep", "lead") == g.weight("rep", "lead")


@pytest.mark.parametrize(
    "text", ["", "not json", "[]", '{"nodes": [{"title": "no id"}]}', '{"nodes": [], "edges": 3}']
)
def test_from_json_rejects_garbage(text: str) -> None:
    with pytest.raises(GraphFileError):
        from_json(text)


def test_from_json_rejects_an_invalid_graph() -> None:
    data = to_node_link(supportladder.load(MINI))
    data["edges"].append({"source": "rep", "target": "nobody", "kind": "upward"})
    with pytest.raises(GraphFileError, match="nobody"):
        from_node_link(data)


@pytest.mark.parametrize("source", ["<graphml><broken", "/no/such/file.graphml"])
def test_from_graphml_rejects_garbage(source: str) -> None:
    with pytest.raises(GraphFileError):
        from_graphml(source)


# ---------------------------------------------------------------------- DOT
DOT_NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[label=')
DOT_EDGE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[kind="([a-z-]+)", (.*)\];$')


@pytest.mark.parametrize(("name", "graph"), GRAPHS, ids=IDS)
def test_dot_has_every_node_and_edge(name: str, graph: CareerGraph) -> None:
    text = to_dot(graph)
    assert text == to_dot(graph)
    lines = text.splitlines()
    assert lines[0].startswith("digraph ")
    assert lines[-1] == "}"
    nodes = [m.group(1) for line in lines if (m := DOT_NODE.match(line))]
    assert nodes == [r.id for r in graph.roles]
    edges = [m.groups() for line in lines if (m := DOT_EDGE.match(line))]
    assert [(u, v, k) for u, v, k, _ in edges] == [
        (m.source, m.target, m.kind) for m in graph.transitions
    ]
    styles = {k: rest.split(", label")[0] for _, _, k, rest in edges}
    assert len(set(styles.values())) == len(styles)  # each kind its own colour and style
    for line in lines:  # every quote is closed: an even number of unescaped quotes
        assert len(re.findall(r'(?<!\\)"', line.replace("\\\\", ""))) % 2 == 0, line


def test_dot_escapes_labels() -> None:
    text = to_dot(tricky())
    assert r'label="Rep \"A\" [L1] {x} | y & <z> # \\ back`tick"' in text
    assert r'label="Tricky \"quotes\" & <angles>"' in text
    assert '"43.4051" -> "43-4051.00"' in text
    assert 'style="dashed"' in text
    assert 'style="dotted"' in text
    assert 'style="solid"' in text


# ---------------------------------------------------------------------- Mermaid
MERMAID_NODE = re.compile(r'^    ([A-Za-z][A-Za-z0-9_]*)\["([^"\[\]]*)"\]$')
MERMAID_EDGE = re.compile(
    r"^  ([A-Za-z][A-Za-z0-9_]*) (-->|-\.->|==>)(\|\"[0-9.]+\"\|)? ([A-Za-z][A-Za-z0-9_]*)$"
)


@pytest.mark.parametrize(("name", "graph"), GRAPHS, ids=IDS)
def test_mermaid_has_every_node_and_edge(name: str, graph: CareerGraph) -> None:
    text = to_mermaid(graph)
    assert text == to_mermaid(graph)
    lines = text.splitlines()
    assert lines[0] == "flowchart BT"
    nodes = [m.groups() for line in lines if (m := MERMAID_NODE.match(line))]
    assert len(nodes) == len(graph.roles)
    ids = [n for n, _ in nodes]
    assert len(set(ids)) == len(ids)
    edges = [m.groups() for line in lines if (m := MERMAID_EDGE.match(line))]
    assert len(edges) == len(graph.transitions)
    arrow = {"upward": "-->", "lateral": "-.->", "cross-industry": "==>"}
    for (u, a, _, v), move in zip(edges, graph.transitions, strict=True):
        assert a == arrow[move.kind]
        assert u.endswith(re.sub(r"[^A-Za-z0-9]", "_", move.source))
        assert v.endswith(re.sub(r"[^A-Za-z0-9]", "_", move.target))
    assert text.count("subgraph ") == text.count("\n  end") == len({r.track for r in graph.roles})
    styled = sorted(
        int(i)
        for line in lines
        if line.startswith("  linkStyle ")
        for i in line.split()[1].split(",")
    )
    assert styled == list(range(len(graph.transitions)))
    # every line is one of: header, comment, subgraph, node, end, edge, linkStyle
    for line in lines[1:]:
        assert (
            line.startswith(("  %%", "  subgraph ", "  linkStyle "))
            or line == "  end"
            or MERMAID_NODE.match(line)
            or MERMAID_EDGE.match(line)
        ), line


def test_mermaid_ids_and_labels_are_safe() -> None:
    text = to_mermaid(tricky(), costs=True)
    assert "r_43_4051_00[" in text
    assert "r_43_4051[" in text
    assert "#quot;A#quot; #91;L1#93; #123;x#125; #124; y #amp; #lt;z#gt; #35;" in text
    assert 'subgraph t_sub_graph["sub graph"]' in text
    assert re.search(r'r_43_4051_00 -->\|"[0-9.]+"\| r_end', text)


# ---------------------------------------------------------------------- CLI
@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "json"])
def test_cli_export_formats(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "-g", str(MINI), "--format", fmt, "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    g = supportladder.load(MINI)
    expected = {"dot": to_dot, "mermaid": to_mermaid, "graphml": to_graphml, "json": to_json}[fmt]
    assert text.rstrip("\n") == expected(g).rstrip("\n")
    if fmt == "graphml":
        assert from_graphml(target) == g


def test_cli_export_rejects_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "yaml"])
    assert info.value.code == 2
