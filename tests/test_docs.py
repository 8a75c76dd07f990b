"""The docs tell the truth: every validation message in docs/graph-format.md is the loader's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import supportladder
from supportladder.errors import GraphFileError

DOC = Path(__file__).resolve().parents[1] / "docs" / "graph-format.md"

R = '[[roles]]\nid = "rep"\ntitle = "Rep"\nlevel = 1\n'
R2 = R + '[[roles]]\nid = "lead"\ntitle = "Lead"\nlevel = 2\n'
SKILL = '[[skills]]\nid = "communication"\nname = "Communication"\n'
G = 'name = "t"\n'
X = '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 3\n'
T = '[[transitions]]\nsource = "rep"\ntarget = "lead"\n'

# problem (first column of the doc's tables) -> graph text, or a callable making a file
CASES: dict[str, object] = {
    "TOML syntax error": 'name = "t"\n\nfoo bar\n',
    "unknown top-level key": G + "salary = 1\n" + R,
    "no name": R,
    "no roles": G,
    "name not kebab-case": 'name = "Broken Ladder"\n' + R,
    "an integer too long to read": G + '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 1' + "0" * 5000,
    "wrong type (table)": G + R2 + T + 'requirements = "degree"\n',
    "wrong type (nested)": G + R2 + T + 'requirements = { certifications = [["x"]] }\n',
    "number too large": G + '[[roles]]\nid = "x"\ntitle = "X"\nlevel = ' + "1" * 400 + "\n",
    "id too long": G + '[[roles]]\nid = "' + "a" * 101 + '"\ntitle = "X"\nlevel = 1\n',
    "unknown category": G + SKILL + 'category = "soft"\n' + R,
    "importance too large": G + SKILL + "importance = 1e308\n" + R,
    "skill level of the wrong type": G + SKILL + X + "skills = { communication = { a = 1 } }\n",
    "a section of the wrong shape": G + "roles = 3\n",
    "unknown key": G + R + "salary = 3\n",
    "missing key": G + '[[roles]]\ntitle = "X"\nlevel = 3\n',
    "wrong type": G + '[[roles]]\nid = "x"\ntitle = "X"\nlevel = "3"\n',
    "wrong type (array)": G + R + 'aliases = "Rep"\n',
    "empty text": G + '[[roles]]\nid = "rep"\ntitle = ""\nlevel = 1\n',
    "bad id": G + '[[roles]]\nid = "Team Lead"\ntitle = "X"\nlevel = 3\n',
    "non-finite number": G + "[weighting]\nbase_cost = nan\n" + R,
    "negative number": G + SKILL + "importance = -1\n" + R,
    "scale not a table": G + "scale = 3\n" + R,
    "two level names, one number": G + "[scale]\nlow = 0\nhigh = 0\n" + R,
    "unknown weighting key": G + "[weighting]\nbase = 1\n" + R,
    "negative weighting": G + "[weighting]\nbase_cost = -1\n" + R,
    "gap exponent below 1": G + "[weighting]\ngap_exponent = 0.5\n" + R,
    "gap exponent above 4": G + "[weighting]\ngap_exponent = 9\n" + R,
    "weights would overflow": G + "[weighting]\nbase_cost = 1e308\n" + R,
    "duplicate skill id": G + SKILL + SKILL + R,
    "duplicate role id": G + R + '[[roles]]\nid = "rep"\ntitle = "Rep2"\nlevel = 3\n',
    "ambiguous name": G
    + R
    + '[[roles]]\nid = "lead"\ntitle = "Team Lead"\nlevel = 2\n'
    + '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 3\naliases = ["team lead"]\n',
    "level out of range": G + '[[roles]]\nid = "rep"\ntitle = "Rep"\nlevel = 0\n',
    "unknown skill": G + SKILL + X + 'skills = { comunication = "good" }\n',
    "skill level not on the scale": G + SKILL + X + 'skills = { communication = "superb" }\n',
    "skill level outside the scale": G + SKILL + X + "skills = { communication = 9 }\n",
    "unknown inherited role": G + R + 'inherits = ["boss"]\n',
    "inheriting itself": G + R + 'inherits = ["rep"]\n',
    "inheritance cycle": G
    + '[[roles]]\nid = "x"\ntitle = "X"\nlevel = 3\ninherits = ["y"]\n'
    + '[[roles]]\nid = "y"\ntitle = "Y"\nlevel = 3\ninherits = ["x"]\n',
    "bad Holland code": G + R + 'holland = "SXE"\n',
    "Holland letter twice": G + R + 'holland = "SS"\n',
    "unknown role": G + R2 + '[[transitions]]\nsource = "rep"\ntarget = "laed"\n',
    "self-loop": G + R2 + '[[transitions]]\nsource = "rep"\ntarget = "rep"\nkind = "lateral"\n',
    "duplicate move": G + R2 + T + T,
    "upward not up": G + R2 + '[[transitions]]\nsource = "lead"\ntarget = "rep"\n',
    "unknown kind": G + R2 + T + 'kind = "promotion"\n',
    "unknown requirement": G + R2 + T + "requirements = { salary = 3 }\n",
    "negative tenure": G + R2 + T + "requirements = { tenure_months = -3 }\n",
    "tenure too long": G + R2 + T + "requirements = { tenure_months = 6000 }\n",
    "one alternative": G + R2 + T + "requirements = { any_of = [{ tenure_months = 3 }] }\n",
    "empty alternative": G + R2 + T + "requirements = { any_of = [{ tenure_months = 3 }, {}] }\n",
    "unknown advantage": G + R2 + T + "advantages = { salary = 3 }\n",
}
FILE_CASES = ("file missing", "a folder", "file too large", "not UTF-8")


def _documented() -> dict[str, str]:
    """Return {problem: example message} from the doc's validation tables."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## What validation reports") : text.index("## Saving")]
    rows = {}
    for line in section.splitlines():
        m = re.fullmatch(r"\| (.+?) \| `(.+)` \|", line.strip())
        if m and m.group(1) not in ("problem", "---"):
            rows[m.group(1)] = m.group(2)
    return rows


def _lines(load) -> list[str]:
    with pytest.raises(GraphFileError) as info:
        load()
    return str(info.value).splitlines()[1:]


def _matches(message: str, lines: list[str]) -> bool:
    pattern = ".*".join(re.escape(part) for part in message.split("..."))
    return any(re.search(": " + pattern + "$", line) for line in lines)


def test_every_documented_problem_is_tested():
    assert set(_documented()) == set(CASES) | set(FILE_CASES)


@pytest.mark.parametrize("problem", sorted(CASES))
def test_documented_message_is_the_loaders(problem):
    message = _documented()[problem]
    lines = _lines(lambda: supportladder.loads(CASES[problem], path="ladder.toml"))
    assert _matches(message, lines), f"{problem}: {message!r} not in {lines!r}"


@pytest.mark.parametrize("problem", FILE_CASES)
def test_documented_file_message_is_the_loaders(problem, tmp_path):
    path = tmp_path / "ladder.toml"
    if problem == "a folder":
        path.mkdir()
    elif problem == "file too large":
        with path.open("wb") as f:
            f.truncate(70_000_000)  # sparse: no 70 MB written
    elif problem == "not UTF-8":
        path.write_bytes(b'name = "t"\ntitle = "\xff"\n')
    message = _documented()[problem]
    lines = _lines(lambda: supportladder.load(path))
    assert _matches(message, lines), f"{problem}: {message!r} not in {lines!r}"
