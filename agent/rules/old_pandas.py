"""pandas' removed methods and options written out with today's API: the shims that the rules of
pandas_removed_more.py copy into a notebook (see old_scipy.py for how shims are used). Each one is the old
method reduced to what a call did, from pandas' documentation of it; test_removed_api_run.py runs them in
the locked environment against values worked out by hand."""


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
