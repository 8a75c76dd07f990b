"""Fuzzy matching of role references: suggestions ranked by the best match per role.

A reference is compared word by word with every name of a role (id, title, aliases,
translated titles, and the initials of the multi-word ones: "CSR", "CCO").  Each word of the
reference takes its best-matching word of the name (a typo still matches, a word that starts
a longer one — "Rep" of "Representative" — matches fully); the score of a name is the mean of
those, plus a little for how much of the name was covered.  A role scores its best name, so
one role takes at most one slot, shown under the name that matched it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

__all__ = ["abbreviation", "suggest", "words"]

_STOP = frozenset({"a", "an", "and", "for", "in", "of", "or", "the", "to"})
_CUTOFF = 0.6
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> tuple[str, ...]:
    """Return the lower-case words of ``text`` (hyphens, spaces and punctuation split)."""
    return tuple(_WORD.findall(text.casefold()))


def abbreviation(name: str) -> str | None:
    """Return the initials of a multi-word name ("Chief Customer Officer" -> "cco")."""
    found = [w for w in words(name) if w not in _STOP]
    return "".join(w[0] for w in found) if len(found) >= 2 else None


class _Similarity:
    """Word similarity with a cache: the same words recur across thousands of names."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], float] = {}
        self._matcher = difflib.SequenceMatcher(autojunk=False)

    def __call__(self, query: str, word: str) -> float:
        """Return the similarity of two words (below the cutoff, an upper bound of it)."""
        key = (query, word)
        found = self._cache.get(key)
        if found is None:
            if query == word or (len(query) >= 3 and word.startswith(query)):
                found = 1.0
            else:
                self._matcher.set_seqs(query, word)
                found = self._matcher.quick_ratio()
                if found >= _CUTOFF:
                    found = self._matcher.ratio()
            self._cache[key] = found
        return found


def _score(query: Sequence[str], name: Sequence[str], similarity: _Similarity) -> float:
    if not query or not name:
        return 0.0
    covered = set()
    total = 0.0
    for q in query:
        best, where = max((similarity(q, w), i) for i, w in enumerate(name))
        total += best
        if best >= 0.75:
            covered.add(where)
    score = 0.85 * total / len(query) + 0.15 * len(covered) / len(name)
    return max(score, similarity(" ".join(query), " ".join(name)))


def suggest(
    ref: str, candidates: Iterable[tuple[str, Sequence[str], Sequence[str]]], *, n: int = 3
) -> list[tuple[str, str]]:
    """Return ``(key, shown name)`` of the roles closest to ``ref``, best first.

    ``candidates`` holds ``(key, names, hidden)`` per role: ``names`` are shown when they match
    best, ``hidden`` ones (ids, abbreviations) match but are shown as ``names[0]``.  Only the
    best name of each role counts.  When several roles match exactly (an abbreviation they
    share), all of them are returned, however many.
    """
    query = words(ref)
    similarity = _Similarity()
    ranked: list[tuple[float, str, str, str]] = []
    for key, names, hidden in candidates:
        best, shown = 0.0, names[0]
        for i, name in enumerate((*names, *hidden)):
            score = _score(query, words(name), similarity)
            if score > best:
                best, shown = score, (name if i < len(names) else names[0])
        if best >= _CUTOFF:
            ranked.append((-best, shown.casefold(), key, shown))
    ranked.sort()
    exact = [r for r in ranked if r[0] <= -1.0]
    chosen = exact if len(exact) > 1 else ranked[:n]
    return [(key, shown) for _, _, key, shown in chosen]
