"""Old gensim, seaborn, time-series and standard-library code, repaired by the static rules, run in the
tabular profile's real kernel (the environment CI builds)."""

from __future__ import annotations

from support import code_notebook, stdout

OLD_CODE = code_notebook(
    "import time, collections\nimport numpy as np\nimport pandas as pd\nimport seaborn as sns\n"
    "from gensim.models import Word2Vec\nfrom collections import Iterable",
    "t0 = time.clock()\nsents = [['king', 'man', 'crown'], ['queen', 'woman', 'crown']] * 20\n"
    "m = Word2Vec(sents, size=8, min_count=1, iter=2, seed=1, workers=1)\n"
    "v = m['king']\nnear = m.most_similar('king', topn=2)\n"
    "print(len(v), len(near), len(m.wv.index2word), isinstance(sents, collections.Iterable), time.clock() >= t0)",
    "s = pd.Series(np.arange(60.0), index=pd.date_range('2017-01-01', periods=60, freq='D'))\n"
    "monthly = s.resample('M').sum()\nweeks = s.index.to_series().dt.week\n"
    "print(monthly.index[0].date(), monthly.iloc[0], weeks.iloc[1])",
    "ax = sns.lvplot(x=np.arange(10) % 2, y=np.arange(10.0))\nprint(type(ax).__name__)",
)


def test_old_library_code_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(
        OLD_CODE, 0, "cannot import name 'Iterable'",
        {"moved-names", "gensim4-renamed-params", "pandas-offset-aliases", "pandas-week-accessor"},
    )
    assert stdout(after.cells[1]) == "8 2 5 True True\n"
    # January's month end, the sum of days 0..30, and 2017-01-02 in ISO week 1
    assert stdout(after.cells[2]) == "2017-01-31 465.0 1\n"
    assert stdout(after.cells[3]) == "Axes\n"


LIGHTGBM_3 = code_notebook(
    "import numpy as np\nimport lightgbm as lgb\nrng = np.random.default_rng(0)\n"
    "X = np.column_stack([rng.integers(0, 3, 200), rng.normal(size=200)])\ny = (X[:, 0] == 1).astype(float)\n"
    "def squared(preds, data):\n    return preds - data.get_label(), np.ones_like(preds)",
    "d = lgb.Dataset(X, y)\np = {'learning_rate': 0.3, 'verbose': -1, 'min_data_in_leaf': 5}\n"
    "b = lgb.train(p, d, 20, categorical_feature=[0], feature_name=['kind', 'noise'], fobj=squared)\n"
    "print(b.feature_name(), round(float(np.abs(b.predict(X) - y).mean()), 2))",
)


def test_lightgbm_3_train_arguments_run_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(LIGHTGBM_3, 1, "unexpected keyword argument", {"lightgbm-train-moved-arguments"})
    # the names reached the booster, and the custom objective fitted the categorical split
    names, error = stdout(after.cells[1]).split("] ")
    assert names == "['kind', 'noise'" and float(error) < 0.1


# pandas 3 keeps the replaced text columns object (ints inside); xgboost refuses them, as it refused text
REPLACED_TEXT = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport xgboost as xgb\nrng = np.random.default_rng(0)\n"
    "df = pd.DataFrame({'Sex': rng.choice(['male', 'female'], 200), 'Embarked': rng.choice(['S', 'C', 'Q'], 200)})\n"
    "df['Sex'].replace(['male', 'female'], [0, 1], inplace=True)\n"
    "df = df.replace({'Embarked': {'S': 0, 'C': 1, 'Q': 2}})\ny = (df['Sex'] == 1).astype(int)",
    "m = xgb.XGBClassifier(n_estimators=5, max_depth=2).fit(df, y)\n"
    "print(df.dtypes.astype(str).tolist(), round(float(m.predict_proba(df)[:, 1][y == 1].mean()), 1))",
)


def test_a_replace_of_text_by_numbers_gives_a_numeric_column_again(fails_then_runs):
    after = fails_then_runs(REPLACED_TEXT, 1, "DataFrame.dtypes for data must be int, float, bool or category",
                            {"pandas-cow-inplace", "pandas-replace-downcast"})
    dtypes, survived = stdout(after.cells[1]).rsplit(" ", 1)
    assert dtypes == "['int64', 'int64']" and float(survived) > 0.5  # the model learned from the mapped column
