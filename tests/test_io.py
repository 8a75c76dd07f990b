import os
import stat
from pathlib import Path

import pytest

import supportladder
from supportladder import CareerGraph, GraphFileError
from supportladder.model import Scale, Weighting

HEAD = """
name = "t"
[[skills]]
id = "communication"
name = "Communication"
[[roles]]
id = "rep"
title = "Rep"
level = 1
skills = { communication = "good" }
[[roles]]
id = "lead"
title = "Team Lead"
level = 2
"""


def load_text(tmp_path: Path, text: str, name: str = "g.toml") -> CareerGraph:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return supportladder.load(path)


def problems_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(GraphFileError) as info:
        load_text(tmp_path, text)
    message = str(info.value)
    # every line names the file
    for line in message.splitlines():
        assert str(tmp_path / "g.toml") in line
    return message


@pytest.mark.parametrize(
    ("extra", "record", "expected"),
    [
        (
            '[[transitions]]\nsource = "rep"\ntarget = "laed"\nkind = "upward"\n',
            "transitions[0] (rep -> laed)",
            "target: unknown role 'laed'; use the id of a role in this file; did you mean 'lead'?",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = 3\nskills = { comunication = 2 }\n',
            'roles[2] (id "mgr")',
            "skills: unknown skill 'comunication'; declare it under [[skills]] or fix the id; "
            "did you mean 'communication'?",
        ),
        (
            '[[roles]]\nid = "rep"\ntitle = "Second Rep"\nlevel = 1\n',
            'roles[2] (id "rep")',
            "duplicate role id 'rep' (first at roles[0])",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = 3\nskills = { communication = 9 }\n',
            'roles[2] (id "mgr")',
            "skills.communication: level 9 is outside the scale 0 to 4",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = 3\n'
            'skills = { communication = "superb" }\n',
            'roles[2] (id "mgr")',
            "skills.communication: level 'superb' is not on the scale",
        ),
        (
            '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 3\ninherits = ["y"]\n'
            '[[roles]]\nid = "y"\ntitle = "Y"\nlevel = 3\ninherits = ["x"]\n',
            'roles[2] (id "x")',
            "inheritance cycle x -> y -> x",
        ),
        (
            '[[transitions]]\nsource = "rep"\ntarget = "rep"\nkind = "lateral"\n',
            "transitions[0] (rep -> rep)",
            "self-loop is not a career move",
        ),
        (
            '[[transitions]]\nsource = "lead"\ntarget = "rep"\nkind = "upward"\n',
            "transitions[0] (lead -> rep)",
            "an upward move must go to a higher level, but 'lead' is at level 2 and 'rep' at "
            "level 1; make it 'lateral' or fix the levels",
        ),
        (
            '[[transitions]]\nsource = "rep"\ntarget = "lead"\nkind = "promotion"\n',
            "transitions[0] (rep -> lead)",
            "kind 'promotion' is not one of 'upward', 'lateral', 'cross-industry'",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = "3"\n',
            'roles[2] (id "mgr")',
            "level: expected a whole number, got a string '3'",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = 3\naliases = "boss"\n',
            'roles[2] (id "mgr")',
            "aliases: expected an array of strings, got a string 'boss'",
        ),
        (
            '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = 3\nsalary = 10\n',
            'roles[2] (id "mgr")',
            "unknown key 'salary'; allowed keys are id, title, level",
        ),
        (
            '[[transitions]]\nsource = "rep"\ntarget = "lead"\n'
            'requirements = { tenure_months = 12.5, degree = "ba" }\n',
            "transitions[0] (rep -> lead)",
            "requirements.tenure_months: expected a whole number, got a decimal number 12.5",
        ),
        (
            '[[transitions]]\nsource = "rep"\ntarget = "lead"\n'
            '[[transitions]]\nsource = "rep"\ntarget = "lead"\nkind = "upward"\n',
            "transitions[1] (rep -> lead)",
            "duplicate move (first at transitions[0])",
        ),
        (
            '[[roles]]\nid = "boss"\ntitle = "team lead"\nlevel = 3\n',
            'roles[2] (id "boss")',
            "the name 'team lead' also names roles[1] (id 'lead')",
        ),
        (
            '[[roles]]\ntitle = "Manager"\nlevel = 3\n',
            "roles[2]",
            "id: required key missing; add it",
        ),
    ],
)
def test_each_bad_input_names_file_record_and_fix(
    tmp_path: Path, extra: str, record: str, expected: str
) -> None:
    message = problems_of(tmp_path, HEAD + extra)
    assert f"{tmp_path / 'g.toml'}: {record}: " in message
    assert expected in message


def test_all_problems_are_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = HEAD + (
        '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = "3"\n'
        '[[transitions]]\nsource = "rep"\ntarget = "ghost"\n'
        '[[transitions]]\nsource = "lead"\ntarget = "rep"\nkind = "upward"\n'
    )
    with pytest.raises(GraphFileError) as info:
        load_text(tmp_path, text)
    records = [p.record for p in info.value.problems]
    assert records == [
        'roles[2] (id "mgr")',
        "transitions[0] (rep -> ghost)",
        "transitions[1] (lead -> rep)",
    ]
    assert str(info.value).startswith(f"{tmp_path / 'g.toml'}: 3 problems found")


def test_reference_to_a_malformed_role_is_not_reported_twice(tmp_path: Path) -> None:
    text = HEAD + (
        '[[roles]]\nid = "mgr"\ntitle = "Manager"\nlevel = "3"\n'
        '[[transitions]]\nsource = "lead"\ntarget = "mgr"\nkind = "upward"\n'
    )
    with pytest.raises(GraphFileError) as info:
        load_text(tmp_path, text)
    assert len(info.value.problems) == 1


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    message = problems_of(tmp_path, 'name = "t"\n[[roles]]\nid = "rep\n')
    assert "TOML syntax error" in message
    assert "line 3" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(b'name = "t"\ntitle = "\xff"\n')
    with pytest.raises(GraphFileError, match=r"not UTF-8 text \(byte 0xff at line 2\)"):
        supportladder.load(path)


def test_missing_name_and_roles(tmp_path: Path) -> None:
    message = problems_of(tmp_path, 'title = "no name"\n')
    assert "name: required" in message
    assert "roles: required" in message


def test_wrong_top_level_types(tmp_path: Path) -> None:
    message = problems_of(tmp_path, 'name = 3\nroles = "rep"\nscale = { a = 1, b = 1 }\n')
    assert "name: expected a non-empty string, got an integer 3" in message
    assert "roles: expected an array of tables ([[roles]]), got a string" in message
    assert "scale: scale levels must have distinct values" in message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    message = problems_of(tmp_path, "edges = []\n" + HEAD)
    assert "unknown top-level key 'edges'" in message


def test_non_finite_numbers(tmp_path: Path) -> None:
    message = problems_of(
        tmp_path, HEAD.replace('name = "t"', 'name = "t"\n[weighting]\nbase_cost = nan')
    )
    assert "weighting: base_cost must be a finite number, got nan" in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="file not found"):
        supportladder.load(tmp_path / "nope.toml")
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    with pytest.raises(GraphFileError, match="is a folder"):
        supportladder.load(folder)


def test_unknown_bundled_name_lists_the_bundled() -> None:
    with pytest.raises(
        GraphFileError,
        match=r"no bundled graph named 'suport-ladder' \(did you mean 'support-ladder'",
    ):
        supportladder.load("suport-ladder")


def test_oversized_file_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supportladder.io, "MAX_FILE_BYTES", 10)
    with pytest.raises(GraphFileError, match="over the 10-byte limit"):
        load_text(tmp_path, HEAD)


def test_custom_scale_and_weighting(tmp_path: Path) -> None:
    text = (
        'name = "onet-like"\n[scale]\nlow = 0\nmid = 3.5\nhigh = 7\n'
        "[weighting]\nbase_cost = 0.5\nsurplus_penalty = 0.25\n"
        '[[skills]]\nid = "a"\nname = "A"\nimportance = 2\n'
        '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 1\nskills = { a = "mid" }\n'
        '[[roles]]\nid = "y"\ntitle = "Y"\nlevel = 2\nskills = { a = 6.5 }\n'
        '[[transitions]]\nsource = "x"\ntarget = "y"\nkind = "upward"\n'
    )
    g = load_text(tmp_path, text)
    assert g.scale == Scale({"low": 0, "mid": 3.5, "high": 7})
    assert g.weighting == Weighting(base_cost=0.5, surplus_penalty=0.25)
    assert g.weight("x", "y") == pytest.approx(0.5 + 2 * 3**2)
    assert g.weight("y", "x") == pytest.approx(0.5 + 0.25 * 2 * 3**2)


def test_round_trip_mini(mini: CareerGraph, tmp_path: Path) -> None:
    target = tmp_path / "copy.toml"
    supportladder.save(mini, target)
    assert supportladder.load(target) == mini
    assert supportladder.loads(supportladder.dumps(mini)) == mini
    # levels are written by name where the scale has one
    assert 'communication = "good"' in target.read_text(encoding="utf-8")


def test_round_trip_awkward_text(tmp_path: Path, mini: CareerGraph) -> None:
    role = mini.roles[0]
    odd = role.__class__(
        "odd",
        'Quote " backslash \\ tab \t newline \n del \x7f 中文',
        1,
        aliases=("a.b", "key = value"),
        titles={"zh-Hant": "客服", "en GB": "x"},
        description="multi\nline",
    )
    g = mini.evolve(roles=[*mini.roles, odd])
    assert supportladder.loads(supportladder.dumps(g)) == g


def test_save_is_atomic(mini: CareerGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep.toml"
    target.write_text("original", encoding="utf-8")

    def crash(fd: int) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk on fire"):
        supportladder.save(mini, target)
    assert target.read_text(encoding="utf-8") == "original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.toml"]


def test_save_keeps_permissions(mini: CareerGraph, tmp_path: Path) -> None:
    target = tmp_path / "perm.toml"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o600)
    supportladder.save(mini, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert supportladder.load(target) == mini


def test_load_sees_a_changed_file(tmp_path: Path) -> None:
    first = load_text(tmp_path, HEAD)
    assert first.name == "t"
    path = tmp_path / "g.toml"
    path.write_text(HEAD.replace('name = "t"', 'name = "changed-name"'), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    assert supportladder.load(path).name == "changed-name"
