"""pandas 3's copy-on-write: the array under a frame or a Series is handed out read-only.

Before 3.0, ``X = df[['Age', 'Fare']].values`` (or ``df.Age.values``, ``.to_numpy()``, ``np.asarray(s)``) gave
the frame's own block, writable: ``X[np.isnan(X)] = 0`` or ``X[:, 1] = encoder.fit_transform(X[:, 1])`` then
wrote into it. Under copy-on-write the array is a read-only view whenever it shares the frame's memory, and
the write raises ``ValueError: assignment destination is read-only``. The notebook meant its own array of
those values: the binding of the array the failing line writes into gets ``.copy()`` (the frame itself is no
longer written through, which notebooks did not count on: a frame of mixed dtypes always gave a copy).
"""

from __future__ import annotations

import ast

from .framework import Context, notebook_rule
from .masking import parse_masked, spliced

RULE_ID = "pandas-readonly-array"
# Values whose end a ``.copy()`` can follow without parentheses.
_POSTFIX = (ast.Name, ast.Attribute, ast.Call, ast.Subscript)


def _written(tree: ast.Module, line: int) -> set[str]:
    """The names whose items the statements starting on ``line`` assign (``X[...] = ``, ``X[...] += ``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign)) and node.lineno == line:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(part, ast.Subscript) and isinstance(part.value, ast.Name):
                        names.add(part.value.id)
    return names


def _last_binding(trees: list[ast.Module | None], failing: int, line: int, name: str) -> tuple[int, ast.expr] | None:
    """(cell, value) of the last plain ``name = value`` before the failing line: earlier in its cell, or in an
    earlier cell. None when the name was last bound another way (a loop, a parameter, a tuple, ``+=``)."""
    for cell in range(failing, -1, -1):
        tree = trees[cell]
        sites = [] if tree is None else [
            n for n in ast.walk(tree)
            if (isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
                or isinstance(n, ast.arg) and n.arg == name) and (cell < failing or n.lineno < line)]
        if sites:
            last = max(sites, key=lambda n: (n.lineno, n.col_offset))
            plain = {id(a.targets[0]): a.value for a in ast.walk(tree) if isinstance(a, ast.Assign) and len(a.targets) == 1}
            return (cell, plain[id(last)]) if id(last) in plain else None
    return None


def fix_readonly(sources: list[str], failing: int | None, ctx: Context):
    line = ctx.error_line
    if failing is None or line is None:
        return []
    trees = [parse_masked(s) if s else None for s in sources]
    if trees[failing] is None:
        return []
    written = _written(trees[failing], line)
    if len(written) != 1:
        return []  # nothing written by item on the line, or no telling which array is the read-only one
    name = written.pop()
    bound = _last_binding(trees, failing, line, name)
    if bound is None:
        return []
    cell, value = bound
    text = ast.unparse(value)
    if text.endswith(".copy()") or isinstance(value, (ast.List, ast.Tuple, ast.Dict, ast.Constant)):
        return []  # already its own array, or not an array the frame lent
    if isinstance(value, _POSTFIX):
        spans = [(value.end_lineno, value.end_col_offset, value.end_col_offset, ".copy()")]
    else:
        spans = [(value.lineno, value.col_offset, value.col_offset, "("),
                 (value.end_lineno, value.end_col_offset, value.end_col_offset, ").copy()")]
    why = (f"pandas 3 (copy-on-write) lends a frame's values read-only, and this line writes into {name!r}: "
           f"{name!r} is bound to its own copy ({text}.copy()), as the writable array pandas gave before.")
    return [(cell, spliced(sources[cell], spans), RULE_ID, why)]


notebook_rule(
    RULE_ID, "pandas", "pandas 3.0 (copy-on-write: .values / .to_numpy() of a frame's own data are read-only)",
    "an array taken from a frame or a Series (.values, .to_numpy(), np.asarray) is a read-only view under "
    "copy-on-write; the line that writes into it raises. The binding of the array written into gets .copy(), "
    "the writable array of the same values that pandas gave before.",
    signatures=(("ValueError", r"assignment destination is read-only"),), on_error=fix_readonly,
)
