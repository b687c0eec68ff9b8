"""Removals found by reading sklearn's own source at old releases against the locked one (scripts/signature_diff.py).

Three families whose successor computes what the old call did:

* a regressor's ``decision_function`` (and gradient boosting's ``staged_decision_function``), deprecated in 0.17
  and gone in 0.19: for a regressor it was the prediction itself, so it is ``predict`` (``staged_predict``);
* the linear models' own ``transform`` / ``fit_transform`` (LogisticRegression, LinearSVC, the SGD models and
  Perceptron kept the features whose coefficients pass a threshold), removed in 0.19: ``SelectFromModel`` with
  the same default threshold (1e-5 for an L1 penalty, the mean otherwise) and the same importances (the summed
  absolute coefficients) does it; ``fit_transform`` fits the model itself first, as the old one did, so later
  ``predict`` calls on it still work;
* the ``y`` the transformers' ``transform`` / ``inverse_transform`` and the mixtures' ``predict`` accepted and
  ignored (removed 0.21-0.22): it is dropped, by keyword or as the second positional argument. For the scalers
  whose second parameter is now ``copy`` the old call fails inside scikit-learn on the truth value of ``y``.

And Lars/LarsCV(positive=False), the default of a parameter removed in 0.22, is dropped.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    argument,
    bool_value,
    callee_name,
    code_of,
    kwarg,
    positional,
    remove_kwarg,
    rule,
)
from .python3_rules import Importing

# the regressors that had a decision_function (the prediction) until 0.19
_REGRESSORS = frozenset((
    "ARDRegression BayesianRidge ElasticNet ElasticNetCV GradientBoostingRegressor HuberRegressor Lars LarsCV Lasso "
    "LassoCV LassoLars LassoLarsCV LassoLarsIC LinearRegression LinearSVR MultiTaskElasticNet MultiTaskElasticNetCV "
    "MultiTaskLasso MultiTaskLassoCV NuSVR OrthogonalMatchingPursuit OrthogonalMatchingPursuitCV "
    "PassiveAggressiveRegressor Ridge RidgeCV SGDRegressor SVR TheilSenRegressor"
).split())
_DECISION = {"decision_function": "predict", "staged_decision_function": "staged_predict"}


class _OnTheTypeNamed(RuleTransformer):
    """Acts on the failing line when scikit-learn's error names one of ``TYPES`` as the object lacking the name."""

    METADATA_DEPENDENCIES = (PositionProvider,)
    TYPES: frozenset[str] = frozenset()

    def _applies(self, node: cst.CSTNode) -> bool:
        return self.own_error_type in self.TYPES and self.on_own_error_line(node)


@rule(
    "sklearn-regressor-decision-function",
    library="scikit-learn",
    changed_in="scikit-learn 0.19 (deprecated in 0.17)",
    rationale="a regressor's decision_function was its prediction and staged_decision_function its staged "
    "predictions (SVR's as a column); both went in 0.19, and predict / staged_predict give the same values.",
    kind="error",
    needles=("decision_function",),
    signatures=(("AttributeError", r"'(\w+)' object has no attribute '(staged_)?decision_function'"),),
    error_examples=(
        ("AttributeError: 'Lasso' object has no attribute 'decision_function'", 4,
         "from sklearn.linear_model import Lasso\nm = Lasso(alpha=0.1)\nm.fit(X, y)\nd = m.decision_function(X)",
         "from sklearn.linear_model import Lasso\nm = Lasso(alpha=0.1)\nm.fit(X, y)\nd = m.predict(X)"),
        ("AttributeError: 'GradientBoostingRegressor' object has no attribute 'staged_decision_function'", 3,
         "from sklearn.ensemble import GradientBoostingRegressor\ngb = GradientBoostingRegressor()\n"
         "s = [mse(y, p) for p in gb.staged_decision_function(X)]",
         "from sklearn.ensemble import GradientBoostingRegressor\ngb = GradientBoostingRegressor()\n"
         "s = [mse(y, p) for p in gb.staged_predict(X)]"),
        # a classifier's decision_function (its margin) on another line is left alone
        ("AttributeError: 'SVR' object has no attribute 'decision_function'", 2,
         "d = svc.decision_function(X)\nr = svr.decision_function(X)",
         "d = svc.decision_function(X)\nr = svr.predict(X)"),
    ),
)
class RegressorDecisionFunction(_OnTheTypeNamed):
    TYPES = _REGRESSORS

    def leave_Attribute(self, original, updated):
        new = _DECISION.get(updated.attr.value)
        if new is None or not self._applies(original):
            return updated
        return updated.with_changes(attr=cst.Name(new))


# the models that were their own feature selectors (_LearntSelectorMixin) until 0.19
_SELECTORS = frozenset(("LogisticRegression", "LogisticRegressionCV", "LinearSVC", "SGDClassifier", "SGDRegressor",
                        "Perceptron"))


@rule(
    "sklearn-model-as-selector",
    library="scikit-learn",
    changed_in="scikit-learn 0.19 (deprecated in 0.17)",
    rationale="LogisticRegression, LinearSVC, the SGD models and Perceptron had transform(X, threshold=None) "
    "keeping the features whose summed absolute coefficients reach the threshold (1e-5 after an L1 penalty, the "
    "mean otherwise); SelectFromModel(model, prefit=True) has the same default and importances. fit_transform "
    "fitted the model itself, so it becomes the model's fit inside SelectFromModel.",
    kind="error",
    needles=("transform(",),
    signatures=(("AttributeError", r"'(" + "|".join(sorted(_SELECTORS)) + r")' object has no attribute '(fit_)?transform'"),),
    error_examples=(
        ("AttributeError: 'LinearSVC' object has no attribute 'transform'", 3,
         "from sklearn.svm import LinearSVC\nsvc = LinearSVC(C=0.01, penalty='l1', dual=False).fit(X, y)\n"
         "X_new = svc.transform(X)\nX_top = svc.transform(X, 'median')",
         "from sklearn.feature_selection import SelectFromModel\nfrom sklearn.svm import LinearSVC\n"
         "svc = LinearSVC(C=0.01, penalty='l1', dual=False).fit(X, y)\n"
         "X_new = SelectFromModel(svc, prefit=True).transform(X)\nX_top = svc.transform(X, 'median')"),
        ("AttributeError: 'LinearSVC' object has no attribute 'transform'", 1, "X_top = svc.transform(X, 'median')",
         "from sklearn.feature_selection import SelectFromModel\n"
         "X_top = SelectFromModel(svc, threshold='median', prefit=True).transform(X)"),
        ("AttributeError: 'LogisticRegression' object has no attribute 'fit_transform'", 3,
         "from sklearn.linear_model import LogisticRegression\nlr = LogisticRegression(penalty='l1')\n"
         "X_sel = lr.fit_transform(X_train, y_train)",
         "from sklearn.feature_selection import SelectFromModel\nfrom sklearn.linear_model import LogisticRegression\n"
         "lr = LogisticRegression(penalty='l1')\n"
         "X_sel = SelectFromModel(lr.fit(X_train, y_train), prefit=True).transform(X_train)"),
        ("AttributeError: 'LogisticRegressionCV' object has no attribute 'fit_transform'", 1, "Xs = cv.fit_transform(X, y)",
         "from sklearn.feature_selection import SelectFromModel\n"
         "Xs = SelectFromModel(cv.fit(X, y), threshold=(1e-05 if cv.penalty == 'l1' else 'mean'), prefit=True).transform(X)"),
    ),
)
class ModelAsSelector(_OnTheTypeNamed, Importing):
    TYPES = _SELECTORS

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in ("transform", "fit_transform") \
                or any(a.star for a in updated.args) or not self._applies(original):
            return updated
        pos = positional(updated)
        x = argument(updated, "X")
        if x is None:
            return updated
        threshold = None
        if func.attr.value == "transform":
            given = argument(updated, "threshold", 1)
            if len(pos) > 2 or len(updated.args) > 1 + (given is not None):
                return updated
            threshold = given.value if given is not None else None
        if threshold is None and self.own_error_type == "LogisticRegressionCV":
            # 1.9's SelectFromModel cannot read the default off a LogisticRegressionCV fitted without l1_ratios:
            # the old default is written out
            threshold = cst.parse_expression(f"(1e-05 if {code_of(func.value)}.penalty == 'l1' else 'mean')")
        selector = self.need_name("sklearn.feature_selection", "SelectFromModel")
        if func.attr.value == "fit_transform":  # TransformerMixin: fit(X, y, **fit_params).transform(X)
            model = cst.Call(func.with_changes(attr=cst.Name("fit")), updated.args)
        else:
            model = func.value
        select = cst.Call(cst.Name(selector), [cst.Arg(model)])
        if threshold is not None:
            select = add_kwarg(select, "threshold", threshold)
        select = add_kwarg(select, "prefit", "True")
        return cst.Call(cst.Attribute(select, cst.Name("transform")), [cst.Arg(x.value)])


_IGNORED_Y = ("transform", "inverse_transform")
_OWNER = re.compile(r"(\w+)\.\w+\(\)")
# scikit-learn's own messages for the y it no longer takes; the scalers with a copy parameter second fail inside
# scikit-learn on y's truth value (checked against the traceback)
_Y_SIGNATURES = (
    ("TypeError", r"(transform|predict)\(\) got an unexpected keyword argument 'y'"),
    ("TypeError", r"transform\(\) takes 2 positional arguments but 3 were given"),
    ("ValueError", r"The truth value of (an array with more than one element|a Series) is ambiguous"),
)


@rule(
    "sklearn-ignored-y",
    library="scikit-learn",
    changed_in="scikit-learn 0.21-0.22 (deprecated in 0.19)",
    rationale="transformers' transform and inverse_transform (scalers, PCA, KMeans, FunctionTransformer, ...) and "
    "the mixtures' predict took a y they ignored; it is dropped, by keyword or as the second positional "
    "argument (which StandardScaler, Normalizer and Binarizer now read as copy).",
    kind="error",
    pattern=r"transform\(|predict\(",
    gate=lambda ctx, code: "sklearn" in ctx.text,
    signatures=_Y_SIGNATURES,
    examples=(
        ("from sklearn.preprocessing import StandardScaler\nsc = StandardScaler().fit(X)\n"
         "Xt = sc.transform(X_test, y_test)\nXb = pca.inverse_transform(Z, y=None)",
         "from sklearn.preprocessing import StandardScaler\nsc = StandardScaler().fit(X)\n"
         "Xt = sc.transform(X_test)\nXb = pca.inverse_transform(Z)"),
        ("from sklearn.mixture import GaussianMixture\nlabels = gm.predict(X, y=None)",
         "from sklearn.mixture import GaussianMixture\nlabels = gm.predict(X)"),
        ("from sklearn.preprocessing import StandardScaler\nXt = sc.transform(X, copy=False)\n"
         "g = df.groupby('k')['v'].transform(np.mean)",
         "from sklearn.preprocessing import StandardScaler\nXt = sc.transform(X, copy=False)\n"
         "g = df.groupby('k')['v'].transform(np.mean)"),
    ),
)
class IgnoredY(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _here(self, node: cst.CSTNode) -> bool:
        error = self.ctx.error
        if error is None:
            return True
        if not self.on_own_error_line(node):
            return False
        if error.ename != "TypeError":
            return "sklearn" in error.traceback
        owner = _OWNER.match(error.evalue)  # the notebook's own transformer called with one argument too many
        return owner is None or f"class {owner[1]}" not in self.ctx.text

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if not isinstance(updated.func, cst.Attribute) or name not in (*_IGNORED_Y, "predict") \
                or any(a.star for a in updated.args) or not self._here(original):
            return updated
        if kwarg(updated, "y") is not None:
            return remove_kwarg(updated, "y")
        pos = positional(updated)
        if name == "predict" or len(pos) != 2 or len(updated.args) != 2:
            return updated
        return updated.with_changes(args=[updated.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])


# parameters removed where the value given was the default, so dropping them keeps the result
_DEFAULT_VALUED = {"Lars": {"positive": False}, "LarsCV": {"positive": False}}


@rule(
    "sklearn-removed-default-params",
    library="scikit-learn",
    changed_in="scikit-learn 0.22 (deprecated in 0.20)",
    rationale="Lars and LarsCV lost positive= (broken for the LAR method); positive=False, its default, is "
    "dropped. positive=True is left: today's least-angle models cannot give what it did.",
    kind="error",
    pattern=r"positive\s*=",
    signatures=(("TypeError", r"(Lars|LarsCV)\.__init__\(\) got an unexpected keyword argument 'positive'"),),
    examples=(
        ("from sklearn.linear_model import Lars\nm = Lars(n_nonzero_coefs=5, positive=False)\n"
         "k = LarsCV(positive=True)",
         "from sklearn.linear_model import Lars\nm = Lars(n_nonzero_coefs=5)\nk = LarsCV(positive=True)"),
    ),
)
class RemovedDefaultParams(RuleTransformer):
    def leave_Call(self, original, updated):
        table = _DEFAULT_VALUED.get(callee_name(updated) or "")
        for param, default in (table or {}).items():
            arg = kwarg(updated, param)
            if arg is not None and bool_value(arg.value) is default:
                updated = remove_kwarg(updated, param)
        return updated
