"""Fuzz the graph-file loader: any input either loads or raises GraphFileError naming the file.

The default run tries a few hundred cases per strategy; `.ci/run` runs a dedicated pass with
``SUPPORTLADDER_FUZZ_EXAMPLES=10000``.
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import CareerGraph, GraphFileError
from supportladder.io import _toml_writer as toml_writer

EXAMPLES = int(os.environ.get("SUPPORTLADDER_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DATA = Path(__file__).parent / "data"
BASE_TEXT = (DATA / "mini.toml").read_text(encoding="utf-8")
BASE = tomllib.loads(BASE_TEXT)
NAME = "fuzzed.toml"


def check(text: str | bytes) -> CareerGraph | None:
    """Load ``text``; any failure must be a GraphFileError that names the file.

    Every problem says something (never cattrs' "unknown error"), stays on one line and
    shows values shortened.
    """
    try:
        if isinstance(text, bytes):
            return supportladder.io._load_bytes(text, NAME)
        return supportladder.loads(text, path=NAME)
    except GraphFileError as exc:
        message = str(exc)
        assert message.startswith(f"{NAME}: ")
        assert exc.problems
        for line in message.splitlines()[1:]:
            assert line.startswith(f"  - {NAME}: "), line
            assert "unknown error" not in line, line
            assert len(line) < 2000, line
        for problem in exc.problems:
            assert problem.message.strip()
        return None


# ------------------------------------------------------------------ TOML values
def toml_value(obj: Any) -> str:
    """Serialise any TOML-able value, including nan and inf, as inline TOML."""
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if math.isnan(obj):
            return "nan"
        if math.isinf(obj):
            return "inf" if obj > 0 else "-inf"
        return repr(obj)
    if isinstance(obj, str):
        return toml_writer.string(obj)
    if isinstance(obj, dict):
        inner = ", ".join(f"{toml_writer.key(k)} = {toml_value(v)}" for k, v in obj.items())
        return "{ " + inner + " }"
    if isinstance(obj, list):
        return "[" + ", ".join(toml_value(v) for v in obj) + "]"
    raise TypeError(type(obj))


def document(data: dict[str, Any]) -> str:
    return "\n".join(f"{toml_writer.key(k)} = {toml_value(v)}" for k, v in data.items())


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 4, 5, -1, 1e308, 2**62, 0.5, "", "good", "excellent", "nan"]),
    # numbers of any size: too large for a float, and too long for Python to print
    st.sampled_from([10**309, -(10**309), 2**1024, 10**4000, 1e-320, 1.7976931348623157e308]),
    st.integers(min_value=10**300, max_value=10**400),
    # ids that look right but are not: a trailing newline, too long, odd categories
    st.sampled_from(["rep\n", "rep ", "Rep", "a" * 101, "soft", "Broken Ladder"]),
    st.text(max_size=12),
    st.sampled_from(["rep", "lead", "manager", "account-manager", "communication", "ghost"]),
    st.sampled_from(["upward", "lateral", "cross-industry", "sideways"]),
)
values = st.recursive(
    scalars.filter(lambda v: v is not None),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
keys = st.one_of(
    st.sampled_from(
        [
            "name",
            "title",
            "description",
            "scale",
            "weighting",
            "skills",
            "roles",
            "transitions",
            "id",
            "level",
            "track",
            "industry",
            "inherits",
            "holland",
            "aliases",
            "titles",
            "sources",
            "kind",
            "source",
            "target",
            "requirements",
            "tenure_months",
            "education",
            "certifications",
            "assessment",
            "importance",
            "base_cost",
            "surplus_penalty",
            "category",
            "note",
            "bogus",
        ]
    ),
    st.text(max_size=8),
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """The mini graph with a handful of random structural edits."""
    data: dict[str, Any] = tomllib.loads(BASE_TEXT)
    for _ in range(draw(st.integers(1, 5))):
        # pick a container: the document or one of its records (or a record's sub-table)
        containers: list[dict[str, Any]] = [data]
        for section in ("skills", "roles", "transitions"):
            for record in data.get(section, []) if isinstance(data.get(section), list) else []:
                if isinstance(record, dict):
                    containers.append(record)
                    containers.extend(v for v in record.values() if isinstance(v, dict))
        target = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["delete", "set", "add", "duplicate", "swap"]))
        existing = list(target)
        if action == "delete" and existing:
            del target[draw(st.sampled_from(existing))]
        elif action == "set" and existing:
            target[draw(st.sampled_from(existing))] = draw(values)
        elif action == "add":
            target[draw(keys)] = draw(values)
        elif action == "duplicate":
            section = draw(st.sampled_from(["skills", "roles", "transitions"]))
            records = data.get(section)
            if isinstance(records, list) and records:
                record = draw(st.sampled_from(records))
                records.append(dict(record) if isinstance(record, dict) else record)
        elif action == "swap" and len(existing) >= 2:
            a, b = draw(st.sampled_from(existing)), draw(st.sampled_from(existing))
            target[a], target[b] = target[b], target[a]
    return data


@FUZZ
@given(mutated_documents())
def test_structural_mutations(data: dict[str, Any]) -> None:
    graph = check(document(data))
    if graph is not None:
        assert supportladder.loads(supportladder.dumps(graph)) == graph


@FUZZ
@given(st.data())
def test_text_mutations(data: st.DataObject) -> None:
    text = BASE_TEXT
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace", "dup-line"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "insert":
            text = text[:i] + data.draw(st.text(max_size=10)) + text[i:]
        elif action == "replace":
            text = text[:i] + data.draw(st.sampled_from(list('[]{}="#\n,.\\'))) + text[i + 1 :]
        else:
            lines = text.splitlines(keepends=True)
            k = data.draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "".join(lines)
    check(text)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(blob: bytes) -> None:
    check(blob)
    check(BASE_TEXT.encode() + blob)


def test_empty_and_whitespace() -> None:
    for text in ["", "   \n\n", "# only a comment\n"]:
        assert check(text) is None


def test_very_deep_nesting() -> None:
    assert check("name = " + "[" * 100_000 + "]" * 100_000) is None
    assert check('name = "x"\ntitle = ' + "{ a = " * 5_000 + "1" + " }" * 5_000) is None


def test_very_large_graph_loads() -> None:
    roles = "".join(
        f'[[roles]]\nid = "r{i}"\ntitle = "Role {i}"\nlevel = {1 + i % 9}\n' for i in range(5000)
    )
    moves = "".join(
        f'[[transitions]]\nsource = "r{i}"\ntarget = "r{i + 1}"\nkind = "lateral"\n'
        for i in range(4999)
    )
    graph = check('name = "big"\n' + roles + moves)
    assert graph is not None
    assert len(graph.roles) == 5000


NUMERIC_KEYS = ("level", "importance", "base_cost", "surplus_penalty", "tenure_months")


@FUZZ
@given(st.data())
def test_huge_numbers_anywhere(data: st.DataObject) -> None:
    """A number of any size in any numeric field (or skill level) is a clear error."""
    text = BASE_TEXT
    for _ in range(data.draw(st.integers(1, 3))):
        digits = data.draw(st.integers(309, 5000))  # over 1e308, too large for a float
        number = data.draw(st.sampled_from(["", "-"])) + "9" * digits
        spots = [k for k in NUMERIC_KEYS if f"{k} = " in text] + ["communication = "]
        key = data.draw(st.sampled_from(spots))
        start = text.index(f"{key} = " if key != "communication = " else key)
        end = min(i for i in (text.find(c, start) for c in ",\n}") if i != -1)
        head = text[start:end].partition("=")[0]
        text = text[:start] + f"{head}= {number}" + text[end:]
    assert check(text) is None


@FUZZ
@given(st.sets(st.integers(0, 100), min_size=1, max_size=9))
def test_every_independent_problem_is_reported(chosen: set[int]) -> None:
    """Apply any set of independent mutations: one load reports every one of them."""
    from test_validation import MUTATIONS

    picked = [MUTATIONS[i % len(MUTATIONS)] for i in sorted(chosen)]
    picked = list({edit: (edit, needle) for edit, needle in picked}.values())
    text = BASE_TEXT
    for (old, new), _ in picked:
        text = text.replace(old, new, 1)
    with pytest.raises(GraphFileError) as info:
        supportladder.loads(text, path=NAME)
    lines = [f"{p.record}: {p.message}" for p in info.value.problems]
    for _, needle in picked:
        assert any(needle in line for line in lines), (needle, lines)
    assert len(lines) == len(picked), lines


def test_huge_numbers() -> None:
    text = BASE_TEXT.replace("importance = 2.0", "importance = 1e308")
    assert check(text) is None
    text = BASE_TEXT.replace("level = 3", "level = 99999999999999999")
    assert check(text) is None


def test_base_documents_load() -> None:
    assert check(BASE_TEXT) is not None
    assert check(document(BASE)) is not None
