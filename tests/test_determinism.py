"""The same inputs give byte-identical output across runs and across hash seeds."""

import hashlib
import os
import subprocess
import sys

import pytest

SCRIPT = """
import hashlib, sys
import supportladder
from supportladder import export
out = []
for name in supportladder.bundled():
    g = supportladder.load(name)
    out.append(supportladder.dumps(g))
    for fn in ("to_json", "to_dot", "to_mermaid", "to_graphml"):
        if hasattr(export, fn):
            out.append(getattr(export, fn)(g))
sys.stdout.write(hashlib.sha256("\\x00".join(out).encode()).hexdigest())
"""


def digest(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("seeds", [("0", "1", "12345")])
def test_outputs_do_not_depend_on_hash_seed(seeds: tuple[str, ...]) -> None:
    digests = {digest(seed) for seed in seeds}
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())


CLI_SCRIPT = """
import contextlib, io, sys
from supportladder.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    for argv in (
        ["path", "Customer Support Representative", "CCO", "--alternatives", "3", "--json"],
        ["reachable", "Support Technician", "--budget", "30", "--json"],
        ["bottlenecks", "Customer Support Representative", "CCO", "--json"],
        ["chokepoints", "--json"],
        ["roles", "--json"],
    ):
        main(argv)
sys.stdout.write(out.getvalue())
"""


def test_query_output_does_not_depend_on_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "7", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", CLI_SCRIPT], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert '"paths"' in next(iter(outputs))
