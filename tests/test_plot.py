"""supportladder.plot: the artists drawn, the layout, fonts, and one save per format."""

from __future__ import annotations

import itertools
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

import supportladder
from supportladder import CareerGraph, Requirements, Role, Skill, Transition, plot
from supportladder.plot import (
    DiagramTooLargeError,
    FontFallbackWarning,
    _text,
    plot_graph,
    plot_path,
)
from supportladder.plot._common import fmt
from supportladder.queries import shortest_path


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def ladder() -> CareerGraph:
    """Two tracks, a skip-level move, moves both ways, every kind, long titles, a dotted id."""
    skills = [
        Skill("communication", "Communication"),
        Skill("leadership", "Leadership", importance=2),
        Skill("retail", "Retail operations"),
    ]
    roles = [
        Role("agent", "Customer Support Agent", 1, skills={"communication": 2}),
        Role("call-agent", "Call Center Agent", 1, skills={"communication": 1}),
        Role("senior", "Senior Customer Support Representative", 2, skills={"communication": 3}),
        Role("lead", "Team Lead", 3, skills={"communication": 3, "leadership": 2}),
        Role("manager", "Customer Support Manager", 4, skills={"leadership": 3}),
        Role("43-4051.00", "Customer Service Representatives", 2, track="onet"),
        Role("qa", "Quality Assurance Analyst", 2, track="operations"),
        Role(
            "store",
            "Retail Store Manager",
            3,
            track="retail",
            industry="retail",
            skills={"retail": 3, "leadership": 2},
            titles={"zh": "零售店经理"},
        ),
    ]
    moves = [
        Transition("agent", "senior", "upward", requirements=Requirements(tenure_months=12)),
        Transition("call-agent", "senior", "upward"),
        Transition("senior", "lead", "upward"),
        Transition("agent", "lead", "upward"),
        Transition("lead", "manager", "upward"),
        Transition("senior", "qa", "lateral"),
        Transition("qa", "senior", "lateral"),
        Transition("senior", "43-4051.00", "lateral"),
        Transition("lead", "store", "cross-industry"),
    ]
    return CareerGraph("ladder", title="Test ladder", skills=skills, roles=roles, transitions=moves)


def gid(artist: object) -> str:
    return str(artist.get_gid() or "")


def role_texts(ax: Axes) -> dict[str, Text]:
    return {gid(t)[5:]: t for t in ax.texts if gid(t).startswith("role:")}


def role_boxes(ax: Axes) -> dict[str, FancyBboxPatch]:
    return {
        gid(p)[5:]: p
        for p in ax.patches
        if gid(p).startswith("role:") and isinstance(p, FancyBboxPatch)
    }


def arrows(ax: Axes, prefix: str) -> dict[str, FancyArrowPatch]:
    return {
        gid(p)[len(prefix) :]: p
        for p in ax.patches
        if gid(p).startswith(prefix) and isinstance(p, FancyArrowPatch)
    }


# ---------------------------------------------------------------------- artists
def test_one_box_and_one_title_per_role() -> None:
    g = ladder()
    fig, ax = plot_graph(g)
    assert isinstance(fig, Figure)
    assert set(role_boxes(ax)) == {r.id for r in g.roles}
    texts = role_texts(ax)
    assert set(texts) == {r.id for r in g.roles}
    for role in g.roles:
        shown = texts[role.id].get_text()
        assert shown.replace("\n", " ") == role.title  # wrapped, nothing lost
    assert_legible(fig, ax)  # and each line fits its box


def test_one_arrow_per_move_styled_by_kind() -> None:
    g = ladder()
    _, ax = plot_graph(g)
    drawn = arrows(ax, "move:")
    assert set(drawn) == {f"{m.source}->{m.target}" for m in g.transitions}
    assert Counter(a.get_label() for a in drawn.values()) == Counter(m.kind for m in g.transitions)
    styles = {}
    for arrow in drawn.values():
        style = (matplotlib.colors.to_hex(arrow.get_edgecolor()), arrow.get_linestyle())
        styles.setdefault(arrow.get_label(), set()).add(style)
    # one style per kind, and kinds differ in colour and in line style
    assert all(len(s) == 1 for s in styles.values())
    colours = {next(iter(s))[0] for s in styles.values()}
    lines = {next(iter(s))[1] for s in styles.values()}
    assert len(colours) == len(lines) == 3


def test_kinds_filter_keeps_roles_drops_moves() -> None:
    g = ladder()
    _, ax = plot_graph(g, kinds=["lateral"])
    assert len(role_boxes(ax)) == len(g.roles)
    assert {a.get_label() for a in arrows(ax, "move:").values()} == {"lateral"}
    assert len(arrows(ax, "move:")) == 3
    _, ax = plot_graph(g, kinds="upward")  # one kind as a string
    assert len(arrows(ax, "move:")) == 5


def test_legend_names_each_kind_drawn_and_the_path() -> None:
    g = ladder()
    _, ax = plot_graph(g)
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["upward", "lateral", "cross-industry"]
    handles = legend.legend_handles
    assert [h.get_linestyle() for h in handles] == ["-", "--", "-."]
    path = shortest_path(g, "agent", "store")
    _, ax = plot_graph(g, path=path, kinds=["upward"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["upward", f"path (cost {fmt(path.cost)})"]


def test_path_is_drawn_on_top_thicker_with_costs() -> None:
    g = ladder()
    path = shortest_path(g, "call-agent", "store")
    assert len(path.steps) == 3
    _, ax = plot_graph(g, path=path)
    on_path = arrows(ax, "path:")
    assert list(on_path) == [f"{s.source}->{s.target}" for s in path.steps]
    plain = arrows(ax, "move:")
    for key, arrow in on_path.items():
        assert arrow.get_linewidth() > 2 * plain[key].get_linewidth()
        assert arrow.get_zorder() > plain[key].get_zorder()
        assert matplotlib.colors.to_hex(arrow.get_edgecolor()) == plot.PATH_COLOR.lower()
    costs = {gid(t)[5:]: t.get_text() for t in ax.texts if gid(t).startswith("cost:")}
    assert costs == {f"{s.source}->{s.target}": fmt(s.cost) for s in path.steps}
    boxes = role_boxes(ax)
    for rid, box in boxes.items():
        highlighted = matplotlib.colors.to_hex(box.get_edgecolor()) == plot.PATH_COLOR.lower()
        assert highlighted == (rid in path.roles)


def test_path_as_role_references_matches_a_query_path() -> None:
    g = ladder()
    query = shortest_path(g, "agent", "manager")
    _, ax1 = plot_graph(g, path=query)
    _, ax2 = plot_graph(g, path=list(query.roles))
    texts1 = sorted((gid(t), t.get_text()) for t in ax1.texts if gid(t).startswith("cost:"))
    texts2 = sorted((gid(t), t.get_text()) for t in ax2.texts if gid(t).startswith("cost:"))
    assert texts1 == texts2 != []


def test_show_costs_labels_every_move() -> None:
    g = ladder()
    _, ax = plot_graph(g, show_costs=True)
    weights = {gid(t)[7:]: t.get_text() for t in ax.texts if gid(t).startswith("weight:")}
    assert weights == {f"{m.source}->{m.target}": fmt(g.weight(*m.key)) for m in g.transitions}
    _, ax = plot_graph(g)
    assert not [t for t in ax.texts if gid(t).startswith("weight:")]


# ---------------------------------------------------------------------- layout
def centre(box: FancyBboxPatch) -> tuple[float, float]:
    return box.get_x() + box.get_width() / 2, box.get_y() + box.get_height() / 2


def test_ladder_puts_levels_bottom_up_and_tracks_side_by_side() -> None:
    g = ladder()
    _, ax = plot_graph(g)
    boxes = role_boxes(ax)
    ys = {rid: centre(b)[1] for rid, b in boxes.items()}
    for a, b in itertools.combinations(g.roles, 2):
        if a.level < b.level:
            assert ys[a.id] < ys[b.id]
        elif a.level == b.level:
            assert ys[a.id] == pytest.approx(ys[b.id])
    # each track owns a column band that no other track's role enters
    spans: dict[str, tuple[float, float]] = {}
    for role in g.roles:
        x0 = boxes[role.id].get_x()
        x1 = x0 + boxes[role.id].get_width()
        lo, hi = spans.get(role.track, (x0, x1))
        spans[role.track] = (min(lo, x0), max(hi, x1))
    for (_, (a0, a1)), (_, (b0, b1)) in itertools.combinations(spans.items(), 2):
        assert a1 <= b0 or b1 <= a0
    # the home industry's tracks come first, the other industry last
    order = sorted(spans, key=lambda t: spans[t][0])
    assert order[0] == "support"
    assert order[-1] == "retail"


def test_ladder_layout_positions() -> None:
    pos = plot.ladder_layout(ladder())
    assert pos["agent"][1] == 1.0
    assert pos["manager"][1] == 4.0
    assert pos["agent"][0] != pos["call-agent"][0]  # same track and level: spread out


def label_boxes(fig: Figure, ax: Axes) -> dict[str, object]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return {rid: t.get_window_extent(renderer) for rid, t in role_texts(ax).items()}


def all_texts(fig: Figure, ax: Axes) -> list[Text]:
    legend = ax.get_legend()
    texts = [*ax.texts, *fig.texts, ax.title, *(legend.get_texts() if legend else [])]
    return [t for t in texts if t.get_text() and t.get_visible()]


def assert_legible(fig: Figure, ax: Axes) -> None:
    """No text under 8 pt, no two texts overlapping, titles inside their boxes."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = all_texts(fig, ax)
    for t in texts:
        assert t.get_fontsize() >= 8, f"{t.get_text()!r} is {t.get_fontsize()} pt"
    extents = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for (a, ea), (b, eb) in itertools.combinations(extents, 2):
        assert not ea.overlaps(eb), f"{a!r} and {b!r} overlap"
    boxes = role_boxes(ax)
    for rid, text in role_texts(ax).items():
        extent = text.get_window_extent(renderer)
        box = boxes[rid].get_window_extent(renderer)
        inside = box.x0 <= extent.x0 <= extent.x1 <= box.x1 and box.y0 <= extent.y0 <= box.y1
        assert inside, f"title of {rid!r} leaves its box"
        assert extent.y1 <= box.y1, f"title of {rid!r} leaves its box"
    fig_box = fig.bbox
    legend = ax.get_legend()
    legend_box = legend.get_window_extent(renderer) if legend else None
    for rid, patch in boxes.items():
        box = patch.get_window_extent(renderer)
        assert fig_box.x0 <= box.x0 <= box.x1 <= fig_box.x1, rid
        assert fig_box.y0 <= box.y0 <= box.y1 <= fig_box.y1, rid
        assert legend_box is None or not box.overlaps(legend_box), f"the legend covers {rid!r}"


@pytest.mark.parametrize("name", supportladder.bundled())
def test_titles_never_overlap_on_bundled_graphs(name: str) -> None:
    fig, ax = plot_graph(supportladder.load(name))
    assert_legible(fig, ax)


def test_titles_never_overlap_on_the_test_ladder() -> None:
    fig, ax = plot_graph(ladder(), path=["agent", "lead", "store"], show_costs=True)
    assert_legible(fig, ax)


def test_overlap_check_can_fail() -> None:
    fig, ax = plot_graph(ladder())
    title = role_texts(ax)["agent"]
    x, y = title.get_position()
    ax.text(x, y, "on top", fontsize=9)
    with pytest.raises(AssertionError, match="overlap"):
        assert_legible(fig, ax)
    fig, ax = plot_graph(ladder())
    ax.text(0, 0, "tiny", fontsize=6)
    with pytest.raises(AssertionError, match="6"):
        assert_legible(fig, ax)


def test_too_small_an_axes_is_an_error_naming_the_options() -> None:
    _, ax = plt.subplots(figsize=(1.5, 1.5))
    with pytest.raises(DiagramTooLargeError) as info:
        plot_graph(supportladder.load("support-careers"), ax=ax)
    for option in ("focus=", "radius=", "path=", "context=", "kinds=", "tracks=", "figsize="):
        assert option in str(info.value)
    assert isinstance(info.value, supportladder.SupportLadderError)
    assert isinstance(info.value, ValueError)


def test_default_figure_is_a_slide() -> None:
    small, _ = plot_graph(supportladder.load("tests/data/mini.toml"))
    big, _ = plot_graph(supportladder.load("support-careers"))
    assert tuple(small.get_size_inches()) == tuple(big.get_size_inches()) == plot.SLIDE
    fig, _ = plot_graph(ladder(), figsize=(7, 5))
    assert tuple(fig.get_size_inches()) == (7, 5)


def test_spring_layout_draws_every_role() -> None:
    g = ladder()
    _, ax = plot_graph(g, layout="spring")
    assert len(role_boxes(ax)) == len(g.roles)
    assert len(arrows(ax, "move:")) == len(g.transitions)


# ---------------------------------------------------------------------- conventions
def test_draws_on_a_given_axes_and_returns_it() -> None:
    fig, ax = plt.subplots(figsize=(8, 6))
    out_fig, out_ax = plot_graph(ladder(), ax=ax)
    assert out_fig is fig
    assert out_ax is ax
    assert len(plt.get_fignums()) == 1


def test_nothing_shown_or_closed_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[bool] = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(True))
    fig, _ = plot_graph(ladder())
    fig2, _ = plot_path(ladder(), ["agent", "senior"])
    assert shown == []
    assert {fig.number, fig2.number} <= set(plt.get_fignums())  # type: ignore[attr-defined]
    fig3, _ = plot_graph(ladder(), show=True, close=True)
    assert shown == [True]
    assert fig3.number not in plt.get_fignums()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"layout": "circle"}, ["layout", "'circle'", "'ladder'"]),
        ({"kinds": ["upward", "diagonal"]}, ["kinds", "'diagonal'", "'cross-industry'"]),
        ({"lang": "fr"}, ["lang", "'fr'", "'zh'"]),
        ({"path": ["agent", "manager"]}, ["path", "'agent'", "'manager'"]),
    ],
)
def test_bad_arguments_name_argument_and_value(kwargs: dict[str, object], words: list[str]) -> None:
    with pytest.raises(ValueError, match="^" + str(words[0])) as info:
        plot_graph(ladder(), **kwargs)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)


def test_unknown_role_in_path() -> None:
    with pytest.raises(supportladder.RoleNotFoundError):
        plot_graph(ladder(), path=["agent", "astronaut"])


def test_import_does_not_load_matplotlib() -> None:
    code = (
        "import sys, supportladder, supportladder.plot, supportladder.export;"
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------- fonts
def test_chinese_without_a_cjk_font_falls_back_with_one_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_text, "cjk_font", lambda: None)
    g = ladder()
    with pytest.warns(FontFallbackWarning, match="apt install fonts-noto-cjk") as record:
        fig, ax = plot_graph(g, lang="zh")
    assert len([w for w in record if issubclass(w.category, FontFallbackWarning)]) == 1
    assert role_texts(ax)["store"].get_text().replace("\n", " ") == "Retail Store Manager"
    fig.canvas.draw()  # no glyph warnings (filterwarnings = error)
    with pytest.warns(FontFallbackWarning):
        plot_path(g, ["lead", "store"], lang="zh")


def test_chinese_with_a_cjk_font_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_text, "cjk_font", lambda: "Fake CJK Sans")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        _, ax = plot_graph(ladder(), lang="zh")
    assert not [w for w in record if issubclass(w.category, FontFallbackWarning)]
    texts = role_texts(ax)
    assert texts["store"].get_text() == "零售店经理"
    assert "Fake CJK Sans" in texts["store"].get_fontfamily()
    assert texts["lead"].get_text() == "Team Lead"  # no Chinese title: English


def test_english_needs_no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> None:
        raise AssertionError("looked for a CJK font")

    monkeypatch.setattr(_text, "cjk_font", boom)
    plot_graph(ladder())
    plot_graph(supportladder.load("support-ladder"), lang="zh")  # no Chinese titles there


# ---------------------------------------------------------------------- plot_path
def test_plot_path_draws_the_route_left_to_right() -> None:
    g = ladder()
    route = ["agent", "senior", "lead", "store"]
    fig, ax = plot_path(g, route)
    boxes = role_boxes(ax)
    assert list(boxes) == route
    xs = [centre(b)[0] for b in boxes.values()]
    assert xs == sorted(xs)
    assert len({round(centre(b)[1], 6) for b in boxes.values()}) == 1
    drawn = arrows(ax, "path:")
    assert [a.get_label() for a in drawn.values()] == ["upward", "upward", "cross-industry"]
    for a, b in itertools.pairwise(route):
        key = f"{a}->{b}"
        (head,) = [t.get_text() for t in ax.texts if gid(t) == f"kind:{key}"]
        assert head == f"{g.transition(a, b).kind} · {fmt(g.weight(a, b))}"
        (notes,) = [t.get_text() for t in ax.texts if gid(t) == f"skills:{key}"]
        for gap in g.gaps(a, b):
            assert g.skill(gap.skill).name in notes
    assert any(g.gaps(a, b) for a, b in itertools.pairwise(route))
    (first,) = [t.get_text() for t in ax.texts if gid(t) == "skills:agent->senior"]
    assert "12 months in the role" in first
    assert_titles_apart(fig, ax)


def test_plot_path_takes_a_query_path() -> None:
    g = ladder()
    path = shortest_path(g, "call-agent", "store")
    _, ax = plot_path(g, path)
    assert list(role_boxes(ax)) == list(path.roles)
    assert [a.get_label() for a in arrows(ax, "path:").values()] == [s.kind for s in path.steps]


def assert_titles_apart(fig: Figure, ax: Axes) -> None:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    extents = [t.get_window_extent(renderer) for t in ax.texts]
    for a, b in itertools.combinations(extents, 2):
        assert not a.overlaps(b)


def test_plot_path_on_given_axes() -> None:
    fig, ax = plt.subplots()
    out = plot_path(ladder(), ["agent", "lead"], ax=ax)
    assert out == (fig, ax)


def test_plot_path_from_a_profile_skips_the_virtual_step() -> None:
    g = ladder()
    path = shortest_path(g, {"communication": 2}, "lead")
    _, ax = plot_path(g, path)
    assert "<profile>" not in role_boxes(ax)
    _, ax = plot_graph(g, path=path)
    assert not [k for k in arrows(ax, "path:") if "<profile>" in k]


# ---------------------------------------------------------------------- saving
@pytest.mark.parametrize(
    ("suffix", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_save_each_format(tmp_path: Path, suffix: str, magic: bytes) -> None:
    g = ladder()
    fig, _ = plot_graph(g, path=["agent", "lead", "store"])
    target = tmp_path / f"ladder.{suffix}"
    fig.savefig(target)
    data = target.read_bytes()
    assert data.startswith(magic)
    assert len(data) > 1000
    if suffix == "svg":
        assert b"arrow" in data or b"<path" in data


# ---------------------------------------------------------------------- CLI
def run_cli(*args: str) -> int:
    from supportladder.cli import main

    return main(list(args))


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_cli_plot_formats(tmp_path: Path, suffix: str, magic: bytes) -> None:
    target = tmp_path / f"ladder{suffix}"
    assert run_cli("plot", "-g", "tests/data/mini.toml", "-o", str(target)) == 0
    assert target.read_bytes().startswith(magic)
    assert plt.get_fignums() == []  # the command closes what it opened


def test_cli_plot_svg_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for target in (a, b):
        args = ["plot", "--path", "rep", "manager", "-g", "tests/data/mini.toml", "-o", str(target)]
        assert run_cli(*args) == 0
    assert a.read_bytes() == b.read_bytes()


def test_cli_plot_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("plot", "-o", str(tmp_path / "ladder.gif")) == 2
    err = capsys.readouterr().err
    assert "'.gif'" in err
    assert ".png" in err
    assert not (tmp_path / "ladder.gif").exists()
    assert run_cli("plot", "-o", str(tmp_path / "ladder")) == 2


def test_cli_plot_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ladder.png"
    target.write_bytes(b"keep")
    assert run_cli("plot", "-g", "tests/data/mini.toml", "-o", str(target)) == 2
    assert target.read_bytes() == b"keep"
    assert run_cli("plot", "-g", "tests/data/mini.toml", "-o", str(target), "--force") == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_cli_plot_path_kinds_and_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_text, "cjk_font", lambda: None)
    target = tmp_path / "ladder.svg"
    args = ["plot", "-g", "tests/data/mini.toml", "--path", "rep", "manager"]
    assert run_cli(*args, "--kinds", "upward", "--lang", "zh", "-o", str(target)) == 0
    err = capsys.readouterr().err
    assert err.count("warning: no installed font can draw the 'zh' titles") == 1
    assert (
        run_cli(
            *args[:-3],
            "--path",
            "rep",
            "manager",
            "--kinds",
            "lateral",
            "-o",
            str(target),
            "--force",
        )
        == 1
    )
    assert run_cli(*args, "--lang", "xx", "-o", str(target), "--force") == 2
    assert "lang: 'xx'" in capsys.readouterr().err


def test_cli_plot_kinds_like_the_query_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ladder.png"
    assert run_cli("plot", "--kinds", "upward,lateral", "-o", str(target)) == 0
    assert run_cli("plot", "--kinds", "sideways", "-o", str(target), "--force") == 2
    assert "--kinds: unknown kind 'sideways'" in capsys.readouterr().err


@pytest.mark.parametrize("dpi", ["0", "-5", "100000", "abc"])
def test_cli_plot_bad_dpi_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dpi: str
) -> None:
    target = tmp_path / "ladder.png"
    with pytest.raises(SystemExit) as info:
        run_cli("plot", f"--dpi={dpi}", "-o", str(target))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--dpi" in err
    assert "10 to 600" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_cli_plot_focus_tracks_and_context(tmp_path: Path) -> None:
    target = tmp_path / "part.png"
    args = ["plot", "-g", "support-careers", "-o", str(target), "--force"]
    assert run_cli(*args, "--focus", "developer", "--radius", "2") == 0
    assert run_cli(*args, "--tracks", "support,success") == 0
    path = ["--path", "support-technician", "support-team-lead"]
    assert run_cli(*args, *path, "--context", "1") == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_cli_plot_too_large_names_the_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roles = "\n".join(
        f'[[roles]]\nid = "r{i}"\ntitle = "Role number {i}"\n'
        f'level = {1 + i % 3}\ntrack = "t{i % 40}"\n'
        for i in range(300)
    )
    source = tmp_path / "big.toml"
    source.write_text(f'name = "big"\n{roles}', encoding="utf-8")
    assert run_cli("plot", "-g", str(source), "-o", str(tmp_path / "big.png")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    for flag in (
        "--focus ROLE",
        "--radius N",
        "--path FROM TO",
        "--context N",
        "--kinds",
        "--tracks",
    ):
        assert flag in err


def test_cli_plot_says_when_only_partly_translated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if _text.cjk_font() is None:
        pytest.skip("no CJK font installed (CI installs fonts-noto-cjk)")
    target = tmp_path / "zh.png"
    assert run_cli("plot", "-g", "support-careers", "--lang", "zh", "-o", str(target)) == 0
    g = supportladder.load("support-careers")
    done = sum(1 for r in g.roles if "zh" in r.titles)
    assert f"note: {done} of {len(g.roles)} roles have a title in 'zh'" in capsys.readouterr().err
