"""pyramid-arima / pmdarima 1.x and xlrd 1.x code, repaired, run in the tabular profile's real kernel: the
regressors reach the model again, and the .xlsx file is read."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local

OLD = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport pyramid",
    "rng = np.random.RandomState(0)\ny = np.cumsum(rng.normal(size=60))\nX = rng.normal(size=(60, 2))\n"
    "m = pyramid.arima.ARIMA(order=(1, 0, 0)).fit(y[:50], exogenous=X[:50])\n"
    "print(len(m.params()), m.predict(n_periods=10, exogenous=X[50:]).shape)",
    "pd.DataFrame({'a': [1, 2]}).to_excel('t.xlsx', index=False)\n"
    "print(pd.read_excel('t.xlsx', engine='xlrd')['a'].tolist())",
)


def test_old_pmdarima_and_xlrd_code_runs_with_its_regressors(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 0 and "No module named 'pyramid'" in before.first_failure.error.evalue
    edits = fix_static(OLD)
    assert {"pmdarima-exogenous", "xlrd-engine-xlsx"} <= {r for e in edits for r in e.rule_ids}
    out = run_repaired(apply(OLD, edits), attempts=2)  # `import pyramid` is error-keyed (catalogue-module)
    # intercept, the two regressors, the AR term and the variance: under exogenous= only 3 (no regressors)
    assert out[1] == "5 (10,)\n"
    assert out[2] == "[1, 2]\n"



def test_a_transformers_regressors_go_second_not_as_x(apply, run_repaired):
    """transform / fit_transform pass through scikit-learn's set_output wrapper, whose first parameter is X: the y
    fills it, so X= collides, and exogenous= falls silently into **kwargs (the featurizer drops the regressors)."""
    old = code_notebook(
        "import numpy as np\nimport pmdarima as pm",
        "y = np.random.RandomState(0).rand(30) + 1\nX = np.ones((30, 2))\n"
        "yt, Xt = pm.preprocessing.FourierFeaturizer(12).fit_transform(y, exogenous=X)\nprint(Xt.shape)",
    )
    edits = fix_static(old)
    assert "pmdarima-exogenous" in {r for e in edits for r in e.rule_ids}
    assert run_repaired(apply(old, edits), attempts=1)[1] == "(30, 14)\n"  # the two regressors and six sine/cosine pairs
