#!/usr/bin/env python3
"""Per-notebook repair table from an evaluation's results.jsonl (`mlemod eval CORPUS --out DIR`).

    python scripts/repair_table.py DIR/results.jsonl

Prints, for every notebook that needed a repair: before and after (code cells
that ran), the accepted fixes by type and origin, the repair's wall seconds, the
final fresh run's wall seconds, their ratio (repair cost in time; the reference
method re-runs the whole notebook after every fix) and the LLM calls; then the
median ratio over notebooks whose final run was clean.

A fresh run is its kernel start plus its cells, so the ratio divides by both
("ratio"); the ratio over the cells alone is printed beside it ("cells only").
Results written before the kernel start was recorded count it as 0.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path


def main(path: Path) -> int:
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    rows, ratios = [], []
    for r in records:
        repair, base, final = r.get("repair") or {}, r.get("baseline") or {}, r.get("final") or {}
        if not repair or not repair.get("seconds"):
            continue
        types = Counter(e["fix_type"] for e in repair.get("edits", []))
        origins = Counter(e["origin"].split(":")[0] for e in repair.get("edits", []))
        fresh_run = final.get("seconds", 0) + final.get("kernel_start", 0)
        ratio = repair["seconds"] / fresh_run if fresh_run else None
        cells_only = repair["seconds"] / final["seconds"] if final.get("seconds") else None
        if ratio is not None and final.get("status") == "ok":
            ratios.append((ratio, cells_only))
        rows.append([
            r["notebook"][:58], f"{base.get('cells_ok', 0)}/{base.get('cells', 0)}",
            f"{final.get('cells_ok', 0)}/{final.get('cells', 0)}", final.get("status", "-"),
            " ".join(f"{k}:{v}" for k, v in sorted(types.items())) or "-",
            " ".join(f"{k}:{v}" for k, v in sorted(origins.items())) or "-",
            f"{repair['seconds']:.1f}", f"{final.get('kernel_start', 0):.1f}+{final.get('seconds', 0):.1f}",
            f"{ratio:.2f}" if ratio else "-", f"{cells_only:.2f}" if cells_only else "-", str(repair.get("llm_calls", 0)),
        ])
    head = ["notebook", "before", "after", "final", "fixes by type", "by origin", "repair s",
            "final s (start+cells)", "ratio", "cells only", "llm"]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)] if rows else [len(h) for h in head]
    for row in [head, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    if ratios:
        print(f"\nrepair wall / final fresh run wall: median {statistics.median(r for r, _ in ratios):.2f} "
              f"(over its cells only: {statistics.median(c for _, c in ratios):.2f}) over {len(ratios)} "
              f"notebooks whose final run was clean (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])) if len(sys.argv) == 2 else (print(__doc__), 2)[1])
