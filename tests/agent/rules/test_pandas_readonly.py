"""pandas-readonly-array: pandas 3 lends a frame's values read-only; the notebook's write into them raises in
the real kernel, and the rule gives the array's binding, wherever it is, its own copy."""

from mlemodernizer.agent.rules import fix_error
from support import code_notebook, run_local, stdout


def test_the_array_written_into_is_bound_to_a_copy_in_the_cell_that_took_it(tmp_path, apply):
    nb = code_notebook(
        "import numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import LabelEncoder\n"
        "df = pd.DataFrame({'Age': [22.0, np.nan, 80.0], 'Fare': [7.25, 71.3, np.nan]})\n"
        "X = df[['Age', 'Fare']].values\nnames = df.columns.values",
        "for i in range(X.shape[1]):\n    X[np.isnan(X[:, i]), i] = 0\nprint(X.sum(), df.isna().sum().sum())",
    )
    before = run_local(nb, tmp_path / "before")
    bad = before.first_failure
    assert bad is not None and bad.index == 1 and "read-only" in bad.error.evalue, before.summary()
    edits = fix_error(nb, bad.index, bad.error, [])
    assert [(e.cell, e.origin) for e in edits] == [(0, "rule:pandas-readonly-array")]
    fixed = apply(nb, edits)
    assert "X = df[['Age', 'Fare']].values.copy()\nnames = df.columns.values" in fixed.sources()[0]
    after = run_local(fixed, tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[1]).split() == ["180.55", "2"]  # the array filled, the frame as it was


def test_nothing_is_guessed_without_one_plainly_bound_array(notebook, apply):
    from mlemodernizer.core import CellError

    err = CellError(ename="ValueError", evalue="assignment destination is read-only", traceback="", line=2)
    # two arrays written on the line; an array bound by a loop; a write through .values itself
    for source in ("a = s.values\nb = t.values\na[0], b[0] = 1, 2",
                   "for a in arrays:\n    a[0] = 1",
                   "x = 1\ndf.values[0, 0] = 1"):
        assert fix_error(notebook(source), 0, err.model_copy(update={"line": source.count("\n") + 1}), []) == []
    # a binding in a function parameter shadows the frame's array of the same name
    source = "X = df.values\ndef fill(X):\n    X[X < 0] = 0"
    assert fix_error(notebook(source), 0, err.model_copy(update={"line": 3}), []) == []
