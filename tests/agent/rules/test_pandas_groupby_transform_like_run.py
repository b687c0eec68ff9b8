"""pandas 2.0 adds the group keys to a column's transform-like groupby apply: the titanic idiom that fills Age
with each group's median runs without an error and leaves the column all NaN, and a frame's gets the keys in its
index and loses its grouping column. In the tabular profile's real kernel, the notebook as written prints those;
after the static pass it prints what pandas 1.x gave."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local, stdout

FILL_BY_GROUP = code_notebook(
    "import pandas as pd\n"
    "df = pd.DataFrame({'Sex': ['m', 'f', 'm', 'f', 'm', 'f'], 'Pclass': [1, 1, 1, 2, 2, 1],\n"
    "                   'Age': [20.0, None, 40.0, 30.0, None, 50.0]})",
    "df['Age'] = df.groupby(['Sex', 'Pclass'])['Age'].apply(lambda x: x.fillna(x.median()))\n"
    "grouped = df.groupby(['Sex', 'Pclass'])\n"
    "df.Age = grouped.Age.apply(lambda a: (a - a.mean()).abs())\n"
    "print(df['Age'].tolist())",
    "d = pd.DataFrame({'k': [1, 2, 1, 2], 'v': [1.0, 3.0, None, None]})\n"
    "r = d.groupby('k').apply(lambda g: g.fillna(g.mean()))\n"
    "print(list(r.columns), r.index.tolist(), r['v'].tolist())",
)


def test_a_column_filled_by_group_is_filled_again(tmp_path, apply):
    before = run_local(FILL_BY_GROUP, tmp_path / "before")
    assert before.status == "ok" and stdout(before.cells[1]) == "[nan, nan, nan, nan, nan, nan]\n"
    assert stdout(before.cells[2]) == "['v'] [(1, 0), (1, 2), (2, 1), (2, 3)] [1.0, 1.0, 3.0, 3.0]\n"
    edits = fix_static(FILL_BY_GROUP, written="2019-05")
    assert {r for e in edits for r in e.rule_ids} == {"pandas-groupby-apply-transform-like"}
    after = run_local(apply(FILL_BY_GROUP, edits), tmp_path / "after")
    # (f, 1) holds None and 50: filled with 50, then 0 from the mean; (m, 1) is 20 and 40: 10 from the mean of 30;
    # (m, 2) has no age at all and stays NaN, as it did when apply came back indexed like the column
    assert stdout(after.cells[1]) == "[10.0, 0.0, 10.0, 0.0, nan, 0.0]\n"
    # a frame's groups: the grouping column kept and the rows indexed as the frame's, in its order, as in 1.x
    assert stdout(after.cells[2]) == "['k', 'v'] [0, 1, 2, 3] [1.0, 3.0, 1.0, 3.0]\n"
