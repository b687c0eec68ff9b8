"""xgboost and lightgbm: removed objectives and fit() keywords."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, add_kwarg, callee_name, kwarg, remove_kwarg, rule, string_value

_OBJECTIVES = {"reg:linear": "reg:squarederror", "binary:logitraw_": "binary:logitraw"}
_XGB_FIT_MOVED = ("early_stopping_rounds", "eval_metric", "callbacks")


@rule(
    "xgboost-removed-api",
    library="xgboost",
    changed_in="xgboost 1.0-2.0",
    rationale="objective 'reg:linear' became 'reg:squarederror', use_label_encoder and silent were removed, and "
    "fit(early_stopping_rounds=, eval_metric=) moved to the estimator (set via set_params).",
    needles=("reg:linear", "use_label_encoder", "silent", "early_stopping_rounds", "eval_metric"),
    signatures=(
        ("TypeError", r"fit\(\) got an unexpected keyword argument '(early_stopping_rounds|eval_metric|callbacks)'"),
        ("XGBoostError", r"reg:linear"),
    ),
    examples=(
        ("m = XGBRegressor(objective='reg:linear', silent=True)", "m = XGBRegressor(objective='reg:squarederror')"),
        (
            "m = xgb.XGBClassifier()\nm.fit(X, y, early_stopping_rounds=10, eval_set=[(a, b)])",
            "m = xgb.XGBClassifier()\nm.set_params(early_stopping_rounds=10).fit(X, y, eval_set=[(a, b)])",
        ),
    ),
)
class XgboostRemoved(RuleTransformer):
    def leave_SimpleString(self, original, updated):
        value = string_value(updated)
        if value in _OBJECTIVES:
            return cst.SimpleString(updated.value.replace(value, _OBJECTIVES[value]))
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name.startswith("XGB"):
            for gone in ("use_label_encoder", "silent"):
                updated = remove_kwarg(updated, gone)
            return updated
        if name == "fit" and isinstance(updated.func, cst.Attribute) and self._is_xgb(updated.func.value):
            moved = [a for a in updated.args if a.keyword and a.keyword.value in _XGB_FIT_MOVED]
            if not moved:
                return updated
            rest = [a for a in updated.args if a not in moved]
            rest = [*rest[:-1], rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)] if rest else rest
            moved = [*moved[:-1], moved[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            setter = cst.Call(cst.Attribute(updated.func.value, cst.Name("set_params")), args=moved)
            return updated.with_changes(func=cst.Attribute(setter, cst.Name("fit")), args=rest)
        return updated

    def _is_xgb(self, node) -> bool:
        if isinstance(node, cst.Name):
            return self.ctx.models.get(node.value, "").startswith("XGB")
        return m.matches(node, m.Call()) and (callee_name(node) or "").startswith("XGB")


@rule(
    "lightgbm-fit-callbacks",
    library="lightgbm",
    changed_in="lightgbm 4.0",
    rationale="fit(early_stopping_rounds=, verbose=) and train(early_stopping_rounds=, verbose_eval=) were removed; "
    "the lgb.early_stopping and lgb.log_evaluation callbacks do the same.",
    needles=("early_stopping_rounds", "verbose_eval", "verbose="),
    signatures=(
        (
            "TypeError",
            r"(fit|train)\(\) got an unexpected keyword argument '(early_stopping_rounds|verbose|verbose_eval)'",
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
    ),
)
class LightgbmCallbacks(RuleTransformer):
    def leave_Call(self, original, updated):
        name = callee_name(updated)
        lgb = sorted(self.ctx.names_for("lightgbm", ()))
        if not lgb or not isinstance(updated.func, cst.Attribute):
            return updated
        receiver = updated.func.value
        is_train = name == "train" and m.matches(receiver, m.Name()) and receiver.value in lgb
        is_fit = (
            name == "fit"
            and m.matches(receiver, m.Name())
            and self.ctx.models.get(receiver.value, "").startswith("LGBM")
        )
        if not (is_train or is_fit):
            return updated
        stop, verbose = (
            kwarg(updated, "early_stopping_rounds"),
            kwarg(updated, "verbose_eval" if is_train else "verbose"),
        )
        if stop is None and verbose is None:
            return updated
        mod = lgb[0]
        callbacks = []
        if stop is not None:
            quiet = is_fit and verbose is not None and m.matches(verbose.value, m.Name("False"))
            callbacks.append(f"{mod}.early_stopping({_code(stop.value)}{', verbose=False' if quiet else ''})")
        if verbose is not None and not m.matches(verbose.value, m.Name("False")):
            period = "1" if m.matches(verbose.value, m.Name("True")) else _code(verbose.value)
            callbacks.append(f"{mod}.log_evaluation({period})")
        call = updated
        for gone in (stop, verbose):
            if gone is not None:
                call = remove_kwarg(call, gone.keyword.value)
        if kwarg(call, "callbacks") is not None or not callbacks:
            return call
        return add_kwarg(call, "callbacks", "[" + ", ".join(callbacks) + "]")


def _code(node) -> str:
    return cst.Module([]).code_for_node(node)
