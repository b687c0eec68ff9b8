"""Where the notebook binds the name a NameError says is not defined.

The prompt's listing shows the cells that define the failing line's names; when none does, the model cannot
tell a name bound nowhere (the cell that made it was deleted before publishing: it must be rebuilt from its
uses) from one bound in a cell the listing left out, after the failing one (run order), or in a branch that
did not run. This says which, from the cells' code and the helper files the notebook ships.
"""

from __future__ import annotations

import ast
import re

from ...core import Notebook
from ..base import Diagnosis
from ..rules.cellnames import analyse

_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


def _helper_binds(text: str, name: str) -> bool:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                (a.asname or a.name.split(".")[0]) == name for a in node.names):
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(n, ast.Name) and n.id == name for t in targets for n in ast.walk(t)):
                return True
    return False


def unbound_name_facts(notebook: Notebook, diagnosis: Diagnosis, files: dict[str, str] | None = None) -> list[str]:
    """One fact line for a NameError at ``diagnosis.cell``: the cells (and helper files) that bind the name,
    before or after the failing cell, or that none does and which cells mention it; none for other errors."""
    error = diagnosis.error
    match = _UNDEFINED.search(error.evalue or "") if error is not None and error.ename == "NameError" else None
    if match is None or diagnosis.cell is None:
        return []
    name, failing = match.group(1), diagnosis.cell
    word = re.compile(rf"\b{re.escape(name)}\b")
    binders, mentions = [], []
    for i in notebook.code_indices():
        source = notebook.cells[i].source
        if i == failing or not word.search(source):
            continue
        (binders if name in analyse(source).bound else mentions).append(i)
    helpers = sorted(path for path, text in (files or {}).items()
                     if path.endswith(".py") and word.search(text) and _helper_binds(text, name))
    where = [f"cell {i} ({'before' if i < failing else 'after'} the failing cell)" for i in binders]
    where += [f"helper file {path}" for path in helpers]
    if where:
        return [f"- `{name}` is bound (assigned, imported or defined) at the top level of: {', '.join(where)}"]
    others = f"; the other cells that mention it: {', '.join(map(str, mentions))}" if mentions else \
        "; no other cell mentions it"
    return [f"- `{name}` is bound (assigned, imported or defined) at the top level of no cell of the notebook "
            f"and of no helper file{others}"]
