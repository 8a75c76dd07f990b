"""Text output a newcomer can read: summaries on imported graphs, distinct names, 100 columns,
help with descriptions and examples, and answers that say when they hold less than asked."""

from __future__ import annotations

import argparse
import os
import re
import shutil
from pathlib import Path

import pytest

import supportladder
from supportladder import CareerGraph, Role, Skill, Transition
from supportladder.cli import build_parser, main
from supportladder.cli._table import render, shorten, width
from supportladder.cli._wording import SHOWN_GAPS, Wording, skill_names
from supportladder.importers import onet

DATA = Path(__file__).parent / "data"
CSR, GOM = "43-4051.00", "11-1021.00"  # Customer Service Representatives, General and Ops Mgrs


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def onet_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("onet") / "onet.toml"
    supportladder.save(onet.read(DATA / "onet").graph, target)
    return str(target)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = os.terminal_size((200, 50))  # a wide terminal: output still stops at 100 columns
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(100, 24): wide)


def assert_fits(text: str) -> None:
    too_wide = [line for line in text.splitlines() if width(line) > 100]
    assert too_wide == []


def gap_count(text: str) -> int:
    return len(re.findall(r" → \S+(?:,|$| and)", text))


# ---------------------------------------------------------------------- imported graphs
def test_a_move_lists_its_largest_gaps_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], onet_file: str
) -> None:
    code, out, _ = run(capsys, "path", CSR, GOM, "-g", onet_file)
    assert code == 0
    g = supportladder.load(onet_file)
    (route,) = supportladder.alternative_paths(g, CSR, GOM, 1)
    # Moves between rated roles have dozens of gaps; a role without O*NET ratings
    # (11-1031.00) has unrated skills, whose moves may have none.
    rated = [s for s in route.steps if g.role(s.source).skills and g.role(s.target).skills]
    assert rated
    for step in rated:
        assert len(step.gaps) > SHOWN_GAPS + 1
        rest = len(step.gaps) - SHOWN_GAPS
        assert f"and {rest} smaller gaps (--all lists every one)" in re.sub(r"\n +", " ", out)
    w = Wording(g)
    biggest = w.ordered(route.steps[0].gaps)[0]
    smallest = w.ordered(route.steps[0].gaps)[-1]
    assert w.gap(biggest) in out.replace("\n       ", " ")
    assert w.gap(smallest) not in out.replace("\n       ", " ")
    assert_fits(out)


def test_all_lists_every_gap(capsys: pytest.CaptureFixture[str], onet_file: str) -> None:
    code, out, _ = run(capsys, "path", CSR, GOM, "-g", onet_file, "--all")
    assert code == 0
    assert "smaller gaps" not in out
    g = supportladder.load(onet_file)
    (route,) = supportladder.alternative_paths(g, CSR, GOM, 1)
    flat = re.sub(r"\n +", " ", out)
    w = Wording(g)
    for step in route.steps:
        for gap in step.gaps:
            assert w.gap(gap) in flat
    assert_fits(out)


def test_bottlenecks_on_an_imported_graph_is_short(
    capsys: pytest.CaptureFixture[str], onet_file: str
) -> None:
    code, out, _ = run(capsys, "bottlenecks", CSR, GOM, "-g", onet_file)
    assert code == 0
    assert len(out.splitlines()) < 60  # was 429 lines on the full release
    _, full, _ = run(capsys, "bottlenecks", CSR, GOM, "-g", onet_file, "--all")
    assert len(full.splitlines()) > len(out.splitlines())
    assert_fits(out)
    assert_fits(full)


def test_skills_sharing_a_name_print_distinctly(
    capsys: pytest.CaptureFixture[str], onet_file: str
) -> None:
    g = supportladder.load(onet_file)
    names = skill_names(g)
    assert names["mathematics"] != names["mathematics-knowledge"]
    assert names["mathematics"] == "Mathematics (skill)"
    assert len(set(names.values())) == len(names)
    assert names["writing"] == "Writing"  # unique names stay as they are
    _, out, _ = run(capsys, "path", CSR, GOM, "-g", onet_file, "--all")
    assert not re.search(r"Mathematics \d", out)  # never the bare, ambiguous name


def test_names_shared_within_a_category_fall_back_to_the_id() -> None:
    g = CareerGraph(
        "g",
        skills=[Skill("a", "Maths", category="skill"), Skill("b", "Maths", category="skill")],
        roles=[Role("r", "R", 1, skills={"a": 1, "b": 1})],
    )
    assert skill_names(g) == {"a": "Maths (a)", "b": "Maths (b)"}


def test_every_table_fits_100_columns(capsys: pytest.CaptureFixture[str], onet_file: str) -> None:
    for argv in (
        ["reachable", CSR, "-g", onet_file],
        ["reachable", "Customer Support Representative"],
        ["roles"],
        ["roles", "-g", onet_file],
        ["graphs"],
        ["chokepoints", "-g", onet_file, "--top", "5"],
        ["bottlenecks", "Customer Support Representative", "Chief Customer Officer"],
    ):
        code, out, _ = run(capsys, *argv)
        assert code == 0, argv
        assert_fits(out)


def test_reachable_drops_via_and_summarises_long_lists(
    capsys: pytest.CaptureFixture[str], onet_file: str, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "reachable", CSR, "-g", onet_file)
    assert out.splitlines()[1].split() == ["role", "title", "cost", "moves"]
    hub = CareerGraph(
        "hub",
        roles=[Role("hub", "Hub", 1), *(Role(f"r{i:02}", f"Role {i}", 2) for i in range(40))],
        transitions=[Transition("hub", f"r{i:02}", "upward") for i in range(40)],
    )
    path = tmp_path / "hub.toml"
    supportladder.save(hub, path)
    _, out, _ = run(capsys, "reachable", "hub", "-g", str(path))
    assert "and 15 more roles (--all lists every one)" in out
    assert sum(1 for line in out.splitlines() if re.match(r"r\d\d ", line)) == 25
    _, full, _ = run(capsys, "reachable", "hub", "-g", str(path), "--all")
    assert "more roles" not in full
    assert sum(1 for line in full.splitlines() if re.match(r"r\d\d ", line)) == 40


def test_table_cuts_the_column_it_is_told_to() -> None:
    text = render(["a", "b"], [["x" * 60, "y" * 60]], shrink=0)
    assert all(width(line) <= 100 for line in text.splitlines())
    assert "y" * 60 in text
    assert shorten("Customer Support Representative", 10) == "Customer…"
    assert shorten("客服代表客服代表", 7) == "客服代…"


# ---------------------------------------------------------------------- fewer routes
def test_fewer_routes_than_asked_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["path", "support-technician", "cco", "-g", "support-ladder", "--alternatives", "4"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "only 1 loop-free route under these filters (--alternatives asked for 4)" in out
    code, out, _ = run(capsys, *argv[:-2], "--alternatives", "1")
    assert "only" not in out


# ---------------------------------------------------------------------- help
def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_has_a_description_and_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, parser in _subcommands().items():
        assert parser.description, name
        code, out, _ = run(capsys, name, "--help")
        assert code == 0
        assert parser.description in out.replace("\n", " ")
        examples = out[out.index("examples:") :].splitlines()[1:]
        assert examples, name
        assert all(e.strip().startswith(f"supportladder {name}") for e in examples if e.strip())


def test_help_states_defaults_and_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "chokepoints", "--help")
    assert "(default: every role)" in out
    _, out, _ = run(capsys, "plot", "--help")
    assert "supportladder graphs` lists" in out.replace("\n", " ").replace("  ", " ")


def test_graphs_says_transitions_like_its_json_and_lists_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "graphs")
    header = out.splitlines()[0].split()
    assert "transitions" in header
    assert "moves" not in header
    assert "languages" in header
    row = next(line for line in out.splitlines() if line.startswith("customer-service-path"))
    assert "en,zh" in row


def test_roles_text_shows_effective_skills(capsys: pytest.CaptureFixture[str]) -> None:
    g = supportladder.load("support-ladder")
    _, out, _ = run(capsys, "roles", "-g", "support-ladder")
    w = Wording(g)
    cco = g.role("chief-customer-officer")
    best = max(g.effective_skills(cco.id).items(), key=lambda kv: kv[1])
    line = next(x for x in out.splitlines() if x.strip().startswith(f"{cco.id}:"))
    assert f"{w.skill(best[0])} {w.level(best[1])}" in line
    _, full, _ = run(capsys, "roles", "-g", "support-ladder", "--all")
    flat = re.sub(r"\n +", " ", full)
    for skill, level in g.effective_skills(cco.id).items():
        assert f"{w.skill(skill)} {w.level(level)}" in flat


def test_the_import_report_is_wrapped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", "onet", str(DATA / "onet"), "-o", str(tmp_path / "o.toml"))
    assert code == 0
    lines = err.splitlines()
    assert len(lines) > 3
    assert_fits(err)
    assert "roles 29" in err.replace("\n", " ")


def test_a_move_between_long_titles_wraps() -> None:
    g = CareerGraph(
        "g",
        skills=[Skill("s", "S")],
        roles=[
            Role("a", "A " + "very long title " * 6, 1),
            Role("b", "B " + "even longer title " * 6, 2, skills={"s": 1}),
        ],
        transitions=[Transition("a", "b", "upward")],
    )
    (route,) = supportladder.alternative_paths(g, "a", "b", 1)
    assert_fits(Wording(g).moves(route.steps))


def test_a_merge_names_an_unknown_role_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "histories.csv"
    rows = [f"p{i},nobody,2020-01-0{i}\np{i},Team Lead,2021-01-0{i}" for i in range(1, 5)]
    table.write_text("person,role,start\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["import", "moves", str(table), "-g", str(DATA / "mini.toml")]
    code, _, err = run(capsys, *argv, "-o", str(tmp_path / "m.toml"))
    assert code == 2
    assert err.count("no role 'nobody'") == 1
    assert "(also on rows 4, 6, 8)" in err


def test_requirements_with_alternatives_read_as_alternatives() -> None:
    from supportladder.model import Requirements

    w = Wording(supportladder.load("support-ladder"))
    either = Requirements(
        education="bachelor",
        any_of=[Requirements(tenure_months=12), Requirements(assessment="interview test")],
    )
    assert w.requires(either) == (
        "education: bachelor; either 12 months in the role or assessment: interview test"
    )
    assert w.requires(Requirements()) == "-"


def test_explain_uses_the_same_names_and_summary(
    capsys: pytest.CaptureFixture[str], onet_file: str
) -> None:
    code, out, _ = run(capsys, "path", CSR, GOM, "-g", onet_file, "--explain")
    assert code == 0
    flat = re.sub(r"\n +", " ", out)
    assert "cost: base " in flat
    assert "smaller gaps +" in flat
    assert_fits(out)
    _, full, _ = run(capsys, "path", CSR, GOM, "-g", onet_file, "--explain", "--all")
    assert "smaller gaps" not in full
    assert not re.search(r"Mathematics \d", full)


def test_a_long_route_is_listed_one_line_per_move() -> None:
    chain = CareerGraph(
        "chain",
        skills=[Skill("s", "S")],
        roles=[Role(f"r{i:02}", f"Rung {i}", i + 1, skills={"s": i % 5}) for i in range(12)],
        transitions=[Transition(f"r{i:02}", f"r{i + 1:02}", "upward") for i in range(11)],
    )
    (route,) = supportladder.alternative_paths(chain, "r00", "r11", 1)
    short = Wording(chain).route(route.steps)
    assert len(short.splitlines()) == 12
    assert "(11 moves, one line each; --all shows each move's skills)" in short
    assert "skills to build" not in short
    assert Wording(chain, full=True).route(route.steps) == Wording(chain).moves(route.steps)
    assert Wording(chain).route(route.steps[:3]) == Wording(chain).moves(route.steps[:3])
