"""Old pandas keywords found by reading pandas' own source, in a real kernel: the static pass writes downcast='infer'
out as its shim and resample(fill_method=) as the fill after resampling; the error-keyed rule drops or rewrites the
keywords whose value decides the new form, and each cell prints what the old pandas computed."""

from __future__ import annotations

from support import code_notebook, stdout

STATIC = code_notebook(
    "import numpy as np\nimport pandas as pd",
    "df = pd.DataFrame({'a': [1.0, None, 3.0], 'b': [1.5, None, 2.0], 'c': ['x', None, 'y']})\n"
    "f = df.fillna(0, downcast='infer')\nprint([str(t) for t in f.dtypes], f['a'].tolist())",
    "s = pd.Series(range(3), index=pd.date_range('2020', periods=3, freq='D'))\n"
    "print(s.resample('12h', fill_method='ffill').tolist(), s.resample('6h', fill_method='ffill', limit=1).isna().sum())",
    "w = pd.Series(range(6), index=pd.date_range('2020', periods=6, freq='D'))\n"
    "print(w.resample('2D', how='sum', fill_method='ffill').tolist())",
    "print(pd.Series([1.0, 2.0, 3.0]).ewm(span=2, axis=0).mean().round(3).tolist(), "
    "type(pd.to_timedelta(['1 day'], box=False)).__name__)",
)

ERRORS = code_notebook(
    "import pandas as pd",
    "g = pd.DataFrame({'g': [1, 1, 2, 2], 'v': [1, 3, 2, 5]}).groupby('g')\n"
    "print(g['v'].shift(1, axis=0).tolist(), g['v'].rank(axis=0).tolist())",
    "c = pd.Categorical(['a', 'b'])\nc.set_categories(['a', 'b', 'z'], inplace=True)\nprint(list(c.categories))",
    "a = pd.Series([1, 2, 3])\nb = pd.Series([7.0], index=[0])\nx, y = a.align(b, method='ffill')\nprint(y.tolist())",
    "pi = pd.period_range('2000-01', periods=2, freq='M')\nprint([str(t.date()) for t in pi.astype('datetime64[ns]', how='end')])",
    "print(pd.Series([0, 1, 1]).replace(1, 5, limit=1).tolist())",
    # limit bounded the default fill within each group; keep_tz=False gave the UTC times
    "g = pd.DataFrame({'g': [1, 1, 1, 2], 'v': [1.0, None, None, 4.0]}).groupby('g')\n"
    "print(g['v'].pct_change(limit=1).tolist())",
    "idx = pd.date_range('2020', periods=2, tz='US/Eastern')\nprint(idx.to_series(keep_tz=False).dt.hour.tolist())",
    # fastpath=True read codes; a scalar with an index was repeated; kind only validated
    "c = pd.Categorical([1, 0], categories=['a', 'b'], fastpath=True)\n"
    "print(list(c), pd.arrays.SparseArray(0, index=range(3)).to_numpy().tolist())",
    "i = pd.Index([1, 2, 3, 4])\nprint(list(map(int, i.slice_locs(2, 3, kind='loc'))), int(i.get_slice_bound(3, 'left', 'loc')))",
)


def test_static_forms_compute_what_they_did(fails_then_runs):
    after = fails_then_runs(STATIC, 1, "downcast", {"pandas-fill-downcast", "pandas-removed-call-forms",
                                                      "pandas-old-keywords", "pandas-to-datetime-box"})
    printed = [stdout(c) for c in after.cells]
    assert printed[1:] == ["['int64', 'float64', 'object'] [1, 0, 3]\n", "[0, 0, 1, 1, 2] 4\n", "[1, 5, 9]\n",
                           "[1.0, 1.75, 2.615] ndarray\n"]


def test_keywords_by_value_on_the_failing_line(run_repaired):
    record: list = []
    printed = run_repaired(ERRORS, 14, record)
    assert {r for _, e in record for r in e.rule_ids} >= {"pandas-source-removed-keywords", "pandas-removed-call-forms"}
    assert printed[1:] == ["[nan, 1.0, nan, 2.0] [1.0, 2.0, 1.0, 2.0]\n", "['a', 'b', 'z']\n", "[7.0, 7.0, 7.0]\n",
                           "['2000-01-31', '2000-02-29']\n", "[0, 5, 5]\n", "[nan, 0.0, nan, nan]\n", "[5, 5]\n",
                           "['b', 'a'] [0, 0, 0]\n", "[1, 3] 2\n"]
