"""The interactive HTML map: self-contained, small, and right in a real headless Chromium."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import supportladder
from supportladder.cli import main
from supportladder.errors import NoPathError
from supportladder.export import to_html
from supportladder.queries import shortest_path


def data_of(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="sl-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", supportladder.bundled())
def test_page_is_self_contained_and_small(name: str) -> None:
    g = supportladder.load(name)
    page = to_html(g)
    assert len(page.encode("utf-8")) < 1_000_000
    assert "https://" not in page
    assert set(re.findall(r"http://[^\"' ]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", page)
    data = data_of(page)
    assert {r["id"] for r in data["roles"]} == {r.id for r in g.roles}
    assert len(data["moves"]) == len(g.transitions)


def test_costs_are_embedded_exactly() -> None:
    g = supportladder.load("support-careers")
    data = data_of(to_html(g))
    k = data["denominator_bits"]
    for move in data["moves"]:
        exact = Fraction(int(move["num"]), 1 << k)
        assert exact == Fraction(g.weight(move["source"], move["target"]))


def test_titles_are_escaped() -> None:
    g = supportladder.CareerGraph(
        "evil",
        title="</script><script>alert(1)</script>",
        roles=[supportladder.Role("a", "<b>A</b> & </script>", 1)],
    )
    page = to_html(g)
    assert page.count("<script") == 2  # the data block and the map's own script
    assert data_of(page)["roles"][0]["title"] == "<b>A</b> & </script>"


def test_to_html_writes_the_file_and_the_cli_too(tmp_path: Path) -> None:
    g = supportladder.load("support-ladder")
    target = tmp_path / "map.html"
    page = to_html(g, path=target)
    assert target.read_text(encoding="utf-8") == page
    out = tmp_path / "cli.html"
    assert main(["export", "--format", "html", "-g", "support-ladder", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page


# ---------------------------------------------------------------------- in a browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def open_map(browser: Any, tmp_path: Path, name: str) -> supportladder.CareerGraph:
    g = supportladder.load(name)
    target = tmp_path / f"{name}.html"
    to_html(g, path=target)
    browser.get(target.as_uri())
    return g


def severe(browser: Any) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def expected(g: supportladder.CareerGraph, a: str, b: str) -> list[str] | None:
    try:
        return list(shortest_path(g, a, b).roles)
    except NoPathError:
        return None


@pytest.mark.parametrize("name", supportladder.bundled())
def test_map_in_chromium(browser: Any, tmp_path: Path, name: str) -> None:
    from selenium.webdriver.common.by import By

    g = open_map(browser, tmp_path, name)
    assert severe(browser) == []
    roles = browser.find_elements(By.CSS_SELECTOR, "g.sl-role")
    assert sorted(r.get_attribute("data-id") for r in roles) == sorted(r.id for r in g.roles)
    assert all(r.is_displayed() for r in roles)
    # every pair: the page's Dijkstra agrees with shortest_path, ties included
    ids = [r.id for r in g.roles]
    answers = browser.execute_script(
        "var ids = arguments[0], out = {};"
        "ids.forEach(function (a) { ids.forEach(function (b) {"
        "  if (a !== b) { out[a + ' ' + b] = window.supportladderMap.cheapest(a, b); } }); });"
        "return out;",
        ids,
    )
    for a, b in itertools.permutations(ids, 2):
        assert answers[f"{a} {b}"] == expected(g, a, b), (a, b)
    # a scripted click on two roles highlights that route
    pairs = [(a, b) for a, b in itertools.permutations(ids, 2) if expected(g, a, b)]
    a, b = max(pairs, key=lambda p: (len(expected(g, *p) or []), p))
    by_id = {r.get_attribute("data-id"): r for r in roles}
    by_id[a].click()
    by_id[b].click()
    route = expected(g, a, b)
    assert route is not None
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-route") == " ".join(route)
    lit = browser.find_elements(By.CSS_SELECTOR, "path.sl-move.sl-on-route")
    steps = {(p.get_attribute("data-source"), p.get_attribute("data-target")) for p in lit}
    assert steps == set(itertools.pairwise(route))
    panel = browser.find_element(By.ID, "sl-panel").text
    assert g.role(b).title in panel
    assert "Skills" in panel
    assert severe(browser) == []


def test_kind_filter_in_chromium(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    g = open_map(browser, tmp_path, "support-careers")
    browser.find_element(By.CSS_SELECTOR, "input.sl-kind[value='lateral']").click()
    hidden = browser.find_elements(By.CSS_SELECTOR, "path.sl-lateral")
    assert hidden
    assert not any(p.is_displayed() for p in hidden)
    a, b = "customer-support-representative", "customer-success-manager"
    got = browser.execute_script(
        "return window.supportladderMap.cheapest(arguments[0], arguments[1])", a, b
    )
    kinds = ["upward", "cross-industry"]
    try:
        want = list(shortest_path(g, a, b, kinds=kinds).roles)
    except NoPathError:
        want = None
    assert got == want
    assert severe(browser) == []
