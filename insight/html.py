"""``inspect --html``: one self-contained HTML file (inline CSS, images as data URIs, no request when opened).

Charts are drawn with matplotlib's Agg canvas directly (no pyplot, no global
backend switch); a notebook's stored figures are embedded as they were stored.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from html import escape

from .images import stored_images
from .model import STAGES, TESTING, CorpusInsight, NotebookInsight
from .render import GROUP_HEADER, by, group_rows, library_rows, plot_kind_matrix, testing_counts

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777}.warn{color:#a15c00}.err{color:#b00020}code{background:#f6f6f6;padding:0 3px}
.figs{display:flex;flex-wrap:wrap;gap:12px}.fig{border:1px solid #ddd;padding:6px;width:300px}
.fig img{max-width:100%;height:auto;display:block}.chart{max-width:100%}
ul.outline{list-style:none;padding-left:0}ul.outline li{margin:1px 0}
"""


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _table(header: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td class=\"n\">{escape(str(c))}</td>" if i in numeric else f"<td>{escape(str(c))}</td>"
                         for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _data_uri(mime: str, raw: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(raw).decode()}"


def _bar_chart(counts: dict[str, float], title: str, horizontal: bool = True) -> str:
    """A bar chart as an <img> with a PNG data URI (matplotlib Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels, values = list(counts), list(counts.values())
    fig = Figure(figsize=(6.4, max(1.6, 0.28 * len(labels) + 0.8)) if horizontal else (7, 3.2), dpi=96)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if horizontal:
        ax.barh(labels[::-1], values[::-1], color="#4c72b0")
    else:
        ax.bar(labels, values, color="#4c72b0")
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _figure_img(fig, title)


def _stacked_chart(matrix: dict[str, dict[str, int]], groups: list[str], title: str) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 3.6), dpi=96)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bottom = [0] * len(groups)
    for kind, counts in list(matrix.items())[:12]:
        values = [counts.get(g, 0) for g in groups]
        ax.bar(groups, values, bottom=bottom, label=kind)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.legend(fontsize=7, ncol=2, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _figure_img(fig, title)


def _figure_img(fig, alt: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return f"<img class=\"chart\" alt=\"{escape(alt)}\" src=\"{_data_uri('image/png', buffer.getvalue())}\">"


# ----------------------------------------------------------------------------- one notebook


def notebook_sections(n: NotebookInsight, outputs: dict[int, list] | None = None, heading: int = 2) -> list[str]:
    """The body of one notebook's report; ``outputs`` (cell -> outputs) embeds its stored figures."""
    h = f"h{heading}"
    parts = [f"<p>{escape(n.competition or '')} · written {escape(n.written or 'unknown')} · Python then "
             f"{escape(n.python_then or '?')}, now {escape(n.python_now or '?')} · {n.code_cells} code cells, "
             f"{n.markdown_cells} markdown cells · inspected in {n.seconds:.2f} s</p>"]
    if n.libraries:
        parts += [f"<{h}>Libraries then and now</{h}>", _table(
            ["library", "distribution", "then", "now", "cells"],
            [[lib.module, lib.distribution, lib.then or "?", lib.now or "not in the environment",
              ", ".join(map(str, lib.cells))] for lib in n.libraries])]
    parts.append(f"<{h}>Eroded APIs ({len(n.eroded)})</{h}>")
    if n.eroded:
        parts.append(_table(["cell", "line", "rule", "changed in", "severity", "what"],
                            [[e.cell, e.line, e.rule_id, e.changed_in or "", e.severity, e.message] for e in n.eroded],
                            {0, 1}))
    else:
        parts.append("<p class=\"muted\">none found by the rules</p>")
    parts += [f"<{h}>Pipeline</{h}>", _table(["stage", "cells"], [[s, ", ".join(map(str, n.stages.get(s, [])))
                                                                   or "-"] for s in STAGES])]
    parts += [f"<{h}>Models, metrics, data</{h}>", _table(["what", "found"], [
        ["models", ", ".join(f"{m.name} (cell {m.cell})" for m in n.models) or "-"],
        ["metrics", ", ".join(f"{m.name} (cell {m.cell})" for m in n.metrics) or "-"],
        ["data read", ", ".join(dict.fromkeys(f"{f.path} (cell {f.cell})" for f in n.data_read)) or "-"],
        ["data written", ", ".join(dict.fromkeys(f"{f.path} (cell {f.cell})" for f in n.data_written)) or "-"],
        ["ML testing", "; ".join(f"{k}: {c}" for k, c in testing_counts(n).items())],
        ["testing calls", ", ".join(f"{t.name} [{t.kind}] (cell {t.cell})" for t in n.testing) or "-"],
    ])]
    kinds = Counter(p.kind for p in n.plots)
    if kinds:
        parts += [f"<{h}>Plotting calls by kind</{h}>", _bar_chart(dict(kinds.most_common()), "plotting calls")]
    if n.outline:
        top = min(x.level for x in n.outline)
        parts += [f"<{h}>Outline</{h}>", "<ul class=\"outline\">" + "".join(
            f"<li style=\"padding-left:{(x.level - top) * 1.2}em\">{escape(x.text)} "
            f"<span class=\"muted\">cell {x.cell}</span></li>" for x in n.outline) + "</ul>"]
    if n.claims:
        parts += [f"<{h}>Scores stated in the text</{h}>", _table(
            ["markdown cell", "code cell", "metric", "value", "sentence"],
            [[c.cell, c.code_cell if c.code_cell is not None else "-", c.metric, f"{c.value:g}", c.text]
             for c in n.claims], {0, 1, 3})]
    if n.figures:
        parts.append(f"<{h}>Stored figures ({len(n.figures)})</{h}>")
        images = {}
        for cell, cell_outputs in (outputs or {}).items():
            for position, mime, raw in stored_images(cell_outputs):
                images[(cell, position)] = (mime, raw)
        tiles = []
        for f in n.figures:
            found = images.get((f.cell, f.output))
            img = (f"<img alt=\"figure of cell {f.cell}\" src=\"{_data_uri(*found)}\">" if found else "")
            drawn = ", ".join(f"{c}" for c in f.calls) or "?"
            tiles.append(f"<div class=\"fig\">{img}<div>cell {f.cell}, output {f.output} · "
                         f"{f.width or '-'}×{f.height or '-'} · {f.bytes:,} bytes</div>"
                         f"<div>drawn by <code>{escape(drawn)}</code> ({escape(', '.join(f.kinds) or '?')})</div>"
                         f"<div class=\"muted\">phash {escape(f.phash or '-')}</div></div>")
        parts.append("<div class=\"figs\">" + "".join(tiles) + "</div>")
    return parts


def notebook_html(n: NotebookInsight, outputs: dict[int, list] | None = None) -> str:
    return _page(f"inspect: {n.name}", [f"<h1>{escape(n.name)}</h1>"] + notebook_sections(n, outputs))


# ----------------------------------------------------------------------------- corpus


def corpus_html(corpus: CorpusInsight) -> str:
    competitions = by(corpus, lambda nb: nb.competition or "-")
    years = by(corpus, lambda nb: nb.year)
    body = [f"<h1>Corpus {escape(corpus.root)}</h1>",
            f"<p>{len(corpus.notebooks)} notebooks, {len(competitions)} competitions, inspected in "
            f"{corpus.seconds:.1f} s ({corpus.seconds / max(1, len(corpus.notebooks)):.2f} s per notebook)"
            + (f"; {len(corpus.failed)} unreadable" if corpus.failed else "") + "</p>",
            "<p class=\"muted\">stages L/E/P/T/Ev/S: notebooks with load / explore / preprocess / train / evaluate / "
            "submit cells; testing S/CV/M/X/F: notebooks with splits / cross-validation / metrics / explainability / "
            "fairness calls.</p>"]
    numeric = set(range(1, 6)) | {8}
    body += ["<h2>Per competition</h2>",
             _table(["competition"] + GROUP_HEADER, [[c] + group_rows(g) for c, g in competitions.items()], numeric)]
    body += ["<h2>Per year</h2>",
             _table(["year"] + GROUP_HEADER, [[y] + group_rows(g) for y, g in years.items()], numeric)]
    body.append(_bar_chart({y: len(g) for y, g in years.items()}, "notebooks per year written", horizontal=False))
    body += ["<h2>Libraries then and now</h2>", _table(["library", "notebooks", "then", "now"], library_rows(corpus),
                                                        {1})]
    matrix = plot_kind_matrix(corpus, competitions)
    if matrix:
        body += ["<h2>Plotting calls by kind</h2>",
                 _stacked_chart(matrix, list(competitions), "plotting calls by kind, per competition"),
                 _table(["kind"] + list(competitions),
                        [[k] + [counts.get(c, 0) for c in competitions] for k, counts in matrix.items()],
                        set(range(1, len(competitions) + 1)))]
    eroded = Counter(e.rule_id for nb in corpus.notebooks for e in nb.eroded if e.severity == "error")
    if eroded:
        per_year = {y: sum(1 for nb in g for e in nb.eroded if e.severity == "error") / len(g)
                    for y, g in years.items()}
        body += ["<h2>Eroded APIs</h2>",
                 _bar_chart(per_year, "eroded API findings per notebook, by year written", horizontal=False),
                 _bar_chart(dict(eroded.most_common(20)), "most frequent eroded APIs (findings)")]
    stages = {s: sum(1 for nb in corpus.notebooks if s in nb.stages) for s in STAGES}
    testing = {k: sum(1 for nb in corpus.notebooks if testing_counts(nb)[k]) for k in TESTING}
    body += ["<h2>Pipeline stages and ML testing</h2>",
             _bar_chart({**{f"stage: {k}": v for k, v in stages.items()},
                         **{f"testing: {k}": v for k, v in testing.items()}}, "notebooks with each")]
    models = Counter(m.name for nb in corpus.notebooks for m in nb.models)
    metrics = Counter(m.name for nb in corpus.notebooks for m in nb.metrics)
    if models:
        body.append(_bar_chart(dict(models.most_common(15)), "models constructed (calls)"))
    if metrics:
        body.append(_bar_chart(dict(metrics.most_common(15)), "metrics computed (calls and scoring names)"))
    body += ["<h2>Notebooks</h2>", _table(
        ["competition", "notebook", "written", "code cells", "figures", "plot calls", "eroded", "models", "claims",
         "seconds"],
        [[nb.competition or "-", nb.name, nb.written or "?", nb.code_cells, len(nb.figures), len(nb.plots),
          len(nb.eroded), ", ".join(dict.fromkeys(m.name for m in nb.models)) or "-", len(nb.claims),
          f"{nb.seconds:.2f}"] for nb in corpus.notebooks], {3, 4, 5, 6, 8, 9})]
    if corpus.failed:
        body += ["<h2>Unreadable</h2>", _table(["notebook", "why"], [[p, w] for p, w in corpus.failed.items()])]
    return _page(f"inspect: {corpus.root}", body)
