"""matplotlib 3.6 refuses a numeric-string rotation (agent/rules/matplotlib_text_rotation.py): the static pass
writes the number, and the tabular profile's real kernel draws the labels at the angle the string spelled."""

from __future__ import annotations

from support import code_notebook, stdout

ROTATED = code_notebook(
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt",
    # a helper defined in one cell, called in the next: the failure is in the call's cell
    "def bars(ax, labels):\n    ax.bar(range(len(labels)), [1] * len(labels))\n"
    "    ax.set_xticks(range(len(labels)))\n    ax.set_xticklabels(labels, rotation='45')",
    "fig, ax = plt.subplots()\nbars(ax, ['a', 'b'])\nplt.xticks(rotation='90')\nax.text(0, 0, 's', rotation='22.5')\n"
    "ax.tick_params(axis='y', labelrotation='30')\nfig.canvas.draw()\n"
    "print([t.get_rotation() for t in ax.get_xticklabels()], ax.texts[0].get_rotation(),\n"
    "      ax.get_yticklabels()[0].get_rotation())",
)


def test_numeric_string_rotation_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(ROTATED, 2, "rotation must be", {"matplotlib-rotation-string"})
    assert stdout(after.cells[2]) == "[90.0, 90.0] 22.5 30.0\n"
