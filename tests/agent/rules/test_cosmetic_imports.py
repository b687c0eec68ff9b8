"""cosmetic-imports: jupyterthemes and jyquickhelper have no working release; when their import fails it is kept
as a comment, with every statement that only calls into what it binds, in every cell."""

from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError


def _missing(package: str) -> CellError:
    return CellError(ename="ModuleNotFoundError", evalue=f"No module named '{package}'", traceback="", line=2)


def test_the_theme_import_and_its_calls_are_kept_as_comments_in_every_cell(notebook):
    nb = notebook("import numpy as np\nfrom jupyterthemes import jtplot\njtplot.style(theme='monokai',\n"
                  "             grid=False)\nx = np.arange(3)",
                  "if x.sum():\n    jtplot.figsize(x=8, y=4)\nprint(x)")
    edits = fix_error(nb, 0, _missing("jupyterthemes"), [])
    assert [(e.cell, e.origin) for e in edits] == [(0, "rule:cosmetic-imports"), (1, "rule:cosmetic-imports")]
    assert edits[0].new == (
        "import numpy as np\n# mlemod: jupyterthemes (notebook themes; jtplot restyled matplotlib's figures) has no "
        "working release here, and it changed only how the notebook looks: from jupyterthemes import jtplot\n"
        "# mlemod: jupyterthemes (notebook themes; jtplot restyled matplotlib's figures) has no working release "
        "here, and it changed only how the notebook looks: jtplot.style(theme='monokai',\n# grid=False)\n"
        "x = np.arange(3)")
    assert edits[1].new.split("\n")[1].startswith("    pass  # mlemod: jupyterthemes")
    assert edits[1].new.endswith("jtplot.figsize(x=8, y=4)\nprint(x)")


def test_a_menu_call_goes_and_a_kept_value_leaves_the_notebook_alone(notebook):
    menu = notebook("from jyquickhelper import add_notebook_menu\nadd_notebook_menu()", "print(1)")
    assert [e.cell for e in fix_error(menu, 0, _missing("jyquickhelper"), [])] == [0]
    kept = notebook("from jupyterthemes import jtplot\nstyle = jtplot.style", "style()")
    assert fix_error(kept, 0, _missing("jupyterthemes"), []) == []
    other = notebook("import numpy as np\nimport seaborn_extra\nseaborn_extra.style()")
    assert all(e.origin != "rule:cosmetic-imports" for e in fix_error(other, 0, _missing("seaborn_extra"), []))


def test_a_themed_notebook_runs_in_the_real_kernel_once_the_theme_is_dropped(tmp_path, apply):
    from support import code_notebook, run_local, stdout

    nb = code_notebook("import matplotlib.pyplot as plt\nfrom jupyterthemes import jtplot\njtplot.style('onedork')",
                       "plt.plot([1, 2])\nprint(len(plt.gca().lines))")
    before = run_local(nb, tmp_path / "before")
    bad = before.first_failure
    assert bad is not None and bad.index == 0 and "jupyterthemes" in bad.error.evalue, before.summary()
    after = run_local(apply(nb, fix_error(nb, bad.index, bad.error, [])), tmp_path / "after")
    assert after.status == "ok" and stdout(after.cells[1]) == "1\n", after.summary()
