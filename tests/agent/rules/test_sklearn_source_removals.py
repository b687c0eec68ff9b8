"""scikit-learn calls removed in 0.19-0.22 that the old sources show (regressors' decision_function, the linear
models as their own feature selectors, the y that transform ignored, Lars(positive=False), the discriminant
analyses' fit-time settings), in a real kernel:
each failure is answered by the error-keyed rules, and the notebook prints what the old releases computed."""

from __future__ import annotations

from support import code_notebook

OLD = code_notebook(
    "import numpy as np\nrng = np.random.RandomState(0)\nX = rng.rand(60, 5)\ny = (X[:, 0] > 0.5).astype(int)\n"
    "yr = X @ np.arange(1.0, 6.0) + 5",
    # a regressor's decision_function was its prediction (here exact), staged_decision_function one per stage
    "from sklearn.linear_model import LinearRegression\nfrom sklearn.ensemble import GradientBoostingRegressor\n"
    "lin = LinearRegression().fit(X, yr)\nprint(np.allclose(lin.decision_function(X), yr))\n"
    "gb = GradientBoostingRegressor(n_estimators=4, random_state=0).fit(X, yr)\n"
    "stages = [s for s in gb.staged_decision_function(X)]\nprint(len(stages), np.allclose(stages[-1], gb.predict(X)))",
    # the L1 model kept the features whose coefficient is not (nearly) 0; fit_transform fitted the model itself
    "from sklearn.svm import LinearSVC\nfrom sklearn.linear_model import LogisticRegression\n"
    "svc = LinearSVC(C=0.1, penalty='l1', dual=False).fit(X, y)\nX_new = svc.transform(X)\n"
    "print(X_new.shape[1] == int((np.abs(svc.coef_) >= 1e-5).sum()) > 0)\n"
    "lr = LogisticRegression(penalty='l1', solver='liblinear', C=0.5)\nX_sel = lr.fit_transform(X, y)\n"
    "print(X_sel.shape[1] == int((np.abs(lr.coef_) >= 1e-5).sum()), len(lr.predict(X)))",
    # y was ignored by transform: positional (now copy) and by keyword
    "from sklearn.preprocessing import StandardScaler\nfrom sklearn.decomposition import PCA\n"
    "sc = StandardScaler().fit(X)\nXt = sc.transform(X, y)\nprint(np.allclose(Xt, (X - X.mean(0)) / X.std(0)))\n"
    "print(PCA(2).fit(X).transform(X, y=None).shape)",
    "from sklearn.linear_model import Lars\nprint(np.allclose(Lars(positive=False).fit(X, yr).predict(X), yr))",
    # fit(X, y, store_covariance=, tol=) set them on the estimator: what fit computed and the estimator kept
    "from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis\n"
    "lda = LinearDiscriminantAnalysis()\nlda.fit(X, y, store_covariance=True, tol=1e-3)\n"
    "qda = QuadraticDiscriminantAnalysis().fit(X, y, True)\nprint(lda.covariance_.shape, lda.tol, len(qda.covariance_))",
)


def test_old_calls_compute_what_they_did(run_repaired):
    record: list = []
    printed = run_repaired(OLD, 10, record)
    assert printed[1:] == ["True\n4 True\n", "True\nTrue 60\n", "True\n(60, 2)\n", "True\n", "(5, 5) 0.001 2\n"]
    used = {r for _, e in record for r in e.rule_ids}
    assert {"sklearn-regressor-decision-function", "sklearn-model-as-selector", "sklearn-ignored-y",
            "sklearn-removed-default-params", "sklearn-fit-params-to-constructor"} <= used
