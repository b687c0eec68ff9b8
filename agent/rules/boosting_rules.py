"""xgboost and lightgbm: removed objectives and fit() keywords."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
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

_OBJECTIVES = {"reg:linear": "reg:squarederror", "binary:logitraw_": "binary:logitraw", "gpu_hist": "hist",
               "gpu_exact": "exact"}
_XGB_PREDICT = ("predict", "predict_proba", "inplace_predict", "apply")
_XGB_FIT_MOVED = ("early_stopping_rounds", "eval_metric", "callbacks")
# xgboost 1.3 made the callbacks classes (the functions were removed in 1.6): function -> (class, its keywords
# for the function's positional parameters; None drops one: early_stop's verbose only printed)
_XGB_CALLBACKS = {"print_evaluation": ("EvaluationMonitor", ("period", "show_stdv")),
                  "early_stop": ("EarlyStopping", ("rounds", "maximize", None)),
                  "reset_learning_rate": ("LearningRateScheduler", ("learning_rates",))}
_OLD_CALLBACK_KEYWORDS = {"stopping_rounds": "rounds", "learning_rates": "learning_rates", "period": "period",
                          "show_stdv": "show_stdv", "maximize": "maximize", "verbose": None}


@rule(
    "xgboost-removed-api",
    library="xgboost",
    changed_in="xgboost 1.0-2.0",
    rationale="objective 'reg:linear' became 'reg:squarederror', use_label_encoder and silent were removed, "
    "fit(early_stopping_rounds=, eval_metric=, callbacks=) moved to the estimator (set via set_params), "
    "predict(ntree_limit=n) became iteration_range=(0, n) and best_ntree_limit best_iteration + 1, booster() "
    "get_booster(), train/cv(feval=) custom_metric=, train(learning_rates=) the LearningRateScheduler callback "
    "(a schedule function took the round and the number of rounds; the callback passes the round), and the "
    "GPU-only tree_method 'gpu_hist' and gpu_id= are 'hist' and dropped on the CPU build; the callback "
    "functions print_evaluation, early_stop and reset_learning_rate (a list of rates) are the classes "
    "EvaluationMonitor, EarlyStopping and LearningRateScheduler.",
    needles=("reg:linear", "use_label_encoder", "silent", "early_stopping_rounds", "eval_metric", "callbacks",
             "ntree_limit", "booster()", "gpu_", "feval", "learning_rates", "print_evaluation", "early_stop(",
             "reset_learning_rate"),
    signatures=(
        ("TypeError", r"fit\(\) got an unexpected keyword argument '(early_stopping_rounds|eval_metric|callbacks)'"),
        ("TypeError", r"(predict|predict_proba)\(\) got an unexpected keyword argument 'ntree_limit'"),
        ("TypeError", r"(train|cv)\(\) got an unexpected keyword argument 'feval'"),
        ("TypeError", r"train\(\) got an unexpected keyword argument 'learning_rates'"),
        ("AttributeError", r"has no attribute 'best_ntree_limit'"),
        ("XGBoostError", r"reg:linear|gpu_hist|gpu_id"),
        ("AttributeError", r"module 'xgboost\.callback' has no attribute '(print_evaluation|early_stop|reset_learning_rate)'"),
    ),
    examples=(
        ("m = XGBRegressor(objective='reg:linear', silent=True)", "m = XGBRegressor(objective='reg:squarederror')"),
        (
            "m = xgb.XGBClassifier()\nm.fit(X, y, early_stopping_rounds=10, eval_set=[(a, b)])",
            "m = xgb.XGBClassifier()\nm.set_params(early_stopping_rounds=10).fit(X, y, eval_set=[(a, b)])",
        ),
        (
            "import xgboost as xgb\np = model.predict(dtest, ntree_limit=model.best_ntree_limit)\n"
            "q = clf.predict_proba(X, ntree_limit=50)\nn = model.best_ntree_limit",
            "import xgboost as xgb\np = model.predict(dtest, iteration_range=(0, model.best_iteration + 1))\n"
            "q = clf.predict_proba(X, iteration_range=(0, 50))\nn = (model.best_iteration + 1)",
        ),
        (
            "import xgboost as xgb\nparams = {'tree_method': 'gpu_hist', 'gpu_id': 0, 'eta': 0.1}\n"
            "b = xgb.train(params, d, 10, feval=f1)\nm = xgb.XGBRegressor(tree_method='gpu_hist', gpu_id=0)\n"
            "imp = m.booster().get_fscore()",
            "import xgboost as xgb\nparams = {'tree_method': 'hist', 'eta': 0.1}\n"
            "b = xgb.train(params, d, 10, custom_metric=f1)\nm = xgb.XGBRegressor(tree_method='hist')\n"
            "imp = m.get_booster().get_fscore()",
        ),
        (
            "import xgboost as xgb\ndef decay(i, n):\n    return 0.3 * (1 - i / n)\n"
            "b = xgb.train(p, d, 50, learning_rates=decay)\nc = xgb.train(p, d, learning_rates=[0.3] * 10)\n"
            "e = xgb.train(p, d, num_boost_round=20, learning_rates=lambda i, n: 0.1 if i < n / 2 else 0.05)",
            "import xgboost as xgb\ndef decay(i, n):\n    return 0.3 * (1 - i / n)\n"
            "b = xgb.train(p, d, 50, callbacks=[xgb.callback.LearningRateScheduler(lambda i: decay(i, 50))])\n"
            "c = xgb.train(p, d, callbacks=[xgb.callback.LearningRateScheduler([0.3] * 10)])\n"
            "e = xgb.train(p, d, num_boost_round=20, callbacks=[xgb.callback.LearningRateScheduler("
            "lambda i: (lambda i, n: 0.1 if i < n / 2 else 0.05)(i, 20))])",
        ),
        (
            "import xgboost as xgb\nb = xgb.train(p, d, 100, evals=w, callbacks=[xgb.callback.print_evaluation(10), "
            "xgb.callback.early_stop(5, verbose=False), xgb.callback.reset_learning_rate([0.3] * 100)])",
            "import xgboost as xgb\nb = xgb.train(p, d, 100, evals=w, callbacks=["
            "xgb.callback.EvaluationMonitor(period=10, show_stdv=True), xgb.callback.EarlyStopping(rounds=5), "
            "xgb.callback.LearningRateScheduler(learning_rates=[0.3] * 100)])",
        ),
    ),
)
class XgboostRemoved(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # read only for the failing line (framework._class_transform)

    def __init__(self, ctx):
        super().__init__(ctx)
        self.xgb = "xgboost" in ctx.text or "XGB" in ctx.text
        # "XGBClassifier.fit() got an unexpected keyword argument": the failing line's fit is an XGBoost
        # estimator's, whatever holds it (models['xgb'], a loop variable, self.clf)
        self.fit_named = bool(ctx.error and re.match(r"XGB\w*\.fit\(\)", ctx.error.evalue))

    def leave_Dict(self, original, updated):
        if not self.xgb or not any(string_value(getattr(e, "key", None)) == "gpu_id" for e in updated.elements):
            return updated
        kept = [e for e in updated.elements if string_value(getattr(e, "key", None)) != "gpu_id"]
        if kept:
            kept[-1] = kept[-1].with_changes(comma=updated.elements[-1].comma)
        return updated.with_changes(elements=kept)

    def leave_Attribute(self, original, updated):
        if self.xgb and updated.attr.value == "best_ntree_limit":
            return cst.parse_expression(f"({code_of(updated.value)}.best_iteration + 1)")
        return updated

    def leave_SimpleString(self, original, updated):
        value = string_value(updated)
        if value in ("gpu_hist", "gpu_exact") and not self.xgb:
            return updated
        if value in _OBJECTIVES:
            return cst.SimpleString(updated.value.replace(value, _OBJECTIVES[value]))
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if not self.xgb:
            return updated
        if name in _XGB_PREDICT and kwarg(updated, "ntree_limit") is not None:
            limit = kwarg(updated, "ntree_limit").value
            text = code_of(limit)
            if text.startswith("(") and text.endswith(".best_iteration + 1)"):  # best_ntree_limit, rewritten above
                text = text[1:-1]
            updated = set_kwarg_value(rename_kwarg(updated, "ntree_limit", "iteration_range"), "iteration_range",
                                      f"(0, {text})")
        if name in ("train", "cv") and kwarg(updated, "feval") is not None:
            updated = rename_kwarg(updated, "feval", "custom_metric")
        if name == "train" and kwarg(updated, "learning_rates") is not None:
            updated = self._scheduled(updated)
        if name in _XGB_CALLBACKS and isinstance(updated.func, cst.Attribute) and \
                (code_of(updated.func.value).endswith("callback")):
            return self._callback_class(updated, name)
        if name == "booster" and not updated.args and isinstance(updated.func, cst.Attribute):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("get_booster")))
        if name.startswith("XGB"):
            for gone in ("use_label_encoder", "silent", "gpu_id"):
                updated = remove_kwarg(updated, gone)
            return updated
        if name == "fit" and isinstance(updated.func, cst.Attribute) and (
                self._is_xgb(updated.func.value) or self.fit_named and self.on_error_line(original)):
            moved = [a for a in updated.args if a.keyword and a.keyword.value in _XGB_FIT_MOVED]
            if not moved:
                return updated
            rest = [a for a in updated.args if a not in moved]
            rest = [*rest[:-1], rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)] if rest else rest
            moved = [*moved[:-1], moved[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            setter = cst.Call(cst.Attribute(updated.func.value, cst.Name("set_params")), args=moved)
            return updated.with_changes(func=cst.Attribute(setter, cst.Name("fit")), args=rest)
        return updated

    def _callback_class(self, call: cst.Call, name: str) -> cst.Call:
        """xgb.callback.early_stop(5) -> xgb.callback.EarlyStopping(rounds=5): each argument by its keyword."""
        new, keywords = _XGB_CALLBACKS[name]
        given = positional(call)
        if not call.args or len(given) > len(keywords) or any(a.star for a in call.args) or any(
                a.keyword and a.keyword.value not in _OLD_CALLBACK_KEYWORDS for a in call.args):
            return call
        args = [(keywords[i], a.value) for i, a in enumerate(given)]
        args += [(_OLD_CALLBACK_KEYWORDS[a.keyword.value], a.value) for a in call.args if a.keyword]
        if name == "print_evaluation" and "show_stdv" not in dict(args):  # the function's default; the class's is False
            args.append(("show_stdv", cst.Name("True")))
        if name == "reset_learning_rate" and not isinstance(args[0][1], (cst.List, cst.BinaryOperation, cst.ListComp)):
            return call  # a schedule function took (round, rounds); the class passes the round only
        code = ", ".join(f"{k}={code_of(v)}" for k, v in args if k is not None)
        return cst.parse_expression(f"{code_of(call.func.value)}.{new}({code})")

    def _scheduled(self, call: cst.Call) -> cst.Call:
        """train(learning_rates=r) -> train(callbacks=[xgb.callback.LearningRateScheduler(r)]); a schedule
        function f(round, rounds) is called with the train call's number of rounds (10 when not given)."""
        modules = sorted(self.ctx.module_names("xgboost"))
        if not modules or kwarg(call, "callbacks") is not None:
            return call  # imported by its names only, or callbacks already given: the author's to merge
        rates = kwarg(call, "learning_rates").value
        schedule = code_of(rates)
        if isinstance(rates, cst.Lambda) or isinstance(rates, cst.Name) and re.search(
                rf"\bdef\s+{re.escape(rates.value)}\s*\(|\b{re.escape(rates.value)}\s*=\s*lambda\b", self.ctx.text):
            given = positional(call)
            rounds = kwarg(call, "num_boost_round")
            count = code_of(rounds.value) if rounds else code_of(given[2].value) if len(given) > 2 else "10"
            schedule = f"lambda i: {f'({schedule})' if isinstance(rates, cst.Lambda) else schedule}(i, {count})"
        call = remove_kwarg(call, "learning_rates")
        return add_kwarg(call, "callbacks", f"[{modules[0]}.callback.LearningRateScheduler({schedule})]")

    def _is_xgb(self, node) -> bool:
        if isinstance(node, cst.Name):
            return self.ctx.models.get(node.value, "").startswith("XGB")
        return m.matches(node, m.Call()) and (callee_name(node) or "").startswith("XGB")


_OPTUNA_TUNERS = ("train", "LightGBMTuner", "LightGBMTunerCV")


@rule(
    "lightgbm-fit-callbacks",
    library="lightgbm",
    changed_in="lightgbm 4.0",
    rationale="fit(early_stopping_rounds=, verbose=) and train/cv(early_stopping_rounds=, verbose_eval=, "
    "evals_result=, learning_rates=) were removed; the lgb.early_stopping, lgb.log_evaluation, "
    "lgb.record_evaluation and lgb.reset_parameter callbacks do the same. cv's show_stdv= only shaped the log "
    "lines verbose_eval asked for: it goes to log_evaluation, or is dropped where nothing was logged.",
    needles=("early_stopping_rounds", "verbose_eval", "verbose=", "evals_result=", "learning_rates=", "show_stdv="),
    prefilter=lambda code: re.search(r"lgb|lightgbm|LGBM", code) is not None,  # verbose= is everywhere
    signatures=(
        (
            "TypeError",
            r"(fit|train|cv)\(\) got an unexpected keyword argument '(early_stopping_rounds|verbose|verbose_eval|"
            r"evals_result|learning_rates|show_stdv)'",
        ),
    ),
    examples=(
        (
            "import lightgbm as lgb\nm = lgb.LGBMRegressor()\nm.fit(X, y, eval_set=[(a, b)], early_stopping_rounds=50, verbose=False)",
            "import lightgbm as lgb\nm = lgb.LGBMRegressor()\nm.fit(X, y, eval_set=[(a, b)], callbacks=[lgb.early_stopping(50, verbose=False)])",
        ),
        (
            "import lightgbm as lgb\nb = lgb.train(p, d, 100, valid_sets=[v], early_stopping_rounds=10, verbose_eval=20)",
            "import lightgbm as lgb\nb = lgb.train(p, d, 100, valid_sets=[v], callbacks=[lgb.early_stopping(10), lgb.log_evaluation(20)])",
        ),
        (
            "import lightgbm as lgb\nres = {}\nb = lgb.train(p, d, 100, valid_sets=[v], evals_result=res, verbose_eval=False)\n"
            "cv = lgb.cv(p, d, 100, nfold=5, early_stopping_rounds=20)",
            "import lightgbm as lgb\nres = {}\nb = lgb.train(p, d, 100, valid_sets=[v], callbacks=[lgb.record_evaluation(res)])\n"
            "cv = lgb.cv(p, d, 100, nfold=5, callbacks=[lgb.early_stopping(20)])",
        ),
        (
            "import lightgbm as lgb\ncv = lgb.cv(p, d, 100, nfold=5, verbose_eval=50, show_stdv=False)\n"
            "cv2 = lgb.cv(p, d, 100, nfold=5, show_stdv=True)",
            "import lightgbm as lgb\ncv = lgb.cv(p, d, 100, nfold=5, callbacks=[lgb.log_evaluation(50, show_stdv=False)])\n"
            "cv2 = lgb.cv(p, d, 100, nfold=5)",
        ),
        (  # None asked for no early stopping; a callbacks list of the notebook's own keeps its callbacks
            "import lightgbm as lgb\nm = lgb.LGBMClassifier()\nm.fit(X, y, early_stopping_rounds=None, verbose=10)\n"
            "b = lgb.train(p, d, valid_sets=[v], callbacks=[lgb.reset_parameter(learning_rate=f)], early_stopping_rounds=5)",
            "import lightgbm as lgb\nm = lgb.LGBMClassifier()\nm.fit(X, y, callbacks=[lgb.log_evaluation(10)])\n"
            "b = lgb.train(p, d, valid_sets=[v], callbacks=[lgb.reset_parameter(learning_rate=f), lgb.early_stopping(5)])",
        ),
        (  # imported by name: the callbacks need the module itself
            "from lightgbm import LGBMClassifier, train\nclf = LGBMClassifier()\nclf.fit(X, y, early_stopping_rounds=5)\n"
            "b = train(p, d, valid_sets=[v], verbose_eval=False)",
            "from lightgbm import LGBMClassifier, train\nclf = LGBMClassifier()\n"
            "import lightgbm\nclf.fit(X, y, callbacks=[lightgbm.early_stopping(5)])\nb = train(p, d, valid_sets=[v])",
        ),
        (  # optuna's LightGBM tuner, a drop-in lgb.train of 2020: the callbacks come from lightgbm itself
            "import optuna.integration.lightgbm as lgb\nb = lgb.train(p, d, valid_sets=[v], verbose_eval=100, early_stopping_rounds=50)",
            "import optuna.integration.lightgbm as lgb\nimport lightgbm\n"
            "b = lgb.train(p, d, valid_sets=[v], callbacks=[lightgbm.early_stopping(50), lightgbm.log_evaluation(100)])",
        ),
    ),
)
class LightgbmCallbacks(RuleTransformer):
    # The failing line's position: a fit whose receiver is not a known model (a chain, self.model, models[i])
    # is lightgbm's when the error names an LGBM estimator's fit.
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.modules = sorted(ctx.module_names("lightgbm"))
        self.import_needed = False
        self.error_fit = ctx.error is not None and re.search(r"\bLGBM\w*\.fit\(\)", ctx.error.evalue) is not None

    def _is_fit(self, original, func, name: str) -> bool:
        if name != "fit" or not isinstance(func, cst.Attribute):
            return False
        if m.matches(func.value, m.Name()) and self.ctx.models.get(func.value.value, "").startswith("LGBM"):
            return True
        return self.error_fit and self.spans_error_line(original)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        is_train = module_call(updated, self.ctx, "lightgbm") in ("train", "cv")  # lgb.train, or imported
        # optuna's stepwise tuner (import optuna.integration.lightgbm as lgb) took lgb.train's keywords: its callbacks too
        is_train = is_train or module_call(updated, self.ctx, "optuna.integration.lightgbm") in _OPTUNA_TUNERS \
            or module_call(updated, self.ctx, "optuna.integration") in _OPTUNA_TUNERS
        is_fit = not is_train and self._is_fit(original, updated.func, name)
        if not (is_train or is_fit):
            return updated
        stop, verbose = (
            kwarg(updated, "early_stopping_rounds"),
            kwarg(updated, "verbose_eval" if is_train else "verbose"),
        )
        record = kwarg(updated, "evals_result") if is_train else None
        rates = kwarg(updated, "learning_rates") if is_train else None
        show = kwarg(updated, "show_stdv") if is_train else None
        if stop is None and verbose is None and record is None and rates is None and show is None:
            return updated
        mod = self.modules[0] if self.modules else "lightgbm"
        callbacks = []
        if stop is not None and not m.matches(stop.value, m.Name("None")):  # None: no early stopping
            quiet = is_fit and verbose is not None and m.matches(verbose.value, m.Name("False"))
            callbacks.append(f"{mod}.early_stopping({code_of(stop.value)}{', verbose=False' if quiet else ''})")
        if verbose is not None and not m.matches(verbose.value, m.Name("False")):
            period = "1" if m.matches(verbose.value, m.Name("True")) else code_of(verbose.value)
            stdv = f", show_stdv={code_of(show.value)}" if show is not None else ""
            callbacks.append(f"{mod}.log_evaluation({period}{stdv})")
        if record is not None:
            callbacks.append(f"{mod}.record_evaluation({code_of(record.value)})")
        if rates is not None:
            callbacks.append(f"{mod}.reset_parameter(learning_rate={code_of(rates.value)})")
        call = updated
        for gone in (stop, verbose, record, rates, show):
            if gone is not None:
                call = remove_kwarg(call, gone.keyword.value)
        if not callbacks:
            return call
        given = kwarg(call, "callbacks")
        if given is not None:  # the notebook's own callbacks (a list written in the call) run too
            if not isinstance(given.value, cst.List):
                return call
            listed = ", ".join([*(code_of(e.value) for e in given.value.elements), *callbacks])
            return set_kwarg_value(call, "callbacks", f"[{listed}]")
        if not self.modules:
            self.modules, self.import_needed = ["lightgbm"], True  # bound once, before this statement
        return add_kwarg(call, "callbacks", "[" + ", ".join(callbacks) + "]")

    def leave_SimpleStatementLine(self, original, updated):
        # lightgbm imported by its names only (from lightgbm import LGBMClassifier): the callbacks need the module
        if not self.import_needed:
            return updated
        self.import_needed = False
        binding = cst.parse_statement("import lightgbm\n").with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel([binding, updated.with_changes(leading_lines=[])])


_LGB_CV_KEY = re.compile(r"^(?!train-|test-|valid )[\w@:]+-(mean|stdv)$")


@rule(
    "lightgbm-cv-keys",
    library="lightgbm",
    changed_in="lightgbm 4.0",
    rationale="lgb.cv's result keys gained the validation set's name: 'auc-mean' became 'valid auc-mean' "
    "(and '-stdv' likewise).",
    needles=("-mean'", '-mean"', "-stdv'", '-stdv"'),
    signatures=(("KeyError", r"^'[\w@:]+-(mean|stdv)'$"),),
    examples=(
        (
            "import lightgbm as lgb\nr = lgb.cv(p, d, 100, nfold=5)\nbest = len(r['auc-mean'])\nsd = r['auc-stdv'][-1]",
            "import lightgbm as lgb\nr = lgb.cv(p, d, 100, nfold=5)\nbest = len(r['valid auc-mean'])\n"
            "sd = r['valid auc-stdv'][-1]",
        ),
        ("import xgboost as xgb\nr = xgb.cv(p, d)\nb = r['test-auc-mean']", "import xgboost as xgb\nr = xgb.cv(p, d)\nb = r['test-auc-mean']"),
        ("from lightgbm import cv as lgb_cv\nr = lgb_cv(p, d)\nb = r['l2-mean']",
         "from lightgbm import cv as lgb_cv\nr = lgb_cv(p, d)\nb = r['valid l2-mean']"),
    ),
)
class LightgbmCvKeys(RuleTransformer):
    def __init__(self, ctx):
        super().__init__(ctx)
        by_name = "|".join(map(re.escape, ctx.aliases.get("lightgbm.cv", ())))  # from lightgbm import cv
        self.wanted = bool(ctx.names_for("lightgbm", ())) and re.search(r"\.cv\(", ctx.text) is not None or \
            bool(by_name) and re.search(rf"\b({by_name})\(", ctx.text) is not None

    def leave_SubscriptElement(self, original, updated):
        value = string_value(getattr(updated.slice, "value", None))
        if not self.wanted or value is None or not _LGB_CV_KEY.match(value):
            return updated
        return updated.with_changes(slice=updated.slice.with_changes(
            value=string_like(updated.slice.value, f"valid {value}")))


_CATBOOST = ("CatBoostClassifier", "CatBoostRegressor", "CatBoost")


@rule(
    "catboost-removed-api",
    library="catboost",
    changed_in="catboost 0.10-0.13; the fixed environment has no GPU",
    rationale="calc_feature_importance= was removed (importances are always computed), feature_importance_ became "
    "feature_importances_, get_feature_importance(X, y) lost its data arguments for the default importance type, "
    "and task_type='GPU' (with devices=) trains on the CPU here.",
    needles=("calc_feature_importance", "feature_importance_", "get_feature_importance(", "GPU"),
    signatures=(
        ("TypeError", r"unexpected keyword argument 'calc_feature_importance'"),
        ("AttributeError", r"object has no attribute 'feature_importance_'"),
        ("Exception", r"can't create enum <enum 'EFstrType'>"),
        ("CatBoostError", r"CUDA|GPU"),
    ),
    examples=(
        (
            "from catboost import CatBoostClassifier\nm = CatBoostClassifier(iterations=100, task_type='GPU', "
            "devices='0', calc_feature_importance=True)\nimp = m.feature_importance_\nfi = m.get_feature_importance(X, y)",
            "from catboost import CatBoostClassifier\nm = CatBoostClassifier(iterations=100)\n"
            "imp = m.feature_importances_\nfi = m.get_feature_importance()",
        ),
        ("import lightgbm\nm = LGBMClassifier(device='GPU')", "import lightgbm\nm = LGBMClassifier(device='GPU')"),
    ),
)
class CatboostRemoved(RuleTransformer):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.catboost = "catboost" in ctx.text

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if not self.catboost:
            return updated
        if name in _CATBOOST:
            updated = remove_kwarg(updated, "calc_feature_importance")
            if string_value(getattr(kwarg(updated, "task_type"), "value", None)) == "GPU":
                updated = remove_kwarg(remove_kwarg(updated, "task_type"), "devices")
        if name == "get_feature_importance" and len(positional(updated)) == 2 and len(updated.args) == 2:
            updated = updated.with_changes(args=[])
        return updated

    def leave_Attribute(self, original, updated):
        if self.catboost and updated.attr.value == "feature_importance_":
            return updated.with_changes(attr=cst.Name("feature_importances_"))
        return updated


# lgb.train/lgb.cv arguments that lightgbm 4.0 moved: to the Dataset (which is not built until training starts,
# so setting them on it is what the keyword did) and into params (a callable objective).
_LGB_TO_DATASET = {"categorical_feature": "set_categorical_feature", "feature_name": "set_feature_name"}


@rule(
    "lightgbm-train-moved-arguments",
    library="lightgbm",
    changed_in="lightgbm 4.0",
    rationale="train() and cv() lost categorical_feature=, feature_name= and fobj=: the first two are set on the "
    "training Dataset (Dataset.set_categorical_feature / set_feature_name, which return the Dataset), and a "
    "custom objective is params' 'objective', called the same way (preds, train_data) -> (grad, hess).",
    needles=("categorical_feature=", "feature_name=", "fobj="),
    prefilter=lambda code: re.search(r"lgb|lightgbm", code) is not None,
    signatures=(("TypeError", r"(train|cv)\(\) got an unexpected keyword argument '(categorical_feature|feature_name|fobj)'"),),
    examples=(
        (
            "import lightgbm as lgb\nm = lgb.train(params, dtrain, 500, valid_sets=[dval], categorical_feature=cats)",
            "import lightgbm as lgb\nm = lgb.train(params, dtrain.set_categorical_feature(cats), 500, valid_sets=[dval])",
        ),
        (
            "import lightgbm as lgb\nr = lgb.cv(p, train_set=d, nfold=5, fobj=focal_loss, feature_name=names)",
            "import lightgbm as lgb\nr = lgb.cv({**p, 'objective': focal_loss}, train_set=d.set_feature_name(names), nfold=5)",
        ),
        ("import lightgbm as lgb\nd = lgb.Dataset(X, y, categorical_feature=cats)",
         "import lightgbm as lgb\nd = lgb.Dataset(X, y, categorical_feature=cats)"),  # the Dataset still takes it
    ),
)
class LightgbmTrainMoved(RuleTransformer):
    def leave_Call(self, original, updated):
        lgb = self.ctx.names_for("lightgbm", ())
        if not (m.matches(updated.func, m.Attribute(value=m.Name(), attr=m.Name("train") | m.Name("cv")))
                and updated.func.value.value in lgb):
            return updated
        moved = {k: kwarg(updated, k) for k in (*_LGB_TO_DATASET, "fobj")}
        if not any(moved.values()):
            return updated
        args = list(updated.args)
        for key, setter in _LGB_TO_DATASET.items():
            if moved[key] is None:
                continue
            at = next((i for i, a in enumerate(args) if (a.keyword and a.keyword.value == "train_set")
                       or (a.keyword is None and i == 1)), None)
            if at is None:
                return updated  # no training set to carry it: leave the call to the author
            value = cst.Call(cst.Attribute(args[at].value, cst.Name(setter)), [cst.Arg(moved[key].value)])
            args[at] = args[at].with_changes(value=value)
        if moved["fobj"] is not None:
            at = next((i for i, a in enumerate(args) if (a.keyword and a.keyword.value == "params")
                       or (a.keyword is None and i == 0)), None)
            if at is None:
                return updated
            merged = cst.parse_expression(f"{{**{code_of(args[at].value)}, 'objective': {code_of(moved['fobj'].value)}}}")
            args[at] = args[at].with_changes(value=merged)
        call = updated.with_changes(args=args)
        for key, arg in moved.items():
            if arg is not None:
                call = remove_kwarg(call, key)
        return call


# lightgbm's device parameter and its aliases; 'cuda' only under names no other library's config uses for a device
_LGB_DEVICE_KEYS = {"device": ("gpu",), "device_type": ("gpu", "cuda")}


def _lgb_device(key: str | None, value: cst.BaseExpression) -> bool:
    return (string_value(value) or "").lower() in _LGB_DEVICE_KEYS.get(key or "", ())


@rule(
    "lightgbm-gpu-device",
    library="lightgbm",
    changed_in="the fixed environment has no GPU",
    rationale="device='gpu' (OpenCL) or device_type='cuda' asks lightgbm for a GPU this environment does not have "
    "('No OpenCL device found'); without it lightgbm trains the same trees on the CPU.",
    needles=("device",),
    prefilter=lambda code: re.search(r"['\"](?i:gpu|cuda)['\"]", code) is not None,
    gate=lambda ctx, code: "lightgbm" in ctx.text,
    signatures=(("LightGBMError", r"No OpenCL device found|(GPU|CUDA) Tree Learner was not enabled"),),
    examples=(
        ("import lightgbm as lgb\nparams = {'objective': 'binary', 'device': 'gpu', 'gpu_platform_id': 0}\n"
         "m = lgb.LGBMClassifier(n_estimators=100, device_type='cuda')\ncfg = {'device': 'cuda'}",
         "import lightgbm as lgb\nparams = {'objective': 'binary', 'gpu_platform_id': 0}\n"
         "m = lgb.LGBMClassifier(n_estimators=100)\ncfg = {'device': 'cuda'}"),
        ("import lightgbm as lgb\nparams = dict(device='gpu', num_leaves=31)", "import lightgbm as lgb\nparams = dict(num_leaves=31)"),
    ),
)
class LightgbmGpu(RuleTransformer):
    def leave_Dict(self, original, updated):
        kept = [e for e in updated.elements
                if not (isinstance(e, cst.DictElement) and _lgb_device(string_value(e.key), e.value))]
        if len(kept) == len(updated.elements):
            return updated
        if kept:
            kept[-1] = kept[-1].with_changes(comma=updated.elements[-1].comma)
        return updated.with_changes(elements=kept)

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if not (name.startswith("LGBM") or name in ("dict", "set_params")):
            return updated
        for a in updated.args:
            if a.keyword is not None and _lgb_device(a.keyword.value, a.value):
                updated = remove_kwarg(updated, a.keyword.value)
        return updated
