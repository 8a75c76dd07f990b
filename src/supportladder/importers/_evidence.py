"""Evidence blocks of occupational similarity, and how they are put on one scale and mixed.

A block is one kind of evidence about what an occupation is: the text of its tasks, the
Detailed Work Activities (DWAs) its tasks link to, the words of its alternate titles, or a
profile of ratings (importance of knowledge areas or skills, interest scores).  Each block
gives a cosine similarity for every pair of occupations that both have that evidence.
Cosines of different blocks are not comparable (text cosines sit near 0, rating cosines
spread over -1 to 1), so each block's cosines are standardised over the pairs it covers
(mean 0, standard deviation 1) and the standardised values are averaged with the blocks'
weights, over the blocks both occupations of a pair have.  A pair without any shared block
has no similarity (``-inf``) and never becomes a move.

Examples
--------
>>> import numpy as np
>>> a = rating_block("interests", [{"R": 1.0, "S": 7.0}, {"R": 2.0, "S": 6.0},
...                                {"R": 7.0, "S": 1.0}, None], ("R", "S"))
>>> a.present.tolist()
[True, True, True, False]
>>> sims = [cosines(a)]
>>> combined = combine([a], sims, {"interests": 1.0})
>>> bool(combined[0, 1] > combined[0, 2]), bool(np.isneginf(combined[0, 3]))
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from attrs import frozen

__all__ = [
    "LABELS",
    "TEXT_BLOCKS",
    "Block",
    "combine",
    "cosines",
    "count_block",
    "describe",
    "have_text_features",
    "rating_block",
    "text_block",
]

LABELS: Final = {
    "tasks": "tasks",
    "dwas": "DWAs",
    "titles": "titles",
    "knowledge": "knowledge",
    "skills": "skills",
    "interests": "interests",
}
"""How each block is named in notes and reports."""

TEXT_BLOCKS: Final = ("tasks", "titles")
"""Blocks whose features are TF-IDF vectors of text (they need scikit-learn)."""

Matrix = Any  # a dense (n, d) ndarray or a scipy CSR matrix


@frozen
class Block:
    """One block of evidence: unit-length feature rows (zero rows for occupations without it)."""

    name: str
    unit: Any  # (n, d) ndarray or scipy CSR matrix, rows of length 1 or 0
    present: npt.NDArray[np.bool_]


def _unit_rows(x: Matrix) -> Matrix:
    if sp.issparse(x):
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ x)
    norms = np.linalg.norm(x, axis=1)
    norms[norms == 0] = 1.0
    return x / norms[:, None]


def rating_block(
    name: str, values: Sequence[Mapping[str, float] | None], columns: Sequence[str]
) -> Block:
    """Return a block of ratings: each column standardised over the occupations that have it.

    ``values[i]`` is occupation ``i``'s ratings by column (``None``: no ratings).  A rating
    an occupation lacks counts as the column's mean (0 after standardising).
    """
    n = len(values)
    x = np.full((n, len(columns)), np.nan)
    for i, row in enumerate(values):
        if row:
            x[i] = [row.get(c, np.nan) for c in columns]
    present = np.array([bool(row) for row in values], dtype=np.bool_)
    if present.any() and len(columns):
        rated = x[present]
        with np.errstate(invalid="ignore"):
            counted = ~np.isnan(rated)
            safe = np.where(counted, rated, 0.0)
            count = np.maximum(counted.sum(axis=0), 1)
            mean = safe.sum(axis=0) / count
            std = np.sqrt(np.where(counted, (safe - mean) ** 2, 0.0).sum(axis=0) / count)
        std[std == 0] = 1.0
        x = (x - mean) / std
    x[np.isnan(x)] = 0.0
    return Block(name, _unit_rows(x), present)


def count_block(name: str, values: Sequence[Mapping[str, int] | None]) -> Block:
    """Return a block of counted items (an occupation's DWAs): TF-IDF weighted, as for words.

    The weight of an item is ``(1 + log count) · idf`` with the smooth inverse document
    frequency ``1 + log((1 + n) / (1 + df))`` of scikit-learn's ``TfidfTransformer``, so an
    activity shared by many occupations says less than a rare one.
    """
    n = len(values)
    column: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for i, row in enumerate(values):
        for item, count in (row or {}).items():
            rows.append(i)
            cols.append(column.setdefault(item, len(column)))
            data.append(1.0 + float(np.log(count)))
    x = sp.csr_matrix((data, (rows, cols)), shape=(n, len(column)), dtype=np.float64)
    present = np.array([bool(row) for row in values], dtype=np.bool_)
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(column))
    idf = 1.0 + np.log((1.0 + present.sum()) / (1.0 + df))
    return Block(name, _unit_rows(sp.csr_matrix(x @ sp.diags(idf))), present)


def have_text_features() -> bool:
    """Whether scikit-learn (the ``onet`` extra) can be imported."""
    try:
        import sklearn.feature_extraction.text  # noqa: F401
    except ImportError:
        return False
    return True


def text_block(name: str, texts: Sequence[str | None]) -> Block:
    """Return a block of text: scikit-learn's ``TfidfVectorizer`` over each occupation's text.

    English stop words are left out, words and pairs of words are terms, term counts are
    dampened (``sublinear_tf``) and terms of a single occupation are dropped (they cannot
    be shared).  An occupation without text has a zero row.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    present = np.array([bool(t and t.strip()) for t in texts], dtype=np.bool_)
    index = np.flatnonzero(present)
    docs = [texts[i] or "" for i in index.tolist()]
    vectorizer = TfidfVectorizer(
        strip_accents="unicode",
        stop_words="english",
        ngram_range=(1, 2),
        min_df=2 if len(docs) > 2 else 1,
        sublinear_tf=True,
        dtype=np.float64,
    )
    try:
        found = sp.csr_matrix(vectorizer.fit_transform(docs))
    except ValueError:  # no term left (stop words only, or no text at all)
        return Block(name, sp.csr_matrix((n, 0)), np.zeros(n, dtype=np.bool_))
    full = sp.csr_matrix(
        (found.data, found.indices, _spread(found.indptr, index, n)), shape=(n, found.shape[1])
    )
    present &= np.diff(full.indptr) > 0
    return Block(name, _unit_rows(full), present)


def _spread(indptr: npt.NDArray[np.int64], index: npt.NDArray[np.int64], n: int) -> Any:
    """Row pointers of a CSR matrix whose rows ``index`` are the given rows, the rest empty."""
    lengths = np.zeros(n, dtype=np.int64)
    lengths[index] = np.diff(indptr)
    out = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def cosines(block: Block) -> npt.NDArray[np.float64]:
    """Return the block's cosine similarity of every pair of occupations (the bare product)."""
    u = block.unit
    product = (u @ u.T).toarray() if sp.issparse(u) else u @ u.T
    out: npt.NDArray[np.float64] = np.ascontiguousarray(product, dtype=np.float64)
    return out


def combine(
    blocks: Sequence[Block],
    sims: Sequence[npt.NDArray[np.float64]],
    weights: Mapping[str, float],
) -> npt.NDArray[np.float64]:
    """Mix the blocks' cosines on one scale: the weighted mean of their standardised values.

    Each block is standardised over the pairs of distinct occupations that both have it.
    Pairs sharing no block get ``-inf``.
    """
    n = sims[0].shape[0] if sims else 0
    total = np.zeros((n, n))
    weight = np.zeros((n, n))
    full = 0.0  # weight of the blocks every occupation has: added once, at the end
    for block, sim in zip(blocks, sims, strict=True):
        w = float(weights[block.name])
        m = block.present
        k = int(m.sum())
        if w == 0 or k < 2:
            continue
        mf = m.astype(np.float64)
        diagonal = np.diagonal(sim)
        s1 = float(mf @ sim @ mf - diagonal[m].sum())
        s2 = float(np.einsum("ij,ij->", sim[np.ix_(m, m)], sim[np.ix_(m, m)]))
        s2 -= float((diagonal[m] ** 2).sum())
        pairs = k * (k - 1)
        mean = s1 / pairs
        std = float(np.sqrt(max(s2 / pairs - mean * mean, 0.0))) or 1.0
        scale = w / std
        if k == n:
            total += sim * scale
            total -= mean * scale
            full += w
        else:
            outer = np.outer(mf, mf)
            total += (sim - mean) * outer * scale
            weight += outer * w
    weight += full
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), -np.inf)
    return out


def describe(
    i: int, j: int, blocks: Sequence[Block], sims: Sequence[npt.NDArray[np.float64]]
) -> str:
    """Return the cosines of the blocks that both occupations ``i`` and ``j`` have."""
    parts = [
        f"{LABELS[b.name]} {float(s[i, j]):.2f}"
        for b, s in zip(blocks, sims, strict=True)
        if b.present[i] and b.present[j]
    ]
    return ", ".join(parts)
