"""Every command's --json output matches its documented JSON Schema (docs/schemas/)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import supportladder
from supportladder.cli import build_parser, main
from supportladder.importers import onet

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"
DATA = Path(__file__).parent / "data"


def _schemas() -> dict[str, Any]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}


def validator(command: str) -> Draft202012Validator:
    schemas = _schemas()
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    schema = schemas[f"{command}.json"]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def onet_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small O*NET fixture imported: skills sharing names, many fractional gaps."""
    target = tmp_path_factory.mktemp("onet") / "onet.toml"
    supportladder.save(onet.read(DATA / "onet").graph, target)
    return str(target)


def commands_with_json() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name
        for name, p in sub.choices.items()
        if any("--json" in a.option_strings for a in p._actions)
    }


def test_every_command_with_json_has_a_schema() -> None:
    have = {name.removesuffix(".json") for name in _schemas()} - {"common"}
    assert commands_with_json() <= have


REP, CCO = "Customer Support Representative", "Chief Customer Officer"
CASES = [
    ("graphs", []),
    ("roles", []),
    ("roles", ["-g", "customer-service-path"]),
    ("path", [REP, CCO, "--alternatives", "3"]),
    ("path", ["support-technician", "cco", "-g", "support-ladder", "--alternatives", "4"]),
    ("reachable", [REP, "--max-steps", "2"]),
    ("bottlenecks", [REP, CCO]),
    ("bottlenecks", ["cco", "cco", "-g", "support-ladder"]),
    ("chokepoints", ["--top", "5"]),
    ("chokepoints", ["--sample", "4", "--seed", "2"]),
]


@pytest.mark.parametrize(("command", "argv"), CASES)
def test_output_matches_its_schema(
    command: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    validator(command).validate(json_of(capsys, command, *argv))


def test_imported_graph_output_matches_the_schemas(
    onet_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    g = supportladder.load(onet_file)
    source, target = g.roles[0].id, g.roles[-1].id
    for command, argv in [
        ("roles", []),
        ("path", [source, target, "--alternatives", "2"]),
        ("reachable", [source, "--max-steps", "1"]),
        ("bottlenecks", [source, target]),
        ("chokepoints", ["--top", "3"]),
    ]:
        validator(command).validate(json_of(capsys, command, *argv, "-g", onet_file))


def test_a_schema_rejects_a_missing_field(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_of(capsys, "path", REP, CCO)
    del data["paths"][0]["steps"][0]["requirements"]
    assert not validator("path").is_valid(data)
