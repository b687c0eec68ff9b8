"""pandas 0.x-2.x methods whose successor is another expression, in a real kernel: the names only pandas had
(icol, combineAdd, pd.groupby, cdate_range, from_array, as_recarray, is_mixed, union_many, ...) are rewritten by
the static pass, the ones numpy and Python share (reshape, itemsize, contains, put, apply, cat.name, rename_axis
with a mapper) on pandas' own failing line; the notebook then prints what the old code computed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, stdout

ONLY_PANDAS = code_notebook(
    "import io\nimport pandas as pd\nfrom pandas import cdate_range, SparseArray\n"
    "df = pd.DataFrame({'a': [1.0, None], 'b': [3, 4]})",
    "print(df.icol(1).tolist(), df.iget_value(0, 1), df['b'].iget_value(1))\n"
    "other = pd.DataFrame({'a': [1.0, 2.0], 'b': [0, 0]})\n"
    "print(df.combineAdd(other)['a'].tolist(), df.combineMult(df)['b'].tolist())\n"
    "print(pd.groupby(df, 'b')['a'].size().tolist(), len(cdate_range('2020-01-01', '2020-01-10', "
    "holidays=['2020-01-06'])))\n"
    "print(pd.Categorical.from_array(['x', 'y', 'x']).codes.tolist(),\n"
    "      pd.Series.from_array([5, 6], ['p', 'q'], 'v').name)\n"
    "rec = pd.read_csv(io.StringIO('k,v\\na,1\\nb,2'), as_recarray=True, index_col=0)\n"
    "print(rec.dtype.names, rec[1]['v'], type(pd.pnow('D')).__name__, pd.plot_params['xaxis.compat'])\n"
    "print(pd.Index(['a', 1.5]).is_mixed(), pd.Index([1, 2]).dtype_str, SparseArray([0, 0, 1, 1]).density)\n"
    "idx = pd.date_range('2020-01-03', periods=2)\n"
    "print(len(idx.union_many([pd.date_range('2021-01-01', periods=2)])), list(idx.to_perioddelta('M').days))\n"
    "print(pd.offsets.MonthEnd().onOffset(pd.Timestamp('2020-01-31')), "
    "list(pd.PeriodIndex(year=[2020], quarter=[2]).astype(str)))\n"
    "print(list(pd.Series(['u', 'v'], dtype='category').cat.categorical.categories))",
)


def test_names_only_pandas_had_compute_what_they_did(fails_then_runs):
    after = fails_then_runs(ONLY_PANDAS, 0, "cdate_range", {"pandas-old-methods"})
    assert stdout(after.cells[1]) == (
        "[3, 4] 3 4\n[2.0, 2.0] [9, 16]\n[1, 1] 7\n[0, 1, 0] v\n('k', 'v') 2 Period False\n"
        "True int64 0.5\n4 [2, 3]\nTrue ['2020Q2']\n['u', 'v']\n")


SHARED = code_notebook(
    "import numpy as np\nimport pandas as pd\ns = pd.Series([1, 2, 3], index=['a', 'b', 'c'])\n"
    "c = pd.Series(['x', 'y'], dtype='category', name='col')",
    "X = np.hstack([np.ones(3).reshape(-1, 1), s.reshape(-1, 1)])\nprint(X.shape, s.itemsize)",
    "print(s.index.contains('b'), s.index.get_value(s, 'c'), c.cat.name)",
    "s.put(0, 7)\nprint(list(s), list(c.values.to_dense()))",
    "print(pd.offsets.MonthEnd().apply(pd.Timestamp('2020-01-05')).date(), list(s.rename_axis(str.upper).index))",
)


def test_shared_spellings_on_pandas_failing_line(apply, run_repaired):
    record: list = []
    printed = run_repaired(apply(SHARED, fix_static(SHARED)), attempts=10, record=record)
    assert {e.origin for _, e in record} == {"rule:pandas-old-methods-on-error"}
    assert [cell for cell, _ in record] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert printed[1:] == ["(3, 2) 8\n", "True 3 col\n", "[7, 2, 3] ['x', 'y']\n", "2020-01-31 ['A', 'B', 'C']\n"]
