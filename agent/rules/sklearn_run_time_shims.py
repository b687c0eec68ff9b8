"""scikit-learn removals whose old result a small function in the notebook gives back exactly, deciding at run time
what a rewrite of the line cannot see (how many classes a fitted model has, whether it is a naive Bayes at all).

- load_boston (deprecated 1.0, withdrawn 1.2): the table is not gone from the locked environments: mlxtend ships
  the same 506 rows (checked equal, value for value, to scikit-learn 1.0.2's boston_house_prices.csv), so the
  shim builds the Bunch (or the (X, y) pair) load_boston returned from it. Its DESCR says why scikit-learn
  withdrew the data set, for whoever reads the repaired notebook.
- feature_extraction.image.extract_patches (deprecated 0.22, removed 0.24): numpy's sliding_window_view, stepped
  through with slices, is the same strided view (checked: shape, strides, values).
- the discrete naive Bayes' coef_ / intercept_ (deprecated 0.24, removed 1.1) were feature_log_prob_ /
  class_log_prior_ with only the last row for two classes (scikit-learn 0.19-1.0 read len(classes_) each time).

- OneHotEncoder's n_values_, feature_indices_ and active_features_ (deprecated 0.20, removed 0.22): the integer
  range encoding's bookkeeping, computed from the categories_ of today's fitted encoder (scikit-learn 0.19.2's
  _fit_transform: max + 1 per feature, their cumulative sums, the columns of the values seen).

The shims are in old_sklearn.py.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_sklearn
from .framework import callee_name, code_of, names_bound_to, rule
from .removed_api import (
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)

# --------------------------------------------------------------------------- load_boston

_BOSTON = {("sklearn.datasets", "load_boston"): old_sklearn.load_boston}


@rule(
    "sklearn-load-boston",
    library="scikit-learn",
    changed_in="scikit-learn 1.2 (deprecated in 1.0)",
    rationale="load_boston was withdrawn because of how the data set's B column was built (from the proportion of "
    "Black residents by town, on the assumption that racial self-segregation raised house prices). The notebook "
    "is kept running as written: the same 506x13 table and target (mlxtend's copy, equal to scikit-learn's own) "
    "are loaded by a load_boston written into the notebook, which returns the old Bunch (data, target, "
    "feature_names, DESCR, filename) or (X, y) for return_X_y=True; its DESCR records why the data set was "
    "withdrawn.",
    pattern=names_pattern(_BOSTON),
    gate=lambda ctx, code: "sklearn" in ctx.text,
    signatures=(*import_signatures(_BOSTON), ("ImportError", r"`load_boston` has been removed from scikit-learn")),
    examples=(
        ("from sklearn.datasets import load_boston\nboston = load_boston()\nX, y = boston.data, boston.target",
         shim_source(old_sklearn.load_boston, "load_boston") + "boston = load_boston()\nX, y = boston.data, boston.target"),
        ("from sklearn import datasets\nfrom sklearn.datasets import load_iris, load_boston as boston_data\n"
         "X, y = datasets.load_boston(return_X_y=True)",
         "from sklearn import datasets\nfrom sklearn.datasets import load_iris\n"
         + shim_source(old_sklearn.load_boston, "load_boston") + shim_source(old_sklearn.load_boston, "boston_data")
         + "X, y = load_boston(return_X_y=True)"),
        ("from mglearn.datasets import load_boston\nX, y = load_boston()",
         "from mglearn.datasets import load_boston\nX, y = load_boston()"),
    ),
)
class LoadBoston(RemovedNames):
    TABLE = _BOSTON


# --------------------------------------------------------------------------- extract_patches

_PATCHES = {("sklearn.feature_extraction.image", "extract_patches"): old_sklearn.extract_patches}


@rule(
    "sklearn-extract-patches",
    library="scikit-learn",
    changed_in="scikit-learn 0.24 (deprecated in 0.22)",
    rationale="feature_extraction.image.extract_patches(arr, patch_shape, extraction_step) returned a strided view "
    "of arr with the patch positions on the first axes and each patch's own axes after them, one position every "
    "extraction_step; numpy's sliding_window_view gives the same view (stepped through with slices), so the old "
    "function is written into the notebook on it: the same shape, strides and values.",
    pattern=names_pattern(_PATCHES),
    gate=lambda ctx, code: "sklearn" in ctx.text,
    signatures=import_signatures(_PATCHES),
    examples=(
        ("from sklearn.feature_extraction.image import extract_patches, extract_patches_2d\n"
         "p = extract_patches(img, patch_shape=(8, 8), extraction_step=4)",
         "from sklearn.feature_extraction.image import extract_patches_2d\n"
         + shim_source(old_sklearn.extract_patches, "extract_patches")
         + "p = extract_patches(img, patch_shape=(8, 8), extraction_step=4)"),
        ("from sklearn.feature_extraction import image\np = image.extract_patches(vol, 5)",
         "from sklearn.feature_extraction import image\n" + shim_source(old_sklearn.extract_patches, "extract_patches")
         + "p = extract_patches(vol, 5)"),
    ),
)
class ExtractPatches(RemovedNames):
    TABLE = _PATCHES


# --------------------------------------------------------------------------- naive Bayes coef_ / intercept_

_NB_CLASSES = ("MultinomialNB", "BernoulliNB", "ComplementNB", "CategoricalNB")
_NB_SHIMS = {"coef_": ("nb_coef", old_sklearn.nb_coef), "intercept_": ("nb_intercept", old_sklearn.nb_intercept)}
_NB_MADE = re.compile(rf"^(?:[\w.]+\.)?({'|'.join(_NB_CLASSES)})\(")


@rule(
    "sklearn-naive-bayes-coef",
    library="scikit-learn",
    changed_in="scikit-learn 1.1 (deprecated in 0.24)",
    rationale="MultinomialNB's, BernoulliNB's, ComplementNB's and CategoricalNB's coef_ and intercept_ were "
    "feature_log_prob_ and class_log_prior_, cut to their last row when the model has two classes. The number of "
    "classes is known only once the model is fitted, so nb_coef(model) / nb_intercept(model), written into the "
    "notebook, read it as the old properties did (and give any other model's own coef_ / intercept_). Rewritten "
    "where the object is a naive Bayes the notebook builds, or the one the error names.",
    pattern=r"\b(coef_|intercept_)\b",
    gate=lambda ctx, code: ctx.error is not None or any(c in ctx.text for c in _NB_CLASSES),
    signatures=(("AttributeError", rf"'({'|'.join(_NB_CLASSES)})' object has no attribute '(coef_|intercept_)'"),),
    examples=(
        ("from sklearn.naive_bayes import MultinomialNB\nnb = MultinomialNB()\nnb.fit(X, y)\n"
         "top = np.argsort(nb.coef_[0])[-10:]\nb = nb.intercept_",
         "from sklearn.naive_bayes import MultinomialNB\nnb = MultinomialNB()\nnb.fit(X, y)\n"
         + shim_source(old_sklearn.nb_coef, "nb_coef") + "top = np.argsort(nb_coef(nb)[0])[-10:]\n"
         + shim_source(old_sklearn.nb_intercept, "nb_intercept") + "b = nb_intercept(nb)"),
        ("from sklearn import naive_bayes\nw = naive_bayes.BernoulliNB(alpha=0.5).fit(X, y).coef_",
         "from sklearn import naive_bayes\n" + shim_source(old_sklearn.nb_coef, "nb_coef")
         + "w = nb_coef(naive_bayes.BernoulliNB(alpha=0.5).fit(X, y))"),
        # another model's coef_ is its own
        ("from sklearn.naive_bayes import MultinomialNB\nfrom sklearn.linear_model import LogisticRegression\n"
         "lr = LogisticRegression().fit(X, y)\nw = lr.coef_",
         "from sklearn.naive_bayes import MultinomialNB\nfrom sklearn.linear_model import LogisticRegression\n"
         "lr = LogisticRegression().fit(X, y)\nw = lr.coef_"),
    ),
    error_examples=(
        ("AttributeError: 'MultinomialNB' object has no attribute 'coef_'", 1,
         "show_top(models['nb'].coef_, vocab)",
         shim_source(old_sklearn.nb_coef, "nb_coef") + "show_top(nb_coef(models['nb']), vocab)"),
    ),
)
class NaiveBayesCoef(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.models = names_bound_to(ctx.text, _NB_CLASSES)
        self.named = self.own_error_type in _NB_CLASSES

    def _naive_bayes(self, owner: cst.BaseExpression) -> bool:
        """Built here (``MultinomialNB().fit(X, y)``) or a name bound to one: the shim gives any other model's own
        coef_, so a name bound to other models too is rewritten safely."""
        if isinstance(owner, cst.Name):
            return owner.value in self.models
        while isinstance(owner, cst.Call) and isinstance(owner.func, cst.Attribute) and owner.func.attr.value == "fit":
            owner = owner.func.value
        return isinstance(owner, cst.Call) and _NB_MADE.match(code_of(owner.func) + "(") is not None

    def leave_Attribute(self, original, updated):
        found = _NB_SHIMS.get(updated.attr.value)
        if found is None:
            return updated
        if not (self._naive_bayes(updated.value) or (self.named and self.on_own_error_line(original))):
            return updated
        return cst.Call(self.need_shim(*found), [cst.Arg(updated.value)])


# --------------------------------------------------------------------------- OneHotEncoder's range bookkeeping

_LEGACY_ONEHOT = ("n_values_", "feature_indices_", "active_features_")


@rule(
    "sklearn-onehot-legacy-attributes",
    library="scikit-learn",
    changed_in="scikit-learn 0.22 (deprecated in 0.20)",
    rationale="the old OneHotEncoder encoded non-negative integers by range: value v of feature i went to column "
    "feature_indices_[i] + v, each feature sized n_values_ (its largest value + 1, or n_values), and with "
    "n_values='auto' only the columns of values seen in fit were kept (active_features_), which are the values "
    "today's categories_ lists. legacy_onehot(encoder), written into the notebook, computes the three from "
    "categories_ when the encoder is fitted (active_features_ only for the 'auto' encoding, as before; other "
    "categories than non-negative integers had no such encoding and still raise).",
    pattern=r"\b(" + "|".join(_LEGACY_ONEHOT) + r")\b",
    gate=lambda ctx, code: ctx.error is not None or "OneHotEncoder" in ctx.text,
    signatures=(("AttributeError", r"'OneHotEncoder' object has no attribute '(" + "|".join(_LEGACY_ONEHOT) + ")'"),),
    examples=(
        ("from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder()\nenc.fit(X)\n"
         "print(enc.n_values_, enc.feature_indices_)\ncols = enc.active_features_",
         "from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder()\nenc.fit(X)\n"
         + shim_source(old_sklearn.legacy_onehot, "legacy_onehot")
         + "print(legacy_onehot(enc).n_values_, legacy_onehot(enc).feature_indices_)\n"
         "cols = legacy_onehot(enc).active_features_"),
        ("from sklearn.preprocessing import OneHotEncoder\nfrom sklearn.feature_extraction import DictVectorizer\n"
         "dv = DictVectorizer()\nn = dv.feature_indices_",
         "from sklearn.preprocessing import OneHotEncoder\nfrom sklearn.feature_extraction import DictVectorizer\n"
         "dv = DictVectorizer()\nn = dv.feature_indices_"),
    ),
    error_examples=(
        ("AttributeError: 'OneHotEncoder' object has no attribute 'active_features_'", 1,
         "mask = pipe.named_steps['enc'].active_features_ < 10",
         shim_source(old_sklearn.legacy_onehot, "legacy_onehot")
         + "mask = legacy_onehot(pipe.named_steps['enc']).active_features_ < 10"),
    ),
)
class OneHotLegacyAttributes(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.encoders = names_bound_to(ctx.text, ["OneHotEncoder"])
        self.named = self.own_error_type == "OneHotEncoder"

    def leave_Attribute(self, original, updated):
        if updated.attr.value not in _LEGACY_ONEHOT:
            return updated
        owner = updated.value
        if not ((isinstance(owner, cst.Name) and owner.value in self.encoders)
                or (self.named and self.on_own_error_line(original))):
            return updated
        shim = self.need_shim("legacy_onehot", old_sklearn.legacy_onehot)
        return updated.with_changes(value=cst.Call(shim, [cst.Arg(owner)]))


# --------------------------------------------------------------------------- GraphicalLassoCV.grid_scores_

_GRAPHICAL_LASSOS = ("GraphicalLassoCV", "GraphLassoCV")


@rule(
    "sklearn-graphical-lasso-grid-scores",
    library="scikit-learn",
    changed_in="scikit-learn 1.1 (deprecated in 0.24)",
    rationale="GraphicalLassoCV's (GraphLassoCV's) grid_scores_ was the array of scores, one row per alpha tried "
    "(cv_alphas_, alpha 0 last) and one column per fold; cv_results_ keeps each fold's column under "
    "split<k>_test_score, and scikit-learn 0.24-1.0 rebuilt the array from them: lasso_grid_scores(model), "
    "written into the notebook, stacks them the same way (the number of folds read from the keys).",
    pattern=r"\bgrid_scores_\b",
    gate=lambda ctx, code: ctx.error is not None or any(c in ctx.text for c in _GRAPHICAL_LASSOS),
    signatures=(("AttributeError", r"'(GraphicalLassoCV|GraphLassoCV)' object has no attribute 'grid_scores_'"),),
    examples=(
        ("from sklearn.covariance import GraphicalLassoCV\nmodel = GraphicalLassoCV(cv=5).fit(X)\n"
         "plt.plot(model.cv_alphas_, np.mean(model.grid_scores_, axis=1))",
         "from sklearn.covariance import GraphicalLassoCV\nmodel = GraphicalLassoCV(cv=5).fit(X)\n"
         + shim_source(old_sklearn.lasso_grid_scores, "lasso_grid_scores")
         + "plt.plot(model.cv_alphas_, np.mean(lasso_grid_scores(model), axis=1))"),
        ("from sklearn.covariance import GraphicalLassoCV\nfrom sklearn.model_selection import GridSearchCV\n"
         "gs = GridSearchCV(svc, grid).fit(X, y)\nprint(gs.grid_scores_)",
         "from sklearn.covariance import GraphicalLassoCV\nfrom sklearn.model_selection import GridSearchCV\n"
         "gs = GridSearchCV(svc, grid).fit(X, y)\nprint(gs.grid_scores_)"),
    ),
    error_examples=(
        ("AttributeError: 'GraphicalLassoCV' object has no attribute 'grid_scores_'", 1,
         "s = fitted['glasso'].grid_scores_",
         shim_source(old_sklearn.lasso_grid_scores, "lasso_grid_scores") + "s = lasso_grid_scores(fitted['glasso'])"),
    ),
)
class GraphicalLassoGridScores(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.models = names_bound_to(ctx.text, _GRAPHICAL_LASSOS)
        self.named = self.own_error_type in _GRAPHICAL_LASSOS

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "grid_scores_":
            return updated
        owner = updated.value
        if not ((isinstance(owner, cst.Name) and owner.value in self.models)
                or (self.named and self.on_own_error_line(original))):
            return updated
        return cst.Call(self.need_shim("lasso_grid_scores", old_sklearn.lasso_grid_scores), [cst.Arg(owner)])


# --------------------------------------------------------------------------- is_classifier(EstimatorClass)

_KINDS = {"is_classifier": "classifier", "is_regressor": "regressor", "is_outlier_detector": "outlier_detector"}


@rule(
    "sklearn-is-classifier-class",
    library="scikit-learn",
    changed_in="scikit-learn 1.8 (deprecated in 1.6)",
    rationale="is_classifier, is_regressor and is_outlier_detector compared getattr(estimator, '_estimator_type') "
    "with their kind, which a class answered too (its mixin set the string: ClassifierMixin 'classifier', ...); "
    "today they read an instance's tags and refuse a class. On the failing line they become "
    "old_is_estimator(x, kind), written into the notebook: today's function for an instance, and for a class the "
    "string the first class of its MRO that set one gave.",
    kind="error",
    signatures=(("TypeError", r"Expected an estimator instance \(.*\), got estimator class instead"),),
    error_examples=(
        ("TypeError: Expected an estimator instance (SVC()), got estimator class instead (SVC).", 2,
         "from sklearn.base import is_classifier\nkinds = [is_classifier(c) for c in (SVC, SVR)]",
         "from sklearn.base import is_classifier\n" + shim_source(old_sklearn.old_is_estimator, "old_is_estimator")
         + "kinds = [old_is_estimator(c, 'classifier') for c in (SVC, SVR)]"),
        ("TypeError: Expected an estimator instance (SVR()), got estimator class instead (SVR).", 2,
         "import sklearn.base\nif sklearn.base.is_regressor(cls) and not is_classifier(model):\n    pass",
         "import sklearn.base\n" + shim_source(old_sklearn.old_is_estimator, "old_is_estimator")
         + "if old_is_estimator(cls, 'regressor') and not old_is_estimator(model, 'classifier'):\n    pass"),
    ),
)
class IsClassifierClass(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _KINDS or len(updated.args) != 1 or updated.args[0].star \
                or not self.on_own_error_line(original):
            return updated
        shim = self.need_shim("old_is_estimator", old_sklearn.old_is_estimator)
        estimator = cst.Arg(updated.args[0].value)  # is_classifier(estimator=...) as well
        return cst.Call(shim, [estimator, cst.Arg(cst.SimpleString(f"'{_KINDS[name]}'"))])
