"""matplotlib 2.x-3.2 plotting code against matplotlib 3.11 in a real kernel: the static pass writes the names and
rc values only the old matplotlib had in today's API and names pyplot's extra positional arguments; the methods'
positional arguments, the Axes geometry and the values matplotlib now refuses are changed on the line that
failed with its error. The notebook then prints what the old calls computed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook

OLD = code_notebook(
    "import io\nimport numpy as np\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib as mpl\n"
    "import matplotlib.pyplot as plt\nimport matplotlib.ticker as ticker\nfrom matplotlib.transforms import Affine2D\n"
    "from matplotlib.widgets import Slider\nmatplotlib.verbose.set_level('silent')\n"
    "mpl.rcParams['boxplot.whiskers'] = 'range'\nmpl.rcParams['text.hinting'] = False\n"
    "mpl.rc('mathtext', fallback_to_cm=True)",
    "fig, axes = plt.subplots(2, 2, True, False)\nsolo = plt.figure(5, (4, 3), 80, 'w')\n"
    "index = ticker.IndexFormatter(['a', 'b'])\nplt.stem([1, 2], [3, 4], 'r-', 'bo', 'k-')\nplt.axis('normal')\n"
    "axes[1, 1].set_yscale('Log')\n"
    "print(index(0.6), repr(index(5)), Affine2D.identity().to_values() == (1, 0, 0, 1, 0, 0), "
    "solo.get_facecolor(), axes[0, 0].get_shared_x_axes().joined(axes[0, 0], axes[1, 1]))\n"
    "print(mpl.rcParams['boxplot.whiskers'], mpl.rcParams['text.hinting'], mpl.rcParams['mathtext.fallback'], "
    "'agg' in mpl.rcsetup.non_interactive_bk, axes[1, 1].get_yscale())",
    "print(axes[1, 0].is_last_row(), axes[0, 1].numCols, axes[1, 1].colNum)\nax = axes[0, 0]\n"
    "line = ax.plot([0, 1], c='red', color='blue', linestyle='steps--')[0]\n"
    "print(line.get_color(), line.get_drawstyle(), line.get_linestyle())\nlow = axes[1, 0]\nlow.set_xticks([0, 1])\n"
    "low.set_xticklabels(['a', 'b'], {'fontsize': 8})\nprint(low.get_xticklabels()[0].get_fontsize())\n"
    "im = ax.imshow([[1, 2], [3, 4]], 'gray', None, 'auto', 'nearest')\n"
    "print(im.get_interpolation(), ax.get_aspect(), ax.plot([1, 2], color='R')[0].get_color())\n"
    "wedges = plt.pie(np.array([[1], [3]]))[0]\nslider = Slider(axes[1, 1], 'f', 0, 10, 5)\n"
    "fig.savefig(io.BytesIO(), format='png', bbox='tight')\nprint(len(wedges), slider.val)",
)

KEYED = {"matplotlib-refused-values", "matplotlib-positional-arguments"}


def test_old_plotting_calls_compute_what_they_did(apply, run_repaired):
    edits = fix_static(OLD)
    assert {e.cell: e.rule_ids for e in edits} == {0: ["matplotlib-old-names"], 1: [
        "matplotlib-old-names", "matplotlib-positional-arguments"], 2: ["matplotlib-old-names"]}
    record: list = []
    printed = run_repaired(apply(OLD, edits), attempts=9, record=record)
    assert {cell for cell, _ in record} == {2}
    assert {e.origin.removeprefix("rule:") for _, e in record} == KEYED
    # IndexFormatter: the nearest index's label, '' past the end; white face; 'range' reached the extremes
    assert printed[1] == "b '' True (1.0, 1.0, 1.0, 1) True\n[0.0, 100.0] none cm True log\n"
    assert printed[2] == "True 2 1\nblue steps --\n8.0\nnearest auto r\n2 5\n"
