"""Builds the LLM's messages from the prompt templates in ``prompts/`` and a diagnosis.

The templates are plain text with ``$name`` placeholders (string.Template), one
per fix type plus a shared system part, so that prompt wording can change
without touching code.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path
from string import Template

from ..core import Attempt, Fingerprint, Notebook, RunResult
from .base import Diagnosis

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"

# Bounds that keep a prompt inside a small model's context window.
MAX_CELLS_CHARS = 24_000
MAX_TRACEBACK_CHARS = 6_000
MAX_OUTPUT_CHARS = 3_000
MAX_ATTEMPTS_SHOWN = 8

# Import name -> distribution names it may be installed as (the fingerprint is keyed by distribution;
# the locks install some packages under a variant name, e.g. xgboost-cpu, opencv-python-headless).
IMPORT_TO_DIST = {
    "sklearn": ("scikit-learn",), "PIL": ("pillow",), "skimage": ("scikit-image",), "yaml": ("pyyaml",),
    "cv2": ("opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"),
    "xgboost": ("xgboost", "xgboost-cpu"), "tensorflow": ("tensorflow", "tensorflow-cpu"),
    "bs4": ("beautifulsoup4",), "dateutil": ("python-dateutil",), "mpl_toolkits": ("matplotlib",),
    "imblearn": ("imbalanced-learn",), "Bio": ("biopython",), "Levenshtein": ("python-levenshtein",),
}

_IMPORT_RE = re.compile(r"^[ \t]*(?:from[ \t]+(?P<from>[A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+(?P<names>[^\n#;]+))",
                        re.MULTILINE)


def load_template(name: str) -> Template:
    return Template(_read(name))


@cache
def _read(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.md"
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- pieces


def imported_modules(notebook: Notebook) -> set[str]:
    """Top-level modules the notebook's code imports (a regex, so Python 2 cells count too)."""
    found: set[str] = set()
    for index in notebook.code_indices():
        for match in _IMPORT_RE.finditer(notebook.cells[index].source):
            if match.group("from"):
                if not match.group("from").startswith("."):
                    found.add(match.group("from").split(".")[0])
                continue
            for part in match.group("names").split(","):
                name = part.strip().split(" ")[0].strip("()\\")
                if name:
                    found.add(name.split(".")[0])
    return found


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def package_versions(fingerprint: Fingerprint | None, modules: set[str]) -> list[str]:
    """'name version' for the fingerprint's packages the notebook imports, and only those."""
    if fingerprint is None:
        return []
    have = {_norm(dist): (dist, version) for dist, version in fingerprint.packages.items()}
    lines = []
    for module in sorted(modules, key=str.lower):
        for candidate in (*IMPORT_TO_DIST.get(module, ()), module):
            if _norm(candidate) in have:
                dist, version = have[_norm(candidate)]
                line = f"- {module} ({dist}) {version}" if _norm(dist) != _norm(module) else f"- {dist} {version}"
                if line not in lines:
                    lines.append(line)
                break
    return lines


def render_cells(notebook: Notebook, upto: int | None) -> str:
    """Code cells 0..upto with their indices; when too long, the earliest are left out first."""
    indices = [i for i in notebook.code_indices() if upto is None or i <= upto]
    shown: list[str] = []
    used = 0
    for position, index in enumerate(reversed(indices)):
        text = f"### cell {index}\n```python\n{notebook.cells[index].source}\n```"
        if position > 0 and used + len(text) > MAX_CELLS_CHARS:
            left_out = indices[:len(indices) - position]
            shown.append(f"(cells {left_out[0]}..{left_out[-1]} are left out for length)")
            break
        shown.append(text)
        used += len(text)
    return "\n\n".join(reversed(shown)) or "(no code cells)"


def render_attempts(history: list[Attempt]) -> str:
    tried = [a for a in history if not a.accepted]
    if not tried:
        return "(none)"
    lines = []
    for attempt in tried[-MAX_ATTEMPTS_SHOWN:]:
        places = ", ".join(dict.fromkeys(e.where for e in attempt.edits)) or "?"
        origin = attempt.edits[0].origin if attempt.edits else "?"
        lines.append(f"- edit of {places} ({origin}): {attempt.edits[0].rationale if attempt.edits else ''}")
        for edit in attempt.edits:
            lines.append(_indent(_diff(edit.old, edit.new), "    "))
        lines.append(f"  reverted: {attempt.why}")
    return "\n".join(lines)


def render_timings(run: RunResult) -> str:
    return "\n".join(f"- cell {c.index}: {c.seconds:.1f}s ({c.status})" for c in run.cells) or "(none)"


def render_outputs(run: RunResult) -> str:
    chunks = []
    for cell in run.cells:
        for out in cell.outputs:
            text = out.get("text") or out.get("data", {}).get("text/plain") or ""
            text = "".join(text) if isinstance(text, list) else str(text)
            if text.strip():
                chunks.append(f"[cell {cell.index}] {text.rstrip()}")
    joined = "\n".join(chunks)
    return joined[-MAX_OUTPUT_CHARS:] if joined else "(no text output)"


def score_note(diagnosis: Diagnosis) -> str:
    if diagnosis.target_score is None:
        return "No reference score is known for this notebook; only making it run matters."
    better = {"max": "higher is better", "min": "lower is better"}.get(diagnosis.direction or "", "direction unknown")
    measured = "has no score yet" if diagnosis.score is None else f"scored {diagnosis.score:g}"
    return (f"Target score: {diagnosis.target_score:g} ({better}); the last run {measured}; the repaired notebook "
            f"must score within {diagnosis.tolerance:.0%} of the target.")


# --------------------------------------------------------------------------- messages


def template_values(notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> dict[str, str]:
    run = diagnosis.run
    versions = package_versions(run.fingerprint, imported_modules(notebook))
    traceback = diagnosis.error.traceback if diagnosis.error else "(no traceback)"
    if len(traceback) > MAX_TRACEBACK_CHARS:  # the end of a traceback says the most
        traceback = "...\n" + traceback[-MAX_TRACEBACK_CHARS:]
    upto = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    return {
        "cell": str(diagnosis.cell) if diagnosis.cell is not None else "?",
        "written": diagnosis.written or notebook.written or "at an unknown date",
        "python": (run.fingerprint.python if run.fingerprint and run.fingerprint.python else "3 (version unknown)"),
        "packages": "\n".join(versions) or "- (no versions recorded)",
        "data_files": "\n".join(f"- {f}" for f in diagnosis.data_files) or "- (none listed)",
        "cells": render_cells(notebook, upto),
        "traceback": traceback.rstrip(),
        "attempts": render_attempts(history),
        "score_note": score_note(diagnosis),
        "reason": diagnosis.reason or "(no detail)",
        "timings": render_timings(run),
        "outputs": render_outputs(run),
    }


def build_messages(notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[dict[str, str]]:
    """The system and user messages for one fix request."""
    if diagnosis.fix_type is None:
        raise ValueError("nothing to fix: the diagnosis has no fix type")
    values = template_values(notebook, diagnosis, history)
    return [
        {"role": "system", "content": _read("system").strip()},
        {"role": "user", "content": load_template(diagnosis.fix_type).substitute(values).strip()},
    ]


def _diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=1)
    return "\n".join(list(lines)[2:])  # drop the ---/+++ header


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))
