"""``.at[...] = v`` with a row selection that is not one label: pandas before 1.4 fell back to ``.loc``.

``_AtIndexer.__setitem__`` tried the fast scalar path and, when the key was a list, an Index, a boolean
mask or a slice, caught the failure and set the values through ``.loc`` (so ``df.set_value(df[m].index,
'Age', ages)`` and ``df.at[df.b == 6, 'b'] = np.nan`` ran). pandas 1.4 removed the fallback: the same
assignment raises ``InvalidIndexError``. Writing ``.loc`` is what the old call did. Reading with ``.at``
never had the fallback, so only assignments are rewritten.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, rule

_AT = m.Subscript(value=m.Attribute(attr=m.Name("at")))


@rule(
    "pandas-at-non-scalar",
    library="pandas",
    changed_in="pandas 1.4",
    rationale="assigning through .at with a list, Index, mask or slice of rows used to fall back to .loc; "
    "pandas 1.4 raises InvalidIndexError instead. .loc is what the assignment did.",
    kind="error",
    needles=(".at[",),
    signatures=(
        ("InvalidIndexError", r"[Aa]t.based indexing can only have scalar indexers|You can only assign a scalar value"),
    ),
    examples=(
        ("df.at[df[df.Age == 0].index, 'Age'] = ages", "df.loc[df[df.Age == 0].index, 'Age'] = ages"),
        ("for t in titles:\n    df.at[df.Title == t, 'Age'] = m[t]",
         "for t in titles:\n    df.loc[df.Title == t, 'Age'] = m[t]"),
        ("x = df.at[3, 'Age']", "x = df.at[3, 'Age']"),  # reading never fell back
    ),
)
class AtNonScalar(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    # The targets of assignments (x.at[...] = v, x.at[...] += v) on the failing line; reads stay .at.
    def leave_AssignTarget(self, original, updated):
        return updated.with_changes(target=self._loc(updated.target)) if self._on(original.target) else updated

    def leave_AugAssign(self, original, updated):
        return updated.with_changes(target=self._loc(updated.target)) if self._on(original.target) else updated

    def _on(self, target) -> bool:  # positions are the original tree's
        return m.matches(target, _AT) and not self.off_error_line(target)

    @staticmethod
    def _loc(target: cst.Subscript) -> cst.Subscript:
        return target.with_changes(value=target.value.with_changes(attr=cst.Name("loc")))
