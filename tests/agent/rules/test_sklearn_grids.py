"""Search grids with values or keys scikit-learn renamed: a grid that lists max_features='auto' for a regressor
runs today but ranks fewer candidates than the author's did (no error to key a rule by); the static pass
renames the value as the estimator the grid is searched for takes it. A base_estimator__ key fails loudly and
is renamed where it was written."""

import json

from mlemodernizer.agent.rules import fix_error, fix_static
from support import code_notebook, run_local, stdout

SETUP = ("import json, warnings\nimport numpy as np\nfrom sklearn.ensemble import RandomForestRegressor\n"
         "from sklearn.linear_model import SGDClassifier\nfrom sklearn.pipeline import Pipeline\n"
         "from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import GridSearchCV\n"
         "warnings.simplefilter('ignore')\nrng = np.random.default_rng(0)\nX = rng.normal(size=(60, 4))\n"
         "y = X[:, 0] + X[:, 1] * X[:, 2]")
GRIDS = code_notebook(
    SETUP,
    "grid = {'max_features': ['auto', 'sqrt'], 'n_estimators': [5]}\nrf = RandomForestRegressor(random_state=0)",
    "pipe = Pipeline([('scale', StandardScaler()), ('sgd', SGDClassifier(random_state=0))])",
    "a = GridSearchCV(rf, grid, cv=2).fit(X, y)\n"
    "b = GridSearchCV(pipe, {'sgd__loss': ['log', 'hinge']}, cv=2).fit(X, y > 0)\n"
    "print(json.dumps([int(np.isnan(s.cv_results_['mean_test_score']).sum()) for s in (a, b)]))",
)


def failed_candidates(run) -> list[int]:
    assert run.status == "ok", run.summary()
    return json.loads(stdout(run.cells[3]))


def test_grid_values_are_renamed_for_the_estimator_they_are_searched_for(tmp_path, apply):
    before = run_local(GRIDS, tmp_path / "before")
    assert failed_candidates(before) == [1, 1], "each search silently loses the removed value's candidates"
    edits = fix_static(GRIDS)
    assert {e.cell for e in edits if "sklearn-grid-removed-values" in e.rule_ids} == {1, 3}
    fixed = apply(GRIDS, edits)
    assert "'max_features': [1.0, 'sqrt']" in fixed.sources()[1]  # a regressor's 'auto' was every feature
    assert "{'sgd__loss': ['log_loss', 'hinge']}" in fixed.sources()[3]  # the step of the pipeline
    after = run_local(fixed, tmp_path / "after")
    assert failed_candidates(after) == [0, 0]


BAGGING = code_notebook(
    "import numpy as np\nfrom sklearn.ensemble import BaggingClassifier\nfrom sklearn.tree import DecisionTreeClassifier\n"
    "from sklearn.model_selection import GridSearchCV\nrng = np.random.default_rng(0)\n"
    "X = rng.normal(size=(40, 3))\ny = (X[:, 0] > 0).astype(int)\n"
    "params = {'base_estimator__max_depth': [1, 2], 'n_estimators': [3]}",
    "bag = BaggingClassifier(DecisionTreeClassifier(), random_state=0)\n"
    "search = GridSearchCV(bag, params, cv=2).fit(X, y)\nprint(sorted(search.best_params_))",
)


def test_base_estimator_keys_are_renamed_where_the_grid_was_written(tmp_path, apply):
    run = run_local(BAGGING, tmp_path / "before")
    bad = run.first_failure
    assert bad is not None and "Invalid parameter 'base_estimator'" in bad.error.evalue, run.summary()
    edits = fix_error(BAGGING, bad.index, bad.error, [])
    assert [(e.cell, e.origin) for e in edits] == [(0, "rule:sklearn-grid-base-estimator")]
    after = run_local(apply(BAGGING, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[1]).strip() == "['estimator__max_depth', 'n_estimators']"
