"""Old plotly, bokeh and mlxtend code, repaired by the rules of agent/rules/plotly_rules.py and
bokeh_mlxtend_rules.py and the catalogue's error-keyed rules, run in the tabular profile's real kernel."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, stdout

PLOTLY = code_notebook(
    "import pandas as pd\nimport plotly.plotly as py\nimport plotly.graph_objs as go\nimport plotly.express as px\n"
    "from plotly.offline import iplot\npy.sign_in('user', 'key')",
    "layout = go.Layout(titlefont=dict(size=20), title='Sales',\n"
    "                   xaxis=dict(titlefont={'size': 14}, title='month', autotick=False, dtick=1))\n"
    "fig = go.Figure(data=[go.Bar(x=[1, 2], y=[3, 4])], layout=layout)\n"
    "fig.update_layout(yaxis=dict(titlefont=dict(size=9), title='units'))\n"
    "py.iplot(fig, filename='sales', sharing='public')\niplot(fig, show_link=False)\n"
    "t, x, y = fig.layout.title, fig.layout.xaxis, fig.layout.yaxis\n"
    "print(t.text, t.font.size, x.title.text, x.title.font.size, x.tickmode, y.title.text, y.title.font.size)",
    "df = pd.DataFrame({'lat': [45.5, 43.7], 'lon': [-73.6, -79.4]})\n"
    "m = px.scatter_mapbox(df, lat='lat', lon='lon', mapbox_style='open-street-map')\n"
    "m.update_layout(mapbox_zoom=3)\nprint(type(m.data[0]).__name__, m.layout.map.style, m.layout.map.zoom)",
)


def test_old_plotly_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(
        PLOTLY, 0, "plotly.plotly",
        {"plotly-online-module", "plotly-title-properties", "plotly-mapbox-traces"},
    )
    # the fonts reach title.font whichever comes first, and autotick=False is the linear tick mode
    assert stdout(after.cells[1]) == "Sales 20 month 14 linear units 9\n"
    assert stdout(after.cells[2]) == "Scattermap open-street-map 3\n"


BOKEH = code_notebook(
    "from bokeh.plotting import figure\nfrom bokeh.models.widgets import Panel, Tabs",
    "TOOLS = 'pan,wheel_zoom,box_zoom,reset,resize'\n"
    "p = figure(plot_width=400, plot_height=250, tools=TOOLS, title='prices')\n"
    "p.line([1, 2, 3], [4, 6, 5], legend='price', line_width=2)\np.plot_height = 300\n"
    "tabs = Tabs(tabs=[Panel(child=p, title='one')])\n"
    "print(p.width, p.height, p.legend[0].items[0].label.value, type(tabs.tabs[0]).__name__, len(p.tools))",
)


def test_old_bokeh_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(BOKEH, 0, "Panel", {"bokeh-renamed-properties"})
    assert stdout(after.cells[1]) == "400 300 price TabPanel 4\n"


MLXTEND = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\n"
    "from sklearn.linear_model import LogisticRegression\nfrom sklearn.tree import DecisionTreeClassifier\n"
    "from mlxtend.classifier import EnsembleVoteClassifier\nfrom mlxtend.plotting import plot_decision_regions\n"
    "from mlxtend.preprocessing import OnehotTransactions\nfrom mlxtend.frequent_patterns import apriori, association_rules",
    "rng = np.random.RandomState(0)\nX = rng.rand(60, 2)\ny = (X[:, 0] + X[:, 1] > 1).astype(int)\n"
    "lr = LogisticRegression().fit(X, y)\ntree = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)\n"
    "vote = EnsembleVoteClassifier(clfs=[lr, tree], voting='soft', refit=False).fit(X, y)\n"
    "ax = plot_decision_regions(X, y, clf=vote, res=0.02)\nprint(vote.clfs_[0] is lr, type(ax).__name__)",
    "oht = OnehotTransactions()\nbaskets = [['milk', 'bread'], ['milk', 'eggs'], ['bread', 'eggs', 'milk'], ['bread']]\n"
    "onehot = pd.DataFrame(oht.fit(baskets).transform(baskets), columns=oht.columns_)\n"
    "freq = apriori(onehot, min_support=0.5, use_colnames=True)\nrules = association_rules(freq, 'confidence', 0.6)\n"
    "print(len(rules), round(float(rules['confidence'].sum()), 2))",
)


def test_old_mlxtend_runs_after_static_and_error_keyed_rules(apply, run_repaired):
    edits = fix_static(MLXTEND)
    assert "mlxtend-association-rules-positional" in {r for e in edits for r in e.rule_ids}
    patched = apply(MLXTEND, edits)
    assert "refit=False" in patched.sources()[1] and "OnehotTransactions" in patched.sources()[0]
    # the static pass leaves the import, refit= and res= to fail in the kernel, one run each: the error-keyed
    # catalogue rules (catalogue-module, catalogue-keyword) answer them
    printed = run_repaired(patched, attempts=4)
    # refit=False kept the fitted classifiers (no clones); milk->bread, bread->milk, milk->eggs at 2/3, eggs->milk at 1
    assert printed[1] == "True Axes\n"
    assert printed[2] == "4 3.0\n"


SUBPLOT_GRID = code_notebook(
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt",
    "cols = ['a', 'b', 'c', 'd', 'e', 'f', 'g']\nfig = plt.figure()\n"
    "for i, c in enumerate(cols):\n    ax = plt.subplot(len(cols) / 5 + 1, 5, i + 1)\n"
    "extra = fig.add_subplot(2, 5.0, 10)\n"
    "print(len(fig.axes), ax.get_subplotspec().get_geometry(), extra.get_subplotspec().get_geometry())",
)


def test_float_subplot_positions_run_as_the_old_matplotlib_truncated_them(fails_then_runs):
    after = fails_then_runs(SUBPLOT_GRID, 1, "Number of rows must be a positive integer, not 2.4",
                            {"matplotlib-subplot-float-position"})
    # 7 axes on a 2 x 5 grid (int(2.4) rows), the last at index 6 (0-based); the extra one in the last place
    assert stdout(after.cells[1]) == "8 (2, 5, 6, 6) (2, 5, 9, 9)\n"
