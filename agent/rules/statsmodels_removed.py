"""statsmodels: names removed without a same-named successor (the model classes statsmodels.formula.api
exported, stattools.periodogram) and Holt-Winters fit() options that moved (use_boxcox to the model,
use_basinhopping to method=)."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import add_kwarg, callee_name, kwarg, remove_kwarg, rule
from .removed_api import Moved, RemovedNames, import_signatures, names_pattern, shim_source


def periodogram(X):  # statsmodels.tsa.stattools.periodogram (removed in 0.13): |FFT|^2 / n, 0 at frequency 0
    import numpy
    X = numpy.asarray(X)
    pergr = 1.0 / len(X) * numpy.abs(numpy.fft.fft(X)) ** 2
    pergr[0] = 0.0
    return pergr


# statsmodels.formula.api exported the model classes themselves (the array interface) until 0.11
_CLASSES = ("OLS", "GLS", "WLS", "GLSAR", "MixedLM", "GLM", "RLM", "MNLogit", "Logit", "Probit", "Poisson",
            "NegativeBinomial", "QuantReg", "PHReg", "OrdinalGEE", "NominalGEE", "GEE")
TABLE = {
    **{("statsmodels.formula.api", c): Moved("statsmodels.api", c) for c in _CLASSES},
    ("statsmodels.tsa.stattools", "periodogram"): periodogram,
    ("statsmodels.tsa.api", "periodogram"): periodogram,
}


@rule(
    "statsmodels-removed-functions",
    library="statsmodels",
    changed_in="statsmodels 0.11-0.13",
    rationale="smf.OLS (and the other model classes statsmodels.formula.api exported until 0.11) was the class "
    "itself, the array interface: statsmodels.api's; stattools.periodogram (|FFT|^2 / n, zero at frequency 0) "
    "is written into the notebook as it was.",
    pattern=names_pattern(TABLE),
    signatures=import_signatures(TABLE),
    examples=(
        ("import statsmodels.api as sm\nimport statsmodels.formula.api as smf\nres = smf.OLS(y, X).fit()",
         "import statsmodels.api as sm\nimport statsmodels.formula.api as smf\nres = sm.OLS(y, X).fit()"),
        ("import statsmodels.formula.api as smf\nm = smf.Logit(y, X)\nf = smf.ols('y ~ x', df)",
         "import statsmodels.formula.api as smf\nimport statsmodels.api\nm = statsmodels.api.Logit(y, X)\nf = smf.ols('y ~ x', df)"),
        ("from statsmodels.tsa.stattools import adfuller, periodogram",
         "from statsmodels.tsa.stattools import adfuller\n" + shim_source(periodogram, "periodogram").rstrip("\n")),
    ),
)
class StatsmodelsRemovedFunctions(RemovedNames):
    TABLE = TABLE


_HOLT = ("ExponentialSmoothing", "Holt", "SimpleExpSmoothing")


@rule(
    "statsmodels-holtwinters-fit-options",
    library="statsmodels",
    changed_in="statsmodels 0.12 (deprecated), 0.14 (removed)",
    rationale="ExponentialSmoothing.fit(use_boxcox=) moved to the model (ExponentialSmoothing(..., use_boxcox=)), "
    "and fit(use_basinhopping=True) is fit(method='basinhopping'); the model is the fit's receiver, or its "
    "assignment earlier in the cell. Only the failing line's fit is touched.",
    kind="error",
    signatures=(("TypeError", r"fit\(\) got an unexpected keyword argument '(use_boxcox|use_basinhopping)'"),),
    examples=(
        ("fit = ExponentialSmoothing(y, trend='add').fit(use_boxcox=True, use_basinhopping=True)",
         "fit = ExponentialSmoothing(y, trend='add', use_boxcox=True).fit(method='basinhopping')"),
        ("model = ExponentialSmoothing(y, seasonal='mul', seasonal_periods=12)\nfit = model.fit(use_boxcox=True)",
         "model = ExponentialSmoothing(y, seasonal='mul', seasonal_periods=12, use_boxcox=True)\nfit = model.fit()"),
        ("fit = model.fit(use_basinhopping=False)", "fit = model.fit()"),
    ),
)
class HoltWintersFitOptions(RemovedNames):
    METADATA_DEPENDENCIES = (PositionProvider,)
    TABLE: ClassVar[dict] = {}

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.boxcox: dict[str, cst.BaseExpression] = {}  # model name -> the use_boxcox value its fit was given

    def visit_Module(self, node) -> None:
        # first the failing fits: which model names take use_boxcox (assigned earlier in the cell)
        finder = self

        class Fits(cst.CSTVisitor):
            def visit_Call(self, call):
                if callee_name(call) == "fit" and isinstance(call.func.value, cst.Name) and kwarg(call, "use_boxcox"):
                    finder.boxcox[call.func.value.value] = kwarg(call, "use_boxcox").value

        node.visit(Fits())

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name != "fit" or self.off_error_line(original):
            return updated
        call = updated
        hop = kwarg(call, "use_basinhopping")
        if hop is not None and m.matches(hop.value, m.Name("True") | m.Name("False")):
            call = remove_kwarg(call, "use_basinhopping")
            if hop.value.value == "True" and kwarg(call, "method") is None:
                call = add_kwarg(call, "method", "'basinhopping'")
        box = kwarg(call, "use_boxcox")
        model = call.func.value
        if box is not None and m.matches(model, m.Call()) and callee_name(model) in _HOLT:
            call = remove_kwarg(call, "use_boxcox").with_changes(
                func=call.func.with_changes(value=add_kwarg(model, "use_boxcox", box.value)))
        elif box is not None and isinstance(model, cst.Name) and model.value in self.assigned:
            call = remove_kwarg(call, "use_boxcox")
        return call

    @property
    def assigned(self) -> set[str]:
        return getattr(self, "_assigned", set())

    def leave_Assign(self, original, updated):
        if len(updated.targets) != 1 or not isinstance(updated.targets[0].target, cst.Name):
            return updated
        name = updated.targets[0].target.value
        value = updated.value
        if name in self.boxcox and m.matches(value, m.Call()) and callee_name(value) in _HOLT \
                and kwarg(value, "use_boxcox") is None:
            self._assigned = self.assigned | {name}
            return updated.with_changes(value=add_kwarg(value, "use_boxcox", self.boxcox[name]))
        return updated
