"""Fonts, titles in a language, and wrapping text to a width measured in points."""

from __future__ import annotations

import functools
import textwrap
import unicodedata
import warnings
from typing import TYPE_CHECKING, Any, Final, Literal

from supportladder.plot._common import PLAIN

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "CJK_FONT_FAMILIES",
    "FontFallbackWarning",
    "Meter",
    "cjk_font",
    "drawable",
    "titles_in",
    "wide",
    "wrap",
    "wrap_to",
]

CJK_FONT_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Arial Unicode MS",
)
"""Font families, in order of preference, that can draw Chinese titles."""

# Words in the file names of fonts that can draw Chinese (looked up on disk when matplotlib's
# font list, cached when matplotlib was first used, predates the font).
_CJK_FILE_HINTS: Final = (
    "cjk",
    "wqy",
    "wenquanyi",
    "sourcehan",
    "droidsansfallback",
    "msyh",
    "simhei",
    "pingfang",
    "hiragino",
    "uming",
    "ukai",
)
_PROBE: Final = "中文"
LINE_SPACING: Final = 1.1
SHORT_CJK: Final = 10  # a CJK title of at most this many characters is never wrapped


class FontFallbackWarning(UserWarning):
    """No installed font can draw the titles asked for; English titles are drawn instead.

    Install a CJK-capable font (e.g. Debian's ``fonts-noto-cjk``, Noto Sans CJK or
    WenQuanYi Zen Hei); it is found on the next call, without clearing any cache.
    """


def _families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def _known_cjk_family() -> str | None:
    names = _families()
    for family in CJK_FONT_FAMILIES:
        if family in names:
            return family
    for name in sorted(names):
        if any(k in name for k in ("CJK", "WenQuanYi", "Source Han", "YaHei", "SimHei")):
            return name
    return None


def _add_cjk_files() -> None:
    """Register CJK font files on disk that matplotlib's cached font list does not know."""
    import os

    from matplotlib import font_manager

    known = {os.path.realpath(e.fname) for e in font_manager.fontManager.ttflist}
    for path in sorted(font_manager.findSystemFonts()):
        simple = os.path.basename(path).lower().replace("-", "").replace("_", "")
        if os.path.realpath(path) in known or not any(h in simple for h in _CJK_FILE_HINTS):
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # an unreadable file: skip it
            continue


@functools.lru_cache(maxsize=1)
def _detect_cjk_font() -> str | None:
    family = _known_cjk_family()
    if family is None:
        _add_cjk_files()
        family = _known_cjk_family()
    if family is not None and not drawable(_PROBE, family):
        return None
    return family


def cjk_font() -> str | None:
    """Return the name of an installed font family that can draw Chinese, or ``None``.

    Looks for the families of :data:`CJK_FONT_FAMILIES` (Noto Sans CJK, Source Han Sans,
    WenQuanYi, SimHei, ...) among the fonts matplotlib knows and, when its cached font
    list predates the font, among the font files on disk (so a font installed after
    matplotlib was first used is found without clearing the cache).  The answer is
    remembered for the session.

    Examples
    --------
    >>> from supportladder.plot import cjk_font
    >>> cjk_font() is None or isinstance(cjk_font(), str)
    True
    """
    return _detect_cjk_font()


@functools.lru_cache(maxsize=8)
def _charmap(family: str | None) -> frozenset[int]:
    from matplotlib import font_manager

    props = font_manager.FontProperties(family=family) if family else font_manager.FontProperties()
    font = font_manager.get_font(font_manager.findfont(props, fallback_to_default=True))
    return frozenset(font.get_charmap())


def drawable(text: str, family: str | None = None) -> bool:
    """Tell whether the font of ``family`` (default: the usual one) has every glyph."""
    chars = _charmap(family)
    return all(ord(c) in chars for c in text if not c.isspace())


def titles_in(graph: CareerGraph, lang: str) -> tuple[dict[str, str], list[str] | None]:
    """Return the title of each role in ``lang`` and the font families to draw them with.

    Falls back to English, with one :class:`FontFallbackWarning`, when no installed font
    can draw the translated titles.
    """
    english = {role.id: role.title for role in graph.roles}
    if lang == "en":
        return english, None
    wanted = {role.id: role.titles.get(lang, role.title) for role in graph.roles}
    family = fonts_for(wanted.values(), lang)
    if family is False:
        return english, None
    return wanted, (family if isinstance(family, list) else None)


def fonts_for(texts: Any, lang: str, *, stacklevel: int = 5) -> list[str] | Literal[False] | None:
    """Return font families for ``texts`` (``None``: the usual one), or ``False`` and warn."""
    if all(drawable(t) for t in texts):
        return None
    family = cjk_font()
    if family is None:
        warnings.warn(
            FontFallbackWarning(
                f"no installed font can draw the {lang!r} titles; drawing English instead. "
                "Install a CJK font such as Noto Sans CJK (Debian/Ubuntu: apt install "
                "fonts-noto-cjk); it is found the next time a diagram is drawn"
            ),
            stacklevel=stacklevel,
        )
        return False
    from matplotlib import font_manager

    # Latin letters from the usual font, the rest from the CJK one (per-glyph fallback).
    return [font_manager.FontProperties().get_name(), family]


def wide(text: str) -> bool:
    """Tell whether ``text`` holds wide (CJK) characters."""
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def wrap(text: str, width: int = 16) -> str:
    """Wrap a title into lines of about ``width`` columns: at spaces, or between CJK characters.

    A CJK title of up to ten characters stays on one line; a longer one is cut into lines
    of equal length (never a last line of one character).

    Examples
    --------
    >>> from supportladder.plot._text import wrap
    >>> wrap("客户服务运营经理")
    '客户服务运营经理'
    >>> print(wrap("客户成功副总裁或首席客户官"))
    客户成功副总
    裁或首席客户官
    """
    if not wide(text):
        return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
    chars = text.strip()
    if len(chars) <= SHORT_CJK:
        return chars
    n = -(-2 * len(chars) // max(2, width))
    return _balanced(chars, max(1, n))


def _balanced(chars: str, lines: int) -> str:
    """Cut ``chars`` into ``lines`` lines of equal length, the longer ones last."""
    base, extra = divmod(len(chars), lines)
    out, at = [], 0
    for i in range(lines):
        size = base + (1 if i >= lines - extra else 0)
        out.append(chars[at : at + size])
        at += size
    return "\n".join(line for line in out if line)


class Meter:
    """Measure text in points with a private Agg renderer (no pyplot, no display)."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(dpi=72)
        self.canvas = FigureCanvasAgg(self.figure)
        self.renderer = self.canvas.get_renderer()  # type: ignore[no-untyped-call]
        self._cache: dict[tuple[str, float, tuple[str, ...], str], tuple[float, float]] = {}

    def size(
        self, text: str, fontsize: float, family: list[str] | None = None, weight: str = "normal"
    ) -> tuple[float, float]:
        """Return the width and height of ``text`` in points."""
        if not text:
            return 0.0, 0.0
        key = (text, fontsize, tuple(family or ()), weight)
        found = self._cache.get(key)
        if found is not None:
            return found
        artist = self.figure.text(
            0, 0, text, fontsize=fontsize, linespacing=LINE_SPACING, fontweight=weight, **PLAIN
        )
        if family:
            artist.set_fontfamily(family)
        box = artist.get_window_extent(renderer=self.renderer)
        artist.remove()
        self._cache[key] = (float(box.width), float(box.height))
        return self._cache[key]


def wrap_to(
    meter: Meter,
    text: str,
    width_pt: float,
    fontsize: float,
    family: list[str] | None,
    *,
    hyphenate: bool = False,
) -> str | None:
    """Wrap ``text`` so no line is wider than ``width_pt``; ``None`` if a word cannot fit.

    With ``hyphenate``, a word too long for a line is cut with a hyphen (at least four
    letters either side) instead.
    """
    if meter.size(text, fontsize, family)[0] <= width_pt:
        return text
    if wide(text):
        chars = text.strip()
        if len(chars) <= SHORT_CJK:
            return None  # a short CJK title is never cut
        for count in range(2, len(chars) + 1):
            candidate = _balanced(chars, count)
            if all(meter.size(x, fontsize, family)[0] <= width_pt for x in candidate.split("\n")):
                return candidate
        return None
    lines: list[str] = []
    words: list[str] = []
    for word in text.split():
        if meter.size(word, fontsize, family)[0] <= width_pt:
            words.append(word)
            continue
        cut = _hyphen_cut(meter, word, width_pt, fontsize, family) if hyphenate else None
        if cut is None:
            return None
        words += cut
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if (
            lines
            and not lines[-1].endswith("-")
            and meter.size(joined, fontsize, family)[0] <= width_pt
        ):
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)


def _hyphen_cut(
    meter: Meter, word: str, width_pt: float, fontsize: float, family: list[str] | None
) -> list[str] | None:
    for at in range(len(word) - 4, 3, -1):
        head, tail = word[:at] + "-", word[at:]
        fits = meter.size(head, fontsize, family)[0] <= width_pt
        if fits and meter.size(tail, fontsize, family)[0] <= width_pt:
            return [head, tail]
    return None
