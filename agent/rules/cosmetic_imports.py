"""Notebook cosmetics from packages with no working release: dropped with a note, with the calls that use them.

Some imports only dress the notebook: jupyterthemes' ``jtplot.style(theme='monokai')`` restyles matplotlib's
figures (colours, grid, fonts), jyquickhelper's ``add_notebook_menu()`` draws a table of contents in the browser.
Neither has a release that works in today's environment (jupyterthemes 0.20.0 of 2018 requires the classic
notebook server, jyquickhelper is not packaged for it), and nothing the notebook computes depends on them. When
the import fails, it is kept as a comment with a note, and so is every statement that only calls into what it
binds (``jtplot.style(...)``, ``jtplot.figsize(...)``, ``add_notebook_menu()``), in every cell. A name used any
other way (its value kept, passed on) leaves the notebook as it is.
"""

from __future__ import annotations

import ast
import re

from .framework import Context, notebook_rule
from .import_rules import as_comment, bound_names, imports_of
from .masking import parse_masked

RULE_ID = "cosmetic-imports"
COSMETIC = {
    "jupyterthemes": "jupyterthemes (notebook themes; jtplot restyled matplotlib's figures)",
    "jyquickhelper": "jyquickhelper (a table of contents drawn in the browser)",
}


def _calls_only(tree: ast.Module, names: set[str]) -> list[ast.Expr] | None:
    """The statements of ``tree`` that only call into ``names`` (``jtplot.style(...)``), or None when a name is
    read any other way."""
    calls, reads = [], 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
            reads += 1
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _root(node.value.func) in names:
            calls.append(node)
    used_in_calls = sum(1 for call in calls for n in ast.walk(call) if isinstance(n, ast.Name) and n.id in names)
    return calls if reads == used_in_calls else None


def _root(func: ast.expr) -> str | None:
    while isinstance(func, ast.Attribute):
        func = func.value
    return func.id if isinstance(func, ast.Name) else None


def _commented(source: str, spans: list[tuple[int, int]], note: str) -> str:
    lines = source.split("\n")
    for first, last in sorted(spans, reverse=True):
        as_comment(lines, first, last, f"# mlemod: {note}: ")
    return "\n".join(lines)


def fix_cosmetic_imports(sources: list[str], failing: int | None, ctx: Context):
    missing = re.search(r"No module named '(\w+)", ctx.error.evalue if ctx.error else "")
    package = missing.group(1) if missing else None
    if package not in COSMETIC or failing is None:
        return []
    trees = [parse_masked(s) if s.strip() else ast.Module(body=[], type_ignores=[]) for s in sources]
    if any(t is None for t in trees):
        return []  # a cell that does not parse may use the names
    imports = [(i, stmt) for i, tree in enumerate(trees) for stmt, _ in imports_of(tree, package)]
    names = set().union(*(bound_names(stmt) or {"*"} for _, stmt in imports)) if imports else set()
    if not imports or "*" in names:
        return []
    per_cell = [_calls_only(tree, names) for tree in trees]
    if any(calls is None for calls in per_cell):
        return []
    note = f"{COSMETIC[package]} has no working release here, and it changed only how the notebook looks"
    edits = []
    for i, source in enumerate(sources):
        spans = [(s.lineno, s.end_lineno) for cell, s in imports if cell == i]
        spans += [(s.lineno, s.end_lineno) for s in per_cell[i]]
        if spans:
            edits.append((i, _commented(source, spans, note), RULE_ID,
                          f"{note}: its import and the calls into it are kept as comments."))
    return edits


notebook_rule(
    RULE_ID, "environment", "the locked environment (packages with no working release)",
    "an import of a package that only dresses the notebook (jupyterthemes' jtplot styles, jyquickhelper's menu), "
    "which has no working release, is kept as a comment with the statements that only call into it.",
    signatures=(("ModuleNotFoundError", r"No module named '(" + "|".join(COSMETIC) + ")"),),
    on_error=fix_cosmetic_imports,
)
