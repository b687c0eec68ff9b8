"""statsmodels: the ARIMA/ARMA classes rewritten in 0.13, renamed values and stricter arguments."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    add_kwarg,
    arg_list,
    callee_name,
    dotted,
    kwarg,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)

# fit() arguments of statsmodels.tsa.arima_model that the state-space ARIMA's fit() does not take, and that
# only steered the old optimizer or its printing.
_OLD_FIT_ARGS = ("disp", "transparams", "solver", "full_output", "callback", "start_ar_lags", "maxiter")
# those the state-space fit's optimizer still takes, through method_kwargs: the same iteration cap, scipy
# optimizer (solver='bfgs' is method='bfgs') and per-iteration callback the notebook asked for
_TO_OPTIMIZER = {"maxiter": "maxiter", "solver": "method", "callback": "callback"}
_OLD_METHODS = ("css-mle", "mle", "css")
_NEW_ARIMA = "statsmodels.tsa.arima.model"


@rule(
    "statsmodels-arima",
    library="statsmodels",
    changed_in="statsmodels 0.13 (statsmodels.tsa.arima_model removed; deprecated in 0.12)",
    rationale="statsmodels.tsa.arima_model.ARIMA/ARMA were replaced by statsmodels.tsa.arima.model.ARIMA: the import "
    "moves, ARMA(order=(p, q)) is ARIMA(order=(p, 0, q)), the order is passed by keyword (the second positional is "
    "now exog), and fit() loses the old optimizer's arguments (disp, transparams, method='css-mle', "
    "trend='c'; trend='nc' moves to the model as trend='n'); maxiter=, solver= and callback= reach the new "
    "fit's optimizer through method_kwargs (solver is its method).",
    needles=("ARIMA", "ARMA", "arima_model"),
    signatures=(
        ("NotImplementedError", r"arima_model\.ARMA and statsmodels\.tsa\.arima_model\.ARIMA"),
        ("AttributeError", r"has no attribute 'ARMA'"),
        ("TypeError", r"ARIMA\.fit\(\) got an unexpected keyword argument"),
        ("ValueError", r"Valid trend inputs|endog and exog matrices are different sizes"),
    ),
    examples=(
        (
            "from statsmodels.tsa.arima_model import ARIMA\nmodel = ARIMA(train, order=(2, 1, 0))\nres = model.fit(disp=0)",
            "from statsmodels.tsa.arima.model import ARIMA\nmodel = ARIMA(train, order=(2, 1, 0))\nres = model.fit()",
        ),
        (
            "from statsmodels.tsa.arima_model import ARMA\nres = ARMA(y, (2, 1)).fit(trend='nc', disp=-1)",
            "from statsmodels.tsa.arima.model import ARIMA as ARMA\nres = ARMA(y, order=(2, 0, 1), trend='n').fit()",
        ),
        (
            "import statsmodels.api as sm\nres = sm.tsa.ARMA(y, order=(1, 1)).fit(method='css-mle')",
            "import statsmodels.api as sm\nres = sm.tsa.arima.ARIMA(y, order=(1, 0, 1)).fit()",
        ),
        (
            "from statsmodels.tsa.arima_model import ARIMA, ARMAResults\nm = ARIMA(y, order=(1, 1, 1))",
            "from statsmodels.tsa.arima_model import ARMAResults\nfrom statsmodels.tsa.arima.model import ARIMA\n"
            "m = ARIMA(y, order=(1, 1, 1))",
        ),
        (
            "from statsmodels.tsa.arima_model import ARIMA\nres = ARIMA(y, order=(1, 1, 0)).fit(disp=0, maxiter=200, "
            "solver='bfgs')\nr = ARIMA(y, order=(1, 0, 0)).fit(maxiter=50, method_kwargs={'gtol': 1e-6})",
            "from statsmodels.tsa.arima.model import ARIMA\nres = ARIMA(y, order=(1, 1, 0)).fit(method_kwargs={'maxiter': "
            "200, 'method': 'bfgs'})\nr = ARIMA(y, order=(1, 0, 0)).fit(method_kwargs={'gtol': 1e-6, 'maxiter': 50})",
        ),
        (
            "from statsmodels.tsa.statespace.sarimax import SARIMAX\nr = SARIMAX(y, order=(1, 0, 0)).fit(disp=False)",
            "from statsmodels.tsa.statespace.sarimax import SARIMAX\nr = SARIMAX(y, order=(1, 0, 0)).fit(disp=False)",
        ),
    ),
)
class Arima(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # names the notebook binds to an ARIMA/ARMA model (model = ARIMA(...)), whose fit() is the new one
        self.models = set(re.findall(r"(\w+)\s*=\s*(?:[\w.]+\.)?AR(?:I)?MA\(", ctx.text))
        self.arma_names = {local for local, full in ctx.imported.items() if full == "statsmodels.tsa.arima_model.ARMA"}

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or isinstance(updated.names, cst.ImportStar) or dotted(updated.module) != "statsmodels.tsa.arima_model":
            return updated
        kept, moved = [], []
        for a in updated.names:
            (moved if a.name.value in ("ARIMA", "ARMA") else kept).append(a)
        if not moved:
            return updated
        stmts = []
        if kept:
            stmts.append(updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]))
        for a in moved:
            local = a.asname.name.value if a.asname else a.name.value
            alias = f" as {local}" if local != "ARIMA" else ""
            stmts.append(cst.parse_statement(f"from {_NEW_ARIMA} import ARIMA{alias}").body[0])
        return cst.FlattenSentinel(stmts) if len(stmts) > 1 else stmts[0]

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)

    def leave_Attribute(self, original, updated):
        name = dotted(updated) or ""
        head, _, rest = name.partition(".")
        full = ".".join(filter(None, [self.ctx.imported.get(head, head), rest]))
        if full in ("statsmodels.api.tsa.ARMA", "statsmodels.tsa.api.ARMA", "statsmodels.api.tsa.arima_model.ARIMA",
                    "statsmodels.api.tsa.arima_model.ARMA") and "." in name:
            base = updated.value.value if full.startswith("statsmodels.api.tsa.arima_model") else updated.value
            return cst.Attribute(cst.Attribute(base, cst.Name("arima")), cst.Name("ARIMA"))
        return updated

    def _is_arima_ctor(self, call: cst.Call) -> bool:
        func = dotted(call.func) or ""
        return func.endswith(("ARIMA", "ARMA")) and not func.endswith("SARIMA")

    def leave_Call(self, original, updated):
        if self._is_arima_ctor(updated):
            return self._ctor(original, updated)
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "fit"):
            return updated
        receiver = func.value
        chained = isinstance(receiver, cst.Call) and self._is_arima_ctor(receiver)
        if not chained and not (isinstance(receiver, cst.Name) and receiver.value in self.models):
            return updated
        call = updated
        if string_value(getattr(kwarg(call, "method"), "value", None)) in _OLD_METHODS:
            call = remove_kwarg(call, "method")
        call = self._to_optimizer(call)
        for gone in _OLD_FIT_ARGS:
            call = remove_kwarg(call, gone)
        trend = string_value(getattr(kwarg(call, "trend"), "value", None))
        if trend == "c":
            call = remove_kwarg(call, "trend")  # the new model's default for an undifferenced series
        elif trend == "nc" and chained and kwarg(receiver, "trend") is None:
            call = remove_kwarg(call, "trend")
            call = call.with_changes(func=func.with_changes(value=add_kwarg(receiver, "trend", "'n'")))
        return call

    @staticmethod
    def _to_optimizer(call: cst.Call) -> cst.Call:
        """maxiter=, solver=, callback= into method_kwargs, read by the default (state-space) fit's optimizer;
        left to be dropped under another method= or a method_kwargs that is not a dict written out."""
        given = [(new, kwarg(call, old).value) for old, new in _TO_OPTIMIZER.items()
                 if kwarg(call, old) is not None and not m.matches(kwarg(call, old).value, m.Name("None"))]
        method = kwarg(call, "method")
        existing = kwarg(call, "method_kwargs")
        if not given or method is not None and string_value(method.value) != "statespace" \
                or existing is not None and not isinstance(existing.value, cst.Dict):
            return call
        elements = list(existing.value.elements) if existing is not None else []
        taken = {string_value(e.key) for e in elements if isinstance(e, cst.DictElement)}
        elements = arg_list(*elements, *(cst.DictElement(cst.SimpleString(repr(name)), value)
                                         for name, value in given if name not in taken))
        if existing is not None:
            return set_kwarg_value(call, "method_kwargs", existing.value.with_changes(elements=elements))
        return add_kwarg(call, "method_kwargs", cst.Dict(elements))

    def _ctor(self, original, call: cst.Call) -> cst.Call:
        name = dotted(original.func) or ""  # as written: sm.tsa.ARMA is already sm.tsa.arima.ARIMA in ``call``
        arma = name.rsplit(".", 1)[-1] == "ARMA" or name in self.arma_names
        pos = positional(call)
        if len(pos) >= 2 and kwarg(call, "order") is None and isinstance(pos[1].value, (cst.Tuple, cst.List)):
            equal = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
            call = call.with_changes(args=[a.with_changes(keyword=cst.Name("order"), equal=equal) if a is pos[1] else a
                                           for a in call.args])
        order = kwarg(call, "order")
        if arma and order is not None and isinstance(order.value, cst.Tuple) and len(order.value.elements) == 2:
            p, q = order.value.elements
            zero = cst.Element(cst.Integer("0"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            p = p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            call = set_kwarg_value(call, "order", order.value.with_changes(elements=[p, zero, q]))
        if string_value(getattr(kwarg(call, "trend"), "value", None)) == "nc":
            call = set_kwarg_value(call, "trend", "'n'")
        return call


_PACF_METHODS = {"ywunbiased": "ywadjusted", "ldunbiased": "ldadjusted", "yw_unbiased": "yw_adjusted",
                 "ld_unbiased": "ld_adjusted", "ols-unbiased": "ols-adjusted"}
_LINKS = {"logit": "Logit", "probit": "Probit", "log": "Log", "identity": "Identity", "inverse_power": "InversePower",
          "inverse_squared": "InverseSquared", "cloglog": "CLogLog", "loglog": "LogLog", "sqrt": "Sqrt", "cauchy": "Cauchy",
          "nbinom": "NegativeBinomial", "logc": "LogC"}
_FAMILIES = ("Binomial", "Poisson", "Gaussian", "Gamma", "NegativeBinomial", "InverseGaussian", "Tweedie")


@rule(
    "statsmodels-renamed-api",
    library="statsmodels",
    changed_in="statsmodels 0.12-0.14",
    rationale="pacf's 'ywunbiased'/'ldunbiased' methods are 'ywadjusted'/'ldadjusted'; a GLM family takes a link "
    "instance (links.Logit()), not the class or the lowercase alias; SimpleExpSmoothing and Holt need "
    "initialization_method ('estimated', ExponentialSmoothing's default); acorr_ljungbox returns a DataFrame "
    "(return_df=False is ignored), so a tuple unpacking of it takes its transposed values, the old arrays.",
    needles=("pacf", "links.", "SimpleExpSmoothing", "Holt(", "acorr_ljungbox"),
    signatures=(
        ("ValueError", r"method must be one of"),
        ("TypeError", r"Calling Family\(\.\.\) with a link class is not allowed|initialization_method must be a string"),
    ),
    examples=(
        ("from statsmodels.tsa.stattools import pacf\np = pacf(x, nlags=20, method='ywunbiased')",
         "from statsmodels.tsa.stattools import pacf\np = pacf(x, nlags=20, method='ywadjusted')"),
        ("import statsmodels.api as sm\nfam = sm.families.Binomial(link=sm.families.links.logit)",
         "import statsmodels.api as sm\nfam = sm.families.Binomial(link=sm.families.links.Logit())"),
        ("import statsmodels.api as sm\nfam = sm.families.Gamma(sm.families.links.log())",
         "import statsmodels.api as sm\nfam = sm.families.Gamma(sm.families.links.Log())"),
        ("from statsmodels.tsa.holtwinters import SimpleExpSmoothing\nf = SimpleExpSmoothing(train).fit(smoothing_level=0.2)",
         "from statsmodels.tsa.holtwinters import SimpleExpSmoothing\n"
         "f = SimpleExpSmoothing(train, initialization_method='estimated').fit(smoothing_level=0.2)"),
        ("from statsmodels.stats.diagnostic import acorr_ljungbox\nlb, p = acorr_ljungbox(resid, lags=[10])",
         "from statsmodels.stats.diagnostic import acorr_ljungbox\nlb, p = acorr_ljungbox(resid, lags=[10]).T.to_numpy()"),
    ),
)
class RenamedApi(RuleTransformer):
    def leave_Assign(self, original, updated):
        value = updated.value
        if (isinstance(value, cst.Call) and callee_name(value) == "acorr_ljungbox"
                and len(updated.targets) == 1 and isinstance(updated.targets[0].target, cst.Tuple)):
            # one row per lag, one column per statistic: transposed, it unpacks into the old arrays (return_df=False
            # is accepted but no longer honoured)
            call = remove_kwarg(value, "return_df")
            return updated.with_changes(value=cst.Call(cst.Attribute(cst.Attribute(call, cst.Name("T")), cst.Name("to_numpy"))))
        return updated

    def _link(self, value: cst.BaseExpression) -> cst.BaseExpression:
        """``links.logit`` / ``links.logit()`` / ``links.Logit`` -> ``links.Logit()``; anything else unchanged."""
        called = isinstance(value, cst.Call)
        ref = value.func if called else value
        if called and value.args:
            return value
        if not isinstance(ref, cst.Attribute) or not (dotted(ref.value) or "").endswith("links"):
            return value
        name = ref.attr.value
        new = _LINKS.get(name, name if name in _LINKS.values() else None)
        if new is None or (called and new == name):
            return value
        return cst.Call(ref.with_changes(attr=cst.Name(new)))

    def leave_Call(self, original, updated):
        name = callee_name(updated) or ""
        if name in ("pacf", "plot_pacf"):
            method = kwarg(updated, "method")
            value = string_value(method.value) if method is not None else None
            if value in _PACF_METHODS:
                return set_kwarg_value(updated, "method", repr(_PACF_METHODS[value]))
            return updated
        if name in _FAMILIES:
            link = kwarg(updated, "link") or next(iter(positional(updated)), None)
            if link is not None:
                new = self._link(link.value)
                if new is not link.value:
                    return updated.with_changes(args=[a.with_changes(value=new) if a is link else a for a in updated.args])
            return updated
        if name in ("SimpleExpSmoothing", "Holt") and "statsmodels" in self.ctx.text and kwarg(updated, "initialization_method") is None \
                and not any(a.star for a in updated.args) and len(positional(updated)) <= (1 if name == "SimpleExpSmoothing" else 3):
            return add_kwarg(updated, "initialization_method", "'estimated'")
        return updated
