"""pandas methods and parameters removed in 0.2x-3.0 whose old result a modern expression gives exactly.

Written from the catalogue's entries, not from a notebook's spelling: the rewrite acts on the
receiver whatever it is called (``df``, ``train['a']``, ``data.groupby('k')['v']``). Where the old
name is unique to pandas (``tshift``, ``lookup``, ``get_loc(method=)``) the static pass rewrites it;
where numpy or Python has a method of the same name (``ravel``, ``ptp``, ``swapaxes``, ``is_integer``)
only the failing line of a cell whose error names a pandas type is touched.
"""

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
    kwarg,
    parenthesized,
    plain_reference,
    positional,
    read_once,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .pandas_rules import pd_name
from .python3_rules import Importing


def _method(call: cst.Call, *names: str) -> bool:
    return isinstance(call.func, cst.Attribute) and call.func.attr.value in names


# --------------------------------------------------------------------------- static: names only pandas had

_FREQ_UNITS = {"H": "h", "T": "min", "S": "s", "L": "ms", "U": "us", "N": "ns"}


def _offset_for(rule_text: str | None, base: cst.BaseExpression) -> str | None:
    """resample('24H', base=12) -> "'12h'": base counted in the frequency's unit."""
    if rule_text is None or not isinstance(base, cst.Integer):
        return None
    found = re.fullmatch(r"\d*([A-Za-z]+)", rule_text)
    if not found:
        return None
    unit = _FREQ_UNITS.get(found[1], found[1])
    if unit not in ("D", "h", "min", "s", "ms", "us", "ns"):
        return None  # base only ever applied to fixed (Tick) frequencies
    return repr(f"{base.value}{unit}")


# (method, parameter) -> the value it had by default: given that value, dropping it changes nothing
_DEFAULT_GIVEN = {("groupby", "squeeze"): "False", ("to_csv", "tupleize_cols"): "False",
                  ("read_csv", "tupleize_cols"): "False", ("to_datetime", "box"): "True",
                  ("read_csv", "keep_date_col"): "False", ("read_table", "keep_date_col"): "False",
                  ("rolling", "freq"): "None", ("resample", "loffset"): "None"}


@rule(
    "pandas-removed-call-shapes",
    library="pandas",
    changed_in="pandas 1.0-2.0",
    rationale="removed methods and parameters with an exact modern form: tshift(n) is shift(n, freq='infer'), "
    "lookup(rows, cols) indexes to_numpy() with get_indexer, get_loc(k, method=) is get_indexer([k], method=)[0], "
    "read_csv(header=None, prefix='X') is read_csv(header=None).add_prefix('X'), resample/Grouper base=n is "
    "offset= n units of the frequency, resample(loffset=) shifts the result's index, rolling(freq=) resamples first, "
    "Series.from_csv is read_csv with its old defaults, and parameters given their old default (groupby(squeeze=False), "
    "to_csv(tupleize_cols=False), to_datetime(box=True), read_csv(keep_date_col=False)) are dropped.",
    needles=("tshift", "lookup", "get_loc", "prefix", "base", "squeeze", "tupleize_cols", "box", "keep_date_col",
             "loffset", "from_csv", "rolling("),
    prefilter=re.compile(r"\.tshift\(|\.lookup\(|get_loc\([^)]*method\s*=|read_\w+\([^)]*prefix\s*=|\bbase\s*=|"
                         r"squeeze\s*=\s*False|tupleize_cols|\bbox\s*=|keep_date_col|rolling\([^)]*freq\s*=|loffset\s*=|"
                         r"Series\.from_csv").search,
    signatures=(("AttributeError", r"has no attribute '(tshift|lookup|from_csv)'"),
                ("TypeError", r"unexpected keyword argument '(method|prefix|base|squeeze|tupleize_cols|box|keep_date_col|"
                 r"freq|loffset)'")),
    examples=(
        ("s2 = s.tshift(2)\nd = df.tshift(freq='D')", "s2 = s.shift(2, freq='infer')\nd = df.shift(freq='D')"),
        ("v = df.lookup(df.index, df['col'])",
         "v = df.to_numpy()[df.index.get_indexer(df.index), df.columns.get_indexer(df['col'])]"),
        ("i = df.index.get_loc(t, method='nearest')", "i = df.index.get_indexer([t], method='nearest')[0]"),
        ("d = pd.read_csv(f, header=None, prefix='X')\ne = pd.read_csv(g, prefix='V')",
         "d = pd.read_csv(f, header=None).add_prefix('X')\ne = pd.read_csv(g)"),
        ("h = ts.resample('24H', base=12).mean()\ng = pd.Grouper(freq='5min', base=2)\nk = ts.resample('D', base=0).sum()",
         "h = ts.resample('24H', offset='12h').mean()\ng = pd.Grouper(freq='5min', offset='2min')\nk = ts.resample('D').sum()"),
        ("g = df.groupby('a', squeeze=False)\ndf.to_csv('o.csv', tupleize_cols=False)\nt = pd.to_datetime(x, box=True)",
         "g = df.groupby('a')\ndf.to_csv('o.csv')\nt = pd.to_datetime(x)"),
        ("g = df.groupby('a', squeeze=True)", "g = df.groupby('a', squeeze=True)"),
        ("s = pd.Series.from_csv('ts.csv')",
         "s = pd.read_csv('ts.csv', header=None, index_col=0, parse_dates=True).iloc[:, 0].rename(None).rename_axis(None)"),
        ("import pandas as pd\nd = ts.resample('D', loffset='12h').sum()\nr = ts.rolling(3, freq='D').mean()",
         "import pandas as pd\nd = ts.resample('D').sum().pipe(lambda r: r.set_axis(r.index + pd.tseries.frequencies.to_offset('12h')))\n"
         "r = ts.resample('D').mean().rolling(3).mean()"),
    ),
)
class RemovedCallShapes(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        name = callee_name(updated)
        if name == "tshift" and isinstance(func, cst.Attribute):
            call = updated.with_changes(func=func.with_changes(attr=cst.Name("shift")))
            if kwarg(call, "freq") is None and len(positional(call)) < 2:
                call = add_kwarg(call, "freq", "'infer'")  # what tshift did: the index's own frequency
            return call
        if name == "lookup" and isinstance(func, cst.Attribute) and len(updated.args) == 2 \
                and not any(a.keyword for a in updated.args):
            rows, cols = (code_of(a.value) for a in updated.args)
            return read_once(func.value, lambda f: f"{f}.to_numpy()[{f}.index.get_indexer({rows}), "
                                                   f"{f}.columns.get_indexer({cols})]")
        if name == "get_loc" and isinstance(func, cst.Attribute) and kwarg(updated, "method") is not None:
            pos = positional(updated)
            if len(pos) != 1:
                return updated
            args = [a.with_changes(value=cst.List([cst.Element(a.value)])) if a is pos[0] else a for a in updated.args]
            indexer = updated.with_changes(func=func.with_changes(attr=cst.Name("get_indexer")), args=args)
            return cst.Subscript(indexer, [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
        if name in ("read_csv", "read_table", "read_fwf") and kwarg(updated, "prefix") is not None:
            prefix = kwarg(updated, "prefix").value
            call = remove_kwarg(updated, "prefix")
            header = kwarg(updated, "header")
            if header is None or not m.matches(header.value, m.Name("None")) or kwarg(updated, "chunksize") \
                    or kwarg(updated, "iterator") or kwarg(updated, "names"):
                return call  # the prefix only named the columns of a headerless read without names
            return cst.Call(cst.Attribute(call, cst.Name("add_prefix")), [cst.Arg(prefix)])
        if name in ("resample", "Grouper") and kwarg(updated, "base") is not None:
            base = kwarg(updated, "base").value
            if m.matches(base, m.Integer("0")):
                return remove_kwarg(updated, "base")
            pos = positional(updated)
            freq = kwarg(updated, "rule") or kwarg(updated, "freq") or (pos[0] if pos and name == "resample" else None)
            offset = _offset_for(string_value(freq.value) if freq else None, base)
            if offset is None or kwarg(updated, "offset") is not None:
                return updated
            return set_kwarg_value(rename_kwarg(updated, "base", "offset"), "offset", offset)
        if name == "from_csv" and m.matches(func, m.Attribute(value=m.Name("Series") | m.Attribute(attr=m.Name("Series")))):
            return self._series_from_csv(updated)
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call) and callee_name(func.value) == "resample":
            loffset = kwarg(func.value, "loffset")
            if loffset is not None and not m.matches(loffset.value, m.Name("None")):
                pd = pd_name(self.ctx)
                inner = updated.with_changes(func=func.with_changes(value=remove_kwarg(func.value, "loffset")))
                return cst.parse_expression(f"{code_of(inner)}.pipe(lambda r: r.set_axis(r.index + "
                                            f"{pd}.tseries.frequencies.to_offset({code_of(loffset.value)})))")
        if name == "rolling" and isinstance(func, cst.Attribute) and kwarg(updated, "freq") is not None \
                and not m.matches(kwarg(updated, "freq").value, m.Name("None")):
            how = kwarg(updated, "how")
            how_name = string_value(how.value) if how is not None else "mean"
            if not how_name or not how_name.isidentifier():
                return updated
            resampled = f"{code_of(func.value)}.resample({code_of(kwarg(updated, 'freq').value)}).{how_name}()"
            rest = remove_kwarg(remove_kwarg(updated, "freq"), "how")
            return rest.with_changes(func=func.with_changes(value=cst.parse_expression(resampled)))
        for (method, param), default in _DEFAULT_GIVEN.items():
            given = kwarg(updated, param)
            if name == method and given is not None and m.matches(given.value, m.Name(default)):
                return remove_kwarg(updated, param)
        return updated


    def _series_from_csv(self, call: cst.Call) -> cst.BaseExpression:
        """Series.from_csv(p) read a headerless two-column file: the first column the index (dates parsed), the
        second the values, neither named."""
        pos = positional(call)
        if len(pos) != 1 or any(a.star for a in call.args):
            return call
        func = call.func.value
        pd = code_of(func.value) if isinstance(func, cst.Attribute) else pd_name(self.ctx)
        given = {a.keyword.value: code_of(a.value) for a in call.args if a.keyword}
        given.pop("infer_datetime_format", None)
        options = {"header": "None", "index_col": "0", "parse_dates": "True", **given}
        read = f"{pd}.read_csv({code_of(pos[0].value)}, " + ", ".join(f"{k}={v}" for k, v in options.items()) + ")"
        unnamed = ".rename(None).rename_axis(None)" if options["header"] == "None" else ""
        return cst.parse_expression(f"{read}.iloc[:, 0]{unnamed}")


# --------------------------------------------------------------------------- error-keyed: names numpy shares

_IS_TYPE = {"is_boolean": "is_bool_dtype({x})", "is_integer": "is_integer_dtype({x})",
            "is_floating": "is_float_dtype({x})", "is_numeric": "is_numeric_dtype({x})",
            "is_object": "(is_object_dtype({x}) or is_string_dtype({x}))"}
_PANDAS_OWNER = r"'(Series|DataFrame|Index|\w+Index|DataFrameGroupBy|SeriesGroupBy)' object has no attribute"


@rule(
    "pandas-removed-reductions",
    library="pandas",
    changed_in="pandas 2.0 (mad, Index.is_*), 3.0 (ravel, ptp, swapaxes; ptp also left numpy 2.0's ndarray)",
    rationale="removed Series/DataFrame methods, on the failing line: mad() is (x - x.mean()).abs().mean() (per group "
    "through agg), ptp() is max() - min(), ravel() is numpy's ravel of the values, nonzero() numpy's nonzero, "
    "swapaxes(0, 1) the transpose, GroupBy.fillna(v) a transform filling each group, Index.is_integer() "
    "(is_numeric, ...) the dtype test of pandas.api.types; 1.0's compound() was (1 + x).prod() - 1, 3.0's "
    "Index.holds_integer() the test of inferred_type it made.",
    kind="error",
    signatures=(("AttributeError", _PANDAS_OWNER + r" '(mad|ptp|ravel|nonzero|swapaxes|is_\w+|fillna|compound|"
                                                   r"holds_integer)'"),
                ("AttributeError", r"'numpy.ndarray' object has no attribute 'ptp'")),
    examples=(
        ("d = df['Age'].mad()\ne = df.mad(axis=1)", "d = (df['Age'] - df['Age'].mean()).abs().mean()\n"
         "e = df.sub(df.mean(axis=1), axis=0).abs().mean(axis=1)"),
        ("g = df.groupby('k')['v'].mad()", "g = df.groupby('k')['v'].agg(lambda x: (x - x.mean()).abs().mean())"),
        ("r = s.ptp()\nq = X.ptp(axis=0)", "r = (s.max() - s.min())\nq = (X.max(axis=0) - X.min(axis=0))"),
        ("import numpy as np\ny = train['y'].ravel()\nt = df.swapaxes(0, 1)", "import numpy as np\ny = np.ravel(train['y'])\nt = df.T"),
        ("import pandas as pd\nif df.index.is_integer():\n    pass", "import pandas as pd\nif pd.api.types.is_integer_dtype(df.index):\n    pass"),
        ("idx = s.nonzero()[0]", "import numpy\nidx = numpy.nonzero(s)[0]"),
        ("total = returns['r'].compound()\nif df.index.holds_integer():\n    pass",
         "total = ((1 + returns['r']).prod() - 1)\nif (df.index.inferred_type in ('integer', 'mixed-integer')):\n    pass"),
        ("df[cols] = df.groupby('k')[cols].fillna(0)", "df[cols] = df.groupby('k')[cols].transform(lambda g_: g_.fillna(0))"),
        # a chain is read once, through pipe
        ("d = pd.read_csv(f).drop('Id', axis=1).mad()\nc = prices.pct_change().compound()",
         "d = pd.read_csv(f).drop('Id', axis=1).pipe(lambda x_: (x_ - x_.mean()).abs().mean())\n"
         "c = prices.pct_change().pipe(lambda x_: ((1 + x_).prod() - 1))"),
    ),
)
class RemovedReductions(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or self.off_error_line(original) and not self.spans_error_line(original):
            return updated
        name, x = func.attr.value, func.value
        if name == "mad":
            return self._mad(updated, x)
        if name == "fillna" and kwarg(updated, "method") is None and self._grouped(x):
            # what GroupBy.fillna did: each group filled on its own, in the frame's row order
            return cst.parse_expression(f"{code_of(x)}.transform(lambda g_: g_.fillna({_args(updated)}))")
        if name == "ptp" and plain_reference(x) and not updated.args or name == "ptp" and plain_reference(x) and all(a.keyword for a in updated.args):
            args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(updated.args) - 1 else a
                    for i, a in enumerate(updated.args)]
            high = cst.Call(cst.Attribute(x, cst.Name("max")), args)
            low = cst.Call(cst.Attribute(x, cst.Name("min")), args)
            return parenthesized(cst.BinaryOperation(high, cst.Subtract(), low))
        if name in ("ravel", "nonzero") and not (name == "nonzero" and updated.args):
            if self.ctx.module_names("numpy") & {code_of(x)}:
                return updated  # np.ravel(...) itself
            numpy = self.need("numpy")
            return cst.Call(cst.Attribute(cst.Name(numpy), cst.Name(name)), [cst.Arg(x), *updated.args])
        if name == "swapaxes" and len(updated.args) == 2:
            axes = {string_value(a.value) or getattr(a.value, "value", None) for a in updated.args}
            if axes in ({"0", "1"}, {"index", "columns"}, {"rows", "columns"}):
                return cst.Attribute(x, cst.Name("T"))
            return updated
        if name == "compound" and not updated.args:
            return read_once(x, lambda s: f"((1 + {s}).prod() - 1)")
        if name == "holds_integer" and not updated.args:
            return cst.parse_expression(f"({code_of(x)}.inferred_type in ('integer', 'mixed-integer'))")
        if name in _IS_TYPE and not updated.args:
            types = f"{pd_name(self.ctx)}.api.types."
            test = _IS_TYPE[name].replace("is_", types + "is_").format(x=code_of(x))
            return cst.parse_expression(test)
        return updated

    def _grouped(self, x: cst.BaseExpression) -> bool:
        if "groupby(" in code_of(x):
            return True
        return isinstance(x, cst.Name) and re.search(rf"\b{x.value}\s*=\s*[^\n]*\.groupby\(", self.ctx.text) is not None

    def _mad(self, call: cst.Call, x: cst.BaseExpression) -> cst.BaseExpression:
        axis = kwarg(call, "axis")
        if len(call.args) > (axis is not None):
            return call
        if "groupby(" in code_of(x) or "rolling(" in code_of(x):
            if call.args:
                return call
            return cst.parse_expression(f"{code_of(x)}.agg(lambda x: (x - x.mean()).abs().mean())")
        if axis is None or m.matches(axis.value, m.Integer("0")) or string_value(axis.value) == "index":
            return read_once(x, lambda f: f"({f} - {f}.mean()).abs().mean()")
        if m.matches(axis.value, m.Integer("1")) or string_value(axis.value) == "columns":
            return read_once(x, lambda f: f"{f}.sub({f}.mean(axis=1), axis=0).abs().mean(axis=1)")
        return call


# --------------------------------------------------------------------------- error-keyed: dict renamers


def _args(call: cst.Call) -> str:
    return ", ".join(code_of(a).rstrip().rstrip(",") for a in call.args)


def _func_value(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.Name, cst.Attribute, cst.Lambda))


@rule(
    "pandas-agg-dict-renamer",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.20)",
    rationale="a dict that renamed aggregations was refused ('nested renamer is not supported'): a grouped column's "
    "agg({'new': f}) is agg(**{'new': f}), and a frame's agg({'col': {'new': f}}) names the same (col, new) columns "
    "through named aggregation and set_axis.",
    kind="error",
    signatures=(("SpecificationError", r"nested renamer is not supported"),),
    examples=(
        ("s = df.groupby('a')['b'].agg({'total': 'sum', 'avg': np.mean})",
         "s = df.groupby('a')['b'].agg(**{'total': 'sum', 'avg': np.mean})"),
        ("import pandas as pd\nt = df.groupby('a').agg({'b': {'lo': 'min', 'hi': 'max'}, 'c': {'n': 'count'}})",
         "import pandas as pd\nt = df.groupby('a').agg(**{'b/lo': ('b', 'min'), 'b/hi': ('b', 'max'), 'c/n': ('c', 'count')})"
         ".set_axis(pd.MultiIndex.from_tuples([('b', 'lo'), ('b', 'hi'), ('c', 'n')]), axis=1)"),
        ("t = df.groupby('a').agg({'b': 'sum'})", "t = df.groupby('a').agg({'b': 'sum'})"),
        ("s = df.groupby('a').b.agg({'n': 'count'})", "s = df.groupby('a').b.agg(**{'n': 'count'})"),
    ),
)
class AggDictRenamer(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Module(self, node):
        # one agg({'name': func}) on the failing line: a frame's would not have raised, so that one is a Series'
        flat = m.Call(func=m.Attribute(attr=m.Name("agg") | m.Name("aggregate")), args=[m.Arg(value=m.Dict())])
        on_line = [c for c in m.findall(node, flat) if self.ctx.error_line is not None and not self.off_error_line(c)]
        self.lone = on_line[0] if len(on_line) == 1 else None

    def leave_Call(self, original, updated):
        if not _method(updated, "agg", "aggregate") or len(updated.args) != 1 or updated.args[0].keyword \
                or not isinstance(updated.args[0].value, cst.Dict) or self.off_error_line(original) and not self.spans_error_line(original):
            return updated
        items = updated.args[0].value.elements
        if not items or not all(isinstance(e, cst.DictElement) and string_value(e.key) is not None for e in items):
            return updated
        if all(_func_value(e.value) for e in items):
            if not (self._grouped_column(updated.func.value) or original is self.lone):
                return updated  # a frame's {'column': func} is still valid
            return updated.with_changes(args=[cst.Arg(updated.args[0].value, star="**")])
        if not all(isinstance(e.value, cst.Dict) for e in items):
            return updated
        named, columns = [], []
        for e in items:
            column = string_value(e.key)
            for inner in e.value.elements:
                new = string_value(inner.key) if isinstance(inner, cst.DictElement) else None
                if new is None or not _func_value(inner.value):
                    return updated
                named.append(f"{f'{column}/{new}'!r}: ({column!r}, {code_of(inner.value)})")
                columns.append(f"({column!r}, {new!r})")
        pd = pd_name(self.ctx)
        agg = f"{code_of(updated.func)}(**{{{', '.join(named)}}})"
        return cst.parse_expression(f"{agg}.set_axis({pd}.MultiIndex.from_tuples([{', '.join(columns)}]), axis=1)")

    def _grouped_column(self, node: cst.BaseExpression) -> bool:
        """``df.groupby(k)['b']`` or ``df.groupby(k).b`` (one column), or a name the notebook assigns one to."""
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and not isinstance(node.slice[0].slice.value, cst.List) or isinstance(node, cst.Attribute):
            return "groupby(" in code_of(node.value) or "resample(" in code_of(node.value)
        if isinstance(node, cst.Name):
            return re.search(rf"\b{node.value}\s*=\s*.*groupby\(.*\)\s*\[\s*['\"]", self.ctx.text) is not None
        return False


# --------------------------------------------------------------------------- groupby keys given as a tuple


@rule(
    "pandas-groupby-tuple-keys",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 0.24)",
    rationale="a tuple given as groupby's keys (groupby(('a', 'b'))) was read as a list of keys; pandas now reads it "
    "as one column label and raises KeyError: ('a', 'b'). The list groups by the same keys.",
    needles=("groupby",),
    prefilter=re.compile(r"groupby\(\s*(by\s*=\s*)?\(").search,
    signatures=(("KeyError", r"^\('[^']*', "),),
    examples=(
        ("all = df_train.groupby(('Survived', feature)).size().unstack()",
         "all = df_train.groupby(['Survived', feature]).size().unstack()"),
        ("g = df.groupby(by=('a', 'b'))['c'].mean()", "g = df.groupby(by=['a', 'b'])['c'].mean()"),
        ("g = df.groupby(('a'))", "g = df.groupby(('a'))"),
    ),
)
class GroupbyTupleKeys(RuleTransformer):
    def leave_Call(self, original, updated):
        if not _method(updated, "groupby"):
            return updated
        pos = positional(updated)
        by = kwarg(updated, "by") or (pos[0] if pos else None)
        if by is None or not isinstance(by.value, cst.Tuple) or len(by.value.elements) < 2:
            return updated
        keys = cst.List([e.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(by.value.elements) - 1 else e
                         for i, e in enumerate(by.value.elements)])
        return updated.with_changes(args=[a.with_changes(value=keys) if a is by else a for a in updated.args])


# --------------------------------------------------------------------------- select(crit, axis=)


@rule(
    "pandas-select-criterion",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.21); 3.0 reuses the name for selecting columns by label",
    rationale="select(crit, axis=0) kept the labels of the axis for which crit returned True; the same rows or "
    "columns are loc[x.index.map(crit)] / loc[:, x.columns.map(crit)]. pandas 3's DataFrame.select takes column "
    "labels, so the function is looked up as a label (KeyError); a Series has no select at all.",
    needles=(".select(",),
    signatures=(("AttributeError", r"'Series' object has no attribute 'select'"),
                ("KeyError", r"None of \[Index\(\[<function")),
    examples=(
        ("x = df.select(lambda c: c.startswith('f'), axis=1)",
         "x = df.loc[:, df.columns.map(lambda c: c.startswith('f'))]"),
        ("y = s.select(lambda i: i % 2 == 0)", "y = s.loc[s.index.map(lambda i: i % 2 == 0)]"),
        ("x = pd.read_csv(f).select(lambda c: c.startswith('f'), axis=1)",
         "x = pd.read_csv(f).pipe(lambda x_: x_.loc[:, x_.columns.map(lambda c: c.startswith('f'))])"),
        ("z = df.select(keep, axis='index')\nw = df.select('a', 'b')",
         "z = df.select(keep, axis='index')\nw = df.select('a', 'b')"),  # a function by name: only on its error
    ),
)
class SelectCriterion(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        given = positional(updated)
        if not _method(updated, "select") or len(given) != 1:
            return updated
        crit = given[0].value
        # a lambda is the old criterion; a function by name only on the line its error names
        named = isinstance(crit, (cst.Name, cst.Attribute)) and self.on_error_line(original)
        if not (isinstance(crit, cst.Lambda) or named):
            return updated
        axis = kwarg(updated, "axis")
        columns = axis is not None and (string_value(axis.value) == "columns" or m.matches(axis.value, m.Integer("1")))
        if axis is not None and not columns and not (string_value(axis.value) == "index"
                                                     or m.matches(axis.value, m.Integer("0"))):
            return updated
        test = code_of(crit)
        return read_once(updated.func.value, lambda x: f"{x}.loc[:, {x}.columns.map({test})]" if columns
                         else f"{x}.loc[{x}.index.map({test})]")
