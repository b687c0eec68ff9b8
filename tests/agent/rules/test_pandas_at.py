"""pandas-at-non-scalar: today's InvalidIndexError is fed to the rule, and the fixed cell, run against the
real pandas, sets the rows .at's fallback to .loc set before pandas 1.4."""

import pytest
from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError

pd = pytest.importorskip("pandas")

SETUP = "import pandas as pd\ndf = pd.DataFrame({'t': ['a', 'b', 'a'], 'age': [0.0, 30.0, 0.0]})"


def repaired(notebook, cell: str) -> dict:
    namespace: dict = {}
    exec(SETUP, namespace)  # noqa: S102 - the point is to raise today's real error
    with pytest.raises(pd.errors.InvalidIndexError) as raised:
        exec(cell, namespace)  # noqa: S102
    error = CellError(ename="InvalidIndexError", evalue=str(raised.value), traceback="", line=2)
    edits = fix_error(notebook(SETUP, cell), 1, error, [])
    assert [e.origin for e in edits] == ["rule:pandas-at-non-scalar"]
    namespace = {}
    exec(SETUP + "\n" + edits[0].new, namespace)  # noqa: S102
    return namespace


@pytest.mark.parametrize("rows", ["df[df.t == 'a'].index", "df.t == 'a'", "[0, 2]"])
def test_rows_selected_by_index_mask_or_list_are_set(notebook, rows):
    ns = repaired(notebook, f"x = 1\ndf.at[{rows}, 'age'] = 5.0")
    assert ns["df"]["age"].tolist() == [5.0, 30.0, 5.0]


def test_only_the_failing_line_changes(notebook):
    cell = "df.at[1, 'age'] = 31.0\ndf.at[df.t == 'a', 'age'] = 5.0"
    namespace: dict = {}
    exec(SETUP, namespace)  # noqa: S102
    with pytest.raises(pd.errors.InvalidIndexError) as raised:
        exec(cell, namespace)  # noqa: S102
    error = CellError(ename="InvalidIndexError", evalue=str(raised.value), traceback="", line=2)
    (edit,) = fix_error(notebook(SETUP, cell), 1, error, [])
    assert edit.new == "df.at[1, 'age'] = 31.0\ndf.loc[df.t == 'a', 'age'] = 5.0"
