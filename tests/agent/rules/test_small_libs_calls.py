"""Old calls of pydash, dateutil, PyTables, vecstack, lime, bayes_opt and scikit-learn's renamed results in a real
kernel: the static pass names what the old signatures put by position, moves callbacks and the acquisition where
today's APIs take them, and the notebook prints what the old libraries computed."""

from __future__ import annotations

from support import code_notebook, stdout

OLD = code_notebook(
    "import datetime, os, tempfile\nimport numpy as np\nimport pydash\nimport tables\n"
    "from dateutil.relativedelta import relativedelta",
    "print(pydash.max_([1, 2, 3], callback=lambda x: -x), pydash.invert({'a': 1, 'b': 1}, multivalue=True))",
    "print(datetime.date(2020, 1, 1) + relativedelta(day=15.7))",
    "p = os.path.join(tempfile.mkdtemp(), 'x.h5')\nwith tables.open_file(p, 'w') as h5:\n"
    "    h5.create_array(h5.create_group('/', 'g'), 'a', np.arange(3))\n"
    "with tables.open_file(p, 'r', rootUEP='/g') as h5:\n    print(h5.root.a.read().tolist())",
    "from vecstack import stacking\nfrom sklearn.datasets import load_diabetes\n"
    "from sklearn.linear_model import Ridge\n"
    "from sklearn.metrics import mean_absolute_error\nX, y = load_diabetes(return_X_y=True)\n"
    "S_train, S_test = stacking([Ridge()], X[:300], y[:300], X[300:], True, None, None, mean_absolute_error, 4)\n"
    "print(S_train.shape, S_test.shape)",
    "from lime import lime_image\nimg = np.random.RandomState(0).rand(32, 32, 3)\n"
    "exp = lime_image.LimeImageExplainer(random_state=0).explain_instance(\n"
    "    img, lambda b: np.tile([[.3, .7]], (len(b), 1)), num_samples=20, top_labels=1)\n"
    "temp, mask = exp.get_image_and_mask(exp.top_labels[0], True, True, 5)\nprint(bool((temp[mask == 0] == 0).all()))",
    "from bayes_opt import BayesianOptimization, UtilityFunction\n"
    "optimizer = BayesianOptimization(f=None, pbounds={'x': (-2, 2)}, verbose=0, random_state=1)\n"
    "utility = UtilityFunction(kind='ucb', kappa=2.5, xi=0.0)\nfor _ in range(3):\n"
    "    point = optimizer.suggest(utility)\n    optimizer.register(params=point, target=-point['x'] ** 2)\n"
    "print(len(optimizer.space), -2 <= optimizer.max['params']['x'] <= 2)",
    "from sklearn.covariance import GraphicalLassoCV\nfrom sklearn.inspection import partial_dependence\n"
    "lasso = GraphicalLassoCV(alphas=3).fit(np.random.RandomState(0).rand(30, 3))\n"
    "pdp = partial_dependence(Ridge().fit(X, y), X, [0], grid_resolution=4)\n"
    "print(type(lasso.cv_alphas_).__name__, len(lasso.cv_alphas_), len(pdp['values'][0]))",
)


def test_old_calls_compute_what_they_did(fails_then_runs):
    after = fails_then_runs(OLD, 1, "callback", {
        "pydash-callbacks", "dateutil-relativedelta-int", "tables-open-file-root-uep", "vecstack-stacking-order",
        "lime-image-mask-order", "bayes-opt-utility-function", "sklearn-renamed-results"})
    printed = [stdout(c) for c in after.cells]
    assert printed[1:] == ["1 {1: ['a', 'b']}\n", "2020-01-15\n", "[0, 1, 2]\n", "(300, 1) (142, 1)\n", "True\n",
                           "3 True\n", "list 13 4\n"]
