"""pandas methods whose replacement is another form of call, not another name (from the catalogue's
uncovered entries: clip_upper, get_dtype_counts, from_csv, TimeGrouper, iget/irow, interpolate('pad'),
resample(how=), set_axis/categorical inplace=), take_last= and pct_change(fill_method=).

A rename is a table entry; these change the call's shape: an argument becomes a keyword, a method an
indexer or an expression, a statement with inplace=True an assignment.
"""

from __future__ import annotations

import ast
import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, assign_to, code_of, kwarg, positional, remove_kwarg, rule, string_value
from .python3_rules import Importing

_PAD = {"pad": "ffill", "ffill": "ffill", "bfill": "bfill", "backfill": "bfill"}
# take_last=True was keep='last' (0.17 deprecated, 0.20 removed the keyword)
_TAKE_LAST = ("drop_duplicates", "duplicated", "nlargest", "nsmallest")
# Categorical methods that took inplace= until pandas 2.0 (through the .cat accessor).
_CAT_INPLACE = {"add_categories", "remove_categories", "set_categories", "rename_categories", "reorder_categories",
                "remove_unused_categories", "as_ordered", "as_unordered"}


def _method(call: cst.Call, *names: str) -> bool:
    return isinstance(call.func, cst.Attribute) and call.func.attr.value in names


def _index(value: cst.BaseExpression, indexer: str, args: list[cst.Arg]) -> cst.Subscript:
    keys = [cst.SubscriptElement(cst.Index(a.value)) for a in args]
    return cst.Subscript(cst.Attribute(value, cst.Name(indexer)), keys)


@rule(
    "pandas-removed-call-forms",
    library="pandas",
    changed_in="pandas 0.21-2.0",
    rationale="removed methods whose replacement is another form of call: clip_upper(v)/clip_lower(v) are "
    "clip(upper=v)/clip(lower=v), get_dtype_counts() is dtypes.value_counts(), DataFrame.from_csv(p) is "
    "read_csv(p, index_col=0, parse_dates=True), TimeGrouper(f) is Grouper(freq=f), iget(i)/irow(i) are "
    ".iat[i]/.iloc[i], interpolate(method='pad') is ffill(), resample(r, how='mean') is resample(r).mean() "
    "(fill_method='pad', limit=n then .ffill(limit=n), on the resampler or on the result after how), and "
    "set_axis(..., inplace=True) or .cat.<method>(..., inplace=True) become assignments of the result (inplace=False "
    "is dropped); "
    "drop_duplicates/duplicated/nlargest/nsmallest(take_last=True) are keep='last' (0.20); "
    "pct_change(fill_method='pad', limit=n) filled before dividing, and pandas 3 refuses any fill_method but None: "
    "ffill(limit=n).pct_change(), also for a limit alone ('pad' was the default); a groupby filled and divided "
    "within each group: transform(lambda x_: x_.ffill(limit=n).pct_change()).",
    pattern=r"clip_upper|clip_lower|get_dtype_counts|from_csv|TimeGrouper|\.iget\(|\.irow\(|take_last|fill_method|"
    r"pct_change\([^)]*limit\s*=|interpolate\([^)]*(pad|fill)|resample\([^)]*(how|limit)\s*=|"
    r"(set_axis|\.cat\.\w+)\([^)]*inplace\s*=\s*(True|False)",
    signatures=(("AttributeError", r"has no attribute '(clip_upper|clip_lower|get_dtype_counts|from_csv|TimeGrouper|"
                 r"iget|irow)'"),
                ("TypeError", r"got an unexpected keyword argument '(how|inplace|take_last|fill_method|limit)'"),
                ("ValueError", r"fill_method must be None"),
                ("ValueError", r"Invalid fill method|method='?(pad|ffill|bfill|backfill)")),
    examples=(
        ("df['Fare'] = df['Fare'].clip_upper(300)", "df['Fare'] = df['Fare'].clip(upper=300)"),
        ("s = x.clip_lower(0)", "s = x.clip(lower=0)"),
        ("print(df.get_dtype_counts())", "print(df.dtypes.value_counts())"),
        ("df = pd.DataFrame.from_csv('train.csv')", "df = pd.read_csv('train.csv', index_col=0, parse_dates=True)"),
        ("g = df.groupby(pd.TimeGrouper('M'))", "g = df.groupby(pd.Grouper(freq='M'))"),
        ("from pandas import TimeGrouper\ng = df.groupby(TimeGrouper('M'))",
         "from pandas import Grouper\nfrom pandas import TimeGrouper\ng = df.groupby(Grouper(freq='M'))"),
        ("v = s.iget(0)\nr = df.irow(3)", "v = s.iat[0]\nr = df.iloc[3]"),
        ("df = df.interpolate(method='pad', limit=2)", "df = df.ffill(limit=2)"),
        ("m = ts.resample('W', how='mean')", "m = ts.resample('W').mean()"),
        ("u = ts.resample('H', fill_method='pad', limit=2)\nw = ts.resample('W', how='sum', fill_method='bfill')\n"
         "n = ts.resample('D', fill_method='nearest')\nk = ts.resample('D', how='max', limit=3)",
         "u = ts.resample('H').ffill(limit=2)\nw = ts.resample('W').sum().bfill()\n"
         "n = ts.resample('D').nearest()\nk = ts.resample('D').max()"),
        ("df.set_axis(['a', 'b'], axis=1, inplace=True)", "df = df.set_axis(['a', 'b'], axis=1)"),
        ("t = df.set_axis(['a', 'b'], axis=1, inplace=False)\nc = s.cat.set_categories(['z'], inplace=False)",
         "t = df.set_axis(['a', 'b'], axis=1)\nc = s.cat.set_categories(['z'])"),
        ("df['c'].cat.add_categories(['z'], inplace=True)", "df['c'] = df['c'].cat.add_categories(['z'])"),
        ("df.interpolate(method='linear')", "df.interpolate(method='linear')"),
        ("d = df.drop_duplicates(['a'], take_last=True)\nm = s.duplicated(take_last=flag)",
         "d = df.drop_duplicates(['a'], keep='last')\nm = s.duplicated(keep='last' if flag else 'first')"),
        ("r = prices.pct_change(fill_method='pad', limit=2, periods=3)\nq = df.pct_change(5, fill_method='bfill')",
         "r = prices.ffill(limit=2).pct_change(periods=3)\nq = df.bfill().pct_change(5)"),
        ("r = df.groupby('id').pct_change(fill_method='ffill')\nc = pd.Series(v).pct_change(fill_method='pad')",
         "r = df.groupby('id').transform(lambda x_: x_.ffill().pct_change())\nc = pd.Series(v).ffill().pct_change()"),
        ("g = df.groupby('id')['price']\nr = g.pct_change(periods=2, limit=1)\nq = s.pct_change(limit=3)\n"
         "n = s.pct_change(fill_method=None, limit=3)\nw = ts.resample('D').pct_change(fill_method='pad')",
         "g = df.groupby('id')['price']\nr = g.transform(lambda x_: x_.ffill(limit=1).pct_change(periods=2))\n"
         "q = s.ffill(limit=3).pct_change()\nn = s.pct_change(fill_method=None)\n"
         "w = ts.resample('D').pct_change(fill_method='pad')"),
        ("df.fillna(0, inplace=True)", "df.fillna(0, inplace=True)"),
    ),
)
class RemovedCallForms(Importing):
    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, (cst.Attribute, cst.Name)):
            return updated
        args = positional(updated)
        if _method(updated, "clip_upper", "clip_lower") and len(args) == 1 and len(updated.args) == 1:
            side = "upper" if func.attr.value == "clip_upper" else "lower"
            return cst.parse_expression(f"{code_of(func.value)}.clip({side}={code_of(args[0].value)})")
        if _method(updated, "get_dtype_counts") and not updated.args:
            return cst.parse_expression(f"{code_of(func.value)}.dtypes.value_counts()")
        if m.matches(func, m.Attribute(value=m.Attribute(attr=m.Name("DataFrame")), attr=m.Name("from_csv"))):
            pd = code_of(func.value.value)
            given = {a.keyword.value for a in updated.args if a.keyword}
            extra = [f"{k}={v}" for k, v in (("index_col", "0"), ("parse_dates", "True")) if k not in given]
            inner = ", ".join([code_of(a).rstrip(", ") for a in updated.args] + extra)
            return cst.parse_expression(f"{pd}.read_csv({inner})")
        if (m.matches(func, m.Attribute(attr=m.Name("TimeGrouper"))) or m.matches(func, m.Name("TimeGrouper"))) \
                and len(args) == 1:
            # Imported by name (``from pandas import TimeGrouper``): Grouper is imported the same way.
            head = f"{code_of(func.value)}." if isinstance(func, cst.Attribute) else ""
            if not head:
                self.need_name("pandas", "Grouper")
            rest = [code_of(a).rstrip(", ") for a in updated.args if a.keyword]
            return cst.parse_expression(f"{head}Grouper({', '.join([f'freq={code_of(args[0].value)}', *rest])})")
        flag = kwarg(updated, "inplace")
        if flag is not None and m.matches(flag.value, m.Name("False")) and (_method(updated, "set_axis") or (
                _method(updated, *_CAT_INPLACE) and m.matches(func.value, m.Attribute(attr=m.Name("cat"))))):
            return remove_kwarg(updated, "inplace")  # inplace=False: the result, as it always was
        if _method(updated, "iget", "irow") and len(args) == 1 and len(updated.args) == 1:
            return _index(func.value, "iat" if func.attr.value == "iget" else "iloc", args)
        if _method(updated, "interpolate"):
            method = kwarg(updated, "method")
            fill = _PAD.get(string_value(method.value) or "") if method else None
            if fill and not args:
                kept = remove_kwarg(updated, "method")
                return kept.with_changes(func=func.with_changes(attr=cst.Name(fill)))
        if _method(updated, *_TAKE_LAST) and kwarg(updated, "take_last") is not None:
            flag = kwarg(updated, "take_last").value
            keep = {"True": "'last'", "False": "'first'"}.get(flag.value) if isinstance(flag, cst.Name) else None
            keep = keep or f"'last' if {code_of(flag)} else 'first'"
            return updated.with_changes(args=[a.with_changes(keyword=cst.Name("keep"), value=cst.parse_expression(
                keep)) if a.keyword and a.keyword.value == "take_last" else a for a in updated.args])
        if _method(updated, "pct_change") and (kwarg(updated, "fill_method") or kwarg(updated, "limit")):
            return self._pct_change(updated)
        if _method(updated, "resample") and any(kwarg(updated, k) for k in ("how", "fill_method", "limit")):
            return self._resampled(updated)
        return updated

    @staticmethod
    def _resampled(call: cst.Call) -> cst.Call:
        """resample(r, how=h, fill_method=f, limit=n): resample(r).h() then .f(limit=n) on the result; without
        how, the resampler's own f(limit=n) (nearest too); a limit without fill_method counted for nothing."""
        how, fill, limit = (kwarg(call, k) for k in ("how", "fill_method", "limit"))
        how_name = string_value(how.value) if how else None
        if how is not None and not (how_name and how_name.isidentifier()):
            return call
        result: cst.BaseExpression = remove_kwarg(remove_kwarg(remove_kwarg(call, "how"), "fill_method"), "limit")
        if how is not None:
            result = cst.Call(cst.Attribute(result, cst.Name(how_name)))
        if fill is not None:
            name = string_value(fill.value) or ""
            method = _PAD.get(name) or ("nearest" if name == "nearest" and how is None else None)
            if method is None:
                return call
            kept = [limit.with_changes(comma=cst.MaybeSentinel.DEFAULT)] if limit else []
            result = cst.Call(cst.Attribute(result, cst.Name(method)), args=kept)
        return result

    def _pct_change(self, call: cst.Call) -> cst.BaseExpression:
        """pct_change(fill_method=f, limit=n) filled first ('pad', the default, when only limit is given), then
        divided: the fill, then a pct_change that does not; a groupby filled and divided within each group
        (transform); fill_method=None ignored limit."""
        func, given, limit = call.func, kwarg(call, "fill_method"), kwarg(call, "limit")
        if given is not None and m.matches(given.value, m.Name("None")):
            return remove_kwarg(call, "limit")
        fill = _PAD.get(string_value(given.value) or "") if given is not None else "ffill"
        grouped = self._grouped(func.value)
        if not fill or grouped and not _a_groupby(func.value, self.ctx.text):
            return call
        rest = remove_kwarg(remove_kwarg(call, "fill_method"), "limit")
        kept = [limit.with_changes(comma=cst.MaybeSentinel.DEFAULT)] if limit else []
        if grouped:
            each_filled = cst.Call(cst.Attribute(cst.Name("x_"), cst.Name(fill)), args=kept)
            each = rest.with_changes(func=func.with_changes(value=each_filled))
            return cst.parse_expression(f"{code_of(func.value)}.transform(lambda x_: {code_of(each)})")
        filled = cst.Call(cst.Attribute(func.value, cst.Name(fill)), args=kept)
        return rest.with_changes(func=func.with_changes(value=filled))

    def _grouped(self, x: cst.BaseExpression) -> bool:
        """A groupby (``df.groupby('a')``, or a name bound to one): its pct_change filled within each group."""
        if m.findall(x, m.Call(func=m.Attribute(attr=m.Name("groupby") | m.Name("resample") | m.Name("rolling")))):
            return True
        if not isinstance(x, cst.Name):
            return False
        return re.search(rf"\b{x.value}\s*=[^=\n]*\.(groupby|resample)\(", self.ctx.text) is not None

    def leave_Expr(self, original, updated):
        """``X.set_axis(..., inplace=True)`` / ``X.cat.<m>(..., inplace=True)`` as a statement: X = the result."""
        call = updated.value
        if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
            return updated
        flag = kwarg(call, "inplace")
        if flag is None or not m.matches(flag.value, m.Name("True")):
            return updated
        name, owner = call.func.attr.value, call.func.value
        if name == "set_axis":
            target = owner
        elif name in _CAT_INPLACE and m.matches(owner, m.Attribute(attr=m.Name("cat"))):
            target = owner.value
        else:
            return updated
        return assign_to(target, remove_kwarg(call, "inplace")) or updated


def _a_groupby(x: cst.BaseExpression, text: str) -> bool:
    """``df.groupby('a')['v']`` or a name bound to a groupby (not a resampler or a window)."""
    if isinstance(x, cst.Name):
        return re.search(rf"\b{x.value}\s*=[^=\n]*\.groupby\(", text) is not None
    return bool(m.findall(x, m.Call(func=m.Attribute(attr=m.Name("groupby")))))


def _a_column(x: cst.BaseExpression, frames: set[str]) -> bool:
    """``df['Age']``, ``df.Age.fillna(0)``: a known frame's column, through methods that keep it a Series
    (not ``.values`` / ``.to_numpy()``, which the old indexing never needed)."""
    while True:
        if isinstance(x, cst.Call) and isinstance(x.func, cst.Attribute):
            if x.func.attr.value in ("to_numpy", "reshape", "ravel", "flatten"):
                return False
            x = x.func.value
        elif isinstance(x, cst.Attribute):
            if isinstance(x.value, cst.Name) and x.value.value in frames:
                return not x.attr.value.startswith("_") and x.attr.value not in ("values", "iloc", "loc")
            if x.attr.value in ("values", "T", "shape"):
                return False
            x = x.value
        elif isinstance(x, cst.Subscript):
            if isinstance(x.value, cst.Name) and x.value.value in frames:
                key = x.slice[0].slice if len(x.slice) == 1 else None
                return isinstance(key, cst.Index) and string_value(key.value) is not None
            x = x.value
        else:
            return False


def _adds_axis(element: cst.SubscriptElement) -> bool:
    return isinstance(element.slice, cst.Index) and (
        m.matches(element.slice.value, m.Name("None")) or m.matches(element.slice.value, m.Attribute(attr=m.Name("newaxis"))))


@rule(
    "pandas-series-multidim-index",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.0)",
    rationale="indexing a Series with an added axis (s[:, None], s[:, np.newaxis]) was numpy's behaviour passed through; "
    "pandas now refuses it. The same indexing of the Series' values as a numpy array gives the old column vector.",
    kind="error",
    signatures=(("ValueError", r"Multi-dimensional indexing .* is no longer supported"),),
    examples=(
        ("import numpy as np\nx = StandardScaler().fit_transform(df['SalePrice'][:, np.newaxis])",
         "import numpy as np\nx = StandardScaler().fit_transform(np.asarray(df['SalePrice'])[:, np.newaxis])"),
        ("import numpy as np\ny = s[:, None]", "import numpy as np\ny = np.asarray(s)[:, None]"),
        ("import numpy as np\ny = a[:, 0]", "import numpy as np\ny = a[:, 0]"),
    ),
)
class SeriesMultidimIndex(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Subscript(self, original, updated):
        if len(updated.slice) < 2 or not any(_adds_axis(e) for e in updated.slice):
            return updated
        if self.off_error_line(original) and not _a_column(updated.value, self.ctx.frames):
            return updated  # elsewhere only what is a Series for certain: the next line's df['Fare'][:, None]
        if m.matches(updated.value, m.Call(func=m.Attribute(attr=m.Name("asarray")))):
            return updated
        numpy = self.ctx.name_to_write("numpy") or "numpy"
        return updated.with_changes(value=cst.parse_expression(f"{numpy}.asarray({code_of(updated.value)})"))


_OTHER_AXES = ("0", "'index'", '"index"', "'rows'", '"rows"', "'columns'", '"columns"')


@rule(
    "pandas-drop-axis-with-labels-keyword",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="drop(columns=[...], axis=1) and drop(index=..., axis=1): from 0.21 to 2.x the index=/columns= "
    "keywords said which axis, and axis= was ignored beside them; 3.0 raises for axis=1 there. Without axis= the "
    "call drops what it dropped before.",
    pattern=r"\.drop\((?s:.)*?\b(columns|index)\s*=",
    signatures=(("ValueError", r"Cannot specify both 'axis' and 'index'/'columns'"),),
    examples=(
        ("df_train = merge.iloc[:1460, :].drop(columns=['Id'], axis=1)",
         "df_train = merge.iloc[:1460, :].drop(columns=['Id'])"),
        ("df.drop(axis=1, index=[0, 1], inplace=True)", "df.drop(index=[0, 1], inplace=True)"),
        ("df.drop(columns=['a'], axis='columns')", "df.drop(columns=['a'], axis='columns')"),
        ("df.drop(['a'], axis=1)", "df.drop(['a'], axis=1)"),
    ),
)
class DropAxisWithLabelsKeyword(RuleTransformer):
    def leave_Call(self, original, updated):
        if not _method(updated, "drop") or positional(updated):  # drop(labels, axis=1) is today's form too
            return updated
        axis = kwarg(updated, "axis")
        if axis is None or (kwarg(updated, "columns") is None and kwarg(updated, "index") is None):
            return updated
        if code_of(axis.value) in _OTHER_AXES:  # only axis=1 raises; the others are still ignored
            return updated
        return remove_kwarg(updated, "axis")


@rule(
    "pandas-concat-sort-not-bool",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.4)",
    rationale="concat read sort= by its truth value until 1.4 deprecated anything but a bool, and 2.0 raises: "
    "sort='True' sorted, and so did sort='False' (a non-empty string is true). A string or number literal becomes "
    "the bool it stood for; sort=None (sorted with a warning in 0.23-0.25, not sorted in 1.x) is left as it is.",
    pattern=r"\bconcat\((?s:.)*?\bsort\s*=",
    signatures=(("ValueError", r"The 'sort' keyword only accepts boolean values"),),
    examples=(
        ('dataset = pd.concat([train, test], axis=0, sort="True")',
         "dataset = pd.concat([train, test], axis=0, sort=True)"),
        ("df = pd.concat(frames, sort='False')", "df = pd.concat(frames, sort=True)"),
        ("df = pd.concat(frames, sort=0)", "df = pd.concat(frames, sort=False)"),
        ("df = pd.concat(frames, sort=None)", "df = pd.concat(frames, sort=None)"),
        ("df = pd.concat(frames, sort=False)", "df = pd.concat(frames, sort=False)"),
    ),
)
class ConcatSortNotBool(RuleTransformer):
    def leave_Call(self, original, updated):
        sort = kwarg(updated, "sort") if code_of(updated.func).split(".")[-1] == "concat" else None
        if sort is None or not isinstance(sort.value, (cst.SimpleString, cst.ConcatenatedString, cst.Integer)):
            return updated
        try:
            truth = bool(ast.literal_eval(code_of(sort.value)))
        except (ValueError, SyntaxError):
            return updated
        value = cst.Name("True" if truth else "False")
        return updated.with_changes(args=[a.with_changes(value=value) if a is sort else a for a in updated.args])
