"""pandas 1.x members of a time-series notebook in a real kernel: the names only pandas had are renamed by the
static pass (weekday_name, asobject, get_duplicates, ExcelWriter.save, date_range(closed=)), the ones numpy and
Python share on pandas' own failing line (compress, Timestamp.to_datetime(), df['2017-01'], to_excel(w, 'a'));
the notebook then computes what it did."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, stdout

OLD = code_notebook(
    "import os, tempfile\nimport pandas as pd\n"
    "df = pd.DataFrame({'v': range(6)}, index=pd.date_range('2017-01-30', periods=6, freq='D'))",
    "print(list(df.index.weekday_name[:2]), df.index.asobject[0].day)\n"
    "print(list(pd.Index([1, 2, 2, 3, 3]).get_duplicates()))\n"
    "print(len(pd.date_range('2017-01-01', '2017-01-05', closed='left')))",
    "jan = df['2017-01']\nbig = df['v'].compress(df['v'] > 3)\nt = df.index[0].to_datetime()\n"
    "print(len(jan), list(big), t.isoformat())",
    "w = pd.ExcelWriter(os.path.join(tempfile.mkdtemp(), 'out.xlsx'))\ndf.to_excel(w, 'days')\nw.save()\n"
    "print(pd.read_excel(w, sheet_name='days', index_col=0)['v'].sum())",
)


def test_old_members_compute_what_they_did(apply, run_repaired):
    edits = fix_static(OLD)
    assert {e.cell for e in edits if "pandas-removed-members" in e.rule_ids} == {1, 3}
    record: list = []
    printed = run_repaired(apply(OLD, edits), attempts=6, record=record)
    assert {(cell, e.origin) for cell, e in record} == {(2, "rule:pandas-removed-members"),
                                                          (3, "rule:pandas-keyword-only")}
    assert printed[1] == "['Monday', 'Tuesday'] 30\n[2, 3]\n4\n"
    assert printed[2] == "2 [4, 5] 2017-01-30T00:00:00\n"
    assert printed[3] == "15\n"


OLDER = code_notebook(
    "import io\nimport pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\nfrom pandas.tseries import converter\n"
    "converter.register()\ndf = pd.read_csv(io.StringIO('k;v\\nb;2.0\\na;1.0\\n'), ';', index_col=0)\n"
    "from pandas.types.common import is_numeric_dtype\nfrom pandas.parser import CParserError",
    "idx = pd.DatetimeIndex(start='2017-01-01', periods=3, freq='2D')\ns = pd.Series([1.0, 2.0, 3.0], index=idx)\n"
    "daily = s.resample('D')\nfilled = daily.fillna('pad')\n"
    "centred = df.apply(lambda c: c - c.mean(), broadcast=True)\nc = pd.Series(['x', 'y', 'x'], dtype='category')\n"
    "c.cat.categories = ['lo', 'hi']\nax = c.value_counts().plot('bar')\n"
    "print(list(df.sortlevel().index), list(filled), list(centred['v']), list(c), int(ax.patches[0].get_height()))\n"
    "pairs = pd.DataFrame.from_items([('p', [1]), ('q', [2])])\n"
    "print(list(pairs.columns), is_numeric_dtype(pairs['p']), issubclass(CParserError, ValueError))",
)


def test_older_calls_compute_what_they_did(fails_then_runs):
    after = fails_then_runs(OLDER, 0, "converter", {"pandas-removed-members", "pandas-keyword-only"})
    assert stdout(after.cells[1]) == "['a', 'b'] [1.0, 1.0, 2.0, 2.0, 3.0] [0.5, -0.5] ['lo', 'hi', 'lo'] 2\n" \
                                     "['p', 'q'] True True\n"


def test_stack_drops_the_missing_rows_it_dropped_before(fails_then_runs):
    """A constant column has no correlation: pandas 1.x's corr().stack() left its pairs out (4 of 9), today's keeps
    them as NaN; stack(dropna=False), refused today, is what stack does now."""
    nb = code_notebook(
        "import pandas as pd\ndf = pd.DataFrame({'a': [1, 2, 3], 'b': [3, 1, 2], 'c': [1, 1, 1]})\n"
        "pairs = df.corr().stack()\nprint(len(pairs), pairs.isna().sum())",
        "wide = pd.DataFrame({'x': [1.0, None]})\nprint(len(wide.stack(dropna=False)), len(wide.stack()))",
    )
    after = fails_then_runs(nb, 1, "dropna must be unspecified", {"pandas-stack-dropna"})
    assert [stdout(c) for c in after.cells] == ["4 0\n", "2 1\n"]
