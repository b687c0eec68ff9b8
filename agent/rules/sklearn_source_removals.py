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

And the discriminant analyses' fit-time settings (store_covariance(s)=, tol=, moved to the constructor in 0.17 and
gone from fit in 0.19) are set on the estimator before fitting, as the old fit did; Lars/LarsCV(positive=False),
the default of a parameter removed in 0.22, is dropped, and NMF(solver='pg') (removed in 0.19) is 'cd', the
default since 0.17.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    arg_list,
    argument,
    callee_name,
    code_of,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rule,
    set_kwarg_value,
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


# parameters removed where the value given was the default, so dropping them keeps the result (None), and values
# removed whose successor is the default that replaced them: class -> parameter -> (old value's code, new or None)
_DEFAULT_VALUED = {"Lars": {"positive": ("False", None)}, "LarsCV": {"positive": ("False", None)},
                   "NMF": {"solver": ("'pg'", "'cd'")}}


@rule(
    "sklearn-removed-default-params",
    library="scikit-learn",
    changed_in="scikit-learn 0.19-0.22",
    rationale="Lars and LarsCV lost positive= in 0.22 (broken for the LAR method); positive=False, its default, is "
    "dropped. positive=True is left: today's least-angle models cannot give what it did. NMF's projected-gradient "
    "solver ('pg', deprecated in 0.17) went in 0.19; coordinate descent ('cd'), the default since 0.17, minimises "
    "the same objective. Both always fail today, so the static pass rewrites them too.",
    pattern=r"positive\s*=|solver\s*=\s*['\"]pg['\"]",
    signatures=(("TypeError", r"(Lars|LarsCV)\.__init__\(\) got an unexpected keyword argument 'positive'"),
                ("InvalidParameterError", r"The 'solver' parameter of NMF must be")),
    examples=(
        ("from sklearn.linear_model import Lars\nm = Lars(n_nonzero_coefs=5, positive=False)\n"
         "k = LarsCV(positive=True)",
         "from sklearn.linear_model import Lars\nm = Lars(n_nonzero_coefs=5)\nk = LarsCV(positive=True)"),
        ("from sklearn.decomposition import NMF\nnmf = NMF(n_components=5, solver='pg', max_iter=400)\n"
         "m = NMF(2, solver='mu')",
         "from sklearn.decomposition import NMF\nnmf = NMF(n_components=5, solver='cd', max_iter=400)\n"
         "m = NMF(2, solver='mu')"),
    ),
)
class RemovedDefaultParams(RuleTransformer):
    def leave_Call(self, original, updated):
        table = _DEFAULT_VALUED.get(callee_name(updated) or "")
        for param, (old, new) in (table or {}).items():
            arg = kwarg(updated, param)
            if arg is None or code_of(arg.value).replace('"', "'") != old:
                continue
            updated = remove_kwarg(updated, param) if new is None else set_kwarg_value(updated, param, new)
        return updated


# the discriminant analyses' fit(X, y, store_covariance(s)=None, tol=None) (0.17-0.18): fit set each given value
# on the estimator; QuadraticDiscriminantAnalysis's store_covariances is store_covariance since 0.19
_FIT_MOVED = {"LinearDiscriminantAnalysis": ("store_covariance", "tol"),
              "QuadraticDiscriminantAnalysis": ("store_covariances", "tol")}
_NOW = {"store_covariances": "store_covariance"}


def _falsy(node: cst.BaseExpression) -> bool:
    """None, False, 0 written out: the old fit left the estimator's own setting (``if tol: self.tol = tol``)."""
    return m.matches(node, m.Name("None") | m.Name("False") | m.Integer("0") | m.Float("0.0"))


@rule(
    "sklearn-fit-params-to-constructor",
    library="scikit-learn",
    changed_in="scikit-learn 0.19 (deprecated in 0.17)",
    rationale="LinearDiscriminantAnalysis.fit(X, y, store_covariance=, tol=) and QuadraticDiscriminantAnalysis"
    ".fit(X, y, store_covariances=, tol=) set those values on the estimator, then fitted; they are the "
    "constructor's parameters now (QDA's as store_covariance), so each truthy one is set with set_params before "
    "fit (or given to the constructor the line calls), and None/False/0, which the old fit ignored, are dropped. "
    "The positional forms (third and fourth arguments) too.",
    kind="error",
    signatures=(
        ("TypeError", r"(Linear|Quadratic)DiscriminantAnalysis\.fit\(\) got an unexpected keyword argument "
         r"'(store_covariances?|tol)'"),
        ("TypeError", r"(Linear|Quadratic)DiscriminantAnalysis\.fit\(\) takes 3 positional arguments but [45] were"),
    ),
    error_examples=(
        ("TypeError: LinearDiscriminantAnalysis.fit() got an unexpected keyword argument 'store_covariance'", 3,
         "from sklearn.discriminant_analysis import LinearDiscriminantAnalysis\nlda = LinearDiscriminantAnalysis()\n"
         "lda.fit(X, y, store_covariance=True, tol=1e-3)",
         "from sklearn.discriminant_analysis import LinearDiscriminantAnalysis\nlda = LinearDiscriminantAnalysis()\n"
         "lda.set_params(store_covariance=True, tol=1e-3).fit(X, y)"),
        ("TypeError: QuadraticDiscriminantAnalysis.fit() got an unexpected keyword argument 'store_covariances'", 1,
         "qda = QuadraticDiscriminantAnalysis(reg_param=0.1).fit(X, y, store_covariances=True, tol=None)",
         "qda = QuadraticDiscriminantAnalysis(reg_param=0.1, store_covariance=True).fit(X, y)"),
        ("TypeError: QuadraticDiscriminantAnalysis.fit() takes 3 positional arguments but 4 were given", 1,
         "models['qda'].fit(X_train, y_train, keep)\nlr.fit(X_train, y_train, w)",
         "models['qda'].set_params(store_covariance=keep).fit(X_train, y_train)\nlr.fit(X_train, y_train, w)"),
    ),
)
class FitParamsToConstructor(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        found = re.match(r"(\w+)\.fit\(\)", ctx.error.evalue) if ctx.error is not None else None
        self.moved = _FIT_MOVED.get(found[1]) if found else None

    def leave_Call(self, original, updated):
        func = updated.func
        if self.moved is None or not isinstance(func, cst.Attribute) or func.attr.value != "fit" \
                or any(a.star for a in updated.args) or not self.on_own_error_line(original):
            return updated
        pos = positional(updated)
        given = [(name, arg) for name, arg in zip(self.moved, pos[2:])]
        given += [(a.keyword.value, a) for a in updated.args if a.keyword and a.keyword.value in (*self.moved,
                                                                                               "store_covariance")]
        if not given or len(pos) > 4:
            return updated
        kept = [a for a in updated.args if all(a is not arg for _, arg in given)]
        fit = updated.with_changes(args=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        settings = [(_NOW.get(name, name), arg.value) for name, arg in given if not _falsy(arg.value)]
        if not settings:
            return fit
        owner = func.value
        if isinstance(owner, cst.Call) and callee_name(owner) in _FIT_MOVED:  # the estimator built on this line
            for name, value in settings:
                owner = set_kwarg_value(owner, name, value) if kwarg(owner, name) else add_kwarg(owner, name, value)
            return fit.with_changes(func=func.with_changes(value=owner))
        setter = cst.Call(cst.Attribute(owner, cst.Name("set_params")), arg_list(*(make_arg(n, v) for n, v in settings)))
        return fit.with_changes(func=func.with_changes(value=setter))
