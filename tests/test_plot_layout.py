"""The slide layout: every bundled graph legible at 16:9, filters, Holland letters, CJK text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from tests.test_plot import all_texts, arrows, assert_legible, role_boxes, role_texts

import supportladder
from supportladder import CareerGraph, Role, Transition, plot
from supportladder.plot import DiagramTooLargeError, FontFallbackWarning, _text, plot_graph
from supportladder.plot._routing import Route
from supportladder.queries import shortest_path


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
@pytest.mark.parametrize("name", supportladder.bundled())
def test_every_bundled_graph_fits_a_slide(name: str, fmt: str, tmp_path: Path) -> None:
    g = supportladder.load(name)
    fig, ax = plot_graph(g)
    assert tuple(fig.get_size_inches()) == plot.SLIDE
    assert len(role_boxes(ax)) == len(g.roles)
    target = tmp_path / f"{name}.{fmt}"
    fig.savefig(target, format=fmt)
    assert target.stat().st_size > 1000
    assert_legible(fig, ax)


def boxes_of(ax: object) -> dict[str, tuple[float, float, float, float]]:
    return {
        rid: (p.get_x(), p.get_y(), p.get_x() + p.get_width(), p.get_y() + p.get_height())
        for rid, p in role_boxes(ax).items()  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("name", supportladder.bundled())
def test_moves_never_run_through_a_box(name: str) -> None:
    from supportladder.plot import _graph

    g = supportladder.load(name)
    captured: dict[tuple[str, str], Route] = {}
    real = _graph.route_moves

    def spy(lay: object, moves: object) -> dict[tuple[str, str], Route]:
        out = real(lay, moves)  # type: ignore[arg-type]
        captured.update(out)
        return out

    pytest.MonkeyPatch().context()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_graph, "route_moves", spy)
        _, ax = plot_graph(g)
    boxes = boxes_of(ax)
    for (a, b), route in captured.items():
        for (x1, y1), (x2, y2) in zip(route.points, route.points[1:], strict=False):
            assert x1 == pytest.approx(x2) or y1 == pytest.approx(y2)  # straight runs
            for rid, (bx0, by0, bx1, by1) in boxes.items():
                if rid in (a, b):
                    continue
                # a run crosses a box if it enters its interior
                lo_x, hi_x = sorted((x1, x2))
                lo_y, hi_y = sorted((y1, y2))
                inside = lo_x < bx1 - 1e-6 and hi_x > bx0 + 1e-6
                inside = inside and lo_y < by1 - 1e-6 and hi_y > by0 + 1e-6
                assert not inside, f"move {a}->{b} runs through {rid}"


def test_merged_graph_route_is_drawn_above_every_other_move() -> None:
    g = supportladder.load("support-careers")
    path = shortest_path(g, "support-technician", "chief-customer-officer")
    fig, ax = plot_graph(g, path=path)
    on_route = arrows(ax, "path:")
    assert list(on_route) == [f"{s.source}->{s.target}" for s in path.steps]
    others = arrows(ax, "move:")
    assert min(a.get_zorder() for a in on_route.values()) > max(
        a.get_zorder() for a in others.values()
    )
    costs = [t for t in ax.texts if str(t.get_gid()).startswith("cost:")]
    assert len(costs) == len(path.steps)
    assert_legible(fig, ax)


def test_focus_keeps_the_neighbourhood() -> None:
    g = supportladder.load("support-careers")
    _, ax = plot_graph(g, focus="support-team-lead", radius=1)
    near = {"support-team-lead"}
    for m in g.transitions:
        if "support-team-lead" in m.key:
            near |= set(m.key)
    assert set(role_boxes(ax)) == near
    _, ax = plot_graph(g, focus="support-team-lead", radius=2)
    assert set(role_boxes(ax)) > near


def test_path_with_context_and_tracks() -> None:
    g = supportladder.load("support-careers")
    path = shortest_path(g, "support-technician", "support-team-lead")
    _, ax = plot_graph(g, path=path, context=0)
    assert set(role_boxes(ax)) == set(path.roles)
    _, ax = plot_graph(g, path=path, context=True)
    assert set(role_boxes(ax)) > set(path.roles)
    _, ax = plot_graph(g, tracks=["success"])
    assert {g.role(r).track for r in role_boxes(ax)} == {"success"}
    with pytest.raises(ValueError, match="tracks: 'nope'"):
        plot_graph(g, tracks=["nope"])
    with pytest.raises(ValueError, match="context: needs a path="):
        plot_graph(g, context=1)
    with pytest.raises(ValueError, match="radius: expected"):
        plot_graph(g, focus="developer", radius=-1)


def big_graph(n: int) -> CareerGraph:
    roles = [Role(f"r{i}", f"Role number {i}", 1 + i % 3, track=f"t{i % 40}") for i in range(n)]
    return CareerGraph("big", roles=roles)


def test_a_large_graph_gets_a_clear_error_and_a_focus_draws() -> None:
    g = big_graph(300)
    with pytest.raises(DiagramTooLargeError, match="graph 'big' has 300 roles") as info:
        plot_graph(g)
    assert "focus=" in str(info.value)
    assert "--focus" in info.value.explain(lambda o: f"--{o} ")
    fig, ax = plot_graph(g, tracks=["t1", "t2"])
    assert_legible(fig, ax)


def test_holland_letters_are_drawn_on_roles_that_have_them() -> None:
    g = CareerGraph(
        "holland",
        roles=[
            Role("rep", "Customer Service Representative", 1, holland="SEC"),
            Role("lead", "Team Lead", 2, holland="ES"),
            Role("qa", "Quality Analyst", 2, track="operations"),
        ],
        transitions=[Transition("rep", "lead"), Transition("rep", "qa", "lateral")],
    )
    fig, ax = plot_graph(g)
    letters = {str(t.get_gid())[8:]: t.get_text() for t in ax.texts}
    letters = {k: v for k, v in letters.items() if k and f"holland:{k}" in _gids(ax)}
    assert letters == {"rep": "SEC", "lead": "ES"}
    assert_legible(fig, ax)


def _gids(ax: object) -> set[str]:
    return {str(t.get_gid()) for t in ax.texts}  # type: ignore[attr-defined]


def test_titles_with_dollars_are_drawn_literally() -> None:
    g = CareerGraph(
        "money",
        roles=[Role("a", "Billing $ Payments $x^2$ Lead", 1), Role("b", "$\\frac{a}{b}$", 2)],
        transitions=[Transition("a", "b")],
        title="Costs in $ and $$",
    )
    fig, ax = plot_graph(g, path=["a", "b"])
    fig.canvas.draw()  # mathtext would fail or render differently
    texts = role_texts(ax)
    assert texts["b"].get_text() == "$\\frac{a}{b}$"
    assert all(not t._parse_math for t in all_texts(fig, ax) if "$" in t.get_text())
    fig.savefig(os.devnull, format="svg")


# ---------------------------------------------------------------------- CJK
def test_cjk_wraps_between_characters_never_inside_a_short_title() -> None:
    assert _text.wrap("客户服务运营经理") == "客户服务运营经理"
    long = "客户成功副总裁或首席客户官"
    lines = _text.wrap(long).split("\n")
    assert "".join(lines) == long
    assert len(lines) == 2
    assert min(map(len, lines)) >= len(long) // 2


def glyphs_drawable(text: str, families: list[str]) -> bool:
    """Every character of ``text`` is in one of the fonts matplotlib picks for ``families``."""
    maps = []
    for family in families:
        path = font_manager.findfont(font_manager.FontProperties(family=family))
        maps.append(set(font_manager.get_font(path).get_charmap()))
    return all(any(ord(ch) in m for m in maps) for ch in text if not ch.isspace())


REQUIRE_CJK = os.environ.get("SUPPORTLADDER_REQUIRE_CJK") == "1"


def test_chinese_for_real() -> None:
    if _text.cjk_font() is None:
        if REQUIRE_CJK:
            pytest.fail("no CJK font found, but CI installs fonts-noto-cjk")
        pytest.skip("no CJK font installed (CI installs fonts-noto-cjk)")
    g = supportladder.load("support-careers")
    path = shortest_path(g, "customer-service-representative", "customer-support-manager")
    fig, ax = plot_graph(g, lang="zh", path=path)  # filterwarnings=error: no fallback warning
    titles = role_texts(ax)
    assert titles["support-operations-manager"].get_text() == "客户服务运营经理"
    chinese = [t for t in all_texts(fig, ax) if _text.wide(t.get_text())]
    assert len(chinese) >= 10
    for t in chinese:
        assert glyphs_drawable(t.get_text(), list(t.get_fontfamily())), t.get_text()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["晋升", "平调"]
    assert any(t.get_text() == "9级" for t in ax.texts)
    assert any(t.get_text() == "客户支持" for t in ax.texts)
    (note,) = [t for t in fig.texts if t.get_gid() == "note:translation"]
    done = sum(1 for r in g.roles if "zh" in r.titles)
    assert note.get_text().startswith(f"{done}/{len(g.roles)}")
    assert_legible(fig, ax)


def test_without_a_font_english_and_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_text, "cjk_font", lambda: None)
    g = supportladder.load("support-careers")
    with pytest.warns(FontFallbackWarning, match="fonts-noto-cjk"):
        fig, ax = plot_graph(g, lang="zh")
    assert role_texts(ax)["developer"].get_text() == "Developer"
    assert ax.get_legend().get_texts()[0].get_text() == "upward"
    assert not [t for t in fig.texts if t.get_gid() == "note:translation"]


def test_a_font_installed_after_the_cache_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib's cached font list predates the font: the files on disk are looked up."""
    found = [f for f in font_manager.findSystemFonts() if "cjk" in f.lower()]
    if not found:
        if REQUIRE_CJK:
            pytest.fail("no CJK font file found, but CI installs fonts-noto-cjk")
        pytest.skip("no CJK font file on this machine")
    stale = [e for e in font_manager.fontManager.ttflist if "CJK" not in e.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    _text._detect_cjk_font.cache_clear()
    try:
        family = _text.cjk_font()
    finally:
        _text._detect_cjk_font.cache_clear()
    assert family is not None
    assert "CJK" in family


def test_the_error_catalogue_shows_the_real_message() -> None:
    catalogue = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    with pytest.raises(DiagramTooLargeError) as info:
        plot_graph(big_graph(300))
    assert str(info.value) in catalogue


def test_long_words_are_hyphenated_only_when_nothing_else_fits() -> None:
    meter = _text.Meter()
    word = "Representative"
    width = meter.size(word, 8.0)[0]
    assert _text.wrap_to(meter, f"Senior {word}", width, 8.0, None) == f"Senior\n{word}"
    assert _text.wrap_to(meter, word, width * 0.7, 8.0, None) is None
    cut = _text.wrap_to(meter, word, width * 0.7, 8.0, None, hyphenate=True)
    assert cut is not None
    head, tail = cut.split("\n")
    assert head.endswith("-")
    assert head[:-1] + tail == word
    # a graph whose widest row needs it still draws, at 8 pt
    roles = [Role(f"r{i}", f"Representative {i}", 1, track=f"t{i}") for i in range(14)]
    fig, ax = plot_graph(CareerGraph("wide", roles=roles))
    assert any(t.get_text().startswith("Representa") and "-\n" in t.get_text() for t in ax.texts)
    assert_legible(fig, ax)
