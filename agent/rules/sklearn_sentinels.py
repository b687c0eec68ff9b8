"""scikit-learn's deprecation sentinels, written back by notebooks that pasted an estimator's printed form.

While a default was changing, scikit-learn gave the parameter a placeholder value that behaved as the old
default and warned: 0.20 and 0.21 printed ``LogisticRegression(..., solver='warn', multi_class='warn')``,
``RandomForestClassifier(..., n_estimators='warn')``, ``SVC(..., gamma='auto_deprecated')``, ``GridSearchCV(cv='warn',
error_score='raise-deprecating', return_train_score='warn')``; 0.17 and 0.18 printed ``SVC(...,
decision_function_shape=None)`` and 0.19-0.20 ``SGDClassifier(..., max_iter=None, n_iter=None, tol=None)``.
Until 0.23 an estimator printed every parameter, and notebooks copied that text into a cell to build the model
again. The placeholders went with the deprecation, and today's validation refuses them. Each becomes the value
it stood for.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, callee_name, code_of, kwarg, remove_kwarg, rule, set_kwarg_value, string_value

_FORESTS = ("RandomForestClassifier", "RandomForestRegressor", "ExtraTreesClassifier", "ExtraTreesRegressor",
            "RandomTreesEmbedding")
_SVMS = ("SVC", "NuSVC", "SVR", "NuSVR", "OneClassSVM")
_VALIDATORS = ("GridSearchCV", "RandomizedSearchCV", "cross_val_score", "cross_validate", "cross_val_predict",
               "learning_curve", "validation_curve", "permutation_test_score", "RFECV", "CalibratedClassifierCV")
_SPLITTERS = ("KFold", "StratifiedKFold", "GroupKFold", "TimeSeriesSplit")
_SGD = ("SGDClassifier", "SGDRegressor", "Perceptron", "PassiveAggressiveClassifier", "PassiveAggressiveRegressor")

# (parameter, placeholder as written) -> (the callables that had it, the value it stood for)
_STOOD_FOR: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("solver", "'warn'"): (("LogisticRegression",), "'liblinear'"),  # 0.20-0.21: liblinear, one-vs-rest
    ("n_estimators", "'warn'"): (_FORESTS, "10"),  # 0.20-0.21: 10 trees
    ("gamma", "'auto_deprecated'"): (_SVMS, "'auto'"),  # 0.20-0.21: 1 / n_features
    ("cv", "'warn'"): (_VALIDATORS, "3"),  # 0.20-0.21: 3 folds
    ("n_splits", "'warn'"): (_SPLITTERS, "3"),
    ("error_score", "'raise-deprecating'"): (_VALIDATORS, "'raise'"),  # 0.20-0.21: raised after a FutureWarning
    ("return_train_score", "'warn'"): (("GridSearchCV", "RandomizedSearchCV"), "True"),  # 0.19-0.20: computed
    ("decision_function_shape", "None"): (("SVC", "NuSVC"), "'ovo'"),  # to 0.18: libsvm's one-vs-one columns
    ("max_iter", "None"): (_SGD, "5"),  # 0.19-0.20: 5 epochs when tol was None too (1000 with a tol: below)
}


def _written(arg: cst.Arg) -> str:
    """What an argument gives, as the table writes it: "None", a string quoted ("'warn'" for "warn"), or ""."""
    if m.matches(arg.value, m.Name("None")):
        return "None"
    text = string_value(arg.value)
    return repr(text) if text is not None else ""


@rule(
    "sklearn-deprecation-sentinels",
    library="scikit-learn",
    changed_in="scikit-learn 0.19-0.22 (placeholders removed with their deprecations)",
    rationale="an estimator's printed form from 0.17-0.22, pasted into a cell, gives the placeholders scikit-learn "
    "used while a default changed (solver='warn', n_estimators='warn', gamma='auto_deprecated', cv='warn', "
    "error_score='raise-deprecating', decision_function_shape=None, max_iter=None), which today's validation "
    "refuses; each becomes the value it stood for then (liblinear, 10 trees, 1/n_features, 3 folds, raise, "
    "one-vs-one, 5 epochs without a tol, 1000 with one).",
    needles=("'warn'", '"warn"', "auto_deprecated", "raise-deprecating", "decision_function_shape", "max_iter"),
    pattern=r"""=\s*['"](warn|auto_deprecated|raise-deprecating)['"]|(decision_function_shape|max_iter)\s*=\s*None""",
    signatures=(("InvalidParameterError", r"parameter of \w+ must be"),
                ("ValueError", r"The number of folds must be of Integral type|Expected cv as an integer")),
    examples=(
        ("lr = LogisticRegression(C=1.0, multi_class='warn', n_jobs=None, penalty='l2', solver='warn')",
         "lr = LogisticRegression(C=1.0, multi_class='warn', n_jobs=None, penalty='l2', solver='liblinear')"),
        ("rf = RandomForestClassifier(max_depth=None, n_estimators='warn', n_jobs=None)",
         "rf = RandomForestClassifier(max_depth=None, n_estimators=10, n_jobs=None)"),
        ("svc = SVC(C=1.0, decision_function_shape=None, gamma='auto_deprecated', kernel='rbf')",
         "svc = SVC(C=1.0, decision_function_shape='ovo', gamma='auto', kernel='rbf')"),
        ("g = GridSearchCV(cv='warn', error_score='raise-deprecating', estimator=rf, param_grid=grid,\n"
         "                 return_train_score='warn')\ns = cross_val_score(rf, X, y, cv='warn')",
         "g = GridSearchCV(cv=3, error_score='raise', estimator=rf, param_grid=grid,\n"
         "                 return_train_score=True)\ns = cross_val_score(rf, X, y, cv=3)"),
        ("sgd = SGDClassifier(loss='hinge', max_iter=None, n_iter=None, tol=None)\n"
         "reg = SGDRegressor(max_iter=None, tol=1e-3)",
         "sgd = SGDClassifier(loss='hinge', max_iter=5, tol=None)\nreg = SGDRegressor(max_iter=1000, tol=1e-3)"),
        # another library's 'warn', and a None that means what it says today
        ("w = Widget(mode='warn')\nsvr = SVR(gamma='scale')\nlr = LogisticRegression(solver=None)",
         "w = Widget(mode='warn')\nsvr = SVR(gamma='scale')\nlr = LogisticRegression(solver=None)"),
    ),
)
class DeprecationSentinels(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        call = updated
        if name in _SGD and _given_none(call, "max_iter") and _given_none(call, "n_iter"):
            call = remove_kwarg(call, "n_iter")  # with max_iter: the 5 epochs below
        for arg in call.args:
            owners, value = _STOOD_FOR.get((arg.keyword.value, _written(arg)), ((), "")) if arg.keyword else ((), "")
            if name not in owners:
                continue
            if arg.keyword.value == "max_iter" and kwarg(call, "tol") is not None and not _given_none(call, "tol"):
                value = "1000"
            call = set_kwarg_value(call, arg.keyword.value, value)
        return call


def _given_none(call: cst.Call, name: str) -> bool:
    arg = kwarg(call, name)
    return arg is not None and code_of(arg.value) == "None"
