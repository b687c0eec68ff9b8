"""A failing cell that its author never ran: the last resort of the error-keyed rules.

A published notebook records which cells ran (``execution_count``). A code cell
without one and without outputs, in a notebook whose other cells have both, is a
draft: its author never ran it, so nothing the notebook published came from it, and
it often refers to names from a version of the notebook that no longer exists. When
such a cell fails and no other rule applies, it is kept as a comment with a note,
so that the cells after it can run. Not when a later cell that did run reads a name
this cell binds (an import cell saved without its count is no draft): then the cell
matters whatever its metadata says.
"""

from __future__ import annotations

from ...core import CellError, Notebook
from .framework import notebook_rule
from .order_rules import analyse

RULE_ID = "notebook-unrun-cell"
NOTE = "# mlemod: its author never ran this cell (no execution count in the published notebook)"


def never_ran(published: Notebook, cell: int) -> bool:
    node = published.cells[cell]
    if node.cell_type != "code" or node.get("execution_count") is not None or node.get("outputs"):
        return False
    return any(c.cell_type == "code" and c.get("execution_count") is not None for c in published.cells)


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
    if not never_ran(published, cell) or needed_later(nb, cell, published):
        return []
    old = nb.cells[cell].source
    if old.startswith(NOTE):
        return []
    first = error.evalue.strip().splitlines()[0][:100] if error.evalue.strip() else ""
    body = "\n".join("# " + line if line.strip() else line for line in old.split("\n"))
    new = f"{NOTE};\n# it fails here ({error.ename}: {first}), so it is kept as a comment.\n{body}"
    why = ("The published notebook shows no execution count or output for this cell: its author never ran it, "
           "so the published results do not depend on it. It fails here and no rule repairs it, so it is kept "
           "as a comment.")
    return [(cell, new, RULE_ID, why)]


# Run by the engine's fix_error itself, after every other rule: it reads the notebook's metadata.
notebook_rule(RULE_ID, "jupyter", "the published notebook",
              "a failing cell its author never ran (no execution count, no output) is kept as a comment; last resort.")
