"""Summaries of ``results.jsonl``: summary.md, summary.csv and three PNG plots.

Everything here is recomputed from the results file alone, so ``mlemod eval
report DIR`` gives the same files as the end of an evaluation.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display on servers and in workers
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..errors import InputError  # noqa: E402
from . import machine  # noqa: E402
from .edits import REPAIRED, read_edits, write_edits  # noqa: E402
from .harness import RESULTS, read_results  # noqa: E402
from .outcome import CLASSES, stopped_at_time_limit  # noqa: E402

FIX_TYPES = ("error-repair", "runtime-reduction", "score-calibration")
ORIGINS = ("rule", "memory", "llm")
STATES = ("reproducible", "runs, score off", "error")
_COLOURS = dict(zip(CLASSES, ("#2e7d32", "#81c784", "#ffb74d", "#e57373", "#9e9e9e")))
_STATE_COLOURS = dict(zip(STATES, ("#2e7d32", "#ffb74d", "#e57373")))


def _state(record: dict, which: str) -> str:
    if record.get(f"{which}_reproducible"):
        return "reproducible"
    run = record.get(which) or {}
    return "runs, score off" if run.get("status") == "ok" else "error"


def _edits(record: dict) -> list[dict]:
    return (record.get("repair") or {}).get("edits") or []


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def summarise(records: list[dict], name: str) -> dict:
    """One summary row over ``records`` (a competition, or all of them)."""
    n = len(records)
    base = sum(bool(r.get("baseline_reproducible")) for r in records)
    final = sum(bool(r.get("final_reproducible")) for r in records)
    restored = sum(bool(r.get("final_reproducible")) and not r.get("baseline_reproducible") for r in records)
    classes = Counter(r["outcome"] for r in records)
    edits = [e for r in records for e in _edits(r)]
    types = Counter(e["fix_type"] for e in edits)
    origins = Counter(e["origin"].split(":")[0] for e in edits)
    references = Counter("reported" if r.get("reference_score") is not None else "none" for r in records)
    row = {
        "competition": name,
        "notebooks": n,
        "reference": ", ".join(f"{k} {v}" for k, v in sorted(references.items())),
        "baseline_reproducible_pct": _pct(base, n),
        "after_repair_pct": _pct(final, n),
        "restored_pct": _pct(restored, n - base),
    }
    row.update({c: classes.get(c, 0) for c in CLASSES})
    row.update({f"fixes_{t}": types.get(t, 0) for t in FIX_TYPES})
    row.update({f"fixes_{o}": origins.get(o, 0) for o in ORIGINS})
    # Executor failures that were not the notebook's fault (counted as failed; retried on resume).
    row["infra_errors"] = sum(bool(r.get("infra_error")) for r in records)
    # Not reproduced because the final run met the cell timeout or the budget: more time, not a fix, may help.
    row["time_limited"] = sum(not r.get("final_reproducible")
                              and stopped_at_time_limit((r.get("final") or {}).get("error")) for r in records)
    # Not reproduced, and the author's own run failed too (an error among the published outputs); n/a for
    # results written before the field was recorded.
    known = [r for r in records if "published_error" in r]
    row["published_errors"] = sum(not r.get("final_reproducible") and r["published_error"] is not None
                                  for r in known) if known else None
    row["llm_calls"] = sum((r.get("repair") or {}).get("llm_calls", 0) for r in records)
    row["llm_dollars"] = round(sum((r.get("repair") or {}).get("dollars", 0.0) for r in records), 4)
    row["wall_seconds"] = round(sum(r.get("wall_seconds", 0.0) for r in records), 1)
    return row


def summary_rows(records: dict[str, dict]) -> list[dict]:
    by_comp: dict[str, list[dict]] = {}
    for key in sorted(records):
        by_comp.setdefault(records[key]["competition"], []).append(records[key])
    rows = [summarise(recs, comp) for comp, recs in sorted(by_comp.items())]
    rows.append(summarise([r for recs in by_comp.values() for r in recs], "overall"))
    return rows


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:g}" if isinstance(value, float) else str(value)


def write_markdown(rows: list[dict], path: Path) -> None:
    main = ["competition", "notebooks", "reference", "baseline_reproducible_pct", "after_repair_pct", "restored_pct",
            "fixes", "by origin", "llm_calls", "llm_dollars", "wall_seconds", "infra_errors", "time_limited",
            "published_errors"]
    lines = ["# Reproducibility over the corpus", "",
             "Reproducible: every cell ran within the budget and, where notebooks.csv reports a score, "
             "the measured score is within the tolerance of it (reference column: how many notebooks had "
             "a reported score; for the others running clean is what counts). time_limited: not reproducible "
             "because the final run met the cell timeout or the run's budget. published_errors: not reproducible, "
             "and the notebook as published holds an error output (its author's run failed too).", "",
             "| " + " | ".join(main) + " |", "|" + "---|" * len(main)]
    for row in rows:
        cells = {**row,
                 "fixes": " ".join(f"{t}:{row[f'fixes_{t}']}" for t in FIX_TYPES if row[f"fixes_{t}"]) or "0",
                 "by origin": " ".join(f"{o}:{row[f'fixes_{o}']}" for o in ORIGINS if row[f"fixes_{o}"]) or "0"}
        lines.append("| " + " | ".join(_fmt(cells[c]) for c in main) + " |")
    lines += ["", "## Outcome classes", "", "| competition | " + " | ".join(CLASSES) + " |",
              "|" + "---|" * (len(CLASSES) + 1)]
    for row in rows:
        lines.append(f"| {row['competition']} | " + " | ".join(str(row[c]) for c in CLASSES) + " |")
    path.write_text("\n".join(lines) + "\n")


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def plot_classes(rows: list[dict], path: Path) -> None:
    fig, ax = plt.subplots(figsize=(8, 2.2 + 0.5 * len(rows)))
    names = [r["competition"] for r in rows]
    left = [0] * len(rows)
    for cls in CLASSES:
        counts = [r[cls] for r in rows]
        ax.barh(names, counts, left=left, color=_COLOURS[cls], label=cls)
        left = [a + b for a, b in zip(left, counts)]
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("notebooks")
    ax.set_title("Outcome classes per competition")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.6 / (1 + 0.4 * len(rows))), ncol=3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_flow(records: list[dict], path: Path) -> None:
    """Baseline state (left) to state after repair (right); band width = notebooks."""
    flows = Counter((_state(r, "baseline"), _state(r, "final")) for r in records)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    total = max(len(records), 1)
    # Stack positions of each state on both sides, bottom-up in STATES order.
    out_off = {s: 0.0 for s in STATES}
    in_off = {s: 0.0 for s in STATES}
    left_base, right_base, y = {}, {}, 0.0
    for s in STATES:
        left_base[s] = y
        y += sum(v for (a, _), v in flows.items() if a == s) / total
    y = 0.0
    for s in STATES:
        right_base[s] = y
        y += sum(v for (_, b), v in flows.items() if b == s) / total
    for a in STATES:
        for b in STATES:
            h = flows.get((a, b), 0) / total
            if not h:
                continue
            y0, y1 = left_base[a] + out_off[a], right_base[b] + in_off[b]
            ax.fill_between([0.1, 0.9], [y0, y1], [y0 + h, y1 + h], color=_STATE_COLOURS[a], alpha=0.45, lw=0)
            out_off[a] += h
            in_off[b] += h
    for s in STATES:
        for x, base, size in ((0, left_base[s], out_off[s]), (0.9, right_base[s], in_off[s])):
            if size:
                ax.bar(x + 0.05, size, width=0.1, bottom=base, color=_STATE_COLOURS[s])
                ax.text(x + 0.05, base + size / 2, f"{round(size * total)}", ha="center", va="center", fontsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=_STATE_COLOURS[s]) for s in STATES]
    ax.legend(handles, STATES, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3)
    ax.set_xticks([0.05, 0.95], ["baseline", "after repair"])
    ax.set_yticks([])
    ax.set_xlim(-0.05, 1.05)
    ax.set_title(f"Baseline -> repaired ({len(records)} notebooks)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_fixes(records: list[dict], path: Path) -> None:
    repaired = [len(_edits(r)) for r in records if r.get("repair") and r["repair"].get("verdict") != "skipped"]
    fig, ax = plt.subplots(figsize=(6, 4))
    top = max(repaired, default=0)
    ax.hist(repaired, bins=[b - 0.5 for b in range(top + 2)], color="#5c6bc0", rwidth=0.85)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("accepted fixes per notebook")
    ax.set_ylabel("notebooks sent to repair")
    ax.set_title(f"Fixes per notebook ({len(repaired)} repaired)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


NO_LIBRARY = "(no rule: llm or memory)"


def edit_counts(rows: list[dict], field: str) -> list[dict]:
    """Edits attempted, accepted and reverted per value of ``field`` ("library" or "category"), most first."""
    table: dict[str, dict] = {}
    for row in rows:
        values = row.get("libraries") if field == "library" else [row.get(field)]
        for value in values or [None]:
            name = value or (NO_LIBRARY if field == "library" else "unknown")
            entry = table.setdefault(name, {field: name, "edits": 0, "accepted": 0, "reverted": 0,
                                            "notebooks": set(), "rules": set()})
            entry["edits"] += 1
            entry["accepted" if row.get("accepted") else "reverted"] += 1
            entry["notebooks"].add(row.get("key"))
            entry["rules"].update(row.get("rule_ids") or [])
    out = sorted(table.values(), key=lambda e: (-e["edits"], e[field]))
    for entry in out:
        entry["notebooks"], entry["rules"] = len(entry["notebooks"]), len(entry["rules"])
    return out


def edits_markdown(rows: list[dict]) -> list[str]:
    lines = ["", "## Edits", ""]
    if not rows:
        return lines + ["No edits were attempted (edits.jsonl is empty or absent)."]
    accepted = sum(bool(r.get("accepted")) for r in rows)
    lines += [f"{len(rows)} edits attempted, {accepted} accepted, {len(rows) - accepted} reverted "
              f"(edits.jsonl; schema in eval/EDITS.md).", ""]
    for field, title in (("library", "By library"), ("category", "By category")):
        lines += [f"### {title}", "", f"| {field} | edits | accepted | reverted | notebooks | rules |",
                  "|---|---|---|---|---|---|"]
        for e in edit_counts(rows, field):
            lines.append(f"| {e[field]} | {e['edits']} | {e['accepted']} | {e['reverted']} | {e['notebooks']} | "
                         f"{e['rules']} |")
        lines.append("")
    return lines


def plot_edits(rows: list[dict], path: Path) -> None:
    """Two panels of stacked bars: edits by library and by category, accepted and reverted."""
    panels = [(f, edit_counts(rows, f)[:15]) for f in ("library", "category")]
    height = 1.5 + 0.32 * max(len(p[1]) for p in panels)
    fig, axes = plt.subplots(1, 2, figsize=(11, max(height, 2.5)))
    for ax, (field, counts) in zip(axes, panels):
        names = [c[field] for c in counts]
        ax.barh(names, [c["accepted"] for c in counts], color="#2e7d32", label="accepted")
        ax.barh(names, [c["reverted"] for c in counts], left=[c["accepted"] for c in counts], color="#e57373",
                label="reverted")
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("edits")
        ax.set_title(f"Edits by {field}")
        ax.tick_params(axis="y", labelsize=8)
    axes[0].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(out: Path | str) -> list[Path]:
    """(Re)generate every report file in ``out`` from its results.jsonl."""
    out = Path(out)
    records = read_results(out)
    if not records:
        raise InputError(f"{out / RESULTS} has no results to report")
    rows = summary_rows(records)
    ordered = [records[k] for k in sorted(records)]
    paths = [out / "summary.md", out / "summary.csv", out / "outcome_classes.png", out / "flow.png",
             out / "fixes_histogram.png"]
    write_markdown(rows, paths[0])
    write_csv(rows, paths[1])
    plot_classes(rows, paths[2])
    plot_flow(ordered, paths[3])
    plot_fixes(ordered, paths[4])
    if (out / REPAIRED).is_dir():  # rebuilt from the kept repairs; a copied edits.jsonl alone is left as it is
        write_edits(out, records)
    edits = read_edits(out)
    with paths[0].open("a") as handle:
        handle.write("\n".join(machine.markdown(machine.read(out)) + edits_markdown(edits)) + "\n")
    if edits:
        paths.append(out / "edits_by_library.png")
        plot_edits(edits, paths[-1])
    return paths
