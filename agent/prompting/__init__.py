"""Builds the LLM's messages from the prompt templates in ``prompts/`` and a diagnosis.

The templates are plain text with ``$name`` placeholders (string.Template), one
per fix type plus a shared system part, so that prompt wording can change
without touching code.

What goes in is chosen, not dumped (issue 16): the traceback keeps the user's
own frames and the last library frames, with long messages capped; the notebook
is shown as the failing cell, the earlier cells that define or change the names
it uses, the later cells that repeat its failing call, and a one-line summary of
every other cell (commented-out cells and long literals are left out); the
published outputs of the cells shown, where they exist, say what those cells
produced when the notebook last worked.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from string import Template

from ...core import Attempt, Notebook, RunResult
from ..base import Diagnosis
from .bounds import (MAX_ATTEMPT_TRACEBACK_CHARS, MAX_ATTEMPTS_SHOWN, MAX_DIFF_LINES, MAX_OUTPUT_CHARS,
                     PROMPTS_DIR)
from .cells import failing_output, output_text, render_cells
from .environment import environment_facts, imported_modules, line_names, locked_python, package_versions
from .helper_files import helper_context, helper_frames, helper_imports, own_files_lines
from .tracebacks import ANSI, cap, cap_message, collapse_lists, trim_traceback


def load_template(name: str) -> Template:
    return Template(_read(name))


@cache
def _read(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.md"
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- history


def render_attempts(history: list[Attempt]) -> str:
    """Every earlier attempt, oldest first: kept ones with the error they fixed (their code is in the
    cells above, so it is not repeated), reverted ones as a short diff with the error they led to."""
    if not history:
        return "(none)"
    lines = []
    if len(history) > MAX_ATTEMPTS_SHOWN:
        older = history[:-MAX_ATTEMPTS_SHOWN]
        kept = sum(a.accepted for a in older)
        lines.append(f"({len(older)} older attempts: {kept} kept, {len(older) - kept} not kept)")
    for number, attempt in enumerate(history[-MAX_ATTEMPTS_SHOWN:], start=max(1, len(history) - MAX_ATTEMPTS_SHOWN + 1)):
        places = ", ".join(dict.fromkeys(e.where for e in attempt.edits)) or "?"
        origin = attempt.edits[0].origin if attempt.edits else "?"
        rationale = cap(attempt.edits[0].rationale, 300) if attempt.edits else ""
        answered = getattr(attempt, "answered", None)
        if attempt.accepted:
            lines.append(f"{number}. kept: edit of {places} ({origin}): {rationale}")
            if answered:
                lines.append(f"   it fixed: {answered}")
            lines.append(f"   result: {attempt.why}")
            continue
        if not attempt.edits:
            continue
        rejected = attempt.why.startswith("rejected by the guard")
        lines.append(f"{number}. {'rejected (never run)' if rejected else 'reverted'}: edit of {places} "
                     f"({origin}): {rationale}")
        for edit in attempt.edits:
            lines.append(_indent(_short_diff(edit.old, edit.new), "    "))
        if rejected:
            lines.append(f"   {attempt.why}")
            continue
        if answered:
            lines.append(f"   it answered: {answered}")
        lines.append(f"   why it was reverted: {attempt.why}")
        tb = getattr(attempt, "traceback", None)
        if tb:
            lines.append(_indent("it led to:\n" + cap(tb, MAX_ATTEMPT_TRACEBACK_CHARS), "   "))
        elif attempt.error:
            where = f" in cell {attempt.first_failure}" if attempt.first_failure is not None else ""
            lines.append(f"   it led to{where}: {cap_message(attempt.error, 400)}")
    return "\n".join(lines)


def _short_diff(old: str, new: str) -> str:
    lines = _diff(old, new).split("\n")
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"[... {len(lines) - MAX_DIFF_LINES} more diff lines ...]"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- runs and scores


def render_timings(run: RunResult) -> str:
    return "\n".join(f"- cell {c.index}: {c.seconds:.1f}s ({c.status})" for c in run.cells) or "(none)"


def render_outputs(run: RunResult) -> str:
    chunks = []
    for cell in run.cells:
        text = output_text([o for o in cell.outputs if o.get("output_type") != "error"])
        if text.strip():
            chunks.append(f"[cell {cell.index}] {text.rstrip()}")
    joined = collapse_lists("\n".join(chunks))
    return joined[-MAX_OUTPUT_CHARS:] if joined else "(no text output)"


def score_note(diagnosis: Diagnosis) -> str:
    if diagnosis.target_score is None:
        return "No reference score is known for this notebook; only making it run matters."
    better = {"max": "higher is better", "min": "lower is better"}.get(diagnosis.direction or "", "direction unknown")
    measured = "has no score yet" if diagnosis.score is None else f"scored {diagnosis.score:g}"
    return (f"Target score: {diagnosis.target_score:g} ({better}); the last run {measured}; the repaired notebook "
            f"must score within {diagnosis.tolerance:.0%} of the target.")


# --------------------------------------------------------------------------- messages


def template_values(notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt],
                    facts: str = "", files: dict[str, str] | None = None,
                    latest: RunResult | None = None) -> dict[str, str]:
    """``files``: the helper files staged with the notebook as they are now (path -> text); ``latest``: the
    latest run the loop has (a reverted attempt's, say), for a runtime task's timings."""
    run = diagnosis.run
    versions = package_versions(run.fingerprint, imported_modules(notebook) | helper_imports(files))
    if diagnosis.error and diagnosis.error.traceback.strip():
        traceback = trim_traceback(diagnosis.error.traceback, diagnosis.cell, notebook.sources())
    elif diagnosis.error:
        traceback = cap_message(f"{diagnosis.error.ename}: {diagnosis.error.evalue}")
    else:
        traceback = "(no traceback)"
    upto = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    runtime = render_runtime(diagnosis, latest, history) if diagnosis.fix_type == "runtime-reduction" else {
        "timings": render_timings(run), "progress": ""}
    return {
        "cell": str(diagnosis.cell) if diagnosis.cell is not None else "?",
        "written": diagnosis.written or notebook.written or "at an unknown date",
        "python": (run.fingerprint.python if run.fingerprint and run.fingerprint.python else "3 (version unknown)"),
        "packages": "\n".join(versions) or "- (no versions recorded)",
        "data_files": _data_files(diagnosis),
        "cells": render_cells(notebook, upto, diagnosis),
        "traceback": traceback.rstrip(),
        "cell_output": failing_output(run, diagnosis.cell) if diagnosis.fix_type == "error-repair" else "",
        "facts": facts,
        "files": helper_context(diagnosis.error, files) if diagnosis.fix_type == "error-repair" else "",
        "attempts": render_attempts(history),
        "score_note": score_note(diagnosis),
        "reason": diagnosis.reason or "(no detail)",
        "timings": runtime["timings"],
        "progress": runtime["progress"],
        "outputs": render_outputs(run),
    }


def _data_files(diagnosis: Diagnosis) -> str:
    """The competition's files, then the notebook's own ones in its working directory (its repository's)."""
    data = "\n".join(f"- {f}" for f in diagnosis.data_files if not _answers_file(f)) or "- (none listed)"
    own = own_files_lines(diagnosis.working_files)
    return data + ("\nIn its working directory, the notebook's own files (from its repository):\n" + "\n".join(own)
                   if own else "")


def _answers_file(line: str) -> bool:
    """A data file that holds the answers (ground truth some data folders carry): never offered to the model."""
    from ..guard import ANSWER_WORDS

    return bool(ANSWER_WORDS.search(line.split(":", 1)[0]))


def build_messages(notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt],
                   facts: str = "", files: dict[str, str] | None = None,
                   latest: RunResult | None = None) -> list[dict[str, str]]:
    """The system and user messages for one fix request (``facts``: what the environment says about the
    failing line, see ``environment_facts``; ``files`` and ``latest``: see ``template_values``)."""
    if diagnosis.fix_type is None:
        raise ValueError("nothing to fix: the diagnosis has no fix type")
    values = template_values(notebook, diagnosis, history, facts, files, latest)
    user = load_template(diagnosis.fix_type).substitute(values).strip()
    return [
        {"role": "system", "content": _read("system").strip()},
        {"role": "user", "content": re.sub(r"\n{3,}", "\n\n", user)},
    ]


def _diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=1)
    return "\n".join(list(lines)[2:])  # drop the ---/+++ header


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


# --------------------------------------------------------------------------- runtime (issue 16, item 2)


def render_runtime(diagnosis: Diagnosis, latest: RunResult | None, history: list[Attempt]) -> dict[str, str]:
    """``timings`` and ``progress`` for a runtime-reduction prompt, from the latest run the loop has: the
    diagnosis's run, or a later attempt's (reverted) run, whose timings tell what that attempt saved."""
    base = diagnosis.run
    run = latest if latest is not None else base
    later = run is not base and run.cells != base.cells
    times = {c.index: c for c in base.cells}
    rows = []
    for c in run.cells:
        row = f"- cell {c.index}: {c.seconds:.1f}s ({c.status})"
        before = times.get(c.index)
        if later and before is not None and (abs(before.seconds - c.seconds) >= 0.05 or before.status != c.status):
            row += f"; {before.seconds:.1f}s ({before.status}) with the cells as shown below"
        rows.append(row)
    slowest = sorted((c for c in run.cells if c.status != "skipped"), key=lambda c: -c.seconds)[:3]
    if slowest:
        rows.append("Slowest: " + ", ".join(f"cell {c.index} ({c.seconds:.1f}s)" for c in slowest) + ".")
    ran = [a for a in history if not a.why.startswith("rejected by the guard")]
    if later and ran:
        number = len(history) - history[::-1].index(ran[-1])
        kept = "kept" if ran[-1].accepted else "not kept: its code is not in the cells below"
        head = f"Seconds each cell took in the latest run, that of attempt {number} ({kept}):"
    else:
        head = "Seconds each cell took in the latest run (of the cells as shown below):"
    return {"timings": head + "\n" + ("\n".join(rows) or "(none)"), "progress": slow_progress(run, diagnosis.cell)}


def slow_progress(run: RunResult, cell: int | None) -> str:
    """How far the slow cell got in ``run``: its seconds against its limit, what it printed, where it was
    stopped (the line a KeyboardInterrupt names)."""
    result = next((c for c in run.cells if c.index == cell), None)
    if result is None:
        return f"cell {cell} did not run."
    if result.status == "ok":
        return f"cell {cell} finished in {result.seconds:.1f}s."
    limit = re.search(r"(\d+(?:\.\d+)?)s", result.error.evalue if result.error else "")
    whole = bool(result.error and result.error.ename == "BudgetExceeded")
    if limit:
        against = (f"the run's budget of {limit.group(1)}s was used up" if whole
                   else f"its limit is {limit.group(1)}s per cell")
    else:
        against = "it ran out of time"
    text = f"cell {cell} was stopped after {result.seconds:.1f}s ({against})"
    if whole:
        spent = sum(c.seconds for c in run.cells if c.index < (cell or 0))
        text += f"; the cells before it took {spent:.1f}s"
    text += "."
    interrupted = next((o for o in result.outputs if o.get("output_type") == "error"
                        and o.get("ename") == "KeyboardInterrupt"), None)
    if interrupted:
        tb = ANSI.sub("", "\n".join(interrupted.get("traceback") or []))
        at = [m for m in re.finditer(r"^\s*-+>\s*(\d+)\s?(.*)$", tb, re.MULTILINE)]
        if at:
            text += f" It was interrupted at line {at[0].group(1)}: `{cap(at[0].group(2).strip(), 160)}`."
    printed = "".join("".join(o.get("text", "")) if isinstance(o.get("text"), list) else str(o.get("text", ""))
                      for o in result.outputs if o.get("output_type") == "stream").strip()
    if printed:
        printed = collapse_lists(printed)
        tail = printed if len(printed) <= 600 else "..." + printed[-600:]
        text += f"\nWhat it printed before it was stopped (the end):\n```\n{tail}\n```"
    return text


__all__ = [  # the package's surface: what the model fixer, the loop and the tests use
    "PROMPTS_DIR", "MAX_ATTEMPT_TRACEBACK_CHARS", "build_messages", "cap_message", "environment_facts", "helper_context",
    "helper_frames", "imported_modules", "line_names", "load_template", "locked_python", "package_versions", "render_attempts",
    "render_cells", "template_values", "trim_traceback",
]
