"""Lossless round trips on generated graphs: TOML save/load, node-link JSON and GraphML.

The default run tries a couple of hundred graphs; `.ci/run`'s dedicated pass runs
``SUPPORTLADDER_ROUNDTRIP_EXAMPLES=1000``.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import CareerGraph
from supportladder.export import from_graphml, from_json, to_graphml, to_json
from supportladder.model import SKILL_CATEGORIES, Scale, Weighting
from supportladder.strategies import career_graphs, role_ids

EXAMPLES = int(os.environ.get("SUPPORTLADDER_ROUNDTRIP_EXAMPLES", "150"))
ROUND_TRIP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ANY_TEXT = st.characters(blacklist_categories=("Cs",))


@st.composite
def scales(draw: st.DrawFn, words: st.SearchStrategy[str]) -> Scale:
    names = draw(st.lists(words, min_size=1, max_size=5, unique=True))
    values = draw(
        st.lists(
            st.floats(-100, 100, allow_nan=False, allow_infinity=False),
            min_size=len(names),
            max_size=len(names),
            unique=True,
        )
    )
    return Scale(dict(zip(names, values, strict=True)))


@st.composite
def rich_graphs(draw: st.DrawFn, alphabet: st.SearchStrategy[str] = ANY_TEXT) -> CareerGraph:
    """Generated graphs with every text field filled in with arbitrary text."""
    text = st.text(alphabet, max_size=20)
    words = st.text(alphabet, min_size=1, max_size=12).filter(lambda s: s.strip())
    scale = draw(st.one_of(st.just(supportladder.DEFAULT_SCALE), scales(words)))
    graph = draw(career_graphs(min_roles=1, max_roles=6, scale=scale))
    roles = []
    for i, role in enumerate(graph.roles):
        # Suffixes keep every title and alias distinct from every other role's names.
        aliases = tuple(f"{a} ~{i}.{j}" for j, a in enumerate(draw(st.lists(text, max_size=2))))
        languages = draw(st.lists(st.sampled_from(["zh", "zh-Hant", "fr", "es"]), unique=True))
        roles.append(
            attrs.evolve(
                role,
                title=f"{draw(text)} #{i}",
                aliases=aliases,
                titles={lang: f"{draw(text)} ^{i}.{lang}" for lang in languages},
                description=draw(text),
                industry=draw(words),
                track=draw(words),
                sources=tuple(draw(st.lists(text, max_size=2))),
            )
        )
    moves = [
        attrs.evolve(move, note=draw(text), sources=tuple(draw(st.lists(text, max_size=2))))
        for move in graph.transitions
    ]
    skills = [
        attrs.evolve(
            skill,
            name=draw(words),
            description=draw(text),
            category=draw(st.sampled_from(SKILL_CATEGORIES)),
        )
        for skill in graph.skills
    ]
    return graph.evolve(
        name=draw(role_ids()),
        title=draw(text),
        description=draw(text),
        roles=roles,
        transitions=moves,
        skills=skills,
        weighting=Weighting(
            base_cost=draw(st.floats(0, 1e6)), surplus_penalty=draw(st.floats(0, 10))
        ),
    )


@ROUND_TRIP
@given(rich_graphs())
def test_toml_round_trip(graph: CareerGraph) -> None:
    assert supportladder.loads(supportladder.dumps(graph)) == graph


@ROUND_TRIP
@given(rich_graphs())
def test_save_load_round_trip(tmp_path_factory: object, graph: CareerGraph) -> None:
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    target = folder / f"supportladder-roundtrip-{os.getpid()}.toml"
    try:
        supportladder.save(graph, target)
        assert supportladder.load(target) == graph
    finally:
        target.unlink(missing_ok=True)


@ROUND_TRIP
@given(rich_graphs())
def test_json_round_trip(graph: CareerGraph) -> None:
    assert from_json(to_json(graph)) == graph


XML_TEXT = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("\t\n")


@ROUND_TRIP
@given(rich_graphs(alphabet=XML_TEXT))
def test_graphml_round_trip(graph: CareerGraph) -> None:
    assert from_graphml(to_graphml(graph)) == graph


@given(rich_graphs())
@settings(max_examples=max(50, EXAMPLES // 4), deadline=None)
def test_graphml_refuses_what_xml_cannot_carry(graph: CareerGraph) -> None:
    try:
        text = to_graphml(graph)
    except supportladder.GraphFileError as exc:
        assert "GraphML (XML 1.0) cannot carry the character" in str(exc)
    else:
        assert from_graphml(text) == graph
