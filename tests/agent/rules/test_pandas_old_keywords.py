"""pandas' removed keywords in a real kernel: the static pass writes each as what its deprecation mapped it to
(coerce=, infer_dst=, errors=, raise_conflict=, nth(dropna=True), set_axis(axis, labels), dropna over two axes,
join_axes=, Index.copy(names=, dtype=), set_levels(inplace=), to_timestamp(tz=), sort_columns=, include_start=,
ewm(times='col'), column_space, na_sentinel=, resample(kind=), rolling/resample(axis=), float periods, unit='T');
the values only a run shows (an int usecols and a float periods held in names, hist(figsize='default')) are
rewritten on pandas' failing line. The notebook then prints what the old calls computed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import run_local

OLD_SOURCES = (
    "import os, tempfile\nimport numpy as np\nimport pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\n"
    "from pandas.plotting import andrews_curves\npd.set_option('display.column_space', 12)",
    # 1: to_datetime/to_timedelta, nth, set_axis, dropna, tz_localize, update, concat
    "d = pd.to_datetime(['2020-01-01', 'x'], coerce=True)\ntd = pd.to_timedelta(['1 day', 'x'], coerce=True)\n"
    "g = pd.DataFrame({'a': [1, 1, 2], 'b': [None, 2.0, 3.0]}).groupby('a')['b'].nth(0, dropna=True)\n"
    "df = pd.DataFrame({'a': [1.0, None], 'b': [None, None], 'c': [3.0, 4.0]})\ndf.set_axis(1, ['x', 'y', 'z'])\n"
    "df.dropna(axis=[1, 0], how='all', inplace=True)\n"
    "print(d.isna().tolist(), td.isna().tolist(), g.tolist(), df.columns.tolist(), df.shape)\n"
    "gap = pd.Timestamp('2020-03-29 02:30').tz_localize('Europe/Paris', errors='coerce')\n"
    "utc = pd.date_range('2020-01-01', periods=2).tz_localize('UTC', infer_dst=True)\n"
    "base = pd.DataFrame({'a': [1.0, None]})\nbase.update(pd.DataFrame({'a': [9.0, 8.0]}), raise_conflict=False)\n"
    "a, b = pd.DataFrame({'x': [1, 2]}), pd.DataFrame({'y': [3, 4, 5]})\n"
    "joined = pd.concat([a, b], axis=1, join_axes=[a.index])\n"
    "print(gap is pd.NaT, str(utc.tz), base['a'].tolist(), joined.shape, joined['y'].tolist())",
    # 2: Index/MultiIndex, Period, plot, between_time, ewm, factorize, resample, rolling, date_range, units
    "i = pd.Index([1, 2]).copy(names=['k'], dtype='float64')\n"
    "mi = pd.MultiIndex.from_tuples([('a', 1), ('b', 2)])\nmi.set_levels(['x', 'y'], level=0, inplace=True)\n"
    "t = pd.Period('2020-01', 'M').to_timestamp(tz='US/Eastern')\n"
    "ax = pd.DataFrame({'b': [1, 2], 'a': [2, 3]}).plot(sort_columns=True)\n"
    "print(i.dtype, i.names, list(mi.levels[0]), t.isoformat(), [l.get_label() for l in ax.get_lines()])\n"
    "hours = pd.Series(range(4), index=pd.date_range('2020-01-01', periods=4, freq='h'))\n"
    "w = pd.DataFrame({'t': pd.date_range('2020', periods=3), 'v': [1.0, 2.0, 3.0]})\n"
    "codes, uniq = pd.factorize(np.array(['a', None, 'b'], dtype=object), na_sentinel=-9)\n"
    "print(hours.between_time('0:00', '2:00', include_start=False).tolist(),\n"
    "      w.ewm(halflife='1 day', times='t').mean()['v'].round(4).tolist(), codes.tolist())\n"
    "days = pd.Series(range(40), index=pd.date_range('2020-01-01', periods=40, freq='D'))\n"
    "monthly = days.resample('M', kind='period').sum()\n"
    "wide = pd.DataFrame({'a': [1.0, 2.0], 'b': [3.0, 4.0], 'c': [5.0, 7.0]})\n"
    "span = pd.date_range('2020-01-01', periods=len(wide) * 3 / 2)\nstep = pd.to_timedelta([2], unit='T')\n"
    "print(monthly.to_dict(), wide.rolling(2, axis=1).sum()['c'].tolist(), len(span), step[0].seconds)",
    # 3: what a run shows: an int usecols and a float periods in names, hist's figsize='default'
    "path = os.path.join(tempfile.mkdtemp(), 'a.xlsx')\n"
    "pd.DataFrame({'a': [1], 'b': [2], 'c': [3]}).to_excel(path, index=False)\nlast = 1\nhalf = 4 / 2\n"
    "first = pd.read_excel(path, usecols=last)\nidx = pd.date_range('2020-01-01', periods=half)\n"
    "axes = pd.DataFrame({'v': [1, 2, 3], 'k': ['p', 'q', 'p']}).hist(column='v', by='k', figsize='default')\n"
    "andrews_curves(data=pd.DataFrame({'v': [1.0, 2.0], 'k': ['p', 'q']}), class_column='k')\n"
    "print(first.columns.tolist(), len(idx), axes.size)",
)


def test_old_keywords_compute_what_they_did(notebook, apply, run_repaired, tmp_path):
    old = notebook(*OLD_SOURCES)
    before = run_local(old, tmp_path / "before")
    assert before.first_failure.index == 0 and "column_space" in before.first_failure.error.evalue
    edits = fix_static(old)
    assert {e.cell for e in edits if "pandas-old-keywords" in e.rule_ids} == {0, 1, 2, 3}
    record: list = []
    printed = run_repaired(apply(old, edits), attempts=5, record=record)
    assert {(cell, e.origin) for cell, e in record} == {(3, "rule:pandas-old-keywords")}
    # coerce=True gave NaT for what does not parse; dropna over both axes dropped the empty column, then no row
    assert printed[1] == "[False, True] [False, True] [2.0, 3.0] ['x', 'z'] (2, 2)\n" \
                         "True UTC [9.0, 8.0] (2, 2) [3, 4]\n"
    # to_timestamp(tz=) read the period's start as UTC; between_time left out the start; the sentinel is -9
    assert printed[2] == "float64 ['k'] ['x', 'y'] 2019-12-31T19:00:00-05:00 ['a', 'b']\n" \
                         "[1, 2] [1.0, 1.6667, 2.4286] [0, -9, 1]\n" \
                         "{Period('2020-01', 'M'): 465, Period('2020-02', 'M'): 315} [8.0, 11.0] 3 120\n"
    assert printed[3] == "['a', 'b'] 2 2\n"
