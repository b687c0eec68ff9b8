"""A data file read from a path that does not exist, while the data directory has it.

Authors kept the competition files in ``data/``, ``./dataset/``, next to the
notebook or under a Windows path; Kaggle serves them at ``../input/<file>``
(zipped or not). The path literal is rewritten to ``../input/...`` when a data
file matches: statically where a reader (``read_csv``, ``open``, ``np.load``...)
is given a literal the working directory certainly lacks, so one run fixes every
read; on FileNotFoundError for the rest (a folder literal a path was built from).
"""

from __future__ import annotations

import ast
import posixpath
import re
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import libcst as cst

from .framework import Context, RuleTransformer, callee_name, dotted, notebook_rule, rule, string_value
from .masking import parse_masked

RULE_ID = "data-path"
_MISSING = re.compile(
    r"""No such file or directory: ['"](.+?)['"]|File (?:b)?['"](.+?)['"] does not exist|(?:FileNotFoundError: )?\[Errno 2\].*?['"](.+?)['"]"""
)


def missing_path(evalue: str) -> str | None:
    """The path a "no such file" error names, as the notebook wrote it (the message shows its repr())."""
    found = _MISSING.search(evalue)
    return next(g for g in found.groups() if g).replace("\\\\", "\\") if found else None


def path_parts(path: str) -> list[str]:
    """The names along ``path`` (POSIX or Windows), without the root, drive, ``.`` and ``..``."""
    pure = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return [p for p in pure.parts if p not in ("/", ".", "..") and not p.endswith(":\\")]


def match_data_file(missing: str, data_files: list[str]) -> str | None:
    """The data file that ``missing`` meant: the longest matching path tail, zip or not, any case."""
    parts = path_parts(missing)
    if not parts:
        return None
    by_lower = {f.lower(): f for f in data_files}
    for start in range(len(parts)):
        tail = "/".join(parts[start:]).lower()
        for candidate in (
            tail,
            tail + ".zip",
            tail[:-4] if tail.endswith(".zip") else None,
            re.sub(r"\.(csv|tsv|txt|json)$", ".zip", tail),
        ):
            if candidate and candidate in by_lower:
                return by_lower[candidate]
    # Kaggle once served some competitions' files as train.zip holding train.csv: the one file of that stem
    stem = parts[-1].lower()
    if stem.endswith(".zip"):
        same = [f for f in data_files if PurePosixPath(f.lower()).stem == stem[:-4] and not f.lower().endswith(".zip")]
        if len(same) == 1:
            return same[0]
    return _renamed_copy(stem, data_files)


# Words an author adds to a file of their own making: such a file is not the competition's file renamed.
_DERIVED = frozenset(
    "clean cleaned processed prepared preprocessed prep new final encoded scaled feature features fe "
    "engineered filled imputed transformed modified mod out output pred preds prediction predictions "
    "result results submission sub my copy tmp temp small sample subset".split()
)


def _renamed_copy(name: str, data_files: list[str]) -> str | None:
    """``titanic_train.csv`` for ``train.csv``: authors saved the competition's file under its name with
    words of their own around it. The one data file (same extension) whose stem is a run of the name's
    words, the other words naming no derived file (``train_clean.csv`` is the author's own output)."""
    path = PurePosixPath(name)
    words = [w for w in re.split(r"[-_. ]+", path.stem) if w]
    if len(words) < 2 or not path.suffix:
        return None
    hits = []
    for f in data_files:
        data = PurePosixPath(f.lower())
        stem_words = [w for w in re.split(r"[-_. ]+", data.stem) if w]
        if data.suffix != path.suffix or not stem_words:
            continue
        n = len(stem_words)
        for i in range(len(words) - n + 1):
            rest = words[:i] + words[i + n:]
            if words[i:i + n] == stem_words and rest and not any(w in _DERIVED or w.isdigit() for w in rest):
                hits.append(f)
                break
    return hits[0] if len(hits) == 1 else None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _span(node: ast.expr, lines: list[str]) -> tuple[int, int, int, str] | None:
    """(line, col, end_col, value) of a one-line plain string literal, or of ``os.path.join`` over such
    literals (its value joined); None for anything else."""
    if node.lineno != node.end_lineno:
        return None
    value = _literal(node)
    if value is None and isinstance(node, ast.Call) and _name(node.func) == "join" and node.args \
            and not node.keywords:
        parts = [_literal(a) for a in node.args]
        value = posixpath.join(*parts) if None not in parts else None
    return None if value is None else (*_columns(node, lines), value)


def _columns(node: ast.expr, lines: list[str]) -> tuple[int, int, int]:
    """(line, col, end_col) of a one-line node, in characters (ast's offsets count UTF-8 bytes)."""
    raw = lines[node.lineno - 1].encode()
    return node.lineno, len(raw[: node.col_offset].decode(errors="ignore")), \
        len(raw[: node.end_col_offset].decode(errors="ignore"))


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def string_literals(source: str) -> list[tuple[int, int, int, str]]:
    """(line, col, end_col, value) of one-line plain string literals in ``source``."""
    tree = parse_masked(source)  # cached; masking keeps lines, and no literal is on a masked line
    if tree is None:
        return []
    lines = source.split("\n")
    in_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    spans = (_span(node, lines) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and id(node) not in in_fstring)
    return [s for s in spans if s is not None]


@dataclass(frozen=True)
class PathArg:
    """A string literal given as the file a call reads or writes."""

    role: str  # "read" or "write"
    line: int
    col: int
    end: int
    value: str


_READERS = re.compile(
    r"^(read_(csv|table|json|excel|parquet|pickle|feather|fwf|hdf|sas|stata|orc|xml)|loadtxt|genfromtxt|fromfile|"
    r"load|imread|load_img|load_workbook|load_model|load_weights|load_word2vec_format)$"
)
_WRITERS = re.compile(
    r"^(to_(csv|pickle|excel|json|parquet|feather|hdf|html|latex|stata)|savefig|save|savetxt|savez|"
    r"savez_compressed|imsave|imwrite|save_model|save_weights|save_word2vec_format|dump)$"
)
_PATH_KEYWORDS = {"filepath_or_buffer", "path_or_buf", "path", "fname", "file", "filename", "filepath", "io"}


def _role(call: ast.Call) -> str | None:
    """"read" or "write" for a call that opens a file by path, from its name (and an ``open`` mode)."""
    name = _name(call.func)
    if name in ("open", "ZipFile"):  # the mode decides; a mode that is not a literal: unknown
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        if mode is None:
            return "read"
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
            return "write" if set(mode.value) & set("wax+") else "read"
        return None
    return "read" if _READERS.match(name) else "write" if _WRITERS.match(name) else None


# A cell with none of these names before a parenthesis has no reader or writer call: its tree is not walked.
_FILE_CALL = re.compile(
    r"\b(?:read_\w+|to_\w+|loadtxt|genfromtxt|fromfile|load\w*|imread|savefig|save\w*|imsave|imwrite|dump|open"
    r"|ZipFile)\s*\("
)


def _calls(source: str) -> list[tuple[ast.Call, str]]:
    """The calls in ``source`` that read or write a file by path, with their role."""
    if not _FILE_CALL.search(source):
        return []
    tree = parse_masked(source)  # cached: the static path rules and the error-keyed ones read every cell
    calls = (node for node in ast.walk(tree) if isinstance(node, ast.Call)) if tree is not None else ()
    return [(call, role) for call in calls if (role := _role(call)) is not None]


def writes_on(source: str, line: int) -> bool:
    """Whether a call on ``line`` of ``source`` (or spanning it) writes a file."""
    return any(role == "write" and call.lineno <= line <= call.end_lineno for call, role in _calls(source))


def reads_on(source: str, line: int) -> bool:
    """Whether a call on ``line`` of ``source`` (or spanning it) reads a file and none writes one."""
    roles = {role for call, role in _calls(source) if call.lineno <= line <= call.end_lineno}
    return roles == {"read"}


def _path_arg(call: ast.Call) -> ast.expr | None:
    """The argument a reader or writer is given its file path in."""
    at = 1 if _name(call.func) == "dump" else 0  # joblib.dump(value, filename)
    return call.args[at] if len(call.args) > at else next(
        (k.value for k in call.keywords if k.arg in _PATH_KEYWORDS), None)


def path_args(source: str) -> list[PathArg]:
    """The literal file paths ``source`` passes to readers and writers, in order."""
    lines = source.split("\n")  # masking keeps lines, and no literal is on a masked line
    out = []
    for call, role in _calls(source):
        arg = _path_arg(call)
        span = _span(arg, lines) if arg is not None else None
        if span is not None:
            out.append(PathArg(role, *span))
    return sorted(out, key=lambda a: (a.line, a.col))


def on_authors_machine(path: str) -> bool:
    """An absolute path outside Kaggle's folders (``C:\\``, ``/home/...``, ``~/``): no run here has it."""
    p = path.replace("\\", "/")
    return p.startswith(("/", "~")) and not p.startswith("/kaggle/") or re.match(r"^[A-Za-z]:/", p) is not None


def in_workspace(path: str, ctx: Context) -> bool:
    """Whether ``path`` (relative to the working directory) can exist there: under ``../input`` (served
    data, left to the error-keyed rule when the name is wrong) or among the helper files. A folder of
    the author's machine cannot."""
    if on_authors_machine(path):
        return False
    p = path.replace("\\", "/")
    if p.startswith("/kaggle/"):
        p = "../" + p[len("/kaggle/"):]
    norm = posixpath.normpath(posixpath.join("working", p))
    if norm == "input" or norm.startswith("input/"):
        return True
    rel = norm[len("working/"):] if norm.startswith("working/") else None
    return rel is not None and any(f == rel or f.startswith(rel + "/") for f in ctx.working_files)


def _replace(source: str, line: int, col: int, end: int, value: str) -> str:
    """Swap the literal (or ``os.path.join`` of literals) at (line, col..end) for ``value``, in the
    literal's quote character."""
    lines = source.split("\n")
    text = lines[line - 1]
    quote = text[col:end].lstrip("rRbBuU")[0]
    quote = quote if quote in "'\"" else "'"
    lines[line - 1] = text[:col] + quote + value + quote + text[end:]
    return "\n".join(lines)


def replace_all(source: str, spans: list[tuple[int, int, int, str]]) -> str:
    """Every (line, col, end, value) of ``spans`` swapped in, right to left so that offsets stay valid."""
    for span in sorted(spans, reverse=True):
        source = _replace(source, *span)
    return source


def fix_data_path(sources: list[str], failing: int | None, ctx: Context):
    missing = missing_path(ctx.error.evalue) if ctx.error else None
    if failing is None or not missing:
        return []
    target = match_data_file(missing, ctx.data_files)
    if target is None:
        return []
    why = (
        f"the notebook reads {missing!r}, but the competition data is served as ../input/{target} "
        f"(Kaggle's layout); the path is rewritten."
    )
    # 1. a folder variable of the author's machine plus a literal: the folder's literal, where the code has it,
    # is repointed; else every read from that variable
    joined = _from_a_folder_variable(sources, failing, missing, ctx, why)
    if joined:
        return _repointed_folder(sources, failing, missing, ctx, why) or joined
    # 2. the whole path is a literal in the failing cell (or, failing that, an earlier one)
    for cell in [failing] + list(range(failing - 1, -1, -1)):
        for line, col, end, value in string_literals(sources[cell]):
            if value == missing or (
                value and missing.endswith(value) and match_data_file(value, ctx.data_files) == target and "/" in value
            ):
                return _with_siblings(sources, cell, (line, col, end, f"../input/{target}"), value, ctx, why)
    # 3. the path was built from a folder literal: point the folder at ../input
    repointed = _repointed_folder(sources, failing, missing, ctx, why)
    if repointed:
        return repointed
    # 4. a bare file name relative to the working directory
    for line, col, end, value in string_literals(sources[failing]):
        if value and match_data_file(value, ctx.data_files) == target and path_parts(value) == path_parts(missing):
            return [(failing, _replace(sources[failing], line, col, end, f"../input/{target}"), RULE_ID, why)]
    return []


def _repointed_folder(sources: list[str], failing: int, missing: str, ctx: Context, why: str):
    """The folder literal the missing path was built from, in the failing cell or an earlier one, pointed at
    ../input."""
    for cell in [failing] + list(range(failing - 1, -1, -1)):
        for line, col, end, value in string_literals(sources[cell]):
            folder = value.rstrip("/\\")
            if folder and missing.startswith(folder) and missing[len(folder) : len(folder) + 1] in ("/", "\\"):
                rest = missing[len(folder) + 1 :].replace("\\", "/")
                target = match_data_file(rest, ctx.data_files)
                if target is not None:
                    new = "../input" + ("/" if value.endswith(("/", "\\")) else "")
                    edits = {cell: [(line, col, end, new)]}
                    _renamed_too(sources, failing, rest, target, edits)
                    return [(i, replace_all(sources[i], spans), RULE_ID, why) for i, spans in sorted(edits.items())]
    return []


def _stem(path: str) -> str:
    return PurePosixPath(path.lower()).name.split(".")[0]


def _renamed_too(sources: list[str], failing: int, rest: str, target: str, edits: dict[int, list]) -> None:
    """The file under the repointed folder was the author's copy of a data file under a name of their own
    (``os.path.join('data', 'titanic_train.csv')``): its literal in the failing cell is renamed too."""
    if _stem(rest) == _stem(target):
        return
    for span in string_literals(sources[failing]):
        if span[3] == rest and span[:3] not in [s[:3] for s in edits.get(failing, [])]:
            edits.setdefault(failing, []).append((*span[:3], target))


def _joined_reads(source: str) -> list[tuple[int, int, int, str, str]]:
    """(line, col, end, name, literal) of each one-line ``name + 'literal'`` a reader is given: a path built
    from a folder variable whose value the code does not spell out (``r'D:\\data\\a'[:-1]``, a function)."""
    lines = source.split("\n")
    out = []
    for call, role in _calls(source):
        arg = _path_arg(call)
        if role == "read" and isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and arg.lineno == \
                arg.end_lineno and isinstance(arg.left, ast.Name) and _literal(arg.right) is not None:
            out.append((*_columns(arg, lines), arg.left.id, _literal(arg.right)))
    return out


def _same_folder_names(name: str, text: str) -> set[str]:
    """``name`` and the names assigned the same expression (``data_path`` and ``data_path_inv``)."""
    bound = re.search(rf"^\s*{re.escape(name)}\s*=\s*(.+?)\s*$", text, re.M)
    if bound is None:
        return {name}
    same = re.findall(rf"^\s*(\w+)\s*=\s*{re.escape(bound[1])}\s*$", text, re.M)
    return {name, *same}


def _from_a_folder_variable(sources: list[str], failing: int, missing: str, ctx: Context, why: str):
    """The failing read is ``folder + 'train/train.csv'`` with the folder on the author's machine: each read of
    a data file from that folder variable (or one assigned the same value) reads ../input/<file> instead."""
    reads = [(i, *r) for i in range(len(sources)) for r in _joined_reads(sources[i])]
    failed = next((r for r in reads if r[0] == failing and missing.endswith(r[5])
                   and on_authors_machine(missing[: len(missing) - len(r[5])] or "/")), None)
    if failed is None:
        return []
    names = _same_folder_names(failed[4], ctx.text)
    spans: dict[int, list[tuple[int, int, int, str]]] = {}
    for cell, line, col, end, name, literal in reads:
        target = match_data_file(literal, ctx.data_files) if name in names else None
        if target is not None:
            spans.setdefault(cell, []).append((line, col, end, f"../input/{target}"))
    return [(cell, replace_all(sources[cell], cell_spans), RULE_ID, why) for cell, cell_spans in spans.items()]


def _folder(path: str) -> str:
    """'data/train.csv' -> 'data'; '' for a bare file name."""
    return path.replace("\\", "/").rpartition("/")[0]


def _with_siblings(sources: list[str], cell: int, first: tuple[int, int, int, str], value: str, ctx: Context, why: str):
    """The rewrite of ``first`` in ``cell``, plus every other literal of the notebook that reads a data file from
    the same missing folder (``data/test.csv`` after ``data/train.csv``), so one run fixes them all."""
    folder = _folder(value)
    out = []
    for i, source in enumerate(sources):
        spans = [first] if i == cell else []
        if folder:
            for line, col, end, other in string_literals(source):
                if (line, col) == first[:2] and i == cell:
                    continue
                hit = match_data_file(other, ctx.data_files) if _folder(other) == folder else None
                if hit is not None:
                    spans.append((line, col, end, f"../input/{hit}"))
        new = replace_all(source, spans)
        if new != source:
            out.append((i, new, RULE_ID, why))
    return out


def static_data_path(sources: list[str], failing: int | None, ctx: Context):
    """Every literal a reader is given that names a data file but not where the working directory has it
    (and that the notebook does not write itself first): read from ``../input`` instead."""
    if not ctx.data_files:
        return []
    args = [(i, a) for i, source in enumerate(sources) for a in path_args(source)]
    written = {a.value for _, a in args if a.role == "write"}
    spans: dict[int, list[tuple[int, int, int, str]]] = {}
    reads: dict[int, list[tuple[str, str]]] = {}
    for i, a in args:
        if a.role != "read" or a.value in written or in_workspace(a.value, ctx):
            continue
        target = match_data_file(a.value, ctx.data_files)
        if target is not None:
            spans.setdefault(i, []).append((a.line, a.col, a.end, f"../input/{target}"))
            reads.setdefault(i, []).append((repr(a.value), f"../input/{target}"))
    out = []
    for i, cell_spans in spans.items():
        new = replace_all(sources[i], cell_spans)
        missing, served = (", ".join(dict.fromkeys(x))[:200] for x in zip(*reads[i]))
        why = (f"the notebook reads {missing}, which its working directory does not have; the competition data "
               f"is served as {served} (Kaggle's layout), so the path is rewritten before the run.")
        out.append((i, new, RULE_ID, why))
    return out


notebook_rule(
    RULE_ID, "kaggle", "Kaggle's data layout",
    "a data file read from a path that does not exist is read from ../input/<file>, where the data is served.",
    signatures=(("FileNotFoundError", r"No such file or directory"),), static=static_data_path,
    on_error=fix_data_path, on=(("FileNotFoundError", r"."), ("OSError", r"does not exist|No such file")),
)




class _AuthorsChdir(RuleTransformer):
    """``os.chdir('D:/Python/House-Prices')``: the author's folder; the run's working directory stays."""

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Expr):
            return updated
        call = updated.body[0].value
        if not isinstance(call, cst.Call) or not call.args or callee_name(call) != "chdir":
            return updated
        head = dotted(call.func) or ""
        if head != "chdir" and self.ctx.imported.get(head.rsplit(".", 1)[0], "") != "os":
            return updated
        path = string_value(call.args[0].value)
        if path is None or not on_authors_machine(path):
            return updated
        note = f"# mlemod: the author's folder {path!r} is not here; the run stays in its working directory"
        return updated.with_changes(body=[cst.Pass()],
                                    trailing_whitespace=cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "),
                                                                               comment=cst.Comment(note)))


rule(
    "authors-chdir",
    library="kaggle",
    changed_in="Kaggle's data layout",
    rationale="os.chdir into a folder of the author's machine (D:/..., /home/...) fails here; the notebook runs in "
    "Kaggle's working directory, and its reads are found from there (data-path), so the call becomes a no-op note.",
    needles=("chdir",),
    examples=(
        ("import os\nos.chdir(\"D:/Python/House-Prices\")\ndf = pd.read_csv('train.csv')",
         "import os\npass  # mlemod: the author's folder 'D:/Python/House-Prices' is not here; the run stays in its "
         "working directory\ndf = pd.read_csv('train.csv')"),
        ("import os\nos.chdir('../input')", "import os\nos.chdir('../input')"),
    ),
)(_AuthorsChdir)
