"""seaborn-removed-api's positional orders (agent/rules/seaborn_positional.json, written by
scripts/seaborn_positional_table.py, read by agent/rules/seaborn_positional.py): true of the locked seaborn, and
old positional calls of functions and grids no hand table named (heatmap, lmplot past data, FacetGrid, PairGrid,
clustermap) run in a real kernel with the meaning their old order gave them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.seaborn_positional import DATA_MOVED, ORDER
from mlemodernizer.executor.lockenv import venv_python
from support import code_notebook

TABLE = json.loads(Path(__file__).parents[3].joinpath("agent", "rules", "seaborn_positional.json").read_text())
SIGNATURES = r"""
import inspect, json, sys, warnings
warnings.simplefilter("ignore")
import seaborn
found = {}
for name in json.loads(sys.argv[1]):
    obj = getattr(seaborn, name)
    target = obj.__init__ if inspect.isclass(obj) else obj
    found[name] = [[p.name, p.kind.name] for p in list(inspect.signature(target).parameters.values())[
        1 if inspect.isclass(obj) else 0:]]
print(json.dumps(found))
"""


def test_the_table_is_true_of_the_locked_seaborn():
    """Each callable still takes exactly the positional arguments the table lets through, by the same names, and
    each name the rule writes after them is a parameter today or one the catalogue records as changed; where data
    moved to the front, it is today's only positional parameter (a lone frame is left as data)."""
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", SIGNATURES, json.dumps(sorted(TABLE))],
                                      capture_output=True, text=True, check=True, timeout=300).stdout)
    keyword = re.compile(r"^(\w+)\((\w+)=\)")
    recorded = {found.groups() for found in (keyword.match(e.old) for e in entries() if e.library == "seaborn")
                if found}
    assert set(today) == set(TABLE)
    for name, (keeps, old) in TABLE.items():
        params = [p for p, _ in today[name]]
        positional = [p for p, kind in today[name] if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        assert positional[:keeps] == list(old[:keeps]), name
        assert keeps == len(positional) or positional[keeps] != old[keeps], f"{name} takes more by position"
        assert all(p in params or (name, p) in recorded for p in old[keeps:]), name
        if name in DATA_MOVED:
            assert positional == ["data"], name


def test_positional_calls_mean_what_their_old_order_meant(apply, run_repaired):
    old = code_notebook(
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
        "import pandas as pd\nimport seaborn as sns\n"
        "df = pd.DataFrame({'a': np.arange(24.0), 'b': np.arange(24.0) ** 0.5, 'c': ['u', 'v'] * 12,"
        " 'd': ['p', 'q', 'r'] * 8})",
        # 0.8-0.10: heatmap(data, vmin, vmax, cmap), FacetGrid(data, row, col), lmplot(x, y, data, hue),
        # jointplot(x, y, data, kind), PairGrid(data, hue), clustermap(data, pivot_kws, method)
        "hm = sns.heatmap([[0.2, 0.8]], 0, 1, 'viridis')\ng = sns.FacetGrid(df, 'c', 'd')\n"
        "lm = sns.lmplot('a', 'b', df, 'c')\njp = sns.jointplot('a', 'b', df, 'reg')\npg = sns.PairGrid(df, 'c')\n"
        "cm = sns.clustermap(df[['a', 'b']], None, 'single')\n"
        "print(hm.collections[0].get_clim(), hm.collections[0].cmap.name, g.axes.shape, lm.hue_names)\n"
        "print(jp.ax_joint.get_xlabel(), len(jp.ax_joint.lines), pg.hue_names, cm.dendrogram_row.method)",
        # barplot(x, y, hue, data), scatterplot(x, y, hue, style, size, data): style before size; kdeplot(x, y)
        "plt.figure()\nax = sns.barplot('c', 'a', 'd', df)\n"
        "print(ax.get_xlabel(), ax.get_legend().get_title().get_text())\n"
        "plt.figure()\nax = sns.scatterplot('a', 'b', 'c', 'd', data=df)\n"
        "print([t.get_text() for t in ax.get_legend().get_texts()])\n"
        "plt.figure()\nax = sns.kdeplot(df.a, df.b)\nprint(ax.get_xlabel(), ax.get_ylabel())",
    )
    printed = run_repaired(apply(old, fix_static(old)), attempts=6)
    assert printed[1] == "(0.0, 1.0) viridis (2, 3) ['u', 'v']\na 1 ['u', 'v'] single\n"
    assert printed[2] == "c d\n['c', 'u', 'v', 'd', 'p', 'q', 'r']\na b\n"


def test_the_names_meet_the_removed_api_renames():
    """The arguments are named before seaborn-removed-api's renames (factorplot -> catplot, size= -> height=,
    shade= -> fill=, stat_func= dropped) and in today's spellings; a lone frame stays data."""
    nb = code_notebook("import seaborn as sns\nsns.factorplot('Pclass', 'Survived', data=df, size=4)\n"
                       "sns.kdeplot(df.a, df.b, shade=True)\ng = sns.JointGrid('a', 'b', df, 5)\n"
                       "sns.barplot(df, x='a')\nsns.countplot(df.a, data=df)\nsns.jointplot('a', 'b', df, 'kde', None)")
    assert fix_static(nb)[0].new.splitlines()[1:] == [
        "sns.catplot(x='Pclass', y='Survived', data=df, height=4, kind='point')",
        "sns.kdeplot(x=df.a, y=df.b, fill=True)", "g = sns.JointGrid(x='a', y='b', data=df, height=5)",
        "sns.barplot(df, x='a')", "sns.countplot(x=df.a, data=df)", "sns.jointplot(x='a', y='b', data=df, kind='kde')"]


def test_what_the_table_cannot_say_is_left_out():
    """scatterplot's order was style before size (lineplot's and relplot's size before style); kdeplot's second
    position was data2 (two were x and y, by hand); factorplot and lvplot, gone today, take catplot's and
    boxenplot's orders; distplot kept its order, rugplot's first parameter (a) is not today's."""
    assert ORDER["scatterplot"][1][:6] == ("x", "y", "hue", "style", "size", "data")
    assert ORDER["lineplot"][1][:6] == ("x", "y", "hue", "size", "style", "data")
    assert ORDER["kdeplot"] == (1, ("data", "y", "fill"))
    assert ORDER["factorplot"] == ORDER["catplot"] and "factorplot" not in TABLE
    assert "distplot" not in ORDER and "rugplot" not in ORDER
