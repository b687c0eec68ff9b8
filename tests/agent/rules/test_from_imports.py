"""catalogue-from-import: a removed or renamed name imported by name is respelled as the module's attribute
in every cell, and the static rules replace it in the same edit."""

from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError


def cannot_import(name: str, module: str, line: int = 1) -> CellError:
    evalue = f"cannot import name '{name}' from '{module}' (/env/{module.replace('.', '/')}/__init__.py)"
    return CellError(ename="ImportError", evalue=evalue, traceback="", line=line)


def by_cell(edits) -> dict[int, str]:
    assert all(e.origin.startswith("rule:catalogue-from-import") for e in edits)
    return {e.cell: e.new for e in edits}


def test_the_uses_in_every_cell_go_through_the_notebooks_own_module_name(notebook):
    nb = notebook("import numpy as np\nfrom numpy import in1d, arange", "mask = in1d(arange(3), [1])",
                  "print(in1d([2], [2]).all())")
    edits = fix_error(nb, 0, cannot_import("in1d", "numpy", 2), [])
    assert by_cell(edits) == {0: "import numpy as np\nfrom numpy import arange",
                              1: "mask = np.isin(arange(3), [1])", 2: "print(np.isin([2], [2]).all())"}
    assert "numpy.in1d became" in edits[1].rationale and "numpy-removed-names" in edits[1].origin


def test_a_module_the_notebook_does_not_import_is_imported_in_place_of_the_name(notebook):
    nb = notebook("from pandas import rolling_mean as rm\ns = rm(series, 3)")
    assert by_cell(fix_error(nb, 0, cannot_import("rolling_mean", "pandas"), [])) == {
        0: "import pandas\ns = series.rolling(3).mean()"}


def test_a_short_owner_in_the_catalogue_matches_the_full_module(notebook):
    nb = notebook("import matplotlib.pyplot as plt\nfrom matplotlib.pyplot import hold, plot\nhold(True)\nplot([1])")
    new = by_cell(fix_error(nb, 0, cannot_import("hold", "matplotlib.pyplot", 2), []))[0]
    assert "hold" not in new and "from matplotlib.pyplot import plot" in new


def test_left_to_other_rules(notebook):
    # not in the catalogue: a typo or the notebook's own module
    nb = notebook("from numpy import no_such_thing\nno_such_thing()")
    assert all("catalogue-from-import" not in e.origin for e in fix_error(nb, 0, cannot_import("no_such_thing", "numpy"), []))
    # the notebook binds the name itself later: respelling its uses would change what they read
    nb = notebook("from numpy import in1d\nx = in1d([1], [1])", "def in1d(a, b):\n    return a")
    assert all("catalogue-from-import" not in e.origin for e in fix_error(nb, 0, cannot_import("in1d", "numpy"), []))
    # moved, not removed: catalogue-module imports it from its new home instead
    nb = notebook("from sklearn.cross_validation import train_test_split")
    edits = fix_error(nb, 0, cannot_import("train_test_split", "sklearn.cross_validation"), [])
    assert all("catalogue-from-import" not in e.origin for e in edits)
