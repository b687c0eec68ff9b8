"""``.loc[list]`` reading labels the index lacks: NaN rows for them until pandas 1.0, a KeyError since.

0.21 deprecated it ("Passing list-likes to .loc or [] with any missing label will raise KeyError in the future,
you can use .reindex() as an alternative") and 1.0 made it an error. ``reindex`` is what the read did: the
labels in the order given, NaN where the index has none. Only a read (not an assignment target), and only the
one ``.loc`` read of the failing line: a line with several could be failing on any of them. A notebook
written after pandas 1.0 never read missing labels this way: there the KeyError says something else went wrong
upstream, and NaN rows would hide it.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, code_of, rule

_LOC = m.Subscript(value=m.Attribute(attr=m.Name("loc")))
_PANDAS_1 = "2020-02"  # pandas 1.0: January 29, 2020


@rule(
    "pandas-loc-missing-labels",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.21)",
    rationale="reading .loc with a list holding labels the index lacks gave NaN rows for them until pandas 1.0, "
    "which raises KeyError ('[...] not in index'); reindex(labels) is that read (then .loc[:, columns] for a "
    "column selection). Only the failing line's one .loc read, in a notebook not known to be written after 1.0.",
    kind="error",
    signatures=(("KeyError", r"not in index"),),
    examples=(
        ("rows = df.loc[[0, 9]]", "rows = df.reindex([0, 9])"),
        ("age = train.loc[ids, 'Age']", "age = train.reindex(ids).loc[:, 'Age']"),
        ("df.loc[[0, 9]] = 0", "df.loc[[0, 9]] = 0"),
        ("x = df.loc[mask] + df.loc[[0, 9]]", "x = df.loc[mask] + df.loc[[0, 9]]"),
    ),
)
class LocMissingLabels(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Module(self, node):
        self.reads = []
        if self.ctx.written_since(_PANDAS_1):
            return
        written = {id(t.target) for t in m.findall(node, m.AssignTarget())} | \
            {id(a.target) for a in m.findall(node, m.AugAssign())}
        # the .loc reads of the failing line (of any line when none is known), by id of the original node
        self.reads = [id(s) for s in m.findall(node, _LOC) if id(s) not in written and not self.off_error_line(s)]

    def leave_Subscript(self, original, updated):
        if self.reads != [id(original)] or any(isinstance(e.slice, cst.Slice) for e in updated.slice):
            return updated
        rows, *columns = (e.slice.value for e in updated.slice)
        if isinstance(rows, (cst.Tuple, cst.Slice)) or len(columns) > 1:
            return updated
        reindexed = f"{code_of(updated.value.value)}.reindex({code_of(rows)})"
        return cst.parse_expression(f"{reindexed}.loc[:, {code_of(columns[0])}]" if columns else reindexed)
