"""Every command line the README and docs/cli.md show works as shown.

docs/cli.md is generated from the parser, so its command lines are the examples of each
command's help (``cli/_help.py``). README lines are read from the file: concrete ones
are run; synopsis lines (``FROM TO [--budget X]``) are checked against the parser (every
option exists, takes the arguments shown) and run with sample values put in.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
from pathlib import Path

import pytest

from supportladder.cli import build_parser, main
from supportladder.cli._help import ABOUT

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

NEEDS_DATA = {
    ("import", "onet"): "needs an O*NET release (see the README for SUPPORTLADDER_ONET)",
    ("import", "esco"): "needs an ESCO CSV download",
}
SAMPLES = {
    "FROM": "Customer Support Representative",
    "TO": "Chief Customer Officer",
    "FILE...": "my-ladder.toml",
    "FILE": "my-ladder.toml",
    "G": "support-ladder",
    "K": "2",
    "X": "20",
    "N": "2",
    "S": "1",
    "F": "out.json",
    "F.png|.svg|.pdf": "out.png",
    "FILE.toml": "out.toml",
    "DIR": "release-folder",
}


def _lines(text: str) -> list[str]:
    """Return the ``supportladder ...`` command lines of a markdown text."""
    found = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.split(" # ")[0].strip()
                if part.startswith("supportladder "):
                    found.append(part)
    found += [m for m in re.findall(r"`(supportladder [^`]+)`", text) if "COMMAND" not in m]
    return list(dict.fromkeys(found))


def readme_lines() -> list[str]:
    return _lines((ROOT / "README.md").read_text(encoding="utf-8"))


def cli_md_lines() -> list[str]:
    return [line for _, examples in ABOUT.values() for line in examples]


def is_synopsis(line: str) -> bool:
    return "[" in line or any(t in SAMPLES for t in shlex.split(line)[1:])


def _subparser(words: list[str]) -> tuple[argparse.ArgumentParser, list[str], list[str]]:
    """Return the parser of the (sub)command a line names, its words, and the rest."""
    parser: argparse.ArgumentParser = build_parser()
    used: list[str] = []
    rest = list(words)
    while rest:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or rest[0] not in subs[0].choices:
            break
        used.append(rest.pop(0))
        parser = subs[0].choices[used[-1]]
    return parser, used, rest


def check_synopsis(line: str) -> list[str]:
    """Return how a synopsis line disagrees with the parser (empty when it agrees)."""
    tokens = [t.strip("[]") for t in shlex.split(line.replace("[", " [ ").replace("]", " ] "))]
    tokens = [t for t in tokens[1:] if t]
    parser, _, rest = _subparser(tokens)
    options = {o: a for a in parser._actions for o in a.option_strings}
    problems = []
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if not token.startswith("-"):
            continue
        action = options.get(token)
        if action is None:
            problems.append(f"{token}: no such option")
            continue
        wanted = 0 if action.nargs == 0 else action.nargs if isinstance(action.nargs, int) else 1
        shown = rest[i : i + wanted]
        i += wanted
        for value in shown:
            if value.endswith("...") and action.nargs not in ("+", "*"):
                problems.append(f"{token} {value}: takes one value (comma-separated), not several")
            if action.choices and "|" in value and set(value.split("|")) != set(action.choices):
                problems.append(f"{token} {value}: the choices are {sorted(action.choices)}")
    return problems


def concrete(line: str) -> list[str]:
    """Return the argv of a line, sample values in place of placeholders."""
    words = [w for w in shlex.split(line.replace("[", " ").replace("]", " "))[1:] if w]
    out = []
    for w in words:
        if w in SAMPLES:
            out.append(SAMPLES[w])
        elif "|" in w and not w.startswith("-"):
            out.append(w.split("|")[0])
        else:
            out.append(w)
    return out


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(DATA / "mini.toml", tmp_path / "my-ladder.toml")
    (tmp_path / "moves.csv").write_text(
        "from,to,count\nsupport-technician,customer-support-representative,12\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "_static").mkdir(parents=True)
    return tmp_path


def run_line(line: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = concrete(line)
    _, used, _ = _subparser(argv)
    if tuple(used) in NEEDS_DATA:
        pytest.skip(NEEDS_DATA[tuple(used)])
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 0, (line, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("line", [x for x in readme_lines() if is_synopsis(x)])
def test_readme_synopsis_agrees_with_the_parser(line: str) -> None:
    assert check_synopsis(line) == []


@pytest.mark.parametrize("line", readme_lines())
def test_readme_command_lines_run(
    line: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_line(line, capsys)


@pytest.mark.parametrize("line", cli_md_lines())
def test_cli_reference_examples_run(
    line: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not is_synopsis(line), "examples are concrete command lines"
    run_line(line, capsys)


def test_the_readme_shows_every_command() -> None:
    shown = {tuple(_subparser(concrete(x))[1])[:1] for x in readme_lines()}
    assert {(name,) for name in ABOUT} <= shown


def test_a_wrong_synopsis_is_caught() -> None:
    assert check_synopsis("supportladder plot [--kinds K...] -o F.png") == [
        "--kinds K...: takes one value (comma-separated), not several"
    ]
    assert check_synopsis("supportladder path FROM TO [--fast]") == ["--fast: no such option"]
    assert check_synopsis("supportladder export --format dot|svg") == [
        "--format dot|svg: the choices are ['dot', 'graphml', 'html', 'json', 'mermaid']"
    ]
