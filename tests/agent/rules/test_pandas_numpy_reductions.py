"""numpy's reductions of a DataFrame: per column as pandas < 2.0 / 3.0 gave, unless the notebook was written
after the release that made them one scalar (then the scalar is what it meant)."""

from mlemodernizer.agent.rules import fix_static

CELL = "import numpy as np\nimport pandas as pd\ndf = pd.read_csv('t.csv')\nm = np.mean(df)\ns = np.sum(df.isnull())"


def rewritten(notebook, written: str | None) -> str:
    edits = fix_static(notebook(CELL, written=written))
    return edits[0].new if edits else CELL


def test_a_notebook_from_before_pandas_2_gets_per_column_values(notebook):
    assert rewritten(notebook, "2019-05").endswith("m = df.mean(axis=0)\ns = df.isnull().sum(axis=0)")
    assert rewritten(notebook, None).endswith("m = df.mean(axis=0)\ns = df.isnull().sum(axis=0)")  # no date: old


def test_a_notebook_written_since_a_release_keeps_the_scalar_that_release_gave(notebook):
    # mean's scalar came with pandas 2.0 (2023-04), sum's with 3.0 (2026-01)
    assert rewritten(notebook, "2024-02").endswith("m = np.mean(df)\ns = df.isnull().sum(axis=0)")
    assert rewritten(notebook, "2026-06") == CELL
