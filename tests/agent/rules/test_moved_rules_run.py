"""moved-names for IPython 9 in the tabular profile's real kernel: display and clear_output imported from
IPython.core.display, and set_matplotlib_formats from IPython.display, fail as written; after the static pass
the notebook displays what it did, its figures in the format it asked for."""

from __future__ import annotations

from support import code_notebook

OLD_DISPLAY = code_notebook(
    "%matplotlib inline\nimport matplotlib.pyplot as plt\n"
    "from IPython.core.display import display, HTML, clear_output\n"
    "from IPython.display import set_matplotlib_formats\nset_matplotlib_formats('svg')",
    "display(HTML('<b>kept</b>'))\nplt.plot([1, 2, 3])\nplt.show()",
)


def test_old_display_imports_display_and_draw_in_the_format_asked_for(fails_then_runs):
    after = fails_then_runs(OLD_DISPLAY, 0, "cannot import name", {"moved-names"})
    shown = [o["data"] for o in after.cells[1].outputs if o.get("output_type") == "display_data"]
    assert [sorted(k for k in d if k != "text/plain") for d in shown] == [["text/html"], ["image/svg+xml"]]
    assert shown[0]["text/html"] == "<b>kept</b>"
