"""A notebook's own transformer at the end of a Pipeline (sklearn-pipeline-fitted-check) and catboost's live
plot (catboost-plot-widget), each failing in a real tabular kernel as written and running after the static pass."""

from __future__ import annotations

from support import code_notebook, stdout

OWN_TRANSFORMER = code_notebook(
    "import numpy as np\nimport pandas as pd\nfrom sklearn.base import BaseEstimator, TransformerMixin\n"
    "from sklearn.pipeline import Pipeline\n"
    "class FillMissing(BaseEstimator, TransformerMixin):\n"
    "    def fit(self, X, y=None):\n        self.dic = {c: X[c].median() for c in X}\n        return self\n"
    "    def transform(self, X):\n        return X.fillna(self.dic)",
    "X = pd.DataFrame({'a': [1.0, np.nan, 3.0], 'b': [np.nan, 2.0, 4.0]})\n"
    "pipe = Pipeline([('fill', FillMissing())]).fit(X)\nprint(pipe.transform(X).to_numpy().tolist())",
)

CATBOOST_PLOT = code_notebook(
    "import numpy as np\nimport catboost\nX = np.arange(40, dtype=float).reshape(20, 2)\ny = np.array([0, 1] * 10)",
    "m = catboost.CatBoostClassifier(iterations=3, random_seed=0, verbose=0)\n"
    "m.fit(X, y, eval_set=(X, y), plot=True)\nprint(m.tree_count_)",
)


def test_a_pipeline_ending_in_the_notebooks_own_transformer_transforms_after_its_fit(fails_then_runs):
    after = fails_then_runs(OWN_TRANSFORMER, 1, "This Pipeline instance is not fitted yet",
                            {"sklearn-pipeline-fitted-check"})
    assert stdout(after.cells[1]).strip() == "[[1.0, 3.0], [2.0, 2.0], [3.0, 4.0]]"


def test_catboost_trains_the_same_model_without_its_widget(fails_then_runs):
    after = fails_then_runs(CATBOOST_PLOT, 1, "No module named 'ipywidgets'", {"catboost-plot-widget"})
    assert stdout(after.cells[1]).strip() == "3"
