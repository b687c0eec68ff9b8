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

import ast
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template

from ..core import Attempt, CellResult, Fingerprint, Notebook, RunResult
from .base import Diagnosis

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"

# Bounds that keep a prompt inside a small model's context window.
MAX_CELLS_CHARS = 14_000  # the cells shown in full (the failing cell is always shown)
SMALL_NOTEBOOK_CHARS = 5_000  # up to this much code before the failing cell, every cell is shown
MAX_CELL_CHARS = 2_500  # a context cell longer than this shows only its lines that bear on the failure
MAX_LATER_CELLS = 3
MAX_SUMMARIES = 30  # one-line summaries of cells not shown, nearest the failing cell first
MAX_TRACEBACK_CHARS = 5_000
MAX_MESSAGE_CHARS = 1_500  # an exception message (9 KB of column names happen)
MAX_LIBRARY_FRAMES = 3  # library frames kept at the end of the traceback
MAX_FRAME_LINES = 8  # code lines shown per traceback frame
MAX_OUTPUT_CHARS = 3_000
MAX_CELL_OUTPUT_CHARS = 400  # one cell's stored output in the listing
MAX_OUTPUTS_CHARS = 1_500  # all stored outputs in the listing
MAX_SHELL_CHARS = 1_500  # the failing cell's own stderr/stdout
MAX_ATTEMPTS_SHOWN = 8
MAX_DIFF_LINES = 14
MAX_ATTEMPT_TRACEBACK_CHARS = 1_200
LONG_LITERAL_CHARS = 1_500  # a cell this long that is mostly one literal is data, not code

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


# --------------------------------------------------------------------------- packages


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


# --------------------------------------------------------------------------- facts from the environment

# Runs inside the locked environment: for each module, whether it exists and which distribution version
# provides it. Nothing is imported (find_spec of a top-level name does not run the package).
_READ_MODULES = r"""
import importlib.util, importlib.metadata as md, json, sys
dists = md.packages_distributions()
out = {}
for name in sys.argv[1:]:
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        spec = None
    if spec is None:
        out[name] = None
        continue
    version = ""
    for dist in dists.get(name, []):
        try:
            version = md.version(dist)
            break
        except Exception:
            pass
    out[name] = version
print(json.dumps(out))
"""

# Classes an error message names by their short name ("'DataFrame' object has no attribute ...").
_CLASSES = {"DataFrame": "pandas.DataFrame", "Series": "pandas.Series", "Index": "pandas.Index",
            "DataFrameGroupBy": "pandas.core.groupby.DataFrameGroupBy",
            "SeriesGroupBy": "pandas.core.groupby.SeriesGroupBy"}


def locked_python(profile: str | None):
    """The locked environment's interpreter (as ``rules.signatures`` finds it), or None when not built."""
    import os

    from ..executor import lockenv

    profile = profile or os.environ.get("MLEMOD_PROFILE") or "tabular"
    try:
        python = lockenv.cache_dir() / "envs" / f"{profile}-{lockenv.lock_hash(profile)[:16]}" / "bin" / "python"
    except Exception:  # noqa: BLE001 - an unknown profile
        return None
    return python if python.exists() else None


@cache
def installed_modules(modules: tuple[str, ...], profile: str | None = None) -> dict[str, str | None]:
    """module -> installed version ("" when unknown), None when the module does not exist at all;
    {} when the locked environment cannot be asked."""
    import json
    import os
    import subprocess

    python = locked_python(profile)
    if python is None or not modules:
        return {}
    try:
        proc = subprocess.run([str(python), "-c", _READ_MODULES, *modules], capture_output=True, text=True,
                              timeout=60, env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")})
        return json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else {}
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        return {}


def import_aliases(notebook: Notebook) -> dict[str, str]:
    """Local name -> dotted path, from the notebook's imports (``pd`` -> ``pandas``,
    ``OneHotEncoder`` -> ``sklearn.preprocessing.OneHotEncoder``)."""
    aliases: dict[str, str] = {}
    pattern = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([^\n#;)]+)|^[ \t]*import[ \t]+([^\n#;]+)",
                         re.MULTILINE)
    for index in notebook.code_indices():
        for match in pattern.finditer(notebook.cells[index].source):
            if match.group(1):
                for part in match.group(2).split(","):
                    bits = part.split()
                    if bits and bits[0] != "*":
                        aliases[bits[-1] if len(bits) == 3 and bits[1] == "as" else bits[0]] = f"{match.group(1)}.{bits[0]}"
            else:
                for part in match.group(3).split(","):
                    bits = part.split()
                    if bits:
                        if len(bits) == 3 and bits[1] == "as":
                            aliases[bits[2]] = bits[0]
                        else:
                            aliases[bits[0].split(".")[0]] = bits[0].split(".")[0]
    return aliases


def failing_callables(notebook: Notebook, diagnosis: Diagnosis, limit: int = 3) -> list[str]:
    """Dotted paths of the callables the failing line calls, as far as the imports (or the error's
    class name) tell: ``pd.cut(...)`` -> ``pandas.cut``; ``'DataFrame' object ...`` + ``df.drop(`` ->
    ``pandas.DataFrame.drop``."""
    error = diagnosis.error
    if error is None or not error.line_source:
        return []
    aliases = import_aliases(notebook)
    found: list[str] = []
    for callee in re.findall(r"([A-Za-z_][\w.]*)\s*\(", error.line_source):
        head, _, rest = callee.partition(".")
        if head in aliases:
            found.append(aliases[head] + (f".{rest}" if rest else ""))
    named = re.search(r"'(\w+)' object|\b(\w+)\.(\w+)\(\) (?:got|takes|missing)", error.evalue or "")
    if named:
        cls = named.group(1) or named.group(2)
        if cls in _CLASSES:
            if named.group(3):
                found.append(f"{_CLASSES[cls]}.{named.group(3)}")
            else:
                for method in re.findall(r"\.(\w+)\s*\(", error.line_source):
                    found.append(f"{_CLASSES[cls]}.{method}")
    return list(dict.fromkeys(found))[:limit]


def environment_facts(notebook: Notebook, diagnosis: Diagnosis,
                      describe_names=None, files: dict[str, str] | None = None) -> str:
    """What the installed environment says about the failure: the failing callables' parameters today,
    imported modules the fingerprint does not list (their version, or that they do not exist), and,
    when the live session can tell (``describe_names``), the types and shapes of the failing line's names."""
    from .rules.signatures import installed_parameters

    run = diagnosis.run
    profile = run.fingerprint.lock if run.fingerprint else None
    lines: list[str] = []
    for qualname in failing_callables(notebook, diagnosis):
        parameters = installed_parameters(qualname, profile)
        if parameters is not None:
            shown = ", ".join(parameters[:40]) + (", ..." if len(parameters) > 40 else "")
            lines.append(f"- `{qualname}` accepts today: ({shown})")
    listed = {_norm(d) for d in (run.fingerprint.packages if run.fingerprint else {})}
    local = local_module_names(files or {f: "" for f in diagnosis.working_files if f.endswith(".py")})
    unlisted = tuple(sorted(m for m in (imported_modules(notebook) - local) | helper_imports(files)
                            if not {_norm(c) for c in (*IMPORT_TO_DIST.get(m, ()), m)} & listed))
    found = installed_modules(unlisted, profile) if unlisted else {}
    missing = sorted(m for m, v in found.items() if v is None)
    present = [f"{m} {v}" for m, v in sorted(found.items()) if v]
    if present:
        lines.append("- also installed: " + ", ".join(present))
    if missing:
        lines.append("- imported but not installed (no such module in this environment, and none can be "
                     "installed): " + ", ".join(missing))
    if describe_names is not None and diagnosis.error is not None and diagnosis.error.line_source:
        names = sorted(line_names(diagnosis.error.line_source) - set(import_aliases(notebook)))
        try:
            described = describe_names(names) or {}
        except Exception:  # noqa: BLE001 - facts are a bonus; a session that cannot tell gives none
            described = {}
        for name, text in list(described.items())[:8]:
            lines.append(f"- `{name}` in the kernel at the failure: {cap(str(text), 300)}")
    if not lines:
        return ""
    return "Facts from the installed environment:\n" + "\n".join(lines) + "\n"


def line_names(line: str) -> set[str]:
    """The variables one line of code names (not attributes, keywords or builtins)."""
    import builtins

    try:
        tree = ast.parse(line.strip())
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    except SyntaxError:
        names = set(re.findall(r"(?<![.\w])([A-Za-z_]\w*)\b(?!\s*=[^=])", line)) - _KEYWORDS
    return {n for n in names if not hasattr(builtins, n)}


_KEYWORDS = {"if", "else", "for", "in", "not", "and", "or", "is", "None", "True", "False", "lambda", "return",
             "print", "def", "class", "import", "from", "as", "with"}


# --------------------------------------------------------------------------- messages and tracebacks


_QUOTED_RUN = re.compile(r"""(?:(?:'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b)\s*,\s*){12,}"""
                         r"""(?:'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b)""")
_ITEM = re.compile(r"""'[^'\n]{0,120}'|"[^"\n]{0,120}"|\b[\w.\-]{1,60}\b""")


def collapse_lists(text: str, keep: int = 6) -> str:
    """Long comma-separated runs (column names, labels) shortened to their first items and a count."""
    def shorten(match: re.Match) -> str:
        items = _ITEM.findall(match.group(0))
        if len(items) <= keep + 2:
            return match.group(0)
        return ", ".join(items[:keep]) + f", ... ({len(items) - keep} more)"

    text = _QUOTED_RUN.sub(shorten, text)
    # The same line many times over (a warning per row, a repeated column list).
    out: list[str] = []
    for line in text.split("\n"):
        if out and line.strip() and _base(out[-1]) == line:
            count = int(re.search(r"\[repeated (\d+) times\]$", out[-1]).group(1)) + 1 \
                if out[-1].endswith(" times]") else 2
            out[-1] = f"{line} [repeated {count} times]"
        else:
            out.append(line)
    return "\n".join(out)


def _base(line: str) -> str:
    return re.sub(r" \[repeated \d+ times\]$", "", line)


def cap(text: str, limit: int, what: str = "chars") -> str:
    """``text`` within ``limit`` characters: its head and tail, with a marker saying how much was cut."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head
    return f"{text[:head]}\n[... {len(text) - head - tail} {what} cut ...]\n{text[-tail:]}"


def cap_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return cap(collapse_lists(text), limit)


_FRAME_HEAD = re.compile(r"^\s*(?:Cell In\s*\[\d+\]|Input In \[\d+\]|<ipython-input-|File \S|"
                         r"File \"|\S+\.py[x]? in |\S+\.pyx:\d+)")
_CHAIN = re.compile(r"^(During handling of the above exception|The above exception was the direct cause)")
_HEAD = re.compile(r"^-{20,}$|Traceback \(most recent call last\)")
_CELL_FRAME = re.compile(r"Cell In\s*\[(\d+)\], line (\d+)|Input In \[(\d+)\]|<ipython-input-(\d+)-[0-9a-f]+>")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LIBRARY = re.compile(r"site-packages|dist-packages|/lib/python\d|\.pyx\b|<frozen |\bFile <|/usr/lib/")


@dataclass
class _Frame:
    lines: list[str]
    user: bool


@dataclass
class _Block:  # one exception of a chain: its header, frames and message
    head: list[str] = field(default_factory=list)
    frames: list[_Frame] = field(default_factory=list)
    message: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # the "During handling ..." line that follows it


def _parse_traceback(text: str) -> list[_Block]:
    blocks = [_Block()]
    for line in text.split("\n"):
        block = blocks[-1]
        stripped = line.strip()
        if _CHAIN.match(stripped):
            block.chain.append(line)
            blocks.append(_Block())
            continue
        if _HEAD.search(line) and not block.frames and not block.message:
            block.head.append(line)
            continue
        if _FRAME_HEAD.match(line) and not block.message:
            user = bool(_CELL_FRAME.search(line)) or not _LIBRARY.search(line)
            block.frames.append(_Frame([line], user))
            continue
        if block.frames and not block.message and (not line[:1].isalpha() or line.startswith("File")):
            block.frames[-1].lines.append(line)  # code context, carets, blank lines inside the frame part
            continue
        if not stripped and not block.message:
            continue
        block.message.append(line)
    return [b for b in blocks if b.head or b.frames or b.message]


def _frame_text(frame: _Frame, limit: int) -> list[str]:
    lines = [line for line in frame.lines if line.strip()]
    if len(lines) <= limit + 1:
        return lines
    arrow = next((i for i, line in enumerate(lines) if re.match(r"^\s*-+>", line)), len(lines) - 1)
    lo = max(1, arrow - limit + 2)
    return [lines[0]] + (["    ..."] if lo > 1 else []) + lines[lo:arrow + 2]


def trim_traceback(text: str, cell: int | None = None, sources: list[str] | None = None,
                   limit: int = MAX_TRACEBACK_CHARS) -> str:
    """The traceback as a model needs it: the user's frames (cells, helper files), the last library
    frames of each exception, each message capped; notebook frames name their cell index when known."""
    text = _ANSI.sub("", text)  # stored outputs keep their colours
    if not text.strip():
        return text
    blocks = _parse_traceback(text)
    out: list[str] = []
    for number, block in enumerate(blocks):
        last = number == len(blocks) - 1
        keep_library = MAX_LIBRARY_FRAMES if last else 1
        library = [i for i, f in enumerate(block.frames) if not f.user]
        kept_library = set(library[-keep_library:]) if keep_library else set()
        if out:
            out.append("")
        out.extend(block.head)
        skipped = 0
        for i, frame in enumerate(block.frames):
            if frame.user or i in kept_library:
                if skipped:
                    out.extend([f"[... {skipped} library frame{'s' if skipped > 1 else ''} left out ...]", ""])
                    skipped = 0
                out.extend(_frame_text(frame, MAX_FRAME_LINES if frame.user else 4) + [""])
            else:
                skipped += 1
        if skipped:
            out.extend([f"[... {skipped} library frame{'s' if skipped > 1 else ''} left out ...]", ""])
        message = "\n".join(block.message).strip("\n")
        if message:
            out.append(cap_message(message, MAX_MESSAGE_CHARS if last else 400))
        if block.chain:
            out.append("")
            out.extend(block.chain)
    result = "\n".join(out)
    if cell is not None:
        result = _name_cells(result, cell, sources or [])
    if len(result) > limit:  # the end of a traceback says the most
        result = "[... earlier part cut ...]\n" + result[-limit:]
    return result


def _name_cells(text: str, cell: int, sources: list[str]) -> str:
    """'Cell In[7], line 2' -> 'cell 3, line 2': the outermost notebook frame is the cell that ran;
    a deeper one (a function an earlier cell defined) is found by its line of code."""
    matches = list(_CELL_FRAME.finditer(text))
    if not matches:
        return text
    final = text.rfind("Traceback (most recent call last)")
    outer = next((m for m in matches if m.start() > final), matches[0])
    running = next(g for g in outer.groups() if g is not None)
    names: dict[str, int] = {running: cell}
    for match in matches:
        count = next(g for g in match.groups() if g is not None)
        if count in names or match.group(2) is None:
            continue
        line = int(match.group(2))
        after = text[match.end():].split("\n")[1:8]
        code = next((re.sub(r"^\s*-*>\s*\d+\s?", "", a) for a in after if re.match(rf"^\s*-+>\s*{line}\b", a)), None)
        if code is None:
            continue
        owners = [i for i, src in enumerate(sources)
                  if len(src.split("\n")) >= line and src.split("\n")[line - 1].strip() == code.strip()]
        if len(owners) == 1:
            names[count] = owners[0]

    def rename(match: re.Match) -> str:
        count = next(g for g in match.groups() if g is not None)
        if count not in names:
            return match.group(0)
        return f"Cell {names[count]}, line {match.group(2)}" if match.group(2) else f"Cell {names[count]}"

    return _CELL_FRAME.sub(rename, text)


def traceback_cells(text: str) -> set[int]:
    """Cell indices named in a trimmed traceback (``Cell 3, line 2``)."""
    return {int(n) for n in re.findall(r"\bCell (\d+)(?:, line \d+)?", text)}


# --------------------------------------------------------------------------- what a cell does


@dataclass
class CellFacts:
    index: int
    source: str
    binds: set[str] = field(default_factory=set)  # names assigned, imported, defined
    changes: set[str] = field(default_factory=set)  # names mutated (df['a'] = .., df.x.fillna(inplace=True), l.append)
    uses: set[str] = field(default_factory=set)  # names read
    calls: set[str] = field(default_factory=set)  # last component of each callee / attribute read
    imports: list[str] = field(default_factory=list)  # its import lines
    dropped: str | None = None  # why it is never shown: "commented out", "a long literal"
    parsed: bool = True


_WORD = re.compile(r"\b[A-Za-z_]\w*\b")
_ASSIGNED = re.compile(r"^\s*([A-Za-z_][\w, ]*?)\s*(?:\[[^\]]*\]|\.\w+)?\s*(?:[-+*/%&|^]|//|\*\*)?=(?!=)", re.MULTILINE)


def cell_facts(index: int, source: str) -> CellFacts:
    facts = CellFacts(index, source)
    code = [line for line in source.split("\n") if line.strip() and not line.strip().startswith("#")]
    facts.imports = [line.strip() for line in source.split("\n") if _IMPORT_RE.match(line)]
    if not code:
        facts.dropped = "commented out" if source.strip() else "empty"
        return facts
    from .rules.masking import parse_masked

    tree = parse_masked(source)
    if tree is None:  # Python 2, a foreign cell magic, a syntax error: names by regex
        facts.parsed = False
        facts.uses = set(_WORD.findall(source))
        for match in _ASSIGNED.finditer(source):
            facts.binds |= {n.strip() for n in match.group(1).split(",") if n.strip()}
        for match in _IMPORT_RE.finditer(source):
            names = match.group("names") or source[match.end():].split("\n")[0]
            facts.binds |= {p.strip().split(" as ")[-1].split(".")[0].strip("() ") for p in names.split(",")}
        facts.binds |= set(re.findall(r"^\s*(?:def|class)\s+(\w+)", source, re.MULTILINE))
        facts.calls = set(re.findall(r"\.?(\w+)\s*\(", source)) | set(re.findall(r"\.(\w+)", source))
        return facts
    if _is_long_literal(tree, source):
        facts.dropped = "a long literal"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (facts.uses if isinstance(node.ctx, ast.Load) else facts.binds).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            facts.binds |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            facts.binds.add(node.name)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name:
                facts.calls.add(name)
            inplace = any(k.arg == "inplace" for k in node.keywords)
            if isinstance(func, ast.Attribute) and (inplace or func.attr in _MUTATORS):
                root = _root(func.value)
                if root:
                    facts.changes.add(root)
        elif isinstance(node, ast.Attribute):
            facts.calls.add(node.attr)
            if not isinstance(node.ctx, ast.Load) and _root(node.value):
                facts.changes.add(_root(node.value))
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and _root(node.value):
            facts.changes.add(_root(node.value))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            facts.changes.add(node.target.id)
    return facts


_MUTATORS = {"append", "extend", "insert", "update", "pop", "remove", "clear", "sort", "fit", "fit_transform",
             "partial_fit", "add", "setdefault", "set_index", "reset_index", "drop", "fillna", "rename", "replace",
             "train", "compile", "load_weights", "seed", "shuffle", "set_params", "set_option"}


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_long_literal(tree: ast.Module, source: str) -> bool:
    if len(source) < LONG_LITERAL_CHARS:
        return False
    literal = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Constant)) and hasattr(node, "end_lineno"):
            segment = ast.get_source_segment(source, node) or ""
            literal = max(literal, len(segment))
    return literal > 0.7 * len(source)


# --------------------------------------------------------------------------- choosing the cells


@dataclass
class Listing:
    shown: dict[int, str]  # cell -> why it is shown ("failing", "defines train", ...)
    later: list[int]  # cells after the failing one that repeat its failing call
    summarised: list[int]
    dropped: dict[int, str]  # cell -> "commented out" | "a long literal" | "empty"
    relevant: set[int] = field(default_factory=set)  # cells that define or change what the failing cell reads
    excerpt: dict[int, set[str]] = field(default_factory=dict)  # long cells: show the lines naming these words


def failing_pattern(diagnosis: Diagnosis) -> set[str]:
    """What a later cell must contain to repeat the failure: the attribute or module the error names,
    else the calls on the failing line (common builtins aside)."""
    error = diagnosis.error
    if error is None:
        return set()
    named = re.search(r"has no attribute '(\w+)'|No module named '([\w.]+)'|cannot import name '(\w+)'"
                      r"|unexpected keyword argument '(\w+)'|'(\w+)' is not defined", error.evalue or "")
    if named:
        word = next(g for g in named.groups() if g)
        return {word.split(".")[-1] if "." in word and named.group(2) is None else word}
    line = error.line_source or ""
    calls = set(re.findall(r"\.?(\w+)\s*\(", line)) | set(re.findall(r"\.(\w+)\b(?!\s*\()", line)[-1:])
    return calls - _COMMON


_COMMON = {"print", "len", "str", "int", "float", "list", "dict", "set", "tuple", "range", "zip", "enumerate",
           "sum", "min", "max", "abs", "round", "sorted", "type", "isinstance", "head", "tail", "format", "show",
           "values", "shape", "columns", "index", "copy", "astype", "reshape", "mean", "apply", "map", "loc",
           "iloc", "display", "open", "append", "join", "split", "strip", "replace"}


def choose_cells(notebook: Notebook, diagnosis: Diagnosis, facts: dict[int, CellFacts]) -> Listing:
    code = notebook.code_indices()
    focus = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    upto = [i for i in code if focus is None or i <= focus]
    dropped = {i: facts[i].dropped for i in upto if facts[i].dropped and i != focus}
    candidates = [i for i in upto if i not in dropped]
    listing = Listing(shown={}, later=[], summarised=[], dropped=dropped)
    if focus is None:  # a score question: any cell may hold the changed default
        listing.shown = {i: "" for i in candidates}
        return _fit(listing, notebook, focus)
    small = sum(len(notebook.cells[i].source) for i in candidates) <= SMALL_NOTEBOOK_CHARS
    listing.shown[focus] = "fails"
    tb_cells = traceback_cells(diagnosis.error.traceback) if diagnosis.error else set()
    for i in sorted(tb_cells):
        if i in facts and i != focus and i not in dropped:
            listing.shown[i] = "in the traceback"
    wanted = set(facts[focus].uses)
    for i in tb_cells & set(facts):
        wanted |= facts[i].uses
    line_words = set(_WORD.findall(diagnosis.error.line_source or "")) if diagnosis.error else set()
    for i in reversed(candidates[:-1] if candidates and candidates[-1] == focus else candidates):
        if i == focus or i in listing.shown:
            continue
        touched = (facts[i].binds | facts[i].changes) & wanted
        if touched:
            listing.shown[i] = ", ".join(sorted(touched)[:4])
            listing.excerpt[i] = touched | (line_words & facts[i].uses)
    listing.relevant = set(listing.shown) - {focus}
    if small:  # small enough: every cell
        listing.shown = {i: listing.shown.get(i, "") for i in candidates}
    pattern = failing_pattern(diagnosis)
    if pattern and diagnosis.fix_type == "error-repair":
        for i in (j for j in code if focus is not None and j > focus and j in facts and not facts[j].dropped):
            if pattern & facts[i].calls or (not facts[i].parsed and any(p in facts[i].source for p in pattern)):
                listing.later.append(i)
                listing.excerpt[i] = set(pattern)
                if len(listing.later) >= MAX_LATER_CELLS:
                    break
    return _fit(listing, notebook, focus)


def _fit(listing: Listing, notebook: Notebook, focus: int | None) -> Listing:
    """Within MAX_CELLS_CHARS: the failing cell first, then the others nearest it; the rest summarised."""
    order = sorted(listing.shown, key=lambda i: (i != focus, abs(i - focus) if focus is not None else -i))
    used, kept = 0, {}
    for i in order:
        size = min(len(notebook.cells[i].source), MAX_CELL_CHARS) if i != focus else len(notebook.cells[i].source)
        if i != focus and used + size > MAX_CELLS_CHARS:
            continue
        kept[i] = listing.shown[i]
        used += size
    listing.summarised = sorted(set(listing.shown) - set(kept))
    listing.shown = kept
    upto = [i for i in notebook.code_indices() if focus is None or i <= focus]
    listing.summarised = sorted(set(listing.summarised) | {i for i in upto if i not in kept and i not in listing.dropped})
    return listing


def _excerpt(source: str, words: set[str]) -> str:
    """The lines of a long cell that name ``words`` (one line either side), the rest marked as left out."""
    lines = source.split("\n")
    keep = set()
    for n, line in enumerate(lines):
        if words & set(_WORD.findall(line)) or _IMPORT_RE.match(line):
            keep |= {n - 1, n, n + 1}
    out, gap = [], 0
    for n, line in enumerate(lines):
        if n in keep:
            if gap:
                out.append(f"# ... ({gap} line{'s' if gap > 1 else ''} not shown)")
                gap = 0
            out.append(line)
        else:
            gap += 1
    if gap:
        out.append(f"# ... ({gap} line{'s' if gap > 1 else ''} not shown)")
    return "\n".join(out)


def summary_line(source: str) -> str:
    code = [line.strip() for line in source.split("\n") if line.strip() and not line.strip().startswith("#")]
    imports = [line for line in code if _IMPORT_RE.match(line)]
    if imports and len(imports) * 2 >= len(code):  # an imports cell: the imports say what it does
        rest = len(code) - len(imports)
        return "; ".join(f"`{line}`" for line in imports)[:400] + (f" (+{rest} other lines)" if rest else "")
    first = code[0] if code else source.strip().split("\n")[0]
    first = first if len(first) <= 70 else first[:67] + "..."
    more = f" (+{len(code) - 1} lines)" if len(code) > 1 else ""
    return f"`{first}`{more}"


def output_text(outputs: list) -> str:
    """The text a cell showed (streams, results, errors' names), images as a marker."""
    parts = []
    for out in outputs or []:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            text = data.get("text/plain", "")
            if not text and any(k.startswith("image/") for k in data):
                text = "[an image]"
        elif kind == "error":
            text = f"{out.get('ename', '')}: {out.get('evalue', '')}"
        else:
            text = ""
        parts.append("".join(text) if isinstance(text, list) else str(text))
    return "\n".join(p.rstrip() for p in parts if p.strip())


def render_cells(notebook: Notebook, upto: int | None, diagnosis: Diagnosis | None = None) -> str:
    """The notebook listing for the prompt: cells shown in full (or as excerpts) with their published
    outputs, one-line summaries of the rest, the later cells that repeat the failing call."""
    facts = {i: cell_facts(i, notebook.cells[i].source) for i in notebook.code_indices()}
    if diagnosis is None:  # everything up to ``upto`` (tests, tools)
        from ..core import RunResult

        diagnosis = Diagnosis(fix_type="score-calibration" if upto is None else "runtime-reduction", cell=upto,
                              run=RunResult(cells=[], status="ok", wall_seconds=0.0))
    listing = choose_cells(notebook, diagnosis, facts)
    focus = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    budget = [MAX_OUTPUTS_CHARS]
    chunks: list[str] = []
    pending: list[int] = []  # summaries waiting to be written as one block
    upto_cells = [i for i in notebook.code_indices() if focus is None or i <= focus]
    near = set(sorted(listing.summarised, key=lambda i: abs(i - (focus or 0)))[:MAX_SUMMARIES])
    near |= {i for i in listing.summarised if facts[i].imports}  # what a name is imported as matters most

    def flush():
        if not pending:
            return
        far = [i for i in pending if i not in near]
        lines = [f"cell {i}: {summary_line(notebook.cells[i].source)}" for i in pending if i in near]
        if far:
            lines.append(f"(cells {_ranges(far)} not shown)")
        chunks.append("\n".join(lines))
        pending.clear()

    for i in upto_cells:
        if i in listing.dropped:
            continue
        if i in listing.shown:
            flush()
            chunks.append(_cell_block(notebook, i, listing, i == focus, budget))
        else:
            pending.append(i)
    flush()
    if listing.dropped:
        groups: dict[str, list[int]] = {}
        for i, why in listing.dropped.items():
            groups.setdefault(why, []).append(i)
        chunks.append("Left out: " + "; ".join(f"cells {_ranges(v)} ({k})" for k, v in groups.items()) + ".")
    text = "\n\n".join(chunks) or "(no code cells)"
    if listing.later:
        pattern = ", ".join(f"`{p}`" for p in sorted(failing_pattern(diagnosis)))
        later = "\n\n".join(_cell_block(notebook, i, listing, False, [0]) for i in listing.later)
        text += (f"\n\nLater cells that use {pattern} too (not run yet; if the same change applies there, make it "
                 f"in the same answer):\n\n{later}")
    return text


def _cell_block(notebook: Notebook, i: int, listing: Listing, focus: bool, budget: list[int]) -> str:
    source = notebook.cells[i].source
    note = ""
    if not focus and len(source) > MAX_CELL_CHARS and i in listing.excerpt:
        source = _excerpt(source, listing.excerpt[i])
        note = " (excerpt: the lines that bear on the failure; SEARCH only lines shown)"
    head = f"### cell {i}{note}"
    block = f"{head}\n```python\n{source}\n```"
    if not focus and budget[0] > 0 and i in listing.relevant:
        published = output_text(notebook.cells[i].get("outputs", [])).strip()
        if published:
            published = cap(collapse_lists(published), min(MAX_CELL_OUTPUT_CHARS, budget[0]))
            budget[0] -= len(published)
            block += f"\nIts output when the notebook was published:\n```\n{published}\n```"
    return block


def _ranges(indices: list[int]) -> str:
    indices = sorted(indices)
    out, start, prev = [], indices[0], indices[0]
    for i in indices[1:] + [None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        out.append(str(start) if start == prev else f"{start}..{prev}")
        if i is not None:
            start = prev = i
    return ", ".join(out)


def failing_output(run: RunResult, cell: int | None) -> str:
    """What the failing cell printed before it failed (a shell cell's stderr first), bounded."""
    result: CellResult | None = next((c for c in run.cells if c.index == cell), None)
    if result is None:
        return ""
    streams = [o for o in result.outputs if o.get("output_type") == "stream"]
    ordered = [o for o in streams if o.get("name") == "stderr"] + [o for o in streams if o.get("name") != "stderr"]
    text = "\n".join(("".join(o.get("text", "")) if isinstance(o.get("text"), list) else o.get("text", "")).rstrip()
                     for o in ordered)
    text = collapse_lists(text.strip())
    if not text:
        return ""
    return f"\nWhat cell {cell} printed before it failed (stderr first):\n```\n{cap(text, MAX_SHELL_CHARS)}\n```\n"


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
        "data_files": "\n".join(f"- {f}" for f in diagnosis.data_files if not _answers_file(f)) or "- (none listed)",
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


def _answers_file(line: str) -> bool:
    """A data file that holds the answers (ground truth some data folders carry): never offered to the model."""
    from .guard import ANSWER_WORDS

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


# --------------------------------------------------------------------------- helper files (issue 16, item 3)

MAX_FILES_CHARS = 5_000  # all helper-file excerpts together
MAX_FUNCTION_LINES = 60  # a longer function shows the lines around the one that raised
MAX_USES = 12  # other lines of the helper files that name the failing name
MAX_FILE_FUNCTIONS = 2  # functions shown, deepest frame first

_NAMED_IN_ERROR = re.compile(r"name '(\w+)' is not defined|has no attribute '(\w+)'|cannot import name '(\w+)'"
                             r"|No module named '([\w.]+)'|unexpected keyword argument '(\w+)'")


def local_module_names(files: dict[str, str] | None) -> set[str]:
    """Top-level import names the helper files themselves provide (``src/x.py`` -> ``src``, ``util.py`` -> ``util``)."""
    names = set()
    for rel in files or {}:
        first = rel.split("/")[0]
        names.add(first[:-3] if first.endswith(".py") else first)
    return names


def helper_imports(files: dict[str, str] | None) -> set[str]:
    """Top-level modules the helper files import, their own package aside."""
    found: set[str] = set()
    for text in (files or {}).values():
        for match in _IMPORT_RE.finditer(text):
            if match.group("from"):
                if not match.group("from").startswith("."):
                    found.add(match.group("from").split(".")[0])
                continue
            for part in match.group("names").split(","):
                name = part.strip().split(" ")[0].strip("()\\")
                if name:
                    found.add(name.split(".")[0])
    return found - local_module_names(files)


def helper_frames(error, files: dict[str, str] | None) -> list[tuple[str, int]]:
    """(helper file, line) of each traceback frame inside a helper file, outermost first; also the file an
    import error names (``cannot import name 'x' from 'src.y' (/kaggle/working/src/y.py)``), at line 0."""
    if error is None or not files:
        return []
    found: list[tuple[str, int]] = []
    for path, line in error.frames():
        if _LIBRARY.search(path):
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
            return [c for c in dict.fromkeys(calls) if c not in _COMMON][:2]
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
                if _IMPORT_RE.match(line) and not line.startswith((" ", "\t"))]
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
        tb = _ANSI.sub("", "\n".join(interrupted.get("traceback") or []))
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
