"""sklearn-param-types: fit rejects a value written cells earlier (a grid of float depths, bootstrap=1); the
rule, keyed by the real InvalidParameterError, rewrites it where it was written, and the notebook runs."""

from mlemodernizer.agent.rules import fix_error
from mlemodernizer.agent.rules.sklearn_param_types import removed_value, wanted
from support import code_notebook, run_local, stdout

OLD = code_notebook(
    "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.model_selection import GridSearchCV\nrng = np.random.default_rng(0)\n"
    "X = rng.normal(size=(60, 3))\ny = (X[:, 0] > 0).astype(int)",
    "grid = {'max_depth': np.linspace(2, 4, 2), 'n_estimators': [5.0, 10.0]}\n"
    "rf = RandomForestClassifier(random_state=0, bootstrap=1)",
    "search = GridSearchCV(rf, grid, cv=3, error_score='raise').fit(X, y)\nprint(search.best_params_)",
)


def test_the_message_names_the_parameter_and_the_type():
    assert wanted("The 'max_depth' parameter of DecisionTreeClassifier must be an int in the range [1, inf) or None."
                  " Got 2.0 instead.") == ("max_depth", "int", "DecisionTreeClassifier")
    assert wanted("The 'bootstrap' parameter of RandomForestClassifier must be an instance of 'bool' or an instance "
                  "of 'numpy.bool'. Got 1 instead.") == ("bootstrap", "bool", "RandomForestClassifier")
    assert wanted("The 'penalty' parameter of LogisticRegression must be a str among {'l2'}. Got 'x' instead.") is None


def test_each_rejected_value_is_rewritten_where_it_was_written_until_the_notebook_runs(tmp_path, apply):
    nb, fixed = OLD, []
    for attempt in range(4):
        run = run_local(nb, tmp_path / f"run{attempt}")
        bad = run.first_failure
        if bad is None:
            break
        assert bad.index == 2 and bad.error.ename == "InvalidParameterError", run.summary()
        edits = fix_error(nb, bad.index, bad.error, [])
        assert [(e.cell, e.origin) for e in edits] == [(1, "rule:sklearn-param-types")]
        fixed.append(wanted(bad.error.evalue)[0])
        nb = apply(nb, edits)
    assert run.status == "ok", run.summary()
    assert nb.sources()[1] == ("grid = {'max_depth': np.linspace(2, 4, 2).astype(int), 'n_estimators': [5, 10]}\n"
                               "rf = RandomForestClassifier(random_state=0, bootstrap=True)")
    assert sorted(fixed) == ["bootstrap", "max_depth", "n_estimators"]
    assert "'max_depth': " in stdout(run.cells[2])


TFIDF = code_notebook(
    "from sklearn.feature_extraction.text import TfidfVectorizer\n"
    "docs = ['the raven', 'the house of usher', 'a raven at the door', 'the pit and the pendulum']",
    "tfv = TfidfVectorizer(min_df=1, analyzer='word', ngram_range=(1, 2),\n"
    "                      use_idf=1, smooth_idf=1, sublinear_tf=1, binary=0)\n"
    "X = tfv.fit_transform(docs)\nprint(X.shape)",
)


def test_the_estimators_other_bool_parameters_given_0_or_1_are_converted_in_the_same_round(tmp_path, apply):
    """The message names one parameter; the others of the same call (read from the environment's
    TfidfVectorizer) would each fail the same line next, and each such round reruns the cells."""
    run = run_local(TFIDF, tmp_path / "before")
    bad = run.first_failure
    assert bad is not None and bad.error.ename == "InvalidParameterError", run.summary()
    edits = fix_error(TFIDF, bad.index, bad.error, [])
    assert [(e.cell, e.origin) for e in edits] == [(1, "rule:sklearn-param-types")]
    fixed = apply(TFIDF, edits)
    assert "use_idf=True, smooth_idf=True, sublinear_tf=True, binary=False" in fixed.sources()[1]
    assert "min_df=1" in fixed.sources()[1]  # an int parameter keeps its int
    after = run_local(fixed, tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[1]).strip() == "(4, 21)"


def test_the_estimators_other_int_only_parameters_given_whole_floats_are_converted_in_the_same_round(tmp_path, apply):
    """The message names one of n_estimators=10.0 and max_depth=3.0 (both an int and no other number); the
    other goes with it, while min_weight_fraction_leaf=0.0 (a float parameter) keeps its float."""
    nb = code_notebook(
        "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\n"
        "X = np.random.default_rng(0).normal(size=(40, 3))\ny = (X[:, 0] > 0).astype(int)",
        "rf = RandomForestClassifier(n_estimators=10.0, max_depth=3.0, min_weight_fraction_leaf=0.0, random_state=0)\n"
        "print(rf.fit(X, y).score(X, y) > 0.5)",
    )
    bad = run_local(nb, tmp_path / "before").first_failure
    assert bad is not None and bad.error.ename == "InvalidParameterError", bad
    assert "'max_depth'" in bad.error.evalue or "'n_estimators'" in bad.error.evalue
    edits = fix_error(nb, bad.index, bad.error, [])
    fixed = apply(nb, edits)
    assert "n_estimators=10, max_depth=3, min_weight_fraction_leaf=0.0," in fixed.sources()[1]
    after = run_local(fixed, tmp_path / "after")
    assert after.status == "ok" and stdout(after.cells[1]).strip() == "True", after.summary()


# --------------------------------------------------------------------------- sklearn-removed-param-values

STACKING = code_notebook(
    "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier, ExtraTreesRegressor\n"
    "from sklearn.model_selection import GridSearchCV\n"
    "X = np.random.default_rng(0).normal(size=(60, 4))\ny = (X[:, 0] > 0).astype(int)",
    # the parameters in one cell, a helper that builds the model from them in another: 2017's stacking kernels
    "rf_params = {'n_estimators': 10, 'max_depth': 4, 'max_features': 'auto', 'random_state': 0}\n"
    "class SklearnHelper:\n    def __init__(self, clf, params):\n        self.clf = clf(**params)\n"
    "    def train(self, X, y):\n        return self.clf.fit(X, y)",
    "rf = SklearnHelper(RandomForestClassifier, rf_params).train(X, y)\nprint(rf.max_features)",
    # a regressor's grid, searched with the default error_score: every fit fails, and says why inside
    "grid = GridSearchCV(ExtraTreesRegressor(n_estimators=5, random_state=0),\n"
    "                    {'max_features': ['auto'], 'criterion': ['mse']}, cv=2)\n"
    "print(grid.fit(X, X[:, 1]).best_params_)",
)


def test_the_message_names_the_removed_value_and_the_estimator():
    message = ("The 'max_features' parameter of RandomForestRegressor must be an int in the range [1, inf), a float "
               "in the range (0.0, 1.0], a str among {'sqrt', 'log2'} or None. Got 'auto' instead.")
    assert removed_value(message) == ("max_features", "auto", "RandomForestRegressor")
    assert removed_value(message.replace("'auto'", "'half'")) is None  # never a value of scikit-learn's
    assert removed_value(message.replace("Got 'auto'", "Got 2.5")) is None


def test_a_removed_value_is_rewritten_where_it_was_written_for_the_estimator_the_message_names(run_repaired):
    applied: list = []
    printed = run_repaired(STACKING, 4, applied)
    # The first failure (the classifier's, in cell 2) rewrites every max_features='auto' the notebook gives,
    # each for its estimator: the classifier's 'auto' was sqrt, the searched regressor's every feature. The
    # grid's criterion='mse' fails next, in cell 3.
    assert [(failing, e.cell, e.origin) for failing, e in applied] == [
        (2, 1, "rule:sklearn-removed-param-values"), (2, 3, "rule:sklearn-removed-param-values"),
        (3, 3, "rule:sklearn-removed-param-values")]
    assert "'max_features': 'sqrt'," in applied[0][1].new
    assert "{'max_features': [1.0], 'criterion': ['squared_error']}" in applied[-1][1].new
    assert printed[2].strip() == "sqrt"
    assert printed[3].strip() == "{'criterion': 'squared_error', 'max_features': 1.0}"


def test_a_bool_given_as_text_keeps_the_truth_old_estimators_read_in_it(tmp_path, apply):
    """bootstrap='False' was a non-empty string, so true: oob_score worked beside it. It becomes True (with False
    the out-of-bag score would be refused); oob_score, which takes a callable too, is fixed in its own round."""
    nb = code_notebook(
        "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nrng = np.random.default_rng(0)\n"
        "X = rng.normal(size=(60, 3))\ny = (X[:, 0] > 0).astype(int)",
        "rf = RandomForestClassifier(n_estimators=20, bootstrap='False', oob_score='True', random_state=0)\n"
        "print(rf.fit(X, y).oob_score_ > 0.5)",
    )
    for attempt in range(3):
        run = run_local(nb, tmp_path / f"run{attempt}")
        if (bad := run.first_failure) is None:
            break
        assert bad.error.ename == "InvalidParameterError", run.summary()
        nb = apply(nb, fix_error(nb, bad.index, bad.error, []))
    assert "bootstrap=True, oob_score=True," in nb.sources()[1]
    assert run.status == "ok" and stdout(run.cells[1]).strip() == "True", run.summary()
