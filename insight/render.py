"""``inspect`` as text: one notebook's facts, or a corpus aggregated per competition and per year."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .model import STAGES, TESTING, CorpusInsight, NotebookInsight


def table(header: list[str], rows: Iterable[list], right: set[int] | None = None) -> str:
    """A plain fixed-width table; columns in ``right`` are right-aligned (numbers)."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = right or set()

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]])


def _cells(cells: list[int], limit: int = 8) -> str:
    shown = ", ".join(map(str, cells[:limit]))
    return shown + (f", ... ({len(cells)})" if len(cells) > limit else "")


def _counted(names: Iterable[str], limit: int = 8) -> str:
    counts = Counter(names)
    return ", ".join(f"{name} {n}" if n > 1 else name for name, n in counts.most_common(limit)) or "-"


def testing_counts(insight: NotebookInsight) -> dict[str, int]:
    counts = Counter(t.kind for t in insight.testing)
    return {kind: counts.get(kind, 0) for kind in TESTING}


def notebook_text(n: NotebookInsight) -> str:
    out = [f"{n.name}" + (f"  ({n.competition})" if n.competition else ""),
           f"written {n.written or 'unknown'}; Python then {n.python_then or '?'}, now {n.python_now or '?'}; "
           f"{n.code_cells} code cells, {n.markdown_cells} markdown cells"
           + (f"; cells no parser reads: {_cells(n.unparsed_cells)}" if n.unparsed_cells else ""),
           ""]
    if n.libraries:
        out += [table(["library", "distribution", "then", "now", "cells"],
                      [[lib.module, lib.distribution, lib.then or "?", lib.now or "not in the environment",
                        _cells(lib.cells, 4)] for lib in n.libraries]), ""]
    if n.eroded:
        errors = sum(1 for e in n.eroded if e.severity == "error")
        out.append(f"eroded APIs: {errors} break, {len(n.eroded) - errors} change results")
        out += [f"  cell {e.cell} line {e.line}: {e.rule_id}" + (f" [{e.changed_in}]" if e.changed_in else "")
                + ("" if e.severity == "error" else " (warning)") for e in n.eroded]
        out.append("")
    out.append("pipeline: " + ("; ".join(f"{stage} (cells {_cells(n.stages[stage], 6)})" for stage in STAGES
                                         if stage in n.stages) or "-"))
    out.append("models: " + _counted(m.name for m in n.models))
    out.append("metrics: " + _counted(m.name for m in n.metrics))
    out.append("data read: " + (", ".join(dict.fromkeys(f.path for f in n.data_read)) or "-"))
    out.append("data written: " + (", ".join(dict.fromkeys(f.path for f in n.data_written)) or "-"))
    out.append("plots: " + _counted((p.kind for p in n.plots), 20))
    tests = testing_counts(n)
    out.append("ML testing: " + ", ".join(
        f"{kind} {count}" + (f" ({_counted((t.name for t in n.testing if t.kind == kind), 3)})" if count else "")
        for kind, count in tests.items()))
    if n.outline:
        top = min(h.level for h in n.outline)
        out += ["", "outline:"] + [f"  {'  ' * (h.level - top)}{h.text}  [cell {h.cell}]" for h in n.outline]
    if n.claims:
        out += ["", "scores stated in the text:"]
        out += [f"  cell {c.cell} -> code cell {c.code_cell}: {c.metric} {c.value:g}  \"{c.text[:100]}\""
                for c in n.claims]
    if n.figures:
        out += ["", f"stored figures ({len(n.figures)}):"]
        out.append(table(["cell", "output", "type", "size", "bytes", "phash", "drawn by"],
                         [[f.cell, f.output, f.mime.split("/")[1], f"{f.width}x{f.height}" if f.width else "-",
                           f.bytes, f.phash or "-",
                           ", ".join(f"{c} ({k})" for c, k in zip(f.calls, f.kinds)) if len(f.calls) == len(f.kinds)
                           else ", ".join(f.calls) or "?"] for f in n.figures], right={0, 1, 4}))
    return "\n".join(out)


# ----------------------------------------------------------------------------- corpus


def group_rows(notebooks: list[NotebookInsight]) -> list:
    """Aggregates of a group of notebooks, as one table row (see GROUP_HEADER)."""
    n = len(notebooks)
    stage_share = {s: sum(1 for nb in notebooks if s in nb.stages) for s in STAGES}
    testing = Counter()
    for nb in notebooks:
        for kind, count in testing_counts(nb).items():
            testing[kind] += bool(count)
    return [n,
            sum(nb.code_cells for nb in notebooks),
            sum(len(nb.figures) for nb in notebooks),
            sum(len(nb.plots) for nb in notebooks),
            sum(sum(1 for e in nb.eroded if e.severity == "error") for nb in notebooks),
            " ".join(f"{stage_share[s]}" for s in STAGES),
            " ".join(f"{testing[k]}" for k in TESTING),
            sum(len(nb.claims) for nb in notebooks)]


GROUP_HEADER = ["notebooks", "code cells", "figures", "plot calls", "eroded", "stages L/E/P/T/Ev/S",
                "testing S/CV/M/X/F", "claims"]


def by(corpus: CorpusInsight, key) -> dict[str, list[NotebookInsight]]:
    groups: dict[str, list[NotebookInsight]] = defaultdict(list)
    for nb in corpus.notebooks:
        groups[key(nb)].append(nb)
    return dict(sorted(groups.items()))


def corpus_text(corpus: CorpusInsight) -> str:
    competitions = by(corpus, lambda nb: nb.competition or "-")
    years = by(corpus, lambda nb: nb.year)
    out = [f"{len(corpus.notebooks)} notebooks under {corpus.root}"
           + (f"; {len(corpus.failed)} unreadable" if corpus.failed else ""), ""]
    out += ["per competition (stages and testing: notebooks with any)",
            table(["competition"] + GROUP_HEADER, ([name] + group_rows(g) for name, g in competitions.items()),
                  right={1, 2, 3, 4, 5, 8}), ""]
    out += ["per year", table(["year"] + GROUP_HEADER, ([name] + group_rows(g) for name, g in years.items()),
                              right={1, 2, 3, 4, 5, 8}), ""]
    out += ["libraries (notebooks importing them; versions then are the written dates')",
            table(["library", "notebooks", "then", "now"], library_rows(corpus), right={1}), ""]
    kinds = plot_kind_matrix(corpus, competitions)
    if kinds:
        names = list(kinds)
        out += ["plot calls by kind", table(["kind"] + list(competitions),
                                            ([k] + [kinds[k].get(c, 0) for c in competitions] for k in names),
                                            right=set(range(1, len(competitions) + 1))), ""]
    eroded = Counter(e.rule_id for nb in corpus.notebooks for e in nb.eroded)
    if eroded:
        out += ["eroded APIs (findings, notebooks)", table(
            ["rule", "findings", "notebooks"],
            ([rule, count, sum(1 for nb in corpus.notebooks if any(e.rule_id == rule for e in nb.eroded))]
             for rule, count in eroded.most_common(25)), right={1, 2}), ""]
    models = Counter(m.name for nb in corpus.notebooks for m in nb.models)
    metrics = Counter(m.name for nb in corpus.notebooks for m in nb.metrics)
    out.append("models: " + ", ".join(f"{k} {v}" for k, v in models.most_common(15)))
    out.append("metrics: " + ", ".join(f"{k} {v}" for k, v in metrics.most_common(15)))
    for path, why in corpus.failed.items():
        out.append(f"unreadable: {why}")
    return "\n".join(out)


def library_rows(corpus: CorpusInsight, limit: int = 30) -> list[list]:
    users: dict[str, set[str]] = defaultdict(set)
    then: dict[str, set[str]] = defaultdict(set)
    now: dict[str, str] = {}
    for nb in corpus.notebooks:
        for lib in nb.libraries:
            users[lib.distribution].add(nb.path)
            if lib.then:
                then[lib.distribution].add(lib.then)
            now[lib.distribution] = lib.now or "not in the environment"
    rows = []
    for dist in sorted(users, key=lambda d: (-len(users[d]), d))[:limit]:
        versions = sorted(then[dist], key=lambda v: tuple(int(p) for p in v.split(".") if p.isdigit()))
        span = f"{versions[0]} .. {versions[-1]}" if len(versions) > 1 else (versions[0] if versions else "?")
        rows.append([dist, len(users[dist]), span, now[dist]])
    return rows


def plot_kind_matrix(corpus: CorpusInsight, competitions: dict[str, list[NotebookInsight]]) -> dict[str, dict]:
    matrix: dict[str, Counter] = defaultdict(Counter)
    for name, group in competitions.items():
        for nb in group:
            for plot in nb.plots:
                matrix[plot.kind][name] += 1
    return dict(sorted(matrix.items(), key=lambda kv: -sum(kv[1].values())))
