"""pandas-setitem-upcast: the error pandas 3 raises today is fed to the rule, and the fixed cell, run against
the real pandas, gives the column the dtype and values the silent upcast of pandas < 2.1 gave."""

import pytest
from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

SETUP = "import numpy as np\nimport pandas as pd\ndf = pd.DataFrame({'n': [1, 2, 300], 'flag': [True, False, True]})"


def repaired(notebook, cell: str) -> dict:
    namespace: dict = {}
    exec(SETUP, namespace)  # noqa: S102 - the point is to raise today's real error
    with pytest.raises(TypeError) as raised:
        exec(cell, namespace)  # noqa: S102
    error = CellError(ename="TypeError", evalue=str(raised.value), traceback="", line=1)
    edits = fix_error(notebook(SETUP, cell), 1, error, [])
    assert [e.origin for e in edits] == ["rule:pandas-setitem-upcast"]
    namespace = {}
    exec(SETUP + "\n" + edits[0].new, namespace)  # noqa: S102
    return namespace


def test_floats_into_an_int_column_make_it_float64(notebook):
    ns = repaired(notebook, "df.loc[df.n > 100, 'n'] = np.log1p(df.n[df.n > 100])")
    assert ns["df"]["n"].dtype == np.float64
    assert ns["df"]["n"].tolist() == pytest.approx([1.0, 2.0, np.log1p(300)])


def test_a_number_into_a_bool_column_makes_it_object(notebook):
    ns = repaired(notebook, "df.at[0, 'flag'] = 5")
    assert ns["df"]["flag"].dtype == object and ns["df"]["flag"].tolist() == [5, False, True]
