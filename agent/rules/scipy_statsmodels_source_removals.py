"""Removals found by reading scipy_statsmodels's own source at old releases against the locked one (scripts/signature_diff.py).

statsmodels' arguments whose successor is more than a rename, each rewritten on the failing line only:
predict(linear=True) of the GLM, discrete and GEE models is predict(which='linear') (0.14); het_arch's
maxlag= is nlags= and its autolag=None / regresults=False defaults are gone (0.12-0.14); ExponentialSmoothing
took seasonal_periods, dates, freq and missing by position, which are keyword-only now (0.12); yule_walker's
method='unbiased' is 'adjusted' (0.13).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    argument,
    bool_value,
    callee_name,
    kwarg,
    make_arg,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    string_value,
    with_arg_value,
)

# ExponentialSmoothing(endog, trend, damped, seasonal, seasonal_periods, dates, freq, missing) until 0.11: the
# parameters after the fourth are keyword-only since 0.12, in the same order
_HOLT_WINTERS_POSITIONS = ("seasonal_periods", "dates", "freq", "missing")
# het_arch keywords that went away with their old default, which is today's behaviour
_HET_ARCH_DEFAULTS = {"autolag": "None", "regresults": "False"}


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


@rule(
    "statsmodels-old-arguments",
    library="statsmodels",
    changed_in="statsmodels 0.12-0.14",
    rationale="predict(params, exog, linear=True) of GLM, Logit/Probit/MNLogit/Poisson and GEE is "
    "predict(..., which='linear'), linear=False the default which='mean'; het_arch(maxlag=) is nlags=, and "
    "its autolag=None and regresults=False, the old defaults, are dropped (autolag='aic' has no successor and is "
    "left); ExponentialSmoothing's fifth to eighth positional arguments (seasonal_periods, dates, freq, "
    "missing) are passed by name; yule_walker(method='unbiased') is method='adjusted', the same estimator. Only "
    "the failing line is touched.",
    kind="error",
    signatures=(
        ("TypeError", r"predict\(\) got an unexpected keyword argument 'linear'"),
        ("TypeError", r"het_arch\(\) got an unexpected keyword argument '(maxlag|autolag|regresults)'"),
        ("TypeError", r"ExponentialSmoothing\.__init__\(\) takes from \d+ to \d+ positional arguments"),
        ("ValueError", r"method must be one of: 'adjusted', 'mle'"),
    ),
    examples=(
        ("eta = model.predict(res.params, X, linear=True)", "eta = model.predict(res.params, X, which='linear')"),
        ("p = res.predict(X, linear=False)", "p = res.predict(X)"),
        ("z = res.predict(X, linear=flag)", "z = res.predict(X, which='linear' if flag else 'mean')"),
        ("r = het_arch(resid, maxlag=4, autolag=None)", "r = het_arch(resid, nlags=4)"),
        ("r = sms.het_arch(resid, 12, None, False, False)", "r = sms.het_arch(resid, 12, None, False, False)"),
        ("r = het_arch(resid, maxlag=8, autolag='aic')", "r = het_arch(resid, nlags=8, autolag='aic')"),
        ("m = ExponentialSmoothing(y, 'add', False, 'add', 12).fit()",
         "m = ExponentialSmoothing(y, 'add', False, 'add', seasonal_periods=12).fit()"),
        ("m = ExponentialSmoothing(y, trend='add', seasonal_periods=12)",
         "m = ExponentialSmoothing(y, trend='add', seasonal_periods=12)"),
        ("rho, sigma = sm.regression.yule_walker(x, order=4, method='unbiased')",
         "rho, sigma = sm.regression.yule_walker(x, order=4, method='adjusted')"),
        ("rho, sigma = yule_walker(x, 2, 'unbiased')", "rho, sigma = yule_walker(x, 2, 'adjusted')"),
        ("y = clf.predict(X)", "y = clf.predict(X)"),
    ),
)
class StatsmodelsOldArguments(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in ("predict", "het_arch", "ExponentialSmoothing", "yule_walker") or self.off_error_line(original):
            return updated
        if name == "yule_walker":
            return self._yule_walker(updated)
        if name == "predict":
            return self._predict(updated)
        if name == "het_arch":
            return self._het_arch(updated)
        return self._holt_winters(updated)

    @staticmethod
    def _predict(call: cst.Call) -> cst.Call:
        linear = kwarg(call, "linear")
        if linear is None or kwarg(call, "which") is not None:
            return call
        flag = bool_value(linear.value)
        if flag is False:
            return remove_kwarg(call, "linear")
        if flag is True:
            return set_kwarg_value(rename_kwarg(call, "linear", "which"), "which", "'linear'")
        choice = cst.IfExp(test=linear.value, body=cst.SimpleString("'linear'"), orelse=cst.SimpleString("'mean'"))
        return set_kwarg_value(rename_kwarg(call, "linear", "which"), "which", choice)

    @staticmethod
    def _yule_walker(call: cst.Call) -> cst.Call:
        method = argument(call, "method", 2)
        if method is None or string_value(method.value) != "unbiased":
            return call
        return with_arg_value(call, method, "'adjusted'")

    @staticmethod
    def _het_arch(call: cst.Call) -> cst.Call:
        for keyword, default in _HET_ARCH_DEFAULTS.items():
            arg = kwarg(call, keyword)
            if arg is not None and (bool_value(arg.value) is False if default == "False" else _is_none(arg.value)):
                call = remove_kwarg(call, keyword)
        if kwarg(call, "maxlag") is not None and kwarg(call, "nlags") is None:
            call = rename_kwarg(call, "maxlag", "nlags")
        return call

    @staticmethod
    def _holt_winters(call: cst.Call) -> cst.Call:
        if any(a.star for a in call.args):
            return call
        pos = positional(call)
        if len(pos) <= 4 or len(pos) > 4 + len(_HOLT_WINTERS_POSITIONS):
            return call
        names = dict(zip((id(a) for a in pos[4:]), _HOLT_WINTERS_POSITIONS))
        if any(kwarg(call, n) is not None for n in names.values()):
            return call
        return call.with_changes(args=[
            make_arg(names[id(a)], a.value).with_changes(comma=a.comma) if id(a) in names else a for a in call.args
        ])
