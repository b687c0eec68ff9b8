"""sklearn-deprecation-sentinels in the tabular profile's real kernel: estimators written as scikit-learn
0.17-0.22 printed them (placeholders and all) are refused today; after the static pass they build the models
those releases did: liblinear's coefficients (for two classes: more are sklearn-liblinear-one-vs-rest's, on the
error), 10 trees, gamma 1/n_features, 3 folds, libsvm's one-vs-one columns
and 5 epochs of SGD."""

from __future__ import annotations

from support import code_notebook, stdout

PRINTED = code_notebook(
    "import warnings\nwarnings.simplefilter('ignore')\nimport numpy as np\n"
    "from sklearn.datasets import make_classification\n"
    "from sklearn.ensemble import RandomForestClassifier\nfrom sklearn.linear_model import LogisticRegression, "
    "SGDClassifier\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\n"
    "X, y = make_classification(n_samples=120, n_features=6, n_informative=4, n_classes=4, random_state=0)",
    "lr = LogisticRegression(C=1.0, class_weight=None, dual=False, fit_intercept=True,\n"
    "          intercept_scaling=1, max_iter=100, multi_class='warn',\n"
    "          n_jobs=None, penalty='l2', random_state=None, solver='warn',\n"
    "          tol=0.0001, verbose=0, warm_start=False).fit(X, y % 2)\n"
    "print(np.allclose(lr.coef_, LogisticRegression(solver='liblinear').fit(X, y % 2).coef_))\n"
    "rf = RandomForestClassifier(bootstrap=True, max_features='auto', n_estimators='warn', random_state=0).fit(X, y)\n"
    "svc = SVC(C=1.0, cache_size=200, class_weight=None, coef0=0.0,\n"
    "    decision_function_shape=None, degree=3, gamma='auto_deprecated', kernel='rbf').fit(X, y)\n"
    "search = GridSearchCV(cv='warn', error_score='raise-deprecating', estimator=rf, fit_params=None, iid='warn',\n"
    "       n_jobs=None, param_grid={'max_depth': [2, 3]}, return_train_score='warn').fit(X, y)\n"
    "sgd = SGDClassifier(alpha=0.0001, loss='hinge', max_iter=None, n_iter=None, tol=None, random_state=0).fit(X, y)\n"
    "print(len(rf.estimators_), svc._gamma == 1 / 6, svc.decision_function(X).shape, search.n_splits_,\n"
    "      'mean_train_score' in search.cv_results_, sgd.n_iter_)",
)


def test_printed_estimators_build_the_models_of_their_release(fails_then_runs):
    after = fails_then_runs(PRINTED, 1, "multi_class", {"sklearn-deprecation-sentinels", "sklearn-removed-params"})
    assert stdout(after.cells[1]) == "True\n10 True (120, 6) 3 True 5\n"
