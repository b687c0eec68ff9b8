"""sklearn-keyword-only-args' table (agent/rules/sklearn_positional.json, written by scripts/sklearn_positional_table.py):
true of the locked scikit-learn, and old positional calls of estimators and functions no hand table named run in a
real kernel with the meaning their old order gave them."""

from __future__ import annotations

import json
import subprocess

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.rules.sklearn_rules import _KEYWORD_ONLY
from mlemodernizer.executor.lockenv import venv_python
from support import code_notebook

SIGNATURES = r"""
import importlib, inspect, json, pkgutil, sys, warnings
import sklearn
warnings.simplefilter("ignore")
wanted, found = set(json.loads(sys.argv[1])), {}
for info in pkgutil.walk_packages(sklearn.__path__, "sklearn."):
    if any(p.startswith("_") or p in ("tests", "externals", "experimental") for p in info.name.split(".")[1:]):
        continue
    try:
        module = importlib.import_module(info.name)
    except Exception:
        continue
    for name in wanted & set(vars(module)):
        obj = getattr(module, name)
        target = obj.__init__ if inspect.isclass(obj) else obj
        params = list(inspect.signature(target).parameters.values())[1 if inspect.isclass(obj) else 0:]
        found[name] = [[p.name, p.kind.name] for p in params]
print(json.dumps(found))
"""


def test_the_table_is_true_of_the_locked_scikit_learn():
    """Each callable still takes exactly the positional arguments the table lets through, by the same names, and
    each name the rule writes after them is a parameter today or one the catalogue records as changed."""
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", SIGNATURES, json.dumps(sorted(_KEYWORD_ONLY))],
                                      capture_output=True, text=True, check=True, timeout=300).stdout)
    assert set(today) == set(_KEYWORD_ONLY), "every name in the table is public in the locked version"
    recorded = {tuple(entry.old.rstrip("=)").split("(")) for entry in entries() if entry.library == "sklearn"
                and entry.old.endswith("=)")}
    for name, (keeps, old) in _KEYWORD_ONLY.items():
        params = [p for p, _ in today[name]]
        positional = [p for p, kind in today[name] if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        assert positional[:keeps] == list(old[:keeps]), name
        assert keeps == len(positional) or positional[keeps] != old[keeps], f"{name} takes more by position"
        assert all(p in params or (name, p) in recorded for p in old[keeps:]), name


def test_positional_calls_mean_what_their_old_order_meant(run_repaired):
    nb = code_notebook(
        "import numpy as np\nfrom sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer\n"
        "from sklearn.linear_model import Lasso, Ridge\nfrom sklearn.model_selection import cross_val_score\n"
        "from sklearn.svm import LinearSVC\nfrom sklearn.preprocessing import OneHotEncoder\n"
        "X = np.arange(40, dtype=float).reshape(20, 2)\ny = X[:, 0] * 2 + 1",
        # 0.18-0.22: (input, encoding, decode_error, strip_accents, lowercase); Lasso (alpha, fit_intercept, normalize)
        "cv = CountVectorizer('content', 'utf-8', 'strict', None, False)\n"
        "tf = TfidfVectorizer('content', 'utf-8', 'strict', None, True)\n"
        "print(cv.fit(['Ab cd', 'ab']).get_feature_names_out().tolist(), tf.fit(['Ab cd']).get_feature_names_out().tolist())\n"
        "print(Lasso(0.1, True, False).fit(X, y).fit_intercept, Ridge(1.0, False).fit(X, y).intercept_)\n"
        "print(len(cross_val_score(Ridge(), X, y, None, 'r2', 4)), LinearSVC('l2', 'hinge', True).loss)",
    )
    out = run_repaired(nb, attempts=4)
    assert out[1] == "['Ab', 'ab', 'cd'] ['ab', 'cd']\nTrue 0.0\n4 hinge\n"


def test_a_parameter_whose_position_changed_is_left_to_the_author():
    """OneHotEncoder's second parameter was categorical_features in 0.18-0.20 and drop in 0.22: no agreed order,
    so no entry; MLPRegressor's first position is loss since 1.7, so even its first argument is named."""
    assert "OneHotEncoder" not in _KEYWORD_ONLY
    assert _KEYWORD_ONLY["MLPRegressor"][0] == 0
