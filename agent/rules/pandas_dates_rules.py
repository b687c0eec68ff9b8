"""pandas dates and times: frequency aliases, the week accessor, pd.datetime, read_csv's date_parser.

Time-series notebooks resample by month ('M'), hour ('H') or minute ('15T'). pandas
2.2 renamed those aliases (month end is 'ME', hour 'h', minute 'min') and pandas
3.0 rejects the old spellings with "Invalid frequency". Periods kept 'M' and 'Q',
so the rewrite depends on whether the call builds offsets or periods.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    plain_reference,
    positional,
    remove_kwarg,
    rule,
    string_like,
    string_value,
)
from .pandas_rules import pd_name

# Offsets (date_range, resample, ...): the month/quarter/year ends gained an 'E'; the
# sub-daily units became lower case.
_UNITS = {"H": "h", "BH": "bh", "CBH": "cbh", "T": "min", "S": "s", "L": "ms", "U": "us", "N": "ns"}
_OFFSETS = {"M": "ME", "BM": "BME", "SM": "SME", "CBM": "CBME", "Q": "QE", "BQ": "BQE", "A": "YE", "Y": "YE",
            "BA": "BYE", "BY": "BYE", "AS": "YS", "BAS": "BYS", **_UNITS}
# Periods (to_period, period_range, Period): 'M', 'Q' and 'Y' stay; 'A' became 'Y'.
_PERIODS = {"A": "Y", "AS": "Y", **{k: v for k, v in _UNITS.items() if k not in ("BH", "CBH")}}
_ALIAS = re.compile(r"^(\d*)([A-Z]+)(-[A-Z]{3})?$")

# Which argument holds the frequency: (positional index or None, keyword).
_OFFSET_CALLS = {
    "date_range": (None, "freq"), "bdate_range": (None, "freq"), "timedelta_range": (None, "freq"),
    "Grouper": (None, "freq"), "resample": (0, "rule"), "asfreq": (0, "freq"), "to_offset": (0, "freq"),
    "floor": (0, "freq"), "ceil": (0, "freq"), "round": (0, "freq"), "shift": (None, "freq"),
}
_PERIOD_CALLS = {"to_period": (0, "freq"), "period_range": (None, "freq"), "Period": (None, "freq"),
                 "PeriodIndex": (None, "freq")}
_FREQUENCY_CALLS = (*_OFFSET_CALLS, *_PERIOD_CALLS)


def renamed_alias(alias: str, table: dict[str, str]) -> str | None:
    """'15T' -> '15min', 'Q-DEC' -> 'QE-DEC' with the offset table; None when the alias is current."""
    match = _ALIAS.match(alias)
    if not match or match.group(2) not in table:
        return None
    count, unit, anchor = match.group(1), match.group(2), match.group(3) or ""
    return f"{count}{table[unit]}{anchor}"


def _frequency_arg(call: cst.Call, where: tuple[int | None, str]) -> cst.Arg | None:
    index, keyword = where
    found = kwarg(call, keyword)
    if found is None and index is not None and len(positional(call)) > index:
        found = positional(call)[index]
    return found


@rule(
    "pandas-offset-aliases",
    library="pandas",
    changed_in="pandas 2.2 (deprecated), 3.0 (removed)",
    rationale="the frequency aliases 'M', 'Q', 'A'/'Y' (ends), 'H', 'T', 'S', 'L' became 'ME', 'QE', 'YE', 'h', "
    "'min', 's', 'ms' for offsets; periods keep 'M'/'Q' and spell the year 'Y'.",
    pattern=r"""(["'])\d*(M|BM|SM|CBM|Q|BQ|A|Y|BA|BY|AS|BAS|H|BH|CBH|T|S|L|U|N)(-[A-Z]{3})?\1""",
    # Only the frequency of these calls is rewritten: a cell that names none of them (Embarked == 'S', a
    # sex 'M') has nothing to change, and is not parsed for it.
    prefilter=lambda code: any(name in code for name in _FREQUENCY_CALLS),
    signatures=(("ValueError", r"Invalid frequency: \d*[A-Z]+"),),
    examples=(
        ("m = df.resample('M').sum()", "m = df.resample('ME').sum()"),
        ("i = pd.date_range('2017-01-01', periods=24, freq='H')", "i = pd.date_range('2017-01-01', periods=24, freq='h')"),
        ("g = df.groupby(pd.Grouper(key='t', freq='15T')).size()", "g = df.groupby(pd.Grouper(key='t', freq='15min')).size()"),
        ("q = s.resample(rule='Q-DEC').mean()", "q = s.resample(rule='QE-DEC').mean()"),
        ("p = df.index.to_period('M')\ny = d.dt.to_period('A')", "p = df.index.to_period('M')\ny = d.dt.to_period('Y')"),
        ("s = df['Sex'].replace('M', 'male')", "s = df['Sex'].replace('M', 'male')"),
    ),
)
class OffsetAliases(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        for calls, table in ((_OFFSET_CALLS, _OFFSETS), (_PERIOD_CALLS, _PERIODS)):
            if name in calls:
                arg = _frequency_arg(updated, calls[name])
                alias = string_value(arg.value) if arg is not None else None
                new = renamed_alias(alias, table) if alias is not None else None
                if new is None:
                    return updated
                value = string_like(arg.value, new)
                return updated.with_changes(args=[a.with_changes(value=value) if a is arg else a for a in updated.args])
        return updated


# calls that make a DatetimeIndex (pd.date_range(...).week fails as dates.week does); Timestamp(...).week still works
_INDEX_MAKERS = ("date_range", "bdate_range", "DatetimeIndex", "to_datetime")


@rule(
    "pandas-week-accessor",
    library="pandas",
    changed_in="pandas 1.1 (deprecated), 2.0 (removed)",
    rationale=".dt.week, .dt.weekofyear and DatetimeIndex.week were removed; .isocalendar().week gives the same "
    "ISO week numbers.",
    pattern=r"\.(dt|index)\.(week|weekofyear)\b|DatetimeIndex\(",
    signatures=(("AttributeError", r"object has no attribute '(week|weekofyear)'"),),
    examples=(
        ("df['week'] = df['date'].dt.week", "df['week'] = df['date'].dt.isocalendar().week"),
        ("w = df.index.weekofyear", "w = df.index.isocalendar().week"),
        ("w = pd.Timestamp('2017-01-02').week", "w = pd.Timestamp('2017-01-02').week"),
    ),
)
class WeekAccessor(RuleTransformer):
    """Also, on the failing line of "'DatetimeIndex' object has no attribute 'week'", whatever holds the index
    (``dates = pd.date_range(...); dates.week``): there isocalendar().week is a Series indexed by the dates,
    which would align (to NaN) where the old Index of numbers was assigned by position; pd.Index(...) is not."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.any_index = self.own_error_type == "DatetimeIndex"

    def leave_Attribute(self, original, updated):
        if updated.attr.value not in ("week", "weekofyear"):
            return updated
        owner = updated.value
        datetime_like = m.matches(owner, m.Attribute(attr=m.Name("dt") | m.Name("index"))) or m.matches(
            owner, m.Call(func=m.Name("DatetimeIndex") | m.Attribute(attr=m.Name("DatetimeIndex"))))
        week = cst.Attribute(cst.Call(cst.Attribute(owner, cst.Name("isocalendar"))), cst.Name("week"))
        if datetime_like:
            return week
        if self.any_index and (plain_reference(owner) or callee_name(owner) in _INDEX_MAKERS) \
                and self.on_error_line(original):
            return cst.Call(cst.Attribute(cst.Name(pd_name(self.ctx)), cst.Name("Index")), [cst.Arg(week)])
        return updated


_PARSE_ONE = r"(?:[\w.]*\.)?(?:strptime\(\s*(?P<a>\w+)\s*,\s*(?P<f1>['\"][^'\"]+['\"])|to_datetime\(\s*(?P<b>\w+)\s*(?:,\s*format\s*=\s*(?P<f2>['\"][^'\"]+['\"]))?)\s*\)"
# what a parser of argument v returns: one value parsed, or a list of them ([strptime(d, f) for d in v])
_PARSER_BODY = re.compile(rf"(?:{_PARSE_ONE}|\[\s*{_PARSE_ONE.replace('?P<', '?P<l')}\s+for\s+(?P<each>\w+)\s+in\s+(?P<of>\w+)\s*\])")


def _strptime_format(ctx: Context, parser: cst.BaseExpression) -> str | None:
    """The format of a date parser that only runs strptime (or to_datetime with format=) on its argument, or
    on each of its values; "" for to_datetime without a format (what parse_dates does itself). Inline, or
    bound by ``name = lambda x: ...`` or ``def name(x): return ...`` somewhere in the notebook."""
    if (dotted(parser) or "").rsplit(".", 1)[-1] == "to_datetime":
        return ""  # date_parser=pd.to_datetime: the parser parse_dates runs itself
    if isinstance(parser, cst.Lambda):
        found = re.fullmatch(r"lambda\s+(\w+)\s*:\s*(.+)", code_of(parser).strip(), re.S)
    elif isinstance(parser, cst.Name):
        name = re.escape(parser.value)
        found = re.search(rf"^[ \t]*{name}\s*=\s*lambda\s+(\w+)\s*:\s*(.+?)\s*$", ctx.text, re.M) or re.search(
            rf"^[ \t]*def\s+{name}\s*\(\s*(\w+)\s*\)\s*:\s*(?:\n[ \t]+)?return\s+(.+?)\s*$(?!\n[ \t]+\S)", ctx.text,
            re.M)
    else:
        return None
    body = _PARSER_BODY.fullmatch(found.group(2).strip()) if found else None
    if body is None:
        return None
    arg = found.group(1)
    if body.group("each"):  # a list of the values parsed one by one
        if body.group("of") != arg or (body.group("la") or body.group("lb")) != body.group("each"):
            return None
        return body.group("lf1") or body.group("lf2") or ""
    if (body.group("a") or body.group("b")) != arg:
        return None  # the parser does more than parse its argument (a prefix, a second column, ...)
    return body.group("f1") or body.group("f2") or ""


_READERS = ("read_csv", "read_table", "read_fwf", "read_excel")  # the readers date_parser= was removed from


@rule(
    "pandas-date-parser",
    library="pandas",
    changed_in="pandas 2.0 (deprecated), 3.0 (removed)",
    rationale="read_csv, read_table, read_fwf and read_excel lost date_parser=; a parser that only applies one "
    "strptime format is date_format= with that format, and pd.to_datetime itself is what parse_dates runs; pd.datetime (the standard library's datetime, no longer re-exported since 2.0) becomes "
    "pd.Timestamp, a subclass of it, and its strptime(x, f) pd.to_datetime(x, format=f).",
    needles=("date_parser", "pd.datetime", "pandas.datetime"),
    signatures=(
        ("TypeError", r"unexpected keyword argument 'date_parser'"),
        ("AttributeError", r"module 'pandas' has no attribute 'datetime'"),
    ),
    examples=(
        (
            "parse = lambda d: pd.datetime.strptime(d, '%Y-%m')\n"
            "df = pd.read_csv(f, parse_dates=['Month'], index_col='Month', date_parser=parse)",
            "parse = lambda d: pd.to_datetime(d, format='%Y-%m')\n"
            "df = pd.read_csv(f, parse_dates=['Month'], index_col='Month', date_format='%Y-%m')",
        ),
        ("t0 = pd.datetime(2017, 1, 1)\nt1 = pd.datetime.now()", "t0 = pd.Timestamp(2017, 1, 1)\nt1 = pd.Timestamp.now()"),
        ("df = pd.read_csv(f, index_col=0, date_parser=lambda d: d.upper())", "df = pd.read_csv(f, index_col=0)"),
        ("def parser(x):\n    return datetime.strptime(x, '%Y-%m-%d')\n"
         "a = pd.read_csv(f, parse_dates=[0], date_parser=parser)\n"
         "b = pd.read_csv(g, parse_dates=['t'], date_parser=lambda v: [pd.to_datetime(d, format='%d/%m/%Y') for d in v])\n"
         "c = pd.read_csv(h, parse_dates=['t'], date_parser=lambda v: pd.to_datetime(v))\n"
         "e = pd.read_excel(x, parse_dates=['t'], date_parser=pd.to_datetime)",
         "def parser(x):\n    return datetime.strptime(x, '%Y-%m-%d')\na = pd.read_csv(f, parse_dates=[0], date_format='%Y-%m-%d')\n"
         "b = pd.read_csv(g, parse_dates=['t'], date_format='%d/%m/%Y')\nc = pd.read_csv(h, parse_dates=['t'])\n"
         "e = pd.read_excel(x, parse_dates=['t'])"),
        ("def parser(x):\n    return datetime.strptime('190' + x, '%Y-%m')\n"
         "a = pd.read_csv(f, parse_dates=[0], date_parser=parser)",
         "def parser(x):\n    return datetime.strptime('190' + x, '%Y-%m')\n"
         "a = pd.read_csv(f, parse_dates=[0], date_parser=parser)"),
    ),
)
class DateParser(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) in _READERS and kwarg(updated, "date_parser") is not None:
            parse_dates = kwarg(updated, "parse_dates")
            if parse_dates is None or m.matches(parse_dates.value, m.Name("False")):
                return remove_kwarg(updated, "date_parser")  # no column to parse: pandas never called it
            fmt = _strptime_format(self.ctx, kwarg(updated, "date_parser").value)
            if fmt is None:
                return updated
            kept = remove_kwarg(updated, "date_parser")
            return add_kwarg(kept, "date_format", fmt) if fmt else kept
        # pd.datetime.strptime(x, f) -> pd.to_datetime(x, format=f), a Timestamp (a datetime). leave_Attribute
        # below has already made pd.datetime pd.Timestamp, whose strptime raises NotImplementedError.
        strptime = m.Attribute(value=m.Attribute(attr=m.Name("datetime") | m.Name("Timestamp")), attr=m.Name("strptime"))
        if not m.matches(updated.func, strptime) or len(updated.args) != 2 or updated.args[1].keyword:
            return updated
        pandas = updated.func.value.value
        if dotted(pandas) in self.ctx.names_for("pandas", ("pd", "pandas")):
            value, fmt = (a.value for a in updated.args)
            to_datetime = cst.Attribute(pandas, cst.Name("to_datetime"))
            return add_kwarg(cst.Call(to_datetime, [cst.Arg(value)]), "format", fmt)
        return updated

    def leave_Attribute(self, original, updated):
        # Whatever else reads pd.datetime (a constructor, .now(), .today()) gets pd.Timestamp, its subclass.
        if m.matches(updated, m.Attribute(attr=m.Name("datetime"))) and dotted(updated.value) in \
                self.ctx.names_for("pandas", ("pd", "pandas")):
            return updated.with_changes(attr=cst.Name("Timestamp"))
        return updated


# --------------------------------------------------------------------------- to_datetime of mixed formats

_PANDAS_2 = "2023-05"  # pandas 2.0: April 3, 2023


@rule(
    "pandas-to-datetime-mixed",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="to_datetime parsed each string on its own (dateutil) until 2.0, which infers one format from the "
    "first string and refuses the others ('doesn't match format'); format='mixed' is the per-string parsing "
    "it did. Only a to_datetime of the failing line that names no format of its own, in a notebook not known to "
    "be written after 2.0 (there the mixed strings are news: the data changed, not pandas).",
    kind="error",
    # a string with more than the first one's format has (a time after a date) leaves data unconverted
    signatures=(("ValueError", r"doesn't match format|unconverted data remains when parsing with format"),),
    examples=(
        ("import pandas as pd\ndf['date'] = pd.to_datetime(df['date'], dayfirst=True)\nd = pd.to_datetime(x, format='%Y')",
         "import pandas as pd\ndf['date'] = pd.to_datetime(df['date'], dayfirst=True, format='mixed')\n"
         "d = pd.to_datetime(x, format='%Y')"),
    ),
)
class ToDatetimeMixed(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if callee_name(updated) != "to_datetime" or kwarg(updated, "format") is not None \
                or any(a.star for a in updated.args) or len(positional(updated)) > 1 or self.off_error_line(original) \
                or self.ctx.written_since(_PANDAS_2):
            return updated
        return add_kwarg(updated, "format", "'mixed'")


# x.astype(np.int64) // 10**9 (and / 1e9, 10**6 for milliseconds): nanosecond integers made into epoch seconds
_INT64 = m.Attribute(attr=m.Name("int64")) | m.SimpleString("'int64'") | m.SimpleString('"int64"') | m.Name("int")
_TO_INT = m.Call(func=m.Attribute(attr=m.Name("astype") | m.Name("view")), args=[m.Arg(value=_INT64, keyword=None)])
_DATE_WORDS = re.compile(r"date|time|day|stamp|ts\b|dt\b", re.IGNORECASE)
_NANOS_PER = re.compile(r"^(10\s*\*\*\s*(9|6|3)|1e9|1e6|1e3|1_?000_?000_?000|1_?000_?000|10\.0\s*\*\*\s*9)$")


def _per_unit(node: cst.BaseExpression) -> bool:
    """``10**9``, ``1e9``, ``10 ** 6``: a count of nanoseconds per second, millisecond or microsecond."""
    return _NANOS_PER.match(code_of(node)) is not None


@rule(
    "pandas-datetime-epoch-ns",
    library="pandas",
    changed_in="pandas 3.0 (resolution inferred from the input)",
    rationale="dates parsed from text are stored in microseconds, so dates.astype(np.int64) // 10**9, the "
    "epoch seconds of pandas 1-2 (whose datetimes were all nanoseconds), is a thousandth of it; the dates are cast "
    "to nanoseconds first (astype('datetime64[ns]'), a no-op on nanosecond data), which gives the old integers.",
    needles=("astype(", "view("),
    pattern=r"(astype|view)\(\s*(np\.|numpy\.)?(int64|'int64'|\"int64\"|int)\s*\)\s*\)?\s*//?\s*(10\s*\*\*|1e|10\.0|1_?000)",
    examples=(
        ("df['ts'] = pd.to_datetime(df['date']).astype(np.int64) // 10**9\n"
         "t = train.Date.values.astype('int64') / 1e9\nms = (dates.astype(int) // 10 ** 6)\nn = x.astype(int) // 10\nb = revenue.astype(int) / 1e9\n"
         "e = df.date.view('int64') // 10 ** 9",
         "df['ts'] = pd.to_datetime(df['date']).astype('datetime64[ns]').astype(np.int64) // 10**9\n"
         "t = train.Date.values.astype('datetime64[ns]').astype('int64') / 1e9\n"
         "ms = (dates.astype('datetime64[ns]').astype(int) // 10 ** 6)\nn = x.astype(int) // 10\n"
         "b = revenue.astype(int) / 1e9\ne = df.date.astype('datetime64[ns]').astype('int64') // 10 ** 9"),
    ),
)
class DatetimeEpochNs(RuleTransformer):
    def leave_BinaryOperation(self, original, updated):
        if not isinstance(updated.operator, (cst.FloorDivide, cst.Divide)) or not _per_unit(updated.right):
            return updated
        left = updated.left
        if not m.matches(left, _TO_INT):
            return updated
        receiver = left.func.value
        if m.matches(receiver, m.Call(func=m.Attribute(attr=m.Name("astype")))):
            return updated  # already cast (astype('datetime64[ns]')) or another cast the author chose
        if m.matches(left.args[0].value, m.Name("int")) and not _DATE_WORDS.search(code_of(receiver)):
            return updated  # revenue.astype(int) / 1e9 is billions: int64 by np.int64 or a date-like name only
        ns = cst.Call(cst.Attribute(receiver, cst.Name("astype")), [cst.Arg(cst.SimpleString("'datetime64[ns]'"))])
        # Series.view (removed in 3.0) reinterpreted the nanoseconds' bytes: astype gives the same integers
        cast = left.func.with_changes(value=ns, attr=cst.Name("astype"))
        return updated.with_changes(left=left.with_changes(func=cast))
