"""A FeatureUnion subclass that keeps pandas frames, calling sklearn.pipeline's private helpers in scikit-learn
0.19's order (weight before X), run in the tabular profile's real kernel: as written the weight reaches the steps
as X; after the sklearn-feature-union-helpers rule the union fits, transforms and concatenates the frames."""

from __future__ import annotations

from support import code_notebook, stdout

FRAME_UNION = code_notebook(
    "import pandas as pd\nfrom joblib import Parallel, delayed\n"
    "from sklearn.base import BaseEstimator, TransformerMixin\n"
    "from sklearn.pipeline import FeatureUnion, _fit_transform_one, _transform_one",
    "class Doubled(BaseEstimator, TransformerMixin):\n"
    "    def __init__(self, cols):\n        self.cols = cols\n"
    "    def fit(self, X, y=None, **fit_params):\n        self.seen_ = fit_params\n        return self\n"
    "    def transform(self, X):\n        assert isinstance(X, pd.DataFrame)\n        return X[self.cols] * 2\n\n"
    "class FrameUnion(FeatureUnion):\n"
    "    def fit_transform(self, X, y=None, **fit_params):\n"
    "        result = Parallel(n_jobs=1)(delayed(_fit_transform_one)(trans, weight, X, y, **fit_params)\n"
    "                                    for name, trans, weight in self._iter())\n"
    "        Xs, fitted = zip(*result)\n"
    "        self._update_transformer_list(fitted)\n"
    "        return pd.concat(Xs, axis=1)\n\n"
    "    def transform(self, X):\n"
    "        return pd.concat([_transform_one(trans, weight, X) for name, trans, weight in self._iter()], axis=1)",
    "frame = pd.DataFrame({'a': [1, 2], 'b': [3, 4], 'c': [5, 6]})\n"
    "union = FrameUnion([('a', Doubled(['a'])), ('bc', Doubled(['b', 'c']))], transformer_weights={'bc': 10})\n"
    "out = union.fit_transform(frame)\n"
    "print(type(out).__name__, list(out.columns), out.values.tolist())\n"
    "print(union.transform(frame.iloc[:1]).values.tolist(), union.transformer_list[0][1].seen_)",
)


def test_a_frame_union_in_scikit_learn_0_19s_order_runs(fails_then_runs):
    after = fails_then_runs(FRAME_UNION, 2, "", {"sklearn-feature-union-helpers"})
    # each step doubles its columns; the union's weight multiplies the bc step's output by 10
    assert stdout(after.cells[2]) == "DataFrame ['a', 'b', 'c'] [[2, 60, 100], [4, 80, 120]]\n[[2, 60, 100]] {}\n"
