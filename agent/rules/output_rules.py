"""A file written into a folder that only existed on the author's machine: create the folder first.

Authors wrote submissions and figures to ``output/``, ``submissions/`` or
``../results/``, folders of their own checkout. Statically, a writer (``to_csv``,
``savefig``, ``open(..., 'w')``...) given a literal path in a relative folder the
working directory lacks, and that no cell creates, gets an ``os.makedirs`` before
its statement; on the error (pandas' ``Cannot save file into a non-existent directory``, a TF1
Saver's ``Parent directory of ... doesn't exist``, or FileNotFoundError from a
write) the same for whatever path the error names.

A folder on the author's machine (``/Users/me/Desktop``, ``C:\\kaggle``, ``/home/bob/tmp``) cannot be created:
a run writes only inside its working directory. The literal the path was built from is pointed there instead,
in every cell that names it, so what the notebook writes it also reads back. Any call may write there (gensim's
``Similarity('/home/bob/tmp', ...)`` writes ``tmp.0``); only a line that reads and does not write is left to the
data rules.
"""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import PurePosixPath

from .datapath_rules import (
    in_workspace,
    match_data_file,
    missing_path,
    on_authors_machine,
    path_args,
    reads_on,
    replace_all,
    string_literals,
    writes_on,
)
from .framework import Context, notebook_rule
from .masking import parse_masked

RULE_ID = "output-dir"


def _statement_start(source: str, line: int) -> int:
    """The first line of the innermost statement that spans ``line`` (``line`` when the cell does not parse)."""
    tree = parse_masked(source)
    if tree is None:
        return line
    starts = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return max(starts, default=line)


def _with_makedirs(source: str, line: int, folder: str) -> str:
    """``source`` with the folder created just before the statement that spans ``line``."""
    lines = source.split("\n")
    line = _statement_start(source, line)  # a write continued over lines starts above
    indent = re.match(r"^[ \t]*", lines[line - 1]).group(0)
    lines.insert(line - 1, f"{indent}__import__('os').makedirs({folder!r}, exist_ok=True)  # mlemod: output folder")
    return "\n".join(lines)


def _why(folder: str) -> str:
    return f"the notebook writes into {folder!r}, a folder of the author's machine; it is created first."


# Writers that name what they could not write: (ename, regex, whether the group is the folder or the file).
_NO_FOLDER = (
    ("OSError", r"Cannot save file into a non-existent directory: ['\"](.+?)['\"]", True),  # pandas
    ("ValueError", r"Parent directory of (.+) doesn't exist, can't save", False),  # tf.train.Saver.save
)


# A folder that exists but is not the run's to write in (the sandbox mounts all but the working directory
# read-only): only a path on the author's machine is pointed elsewhere.
_READ_ONLY = r"\[Errno 30\] Read-only file system: ['\"](.+?)['\"]"


def fix_output_dir(sources: list[str], failing: int | None, ctx: Context):
    evalue = ctx.error.evalue if ctx.error else ""
    named = next(((m.group(1), is_folder) for _, pattern, is_folder in _NO_FOLDER
                  if (m := re.search(pattern, evalue))), None)
    line = ctx.error.line if ctx.error else None
    if failing is None or not line or line > sources[failing].count("\n") + 1:
        return []
    if named:
        path = named[0]
        folder = named[0] if named[1] else posixpath.dirname(named[0])
    else:  # FileNotFoundError from a write (savefig, open(..., 'w')) into a missing folder; a read-only one
        read_only = re.search(_READ_ONLY, evalue)
        path = read_only.group(1) if read_only else missing_path(evalue) or ""
        folder = str(PurePosixPath(path.replace("\\", "/")).parent) if path else "."
        if on_authors_machine(path) and not reads_on(sources[failing], line) \
                and match_data_file(path, ctx.data_files) is None:
            return _into_working_dir(sources, failing, path)
        if folder in (".", "", "/") or not writes_on(sources[failing], line):
            return []
    if on_authors_machine(folder):
        return _into_working_dir(sources, failing, path)
    return [(failing, _with_makedirs(sources[failing], line, folder), RULE_ID, _why(folder))]


def _in_working_dir(literal: str, path: str) -> str | None:
    """What ``literal`` (on the author's machine) becomes in the working directory, given the ``path`` the
    error names: a folder of that path is ``.``, a file in that folder its name there, the file itself (or the
    prefix of its name a library wrote from) its last name."""
    value, path = literal.replace("\\", "/"), path.replace("\\", "/")
    if value.startswith("~/"):  # the library expanded it to the run's home: '~/Desktop/a.csv' for '/.../home/Desktop'
        first = value[2:].split("/")[0]
        home = (path + "/").find(f"/{first}/") if first else -1
        value = path[:home] + value[1:] if home > 0 else value
    if value.endswith("/") and path.startswith(value):
        return "./"
    if path.startswith(value):
        return "." if path[len(value):].startswith("/") else posixpath.basename(value) or None
    if value.startswith(path.rstrip("/") + "/"):
        return value[len(path.rstrip("/")) + 1:]
    return None


def _into_working_dir(sources: list[str], failing: int, path: str):
    """The literal on the author's machine that ``path`` was built from (the failing cell's, else the nearest
    earlier cell's), pointed into the working directory in every cell that names it."""
    for cell in [failing, *range(failing - 1, -1, -1)]:
        for *_, value in string_literals(sources[cell]):
            new = _in_working_dir(value, path) if value and on_authors_machine(value) else None
            if new is None:
                continue
            out = []
            for i, source in enumerate(sources):
                spans = [(*span[:3], new) for span in string_literals(source) if span[3] == value]
                if spans:
                    out.append((i, replace_all(source, spans), RULE_ID, _why_moved(value, new)))
            return out
    return []


def _why_moved(literal: str, new: str) -> str:
    return (f"the notebook writes under {literal!r}, on the author's machine; a run can write only in its working "
            f"directory, so it writes (and reads back) {new!r} there.")


def _relative_folder(path: str) -> str | None:
    """'output/sub.csv' -> 'output', '../subs/a.csv' -> '../subs'; None for a bare name, an absolute path
    or one that climbs out of the run's folder."""
    if on_authors_machine(path) or path.startswith("/"):
        return None
    folder = posixpath.dirname(posixpath.normpath(path.replace("\\", "/")))
    # One level up is the run's scratch folder on both backends (../submissions beside the working
    # folder); higher is nobody's to create.
    return folder if folder and folder not in (".", "..") and not folder.startswith("../..") else None


def static_output_dir(sources: list[str], failing: int | None, ctx: Context):
    """A makedirs before the first write into each relative folder the working directory lacks, unless the
    notebook creates the folder itself (a ``mkdir`` or ``makedirs`` line that names it)."""
    makes = [line for line in ctx.text.split("\n") if "mkdir" in line or "makedirs" in line]
    first: dict[str, tuple[int, int]] = {}
    for i, source in enumerate(sources):
        for a in path_args(source):
            folder = _relative_folder(a.value) if a.role == "write" else None
            if folder and folder not in first and not in_workspace(folder, ctx) \
                    and not any(folder in line for line in makes):
                first[folder] = (i, a.line)
    out: dict[int, tuple[str, list[str]]] = {}
    for folder, (i, line) in sorted(first.items(), key=lambda kv: kv[1], reverse=True):  # bottom up
        new, folders = out.get(i, (sources[i], []))
        out[i] = (_with_makedirs(new, line, folder), [folder, *folders])
    return [(i, new, RULE_ID, " ".join(_why(f) for f in folders)) for i, (new, folders) in sorted(out.items())]


notebook_rule(
    RULE_ID, "kaggle", "Kaggle's working directory",
    "a file written into a folder that does not exist in the working directory: the folder is created first.",
    signatures=(*((ename, pattern) for ename, pattern, _ in _NO_FOLDER), ("OSError", _READ_ONLY)),
    static=static_output_dir, on_error=fix_output_dir,
    on=(*((ename, pattern) for ename, pattern, _ in _NO_FOLDER), ("FileNotFoundError", r"No such file"),
        ("OSError", _READ_ONLY)),
)
