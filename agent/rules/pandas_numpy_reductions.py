"""numpy's reductions of a whole DataFrame: one value per column before pandas 2.0 / 3.0, one scalar now.

``np.sum(df)`` is not numpy's own sum for a frame: numpy calls the object's method of the same name with
``axis=None`` (``_wrapreduction``; ``np.std``/``np.var`` also pass numpy's ``ddof=0``). pandas used to read
``axis=None`` as axis 0, so the result was a Series of per-column values. pandas 2.0 made ``axis=None`` reduce
over both axes for mean, min and max, and 3.0 did the same for sum, prod, std and var (deprecated in 2.x);
``nulls = np.sum(df.isnull()); dtypes.loc[nulls != 0]`` then fails on a scalar (``KeyError: np.True_``).
Checked on pandas 2.2.3: np.sum / np.prod / np.std / np.var of a frame give a Series (std, var with ddof=0),
np.mean / np.min / np.max a scalar. The frame's own method with ``axis=0`` (and ``ddof=0``) is the old value.

Left alone: np.median and the nan-functions (numpy flattens the frame itself: a scalar, old and new), any/all
(pandas' axis=None has always meant both axes there), and calls with numpy's other arguments (dtype, out,
keepdims) or an explicit axis; and a notebook written since the release that made the call a scalar.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import RuleTransformer, dotted, frame_expression, rule

# numpy function -> the DataFrame method numpy called with axis=None
_METHODS = {"sum": "sum", "prod": "prod", "product": "prod", "mean": "mean", "min": "min", "amin": "min",
            "max": "max", "amax": "max", "std": "std", "var": "var"}
_DDOF = {"std", "var"}  # numpy passed its own ddof=0 to these
# the pandas release that made each reduce over both axes: a notebook written since then meant the scalar
_SINCE = {"mean": "2023-04", "min": "2023-04", "max": "2023-04"}  # 2.0; the others 3.0
_SINCE_3 = "2026-01"
# methods of a frame whose result is a frame of the same columns (a Series for a Series: the same value then)
_ELEMENTWISE = {"isnull", "isna", "notnull", "notna", "abs"}


_CALL = "|".join(_METHODS)


def _numpy_call(ctx, code: str) -> bool:
    """Whether the cell calls one of these through a name the notebook has for numpy (``np.sum(``)."""
    names = "|".join(sorted(map(re.escape, ctx.module_names("numpy") | {"np", "numpy"})))
    return re.search(rf"\b(?:{names})\s*\.\s*(?:{_CALL})\s*\(", code) is not None


def _frame(node: cst.BaseExpression, ctx) -> bool:
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _ELEMENTWISE \
            and not node.args and (frame_expression(node.func.value, ctx) or isinstance(node.func.value, cst.Name)
                                   and node.func.value.value in ctx.frames):
        return True
    return frame_expression(node, ctx)


@rule(
    "pandas-numpy-frame-reduction",
    library="pandas",
    changed_in="pandas 2.0 (mean, min, max), 3.0 (sum, prod, std, var)",
    rationale="numpy's sum/mean/min/max/prod/std/var of a DataFrame call its method with axis=None, which used to "
    "mean per column and now reduces over both axes to one scalar; the method with axis=0 (and numpy's ddof=0 for "
    "std and var) gives the per-column Series the code was written for.",
    needles=("sum(", "mean(", "min(", "max(", "prod", "std(", "var("),
    gate=_numpy_call,
    examples=(
        ("df = pd.read_csv(f)\nnulls = np.sum(df.isnull())", "df = pd.read_csv(f)\nnulls = df.isnull().sum(axis=0)"),
        ("df = pd.read_csv(f)\nm = np.mean(df[['a', 'b']])", "df = pd.read_csv(f)\nm = df[['a', 'b']].mean(axis=0)"),
        ("df = pd.read_csv(f)\ns = np.std(df)\nv = np.var(df, ddof=1)",
         "df = pd.read_csv(f)\ns = df.std(axis=0, ddof=0)\nv = df.var(axis=0, ddof=1)"),
        ("df = pd.read_csv(f)\nhi = numpy.amax(df.notna())", "df = pd.read_csv(f)\nhi = df.notna().max(axis=0)"),
        # an array, an explicit axis, numpy's other arguments, a flattening function: left alone
        ("df = pd.read_csv(f)\na = np.sum(x)\nb = np.sum(df, axis=1)\nc = np.sum(df, dtype=float)\nd = np.median(df)",
         "df = pd.read_csv(f)\na = np.sum(x)\nb = np.sum(df, axis=1)\nc = np.sum(df, dtype=float)\nd = np.median(df)"),
    ),
)
class NumpyFrameReduction(RuleTransformer):
    def leave_Call(self, original, updated):
        func = dotted(updated.func) or ""
        module, _, name = func.rpartition(".")
        if name not in _METHODS or module not in self.ctx.module_names("numpy") | {"np", "numpy"}:
            return updated
        if self.ctx.written_since(_SINCE.get(_METHODS[name], _SINCE_3)):
            return updated
        if not updated.args or updated.args[0].keyword or updated.args[0].star:
            return updated
        rest = updated.args[1:]
        allowed = {"ddof"} if name in _DDOF else set()
        if any(a.keyword is None or a.star or a.keyword.value not in allowed for a in rest):
            return updated
        if not _frame(updated.args[0].value, self.ctx):
            return updated
        args = [cst.Arg(cst.Integer("0"), keyword=cst.Name("axis"))]
        if name in _DDOF:
            ddof = rest[0].value if rest else cst.Integer("0")
            args.append(cst.Arg(ddof, keyword=cst.Name("ddof")))
        args = [a.with_changes(equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                               comma=cst.MaybeSentinel.DEFAULT) for a in args]
        receiver = updated.args[0].value
        return cst.Call(cst.Attribute(receiver, cst.Name(_METHODS[name])), args)
