"""matplotlib members removed in 3.2-3.10 (agent/rules/matplotlib_removed_members.py), repaired by the static
pass and run in the tabular profile's real kernel: the shims give what the last release that had each gave."""

from __future__ import annotations

from support import code_notebook, stdout

OLD_MATPLOTLIB = code_notebook(
    "import numpy as np\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    "import matplotlib.dates as mdates\nimport matplotlib.collections as collections",
    # two circles at one level: one collection per level, one path per closed line, as before 3.8
    "x = np.linspace(-3, 3, 61)\nX, Y = np.meshgrid(x, x)\nZ = np.minimum((X - 1.5) ** 2 + Y ** 2, (X + 1.5) ** 2 + Y ** 2)\n"
    "fig = plt.figure()\nax = fig.add_subplot(2, 2, 3)\ncs = ax.contour(X, Y, Z, levels=[0.5, 1.0])\n"
    "print(len(cs.collections), [len(c.get_paths()) for c in cs.collections], cs.collections is cs.collections)\n"
    "print(ax.get_geometry(), mdates.epoch2num([0, 86400]).tolist(), matplotlib.compare_versions('1.10', '1.9'))\n"
    "bars = collections.BrokenBarHCollection.span_where(np.arange(6), 0, 1, np.array([1, 1, 0, 1, 1, 1]) > 0)\n"
    "print([float(p.vertices[:, 0].min()) for p in bars.get_paths()])",
)


def test_old_matplotlib_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(OLD_MATPLOTLIB, 1, "collections",
                            {"matplotlib-removed-methods", "matplotlib-removed-members"})
    assert stdout(after.cells[1]) == "2 [2, 2] True\n(2, 2, 3) [0.0, 1.0] True\n[0.0, 3.0]\n"
