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
