"""The edits dataset: every repaired notebook kept with its reports, and ``edits.jsonl``.

Each repair of an evaluation is kept under ``<out>/repaired/<competition>/<notebook>/``
(the repaired notebook with its provenance, report.json, report.md, changed helper
modules, and ``edits.jsonl``: that notebook's rows). ``<out>/edits.jsonl`` gathers the
rows of every notebook whose latest record was repaired, in key order; it is rebuilt
from the kept folders, so ``mlemod eval report`` regenerates it. The schema is in
EDITS.md.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

from ..core import Edit, RepairReport, RunRequest, rule_ids

EDITS = "edits.jsonl"
REPAIRED = "repaired"
SCHEMA = 1

# --------------------------------------------------------------------------- error signatures

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:\.{0,2}/|\\)?(?:[\w.\-]+[/\\])+[\w.\-]+")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]+\b")
_NUMBER = re.compile(r"(?<![\w<])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w>])")


def error_signature(error: str | None) -> str | None:
    """The exception type plus its message with what varies between notebooks replaced by placeholders:
    quoted names ('<name>'), quoted or bare paths (<path>), addresses (<addr>) and numbers (<N>).

    "AttributeError: 'DataFrame' object has no attribute 'ix'" -> "AttributeError: '<name>' object has no
    attribute '<name>'"; "FileNotFoundError: [Errno 2] No such file or directory: '../input/train.csv'" ->
    "FileNotFoundError: [Errno <N>] No such file or directory: <path>".
    """
    if not error:
        return None
    ename, _, message = error.partition(": ")
    if not message and " " in ename:  # no "Type: " prefix (a status such as "timeout", a score note)
        ename, message = "", error
    message = message.splitlines()[0] if message.strip() else ""

    def quoted(match: re.Match) -> str:
        inner = match.group(0)[1:-1]
        return "<path>" if ("/" in inner or "\\" in inner) and " " not in inner.strip() else "'<name>'"

    message = _QUOTED.sub(quoted, message)
    message = _PATH.sub("<path>", message)
    message = _ADDRESS.sub("<addr>", message)
    message = _NUMBER.sub("<N>", message)
    message = re.sub(r"\s+", " ", message).strip()[:240]
    return f"{ename}: {message}" if ename and message else ename or message


# --------------------------------------------------------------------------- rows


def hunks(old: str, new: str) -> list[dict]:
    """Line-level changes (difflib opcodes other than 'equal'), 1-based line numbers."""
    a, b = old.splitlines(), new.splitlines()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append({"op": tag, "old_start": i1 + 1, "old_lines": a[i1:i2], "new_start": j1 + 1,
                        "new_lines": b[j1:j2]})
    return out


_LIBRARY_SENTENCE = re.compile(r"^\s*([A-Za-z][\w.\-]*) (\d[\w.\-]*):")


def rule_libraries(edit: Edit) -> tuple[list[str], list[str]]:
    """The libraries and versions the edit's rules name (the rule registry's ``library`` and ``changed_in``).
    The catalogue's generic rules take them from the entry the rationale quotes ("pandas 2.0: ...")."""
    try:
        from ..agent.rules import RULES
    except ImportError:  # eval without the agent's rules
        RULES = {}
    libraries, versions = [], []
    for rid in rule_ids(edit.origin):
        rule = RULES.get(rid)
        library, version = (rule.library, rule.changed_in) if rule else (None, None)
        named = _LIBRARY_SENTENCE.match(edit.rationale)
        if (library is None or library == "catalogue") and named:
            library, version = named.group(1), f"{named.group(1)} {named.group(2)}"
        if library and library not in libraries:
            libraries.append(library)
        if version and version not in versions:
            versions.append(version)
    return libraries, versions


def category(edit: Edit) -> str:
    """How the edit came about: a rule's kind (static, error, calibration), or memory, or llm."""
    if edit.origin.startswith("llm:"):
        return "llm"
    if edit.origin == "memory":
        return "memory"
    try:
        from ..agent.rules import RULES
    except ImportError:
        RULES = {}
    kinds = sorted({RULES[r].kind for r in rule_ids(edit.origin) if r in RULES})
    return "rule:" + "+".join(kinds) if kinds else "rule"


def edit_rows(competition: str, notebook: str, report: RepairReport) -> list[dict]:
    """One row per attempted edit of ``report`` (accepted and reverted), in attempt order."""
    from ..agent.provenance import answered_errors

    rows = []
    for number, (attempt, answered) in enumerate(zip(report.attempts, answered_errors(report)), start=1):
        error_cell, error = None, None
        if answered:
            found = re.match(r"cell (\d+): (.*)", answered, re.S)
            error_cell, error = (int(found.group(1)), found.group(2)) if found else (None, answered)
        for index, edit in enumerate(attempt.edits):
            libraries, versions = rule_libraries(edit)
            rows.append({
                "schema": SCHEMA,
                "competition": competition,
                "notebook": notebook,
                "key": f"{competition}/{notebook}",
                "attempt": number,
                "edit": index,
                "cell": edit.cell if edit.file is None else None,
                "file": edit.file,
                "before": edit.old,
                "after": edit.new,
                "hunks": hunks(edit.old, edit.new),
                "fix_type": edit.fix_type,
                "origin": edit.origin,
                "origin_kind": edit.origin.split(":")[0],
                "rule_ids": rule_ids(edit.origin),
                "libraries": libraries,
                "library": libraries[0] if libraries else None,
                "versions": versions,
                "category": category(edit),
                "rationale": edit.rationale,
                "error_cell": error_cell,
                "error": error,
                "error_signature": error_signature(error),
                "accepted": attempt.accepted,
                "why": attempt.why,
                "status_after": attempt.status,
                "failure_after": attempt.first_failure,
                "error_after": attempt.error,
                "verdict": report.verdict,
            })
    return rows


# --------------------------------------------------------------------------- keeping repairs


def kept_folder(out: Path, key: str) -> Path:
    return Path(out) / REPAIRED / key


def keep_repair(out: Path, competition: str, notebook: str, req: RunRequest, report: RepairReport) -> Path:
    """Write the repaired notebook (with provenance), its reports and its edit rows under the results folder."""
    from ..agent.loop import apply_report
    from ..agent.report import write_outputs

    folder = kept_folder(out, f"{competition}/{notebook}")
    shutil.rmtree(folder, ignore_errors=True)
    write_outputs(folder, apply_report(req.notebook, report), report, data_dir=req.data_dir)
    rows = edit_rows(competition, notebook, report)
    (folder / EDITS).write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))
    return folder


def write_edits(out: Path, records: dict[str, dict]) -> Path:
    """``<out>/edits.jsonl`` from the kept folders of the notebooks whose latest record went to repair."""
    out = Path(out)
    lines = []
    for key in sorted(records):
        repair = records[key].get("repair") or {}
        rows = kept_folder(out, key) / EDITS
        if repair and repair.get("verdict") != "skipped" and rows.is_file():
            lines += [line + "\n" for line in rows.read_text().splitlines() if line.strip()]
    path = out / EDITS
    path.write_text("".join(lines))
    return path


def read_edits(out: Path) -> list[dict]:
    path = Path(out) / EDITS
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
