"""lime-show-in-notebook in the tabular profile's real kernel: lime 0.2.0.1's show_in_notebook imports display
from IPython.core.display, which IPython 9 removed; after the static pass the explanation's HTML is displayed."""

from __future__ import annotations

from support import code_notebook

EXPLAINED = code_notebook(
    "import numpy as np\nfrom lime.lime_tabular import LimeTabularExplainer\n"
    "X = np.random.RandomState(0).rand(40, 3)\n"
    "exp = LimeTabularExplainer(X, feature_names=['a', 'b', 'c'], random_state=0).explain_instance(\n"
    "    X[0], lambda rows: np.c_[rows[:, 0], 1 - rows[:, 0]], num_features=2)",
    "exp.show_in_notebook(show_table=True)",
)


def test_an_explanation_is_shown_as_its_html(fails_then_runs):
    after = fails_then_runs(EXPLAINED, 1, "cannot import name 'display'", {"lime-show-in-notebook"})
    # the page lime builds (its scripts inlined) is larger than a run keeps of a cell's outputs: the cap's note
    # stands for the display, which an error would have replaced
    assert [o.get("text", "") for o in after.cells[1].outputs] == ["[mlemod: output truncated at 200000 bytes]\n"]
