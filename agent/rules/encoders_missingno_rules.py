"""category_encoders 2.0 and missingno 0.5: removed parameters given their successors.

- category_encoders 2.0 (2019) replaced ``impute_missing=`` and ``handle_unknown='impute'|'ignore'`` by
  ``handle_unknown`` / ``handle_missing`` = 'value' | 'return_nan' | 'error' (| 'indicator'), and
  LeaveOneOutEncoder's ``randomized=`` by ``sigma=None`` meaning no noise.
- missingno 0.4 (2018) turned ``inline=`` off by default, 0.5.1 (2022) removed it; 0.4 dropped ``sort=`` from
  ``dendrogram``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    add_kwarg,
    bool_value,
    callee_name,
    dotted,
    kwarg,
    remove_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .python3_rules import Importing

# --------------------------------------------------------------------------- category_encoders 2.0

# Encoders whose 1.x handle_unknown='impute' gave what 2.x's 'value' gives (the target mean; WOE's 0).
_MEAN_ENCODERS = {"TargetEncoder", "LeaveOneOutEncoder", "WOEEncoder"}
# Encoders whose 1.x 'ignore' (or impute_missing=False) left an unknown category NaN: 2.x's 'return_nan'.
_NAN_ENCODERS = {"OrdinalEncoder", *_MEAN_ENCODERS}
_ENCODERS = {"OrdinalEncoder", "OneHotEncoder", "BinaryEncoder", "BaseNEncoder", "HashingEncoder", "HelmertEncoder",
             "SumEncoder", "BackwardDifferenceEncoder", "PolynomialEncoder", *_MEAN_ENCODERS}


def _unknown(call: cst.Call, name: str) -> str | None:
    """What 2.x's handle_unknown must say for the 1.x keywords of ``call``: "" when it is left to its default,
    None when they map to nothing exact."""
    impute = kwarg(call, "impute_missing")
    imputing = True if impute is None else bool_value(impute.value)
    given = kwarg(call, "handle_unknown")
    old = None if given is None else string_value(given.value)
    if imputing is None or (given is not None and old is None):
        return None
    if not imputing or old == "ignore":  # unknowns left NaN (1.x read handle_unknown only when imputing)
        if name in _NAN_ENCODERS:
            return "return_nan"
        return "value" if name == "OneHotEncoder" and old == "ignore" else None  # a row of zeros
    if given is None:
        return ""  # impute_missing=True alone was the default
    if old == "impute":
        return "value" if name in _MEAN_ENCODERS else None
    return old  # 'error'


@rule(
    "category-encoders-v2-params",
    library="category_encoders",
    changed_in="category_encoders 2.0",
    rationale="impute_missing= was removed and handle_unknown's 'impute'/'ignore' became 'value'/'return_nan': "
    "impute_missing=True (the default; with no handle_unknown the call keeps 2.x's defaults) is dropped; 'ignore' or impute_missing=False (unknowns left NaN) is "
    "'return_nan' for Ordinal/Target/LeaveOneOut/WOE and 'value' (all zeros) for OneHot's 'ignore'; 'impute' (the "
    "training mean) is 'value' for Target/LeaveOneOut/WOE. LeaveOneOutEncoder(randomized=True) is its sigma= "
    "(0.05 by default then), randomized=False no sigma.",
    pattern=r"\b(impute_missing|randomized)\s*=|handle_unknown\s*=\s*['\"](impute|ignore)",
    signatures=(("TypeError", r"unexpected keyword argument '(impute_missing|randomized)'"),
                ("ValueError", r"Unexpected handle_unknown value '(impute|ignore)'")),
    examples=(
        ("import category_encoders as ce\nenc = ce.TargetEncoder(cols=['a'], impute_missing=True, handle_unknown='impute')",
         "import category_encoders as ce\nenc = ce.TargetEncoder(cols=['a'], handle_unknown='value')"),
        (("import category_encoders as ce\no = ce.OrdinalEncoder(cols=cats, handle_unknown='ignore')\n"
         "h = ce.OneHotEncoder(handle_unknown='ignore', use_cat_names=True)"),
         ("import category_encoders as ce\no = ce.OrdinalEncoder(cols=cats, handle_unknown='return_nan')\n"
         "h = ce.OneHotEncoder(handle_unknown='value', use_cat_names=True)")),
        ("from category_encoders import OrdinalEncoder\no = OrdinalEncoder(impute_missing=False)",
         "from category_encoders import OrdinalEncoder\no = OrdinalEncoder(handle_unknown='return_nan')"),
        (("import category_encoders as ce\nl = ce.LeaveOneOutEncoder(cols=c, randomized=True, sigma=0.1)\n"
         "k = ce.LeaveOneOutEncoder(randomized=True)\nj = ce.LeaveOneOutEncoder(randomized=False, sigma=0.3)"),
         ("import category_encoders as ce\nl = ce.LeaveOneOutEncoder(cols=c, sigma=0.1)\n"
         "k = ce.LeaveOneOutEncoder(sigma=0.05)\nj = ce.LeaveOneOutEncoder()")),
        ("import category_encoders as ce\nb = ce.BinaryEncoder(cols=['a'], impute_missing=True)",
         "import category_encoders as ce\nb = ce.BinaryEncoder(cols=['a'])"),
        ("import category_encoders as ce\no = ce.OrdinalEncoder(handle_unknown='impute')",
         "import category_encoders as ce\no = ce.OrdinalEncoder(handle_unknown='impute')"),
        ("import category_encoders as ce\nw = ce.WOEEncoder(randomized=True, sigma=0.05)",
         "import category_encoders as ce\nw = ce.WOEEncoder(randomized=True, sigma=0.05)"),
    ),
)
class CategoryEncodersParams(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _ENCODERS or "category_encoders" not in self.ctx.text or any(a.star for a in updated.args):
            return updated
        if name == "LeaveOneOutEncoder":
            updated = self._randomized(updated)
        if kwarg(updated, "impute_missing") is None and kwarg(updated, "handle_unknown") is None:
            return updated
        unknown = _unknown(updated, name)
        if unknown is None:
            return updated
        updated = remove_kwarg(updated, "impute_missing")
        if not unknown:
            return updated
        if kwarg(updated, "handle_unknown") is None:
            return add_kwarg(updated, "handle_unknown", repr(unknown))
        return set_kwarg_value(updated, "handle_unknown", repr(unknown))

    @staticmethod
    def _randomized(call: cst.Call) -> cst.Call:
        flag = kwarg(call, "randomized")
        on = bool_value(flag.value) if flag is not None else None
        if on is None:
            return call
        call = remove_kwarg(call, "randomized")
        if not on:
            return remove_kwarg(call, "sigma")  # 1.x ignored sigma without randomized; 2.x's None is no noise
        return call if kwarg(call, "sigma") is not None else add_kwarg(call, "sigma", "0.05")


# --------------------------------------------------------------------------- missingno 0.4 / 0.5

_MSNO_PLOTS = ("matrix", "bar", "heatmap", "dendrogram")


@rule(
    "missingno-inline",
    library="missingno",
    changed_in="missingno 0.5.1 (inline= deprecated in 0.4.2; sort= left dendrogram in 0.4)",
    rationale="matrix/bar/heatmap/dendrogram lost inline=: inline=False (return the axes) is what they do now, "
    "inline=True showed the figure and returned nothing, so the call is followed by plt.show(). dendrogram's "
    "sort= only reordered rows, which the column clustering does not read: it is dropped.",
    pattern=r"\b(matrix|bar|heatmap|dendrogram)\((?:[^()]|\([^()]*\))*\b(inline|sort)\s*=",
    signatures=(("TypeError", r"(matrix|bar|heatmap|dendrogram)\(\) got an unexpected keyword argument '(inline|sort)'"),),
    examples=(
        ("import missingno as msno\nimport matplotlib.pyplot as plt\nmsno.matrix(df, inline=True)\nplt.title('x')",
         "import missingno as msno\nimport matplotlib.pyplot as plt\nmsno.matrix(df)\nplt.show()\nplt.title('x')"),
        ("import missingno as msno\nax = msno.bar(df, inline=False, color='b')",
         "import missingno as msno\nax = msno.bar(df, color='b')"),
        ("import missingno as msno\nfor d in frames:\n    msno.heatmap(d, inline=True)",
         ("import matplotlib.pyplot\nimport missingno as msno\nfor d in frames:\n    msno.heatmap(d)\n"
         "    matplotlib.pyplot.show()")),
        ("import missingno as msno\nmsno.dendrogram(df, sort='descending')", "import missingno as msno\nmsno.dendrogram(df)"),
        ("import missingno as msno\nmsno.matrix(df.sort_values('a'), sort='ascending')",
         "import missingno as msno\nmsno.matrix(df.sort_values('a'), sort='ascending')"),
        ("import missingno as msno\nmsno.bar(df, inline=show)", "import missingno as msno\nmsno.bar(df, inline=show)"),
    ),
)
class MissingnoInline(Importing):
    def _plot(self, call: cst.Call) -> str | None:
        """"matrix" for ``msno.matrix(...)`` (missingno imported under any name); None for other calls."""
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in _MSNO_PLOTS:
            return None
        return call.func.attr.value if dotted(call.func.value) in self.ctx.module_names("missingno") else None

    def leave_Call(self, original, updated):
        plot = self._plot(updated)
        if plot is None:
            return updated
        if plot == "dendrogram":
            updated = remove_kwarg(updated, "sort")
        inline = kwarg(updated, "inline")
        if inline is not None and bool_value(inline.value) is not None:
            updated = remove_kwarg(updated, "inline")
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        # inline=True drew the figure and returned None: plt.show() right after the call does the same
        if len(original.body) != 1 or not m.matches(original.body[0], m.Expr(m.Call())):
            return updated
        call = original.body[0].value
        inline = kwarg(call, "inline") if self._plot(call) else None
        if inline is None or bool_value(inline.value) is not True:
            return updated
        plt = self._pyplot()
        show = cst.SimpleStatementLine([cst.Expr(cst.parse_expression(f"{plt}.show()"))])
        return cst.FlattenSentinel([updated, show])

    def _pyplot(self) -> str:
        return self.ctx.name_to_write("matplotlib.pyplot") or self.need("matplotlib.pyplot")
