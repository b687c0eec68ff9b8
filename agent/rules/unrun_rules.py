"""A failing cell whose published output no top-to-bottom run gave: the last resort of the error-keyed rules.

A published notebook records which cells ran (``execution_count``). A code cell
without one and without outputs, in a notebook whose other cells have both, is a
draft: its author never ran it, so nothing the notebook published came from it, and
it often refers to names from a version of the notebook that no longer exists. When
such a cell fails and no other rule applies, it is kept as a comment with a note,
so that the cells after it can run. Not when a later cell that did run reads a name
this cell binds (an import cell saved without its count is no draft): then the cell
matters whatever its metadata says.

The same holds for a cell that only displays a value (``grid.best_estimator_.coef_``)
and that its author ran before the cell above it (In [370] below In [488]): its output
came from a kernel state that running the cells in order does not build, and a
display binds nothing that a later cell could need.
"""

from __future__ import annotations

import ast

from ...core import CellError, Notebook
from .cellnames import analyse
from .framework import notebook_rule
from .masking import parse_masked

RULE_ID = "notebook-unrun-cell"
STALE_ID = "notebook-stale-display"
NOTE = "# mlemod: its author never ran this cell (no execution count in the published notebook)"
STALE_NOTE = "# mlemod: this cell only shows a value, and its author ran it before the cells above it"
_EFFECTS = (ast.Call, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda)


def never_ran(published: Notebook, cell: int) -> bool:
    node = published.cells[cell]
    if node.cell_type != "code" or node.get("execution_count") is not None or node.get("outputs"):
        return False
    return any(c.cell_type == "code" and c.get("execution_count") is not None for c in published.cells)


def ran_before_the_cell_above(published: Notebook, cell: int) -> tuple[int, int] | None:
    """(this cell's count, the count of the nearest code cell above that ran) when that one is higher."""
    count = published.cells[cell].get("execution_count")
    above = [c.get("execution_count") for c in published.cells[:cell] if c.cell_type == "code"]
    above = [n for n in above if n is not None]
    return (count, above[-1]) if count is not None and above and above[-1] > count else None


def display_only(source: str) -> bool:
    """Every statement is an expression that calls nothing: it can only show a value (or fail)."""
    tree = parse_masked(source)
    return (tree is not None and bool(tree.body) and all(isinstance(s, ast.Expr) for s in tree.body)
            and not any(isinstance(n, _EFFECTS) for n in ast.walk(tree)))


def needed_later(nb: Notebook, cell: int, published: Notebook) -> bool:
    """A later cell that ran reads a name this cell binds (or this cell's names are unknowable)."""
    names = analyse(nb.cells[cell].source)
    if names.tree is None or names.star:
        return True
    later = [i for i in range(cell + 1, len(nb.cells))
             if nb.cells[i].cell_type == "code" and published.cells[i].get("execution_count") is not None]
    return any(set(names.bound) & set(analyse(nb.cells[i].source).free) for i in later)


def comment_out_unrun(nb: Notebook, cell: int, error: CellError,
                      published: Notebook | None = None) -> list[tuple[int, str, str, str]]:
    """The failing ``cell`` of ``nb`` as a comment, when its author never ran it: [(cell, new, id, why)] or [].

    What ran is read from ``published`` (default ``nb``), the notebook as its author saved it: a repair
    clears the execution count of every cell it edits, and an edited cell is no draft for that."""
    published = published or nb
    old = nb.cells[cell].source
    if old.startswith((NOTE, STALE_NOTE)):
        return []
    # A cell that does not compile binds nothing, whatever a later cell reads (pasted output, a draft).
    uncompiled = error.ename in ("SyntaxError", "IndentationError", "TabError")
    if never_ran(published, cell) and (uncompiled or not needed_later(nb, cell, published)):
        note, rule_id = NOTE, RULE_ID
        why = ("The published notebook shows no execution count or output for this cell: its author never ran "
               "it, so the published results do not depend on it.")
    elif (counts := ran_before_the_cell_above(published, cell)) and display_only(old):
        note, rule_id = f"{STALE_NOTE} (In [{counts[0]}] below In [{counts[1]}])", STALE_ID
        why = (f"This cell only shows a value, and its author ran it (In [{counts[0]}]) before the cell above it "
               f"(In [{counts[1]}]): its published output came from a kernel state that a top-to-bottom run "
               "does not build, and it binds nothing later cells read.")
    else:
        return []
    first = error.evalue.strip().splitlines()[0][:100] if error.evalue.strip() else ""
    body = "\n".join("# " + line if line.strip() else line for line in old.split("\n"))
    new = f"{note};\n# it fails here ({error.ename}: {first}), so it is kept as a comment.\n{body}"
    return [(cell, new, rule_id, why + " It fails here and no rule repairs it, so it is kept as a comment.")]


# Run by the engine's fix_error itself, after every other rule: they read the notebook's metadata.
notebook_rule(RULE_ID, "jupyter", "the published notebook",
              "a failing cell its author never ran (no execution count, no output) is kept as a comment; last resort.")
notebook_rule(STALE_ID, "jupyter", "the published notebook",
              "a failing cell that only shows a value and ran before the cell above it is kept as a comment; "
              "last resort.")
