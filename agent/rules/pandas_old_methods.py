"""pandas 0.x-2.x methods and attributes whose successor is another expression: an indexer (``icol``,
``iget_value``), an operator (``Index.contains``, ``DateOffset.apply``), another receiver (``pd.groupby(df, k)``,
``pd.pnow``), the constructor for a classmethod (``Series.from_array``), or a keyword added (``combineAdd``,
``cdate_range``, ``Styler.hide_columns``).

Written from the deprecation notes of pandas 0.17-2.0 and the removed methods' last bodies. Names only pandas ever
had are rewritten wherever a notebook that imports pandas writes them (``pandas-old-methods``); names numpy,
Python or other objects share (``reshape``, ``data``, ``contains``, ``put``, ``apply``, ``cat.name``) only on the
line that failed with pandas' own error (``pandas-old-methods-on-error``).
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
    dotted,
    kwarg,
    make_arg,
    module_call,
    one_statement_per_line,
    parenthesized,
    plain_reference,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    split_import_from,
)
from .python3_rules import Importing

# Classmethods that built an object the constructor builds from the same arguments; the positions of the old
# method's parameters after the first, which the constructor orders differently (they go by keyword).
_FROM_CONSTRUCTOR = {
    ("Categorical", "from_array"): (),  # from_array(data, **kwargs): Categorical(data, **kwargs)
    ("Series", "from_array"): ("index", "name", "dtype", "copy", "fastpath"),
    ("IntervalIndex", "from_intervals"): ("closed", "name", "copy", "dtype"),
}
_DROPPED = {"fastpath"}  # a constructor keyword of old that only skipped checks
# pandas' top-level names that moved: from pandas import X becomes from <module> import X
_MOVED = {"plot_params": "pandas.plotting", "SparseArray": "pandas.arrays"}
_PERIOD_FIELDS = {"year", "quarter", "month", "day", "hour", "minute", "second"}
_AN_INDEX = m.Attribute(attr=m.Name("index") | m.Name("columns"))  # a receiver that is an Index for certain


def _pandas_path(node: cst.BaseExpression, ctx, name: str) -> bool:
    """Whether ``node`` is pandas' ``name``: ``pd.Categorical``, ``pandas.core.categorical.Categorical``, or the
    bare name imported from pandas."""
    path = dotted(node) or ""
    head, _, last = path.rpartition(".")
    if last != name:
        return False
    if not head:
        return ctx.imported.get(name, "").startswith("pandas")
    return head.split(".")[0] in ctx.names_for("pandas", ("pd", "pandas"))


def _by_keyword(args, names: tuple[str, ...]) -> list[cst.Arg] | None:
    """``args`` with the positional ones after the first passed by the keywords ``names``, in order; None when
    there are more positional arguments than names."""
    out, position = [], 0
    for arg in args:
        if arg.keyword is None and not arg.star:
            if position:
                if position > len(names):
                    return None
                arg = make_arg(names[position - 1], arg.value).with_changes(comma=arg.comma)
            position += 1
        out.append(arg)
    return out


def _without(args: list[cst.Arg], dropped: set[str]) -> list[cst.Arg]:
    """``args`` without the keywords ``dropped``, the last one left without its comma."""
    kept = [a for a in args if not (a.keyword and a.keyword.value in dropped)]
    if kept and len(kept) < len(args):
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return kept


class _Operators(RuleTransformer):
    """A transformer whose rewrites return operators in parentheses (``operator``), and drops them again where the
    operator is a whole value: ``flag = k in idx``, ``print(ts + off)``, ``if k in idx:``."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # id -> node: the nodes are held, for an id is only theirs while they live (libcst rebuilds the others)
        self.made: dict[int, cst.CSTNode] = {}

    def operator(self, text: str) -> cst.BaseExpression:
        node = parenthesized(cst.parse_expression(text))  # it takes the place of a call, which binds tighter
        self.made[id(node)] = node
        return node

    def _bare(self, updated: cst.CSTNode, field: str) -> cst.CSTNode:
        value = getattr(updated, field)
        if id(value) not in self.made or len(value.lpar) != 1:
            return updated
        return updated.with_changes(**{field: value.with_changes(lpar=[], rpar=[])})

    def leave_Arg(self, original, updated):
        return self._bare(updated, "value")

    def leave_Assign(self, original, updated):
        return self._bare(updated, "value")

    def leave_Expr(self, original, updated):
        return self._bare(updated, "value")

    def leave_Return(self, original, updated):
        return self._bare(updated, "value") if updated.value else updated

    def leave_If(self, original, updated):
        return self._bare(updated, "test")


@rule(
    "pandas-old-methods",
    library="pandas",
    changed_in="pandas 0.20 (icol, iget_value, combineAdd, combineMult), 0.23 (Categorical.from_array, "
    "read_csv(as_recarray=)), 0.24 (pnow, pd.groupby, pd.plot_params), 0.25 (cdate_range), 1.0 (Series.from_array, "
    "IntervalIndex.from_intervals, cat.categorical, dtype_str), 2.0 (is_mixed, union_many, to_perioddelta, "
    "hide_columns, onOffset, pd.SparseArray), 3.0 (PeriodIndex(year=...))",
    rationale="Each removed method was a thin wrapper, written out here as its body: icol(i) is iloc[:, i], "
    "iget_value(i) iat[i], combineAdd/combineMult add(o, fill_value=0)/mul(o, fill_value=1), pnow(f) Period.now(f), "
    "pd.groupby(obj, by) obj.groupby(by), cdate_range bdate_range(freq='C'), X.from_array(a) the constructor X(a), "
    "read_csv(as_recarray=True) read_csv(...).to_records(index=False), cat.categorical the Series' array, "
    "dtype_str str(dtype), is_mixed() inferred_type == 'mixed', union_many unions one by one, to_perioddelta(f) "
    "idx - idx.to_period(f).to_timestamp(), hide_columns hide(axis='columns'), onOffset is_on_offset, "
    "pd.plot_params and pd.SparseArray live in pandas.plotting and pandas.arrays, and PeriodIndex built from "
    "fields is PeriodIndex.from_fields.",
    needles=("icol(", "iget_value(", "combineAdd(", "combineMult(", "pnow", "groupby", "plot_params", "cdate_range",
             "from_array(", "from_intervals(", "as_recarray", ".categorical", "dtype_str", "is_mixed(", "union_many(",
             "to_perioddelta(", "hide_columns(", "onOffset(", "SparseArray", "PeriodIndex(", "get_value("),
    gate=lambda ctx, code: "pandas" in ctx.text,
    examples=(
        ("import pandas as pd\nfirst = df.icol(0)\nv = s.iget_value(1)\nw = df.iget_value(0, 2)\n"
         "t = a.combineAdd(b)\np = a.combineMult(b)\nnow = pd.pnow('D')\ng = pd.groupby(df, 'k').sum()\n"
         "pd.plot_params['x_compat'] = True\ndays = pd.cdate_range('2020-01-01', periods=5, holidays=h)",
         "import pandas as pd\nfirst = df.iloc[:, 0]\nv = s.iat[1]\nw = df.iat[0, 2]\n"
         "t = a.add(b, fill_value=0)\np = a.mul(b, fill_value=1)\nnow = pd.Period.now('D')\ng = df.groupby('k').sum()\n"
         "pd.plotting.plot_params['x_compat'] = True\n"
         "days = pd.bdate_range('2020-01-01', periods=5, holidays=h, freq='C')"),
        ("import pandas as pd\nc = pd.Categorical.from_array(x, ordered=True)\n"
         "s = pd.Series.from_array(a, idx, 'v')\nii = pd.IntervalIndex.from_intervals(ivs)\n"
         "r = pd.read_csv('f.csv', as_recarray=True, index_col=0)\nq = pd.read_csv('g.csv', as_recarray=False)\n"
         "codes = df['c'].cat.categorical.codes\nprint(df.index.dtype_str)",
         "import pandas as pd\nc = pd.Categorical(x, ordered=True)\n"
         "s = pd.Series(a, index=idx, name='v')\nii = pd.IntervalIndex(ivs)\n"
         "r = pd.read_csv('f.csv').to_records(index=False)\nq = pd.read_csv('g.csv')\n"
         "codes = df['c'].array.codes\nprint(str(df.index.dtype))"),
        ("import pandas as pd\nif df.columns.is_mixed():\n    pass\nu = idx.union_many([a, b])\n"
         "v = idx.union_many(others)\nd = idx.to_perioddelta('M')\n"
         "e = pd.date_range('2020', periods=3).to_perioddelta(freq='M')\nst = df.style.hide_columns(['a'])\n"
         "ok = pd.offsets.MonthEnd().onOffset(t)\nsp = pd.SparseArray([0, 1])\n"
         "q = pd.PeriodIndex(year=y, quarter=qs, name='q')\nv = s.index.get_value(s, 'a')",
         "import functools\nimport pandas as pd\nif df.columns.inferred_type == 'mixed':\n    pass\n"
         "u = idx.union(a).union(b)\nv = functools.reduce(lambda a_, b_: a_.union(b_), others, idx)\n"
         "d = idx - idx.to_period('M').to_timestamp()\n"
         "e = (lambda i_: i_ - i_.to_period(freq='M').to_timestamp())(pd.date_range('2020', periods=3))\n"
         "st = df.style.hide(['a'], axis='columns')\nok = pd.offsets.MonthEnd().is_on_offset(t)\n"
         "sp = pd.arrays.SparseArray([0, 1])\nq = pd.PeriodIndex.from_fields(year=y, quarter=qs).rename('q')\n"
         "v = s.loc['a']"),
        ("from pandas import pnow, cdate_range, groupby, SparseArray, DataFrame\nnow = pnow('M')\n"
         "days = cdate_range('2020-01-01', '2020-02-01')\ng = groupby(df, 'k')\nsp = SparseArray([0, 1])",
         "from pandas import DataFrame\nfrom pandas import Period\nfrom pandas import bdate_range as cdate_range\n"
         "from pandas.arrays import SparseArray\nnow = Period.now('M')\n"
         "days = cdate_range('2020-01-01', '2020-02-01', freq='C')\ng = df.groupby('k')\nsp = SparseArray([0, 1])"),
        # not pandas' (no pandas in the notebook), and spellings others share
        ("import numpy as np\nc = Categorical.from_array(x)\ng = groupby(rows, key)",
         "import numpy as np\nc = Categorical.from_array(x)\ng = groupby(rows, key)"),
        ("import pandas as pd\nfrom itertools import groupby\ng = groupby(rows, key)\nv = ds.at[0, 1]",
         "import pandas as pd\nfrom itertools import groupby\ng = groupby(rows, key)\nv = ds.at[0, 1]"),
        ("import pandas as pd\nfrom pandas import groupby\nsums = groupby(df, 'k').sum()",
         "import pandas as pd\nsums = df.groupby('k').sum()"),
    ),
)
class OldMethods(Importing, _Operators):
    def leave_ImportFrom(self, original, updated):
        # from pandas import pnow / cdate_range / groupby / plot_params / SparseArray: each name its successor
        if dotted(updated.module or cst.Name("_")) != "pandas" or isinstance(updated.names, cst.ImportStar):
            return updated
        kept, moved = [], []
        for alias in updated.names:
            name = alias.name.value
            local = alias.asname.name.value if alias.asname else name
            if name == "pnow":
                moved.append(("pandas", "Period", "Period"))
            elif name == "cdate_range":
                moved.append(("pandas", "bdate_range", local))  # its calls get freq='C' (leave_Call)
            elif name in _MOVED:
                moved.append((_MOVED[name], name, local))
            elif name != "groupby":  # its calls become the object's method
                kept.append(alias)
        if not moved and len(kept) == len(updated.names):
            return updated
        return split_import_from(updated, kept, moved)

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)  # an import split in two

    def leave_Attribute(self, original, updated):
        name, owner = updated.attr.value, updated.value
        if name == "dtype_str":
            return cst.Call(cst.Name("str"), [cst.Arg(updated.with_changes(attr=cst.Name("dtype")))])
        if name == "categorical" and m.matches(owner, m.Attribute(attr=m.Name("cat"))):
            return owner.with_changes(attr=cst.Name("array"))  # the Categorical behind the Series
        if name in _MOVED and dotted(owner) in self.ctx.module_names("pandas"):
            return updated.with_changes(value=cst.Attribute(owner, cst.Name(_MOVED[name].split(".")[1])))
        return updated

    def leave_Call(self, original, updated):
        name = module_call(updated, self.ctx, "pandas")
        if name in ("pnow", "cdate_range", "groupby", "PeriodIndex"):
            return self._module_function(updated, name)
        func = updated.func
        if name in ("read_csv", "read_table") and kwarg(updated, "as_recarray") is not None:
            return self._records(updated)
        if not isinstance(func, cst.Attribute):
            return updated
        method, owner, args, pos = func.attr.value, func.value, updated.args, positional(updated)
        only = pos[0].value if len(pos) == len(args) == 1 else None
        if (callee_name(cst.Call(owner)), method) in _FROM_CONSTRUCTOR:
            return self._constructor(updated, method)
        if method == "PeriodIndex" and _pandas_path(func, self.ctx, "PeriodIndex"):
            return self._from_fields(updated)
        if method == "get_value" and len(pos) == len(args) == 2 and m.matches(owner, _AN_INDEX):
            return _located(pos[0].value, pos[1].value)  # the old method looked the key up in the series
        if method == "icol" and only is not None:
            return cst.parse_expression(f"{code_of(parenthesized(owner))}.iloc[:, {code_of(only)}]")
        if method == "iget_value" and 1 <= len(pos) == len(args) <= 2:
            return cst.Subscript(cst.Attribute(owner, cst.Name("iat")),
                                 [cst.SubscriptElement(cst.Index(a.value)) for a in pos])
        if method in ("combineAdd", "combineMult") and only is not None:
            new, fill = ("add", "0") if method == "combineAdd" else ("mul", "1")
            return cst.parse_expression(f"{code_of(owner)}.{new}({code_of(only)}, fill_value={fill})")
        if method == "is_mixed" and not args:
            return self.operator(f"{code_of(owner)}.inferred_type == 'mixed'")
        if method == "union_many" and only is not None:
            return self._union(owner, only)
        if method == "to_perioddelta" and len(args) == 1:
            period = f".to_period({code_of(args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT))}).to_timestamp()"
            if plain_reference(owner):
                return self.operator(f"{code_of(owner)} - {code_of(owner)}{period}")
            return cst.parse_expression(f"(lambda i_: i_ - i_{period})({code_of(owner)})")  # an Index has no pipe
        if method == "hide_columns":
            moved = _by_keyword(args, ("level", "names"))  # hide's second parameter is axis
            if moved is not None and kwarg(updated, "axis") is None:
                call = updated.with_changes(func=func.with_changes(attr=cst.Name("hide")), args=moved)
                return add_kwarg(call, "axis", "'columns'")
        if method == "onOffset":
            return updated.with_changes(func=func.with_changes(attr=cst.Name("is_on_offset")))
        return updated

    def _module_function(self, call: cst.Call, name: str) -> cst.BaseExpression:
        """pd.pnow, pd.cdate_range, pd.groupby, pd.PeriodIndex(year=...), or the name imported from pandas (whose
        import leave_ImportFrom rewrites: pnow's to Period, cdate_range's to bdate_range under the same name)."""
        attribute = isinstance(call.func, cst.Attribute)
        if name == "pnow":
            period = f"{code_of(call.func.value)}.Period" if attribute else "Period"
            return call.with_changes(func=cst.parse_expression(f"{period}.now"))
        if name == "cdate_range":
            if attribute:
                call = call.with_changes(func=call.func.with_changes(attr=cst.Name("bdate_range")))
            return self._custom_days(call)
        if name == "groupby":
            return self._as_method(call)
        return self._from_fields(call)

    @staticmethod
    def _custom_days(call: cst.Call) -> cst.Call:
        """cdate_range(start, end, periods, freq='C', ...): bdate_range's default is 'B' (weekdays without
        holidays), so the custom calendar's frequency is given; closed= is inclusive= since 1.4."""
        if kwarg(call, "freq") is None and len(positional(call)) < 4:
            call = add_kwarg(call, "freq", "'C'")
        closed = kwarg(call, "closed")
        if closed is not None:
            call = remove_kwarg(call, "closed") if m.matches(closed.value, m.Name("None")) else \
                rename_kwarg(call, "closed", "inclusive")
        return call

    @staticmethod
    def _as_method(call: cst.Call) -> cst.BaseExpression:
        """pd.groupby(obj, by, **kwargs) was obj.groupby(by, **kwargs)."""
        pos = positional(call)
        if not pos or call.args[0] is not pos[0]:
            return call
        rest = list(call.args[1:])
        return cst.Call(cst.Attribute(parenthesized(pos[0].value), cst.Name("groupby")), rest)

    def _constructor(self, call: cst.Call, method: str) -> cst.BaseExpression:
        """Categorical.from_array(x, ...) and the like: the class called with the same arguments."""
        cls = call.func.value
        key = (callee_name(cst.Call(cls)), method)
        if not _pandas_path(cls, self.ctx, key[0]):
            return call
        args = _by_keyword(call.args, _FROM_CONSTRUCTOR[key])
        return call if args is None else cst.Call(cls, _without(args, _DROPPED))

    def _from_fields(self, call: cst.Call) -> cst.BaseExpression:
        """PeriodIndex(year=..., quarter=..., freq=...) built the index from its fields, as from_fields does
        today; the name, which from_fields does not take, is given by rename."""
        keywords = {a.keyword.value for a in call.args if a.keyword}
        if positional(call) or not keywords & _PERIOD_FIELDS or keywords - _PERIOD_FIELDS - {"freq", "name"}:
            return call
        fields = call.with_changes(func=cst.Attribute(call.func, cst.Name("from_fields")),
                                   args=_without(list(call.args), {"name"}))
        name = kwarg(call, "name")
        return fields if name is None else cst.Call(cst.Attribute(fields, cst.Name("rename")), [cst.Arg(name.value)])

    @staticmethod
    def _records(call: cst.Call) -> cst.BaseExpression:
        """read_csv(as_recarray=True) gave the rows as a numpy record array, without an index (index_col was
        ignored); False was the default."""
        flag = kwarg(call, "as_recarray").value
        frame = remove_kwarg(call, "as_recarray")
        if not m.matches(flag, m.Name("True")):
            return frame if m.matches(flag, m.Name("False")) else call  # a flag known only when it runs: left
        return cst.Call(cst.Attribute(remove_kwarg(frame, "index_col"), cst.Name("to_records")),
                        [make_arg("index", "False")])

    def _union(self, owner: cst.BaseExpression, others: cst.BaseExpression) -> cst.BaseExpression:
        """union_many(others) unioned the index with each of others in turn."""
        if isinstance(others, (cst.List, cst.Tuple)) and others.elements \
                and not any(isinstance(e, cst.StarredElement) for e in others.elements):
            result = owner
            for element in others.elements:
                result = cst.Call(cst.Attribute(result, cst.Name("union")), [cst.Arg(element.value)])
            return result
        functools = self.need("functools")
        return cst.parse_expression(
            f"{functools}.reduce(lambda a_, b_: a_.union(b_), {code_of(others)}, {code_of(owner)})")



_MISSING = re.compile(r"has no attribute '(\w+)'")
# What each removed member of a Series or an Index read from its values: the array's own attribute
_ARRAY_ATTRIBUTES = {"reshape": "to_numpy()", "data": "to_numpy()", "strides": "to_numpy()", "itemsize": "dtype"}
_NUMPY_RECEIVER = m.Attribute(attr=m.Name("values")) | m.Call(func=m.Attribute(attr=m.Name("to_numpy"))) | m.Call(
    func=m.Attribute(value=m.Name("np") | m.Name("numpy")))


@rule(
    "pandas-old-methods-on-error",
    library="pandas",
    changed_in="pandas 0.23 (Series.reshape), 0.25 (rename_axis with a mapper), 1.0 (Series/Index .data, .strides, "
    ".itemsize, Index.contains, Series.put, cat.index / cat.name), 2.0 (Categorical.to_dense, DateOffset.apply, "
    "Index.get_value)",
    rationale="Spellings numpy, Python and other objects share, rewritten on pandas' own failing line: a Series' "
    "reshape, data and strides were its values' (to_numpy()), itemsize its dtype's; idx.contains(k) was k in idx, "
    "s.put(i, v) wrote positions (s.iloc[i] = v), s.cat.index / s.cat.name the Series' own, Categorical.to_dense() "
    "np.asarray of it, offset.apply(ts) ts + offset, idx.get_value(s, k) s.loc[k], and rename_axis given a mapper "
    "renamed the labels, which rename does.",
    kind="error",
    needles=(".reshape(", ".data", ".strides", ".itemsize", ".contains(", ".put(", ".cat.", ".to_dense(", ".apply(",
             "get_value(", ".at[", "rename_axis("),
    signatures=(
        ("AttributeError", r"'(Series|\w*Index)' object has no attribute '(reshape|data|strides|itemsize|put)'"),
        ("AttributeError", r"'\w*Index' object has no attribute '(contains|get_value|at)'"),
        ("AttributeError", r"'CategoricalAccessor' object has no attribute '(index|name|categorical)'"),
        ("AttributeError", r"'Categorical' object has no attribute 'to_dense'"),
        ("AttributeError", r"'pandas\._libs\.tslibs\.offsets\.\w+' object has no attribute 'apply'"),
        ("ValueError", r"Use `\.rename` to alter labels with a mapper"),
    ),
    examples=(
        # no failing line: the shared spellings stay as they are
        ("import pandas as pd\nX = df['a'].reshape(-1, 1)\nok = idx.contains(3)\ns.put(0, 5)\nt = off.apply(ts)\n"
         "n = s.cat.name\nb = s.data\ns2 = s.rename_axis(str.upper)",
         "import pandas as pd\nX = df['a'].reshape(-1, 1)\nok = idx.contains(3)\ns.put(0, 5)\nt = off.apply(ts)\n"
         "n = s.cat.name\nb = s.data\ns2 = s.rename_axis(str.upper)"),
    ),
)
class OldMethodsOnError(Importing, _Operators):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        found = _MISSING.search(ctx.error.evalue) if self.on_own_error else None
        self.missing = found.group(1) if found else ("rename_axis" if self.on_own_error else None)
        self.chosen: set[int] = set()
        self.puts: dict[int, cst.Call] = {}  # the s.iloc.__setitem__ calls written for s.put, held as made is

    def visit_Module(self, node):
        # The members the error names on the failing line; where there are several (numpy's reshape beside the
        # Series'), the ones whose receiver is evidently numpy's are left alone.
        if self.missing is None:
            return True
        found = [a for a in m.findall(node, m.Attribute(attr=m.Name(self.missing))) if self._at_error_line(a)]
        if len(found) > 1:
            found = [a for a in found if not m.matches(a.value, _NUMPY_RECEIVER | m.Attribute(attr=m.Name("str")))]
        self.chosen = {id(a) for a in found}
        return True

    def _chosen(self, attribute: cst.BaseExpression) -> bool:
        return id(attribute) in self.chosen

    def leave_Attribute(self, original, updated):
        name, owner = updated.attr.value, updated.value
        if not self._chosen(original):
            return updated
        if name in _ARRAY_ATTRIBUTES:
            array = cst.parse_expression(f"{code_of(parenthesized(owner))}.{_ARRAY_ATTRIBUTES[name]}")
            return updated.with_changes(value=array)
        if name in ("index", "name", "categorical") and m.matches(owner, m.Attribute(attr=m.Name("cat"))):
            return owner.with_changes(attr=cst.Name("array" if name == "categorical" else name))
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or not isinstance(original.func, cst.Attribute):
            return updated
        method, owner, args, pos = func.attr.value, func.value, updated.args, positional(updated)
        if method == "rename_axis" and self.missing == "rename_axis" and self.on_own_error_line(original):
            return self._rename(updated)
        if not self._chosen(original.func):
            return updated
        only = pos[0].value if len(pos) == len(args) == 1 else None
        if method == "contains" and only is not None:
            return self.operator(f"{code_of(only)} in {code_of(owner)}")
        if method == "apply" and only is not None:
            return self.operator(f"{code_of(only)} + {code_of(owner)}")
        if method == "to_dense" and not args:
            return cst.parse_expression(f"{self.need('numpy')}.asarray({code_of(owner)})")
        if method == "get_value" and len(pos) == len(args) == 2:
            return _located(pos[0].value, pos[1].value)
        if method == "put" and len(pos) == len(args) == 2:
            # s.put(positions, values) set the values at those positions in place (numpy's put on the array)
            setter = cst.Attribute(cst.Attribute(parenthesized(owner), cst.Name("iloc")), cst.Name("__setitem__"))
            call = updated.with_changes(func=setter)
            self.puts[id(call)] = call
            return call
        return updated

    def leave_Subscript(self, original, updated):
        # idx.at[series, key]: pandas-removed-functions' reading of idx.get_value(series, key)
        if self._chosen(original.value) and len(updated.slice) == 2 \
                and all(isinstance(e.slice, cst.Index) for e in updated.slice):
            return _located(*(e.slice.value for e in updated.slice))
        return updated

    def leave_Expr(self, original, updated):
        # a put on its own line (as it was written, for its effect) is the assignment itself
        call = updated.value
        if id(call) in self.puts:
            indexer, (position, value) = call.func.value, call.args
            target = cst.Subscript(indexer, [cst.SubscriptElement(cst.Index(position.value))])
            return cst.Assign([cst.AssignTarget(target)], value.value)
        return super().leave_Expr(original, updated)

    @staticmethod
    def _rename(call: cst.Call) -> cst.Call:
        """rename_axis(mapper, axis, copy, inplace) with a function or a dict renamed the labels: rename(mapper)
        with the same axis and inplace (a frame's rename takes them by keyword; copy is no more)."""
        args = _by_keyword(call.args, ("axis", "copy", "inplace"))
        if args is None:
            return call
        args = [a.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT) if a.keyword
                and a.keyword.value == "mapper" else a for a in _without(args, {"copy"})]
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("rename")), args=args)


def _located(series: cst.BaseExpression, key: cst.BaseExpression) -> cst.BaseExpression:
    """Index.get_value(series, key): the value at label ``key`` of ``series``."""
    return cst.Subscript(cst.Attribute(parenthesized(series), cst.Name("loc")), [cst.SubscriptElement(cst.Index(key))])
