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

import libcst as cst

from .framework import (
    Context,
    RuleTransformer,
    arg_list,
    callee_name,
    kwarg,
    positional,
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
    "its regressors. A transformer's transform/fit_transform takes them second, positionally (X= collides with "
    "the y that scikit-learn's output wrapper names X).",
    needles=("exogenous",),
    gate=_imports_pmdarima,
    examples=(
        ("import pmdarima as pm\nm = pm.auto_arima(y, exogenous=X, seasonal=False)\np = m.predict(10, exogenous=Xf)",
         "import pmdarima as pm\nm = pm.auto_arima(y, X=X, seasonal=False)\np = m.predict(10, X=Xf)"),
        ("from pyramid.arima import ARIMA\nm = ARIMA(order=(1, 0, 0)).fit(y, exogenous=X)",
         "from pyramid.arima import ARIMA\nm = ARIMA(order=(1, 0, 0)).fit(y, X=X)"),
        ("import pmdarima as pm\nbc = pm.preprocessing.BoxCoxEndogTransformer()\nyt, Xt = bc.fit_transform(y, exogenous=X)\n"
         "y2, _ = bc.transform(y_test, exogenous=None)",
         "import pmdarima as pm\nbc = pm.preprocessing.BoxCoxEndogTransformer()\nyt, Xt = bc.fit_transform(y, X)\n"
         "y2, _ = bc.transform(y_test, None)"),
        ("import statsmodels.api as sm\nm = f(y, exogenous=X)", "import statsmodels.api as sm\nm = f(y, exogenous=X)"),
    ),
)
class PmdarimaExogenous(RuleTransformer):
    def leave_Call(self, original, updated):
        given = kwarg(updated, "exogenous")
        if given is None:
            return updated
        pos = positional(updated)
        # a transformer's transform/fit_transform goes through scikit-learn's set_output wrapper, whose first
        # parameter is named X: y fills it, so X= collides; the regressors go second, positionally
        if callee_name(updated) in ("transform", "fit_transform") and len(pos) == 1 and len(updated.args) == 2 \
                and not any(a.star for a in updated.args):
            return updated.with_changes(args=arg_list(pos[0], cst.Arg(given.value)))
        return rename_kwarg(updated, "exogenous", "X")


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
