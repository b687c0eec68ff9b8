"""Code facts: stages, models, metrics, data files, plot kinds and ML-testing calls, read statically."""

from __future__ import annotations

import textwrap

from mlemodernizer.insight.code import analyse_code


def facts(*sources: str, python2: bool = False):
    return analyse_code([(i, textwrap.dedent(s)) for i, s in enumerate(sources)], python2)


def kinds(f) -> list[str]:
    return [p.kind for p in f.plots]


def test_pipeline_stages_models_metrics_and_files():
    f = facts(
        "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn import metrics",
        "df = pd.read_csv('../input/train.csv')\ndf.describe()",
        "df['Age'] = df['Age'].fillna(0)\nX = pd.get_dummies(df)",
        "clf = RandomForestClassifier()\nclf.fit(X, y)",
        "print(metrics.accuracy_score(y, clf.predict(X)))",
        "pd.DataFrame({'id': ids, 'y': clf.predict(T)}).to_csv(OUT + 'submission.csv', index=False)",
    )
    assert f.stages == {"load": [1], "explore": [1], "preprocess": [2], "train": [3], "evaluate": [4], "submit": [5]}
    assert [m.name for m in f.models] == ["RandomForestClassifier"]
    assert [(m.name, m.cell) for m in f.metrics] == [("accuracy_score", 4)]
    assert [(d.path, d.cell, d.call) for d in f.data_read] == [("../input/train.csv", 1, "pandas.read_csv")]
    assert [d.path for d in f.data_written] == ["{OUT}submission.csv"]
    assert sorted(f.imports) == ["pandas", "sklearn"]


def test_plot_kinds_from_calls_and_their_context():
    f = facts(
        "import matplotlib.pyplot as plt\nimport seaborn as sns\nfrom sklearn.metrics import roc_curve, confusion_matrix",
        "plt.hist(df.Age)",
        "sns.heatmap(df.corr())",
        "sns.heatmap(confusion_matrix(y, p), annot=True)",
        "fpr, tpr, _ = roc_curve(y, s)\nplt.plot(fpr, tpr)",
        "plt.plot(history.history['loss'])",
        "df.Survived.value_counts().plot(kind='bar')",
        "df.plot.scatter('a', 'b')",
        "fig, ax = plt.subplots()\nax.boxplot(df.Fare)",
        "np.log(df.SalePrice).hist()",
        "sns.relplot(x='a', y='b', kind='line', data=df)",
        "optimizer.step()\nresult.plot_thing()",
    )
    assert kinds(f) == ["histogram", "heatmap", "confusion matrix", "ROC", "learning curve", "bar", "scatter", "box",
                        "histogram", "line"]
    assert f.stages["evaluate"] == [3, 4, 5]
    assert set(f.stages["explore"]) == {1, 2, 6, 7, 8, 9, 10}


def test_pylab_star_imports_and_the_notebooks_own_plotting_helpers():
    f = facts(
        "%pylab inline\nimport pandas as pd",
        "def show(i):\n    figure()\n    imshow(read(i))\n",
        "for i in range(3):\n    show(i)",
        "def hist_box(s):\n    s.hist()\n    s.plot(kind='box')",
        "hist_box(df.x)",
    )
    assert [(p.cell, p.kind) for p in f.plots if p.cell in (2, 4)] == [(2, "image"), (4, "histogram"), (4, "box")]
    assert [p.name for p in f.plots if p.cell == 2] == ["show()"]


def test_ml_testing_activity():
    f = facts(
        """
        from sklearn.model_selection import train_test_split, StratifiedKFold, cross_val_score, GridSearchCV
        from sklearn.inspection import permutation_importance
        import shap
        from fairlearn.metrics import MetricFrame
        import xgboost as xgb
        """,
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nkf = StratifiedKFold(5)",
        "cross_val_score(model, X, y, cv=kf, scoring='roc_auc')\ngs = GridSearchCV(model, grid, cv=5)",
        "xgb.cv(params, dtrain)\nimportances = model.feature_importances_",
        "permutation_importance(model, X, y)\nshap.TreeExplainer(model).shap_values(X)",
        "MetricFrame(metrics=acc, y_true=y, y_pred=p, sensitive_features=s)",
    )
    by_kind: dict[str, list[str]] = {}
    for t in f.testing:
        by_kind.setdefault(t.kind, []).append(t.name)
    assert by_kind["split"] == ["train_test_split", "StratifiedKFold"]
    assert by_kind["cross-validation"] == ["cross_val_score", "GridSearchCV", "xgboost.cv"]
    assert by_kind["metrics"] == ["roc_auc"]
    assert set(by_kind["explainability"]) == {"feature_importances_", "permutation_importance", "shap.TreeExplainer"}
    assert by_kind["fairness"] == ["fairlearn.metrics.MetricFrame"]


def test_models_from_boosting_keras_and_star_imports_and_custom_metrics():
    f = facts(
        "import xgboost as xgb\nfrom keras.models import Sequential\nfrom sklearn.linear_model import *",
        "m1 = xgb.XGBRegressor()\nm2 = Sequential()\nm3 = LogisticRegression()\nbst = xgb.train(p, d)",
        "def rmse(y, p):\n    return ((y - p) ** 2).mean() ** 0.5",
        "scaler = StandardScaler()\nmodel.compile(loss='mse', metrics=['accuracy'])",
    )
    assert [m.name for m in f.models] == ["XGBRegressor", "Sequential", "LogisticRegression", "xgboost.train"]
    assert [(m.name, m.kind) for m in f.metrics] == [("rmse", "defined"), ("accuracy", "metrics")]


def test_python2_cells_are_read_in_their_converted_form_and_unreadable_ones_named():
    f = facts("import pandas as pd\nprint 'loading'\ndf = pd.read_csv('train.csv')", "def broken(:\n  pass",
              "%%bash\nls", python2=True)
    assert [d.path for d in f.data_read] == ["train.csv"]
    assert f.unparsed == [1]  # the %%bash cell is not Python and not counted as unreadable
