"""More pandas removals with a faithful modern form, from the catalogue's uncovered entries: to_datetime(box=False),
is_copy and consolidate, groupby(axis=1) and groupby(squeeze=True), errors='ignore' of the converters,
first/last(offset), replace(method=), pd.rolling_window, pd.match, Series.real and read_csv's combined date columns.

Where the old behaviour is more than an expression (errors='ignore' gave the input back on any failure,
first('3D') stopped before a fixed span's end but kept an anchored one's), the old method is written out as a
shim from old_pandas.py and put into the cell before its first use, as removed_api.py does for numpy and scipy.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_pandas, old_pandas_io
from .framework import (
    RuleTransformer,
    arg_list,
    callee_name,
    code_of,
    dotted,
    kwarg,
    pass_if_empty,
    positional,
    remove_kwarg,
    rule,
    string_value,
)
from .pandas_rules import pd_name
from .python3_rules import Importing
from .removed_api import Shims, shim_source


def _pandas_function(call: cst.Call, ctx, *names: str) -> str | None:
    """The name called when ``call`` is ``pd.<name>(...)`` or a ``<name>(...)`` imported from pandas."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in names:
        return func.attr.value if dotted(func.value) in ctx.names_for("pandas", ("pd", "pandas")) else None
    if isinstance(func, cst.Name) and func.value in names:
        return func.value if ctx.imported.get(func.value) == f"pandas.{func.value}" else None
    return None


def _uses_pandas(ctx, code: str) -> bool:
    return "pandas" in ctx.aliases or any(v.startswith("pandas.") for v in ctx.imported.values())


def _shim(name: str) -> str:
    """The source a rule copies for the pandas shim ``name`` (the examples show it)."""
    return shim_source(getattr(old_pandas, name, None) or getattr(old_pandas_io, name), name)


# --------------------------------------------------------------------------- to_datetime(box=False)


def _array_like(node: cst.BaseExpression) -> bool:
    """An input to_datetime(box=False) answered with an ndarray: a list or tuple, an array, an Index."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return True
    if isinstance(node, cst.Attribute):
        return node.attr.value in ("values", "index")
    if isinstance(node, cst.Call):
        return callee_name(node) in ("to_numpy", "array", "asarray", "DatetimeIndex", "Index")
    return False


def _frame_column(node: cst.BaseExpression, ctx) -> bool:
    """``df['date']`` / ``df.date`` of a name the notebook holds a DataFrame in: a Series."""
    if isinstance(node, cst.Subscript):
        return isinstance(node.value, cst.Name) and node.value.value in ctx.frames and len(node.slice) == 1 \
            and isinstance(node.slice[0].slice, cst.Index) and string_value(node.slice[0].slice.value) is not None
    if isinstance(node, cst.Attribute):
        return isinstance(node.value, cst.Name) and node.value.value in ctx.frames \
            and node.attr.value not in ("values", "index", "columns", "T")
    return False


@rule(
    "pandas-to-datetime-box",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.25)",
    rationale="to_datetime(box=False) returned a numpy datetime64 array for a list, an array or an Index (now "
    "DatetimeIndex.to_numpy()), a numpy datetime64 for a single value (Timestamp.to_datetime64()) and a Series as "
    "ever for a Series; box=True was the default. The keyword goes and the call gains what unboxed the result. "
    "to_timedelta(box=False) alike (to_timedelta64() for a single value).",
    pattern=r"\bbox\s*=",
    signatures=(("TypeError", r"unexpected keyword argument 'box'"),),
    examples=(
        (("import pandas as pd\nd = pd.to_datetime(['2020-01-01', '2020-01-02'], box=False)\n"
         "t = pd.to_datetime('2020-01-01', box=False)\nv = pd.to_datetime(df['date'].values, box=False)"),
         ("import pandas as pd\nd = pd.to_datetime(['2020-01-01', '2020-01-02']).to_numpy()\n"
         "t = pd.to_datetime('2020-01-01').to_datetime64()\nv = pd.to_datetime(df['date'].values).to_numpy()")),
        ("import pandas as pd\ndf = pd.read_csv('a.csv')\ndf['d'] = pd.to_datetime(df['d'], box=False)",
         "import pandas as pd\ndf = pd.read_csv('a.csv')\ndf['d'] = pd.to_datetime(df['d'])"),
        ("import pandas as pd\nd = pd.to_datetime(x, box=False)", "import pandas as pd\nd = pd.to_datetime(x, box=False)"),
        ("import pandas as pd\nd = pd.to_timedelta(['1 day'], box=False)\nt = pd.to_timedelta('2h', box=False)\n"
         "u = pd.to_timedelta(x, box=True)",
         "import pandas as pd\nd = pd.to_timedelta(['1 day']).to_numpy()\nt = pd.to_timedelta('2h').to_timedelta64()\n"
         "u = pd.to_timedelta(x)"),
    ),
)
class ToDatetimeBox(RuleTransformer):
    def leave_Call(self, original, updated):
        box = kwarg(updated, "box")
        called = _pandas_function(updated, self.ctx, "to_datetime", "to_timedelta") if box is not None else None
        if called is None:
            return updated
        pos = positional(updated)
        if m.matches(box.value, m.Name("True")):
            return remove_kwarg(updated, "box")
        if not m.matches(box.value, m.Name("False")) or len(pos) != 1 or kwarg(updated, "utc") is not None:
            return updated
        call = remove_kwarg(updated, "box")
        arg = pos[0].value
        if _frame_column(arg, self.ctx):
            return call  # a Series was boxed whatever box said
        if _array_like(arg):
            return cst.Call(cst.Attribute(call, cst.Name("to_numpy")))
        if isinstance(arg, (cst.SimpleString, cst.Integer, cst.Float)):
            scalar = "to_datetime64" if called == "to_datetime" else "to_timedelta64"
            return cst.Call(cst.Attribute(call, cst.Name(scalar)))
        return updated


# --------------------------------------------------------------------------- is_copy, consolidate


@rule(
    "pandas-removed-no-ops",
    library="pandas",
    changed_in="pandas 1.0 (is_copy), 2.0 (consolidate)",
    rationale="df.is_copy = None (or False) switched off the SettingWithCopyWarning of one frame; is_copy is gone "
    "and with copy-on-write there is no such warning, so the statement goes. consolidate() returned a copy "
    "with its blocks merged, which pandas now does by itself: it is copy(); consolidate(inplace=True) goes. A "
    "read of is_copy, on the line whose error names it, is None: no frame refers to a parent it may write to.",
    pattern=r"\.is_copy\s*=|\.consolidate\(",
    gate=_uses_pandas,
    signatures=(("AttributeError", r"object has no attribute '(is_copy|consolidate)'"),),
    examples=(
        ("import pandas as pd\ntrain = df[df.a > 0]\ntrain.is_copy = None\ntrain['b'] = 1",
         "import pandas as pd\ntrain = df[df.a > 0]\ntrain['b'] = 1"),
        ("import pandas as pd\nfor d in frames:\n    d.is_copy = False", "import pandas as pd\nfor d in frames:\n    pass"),
        ("import pandas as pd\nx = df.consolidate()\ndf.consolidate(inplace=True)\nn = 1",
         "import pandas as pd\nx = df.copy()\nn = 1"),
        ("import pandas as pd\nflag = df.is_copy", "import pandas as pd\nflag = df.is_copy"),
    ),
)
class RemovedNoOps(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Attribute(self, original, updated):
        # print(sub.is_copy): the line raised for is_copy itself (an assignment to it never raises)
        if updated.attr.value == "is_copy" and self.on_error_line(original) and "'is_copy'" in self.ctx.error.evalue:
            return cst.Name("None")
        return updated

    def _dropped(self, stmt: cst.BaseSmallStatement) -> bool:
        if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0].target
            return m.matches(target, m.Attribute(attr=m.Name("is_copy"))) \
                and m.matches(stmt.value, m.Name("None") | m.Name("False"))
        if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
            call = stmt.value
            return m.matches(call.func, m.Attribute(attr=m.Name("consolidate"))) and len(call.args) == 1 \
                and m.matches(call.args[0], m.Arg(keyword=m.Name("inplace"), value=m.Name("True")))
        return False

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) == 1 and self._dropped(updated.body[0]):
            return cst.RemoveFromParent()
        return updated

    def leave_Call(self, original, updated):
        if m.matches(updated.func, m.Attribute(attr=m.Name("consolidate"))) and not updated.args:
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("copy")))
        return updated

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


# --------------------------------------------------------------------------- groupby(axis=1), groupby(squeeze=True)

# Reductions pandas computed on the transposed frame for groupby(axis=1) (and transposed back), and which a
# squeezed groupby gave as without squeeze (squeeze only touched apply's result).
_TRANSPOSED = {"sum", "mean", "median", "min", "max", "prod", "std", "var", "sem", "count", "first", "last"}
_SQUEEZE_SAFE = _TRANSPOSED | {"size", "nunique", "describe", "quantile", "cumsum", "cumcount", "ngroup", "agg",
                               "aggregate"}


def _groupby(node: cst.BaseExpression) -> cst.Call | None:
    return node if isinstance(node, cst.Call) and m.matches(node.func, m.Attribute(attr=m.Name("groupby"))) else None


def _named_aggregations(call: cst.Call) -> bool:
    """agg('sum'), agg(['min', 'max']), agg({'a': 'sum'}): functions named by text only."""
    def text(node):
        if string_value(node) is not None:
            return True
        if isinstance(node, (cst.List, cst.Tuple)):
            return all(text(e.value) for e in node.elements)
        if isinstance(node, cst.Dict):
            return all(isinstance(e, cst.DictElement) and text(e.value) for e in node.elements)
        return False
    return bool(call.args) and all(text(a.value) for a in call.args)


@rule(
    "pandas-groupby-removed-keywords",
    library="pandas",
    changed_in="pandas 2.0 (squeeze), 3.0 (axis)",
    rationale="groupby(axis=1).sum() (and the other reductions) grouped the columns: pandas computed it on the "
    "transposed frame and transposed the result back, which df.T.groupby(...).sum().T writes out (size() is "
    "a Series of column counts either way); axis=0 was the "
    "default. squeeze=True only changed apply's result for a single group, so it goes before a reduction or a loop "
    "over the groups (squeeze=False is pandas-removed-call-shapes').",
    pattern=r"groupby\((?s:[^()]|\([^()]*\))*\b(axis|squeeze)\s*=",
    signatures=(("TypeError", r"unexpected keyword argument '(axis|squeeze)'"),),
    examples=(
        ("m = df.groupby(df.columns.str[0], axis=1).sum()\nc = df.groupby(kinds, axis='columns').max(numeric_only=True)",
         "m = df.T.groupby(df.columns.str[0]).sum().T\nc = df.T.groupby(kinds).max(numeric_only=True).T"),
        ("per_dtype = df.groupby(df.dtypes, axis=1).size()", "per_dtype = df.T.groupby(df.dtypes).size()"),
        ("g = df.groupby('k', axis=0)['v'].mean()", "g = df.groupby('k')['v'].mean()"),
        ("s = df.groupby('k', squeeze=True)['v'].agg(['min', 'max'])\nfor k, g in df.groupby('k', squeeze=True):\n    pass",
         "s = df.groupby('k')['v'].agg(['min', 'max'])\nfor k, g in df.groupby('k'):\n    pass"),
        ("a = df.groupby('k', squeeze=True).apply(f)\nb = df.groupby(m, axis=1).apply(f)",
         "a = df.groupby('k', squeeze=True).apply(f)\nb = df.groupby(m, axis=1).apply(f)"),
    ),
)
class GroupbyRemovedKeywords(RuleTransformer):
    def leave_Call(self, original, updated):
        grouped = _groupby(updated)
        if grouped is not None:
            axis = kwarg(grouped, "axis")
            if axis is not None and (m.matches(axis.value, m.Integer("0")) or string_value(axis.value) in ("index", "rows")):
                return remove_kwarg(grouped, "axis")
            return updated
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        method = func.attr.value
        inner = func.value.value if isinstance(func.value, cst.Subscript) else func.value
        grouped = _groupby(inner)
        if grouped is None:
            return updated
        squeeze = kwarg(grouped, "squeeze")
        if squeeze is not None and m.matches(squeeze.value, m.Name("True")) and method in _SQUEEZE_SAFE \
                and (method not in ("agg", "aggregate") or _named_aggregations(updated)):
            new = remove_kwarg(grouped, "squeeze")
            value = func.value.with_changes(value=new) if isinstance(func.value, cst.Subscript) else new
            return updated.with_changes(func=func.with_changes(value=value))
        axis = kwarg(grouped, "axis")
        if axis is None or not (m.matches(axis.value, m.Integer("1")) or string_value(axis.value) == "columns") \
                or method not in _TRANSPOSED | {"size"} or inner is not func.value or squeeze is not None \
                or not isinstance(grouped.func.value, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
            return updated
        frame = grouped.func.value
        transposed = remove_kwarg(grouped, "axis").with_changes(
            func=grouped.func.with_changes(value=cst.Attribute(frame, cst.Name("T"))))
        reduced = updated.with_changes(func=func.with_changes(value=transposed))
        return reduced if method == "size" else cst.Attribute(reduced, cst.Name("T"))  # size: a Series per group

    def leave_For(self, original, updated):
        grouped = _groupby(updated.iter)
        squeeze = kwarg(grouped, "squeeze") if grouped is not None else None
        if squeeze is not None and m.matches(squeeze.value, m.Name("True")):
            return updated.with_changes(iter=remove_kwarg(grouped, "squeeze"))
        return updated


# --------------------------------------------------------------------------- errors='ignore'

_CONVERTERS = {"to_datetime": old_pandas.to_datetime_or_input, "to_numeric": old_pandas.to_numeric_or_input,
               "to_timedelta": old_pandas.to_timedelta_or_input}


def _ignore(call: cst.Call) -> bool:
    errors = kwarg(call, "errors")
    return errors is not None and string_value(errors.value) == "ignore"


@rule(
    "pandas-errors-ignore",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.2)",
    rationale="to_datetime/to_numeric/to_timedelta(errors='ignore') returned the input unchanged when any value "
    "failed to convert; errors='coerce' would give NaT/NaN instead. The call goes through a small function "
    "written into the cell that converts with errors='raise' and gives the input back on failure, as pandas did "
    "(also where the converter is passed to apply with errors='ignore').",
    pattern=r"errors\s*=\s*['\"]ignore['\"]",
    prefilter=re.compile(r"to_(datetime|numeric|timedelta)").search,
    signatures=(("ValueError", r"errors must be one of|invalid error value specified|errors='ignore' is no longer"),),
    examples=(
        ("import pandas as pd\ndf['d'] = pd.to_datetime(df['d'], errors='ignore', dayfirst=True)",
         "import pandas as pd\n" + _shim("to_datetime_or_input") + "df['d'] = to_datetime_or_input(df['d'], dayfirst=True)"),
        ("import pandas as pd\nf = df.apply(pd.to_numeric, errors='ignore')",
         "import pandas as pd\n" + _shim("to_numeric_or_input") + "f = df.apply(to_numeric_or_input)"),
        ("import pandas as pd\nx = pd.to_datetime(s, errors='coerce')", "import pandas as pd\nx = pd.to_datetime(s, errors='coerce')"),
    ),
)
class ErrorsIgnore(Shims):
    def leave_Call(self, original, updated):
        if not _ignore(updated):
            return updated
        name = _pandas_function(updated, self.ctx, *_CONVERTERS)
        if name is not None:
            shim = f"{name}_or_input"
            return updated.with_changes(func=self.need_shim(shim, _CONVERTERS[name]), args=_without(updated, "errors"))
        pos = positional(updated)
        if callee_name(updated) in ("apply", "transform", "map", "applymap", "agg") and pos \
                and isinstance(pos[0].value, (cst.Attribute, cst.Name)):
            name = _pandas_function(cst.Call(pos[0].value), self.ctx, *_CONVERTERS)
            if name is not None:
                shim = self.need_shim(f"{name}_or_input", _CONVERTERS[name])
                at = list(updated.args).index(pos[0])
                args = [a.with_changes(value=shim) if i == at else a for i, a in enumerate(_without(updated, "errors"))]
                return updated.with_changes(args=args)
        return updated


def _without(call: cst.Call, name: str) -> list[cst.Arg]:
    return list(arg_list(*remove_kwarg(call, name).args))


# --------------------------------------------------------------------------- first/last(offset), replace(method=)

_OFFSET_TEXT = re.compile(r"\s*\d*\s*[A-Za-z]+(-[A-Za-z]+)?\s*")


@rule(
    "pandas-first-last-offset",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="s.first('3D') / s.last('3D') (the rows within an offset of the first or last date) were removed; "
    "the documented .loc slice is not exact (a fixed span stopped before its end date, an anchored offset like 'M' "
    "counted the period the first date closes), so the old method is written into the cell and called.",
    pattern=r"\.(first|last)\(\s*(offset\s*=\s*)?['\"]\s*\d*\s*[A-Za-z]",
    signatures=(("AttributeError", r"object has no attribute '(first|last)'"),),
    examples=(
        ("head = ts.first('3D')",
         _shim("first_by_offset") + "head = first_by_offset(ts, '3D')"),
        ("f = g.first()\nl = df.groupby('k').last(min_count=1)", "f = g.first()\nl = df.groupby('k').last(min_count=1)"),
    ),
)
class FirstLastOffset(Shims):
    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("first") | m.Name("last"))) or len(updated.args) != 1:
            return updated
        arg = updated.args[0]
        text = string_value(arg.value)
        if arg.star or (arg.keyword is not None and arg.keyword.value != "offset") or text is None \
                or not _OFFSET_TEXT.fullmatch(text):
            return updated
        name = f"{func.attr.value}_by_offset"
        shim = self.need_shim(name, getattr(old_pandas, name))
        return cst.Call(shim, arg_list(cst.Arg(func.value), cst.Arg(arg.value)))


_FILL = {"pad": "'pad'", "ffill": "'pad'", "bfill": "'bfill'", "backfill": "'bfill'"}


@rule(
    "pandas-replace-method",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="replace(x, method='ffill') filled each value equal to x with the nearest earlier value that is not "
    "(bfill: later), leaving the dtype and the other missing values alone, which mask + ffill does not; the old "
    "method is written into the cell and called.",
    pattern=r"\.replace\((?s:[^()]|\([^()]*\))*\bmethod\s*=",
    signatures=(("TypeError", r"unexpected keyword argument 'method'"),),
    examples=(
        ("s = s.replace(0, method='ffill')\nt = df.replace([-1, 99], method='bfill', limit=2)",
         _shim("replace_by_fill") + "s = replace_by_fill(s, 0, 'pad')\nt = replace_by_fill(df, [-1, 99], 'bfill', limit=2)"),
        ("t = text.replace('a', 'b')\nu = df.replace(0, 1, method='pad')", "t = text.replace('a', 'b')\nu = df.replace(0, 1, method='pad')"),
    ),
)
class ReplaceMethod(Shims):
    def leave_Call(self, original, updated):
        func = updated.func
        method = kwarg(updated, "method")
        if method is None or not m.matches(func, m.Attribute(attr=m.Name("replace"))):
            return updated
        fill = _FILL.get(string_value(method.value) or "")
        pos = positional(updated)
        given = {a.keyword.value for a in updated.args if a.keyword}
        if fill is None or len(pos) != 1 or given - {"method", "limit"} or any(a.star for a in updated.args) \
                or isinstance(pos[0].value, cst.Dict) or m.matches(pos[0].value, m.Name("None")):
            return updated
        args = [cst.Arg(func.value), cst.Arg(pos[0].value), cst.Arg(cst.SimpleString(fill))]
        limit = kwarg(updated, "limit")
        if limit is not None:
            args.append(limit)
        return cst.Call(self.need_shim("replace_by_fill", old_pandas.replace_by_fill), arg_list(*args))


# --------------------------------------------------------------------------- pd.rolling_window, pd.match

_WINDOW_PARAMS = ("arg", "window", "win_type", "min_periods", "freq", "center", "mean", "axis", "how")


@rule(
    "pandas-removed-module-functions",
    library="pandas",
    changed_in="pandas 0.23",
    rationale="pd.rolling_window(x, w, win_type) was x.rolling(w, win_type=...).mean() (.sum() with mean=False; the "
    "window function's own parameters such as std= go to the reduction); pd.match(x, values) gave each x's "
    "position in values (the last one of repeated values, -1 when absent): it is written into the cell.",
    pattern=r"\b(rolling_window|match)\(",
    gate=_uses_pandas,
    signatures=(("AttributeError", r"module 'pandas' has no attribute '(rolling_window|match)'"),),
    examples=(
        (("import pandas as pd\nr = pd.rolling_window(s, 5, 'gaussian', std=2, center=True)\n"
         "q = pd.rolling_window(s, window=3, win_type='triang', mean=False)"),
         ("import pandas as pd\nr = s.rolling(5, win_type='gaussian', center=True).mean(std=2)\n"
         "q = s.rolling(3, win_type='triang').sum()")),
        ("import pandas as pd\nidx = pd.match(a, b)",
         "import pandas as pd\n" + _shim("match") + "idx = match(a, b)"),
        ("import pandas as pd\nr = pd.rolling_window(s, w)\nok = re.match(p, t)",
         "import pandas as pd\nr = pd.rolling_window(s, w)\nok = re.match(p, t)"),
    ),
)
class RemovedModuleFunctions(Shims):
    def leave_Call(self, original, updated):
        name = _pandas_function(updated, self.ctx, "rolling_window", "match")
        if name == "match":
            if not isinstance(updated.func, cst.Attribute):
                return updated  # from pandas import match: the import itself fails first
            return updated.with_changes(func=self.need_shim("match", old_pandas.match))
        if name != "rolling_window" or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        named = {**dict(zip(_WINDOW_PARAMS, (a.value for a in pos))),
                 **{a.keyword.value: a.value for a in updated.args if a.keyword}}
        if len(pos) > 3 or "arg" not in named or "window" not in named or named.get("win_type") is None \
                or any(k in named for k in ("freq", "how", "axis")):
            return updated  # without win_type the window was an array of weights: no rolling() form
        mean = named.pop("mean", cst.Name("True"))
        if not m.matches(mean, m.Name("True") | m.Name("False")):
            return updated
        frame = named.pop("arg")
        window = [cst.Arg(named.pop("window"))] + [
            cst.Arg(named.pop(k), keyword=cst.Name(k), equal=_EQ) for k in ("win_type", "min_periods", "center") if k in named]
        kwargs = [cst.Arg(v, keyword=cst.Name(k), equal=_EQ) for k, v in named.items()]
        rolling = cst.Call(cst.Attribute(frame, cst.Name("rolling")), arg_list(*window))
        reduce = "mean" if mean.value == "True" else "sum"
        return cst.Call(cst.Attribute(rolling, cst.Name(reduce)), arg_list(*kwargs))


_EQ = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


# --------------------------------------------------------------------------- Series.real / imag


@rule(
    "pandas-series-real",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.25)",
    rationale="Series.real / Series.imag returned the real / imaginary parts of the values as a numpy array; "
    "numpy's asarray of the Series gives the same. Only the failing line is touched.",
    kind="error",
    signatures=(("AttributeError", r"'Series' object has no attribute '(real|imag)'"),),
    examples=(
        ("import numpy as np\nre = df['z'].real\nim = s.imag", "import numpy as np\nre = np.asarray(df['z']).real\nim = np.asarray(s).imag"),
        ("import numpy as np\nr = np.asarray(s).real", "import numpy as np\nr = np.asarray(s).real"),
    ),
)
class SeriesReal(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Attribute(self, original, updated):
        if updated.attr.value not in ("real", "imag") or self.off_error_line(original):
            return updated
        value = updated.value
        if m.matches(value, m.Call(func=m.Attribute(attr=m.Name("asarray")) | m.Name("asarray"))):
            return updated
        numpy = self.need("numpy")
        return updated.with_changes(value=cst.parse_expression(f"{numpy}.asarray({code_of(value)})"))


# --------------------------------------------------------------------------- read_csv(parse_dates={'new': [a, b]})

_READERS = ("read_csv", "read_table")
# What a combined read cannot be rewritten with: its own column types, a parser, a partial or chunked read.
_REFUSED = {"dtype", "converters", "date_parser", "date_format", "usecols", "chunksize", "iterator", "squeeze"}


def _texts(node: cst.BaseExpression) -> list[str] | None:
    if not isinstance(node, (cst.List, cst.Tuple)) or not node.elements:
        return None
    texts = [string_value(e.value) for e in node.elements]
    return None if None in texts else texts


def _combined(spec: cst.BaseExpression) -> tuple[list[tuple[str, list[str]]], list[str]] | None:
    """parse_dates' combined columns [(new name, [parts])] and its single columns; None when not all written out."""
    groups, single = [], []
    if isinstance(spec, cst.Dict):
        for e in spec.elements:
            name = string_value(e.key) if isinstance(e, cst.DictElement) else None
            parts = _texts(e.value) if name is not None else None
            if parts is None:
                return None
            groups.append((name, parts))
        return groups, single
    if not isinstance(spec, cst.List):
        return None
    for e in spec.elements:
        if string_value(e.value) is not None:
            single.append(string_value(e.value))
            continue
        parts = _texts(e.value)
        if parts is None:
            return None
        groups.append(("_".join(parts), parts))
    return groups, single


@rule(
    "pandas-read-csv-combined-dates",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.2)",
    rationale="read_csv(parse_dates={'new': ['date', 'time']}) (or [['date', 'time']], named 'date_time') read the "
    "columns as text, parsed them joined by a space into one datetime column put first, and dropped them unless "
    "keep_date_col=True: the read now reads them as text and the combined column is made with to_datetime after "
    "it (index_col naming it becomes set_index). keep_date_col without combined columns did nothing and goes.",
    pattern=r"parse_dates\s*=\s*(\{|\[\s*[\[(])|keep_date_col",
    gate=_uses_pandas,
    signatures=(("TypeError", r"unexpected keyword argument 'keep_date_col'|list indices must be integers or slices, not list"),
                ("ValueError", r"parse_dates=\{|nested sequences|Only booleans, lists, and dictionaries are accepted")),
    examples=(
        (("import pandas as pd\ndf = pd.read_csv('power.txt', sep=';', parse_dates={'dt': ['Date', 'Time']}, "
         "index_col='dt', dayfirst=True)"),
         ("import pandas as pd\ndf = pd.read_csv('power.txt', sep=';', dtype={'Date': str, 'Time': str}).pipe(lambda d: "
         "pd.concat([pd.to_datetime(d['Date'] + ' ' + d['Time'], dayfirst=True).rename('dt'), "
         "d.drop(columns=['Date', 'Time'])], axis=1)).set_index('dt')")),
        ("import pandas as pd\nw = pd.read_csv(f, parse_dates=[['y', 'm', 'd'], 'other'], keep_date_col=True)",
         ("import pandas as pd\nw = pd.read_csv(f, dtype={'y': str, 'm': str, 'd': str}, parse_dates=['other']).pipe("
         "lambda d: pd.concat([pd.to_datetime(d['y'] + ' ' + d['m'] + ' ' + d['d']).rename('y_m_d'), d], axis=1))")),
        ("import pandas as pd\nx = pd.read_csv(f, keep_date_col=True)\ny = pd.read_csv(f, parse_dates=['a'])",
         "import pandas as pd\nx = pd.read_csv(f)\ny = pd.read_csv(f, parse_dates=['a'])"),
        ("import pandas as pd\nz = pd.read_csv(f, parse_dates=[[0, 1]])", "import pandas as pd\nz = pd.read_csv(f, parse_dates=[[0, 1]])"),
    ),
)
class ReadCsvCombinedDates(RuleTransformer):
    def leave_Call(self, original, updated):
        if not _pandas_function(updated, self.ctx, *_READERS) or any(a.star for a in updated.args):
            return updated
        keep = kwarg(updated, "keep_date_col")
        spec = kwarg(updated, "parse_dates")
        found = _combined(spec.value) if spec is not None else None
        if not found or not found[0]:
            return remove_kwarg(updated, "keep_date_col") if keep is not None and (spec is None or found) else updated
        if keep is not None and not m.matches(keep.value, m.Name("True") | m.Name("False")):
            return updated
        given = {a.keyword.value: a for a in updated.args if a.keyword}
        index = given.get("index_col")
        if set(given) & _REFUSED or index is not None and string_value(index.value) is None:
            return updated
        groups, single = found
        parts = [p for _, group in groups for p in group]
        dtype = "{" + ", ".join(f"{p!r}: str" for p in dict.fromkeys(parts)) + "}"
        args = [code_of(a).rstrip().rstrip(",") for a in updated.args
                if not a.keyword or a.keyword.value not in ("parse_dates", "keep_date_col", "index_col")
                and (single or a.keyword.value != "dayfirst")]
        args.append(f"dtype={dtype}")
        if single:
            args.append(f"parse_dates={single!r}")
        pd = pd_name(self.ctx)
        first = given.get("dayfirst")
        options = f", dayfirst={code_of(first.value)}" if first is not None else ""
        joined = [" + ' ' + ".join(f"d[{p!r}]" for p in group) for _, group in groups]
        made = [f"{pd}.to_datetime({text}{options}).rename({name!r})" for text, (name, _) in zip(joined, groups)]
        kept = "d" if keep is not None and keep.value.value == "True" else f"d.drop(columns={list(dict.fromkeys(parts))!r})"
        read = f"{code_of(updated.func)}({', '.join(args)})"
        text = f"{read}.pipe(lambda d: {pd}.concat([{', '.join(made)}, {kept}], axis=1))"
        if index is not None:
            text += f".set_index({code_of(index.value)})"
        return cst.parse_expression(text)
