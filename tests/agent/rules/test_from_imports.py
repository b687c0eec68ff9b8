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
    # imported and never used: unused-missing-import's note is the better edit
    nb = notebook("import numpy as np\nfrom numpy import in1d, arange", "x = arange(3)")
    assert all("catalogue-from-import" not in e.origin for e in fix_error(nb, 0, cannot_import("in1d", "numpy", 2), []))
    # removed with no rule to replace it: the import's error keeps the catalogue's why for the model
    nb = notebook("from sklearn.neighbors import LSHForest\nforest = LSHForest()")
    edits = fix_error(nb, 0, cannot_import("LSHForest", "sklearn.neighbors"), [])
    assert all("catalogue-from-import" not in e.origin for e in edits)
    # moved, not removed: catalogue-module imports it from its new home instead
    nb = notebook("from sklearn.cross_validation import train_test_split")
    edits = fix_error(nb, 0, cannot_import("train_test_split", "sklearn.cross_validation"), [])
    assert all("catalogue-from-import" not in e.origin for e in edits)


def unexpected(func: str, keyword: str, line: int = 1) -> CellError:
    return CellError(ename="TypeError", evalue=f"{func}() got an unexpected keyword argument '{keyword}'",
                     traceback="", line=line)


def test_a_failing_call_by_name_is_spelled_as_the_module_attribute_the_rules_know(notebook):
    nb = notebook("import missingno as msno\nfrom missingno import matrix", "matrix(df, inline=False)")
    edits = fix_error(nb, 1, unexpected("matrix", "inline"), [])
    assert [(e.cell, e.new, e.origin) for e in edits] == [(1, "msno.matrix(df)", "rule:catalogue-call-by-name+missingno-inline")]
    # without a module name of its own, the cell imports the module first
    nb = notebook("from missingno import matrix", "matrix(df, inline=False)\nplt.show()")
    assert fix_error(nb, 1, unexpected("matrix", "inline"), [])[0].new == "import missingno\nmissingno.matrix(df)\nplt.show()"


def test_no_respelling_that_no_rule_then_uses(notebook):
    # the module's attribute fails the same way: the call by name is left as it is
    nb = notebook("from missingno import matrix", "matrix(df, colour='red')")
    assert all("catalogue-call-by-name" not in e.origin for e in fix_error(nb, 1, unexpected("matrix", "colour"), []))
    # a function of the notebook's own is not a library's
    nb = notebook("def matrix(df, **kw):\n    return df", "matrix(df, inline=False)")
    assert all("catalogue-call-by-name" not in e.origin for e in fix_error(nb, 1, unexpected("matrix", "inline"), []))
