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
