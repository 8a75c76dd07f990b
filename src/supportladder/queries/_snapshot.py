"""A compiled snapshot of a career graph: role ids as integers, moves as CSR arrays.

A :class:`~supportladder.CareerGraph` is immutable, so its snapshot is compiled once, on the
first fast query, and cached in ``graph._cache["csr"]``.  Role ids are sorted, so a role's
integer index orders like its id, and the moves are sorted by (source, target): the CSR row
of a role lists its moves by target id, the order the reference search visits them in.

Weights are read from :meth:`CareerGraph.move_costs`, the one place they are computed, so
the arrays hold bit-for-bit the same weights as the networkx view.

Exactness
---------
The reference sums costs as :class:`fractions.Fraction`.  Every float is a dyadic rational,
so with ``Q`` large enough every cost is an integer multiple of ``2**-Q``:
:func:`exactness` finds the smallest such ``Q`` and the bit length of the largest cost in
those units.  If every route's sum fits in 53 bits, float sums *are* exact (``float_exact``)
and compiled Dijkstra distances can be compared with ``==``.  Otherwise costs are also given
as integers split into 31-bit limbs (int64 arrays), so sums can be formed and compared
exactly with vectorised integer arithmetic.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from supportladder.model import KINDS, Transition

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph

__all__ = [
    "LIMB_BITS",
    "Exactness",
    "Snapshot",
    "exactness",
    "limbs_of",
    "snapshot",
]

LIMB_BITS = 31
LIMB_MASK = (1 << LIMB_BITS) - 1

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@attrs.frozen(eq=False)
class Snapshot:
    """The compiled graph.  Edge arrays are in CSR order: by source index, then target."""

    ids: tuple[str, ...]
    index: dict[str, int]
    indptr: IntArray
    src: IntArray
    dst: IntArray
    weight: FloatArray
    kind: npt.NDArray[np.int8]
    moves: tuple[Transition, ...]
    with_requirements: IntArray
    cache: dict[Any, Any] = attrs.field(factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)


def snapshot(graph: CareerGraph) -> Snapshot:
    """Return the graph's snapshot, compiling it on first use."""
    cached: Snapshot | None = graph._cache.get("csr")
    if cached is None:
        cached = graph._cache["csr"] = _compile(graph)
    return cached


def _compile(graph: CareerGraph) -> Snapshot:
    ids = tuple(sorted(r.id for r in graph.roles))
    index = {role_id: i for i, role_id in enumerate(ids)}
    moves = graph.transitions
    src = np.fromiter((index[m.source] for m in moves), dtype=np.int64, count=len(moves))
    dst = np.fromiter((index[m.target] for m in moves), dtype=np.int64, count=len(moves))
    order = np.lexsort((dst, src))
    src, dst = src[order], dst[order]
    ordered = tuple(moves[i] for i in order.tolist())
    codes = {k: i for i, k in enumerate(KINDS)}
    kind = np.fromiter((codes[m.kind] for m in ordered), dtype=np.int8, count=len(ordered))
    counts = np.bincount(src, minlength=len(ids))
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    with_req = np.fromiter(
        (i for i, m in enumerate(ordered) if any(m.requirements.to_dict().values())),
        dtype=np.int64,
    )
    return Snapshot(
        ids=ids,
        index=index,
        indptr=indptr,
        src=src,
        dst=dst,
        weight=graph.move_costs().weight[order],
        kind=kind,
        moves=ordered,
        with_requirements=with_req,
    )


# ---------------------------------------------------------------------- exactness
@attrs.frozen(eq=False)
class Exactness:
    """How costs can be summed exactly: in floats, or as integers in units of ``2**-q``."""

    float_exact: bool
    q: int
    limbs: IntArray  # (k, edges): the costs in units of 2**-q, 31 bits per limb
    ints: IntArray | None = None  # the costs in units of 2**-q, if each fits in 61 bits

    @property
    def k(self) -> int:
        return int(self.limbs.shape[0])


def limbs_of(value: int, k: int) -> IntArray:
    return np.array([(value >> (LIMB_BITS * j)) & LIMB_MASK for j in range(k)], dtype=np.int64)


def exactness(cost: FloatArray, nodes: int) -> Exactness:
    """Return how the (non-negative, finite) ``cost`` array can be summed exactly."""
    positive = cost > 0
    values = cost[positive]
    if values.size == 0:
        zero = np.zeros(cost.size, dtype=np.int64)
        return Exactness(True, 0, zero[None, :].copy(), zero)
    mant, expo = np.frexp(values)
    whole = (mant * 2.0**53).astype(np.int64)  # exact: values == whole * 2**(expo - 53)
    low = whole & -whole
    zeros = np.log2(low.astype(np.float64)).astype(np.int64)  # trailing zero bits
    odd = whole >> zeros
    need = 53 - expo - zeros  # value * 2**need is the odd integer
    q = max(int(need.max()), 0)
    shift = q - need  # odd << shift == value * 2**q
    bits = int((53 - zeros + shift).max())
    room = math.ceil(math.log2(nodes + 2))
    float_exact = bits + room <= 53
    k = (bits + room) // LIMB_BITS + 1
    limbs = np.zeros((k, cost.size), dtype=np.int64)
    single: IntArray | None = None
    if bits <= 61:
        single = np.zeros(cost.size, dtype=np.int64)
        single[positive] = odd << shift
    if not float_exact:
        ints = odd.astype(object) << shift.astype(object)
        where = np.flatnonzero(positive)
        for j in range(k):
            limbs[j, where] = ((ints >> (LIMB_BITS * j)) & LIMB_MASK).astype(np.int64)
    else:
        # In range for int64 arithmetic directly; limbs still built for uniformity.
        ints64 = odd << shift
        where = np.flatnonzero(positive)
        for j in range(k):
            limbs[j, where] = (ints64 >> (LIMB_BITS * j)) & LIMB_MASK
    return Exactness(float_exact, q, limbs, single)


def normalise(limbs: IntArray) -> IntArray:
    """Return limb sums with carries propagated (every limb but the last < 2**31)."""
    out = limbs.copy()
    for j in range(out.shape[0] - 1):
        carry = out[j] >> LIMB_BITS
        out[j] &= LIMB_MASK
        out[j + 1] += carry
    return out


def compare(a: IntArray, b: IntArray) -> npt.NDArray[np.int8]:
    """Return the sign of ``a - b`` for normalised limb arrays of shape ``(k, m)``."""
    sign = np.zeros(a.shape[1:], dtype=np.int8)
    for j in range(a.shape[0] - 1, -1, -1):
        d = np.sign(a[j] - b[j]).astype(np.int8)
        sign = np.where(sign == 0, d, sign)
    return sign
