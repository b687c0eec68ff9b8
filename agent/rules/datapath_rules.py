"""A data file read from a path that does not exist, while the data directory has it.

Authors kept the competition files in ``data/``, ``./dataset/``, next to the
notebook or under a Windows path; Kaggle serves them at ``../input/<file>``
(zipped or not). On FileNotFoundError the path literal (or the folder literal it
was built from) is rewritten to ``../input/...`` when a data file matches.
"""

from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath, PureWindowsPath

from .framework import Context, notebook_rule
from .masking import mask, parse_masked

RULE_ID = "data-path"
_MISSING = re.compile(
    r"""No such file or directory: ['"](.+?)['"]|File (?:b)?['"](.+?)['"] does not exist|(?:FileNotFoundError: )?\[Errno 2\].*?['"](.+?)['"]"""
)


def _parts(path: str) -> list[str]:
    pure = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return [p for p in pure.parts if p not in ("/", ".", "..") and not p.endswith(":\\")]


def match_data_file(missing: str, data_files: list[str]) -> str | None:
    """The data file that ``missing`` meant: the longest matching path tail, zip or not, any case."""
    parts = _parts(missing)
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
    return None


def _string_literals(source: str) -> list[tuple[int, int, int, str]]:
    """(line, col, end_col, value) of one-line plain string literals in ``source``."""
    masked = mask(source)
    try:
        tree = ast.parse(masked.code)
    except (SyntaxError, ValueError):
        return []
    lines = masked.code.split("\n")
    in_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.lineno == node.end_lineno
            and id(node) not in in_fstring
        ):
            raw = lines[node.lineno - 1].encode()  # ast offsets count UTF-8 bytes
            col = len(raw[: node.col_offset].decode(errors="ignore"))
            end = len(raw[: node.end_col_offset].decode(errors="ignore"))
            out.append((node.lineno, col, end, node.value))
    return out


def _replace(source: str, line: int, col: int, end: int, value: str) -> str:
    """Swap the literal at (line, col..end) for ``value``, keeping its quote character."""
    lines = source.split("\n")
    text = lines[line - 1]
    quote = text[col:end].lstrip("rRbBuU")[0]
    lines[line - 1] = text[:col] + quote + value + quote + text[end:]
    return "\n".join(lines)


def fix_data_path(sources: list[str], failing: int | None, ctx: Context):
    found = _MISSING.search(ctx.error.evalue if ctx.error else "")
    if failing is None or not found:
        return []
    missing = next(g for g in found.groups() if g).replace("\\\\", "\\")  # the message shows repr()
    target = match_data_file(missing, ctx.data_files)
    if target is None:
        return []
    why = (
        f"the notebook reads {missing!r}, but the competition data is served as ../input/{target} "
        f"(Kaggle's layout); the path is rewritten."
    )
    # 1. the whole path is a literal in the failing cell (or, failing that, an earlier one)
    for cell in [failing] + list(range(failing - 1, -1, -1)):
        for line, col, end, value in _string_literals(sources[cell]):
            if value == missing or (
                value and missing.endswith(value) and match_data_file(value, ctx.data_files) == target and "/" in value
            ):
                return _with_siblings(sources, cell, (line, col, end, f"../input/{target}"), value, ctx, why)
    # 2. the path was built from a folder literal: point the folder at ../input
    for cell in [failing] + list(range(failing - 1, -1, -1)):
        for line, col, end, value in _string_literals(sources[cell]):
            folder = value.rstrip("/\\")
            if folder and missing.startswith(folder) and missing[len(folder) : len(folder) + 1] in ("/", "\\"):
                rest = missing[len(folder) + 1 :].replace("\\", "/")
                if match_data_file(rest, ctx.data_files) is not None:
                    new = "../input" + ("/" if value.endswith(("/", "\\")) else "")
                    return [(cell, _replace(sources[cell], line, col, end, new), RULE_ID, why)]
    # 3. a bare file name relative to the working directory
    for line, col, end, value in _string_literals(sources[failing]):
        if value and match_data_file(value, ctx.data_files) == target and _parts(value) == _parts(missing):
            return [(failing, _replace(sources[failing], line, col, end, f"../input/{target}"), RULE_ID, why)]
    return []


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
            for line, col, end, other in _string_literals(source):
                if (line, col) == first[:2] and i == cell:
                    continue
                hit = match_data_file(other, ctx.data_files) if _folder(other) == folder else None
                if hit is not None:
                    spans.append((line, col, end, f"../input/{hit}"))
        new = source
        for line, col, end, text in sorted(spans, reverse=True):  # right to left: offsets stay valid
            new = _replace(new, line, col, end, text)
        if new != source:
            out.append((i, new, RULE_ID, why))
    return out


notebook_rule(
    RULE_ID, "kaggle", "Kaggle's data layout",
    "a data file read from a path that does not exist is read from ../input/<file>, where the data is served.",
    signatures=(("FileNotFoundError", r"No such file or directory"),),
    on_error=fix_data_path, on=(("FileNotFoundError", r"."), ("OSError", r"does not exist|No such file")),
)


_WRITES = re.compile(
    r"savefig|to_csv|to_pickle|to_excel|to_json|to_parquet|np\.save|\.dump\(|open\([^)]*['\"][wa]b?['\"]"
)


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


def fix_output_dir(sources: list[str], failing: int | None, ctx: Context):
    """Writing into a folder that only existed on the author's machine: create it first."""
    evalue = ctx.error.evalue if ctx.error else ""
    found = re.search(r"non-existent directory: ['\"](.+?)['\"]", evalue)
    line = ctx.error.line if ctx.error else None
    if failing is None or not line:
        return []
    lines = sources[failing].split("\n")
    if line > len(lines):
        return []
    if found:
        folder = found.group(1)
    else:  # FileNotFoundError from a write (savefig, open(..., 'w')) into a missing folder
        missing = _MISSING.search(evalue)
        path = next((g for g in missing.groups() if g), "") if missing else ""
        folder = str(PurePosixPath(path.replace("\\", "/")).parent) if path else "."
        if folder in (".", "", "/") or not _WRITES.search(lines[line - 1]):
            return []
    line = _statement_start(sources[failing], line)  # a write continued over lines starts above
    indent = re.match(r"^[ \t]*", lines[line - 1]).group(0)
    lines.insert(line - 1, f"{indent}__import__('os').makedirs({folder!r}, exist_ok=True)  # mlemod: output folder")
    why = f"the notebook writes into {folder!r}, a folder of the author's machine; it is created first."
    return [(failing, "\n".join(lines), "output-dir", why)]


notebook_rule(
    "output-dir", "kaggle", "Kaggle's working directory",
    "a file written into a folder that does not exist in the working directory: the folder is created first.",
    signatures=(("OSError", r"Cannot save file into a non-existent directory"),),
    on_error=fix_output_dir,
    on=(("OSError", r"Cannot save file into a non-existent directory"), ("FileNotFoundError", r"No such file")),
)
