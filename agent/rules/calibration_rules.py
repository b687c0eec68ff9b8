"""Score calibration: defaults that changed after the notebook was written, pinned back.

A notebook that runs clean can still score differently because an estimator's
default changed under it. When the written date is known and predates the
change, the old value is written out explicitly. Only arguments the author did
not set are touched.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import RuleTransformer, add_kwarg, callee_name, kwarg, positional, rule, string_value

# (constructor names, parameter, old value, month of the release that changed it, max positional args)
_SKLEARN_022 = "2019-12"  # scikit-learn 0.22
_CV_USERS = {
    "cross_val_score": 6,
    "cross_val_predict": 6,
    "cross_validate": 6,
    "GridSearchCV": 6,
    "RandomizedSearchCV": 7,
    "learning_curve": 5,
    "validation_curve": 7,
    "RFECV": 3,
    "LassoCV": 99,
    "ElasticNetCV": 99,
    "LogisticRegressionCV": 1,
}


def pin_missing(call, name: str, value: str, max_positional: int):
    """``call`` with ``name=value`` added, unless the notebook already sets it: by keyword,
    by position (more than ``max_positional`` positional arguments) or through ``*args``/``**kwargs``."""
    if kwarg(call, name) is not None or len(positional(call)) > max_positional or any(a.star for a in call.args):
        return call
    return add_kwarg(call, name, value)

@rule(
    "sklearn-default-n-estimators",
    library="scikit-learn",
    changed_in="scikit-learn 0.22",
    rationale="RandomForest and ExtraTrees default n_estimators changed from 10 to 100; the old value is pinned.",
    kind="calibration",
    needles=("Forest", "ExtraTrees"),
    examples=(
        ("m = RandomForestClassifier(random_state=0)", "m = RandomForestClassifier(random_state=0, n_estimators=10)"),
    ),
)
class ForestEstimators(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if re.fullmatch(r"(RandomForest|ExtraTrees)(Classifier|Regressor)", name) and self.ctx.written_before(
            _SKLEARN_022
        ):
            return pin_missing(updated, "n_estimators", "10", max_positional=0)
        return updated


@rule(
    "sklearn-default-svc-gamma",
    library="scikit-learn",
    changed_in="scikit-learn 0.22",
    rationale="SVC/SVR default gamma changed from 'auto' (1/n_features) to 'scale'; the old value is pinned.",
    kind="calibration",
    needles=("SVC", "SVR"),
    examples=(("m = SVC(C=1.0)", "m = SVC(C=1.0, gamma='auto')"),),
)
class SvcGamma(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name in ("SVC", "SVR", "NuSVC", "NuSVR", "OneClassSVM") and self.ctx.written_before(_SKLEARN_022):
            kernel = string_value(getattr(kwarg(updated, "kernel"), "value", None))
            if kernel != "linear":
                return pin_missing(updated, "gamma", "'auto'", max_positional=2)
        return updated


@rule(
    "sklearn-default-logreg-solver",
    library="scikit-learn",
    changed_in="scikit-learn 0.22",
    rationale="LogisticRegression's default solver changed from liblinear to lbfgs; liblinear is pinned "
    "(it fits one-vs-rest, so it is only pinned where the notebook's target is binary).",
    kind="calibration",
    needles=("LogisticRegression(",),
    examples=(
        ("import pandas\nm = LogisticRegression()", "import pandas\nm = LogisticRegression(solver='liblinear')"),
    ),
)
class LogregSolver(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) != "LogisticRegression" or not self.ctx.written_before(_SKLEARN_022):
            return updated
        # liblinear refuses 3+ classes today: only pin it when no multiclass hint is present.
        if re.search(r"multi_class|multinomial|n_classes|softmax|species|author", self.ctx.text, re.IGNORECASE):
            return updated
        return pin_missing(updated, "solver", "'liblinear'", max_positional=0)


@rule(
    "sklearn-default-cv-folds",
    library="scikit-learn",
    changed_in="scikit-learn 0.22",
    rationale="the default number of cross-validation folds changed from 3 to 5; cv=3 is pinned.",
    kind="calibration",
    needles=("cross_val", "SearchCV", "_curve", "RFECV", "LassoCV", "ElasticNetCV", "LogisticRegressionCV"),
    examples=(("s = cross_val_score(m, X, y)", "s = cross_val_score(m, X, y, cv=3)"),),
)
class CvFolds(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name in _CV_USERS and self.ctx.written_before(_SKLEARN_022):
            return pin_missing(updated, "cv", "3", max_positional=_CV_USERS[name] - 1)
        return updated


@rule(
    "sklearn-default-kmeans-n-init",
    library="scikit-learn",
    changed_in="scikit-learn 1.4",
    rationale="KMeans default n_init changed from 10 to 'auto' (1 run with k-means++); n_init=10 is pinned.",
    kind="calibration",
    needles=("KMeans(",),
    examples=(("k = KMeans(n_clusters=3)", "k = KMeans(n_clusters=3, n_init=10)"),),
)
class KmeansInit(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) in ("KMeans", "MiniBatchKMeans") and self.ctx.written_before("2024-01"):
            return pin_missing(updated, "n_init", "10" if callee_name(updated) == "KMeans" else "3", max_positional=2)
        return updated


@rule(
    "xgboost-default-params",
    library="xgboost",
    changed_in="xgboost 1.0/2.0",
    rationale="the scikit-learn wrapper's defaults max_depth=3 and learning_rate=0.1 became the native 6 and 0.3 "
    "(xgboost 1.0), and tree_method became 'hist' (xgboost 2.0); the old values are pinned.",
    kind="calibration",
    needles=("XGB",),
    examples=(
        (
            "m = XGBClassifier(n_estimators=50)",
            "m = XGBClassifier(n_estimators=50, max_depth=3, learning_rate=0.1, tree_method='exact')",
        ),
    ),
)
class XgboostDefaults(RuleTransformer):
    def leave_Call(self, original, updated):
        if (
            callee_name(updated) not in ("XGBClassifier", "XGBRegressor")
            or any(a.star for a in updated.args)
            or positional(updated)
        ):
            return updated
        if self.ctx.written_before("2020-02"):
            for name, value in (("max_depth", "3"), ("learning_rate", "0.1")):
                if kwarg(updated, name) is None and not (name == "learning_rate" and kwarg(updated, "eta") is not None):
                    updated = add_kwarg(updated, name, value)
        if self.ctx.written_before("2023-09") and kwarg(updated, "tree_method") is None:
            updated = add_kwarg(updated, "tree_method", "'exact'")
        return updated


_REGEX_CHARS = re.compile(r"[.^$*+?()\[\]{}|\\]")


@rule(
    "pandas-default-str-replace-regex",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="Series.str.replace stopped treating the pattern as a regular expression by default; regex=True "
    "is pinned where the pattern has regex characters.",
    kind="calibration",
    needles=("str.replace(",),
    examples=(("t = s.str.replace('.', '')", "t = s.str.replace('.', '', regex=True)"),),
)
class StrReplaceRegex(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "replace"
            and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "str"
        ):
            return updated
        pos = positional(updated)
        pattern = string_value(pos[0].value) if pos else None
        if (
            self.ctx.written_before("2023-04")
            and kwarg(updated, "regex") is None
            and pattern
            and _REGEX_CHARS.search(pattern)
            and len(pos) <= 2
        ):
            return add_kwarg(updated, "regex", "True")
        return updated
