"""pandas' removed readers and writers' helpers written out with today's API: read_excel(convert_float=False),
pandas.io.sql.execute and pandas.io.date_converters, the shims pandas_runtime_calls.py and pandas_removed_runtime.py
copy into a notebook (see old_scipy.py for how shims are used)."""


def read_excel_floats(*args, **kwargs):  # read_excel(convert_float=False) (removed in pandas 2.0)
    import numpy as np
    import pandas as pd
    # every number cell was read as a float (pandas now reads 1.0 as 1): whole-number columns were float64, and
    # the numbers in an object column, in the header row and in index_col were floats too

    def number_to_float(v):
        return float(v) if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) else v

    def labels(index):
        if isinstance(index, pd.MultiIndex):
            return pd.MultiIndex.from_arrays([labels(index.get_level_values(i)) for i in range(index.nlevels)],
                                             names=index.names)
        if index.dtype.kind in "iu":
            return index.astype("float64")
        return index.map(number_to_float) if index.dtype == object else index

    def frame(df):
        df = df.copy()
        for i in range(df.shape[1]):
            column = df.iloc[:, i]
            if column.dtype.kind in "iu":
                df.isetitem(i, column.astype("float64"))
            elif column.dtype == object:
                df.isetitem(i, column.map(number_to_float).astype(object))
        if kwargs.get("header", 0) is not None and kwargs.get("names") is None:
            df.columns = labels(df.columns)  # the header row's numbers
        if kwargs.get("index_col") is not None:
            df.index = labels(df.index)
        return df

    result = pd.read_excel(*args, **kwargs)
    return {k: frame(v) for k, v in result.items()} if isinstance(result, dict) else frame(result)


def execute(sql, con, params=None):  # pandas.io.sql.execute (removed in pandas 3.0): run one statement
    import pandas as pd
    # an SQLAlchemy engine, connection or URL ran it as the driver's own SQL in a transaction committed at once;
    # any other connection (sqlite3, DBAPI) on a new cursor, given back, rolling back and raising DatabaseError
    # when it failed
    try:
        import sqlalchemy
    except ImportError:
        sqlalchemy = None
    if sqlalchemy is not None and isinstance(con, str):
        con = sqlalchemy.create_engine(con)
    if sqlalchemy is not None and isinstance(con, (sqlalchemy.engine.Engine, sqlalchemy.engine.Connection)):
        connection = con.connect() if isinstance(con, sqlalchemy.engine.Engine) else con
        began = connection.in_transaction()
        bound = () if params is None else (params if hasattr(params, "keys") else tuple(params),)
        result = connection.exec_driver_sql(sql, *bound) if isinstance(sql, str) else connection.execute(sql, *bound)
        if not began:
            connection.commit()
        return result
    args = [sql] if params is None else [sql, params if hasattr(params, "keys") else list(params)]
    cursor = con.cursor()
    try:
        cursor.execute(*args)
        return cursor
    except Exception as exc:
        try:
            con.rollback()
        except Exception as inner:
            raise pd.errors.DatabaseError(f"Execution failed on sql: {args[0]}\n{exc}\nunable to rollback") from inner
        raise pd.errors.DatabaseError(f"Execution failed on sql '{args[0]}': {exc}") from exc


# pandas.io.date_converters (removed in pandas 2.0): the helpers that built datetime objects from columns


def parse_date_time(date_col, time_col):  # each date and time parsed by dateutil, joined to the second
    import datetime

    import numpy as np
    from dateutil.parser import parse
    dates, times = np.asarray(date_col, dtype=object), np.asarray(time_col, dtype=object)
    if len(times) != len(dates):
        raise ValueError("Length of dates and times must be equal")
    today = datetime.datetime.now()
    first = datetime.datetime(today.year, today.month, 1)  # what a date without a day or month took
    result = np.empty(len(dates), dtype=object)
    for i in range(len(dates)):
        d, t = parse(str(dates[i]), default=first), parse(str(times[i]))
        result[i] = datetime.datetime(d.year, d.month, d.day, t.hour, t.minute, t.second)
    return result


def parse_date_fields(year_col, month_col, day_col):  # a datetime per row from year, month and day
    import datetime

    import numpy as np
    years, months, days = (np.asarray(c, dtype=object) for c in (year_col, month_col, day_col))
    if len(months) != len(years) or len(days) != len(years):
        raise ValueError("Length of years/months/days must all be equal")
    result = np.empty(len(years), dtype=object)
    for i in range(len(years)):
        result[i] = datetime.datetime(int(years[i]), int(months[i]), int(days[i]))
    return result


def parse_all_fields(year_col, month_col, day_col, hour_col, minute_col, second_col):  # ... to the microsecond
    import datetime

    import numpy as np
    cols = [np.asarray(c, dtype=object) for c in (year_col, month_col, day_col, hour_col, minute_col, second_col)]
    if any(len(c) != len(cols[0]) for c in cols):
        raise ValueError("Length of all datetime components must be equal")
    result = np.empty(len(cols[0]), dtype=object)
    for i in range(len(cols[0])):
        seconds = float(cols[5][i])
        whole = int(seconds)
        micros = (seconds - whole) * 1000000 if seconds - whole > 0 else 0  # the fraction, truncated
        result[i] = datetime.datetime(int(cols[0][i]), int(cols[1][i]), int(cols[2][i]), int(cols[3][i]),
                                      int(cols[4][i]), whole, int(micros))
    return result


def generic_parser(parse_func, *cols):  # parse_func called on each row's values, the results in an object array
    import numpy as np
    if not len(cols):
        raise AssertionError("There must be at least 1 column")
    n = len(cols[0])
    for i, length in enumerate(map(len, cols[1:])):
        if length != n:
            raise AssertionError(f"All columns must have the same length: {n}; column {i} has length {length}")
    results = np.empty(n, dtype=object)
    for i in range(n):
        results[i] = parse_func(*[c[i] for c in cols])
    return results
