"""The results table every benchmark script fills: one row per query, ratios against peers."""

from __future__ import annotations

from typing import Any


class Table:
    def __init__(self, *, smoke: bool = False) -> None:
        self.rows: list[dict[str, Any]] = []
        self.smoke = smoke  # --quick: sizes too small for the targets; ratios shown, not judged

    def add(
        self,
        graph: str,
        query: str,
        ours: float,
        peer: str,
        theirs: float | None,
        target: float | None,
        ratio: float | None = None,
    ) -> None:
        """Add a row; ``target=None`` marks a row shown for context, not one of issue 5's.

        ``ratio`` is the median of paired ratios (:func:`paired_times`); by default the
        ratio of the two times.
        """
        if ratio is None and theirs is not None:
            ratio = ours / theirs
        self.rows.append(
            {
                "graph": graph,
                "query": query,
                "supportladder_ms": ours * 1000,
                "peer": peer,
                "peer_ms": None if theirs is None else theirs * 1000,
                "ratio": ratio,
                "target": target,
                "measured": not self.smoke,
                "pass": None if self.smoke or ratio is None or target is None else ratio <= target,
            }
        )

    def show(self) -> None:
        if self.smoke:
            print("smoke run (--quick): the sizes are too small for the targets, so no row is")
            print("judged; run without --quick to measure.\n")
        head = f"{'graph':<10} {'query':<28} {'ours':>11} {'peer':<22} {'peer time':>11}"
        head += f" {'ratio':>7} {'target':>7}  result"
        print(head)
        print("-" * len(head))
        for r in self.rows:
            unit = "MB" if "memory" in r["query"] else "ms"
            peer_ms = "n/a" if r["peer_ms"] is None else f"{r['peer_ms']:.2f} {unit}"
            ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}"
            if r["target"] is None:
                result, target = "(context)", "-"
            elif not r["measured"]:
                result, target = "not measured at smoke size", f"{r['target']:.1f}x"
            else:
                result = "skipped" if r["pass"] is None else ("pass" if r["pass"] else "FAIL")
                target = f"{r['target']:.1f}x"
            print(
                f"{r['graph']:<10} {r['query']:<28} {r['supportladder_ms']:>8.2f} {unit} "
                f"{r['peer']:<22} {peer_ms:>11} {ratio:>7} {target:>7}  {result}"
            )
