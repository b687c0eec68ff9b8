"""The rules of pandas_removed_runtime.py and pandas_runtime_calls.py run in the tabular profile's real kernel:
each cell prints what old pandas printed, from its docstrings' examples and its source (0.19-2.2)."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local

OLD = code_notebook(
    "import os\nimport tempfile\nimport numpy as np\nimport pandas as pd",
    # the docstrings' examples; timedeltas counted as dates; is_time_series asked the index
    "print(pd.api.types.is_period(pd.PeriodIndex(['2017-01-01'], freq='D')), pd.api.types.is_period([1, 2, 3]),\n"
    "      pd.api.types.is_datetimetz(pd.DatetimeIndex([1, 2, 3], tz='US/Eastern')), pd.api.types.is_datetimetz([1, 2]))\n"
    "print(pd.timedelta_range('1D', periods=2).is_all_dates, pd.Index([1, 2]).is_all_dates,\n"
    "      pd.Series([1], index=pd.date_range('2020', periods=1)).is_time_series)",
    # codes compared level by level; to_hierarchical(3) repeated each code three times
    "mi = pd.MultiIndex.from_arrays([['a', 'a', 'b', 'b'], ['bb', 'aa', 'aa', 'bb']])\n"
    "print(pd.MultiIndex.from_arrays([['a', 'b', 'c'], ['d', 'e', 'f']]).is_lexsorted(), mi.is_lexsorted(), mi.lexsort_depth)\n"
    "h = pd.MultiIndex.from_tuples([(1, 'one'), (1, 'two'), (2, 'one'), (2, 'two')]).to_hierarchical(3)\n"
    "print(h.codes[1].tolist())",
    # slice_shift dropped the emptied row and kept int64; convert_dtype=False kept Python objects
    "s = pd.Series([1, 2, 3], index=list('xyz'))\nr = s.slice_shift(1)\n"
    "print(r.tolist(), r.index.tolist(), r.dtype, s.ftype, list(s.blocks))\n"
    "print(pd.Series([1, 2]).apply(lambda x: x, convert_dtype=False).dtype,\n"
    "      pd.Series([1.0, 2.0]).expanding(center=False).sum().tolist(),\n"
    "      pd.Series([1, 2]).where(pd.Series([False, True]), 0, try_cast=True).tolist())",
    # Categorical.replace's docstring example; mode a Categorical; dtype equality ignores the order
    "c = pd.Categorical([1, 2, 1, 3])\nt = c.replace(1, 3)\nmodes = c.mode()\n"
    "print(t.tolist(), list(t.categories), modes.tolist(), type(modes).__name__, c.is_dtype_equal(pd.Categorical([3, 2, 1])))",
    # an all-NaN column's label was NaN; a list was made an object array; s.str gave the n-th characters
    "df = pd.DataFrame({'a': [np.nan, np.nan], 'b': [1, 2]}, index=['x', 'y'])\ni = df.idxmax()\n"
    "print(i.isna().tolist(), i['b'])\nu = pd.unique(['b', 'a', 'b'])\nprint(u.tolist(), u.dtype)\n"
    "print([c.tolist() for c in pd.Series(['ab', 'c']).str])\n"
    "print(pd.offsets.Week().is_anchored(), pd.offsets.Week(weekday=0).is_anchored(), pd.offsets.Hour().is_anchored(),\n"
    "      pd.DateOffset(2).isAnchored(), pd.offsets.MonthEnd().isAnchored())\n"
    "print(pd.Index(pd.date_range('2020', periods=2), freq='D').freqstr)",
    # a DatetimeIndex in records as datetime objects; a missing column written empty; number cells read as floats
    "d = pd.DataFrame({'v': [1, 2]}, index=pd.date_range('2020-01-01', periods=2, name='when'))\n"
    "print(type(d.to_records(convert_datetime64=True)[0][0]).__name__)\n"
    "path = os.path.join(tempfile.mkdtemp(), 'x.xlsx')\nd.to_excel(path, columns=['v', 'w'])\n"
    "back = pd.read_excel(path, convert_float=False)\nprint(back.columns.tolist(), back['v'].tolist(), back['w'].isna().all())",
    # execute ran on a new cursor and gave it back; object columns came back from interpolate as they were; each
    # inner list of str.cat's others was paired by position
    "import sqlite3\nimport pandas.io.sql as psql\ncon = sqlite3.connect(':memory:')\n"
    "psql.execute('CREATE TABLE t (a int)', con)\npsql.execute('INSERT INTO t VALUES (?)', con, params=[5])\n"
    "print(psql.execute('SELECT a FROM t', con).fetchall())\n"
    "print(pd.Series([1, None, 3], dtype=object).interpolate().tolist(),\n"
    "      pd.Series(['a', 'b'], index=[7, 8]).str.cat([['x', 'y'], ['1', '2']]).tolist())",
    # a Series' naive times were read as UTC, an index's as wall times; 'M' was numpy's mean month
    "s = pd.Series(pd.to_datetime(['2020-01-01 12:00']))\n"
    "print(s.astype('datetime64[ns, Asia/Tokyo]')[0], pd.DatetimeIndex(['2020-01-01 12:00']).astype('datetime64[ns, Asia/Tokyo]')[0])\n"
    "print(pd.to_timedelta(1, unit='M'), pd.to_timedelta(np.array([1.5]), unit='M')[0])",
    # date and time parsed apart and joined to the second; the seconds' fraction as microseconds
    "from pandas.io.date_converters import parse_date_time, parse_all_fields\n"
    "print(parse_date_time(np.array(['2020-01-02']), np.array(['10:30:15.5']))[0],\n"
    "      parse_all_fields([2020], [1], [2], [3], [4], [5.25])[0])",
)


def test_old_pandas_members_give_what_they_gave(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 1
    out = run_repaired(apply(OLD, fix_static(OLD)), attempts=21)
    assert out[1] == "True False True False\nTrue False True\n"
    assert out[2] == "True False 1\n[0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]\n"
    assert out[3] == "[1, 2] ['y', 'z'] int64 int64:dense ['int64']\nobject [1.0, 3.0] [0, 2]\n"
    assert out[4] == "[3, 2, 3, 3] [2, 3] [1] Categorical True\n"
    assert out[5] == ("[True, False] y\n['b', 'a'] object\n[['a', 'c'], ['b', nan]]\n"
                      "False True False False True\nD\n")
    assert out[6] == "datetime\n['when', 'v', 'w'] [1.0, 2.0] True\n"
    assert out[7] == "[(5,)]\n[1, None, 3] ['ax1', 'by2']\n"
    assert out[8] == "2020-01-01 21:00:00+09:00 2020-01-01 12:00:00+09:00\n30 days 10:29:06 45 days 15:43:39\n"
    assert out[9] == "2020-01-02 10:30:15 2020-01-02 03:04:05.250000\n"
