"""The helper files staged with the notebook, where a traceback runs through them: their imports, the failing
function and the other uses of the failing name (issue 16, item 3)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .bounds import IMPORT_RE, imports_in
from .cells import COMMON_CALLS
from .tracebacks import LIBRARY_PATH, cap

# --------------------------------------------------------------------------- helper files (issue 16, item 3)

MAX_FILES_CHARS = 5_000  # all helper-file excerpts together
MAX_FUNCTION_LINES = 60  # a longer function shows the lines around the one that raised
MAX_USES = 12  # other lines of the helper files that name the failing name
MAX_FILE_FUNCTIONS = 2  # functions shown, deepest frame first

_NAMED_IN_ERROR = re.compile(r"name '(\w+)' is not defined|has no attribute '(\w+)'|cannot import name '(\w+)'"
                             r"|No module named '([\w.]+)'|unexpected keyword argument '(\w+)'")


MAX_OWN_FILES = 12  # lines naming the notebook's own files (a folder of many is one line)


def own_files_lines(working_files: list[str]) -> list[str]:
    """The files other than modules staged in the working directory (the notebook's repository's: images,
    tables), one line each, a folder holding more than a few as one line with its count and first names."""
    others = [f for f in working_files if not f.endswith(".py")]
    by_folder: dict[str, list[str]] = {}
    for f in others:
        by_folder.setdefault(f.rpartition("/")[0], []).append(f)
    lines = []
    for folder, files in by_folder.items():
        if folder and len(files) > 3:
            names = ", ".join(f.rpartition("/")[2] for f in files[:3])
            lines.append(f"- {folder}/ ({len(files)} files: {names}, ...)")
        else:
            lines.extend(f"- {f}" for f in files)
    if len(lines) > MAX_OWN_FILES:
        lines = [*lines[:MAX_OWN_FILES], f"- ... and {len(lines) - MAX_OWN_FILES} more"]
    return lines


def local_module_names(files: dict[str, str] | None) -> set[str]:
    """Top-level import names the helper files themselves provide (``src/x.py`` -> ``src``, ``util.py`` -> ``util``)."""
    names = set()
    for rel in files or {}:
        first = rel.split("/")[0]
        names.add(first[:-3] if first.endswith(".py") else first)
    return names


def helper_imports(files: dict[str, str] | None) -> set[str]:
    """Top-level modules the helper files import, their own package aside."""
    return imports_in((files or {}).values()) - local_module_names(files)


def helper_frames(error, files: dict[str, str] | None) -> list[tuple[str, int]]:
    """(helper file, line) of each traceback frame inside a helper file, outermost first; also the file an
    import error names (``cannot import name 'x' from 'src.y' (/kaggle/working/src/y.py)``), at line 0."""
    if error is None or not files:
        return []
    found: list[tuple[str, int]] = []
    for path, line in error.frames():
        if LIBRARY_PATH.search(path):
            continue
        rel = _helper_file(path, files)
        if rel is not None and (rel, line) not in found:
            found.append((rel, line))
    if not found:
        named = re.search(r"\(([^()\s]+\.py)\)", error.evalue or "")
        rel = _helper_file(named.group(1), files) if named else None
        if rel is None:
            module = re.search(r"from '([\w.]+)'", error.evalue or "")
            if module:
                stem = module.group(1).replace(".", "/")
                rel = next((r for r in (f"{stem}.py", f"{stem}/__init__.py") if r in files), None)
        if rel is not None:
            found.append((rel, 0))
    return found


def _helper_file(path: str, files: dict[str, str]) -> str | None:
    path = path.replace("\\", "/")
    if path in files:
        return path
    matches = [rel for rel in files if path.endswith("/" + rel)]
    return max(matches, key=len) if matches else None


def failing_names(error, files: dict[str, str], frames: list[tuple[str, int]]) -> list[str]:
    """What the failure is about: the name the error message names, else the calls on the helper line that raised."""
    named = _NAMED_IN_ERROR.search(error.evalue or "") if error is not None else None
    if named:
        return [next(g for g in named.groups() if g)]
    if frames and frames[-1][1] > 0:
        rel, line = frames[-1]
        lines = files[rel].split("\n")
        if line <= len(lines):
            calls = re.findall(r"\.?(\w+)\s*\(", lines[line - 1])
            return [c for c in dict.fromkeys(calls) if c not in COMMON_CALLS][:2]
    return []


@dataclass
class _Scope:
    name: str  # "def add_features", "class Model", "" for module level
    start: int  # 1-based, decorators included
    end: int


def _scopes(text: str) -> list[_Scope]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    scopes = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kind = "class" if isinstance(node, ast.ClassDef) else "def"
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            scopes.append(_Scope(f"{kind} {node.name}", start, node.end_lineno or node.lineno))
    return scopes


def _innermost(scopes: list[_Scope], line: int) -> _Scope | None:
    """The innermost function holding ``line`` (a class only when the line is in its body, not a method)."""
    holding = [s for s in scopes if s.start <= line <= s.end]
    return min(holding, key=lambda s: s.end - s.start) if holding else None


def _file_imports(text: str) -> list[int]:
    """Line numbers (1-based) of the module-level import statements of a helper file (multi-line ones whole,
    those inside a module-level ``try``/``if`` too)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return [n for n, line in enumerate(text.split("\n"), 1)
                if IMPORT_RE.match(line) and not line.startswith((" ", "\t"))]
    numbers: list[int] = []
    for node in tree.body:
        inner = [node]
        if isinstance(node, (ast.Try, ast.If)):
            inner = list(node.body) + list(node.orelse) + [s for h in getattr(node, "handlers", []) for s in h.body]
        for statement in inner:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                numbers.extend(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    return numbers


def helper_context(error, files: dict[str, str] | None, limit: int = MAX_FILES_CHARS) -> str:
    """The parts of the helper files a traceback runs through, as the model needs them to edit those files:
    each such file's imports, the function that raised (and the helper functions that called it), the other
    lines across the helper files that use the failing name; bounded by ``limit``. "" when the failure does
    not involve a helper file."""
    frames = helper_frames(error, files)
    if not frames:
        return ""
    files = files or {}
    names = failing_names(error, files, frames)
    chunks: list[str] = []
    used = 0
    shown: dict[str, set[int]] = {}  # file -> line numbers already shown

    def add(text: str, rel: str, numbers) -> bool:
        nonlocal used
        if used + len(text) > limit:
            return False
        chunks.append(text)
        used += len(text)
        shown.setdefault(rel, set()).update(numbers)
        return True

    seen_files: list[str] = []
    for rel, _ in reversed(frames):
        if rel not in seen_files:
            seen_files.append(rel)
    for rel in seen_files:  # the imports of each file the traceback runs through, deepest first
        numbers = _file_imports(files[rel])
        if numbers:
            lines = files[rel].split("\n")
            add(f"### file {rel}: its imports\n```python\n" + "\n".join(lines[n - 1] for n in numbers) + "\n```",
                rel, numbers)
    functions = 0
    for rel, line in reversed(frames):  # deepest first
        if functions >= MAX_FILE_FUNCTIONS or line <= 0:
            continue
        lines = files[rel].split("\n")
        scope = _innermost(_scopes(files[rel]), line)
        if scope is None:  # module level: the lines around it, unless it is an import already shown
            if line in shown.get(rel, set()):
                continue
            lo, hi = max(1, line - 5), min(len(lines), line + 5)
            what = "module level"
        else:
            lo, hi = scope.start, scope.end
            what = f"`{scope.name}`"
            if hi - lo + 1 > MAX_FUNCTION_LINES:
                head = lo
                lo, hi = max(lo, line - MAX_FUNCTION_LINES // 2), min(hi, line + MAX_FUNCTION_LINES // 2)
                what += f" (lines {lo}-{hi} of it, its `def` line is {head})"
        if set(range(lo, hi + 1)) <= shown.get(rel, set()):
            continue
        body = "\n".join(lines[lo - 1:hi])
        raised = "raised here" if (rel, line) == frames[-1] else "the call on the way"
        if add(f"### file {rel}: lines {lo}-{hi}, {what} (line {line}: {raised})\n```python\n{body}\n```",
               rel, range(lo, hi + 1)):
            functions += 1
    uses = []
    for name in names:
        word = re.compile(rf"(?<![\w.]){re.escape(name)}\b" if "." in name else rf"\b{re.escape(name)}\b")
        for rel, text in sorted(files.items()):
            scopes = _scopes(text)
            for number, line in enumerate(text.split("\n"), 1):
                if number in shown.get(rel, set()) or not word.search(line) or line.strip().startswith("#"):
                    continue
                scope = _innermost(scopes, number)
                where = f" (in `{scope.name}`)" if scope else ""
                uses.append(f"- {rel} line {number}{where}: `{cap(line.strip(), 160)}`")
    if uses:
        more = f"\n- ... ({len(uses) - MAX_USES} more)" if len(uses) > MAX_USES else ""
        add(f"Other lines of the helper files that use {', '.join(f'`{n}`' for n in names)} (if the same change "
            f"applies there, make it in the same answer):\n" + "\n".join(uses[:MAX_USES]) + more, "", range(0))
    others = sorted(set(files) - set(seen_files))
    listing = (f"\nThe other helper files: {', '.join(others[:20])}{' ...' if len(others) > 20 else ''}."
               if others else "")
    return ("\nThe traceback runs through helper files staged with the notebook. The relevant parts as they are "
            "now (a file may be edited with a `SEARCH file PATH` block; copy its SEARCH lines exactly from "
            "here):\n\n" + "\n\n".join(chunks) + listing + "\n")
