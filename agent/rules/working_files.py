"""A file of the notebook's own read from where its author's machine had it, while the working directory has it.

Files a notebook's repository holds (``--files``: the author's images, intermediate
tables, pickles; ``eval/repo_files.py`` stages them as a clone has them) sit in the
working directory, at their path from the notebook's folder or from the repository's
root. The author read them from elsewhere: ``../images/{}.jpg`` from a notebook kept
in ``src/``, ``C:\\\\proj\\\\processed\\\\x.csv``. When a read fails for a path whose tail
names a working file (``images/1.jpg``), the part before that tail is the author's
folder: every literal of the notebook that starts with it and the tail's first name
(``../images``) gets the working folder's spelling instead, so a path built from a
folder literal or a ``format`` template is found too.

Before any run, a literal that names a working file or folder in another case (``Leaf.csv`` for the
repository's ``leaf.csv``) gets the working directory's spelling: the author's macOS or Windows file
system did not tell them apart, so the notebook read the file, and a guard such as
``os.path.exists('Leaf.csv')`` fails here without an error to key on.
"""

from __future__ import annotations

import re

from .datapath_rules import missing_path, path_parts, replace_all, string_literals
from .framework import Context, notebook_rule

RULE_ID = "working-file-path"


def match_working_file(missing: str, working_files: list[str]) -> tuple[str, str] | None:
    """(tail, working file) for the longest tail of ``missing`` that is a working file or ends one; a bare
    file name only when one working file has it."""
    parts = path_parts(missing)
    for start in range(len(parts)):
        tail = "/".join(parts[start:])
        found = sorted((f for f in working_files if f == tail or f.endswith("/" + tail)), key=len)
        if found and (start < len(parts) - 1 or len(found) == 1):
            return tail, found[0]
    return None


def _held(path: str, working_files: list[str]) -> bool:
    """Whether the working directory has ``path``: a file, a folder, or the folder a template fills in. A
    sibling under the same folder that is not there (``../input/train.csv`` beside the author's
    ``../input/train-main.csv``: served from the data folder) keeps its path."""
    template = re.search(r"[{%]", path)
    if template:
        path = path[: path.rfind("/", 0, template.start()) + 1]
    path = path.rstrip("/")
    return bool(path) and any(f == path or f.startswith(path + "/") for f in working_files)


def fix_working_path(sources: list[str], failing: int | None, ctx: Context):
    missing = missing_path(ctx.error.evalue) if ctx.error else None
    if failing is None or not missing or not ctx.working_files:
        return []
    match = match_working_file(missing, ctx.working_files)
    if match is None:
        return []
    tail, found = match
    written = missing.replace("\\", "/")
    cut = written.rfind(tail)
    if cut < 0 or found == written:  # the path names the file already: missing for another reason
        return []
    old, new = written[:cut], found[: len(found) - len(tail)]
    head = old + tail.split("/")[0]
    why = (f"the notebook reads {missing!r}, a file of its own that its working directory holds as {found!r} "
           f"(its repository's files are staged there); every path that starts with {head!r} is read from "
           f"{new + tail.split('/')[0]!r} instead.")
    out = []
    for i, source in enumerate(sources):
        spans = []
        for line, col, end, value in string_literals(source):
            text = value.replace("\\", "/")
            if (text == head or text.startswith(head + "/")) and _held(new + text[len(old):], ctx.working_files):
                spans.append((line, col, end, new + text[len(old):]))
        if spans:
            out.append((i, replace_all(source, spans), RULE_ID, why))
    return out


def static_case(sources: list[str], failing: int | None, ctx: Context):
    """Every literal naming a working file or folder in another case, in the working directory's case."""
    if not ctx.working_files:
        return []  # most notebooks: nothing staged, so no cell's literals need reading
    held = set(ctx.working_files) | {f.rsplit("/", i)[0] for f in ctx.working_files for i in range(1, f.count("/") + 1)}
    folded: dict[str, str | None] = {}
    for path in held:
        folded[path.lower()] = None if path.lower() in folded else path  # None: two spellings, no telling which
    out = []
    for i, source in enumerate(sources):
        spans, named = [], []
        for line, col, end, value in string_literals(source):
            text = value.replace("\\", "/")
            head = "./" if text.startswith("./") else ""
            name = text[len(head):].rstrip("/")
            found = folded.get(name.lower()) if re.search(r"[./]", text[len(head):]) and name not in held else None
            if found:
                spans.append((line, col, end, head + found + text[len(head) + len(name):]))
                named.append(f"{value!r} as {found!r}")
        if spans:
            why = (f"the notebook names its own files in another case than its working directory holds them "
                   f"({', '.join(dict.fromkeys(named))[:200]}); its author's file system did not tell them apart, "
                   f"this one does.")
            out.append((i, replace_all(source, spans), RULE_ID, why))
    return out


notebook_rule(
    RULE_ID, "kaggle", "the notebook's repository",
    "a file of the notebook's own (its repository's, staged in the working directory) read from its author's "
    "folder is read from where the working directory has it.",
    static=static_case, on_error=fix_working_path,
    on=(("FileNotFoundError", r"."), ("OSError", r"does not exist|No such file")),
)
