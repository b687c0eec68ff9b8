"""scikit-learn: moved modules, the pre-0.18 cross-validation objects, removed and renamed parameters."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
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

_MODULES = {
    "sklearn.cross_validation": "sklearn.model_selection",
    "sklearn.grid_search": "sklearn.model_selection",
    "sklearn.learning_curve": "sklearn.model_selection",
    "sklearn.externals.joblib": "joblib",
    "sklearn.externals.six": "six",
    "sklearn.feature_extraction.stop_words": "sklearn.feature_extraction.text",
}
# Private module paths (sklearn 0.22 made them private, 0.24 removed them): the public package.
for _private in (
    "ensemble.gradient_boosting ensemble.forest ensemble.weight_boosting ensemble.bagging ensemble.voting "
    "ensemble.iforest linear_model.base linear_model.logistic linear_model.ridge linear_model.coordinate_descent "
    "linear_model.stochastic_gradient linear_model.least_angle tree.tree svm.classes neighbors.classification "
    "neighbors.regression neighbors.base metrics.scorer metrics.classification metrics.regression metrics.ranking "
    "preprocessing.data preprocessing.label feature_selection.univariate_selection decomposition.pca "
    "cluster.k_means_ naive_bayes.naive_bayes feature_extraction.text_ model_selection._split_"
).split():
    _MODULES[f"sklearn.{_private}"] = "sklearn." + _private.split(".")[0]

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
}
_PLOT_FUNCS = {
    "plot_confusion_matrix": "ConfusionMatrixDisplay",
    "plot_roc_curve": "RocCurveDisplay",
    "plot_precision_recall_curve": "PrecisionRecallDisplay",
}


def _module_node(name: str) -> cst.BaseExpression:
    return cst.parse_expression(name)


@rule(
    "sklearn-moved-modules",
    library="scikit-learn",
    changed_in="scikit-learn 0.20-0.24",
    rationale="sklearn.cross_validation, grid_search and learning_curve merged into sklearn.model_selection, "
    "private module paths and sklearn.externals.joblib were removed, Imputer became impute.SimpleImputer.",
    needles=("sklearn",),
    pattern=r"cross_validation|stop_words|\.(gradient_boosting|forest|weight_boosting|base|logistic|tree)\.|sklearn\.pipeline import.*(BaseEstimator|Mixin|clone)|grid_search|learning_curve|externals|Imputer|sklearn\.(lda|qda)|jaccard_similarity|plot_(confusion_matrix|roc_curve|precision_recall_curve)|sklearn\.\w+\.\w+",
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
        if name in _PLOT_FUNCS and self.ctx.imported.get(name, "").startswith("sklearn.metrics"):
            return updated.with_changes(func=cst.parse_expression(f"{_PLOT_FUNCS[name]}.from_estimator"))
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
    "BayesianRidge",
    "ARDRegression",
    "RidgeClassifier",
    "RidgeClassifierCV",
}
_VALUE_RENAMES = {
    "criterion": {"mse": "squared_error", "mae": "absolute_error"},
    "loss": {"ls": "squared_error", "lad": "absolute_error", "deviance": "log_loss", "log": "log_loss"},
    "max_features": {"auto": None},
    "algorithm": {"auto": "lloyd", "full": "lloyd"},
    "penalty": {"none": None},
}


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
    ),
    pattern=r"""squared\s*=|normalize\s*=|min_impurity_split|presort|\biid\s*=|sparse\s*=|base_estimator|criterion\s*=\s*['"]ma?[es]e|loss\s*=\s*['"](ls|lad|deviance|log)['"]|max_features\s*=\s*['"]auto|algorithm\s*=\s*['"](SAMME|auto|full)|multi_class|(SGD\w*|Perceptron|PassiveAggressive\w*|TSNE)\([^)]*n_iter|affinity|Imputer\(|penalty\s*=\s*['"]none|precompute_distances|KMeans\([^)]*n_jobs|categorical_features|n_values|fit_params|get_feature_names\(|KFold\(.*random_state""",
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
    ),
)
class RemovedParams(RuleTransformer):
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
        if not name[:1].isupper() and name not in ("cross_val_score", "cross_validate", "cross_val_predict"):
            return updated
        call = updated
        if name in _NORMALIZE:
            call = remove_kwarg(call, "normalize")
        for gone in ("min_impurity_split", "presort", "precompute_distances", "categorical_features", "n_values"):
            call = remove_kwarg(call, gone)
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
        if name in ("BaggingClassifier", "BaggingRegressor", "AdaBoostClassifier", "AdaBoostRegressor"):
            call = rename_kwarg(call, "base_estimator", "estimator")
        if name == "AdaBoostClassifier":
            call = remove_kwarg(call, "algorithm")
        if name == "LogisticRegression":
            call = remove_kwarg(call, "multi_class")
        if name in ("SGDClassifier", "SGDRegressor", "Perceptron", "PassiveAggressiveClassifier", "TSNE"):
            call = rename_kwarg(call, "n_iter", "max_iter")
        if name == "AgglomerativeClustering":
            call = rename_kwarg(call, "affinity", "metric")
        if name in ("cross_val_score", "cross_validate", "cross_val_predict"):
            call = rename_kwarg(call, "fit_params", "params")
        if name in ("Imputer", "SimpleImputer"):
            call = remove_kwarg(call, "axis")
            if string_value(getattr(kwarg(call, "missing_values"), "value", None)) in ("NaN", "nan"):
                call = remove_kwarg(call, "missing_values")
        for param, renames in _VALUE_RENAMES.items():
            arg = kwarg(call, param)
            value = string_value(arg.value) if arg is not None else None
            if value not in renames or (param == "algorithm" and name != "KMeans"):
                continue
            new = renames[value]
            if param == "max_features":
                new = "'sqrt'" if "Classifier" in name else "1.0"
            elif param == "penalty":
                new = "None"
            else:
                new = repr(new)
            call = set_kwarg_value(call, param, new)
        return call


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
