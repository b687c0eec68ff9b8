"""Removed classes given back through their successors (sklearn_removed_classes, imblearn_rules, successor_rules),
run in the tabular profile's real kernel: each cell prints what the old API computed, worked out by hand or
with numpy from its documented definition."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local

NOTEBOOK = code_notebook(
    "import numpy as np\nimport scipy.sparse\n"
    "from sklearn.preprocessing import OneHotEncoder\nfrom sklearn.mixture import GMM\n"
    "from sklearn.model_selection import LeaveOneLabelOut, LeavePLabelOut\n"
    "from imblearn.under_sampling import RandomUnderSampler\nfrom imblearn.over_sampling import SMOTE\n"
    "from statsmodels.tsa.ar_model import AR\nimport xgboost as xgb\nfrom gensim.models import Word2Vec",
    # the encoded columns first (categories seen in fit), the others after them, unchanged; sparse by default
    "X = np.array([[0, 10.5, 1], [1, 20.5, 0], [2, 30.5, 1]])\n"
    "enc = OneHotEncoder(categorical_features=[0, 2])\nXe = enc.fit_transform(X)\n"
    "print(scipy.sparse.issparse(Xe), Xe.toarray().tolist())\n"
    "dense = OneHotEncoder(categorical_features=[False, False, True], sparse=False).fit_transform(X)\n"
    "print(type(dense).__name__, dense.tolist())",
    "rng = np.random.RandomState(0)\npts = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(6, 1, (60, 2))])\n"
    "g = GMM(n_components=2, n_iter=200, random_state=0)\ng.fit(pts)\n"
    "p = g.get_params()\nprint(p['covariance_type'], p['reg_covar'], p['max_iter'], g.covars_.shape)\n"
    "ll = g.score(pts)\nlogprob, resp = g.score_samples(pts)\n"
    "print(ll.shape, logprob.shape, resp.shape, np.allclose(resp.sum(axis=1), 1), sorted(np.round(g.means_[:, 0]).tolist()))",
    "labels = np.array([3, 1, 1, 2, 3])\nfor tr, te in LeaveOneLabelOut(labels):\n    print(tr.tolist(), te.tolist())\n"
    "print(len(LeavePLabelOut(labels, p=2)))",
    "Xi = np.arange(20).reshape(10, 2)\nyi = np.array([0] * 7 + [1] * 3)\n"
    "Xr, yr, idx = RandomUnderSampler(return_indices=True, random_state=0).fit_sample(Xi, yi)\n"
    "print(len(idx), (Xr == Xi[idx]).all(), (yr == yi[idx]).all(), sorted(yr.tolist()))",
    "Xs = np.vstack([rng.normal(0, 1, (40, 2)), rng.normal(2, 1, (12, 2))])\nys = np.array([0] * 40 + [1] * 12)\n"
    "b = SMOTE(kind='borderline2', m_neighbors=6, random_state=0)\nv = SMOTE(kind='svm', random_state=0)\n"
    "print(type(b).__name__, b.kind, b.m_neighbors, type(v).__name__, v.svm_estimator.gamma)\n"
    "print(np.bincount(b.fit_resample(Xs, ys)[1]).tolist(), np.bincount(v.fit_resample(Xs, ys)[1]).tolist())",
    # conditional MLE of an AR(k) with a constant: the least-squares fit of x_t on 1, x_{t-1}, ..., x_{t-k}
    "x = np.cumsum(rng.normal(size=120)) * 0.1 + np.sin(np.arange(120) / 5)\n"
    "res = AR(x).fit(maxlag=3, disp=0)\n"
    "design = np.column_stack([np.ones(117)] + [x[3 - j:120 - j] for j in range(1, 4)])\n"
    "ols = np.linalg.lstsq(design, x[3:], rcond=None)[0]\n"
    "print(res.k_ar, np.allclose(res.params, ols), np.allclose(res.fittedvalues, design @ ols))\n"
    "auto = AR(x).fit()\nprint(auto.k_ar)",  # round(12 * 1.2 ** 0.25) = 13
    "Xb = rng.rand(50, 3)\nyb = (Xb[:, 0] > 0.5).astype(int)\nm = xgb.XGBClassifier(n_estimators=7, max_depth=2)\n"
    "m.fit(Xb, yb)\nprint(m.best_iteration)",
    "w2v = Word2Vec([['a', 'b', 'c'], ['a', 'b']], min_count=1, sample=0.01)\n"
    "print(w2v.vocabulary.min_count, w2v.vocabulary.sample, len(w2v.vocabulary.cum_table))\n"
    "print(Word2Vec([['a']], min_count=1, max_vocab_size=9).vocabulary.max_vocab_size)",
)


def test_successors_compute_what_the_removed_api_did(tmp_path, apply, run_repaired):
    before = run_local(NOTEBOOK, tmp_path / "before")
    assert before.first_failure.index == 0
    edits = fix_static(NOTEBOOK)
    assert {"sklearn-gmm", "sklearn-leaveonelabelout", "sklearn-onehot-categorical-features", "imblearn-return-indices",
            "imblearn-smote-kinds", "statsmodels-ar", "gensim-model-vocabulary"} <= {r for e in edits for r in e.rule_ids}
    out = run_repaired(apply(NOTEBOOK, edits), attempts=4)  # best_iteration only fails when the model runs
    assert out[1] == ("True [[1.0, 0.0, 0.0, 0.0, 1.0, 10.5], [0.0, 1.0, 0.0, 1.0, 0.0, 20.5], "
                      "[0.0, 0.0, 1.0, 0.0, 1.0, 30.5]]\n"
                      "ndarray [[0.0, 1.0, 0.0, 10.5], [1.0, 0.0, 1.0, 20.5], [0.0, 1.0, 2.0, 30.5]]\n")
    assert out[2] == "diag 0.001 200 (2, 2)\n(120,) (120,) (120, 2) True [0.0, 6.0]\n"
    # one fold per sorted label; C(3, 2) pairs of labels
    assert out[3] == "[0, 3, 4] [1, 2]\n[0, 1, 2, 4] [3]\n[1, 2, 3] [0, 4]\n3\n"
    assert out[4] == "6 True True [0, 0, 0, 1, 1, 1]\n"
    assert out[5] == "BorderlineSMOTE borderline-2 6 SVMSMOTE auto\n[40, 40] [40, 40]\n"
    assert out[6] == "3 True True\n13\n"
    assert out[7] == "6\n"  # the last of 7 rounds, as xgboost 1.x reported without early stopping
    assert out[8] == "1 0.01 3\n9\n"
