"""Score calibration of scikit-learn's later default changes: pinned only for notebooks written before the change and
only where the author left the default, and the pinned call computes in the locked kernel what the old default did."""

from __future__ import annotations

from mlemodernizer.agent.rules import calibrate
from support import code_notebook, run_local, stdout

SOURCE = (
    "from sklearn.dummy import DummyClassifier\nfrom sklearn.neighbors import LocalOutlierFactor\n"
    "from sklearn.preprocessing import KBinsDiscretizer\nfrom sklearn.manifold import MDS\n"
    "base = DummyClassifier(random_state=0)\nlof = LocalOutlierFactor(5)\n"
    "kb = KBinsDiscretizer(n_bins=3, encode='ordinal')\nku = KBinsDiscretizer(3, strategy='uniform')\n"
    "mds = MDS(2, random_state=0)"
)


def test_pins_follow_each_change_date(notebook):
    before_022 = calibrate(notebook(SOURCE), "2019-06")[0].new
    assert "DummyClassifier(random_state=0, strategy='stratified')" in before_022
    assert "LocalOutlierFactor(5, contamination=0.1)" in before_022
    assert "KBinsDiscretizer(n_bins=3, encode='ordinal', quantile_method='linear')" in before_022
    assert "KBinsDiscretizer(3, strategy='uniform')" in before_022, "uniform bins have no quantile method"
    assert "MDS(2, random_state=0, n_init=4)" in before_022
    after_024 = calibrate(notebook(SOURCE), "2021-03")[0].new
    assert "DummyClassifier(random_state=0)" in after_024 and "LocalOutlierFactor(5)" in after_024
    assert "quantile_method='linear'" in after_024 and "n_init=4" in after_024, "1.9's changes are later still"
    given = "from sklearn.dummy import DummyClassifier\nbase = DummyClassifier(strategy='most_frequent')"
    assert calibrate(notebook(given), "2018-01") == []


def test_pinned_defaults_compute_the_old_results(tmp_path):
    """The old behaviour, as the old documentation states it: a stratified baseline predicts both classes in
    proportion, 'legacy' contamination flags a tenth of the points, and numpy's linear percentiles cut 0..5 into
    three bins at 5/3 and 10/3."""
    old = code_notebook(
        "import numpy as np\n" + SOURCE + "\n"
        "X = np.arange(40, dtype=float).reshape(-1, 1)\ny = np.array([0] * 30 + [1] * 10)\n"
        "print(sorted(set(base.fit(X, y).predict(X).tolist())))\n"
        "print(int((lof.fit_predict(X) == -1).sum()))\n"
        "print([float(round(e, 3)) for e in kb.fit(np.arange(6.0).reshape(-1, 1)).bin_edges_[0]])"
    )
    edits = calibrate(old, "2018-05")
    pinned = old.with_sources([edits[0].new])
    printed = stdout(run_local(pinned, tmp_path).cells[0])
    assert printed == "[0, 1]\n4\n[0.0, 1.667, 3.333, 5.0]\n"  # today's defaults: [0], 0, [0.0, 1.5, 3.5, 5.0]
