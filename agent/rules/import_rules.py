"""An import of a package the environment does not have, whose names no cell uses.

Notebooks keep imports their author once tried (``import tensorflow as tf`` above a
scikit-learn model, a plotting add-on never called). The fixed environment does not
have every such package, and the environment is never changed. When the import
fails and nothing in the notebook reads a name it binds, the statement is kept as a
comment with a note, and the notebook runs as it did for its author.
"""

from __future__ import annotations

import ast
import re

from .framework import Context, notebook_rule
from .masking import mask, parse_masked

RULE_ID = "unused-missing-import"


def _bound(stmt: ast.Import | ast.ImportFrom) -> set[str] | None:
    """The names an import binds; None for ``from x import *`` (unknowable)."""
    names = set()
    for alias in stmt.names:
        if alias.name == "*":
            return None
        if isinstance(stmt, ast.Import):
            names.add(alias.asname or alias.name.split(".")[0])
        else:
            names.add(alias.asname or alias.name)
    return names


def _imports_of(tree: ast.Module, root: str) -> list[ast.Import | ast.ImportFrom]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == root for a in node.names):
            found.append(node)
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == root:
            found.append(node)
    return found


def _used(sources: list[str]) -> tuple[set[str], str] | None:
    """Names read anywhere in the notebook, and the text of its IPython lines (magics can read names too);
    None when a cell does not parse (then nothing can be said about what is unused)."""
    names, ipython = set(), []
    for source in sources:
        if not source.strip():
            continue
        tree = parse_masked(source)
        if tree is None:
            return None
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store)}
        names |= {n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
        ipython += mask(source).lines
    return names, "\n".join(ipython)


def fix_unused_missing_import(sources: list[str], failing: int | None, ctx: Context):
    missing = re.search(r"No module named '([\w.]+)'", ctx.error.evalue if ctx.error else "")
    tree = parse_masked(sources[failing]) if failing is not None and missing else None
    used = _used(sources) if tree is not None else None
    if used is None:
        return []
    names, ipython = used
    root = missing.group(1).split(".")[0]
    lines = sources[failing].split("\n")
    statements = [s for s in ast.walk(tree) if isinstance(s, ast.stmt)]
    dropped = []
    for stmt in sorted(_imports_of(tree, root), key=lambda s: s.lineno, reverse=True):
        bound = _bound(stmt)
        shares_a_line = any(o is not stmt and not hasattr(o, "body")  # a simple statement, not a block around it
                            and o.lineno <= stmt.end_lineno and o.end_lineno >= stmt.lineno for o in statements)
        if bound is None or bound & names or shares_a_line \
                or any(re.search(rf"\b{re.escape(n)}\b", ipython) for n in bound):
            continue
        first, last = stmt.lineno, stmt.end_lineno
        indent = re.match(r"^[ \t]*", lines[first - 1]).group(0)
        note = f"{indent}{'pass  ' if indent else ''}# mlemod: {root!r} is not in the environment and no cell uses it: "
        lines[first - 1:last] = [note + lines[first - 1].strip()] + [f"{indent}# {line.strip()}" for line in
                                                                      lines[first:last]]
        dropped.append(", ".join(sorted(bound)))
    if not dropped:
        return []
    why = (f"{root!r} is not in the locked environment (it is never changed), and no cell reads what this "
           f"import binds ({'; '.join(reversed(dropped))}): the import is kept as a comment.")
    return [(failing, "\n".join(lines), RULE_ID, why)]


notebook_rule(
    RULE_ID, "python", "the locked environment",
    "an import of a package the environment lacks, whose names no cell uses, is kept as a comment.",
    signatures=(("ModuleNotFoundError", r"No module named"),), on_error=fix_unused_missing_import,
)
