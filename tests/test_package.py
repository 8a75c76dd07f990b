"""The top-level package: what ``import supportladder`` loads, and what it reaches lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import supportladder


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_leaves_heavy_dependencies_unloaded() -> None:
    loaded = run(
        "import sys, supportladder; "
        "print(' '.join(m for m in ('matplotlib', 'cattrs', 'hypothesis', 'scipy', "
        "'attrs', 'supportladder.model', 'supportladder.graph', "
        "'supportladder.io', 'supportladder.queries', 'supportladder.plot') if m in sys.modules))"
    )
    assert loaded == ""


def test_submodules_and_names_load_on_first_use() -> None:
    out = run(
        "import sys, supportladder\n"
        "g = supportladder.load('support-ladder')\n"
        "top = 'vice-president-of-customer-support'\n"
        "assert 'supportladder.io' in sys.modules and 'matplotlib' not in sys.modules\n"
        "p = supportladder.queries.shortest_path(g, 'support-technician', top)\n"
        "assert supportladder.io.dumps(g) == supportladder.dumps(g)\n"
        "assert supportladder.export.to_mermaid(g).startswith('flowchart')\n"
        "fig, ax = supportladder.plot.plot_path(g, p)\n"
        "print(len(p.roles), 'matplotlib' in sys.modules)"
    )
    assert out == "8 True"


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in supportladder.__all__:
        assert getattr(supportladder, name) is not None
    assert set(supportladder.__all__) <= set(dir(supportladder))
    assert supportladder.queries is sys.modules["supportladder.queries"]


def test_unknown_attribute_names_the_module() -> None:
    with pytest.raises(AttributeError, match="module 'supportladder' has no attribute 'nope'"):
        supportladder.nope  # noqa: B018
