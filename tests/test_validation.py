"""Validation finds every problem in one pass, and numbers of any size are clear errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import supportladder
from supportladder import GraphFileError
from supportladder._checks import MAX_ROUTE_COST
from supportladder.cli import main
from supportladder.model import MAX_ID_LENGTH, SKILL_CATEGORIES, Skill

DATA = Path(__file__).parent / "data"
MINI = (DATA / "mini.toml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(GraphFileError) as info:
        supportladder.loads(text, path="f.toml")
    return [f"{p.record}: {p.message}" for p in info.value.problems]


def replace(text: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# One mutation per kind of problem, each with what its line must say.
MUTATIONS: list[tuple[tuple[str, str], str]] = [
    (('name = "mini"', 'name = "Broken Ladder"'), "name: name 'Broken Ladder' is not kebab-case"),
    (("level = 1\n", 'level = "1"\n'), 'roles[0] (id "rep"): level: expected a whole number'),
    (('title = "Team Lead"', 'title = ""'), 'roles[1] (id "lead"): title must be a non-empty'),
    (
        ('skills = { leadership = "strong" }', 'skills = { leadership = "strong", ghost = 1 }'),
        "roles[2] (id \"manager\"): skills: unknown skill 'ghost'",
    ),
    (
        ('inherits = ["lead"]', 'inherits = ["boss"]'),
        "roles[2] (id \"manager\"): inherits: unknown role 'boss'",
    ),
    (
        ('track = "account-management"', 'track = "account-management"\nholland = "XX"'),
        "roles[3] (id \"account-manager\"): holland 'XX' has letters outside RIASEC",
    ),
    (
        ("requirements = { tenure_months = 12,", "requirements = { tenure_months = -3,"),
        "transitions[0] (rep -> lead): requirements: tenure_months must be 0 or more, got -3",
    ),
    (
        ('source = "lead"\ntarget = "manager"', 'source = "lead"\ntarget = "nobody"'),
        "transitions[1] (lead -> nobody): target: unknown role 'nobody'",
    ),
    (
        ('category = "technical"', 'category = "soft"'),
        "skills[2] (id \"product-knowledge\"): category 'soft' is not one of",
    ),
]


def test_every_problem_is_listed_in_one_run() -> None:
    text = replace(MINI, *(edit for edit, _ in MUTATIONS))
    # and a duplicate role id and a self-loop, appended
    text += '\n[[roles]]\nid = "rep"\ntitle = "Another"\nlevel = 1\n'
    text += '\n[[transitions]]\nsource = "lead"\ntarget = "lead"\nkind = "lateral"\n'
    found = problems_of(text)
    expected = [needle for _, needle in MUTATIONS] + [
        "roles[4] (id \"rep\"): duplicate role id 'rep' (first at roles[0])",
        "move from 'lead' to itself: a self-loop is not a career move",
    ]
    missing = [needle for needle in expected if not any(needle in line for line in found)]
    assert missing == [], found
    assert len(found) == len(expected), found


def test_validate_lists_every_problem_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(replace(MINI, *(edit for edit, _ in MUTATIONS)), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"supportladder: error: {bad}: {len(MUTATIONS)} problems found\n")
    for _, needle in MUTATIONS:
        assert needle in err


def test_a_malformed_record_still_has_its_references_checked() -> None:
    text = 'name = "t"\n[[roles]]\nid = "rep"\ntitle = ""\nlevel = 0\n'
    text += 'skills = { nope = "superb" }\ninherits = ["boss"]\n'
    found = problems_of(text)
    assert any("title must be a non-empty string" in p for p in found)
    assert any("level must be between 1" in p for p in found)
    assert any("inherits: unknown role 'boss'" in p for p in found)
    # a level name that is not on the scale is reported, the unknown skill too
    assert any("skills.nope: level 'superb' is not on the scale" in p for p in found)
    assert any("unknown skill 'nope'" in p for p in found)


def test_a_malformed_scale_does_not_flood_the_report() -> None:
    text = 'name = "t"\nscale = 3\n[[roles]]\nid = "rep"\ntitle = "R"\nlevel = 1\n'
    text += 'skills = { x = "weird" }\n[[skills]]\nid = "x"\nname = "X"\n'
    assert problems_of(text) == ["scale: expected a table of level = number, got 3"]


def test_a_move_with_a_malformed_end_is_not_reported_as_unknown() -> None:
    text = 'name = "t"\n[[roles]]\nid = "rep"\ntitle = "R"\nlevel = 1\n'
    text += '[[roles]]\nid = "Lead"\ntitle = "L"\nlevel = 2\n'
    text += '[[transitions]]\nsource = "rep"\ntarget = "Lead"\n'
    found = problems_of(text)
    assert len(found) == 2, found  # the bad id, in the role and in the move
    assert not any("unknown role" in p for p in found)


# ------------------------------------------------------------------ huge numbers
HUGE = "9" * 400


@pytest.mark.parametrize(
    ("edit", "record"),
    [
        (("level = 3", f"level = {HUGE}"), 'roles[2] (id "manager"): level'),
        (('communication = "good"', f"communication = {HUGE}"), 'roles[0] (id "rep"): skills.'),
        (("importance = 2.0", f"importance = {HUGE}"), 'skills[1] (id "leadership"): importance'),
        (("base_cost = 1.0", f"base_cost = {HUGE}"), "weighting: base_cost"),
        (("tenure_months = 12", f"tenure_months = {HUGE}"), "requirements.tenure_months"),
    ],
)
def test_huge_integers_name_their_record(edit: tuple[str, str], record: str) -> None:
    found = problems_of(replace(MINI, edit))
    assert any(record in p and "too large" in p for p in found), found
    assert all(HUGE not in p for p in found)  # shown shortened


def test_huge_scale_value() -> None:
    text = 'name = "t"\n[scale]\nlow = 0\nhigh = ' + HUGE + '\n[[roles]]\nid = "r"\ntitle = "R"\n'
    found = problems_of(text + "level = 1\n")
    assert found == [
        "scale: high: the number 999999999999... (an integer of 400 digits) is too large; "
        "use a number below 1e308"
    ]


def test_integer_too_long_to_parse_names_its_line() -> None:
    text = replace(MINI, ("level = 3", "level = 1" + "0" * 5000))
    line = text[: text.index("level = 1000")].count("\n") + 1
    (found,) = problems_of(text)
    assert found == (
        f": the number at line {line} has 5,001 digits, too long to read; use a number below 1e308"
    )


def test_huge_numbers_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "big.toml"
    bad.write_text(replace(MINI, ("level = 3", "level = 1" + "0" * 5000)), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"supportladder: error: {bad}: the number at line ")
    assert err.count("\n") == 1


# ------------------------------------------------------------------ weights that overflow
@pytest.mark.parametrize(
    ("edit", "record", "name"),
    [
        (("base_cost = 1.0", "base_cost = 1e308"), "weighting", "base_cost"),
        (("importance = 2.0", "importance = 1e308"), 'skills[1] (id "leadership")', "importance"),
        (("surplus_penalty = 0.5", "surplus_penalty = 1e305"), "weighting", "surplus_penalty"),
    ],
)
def test_weights_that_would_overflow_name_the_field_and_the_largest_value(
    edit: tuple[str, str], record: str, name: str
) -> None:
    (found,) = problems_of(replace(MINI, edit))
    assert found.startswith(f"{record}: {name} ")
    largest = float(found.rpartition(f"the largest {name} that works here is ")[2])
    # the largest value it names does work: the graph loads and every query answers
    g = supportladder.loads(replace(MINI, (edit[0], f"{edit[0].split(' = ')[0]} = {largest!r}")))
    path = supportladder.shortest_path(g, "rep", "manager")
    assert path.cost <= MAX_ROUTE_COST
    supportladder.alternative_paths(g, "rep", "manager", k=3)
    supportladder.reachable_roles(g, "rep")
    supportladder.bottlenecks(g, "rep", "manager")
    supportladder.shortest_path(g, {"communication": 0}, "manager")


def test_scale_range_that_would_overflow() -> None:
    text = 'name = "t"\n[scale]\nlow = 0\nhigh = 1e305\n[[skills]]\nid = "s"\nname = "S"\n'
    text += '[[roles]]\nid = "r"\ntitle = "R"\nlevel = 1\n'
    (found,) = problems_of(text)
    assert found.startswith("scale: the scale's range 1e+305 (0 to 1e+305) makes move weights")


# ------------------------------------------------------------------ records
def test_ids_must_be_kebab_case_to_the_end_and_not_too_long() -> None:
    assert any("is not kebab-case" in p for p in problems_of(MINI.replace('"rep"', '"rep\\n"')))
    long_id = "a" * (MAX_ID_LENGTH + 1)
    found = problems_of(MINI.replace('id = "rep"', f'id = "{long_id}"', 1))
    assert any(f"is {MAX_ID_LENGTH + 1} characters long; use at most" in p for p in found)
    Skill("a" * MAX_ID_LENGTH, "ok")


def test_skill_category_must_be_documented() -> None:
    for category in SKILL_CATEGORIES:
        Skill("s", "S", category=category)
    with pytest.raises(ValueError, match="category 'soft' is not one of technical"):
        Skill("s", "S", category="soft")


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (
            (
                'requirements = { tenure_months = 12, assessment = "interview test" }',
                'requirements = "degree"',
            ),
            "transitions[0] (rep -> lead): requirements: expected a table (keys tenure_months",
        ),
        (
            ('source = "rep"\ntarget = "lead"', 'sourse = "rep"\ntarget = "lead"'),
            "transitions[0] (? -> lead): unknown key 'sourse'; allowed keys are source, target",
        ),
        (
            ('communication = "good"', "communication = { a = 1 }"),
            'roles[0] (id "rep"): skills.communication: expected a level name or a number, '
            "got a table {'a': 1}",
        ),
        (
            ('aliases = ["Rep", "CSR"]', 'aliases = [["Rep"]]'),
            'roles[0] (id "rep"): aliases: expected an array of strings, but it holds an array',
        ),
        (
            ('titles = { zh = "团队负责人" }', "titles = { zh = { a = 1 } }"),
            'roles[1] (id "lead"): titles.zh: expected a string, got a table',
        ),
        (
            ("tenure_months = 12", "tenure_months = { a = 1 }"),
            "transitions[0] (rep -> lead): requirements.tenure_months: expected a whole number, "
            "got a table",
        ),
    ],
)
def test_structuring_errors_name_record_field_found_and_wanted(
    edit: tuple[str, str], needle: str
) -> None:
    found = problems_of(replace(MINI, edit))
    assert any(needle in p for p in found), found
    assert not any("unknown error" in p for p in found)


# ------------------------------------------------------------------ query arguments
G = supportladder.loads(MINI)


@pytest.mark.parametrize(
    ("call", "argument", "shown"),
    [
        (lambda: supportladder.shortest_path(G, "rep", "manager", kinds=5), "kinds", "int 5"),
        (lambda: supportladder.shortest_path(G, "rep", "manager", avoid=5), "avoid", "int 5"),
        (lambda: supportladder.reachable_roles(G, "rep", kinds=5), "kinds", "int 5"),
        (lambda: supportladder.chokepoints(G, kinds=5), "kinds", "int 5"),
        (lambda: supportladder.bottlenecks(G, "rep", "manager", avoid=5), "avoid", "int 5"),
        (
            lambda: supportladder.shortest_path(G, {"communication": 10**40}, "manager"),
            "profile",
            "(an integer of 41 digits)",
        ),
        (
            lambda: supportladder.reachable_roles(G, "rep", budget=10**400),
            "budget",
            "(an integer of 401 digits)",
        ),
        (
            lambda: supportladder.shortest_path(G, "rep", "manager", max_step_cost=10**400),
            "max_step_cost",
            "(an integer of 401 digits)",
        ),
        (
            lambda: supportladder.shortest_path(G, "rep", "manager", max_step_cost="x"),
            "max_step_cost",
            "str 'x'",
        ),
        (lambda: supportladder.reachable_roles(G, "rep", budget=float("nan")), "budget", "nan"),
        (
            lambda: supportladder.shortest_path(G, "rep", "manager", weight=lambda u, v, d: 1e308),
            "weight",
            "1e+308",
        ),
    ],
)
def test_bad_query_arguments(call: object, argument: str, shown: str) -> None:
    with pytest.raises(supportladder.QueryArgumentError) as info:
        call()  # type: ignore[operator]
    assert info.value.argument == argument
    assert str(info.value).startswith(argument)
    assert shown in str(info.value)
    again = pickle.loads(pickle.dumps(info.value))
    assert (str(again), again.argument) == (str(info.value), argument)


def test_cli_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["-g", str(DATA / "mini.toml")]
    assert main(["path", "rep", "manager", "--avoid", "salary", *argv]) == 2
    assert capsys.readouterr().err.startswith("supportladder: error: --avoid: unknown requirement")
    assert main(["path", "rep", "manager", "--alternatives", "100000", *argv]) == 2
    assert capsys.readouterr().err.startswith("supportladder: error: --alternatives must be")
    for flag, command in (("--budget", "reachable"), ("--max-step-cost", "path")):
        for value in ("nan", "inf", "-1", "1e400", "cheap"):
            ends = ["rep"] if command == "reachable" else ["rep", "manager"]
            with pytest.raises(SystemExit) as info:
                main([command, *ends, flag, value, *argv])
            assert info.value.code == 2
            assert f"argument {flag}: expected " in capsys.readouterr().err
