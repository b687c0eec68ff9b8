"""pandas-searchsorted-scalar: a Series answered a scalar's searchsorted with an array of one element until
pandas 0.24, and old code took the position out with [0]; in the real kernel that [0] now indexes a scalar, and
the repaired cell gets the positions pandas 0.23 gave, while an array of values still gives an array."""

from support import code_notebook

SEARCH = code_notebook(
    "import numpy as np\nimport pandas as pd\nfares = pd.Series([7.25, 8.05, 13.0, 26.55, 71.28], index=list('abcde'))",
    "cheap = fares.iloc[:fares.searchsorted(20.0)[0]]\nlast = np.searchsorted(fares, 26.55, side='right')[-1]\n"
    "edges = fares.searchsorted([8.0, 30.0])\nprint(cheap.index.tolist(), last, edges.tolist(), edges[0])",
)


def test_positions_are_taken_as_they_come(run_repaired):
    record: list = []
    printed = run_repaired(SEARCH, attempts=3, record=record)
    assert printed[1] == "['a', 'b', 'c'] 4 [1, 4] 1\n"
    # one error per line: [0] on the first, [-1] on the second; the array of values keeps its [0]
    assert [(cell, edit.rule_ids) for cell, edit in record] == [(1, ["pandas-searchsorted-scalar"])] * 2
