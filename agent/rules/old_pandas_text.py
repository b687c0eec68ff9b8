"""pandas' removed text-making methods written out with today's API: the shims pandas_sklearn_old_results.py copies
into a notebook (see old_scipy.py for how shims are used). Each is the old method reduced to what a call gave,
from pandas 0.20-0.25's source; they run in the notebook's kernel, never here."""


def index_summary(index, name=None):  # Index.summary (removed in pandas 1.0): "Int64Index: 3 entries, 1 to 3"
    import re

    import pandas as pd

    def pretty(x, depth=0):  # pandas' pprint_thing: a tuple's items unquoted, "(a, 1)", "(a,)"
        if isinstance(x, (tuple, list)) and depth < pd.get_option("display.pprint_nest_depth"):
            body = ", ".join(pretty(v, depth + 1) for v in x) + ("," if isinstance(x, tuple) and len(x) == 1 else "")
            return ("[%s]" if isinstance(x, list) else "(%s)") % body
        return str(x)

    if name is None:  # the class pandas 0.25 made: numbers had Int64Index, UInt64Index and Float64Index
        name = type(index).__name__
        if type(index) is pd.Index:
            name = {"i": "Int64Index", "u": "UInt64Index", "f": "Float64Index"}.get(index.dtype.kind, "Index")
    kind = (pd.DatetimeIndex, pd.TimedeltaIndex, pd.PeriodIndex)
    if not isinstance(index, kind):
        ends = ", %s to %s" % (pretty(index[0]), pretty(index[-1])) if len(index) else ""
        return "%s: %s entries%s" % (name, len(index), ends)
    values = pd.Series(index)
    known = values.dropna()
    if isinstance(index, pd.DatetimeIndex):
        # dates alone when every time is midnight and there is no zone, else the Timestamp as str() gives it
        dates_only = index.tz is None and (known.dt.normalize() == known).all()

        def show(x):
            if pd.isna(x):
                return "NaT"
            return "%d-%.2d-%.2d" % (x.year, x.month, x.day) if dates_only else str(x)
    elif isinstance(index, pd.TimedeltaIndex):
        # one layout for all: days alone when all are whole days, times alone when none reaches a day
        ns = known.to_numpy().astype("m8[ns]").view("i8")
        layout = None if (ns % 86400e9 == 0).all() else "sub_day" if (abs(ns) < 86400e9).all() else "long"

        def show(x):
            if pd.isna(x):
                return "NaT"
            c = x.components
            seconds = "%02d" % c.seconds
            if c.milliseconds or c.microseconds or c.nanoseconds:  # nanoseconds not shown
                seconds += ".%03d%03d" % (c.milliseconds, c.microseconds)
            if layout == "sub_day" and not c.days:
                return "%02d:%02d:%s" % (c.hours, c.minutes, seconds)
            if layout == "long" or c.hours or c.minutes or c.seconds or c.milliseconds or c.microseconds \
                    or c.nanoseconds:
                return "%d days%s%02d:%02d:%s" % (c.days, " +" if c.days < 0 else " ", c.hours, c.minutes, seconds)
            return "%d days" % c.days
    else:
        def show(x):
            return "NaT" if pd.isna(x) else str(x)
    ends = ", %s to %s" % (show(index[0]), show(index[-1])) if len(index) else ""
    result = "%s: %s entries%s" % (pretty(name), len(index), ends)
    if index.freq is not None:
        # the frequency under pandas 0.25's names ('M', 'A-DEC', 'H', 'T'), which later releases renamed
        n, base, rest = re.fullmatch(r"(-?\d*)([A-Za-z]+)(.*)", index.freqstr).groups()
        old = {"ME": "M", "BME": "BM", "CBME": "CBM", "SME": "SM", "QE": "Q", "BQE": "BQ", "YE": "A", "Y": "A",
               "BYE": "BA", "YS": "AS", "BYS": "BAS", "h": "H", "bh": "BH", "cbh": "CBH", "min": "T", "s": "S",
               "ms": "L", "us": "U", "ns": "N"}
        result += "\nFreq: %s%s%s" % (n, old.get(base, base), rest)
    return result.replace("'", "")  # display as values, not quoted
