"""Cells run out of order by their author: a name used before the cell that defines it.

The notebook's stored outputs came from a kernel where the author had already
run a later cell; run top to bottom, the earlier cell fails with a NameError.
Imports and function/class definitions are moved up statically (moving them is
safe: they only bind a name). A simple assignment is moved only when the cell
really failed with that NameError and everything it reads already exists there.
"""

from __future__ import annotations

import ast
import builtins
import re

from .cellnames import CellNames, analyse, free_names, undefined_name
from .framework import Context, notebook_rule
from .masking import cell_magic, parse_masked

_KNOWN = set(dir(builtins)) | {
    "display",
    "get_ipython",
    "In",
    "Out",
    "exit",
    "quit",
    "_",
    "__",
    "___",
    "__file__",
    "__name__",
}
RULE_ID = "notebook-cell-order"
RATIONALE = "cells were run out of order by their author"


def _movable(stmt: ast.stmt, defined: set[str], assignments: bool) -> bool:
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return True
    if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)) or (
        assignments and isinstance(stmt, (ast.Assign, ast.AnnAssign))
    ):
        return all(n in defined or n in _KNOWN for n in free_names(stmt))
    return False


def _lines(stmt: ast.stmt) -> tuple[int, int]:
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    return start - 1, stmt.end_lineno


def _move(sources: list[str], src_cell: int, stmt: ast.stmt, dst_cell: int) -> tuple[str, str]:
    start, end = _lines(stmt)
    src_lines = sources[src_cell].split("\n")
    block = src_lines[start:end]
    rest = src_lines[:start] + src_lines[end:]
    dst_lines = sources[dst_cell].split("\n")
    at = 1 if cell_magic(sources[dst_cell]) is not None else 0
    return "\n".join(rest), "\n".join(dst_lines[:at] + block + dst_lines[at:])


def _fix(
    sources: list[str], failing: int | None, ctx: Context, name: str | None = None
) -> list[tuple[int, str, str, str]]:
    sources = list(sources)
    results: dict[int, tuple[str, list[str]]] = {}
    for _ in range(20):  # a bounded number of moves per pass
        cells = [analyse(s) if s else CellNames(None) for s in sources]
        if name is None and any(c.star for c in cells):
            return []  # a star import may bind what a cell reads; a NameError shows that it did not
        move = _next_move(cells, failing, name)
        if move is None:
            break
        used_in, defined_in, stmt, what = move
        new_src, new_dst = _move(sources, defined_in, stmt, used_in)
        why = (
            f"{RATIONALE}: cell {used_in} uses {what}, which only cell {defined_in} defined; "
            f"the definition is moved up so a top-to-bottom run finds it."
        )
        for cell, text in ((defined_in, new_src), (used_in, new_dst)):
            sources[cell] = text
            results.setdefault(cell, (text, []))[1].append(why)
            results[cell] = (text, results[cell][1])
        if name is not None:
            break
    return [(cell, text, RULE_ID, " ".join(dict.fromkeys(whys))) for cell, (text, whys) in sorted(results.items())]


def _next_move(cells: list[CellNames], failing: int | None, wanted: str | None):
    defined: set[str] = set()
    for i, cell in enumerate(cells):
        if cell.tree is None:
            continue
        if failing is not None and i != failing:
            defined |= set(cell.bound)
            continue
        for name, _line in cell.free.items():
            if name in defined or name in _KNOWN or (wanted is not None and name != wanted):
                continue
            for j in range(i + 1, len(cells)):
                later = cells[j]
                if later.tree is not None and name in later.bound:
                    stmt = later.bound[name]
                    if stmt in later.tree.body and _movable(stmt, defined, assignments=failing is not None):
                        return i, j, stmt, f"'{name}'"
                    break
        if wanted is not None and i == failing and wanted not in cell.free and wanted not in defined | set(cell.bound):
            # The name is read inside a function an earlier cell defined and this cell calls: an import
            # of it in a later cell is moved here (only imports: they bind the name and nothing else).
            for later_index in range(i + 1, len(cells)):
                later = cells[later_index]
                if later.tree is not None and wanted in later.bound:
                    stmt = later.bound[wanted]
                    if stmt in later.tree.body and isinstance(stmt, (ast.Import, ast.ImportFrom)):
                        return i, later_index, stmt, f"'{wanted}' (in a function it calls)"
                    break
        defined |= set(cell.bound)
    return None


def static_order(sources: list[str], failing: int | None, ctx: Context):
    return _fix(sources, None, ctx) if _may_move(sources) else []


def _may_move(sources: list[str]) -> bool:
    """Whether a cell's top-level import, def or class may bind a name that an earlier cell reads before
    anything binds it: only such a statement is moved statically (``_movable`` without assignments), to
    the first cell that reads its name. A name read is a word of the cell's text, and an import, def or
    class binds its name for sure (what the cell holds before it may read the name first). False:
    ``_fix`` would move nothing, and the cells need not be walked."""
    first_word: dict[str, int] = {}  # word -> the first cell whose text holds it
    first_bound: dict[str, tuple[int, int]] = {}  # name -> (the first cell that surely binds it, where)
    read = 0  # the cells before this one have their words in first_word
    for j, source in enumerate(sources):
        if not source:
            continue
        if not source.isascii():
            return True  # identifiers are NFKC-normalised: a name need not be a word of the text
        tree = parse_masked(source)
        statements = tree.body if tree is not None else ()
        names = {name for stmt in statements for name in _binds(stmt)}
        if names and j > 0:
            for i in range(read, j):
                for word in _WORD.findall(sources[i]):
                    first_word.setdefault(word, i)
            read = j
            for name in names:
                w = first_word.get(name)
                if w is None:
                    continue
                cell, offset = first_bound.get(name, (j, 0))
                if cell > w or cell == w and name in _WORD.findall(sources[w][:offset]):
                    return True
        if statements:
            starts = _line_starts(source)
            for stmt in statements:
                for name in _binds(stmt, surely=True):
                    if name not in first_bound:
                        # an import reads nothing; a def or a class reads its decorators, defaults, bases
                        end = (stmt.lineno, stmt.col_offset) if isinstance(stmt, (ast.Import, ast.ImportFrom)) \
                            else (stmt.end_lineno, stmt.end_col_offset)
                        first_bound[name] = (j, starts[end[0] - 1] + end[1])
    return False


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for line in source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


_WORD = re.compile(r"\w+")


def _binds(stmt: ast.stmt, surely: bool = False) -> set[str]:
    """The names cellnames' walk may bind to ``stmt`` when it is an import, a def or a class (a few more:
    every name in its decorators, defaults and bases, where a walrus or a comprehension may bind one);
    ``surely``: only those it binds for certain (the imported names, the def's or class's name)."""
    if isinstance(stmt, ast.Import):
        return {a.asname or a.name.split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.ImportFrom):
        return {a.asname or a.name for a in stmt.names if a.name != "*"}
    if surely:
        return {stmt.name} if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)) else set()
    if isinstance(stmt, ast.FunctionDef):
        parts = stmt.decorator_list + stmt.args.defaults + [d for d in stmt.args.kw_defaults if d is not None]
    elif isinstance(stmt, ast.ClassDef):
        parts = stmt.decorator_list + stmt.bases + [k.value for k in stmt.keywords]
    else:
        return set()
    return {stmt.name} | {n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)}


def error_order(sources: list[str], failing: int | None, ctx: Context):
    name = undefined_name(ctx.error.evalue if ctx.error else None)
    if failing is None or name is None:
        return []
    return _fix(sources, failing, ctx, name)


notebook_rule(
    RULE_ID, "notebook", "the author's kernel", RATIONALE + "; an import or definition used before its cell is moved up.",
    kind="static", signatures=(("NameError", r"name '\w+' is not defined"),),
    static=static_order, on_error=error_order,
)
