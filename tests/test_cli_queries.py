"""The query commands of the CLI: exit codes, JSON shapes, tables and no-route sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import supportladder
from supportladder.cli import main
from supportladder.queries import alternative_paths, bottlenecks, chokepoints, reachable_roles


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse rejects bad arguments with exit status 2
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_path_json_shape(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(capsys, "path", "Rep", "manager", "-g", str(mini_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "graph",
        "source",
        "target",
        "requested",
        "found",
        "paths",
        "titles",
        "skill_names",
    }
    assert (data["requested"], data["found"]) == (1, 1)
    assert (data["graph"], data["source"], data["target"]) == ("mini", "rep", "manager")
    (path,) = data["paths"]
    assert set(path) == {"roles", "cost", "steps"}
    assert path["roles"] == ["rep", "lead", "manager"]
    # each step is Step.to_dict() (its keys are tested in test_queries, its schema in docs)
    mini = supportladder.load(mini_path)
    (route,) = alternative_paths(mini, "rep", "manager", 1)
    assert [s["requirements"] for s in path["steps"]] == [
        s.requirements.to_dict() for s in route.steps
    ]
    assert path["roles"] == list(route.roles)
    assert data["titles"]["lead"] == "Team Lead"


def test_path_alternatives_and_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "path",
        "Customer Support Representative",
        "Chief Customer Officer",
        "--alternatives",
        "3",
        "--kinds",
        "upward,lateral",
        "--json",
    )
    assert code == 0
    paths = json.loads(out)["paths"]
    assert 1 <= len(paths) <= 3
    assert [p["cost"] for p in paths] == sorted(p["cost"] for p in paths)
    assert {s["kind"] for p in paths for s in p["steps"]} <= {"upward", "lateral"}


def test_path_table_lists_skills_to_build(
    capsys: pytest.CaptureFixture[str], mini_path: Path
) -> None:
    code, out, _ = run(capsys, "path", "rep", "manager", "-g", str(mini_path))
    assert code == 0
    assert "Support Representative (rep) → Support Manager (manager)" in out
    assert "skills to build" in out
    assert "Communication good → strong" in out
    assert "requires: 12 months in the role; assessment: interview test" in out
    assert "route 1: cost" in out


def test_path_explain_shows_every_share_of_the_cost(
    capsys: pytest.CaptureFixture[str], mini_path: Path
) -> None:
    code, out, _ = run(capsys, "path", "rep", "manager", "-g", str(mini_path), "--explain")
    assert code == 0
    # rep -> lead: base 1, communication 2 -> 3 (1²), leadership none -> good (2 x 2²)
    assert "base 1" in out
    assert "Communication good → strong +1" in out
    assert "Leadership none (imputed) → good +8" in out


def test_path_shows_what_helps_apart_from_what_is_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "path", "Support Agent", "Customer Support Manager", "-g", "support-manager-path"
    )
    assert code == 0
    assert "requires: assessment: interview" in out
    assert "helps: education: bachelor" in out


def test_path_no_route_exit_1_names_the_flag(
    capsys: pytest.CaptureFixture[str], mini_path: Path
) -> None:
    code, out, err = run(
        capsys, "path", "account-manager", "lead", "-g", str(mini_path), "--kinds", "upward"
    )
    assert code == 1
    assert out == ""
    assert "Account Manager (account-manager)" in err
    assert "Team Lead (lead)" in err
    assert "relax --kinds" in err
    assert "Traceback" not in err
    code, _, err = run(
        capsys, "path", "rep", "manager", "-g", str(mini_path), "--max-step-cost", "1"
    )
    assert code == 1
    assert "relax --max-step-cost" in err
    code, _, err = run(
        capsys, "path", "rep", "manager", "-g", str(mini_path), "--avoid", "education=bachelor"
    )
    assert code == 1
    assert "relax --avoid" in err
    code, _, err = run(capsys, "bottlenecks", "manager", "rep", "-g", str(mini_path), "--json")
    assert code == 1
    assert "no filter to relax" in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["path", "nobody", "rep"], "no role 'nobody'"),
        (["path", "rep", "lead", "--kinds", "sideways"], "kinds: unknown kind 'sideways'"),
        (["path", "rep", "lead", "--kinds", ","], "--kinds"),
        (["path", "rep", "lead", "--avoid", "degree"], "unknown requirement 'degree'"),
        (["path", "rep", "lead", "--max-step-cost", "cheap"], "--max-step-cost"),
        (["path", "rep", "lead", "--max-step-cost", "-1"], "--max-step-cost"),
        (["path", "rep", "lead", "--alternatives", "0"], "--alternatives"),
        (["reachable", "rep", "--budget", "-2"], "--budget"),
        (["reachable", "rep", "--max-steps", "x"], "--max-steps"),
        (["chokepoints", "--top", "0"], "--top"),
        (["chokepoints", "--sample", "0"], "--sample"),
        (["chokepoints", "--sample", "100000"], "sample must be at most the number of roles"),
        (["chokepoints", "--sample", "3", "--seed", "-1"], "--seed"),
        (["chokepoints", "--seed", "3"], "add --sample K"),
        (["bottlenecks", "rep"], "TO"),
    ],
)
def test_bad_input_exit_2(
    capsys: pytest.CaptureFixture[str], mini_path: Path, argv: list[str], needle: str
) -> None:
    code, _out, err = run(capsys, *argv, "-g", str(mini_path))
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_reachable_json_shape(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(capsys, "reachable", "rep", "-g", str(mini_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"graph", "source", "roles", "titles", "skill_names"}
    assert data["source"] == "rep"
    for row in data["roles"]:
        assert set(row) == {"role", "cost", "steps", "path"}
        assert row["path"][0] == "rep"
        assert row["path"][-1] == row["role"]
    mini = supportladder.load(mini_path)
    assert data["roles"] == reachable_roles(mini, "rep").to_dict()


def test_reachable_limits_and_table(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(
        capsys, "reachable", "rep", "-g", str(mini_path), "--max-steps", "1", "--json"
    )
    assert code == 0
    assert all(r["steps"] == 1 for r in json.loads(out)["roles"])
    code, out, _ = run(capsys, "reachable", "rep", "-g", str(mini_path))
    assert code == 0
    assert "Team Lead" in out
    assert "moves" in out


def test_reachable_nothing_exit_1(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, err = run(capsys, "reachable", "rep", "-g", str(mini_path), "--budget", "0.5")
    assert code == 1
    assert out == ""
    assert "relax --budget" in err
    code, _, err = run(capsys, "reachable", "manager", "-g", str(mini_path))
    assert code == 1
    assert "no moves out" in err


def test_bottlenecks_json_shape(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(capsys, "bottlenecks", "rep", "manager", "-g", str(mini_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "graph",
        "source",
        "target",
        "gateways",
        "critical_transitions",
        "hardest_step",
        "shortest_path",
        "smoothest_path",
        "titles",
        "skill_names",
    }
    assert data["gateways"] == ["lead"]
    assert data["critical_transitions"] == [["rep", "lead"], ["lead", "manager"]]
    step_keys = {"source", "target", "kind", "cost", "base", "surplus", "gaps"}
    step_keys |= {"requirements", "advantages"}
    assert set(data["hardest_step"]) == step_keys
    assert data["hardest_step"]["gaps"]  # the text lists its skills to build; so does JSON
    assert set(data["smoothest_path"]) == {"roles", "cost", "max_step_cost", "steps"}
    mini = supportladder.load(mini_path)
    b = bottlenecks(mini, "rep", "manager").to_dict()
    for key in ("source", "target", "gateways", "critical_transitions"):
        assert data[key] == b[key]
    for key in ("source", "target", "kind", "cost"):
        assert data["hardest_step"][key] == b["hardest_step"][key]


def test_bottlenecks_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bottlenecks", "support-technician", "cco", "-g", "support-ladder")
    assert code == 0
    assert "gateways (on every route)" in out
    assert "hardest move of the cheapest route" in out
    assert "smoothest route" in out
    assert "skills to build" in out


def test_chokepoints_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "chokepoints", "--top", "4", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"graph", "sample", "seed", "roles", "titles", "skill_names"}
    assert data["graph"] == "support-careers"
    assert len(data["roles"]) == 4
    assert all(set(r) == {"role", "score"} for r in data["roles"])
    assert data["roles"] == chokepoints(supportladder.load(), top=4).to_dict()
    code, out, _ = run(capsys, "chokepoints", "--top", "2", "-g", "support-ladder")
    assert code == 0
    assert "score" in out
    assert len(out.strip().splitlines()) == 5


def test_chokepoints_sample_and_seed(capsys: pytest.CaptureFixture[str]) -> None:
    g = supportladder.load()
    seen = []
    for seed in (0, 7):
        code, out, _ = run(capsys, "chokepoints", "--sample", "5", "--seed", str(seed), "--json")
        assert code == 0
        seen.append(json.loads(out)["roles"])
        assert seen[-1] == chokepoints(g, sample=5, seed=seed).to_dict()
    assert seen[0] != seen[1]  # the seed picks other start roles
    code, out, _ = run(capsys, "chokepoints", "--sample", "5", "--top", "3")
    assert code == 0
    assert "estimated from 5 sampled start roles (seed 0)" in out
