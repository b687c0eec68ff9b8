"""An import that fails in the fixed environment, of names no cell uses.

Notebooks keep imports their author once tried (``import tensorflow as tf`` above a
scikit-learn model, a plotting add-on never called, ``from keras.layers import Merge``
beside the layers the model does use). The fixed environment does not have every
such package, a library's new version no longer has every such name, and the
environment is never changed. When the import fails and nothing in the notebook
reads a name it binds, the statement (or just the missing name) is kept as a
comment with a note, and the notebook runs as it did for its author.
"""

from __future__ import annotations

import ast
import re

from .framework import Context, notebook_rule
from .masking import mask, parse_masked

RULE_ID = "unused-missing-import"


def bound_names(stmt: ast.Import | ast.ImportFrom) -> set[str] | None:
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


def _under(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def imports_of(tree: ast.Module, missing: str) -> list[tuple[ast.Import | ast.ImportFrom, list[ast.alias]]]:
    """The imports that fail for want of module ``missing``, each with the aliases that do: an import of its
    package alone (``import gensim`` when gensim.sklearn_api is gone) still runs."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(_under(a.name, missing) for a in node.names):
            found.append((node, list(node.names)))
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if _under(node.module, missing):
                found.append((node, list(node.names)))
            elif [a for a in node.names if _under(f"{node.module}.{a.name}", missing)]:
                found.append((node, [a for a in node.names if _under(f"{node.module}.{a.name}", missing)]))
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


def _failed_imports(tree: ast.Module, evalue: str):
    """The import statements of the cell that the error is about, each with the aliases that fail, and
    what is missing (for the note); [] for another error."""
    missing = re.search(r"No module named '([\w.]+)'", evalue)
    if missing:
        # the module Python names (keras.utils.vis_utils), not its package, which may well be there
        return imports_of(tree, missing.group(1)), f"{missing.group(1)!r} is not in the environment"
    gone = re.search(r"cannot import name '(\w+)' from '([\w.]+)'", evalue)
    if gone:
        name, module = gone.groups()
        found = [(stmt, [a for a in stmt.names if a.name == name]) for stmt in ast.walk(tree)
                 if isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module == module]
        return [(stmt, aliases) for stmt, aliases in found if aliases], f"{module} no longer has {name!r}"
    return [], ""


def fix_unused_missing_import(sources: list[str], failing: int | None, ctx: Context):
    tree = parse_masked(sources[failing]) if failing is not None else None
    failed, missing = _failed_imports(tree, ctx.error.evalue if ctx.error else "") if tree else ([], "")
    used = _used(sources) if failed else None
    if used is None:
        return []
    names, ipython = used
    lines = sources[failing].split("\n")
    statements = [s for s in ast.walk(tree) if isinstance(s, ast.stmt)]
    dropped = []
    for stmt, aliases in sorted(failed, key=lambda f: f[0].lineno, reverse=True):
        bound = bound_names(stmt) if len(aliases) == len(stmt.names) else bound_names(_only(stmt, aliases))
        shares_a_line = any(o is not stmt and not hasattr(o, "body")  # a simple statement, not a block around it
                            and o.lineno <= stmt.end_lineno and o.end_lineno >= stmt.lineno for o in statements)
        if bound is None or bound & names or shares_a_line \
                or any(re.search(rf"\b{re.escape(n)}\b", ipython) for n in bound):
            continue
        first, last = stmt.lineno, stmt.end_lineno
        note = f"# mlemod: {missing} and no cell uses it: "
        if len(aliases) < len(stmt.names):  # the other names still import: keep them on one line
            indent = re.match(r"^[ \t]*", lines[first - 1]).group(0)
            kept = _only(stmt, [a for a in stmt.names if a not in aliases])
            lines[first - 1:last] = [f"{indent}{ast.unparse(kept)}  {note}{', '.join(sorted(bound))}"]
        else:
            as_comment(lines, first, last, note)
        dropped.append(", ".join(sorted(bound)))
    if not dropped:
        return []
    why = (f"{missing} (the locked environment is never changed), and no cell reads what this import binds "
           f"({'; '.join(reversed(dropped))}): it is kept as a comment.")
    return [(failing, "\n".join(lines), RULE_ID, why)]


def as_comment(lines: list[str], first: int, last: int, note: str) -> None:
    """Lines ``first``..``last`` (1-based) of ``lines`` kept as comments, the first after ``note``; inside a
    block a ``pass`` keeps the block a block."""
    indent = re.match(r"^[ \t]*", lines[first - 1]).group(0)
    lines[first - 1:last] = [f"{indent}{'pass  ' if indent else ''}{note}{lines[first - 1].strip()}"] + [
        f"{indent}# {line.strip()}" for line in lines[first:last]]


def _only(stmt: ast.ImportFrom, aliases: list[ast.alias]) -> ast.ImportFrom:
    return ast.ImportFrom(module=stmt.module, names=aliases, level=stmt.level)


notebook_rule(
    RULE_ID, "python", "the locked environment",
    "an import of a package the environment lacks (or of a name its module no longer has), whose names no cell "
    "uses, is kept as a comment.",
    signatures=(("ModuleNotFoundError", r"No module named"), ("ImportError", r"cannot import name '\w+' from")),
    on_error=fix_unused_missing_import,
)
