"""Fuzz the query arguments: any value of any type answers or raises a QueryArgumentError.

Every query takes arguments of any type a caller might pass (numbers of any size, NaN,
strings, containers, None); the result is an answer, a NoPathError / RoleNotFoundError, or
a QueryArgumentError naming the argument, never a bare Python error.  The default run tries
a few hundred cases per test; `.ci/run` runs a dedicated pass with
``SUPPORTLADDER_FUZZ_EXAMPLES=10000``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import NoPathError, QueryArgumentError, RoleNotFoundError
from supportladder.cli._common import flag as _flag

EXAMPLES = int(os.environ.get("SUPPORTLADDER_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
G = supportladder.load(Path(__file__).parent / "data" / "mini.toml")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.sampled_from([10**4000, -(10**309), 2**1024, 0, 1, -1, 3]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["upward", "lateral", "sideways", "education", "assessment", "rep", "lead"]),
    st.sampled_from(["communication", "leadership", "good", "excellent", "weight"]),
    st.binary(max_size=4),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), inner, max_size=3),
        st.frozensets(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    ),
    max_leaves=6,
)
ends = st.one_of(st.sampled_from(["rep", "lead", "manager", "account-manager"]), values)

QUERIES: dict[str, tuple[str, ...]] = {
    "shortest_path": ("kinds", "max_step_cost", "avoid", "weight"),
    "alternative_paths": ("k", "kinds", "max_step_cost", "avoid"),
    "reachable_roles": ("budget", "max_steps", "kinds", "max_step_cost", "avoid"),
    "bottlenecks": ("kinds", "max_step_cost", "avoid"),
    "chokepoints": ("top", "kinds", "max_step_cost", "avoid", "sample", "seed"),
}


def answer(call: Callable[[], Any]) -> None:
    """Run a query: it answers, finds no route or role, or names the bad argument."""
    try:
        call()
    except (NoPathError, RoleNotFoundError):
        pass
    except QueryArgumentError as exc:
        message = str(exc)
        assert message.strip()
        assert "\n" not in message
        assert len(message) < 1000, message
        if exc.argument is not None:
            assert message.startswith(exc.argument), message
            assert exc.explain(_flag).startswith(_flag(exc.argument))


def weights() -> st.SearchStrategy[Any]:
    constant = st.one_of(values, st.sampled_from([1e308, 1e300, -1.0, float("nan"), 10**400]))
    return st.one_of(
        values,
        constant.map(lambda v: lambda u, w, d: v),
    )


@FUZZ
@given(st.data())
def test_any_argument_of_any_type(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(QUERIES)))
    query = getattr(supportladder.queries, name)
    chosen = data.draw(st.sets(st.sampled_from(QUERIES[name]), min_size=1, max_size=3))
    kwargs = {key: data.draw(weights() if key == "weight" else values, label=key) for key in chosen}
    if name == "chokepoints":
        answer(lambda: query(G, **kwargs))
    elif name == "reachable_roles":
        answer(lambda: query(G, data.draw(ends), **kwargs))
    else:
        answer(lambda: query(G, data.draw(ends), data.draw(ends), **kwargs))


@FUZZ
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(["communication", "leadership", "ghost"]), scalars),
        values,
        max_size=3,
    ),
    st.sampled_from(["lead", "manager"]),
)
def test_any_profile(profile: dict[Any, Any], target: str) -> None:
    answer(lambda: supportladder.shortest_path(G, profile, target))
    answer(lambda: supportladder.reachable_roles(G, profile, budget=5))
