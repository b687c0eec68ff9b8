"""pandas: methods and functions removed between pandas 0.20 and 3.0."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_like,
    string_value,
)
from .python3_rules import Importing


def pd_name(ctx) -> str:
    names = sorted(ctx.names_for("pandas"))
    return "pd" if "pd" in names or not names else names[0]


@rule(
    "pandas-ix",
    library="pandas",
    changed_in="pandas 1.0",
    rationale="the .ix indexer was removed; .loc selects by label (.iloc when the columns are given by position).",
    needles=(".ix[",),
    signatures=(("AttributeError", r"has no attribute 'ix'"),),
    examples=(("df.ix[0, 'Age'] = 3", "df.loc[0, 'Age'] = 3"), ("x = df.ix[:, 1:]", "x = df.iloc[:, 1:]")),
)
class IxIndexer(RuleTransformer):
    def leave_Subscript(self, original, updated):
        if not m.matches(updated.value, m.Attribute(attr=m.Name("ix"))):
            return updated
        elems = updated.slice
        positional_cols = len(elems) == 2 and _int_like(elems[1].slice)
        attr = "iloc" if positional_cols and _int_like(elems[0].slice) else "loc"
        if positional_cols and attr == "loc":
            attr = "iloc"  # rows given as ":" or ints, columns by position: the old positional fallback
        return updated.with_changes(value=updated.value.with_changes(attr=cst.Name(attr)))


def _int_like(node) -> bool:
    if isinstance(node, cst.Slice):
        return all(
            part is None or isinstance(part, cst.Integer) or m.matches(part, m.UnaryOperation(expression=m.Integer()))
            for part in (node.lower, node.upper)
        )
    if isinstance(node, cst.Index):
        value = node.value
        if isinstance(value, (cst.List, cst.Tuple)):
            return bool(value.elements) and all(isinstance(e.value, cst.Integer) for e in value.elements)
        return isinstance(value, cst.Integer)
    return False


@rule(
    "pandas-as-matrix",
    library="pandas",
    changed_in="pandas 1.0",
    rationale="DataFrame.as_matrix() and .get_values() were removed; .to_numpy() returns the same array.",
    needles=(".as_matrix(", ".get_values("),
    # pandas' objects: scipy's Rotation.as_matrix() is today's name (it replaced as_dcm in scipy 1.4)
    signatures=(("AttributeError",
                 r"'(DataFrame|Series|\w*Index|Categorical)' object has no attribute '(as_matrix|get_values)'"),),
    examples=(
        ("X = df.as_matrix()", "X = df.to_numpy()"),
        ("X = df.as_matrix(['a', 'b'])", "X = df[['a', 'b']].to_numpy()"),
        # where the notebook uses scipy's rotations, only an error naming a pandas object says which is which
        ("from scipy.spatial.transform import Rotation\nm = Rotation.from_euler('z', 90, degrees=True).as_matrix()",
         "from scipy.spatial.transform import Rotation\nm = Rotation.from_euler('z', 90, degrees=True).as_matrix()"),
    ),
)
class AsMatrix(RuleTransformer):
    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("as_matrix") | m.Name("get_values"))):
            return updated
        if self.ctx.error is None and updated.func.attr.value == "as_matrix" and "spatial.transform" in self.ctx.text:
            return updated
        receiver = updated.func.value
        cols = positional(updated) or ([kwarg(updated, "columns")] if kwarg(updated, "columns") else [])
        if cols:
            receiver = cst.Subscript(receiver, [cst.SubscriptElement(cst.Index(cols[0].value))])
        return cst.Call(cst.Attribute(receiver, cst.Name("to_numpy")))


@rule(
    "pandas-append",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="DataFrame.append and Series.append were removed; pd.concat([a, b]) builds the same result.",
    needles=(".append(",),
    pattern=r"""=\s*[\w.\[\]\'"]+\.append\(|\.append\([^)]*(ignore_index|sort\s*=|verify_integrity)|\.append\([^()]*\)\s*\.""",
    signatures=(("AttributeError", r"'(Geo)?(DataFrame|Series)' object has no attribute 'append'"),),
    examples=(
        ("full = train.append(test, ignore_index=True)", "full = pd.concat([train, test], ignore_index=True)"),
        ("import geopandas as gpd\nboth = a.append(b, ignore_index=True)",
         "import pandas\nimport geopandas as gpd\nboth = pandas.concat([a, b], ignore_index=True)"),
        ("x = a.append(b).drop('c', axis=1)", "x = pd.concat([a, b]).drop('c', axis=1)"),
        (
            "df = df.append({'a': 1}, ignore_index=True)",
            "df = pd.concat([df, pd.DataFrame([{'a': 1}])], ignore_index=True)",
        ),
        ("rows.append(r)", "rows.append(r)"),
    ),
)
class Append(Importing):
    """A value-returning ``.append`` is pandas (list.append returns None); on an error, the failing line's too.
    A notebook of geopandas frames may not import pandas itself: then it is imported."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx):
        super().__init__(ctx)
        self.used_as_value: set[int] = set()

    def visit_Assign(self, node):
        self._mark(node.value)

    def visit_AugAssign(self, node):
        self._mark(node.value)

    def visit_Attribute(self, node):
        self._mark(node.value)  # a method chained on the result

    def visit_Return(self, node):
        if node.value is not None:
            self._mark(node.value)

    def visit_Arg(self, node):
        self._mark(node.value)

    def _mark(self, node):
        if m.matches(node, m.Call(func=m.Attribute(attr=m.Name("append")))):
            self.used_as_value.add(id(node))

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("append"))) or len(positional(updated)) != 1:
            return updated
        pandas_kw = any(
            a.keyword and a.keyword.value in ("ignore_index", "sort", "verify_integrity") for a in updated.args
        )
        if not (pandas_kw or id(original) in self.used_as_value or self.on_error_line(original)):
            return updated
        geo_only = not self.ctx.names_for("pandas") and "geopandas" in self.ctx.text
        pd = self.need("pandas") if geo_only else pd_name(self.ctx)
        other = positional(updated)[0].value
        if (
            isinstance(other, cst.Dict)
            or m.matches(other, m.Call(func=m.Attribute(attr=m.Name("Series")) | m.Name("Series")))
            and updated.func.value.__class__ is cst.Name
            and updated.func.value.value in self.ctx.frames
        ):
            other = cst.parse_expression(f"{pd}.DataFrame([__row__])").with_changes(
                args=[cst.Arg(cst.List([cst.Element(other)]))]
            )
        items = [cst.Element(updated.func.value), cst.Element(other)]
        if isinstance(other, cst.List):
            items = [cst.Element(updated.func.value)] + [cst.StarredElement(other)]
        sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        items = [e.with_changes(comma=sep) for e in items[:-1]] + [items[-1]]
        rest = [a for a in updated.args if a.keyword is not None]
        args = [cst.Arg(cst.List(items), comma=sep if rest else cst.MaybeSentinel.DEFAULT)] + rest
        return cst.Call(cst.Attribute(cst.Name(pd), cst.Name("concat")), args=args)


@rule(
    "pandas-renamed-methods",
    library="pandas",
    changed_in="pandas 2.0/3.0",
    rationale="iteritems, applymap, is_monotonic, Series.valid, reindex_axis and convert_objects were removed; "
    "items, map, is_monotonic_increasing, dropna, reindex and infer_objects are the same operations.",
    needles=(".iteritems(", ".applymap(", ".is_monotonic", ".valid(", ".reindex_axis(", ".convert_objects(", ".order("),
    signatures=(
        ("AttributeError", r"has no attribute '(iteritems|applymap|is_monotonic|valid|reindex_axis|convert_objects)'"),
    ),
    examples=(
        ("for k, v in df.iteritems(): pass", "for k, v in df.items(): pass"),
        ("d = df.applymap(str)", "d = df.map(str)"),
        ("ok = s.is_monotonic", "ok = s.is_monotonic_increasing"),
    ),
)
class RenamedMethods(RuleTransformer):
    _MAP = {
        "iteritems": "items",
        "applymap": "map",
        "valid": "dropna",
        "reindex_axis": "reindex",
        "convert_objects": "infer_objects",
        "order": "sort_values",
    }

    def leave_Call(self, original, updated):
        if isinstance(updated.func, cst.Attribute) and updated.func.attr.value in self._MAP:
            name = updated.func.attr.value
            if name == "order" and updated.args:
                return updated  # someone's own .order(x)
            call = updated.with_changes(func=updated.func.with_changes(attr=cst.Name(self._MAP[name])))
            if name == "convert_objects":
                call = call.with_changes(args=[])
            return call
        return updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "is_monotonic":
            return updated.with_changes(attr=cst.Name("is_monotonic_increasing"))
        return updated


_SORT_KWARGS = {"columns", "by", "ascending", "inplace", "na_position"}


@rule(
    "pandas-sort",
    library="pandas",
    changed_in="pandas 0.20",
    rationale="DataFrame.sort and sort_index(by=...) were removed; sort_values(by=...) sorts the same way.",
    needles=(".sort(", ".sort_index("),
    signatures=(("AttributeError", r"'(DataFrame|Series)' object has no attribute 'sort'"),),
    examples=(
        ("df.sort('Age', ascending=False)", "df.sort_values('Age', ascending=False)"),
        ("d = df.sort(columns=['a'])", "d = df.sort_values(by=['a'])"),
        ("x.sort(key=len)", "x.sort(key=len)"),
        ("s = np.sort(a)", "s = np.sort(a)"),
        ("import pydash\nys = pydash.sort(xs, reverse=True)\nzs = pydash.sort(['b', 'a'])",
         "import pydash\nys = pydash.sort(xs, reverse=True)\nzs = pydash.sort(['b', 'a'])"),
        ("df.sort_index(by='a')", "df.sort_values(by='a')"),
    ),
)
class Sort(RuleTransformer):
    def leave_Call(self, original, updated):
        if not isinstance(updated.func, cst.Attribute):
            return updated
        name = updated.func.attr.value
        keywords = {a.keyword.value for a in updated.args if a.keyword}
        receiver = dotted(updated.func.value) or ""
        if receiver in self.ctx.names_for("numpy", ("np", "numpy")) or receiver.split(".")[0] in self.ctx.imported:
            return updated  # np.sort(a), pydash.sort(xs, ...): a module's own function, not a frame's method
        by_column = [
            a for a in positional(updated) if string_value(a.value) is not None or isinstance(a.value, cst.List)
        ]
        if (
            name == "sort"
            and (by_column or keywords & _SORT_KWARGS)
            and not keywords & {"key", "reverse", "axis", "kind", "order"}
        ):
            call = rename_kwarg(updated, "columns", "by")
        elif name == "sort_index" and "by" in keywords:
            call = updated
        else:
            return updated
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("sort_values")))


_DISPLAY_OPTIONS = {
    "precision",
    "max_columns",
    "max_rows",
    "max_colwidth",
    "width",
    "float_format",
    "expand_frame_repr",
    "max_seq_items",
    "notebook_repr_html",
    "colheader_justify",
    "max_info_columns",
    "show_dimensions",
    "large_repr",
}


# Options removed in favour of another one that does the same.
_RENAMED_OPTIONS = {"display.line_width": "display.width", "line_width": "display.width",
                    "display.height": "display.max_rows", "height": "display.max_rows"}

_OPTION_KEYS = _DISPLAY_OPTIONS | set(_RENAMED_OPTIONS) | {"display.max_colwidth"}
_QUOTED_NAME = re.compile(r"""['"]([\w.]+)(?=['"])""")  # the closing quote left to open the next


@rule(
    "pandas-set-option",
    library="pandas",
    changed_in="pandas 1.4/2.0",
    rationale="short option names such as 'precision' or 'max_columns' no longer resolve (they match several "
    "options); the full 'display.' name does, and max_colwidth takes None instead of -1.",
    needles=("_option(",),
    # a short or renamed option name in quotes: pd.set_option('display.max_columns', None) needs nothing
    prefilter=lambda code: any(key in _OPTION_KEYS for key in _QUOTED_NAME.findall(code)),
    signatures=(
        ("OptionError", r"Pattern matched multiple keys|No such keys"),
        ("ValueError", r"Value must be a nonnegative integer or None"),
    ),
    examples=(
        ("pd.set_option('precision', 3)", "pd.set_option('display.precision', 3)"),
        ("pd.set_option('max_colwidth', -1)", "pd.set_option('display.max_colwidth', None)"),
        ("pd.set_option('display.line_width', 200)", "pd.set_option('display.width', 200)"),
    ),
)
class SetOption(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) not in ("set_option", "get_option", "reset_option", "option_context"):
            return updated
        args = list(updated.args)
        changed = False
        for i, a in enumerate(args):
            key = string_value(a.value) if a.keyword is None else None
            if key is None:
                continue
            if key in _DISPLAY_OPTIONS:
                key = f"display.{key}"
                args[i] = a.with_changes(value=cst.SimpleString(repr(key)))
                changed = True
            if key in _RENAMED_OPTIONS:
                key = _RENAMED_OPTIONS[key]
                args[i] = a.with_changes(value=cst.SimpleString(repr(key)))
                changed = True
            if (
                key == "display.max_colwidth"
                and i + 1 < len(args)
                and m.matches(args[i + 1].value, m.UnaryOperation(operator=m.Minus(), expression=m.Integer("1")))
            ):
                args[i + 1] = args[i + 1].with_changes(value=cst.Name("None"))
                changed = True
        return updated.with_changes(args=args) if changed else updated


_ROLLING = {
    "mean",
    "std",
    "sum",
    "max",
    "min",
    "median",
    "var",
    "count",
    "skew",
    "kurt",
    "corr",
    "cov",
    "quantile",
    "apply",
}
_WINDOW_KWARGS = {"window", "min_periods", "center", "freq", "win_type"}
_EWM_KWARGS = {"com", "span", "halflife", "alpha", "min_periods", "adjust", "ignore_na"}


@rule(
    "pandas-rolling-functions",
    library="pandas",
    changed_in="pandas 0.23",
    rationale="pd.rolling_mean(x, w) and the other module-level window functions were removed; "
    "x.rolling(w).mean() (and .ewm/.expanding) compute the same.",
    needles=("rolling_", "ewm", "expanding_"),
    signatures=(("AttributeError", r"module 'pandas' has no attribute '(rolling|ewm|expanding)_?\w*'"),),
    examples=(
        ("m = pd.rolling_mean(s, 7)", "m = s.rolling(7).mean()"),
        ("e = pd.ewma(s, span=10)", "e = s.ewm(span=10).mean()"),
        ("c = pd.expanding_max(s)", "c = s.expanding().max()"),
    ),
)
class RollingFunctions(RuleTransformer):
    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        head, _, attr = name.rpartition(".")
        if head not in self.ctx.names_for("pandas", ("pd", "pandas")) or not positional(updated):
            return updated
        series, *rest = positional(updated)
        kw = [a for a in updated.args if a.keyword]
        if attr.startswith("rolling_") and attr[8:] in _ROLLING:
            method, args = attr[8:], rest[:1] + [a for a in kw if a.keyword.value in _WINDOW_KWARGS]
            window = "rolling"
        elif attr in ("ewma", "ewmstd", "ewmvar", "ewmcorr", "ewmcov"):
            method = {"ewma": "mean"}.get(attr, attr[3:])
            args, window = [a for a in kw if a.keyword.value in _EWM_KWARGS], "ewm"
        elif attr.startswith("expanding_") and attr[10:] in _ROLLING:
            method, args, window = attr[10:], [a for a in kw if a.keyword.value == "min_periods"], "expanding"
        else:
            return updated
        others = [a for a in kw if a not in args]
        args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]
        args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + args[
            -1:
        ]
        inner = cst.Call(cst.Attribute(series.value, cst.Name(window)), args=args)
        return cst.Call(
            cst.Attribute(inner, cst.Name(method)),
            args=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in others],
        )


@rule(
    "pandas-plotting-module",
    library="pandas",
    changed_in="pandas 0.20/1.0",
    rationale="pd.scatter_matrix and pandas.tools.plotting moved to pandas.plotting.",
    needles=(
        "scatter_matrix",
        "tools.plotting",
        "parallel_coordinates",
        "andrews_curves",
        "radviz",
        "lag_plot",
        "autocorrelation_plot",
    ),
    signatures=(
        ("AttributeError", r"module 'pandas' has no attribute 'scatter_matrix'"),
        ("ModuleNotFoundError", r"pandas\.tools"),
    ),
    examples=(
        ("pd.scatter_matrix(df)", "pd.plotting.scatter_matrix(df)"),
        ("from pandas.tools.plotting import scatter_matrix", "from pandas.plotting import scatter_matrix"),
    ),
)
class PlottingModule(RuleTransformer):
    _MOVED = {
        "scatter_matrix",
        "parallel_coordinates",
        "andrews_curves",
        "radviz",
        "lag_plot",
        "autocorrelation_plot",
        "bootstrap_plot",
    }

    def leave_Attribute(self, original, updated):
        pandas = self.ctx.names_for("pandas", ("pd", "pandas"))
        if isinstance(updated.value, cst.Name) and updated.value.value in pandas and updated.attr.value in self._MOVED:
            return cst.Attribute(cst.Attribute(updated.value, cst.Name("plotting")), updated.attr)
        if dotted(updated) and dotted(updated).split(".")[0] in pandas and dotted(updated).endswith(".tools.plotting"):
            return cst.Attribute(updated.value.value, cst.Name("plotting"))
        return updated

    def leave_ImportFrom(self, original, updated):
        if updated.module is not None and dotted(updated.module) == "pandas.tools.plotting":
            return updated.with_changes(module=cst.Attribute(cst.Name("pandas"), cst.Name("plotting")))
        return updated


@rule(
    "pandas-removed-kwargs",
    library="pandas",
    changed_in="pandas 2.0/3.0",
    rationale="read_csv lost error_bad_lines/warn_bad_lines/delim_whitespace/squeeze/infer_datetime_format "
    "(read_excel its squeeze too), "
    "to_csv's line_terminator became lineterminator, between(inclusive=bool) takes 'both'/'neither', "
    "and fillna(method=) became .ffill()/.bfill().",
    needles=(
        "error_bad_lines",
        "warn_bad_lines",
        "delim_whitespace",
        "squeeze=",
        "infer_datetime_format",
        "line_terminator",
        "inclusive=",
        "method=",
    ),
    signatures=(
        (
            "TypeError",
            r"unexpected keyword argument '(error_bad_lines|warn_bad_lines|delim_whitespace|squeeze|infer_datetime_format|line_terminator|method)'",
        ),
    ),
    examples=(
        ("d = pd.read_csv(f, error_bad_lines=False)", "d = pd.read_csv(f, on_bad_lines='skip')"),
        ("d = pd.read_csv(f, delim_whitespace=True)", "d = pd.read_csv(f, sep=r'\\s+')"),
        ("df.fillna(method='ffill', inplace=True)", "df.ffill(inplace=True)"),
        ("s.between(1, 2, inclusive=True)", "s.between(1, 2, inclusive='both')"),
    ),
)
class RemovedKwargs(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name in ("read_csv", "read_table", "read_fwf", "read_excel"):
            if kwarg(updated, "error_bad_lines") is not None:
                off = m.matches(kwarg(updated, "error_bad_lines").value, m.Name("False"))
                updated = remove_kwarg(updated, "error_bad_lines")
                if off:
                    updated = add_kwarg(updated, "on_bad_lines", "'skip'")
            for gone in ("warn_bad_lines", "infer_datetime_format"):
                updated = remove_kwarg(updated, gone)
            if kwarg(updated, "delim_whitespace") is not None:
                on = m.matches(kwarg(updated, "delim_whitespace").value, m.Name("True"))
                updated = remove_kwarg(updated, "delim_whitespace")
                if on and kwarg(updated, "sep") is None:
                    updated = add_kwarg(updated, "sep", "r'\\s+'")
            if kwarg(updated, "squeeze") is not None:
                on = m.matches(kwarg(updated, "squeeze").value, m.Name("True"))
                updated = remove_kwarg(updated, "squeeze")
                if on:
                    return cst.Call(
                        cst.Attribute(updated, cst.Name("squeeze")), args=[cst.Arg(cst.SimpleString("'columns'"))]
                    )
            return updated
        if name == "to_datetime":
            return remove_kwarg(updated, "infer_datetime_format")
        if name == "to_csv" and kwarg(updated, "line_terminator") is not None:
            return rename_kwarg(updated, "line_terminator", "lineterminator")
        if name == "between" and kwarg(updated, "inclusive") is not None:
            value = kwarg(updated, "inclusive").value
            if m.matches(value, m.Name("True") | m.Name("False")):
                word = "'both'" if value.value == "True" else "'neither'"
                return updated.with_changes(
                    args=[
                        a.with_changes(value=cst.parse_expression(word))
                        if a.keyword and a.keyword.value == "inclusive"
                        else a
                        for a in updated.args
                    ]
                )
            return updated
        if name == "fillna" and isinstance(updated.func, cst.Attribute) and kwarg(updated, "method") is not None:
            method = string_value(kwarg(updated, "method").value)
            if (
                method in ("ffill", "pad", "bfill", "backfill")
                and kwarg(updated, "value") is None
                and not positional(updated)
            ):
                new = "ffill" if method in ("ffill", "pad") else "bfill"
                call = remove_kwarg(updated, "method")
                return call.with_changes(func=call.func.with_changes(attr=cst.Name(new)))
        return updated


@rule(
    "pandas-removed-functions",
    library="pandas",
    changed_in="pandas 2.0/2.1",
    rationale="pd.value_counts, pd.Int64Index/Float64Index, set_value/get_value, Styler.set_precision and the "
    "re-export pd.np were removed; Series(x).value_counts(), pd.Index, .at[], Styler.format(precision=) and "
    "the notebook's own numpy replace them.",
    pattern=r"""(pd|pandas)\.(value_counts\(|np\.)|64Index|set_value|get_value|set_precision""",
    signatures=(
        (
            "AttributeError",
            r"has no attribute '(value_counts|Int64Index|Float64Index|UInt64Index|set_value|get_value|set_precision|np)'",
        ),
    ),
    examples=(
        ("c = pd.value_counts(s)", "c = pd.Series(s).value_counts()"),
        ("df.set_value(3, 'a', 1)", "df.at[3, 'a'] = 1"),
        ("train = train.set_value(3, 'a', 1)", "train.at[3, 'a'] = 1"),
        ("df.set_value(df[df.a == 0].index, 'a', 1)", "df.loc[df[df.a == 0].index, 'a'] = 1"),
        ("df.style.set_precision(2)", "df.style.format(precision=2)"),
        ("frames['train'].get_value(0, 'a')", "frames['train'].at[0, 'a']"),
        ("i = pd.Int64Index([1])", "i = pd.Index([1])"),
        ("import numpy as np\nx = pd.np.nan", "import numpy as np\nx = np.nan"),
        ("import pandas as pd\nx = pd.np.array([1, pd.np.nan])", "import numpy\nimport pandas as pd\nx = numpy.array([1, numpy.nan])"),
    ),
)
class RemovedFunctions(Importing):
    def leave_Attribute(self, original, updated):
        # pd.np was numpy itself: the notebook's own numpy name reads the same (without one, numpy is imported).
        if m.matches(updated, m.Attribute(attr=m.Name("np"))) and \
                dotted(updated.value) in self.ctx.names_for("pandas", ("pd", "pandas")):
            return cst.Name(self.need("numpy"))
        return updated

    def leave_Call(self, original, updated):
        name = dotted(updated.func) or ""
        pandas = self.ctx.names_for("pandas", ("pd", "pandas"))
        head, _, attr = name.rpartition(".")
        if isinstance(updated.func, cst.Attribute):  # ``held['df'].get_value``: no dotted name, a method all the same
            attr = updated.func.attr.value
        if head in pandas and attr == "value_counts" and positional(updated):
            first, *_ = positional(updated)
            series = cst.Call(
                cst.Attribute(cst.Name(head), cst.Name("Series")),
                args=[first.with_changes(comma=cst.MaybeSentinel.DEFAULT)],
            )
            rest = [a for a in updated.args if a is not first]
            return cst.Call(cst.Attribute(series, cst.Name("value_counts")), args=rest)
        if head in pandas and attr in ("Int64Index", "Float64Index", "UInt64Index"):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("Index")))
        if isinstance(updated.func, cst.Attribute) and attr == "get_value" and len(updated.args) == 2 \
                and not m.matches(updated.func.value, m.Attribute(attr=m.Name("index") | m.Name("columns"))):
            # an Index's get_value(series, key) read the series: pandas-old-methods' (s.loc[key])
            return cst.Subscript(
                cst.Attribute(updated.func.value, cst.Name("at")),
                [cst.SubscriptElement(cst.Index(a.value)) for a in updated.args],
            )
        if isinstance(updated.func, cst.Attribute) and attr == "set_precision" and len(updated.args) == 1:
            return updated.with_changes(
                func=updated.func.with_changes(attr=cst.Name("format")),
                args=[
                    updated.args[0].with_changes(
                        keyword=cst.Name("precision"),
                        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                    )
                ],
            )
        return updated

    def leave_Expr(self, original, updated):
        return _set_value_as_assignment(updated.value) or updated

    def leave_Assign(self, original, updated):
        # set_value returned the frame: ``df = df.set_value(...)`` wrote the value and rebound the same frame.
        call = updated.value
        if len(updated.targets) == 1 and isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and \
                code_of(updated.targets[0].target) == code_of(call.func.value):
            return _set_value_as_assignment(call) or updated
        return updated


def _set_value_as_assignment(call: cst.BaseExpression) -> cst.Assign | None:
    """``df.set_value(i, c, v)`` as ``df.at[i, c] = v`` (``.loc`` for rows that are not one label)."""
    if not (m.matches(call, m.Call(func=m.Attribute(attr=m.Name("set_value")))) and len(call.args) == 3):
        return None
    i, c, v = (a.value for a in call.args)
    # A label or a name is one row (.at); an Index, mask or list of rows went through .at's fallback
    # to .loc before pandas 1.4 (pandas-at-non-scalar), which is what .loc does.
    one = isinstance(i, (cst.Integer, cst.Float, cst.SimpleString, cst.Name, cst.UnaryOperation))
    target = cst.Subscript(
        cst.Attribute(call.func.value, cst.Name("at" if one else "loc")),
        [
            cst.SubscriptElement(cst.Index(i), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.SubscriptElement(cst.Index(c)),
        ],
    )
    return cst.Assign([cst.AssignTarget(target)], v)


@rule(
    "pandas-astype-categories",
    library="pandas",
    changed_in="pandas 1.0",
    rationale="astype('category', categories=..., ordered=...) lost its keywords (deprecated in 0.21); "
    "the same categories and order are given as astype(pd.CategoricalDtype(categories=..., ordered=...)).",
    needles=("categories",),
    pattern=r"astype\((?s:.)*?(categories|ordered)\s*=",
    signatures=(("TypeError", r"astype\(\) got an unexpected keyword argument '(categories|ordered)'"),),
    examples=(
        (
            "df[c] = df[c].astype('category', categories=levels[c], ordered=True)",
            "df[c] = df[c].astype(pd.CategoricalDtype(categories=levels[c], ordered=True))",
        ),
        (
            "s = s.astype('category', categories = ['a', 'b'])",
            "s = s.astype(pd.CategoricalDtype(categories = ['a', 'b']))",
        ),
        ("s = s.astype('category')", "s = s.astype('category')"),
    ),
)
class AstypeCategories(RuleTransformer):
    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("astype"))):
            return updated
        given = [a for a in updated.args if a.keyword and a.keyword.value in ("categories", "ordered")]
        first = positional(updated)
        if not given or len(first) != 1 or string_value(first[0].value) != "category":
            return updated
        dtype = cst.Call(
            cst.Attribute(cst.Name(pd_name(self.ctx)), cst.Name("CategoricalDtype")),
            args=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if a is given[-1] else a for a in given],
        )
        rest = [a for a in updated.args if a is not first[0] and a not in given]
        args = [cst.Arg(dtype, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if rest else cst.MaybeSentinel.DEFAULT)]
        if rest:
            rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(args=args + rest)


_ORIENTS = ("dict", "list", "series", "split", "records", "index")
# Before 2.0 to_dict read its orient by the first letters, any case: 'sp' split, then 'd', 'l', 's', 'r', 'i'.
_ORIENT_HEADS = (("sp", "split"), ("d", "dict"), ("l", "list"), ("s", "series"), ("r", "records"), ("i", "index"))


def _full_orient(given: str | None) -> str | None:
    """The orient an old pandas read ``given`` as, where today's reads it otherwise (None: unchanged or unknown)."""
    if given is None or given in _ORIENTS:
        return None
    lowered = given.lower()
    return next((full for head, full in _ORIENT_HEADS if lowered.startswith(head)), None)


@rule(
    "pandas-to-dict-orient",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="to_dict read its orient by the first letters, in any case ('r', 'record', 'rec', 'Records' were "
    "'records'; 'sp' 'split'); 2.0 takes only the full lower-case names, which give the same result.",
    needles=("to_dict(",),
    signatures=(("ValueError", r"orient '\w+' not understood"),),
    examples=(
        ("rows = df.to_dict('r')", "rows = df.to_dict('records')"),
        ("d = df.to_dict(orient='l')", "d = df.to_dict(orient='list')"),
        ("rows = X.to_dict(orient='record')", "rows = X.to_dict(orient='records')"),
        ("d = df.to_dict('Series'); s = df.to_dict('spl')", "d = df.to_dict('series'); s = df.to_dict('split')"),
        ("d = df.to_dict('records')", "d = df.to_dict('records')"),
    ),
)
class ToDictOrient(RuleTransformer):
    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("to_dict"))):
            return updated
        arg = kwarg(updated, "orient") or (positional(updated)[0] if positional(updated) else None)
        full = _full_orient(string_value(arg.value)) if arg is not None else None
        if full is None:
            return updated
        value = string_like(arg.value, full)
        return updated.with_changes(args=[a.with_changes(value=value) if a is arg else a for a in updated.args])


_LEVEL_REDUCTIONS = {"sum", "mean", "median", "min", "max", "std", "var", "count", "prod", "any", "all", "sem",
                     "skew", "kurt", "mad", "nunique"}


@rule(
    "pandas-reduction-level",
    library="pandas",
    changed_in="pandas 1.3 (deprecated), 2.0 (removed)",
    rationale="reductions lost level= (df.sum(level=0)); groupby(level=0).sum() computes the same per index level.",
    pattern=r"\.(sum|mean|median|min|max|std|var|count|prod|any|all|sem|skew|kurt|nunique)\((?s:[^()]|\([^()]*\))*\blevel\s*=",
    signatures=(("TypeError", r"unexpected keyword argument 'level'"),),
    examples=(
        ("t = df.sum(level=0)", "t = df.groupby(level=0).sum()"),
        ("c = s.count(level='Sex')", "c = s.groupby(level='Sex').count()"),
        ("m = df.mean(axis=0, level=1, skipna=True)", "m = df.groupby(level=1).mean(skipna=True)"),
        ("m = df.groupby(level=1).mean()", "m = df.groupby(level=1).mean()"),
    ),
)
class ReductionLevel(RuleTransformer):
    def leave_Call(self, original, updated):
        level = kwarg(updated, "level")
        if level is None or callee_name(updated) not in _LEVEL_REDUCTIONS or not isinstance(updated.func, cst.Attribute):
            return updated
        axis = kwarg(updated, "axis")
        if axis is not None and not m.matches(axis.value, m.Integer("0") | m.SimpleString("'index'") | m.SimpleString('"index"')):
            return updated  # level over the columns: groupby(axis=1) is gone too
        rest = [a for a in updated.args if a.keyword is None or a.keyword.value not in ("level", "axis")]
        if rest:
            rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        grouped = cst.Call(cst.Attribute(updated.func.value, cst.Name("groupby")),
                           [level.with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        return updated.with_changes(func=cst.Attribute(grouped, updated.func.attr), args=rest)
