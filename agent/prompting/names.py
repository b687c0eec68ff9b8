"""Where the notebook binds the name a NameError says is not defined.

The prompt's listing shows the cells that define the failing line's names; when none does, the model cannot
tell a name bound nowhere (the cell that made it was deleted before publishing: it must be rebuilt from its
uses) from one bound in a cell the listing left out, after the failing one (run order), or in a branch that
did not run. This says which, from the cells' code and the helper files the notebook ships.
"""

from __future__ import annotations

import re

from ...core import Notebook
from ..base import Diagnosis
from ..rules.cellnames import analyse, undefined_name


def unbound_name_facts(notebook: Notebook, diagnosis: Diagnosis, files: dict[str, str] | None = None) -> list[str]:
    """One fact line for a NameError at ``diagnosis.cell``: the cells (and helper files) that bind the name at
    their top level, before or after the failing cell, or that none does and which cells mention it; none for
    other errors."""
    error = diagnosis.error
    name = undefined_name(error.evalue) if error is not None and error.ename == "NameError" else None
    if name is None or diagnosis.cell is None:
        return []
    failing, word = diagnosis.cell, re.compile(rf"\b{re.escape(name)}\b")
    binders, mentions = [], []
    for i in notebook.code_indices():
        source = notebook.cells[i].source
        if i != failing and word.search(source):
            (binders if name in analyse(source).bound else mentions).append(i)
    where = [f"cell {i} ({'before' if i < failing else 'after'} the failing cell)" for i in binders]
    where += [f"helper file {path}" for path, text in sorted((files or {}).items())
              if path.endswith(".py") and word.search(text) and name in analyse(text).bound]
    if where:
        return [f"- `{name}` is bound (assigned, imported or defined) at the top level of: {', '.join(where)}"]
    others = f"the other cells that mention it: {', '.join(map(str, mentions))}" if mentions else \
        "no other cell mentions it"
    return [f"- `{name}` is bound (assigned, imported or defined) at the top level of no cell of the notebook "
            f"and of no helper file; {others}"]
