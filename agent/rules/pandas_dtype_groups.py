"""Grouping columns by their dtype (``cols.groupby(df.dtypes)``) where a text column has pandas 3's str dtype.

A groupby sorts its keys. numpy's dtypes order among themselves (int64 < float64 < object: the order of a safe
cast), so grouping columns by ``df.dtypes`` sorted, text columns included, while they were object. pandas 3
reads text as its own ``StringDtype``, which numpy's dtypes cannot be compared with (``TypeError: '<' not
supported between instances of 'numpy.dtypes.Float64DType' and 'StringDtype'``). ``sort=False`` keeps the
groups and their dtype keys (``groups[np.dtype('int64')]`` still finds the integer columns); only the order in
which they are listed is the columns' own instead of numpy's.
"""

from __future__ import annotations

import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, add_kwarg, kwarg, rule

_BY_DTYPES = m.Attribute(attr=m.Name("dtypes"))


@rule(
    "pandas-str-dtype-group-keys",
    library="pandas",
    changed_in="pandas 3.0 (the str dtype)",
    rationale="grouping by df.dtypes sorts the dtypes, and pandas 3's str dtype of the text columns does not "
    "compare with numpy's; sort=False groups the same columns under the same dtype keys, listed in the columns' "
    "order (on the failing line only).",
    kind="error",
    signatures=(("TypeError", r"'<' not supported between instances of '(numpy\.dtypes\.\w+|StringDtype)' and "
                              r"'(numpy\.dtypes\.\w+|StringDtype)'"),),
    error_examples=(
        ("TypeError: '<' not supported between instances of 'StringDtype' and 'numpy.dtypes.Float64DType'", 1,
         "kinds = train.columns.to_series().groupby(train.dtypes).groups\nn = df.groupby('k').size()",
         "kinds = train.columns.to_series().groupby(train.dtypes, sort=False).groups\nn = df.groupby('k').size()"),
        ("TypeError: '<' not supported between instances of 'numpy.dtypes.Int64DType' and 'StringDtype'", 1,
         "per = df.T.groupby(by=df.dtypes).size() + s.groupby(df.dtypes, sort=True).size()",
         "per = df.T.groupby(by=df.dtypes, sort=False).size() + s.groupby(df.dtypes, sort=True).size()"),
    ),
)
class DtypeGroupKeys(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("groupby"))) or kwarg(updated, "sort") is not None \
                or self.off_error_line(original):
            return updated
        by = kwarg(updated, "by") or next((a for a in updated.args if a.keyword is None), None)
        if by is None or not m.matches(by.value, _BY_DTYPES):
            return updated
        return add_kwarg(updated, "sort", "False")
