"""catboost: parameters renamed and members removed between 0.5 and 1.2, found by reading the Python package of
0.6.3-0.24.4 against 1.2.10 (scripts/signature_diff.py --dirs) and the release notes.

calc_feature_importance, feature_importance_, get_feature_importance(X, y) and task_type='GPU' are
catboost-removed-api's (boosting_rules.py); the keyword renames of single methods (predict_proba(data=),
grid_search(fold_count=)) are catalogue fixes.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    kwarg,
    module_call,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_like,
    string_value,
)

_ESTIMATORS = ("CatBoost", "CatBoostClassifier", "CatBoostRegressor", "CatBoostRanker")
# training parameters renamed with the same meaning: 0.5 (gradient_iterations), 0.11 (fold_permutation_block_size),
# 0.15.2 (efb_max_conflict_fraction), 0.16.3 (per_float_feature_binarization)
_RENAMED = {"gradient_iterations": "leaf_estimation_iterations",
            "fold_permutation_block_size": "fold_permutation_block",
            "efb_max_conflict_fraction": "sparse_features_conflict_fraction",
            "per_float_feature_binarization": "per_float_feature_quantization"}
# enum values renamed: boosting_type 'Dynamic' (0.6.3), score_function 'Correlation' (0.15.2)
_VALUES = {"boosting_type": {"Dynamic": "Ordered"}, "score_function": {"Correlation": "Cosine"}}
# until 0.15 Logloss took the label binarization border as its own parameter; it is target_border now
_LOGLOSS_BORDER = re.compile(r"^Logloss:[Bb]order=(?P<border>[0-9.eE+-]+)$")


def _border(value: cst.BaseExpression | None) -> str | None:
    found = _LOGLOSS_BORDER.match(string_value(value) or "") if value is not None else None
    return found["border"] if found else None


@rule(
    "catboost-renamed-parameters",
    library="catboost",
    changed_in="catboost 0.5-0.16",
    rationale="training parameters renamed with the same meaning: gradient_iterations is leaf_estimation_iterations, "
    "fold_permutation_block_size fold_permutation_block, efb_max_conflict_fraction sparse_features_conflict_fraction, "
    "per_float_feature_binarization per_float_feature_quantization, Pool's query_id group_id; boosting_type "
    "'Dynamic' is 'Ordered' and score_function 'Correlation' 'Cosine'; loss_function 'Logloss:border=b' is "
    "loss_function 'Logloss' with target_border=b. Keywords of the estimators, Pool, dict() and set_params, and "
    "the keys of a params dict, are renamed.",
    pattern=r"\b(" + "|".join(_RENAMED) + r"|query_id)\b|Dynamic|Correlation|Logloss:[Bb]order",
    gate=lambda ctx, code: "catboost" in ctx.text,
    signatures=(
        ("TypeError", r"unexpected keyword argument '(" + "|".join(_RENAMED) + r"|query_id)'"),
        ("CatBoostError", r"Key '(Dynamic|Correlation)' not found|Metric parameter 'border'|Unknown option \{("
         + "|".join(_RENAMED) + r")\}"),
    ),
    examples=(
        ("from catboost import CatBoostClassifier, Pool\n"
         "m = CatBoostClassifier(gradient_iterations=4, boosting_type='Dynamic', loss_function='Logloss:border=0.5')\n"
         "p = Pool(X, y, query_id=q)",
         "from catboost import CatBoostClassifier, Pool\n"
         "m = CatBoostClassifier(leaf_estimation_iterations=4, boosting_type='Ordered', loss_function='Logloss', "
         "target_border=0.5)\np = Pool(X, y, group_id=q)"),
        ("import catboost as cb\nparams = {'loss_function': 'Logloss:Border=0.3', 'efb_max_conflict_fraction': 0.1, "
         "\"score_function\": \"Correlation\"}\nr = cb.cv(cb.Pool(X, y), params)\n"
         "reg = cb.CatBoostRegressor(per_float_feature_binarization=['0:border_count=1024'], fold_permutation_block_size=2)",
         "import catboost as cb\nparams = {'loss_function': 'Logloss', 'target_border': 0.3, "
         "'sparse_features_conflict_fraction': 0.1, \"score_function\": \"Cosine\"}\nr = cb.cv(cb.Pool(X, y), params)\n"
         "reg = cb.CatBoostRegressor(per_float_feature_quantization=['0:border_count=1024'], fold_permutation_block=2)"),
        # another library's Pool and settings keep their spellings
        ("import catboost\nfrom multiprocessing import Pool\np = Pool(4)\ncfg = {'mode': 'Dynamic', 'query_id': 3}",
         "import catboost\nfrom multiprocessing import Pool\np = Pool(4)\ncfg = {'mode': 'Dynamic', 'query_id': 3}"),
    ),
)
class CatboostRenamedParameters(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name not in (*_ESTIMATORS, "Pool", "dict", "set_params"):
            return updated
        if name == "Pool":  # catboost's, not multiprocessing's
            func = updated.func
            ours = func.value.value in self.ctx.module_names("catboost") if isinstance(func, cst.Attribute) and \
                isinstance(func.value, cst.Name) else self.ctx.imported.get("Pool", "").startswith("catboost")
            return rename_kwarg(updated, "query_id", "group_id") if ours else updated
        for old, new in _RENAMED.items():
            if kwarg(updated, old) is not None:
                updated = rename_kwarg(updated, old, new)
        for key, renames in _VALUES.items():
            given = kwarg(updated, key)
            if given is not None and string_value(given.value) in renames:
                updated = set_kwarg_value(updated, key, string_like(given.value, renames[string_value(given.value)]))
        loss = kwarg(updated, "loss_function")
        border = _border(loss.value) if loss is not None else None
        if border is not None and kwarg(updated, "target_border") is None:
            updated = add_kwarg(set_kwarg_value(updated, "loss_function", string_like(loss.value, "Logloss")),
                                "target_border", border)
        return updated

    def leave_Dict(self, original, updated):
        elements, changed = [], False
        for e in updated.elements:
            key = string_value(getattr(e, "key", None))
            if key in _RENAMED:
                e, changed = e.with_changes(key=string_like(e.key, _RENAMED[key])), True
            elif key in _VALUES and string_value(e.value) in _VALUES[key]:
                e, changed = e.with_changes(value=string_like(e.value, _VALUES[key][string_value(e.value)])), True
            elif key == "loss_function" and _border(e.value) is not None:
                border = _border(e.value)  # the new element takes the old one's comma, whatever followed it
                elements.append(e.with_changes(value=string_like(e.value, "Logloss"),
                                               comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
                e, changed = e.with_changes(key=string_like(e.key, "target_border"), value=cst.parse_expression(border)), True
            elements.append(e)
        if not changed:
            return updated
        for i in range(len(elements) - 1):
            if elements[i].comma is cst.MaybeSentinel.DEFAULT:
                elements[i] = elements[i].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(elements=elements)


# attribute -> what it became: 0.10 turned the attributes into methods (sklearn's checks read trailing-underscore
# attributes as fitted state), 0.15.2 renamed get_feature_statistics
_MEMBERS = {"is_fitted_": "is_fitted()", "metadata_": "get_metadata()",
            "get_feature_statistics": "calc_feature_statistics"}
# KeyError key -> today's: best_score_ / evals_result_ name a single eval set 'validation' since 0.15 (two or more
# are still validation_0, validation_1, so the key is missing only where one was given); the prettified importance
# table's 'Feature Index' column (the feature names) is 'Feature Id' since 0.16.3
_KEYS = {"validation_0": "validation", "Feature Index": "Feature Id"}
_CV_LOSS = "loss_function should be specified for cross-validation"


@rule(
    "catboost-removed-members",
    library="catboost",
    changed_in="catboost 0.10-0.23.1",
    rationale="is_fitted_ and metadata_ became is_fitted() and get_metadata() and CatBoost(model_file=f) "
    "CatBoost().load_model(f) (0.10); get_feature_statistics became calc_feature_statistics (0.15.2); with one "
    "eval set, best_score_ and evals_result_ name it 'validation', not 'validation_0' (0.15); the prettified "
    "importance table's 'Feature Index' column is 'Feature Id' (0.16.3); cv() requires loss_function (0.23.1), "
    "which was RMSE, the training options' default, when left out.",
    pattern=r"is_fitted_|metadata_|get_feature_statistics|model_file|validation_0|Feature Index|\bcv\(",
    gate=lambda ctx, code: "catboost" in ctx.text,
    signatures=(
        ("AttributeError", r"object has no attribute '(is_fitted_|metadata_|get_feature_statistics)'"),
        ("TypeError", r"unexpected keyword argument 'model_file'"),
        ("KeyError", r"^'(validation_0|Feature Index)'$"),
        ("CatBoostError", _CV_LOSS),
    ),
    examples=(
        ("from catboost import CatBoost, CatBoostClassifier\nclf = CatBoostClassifier()\nok = clf.is_fitted_\n"
         "meta = clf.metadata_\ns = clf.get_feature_statistics(X, y, 0)\nm = CatBoost(model_file='model.cbm')",
         "from catboost import CatBoost, CatBoostClassifier\nclf = CatBoostClassifier()\nok = clf.is_fitted()\n"
         "meta = clf.get_metadata()\ns = clf.calc_feature_statistics(X, y, 0)\nm = CatBoost().load_model('model.cbm')"),
        # a name not bound to a CatBoost model keeps its attributes outside the failing line
        ("import catboost\nok = est.is_fitted_\nb = model.best_score_['validation_0']",
         "import catboost\nok = est.is_fitted_\nb = model.best_score_['validation_0']"),
    ),
    error_examples=(
        ("KeyError: 'validation_0'", 2, "import catboost\nprint(model.best_score_['validation_0']['Logloss'])",
         "import catboost\nprint(model.best_score_['validation']['Logloss'])"),
        ("KeyError: 'Feature Index'", 2, "import catboost\nfi = m.get_feature_importance(prettified=True)['Feature Index']",
         "import catboost\nfi = m.get_feature_importance(prettified=True)['Feature Id']"),
        ("CatBoostError: Parameter loss_function should be specified for cross-validation", 2,
         "import catboost as cb\nscores = cb.cv(pool, params, fold_count=3)",
         "import catboost as cb\nscores = cb.cv(pool, {'loss_function': 'RMSE', **params}, fold_count=3)"),
        ("CatBoostError: Parameter loss_function should be specified for cross-validation", 2,
         "from catboost import cv\nscores = cv(params={'iterations': 100, 'depth': 4}, pool=pool)",
         "from catboost import cv\nscores = cv(params={'iterations': 100, 'depth': 4, 'loss_function': 'RMSE'}, pool=pool)"),
        ("AttributeError: 'CatBoostClassifier' object has no attribute 'is_fitted_'", 2,
         "import catboost\nassert models['cb'].is_fitted_", "import catboost\nassert models['cb'].is_fitted()"),
    ),
)
class CatboostRemovedMembers(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # the failing line, for what only the error tells

    def _model(self, node) -> bool:
        return isinstance(node, cst.Name) and self.ctx.models.get(node.value, "") in _ESTIMATORS

    def leave_Attribute(self, original, updated):
        new = _MEMBERS.get(updated.attr.value)
        if new is None or not (self._model(updated.value) or self.on_own_error_line(original)):
            return updated
        if new.endswith("()"):
            return cst.Call(updated.with_changes(attr=cst.Name(new[:-2])))
        return updated.with_changes(attr=cst.Name(new))

    def leave_Call(self, original, updated):
        if callee_name(updated) == "CatBoost" and len(updated.args) == 1 and kwarg(updated, "model_file") is not None:
            # the only argument: CatBoost(params, model_file=f) set params that load_model (1.2) now clears
            loaded = cst.Call(updated.func, args=[])
            return cst.Call(cst.Attribute(loaded, cst.Name("load_model")),
                            args=[cst.Arg(kwarg(updated, "model_file").value)])
        if self.ctx.error is not None and _CV_LOSS in self.ctx.error.evalue and self.on_own_error_line(original) \
                and module_call(updated, self.ctx, "catboost") == "cv":
            return self._with_loss(updated)
        return updated

    def _with_loss(self, call: cst.Call) -> cst.Call:
        """cv(pool, params) -> cv(pool, {'loss_function': 'RMSE', **params}): the loss 0.23 and before trained."""
        given = kwarg(call, "params") or (positional(call)[1] if len(positional(call)) > 1 else None)
        if given is None:
            return call
        value = given.value
        if isinstance(value, cst.Dict):
            if any(string_value(getattr(e, "key", None)) == "loss_function" for e in value.elements):
                return call
            head = code_of(value)[:-1].rstrip().rstrip(",")
            new = cst.parse_expression(head + (", " if value.elements else "") + "'loss_function': 'RMSE'}")
        else:
            new = cst.parse_expression(f"{{'loss_function': 'RMSE', **{code_of(value)}}}")
        return call.with_changes(args=[a.with_changes(value=new) if a is given else a for a in call.args])

    def leave_SimpleString(self, original, updated):
        key = string_value(updated)
        if key in _KEYS and self.ctx.error is not None and self.ctx.error.evalue == repr(key) \
                and self.on_own_error_line(original):
            return string_like(updated, _KEYS[key])
        return updated


# --------------------------------------------------------------------------- a pandas Index as the feature list

_FEATURE_LISTS = ("cat_features", "text_features", "embedding_features")
_SEQUENCE = "feature names should be a sequence, but got"


def _surely_index(node: cst.BaseExpression) -> bool:
    """``X.columns``, ``X.select_dtypes(...).columns``, ``df.index``, ``X.columns[mask]``: a pandas Index."""
    while isinstance(node, cst.Subscript):
        node = node.value
    return isinstance(node, cst.Attribute) and node.attr.value in ("columns", "index")


@rule(
    "catboost-feature-index",
    library="catboost",
    changed_in="catboost 0.26 (_get_features_indices requires a Sequence or an ndarray)",
    rationale="until then cat_features / text_features / embedding_features were only iterated (each name "
    "turned into its column's position), so a pandas Index such as X.select_dtypes('object').columns worked; "
    "the check added since refuses it, an Index not being a collections.abc.Sequence. list(...) of it "
    "iterates the same names in the same order.",
    pattern=r"(cat|text|embedding)_features\s*=",
    gate=lambda ctx, code: "catboost" in ctx.text,
    signatures=(("CatBoostError", _SEQUENCE),),
    examples=(
        ("from catboost import CatBoostClassifier\nm = CatBoostClassifier()\n"
         "m.fit(X, y, cat_features=X.select_dtypes(['object', 'str']).columns, verbose=0)",
         "from catboost import CatBoostClassifier\nm = CatBoostClassifier()\n"
         "m.fit(X, y, cat_features=list(X.select_dtypes(['object', 'str']).columns), verbose=0)"),
        ("from catboost import Pool\np = Pool(X, y, cat_features=X.columns[X.dtypes == object], "
         "text_features=['review'])",
         "from catboost import Pool\np = Pool(X, y, cat_features=list(X.columns[X.dtypes == object]), "
         "text_features=['review'])"),
    ),
    error_examples=(
        ("CatBoostError: feature names should be a sequence, but got Index(['a', 'b'], dtype='object')", 2,
         "import catboost\nmodel.fit(train, y, cat_features=cats, eval_set=(val, yv))",
         "import catboost\nmodel.fit(train, y, cat_features=list(cats), eval_set=(val, yv))"),
    ),
)
class CatboostFeatureIndex(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # on the error: the feature list of the failing statement

    def leave_Arg(self, original, updated):
        if updated.keyword is None or updated.keyword.value not in _FEATURE_LISTS:
            return updated
        value = updated.value
        if isinstance(value, (cst.List, cst.Tuple, cst.ListComp)) or \
                (isinstance(value, cst.Call) and callee_name(value) in ("list", "tuple")):
            return updated  # already a sequence
        if _surely_index(value) or (self.ctx.error is not None and _SEQUENCE in self.ctx.error.evalue
                                    and self.on_own_error_line(original)):
            return updated.with_changes(value=cst.Call(cst.Name("list"), [cst.Arg(value)]))
        return updated


# The methods whose plot=True draws the training curves in catboost's MetricVisualizer, a Jupyter widget.
_WIDGET_PLOTS = ("fit", "cv", "grid_search", "randomized_search", "select_features", "eval_metrics")
_NO_WIDGETS = "No module named 'ipywidgets'"


@rule(
    "catboost-plot-widget",
    library="catboost",
    changed_in="the fixed environment (no ipywidgets; Kaggle's image had it)",
    rationale="plot=True of fit, cv, grid_search, randomized_search, select_features and eval_metrics draws the "
    "metric curves live in catboost's MetricVisualizer, an ipywidgets widget; without ipywidgets the call raises "
    "ImportError before training. The widget only shows the curves the training writes anyway (and a notebook "
    "run headless never displays it): without plot= the same model is trained and every number is the same.",
    pattern=r"\bplot\s*=",
    gate=lambda ctx, code: "catboost" in ctx.text,
    signatures=(("ImportError", re.escape(_NO_WIDGETS)),),
    examples=(
        ("import catboost\nmodel = catboost.CatBoostRegressor(n_estimators=3000)\n"
         "model.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=100, plot=True)",
         "import catboost\nmodel = catboost.CatBoostRegressor(n_estimators=3000)\n"
         "model.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=100)"),
        ("from catboost import cv, Pool\nscores = cv(Pool(X, y), params, fold_count=5, plot=True)",
         "from catboost import cv, Pool\nscores = cv(Pool(X, y), params, fold_count=5)"),
        # plotly draws the feature statistics (no widget); scipy's plot= is an axes
        ("import catboost\nstats = model.calc_feature_statistics(X, y, feature=0, plot=True)",
         "import catboost\nstats = model.calc_feature_statistics(X, y, feature=0, plot=True)"),
        ("import catboost\nimport scipy.stats as st\nst.probplot(x, plot=plt)",
         "import catboost\nimport scipy.stats as st\nst.probplot(x, plot=plt)"),
    ),
    error_examples=(
        (f"ImportError: {_NO_WIDGETS}", 2, "import catboost\nmodel.fit(X, y, plot=show_curves)",
         "import catboost\nmodel.fit(X, y)"),
    ),
)
class CatboostPlotWidget(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # on the error: any plot= of the failing statement

    def leave_Call(self, original, updated):
        if callee_name(updated) not in _WIDGET_PLOTS or (arg := kwarg(updated, "plot")) is None:
            return updated
        literal_true = isinstance(arg.value, cst.Name) and arg.value.value == "True"
        if literal_true or (self.ctx.error is not None and _NO_WIDGETS in self.ctx.error.evalue
                            and self.on_own_error_line(original)):
            return remove_kwarg(updated, "plot")
        return updated
