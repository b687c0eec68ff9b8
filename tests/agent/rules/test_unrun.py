"""The last resort: a failing cell that its author never ran is kept as a comment."""

import nbformat
from mlemodernizer.agent.rules import fix_error
from mlemodernizer.agent.rules.unrun_rules import NOTE
from mlemodernizer.core import CellError, parse_notebook

NAME_ERROR = CellError(ename="NameError", evalue="name 'kid' is not defined", traceback="NameError", line=1)


def published(*cells: tuple[str, int | None]):
    """Code cells as (source, execution_count); a cell that ran also has an output."""
    node = nbformat.v4.new_notebook()
    for source, count in cells:
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        if count is not None:
            cell.outputs = [nbformat.v4.new_output("stream", text="out\n")]
        node.cells.append(cell)
    return parse_notebook(nbformat.writes(node))


def test_a_failing_cell_never_run_becomes_a_comment():
    nb = published(("x = 1", 1), ("print(kid)\n\n%time y = 2", None), ("print(x)", 2))
    edits = fix_error(nb, 1, NAME_ERROR, [])
    assert [e.origin for e in edits] == ["rule:notebook-unrun-cell"]
    new = edits[0].new
    assert new.startswith(NOTE) and "NameError: name 'kid' is not defined" in new
    assert new.endswith("# print(kid)\n\n# %time y = 2")
    compile(new, "cell", "exec")  # every line is a comment now, the magic too


def test_a_cell_that_ran_is_never_commented_out():
    nb = published(("x = 1", 1), ("print(kid)", 2))
    assert fix_error(nb, 1, NAME_ERROR, []) == []


def test_a_cell_whose_names_later_cells_use_is_no_draft():
    nb = published(("x = 1", 1), ("import tensorflow as tf\nsize = 3", None), ("print(tf.__version__)", 2))
    no_module = CellError(ename="ModuleNotFoundError", evalue="No module named 'tensorflow'", traceback="", line=1)
    assert fix_error(nb, 1, no_module, []) == []


def test_a_notebook_saved_without_outputs_says_nothing_about_drafts():
    nb = published(("x = 1", None), ("print(kid)", None))
    assert fix_error(nb, 1, NAME_ERROR, []) == []


def test_a_rule_that_repairs_the_cell_goes_first():
    nb = published(("import numpy as np", 1), ("v = np.asscalar(np.array([1]))", None))
    edits = fix_error(nb, 1, CellError(ename="AttributeError", evalue="module 'numpy' has no attribute 'asscalar'",
                                       traceback="AttributeError", line=1), [])
    assert [e.origin for e in edits] != ["rule:notebook-unrun-cell"] and "asscalar" not in edits[0].new


def test_a_cell_the_repair_edited_still_counts_as_run():
    # A repair clears the execution count of a cell it edits (its outputs are stale); what the author ran is
    # read from the published notebook, so the edited cell is not taken for a draft.
    original = published(("x = 1", 1), ("print(kid)", 2), ("print(x)", 3))
    repaired = original.with_sources(["x = 1", "print(kid)  # edited", "print(x)"])
    assert repaired.cells[1].get("execution_count") is None
    assert [e.origin for e in fix_error(repaired, 1, NAME_ERROR, [])] == ["rule:notebook-unrun-cell"]
    assert fix_error(repaired, 1, NAME_ERROR, [], published=original) == []


NO_COEF = CellError(ename="AttributeError", evalue="'Blend' object has no attribute 'coef_'",
                    traceback="AttributeError", line=1)


def test_a_display_that_ran_before_the_cell_above_becomes_a_comment():
    nb = published(("grid = object()", 488), ("grid.coef_", 370), ("print(grid)", 489))
    edits = fix_error(nb, 1, NO_COEF, [])
    assert [e.origin for e in edits] == ["rule:notebook-stale-display"]
    assert "(In [370] below In [488])" in edits[0].new and edits[0].new.endswith("\n# grid.coef_")
    compile(edits[0].new, "cell", "exec")
    # a comprehension calls nothing either: still only a display
    nb = published(("grid = object()", 488), ("[c for c in grid.coef_]", 370))
    assert [e.origin for e in fix_error(nb, 1, NO_COEF, [])] == ["rule:notebook-stale-display"]


def test_a_stale_cell_that_does_something_or_ran_in_order_stays():
    cases = [
        published(("grid = object()", 488), ("grid.coef_", 489)),  # in order: the failure is real
        published(("grid = object()", 488), ("grid.fit(X)", 370)),  # a call may change state
        published(("grid = object()", 488), ("coef = grid.coef_", 370)),  # binds a name
    ]
    for nb in cases:
        assert fix_error(nb, 1, NO_COEF, []) == []


def test_a_never_run_cell_that_does_not_compile_becomes_a_comment():
    pasted = "[0.11418202, 0.1518366 ] 140\n[0.11665053, 0.14971751] 130"  # output pasted into a code cell
    nb = published(("x = 1", 1), (pasted, None), ("print(x)", 2))
    syntax = CellError(ename="SyntaxError", evalue="invalid syntax (2488062419.py, line 1)", traceback="", line=1)
    edits = fix_error(nb, 1, syntax, [])
    assert [e.origin for e in edits] == ["rule:notebook-unrun-cell"]
    compile(edits[0].new, "cell", "exec")
    ran = published(("x = 1", 1), (pasted, 2))
    assert fix_error(ran, 1, syntax, []) == []  # its author ran it: not a draft


def failed_when_published(*cells: tuple[str, str | None, str]):
    """Code cells as (source, the exception its published output shows or None, that traceback's arrow line)."""
    node = nbformat.v4.new_notebook()
    for count, (source, ename, arrow) in enumerate(cells, 1):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        if ename:
            cell.outputs = [nbformat.v4.new_output("error", ename=ename, evalue="...", traceback=[
                f"\x1b[0;31m{ename}\x1b[0m  Traceback (most recent call last)",
                f"<ipython-input-{count}-0a1b> in <module>()\n\x1b[0;32m----> {_line_of(source, arrow)}\x1b[0m {arrow}"])]
        node.cells.append(cell)
    return parse_notebook(nbformat.writes(node))


def _line_of(source: str, line: str) -> int:
    """The 1-based number of ``line`` in ``source``, which a cell magic does not count (IPython runs the body)."""
    lines = source.split("\n")
    return lines.index(line) + (0 if lines[0].startswith("%%") else 1)


def test_a_cell_that_failed_for_its_author_runs_up_to_the_failure_and_the_notebook_goes_on(apply, run_repaired):
    nb = failed_when_published(
        ("import pandas as pd\nX = pd.DataFrame({'a': [1]})", None, ""),
        ("%%time\nfound = []\nfor k in ['a', 'zz']:\n    found.append(X[k])\nprint('after the loop')\nlast = 1",
         "KeyError", "    found.append(X[k])"),
        ("print(len(found), 'last' in dir())", None, ""),
    )
    record: list = []
    out = run_repaired(nb, attempts=2, record=record)
    assert [e.origin for _, e in record] == ["rule:notebook-published-failure"]
    new = record[0][1].new
    assert new.startswith("%%time\n# mlemod: the published notebook shows this cell failing here too (KeyError)")
    assert new.endswith("# print('after the loop')\n# last = 1")
    assert "this statement failed for its author too: KeyError('zz')" in out[1]
    assert out[2].strip() == "1 False", "what the loop did before it raised stays; the rest never ran"


def test_a_published_failure_elsewhere_or_of_another_kind_is_not_the_authors():
    cells = ("import pandas as pd\nX = pd.DataFrame({'a': [1]})", None, "")
    key_error = CellError(ename="KeyError", evalue="'zz'", traceback="Cell In[2], line 2\n----> 2 y = X['zz']", line=2)
    other_line = failed_when_published(cells, ("x = X['b']\ny = X['zz']", "KeyError", "x = X['b']"))
    other_kind = failed_when_published(cells, ("x = 1\ny = X['zz']", "NameError", "y = X['zz']"))
    same = failed_when_published(cells, ("x = 1\ny = X['zz']", "KeyError", "y = X['zz']"))
    assert fix_error(other_line, 1, key_error, []) == []
    assert fix_error(other_kind, 1, key_error, []) == []
    [edit] = fix_error(same, 1, key_error, [])
    assert edit.origin == "rule:notebook-published-failure" and "x = 1\ntry:\n    y = X['zz']\nexcept" in edit.new


def test_a_cell_that_did_not_compile_for_its_author_either_becomes_a_comment():
    nb = failed_when_published(("x = 1", None, ""), ("y = x +* 2", "SyntaxError", "y = x +* 2"))
    error = CellError(ename="SyntaxError", evalue="invalid syntax", traceback="", line=1)
    [edit] = fix_error(nb, 1, error, [])
    assert edit.origin == "rule:notebook-published-failure" and edit.new.endswith("\n# y = x +* 2")
