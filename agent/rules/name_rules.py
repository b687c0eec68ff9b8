"""A name read with the wrong capitals: ``x_train`` where the notebook only ever binds ``X_train``.

The author's kernel still held the misspelt name from an earlier version of a cell,
so the stored output shows the cell working; run from the top, it is a NameError,
and Python itself suggests the near name. The rule renames only where that is
the one reading: the two differ in capitals alone, exactly one name bound up to
the failing cell differs that way, and no cell binds the misspelt one anywhere
(then it is a matter of cell order, which order_rules handles).
"""

from __future__ import annotations

import ast
import re

from .framework import Context, notebook_rule
from .masking import mask, parse_masked
from .order_rules import CellNames, analyse

RULE_ID = "name-case-slip"


def _renamed(source: str, renames: dict[str, str]) -> str:
    """``source`` with every read of each key made its value."""
    masked = mask(source)
    found = [n for n in ast.walk(parse_masked(source)) if isinstance(n, ast.Name) and n.id in renames]
    lines = masked.code.split("\n")
    for node in sorted(found, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        line = lines[node.lineno - 1].encode()  # ast offsets count UTF-8 bytes
        start, end = node.col_offset, node.col_offset + len(node.id.encode())
        lines[node.lineno - 1] = (line[:start] + renames[node.id].encode() + line[end:]).decode()
    return masked.unmask("\n".join(lines))


def fix_name_case(sources: list[str], failing: int | None, ctx: Context):
    match = re.search(r"name '(\w+)' is not defined", ctx.error.evalue if ctx.error else "")
    if failing is None or not match:
        return []
    cells = [analyse(s) if s else CellNames(None) for s in sources]
    here = cells[failing]
    if here.tree is None or match.group(1) not in here.free:
        return []  # read inside a function of another cell: not this cell's text
    bound_anywhere = {name for cell in cells for name in cell.bound}
    bound_before = {name for cell in cells[: failing + 1] for name in cell.bound}
    renames = {}
    # The error names the first slip; the cell's other reads of unbound names are fixed in the same edit.
    for wrong in here.free:
        near = [name for name in bound_before if name.lower() == wrong.lower()]
        if wrong not in bound_anywhere and len(near) == 1:
            renames[wrong] = near[0]
    if match.group(1) not in renames:
        return []
    listed = ", ".join(f"{wrong!r} as {right!r}" for wrong, right in renames.items())
    why = (f"the author's slip: no cell binds {', '.join(map(repr, renames))} (the author's kernel still held it), "
           f"and exactly one name the notebook binds before this cell differs only in capitals; read {listed}.")
    return [(failing, _renamed(sources[failing], renames), RULE_ID, why)]


notebook_rule(
    RULE_ID, "python", "the author's cell (a typo, not an API change)",
    "a NameError for a name no cell binds, where exactly one bound name differs from it only in capitals: "
    "the read is renamed to it.",
    signatures=(("NameError", r"name '\w+' is not defined"),), on_error=fix_name_case,
)
