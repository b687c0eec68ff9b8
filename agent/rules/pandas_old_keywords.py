"""pandas 0.17-3.0: keywords and keyword values pandas renamed or removed, whose successor is another keyword,
another value or another form of the same call.

Each rewrite writes what the deprecated path did before the removal (``coerce=True`` was mapped to
``errors='coerce'``, an int ``usecols=n`` read the columns up to n, ``join_axes`` reindexed each object before
joining). A keyword only pandas took (``coerce=`` of to_datetime, ``join_axes=``, ``sort_columns=``) is rewritten
wherever a notebook that imports pandas writes it; a value only a run shows to be wrong (a float ``periods``
held in a name, an int ``usecols`` held in a name) and ``hist(figsize='default')``, which helpers of notebooks'
own also take, only on the line that failed with pandas' error.
"""

from __future__ import annotations

import ast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    add_kwarg,
    argument,
    assign_to,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    module_call,
    one_statement_per_line,
    parenthesized,
    pass_if_empty,
    positional,
    read_once,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
    with_arg_value,
)
from .python3_rules import Importing

_UNKNOWN = object()  # what _literal gives for an expression that is not a literal

# (callee, old keyword) -> (new keyword, {old literal value: new value's code, or None: the keyword goes (the
# old value was today's default)}); one table per the deprecation that mapped the old values.
_VALUES = {
    ("to_datetime", "coerce"): ("errors", {True: "'coerce'", False: None}),
    ("to_timedelta", "coerce"): ("errors", {True: "'coerce'", False: None}),
    ("tz_localize", "infer_dst"): ("ambiguous", {True: "'infer'", False: None}),
    ("tz_localize", "errors"): ("nonexistent", {"coerce": "'NaT'", "raise": None}),
    ("update", "raise_conflict"): ("errors", {True: "'raise'", False: None}),
    ("nth", "dropna"): ("dropna", {True: "'all'"}),  # what a Series groupby's nth(dropna=True) was mapped to
    ("factorize", "na_sentinel"): ("use_na_sentinel", {-1: None, None: "False"}),
    ("rolling", "axis"): ("axis", {0: None, "index": None, "rows": None}),
    ("resample", "axis"): ("axis", {0: None, "index": None, "rows": None}),
    ("ewm", "axis"): ("axis", {0: None, "index": None, "rows": None}),
    ("expanding", "axis"): ("axis", {0: None, "index": None, "rows": None}),
}
# (callee, old keyword) -> new keyword, whatever the value
_RENAMED = {("andrews_curves", "data"): "frame", ("parallel_coordinates", "data"): "frame",
            ("to_feather", "fname"): "path", ("to_markdown", "showindex"): "index"}
# the timedelta units pandas 3 refuses ('T', 'L', 'U', 'N') or warns about ('H', 'S'), by what they meant
_UNITS = {"T": "min", "L": "ms", "U": "us", "N": "ns", "H": "h", "S": "s"}
_AXES = {0: 0, 1: 1, "index": 0, "rows": 0, "columns": 1}
_RANGES = ("date_range", "bdate_range", "period_range", "timedelta_range", "interval_range")
# between_time's two flags as its one inclusive= (both True, the default, is 'both')
_INCLUSIVE = {(True, False): "'left'", (False, True): "'right'", (False, False): "'neither'"}
_ENDS = ("end", "e", "E", "finish", "f", "F")  # Period.to_timestamp(how=) at the period's end ignored tz


def _literal(node: cst.BaseExpression):
    """The Python value of a literal argument (``True``, ``-1``, ``'coerce'``, ``[0, 1]``), else _UNKNOWN."""
    try:
        return ast.literal_eval(code_of(node).strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _UNKNOWN


def _given(call: cst.Call, keyword: str):
    """The literal value of ``call``'s ``keyword`` argument; _UNKNOWN when it is not given or not a literal."""
    found = kwarg(call, keyword)
    return _UNKNOWN if found is None else _literal(found.value)


def _hashable(value) -> bool:
    return isinstance(value, (bool, int, str, type(None)))


def _float_valued(node: cst.BaseExpression) -> bool:
    """A float by its form: a float literal, a true division, arithmetic on one (``n / 2``, ``len(x) / 4 + 1``)."""
    if isinstance(node, cst.Float):
        return True
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, cst.Divide) or _float_valued(node.left) or _float_valued(node.right)
    return isinstance(node, cst.UnaryOperation) and _float_valued(node.expression)


def _axis(node: cst.BaseExpression) -> int | None:
    """0 or 1 for an axis written as a literal (``1``, ``'columns'``), else None."""
    value = _literal(node)
    return _AXES.get(value) if _hashable(value) and not isinstance(value, bool) else None


def _commas(args: list[cst.Arg]) -> list[cst.Arg]:
    """``args`` separated by ", ", the last without a comma."""
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=sep) for a in args[:-1]] + [args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]


def _window(node: cst.BaseExpression) -> cst.Call | None:
    """The ``X.rolling(...)`` / ``X.resample(...)`` call an aggregation is made on (through ``[col]``)."""
    while isinstance(node, cst.Subscript):
        node = node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
            and node.func.attr.value in ("rolling", "resample", "ewm", "expanding"):
        return node
    return None


def _replace_window(node: cst.BaseExpression, window: cst.Call) -> cst.BaseExpression:
    if isinstance(node, cst.Subscript):
        return node.with_changes(value=_replace_window(node.value, window))
    return window


@rule(
    "pandas-old-keywords",
    library="pandas",
    changed_in="pandas 0.17-0.25 (deprecated), 1.0, 2.0, 3.0 (removed)",
    rationale="each removed keyword as what its deprecation mapped it to: coerce=True is errors='coerce', "
    "infer_dst=True ambiguous='infer', tz_localize(errors='coerce') nonexistent='NaT', raise_conflict=True "
    "errors='raise', nth(dropna=True) 'all', na_sentinel=None use_na_sentinel=False (another sentinel set in the codes "
    "after), data=/fname=/showindex= frame=/path=/index=; set_axis(0, labels) set them in place (df.index = labels); "
    "dropna(axis=[0, 1]) is one dropna per axis, usecols=n the columns 0..n, join_axes=[i] each object reindexed to i "
    "first, Index.copy(names=, dtype=) set_names/astype, set_levels/set_codes(inplace=True) an assignment; "
    "Period.to_timestamp(tz=z) read the time as UTC (.tz_localize('UTC').tz_convert(z)); sort_columns=True sorts "
    "the columns first; include_start/include_end are one inclusive=; ewm(times='col') is the column; "
    "display.column_space (a print width) goes; resample(kind='period') is .to_period() of the result, "
    "kind='timestamp' a PeriodIndex made timestamps first; rolling/resample/ewm/expanding(axis=1) run on the "
    "transpose (axis=0 goes); a float "
    "periods= is int(); units 'T', 'L', 'U', 'N' are 'min', 'ms', 'us', 'ns'; hist(figsize='default') the default.",
    pattern=r"coerce\s*=|infer_dst|tz_localize\((?:[^()]|\([^()]*\))*errors\s*=|raise_conflict|"
            r"\.nth\((?:[^()]|\([^()]*\))*dropna|na_sentinel|(andrews_curves|parallel_coordinates)\(|"
            r"to_feather\((?:[^()]|\([^()]*\))*fname|showindex|set_axis\(\s*(\d|['\"](index|columns|rows)['\"])\s*,|"
            r"dropna\(\s*[\[(]|dropna\((?:[^()]|\([^()]*\))*axis\s*=\s*[\[(]|usecols\s*=|join_axes|"
            r"\.copy\((?:[^()]|\([^()]*\))*\b(names|dtype)\s*=|set_(levels|codes)\((?:[^()]|\([^()]*\))*inplace|"
            r"to_timestamp\((?:[^()]|\([^()]*\))*\btz\s*=|sort_columns|between_time\(|"
            r"\.ewm\((?:[^()]|\([^()]*\))*times\s*=\s*['\"]|column_space|"
            r"(resample|rolling|ewm|expanding)\((?:[^()]|\([^()]*\))*\b(kind|axis)\s*=|_range\((?:[^()]|\([^()]*\))*periods\s*=|"
            r"(Timedelta|to_timedelta)\((?:[^()]|\([^()]*\))*['\"][TLUNHS]['\"]|\.hist\((?:[^()]|\([^()]*\))*figsize",
    gate=lambda ctx, code: "pandas" in ctx.text,
    signatures=(
        ("ValueError", r"Passing an integer for `usecols` is no longer supported"),
        ("TypeError", r"^periods must be an integer"),
        ("ValueError", r"Invalid figsize format|figsize='default' is no longer supported"),
    ),
    examples=(
        ("import pandas as pd\nd = pd.to_datetime(s, coerce=True)\nt = pd.to_timedelta(s, coerce=False)\n"
         "u = ts.tz_localize('UTC', infer_dst=True)\nv = pd.Timestamp(x).tz_localize(z, errors='coerce')\n"
         "df.update(other, raise_conflict=True)\nf = df.groupby('a')['b'].nth(0, dropna=True)\n"
         "c, u = pd.factorize(x, na_sentinel=None)\nr = df.rolling(3, axis=0).mean()",
         "import pandas as pd\nd = pd.to_datetime(s, errors='coerce')\nt = pd.to_timedelta(s)\n"
         "u = ts.tz_localize('UTC', ambiguous='infer')\nv = pd.Timestamp(x).tz_localize(z, nonexistent='NaT')\n"
         "df.update(other, errors='raise')\nf = df.groupby('a')['b'].nth(0, dropna='all')\n"
         "c, u = pd.factorize(x, use_na_sentinel=False)\nr = df.rolling(3).mean()"),
        ("import pandas as pd\nfrom pandas.plotting import andrews_curves\nandrews_curves(data=df, class_column='k')\n"
         "df.to_feather(fname=p)\nmd = df.to_markdown(showindex=False)\ndf.set_axis(1, ['a', 'b'])\n"
         "clean = df.dropna(axis=(0, 1), how='all')\nx = pd.read_excel(p, usecols=2)\n"
         "w = pd.concat([a, b], axis=1, join_axes=[a.index])",
         "import pandas as pd\nfrom pandas.plotting import andrews_curves\nandrews_curves(frame=df, class_column='k')\n"
         "df.to_feather(path=p)\nmd = df.to_markdown(index=False)\ndf.columns = ['a', 'b']\n"
         "clean = df.dropna(axis=0, how='all').dropna(axis=1, how='all')\n"
         "x = pd.read_excel(p, usecols=list(range(3)))\n"
         "w = pd.concat([a.reindex(a.index), b.reindex(a.index)], axis=1)"),
        ("import pandas as pd\ni = idx.copy(names=['k'], dtype='float64')\n"
         "df.columns.set_levels(v, level=0, inplace=True)\n"
         "t = pd.Period('2020-01', 'M').to_timestamp(tz='US/Eastern')\nax = df.plot(kind='bar', sort_columns=True)\n"
         "n = s.between_time('9:00', '17:00', include_end=False)\nm = df.ewm(halflife='1 day', times='t').mean()\n"
         "pd.set_option('display.column_space', 10)\ncodes, uniq = pd.factorize(x, na_sentinel=-9)",
         "import pandas as pd\ni = idx.astype('float64').set_names(['k'])\n"
         "df.columns = df.columns.set_levels(v, level=0)\n"
         "t = pd.Period('2020-01', 'M').to_timestamp().tz_localize('UTC').tz_convert('US/Eastern')\n"
         "ax = df.sort_index(axis=1).plot(kind='bar')\nn = s.between_time('9:00', '17:00', inclusive='left')\n"
         "m = df.drop(columns='t').ewm(halflife='1 day', times=df['t']).mean()\ncodes, uniq = pd.factorize(x)\n"
         "codes[codes == -1] = -9"),
        ("import pandas as pd\np = s.resample('M', kind='period').sum()\n"
         "q = ps.resample('D', kind='timestamp').mean()\n"
         "r = df.rolling(2, axis=1).sum()\ni = pd.date_range('2020', periods=len(x) / 2)\n"
         "e = s.ewm(span=3, axis=0).mean()\nx = df.expanding(2, axis=1).max()\n"
         "for d in frames:\n    d.dropna(axis=[0, 1], how='all', inplace=True)\n"
         "d = pd.to_timedelta(m, unit='T') + pd.Timedelta(5, 'L')",
         "import pandas as pd\np = s.resample('M').sum().to_period()\n"
         "q = ps.pipe(lambda x_: x_.to_timestamp(how='start') if isinstance(x_.index, pd.PeriodIndex) else x_)"
         ".resample('D').mean()\nr = df.T.rolling(2).sum().T\ni = pd.date_range('2020', periods=int(len(x) / 2))\n"
         "e = s.ewm(span=3).mean()\nx = df.T.expanding(2).max().T\n"
         "for d in frames:\n    d.dropna(axis=0, how='all', inplace=True)\n"
         "    d.dropna(axis=1, how='all', inplace=True)\n"
         "d = pd.to_timedelta(m, unit='min') + pd.Timedelta(5, 'ms')"),
        # values only a run shows, and figsize='default' that helpers take too: on pandas' failing line (none here)
        ("import pandas as pd\nx = pd.read_excel(p, usecols=n)\ni = pd.date_range('2020', periods=k)\n"
         "s.hist(figsize='default')\nplot_all(df, figsize='default')\nr = df.rolling(3, axis=dim).mean()",
         "import pandas as pd\nx = pd.read_excel(p, usecols=n)\ni = pd.date_range('2020', periods=k)\n"
         "s.hist(figsize='default')\nplot_all(df, figsize='default')\nr = df.rolling(3, axis=dim).mean()"),
    ),
)
class OldKeywords(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        call = self._keyword_values(updated, name)
        if name == "set_axis" and len(positional(call)) == 2 and _axis(positional(call)[0].value) is not None:
            axis, labels = positional(call)  # the old order, (axis, labels)
            rest = [a for a in call.args if a.keyword and a.keyword.value != "inplace"]
            call = call.with_changes(args=_commas([labels, make_arg("axis", axis.value), *rest]))
        elif name == "dropna" and kwarg(call, "inplace") is None and (steps := self._dropna_each_axis(call)):
            call = steps[0]
            for step in steps[1:]:  # each on the result of the one before
                call = step.with_changes(func=step.func.with_changes(value=call))
        elif name in ("read_excel", "parse") and kwarg(call, "usecols") is not None:
            last = _literal(kwarg(call, "usecols").value)
            if isinstance(last, int) and not isinstance(last, bool):
                call = set_kwarg_value(call, "usecols", f"list(range({last + 1}))")
            elif last is _UNKNOWN and self.on_own_error_line(original) and "usecols" in self.ctx.error.evalue:
                call = set_kwarg_value(call, "usecols", f"list(range({code_of(kwarg(call, 'usecols').value)} + 1))")
        elif name == "concat" and kwarg(call, "join_axes") is not None:
            call = self._reindexed_first(call) or call
        elif name == "hist" and _given(call, "figsize") == "default" \
                and self.on_own_error_line(original) and "figsize" in self.ctx.error.evalue:
            call = remove_kwarg(call, "figsize")
        elif name == "copy" and isinstance(call.func, cst.Attribute) and (kwarg(call, "names") or kwarg(call, "dtype")):
            call = self._index_copy(call)
        elif name in ("set_levels", "set_codes") and _given(call, "inplace") is False:
            call = remove_kwarg(call, "inplace")
        elif name == "to_timestamp" and kwarg(call, "tz") is not None and isinstance(call.func, cst.Attribute):
            call = self._period_timestamp(call) or call
        elif name == "plot" or m.matches(call.func, m.Attribute(value=m.Attribute(attr=m.Name("plot")))):
            call = self._columns_sorted_first(call)
        elif name == "between_time":
            call = self._inclusive(call)
        elif name == "ewm" and string_value(getattr(kwarg(call, "times"), "value", None)) is not None \
                and "groupby(" not in code_of(call.func):
            # the column itself, and not among what is averaged (the old windows dropped a datetime column)
            times = code_of(kwarg(call, "times").value)
            return read_once(call.func.value, lambda x: code_of(set_kwarg_value(call.with_changes(
                func=call.func.with_changes(value=cst.parse_expression(f"{x}.drop(columns={times})"))), "times",
                f"{x}[{times}]")))
        elif name == "resample" and _given(call, "kind") == "timestamp":
            call = self._timestamps_first(call)
        elif name in _RANGES and kwarg(call, "periods") is not None:
            periods = kwarg(call, "periods").value
            if not m.matches(periods, m.Call(func=m.Name("int"))) and (_float_valued(periods) or (
                    self.on_own_error_line(original) and "periods" in self.ctx.error.evalue)):
                call = set_kwarg_value(call, "periods", cst.Call(cst.Name("int"), [cst.Arg(periods)]))
        elif name in ("to_timedelta", "Timedelta"):
            unit = argument(call, "unit", 1)
            if unit is not None and string_value(unit.value) in _UNITS:
                quote = unit.value.value[-1]
                call = with_arg_value(call, unit, f"{quote}{_UNITS[string_value(unit.value)]}{quote}")
        if module_call(call, self.ctx, "pandas") == "set_option":
            return self._without_column_space(call)
        return self._around_aggregation(call)

    def _keyword_values(self, call: cst.Call, name: str | None) -> cst.Call:
        for keyword in [a.keyword.value for a in call.args if a.keyword]:
            if (name, keyword) in _RENAMED:
                call = rename_kwarg(call, keyword, _RENAMED[name, keyword])
            if (name, keyword) not in _VALUES:
                continue
            new, values = _VALUES[name, keyword]
            old = _literal(kwarg(call, keyword).value)
            if not _hashable(old) or old not in values or new != keyword and kwarg(call, new) is not None:
                continue
            if values[old] is None:
                call = remove_kwarg(call, keyword)
            else:
                call = set_kwarg_value(call if new == keyword else rename_kwarg(call, keyword, new), new, values[old])
        return call

    @staticmethod
    def _dropna_each_axis(call: cst.Call) -> list[cst.Call] | None:
        """dropna(axis=[0, 1], ...) as one dropna per axis, in the list's order, with the other arguments."""
        given = kwarg(call, "axis") or (positional(call)[0] if positional(call) else None)
        if given is None or not isinstance(given.value, (cst.List, cst.Tuple)) or not given.value.elements:
            return None
        rest = [a for a in call.args if a is not given]
        return [call.with_changes(args=_commas([make_arg("axis", e.value), *rest])) for e in given.value.elements]

    def _reindexed_first(self, call: cst.Call) -> cst.Call | None:
        """concat(objs, axis=a, join_axes=[idx]): each object reindexed to idx along the other axis, then joined."""
        axis = _axis(getattr(argument(call, "axis", 1), "value", cst.Integer("0")))
        objs, given = argument(call, "objs", 0), kwarg(call, "join_axes").value
        if axis is None or objs is None:
            return None
        index = given.elements[0].value if isinstance(given, cst.List) and len(given.elements) == 1 \
            else cst.parse_expression(f"{code_of(given)}[0]")
        along = code_of(index) if axis == 1 else f"columns={code_of(index)}"
        if isinstance(objs.value, (cst.List, cst.Tuple)):
            each = objs.value.with_changes(elements=[e.with_changes(value=cst.parse_expression(
                f"{code_of(parenthesized(e.value))}.reindex({along})")) for e in objs.value.elements])
        else:
            each = cst.parse_expression(f"[o_.reindex({along}) for o_ in {code_of(objs.value)}]")
        return remove_kwarg(with_arg_value(call, objs, each), "join_axes")

    @staticmethod
    def _index_copy(call: cst.Call) -> cst.Call:
        """Index.copy(names=n, dtype=d): astype(d) and set_names(n) of the index (copied with the other arguments)."""
        names, dtype = kwarg(call, "names"), kwarg(call, "dtype")
        kept = remove_kwarg(remove_kwarg(call, "names"), "dtype")
        result = kept if kept.args else call.func.value
        if dtype is not None:
            result = cst.Call(cst.Attribute(result, cst.Name("astype")), [cst.Arg(dtype.value)])
        if names is not None:
            result = cst.Call(cst.Attribute(result, cst.Name("set_names")), [cst.Arg(names.value)])
        return result

    @staticmethod
    def _period_timestamp(call: cst.Call) -> cst.Call | None:
        """Period.to_timestamp(tz=z) made Timestamp(time, tz=z), which reads a naive time as UTC: the same instant
        is the naive timestamp localized to UTC, then converted; at the period's end (how='end') tz was ignored."""
        how = argument(call, "how", 1)
        tz, how = kwarg(call, "tz").value, "start" if how is None else _literal(how.value)
        if how is _UNKNOWN:
            return None
        naive = remove_kwarg(call, "tz")
        if how in _ENDS or _literal(tz) is None:
            return naive
        converted = "" if _literal(tz) == "UTC" else f".tz_convert({code_of(tz)})"
        return cst.parse_expression(f"{code_of(naive)}.tz_localize('UTC'){converted}")

    @staticmethod
    def _columns_sorted_first(call: cst.Call) -> cst.Call:
        """df.plot(sort_columns=True) plotted the columns in sorted order: the frame sorted by its columns plots
        them so; False was the default. A Series' plot (``df['a'].plot``) had no columns to sort."""
        flag = _given(call, "sort_columns")
        if not isinstance(flag, bool):
            return call
        call = remove_kwarg(call, "sort_columns")
        accessor = call.func if call.func.attr.value == "plot" else call.func.value
        frame = accessor.value
        if not flag or m.matches(frame, m.Subscript(slice=[m.SubscriptElement(m.Index(m.SimpleString()))])):
            return call
        sorted_frame = cst.parse_expression(f"{code_of(parenthesized(frame))}.sort_index(axis=1)")
        accessor_sorted = accessor.with_changes(value=sorted_frame)
        if accessor is call.func:
            return call.with_changes(func=accessor_sorted)
        return call.with_changes(func=call.func.with_changes(value=accessor_sorted))

    @staticmethod
    def _inclusive(call: cst.Call) -> cst.Call:
        """between_time(start, end, include_start, include_end) -> inclusive= (both flags True by default)."""
        start, end = argument(call, "include_start", 2), argument(call, "include_end", 3)
        if start is None and end is None or kwarg(call, "inclusive") is not None:
            return call
        flags = tuple(True if a is None else _literal(a.value) for a in (start, end))
        if not all(isinstance(f, bool) for f in flags):
            return call
        call = call.with_changes(args=_commas([a for a in call.args if a is not start and a is not end]))
        return call if flags == (True, True) else add_kwarg(call, "inclusive", _INCLUSIVE[flags])

    def _timestamps_first(self, call: cst.Call) -> cst.Call:
        """resample(kind='timestamp') resampled a PeriodIndex as the timestamps its periods start at (how= the
        convention); a DatetimeIndex as it is."""
        if kwarg(call, "on") is not None or kwarg(call, "level") is not None:
            return call
        how = kwarg(call, "convention")
        pd = self.need("pandas")
        convert = f"x_.to_timestamp(how={code_of(how.value) if how else repr('start')})"
        receiver = cst.parse_expression(f"{code_of(parenthesized(call.func.value))}.pipe(lambda x_: {convert} if "
                                        f"isinstance(x_.index, {pd}.PeriodIndex) else x_)")
        resampled = remove_kwarg(remove_kwarg(call, "kind"), "convention")
        return resampled.with_changes(func=resampled.func.with_changes(value=receiver))

    @staticmethod
    def _around_aggregation(call: cst.Call) -> cst.Call:
        """An aggregation of rolling/resample(axis=1) made on the transpose and transposed back; of
        resample(kind='period') given a PeriodIndex (what the old result's index was)."""
        window = _window(call.func.value) if isinstance(call.func, cst.Attribute) else None
        if window is None:
            return call
        axis = kwarg(window, "axis")
        if axis is not None and _axis(axis.value) == 1:
            receiver = cst.Attribute(parenthesized(window.func.value), cst.Name("T"))
            inner = remove_kwarg(window, "axis").with_changes(func=window.func.with_changes(value=receiver))
            aggregated = call.with_changes(func=call.func.with_changes(value=_replace_window(call.func.value, inner)))
            return cst.Attribute(aggregated, cst.Name("T"))
        if window.func.attr.value == "resample" and _given(window, "kind") == "period":
            inner = remove_kwarg(window, "kind")
            aggregated = call.with_changes(func=call.func.with_changes(value=_replace_window(call.func.value, inner)))
            return cst.Call(cst.Attribute(aggregated, cst.Name("to_period")))
        return call

    def leave_Expr(self, original, updated):
        """The statements an in-place call was: X.index/X.columns = labels for set_axis in the old order, X = the
        result for set_levels/set_codes(inplace=True), one dropna(inplace=True) per axis; a set_option that set
        display.column_space only goes."""
        call, new = original.value, updated.value
        if not isinstance(call, cst.Call):
            return updated
        if module_call(call, self.ctx, "pandas") == "set_option" and m.matches(new, m.Name("None")):
            return cst.RemovalSentinel.REMOVE  # it set display.column_space only
        name, inplace = callee_name(call), _given(call, "inplace")
        if not isinstance(new, cst.Call) or not isinstance(new.func, cst.Attribute):
            return updated
        if name == "set_axis" and len(positional(call)) == 2 and _axis(positional(call)[0].value) is not None \
                and inplace is not False and len(positional(new)) == 1:
            # the old order set the labels in place: X.index / X.columns = labels (leave_Call put them first)
            side = ("index", "columns")[_axis(positional(call)[0].value)]
            target = cst.Attribute(parenthesized(new.func.value), cst.Name(side))
            return cst.Assign([cst.AssignTarget(target)], positional(new)[0].value)
        if assign_to(new.func.value, new) is None:
            return updated  # a call's result: nothing to write back to
        if name in ("set_levels", "set_codes") and inplace is True:
            return assign_to(new.func.value, remove_kwarg(new, "inplace"))
        if name == "dropna" and inplace is True:  # in place along each axis in turn
            steps = self._dropna_each_axis(new)
            return updated if steps is None else cst.FlattenSentinel([updated.with_changes(value=s) for s in steps])
        return updated

    @staticmethod
    def _without_column_space(call: cst.Call) -> cst.BaseExpression:
        """set_option(key, value, key, value, ...) without the display.column_space pair (an option pandas 2
        removed; it only widened printed columns); None, what set_option returned, when nothing else is set."""
        pairs = [call.args[i:i + 2] for i in range(0, len(call.args), 2)]
        if len(call.args) % 2 or positional(call) != list(call.args):
            return call
        kept = [p for p in pairs if not (string_value(p[0].value) or "").endswith("column_space")]
        if len(kept) == len(pairs):
            return call
        return call.with_changes(args=_commas([a for p in kept for a in p])) if kept else cst.Name("None")

    def leave_Assign(self, original, updated):
        # pd.options.display.column_space = n: the same removed option, set as an attribute
        target = code_of(updated.targets[0].target) if len(updated.targets) == 1 else ""
        if target.endswith(".display.column_space") and target.split(".")[0] in self.ctx.module_names("pandas"):
            return cst.RemovalSentinel.REMOVE
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        """codes, uniques = factorize(x, na_sentinel=k) with k not -1: the codes of missing values (-1 today)
        set to k after the call."""
        updated = one_statement_per_line(original, updated)
        if not isinstance(updated, cst.SimpleStatementLine):
            return updated
        assign = updated.body[0] if len(updated.body) == 1 else None
        if not m.matches(assign, m.Assign(targets=[m.AssignTarget(m.Tuple())], value=m.Call())) \
                or callee_name(assign.value) != "factorize" or kwarg(assign.value, "na_sentinel") is None:
            return updated
        codes, sentinel = assign.targets[0].target.elements[0].value, _given(assign.value, "na_sentinel")
        if not isinstance(codes, cst.Name) or not isinstance(sentinel, int) or isinstance(sentinel, bool):
            return updated
        called = updated.with_changes(body=[assign.with_changes(value=remove_kwarg(assign.value, "na_sentinel"))])
        marked = cst.parse_statement(f"{codes.value}[{codes.value} == -1] = {sentinel}\n")
        return cst.FlattenSentinel([called, marked])

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)
