"""pandas-setitem-upcast: the error pandas 3 raises today is fed to the rule, and the fixed cell, run against
the real pandas, gives the column the dtype and values the silent upcast of pandas < 2.1 gave."""

import pytest
from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

SETUP = "import numpy as np\nimport pandas as pd\ndf = pd.DataFrame({'n': [1, 2, 300], 'flag': [True, False, True]})"


def repaired(notebook, cell: str, setup: str = SETUP) -> dict:
    """The namespace after the rule's fix of ``cell``'s last line, fed the error today's pandas raises there
    (the lines before it are setup)."""
    *before, last = cell.split("\n")
    setup = "\n".join([setup, *before])
    namespace: dict = {}
    exec(setup, namespace)  # noqa: S102 - the point is to raise today's real error
    with pytest.raises(TypeError) as raised:
        exec(last, namespace)  # noqa: S102
    error = CellError(ename="TypeError", evalue=str(raised.value), traceback="", line=1)
    edits = fix_error(notebook(setup, last), 1, error, [])
    assert [e.origin for e in edits] == ["rule:pandas-setitem-upcast"]
    namespace = {"fixed": edits[0].new}
    exec(setup + "\n" + edits[0].new, namespace)  # noqa: S102
    return namespace


def test_floats_into_an_int_column_make_it_float64(notebook):
    ns = repaired(notebook, "df.loc[df.n > 100, 'n'] = np.log1p(df.n[df.n > 100])")
    assert ns["df"]["n"].dtype == np.float64
    assert ns["df"]["n"].tolist() == pytest.approx([1.0, 2.0, np.log1p(300)])


def test_a_number_into_a_bool_column_makes_it_object(notebook):
    ns = repaired(notebook, "df.at[0, 'flag'] = 5")
    assert ns["df"]["flag"].dtype == object and ns["df"]["flag"].tolist() == [5, False, True]


# PDEP-6's other setitem-like operations: the in-place methods, a frame's own boolean mask, whole rows, update
@pytest.mark.parametrize("cell, expected", [
    ("num = df[['n']]\nnum.where(num > 1, 0.5, inplace=True)", {"num": [0.5, 2.0, 300.0]}),
    ("num = df[['n']]\nnum.mask(num > 100, 0.5, inplace=True)", {"num": [1.0, 2.0, 0.5]}),
    ("num = df[['n']]\nnum.clip(lower=1.5, inplace=True)", {"num": [1.5, 2.0, 300.0]}),
    ("num = df[['n']]\nnum[num > 100] = 0.5", {"num": [1.0, 2.0, 0.5]}),
    ("df.loc[df.n > 100] = 0.5", {"df": [1.0, 2.0, 0.5]}),  # the bool column too (0.5 is a value it holds)
    ("other = pd.DataFrame({'n': [0.5]}, index=[2])\ndf.update(other)", {"df": [1.0, 2.0, 0.5]}),
])
def test_each_setitem_like_operation_upcasts_what_it_writes(notebook, cell, expected):
    (name, values), = expected.items()
    column = repaired(notebook, cell)[name]["n"]
    assert column.dtype == np.float64 and column.tolist() == pytest.approx(values)


def test_text_filled_in_place_into_a_float_column_makes_it_object(notebook):
    ns = repaired(notebook, "f.fillna('none', inplace=True)", setup=SETUP + "\nf = pd.DataFrame({'n': [1.0, np.nan]})")
    assert ns["fixed"] == "f = f.fillna('none')"
    assert ns["f"]["n"].dtype == object and ns["f"]["n"].tolist() == [1.0, "none"]
