"""No unsafe parsers, no code evaluation, no network."""

import ast
import socket
from pathlib import Path

import pytest

import supportladder

SRC = Path(supportladder.__file__).parent
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "socket", "urllib", "http", "requests"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def violations(text: str) -> list[str]:
    """Return every forbidden import or call in Python source text."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found.extend(f"import {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES)
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if call and node.func.id in FORBIDDEN_CALLS:  # type: ignore[attr-defined]
            found.append(f"line {node.lineno}: {node.func.id}()")  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_unsafe_imports_or_calls(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


def test_the_checker_catches_violations() -> None:
    bad = "import pickle\nfrom urllib.request import urlopen\neval('1')\n"
    assert violations(bad) == ["import pickle", "import urllib.request", "line 3: eval()"]


def test_everything_works_without_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mini_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("supportladder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    g = supportladder.load()
    path = supportladder.shortest_path(g, "Customer Support Representative", "CCO")
    assert path.roles[-1] == "chief-customer-officer"
    supportladder.bottlenecks(g, path.roles[0], path.roles[-1])
    supportladder.save(g, tmp_path / "g.toml")
    from supportladder import export

    assert export.from_json(export.to_json(g)) == g
    from supportladder.plot import plot_graph

    fig, _ = plot_graph(supportladder.load(mini_path))
    fig.savefig(tmp_path / "g.png")
    import matplotlib.pyplot as plt

    plt.close(fig)
