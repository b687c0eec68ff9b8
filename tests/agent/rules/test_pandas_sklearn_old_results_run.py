"""The rules of pandas_sklearn_old_results.py run in the tabular profile's real kernel: each cell prints what the old
release gave (the Timedelta values and index texts from a pandas 1.5.3 install and 0.25's source, the style sheet
from pandas 0.19's, scikit-learn's helpers checked against a direct fit)."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local

OLD = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt",
    # 'Y' was 365.2425 days and 'M' minutes in a string (pandas 1.5.3 printed these)
    "print(pd.Timedelta('1Y'), pd.Timedelta('-1y'), pd.Timedelta('3 M'))\n"
    "print([str(t) for t in pd.to_timedelta(['2M', '1.5Y', '1.5M'])])",
    # the class name pandas 0.25 had, the first and last labels, the frequency under its old name
    "print(pd.Index([3, 1, 2]).summary())\nprint(pd.date_range('2020-01-31', periods=3, freq='ME').summary())\n"
    "print(pd.Index([], dtype=object).summary(), '|', pd.RangeIndex(2, 20, 3).summary())",
    # only a run names the index: the error-keyed path
    "mi = pd.MultiIndex.from_tuples([('a', 1), ('b', 2)])\nprint(mi.summary())",
    # the sheet's values while set, matplotlib's own after False
    "pd.set_option('display.mpl_style', 'default')\n"
    "print(plt.rcParams['axes.facecolor'], plt.rcParams['font.size'], plt.rcParams['axes.prop_cycle'].by_key()['color'][0])\n"
    "pd.options.display.mpl_style = False\nprint(plt.rcParams['axes.facecolor'], plt.rcParams['font.size'])",
    # the estimator given is fitted itself and scored on the test rows
    "from sklearn.datasets import load_iris\nfrom sklearn.metrics import get_scorer\nfrom sklearn.svm import SVC\n"
    "from sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import fit_grid_point\n"
    "X, y = load_iris(return_X_y=True)\ntr, te = np.arange(0, 150, 2), np.arange(1, 150, 3)\nest = SVC()\n"
    "score, params, n = fit_grid_point(X, y, est, {'C': 0.1}, tr, te, get_scorer('accuracy'), 0)\n"
    "print(score == SVC(C=0.1).fit(X[tr], y[tr]).score(X[te], y[te]), params, n, est.C, hasattr(est, 'support_'))",
    # the method is there when the delegate has it
    "from sklearn.utils.metaestimators import if_delegate_has_method\nclass Wrap:\n    def __init__(self, m):\n"
    "        self.model = m\n    @if_delegate_has_method(delegate='model')\n    def predict_proba(self, X):\n"
    "        return self.model.predict_proba(X)\n"
    "print(hasattr(Wrap(SVC()), 'predict_proba'), hasattr(Wrap(LogisticRegression()), 'predict_proba'),\n"
    "      hasattr(Wrap(None), 'predict_proba'))",
)


def test_old_results_come_back(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 1
    out = run_repaired(apply(OLD, fix_static(OLD)), attempts=4)
    assert out[1] == ("365 days 05:49:12 -366 days +18:10:48 0 days 00:03:00\n"
                      "['0 days 00:02:00', '547 days 20:43:48', '0 days 00:01:30']\n")
    assert out[2] == ("Int64Index: 3 entries, 3 to 2\nDatetimeIndex: 3 entries, 2020-01-31 to 2020-03-31\nFreq: M\n"
                      "Index: 0 entries | RangeIndex: 6 entries, 2 to 17\n")
    assert out[3] == "MultiIndex: 2 entries, (a, 1) to (b, 2)\n"
    assert out[4] == "#eeeeee 10.0 #348ABD\nwhite 10.0\n"
    assert out[5] == "True {'C': 0.1} 50 0.1 True\n"
    assert out[6] == "False True False\n"
