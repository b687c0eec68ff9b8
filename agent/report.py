"""The outputs of a repair: the notebook (with provenance), report.json, report.md, report.html."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..core import Notebook, RepairReport
from .modules import repaired_modules
from .guard import guard_findings
from .provenance import stamp_repair
from .report_html import render_html


def provenance(report: RepairReport) -> dict:
    """The metadata block a repaired notebook carries: where it came from and every edit."""
    fp = report.fingerprint
    return {
        "original_sha256": report.original_hash,
        "repaired_sha256": report.final_hash,
        "verdict": report.verdict,
        "environment": fp.model_dump(exclude={"packages"}) if fp else None,
        "edits": [e.model_dump(exclude={"old", "new"}) for e in report.accepted_edits],
    }


def write_outputs(out_dir: Path, notebook: Notebook, report: RepairReport, data_dir: Path | None = None,
                  original: Notebook | None = None) -> dict[str, Path]:
    """``original``: the notebook as given, whose stored figures report.html compares (default: the file at
    ``notebook.path`` when its sources are the report's original, else ``notebook`` itself)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = notebook.path.stem if notebook.path else "notebook"
    repaired = notebook.with_results(report.final) if report.final else notebook
    repaired.node.metadata["mlemodernizer"] = provenance(report)
    stamp_repair(repaired, report, data_dir)  # metadata.mlemodernizer.provenance: `mlemod provenance` checks it
    paths = {
        "notebook": out_dir / f"{name}.repaired.ipynb",
        "json": out_dir / "report.json",
        "markdown": out_dir / "report.md",
        "html": out_dir / "report.html",
    }
    paths["notebook"].write_text(repaired.dumps())
    paths["json"].write_text(report.model_dump_json(indent=1))
    paths["markdown"].write_text(render_markdown(name, report))
    paths["html"].write_text(render_html(name, report, original or published_notebook(notebook, report)))
    for rel, text in repaired_modules(report.accepted_edits).items():  # helper modules the repair changed
        target = out_dir / "modules" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        paths[f"module {rel}"] = target
    return paths


def published_notebook(notebook: Notebook, report: RepairReport) -> Notebook:
    """The notebook as published (edits clear an edited cell's stored outputs): the file ``notebook`` was read
    from when its sources hash to the report's original, else ``notebook``."""
    from ..core import load_notebook

    path = notebook.path
    if path is not None and Path(path).is_file():
        try:
            found = load_notebook(path, notebook.written)
        except Exception:  # noqa: BLE001 - a file that changed since is no published notebook
            return notebook
        if found.sha256 == report.original_hash:
            return found
    return notebook


def render_markdown(name: str, report: RepairReport) -> str:
    b, f, c = report.baseline, report.final, report.cost
    lines = [
        f"# Repair of `{name}`",
        "",
        f"**Verdict: {report.verdict}** — {report.reason}",
        "",
        "| | before | after |",
        "| --- | --- | --- |",
        f"| status | {b.status if b else '-'} | {f.status if f else '-'} |",
        f"| code cells ran | {_ran(b)} | {_ran(f)} |",
        f"| wall seconds | {b.wall_seconds:.1f} | {f.wall_seconds:.1f} |" if b and f else "",
        f"| score | - | {report.final_score if report.final_score is not None else '-'} |",
        "",
        f"Reference: {report.reference}.  ",
        f"Cost: {len(report.attempts)} attempts, {c.llm_calls} LLM calls, ${c.dollars:.4f}, "
        f"{c.memory_hits} memory hits, {c.wall_seconds:.1f}s.  ",
    ]
    if report.fingerprint:
        fp = report.fingerprint
        lines.append(f"Environment: {fp.backend}, lock `{fp.lock}` {fp.lock_hash[:12]}, Python {fp.python}.")
    review = guard_notes(report)
    if review:
        lines += ["", "## For the reviewer", "", *review]
    lines += ["", "## Edits", ""]
    if not report.attempts:
        lines.append("None were needed." if report.verdict == "reproduced" else "No fixer proposed any edit.")
    for number, attempt in enumerate(report.attempts, start=1):
        mark = "accepted" if attempt.accepted else "reverted"
        lines += [f"### Attempt {number}: {mark} — {attempt.why}", ""]
        for edit in attempt.edits:
            lines += [f"{edit.where[0].upper()}{edit.where[1:]} · {edit.fix_type} · `{edit.origin}`  ", edit.rationale,
                      "", "```diff"]
            diff = difflib.unified_diff(edit.old.splitlines(), edit.new.splitlines(), "before", "after", lineterm="", n=1)
            lines += list(diff)[2:] or ["(no textual change)"]
            lines += ["```", ""]
    return "\n".join(line for line in lines if line is not None) + "\n"


def guard_notes(report: RepairReport) -> list[str]:
    """The guard's findings for report.md, one line each."""
    return [f"- Attempt {n.attempt} (`{n.origin}`) was rejected and never ran: {n.text}" if n.rejected else
            f"- Attempt {n.attempt} (`{n.origin}`, {'kept' if n.accepted else 'reverted'}) is a workaround to judge: "
            f"{n.text}" for n in guard_findings(report)]


def _ran(run) -> str:
    if run is None:
        return "-"
    return f"{sum(c.status == 'ok' for c in run.cells)}/{len(run.cells)}"
