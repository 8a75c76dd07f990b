"""The feeders and plan subcommands, path --weight and --from-profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import supportladder
from supportladder.cli import main
from supportladder.importers import moves
from supportladder.planning import feeders, learning_plan


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feeders_json_matches_the_api(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "feeders", "support-team-lead", "--max-steps", "2", "--json")
    assert code == 0
    data = json.loads(out)
    g = supportladder.load()
    assert data["feeders"] == feeders(g, "support-team-lead", max_steps=2).to_dict()
    code, out, _ = run(capsys, "feeders", "Support Team Lead", "--budget", "15")
    assert code == 0
    assert "roles that lead to Support Team Lead" in out
    code, _, err = run(capsys, "feeders", "support-team-lead", "--budget", "0")
    assert code == 1
    assert "relax --budget" in err


def test_plan_from_a_role_and_from_a_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    g = supportladder.load()
    code, out, _ = run(capsys, "plan", "customer-support-representative", "cco", "--json")
    assert code == 0
    assert (
        json.loads(out)["items"]
        == learning_plan(g, "customer-support-representative", "cco").to_dict()["items"]
    )
    profile = tmp_path / "me.toml"
    profile.write_text('communication = "good"\nempathy = 3\n', encoding="utf-8")
    code, out, _ = run(capsys, "plan", "support-team-lead", "--from-profile", str(profile))
    assert code == 0
    assert out.startswith("learning plan: <profile> →")
    code, out, _ = run(capsys, "path", "--from-profile", str(profile), "cco", "--json")
    assert code == 0
    assert json.loads(out)["paths"][0]["roles"][0] == "<profile>"
    code, out, _ = run(capsys, "reachable", "--from-profile", str(profile), "--max-steps", "1")
    assert code == 0
    assert "reachable from your skill profile" in out
    profile.write_text("laser = 2\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "cco", "--from-profile", str(profile))
    assert code == 2
    assert "unknown skill 'laser'" in err
    code, _, err = run(capsys, "path", "cco")
    assert code == 2
    assert "path needs TO" in err


def test_path_weight_observed_and_months(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    g = supportladder.load("support-ladder")
    rows = [
        {"person": "a", "role": "support-technician", "start": "2020-01-01"},
        {"person": "a", "role": "customer-support-representative", "start": "2021-01-01"},
    ]
    target = tmp_path / "merged.toml"
    supportladder.save(moves.read(rows, graph=g).graph, target)
    ends = ("support-technician", "customer-support-representative")
    code, out, _ = run(capsys, "path", *ends, "-g", str(target), "--weight", "months")
    assert code == 0
    assert "cost 12.0" in out
    assert "observed: 1 people, p = 1.000, median 12.0 months" in out
    code, out, _ = run(capsys, "path", *ends, "-g", str(target), "--weight", "observed", "--json")
    step = json.loads(out)["paths"][0]["steps"][0]
    assert step["cost"] == 0.0
    assert step["observed"]["count"] == 1
    code, _, _ = run(capsys, "path", *reversed(ends), "-g", str(target), "--weight", "observed")
    assert code == 1  # the way back was never observed


def test_json_outputs_match_their_schemas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from test_cli_json_schemas import validator

    cases = [
        ("feeders", ["support-team-lead"]),
        ("feeders", ["cco", "--max-steps", "2", "-g", "support-ladder"]),
        ("plan", ["customer-support-representative", "cco"]),
    ]
    profile = tmp_path / "me.toml"
    profile.write_text('communication = "good"\n', encoding="utf-8")
    cases += [
        ("plan", ["support-team-lead", "--from-profile", str(profile)]),
        ("path", ["--from-profile", str(profile), "support-team-lead"]),
    ]
    g = supportladder.load("support-ladder")
    rows = [
        {"person": "a", "role": "support-technician", "start": "2020-01-01"},
        {"person": "a", "role": "customer-support-representative", "start": "2021-01-01"},
    ]
    merged = tmp_path / "merged.toml"
    supportladder.save(moves.read(rows, graph=g).graph, merged)
    ends = ["support-technician", "customer-support-representative", "-g", str(merged)]
    cases += [("path", [*ends, "--weight", "observed"]), ("path", ends)]
    for command, argv in cases:
        code = main([command, *argv, "--json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        validator(command).validate(json.loads(out))
