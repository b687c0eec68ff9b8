"""Old matplotlib in a real kernel: a window backend chosen by the author (%matplotlib qt, use('TkAgg')) fails
on a machine with no display and is drawn inline instead (plotting_backends.py); with it, the smaller removals
of plotting_removed.py and plotting_rules.py a desktop notebook of 2017 also holds."""

from __future__ import annotations

from support import code_notebook, stdout

DESKTOP = code_notebook(
    "%matplotlib qt\nimport matplotlib\nmatplotlib.use('TkAgg')\nimport matplotlib.pyplot as plt\nimport numpy as np",
    "fig, ax = plt.subplots()\nim = ax.imshow(np.arange(4).reshape(2, 2))\nax.plot([0, 1], [0, 1], label='diagonal')\n"
    "leg = ax.legend(loc='best')\nleg.draggable()\ncb = fig.colorbar(im)\n"
    "cb.set_ticks([0, 3], update_ticks=True)\n"
    "with plt.style.context('seaborn-darkgrid'):\n    plt.figure()\n"
    "print(matplotlib.get_backend(), leg.get_draggable(), [int(t) for t in cb.get_ticks()])",
)


def test_a_desktop_notebook_draws_inline_and_runs(fails_then_runs):
    after = fails_then_runs(
        DESKTOP, 0, "Failed to import any of the following Qt binding modules",
        {"matplotlib-window-backend", "matplotlib-legend-draggable", "matplotlib-colorbar-methods",
         "matplotlib-removed-api"},
    )
    assert stdout(after.cells[1]) == "inline True [0, 3]\n"
