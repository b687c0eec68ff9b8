"""statsmodels' and scipy's old arguments in a real kernel: the error-keyed rules (this module's
statsmodels-old-arguments and the catalogue's keyword renames) answer each failure, and the notebook prints
what the old releases computed: the linear predictor, het_arch at the lags asked for, yule_walker's adjusted
estimate, the Holt-Winters model with its season length, a sparse solver at the tolerance asked for."""

from __future__ import annotations

from support import code_notebook

OLD = code_notebook(
    "import numpy as np\nimport statsmodels.api as sm\nfrom statsmodels.stats.diagnostic import het_arch\n"
    "from statsmodels.tsa.holtwinters import ExponentialSmoothing\nfrom scipy.sparse.linalg import lgmres\n"
    "rs = np.random.RandomState(0)\nX = sm.add_constant(rs.randn(60, 2))\ny = (X[:, 1] + rs.randn(60) > 0).astype(float)",
    "model = sm.Logit(y, X)\nres = model.fit(disp=0)\nlin = model.predict(res.params, linear=True)\n"
    "print(np.allclose(lin, X @ res.params))",
    "lm, lmp, f, fp = het_arch(rs.randn(100), maxlag=4, autolag=None)\nprint(round(lm, 6))",
    "rho, sigma = sm.regression.yule_walker(np.sin(np.arange(50) / 3.0), order=2, method='unbiased')\n"
    "print(np.round(rho, 6).tolist())",
    "s = np.arange(1, 37, dtype=float) + np.tile([1.0, 2.0, 0.0, -1.0], 9)\n"
    "fit = ExponentialSmoothing(s, 'add', False, 'add', 4).fit()\nprint(fit.model.seasonal_periods)",
    "x, info = lgmres(np.array([[4.0, 1.0], [1.0, 3.0]]), np.array([1.0, 2.0]), tol=1e-10)\n"
    "print(info, np.round(x, 6).tolist())",
)


def test_old_arguments_compute_what_they_did(run_repaired):
    record: list = []
    printed = run_repaired(OLD, 8, record)
    rules = {r for _, e in record for r in e.rule_ids}
    assert {"statsmodels-old-arguments", "catalogue-keyword"} <= rules
    # het_arch's LM statistic at 4 lags; yule_walker's 'unbiased' estimate (autocovariances over n - k), which
    # the same Toeplitz solve written out gives; lgmres' solution is [1/11, 7/11]
    assert printed[1:] == ["True\n", "5.554781\n", "[1.979128, -1.084291]\n", "4\n", "0 [0.090909, 0.636364]\n"]


# The functions scipy and statsmodels removed, written back by the static pass: each cell prints whether the
# shim gives what the old function gave, checked against today's API computing the same thing (slepian is dpss
# at NW = M * width / 4 scaled to a peak of 1; lpmn's P_1^1(0.5) carries the Condon-Shortley phase, -sqrt(0.75);
# match_vectors finds the rotation that maps b onto a; unitroot_adf's default trendorder 0 was a constant term
# until 0.10).
REMOVED = code_notebook(
    "import numpy as np\nimport scipy\nfrom scipy import signal, special\nfrom scipy.signal import windows\n"
    "from scipy.spatial.transform import Rotation as R\nimport statsmodels.api as sm\n"
    "from statsmodels.tsa.stattools import adfuller\nfrom statsmodels.stats.diagnostic import het_goldfeldquandt\n"
    "from statsmodels.stats.diagnostic import HetGoldfeldQuandt, unitroot_adf",
    "w = signal.slepian(51, width=0.3)\nd = windows.dpss(51, 51 * 0.3 / 4)\n"
    "t2, y2 = signal.step2(([1.0], [1.0, 1.0]))\nt, y = signal.step(([1.0], [1.0, 1.0]))\n"
    "print(np.allclose(w, d / d.max()), np.allclose(y2, y))",
    "h = signal.daub(2)\nx, phi, psi = signal.cascade(h, J=5)\n"
    "print(np.round(h, 6).tolist(), np.round(signal.qmf(h), 6).tolist(), round(phi.sum() / 32, 6))",
    "p, pd = special.lpmn(1, 2, 0.5)\nprint(p.shape, round(p[1, 1], 6))",
    "rng = np.random.default_rng(0)\nb = rng.normal(size=(5, 3))\nrot = R.from_euler('xyz', [0.1, 0.2, 0.3])\n"
    "found, sensitivity = R.match_vectors(rot.apply(b), b)\nprint(np.allclose(found.as_matrix(), rot.as_matrix()), sensitivity.shape)",
    "rs = np.random.RandomState(0)\nX = sm.add_constant(rs.randn(50, 2))\nyy = X @ [1, 2, 3] + rs.randn(50) * np.arange(50)\n"
    "gq = HetGoldfeldQuandt()\nf, pv, order = gq.run(yy, X)\nprint(np.isclose(f, het_goldfeldquandt(yy, X)[0]), gq.fval == f)\n"
    "walk = np.cumsum(rs.randn(80))\nprint(np.isclose(unitroot_adf(walk)[0], adfuller(walk, regression='c')[0]))",
)


def test_removed_functions_compute_what_they_did(tmp_path, apply):
    from mlemodernizer.agent.rules import fix_static
    from support import run_local, stdout

    edits = fix_static(REMOVED)
    assert {"scipy-source-removed-functions", "statsmodels-source-removed-functions"} <= {r for e in edits for r in e.rule_ids}
    after = run_local(apply(REMOVED, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert [stdout(c) for c in after.cells[1:]] == [
        "True True\n", "[0.482963, 0.836516, 0.224144, -0.12941] [-0.12941, -0.224144, 0.836516, -0.482963] 1.0\n",
        "(2, 3) -0.866025\n", "True (3, 3)\n", "True True\nTrue\n"]


def test_unitroot_adf_follows_the_release_the_notebook_was_written_for():
    # statsmodels 0.11 (January 2020) shifted trendorder: 0 was a constant before it, no trend in it
    from mlemodernizer.agent.rules import RULES
    from mlemodernizer.agent.rules.engine import transform_cell
    from mlemodernizer.agent.rules.framework import build_context

    cell = "from statsmodels.stats.diagnostic import unitroot_adf\nr = unitroot_adf(x)"
    rule = [RULES["statsmodels-source-removed-functions"]]
    shims = {month: transform_cell(cell, rule, build_context([cell], month)).source for month in ("2018-03", "2020-05")}
    assert '{None: "n", 0: "c", 1: "ct", 2: "ctt"}' in shims["2018-03"]
    assert '{0: "n", 1: "c", 2: "ct", 3: "ctt"}' in shims["2020-05"]
    assert all(s.startswith("def unitroot_adf(") for s in shims.values())
