"""Values of a 2019 notebook that pandas 3 reads differently (pandas_inputs.py and pandas_keys.py), in a real
kernel: the static pass rewrites what the code shows (a JSON literal, a workbook's bytes, a literal group name, a
literal xs list, two frames' columns beside &), the error-keyed pass the rest on the line pandas' error names (an
HTML text in a name, a date, epoch texts, aware datetimes, a list beside &, integer .loc bounds, float codes); the
notebook then prints what it printed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook

OLD = code_notebook(
    "import datetime, io\nimport pandas as pd\nhtml = '<table><tr><th>a</th></tr><tr><td>7</td></tr></table>'\n"
    "buffer = io.BytesIO()\npd.DataFrame({'a': [1, 2]}).to_excel(buffer, index=False)\n"
    "df = pd.DataFrame({'c': ['x', 'y', 'x'], 'v': [1, 2, 3], 'd': pd.date_range('2020-01-01', periods=3)},\n"
    "                  index=['p', 'q', 'r'])",
    "js = pd.read_json('[{\"a\": 1}, {\"a\": 2}]')\nxl = pd.read_excel(buffer.getvalue())\n"
    "print(js.a.sum(), pd.read_html(html)[0].a.sum(), xl.a.sum())",
    "late = df[df.d > datetime.date(2020, 1, 2)]\nepoch = pd.to_datetime(pd.Series(['1577836800']), unit='s')\n"
    "aware = pd.Series(pd.date_range('2020-01-01', periods=1, tz='US/Eastern'))\n"
    "utc = pd.Timestamp('2020-01-01', tz='UTC')\n"
    "print(len(late), epoch[0], aware.astype('datetime64[ns]')[0].hour, pd.Timestamp(utc, tz='Asia/Tokyo').hour)",
    "grouped = df.groupby(['c'])\nkey = 'y'\n"
    "mi = pd.Series([1, 2], index=pd.MultiIndex.from_tuples([('a', 1), ('b', 2)]))\n"
    "print(grouped.get_group('x').v.sum(), grouped.get_group(key).v.sum(), mi.xs(['b', 2]))\n"
    "df.loc[0:2, 'v'] = 9\ncodes = pd.Categorical.from_codes([0.0, 1.0, 1.0], categories=['lo', 'hi'])\n"
    "mask = (df.v > 5) & [True, False, True]\nother = pd.DataFrame(columns=['v', 'z'])\n"
    "print(df.v.tolist(), list(codes), mask.tolist(), list(df.columns & other.columns))",
)


def test_old_values_compute_what_they_did(apply, run_repaired):
    edits = fix_static(OLD)
    assert {e.cell for e in edits if "pandas-documents-as-paths" in e.rule_ids} == {1}
    assert {e.cell for e in edits if {"pandas-tuple-keys", "pandas-logical-operands"} <= set(e.rule_ids)} == {3}
    record: list = []
    printed = run_repaired(apply(OLD, edits), attempts=11, record=record)
    assert [(cell, e.origin) for cell, e in record] == [
        (1, "rule:pandas-documents-as-paths"), *[(2, "rule:pandas-datetime-inputs")] * 4,
        *[(3, "rule:pandas-tuple-keys")] * 3, (3, "rule:pandas-logical-operands")]
    assert printed[1] == "3 7 3\n"
    assert printed[2] == "1 2020-01-01 00:00:00 5 9\n"
    assert printed[3] == "4 2 2\n[9, 9, 3] ['lo', 'hi', 'hi'] [True, False, False] ['v']\n"


def test_failing_line_without_evidence_is_left(notebook):
    """Keyed by pandas' error, the rules still change only what the error is about: a get_group after grouping by a
    column, a line of two comparisons where no operand is evidently the date, a text with tz= that is localized."""
    from mlemodernizer.agent.rules import fix_error
    from mlemodernizer.core import CellError

    cases = [
        ("g = df.groupby('c').get_group(k)", "KeyError", "'z'"),
        ("sub = df[(df.d > when) & (df.v > level)]", "TypeError",
         "Invalid comparison between dtype=datetime64[us] and date"),
        ("t = pd.Timestamp('2020-01-01', tz='UTC')", "ValueError",
         "Cannot pass a datetime or Timestamp with tzinfo with the tz parameter. Use tz_convert instead."),
    ]
    for line, ename, evalue in cases:
        nb = notebook(f"import pandas as pd\n{line}")
        edits = fix_error(nb, 0, CellError(ename=ename, evalue=evalue, traceback="", line=2), [])
        assert not [e for e in edits if e.origin.startswith("rule:pandas-")], line
