"""Hide IPython syntax from Python parsers, and put it back afterwards.

Notebook cells mix Python with IPython-only lines (``%matplotlib inline``,
``!pip install x``, ``df.head?``, ``files = !ls``) that neither libcst nor
fissix can parse. Each such line is swapped for a placeholder call that keeps
its indentation, so the cell parses, rules rewrite the Python around it, and
``unmask`` restores the exact original line.

Only lines that start a logical line are candidates: a ``%`` at the start of a
continuation line inside brackets is the modulo operator, not a magic.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import collector

PLACEHOLDER = "__mlemod_ipy__"
_PLACEHOLDER_LINE = re.compile(rf"^([ \t]*){PLACEHOLDER}\((\d+)\)[ \t]*$", re.MULTILINE)
_SHELL_ASSIGN = re.compile(r"^[ \t]*[A-Za-z_][\w, ]*=\s*[!%]")

# Cell magics whose body is not Python at all: the whole cell is left to text rules.
FOREIGN_CELL_MAGICS = {
    "bash",
    "sh",
    "script",
    "html",
    "javascript",
    "js",
    "latex",
    "markdown",
    "svg",
    "writefile",
    "file",
    "perl",
    "ruby",
    "system",
    "sx",
    "python2",
    "cmd",
    "powershell",
}


@dataclass
class Masked:
    code: str  # the cell with IPython lines replaced by placeholders
    lines: list[str] = field(default_factory=list)  # the original lines, by placeholder number
    foreign: bool = False  # a cell magic whose body is not Python (%%bash, %%html, ...)

    def unmask(self, code: str) -> str:
        def put_back(match: re.Match) -> str:
            return self.lines[int(match.group(2))]

        return _PLACEHOLDER_LINE.sub(put_back, code)


def cell_magic(source: str) -> str | None:
    """The name of the cell magic on the first line (``%%time`` -> ``time``), if any."""
    first = source.lstrip("\n").split("\n", 1)[0].strip()
    if first.startswith("%%"):
        return first[2:].split(None, 1)[0] if len(first) > 2 else ""
    return None


def _is_ipython_line(stripped: str) -> bool:
    if not stripped or stripped.startswith("#"):
        return False
    if stripped[0] in "%!?":
        return True
    if stripped.endswith("?") and not stripped.endswith("\\?"):
        return True  # ``obj?`` / ``obj??`` help
    return bool(_SHELL_ASSIGN.match(stripped))


# Every line _is_ipython_line takes (and more): a cell without one is its own masked code.
_MAYBE_IPYTHON = re.compile(r"^\s*[%!?]|\?\s*$|=\s*[!%]", re.MULTILINE)


def mask(source: str) -> Masked:
    """Replace IPython-only logical lines of ``source`` with placeholder calls."""
    if not _MAYBE_IPYTHON.search(source):
        return Masked(source, [])
    magic = cell_magic(source)
    if magic is not None and magic in FOREIGN_CELL_MAGICS:
        return Masked(source, [], foreign=True)
    out: list[str] = []
    kept: list[str] = []
    depth = 0  # bracket depth carried across lines
    in_string: str | None = None  # the open triple quote, when inside one
    continued = False  # previous line ended with a backslash
    for line in source.split("\n"):
        stripped = line.strip()
        if depth == 0 and in_string is None and not continued and _is_ipython_line(stripped):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}{PLACEHOLDER}({len(kept)})")
            kept.append(line)
            continued = line.rstrip().endswith("\\")
            continue
        depth, in_string = _scan(line, depth, in_string)
        continued = line.rstrip().endswith("\\") and in_string is None
        out.append(line)
    return Masked("\n".join(out), kept)


_SPECIAL = re.compile(r"[#\"'()\[\]{}]")  # what _scan stops at; the rest of a line is skipped in C
_STRING_BODY = {q: re.compile(rf"(?:\\.|[^\\{q}])*") for q in "\"'"}  # a one-line string up to its quote


def _scan(line: str, depth: int, in_string: str | None) -> tuple[int, str | None]:
    """Bracket depth and open triple-quoted string after reading ``line``."""
    i, n = 0, len(line)
    while i < n:
        if in_string:
            end = line.find(in_string, i)
            if end < 0:
                return depth, in_string
            i, in_string = end + 3, None
            continue
        found = _SPECIAL.search(line, i)
        if found is None:
            break
        i = found.start()
        ch = line[i]
        if ch == "#":
            break
        if ch in "\"'":
            if line.startswith(ch * 3, i):
                in_string, i = ch * 3, i + 3
                continue
            # a one-line string: skip to its closing quote (a backslash escapes the next character)
            i = _STRING_BODY[ch].match(line, i + 1).end()
            if i >= n or line[i] != ch:
                break  # not closed on this line
            i += 1
            continue
        if ch in "([{":
            depth += 1
        else:
            depth = max(0, depth - 1)
        i += 1
    return depth, in_string


@lru_cache(maxsize=8192)
def mask_cached(source: str) -> Masked:
    """``mask(source)``, kept: the context scan, the static pass and the notebook rules all mask the same
    cells. The result is shared: callers must not change it."""
    return mask(source)


@lru_cache(maxsize=1024)  # a notebook's cells; more trees held make every full garbage collection longer
def parse_masked(source: str) -> ast.Module | None:
    """The ``ast`` of a cell with its IPython lines masked; None if it is not Python 3.

    Cached: the context scan, the cell-order rule and the data-path rule all read it; emptied when a call
    of the engine ends (collector.py). Callers must not mutate the tree.
    """
    masked = mask_cached(source)
    if masked.foreign:
        return None
    try:
        return ast.parse(masked.code)
    except (SyntaxError, ValueError):
        return None


collector.per_call(parse_masked.cache_clear)


def spliced(source: str, spans: list[tuple[int, int, int, str]]) -> str:
    """``source`` with each (line, start, end, text) of ``spans`` swapped in: offsets as ``ast`` gives them, in
    UTF-8 bytes of the masked code, so IPython lines stay as they were."""
    masked = mask(source)
    lines = masked.code.split("\n")
    for number, start, end, text in sorted(spans, reverse=True):  # right to left: offsets stay valid
        line = lines[number - 1].encode()
        lines[number - 1] = (line[:start] + text.encode() + line[end:]).decode()
    return masked.unmask("\n".join(lines))
