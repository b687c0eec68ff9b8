"""The rules of pandas_removed_more.py and numpy_python_more.py run in the tabular profile's real kernel: each
cell prints what the old API returned, worked out by hand from its documented behaviour."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local

OLD = code_notebook(
    "import io\nimport platform\nimport numpy as np\nimport pandas as pd",
    # box=False unboxed a list's result to datetime64 values; errors='ignore' gave the whole input back
    "d = pd.to_datetime(['2020-01-01', '2020-01-03'], box=False)\nt = pd.to_datetime('2020-01-02', box=False)\n"
    "print(type(d).__name__, d.dtype.kind, str(d[1])[:10], type(t).__name__)\n"
    "r = pd.to_datetime(pd.Series(['2020-01-01', 'oops']), errors='ignore')\n"
    "print(r.tolist(), pd.to_datetime('x', errors='ignore'), pd.to_numeric(['1', 'a'], errors='ignore').tolist(),\n"
    "      pd.to_numeric(pd.Series(['1', '2']), errors='ignore').tolist())\n"
    "f = pd.DataFrame({'a': ['1', '2'], 'b': ['x', '3']}).apply(pd.to_numeric, errors='ignore')\n"
    "print(f['a'].tolist(), f['b'].tolist())",
    # first('3D') stops before day 4, last('3D') starts after day 7; first('W') from a Sunday is that Sunday only;
    # replace(method=) fills from the nearest value that is not replaced, even a NaN, and keeps the dtype
    "ts = pd.Series(range(10), index=pd.date_range('2020-01-01', periods=10, freq='D'))\n"
    "sun = pd.Series(range(5), index=pd.date_range('2020-02-02', periods=5, freq='D'))\n"
    "thu = pd.Series(range(6), index=pd.date_range('2020-01-30', periods=6, freq='D'))\n"
    "print(ts.first('3D').tolist(), ts.last('3D').tolist(), sun.first('W').tolist(), thu.first('W').tolist())\n"
    "a = pd.Series([1, 0, 0, 2, np.nan, 0]).replace(0, method='ffill')\n"
    "b = pd.Series([0, 0, 5, 0, 7]).replace(0, method='bfill', limit=1)\n"
    "print(a.tolist(), b.tolist(), b.dtype)",
    "df = pd.DataFrame({'a1': [1, 2], 'a2': [3, 4], 'b1': [5, 6]})\n"
    "print(df.groupby(lambda c: c[0], axis=1).sum().to_dict(), df.groupby('a1', squeeze=True)['b1'].sum().tolist())\n"
    "sub = df[df.a1 > 1]\nsub.is_copy = None\nsub['c'] = 1\nprint(sub.shape, df.consolidate().equals(df))",
    "s = pd.Series([1.0, 2.0, 3.0, 4.0])\n"
    "print(pd.rolling_window(s, 2, 'boxcar').tolist(), pd.rolling_window(s, window=2, win_type='boxcar', mean=False).tolist())\n"
    "print(pd.match([3, 1, 9], [1, 3, 1]).tolist(), pd.Series([1 + 2j, 3 - 1j]).real.tolist())",
    "raw = 'Date,Time,v\\n01/02/2020,10:00,1\\n02/02/2020,11:30,2\\n'\n"
    "w = pd.read_csv(io.StringIO(raw), parse_dates={'dt': ['Date', 'Time']}, dayfirst=True, index_col='dt')\n"
    "print([str(x) for x in w.index], w.columns.tolist())\n"
    "k = pd.read_csv(io.StringIO(raw), parse_dates=[['Date', 'Time']], keep_date_col=True)\n"
    "print(k.columns.tolist(), k['Date_Time'].dt.hour.tolist(), k['Date'].tolist())",
    "np.random.seed(42.0)\nx = np.random.rand()\nnp.random.seed(42)\n"
    "print(x == np.random.rand(), len(platform.linux_distribution()))",
    # take_last=True kept the last of each duplicate; pct_change filled the gap before dividing; dates with and
    # without a time parsed one by one; a unitless datetime64 was nanoseconds
    "df = pd.DataFrame({'k': [1, 1, 2], 'v': [10, 20, 30]})\n"
    "print(df.drop_duplicates('k', take_last=True)['v'].tolist(), df.duplicated('k', take_last=True).tolist(),\n"
    "      pd.Series([3, 3, 1]).nlargest(1, take_last=True).index.tolist())\n"
    "print(pd.Series([1.0, np.nan, 2.0, 4.0]).pct_change(fill_method='pad').tolist())\n"
    "t = pd.DataFrame({'d': ['2020-01-03', '2020-01-06 12:00']})\nt['d'] = pd.to_datetime(t['d'])\n"
    "t['n'] = t['d'].astype(str).astype('datetime64')\nprint(t['d'].dt.hour.tolist(), t['n'].dtype)",
)


def test_old_pandas_calls_give_what_they_gave(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 1
    # Series.real, the float seed, the mixed dates and the unitless dtype are error-keyed
    out = run_repaired(apply(OLD, fix_static(OLD)), attempts=6)
    assert out[1] == "ndarray M 2020-01-03 datetime64\n['2020-01-01', 'oops'] x ['1', 'a'] [1, 2]\n[1, 2] ['x', '3']\n"
    assert out[2] == "[0, 1, 2] [7, 8, 9] [0] [0, 1, 2, 3]\n[1.0, 1.0, 1.0, 2.0, nan, nan] [0, 5, 5, 7, 7] int64\n"
    assert out[3] == "{'a': {0: 4, 1: 6}, 'b': {0: 5, 1: 6}} [5, 6]\n(1, 4) True\n"
    assert out[4] == "[nan, 1.5, 2.5, 3.5] [nan, 3.0, 5.0, 7.0]\n[1, 2, -1] [1.0, 3.0]\n"
    assert out[5] == ("['2020-02-01 10:00:00', '2020-02-02 11:30:00'] ['v']\n"
                      "['Date_Time', 'Date', 'Time', 'v'] [10, 11] ['01/02/2020', '02/02/2020']\n")
    assert out[6] == "True 3\n"
    assert out[7] == "[20, 30] [True, False, False] [1]\n[nan, 0.0, 1.0, 1.0]\n[0, 12] datetime64[ns]\n"
