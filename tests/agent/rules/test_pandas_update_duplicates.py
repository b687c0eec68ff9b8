"""pandas-update-repeated-labels: pandas 3 refuses DataFrame.update from a frame whose row labels repeat (train
and test concatenated); before 3.0 the same index was matched row by row. In the real tabular kernel the
notebook raises as written, and after the rule updates each row from its own row, its labels kept."""

from mlemodernizer.agent.rules import fix_error
from support import code_notebook, run_local, stdout

UPDATE_FROM_SAME_ROWS = code_notebook(
    "import numpy as np\nimport pandas as pd\n"
    "train = pd.DataFrame({'LotArea': [100.0, 200.0], 'Rooms': [3, 4]})\n"
    "test = pd.DataFrame({'LotArea': [300.0, 400.0], 'Rooms': [5, 6]})\n"
    "both = pd.concat([train, test])",
    "logged = np.log10(both[['LotArea']])\n"
    "logged.iloc[2, 0] = np.nan  # a missing value leaves its row as it was\n"
    "both.update(logged)\n"
    "print(both['LotArea'].round(3).tolist(), both.index.tolist())",
)


def test_an_update_from_the_same_rows_matches_them_one_by_one_again(tmp_path, apply):
    before = run_local(UPDATE_FROM_SAME_ROWS, tmp_path / "before")
    bad = before.first_failure
    assert bad is not None and bad.index == 1 and "duplicate indexes on other" in bad.error.evalue, before.summary()
    edits = fix_error(UPDATE_FROM_SAME_ROWS, bad.index, bad.error, [])
    assert [(e.cell, e.origin) for e in edits] == [(1, "rule:pandas-update-repeated-labels")]
    after = run_local(apply(UPDATE_FROM_SAME_ROWS, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    # log10 of 100, 200 and 400 written into rows 0, 1 and 3; row 2 keeps 300; the labels 0, 1, 0, 1 as before
    assert stdout(after.cells[1]) == "[2.0, 2.301, 300.0, 2.602] [0, 1, 0, 1]\n"


def test_floats_into_integer_columns_are_upcast_before_the_renumbered_update(tmp_path, apply):
    # pandas 3 refuses the repeated labels first, then the floats the update writes into the int64 column;
    # pandas-setitem-upcast reads the renumbered other (other.set_axis(...)) as the frame it names
    nb = code_notebook(
        "import numpy as np\nimport pandas as pd\nboth = pd.concat([pd.DataFrame({'Area': [100, 200]}),\n"
        "                  pd.DataFrame({'Area': [300, 400]})])",
        "logged = np.log10(both[['Area']])\nboth.update(logged)\nprint(both['Area'].round(3).tolist(), both.index.tolist())")
    for step in ("duplicate indexes on other", "Invalid value"):
        run = run_local(nb, tmp_path / step.split()[0])
        bad = run.first_failure
        assert bad is not None and bad.index == 1 and step in bad.error.evalue, run.summary()
        nb = apply(nb, fix_error(nb, bad.index, bad.error, []))
    after = run_local(nb, tmp_path / "after")
    assert after.status == "ok" and stdout(after.cells[1]) == "[2.0, 2.301, 2.477, 2.602] [0, 1, 0, 1]\n", after.summary()
