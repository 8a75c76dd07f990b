"""The diagram's own words (legend, rungs, tracks, notes) in the languages graphs come in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from supportladder.graph import CareerGraph

__all__ = ["WORDS", "partly_translated", "word"]

WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "zh": {
        "upward": "晋升",
        "lateral": "平调",
        "cross-industry": "跨行业",
        "path": "路线（成本 {cost}）",
        "rung": "{level}级",
        "moves": "{n} 步",
        "cost": "成本 {cost}",
        "partly": "{n}/{total} 个职位有中文名称，其余显示英文",
        "support": "客户支持",
        "success": "客户成功",
        "operations": "运营",
        "sales": "销售",
        "training": "培训",
        "product": "产品",
        "engineering": "工程",
        "executive": "高管",
        "experience": "客户体验",
        "account-management": "客户管理",
        "healthcare": "医疗",
        "hospitality": "酒店旅游",
        "retail": "零售",
        "quality": "质量",
        "workforce": "人力规划",
        "management": "管理",
    }
}
"""Translations of the diagram's own words, by language; missing words stay English."""

_ENGLISH: Final[Mapping[str, str]] = {
    "path": "path (cost {cost})",
    "rung": "L{level}",
    "moves": "{n} moves",
    "cost": "cost {cost}",
    "partly": "{n} of {total} roles have a title in {lang}; the others are in English",
}


def word(key: str, language: str, /, **values: object) -> str:
    """Return the diagram word ``key`` in ``language`` (English when it has no translation).

    Examples
    --------
    >>> from supportladder.plot._words import word
    >>> word("upward", "zh"), word("rung", "zh", level=3), word("rung", "en", level=3)
    ('晋升', '3级', 'L3')
    >>> word("path", "en", cost="4")
    'path (cost 4)'
    """
    table = WORDS.get(language, {})
    text = table.get(key) or _ENGLISH.get(key, key)
    return text.format(**values) if values else text


def partly_translated(graph: CareerGraph, lang: str, ids: object = None) -> tuple[int, int]:
    """Return how many of the roles (all, or those in ``ids``) have a title in ``lang``."""
    roles = [r for r in graph.roles if ids is None or r.id in ids]  # type: ignore[operator]
    return sum(1 for r in roles if lang in r.titles), len(roles)
