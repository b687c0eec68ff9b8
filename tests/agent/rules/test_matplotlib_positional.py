"""matplotlib-positional-arguments' table (agent/rules/matplotlib_positional.json, written by
scripts/matplotlib_positional_table.py): true of the locked matplotlib, and old positional calls of pyplot
functions, Axes and Figure methods, patches, lines, colorbars and widgets no hand table named run in a real kernel
with the meaning their old order gave them."""

from __future__ import annotations

import json
import re
import subprocess

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.matplotlib_positional import _BY_ERROR, _PYPLOT, _TABLE
from mlemodernizer.executor.lockenv import venv_python
from support import code_notebook

SIGNATURES = r"""
import importlib, inspect, json, sys, warnings
import matplotlib
matplotlib.use("Agg")
warnings.simplefilter("ignore")
MODULES = ("axes", "figure", "axis", "colorbar", "widgets", "legend", "patches", "lines", "text")
found = {}
for key, module in json.loads(sys.argv[1]).items():
    owner, _, name = key.partition(".")
    if key.startswith("pyplot."):
        fn, skip = getattr(importlib.import_module("matplotlib.pyplot"), name), 0
    elif module:
        fn, skip = getattr(importlib.import_module(module), owner).__init__, 1
    else:
        fn, skip = next(getattr(cls, name) for mod in MODULES for cls in
                        [getattr(importlib.import_module(f"matplotlib.{mod}"), owner, None)] if cls), 1
    found[key] = [[p.name, p.kind.name] for p in list(inspect.signature(fn).parameters.values())[skip:]]
print(json.dumps(found))
"""


def test_the_table_is_true_of_the_locked_matplotlib():
    """Each callable still takes exactly the positional arguments the table lets through, by the same names, and
    each name the rule writes after them is a parameter today or one the catalogue records as changed."""
    wanted = {key: (entry[3] if len(entry) > 3 else None) for key, entry in _TABLE.items()}
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", SIGNATURES, json.dumps(wanted)],
                                      capture_output=True, text=True, check=True, timeout=300).stdout)
    assert set(today) == set(_TABLE)
    # a parameter the catalogue records for Axes.x is pyplot.x's too (pyplot's wrappers mirror the methods)
    keyword = [re.match(r"^([\w.]+)\((\w+)=\)", e.old) for e in entries() if e.library == "matplotlib"]
    recorded = {(re.sub(r"^(Axes|pyplot)\.", prefix, found[1]), found[2]) for found in keyword if found
                for prefix in ("Axes.", "pyplot.")}
    for key, (keeps, old, *_) in _TABLE.items():
        params = [p for p, _ in today[key]]
        positional = [p for p, kind in today[key] if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        assert positional[:keeps] == old[:keeps], key
        assert keeps == len(positional) or positional[keeps] != old[keeps], f"{key} takes more by position"
        assert all(p in params or (key, p) in recorded for p in old[keeps:]), key


def test_positional_calls_mean_what_their_old_order_meant(apply, run_repaired):
    old = code_notebook(
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib as mpl\nimport matplotlib.pyplot as plt\n"
        "from matplotlib.patches import Ellipse, Rectangle\nfrom matplotlib.widgets import Cursor\n"
        "from matplotlib.figure import Figure\nimport matplotlib.lines as mlines",
        # pyplot: the static pass names them (hist's are only deprecated in 3.11)
        "fig, ax = plt.subplots(1, 1, False, True)\nwedges, texts, pcts = plt.pie([30, 70], None, ['a', 'b'], "
        "None, '%1.0f%%', 0.6, False, 1.1, 90)\nn, bins, _ = plt.hist([0.5, 1.5, 1.5], 2, (0, 4), True)\n"
        "plt.tight_layout(2.0)\nprint(pcts[0].get_text(), bins.tolist(), n.tolist())",
        # classes and methods: on the failing line
        "e = Ellipse((0, 0), 2, 1, 30)\nr = Rectangle((0, 0), 1, 1, 45)\n"
        "line = mlines.Line2D([0, 1], [0, 1], 3, '--', 'r')\n"
        "cb = mpl.colorbar.ColorbarBase(ax, mpl.cm.cool, mpl.colors.Normalize(5, 10))\n"
        "small = Figure((4, 3), 50, 'k')\ncursor = Cursor(ax, False, True)\nax.set_xlim(0, 10, True, False)\n"
        "ax.set_xticks([0, 5, 10], True)\nax.imshow([[1, 2]], 'gray', None, 'auto', 'nearest', 0.5)\n"
        "print(e.angle, r.angle, line.get_linewidth(), line.get_linestyle(), cb.cmap.name, cb.norm.vmax, "
        "small.dpi, small.get_facecolor()[0], cursor.horizOn, cursor.vertOn, len(ax.xaxis.get_minorticklocs()), "
        "ax.images[0].get_alpha())",
    )
    printed = run_repaired(apply(old, fix_static(old)), attempts=12)
    # pie: the percentages; hist: range and density reached theirs; Cursor: horizOn, vertOn; ticks: minor
    assert printed[1] == "30% [0.0, 2.0, 4.0] [0.5, 0.0]\n"
    assert printed[2] == "30 45.0 3.0 -- cool 10.0 50 0.0 False True 3 0.5\n"


def test_what_the_table_cannot_say_is_left_out():
    """stem took *args in every old release (by hand, from its formats); legend and bar too (nothing kept);
    subplot_mosaic's first parameter was only renamed (layout -> mosaic); set_xticks' second position moved
    from minor to labels: named by the error its flag raises."""
    assert "pyplot.stem" not in _TABLE and "pyplot.legend" not in _TABLE and "Axes.bar" not in _TABLE
    assert "pyplot.subplot_mosaic" not in _TABLE
    assert _PYPLOT["figure"] == (3, ("num", "figsize", "dpi", "facecolor", "edgecolor", "frameon", "FigureClass",
                                     "clear"))
    assert _BY_ERROR[("Axis.set_ticks", "set_xticks")] == (1, ("ticks", "minor"))
    assert _BY_ERROR[("Colorbar.__init__", "ColorbarBase")][0] == 1  # ColorbarBase(ax, cmap): mappable today
