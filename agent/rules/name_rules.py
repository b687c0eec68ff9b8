"""Author slips with names, found by a NameError and undone only where the notebook says how.

``name-case-slip``: a name read with the wrong capitals, ``x_train`` where the notebook only ever binds ``X_train``,
or one letter off in a long name, ``imput_age`` where it binds ``input_age``.

The author's kernel still held the misspelt name from an earlier version of a cell,
so the stored output shows the cell working; run from the top, it is a NameError,
and Python itself suggests the near name. The rule renames only where that is
the one reading: the two differ in capitals alone (or by one letter, in names of eight or more, where the
letter is no digit and no x/y: model_1/model_2 and X_train_s/y_train_s are pairs), exactly one name bound up to
the failing cell differs that way, and no cell binds the misspelt one anywhere
(then it is a matter of cell order, which order_rules handles).
"""

from __future__ import annotations

import ast

from .cellnames import CellNames, analyse, undefined_name
from .framework import Context, notebook_rule
from .masking import parse_masked, spliced

RULE_ID = "name-case-slip"
_LONG = 8  # a one-letter slip is read only in names this long: in short ones (df/dt, lr/rf) it is another name
DISCARDED_ID = "notebook-discarded-result"


def _renamed(source: str, renames: dict[str, str]) -> str:
    """``source`` with every read of each key made its value."""
    found = [n for n in ast.walk(parse_masked(source)) if isinstance(n, ast.Name) and n.id in renames]
    return spliced(source, [(n.lineno, n.col_offset, n.col_offset + len(n.id.encode()), renames[n.id])
                             for n in found])


def _undefined_here(sources: list[str], failing: int | None, ctx: Context) -> tuple[str, list[CellNames]] | None:
    """The name the failing cell's NameError names, and every cell's names, when the failing cell's own text
    reads it (not a function another cell defined); None otherwise."""
    name = undefined_name(ctx.error.evalue if ctx.error else None)
    if failing is None or name is None:
        return None
    cells = [analyse(s) if s else CellNames(None) for s in sources]
    here = cells[failing]
    return (name, cells) if here.tree is not None and name in here.free else None


def _one_edit(a: str, b: str) -> str | None:
    """The letters ``b`` differs from ``a`` by when it is ``a`` with one letter added, dropped or changed, or two
    neighbours swapped; None otherwise."""
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    a, b = a[start:], b[start:]
    if a[1:] == b[1:]:
        return a[:1] + b[:1]
    if a[1:] == b:
        return a[:1]  # dropped from a
    if a == b[1:]:
        return b[:1]  # added in b
    return a[:2] if len(a) > 1 and a[:2] == b[1::-1] and a[2:] == b[2:] else None


def _near(bound: str, wrong: str) -> bool:
    """The author's slip of ``bound``: other capitals, or one letter off in a long name, where that letter is
    not a digit or x/y (model1/model2, X_train_scaled/y_train_scaled are pairs of names, not slips)."""
    if bound.lower() == wrong.lower():
        return True
    letters = _one_edit(bound, wrong) if min(len(bound), len(wrong)) >= _LONG else None
    return letters is not None and not any(c.isdigit() or c in "xyXY" for c in letters)


def fix_name_case(sources: list[str], failing: int | None, ctx: Context):
    found = _undefined_here(sources, failing, ctx)
    if found is None:
        return []
    name, cells = found
    here = cells[failing]
    bound_anywhere = {n for cell in cells for n in cell.bound}
    bound_before = {n for cell in cells[: failing + 1] for n in cell.bound}
    renames = {}
    # The error names the first slip; the cell's other reads of unbound names are fixed in the same edit.
    for wrong in here.free:
        near = [n for n in bound_before if _near(n, wrong)]
        if wrong not in bound_anywhere and len(near) == 1:
            renames[wrong] = near[0]
    if name not in renames:
        return []
    listed = ", ".join(f"{wrong!r} as {right!r}" for wrong, right in renames.items())
    why = (f"the author's slip: no cell binds {', '.join(map(repr, renames))} (the author's kernel still held it), "
           f"and exactly one name the notebook binds before this cell differs from it only in capitals or by one "
           f"letter; read {listed}.")
    return [(failing, _renamed(sources[failing], renames), RULE_ID, why)]


notebook_rule(
    RULE_ID, "python", "the author's cell (a typo, not an API change)",
    "a NameError for a name no cell binds, where exactly one bound name differs from it only in capitals, or by "
    "one letter in a long name: the read is renamed to it.",
    signatures=(("NameError", r"name '\w+' is not defined"),), on_error=fix_name_case,
)


# ---------------------------------------------------------------------------- a result thrown away
# ``rmsle_cv(reg, X, y)`` and, on the next line, ``score.mean()``: every other cell of the notebook
# writes ``score = rmsle_cv(...)``, and the author's kernel still held ``score`` from one of them.


def _callee(node: ast.AST) -> str | None:
    """``rmsle_cv(...)`` -> "rmsle_cv", ``cv.score(...)`` -> "cv.score"; None when ``node`` is no call."""
    return ast.unparse(node.func) if isinstance(node, ast.Call) else None


def _assigned_from(cells: list[CellNames], name: str) -> set[str]:
    """The callees whose result some cell assigns to ``name`` alone (``name = f(...)``)."""
    return {callee for cell in cells if cell.tree is not None for node in ast.walk(cell.tree)
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name
            and (callee := _callee(node.value)) is not None}


def fix_discarded_result(sources: list[str], failing: int | None, ctx: Context):
    found = _undefined_here(sources, failing, ctx)
    if found is None:
        return []
    name, cells = found
    here = cells[failing]
    if any(name in c.bound for c in cells[:failing]):
        return []
    callees = _assigned_from(cells, name)
    read_at = here.free[name]
    thrown = [stmt for stmt in here.tree.body if isinstance(stmt, ast.Expr) and stmt.end_lineno < read_at
              and _callee(stmt.value) in callees]
    if len(thrown) != 1:
        return []  # none, or no telling which of them the author meant
    stmt = thrown[0]
    why = (f"the author's slip: this cell throws away the result of {_callee(stmt.value)}(...) and then reads "
           f"{name!r}, which no cell before it binds; elsewhere the notebook assigns that call's result to "
           f"{name!r} (the author's kernel still held it), so the result is kept as {name!r}.")
    new = spliced(sources[failing], [(stmt.lineno, stmt.col_offset, stmt.col_offset, f"{name} = ")])
    return [(failing, new, DISCARDED_ID, why)]


notebook_rule(
    DISCARDED_ID, "python", "the author's cell (a lost assignment, not an API change)",
    "a NameError right after a call whose result the cell throws away, where other cells assign that call's "
    "result to the name: the result is assigned.",
    signatures=(("NameError", r"name '\w+' is not defined"),), on_error=fix_discarded_result,
)
