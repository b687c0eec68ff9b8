"""A column's groupby ``apply`` of a function that keeps the index gets the group keys added (pandas 2.0).

Up to 1.5, ``SeriesGroupBy.apply(f)`` looked at what ``f`` returned: a result indexed like its group (``x.fillna``,
``x - x.mean()``: "transform-like") came back indexed like the column itself, so ``df['Age'] =
df.groupby(['Sex', 'Pclass'])['Age'].apply(lambda x: x.fillna(x.median()))`` filled the column in place. 1.5
warned and 2.0 made ``group_keys=True`` (the default) hold there too: the result is indexed by the group keys and
the row, and assigning it back to the frame aligns nothing: the column becomes all NaN, with no error until a
model refuses the NaN cells many cells later. ``transform`` is what such an ``apply`` did: the call is rewritten
where the function certainly keeps its group's index (a lambda whose value is its argument through
index-keeping methods and arithmetic with scalars). A frame's ``apply`` of such a function, on a frame's own
``groupby`` call (``df.groupby('Pclass').apply(lambda g: g.fillna(g.median()))``), gets ``group_keys=False``,
which keeps the keys out of a like-indexed result as 1.x did, and ``[df.columns]``, which hands the function the
grouping columns too as before 3.0 (its ``transform`` would drop them).
"""

from __future__ import annotations

import ast
import functools
import re

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, add_kwarg, code_of, kwarg, rule

# Series methods whose result has the index of the Series they are called on.
KEEPS_INDEX = frozenset({
    "fillna", "replace", "astype", "clip", "round", "abs", "interpolate", "ffill", "bfill", "pad", "backfill",
    "rank", "cumsum", "cumprod", "cummax", "cummin", "shift", "diff", "pct_change", "map", "where", "mask",
    "add", "sub", "mul", "div", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rmul", "rdiv", "rtruediv",
})
WINDOWS = frozenset({"rolling", "expanding", "ewm"})
WINDOW_RESULTS = frozenset({"mean", "sum", "std", "var", "min", "max", "median", "count"})
# Reductions of the group: a scalar beside the kept index (x - x.mean()).
REDUCTIONS = frozenset({"mean", "median", "sum", "std", "var", "min", "max", "count", "quantile", "mode", "prod",
                        "nunique", "size", "first", "last", "sem", "skew"})


def _keeps_index(expr: cst.BaseExpression, param: str) -> bool:
    """Whether ``expr`` is ``param`` through index-keeping methods, window means and scalar arithmetic."""
    if isinstance(expr, cst.Name):
        return expr.value == param
    if isinstance(expr, cst.UnaryOperation):
        return _keeps_index(expr.expression, param)
    if isinstance(expr, cst.BinaryOperation):
        left, right = _keeps_index(expr.left, param), _keeps_index(expr.right, param)
        return left and (right or _scalar(expr.right, param)) or right and _scalar(expr.left, param)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        method, owner = expr.func.attr.value, expr.func.value
        if method in KEEPS_INDEX:
            return _keeps_index(owner, param)
        if method in WINDOW_RESULTS and isinstance(owner, cst.Call) and isinstance(owner.func, cst.Attribute):
            return owner.func.attr.value in WINDOWS and _keeps_index(owner.func.value, param)
    return False


def _scalar(expr: cst.BaseExpression, param: str) -> bool:
    """A value that does not depend on the row: free of ``param``, or a reduction of it (``x.mean()``)."""
    if not m.findall(expr, m.Name(param)):
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in REDUCTIONS:
        return _keeps_index(expr.func.value, param)
    return False


def _transform_like(arg: cst.BaseExpression) -> bool:
    if not isinstance(arg, cst.Lambda) or len(arg.params.params) != 1 or arg.params.kwonly_params:
        return False
    if isinstance(arg.params.star_arg, cst.Param) or arg.params.star_kwarg or arg.params.posonly_params:
        return False
    return _keeps_index(arg.body, arg.params.params[0].name.value)


@rule(
    "pandas-groupby-apply-transform-like",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.5)",
    rationale="a column's groupby(...).apply(f), f keeping each group's index (x.fillna(x.median())), came back "
    "indexed like the column; since 2.0 the group keys are added, and assigning the result back fills the "
    "column with NaN. transform(f) gives the old result; a frame's own groupby(...).apply(f) gets group_keys=False "
    "and [df.columns] (the grouping columns, which 3.0 no longer hands to f).",
    needles=("apply",),
    examples=(
        ("df['Age'] = df.groupby(['Sex', 'Pclass'])['Age'].apply(lambda x: x.fillna(x.median()))",
         "df['Age'] = df.groupby(['Sex', 'Pclass'])['Age'].transform(lambda x: x.fillna(x.median()))"),
        ("grouped = titanic.groupby(['Sex', 'Pclass', 'Title'])\n"
         "titanic.Age = grouped.Age.apply(lambda x: x.fillna(x.median()))",
         "grouped = titanic.groupby(['Sex', 'Pclass', 'Title'])\n"
         "titanic.Age = grouped.Age.transform(lambda x: x.fillna(x.median()))"),
        ("z = df.groupby('g')['v'].apply(lambda s: (s - s.mean()) / s.std())",
         "z = df.groupby('g')['v'].transform(lambda s: (s - s.mean()) / s.std())"),
        ("m = df.groupby('g')['v'].apply(lambda s: s.rolling(3).mean().fillna(0))",
         "m = df.groupby('g')['v'].transform(lambda s: s.rolling(3).mean().fillna(0))"),
        # a reduction per group, a frame's apply, a Series' own apply: as they were
        ("m = df.groupby('g')['v'].apply(lambda s: s.mean())", "m = df.groupby('g')['v'].apply(lambda s: s.mean())"),
        ("f = df.groupby('g').apply(lambda d: d.fillna(d.mean()))",
         "f = df.groupby('g', group_keys=False)[df.columns].apply(lambda d: d.fillna(d.mean()))"),
        # a frame's groups held under a name, or a frame built in the chain: as they were
        ("gb = df.groupby('g')\nf = gb.apply(lambda d: d.fillna(0))",
         "gb = df.groupby('g')\nf = gb.apply(lambda d: d.fillna(0))"),
        ("f = load().groupby('g').apply(lambda d: d.fillna(0))",
         "f = load().groupby('g').apply(lambda d: d.fillna(0))"),
        ("t = df['v'].apply(lambda s: s.fillna(0))", "t = df['v'].apply(lambda s: s.fillna(0))"),
        ("h = df.groupby('g')['v'].apply(lambda s: s.head(2))", "h = df.groupby('g')['v'].apply(lambda s: s.head(2))"),
    ),
)
class GroupbyApplyTransformLike(RuleTransformer):
    def _grouped(self, expr: cst.BaseExpression) -> bool:
        """A groupby call, or a name the notebook binds to one."""
        if isinstance(expr, cst.Call):
            return isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "groupby"
        return isinstance(expr, cst.Name) and expr.value in self._groups

    @functools.cached_property
    def _groups(self) -> set[str]:
        """The names a line of the notebook binds to ``<...>.groupby(...)`` itself (the groups, not a result of
        them: ``g = df.groupby('a').sum()`` is a frame)."""
        names = set()
        for name, value in re.findall(r"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*(.+\.groupby\(.*)$", self.ctx.text):
            try:
                call = ast.parse(value.strip(), mode="eval").body
            except SyntaxError:
                continue
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "groupby":
                names.add(name)
        return names

    def _column_of_groups(self, expr: cst.BaseExpression) -> bool:
        """``<groups>['col']`` or ``<groups>.col``: a SeriesGroupBy."""
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
            index = expr.slice[0].slice
            return isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString) \
                and self._grouped(expr.value)
        if isinstance(expr, cst.Attribute):
            return not code_of(expr.attr).startswith("_") and self._grouped(expr.value)
        return False

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "apply" and len(updated.args) == 1):
            return updated
        if self.ctx.written_since("2023-04") or updated.args[0].keyword is not None:
            return updated
        if not _transform_like(updated.args[0].value):
            return updated
        if self._column_of_groups(func.value):
            self.changed = True
            return updated.with_changes(func=func.with_changes(attr=cst.Name("transform")))
        groupby = func.value
        if self._grouped(groupby) and isinstance(groupby, cst.Call) and isinstance(groupby.func.value, cst.Name) \
                and kwarg(groupby, "group_keys") is None:
            frame = groupby.func.value.value
            keyed = add_kwarg(groupby, "group_keys", "False")
            columns = cst.parse_expression(f"_[{frame}.columns]").with_changes(value=keyed)
            self.changed = True
            return updated.with_changes(func=func.with_changes(value=columns))
        return updated
