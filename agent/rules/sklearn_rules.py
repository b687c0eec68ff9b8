"""scikit-learn: moved modules, the pre-0.18 cross-validation objects, removed and renamed parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import libcst as cst
import libcst.matchers as m

from .call_text import passes_more
from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    dotted,
    kwarg,
    make_arg,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    split_import_from,
    string_value,
)
from .python3_rules import Importing

_MODULES = {
    "sklearn.cross_validation": "sklearn.model_selection",
    "sklearn.grid_search": "sklearn.model_selection",
    "sklearn.learning_curve": "sklearn.model_selection",
    "sklearn.externals.joblib": "joblib",
    "sklearn.externals.six": "six",
    "sklearn.feature_extraction.stop_words": "sklearn.feature_extraction.text",
    "sklearn.datasets.samples_generator": "sklearn.datasets",
    "sklearn.datasets.base": "sklearn.datasets",
    "sklearn.utils.testing": "sklearn.utils._testing",
    "sklearn.ensemble.partial_dependence": "sklearn.inspection",
}
# Private module paths (sklearn 0.22 made them private, 0.24 removed them): the public package.
for _private in (
    "ensemble.gradient_boosting ensemble.forest ensemble.weight_boosting ensemble.bagging ensemble.voting "
    "ensemble.iforest linear_model.base linear_model.logistic linear_model.ridge linear_model.coordinate_descent "
    "linear_model.stochastic_gradient linear_model.least_angle tree.tree svm.classes neighbors.classification "
    "neighbors.regression neighbors.base metrics.scorer metrics.classification metrics.regression metrics.ranking "
    "preprocessing.data preprocessing.label feature_selection.univariate_selection decomposition.pca "
    "cluster.k_means_ naive_bayes.naive_bayes feature_extraction.text_ model_selection._split_ "
    "ensemble.base ensemble.voting_classifier tree.export neural_network.rbm neural_network.multilayer_perceptron "
    "cluster.bicluster cluster.birch cluster.dbscan_ cluster.hierarchical cluster.mean_shift_ cluster.optics_ "
    "cluster.affinity_propagation_ cluster.spectral mixture.gaussian_mixture mixture.bayesian_mixture "
    "covariance.empirical_covariance_ covariance.shrunk_covariance_ covariance.robust_covariance "
    "covariance.graph_lasso_ covariance.elliptic_envelope cross_decomposition.cca_ cross_decomposition.pls_ "
    "datasets.california_housing datasets.covtype datasets.kddcup99 datasets.lfw datasets.olivetti_faces "
    "datasets.openml datasets.rcv1 datasets.species_distributions datasets.svmlight_format "
    "datasets.twenty_newsgroups decomposition.dict_learning decomposition.factor_analysis decomposition.fastica_ "
    "decomposition.incremental_pca decomposition.kernel_pca decomposition.nmf decomposition.online_lda "
    "decomposition.sparse_pca decomposition.truncated_svd gaussian_process.gpr gaussian_process.gpc "
    "linear_model.bayes linear_model.huber linear_model.omp linear_model.passive_aggressive linear_model.perceptron "
    "linear_model.ransac linear_model.sag linear_model.theil_sen manifold.isomap manifold.locally_linear "
    "manifold.mds manifold.spectral_embedding_ manifold.t_sne neighbors.graph neighbors.kde neighbors.lof "
    "neighbors.nca neighbors.nearest_centroid neighbors.unsupervised semi_supervised.label_propagation svm.base "
    "svm.bounds feature_selection.base feature_selection.from_model feature_selection.mutual_info_ "
    "feature_selection.rfe feature_selection.variance_threshold feature_extraction.dict_vectorizer "
    "feature_extraction.hashing preprocessing.imputation"
).split():
    _MODULES[f"sklearn.{_private}"] = "sklearn." + _private.split(".")[0]
for _private in ('metrics.cluster.bicluster', 'metrics.cluster.supervised', 'metrics.cluster.unsupervised'):
    _MODULES[f"sklearn.{_private}"] = "sklearn.metrics.cluster"

# (old module, old name) -> (new module, new name): the local name is kept with ``as``.
_NAMES = {
    ("sklearn.preprocessing", "Imputer"): ("sklearn.impute", "SimpleImputer"),
    ("sklearn.pipeline", "BaseEstimator"): ("sklearn.base", "BaseEstimator"),
    ("sklearn.pipeline", "TransformerMixin"): ("sklearn.base", "TransformerMixin"),
    ("sklearn.pipeline", "ClassifierMixin"): ("sklearn.base", "ClassifierMixin"),
    ("sklearn.pipeline", "RegressorMixin"): ("sklearn.base", "RegressorMixin"),
    ("sklearn.pipeline", "clone"): ("sklearn.base", "clone"),
    ("sklearn.lda", "LDA"): ("sklearn.discriminant_analysis", "LinearDiscriminantAnalysis"),
    ("sklearn.qda", "QDA"): ("sklearn.discriminant_analysis", "QuadraticDiscriminantAnalysis"),
    ("sklearn.metrics", "jaccard_similarity_score"): ("sklearn.metrics", "jaccard_score"),
    ("sklearn.metrics", "plot_confusion_matrix"): ("sklearn.metrics", "ConfusionMatrixDisplay"),
    ("sklearn.metrics", "plot_roc_curve"): ("sklearn.metrics", "RocCurveDisplay"),
    ("sklearn.metrics", "plot_precision_recall_curve"): ("sklearn.metrics", "PrecisionRecallDisplay"),
    ("sklearn.metrics", "plot_det_curve"): ("sklearn.metrics", "DetCurveDisplay"),
    ("sklearn.inspection", "plot_partial_dependence"): ("sklearn.inspection", "PartialDependenceDisplay"),
    ("sklearn.metrics", "calinski_harabaz_score"): ("sklearn.metrics", "calinski_harabasz_score"),
    ("sklearn.neighbors", "DistanceMetric"): ("sklearn.metrics", "DistanceMetric"),
    ("sklearn.utils", "safe_indexing"): ("sklearn.utils", "_safe_indexing"),
    # PCA picks the randomized solver itself on large inputs (svd_solver='auto')
    ("sklearn.decomposition", "RandomizedPCA"): ("sklearn.decomposition", "PCA"),
}
_PLOT_MODULES = ("sklearn.metrics", "sklearn.inspection")
_PLOT_FUNCS = {
    "plot_confusion_matrix": "ConfusionMatrixDisplay",
    "plot_roc_curve": "RocCurveDisplay",
    "plot_precision_recall_curve": "PrecisionRecallDisplay",
    "plot_partial_dependence": "PartialDependenceDisplay",
    "plot_det_curve": "DetCurveDisplay",
}


def _module_node(name: str) -> cst.BaseExpression:
    return cst.parse_expression(name)


_DOTTED_PAIR = re.compile(r"\b(\w+)\.(\w+)")


def _moves_something(ctx, code: str) -> bool:
    """Whether MovedModules can change ``code``: it rewrites imports, sklearn's dotted paths, a private module
    read through a package imported from sklearn (``ensemble.forest``) and the calls of a plot_* function
    imported from sklearn. A ``stop_words=`` argument or a notebook's own ``plot_confusion_matrix`` is none."""
    if "import" in code or "sklearn" in code:
        return True
    if any(name in code and (ctx.imported.get(name, "").startswith(("sklearn.metrics", "sklearn.inspection"))
                             or f".{name}(" in code) for name in _PLOT_FUNCS):
        return True
    return any(f"{ctx.imported.get(a, '')}.{b}" in _MODULES for a, b in _DOTTED_PAIR.findall(code))


@rule(
    "sklearn-moved-modules",
    library="scikit-learn",
    changed_in="scikit-learn 0.20-0.24",
    rationale="sklearn.cross_validation, grid_search and learning_curve merged into sklearn.model_selection, "
    "private module paths and sklearn.externals.joblib were removed, Imputer became impute.SimpleImputer.",
    needles=("sklearn",),
    gate=_moves_something,
    pattern=r"cross_validation|stop_words|samples_generator|calinski_harabaz_|DistanceMetric|safe_indexing|RandomizedPCA|partial_dependence|utils\.testing|\.(gradient_boosting|forest|weight_boosting|base|logistic|tree)\.|sklearn\.pipeline import.*(BaseEstimator|Mixin|clone)|"
    # grid_search / learning_curve as module names (not a GridSearchCV held in grid_search), and only the
    # module paths that moved: sklearn.feature_extraction.text stays
    r"sklearn\s*\.\s*(grid_search|learning_curve)|\bfrom\s+sklearn\s+import\b(?:[^#;\n()]|\\\n|\([^)]*)*\b(grid_search|learning_curve)\b|"
    r"externals|\bImputer\b|sklearn\.(lda|qda)|jaccard_similarity|plot_(confusion_matrix|roc_curve|precision_recall_curve|det_curve)|"
    r"\b(" + "|".join(sorted({k.split(".", 1)[1].replace(".", r"\.") for k in _MODULES if k.count(".") > 1})) + r")\b",
    signatures=(
        ("ModuleNotFoundError", r"No module named 'sklearn\."),
        ("ImportError", r"cannot import name .* from 'sklearn"),
    ),
    examples=(
        (
            "from sklearn.cross_validation import train_test_split",
            "from sklearn.model_selection import train_test_split",
        ),
        (
            "from sklearn.preprocessing import Imputer, StandardScaler",
            "from sklearn.preprocessing import StandardScaler\nfrom sklearn.impute import SimpleImputer as Imputer",
        ),
        ("from sklearn.externals import joblib", "import joblib"),
        ("from sklearn import cross_validation", "from sklearn import model_selection as cross_validation"),
        (
            "from sklearn.ensemble.gradient_boosting import GradientBoostingRegressor",
            "from sklearn.ensemble import GradientBoostingRegressor",
        ),
        ("import sklearn.grid_search as gs", "import sklearn.model_selection as gs"),
        (
            "from sklearn import ensemble\nm = ensemble.gradient_boosting.GradientBoostingClassifier()",
            "from sklearn import ensemble\nm = ensemble.GradientBoostingClassifier()",
        ),
        (
            "from sklearn.pipeline import Pipeline, BaseEstimator",
            "from sklearn.pipeline import Pipeline\nfrom sklearn.base import BaseEstimator",
        ),
        ("from sklearn.datasets.samples_generator import make_blobs", "from sklearn.datasets import make_blobs"),
        ("from sklearn.neural_network.multilayer_perceptron import MLPClassifier\n"
         "from sklearn.metrics.cluster.supervised import contingency_matrix",
         "from sklearn.neural_network import MLPClassifier\nfrom sklearn.metrics.cluster import contingency_matrix"),
        ("from sklearn.decomposition import RandomizedPCA", "from sklearn.decomposition import PCA as RandomizedPCA"),
        (
            "from sklearn.metrics import calinski_harabaz_score, silhouette_score",
            "from sklearn.metrics import silhouette_score\nfrom sklearn.metrics import calinski_harabasz_score as calinski_harabaz_score",
        ),
        (
            "from sklearn.inspection import plot_partial_dependence\nplot_partial_dependence(gb, X, [0, 1])",
            "from sklearn.inspection import PartialDependenceDisplay\nPartialDependenceDisplay.from_estimator(gb, X, [0, 1])",
        ),
        ("import sklearn\nfrom sklearn import metrics\nmetrics.plot_roc_curve(clf, X, y)\nsklearn.metrics.plot_confusion_matrix(clf, X, y)",
         "import sklearn\nfrom sklearn import metrics\nmetrics.RocCurveDisplay.from_estimator(clf, X, y)\n"
         "sklearn.metrics.ConfusionMatrixDisplay.from_estimator(clf, X, y)"),
    ),
)
class MovedModules(RuleTransformer):
    def leave_ImportFrom(self, original, updated):
        if updated.module is None or updated.relative or isinstance(updated.names, cst.ImportStar):
            if updated.module is not None and dotted(updated.module) in _MODULES:
                return updated.with_changes(module=_module_node(_MODULES[dotted(updated.module)]))
            return updated
        module = dotted(updated.module) or ""
        if module == "sklearn.externals" and all(a.name.value in ("joblib", "six") for a in updated.names):
            return cst.Import(names=[cst.ImportAlias(a.name, asname=a.asname) for a in updated.names])
        if module == "sklearn":
            names = []
            for a in updated.names:
                old = f"sklearn.{a.name.value}"
                if old in _MODULES and _MODULES[old].startswith("sklearn."):
                    new = _MODULES[old].split(".", 1)[1]
                    local = a.asname or cst.AsName(cst.Name(a.name.value))
                    a = a.with_changes(name=cst.Name(new), asname=local)
                names.append(a)
            return updated.with_changes(names=names)
        new_module = _MODULES.get(module, module)
        kept, moved = [], []
        for a in updated.names:
            key = (new_module, a.name.value) if (new_module, a.name.value) in _NAMES else (module, a.name.value)
            if key in _NAMES:
                moved.append((a, *_NAMES[key]))
            else:
                kept.append(a)
        if not moved:
            return updated.with_changes(module=_module_node(new_module)) if new_module != module else updated
        lines = []
        for a, target_module, target in moved:
            local = a.asname.name.value if a.asname else a.name.value
            if a.name.value in _PLOT_FUNCS:
                local = target  # the call sites are rewritten to Display.from_estimator
            lines.append((target_module, target, local))
        return split_import_from(updated.with_changes(module=_module_node(new_module)), kept, lines)

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)

    def leave_Import(self, original, updated):
        names = []
        for a in updated.names:
            name = dotted(a.name)
            if name in _MODULES:
                a = a.with_changes(name=_module_node(_MODULES[name]))
            names.append(a)
        return updated.with_changes(names=names)

    def leave_Attribute(self, original, updated):
        name = dotted(updated)
        if name in _MODULES and name.startswith("sklearn.") and _MODULES[name].startswith("sklearn."):
            return _module_node(_MODULES[name])
        # ``from sklearn import ensemble`` then ``ensemble.gradient_boosting.X``: the package itself
        if name and name.count(".") == 1 and isinstance(updated.value, cst.Name):
            full = f"{self.ctx.imported.get(updated.value.value, '')}.{updated.attr.value}"
            if full in _MODULES and _MODULES[full] == self.ctx.imported.get(updated.value.value):
                return updated.value
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _PLOT_FUNCS:
            return updated
        display = f"{_PLOT_FUNCS[name]}.from_estimator"
        if isinstance(updated.func, cst.Name) and self.ctx.imported.get(name, "").startswith(_PLOT_MODULES):
            return updated.with_changes(func=cst.parse_expression(display))
        # metrics.plot_roc_curve(...) / sklearn.metrics.plot_roc_curve(...): the Display of the same module
        owner = dotted(updated.func.value) if isinstance(updated.func, cst.Attribute) else None
        head, _, rest = (owner or "").partition(".")
        module = ".".join(filter(None, (self.ctx.imported.get(head, ""), rest))) if head else ""
        if module in _PLOT_MODULES:
            return updated.with_changes(func=cst.parse_expression(f"{owner}.{display}"))
        return updated


_CV_CLASSES = {
    "KFold": "n_folds",
    "StratifiedKFold": "n_folds",
    "ShuffleSplit": "n_iter",
    "StratifiedShuffleSplit": "n_iter",
}


@rule(
    "sklearn-old-cv-iterators",
    library="scikit-learn",
    changed_in="scikit-learn 0.20",
    rationale="the old cross_validation KFold(n, n_folds=k) / StratifiedKFold(y, n_folds=k) objects were "
    "removed; the model_selection class with n_splits=k and .split() yields the same folds.",
    needles=("KFold", "ShuffleSplit"),
    pattern=r"""n_folds|n_iter\s*=|(KFold|ShuffleSplit)\(\s*[^\s)=]+\s*[,)]""",
    # and the class itself: a search's n_iter= or a helper's own n_folds is no splitter's
    prefilter=lambda code: "KFold" in code or "ShuffleSplit" in code,
    signatures=(
        ("TypeError", r"(KFold|ShuffleSplit).*unexpected keyword argument '(n_folds|n_iter)'"),
        ("TypeError", r"object is not iterable"),
    ),
    examples=(
        (
            "kf = KFold(len(X), n_folds=5, shuffle=True, random_state=1)",
            "kf = list(KFold(n_splits=5, shuffle=True, random_state=1).split(range(len(X))))",
        ),
        ("skf = StratifiedKFold(y, n_folds=3)", "skf = list(StratifiedKFold(n_splits=3).split(y, y))"),
        ("kf = KFold(891, n_folds=3, random_state=1)", "kf = list(KFold(n_splits=3).split(range(891)))"),
        ("kf = KFold(n_splits=5)", "kf = KFold(n_splits=5)"),
    ),
)
class OldCvIterators(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _CV_CLASSES:
            return updated
        count = _CV_CLASSES[name]
        old_import = (
            self.ctx.imported.get(name, "").startswith("sklearn.cross_validation")
            or "cross_validation." + name in self.ctx.text
        )
        pos = positional(updated)
        if not (kwarg(updated, count) is not None or (old_import and pos)):
            return updated
        if not pos:
            return updated
        data, *rest = pos
        call = updated.with_changes(args=[a for a in updated.args if a is not data])
        if kwarg(call, count) is not None:
            call = rename_kwarg(call, count, "n_splits")
        elif rest:  # KFold(n, k): the second positional was the number of folds
            call = call.with_changes(
                args=[make_arg("n_splits", rest[0].value) if a is rest[0] else a for a in call.args]
            )
        shuffle = kwarg(call, "shuffle")
        if name in ("KFold", "StratifiedKFold") and (shuffle is None or m.matches(shuffle.value, m.Name("False"))):
            call = remove_kwarg(call, "random_state")  # now an error without shuffle; it had no effect
        if call.args:
            call = call.with_changes(
                args=[*call.args[:-1], call.args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            )
        stratified = name.startswith("Stratified")
        split_args = (
            [cst.Arg(data.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(data.value)]
            if stratified
            else [cst.Arg(cst.Call(cst.Name("range"), [cst.Arg(data.value)]))]
        )
        split = cst.Call(cst.Attribute(call, cst.Name("split")), split_args)
        return cst.Call(cst.Name("list"), [cst.Arg(split)])


_NORMALIZE = {
    "MultiTaskLasso",
    "MultiTaskLassoCV",
    "MultiTaskElasticNet",
    "MultiTaskElasticNetCV",
    "LinearRegression",
    "Ridge",
    "RidgeCV",
    "Lasso",
    "LassoCV",
    "ElasticNet",
    "ElasticNetCV",
    "Lars",
    "LarsCV",
    "LassoLars",
    "LassoLarsCV",
    "LassoLarsIC",
    "OrthogonalMatchingPursuit",
    "OrthogonalMatchingPursuitCV",
    "BayesianRidge",
    "ARDRegression",
    "RidgeClassifier",
    "RidgeClassifierCV",
}
_SCORING_USERS = ("cross_val_score", "cross_validate", "cross_val_predict", "learning_curve", "validation_curve",
                  "permutation_importance", "permutation_test_score")
_VALUE_RENAMES = {
    "criterion": {"mse": "squared_error", "mae": "absolute_error"},
    "loss": {"ls": "squared_error", "lad": "absolute_error", "deviance": "log_loss", "log": "log_loss",
             "squared_loss": "squared_error", "least_squares": "squared_error", "least_absolute_deviation": "absolute_error",
             "binary_crossentropy": "log_loss", "categorical_crossentropy": "log_loss", "auto": "log_loss",
             "absolute_loss": "absolute_error"},
    # the old names of the same scorers, which already returned the negated error
    "scoring": {"mean_squared_error": "neg_mean_squared_error", "mean_absolute_error": "neg_mean_absolute_error",
                "median_absolute_error": "neg_median_absolute_error", "log_loss": "neg_log_loss",
                "max_error": "neg_max_error"},
    "class_weight": {"auto": "balanced"},
    "max_features": {"auto": None},
    "algorithm": {"auto": "lloyd", "full": "lloyd"},
    "penalty": {"none": None},
}


# metrics whose score argument was renamed: (old keyword, new keyword)
_SCORE_ARGUMENTS = {"brier_score_loss": ("y_prob", "y_proba"), "precision_recall_curve": ("probas_pred", "y_score")}
# LinearSVC/LinearSVR's loss names before 0.16 (removed in 0.18)
_SVM_LOSSES = {"LinearSVC": {"l1": "hinge", "l2": "squared_hinge"},
               "LinearSVR": {"l1": "epsilon_insensitive", "l2": "squared_epsilon_insensitive"}}


def removed_values() -> set[str]:
    """Every string value scikit-learn renamed or removed for some parameter of some estimator."""
    return {v for renames in (*_VALUE_RENAMES.values(), *_SVM_LOSSES.values()) for v in renames}


def renamed_value(param: str, value: str | None, owner: str) -> str | None:
    """The code of the value ``owner``'s ``param`` takes today for the removed string ``value`` (``'sqrt'``
    for a classifier's max_features='auto'); None when that value was not renamed for that estimator."""
    if owner in _SVM_LOSSES and param == "loss":
        return repr(_SVM_LOSSES[owner][value]) if value in _SVM_LOSSES[owner] else None
    renames = _VALUE_RENAMES.get(param, {})
    if value not in renames or (param == "algorithm" and owner != "KMeans") or (
            param == "loss" and value == "auto" and owner != "HistGradientBoostingClassifier"):
        return None
    if param == "loss" and value.endswith("_crossentropy") and not owner.startswith("HistGradientBoosting"):
        return None  # Keras' loss names: a KerasClassifier(loss=) or another library's model, not scikit-learn's
    if param == "max_features":  # 'auto' was sqrt(n_features) for classifiers, every feature for regressors
        return "'sqrt'" if "Classifier" in owner else "1.0"
    return "None" if param == "penalty" else repr(renames[value])


def _calibration_curve(call: cst.Call) -> cst.BaseExpression:
    """calibration_curve(y, p, normalize=True) min-max scaled p itself (removed in 1.3): the caller does it."""
    flag = kwarg(call, "normalize").value
    kept = remove_kwarg(call, "normalize")
    if m.matches(flag, m.Name("False")):
        return kept
    pos = positional(kept)
    prob = kwarg(kept, "y_prob") or (pos[1] if len(pos) > 1 else None)
    if not m.matches(flag, m.Name("True")) or prob is None:
        return call
    p = cst.Module(body=[]).code_for_node(prob.value)
    scaled = cst.parse_expression(f"({p} - {p}.min()) / ({p}.max() - {p}.min())")
    return kept.with_changes(args=[a.with_changes(value=scaled) if a is prob else a for a in kept.args])


@rule(
    "sklearn-removed-params",
    library="scikit-learn",
    changed_in="scikit-learn 1.0-1.9",
    rationale="removed or renamed estimator parameters (normalize, min_impurity_split, presort, iid, n_jobs of "
    "KMeans, sparse -> sparse_output, base_estimator -> estimator, criterion='mse' -> 'squared_error', "
    "max_features='auto', multi_class, algorithm='SAMME.R', Imputer axis) are dropped or renamed; "
    "mean_squared_error(squared=False) is the square root of mean_squared_error.",
    needles=(
        "normalize",
        "min_impurity_split",
        "presort",
        "iid",
        "sparse=",
        "base_estimator",
        "criterion",
        "loss=",
        "max_features",
        "algorithm",
        "multi_class",
        "n_iter",
        "affinity",
        "Imputer",
        "penalty",
        "precompute_distances",
        "n_jobs",
        "categorical_features",
        "fit_params",
        "get_feature_names(",
        "squared",
        "y_prob",
        "probas_pred",
        "absolute_loss",
        "max_error",
    ),
    pattern=r"""squared\s*=|normalize\s*=|min_impurity_split|presort|\biid\s*=|sparse\s*=|base_estimator|criterion\s*=\s*['"]ma?[es]e|loss\s*=\s*['"](ls|lad|deviance|log)['"]|max_features\s*=\s*['"]auto|algorithm\s*=\s*['"](SAMME|auto|full)|multi_class|(SGD\w*|Perceptron|PassiveAggressive\w*|TSNE)\([^)]*n_iter|affinity|Imputer\(|penalty\s*=\s*['"]none|precompute_distances|KMeans\([^)]*n_jobs|categorical_features|n_values|fit_params|get_feature_names\(|KFold\((?s:.*?)random_state|n_topics|non_negative|\beps\s*=|reorder|needs_(proba|threshold)|whiten\s*=\s*True|loss\s*=\s*['"](squared_loss|absolute_loss|least_\w+|\w+_crossentropy|auto)|scoring\s*=\s*['"](mean_\w+_error|median_absolute_error|log_loss|max_error)|y_prob\s*=|probas_pred\s*=|class_weight\s*=\s*['"]auto|loss\s*=\s*['"]l[12]['"]""",
    signatures=(
        ("TypeError", r"unexpected keyword argument"),
        ("InvalidParameterError", r"parameter of \w+ must be"),
        ("AttributeError", r"has no attribute 'get_feature_names'"),
    ),
    examples=(
        ("m = Lasso(alpha=0.1, normalize=True)", "m = Lasso(alpha=0.1)"),
        ("e = OneHotEncoder(sparse=False)", "e = OneHotEncoder(sparse_output=False)"),
        (
            "r = RandomForestRegressor(criterion='mse', max_features='auto')",
            "r = RandomForestRegressor(criterion='squared_error', max_features=1.0)",
        ),
        ("c = RandomForestClassifier(max_features='auto')", "c = RandomForestClassifier(max_features='sqrt')"),
        ("i = Imputer(missing_values='NaN', strategy='mean', axis=0)", "i = Imputer(strategy='mean')"),
        ("n = cv.get_feature_names()", "n = list(cv.get_feature_names_out())"),
        ("a = AdaBoostClassifier(algorithm='SAMME.R')", "a = AdaBoostClassifier()"),
        ("cv = KFold(10, random_state=1)", "cv = KFold(10)"),
        ("rmse = -mean_squared_error(y, p, squared=False) * 2", "rmse = -(mean_squared_error(y, p) ** 0.5) * 2"),
        ("from sklearn import metrics\ns = make_scorer(metrics.mean_squared_error, greater_is_better=False, squared=False)\n"
         "t = make_scorer(mean_squared_log_error, squared=False)",
         "from sklearn.metrics import root_mean_squared_log_error\nfrom sklearn import metrics\n"
         "s = make_scorer(metrics.root_mean_squared_error, greater_is_better=False)\n"
         "t = make_scorer(root_mean_squared_log_error)"),
        ("c = CalibratedClassifierCV(base_estimator=svc, cv=3)", "c = CalibratedClassifierCV(estimator=svc, cv=3)"),
        ("lda = LatentDirichletAllocation(n_topics=10)", "lda = LatentDirichletAllocation(n_components=10)"),
        ("hv = HashingVectorizer(n_features=2 ** 10, non_negative=True)", "hv = HashingVectorizer(n_features=2 ** 10, alternate_sign=False)"),
        ("s = cross_val_score(m, X, y, scoring='mean_squared_error')", "s = cross_val_score(m, X, y, scoring='neg_mean_squared_error')"),
        ("sc = make_scorer(roc_auc_score, needs_proba=True)", "sc = make_scorer(roc_auc_score, response_method='predict_proba')"),
        ("l = log_loss(y, p, eps=1e-15)\na = auc(fpr, tpr, reorder=True)", "l = log_loss(y, p)\na = auc(fpr, tpr)"),
        ("h = HistGradientBoostingClassifier(loss='binary_crossentropy')", "h = HistGradientBoostingClassifier(loss='log_loss')"),
        ("k = KerasClassifier(build_fn=make, loss='categorical_crossentropy')",
         "k = KerasClassifier(build_fn=make, loss='categorical_crossentropy')"),
        ("r = SGDRegressor(loss='squared_loss')", "r = SGDRegressor(loss='squared_error')"),
        ("ica = FastICA(n_components=3, whiten=True)", "ica = FastICA(n_components=3, whiten='arbitrary-variance')"),
        ("svm = LinearSVC(C=1, loss='l1')", "svm = LinearSVC(C=1, loss='hinge')"),
        ("b = brier_score_loss(y, y_prob=p)\np, r, t = precision_recall_curve(y, probas_pred=s)\n"
         "m = RANSACRegressor(loss='absolute_loss')\nc = cross_val_score(m, X, y, scoring='max_error')",
         "b = brier_score_loss(y, y_proba=p)\np, r, t = precision_recall_curve(y, y_score=s)\n"
         "m = RANSACRegressor(loss='absolute_error')\nc = cross_val_score(m, X, y, scoring='neg_max_error')"),
        ("f, m = calibration_curve(y, p, normalize=True, n_bins=10)",
         "f, m = calibration_curve(y, (p - p.min()) / (p.max() - p.min()), n_bins=10)"),
    ),
)
class RemovedParams(Importing):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name in ("mean_squared_error", "mean_squared_log_error") and kwarg(updated, "squared") is not None:
            flag = kwarg(updated, "squared").value
            call = remove_kwarg(updated, "squared")  # removed in 1.6; root_mean_squared_error is new in 1.4
            if m.matches(flag, m.Name("True")):
                return call
            if not m.matches(flag, m.Name("False")):
                return updated  # decided at run time: no telling which
            return cst.BinaryOperation(call, cst.Power(), cst.Float("0.5"), lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        if name == "get_feature_names" and isinstance(updated.func, cst.Attribute):
            new = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("get_feature_names_out")))
            return cst.Call(cst.Name("list"), [cst.Arg(new)])
        if name in ("log_loss", "auc"):
            return remove_kwarg(remove_kwarg(updated, "eps"), "reorder")  # eps is the dtype's; x must be sorted
        if name in _SCORE_ARGUMENTS and kwarg(updated, _SCORE_ARGUMENTS[name][0]) is not None:
            return rename_kwarg(updated, *_SCORE_ARGUMENTS[name])  # the scores' new names (1.5-1.7)
        if name == "make_scorer":
            call = self._scorer_squared(updated)
            for flag, method in (("needs_proba", "'predict_proba'"), ("needs_threshold", "('decision_function', 'predict_proba')")):
                arg = kwarg(call, flag)
                if arg is None:
                    continue
                if m.matches(arg.value, m.Name("True")) and kwarg(call, "response_method") is None:
                    call = rename_kwarg(call, flag, "response_method")
                    call = set_kwarg_value(call, "response_method", method)
                elif m.matches(arg.value, m.Name("False")):
                    call = remove_kwarg(call, flag)
            return call
        if name == "calibration_curve" and kwarg(updated, "normalize") is not None:
            return _calibration_curve(updated)
        if not name[:1].isupper() and name not in _SCORING_USERS:
            return updated
        call = updated
        if name in _NORMALIZE:
            call = remove_kwarg(call, "normalize")
        for gone in ("min_impurity_split", "presort", "precompute_distances"):
            call = remove_kwarg(call, gone)
        if name == "OneHotEncoder":
            call = remove_kwarg(call, "n_values")
            # 'all' was the default; columns to encode are sklearn-onehot-categorical-features' (a ColumnTransformer)
            if string_value(getattr(kwarg(call, "categorical_features"), "value", None)) == "all":
                call = remove_kwarg(call, "categorical_features")
        if name in ("GridSearchCV", "RandomizedSearchCV"):
            call = remove_kwarg(call, "iid")
        if name == "KMeans":
            call = remove_kwarg(call, "n_jobs")
        if name in ("KFold", "StratifiedKFold") and kwarg(call, "random_state") is not None:
            shuffle = kwarg(call, "shuffle")
            if shuffle is None or m.matches(shuffle.value, m.Name("False")):
                call = remove_kwarg(call, "random_state")  # an error since 0.24; it had no effect without shuffle
        if name in ("OneHotEncoder",):
            call = rename_kwarg(call, "sparse", "sparse_output")
        if name in ("BaggingClassifier", "BaggingRegressor", "AdaBoostClassifier", "AdaBoostRegressor", "CalibratedClassifierCV"):
            call = rename_kwarg(call, "base_estimator", "estimator")
        if name == "AdaBoostClassifier":
            call = remove_kwarg(call, "algorithm")
        if name in ("LogisticRegression", "LogisticRegressionCV"):
            call = remove_kwarg(call, "multi_class")
        if name == "LatentDirichletAllocation":
            call = rename_kwarg(call, "n_topics", "n_components")
        if name in ("HashingVectorizer", "FeatureHasher") and kwarg(call, "non_negative") is not None:
            flag = kwarg(call, "non_negative").value
            call = remove_kwarg(call, "non_negative")
            if m.matches(flag, m.Name("True")) and kwarg(call, "alternate_sign") is None:
                call = add_kwarg(call, "alternate_sign", "False")
        if name == "FastICA" and kwarg(call, "whiten") is not None and m.matches(kwarg(call, "whiten").value, m.Name("True")):
            call = set_kwarg_value(call, "whiten", "'arbitrary-variance'")  # what True meant
        if name in ("SGDClassifier", "SGDRegressor", "Perceptron", "PassiveAggressiveClassifier", "PassiveAggressiveRegressor",
                    "TSNE"):
            call = rename_kwarg(call, "n_iter", "max_iter")
        if name in ("AgglomerativeClustering", "FeatureAgglomeration"):
            call = rename_kwarg(call, "affinity", "metric")
        if name in ("cross_val_score", "cross_validate", "cross_val_predict"):
            call = rename_kwarg(call, "fit_params", "params")
        if name in ("Imputer", "SimpleImputer"):
            call = remove_kwarg(call, "axis")
            if string_value(getattr(kwarg(call, "missing_values"), "value", None)) in ("NaN", "nan"):
                call = remove_kwarg(call, "missing_values")
        for param in _VALUE_RENAMES:
            arg = kwarg(call, param)
            new = renamed_value(param, string_value(arg.value), name) if arg is not None else None
            if new is not None:
                call = set_kwarg_value(call, param, new)
        return call

    def _scorer_squared(self, call: cst.Call) -> cst.Call:
        """make_scorer(mean_squared_error, squared=False): the scorer passed squared= to the metric at every
        score (removed in 1.6: each fit's score became nan, silently); root_mean_squared_error (1.4) is it."""
        flag = kwarg(call, "squared")
        pos = positional(call)
        metric = kwarg(call, "score_func") or (pos[0] if pos else None)
        path = dotted(metric.value) if metric is not None and flag is not None else None
        if path is None or path.rsplit(".", 1)[-1] not in ("mean_squared_error", "mean_squared_log_error"):
            return call
        if m.matches(flag.value, m.Name("True")):
            return remove_kwarg(call, "squared")
        if not m.matches(flag.value, m.Name("False")):
            return call
        root = "root_" + path.rsplit(".", 1)[-1]
        func = metric.value.with_changes(attr=cst.Name(root)) if isinstance(metric.value, cst.Attribute) else \
            cst.Name(self.need_name("sklearn.metrics", root))
        call = remove_kwarg(call, "squared")
        return call.with_changes(args=[a.with_changes(value=func) if a is metric or (
            a.keyword is None and a.value is metric.value) else a for a in call.args])


# callable -> (positional parameters it still takes, the names its positional arguments had before scikit-learn
# 1.0 made the rest keyword-only), for every public callable whose positional use changed: generated by
# scripts/sklearn_positional_table.py from the signatures of 0.18, 0.20 and 0.22 (the leading parameters all three
# agree on) and the locked version's. The names are today's spellings where the catalogue records a rename
# (base_estimator -> estimator, n_iter -> max_iter); a parameter removed since keeps its old name, which the
# removed-parameter rules then drop or translate.
_KEYWORD_ONLY: dict[str, tuple[int, tuple[str, ...]]] = {
    name: (keeps, tuple(old))
    for name, (keeps, old) in json.loads((Path(__file__).with_name("sklearn_positional.json")).read_text()).items()
}


_CALL = re.compile(r"\b([A-Za-z_]\w*)\(")
def _too_many_positional(code: str) -> bool:
    """Whether some call of a _KEYWORD_ONLY callable passes more positional arguments than it still takes."""
    for call in _CALL.finditer(code):
        if call[1] not in _KEYWORD_ONLY:
            continue
        if passes_more(code, call.end(), _KEYWORD_ONLY[call[1]][0]):
            return True
    return False


@rule(
    "sklearn-keyword-only-args",
    library="scikit-learn",
    changed_in="scikit-learn 1.0 (0.23 deprecated positional use); MLPRegressor 1.7",
    rationale="estimators' and metrics' arguments after the first one or two became keyword-only (RFE(model, 5), "
    "SelectKBest(chi2, 10), confusion_matrix(y, p, labels), compute_class_weight('balanced', classes, y)); the "
    "positional arguments are given the names they had, and MLPRegressor's hidden_layer_sizes no longer lands in "
    "the new loss parameter.",
    pattern=r"\b(" + "|".join(sorted(_KEYWORD_ONLY)) + r")\(",
    prefilter=_too_many_positional,
    signatures=(("TypeError", r"takes \d+ positional arguments? but \d+ (were|was) given|takes from \d+ to \d+ positional"
                 r"|too many positional arguments"),),
    examples=(
        ("from sklearn.feature_selection import RFE\nsel = RFE(model, 5, step=2)",
         "from sklearn.feature_selection import RFE\nsel = RFE(model, n_features_to_select=5, step=2)"),
        ("from sklearn.feature_selection import SelectKBest, chi2\nsk = SelectKBest(chi2, 10)",
         "from sklearn.feature_selection import SelectKBest, chi2\nsk = SelectKBest(chi2, k=10)"),
        ("from sklearn.utils import class_weight\nw = class_weight.compute_class_weight('balanced', np.unique(y), y)",
         "from sklearn.utils import class_weight\nw = class_weight.compute_class_weight('balanced', classes=np.unique(y), y=y)"),
        ("from sklearn import metrics\ncm = metrics.confusion_matrix(y, p, [0, 1])",
         "from sklearn import metrics\ncm = metrics.confusion_matrix(y, p, labels=[0, 1])"),
        ("from sklearn.neural_network import MLPRegressor\nm = MLPRegressor((64, 32), 'relu', max_iter=500)",
         "from sklearn.neural_network import MLPRegressor\nm = MLPRegressor(hidden_layer_sizes=(64, 32), activation='relu', max_iter=500)"),
        ("from sklearn.svm import SVC\nm = SVC(C=1.0)\nk = SVC(1.0)", "from sklearn.svm import SVC\nm = SVC(C=1.0)\nk = SVC(C=1.0)"),
        ("from sklearn.decomposition import PCA\np = PCA(2)", "from sklearn.decomposition import PCA\np = PCA(2)"),
        ("def confusion_matrix(a, b, c):\n    pass\ncm = confusion_matrix(y, p, [0, 1])",
         "def confusion_matrix(a, b, c):\n    pass\ncm = confusion_matrix(y, p, [0, 1])"),
    ),
)
class KeywordOnlyArgs(RuleTransformer):
    def _is_sklearn(self, call: cst.Call, name: str) -> bool:
        if isinstance(call.func, cst.Name):
            return self.ctx.imported.get(name, "").startswith("sklearn") and f"def {name}(" not in self.ctx.text
        head = (dotted(call.func) or "").split(".")[0]
        return bool(head) and (head == "sklearn" or self.ctx.imported.get(head, "").startswith("sklearn"))

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name not in _KEYWORD_ONLY or any(a.star for a in updated.args) or not self._is_sklearn(updated, name):
            return updated
        allowed, old = _KEYWORD_ONLY[name]
        pos = positional(updated)
        if len(pos) <= allowed or len(pos) > len(old) or any(kwarg(updated, n) is not None for n in old[allowed:len(pos)]):
            return updated
        names = {id(a): old[i] for i, a in enumerate(pos) if i >= allowed}
        equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        return updated.with_changes(args=[
            a.with_changes(keyword=cst.Name(names[id(a)]), equal=equal) if id(a) in names else a for a in updated.args
        ])


@rule(
    "sklearn-discarded-fit-transform",
    library="scikit-learn",
    changed_in="scikit-learn 1.0+ (Pipeline.fit_transform only exists when the last step can transform)",
    rationale="a Pipeline ending in a classifier has no fit_transform any more; a fit_transform(...) whose "
    "result is thrown away only fits, so it becomes fit(...).",
    needles=("fit_transform",),
    pattern=r"(?m)^[ \t]*[\w.\[\]'\"]+\.fit_transform\(",
    signatures=(("AttributeError", r"has no attribute 'fit_transform'"),),
    examples=(
        (
            "for a, b in folds:\n    clf.fit_transform(X[a], y[a])\n    p = clf.predict(X[b])",
            "for a, b in folds:\n    clf.fit(X[a], y[a])\n    p = clf.predict(X[b])",
        ),
        ("Xt = vect.fit_transform(docs)", "Xt = vect.fit_transform(docs)"),
    ),
)
class DiscardedFitTransform(RuleTransformer):
    def leave_Expr(self, original, updated):
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(attr=m.Name("fit_transform")))):
            return updated
        if "def fit_transform" in self.ctx.text:  # the notebook's own transformer: it may have no fit
            return updated
        return updated.with_changes(value=call.with_changes(func=call.func.with_changes(attr=cst.Name("fit"))))
