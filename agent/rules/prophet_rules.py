"""prophet (fbprophet 0.2-0.7 -> prophet 1.x): model methods that became functions, and the gone PyStan backend.

The package rename itself (fbprophet -> prophet) is dead-packages'. Prophet 0.4 moved the component plots out
of the class into prophet.plot (``m.plot_yearly()`` is ``plot_yearly(m)``: the same function, the model
first) and moved ``m.copy(cutoff)`` to ``prophet.diagnostics.prophet_copy(m, cutoff)``; 1.1 dropped the
PyStan backend, and cmdstanpy fits the same Stan model, so ``stan_backend='PYSTAN'`` is dropped.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import callee_name, kwarg, names_bound_to, remove_kwarg, rule, string_value
from .python3_rules import Importing

_MOVED = {"plot_yearly": "prophet.plot", "plot_weekly": "prophet.plot", "plot_seasonality": "prophet.plot",
          "plot_forecast_component": "prophet.plot", "copy": "prophet.diagnostics"}
_FUNCTION = {"copy": "prophet_copy"}


@rule(
    "prophet-model-methods",
    library="prophet",
    changed_in="prophet 0.4 (plot methods, copy), 1.1 (PyStan backend)",
    rationale="a Prophet model's plot_yearly / plot_weekly / plot_seasonality / plot_forecast_component and copy "
    "are functions of prophet.plot and prophet.diagnostics (prophet_copy) that take the model first; "
    "stan_backend='PYSTAN' is dropped, cmdstanpy fitting the same model.",
    needles=(*(f".{name}(" for name in _MOVED), "PYSTAN"),
    gate=lambda ctx, code: "Prophet" in ctx.text,
    signatures=(("AttributeError", r"'Prophet' object has no attribute '(plot_yearly|plot_weekly|plot_seasonality|"
                                   r"plot_forecast_component|copy)'"),
                ("ValueError", r"Unknown stan backend: PYSTAN")),
    examples=(
        ("from prophet import Prophet\nm = Prophet(yearly_seasonality=True, stan_backend='PYSTAN')\n"
         "m.fit(df)\nm.plot_yearly()\nm.plot_weekly(ax=axes[1])\nm2 = m.copy(cutoff)\nc = df.copy()",
         "from prophet.plot import plot_yearly\nfrom prophet.plot import plot_weekly\n"
         "from prophet.diagnostics import prophet_copy\nfrom prophet import Prophet\nm = Prophet(yearly_seasonality=True)\n"
         "m.fit(df)\nplot_yearly(m)\nplot_weekly(m, ax=axes[1])\nm2 = prophet_copy(m, cutoff)\nc = df.copy()"),
    ),
)
class ProphetMethods(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.models = names_bound_to(ctx.text, ["Prophet"])

    def leave_Call(self, original, updated):
        if callee_name(updated) == "Prophet" and string_value(getattr(kwarg(updated, "stan_backend"), "value", None)) \
                == "PYSTAN":
            return remove_kwarg(updated, "stan_backend")
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _MOVED:
            return updated
        owner = func.value
        if not ((isinstance(owner, cst.Name) and owner.value in self.models)
                or self.on_own_error_line(original)):
            return updated
        name = func.attr.value
        function = self.need_name(_MOVED[name], _FUNCTION.get(name, name))
        model = cst.Arg(owner, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if updated.args
                        else cst.MaybeSentinel.DEFAULT)
        return cst.Call(cst.Name(function), [model, *updated.args])
