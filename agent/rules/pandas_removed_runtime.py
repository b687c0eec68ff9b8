"""pandas removals whose old answer depended on the values, the dtype or the index met at run time: the old
member is written into the notebook as a shim (old_pandas.py) that decides as pandas did, instead of an
expression fixed in the code. The calls whose result did (unique, interpolate, idxmax, the keywords) are
pandas_runtime_calls.py's.

- pandas.api.types.is_period / is_datetimetz (1.0): the type tests, on an index, array, Series or dtype name;
  pandas.io.sql.execute (3.0), which ran a statement as the connection's type wanted; the helpers of
  pandas.io.date_converters (2.0).
- Index.is_all_dates (2.0) and Series.is_time_series (0.20, the same test of s.index): true for datetime,
  timedelta and period indexes and for an object index of datetimes.
- MultiIndex.is_lexsorted() / lexsort_depth (2.0): computed from the codes, not the values.
- Series/DataFrame.slice_shift (2.0): shift without the emptied rows, dtype kept.
- DateOffset.is_anchored (3.0; isAnchored 2.0): per offset class; MultiIndex.to_hierarchical (1.0).
- Categorical.mode/replace (2.0) gave a Categorical; Categorical.is_dtype_equal (2.0), Series.ftype and
  Series.blocks (1.0), Styler.where (2.0); iterating Series.str (2.0); str.cat with plain lists inside
  others (1.0).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_pandas, old_pandas_io
from .framework import (
    code_of,
    kwarg,
    positional,
    rule,
)
from .pandas_removed_more import _shim, _uses_pandas
from .python3_rules import Importing
from .removed_api import RemovedNames, Shims, import_signatures, names_pattern

# --------------------------------------------------------------------------- is_period, is_datetimetz

_TYPE_TESTS = {("pandas.api.types", "is_period"): old_pandas.is_period,
               ("pandas.api.types", "is_datetimetz"): old_pandas.is_datetimetz}


@rule(
    "pandas-removed-type-tests",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.24)",
    rationale="pandas.api.types.is_period(x) was true for a PeriodIndex, a period array or Series and an index of "
    "periods; is_datetimetz(x) for anything whose dtype (or dtype name) has a time zone. Their named successors "
    "are deprecated too, so the old tests are written into the cell.",
    pattern=names_pattern(_TYPE_TESTS),
    gate=_uses_pandas,
    signatures=import_signatures(_TYPE_TESTS),
    examples=(
        ("import pandas as pd\nif pd.api.types.is_period(idx):\n    idx = idx.to_timestamp()",
         "import pandas as pd\n" + _shim("is_period") + "if is_period(idx):\n    idx = idx.to_timestamp()"),
        ("import pandas as pd\nfrom pandas.api.types import is_datetimetz, is_numeric_dtype\nz = is_datetimetz(s)",
         "import pandas as pd\nfrom pandas.api.types import is_numeric_dtype\n" + _shim("is_datetimetz") +
         "z = is_datetimetz(s)"),
    ),
)
class RemovedTypeTests(RemovedNames):
    TABLE = _TYPE_TESTS


_SQL = {("pandas.io.sql", "execute"): old_pandas_io.execute}
_DATE_CONVERTERS = {("pandas.io.date_converters", name): getattr(old_pandas_io, name)
                    for name in ("parse_date_time", "parse_date_fields", "parse_all_fields", "generic_parser")}


@rule(
    "pandas-io-sql-execute",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="pandas.io.sql.execute(sql, con, params) ran one statement: on an SQLAlchemy engine, connection or URL "
    "as the driver's SQL in a transaction committed at once (the result given back), on a sqlite3 or other DBAPI "
    "connection on a new cursor, given back (a failure rolled back and raised DatabaseError). Which one is the "
    "connection's type at run time, so the old function is written into the cell.",
    pattern=names_pattern(_SQL),
    gate=lambda ctx, code: "sql" in code and _uses_pandas(ctx, code),
    signatures=import_signatures(_SQL),
    examples=(
        ("import pandas.io.sql as psql\npsql.execute('DELETE FROM t WHERE a > ?', con, params=[3])",
         "import pandas.io.sql as psql\n" + _shim("execute") + "execute('DELETE FROM t WHERE a > ?', con, params=[3])"),
        ("import pandas as pd\nfrom pandas.io.sql import execute, read_sql\ncur = execute('SELECT 1', engine)",
         "import pandas as pd\nfrom pandas.io.sql import read_sql\n" + _shim("execute") + "cur = execute('SELECT 1', engine)"),
    ),
)
class SqlExecute(RemovedNames):
    TABLE = _SQL


@rule(
    "pandas-io-date-converters",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.2)",
    rationale="pandas.io.date_converters' helpers built object arrays of datetimes: parse_date_time(dates, times) "
    "parsed each with dateutil and joined them to the second, parse_date_fields / parse_all_fields made them "
    "from the parts (the seconds' fraction as microseconds), generic_parser(f, *cols) called f on each row. They "
    "are written into the cell; where they fed read_csv(date_parser=) that keyword is another rule's.",
    pattern=names_pattern(_DATE_CONVERTERS),
    gate=lambda ctx, code: "date_converters" in ctx.text,
    signatures=(("ModuleNotFoundError", r"No module named 'pandas.io.date_converters'"),
                *import_signatures(_DATE_CONVERTERS)),
    examples=(
        ("from pandas.io.date_converters import parse_date_time\nd = parse_date_time(df['d'], df['t'])",
         _shim("parse_date_time") + "d = parse_date_time(df['d'], df['t'])"),
        ("import pandas as pd\nf = pd.io.date_converters.generic_parser(g, a, b)",
         "import pandas as pd\n" + _shim("generic_parser") + "f = generic_parser(g, a, b)"),
    ),
)
class DateConverters(RemovedNames):
    TABLE = _DATE_CONVERTERS


# --------------------------------------------------------------------------- members only pandas had

# attribute -> (shim, read as a property); is_time_series reads the Series' index
_MEMBERS = {"is_all_dates": ("index_is_all_dates", True), "is_time_series": ("index_is_all_dates", True),
            "lexsort_depth": ("lexsort_depth", True), "is_lexsorted": ("is_lexsorted", False),
            "slice_shift": ("slice_shift", False), "is_anchored": ("offset_is_anchored", False),
            "isAnchored": ("offset_is_anchored", False), "to_hierarchical": ("to_hierarchical", False)}


@rule(
    "pandas-removed-runtime-members",
    library="pandas",
    changed_in="pandas 0.20 (is_time_series), 1.0 (to_hierarchical), 2.0 (isAnchored and most), 3.0 (is_anchored)",
    rationale="Index.is_all_dates was true for datetime, timedelta and period indexes and for an object index of "
    "datetimes (Series.is_time_series: the same of its index); MultiIndex.is_lexsorted()/lexsort_depth compared "
    "the codes level by level; slice_shift(n) moved the values by n and dropped the emptied rows, keeping the "
    "dtype; an offset's is_anchored()/isAnchored() was n == 1 except where its class said otherwise (never for a "
    "fixed span, a week needed a weekday); MultiIndex.to_hierarchical(r, s) repeated each code r times in s "
    "interleaved runs. Each is written into the cell as a function that decides as pandas did.",
    pattern=r"\.\s*(is_all_dates|is_time_series|lexsort_depth|is_lexsorted|slice_shift|is_anchored|isAnchored|"
            r"to_hierarchical)\b",
    gate=_uses_pandas,
    signatures=(("AttributeError", (r"object has no attribute '(is_all_dates|is_time_series|lexsort_depth|"
                                    r"is_lexsorted|slice_shift|is_anchored|isAnchored|to_hierarchical)'")),),
    examples=(
        ("import pandas as pd\nif df.index.is_all_dates and s.is_time_series:\n    pass",
         "import pandas as pd\n" + _shim("index_is_all_dates") +
         "if index_is_all_dates(df.index) and index_is_all_dates(s.index):\n    pass"),
        ("import pandas as pd\nok = mi.is_lexsorted()\nd = df.index.lexsort_depth",
         "import pandas as pd\n" + _shim("is_lexsorted") + "ok = is_lexsorted(mi)\n" + _shim("lexsort_depth") +
         "d = lexsort_depth(df.index)"),
        ("import pandas as pd\nprev = s.slice_shift(1)\nnxt = df.slice_shift(-2, axis=0)",
         "import pandas as pd\n" + _shim("slice_shift") + "prev = slice_shift(s, 1)\nnxt = slice_shift(df, -2, axis=0)"),
        ("import pandas as pd\nok = freq.is_anchored()\nbig = mi.to_hierarchical(3, 2)",
         "import pandas as pd\n" + _shim("offset_is_anchored") + "ok = offset_is_anchored(freq)\n" +
         _shim("to_hierarchical") + "big = to_hierarchical(mi, 3, 2)"),
    ),
)
class RemovedRuntimeMembers(Shims):
    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _MEMBERS:
            return updated
        shim, is_property = _MEMBERS[func.attr.value]
        if is_property or any(a.star for a in updated.args):
            return updated
        return self.method_as_shim(updated, shim, getattr(old_pandas, shim))

    def leave_Attribute(self, original, updated):
        found = _MEMBERS.get(updated.attr.value)
        if found is None or not found[1]:
            return updated
        shim, _ = found
        value = updated.value
        if updated.attr.value == "is_time_series":
            value = cst.Attribute(value, cst.Name("index"))
        return cst.Call(self.need_shim(shim, getattr(old_pandas, shim)), [cst.Arg(value)])


# --------------------------------------------------------------------------- members whose names others share

# (the type the error names, attribute) -> (shim, read as a property)
_SHARED = {("Categorical", "mode"): ("categorical_mode", False), ("Series", "ftype"): ("series_ftype", True),
           ("Categorical", "is_dtype_equal"): ("categorical_is_dtype_equal", False),
           ("Categorical", "replace"): ("categorical_replace", False),
           ("Series", "blocks"): ("series_blocks", True), ("Series", "as_blocks"): ("series_blocks", False),
           ("Styler", "where"): ("styler_where", False)}


@rule(
    "pandas-removed-runtime-values",
    library="pandas",
    changed_in="pandas 1.0 (Series.ftype, blocks), 2.0 (Categorical.mode/replace/is_dtype_equal, Styler.where)",
    rationale="Categorical.mode() returned the modes as a Categorical of the same categories, which "
    "Series(c).mode().array is; Categorical.replace(a, b) renamed, merged or dropped categories and returned a "
    "Categorical; Categorical.is_dtype_equal(x) compared x.dtype's categories and order (False for anything "
    "without .dtype); Series.ftype was '<dtype>:dense'; Series.blocks was {dtype name: a copy}; Styler.where(cond, "
    "value, other) styled each cell by cond. The names are common, so only the line that failed with the "
    "Categorical's, Series' or Styler's error changes, to a function written into the cell.",
    kind="error",
    signatures=(("AttributeError", (r"'(Categorical|Series|Styler)' object has no attribute "
                                    r"'(mode|ftype|is_dtype_equal|replace|blocks|as_blocks|where)'")),),
    examples=(("c = pd.Categorical(['a', 'b', 'a'])\nm = c.mode()", "c = pd.Categorical(['a', 'b', 'a'])\nm = c.mode()"),),
    error_examples=(
        ("AttributeError: 'Categorical' object has no attribute 'mode'", 2,
         "import pandas as pd\nm = df['k'].values.mode(dropna=False)",
         "import pandas as pd\n" + _shim("categorical_mode") + "m = categorical_mode(df['k'].values, dropna=False)"),
        ("AttributeError: 'Series' object has no attribute 'ftype'", 2,
         "import pandas as pd\nif s.ftype == 'float64:dense':\n    pass",
         "import pandas as pd\n" + _shim("series_ftype") + "if series_ftype(s) == 'float64:dense':\n    pass"),
        ("AttributeError: 'Categorical' object has no attribute 'replace'", 1,
         "c2 = c.replace('a', 'b')\nc.replace('x', 'y', inplace=True)",
         _shim("categorical_replace") + "c2 = categorical_replace(c, 'a', 'b')\nc.replace('x', 'y', inplace=True)"),
        ("AttributeError: 'Styler' object has no attribute 'where'", 1,
         "st = df.style.where(lambda v: v > 0, 'color: green', 'color: red')",
         _shim("styler_where") + "st = styler_where(df.style, lambda v: v > 0, 'color: green', 'color: red')"),
    ),
)
class RemovedRuntimeValues(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _found(self, node: cst.Attribute, original: cst.CSTNode) -> tuple[str, bool] | None:
        found = _SHARED.get((self.own_error_type or "", node.attr.value))
        return found if found is not None and self.on_own_error_line(original) else None

    def leave_Call(self, original, updated):
        func = updated.func
        found = self._found(func, original) if isinstance(func, cst.Attribute) else None
        if found is None or found[1] or any(a.star for a in updated.args) or kwarg(updated, "inplace") is not None:
            return updated
        return self.method_as_shim(updated, found[0], getattr(old_pandas, found[0]))

    def leave_Attribute(self, original, updated):
        found = self._found(updated, original)
        if found is None or not found[1]:
            return updated
        return cst.Call(self.need_shim(found[0], getattr(old_pandas, found[0])), [cst.Arg(updated.value)])


# --------------------------------------------------------------------------- iterating Series.str

_CONSUMERS = {"list", "tuple", "iter", "enumerate", "zip", "sorted", "set"}


def _bare_str(node: cst.BaseExpression) -> bool:
    return m.matches(node, m.Attribute(attr=m.Name("str")))


@rule(
    "pandas-str-iter",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.0)",
    rationale="iterating s.str gave s.str.get(0), s.str.get(1), ... (the first characters, the second, ...) while "
    "any string was that long; it now raises. Where the failing line loops over s.str (a for loop, a "
    "comprehension, list(), zip(), ...) it loops over a generator written into the cell that does the same.",
    kind="error",
    signatures=(("TypeError", r"'StringMethods' object is not iterable"),),
    examples=(("for c in s.str:\n    print(c)", "for c in s.str:\n    print(c)"),),
    error_examples=(
        ("TypeError: 'StringMethods' object is not iterable", 1, "for c in df['code'].str:\n    print(c)",
         _shim("str_positions") + "for c in str_positions(df['code']):\n    print(c)"),
        ("TypeError: 'StringMethods' object is not iterable", 2,
         "import pandas as pd\nparts = list(s.str) + [x for x in t.str]",
         "import pandas as pd\n" + _shim("str_positions") + "parts = list(str_positions(s)) + [x for x in str_positions(t)]"),
    ),
)
class StrIter(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _positions(self, node: cst.Attribute) -> cst.Call:
        return cst.Call(self.need_shim("str_positions", old_pandas.str_positions), [cst.Arg(node.value)])

    def leave_For(self, original, updated):
        if _bare_str(updated.iter) and self.on_own_error_line(original):
            return updated.with_changes(iter=self._positions(updated.iter))
        return updated

    def leave_CompFor(self, original, updated):
        if _bare_str(updated.iter) and self.on_own_error_line(original):
            return updated.with_changes(iter=self._positions(updated.iter))
        return updated

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Name()) or updated.func.value not in _CONSUMERS \
                or not self.on_own_error_line(original):
            return updated
        args = [a.with_changes(value=self._positions(a.value)) if _bare_str(a.value) and not a.keyword else a
                for a in updated.args]
        return updated.with_changes(args=args)


# --------------------------------------------------------------------------- str.cat([[...], [...]])


@rule(
    "pandas-str-cat-nested",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.23)",
    rationale="str.cat(others=[[...], [...]]) made each plain list inside others a Series on the caller's index "
    "(paired by position); lists inside others are refused now, a 1-dim array is paired the same way. Each "
    "written-out inner list becomes an object array.",
    pattern=r"\.str\.cat\(",
    gate=_uses_pandas,
    signatures=(("TypeError", r"others must be Series, Index, DataFrame, np.ndarray or list-like"),),
    examples=(
        (("import numpy as np\nimport pandas as pd\nfull = s.str.cat([['x', 'y'], ('1', '2')], sep='-')\n"
          "t = s.str.cat(['x', 'y'])"),
         ("import numpy as np\nimport pandas as pd\nfull = s.str.cat([np.array(['x', 'y'], dtype=object), "
          "np.array(('1', '2'), dtype=object)], sep='-')\nt = s.str.cat(['x', 'y'])")),
        ("import pandas as pd\nu = s.str.cat(others=[a, ['x']])",
         "import numpy\nimport pandas as pd\nu = s.str.cat(others=[a, numpy.array(['x'], dtype=object)])"),
    ),
)
class StrCatNested(Importing):
    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(value=m.Attribute(attr=m.Name("str")), attr=m.Name("cat"))):
            return updated
        others = kwarg(updated, "others") or next(iter(positional(updated)), None)
        if others is None or not isinstance(others.value, (cst.List, cst.Tuple)) or any(
                not isinstance(e, cst.Element) for e in others.value.elements) or not any(
                isinstance(e.value, (cst.List, cst.Tuple)) for e in others.value.elements):
            return updated
        numpy = self.need("numpy")
        elements = [e.with_changes(value=cst.parse_expression(f"{numpy}.array({code_of(e.value)}, dtype=object)"))
                    if isinstance(e.value, (cst.List, cst.Tuple)) else e for e in others.value.elements]
        new = others.with_changes(value=others.value.with_changes(elements=elements))
        return updated.with_changes(args=[new if a is others else a for a in updated.args])
