"""Role references: suggestions ranked by the best match per role, shared names listed."""

from __future__ import annotations

import pickle

import pytest

import supportladder
import supportladder.graph
from supportladder import CareerGraph, Role
from supportladder.errors import AmbiguousRoleError, RoleNotFoundError


def suggestions(g: CareerGraph, ref: str) -> tuple[str, ...]:
    with pytest.raises(RoleNotFoundError) as caught:
        g.role(ref)
    return caught.value.suggestions


def role_of(g: CareerGraph, name: str) -> str:
    return g.role(name).id


@pytest.fixture(scope="module")
def careers() -> CareerGraph:
    return supportladder.load("support-careers")


def test_a_typo_and_a_cut_word_suggest_the_role(careers: CareerGraph) -> None:
    found = suggestions(careers, "Customer Suport Rep")
    assert found[0] == "Customer Support Representative"


def test_a_misspelt_manager_ranks_a_manager_first(careers: CareerGraph) -> None:
    found = suggestions(careers, "support manger")
    assert "manager" in found[0].casefold()


def test_one_role_takes_at_most_one_slot(careers: CareerGraph) -> None:
    for ref in ("Team Laed", "Customer Suport Rep", "support manger", "vp support", "Suport"):
        roles = [role_of(careers, name) for name in suggestions(careers, ref)]
        assert len(roles) == len(set(roles)), (ref, roles)
        assert len(roles) <= 3


def test_initials_suggest_every_role_they_abbreviate(careers: CareerGraph) -> None:
    found = {role_of(careers, name) for name in suggestions(careers, "CSR")}
    assert found == {
        "customer-support-representative",
        "customer-service-representative",
        "customer-success-representative",
    }


def test_suggestions_are_names_the_lookup_accepts(careers: CareerGraph) -> None:
    for ref in ("Team Laed", "CSR", "chief customer oficer", "directr of support"):
        for name in suggestions(careers, ref):
            assert careers.role(name)  # every suggestion resolves


def test_nothing_close_suggests_nothing(careers: CareerGraph) -> None:
    assert suggestions(careers, "zzzz qqqq") == ()


def test_a_name_shared_by_several_roles_lists_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    # Validation rejects shared names in files today; imported graphs may keep them (an ESCO
    # alias of several occupations), so the lookup must not pick one at random.
    monkeypatch.setattr(supportladder.graph, "check_records", lambda *a: [])
    g = CareerGraph(
        "g",
        roles=[
            Role("clerk", "Clerk", 1),
            Role("filing-clerk", "Filing Clerk", 1, aliases=["clerk"]),
            Role("shop-clerk", "Shop Clerk", 1, aliases=["Clerk"]),
        ],
    )
    with pytest.raises(AmbiguousRoleError) as caught:
        g.role("CLERK")
    exc = caught.value
    assert isinstance(exc, RoleNotFoundError)
    assert exc.candidates == (
        "Clerk (clerk)",
        "Filing Clerk (filing-clerk)",
        "Shop Clerk (shop-clerk)",
    )
    for candidate in exc.candidates:
        assert candidate in str(exc)
    assert g.role("filing-clerk").id == "filing-clerk"  # the id still picks one
    again = pickle.loads(pickle.dumps(exc))
    assert str(again) == str(exc)
