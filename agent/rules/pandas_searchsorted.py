"""``Series.searchsorted(value)[0]``: the position of one value, read out of the array that held it.

Until pandas 0.24 a Series (and a Categorical) answered a scalar's searchsorted with an array of one element,
where numpy and pandas' indexes gave the number; 0.24 made it the number, so the ``[0]`` that took it out of the
array now indexes a scalar (``IndexError: invalid index to scalar variable``). numpy's own searchsorted never
returned such an array for a scalar, so on that error the subscript is the old code's unwrapping, and goes.
"""

from __future__ import annotations

import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, rule

# x.searchsorted(v)[0] and np.searchsorted(s, v)[0] (numpy hands a Series to its own method); [-1] is the same
_ONE_ELEMENT = m.Subscript(
    value=m.Call(func=m.Attribute(attr=m.Name("searchsorted"))),
    slice=[m.SubscriptElement(slice=m.Index(value=m.Integer("0") | m.UnaryOperation(
        operator=m.Minus(), expression=m.Integer("1"))))],
)


@rule(
    "pandas-searchsorted-scalar",
    library="pandas",
    changed_in="pandas 0.24",
    rationale="Series.searchsorted(value) returns the position itself since 0.24, not an array holding it, so "
    "the [0] that took the position out of the array goes (on the failing line only: an array of values still "
    "gives an array).",
    kind="error",
    signatures=(("IndexError", r"invalid index to scalar variable"),),
    error_examples=(
        ("IndexError: invalid index to scalar variable.", 2,
         "cut = prices.searchsorted(limit)[0]\nhead = s.iloc[:np.searchsorted(s, v, side='right')[0]]",
         "cut = prices.searchsorted(limit)[0]\nhead = s.iloc[:np.searchsorted(s, v, side='right')]"),
        ("IndexError: invalid index to scalar variable.", 1,
         "at = df.Fare.sort_values().searchsorted(30)[-1]\nfirst = edges.searchsorted(vals)[1]",
         "at = df.Fare.sort_values().searchsorted(30)\nfirst = edges.searchsorted(vals)[1]"),
    ),
)
class SearchsortedScalar(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Subscript(self, original, updated):
        if not m.matches(updated, _ONE_ELEMENT) or self.off_error_line(original):
            return updated
        return updated.value.with_changes(lpar=updated.lpar, rpar=updated.rpar)
