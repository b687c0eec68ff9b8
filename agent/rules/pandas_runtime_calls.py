"""pandas calls whose old result depended on what they met at run time, given back by a function written into
the notebook (old_pandas.py) that decides as pandas did; the members and type tests are pandas_removed_runtime.py's.

- pandas.unique of a list (3.0) made it an array first; Index(data, freq=) (2.0) built the data's subclass.
- interpolate() (3.0) kept object columns as they were; idxmax/idxmin (3.0) gave NaN for all-NA data.
- to_timedelta(unit='M'/'Y') (1.0) counted numpy's mean month/year; naive datetimes' astype to a zone (2.0)
  read a Series as UTC and an index as wall times.
- keywords: expanding(center=False), where/mask(try_cast=), apply(convert_dtype=), to_records(convert_datetime64=),
  read_excel(convert_float=) and to_excel(columns=) naming columns the frame lacks (written empty).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_pandas, old_pandas_io
from .framework import (
    arg_list,
    bool_value,
    kwarg,
    positional,
    remove_kwarg,
    rule,
    string_value,
)
from .pandas_removed_more import _pandas_function, _shim, _uses_pandas
from .removed_api import Shims


def _method(call: cst.Call, *names: str) -> bool:
    return m.matches(call.func, m.Attribute(attr=m.OneOf(*(m.Name(n) for n in names))))


# --------------------------------------------------------------------------- pandas.unique of a list


@rule(
    "pandas-unique-list",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="pandas.unique(list) made the list an array first (of objects when it held text or mixed values, "
    "else numpy's) and returned its unique values in order; it now refuses lists. The failing call goes through a "
    "function that makes the array as pandas did.",
    kind="error",
    signatures=(("TypeError", r"unique requires a Series, Index, ExtensionArray"),),
    examples=(("import pandas as pd\nu = pd.unique(names)", "import pandas as pd\nu = pd.unique(names)"),),
    error_examples=(
        ("TypeError: unique requires a Series, Index, ExtensionArray, np.ndarray or NumpyExtensionArray got list.", 2,
         "import pandas as pd\nu = pd.unique(names + ['x'])",
         "import pandas as pd\n" + _shim("unique_values") + "u = unique_values(names + ['x'])"),
    ),
)
class UniqueList(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if _pandas_function(updated, self.ctx, "unique") is None or not self.on_own_error_line(original) \
                or len(updated.args) != 1 or updated.args[0].star or updated.args[0].keyword is not None:
            return updated
        return updated.with_changes(func=self.need_shim("unique_values", old_pandas.unique_values))


# --------------------------------------------------------------------------- Index(data, freq=)

_INDEX_OWN = {"data", "dtype", "copy", "name", "tupleize_cols"}


@rule(
    "pandas-index-subclass-keywords",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.3)",
    rationale="pd.Index(data, freq=...) (or closed=) handed the keyword to the subclass the data made "
    "(DatetimeIndex, TimedeltaIndex, PeriodIndex, IntervalIndex), ignored it for a range and refused it for any "
    "other index; which subclass is known at run time only, so the call goes through a function written into the "
    "cell that builds the Index and then its subclass with the keyword.",
    pattern=r"\bIndex\((?s:[^()]|\([^()]*\))*\b(freq|closed)\s*=",
    gate=_uses_pandas,
    signatures=(("TypeError", r"Index.__new__\(\) got an unexpected keyword argument '(freq|closed)'"),),
    examples=(
        ("import pandas as pd\ni = pd.Index(dates, freq='D', name='day')\nj = pd.Index(x, name='n')",
         "import pandas as pd\n" + _shim("index_of_subclass") + "i = index_of_subclass(dates, freq='D', name='day')\n"
         "j = pd.Index(x, name='n')"),
    ),
)
class IndexSubclassKeywords(Shims):
    def leave_Call(self, original, updated):
        if _pandas_function(updated, self.ctx, "Index") is None or any(a.star for a in updated.args) \
                or len(positional(updated)) > 4:
            return updated
        given = {a.keyword.value for a in updated.args if a.keyword}
        extra = given - _INDEX_OWN
        if not extra or extra - {"freq", "closed"} or "tupleize_cols" in given:
            return updated
        return updated.with_changes(func=self.need_shim("index_of_subclass", old_pandas.index_of_subclass))


# --------------------------------------------------------------------------- interpolate with object columns

_FILLS = {"pad", "ffill", "bfill", "backfill"}


@rule(
    "pandas-interpolate-object",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="interpolate() left object columns as they were (a copy) and interpolated the others; a frame of "
    "object columns only was refused, as now. The failing call goes through a function written into the cell "
    "that does the same; inplace=, axis= and the fill methods are left alone.",
    kind="error",
    signatures=(("TypeError", r"cannot interpolate with object dtype"),),
    examples=(("s2 = s.interpolate()", "s2 = s.interpolate()"),),
    error_examples=(
        ("TypeError: Series cannot interpolate with object dtype.", 1,
         "df['v'] = df['v'].interpolate(method='linear', limit=2)",
         _shim("interpolate_keeping_objects") + "df['v'] = interpolate_keeping_objects(df['v'], method='linear', limit=2)"),
    ),
)
class InterpolateObject(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not _method(updated, "interpolate") or not self.on_own_error_line(original) \
                or any(a.star for a in updated.args):
            return updated
        given = {a.keyword.value: a.value for a in updated.args if a.keyword}
        pos = positional(updated)
        method = given.get("method", pos[0].value if pos else None)
        if "inplace" in given or "axis" in given or len(pos) > 1 \
                or method is not None and (string_value(method) is None or string_value(method) in _FILLS):
            return updated
        return self.method_as_shim(updated, "interpolate_keeping_objects", old_pandas.interpolate_keeping_objects)


# --------------------------------------------------------------------------- to_timedelta(unit='M' / 'Y')


@rule(
    "pandas-timedelta-unit-month-year",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.25)",
    rationale="to_timedelta(x, unit='M') / unit='Y' counted numpy's mean Gregorian month (30.436875 days) or year "
    "(365.2425 days); a single value, alone or in a list, lost its fraction (np.timedelta64(int(x), unit)), an "
    "array of floats kept it. The units are refused now; the call goes through a function written into the cell "
    "that computes the same.",
    pattern=r"\bto_timedelta\((?s:[^()]|\([^()]*\))*['\"][MYy]['\"]",
    gate=_uses_pandas,
    signatures=(("ValueError", r"Units 'M', 'Y',? and 'y' (are no longer supported|do not represent)"),),
    examples=(
        (("import pandas as pd\nd = pd.to_timedelta(df['months'], unit='M')\ny = pd.to_timedelta(2, 'Y')\n"
          "h = pd.to_timedelta(3, unit='h')"),
         "import pandas as pd\n" + _shim("to_timedelta_average") + "d = to_timedelta_average(df['months'], 'M')\n"
         "y = to_timedelta_average(2, 'Y')\nh = pd.to_timedelta(3, unit='h')"),
    ),
)
class TimedeltaUnitMonthYear(Shims):
    def leave_Call(self, original, updated):
        if _pandas_function(updated, self.ctx, "to_timedelta") is None or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        unit = kwarg(updated, "unit") or (pos[1] if len(pos) > 1 else None)
        arg = kwarg(updated, "arg") or (pos[0] if pos else None)
        if unit is None or arg is None or string_value(unit.value) not in ("M", "Y", "y") or len(updated.args) != 2:
            return updated  # errors= or more: left as they are
        name = self.need_shim("to_timedelta_average", old_pandas.to_timedelta_average)
        letter = "M" if string_value(unit.value) == "M" else "Y"
        return cst.Call(name, arg_list(cst.Arg(arg.value), cst.Arg(cst.SimpleString(f"'{letter}'"))))


# --------------------------------------------------------------------------- naive .astype(aware)


@rule(
    "pandas-astype-naive-to-aware",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.0)",
    rationale="astype('datetime64[ns, tz]') of naive datetimes read a Series' values as UTC and converted them to "
    "the zone, but an index's as wall times in the zone (tz_localize); which one is the object's type at run "
    "time, so the failing call goes through a function written into the cell that does as pandas did.",
    kind="error",
    signatures=(("TypeError", r"Cannot use .astype to convert from timezone-naive dtype to timezone-aware"),),
    examples=(("s2 = s.astype('datetime64[ns, UTC]')", "s2 = s.astype('datetime64[ns, UTC]')"),),
    error_examples=(
        (("TypeError: Cannot use .astype to convert from timezone-naive dtype to timezone-aware dtype. Use "
          "obj.tz_localize instead or series.dt.tz_localize instead"), 1,
         "df['t'] = df['t'].astype('datetime64[ns, Europe/Paris]')",
         _shim("astype_naive_aware") + "df['t'] = astype_naive_aware(df['t'], 'datetime64[ns, Europe/Paris]')"),
    ),
)
class AstypeNaiveAware(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        arg = updated.args[0] if len(updated.args) == 1 else None
        if arg is None or not _method(updated, "astype") or not self.on_own_error_line(original) or arg.star \
                or (arg.keyword is not None and arg.keyword.value != "dtype") or isinstance(arg.value, cst.Dict):
            return updated  # a frame's dict of dtypes: left as it is
        name = self.need_shim("astype_naive_aware", old_pandas.astype_naive_aware)
        return cst.Call(name, arg_list(cst.Arg(updated.func.value), cst.Arg(arg.value)))


# --------------------------------------------------------------------------- idxmax/idxmin of all-NA data


@rule(
    "pandas-idxmax-all-na",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.1)",
    rationale="idxmax/idxmin gave NaN for a column (or Series) with only missing values, or with any when "
    "skipna=False; they now raise. The failing call goes through a function that gives NaN there and the label "
    "elsewhere, as before.",
    kind="error",
    signatures=(("ValueError", r"Encountered all NA values|Encountered an NA value with skipna=False"),),
    examples=(("best = df.idxmax()", "best = df.idxmax()"),),
    error_examples=(
        ("ValueError: Encountered all NA values", 2, "import pandas as pd\nbest = df.idxmax()\nn = 1",
         "import pandas as pd\n" + _shim("arg_label_or_nan") + "best = arg_label_or_nan(df, 'idxmax')\nn = 1"),
        ("ValueError: Encountered an NA value with skipna=False", 1, "low = scores.idxmin(axis=1, skipna=False)",
         _shim("arg_label_or_nan") + "low = arg_label_or_nan(scores, 'idxmin', axis=1, skipna=False)"),
    ),
)
class IdxmaxAllNa(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        func = updated.func
        if not m.matches(func, m.Attribute(attr=m.Name("idxmax") | m.Name("idxmin"))) \
                or not self.on_own_error_line(original) or any(a.star for a in updated.args):
            return updated
        given = [a.keyword.value if a.keyword else None for a in updated.args]
        if None in given or set(given) - {"axis", "skipna"}:
            return updated  # numeric_only or positional arguments: left as they are
        which = cst.SimpleString(f"'{func.attr.value}'")
        name = self.need_shim("arg_label_or_nan", old_pandas.arg_label_or_nan)
        return cst.Call(name, arg_list(cst.Arg(func.value), cst.Arg(which), *updated.args))


# --------------------------------------------------------------------------- keywords


@rule(
    "pandas-removed-runtime-keywords",
    library="pandas",
    changed_in="pandas 1.0 (convert_datetime64), 2.0 (expanding center, convert_float, try_cast), 3.0 (convert_dtype)",
    rationale="expanding(center=False), apply(convert_dtype=True) and read_excel(convert_float=True) were the "
    "defaults, today's only behaviour, and go; apply(func, convert_dtype=False) kept the results as Python "
    "objects in an object Series; read_excel(convert_float=False) read every number cell as a float; "
    "to_records(convert_datetime64=True) put a DatetimeIndex into the records as datetime objects (False and None "
    "were today's datetime64). The forms that differ go through functions written into the cell. where/mask("
    "try_cast=) goes: pandas 1.2 passed it on unused (1.3 deprecated it), and 0.25 re-cast only a result that "
    "where had kept in the column's dtype already (a value the column could not hold took the upcast path, "
    "downcast with or without it).",
    pattern=r"\b(center|convert_dtype|convert_datetime64|convert_float|try_cast)\s*=",
    gate=_uses_pandas,
    signatures=(("TypeError", (r"unexpected keyword argument '(center|convert_datetime64|convert_float|try_cast)'|"
                               r"'convert_dtype' is an invalid keyword argument|unexpected keyword argument "
                               r"'convert_dtype'")),),
    examples=(
        ("import pandas as pd\nm = s.expanding(center=False, min_periods=2).mean()\nr = s.expanding(center=True).mean()",
         "import pandas as pd\nm = s.expanding(min_periods=2).mean()\nr = s.expanding(center=True).mean()"),
        ("import pandas as pd\na = s.where(s > 1, 0, try_cast=True)\nb = df.mask(df > 1, 0.5, try_cast=False)",
         "import pandas as pd\na = s.where(s > 1, 0)\nb = df.mask(df > 1, 0.5)"),
        ("import pandas as pd\na = s.apply(f, convert_dtype=True)\nb = df['x'].apply(len, convert_dtype=False)",
         "import pandas as pd\na = s.apply(f)\n" + _shim("apply_unconverted") + "b = apply_unconverted(df['x'], len)"),
        ("import pandas as pd\nr = df.to_records(convert_datetime64=True)\nq = df.to_records(index=False, convert_datetime64=False)",
         "import pandas as pd\n" + _shim("to_records_datetimes") + "r = to_records_datetimes(df)\n"
         "q = df.to_records(index=False)"),
        (("import pandas as pd\na = pd.read_excel('a.xlsx', convert_float=True)\n"
          "b = pd.read_excel(f, 'S', convert_float=False)\nc = pd.read_excel(f, dtype={'x': str}, convert_float=False)"),
         "import pandas as pd\na = pd.read_excel('a.xlsx')\n" + _shim("read_excel_floats") +
         "b = read_excel_floats(f, 'S')\nc = pd.read_excel(f, dtype={'x': str}, convert_float=False)"),
    ),
)
class RemovedRuntimeKeywords(Shims):
    def leave_Call(self, original, updated):
        if any(a.star for a in updated.args):
            return updated
        if _method(updated, "expanding"):
            center = kwarg(updated, "center")
            return remove_kwarg(updated, "center") if center is not None and bool_value(center.value) is False \
                else updated
        if _method(updated, "where", "mask"):
            flag = kwarg(updated, "try_cast")
            return remove_kwarg(updated, "try_cast") if flag is not None and bool_value(flag.value) is not None \
                else updated
        if _method(updated, "apply"):
            return self._apply(updated)
        if _method(updated, "to_records"):
            return self._records(updated)
        if _pandas_function(updated, self.ctx, "read_excel"):
            return self._read_excel(updated)
        return updated

    # what a read's cell values pass through before they are a frame: a number's text differs as a float
    _CELL_READERS = frozenset({"dtype", "converters", "na_values", "true_values", "false_values"})

    def _read_excel(self, call: cst.Call) -> cst.BaseExpression:
        flag = kwarg(call, "convert_float")
        value = bool_value(flag.value) if flag is not None else None
        if value is None:
            return call
        read = remove_kwarg(call, "convert_float")
        if value:
            return read
        if len(positional(read)) > 2 or {a.keyword.value for a in read.args if a.keyword} & self._CELL_READERS:
            return call
        return cst.Call(self.need_shim("read_excel_floats", old_pandas_io.read_excel_floats), read.args)

    def _apply(self, call: cst.Call) -> cst.BaseExpression:
        flag = kwarg(call, "convert_dtype")
        value = bool_value(flag.value) if flag is not None else None
        if value is None:
            return call
        call = remove_kwarg(call, "convert_dtype")
        if value:
            return call
        return self.method_as_shim(call, "apply_unconverted", old_pandas.apply_unconverted)

    def _records(self, call: cst.Call) -> cst.BaseExpression:
        flag = kwarg(call, "convert_datetime64")
        if flag is None or positional(call):
            return call
        value = bool_value(flag.value)
        if value is None and not m.matches(flag.value, m.Name("None")):
            return call  # a variable: which form is not known here
        call = remove_kwarg(call, "convert_datetime64")
        if not value:
            return call
        return self.method_as_shim(call, "to_records_datetimes", old_pandas.to_records_datetimes)


@rule(
    "pandas-to-excel-missing-columns",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.21)",
    rationale="to_excel(columns=[...]) naming columns the frame lacks wrote them as empty columns (the frame was "
    "reindexed to the list); it now raises. The frame is reindexed before the call, as pandas did.",
    kind="error",
    signatures=(("KeyError", r"Not all names specified in 'columns' are found"),),
    examples=(("df.to_excel('a.xlsx', columns=cols)", "df.to_excel('a.xlsx', columns=cols)"),),
    error_examples=(
        ("KeyError: \"Not all names specified in 'columns' are found\"", 1,
         "out.to_excel(path, sheet_name='s', columns=['id', 'score'], index=False)",
         "out.reindex(columns=['id', 'score']).to_excel(path, sheet_name='s', index=False)"),
    ),
)
class ToExcelMissingColumns(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        columns = kwarg(updated, "columns")
        if columns is None or not _method(updated, "to_excel") or not self.on_own_error_line(original):
            return updated
        func = updated.func
        framed = cst.Call(cst.Attribute(func.value, cst.Name("reindex")), arg_list(columns))
        return remove_kwarg(updated, "columns").with_changes(func=func.with_changes(value=framed))
