"""Rules written from what libraries changed (scikit-learn's 1-D X and train scores, Python 3's
random.sample and division, pandas' removed methods), checked against the real modern stack: the
old code raises, the rule repairs it from that error (or statically), and the repair runs."""

from __future__ import annotations

import pytest
from mlemodernizer.agent.rules import fix_error, fix_static
from mlemodernizer.core import CellError
from support import code_notebook, run_local, stdout

pytest.importorskip("sklearn")
SETUP = ("import random\nimport numpy as np\nimport pandas as pd\n"
         "from sklearn.linear_model import LinearRegression\nfrom sklearn.preprocessing import StandardScaler\n"
         "df = pd.DataFrame({'a': [1, 1, 2, 2], 'Age': [22.0, 38.0, 26.0, 35.0], 'Fare': [7.0, 71.0, 8.0, 53.0]})\n")

RAISES_TODAY = {
    # rule -> old code whose first failing line the rule repairs (with what the same cell does after it)
    "sklearn-1d-input": "sc = StandardScaler()\np = sc.fit(df['Age'])\ndf['s'] = sc.fit_transform(df['Age'], p)\n"
                        "assert df['s'].shape == (4,) and abs(df['s'].mean()) < 1e-9",
    "sklearn-1d-input-row": "lr = LinearRegression().fit(df[['Age', 'Fare']], df['a'])\np = lr.predict(df[['Age', 'Fare']].iloc[0])\n"
                            "assert p.shape == (1,)",
    "sklearn-1d-input-one-sample": "lr = LinearRegression().fit(np.eye(3), [1, 2, 3])\n"
                                   "p = lr.predict(np.reshape(np.ones(3), (-1, 1)))\nassert p.shape == (1,)",
    "python-random-sample-population": "random.seed(1)\nrows = random.sample(df.index, 2)\nassert len(df.loc[rows]) == 2",
    "python2-int-division": "n = len(df)\nmid = df['Age'].to_numpy()[n / 2]\nassert mid == 26.0",
    "pandas-removed-reductions": "s = df['Age']\nm = s.mad()\nassert abs(m - 6.25) < 1e-9",
    "pandas-agg-dict-renamer": "t = df.groupby('a')['Fare'].agg({'total': 'sum', 'top': 'max'})\n"
                               "assert list(t.columns) == ['total', 'top'] and t.loc[1, 'total'] == 78.0",
    "pandas-groupby-tuple-keys": "n = df.groupby(('a', 'Age')).size()\nassert len(n) == 4",
    "sklearn-logreg-l1-solver": "from sklearn.linear_model import LogisticRegression\nm = LogisticRegression(penalty='l1')\n"
                                "m.fit(df[['Age', 'Fare']], df['a'])",
    "python2-str-decode": "t = df['Age'].astype(str).apply(lambda s: s.decode('utf-8').upper())\nassert t[0] == '22.0'",
    "pandas-removed-reductions-fillna": "df.loc[0, 'Age'] = np.nan\nf = df.groupby('a')[['Age']].fillna(0)\n"
                                        "assert f['Age'].tolist() == [0.0, 38.0, 26.0, 35.0]",
}


@pytest.mark.parametrize("case", sorted(RAISES_TODAY))
def test_old_code_is_repaired_from_its_own_error(notebook, case):
    source = RAISES_TODAY[case]
    with pytest.raises(Exception) as raised:
        exec(SETUP + source, {})  # noqa: S102 - the real error of the real, modern stack
    frame = next(t for t in reversed(raised.traceback) if str(t.path) == "<string>")
    err = CellError(ename=raised.type.__name__, evalue=str(raised.value), traceback="",
                    line=frame.lineno + 1 - SETUP.count("\n"))
    edits = fix_error(notebook(SETUP, source), 1, err, [])
    rule_id = case.removesuffix("-row").removesuffix("-fillna")
    assert [e.origin for e in edits] == [f"rule:{rule_id}"], (err, edits)
    exec(SETUP + edits[0].new, {})  # noqa: S102 - and the repair runs


def test_train_scores_read_through_a_built_key_ask_the_search_in_an_earlier_cell(notebook, apply):
    cells = ("from sklearn.model_selection import GridSearchCV\nfrom sklearn.linear_model import Ridge\n"
             "X, y = np.random.RandomState(0).rand(20, 3), np.arange(20.0)\n"
             "gs = GridSearchCV(Ridge(), {'alpha': [0.1, 1.0]}, cv=3).fit(X, y)",
             "res = {s: gs.cv_results_['mean_%s_score' % s] for s in ('train', 'test')}")
    nb = notebook("import numpy as np", *cells)
    scope: dict = {}
    exec(nb.sources()[0] + "\n" + cells[0], scope)  # noqa: S102
    with pytest.raises(KeyError) as raised:
        exec(cells[1], scope)  # noqa: S102
    err = CellError(ename="KeyError", evalue=str(raised.value), traceback="", line=1)
    edits = fix_error(nb, 2, err, [])
    assert [(e.cell, e.origin) for e in edits] == [(1, "rule:sklearn-return-train-score-keyerror")]
    fixed = apply(nb, edits).sources()
    scope = {}
    exec("\n".join(fixed), scope)  # noqa: S102
    assert scope["res"]["train"].shape == (2,)


def test_a_python2_division_in_an_earlier_cell_becomes_floor_division(notebook, apply):
    nb = notebook("x = list(range(10))\nhalf = len(x) / 2", "first = x[:half]\nprint(first)")
    with pytest.raises(TypeError) as raised:
        exec("\n".join(nb.sources()), {})  # noqa: S102
    err = CellError(ename="TypeError", evalue=str(raised.value), traceback="", line=1)
    edits = fix_error(nb, 1, err, [])
    assert [(e.cell, e.origin, e.new) for e in edits] == [
        (0, "rule:python2-int-division-earlier-cell", "x = list(range(10))\nhalf = len(x) // 2")]
    scope: dict = {}
    exec("\n".join(apply(nb, edits).sources()), scope)  # noqa: S102
    assert scope["first"] == [0, 1, 2, 3, 4]
    # a division on the failing line itself is python2-int-division's
    nb = notebook("n = 10", "half = n / 2\nfirst = list(range(n))[:half]")
    err = CellError(ename="TypeError", evalue=str(raised.value), traceback="", line=2)
    assert [e.origin for e in fix_error(nb, 1, err, [])] == ["rule:python2-int-division"]


def test_liblinear_meeting_three_classes_fits_one_vs_rest_as_it_did(notebook, apply):
    cells = ("from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression(penalty='l1', solver='liblinear')",
             "X, y = np.random.RandomState(0).rand(30, 2), np.arange(30) % 3\nclf.fit(X, y)\nprint(clf.predict(X[:2]))")
    nb = notebook("import numpy as np", *cells)
    scope: dict = {}
    with pytest.raises(ValueError) as raised:
        exec("\n".join(nb.sources()), scope)  # noqa: S102
    err = CellError(ename="ValueError", evalue=str(raised.value), traceback="", line=2)
    edits = fix_error(nb, 2, err, [])
    assert [(e.cell, e.origin) for e in edits] == [(1, "rule:sklearn-liblinear-one-vs-rest")]
    assert "clf = OneVsRestClassifier(LogisticRegression(penalty='l1', solver='liblinear'))" in edits[0].new
    exec("\n".join(apply(nb, edits).sources()), {})  # noqa: S102


STATIC = {
    # old code (after SETUP) that raises today; the static pass makes it run, and the check holds
    "grid-scores": ("from sklearn.model_selection import GridSearchCV\nfrom sklearn.linear_model import Ridge\n"
                    "gs = GridSearchCV(Ridge(), {'alpha': [0.1, 1.0]}, cv=2).fit(df[['Age']], df['Fare'])\n"
                    "best = max(gs.grid_scores_, key=lambda t: t.mean_validation_score)\n"
                    "for params, mean, scores in gs.grid_scores_:\n    assert len(scores) == 2 and scores.std() >= 0",
                    lambda ns: ns["best"][0] == ns["gs"].best_params_),
    "train-score": ("from sklearn.model_selection import cross_validate\n"
                    "r = cross_validate(LinearRegression(), df[['Age']], df['Fare'], cv=2)\nt = r['train_score'].mean()",
                    lambda ns: ns["t"] <= 1.0),
    "fit-params": ("from sklearn.model_selection import GridSearchCV\nw = {'sample_weight': np.ones(4)}\n"
                   "gs = GridSearchCV(LinearRegression(), {'fit_intercept': [True, False]}, cv=2, fit_params=w)\n"
                   "gs.fit(df[['Age']], df['Fare'])", lambda ns: ns["gs"].best_params_ is not None),
    # fitted through a dict of models: no name leads to the fit, so each fit of the search is given them
    "fit-params-held": ("from sklearn.model_selection import GridSearchCV\nw = {'sample_weight': np.ones(4)}\n"
                        "models = {'gs': GridSearchCV(LinearRegression(), {'fit_intercept': [True, False]}, cv=2, "
                        "fit_params=w)}\nfor name, model in models.items():\n    model.fit(df[['Age']], df['Fare'])",
                        lambda ns: ns["models"]["gs"].best_params_ is not None),
    "svm-calibration": ("from sklearn.svm import LinearSVC\nfrom sklearn.calibration import calibration_curve\n"
                        "m = LinearSVC(loss='l2').fit(df[['Age', 'Fare']], df['a'])\nd = m.decision_function(df[['Age', 'Fare']])\n"
                        "frac, mean = calibration_curve(df['a'] - 1, d, normalize=True, n_bins=2)",
                        lambda ns: 0.0 <= ns["mean"].min() and ns["mean"].max() <= 1.0),
    "python2-idioms": ("import sys\nreload(sys)\nsys.setdefaultencoding('utf8')\n"
                       "order = sorted([3, 1, 2], cmp=lambda a, b: b - a)\nwords = ['bb', 'a']\nwords.sort(lambda a, b: len(a) - len(b))",
                       lambda ns: ns["order"] == [3, 2, 1] and ns["words"] == ["a", "bb"]),
    "scorers": ("from sklearn.metrics import SCORERS\nnames = sorted(SCORERS.keys())\nacc = SCORERS['accuracy']",
                lambda ns: "accuracy" in ns["names"] and callable(ns["acc"])),
    "linear-assignment": ("from sklearn.utils.linear_assignment_ import linear_assignment\n"
                          "pairs = linear_assignment(np.array([[4, 1], [2, 8]]))",
                          lambda ns: ns["pairs"].tolist() == [[0, 1], [1, 0]]),
    "prefit": ("from sklearn.calibration import CalibratedClassifierCV\nfrom sklearn.linear_model import LogisticRegression\n"
               "X, y = np.random.RandomState(0).rand(40, 2), np.arange(40) % 2\nm = LogisticRegression().fit(X, y)\n"
               "cal = CalibratedClassifierCV(m, cv='prefit').fit(X, y)", lambda ns: ns["cal"].predict_proba(ns["X"]).shape == (40, 2)),
    "call-shapes": ("import io\nraw = pd.read_csv(io.StringIO('1,2\\n3,4'), header=None, prefix='X')\n"
                    "ts = pd.Series([1.0, 2.0], index=pd.date_range('2020-01-01', periods=2, freq='D'))\n"
                    "moved = ts.tshift(1)\nat = ts.index.get_loc(pd.Timestamp('2020-01-01 20:00'), method='nearest')\n"
                    "late = ts.resample('D', loffset='12h').sum()\nroll = ts.rolling(1, freq='D').sum()\n"
                    "one = pd.Series.from_csv(io.StringIO('2020-01-01,1\\n2020-01-02,2'))",
                    lambda ns: list(ns["raw"].columns) == ["X0", "X1"] and str(ns["moved"].index[0].date()) == "2020-01-02"
                    and ns["at"] == 1 and ns["late"].index[0].hour == 12 and ns["roll"].tolist() == [1.0, 2.0]
                    and ns["one"].tolist() == [1, 2] and ns["one"].name is None and ns["one"].index.year[0] == 2020),
    "stdlib": ("import string, json, os, fractions\nfrom html.parser import HTMLParser\nimport xml.etree.ElementTree as ET\n"
               "root = ET.fromstring('<a><b/><c/></a>')\nkids = root.getchildren()\ntext = HTMLParser().unescape('&amp;')\n"
               "d = json.loads('{}', encoding='utf-8')\nw = string.join(string.split(string.upper('x y')), '-')\n"
               "g = fractions.gcd(4, 6)\ne = os.errno.ENOENT\nimport urllib\nq = urllib.urlencode({'a': 1})",
               lambda ns: len(ns["kids"]) == 2 and ns["text"] == "&" and ns["w"] == "X-Y" and ns["g"] == 2 and ns["q"] == "a=1"),
}


@pytest.mark.parametrize("case", sorted(STATIC))
def test_static_rewrites_run(notebook, case):
    source, check = STATIC[case]
    with pytest.raises(Exception):  # noqa: B017 - whichever the stack raises today
        exec(SETUP + source, {})  # noqa: S102
    nb = notebook(SETUP, source)
    new = {e.cell: e.new for e in fix_static(nb)}.get(1, source)
    scope: dict = {}
    exec(SETUP + new, scope)  # noqa: S102
    assert check(scope), new


OLD_NOTEBOOK = code_notebook(
    "import random\nimport numpy as np\nimport pandas as pd\nfrom sklearn import preprocessing\n"
    "df = pd.DataFrame({'Sex': ['m', 'f', 'm', 'f'], 'Survived': [0, 1, 0, 1], 'Age': [22.0, 38.0, 26.0, 35.0]})",
    "scaler = preprocessing.StandardScaler()\nage_param = scaler.fit(df['Age'])\n"
    "df['Age_scaled'] = scaler.fit_transform(df['Age'], age_param)\nprint(round(df['Age_scaled'].abs().sum(), 3))",
    "random.seed(100)\nrows = random.sample(df.index, len(df) / 2)\nprint(len(rows))",
    "print(df.groupby(('Survived', 'Sex')).size().to_dict())",
)


def test_an_old_notebook_runs_after_the_rules_in_a_real_kernel(tmp_path, apply):
    nb, rules = OLD_NOTEBOOK, []
    for attempt in range(8):
        result = run_local(nb, tmp_path / str(attempt))
        if result.status == "ok":
            break
        bad = result.first_failure
        edits = fix_static(nb) if attempt == 0 else fix_error(nb, bad.index, bad.error, [])
        assert edits, result.summary()
        rules += [r for e in edits for r in e.rule_ids]
        nb = apply(nb, edits)
    assert result.status == "ok", result.summary()
    assert {"sklearn-1d-input", "python-random-sample-population", "python2-int-division",
            "pandas-groupby-tuple-keys"} <= set(rules)
    assert stdout(result.cells[1]) == "3.849\n"
    assert stdout(result.cells[2]) == "2\n"
    assert stdout(result.cells[3]) == "{(0, 'm'): 2, (1, 'f'): 2}\n"


def test_only_the_call_the_traceback_names_gets_its_input_reshaped(tmp_path, apply):
    # the predictions (1-D) refused by the scaler's inverse_transform; the 2-D rows given to predict stand
    nb = code_notebook(
        "import numpy as np\nfrom sklearn.neighbors import KNeighborsRegressor\n"
        "from sklearn.preprocessing import StandardScaler\nX = np.arange(30.0).reshape(10, 3)\ny = np.arange(10.0)\n"
        "sc_y = StandardScaler().fit(y.reshape(-1, 1))\nknn = KNeighborsRegressor(n_neighbors=1).fit(X, sc_y.transform("
        "y.reshape(-1, 1)).ravel())",
        "back = sc_y.inverse_transform(knn.predict(X))\nprint(np.allclose(back.ravel(), y))")
    before = run_local(nb, tmp_path / "before")
    bad = before.first_failure
    assert bad is not None and bad.index == 1 and "Expected 2D array" in bad.error.evalue, before.summary()
    edits = fix_error(nb, bad.index, bad.error, [])
    assert [e.new for e in edits] == [
        "back = sc_y.inverse_transform(np.reshape(knn.predict(X), (-1, 1))).ravel()\n"
        "print(np.allclose(back.ravel(), y))"]
    after = run_local(apply(nb, edits), tmp_path / "after")
    assert after.status == "ok" and stdout(after.cells[1]) == "True\n", after.summary()
