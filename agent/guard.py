"""A guard on every model edit (issue 16, item 6): what a repair must not do, and what a reviewer must see.

An edit proposed by the model (or replayed from the fix memory, which stores the
model's edits) is checked before it runs. It is **rejected** when it

- reads the answers, or any path outside the inputs (``../input``, ``/kaggle/input``)
  and the working directory (``/kaggle/working``, relative paths below it);
- hard-codes predictions or scores (a metric or a prediction assigned a literal,
  a score printed as a literal);
- deletes a cell's work: the new source keeps less than half of the old one's
  code lines (comments do not count; shell and magic lines may be disabled);
- wraps the failing code in ``try``/``except``, or adds an ``except`` that swallows
  every error; in a helper file (where the failing line is the cell's, not the
  file's) any existing code newly wrapped in ``try``/``except``, imports aside;
- edits a file that is not one of the helper files staged with the notebook.

It is **flagged** (kept if it works, but named in the report for a reviewer) when
it works around rather than repairs: a cell writes a stand-in Python module or
fakes one in ``sys.modules``, or writes a file the notebook reads (a regenerated
data file or picture).

Rules' edits are not checked: they are the project's own, reviewed code.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..core import Edit

# How the loop writes the guard's verdict into an attempt's ``why`` (report.json keeps it there).
GUARD_REJECTED = "rejected by the guard"  # a rejected attempt's ``why`` begins so (it never ran)
GUARD_FLAGGED = "flagged for review"  # a workaround is named so in an attempt's ``why``

METRIC_WORDS = r"(?:score|acc|accuracy|auc|roc_auc|rmse|rmsle|mse|mae|logloss|log_loss|loss|f1|precision|recall|r2)"
PREDICTION_WORDS = r"(?:pred|preds|prediction|predictions|y_pred|y_hat|yhat|submission|sub|result|results|output)"
ANSWER_WORDS = re.compile(r"(?:^|[/_\-.])(answers?|solutions?|ground[_\-]?truth|labels?_test|test_labels?|private)"
                          r"(?:[/_\-.]|$)", re.IGNORECASE)
_WRITE_CALLS = {"to_csv", "to_pickle", "to_parquet", "to_json", "to_excel", "to_feather", "savefig", "save",
                "imwrite", "imsave", "dump", "savetxt", "savez", "write_text", "write_bytes"}
_ALLOWED_ROOTS = ("/kaggle/input", "/kaggle/working")


@dataclass
class Verdict:
    rejected: list[str] = field(default_factory=list)  # why the edit must not run
    flags: list[str] = field(default_factory=list)  # workarounds a reviewer should judge


@dataclass
class Workspace:
    input_files: list[str] = field(default_factory=list)  # relative to ../input
    working_files: list[str] = field(default_factory=list)  # helper files staged in the working directory
    failing_line: str | None = None  # the line that raised
    other_sources: list[str] = field(default_factory=list)  # the notebook's other cells (what it reads)


def check(edits: list[Edit], workspace: Workspace) -> Verdict:
    verdict = Verdict()
    for edit in edits:
        where = edit.where
        for problem in _rejections(edit, workspace):
            verdict.rejected.append(f"{where}: {problem}")
        for flag in _flags(edit, workspace):
            verdict.flags.append(f"{where}: {flag}")
    return verdict


def guarded(edit: Edit) -> bool:
    """Whether the guard checks this edit: the model's and the fix memory's, not the rules'."""
    return not edit.origin.startswith("rule:")


# --------------------------------------------------------------------------- rejections


def _rejections(edit: Edit, ws: Workspace) -> list[str]:
    problems = []
    if edit.file is not None and ws.working_files and not any(
            f == edit.file or f.endswith("/" + edit.file) for f in ws.working_files):
        problems.append("edits a file that is not one of the helper files staged with the notebook")
    new_strings = _strings(edit.new) - _strings(edit.old)
    for text in sorted(new_strings):
        why = _bad_path(text, ws)
        if why:
            problems.append(why)
    problems += _hard_coded(edit.old, edit.new)
    dropped = _dropped_work(edit.old, edit.new)
    if dropped:
        problems.append(dropped)
    if edit.file is None:
        wrapped = _wrapped(edit.old, edit.new, ws.failing_line)
    else:  # the failing line is the cell's: any existing code of the file newly wrapped counts
        wrapped = _wrapped_in_file(edit.old, edit.new)
    if wrapped:
        problems.append(wrapped)
    return problems


def _strings(source: str) -> set[str]:
    tree = _parse(source)
    if tree is not None:
        found = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    else:
        found = set(re.findall(r"'([^'\n]*)'|\"([^\"\n]*)\"", source))
        found = {a or b for a, b in found}
    # Shell lines (``!cat ../x``) read paths too.
    for line in source.split("\n"):
        if line.strip().startswith("!"):
            found |= set(line.strip()[1:].split())
    return {s for s in found if s and len(s) < 300}


def _bad_path(text: str, ws: Workspace) -> str | None:
    if "\n" in text or " " in text.strip() and "/" not in text:
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*://", text):  # a URL: the kernel has no network; not a file read
        return None
    path = text.replace("\\", "/")
    if ANSWER_WORDS.search(path):  # even when the data folder holds it: a notebook never had the answers
        return f"reads {text!r}, which looks like the answers"
    looks_like_path = "/" in path or re.search(r"\.\w{1,5}$", path) or path.startswith("~")
    if not looks_like_path:
        return None
    if path.startswith("~") or re.match(r"^[A-Za-z]:/", path):
        return f"uses {text!r}, a path outside the inputs and the working directory"
    if path.startswith("/"):
        if any(path == root or path.startswith(root + "/") for root in _ALLOWED_ROOTS):
            return None
        return f"uses {text!r}, a path outside the inputs and the working directory"
    parts = PurePosixPath(path).parts
    if parts[:1] == ("..",):
        if len(parts) > 1 and parts[1] in ("input", "working") and ".." not in parts[2:]:
            return None
        return f"uses {text!r}, a path outside the inputs and the working directory"
    depth = 0
    for part in parts:  # a relative path must stay below the working directory
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return f"uses {text!r}, a path outside the inputs and the working directory"
    return None


_METRIC_TARGET = re.compile(rf"^(?:\w+_)?{METRIC_WORDS}(?:_\w+)?$", re.IGNORECASE)
_PREDICTION_TARGET = re.compile(rf"^(?:\w+_)?{PREDICTION_WORDS}(?:_\w+)?$", re.IGNORECASE)


def _hard_coded(old: str, new: str) -> list[str]:
    new_tree, old_tree = _parse(new), _parse(old)
    if new_tree is None:
        return []
    before = {ast.dump(n) for n in ast.walk(old_tree)} if old_tree is not None else set()
    problems = []
    for node in ast.walk(new_tree):
        if ast.dump(node) in before:
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                name = _target_name(target)
                if name is None or not _is_literal(node.value):
                    continue
                if _METRIC_TARGET.match(name):
                    problems.append(f"hard-codes the score: `{ast.unparse(node)[:80]}`")
                elif _PREDICTION_TARGET.match(name) or _is_prediction_column(target):
                    problems.append(f"hard-codes predictions: `{ast.unparse(node)[:80]}`")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.search(
                        rf"\b{METRIC_WORDS}\b\W*[:=]?\s*\d*\.\d+", arg.value, re.IGNORECASE):
                    problems.append(f"prints a score it did not compute: `{ast.unparse(node)[:80]}`")
    return list(dict.fromkeys(problems))


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
        return _target_name(target.value)
    return None


def _is_prediction_column(target: ast.AST) -> bool:
    """``submission['Survived'] = ...``: any column of a frame named like a submission."""
    return isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and bool(
        re.match(r"^(?:sub|submission|submit|output|result)s?$", target.value.id, re.IGNORECASE))


def _is_literal(node: ast.AST) -> bool:
    """A number, a list/tuple of numbers, or ``np.zeros/ones/full(...)``-style constant arrays."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand)
    if isinstance(node, (ast.List, ast.Tuple)):
        return bool(node.elts) and all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return _is_literal(node.left) or _is_literal(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "zeros", "ones", "full", "zeros_like", "ones_like", "full_like"):
        return True
    return False


def _code_lines(source: str) -> list[str]:
    lines = []
    for line in source.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped[0] in "!%":
            continue  # comments; shell and magic lines may be disabled (no network, no installs)
        if re.match(r"^(?:import|from)\s", stripped):
            continue  # an import that cannot work (a dead package) may go
        lines.append(stripped)
    return lines


def _dropped_work(old: str, new: str) -> str | None:
    if old.lstrip().startswith("%%") and old.lstrip()[2:].split(None, 1)[:1] in (["bash"], ["sh"], ["script"]):
        return None  # a shell cell: disabling it is the convention
    before, after = _code_lines(old), _code_lines(new)
    if len(before) < 2 and not (before and not after):
        return None
    if len(after) * 2 < len(before):
        return (f"deletes the cell's work: {len(before)} code lines become {len(after)} "
                f"(commented-out code counts as deleted)")
    return None


def _wrapped(old: str, new: str, failing_line: str | None) -> str | None:
    new_tree = _parse(new)
    if new_tree is None:
        if new.count("try:") > old.count("try:") and re.search(r"^\s*except\b", new, re.MULTILINE):
            return "wraps code in try/except instead of fixing it"
        return None
    old_tree = _parse(old)
    old_tries = {ast.dump(n) for n in ast.walk(old_tree) if isinstance(n, ast.Try)} if old_tree else set()
    want = failing_line.strip() if failing_line else None
    for node in ast.walk(new_tree):
        if not isinstance(node, ast.Try) or not node.handlers or ast.dump(node) in old_tries:
            continue
        body = "\n".join(ast.unparse(s) for s in node.body)
        if want and (want in body or _same_code(want, body)):
            return f"wraps the failing line `{want[:80]}` in try/except instead of fixing it"
        for handler in node.handlers:
            broad = handler.type is None or (isinstance(handler.type, ast.Name)
                                             and handler.type.id in ("Exception", "BaseException"))
            quiet = all(isinstance(s, (ast.Pass, ast.Continue)) or (
                isinstance(s, ast.Expr) and isinstance(s.value, (ast.Constant, ast.Call))) for s in handler.body)
            if broad and quiet:
                return "adds a try/except that swallows every error"
    return None


def _wrapped_in_file(old: str, new: str) -> str | None:
    """A helper file's existing statements newly put inside a ``try`` with handlers (import fallbacks aside),
    or a handler that swallows every error."""
    swallowed = _wrapped(old, new, None)
    if swallowed:
        return swallowed
    new_tree, old_tree = _parse(new), _parse(old)
    if new_tree is None or old_tree is None:
        return None
    old_tries = {ast.dump(n) for n in ast.walk(old_tree) if isinstance(n, ast.Try)}
    old_code = {ast.unparse(n) for n in ast.walk(old_tree) if isinstance(n, ast.stmt)}
    for node in ast.walk(new_tree):
        if not isinstance(node, ast.Try) or not node.handlers or ast.dump(node) in old_tries:
            continue
        if all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in node.body):
            continue  # try: import x / except ImportError: import y
        kept = [s for s in node.body if ast.unparse(s) in old_code]
        if kept:
            return f"wraps existing code (`{ast.unparse(kept[0]).split(chr(10))[0][:80]}`) in try/except instead of fixing it"
    return None


def _same_code(line: str, body: str) -> bool:
    try:
        return ast.unparse(ast.parse(line)) in body
    except SyntaxError:
        return False


# --------------------------------------------------------------------------- flags


def _flags(edit: Edit, ws: Workspace) -> list[str]:
    flags = []
    new, old = edit.new, edit.old
    writes = _written_files(new) - _written_files(old)
    for name in sorted(writes):
        if name.endswith(".py"):
            flags.append(f"writes a stand-in module {name!r} (a workaround for a missing package or file)")
    if re.search(r"sys\.modules\s*\[", new) and not re.search(r"sys\.modules\s*\[", old):
        flags.append("puts a stand-in module into sys.modules (a workaround for a missing package)")
    elif "ModuleType(" in new and "ModuleType(" not in old:
        flags.append("builds a stand-in module with types.ModuleType (a workaround for a missing package)")
    read_elsewhere = "\n".join(ws.other_sources)
    known = {PurePosixPath(f).name for f in ws.input_files}
    for name in sorted(writes):
        base = PurePosixPath(name).name
        if name.endswith(".py"):
            continue
        if base in known or (base and base in read_elsewhere):
            flags.append(f"writes {name!r}, a file the notebook reads: a regenerated input, not the original")
    return flags


def _written_files(source: str) -> set[str]:
    names = set(re.findall(r"^%%writefile\s+(?:-a\s+)?(\S+)", source, re.MULTILINE))
    tree = _parse(source)
    if tree is None:
        return names
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        first = node.args[0] if node.args else None
        path = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        if isinstance(func, ast.Name) and func.id == "open" and path:
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax"):
                names.add(path)
        elif isinstance(func, ast.Attribute) and func.attr in _WRITE_CALLS and path:
            names.add(path)
    return names


def _parse(source: str) -> ast.Module | None:
    if not source.strip():
        return ast.parse("")
    try:
        from .rules.masking import parse_masked

        return parse_masked(source)
    except Exception:  # noqa: BLE001 - an unparsable cell: the regex fallbacks decide
        return None


@dataclass(frozen=True)
class GuardNote:
    attempt: int  # 1-based
    origin: str
    rejected: bool  # never ran; else a flagged workaround
    accepted: bool
    text: str


def guard_findings(report) -> list[GuardNote]:
    """The guard's rejections (edits never run) and the workarounds it flagged, read from each attempt's ``why``."""
    found = []
    for number, attempt in enumerate(report.attempts, start=1):
        origin = attempt.edits[0].origin if attempt.edits else "?"
        if attempt.why.startswith(GUARD_REJECTED):
            found.append(GuardNote(number, origin, True, False, attempt.why[len(GUARD_REJECTED) + 2:]))
        elif f"{GUARD_FLAGGED}: " in attempt.why:
            found.append(GuardNote(number, origin, False, attempt.accepted,
                                   attempt.why.split(f"{GUARD_FLAGGED}: ", 1)[1]))
    return found
