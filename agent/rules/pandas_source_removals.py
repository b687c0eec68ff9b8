"""Removals found by reading pandas's own source at old releases against the locked one (scripts/signature_diff.py).

Two families the catalogue lacked: ``downcast=`` of the fill methods (fillna, ffill, bfill, interpolate), whose
'infer' made whole-number float columns int64 after filling, written out as the shim ``downcast_inferred`` of
old_pandas.py; and keywords whose value decides what they did, rewritten on the line that failed with pandas'
own "unexpected keyword argument": a groupby method's ``axis=0`` (the only axis a grouped frame filled or ranked
along), ``to_series(keep_tz=True)`` (today's behaviour), ``read_html(tupleize_cols=False)`` (the default),
``replace(a, b, limit=n)`` (limit only counted for a fill), ``align(method=, limit=, fill_axis=)`` (both results
filled afterwards), ``MultiIndex.copy(levels=, codes=)`` (set_levels / set_codes), ``PeriodIndex.astype(
'datetime64[ns]', how=)`` (to_timestamp(how=); a Series ignored how=), a bare Categorical's
``<method>(..., inplace=True)`` (the variable assigned the result), ``to_series(keep_tz=False)`` (UTC wall times),
``Categorical(codes, ..., fastpath=True)`` (from_codes), ``SparseArray(v, index=i)`` and scalar data (an array of
len(i) v's, or of one) and the slice methods' ``kind`` (it only validated labels: dropped, keyword or positional).
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_pandas
from .framework import (
    arg_list,
    argument,
    assign_to,
    bool_value,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rule,
    string_value,
    with_arg_value,
)
from .pandas_removed_more import _shim
from .python3_rules import Importing
from .removed_api import Shims

_FILLS = ("fillna", "ffill", "bfill", "pad", "backfill", "interpolate")


@rule(
    "pandas-fill-downcast",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="fillna/ffill/bfill/interpolate(downcast='infer') made each float column whose filled values are all "
    "whole numbers int64 (other columns stayed as they were); the keyword is gone (fillna and ffill refuse it, "
    "interpolate swallows it and keeps floats), so the old step is written out as a shim around the fill. "
    "downcast=None or False did nothing and goes.",
    pattern=r"\b(fillna|ffill|bfill|pad|backfill|interpolate)\((?s:[^()]|\([^()]*\))*\bdowncast\s*=",
    gate=lambda ctx, code: "pandas" in ctx.text,
    signatures=(("TypeError", r"unexpected keyword argument 'downcast'"),),
    examples=(
        ("import pandas as pd\ndf = df.fillna(0, downcast='infer')\ns = s.ffill(downcast=None)",
         "import pandas as pd\n" + _shim("downcast_inferred")
         + "df = downcast_inferred(df.fillna(0))\ns = s.ffill()"),
        ("import pandas as pd\ndf['a'].fillna(0, inplace=True, downcast='infer')\nx = d.interpolate(downcast='infer')",
         "import pandas as pd\n" + _shim("downcast_inferred")
         + "df['a'] = downcast_inferred(df['a'].fillna(0))\nx = downcast_inferred(d.interpolate())"),
        ("import pandas as pd\nx = s.fillna(0, downcast={'a': 'int8'})", "import pandas as pd\nx = s.fillna(0, downcast={'a': 'int8'})"),
    ),
)
class FillDowncast(Shims):
    def leave_Call(self, original, updated):
        if callee_name(updated) not in _FILLS or not isinstance(updated.func, cst.Attribute):
            return updated
        given = kwarg(updated, "downcast")
        if given is None:
            return updated
        if m.matches(given.value, m.Name("None") | m.Name("False")):
            return remove_kwarg(updated, "downcast")
        if string_value(given.value) != "infer" or bool_value(getattr(kwarg(updated, "inplace"), "value", None)):
            return updated  # a dict of dtypes; inplace=True is the statement's (leave_Expr)
        filled = remove_kwarg(updated, "downcast")
        return cst.Call(self.need_shim("downcast_inferred", old_pandas.downcast_inferred), arg_list(cst.Arg(filled)))

    def leave_Expr(self, original, updated):
        """X.fillna(v, inplace=True, downcast='infer') as a statement: X = downcast_inferred(X.fillna(v))."""
        call = updated.value
        if not isinstance(call, cst.Call) or callee_name(call) not in _FILLS or not isinstance(call.func, cst.Attribute):
            return updated
        given, inplace = kwarg(call, "downcast"), kwarg(call, "inplace")
        if given is None or string_value(given.value) != "infer" or inplace is None \
                or bool_value(inplace.value) is not True or assign_to(call.func.value, call) is None:
            return updated
        filled = remove_kwarg(remove_kwarg(call, "downcast"), "inplace")
        shim = self.need_shim("downcast_inferred", old_pandas.downcast_inferred)
        return assign_to(call.func.value, cst.Call(shim, arg_list(cst.Arg(filled))))


# ---------------------------------------------------------------------------------------- keywords by their value

_UNEXPECTED = re.compile(r"^(?P<owner>[\w.]*?)\.?(?P<func>\w+)\(\) got an unexpected keyword argument '(?P<kw>\w+)'")
# groupby methods that took axis= until pandas 3.0; along the rows (0) is what they do today
_GROUPED_AXIS = {"shift", "rank", "pct_change", "cumsum", "cumprod", "cummax", "cummin", "diff", "idxmax", "idxmin",
                 "take", "skew", "corrwith", "quantile", "fillna"}
_ROWS = ("0", "'index'", '"index"', "'rows'", '"rows"')
_FILL = {"pad": "ffill", "ffill": "ffill", "bfill": "bfill", "backfill": "bfill"}
_CAT_METHODS = {"set_categories", "rename_categories", "reorder_categories", "add_categories", "remove_categories",
                "remove_unused_categories", "as_ordered", "as_unordered", "set_ordered"}
_DATETIME_DTYPE = re.compile(r"^(datetime64(\[ns\])?|M8(\[ns\])?|<M8\[ns\])$")
# the slice methods' kind= (deprecated 1.4, removed 2.0; before 1.3 it chose which labels were refused, never the
# bounds found): its position among the positional arguments
_SLICE_KIND = {"slice_locs": 3, "slice_indexer": 3, "get_slice_bound": 2}
_TAKES = re.compile(r"^(?:\w+\.)?(?P<func>\w+)\(\) takes ")
_SCALAR_SPARSE = "Cannot construct SparseArray from scalar data"
# constructors that took fastpath= (Index, CategoricalIndex and RangeIndex until 1.0, Series and Categorical 3.0)
_FASTPATH = ("Series", "Index", "CategoricalIndex", "RangeIndex", "Categorical")


def _rows(arg: cst.Arg | None) -> bool:
    return arg is not None and code_of(arg.value).strip() in _ROWS


@rule(
    "pandas-source-removed-keywords",
    library="pandas",
    changed_in="pandas 1.0-3.0",
    rationale="keywords pandas removed whose old value decides the new form, on the line that failed with pandas' "
    "'unexpected keyword argument': a groupby's shift/rank/pct_change/cumsum/...(axis=0) is the call without "
    "it; to_series(keep_tz=True) (today's behaviour) and read_html(tupleize_cols=False) (the default) drop the "
    "flag; replace(a, b, limit=n) ignored limit (it counted only for method=); align(other, method=m, limit=n, "
    "fill_axis=a) filled both aligned results afterwards; MultiIndex.copy(levels=, codes=/labels=) is "
    "set_levels/set_codes; PeriodIndex.astype('datetime64[ns]', how=h) was to_timestamp(how=h) (a Series "
    "ignored how=); a bare Categorical's <method>(..., inplace=True) becomes the variable assigned the result; "
    "to_series(keep_tz=False) gave the UTC times of a tz-aware index, without the zone (2.0); fastpath= of Series, "
    "Index, CategoricalIndex and RangeIndex only skipped checks and goes, but Categorical(codes, categories, ..., "
    "fastpath=True) read its values as codes: from_codes (1.0/3.0); SparseArray(v, index=i) was v "
    "repeated len(i) times, index=None nothing, and scalar data an array of one (2.0/3.0); slice_locs/"
    "slice_indexer/get_slice_bound's kind, by keyword or position, only chose which labels were refused (2.0).",
    kind="error",
    signatures=(("TypeError", r"got an unexpected keyword argument '(axis|keep_tz|tupleize_cols|limit|method|"
                 r"fill_axis|broadcast_axis|levels|codes|labels|how|inplace|fastpath|index|kind)'"),
                ("TypeError", r"(slice_locs|slice_indexer|get_slice_bound)\(\) takes .* positional arguments"),
                ("TypeError", _SCALAR_SPARSE),
                ("UnsupportedFunctionCall", r"numpy operations are not valid with groupby")),
    examples=(
        ("import pandas as pd\nprev = df.groupby('id')['v'].shift(1, axis=0)\nr = g.rank(axis='index', pct=True)",
         "import pandas as pd\nprev = df.groupby('id')['v'].shift(1)\nr = g.rank(pct=True)"),
        ("import pandas as pd\ns = idx.to_series(keep_tz=True)\nt = pd.read_html(u, tupleize_cols=False)\n"
         "r = s.replace(0, 1, limit=3)",
         "import pandas as pd\ns = idx.to_series()\nt = pd.read_html(u)\nr = s.replace(0, 1)"),
        ("import pandas as pd\na2, b2 = a.align(b, join='outer', method='ffill', limit=2)\n"
         "m = mi.copy(levels=lv, codes=cd, deep=True)",
         "import pandas as pd\na2, b2 = tuple(x_.ffill(limit=2) for x_ in a.align(b, join='outer'))\n"
         "m = mi.copy(deep=True).set_levels(lv).set_codes(cd)"),
        ("import pandas as pd\nt = pi.astype('datetime64[ns]', how='end')\nc.set_categories(['a', 'b'], inplace=True)",
         "import pandas as pd\nt = pi.to_timestamp(how='end')\nc = c.set_categories(['a', 'b'])"),
        ("import pandas as pd\nr = g.rank(axis=1)\nr = s.replace(0, method='pad', limit=3)\nv = x.astype(int, how='end')\n"
         "p, q = a.align(b, fill_value=0, limit=1)\nu, w = a.align(b, limit=1)",
         "import pandas as pd\nr = g.rank(axis=1)\nr = s.replace(0, method='pad', limit=3)\nv = x.astype(int, how='end')\n"
         "p, q = a.align(b, fill_value=0, limit=1)\nu, w = a.align(b)"),
        ("import pandas as pd\nu = df.index.to_series(keep_tz=False)\nc = pd.Categorical(codes, categories=cats, "
         "fastpath=True)\nd = pd.Categorical(v, fastpath=False)\ns = pd.Series(a, index=i, fastpath=True)",
         "import pandas as pd\nu = df.index.to_series().pipe(lambda s_: s_.dt.tz_convert(None) if s_.dt.tz is not None "
         "else s_)\nc = pd.Categorical.from_codes(codes, categories=cats)\nd = pd.Categorical(v)\n"
         "s = pd.Series(a, index=i)"),
        ("import pandas as pd\na = pd.arrays.SparseArray(0, index=df.index, fill_value=0)\n"
         "b = SparseArray([0, 1], index=None)\ne = pd.arrays.SparseArray(None, index=[1, 2])\n"
         "lo, hi = ix.slice_locs('a', 'c', kind='loc')\nk = ix.get_slice_bound(5, 'left', 'getitem')",
         "import numpy\nimport pandas as pd\na = pd.arrays.SparseArray(numpy.full(len(df.index), 0), fill_value=0)\n"
         "b = SparseArray([0, 1])\ne = pd.arrays.SparseArray(numpy.full(len([1, 2]), numpy.nan))\n"
         "lo, hi = ix.slice_locs('a', 'c')\nk = ix.get_slice_bound(5, 'left')"),
    ),
    error_examples=(
        ("TypeError: Cannot construct SparseArray from scalar data. Pass a sequence instead.", 2,
         "import pandas as pd\nsp = pd.arrays.SparseArray(x, fill_value=0)",
         "import pandas as pd\nsp = pd.arrays.SparseArray([x], fill_value=0)"),
        ("TypeError: Index.slice_locs() takes from 1 to 4 positional arguments but 5 were given", 2,
         "import pandas as pd\ni, j = idx.slice_locs(start, end, None, 'loc')",
         "import pandas as pd\ni, j = idx.slice_locs(start, end, None)"),
    ),
)
class SourceRemovedKeywords(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        found = _UNEXPECTED.search(ctx.error.evalue) if ctx.error is not None else None
        # what the error names: ("GroupBy", "shift", "axis"); None in the rule's examples (no error: every form)
        self.named = (found["owner"], found["func"], found["kw"]) if found else None
        self.numpy_call = ctx.error is not None and ctx.error.ename == "UnsupportedFunctionCall"
        took = _TAKES.match(ctx.error.evalue) if ctx.error is not None else None
        self.too_many = took["func"] if took else None  # "slice_locs() takes from 1 to 4 positional arguments"
        self.scalar_sparse = ctx.error is not None and ctx.error.evalue.startswith(_SCALAR_SPARSE)

    def _applies(self, node: cst.CSTNode, name: str, keyword: str) -> bool:
        if self.ctx.error is None:
            return True
        if not self.on_own_error_line(node):
            return False
        if self.numpy_call:
            return keyword == "axis" and name in ("cumsum", "cumprod")
        return self.named is not None and self.named[1] == name and self.named[2] == keyword

    def _constructor(self, node: cst.CSTNode, name: str, keyword: str) -> bool:
        """A constructor's keyword: the error names the class ("SparseArray.__init__() got ...") and the line."""
        if self.ctx.error is None:
            return True
        return self.on_own_error_line(node) and self.named is not None \
            and self.named[0].rsplit(".", 1)[-1] == name and self.named[2] == keyword

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name in _FASTPATH and kwarg(updated, "fastpath") is not None:
            return self._fastpath(original, updated, name)
        if name == "SparseArray":
            return self._sparse(original, updated)
        if not isinstance(updated.func, cst.Attribute) or name is None:
            return updated
        if name in _SLICE_KIND:
            return self._slice_kind(original, updated, name)
        owner = self.named[0] if self.named else ""
        if name in _GROUPED_AXIS and _rows(kwarg(updated, "axis")) and self._applies(original, name, "axis") \
                and (self.numpy_call or "GroupBy" in owner or self.named is None):
            return remove_kwarg(updated, "axis")
        keep_tz = bool_value(getattr(kwarg(updated, "keep_tz"), "value", None))
        if name == "to_series" and keep_tz is not None and self._applies(original, name, "keep_tz"):
            if keep_tz:
                return remove_kwarg(updated, "keep_tz")
            # False: the index's UTC times without the zone (the index itself kept); a tz-naive index as it was
            return cst.parse_expression(f"{code_of(remove_kwarg(updated, 'keep_tz'))}.pipe(lambda s_: "
                                        "s_.dt.tz_convert(None) if s_.dt.tz is not None else s_)")
        if name == "read_html" and bool_value(getattr(kwarg(updated, "tupleize_cols"), "value", None)) is False \
                and self._applies(original, name, "tupleize_cols"):
            return remove_kwarg(updated, "tupleize_cols")
        if name == "replace" and kwarg(updated, "limit") is not None and kwarg(updated, "method") is None \
                and (len(positional(updated)) >= 2 or kwarg(updated, "value") is not None) \
                and self._applies(original, name, "limit"):
            return remove_kwarg(updated, "limit")
        if name == "align" and (self.named is None or self.named[2] in ("method", "limit", "fill_axis", "broadcast_axis")
                                and self._applies(original, name, self.named[2])):
            return self._align(updated)
        if name == "copy" and any(kwarg(updated, k) for k in ("levels", "codes", "labels")) \
                and (self.named is None or self._applies(original, name, self.named[2])):
            return self._multiindex_copy(updated)
        if name == "astype" and kwarg(updated, "how") is not None and self._applies(original, name, "how"):
            return self._period_astype(updated, owner)
        return updated

    def _fastpath(self, original: cst.Call, call: cst.Call, name: str) -> cst.Call:
        """fastpath= skipped the constructors' checks on data already in their own form; without it the same
        object is built. But Categorical(values, categories, ordered, dtype, fastpath=True) took values as codes:
        from_codes, whose parameters come in the same order (copy= aside: the codes are copied anyway)."""
        if not self._constructor(original, name, "fastpath"):
            return call
        if name != "Categorical" or bool_value(kwarg(call, "fastpath").value) is False:
            return remove_kwarg(call, "fastpath")
        if bool_value(kwarg(call, "fastpath").value) is not True or any(a.star for a in call.args):
            return call
        return remove_kwarg(remove_kwarg(call, "fastpath"), "copy").with_changes(
            func=cst.Attribute(call.func, cst.Name("from_codes")))

    def _sparse(self, original: cst.Call, call: cst.Call) -> cst.Call:
        """SparseArray(v, index=i): v repeated len(i) times (only a scalar was allowed with an index; None was NaN);
        index=None is dropped; a scalar without index (refused since 3.0) was an array of one."""
        index, data = kwarg(call, "index"), argument(call, "data")
        if data is None or any(a.star for a in call.args):
            return call
        if index is None:
            if not self.scalar_sparse or not self.on_own_error_line(original) or kwarg(call, "sparse_index") \
                    or isinstance(data.value, (cst.List, cst.Tuple, cst.ListComp, cst.GeneratorExp)):
                return call
            return with_arg_value(call, data, cst.List([cst.Element(data.value)]))
        if not self._constructor(original, "SparseArray", "index"):
            return call
        call = remove_kwarg(call, "index")
        data = argument(call, "data")  # remove_kwarg may have rebuilt it (its trailing comma)
        if m.matches(index.value, m.Name("None")):
            return call
        np_ = self.need("numpy")
        value = f"{np_}.nan" if m.matches(data.value, m.Name("None")) else code_of(data.value)
        return with_arg_value(call, data, f"{np_}.full(len({code_of(index.value)}), {value})")

    def _slice_kind(self, original: cst.Call, call: cst.Call, name: str) -> cst.Call:
        """slice_locs / slice_indexer (start, end, step, kind) and get_slice_bound(label, side, kind): kind goes."""
        if self.ctx.error is not None and not (self.on_own_error_line(original) and (
                self.too_many == name or self.named is not None and self.named[1:] == (name, "kind"))):
            return call
        if kwarg(call, "kind") is not None:
            return remove_kwarg(call, "kind")
        pos = positional(call)
        if len(pos) != _SLICE_KIND[name] + 1 or any(a.star for a in call.args):
            return call
        kept = [a for a in call.args if a is not pos[-1]]
        if call.args[-1] is pos[-1]:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return call.with_changes(args=kept)

    @staticmethod
    def _align(call: cst.Call) -> cst.Call:
        """align(other, ..., method=m, limit=n, fill_axis=a): each aligned result filled along a by m (at most n)."""
        method = kwarg(call, "method")
        fill = _FILL.get(string_value(method.value) or "") if method else None
        broadcast = kwarg(call, "broadcast_axis")
        fill_value = kwarg(call, "fill_value")
        if broadcast is not None and not m.matches(broadcast.value, m.Name("None")):
            return call
        bare = remove_kwarg(call, "broadcast_axis")
        valued = fill_value is not None and not m.matches(fill_value.value, m.Name("None"))
        if method is None:  # limit and fill_axis counted only for a fill: with fill_value= they bound it too
            return call if valued else remove_kwarg(remove_kwarg(bare, "limit"), "fill_axis")
        if fill is None or valued:
            return call
        limit, axis = kwarg(call, "limit"), kwarg(call, "fill_axis")
        aligned = remove_kwarg(remove_kwarg(remove_kwarg(bare, "method"), "limit"), "fill_axis")
        given = (("axis", axis) if axis and not _rows(axis) else None, ("limit", limit) if limit else None)
        each = ", ".join(code_of(make_arg(name, arg.value)) for name, arg in filter(None, given))
        return cst.parse_expression(f"tuple(x_.{fill}({each}) for x_ in {code_of(aligned)})")

    @staticmethod
    def _multiindex_copy(call: cst.Call) -> cst.BaseExpression:
        """MultiIndex.copy(levels=L, codes=C) (labels= before 0.24): the copy with those levels and codes."""
        levels = kwarg(call, "levels")
        codes = kwarg(call, "codes") or kwarg(call, "labels")
        result: cst.BaseExpression = remove_kwarg(remove_kwarg(remove_kwarg(call, "levels"), "codes"), "labels")
        if levels is not None:
            result = cst.Call(cst.Attribute(result, cst.Name("set_levels")), [cst.Arg(levels.value)])
        if codes is not None:
            result = cst.Call(cst.Attribute(result, cst.Name("set_codes")), [cst.Arg(codes.value)])
        return result

    def _period_astype(self, call: cst.Call, owner: str) -> cst.BaseExpression:
        """PeriodIndex.astype(d, how=h): timestamps at the start or end of each period for a datetime d; any other
        dtype and a Series (whose astype swallowed how=) ignored how."""
        dtype = call.args[0].value if call.args and call.args[0].keyword is None else getattr(kwarg(call, "dtype"),
                                                                                              "value", None)
        if owner.startswith("NDFrame") or dtype is None:
            return remove_kwarg(call, "how")
        text = string_value(dtype)
        datetime = text is not None and _DATETIME_DTYPE.match(text) or m.matches(
            dtype, m.Attribute(attr=m.Name("datetime64")))
        if not datetime:
            return remove_kwarg(call, "how") if owner else call
        how = kwarg(call, "how")
        return cst.Call(cst.Attribute(call.func.value, cst.Name("to_timestamp")),
                        [cst.Arg(how.value, keyword=cst.Name("how"), equal=how.equal)])

    def leave_Expr(self, original, updated):
        """c.<categorical method>(..., inplace=True) as a statement, c a bare Categorical: c = the result (the
        .cat accessor's form is pandas-removed-call-forms')."""
        call = updated.value
        if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
            return updated
        name, flag = call.func.attr.value, kwarg(call, "inplace")
        receiver = call.func.value
        if name not in _CAT_METHODS or flag is None or bool_value(flag.value) is not True \
                or m.matches(receiver, m.Attribute(attr=m.Name("cat"))) or not self._applies(original.value, name, "inplace"):
            return updated
        return assign_to(receiver, remove_kwarg(call, "inplace")) or updated
