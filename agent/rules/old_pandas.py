"""pandas' removed methods and options written out with today's API: the shims that the rules of
pandas_removed_more.py and pandas_removed_runtime.py copy into a notebook (see old_scipy.py for how shims are
used); those of pandas' readers and writers are in old_pandas_io.py. Each one is the old method reduced to what a
call did, from pandas' documentation and source of it; test_pandas_removed_more_run.py and
test_pandas_removed_runtime_run.py run them in the locked environment against values worked out by hand."""


def first_by_offset(obj, offset):  # NDFrame.first (removed in pandas 3.0): the rows within `offset` of the first date
    import pandas as pd
    if not isinstance(obj.index, pd.DatetimeIndex):
        raise TypeError("'first' only supports a DatetimeIndex index")
    if len(obj.index) == 0:
        return obj
    offset = pd.tseries.frequencies.to_offset(offset)
    start = obj.index[0]
    fixed = isinstance(offset, pd.offsets.Tick)
    # an anchored offset ('M', 'W') counts the period the first date ends as the first one
    end = start - offset.base + offset if not fixed and offset.is_on_offset(start) else start + offset
    if fixed and end in obj.index:
        return obj.iloc[:obj.index.searchsorted(end, side="left")]  # a fixed span stops before its end
    return obj.loc[:end]


def last_by_offset(obj, offset):  # NDFrame.last (removed in pandas 3.0): the rows within `offset` of the last date
    import pandas as pd
    if not isinstance(obj.index, pd.DatetimeIndex):
        raise TypeError("'last' only supports a DatetimeIndex index")
    if len(obj.index) == 0:
        return obj
    begin = obj.index[-1] - pd.tseries.frequencies.to_offset(offset)
    return obj.iloc[obj.index.searchsorted(begin, side="right"):]


def replace_by_fill(obj, to_replace, method="pad", limit=None):  # Series/DataFrame.replace(x, method=) (removed in pandas 3.0)
    import numpy as np
    import pandas as pd
    # each value equal to one of to_replace takes the nearest earlier ('pad') or later ('bfill') value that is not
    # one of them, at most `limit` in a row; where there is none the value stays; a frame does it column by column
    if isinstance(obj, pd.DataFrame):
        return obj.apply(replace_by_fill, args=(to_replace, method, limit))
    values = list(to_replace) if pd.api.types.is_list_like(to_replace) else [to_replace]
    hit = obj.isin(values).to_numpy()
    source = pd.Series(np.where(hit, np.nan, np.arange(len(obj))))
    source = source.ffill(limit=limit) if method in ("pad", "ffill") else source.bfill(limit=limit)
    take = hit & source.notna().to_numpy()
    out = obj.copy()
    out.iloc[np.flatnonzero(take)] = obj.iloc[source[take].astype(int).to_numpy()].to_numpy()
    return out


def to_datetime_or_input(arg, *args, **kwargs):  # to_datetime(errors='ignore') (removed in pandas 3.0): the input when parsing fails
    import numpy as np
    import pandas as pd
    try:
        return pd.to_datetime(arg, *args, **kwargs)
    except (ValueError, TypeError, OverflowError):
        if isinstance(arg, (pd.Series, pd.DataFrame, pd.Index)) or not pd.api.types.is_list_like(arg):
            return arg
        return pd.Index(np.asarray(arg, dtype=object))  # a list or array came back as an object Index of its values


def to_numeric_or_input(arg, *args, **kwargs):  # to_numeric(errors='ignore') (removed in pandas 3.0): the input when parsing fails
    import numpy as np
    import pandas as pd
    try:
        return pd.to_numeric(arg, *args, **kwargs)
    except (ValueError, TypeError):
        if isinstance(arg, pd.DataFrame):
            raise  # not a one-dimensional input: refused whatever errors= said
        if isinstance(arg, (pd.Series, pd.Index, np.ndarray)) or not pd.api.types.is_list_like(arg):
            return arg
        return np.array(arg, dtype=object)  # a list came back as an object array of its values


def to_timedelta_or_input(arg, *args, **kwargs):  # to_timedelta(errors='ignore') (removed in pandas 3.0): the input when parsing fails
    import pandas as pd
    try:
        return pd.to_timedelta(arg, *args, **kwargs)
    except ValueError:
        return arg


def match(to_match, values, na_sentinel=-1):  # pandas.match (removed in pandas 0.23): where each value of to_match is in values
    import numpy as np
    import pandas as pd
    index = pd.Index(values)
    last = ~index.duplicated(keep="last")  # a value that occurs twice is found at its last place
    found = index[last].get_indexer(pd.Index(to_match))
    result = np.where(found >= 0, np.flatnonzero(last)[found], -1)
    return np.where(result == -1, na_sentinel, result)


def downcast_inferred(obj):  # fillna/ffill/bfill/interpolate(downcast='infer') (removed in pandas 3.0): whole floats as int64
    import numpy as np
    import pandas as pd
    # after filling, a float column whose values are all whole numbers (no NaN, no inf) became int64; other columns,
    # object ones included, stayed as they were; a frame did it column by column
    if isinstance(obj, pd.DataFrame):
        out = obj.copy()
        for i in range(obj.shape[1]):
            out.isetitem(i, downcast_inferred(obj.iloc[:, i]))
        return out
    if not isinstance(obj, pd.Series) or obj.dtype.kind != "f" or len(obj) == 0:
        return obj
    values = obj.to_numpy()
    if not np.isfinite(values).all() or not (values == np.round(values)).all():
        return obj
    return obj.astype("int64")


# ----------------------------------------------------------------- read at run time, as the old members did


def is_period(arr):  # pandas.api.types.is_period (removed in pandas 1.0): a PeriodIndex or period-typed values
    import numpy as np
    import pandas as pd
    if isinstance(arr, (pd.PeriodIndex, pd.arrays.PeriodArray)):
        return True
    if isinstance(arr, (np.ndarray, pd.Series)):
        return isinstance(arr.dtype, pd.PeriodDtype)
    return getattr(arr, "inferred_type", None) == "period"


def is_datetimetz(arr):  # pandas.api.types.is_datetimetz (removed in pandas 1.0): a dtype with a time zone
    import numpy as np
    import pandas as pd
    dtype = getattr(arr, "dtype", arr)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return True
    if isinstance(dtype, (pd.Series, pd.Index, pd.DataFrame, np.dtype)) or not isinstance(dtype, str):
        return False  # only a dtype's name (text) was parsed: data never was
    try:
        return isinstance(pd.api.types.pandas_dtype(dtype), pd.DatetimeTZDtype)
    except TypeError:
        return False


def index_is_all_dates(index):  # Index.is_all_dates (removed in pandas 2.0), Series.is_time_series (0.20) of s.index
    import datetime

    import numpy as np
    import pandas as pd
    dtype = index.dtype
    if dtype.kind in "mM" or isinstance(dtype, pd.PeriodDtype):
        return True  # datetimes, timedeltas and periods all counted as dates
    if dtype != object or isinstance(index, pd.MultiIndex):
        return False

    def generic_na(v):
        return v is None or (isinstance(v, (float, np.floating)) and np.isnan(v))

    values = list(index)
    # every value a datetime or a missing one, and not all of them None/NaN
    return bool(values) and all(isinstance(v, datetime.datetime) or v is pd.NaT or generic_na(v)
                                or (isinstance(v, np.datetime64) and np.isnat(v)) for v in values) \
        and not all(generic_na(v) for v in values)


def lexsort_depth(index):  # MultiIndex.lexsort_depth (removed in pandas 2.0): how many first levels' codes are sorted
    import numpy as np
    if index.sortorder is not None:
        return index.sortorder
    codes = [np.asarray(c, dtype=np.int64) for c in index.codes]
    for k in range(index.nlevels, 0, -1):
        steps = np.diff(np.vstack(codes[:k]), axis=1)  # one column per pair of neighbouring rows
        changed = steps != 0
        first = changed.argmax(axis=0)  # the first level whose code changes decides the order
        if (~changed.any(axis=0) | (steps[first, np.arange(steps.shape[1])] > 0)).all():
            return k
    return 0


def is_lexsorted(index):  # MultiIndex.is_lexsorted (removed in pandas 2.0): all levels' codes sorted
    import numpy as np
    if index.sortorder is not None:
        return index.sortorder == index.nlevels
    steps = np.diff(np.vstack([np.asarray(c, dtype=np.int64) for c in index.codes]), axis=1)
    changed = steps != 0
    first = changed.argmax(axis=0)  # as lexsort_depth, for all the levels at once
    return bool((~changed.any(axis=0) | (steps[first, np.arange(steps.shape[1])] > 0)).all())


def categorical_mode(values, dropna=True):  # Categorical.mode (removed in pandas 2.0): the modes as a Categorical
    import pandas as pd
    return pd.Series(values).mode(dropna=dropna).array


def slice_shift(obj, periods=1, axis=0):  # Series/DataFrame.slice_shift (removed in pandas 2.0)
    # the values moved by `periods` with the rows they leave dropped (no NaN added, dtype kept)
    if periods == 0:
        return obj
    axis = 1 if axis in (1, "columns") else 0
    kept, labels = (slice(None, -periods), slice(periods, None)) if periods > 0 \
        else (slice(-periods, None), slice(None, periods))
    new = obj.iloc[kept] if axis == 0 else obj.iloc[:, kept]
    return new.set_axis(obj.axes[axis][labels], axis=axis)


def series_ftype(s):  # Series.ftype / ftypes (removed in pandas 1.0): '<dtype>:dense' or '<subtype>:sparse'
    import pandas as pd
    if isinstance(s.dtype, pd.SparseDtype):
        return f"{s.dtype.subtype}:sparse"
    return f"{s.dtype}:dense"


def arg_label_or_nan(obj, which, axis=0, skipna=True):  # idxmax/idxmin before pandas 3.0: NaN for all-NA data
    import numpy as np
    import pandas as pd
    # an all-NA column (any NA with skipna=False) had NaN as its label; pandas 3.0 raises there instead
    if isinstance(obj, pd.Series):
        na = obj.isna()
        if len(obj) and (na.all() if skipna else na.any()):
            return np.nan
        return getattr(obj, which)(skipna=skipna)
    axis = 1 if axis in (1, "columns") else 0
    if obj.shape[axis] == 0:
        return getattr(obj, which)(axis=axis, skipna=skipna)
    na = obj.isna()
    empty = na.all(axis=axis) if skipna else na.any(axis=axis)
    if not empty.any():
        return getattr(obj, which)(axis=axis, skipna=skipna)
    lines = obj if axis == 0 else obj.T
    found = [np.nan if empty.iloc[j] else getattr(lines.iloc[:, j], which)(skipna=skipna)
             for j in range(lines.shape[1])]
    return pd.Series(found, index=lines.columns)


def apply_unconverted(s, func, args=(), **kwargs):  # Series.apply(convert_dtype=False) (removed in pandas 3.0)
    import numpy as np
    import pandas as pd
    # the results were kept as Python objects (an object Series) instead of being inferred into a dtype; ufuncs,
    # names and lists of functions, empty Series and the arrays with their own map (categorical, datetime with a
    # time zone, period, sparse) went as ever
    mapping = (pd.CategoricalDtype, pd.DatetimeTZDtype, pd.PeriodDtype, pd.SparseDtype)
    if not callable(func) or isinstance(func, np.ufunc) or len(s) == 0 or isinstance(s.dtype, mapping):
        return s.apply(func, args=args, **kwargs)
    mapped = np.empty(len(s), dtype=object)
    for i, value in enumerate(s.astype(object).to_numpy()):
        result = func(value, *args, **kwargs)
        mapped[i] = result.item() if isinstance(result, np.ndarray) and result.ndim == 0 else result
    if isinstance(mapped[0], pd.Series):
        return pd.DataFrame(list(mapped), index=s.index)
    return pd.Series(mapped, index=s.index, name=s.name)


def to_records_datetimes(frame, index=True, **kwargs):  # to_records(convert_datetime64=True) (removed in pandas 1.0)
    import pandas as pd
    # a DatetimeIndex went into the records as datetime.datetime objects, not datetime64 values
    if index and not isinstance(frame.index, pd.MultiIndex) and frame.index.dtype.kind == "M":
        days = pd.Index(frame.index.to_pydatetime(), dtype=object, name=frame.index.name)
        frame = frame.set_axis(days, axis=0)
    return frame.to_records(index=index, **kwargs)


def offset_is_anchored(offset):  # DateOffset.is_anchored / isAnchored (removed in pandas 3.0 / 2.0)
    import pandas as pd
    o = pd.offsets
    # a unit offset (n == 1) was anchored unless its class said otherwise: a fixed span never was, a week needed
    # a weekday, a quarter a starting month, a 52-53-week year both
    if isinstance(offset, (o.Tick, o.Day)):
        return False
    if isinstance(offset, o.Week):
        return offset.n == 1 and offset.weekday is not None
    if isinstance(offset, (o.QuarterBegin, o.QuarterEnd, o.BQuarterBegin, o.BQuarterEnd)):
        return offset.n == 1 and offset.startingMonth is not None
    if isinstance(offset, (o.FY5253, o.FY5253Quarter)):
        return offset.n == 1 and offset.startingMonth is not None and offset.weekday is not None
    return offset.n == 1


def to_hierarchical(index, n_repeat, n_shuffle=1):  # MultiIndex.to_hierarchical (removed in pandas 1.0)
    import numpy as np
    import pandas as pd
    # each code repeated n_repeat times, then dealt out in n_shuffle interleaved runs
    codes = [np.repeat(c, n_repeat).reshape(n_shuffle, -1).ravel(order="F") for c in index.codes]
    return pd.MultiIndex(levels=index.levels, codes=codes, names=index.names)


def categorical_is_dtype_equal(values, other):  # Categorical.is_dtype_equal (removed in pandas 2.0)
    # the same categories (in any order when unordered) and ordered flag, read from other.dtype: a dtype given
    # itself, or anything without .dtype, was never equal
    try:
        return hash(values.dtype) == hash(other.dtype)
    except (AttributeError, TypeError):
        return False


def categorical_replace(values, to_replace, value):  # Categorical.replace (removed in pandas 2.0)
    import numpy as np
    import pandas as pd
    # a category replaced by a new value is renamed; by an existing category its values move there and it goes;
    # by NaN it goes (its values missing)
    pairs = {old: value for old in to_replace} if pd.api.types.is_list_like(to_replace) else {to_replace: value}
    codes = np.array(values.codes)
    categories = list(values.categories)
    for old, new in pairs.items():
        if new == old or old not in pd.Index(categories):
            continue
        at = categories.index(old)
        if not pd.isna(new) and new not in pd.Index(categories):
            categories[at] = new
            continue
        if not pd.isna(new):
            codes[codes == at] = categories.index(new)
        codes[codes == at] = -1
        codes[codes > at] -= 1
        del categories[at]
    return pd.Categorical.from_codes(codes, categories=categories, ordered=values.ordered)


def series_blocks(s, copy=True):  # Series.blocks / as_blocks (removed in pandas 1.0): {dtype name: the Series}
    return {str(s.dtype): s.copy(deep=copy)}


def styler_where(styler, cond, value, other=None, subset=None, **kwargs):  # Styler.where (removed in pandas 2.0)
    other = "" if other is None else other
    return styler.map(lambda v: value if cond(v, **kwargs) else other, subset=subset)


def unique_values(values):  # pandas.unique of a list or tuple (refused since pandas 3.0)
    import numpy as np
    import pandas as pd
    # a list became an array first: of objects when it held text or mixed values, else numpy's own guess
    if pd.api.types.is_list_like(values) and not hasattr(values, "dtype"):
        if pd.api.types.infer_dtype(values, skipna=False) in ("mixed", "string", "mixed-integer"):
            array = np.empty(len(values), dtype=object)
            array[:] = list(values)
            values = array
        else:
            values = np.asarray(values)
    return pd.unique(values)


def str_positions(values):  # iterating Series.str (removed in pandas 2.0): its first characters, then its second, ...
    # values.str.get(0), values.str.get(1), ... while any string is that long
    i = 0
    column = values.str.get(i)
    while column.notna().any():
        yield column
        i += 1
        column = values.str.get(i)


def index_of_subclass(data=None, dtype=None, copy=False, name=None, **kwargs):  # Index(data, freq=) (2.0)
    import pandas as pd
    # the subclass the data made (DatetimeIndex, PeriodIndex, IntervalIndex, ...) was built with the other keywords;
    # a range ignored them, and any other Index refused them
    index = pd.Index(data, dtype=dtype, copy=copy, name=name)
    if not kwargs or isinstance(data, (range, pd.RangeIndex)):
        return index
    kinds = (pd.DatetimeIndex, pd.TimedeltaIndex, pd.PeriodIndex, pd.IntervalIndex, pd.CategoricalIndex)
    if not isinstance(index, kinds):
        raise TypeError(f"Unexpected keyword arguments {set(kwargs)!r}")
    return type(index)(index, name=index.name, **kwargs)


def interpolate_keeping_objects(obj, *args, **kwargs):  # interpolate with object columns (refused since pandas 3.0)
    import numpy as np
    import pandas as pd
    # an object column came back unchanged (a copy) while the other columns were interpolated; a frame of object
    # columns only was refused
    if isinstance(obj, pd.Series):
        return obj.copy() if obj.dtype == object else obj.interpolate(*args, **kwargs)
    objects = (obj.dtypes == object).to_numpy()
    if not objects.any():
        return obj.interpolate(*args, **kwargs)
    if objects.all():
        raise TypeError("Cannot interpolate with all object-dtype columns in the DataFrame. Try setting at least "
                        "one column to a numeric dtype.")
    others = np.flatnonzero(~objects)
    filled = obj.iloc[:, others].interpolate(*args, **kwargs)
    out = obj.copy()
    for j, at in enumerate(others):
        out.isetitem(at, filled.iloc[:, j])
    return out


def to_timedelta_average(arg, unit):  # to_timedelta(x, unit='M' / 'Y') (refused since pandas 1.0)
    import numpy as np
    import pandas as pd
    # numpy's mean Gregorian month (30.436875 days) or year (365.2425 days), in nanoseconds
    step = 10**9 * (2629746 if unit == "M" else 31556952)

    def one(v):  # a single value (alone or in a list) went through np.timedelta64(int(v), unit): whole units only
        if isinstance(v, str):
            return pd.Timedelta(v)
        return pd.NaT if pd.isna(v) else pd.Timedelta(int(v) * step, unit="ns")

    if pd.api.types.is_scalar(arg):
        return one(arg)
    values = arg.to_numpy() if isinstance(arg, (pd.Series, pd.Index)) else arg
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        result = pd.TimedeltaIndex((values.astype(np.int64) * step).view("m8[ns]"))
    elif isinstance(values, np.ndarray) and values.dtype.kind == "f":
        # an array of floats kept the fractions: whole units and the rest multiplied apart, as pandas did
        filled = np.where(np.isnan(values), 0, values)
        base = filled.astype(np.int64)
        ns = base * step + (np.round(filled - base, 9) * step).astype(np.int64)
        result = pd.TimedeltaIndex(np.where(np.isnan(values), np.timedelta64("NaT", "ns"), ns.view("m8[ns]")))
    else:
        result = pd.TimedeltaIndex([one(v) for v in list(values)])
    if isinstance(arg, pd.Series):
        return pd.Series(result, index=arg.index, name=arg.name)
    return result.rename(arg.name) if isinstance(arg, pd.Index) else result


def astype_naive_aware(obj, dtype):  # naive datetimes .astype('datetime64[ns, tz]') (refused since pandas 2.0)
    import pandas as pd
    target = pd.api.types.pandas_dtype(dtype)
    if not isinstance(target, pd.DatetimeTZDtype) or not isinstance(obj, (pd.Series, pd.Index)) \
            or obj.dtype.kind != "M" or isinstance(obj.dtype, pd.DatetimeTZDtype):
        return obj.astype(dtype)
    if isinstance(obj, pd.Index):
        return obj.tz_localize(target.tz).astype(target)  # an index read the values as wall times in the zone
    return obj.dt.tz_localize("UTC").dt.tz_convert(target.tz).astype(target)  # a Series read them as UTC


def mpl_style(value, _saved={}):  # pd.set_option('display.mpl_style', value) (removed in pandas 0.21)
    import matplotlib.pyplot as plt
    from cycler import cycler
    # pandas 0.18-0.20's fixed rcParams ('axes.color_cycle' given as the color prop_cycle, as pandas did for
    # matplotlib >= 1.5; its 'keymap.all_axes' shortcut, gone from matplotlib, left out); False or None put back
    # the values the last 'default' replaced
    if value not in (None, False, "default"):
        raise ValueError("Value must be one of None|False|default")
    sheet = {
        "axes.axisbelow": True, "axes.edgecolor": "#bcbcbc", "axes.facecolor": "#eeeeee", "axes.grid": True,
        "axes.labelcolor": "#555555", "axes.labelsize": "large", "axes.linewidth": 1.0, "axes.titlesize": "x-large",
        "axes.prop_cycle": cycler("color", ["#348ABD", "#7A68A6", "#A60628", "#467821", "#CF4457", "#188487",
                                            "#E24A33"]),
        "figure.edgecolor": "white", "figure.facecolor": "white", "figure.figsize": (6.0, 4.0),
        "figure.subplot.hspace": 0.5, "font.family": "monospace",
        "font.monospace": ["Andale Mono", "Nimbus Mono L", "Courier New", "Courier", "Fixed", "Terminal", "monospace"],
        "font.size": 10, "interactive": True, "keymap.back": ["left", "c", "backspace"],
        "keymap.forward": ["right", "v"], "keymap.fullscreen": ["f"], "keymap.grid": ["g"],
        "keymap.home": ["h", "r", "home"], "keymap.pan": ["p"], "keymap.save": ["s"], "keymap.xscale": ["L", "k"],
        "keymap.yscale": ["l"], "keymap.zoom": ["o"], "legend.fancybox": True, "lines.antialiased": True,
        "lines.linewidth": 1.0, "patch.antialiased": True, "patch.edgecolor": "#EEEEEE", "patch.facecolor": "#348ABD",
        "patch.linewidth": 0.5, "toolbar": "toolbar2", "xtick.color": "#555555", "xtick.direction": "in",
        "xtick.major.pad": 6.0, "xtick.major.size": 0.0, "xtick.minor.pad": 6.0, "xtick.minor.size": 0.0,
        "ytick.color": "#555555", "ytick.direction": "in", "ytick.major.pad": 6.0, "ytick.major.size": 0.0,
        "ytick.minor.pad": 6.0, "ytick.minor.size": 0.0,
    }
    if value == "default":
        _saved.clear()
        _saved.update({k: plt.rcParams[k] for k in sheet})
        plt.rcParams.update(sheet)
    elif _saved:
        plt.rcParams.update(_saved)
