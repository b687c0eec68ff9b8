"""pmdarima 2.0's exogenous -> X, and xlrd 2.0's end of .xlsx support.

- pmdarima 2.0 renamed the exogenous regressors' parameter ``exogenous`` to ``X`` in
  ``auto_arima`` and ARIMA's fit, predict, update, predict_in_sample and fit_predict.
  Nothing raises: the old keyword falls into ``**fit_args``/``**kwargs``, and the model
  is fitted (or forecasts) without its regressors.
- xlrd 2.0 reads only .xls. ``read_excel(..., engine='xlrd')`` on an .xlsx file raises
  XLRDError; without the engine pandas picks xlrd for .xls and openpyxl for .xlsx, which
  read the same cells, so the keyword is dropped whatever the file.
"""

from __future__ import annotations

from .framework import (
    Context,
    RuleTransformer,
    callee_name,
    kwarg,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)

_PMDARIMA = ("pmdarima", "pyramid")  # pyramid-arima: pmdarima's name before 1.0


def _imports_pmdarima(ctx: Context, code: str) -> bool:
    return any(origin.split(".")[0] in _PMDARIMA for origin in ctx.imported.values())


@rule(
    "pmdarima-exogenous",
    library="pmdarima",
    changed_in="pmdarima 2.0",
    rationale="the regressors' parameter exogenous= is X= in auto_arima and in ARIMA's fit, predict, update, "
    "predict_in_sample and fit_predict; the old keyword is swallowed by **fit_args, so the model silently loses "
    "its regressors.",
    needles=("exogenous",),
    gate=_imports_pmdarima,
    examples=(
        ("import pmdarima as pm\nm = pm.auto_arima(y, exogenous=X, seasonal=False)\np = m.predict(10, exogenous=Xf)",
         "import pmdarima as pm\nm = pm.auto_arima(y, X=X, seasonal=False)\np = m.predict(10, X=Xf)"),
        ("from pyramid.arima import ARIMA\nm = ARIMA(order=(1, 0, 0)).fit(y, exogenous=X)",
         "from pyramid.arima import ARIMA\nm = ARIMA(order=(1, 0, 0)).fit(y, X=X)"),
        ("import statsmodels.api as sm\nm = f(y, exogenous=X)", "import statsmodels.api as sm\nm = f(y, exogenous=X)"),
    ),
)
class PmdarimaExogenous(RuleTransformer):
    def leave_Call(self, original, updated):
        return rename_kwarg(updated, "exogenous", "X") if kwarg(updated, "exogenous") is not None else updated


@rule(
    "xlrd-engine-xlsx",
    library="xlrd",
    changed_in="xlrd 2.0",
    rationale="xlrd 2.0 reads only .xls files: read_excel/ExcelFile(engine='xlrd') fails on .xlsx. Without the "
    "engine pandas uses xlrd for .xls and openpyxl for .xlsx, which read the same cells.",
    pattern=r"engine\s*=\s*['\"]xlrd['\"]",
    signatures=(("XLRDError", r"Excel xlsx file; not supported"),),
    examples=(
        ("import pandas as pd\ndf = pd.read_excel('train.xlsx', engine='xlrd', sheet_name=0)",
         "import pandas as pd\ndf = pd.read_excel('train.xlsx', sheet_name=0)"),
        ("import pandas as pd\nbook = pd.ExcelFile(path, engine=\"xlrd\")", "import pandas as pd\nbook = pd.ExcelFile(path)"),
        ("import pandas as pd\ndf = pd.read_excel('a.xlsx', engine='openpyxl')",
         "import pandas as pd\ndf = pd.read_excel('a.xlsx', engine='openpyxl')"),
    ),
)
class XlrdEngine(RuleTransformer):
    def leave_Call(self, original, updated):
        engine = kwarg(updated, "engine")
        if callee_name(updated) in ("read_excel", "ExcelFile") and engine is not None \
                and string_value(engine.value) == "xlrd":
            return remove_kwarg(updated, "engine")
        return updated
