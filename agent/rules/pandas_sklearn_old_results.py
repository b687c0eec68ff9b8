"""pandas and scikit-learn removals whose old result is still computed exactly today, read from the old releases'
source (and, for pandas, checked in a pandas 1.5.3 install).

- Timedelta strings with the units 'Y'/'y' and 'M' (refused since pandas 2.0): in a string, pandas 0.24-1.5
  read 'Y' as numpy's mean year, 365.2425 days (31556952 s), and 'M' as minutes (timedelta_from_spec turned 'M'
  into 'm' "to parse ISO 8601"; pandas 0.20-0.23 refused 'Y' in a string and lowered 'M' to minutes too). A
  literal '1.5Y' becomes the same nanoseconds spelled in units pandas still reads, computed as pandas did
  (whole units and the fraction, rounded to 9 places, multiplied apart: checked against 1.5.3 on 3756 strings).
- the display.mpl_style option (removed in pandas 0.21): a fixed dict of matplotlib rcParams (old_pandas.py).
- Index.summary() (removed in pandas 1.0): its text, as pandas 0.23-0.25 wrote it (old_pandas_text.py).
- sklearn.utils.metaestimators.if_delegate_has_method (removed in 1.3) and model_selection.fit_grid_point
  (removed in 1.0) are written into the notebook (old_sklearn_helpers.py).
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_pandas, old_pandas_text, old_sklearn_helpers
from .framework import (
    RuleTransformer,
    argument,
    callee_name,
    code_of,
    dotted,
    module_call,
    positional,
    rule,
    string_like,
    string_value,
)
from .removed_api import (
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)

# --------------------------------------------------------------------------- Timedelta('1Y'), Timedelta('2M')

_ONE_UNIT = re.compile(r"\s*(-?)\s*(\d+(?:\.\d*)?)\s*([YyM])\s*")
_NS = {"Y": 10**9 * 31556952, "y": 10**9 * 31556952, "M": 10**9 * 60}


def _old_nanoseconds(sign: str, number: str, unit: str) -> int:
    """pandas' cast_from_unit on float(number): the whole units and the fraction (rounded to 9 places) apart."""
    value = float(number)
    base = int(value)
    ns = base * _NS[unit] + int(round(value - base, 9) * _NS[unit])
    return -ns if sign else ns


def _spelled(ns: int) -> str:
    """Nanoseconds in units today's parser reads exactly; a leading '-' negates the whole string."""
    days, rest = divmod(abs(ns), 86400 * 10**9)
    seconds, frac = divmod(rest, 10**9)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, " days"), (hours, "h"), (minutes, "min"), (seconds, "s"), (frac, "ns")) if v]
    return ("-" if ns < 0 else "") + (" ".join(parts) or "0s")


def _old_timedelta_text(text: str) -> str | None:
    found = _ONE_UNIT.fullmatch(text)
    if found is None:
        return None
    sign, number, unit = found.groups()
    if unit == "M" and "." not in number:
        return f"{sign}{number}min"  # whole minutes, as written
    return _spelled(_old_nanoseconds(sign, number, unit))


def _rewritten_literal(node: cst.BaseExpression) -> cst.BaseExpression | None:
    text = string_value(node)
    new = _old_timedelta_text(text) if text is not None else None
    if new is None:
        return None
    return string_like(node, new)


@rule(
    "pandas-timedelta-string-year-month",
    library="pandas",
    changed_in="pandas 2.0 (deprecated in 1.x)",
    rationale="in a Timedelta / to_timedelta string, pandas 0.24-1.5 read 'Y' (or 'y') as the mean Gregorian year, "
    "365.2425 days, and 'M' as minutes (not months: 0.20-1.5 all lowered it to minutes in a string), so '1Y' was "
    "365 days 05:49:12 and '2M' two minutes. A literal of one number and one such unit is rewritten to the same "
    "duration in units pandas still reads ('365 days 5h 49min 12s', '2min'), fractions computed as pandas did.",
    pattern=r"(Timedelta|to_timedelta)\(",
    gate=lambda ctx, code: "pandas" in ctx.text,
    signatures=(("ValueError", r"Units 'M', 'Y',? and 'y' do not represent unambiguous timedelta values"),),
    examples=(
        ("import pandas as pd\nyear = pd.Timedelta('1Y')\nd = pd.to_timedelta(['2M', '1.5Y', '3 m', '-1y'])\n"
         "t = pd.Timedelta(\"1.5 M\") + pd.Timedelta(value='10Y')",
         "import pandas as pd\nyear = pd.Timedelta('365 days 5h 49min 12s')\n"
         "d = pd.to_timedelta(['2min', '547 days 20h 43min 48s', '3 m', '-365 days 5h 49min 12s'])\n"
         "t = pd.Timedelta(\"1min 30s\") + pd.Timedelta(value='3652 days 10h 12min')"),
        # other units, a unit argument (another rule's), a string pandas never read, other libraries' Timedelta
        ("import pandas as pd\nt = pd.Timedelta('2 days')\nu = pd.Timedelta(5, 'M')\nv = pd.Timedelta('1Y2M')\n"
         "w = other.Timedelta('1Y')",
         "import pandas as pd\nt = pd.Timedelta('2 days')\nu = pd.Timedelta(5, 'M')\nv = pd.Timedelta('1Y2M')\n"
         "w = other.Timedelta('1Y')"),
    ),
)
class TimedeltaYearMonth(RuleTransformer):
    def _pandas(self, call: cst.Call) -> bool:
        func = call.func
        if isinstance(func, cst.Attribute):
            return dotted(func.value) in self.ctx.module_names("pandas") | {"pandas"}
        return isinstance(func, cst.Name) and self.ctx.imported.get(func.value, "").startswith("pandas")

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in ("Timedelta", "to_timedelta") or not self._pandas(updated):
            return updated
        given = argument(updated, "value" if name == "Timedelta" else "arg")
        if given is None:
            return updated
        value = given.value
        if isinstance(value, (cst.List, cst.Tuple)):
            elements = [e.with_changes(value=new) if (new := _rewritten_literal(e.value)) is not None else e
                        for e in value.elements]
            new_value = value.with_changes(elements=elements)
        else:
            new_value = _rewritten_literal(value)
        if new_value is None:
            return updated
        return updated.with_changes(args=[a.with_changes(value=new_value) if a is given else a for a in updated.args])


# --------------------------------------------------------------------------- display.mpl_style

_MPL_STYLE = ("display.mpl_style", "mpl_style")


@rule(
    "pandas-mpl-style",
    library="pandas",
    changed_in="pandas 0.21 (deprecated in 0.18)",
    rationale="setting display.mpl_style to 'default' updated matplotlib's rcParams with a fixed style sheet (grey "
    "axes, a grid, monospace type, seven colours in the colour cycle) and setting it to None or False put back "
    "the values it had replaced; mpl_style(value), written into the notebook, does the same with pandas "
    "0.18-0.20's sheet (the colours as the prop_cycle, as pandas gave them to matplotlib >= 1.5; the "
    "keymap.all_axes shortcut, which matplotlib has dropped, left out).",
    pattern=r"mpl_style",
    gate=lambda ctx, code: "pandas" in ctx.text,
    signatures=(("OptionError", r"No such keys?\(s\): '(display\.)?mpl_style'"),),
    examples=(
        ("import pandas as pd\nimport matplotlib.pyplot as plt\npd.set_option('display.mpl_style', 'default')\n"
         "pd.options.display.mpl_style = None\npd.set_option('display.max_rows', 10)",
         "import pandas as pd\nimport matplotlib.pyplot as plt\n"
         + shim_source(old_pandas.mpl_style, "mpl_style") + "mpl_style('default')\n"
         "mpl_style(None)\npd.set_option('display.max_rows', 10)"),
    ),
)
class MplStyle(Shims):
    def leave_Call(self, original, updated):
        args = positional(updated)
        if module_call(updated, self.ctx, "pandas") != "set_option" or len(updated.args) != 2 or len(args) != 2 \
                or string_value(args[0].value) not in _MPL_STYLE:
            return updated
        return cst.Call(self.need_shim("mpl_style", old_pandas.mpl_style), [cst.Arg(args[1].value)])

    def leave_Assign(self, original, updated):
        target = dotted(updated.targets[0].target) if len(updated.targets) == 1 else None
        if target is None or not target.endswith(".options.display.mpl_style") \
                or target.rsplit(".", 3)[0] not in self.ctx.module_names("pandas") | {"pandas"}:
            return updated
        return cst.Expr(cst.Call(self.need_shim("mpl_style", old_pandas.mpl_style), [cst.Arg(updated.value)]))


# --------------------------------------------------------------------------- Index.summary()

_INDEX_MADE = re.compile(r"^(?:[\w.]+\.)?(Index|RangeIndex|MultiIndex|\w+Index|date_range|period_range|"
                         r"timedelta_range|interval_range|Index\.from_\w+|MultiIndex\.from_\w+)$")


def _index_like(node: cst.BaseExpression) -> bool:
    """``df.index``, ``df.columns``, ``pd.Index(...)``, ``pd.date_range(...)``: plainly a pandas index."""
    if isinstance(node, cst.Attribute) and node.attr.value in ("index", "columns"):
        return True
    return isinstance(node, cst.Call) and _INDEX_MADE.match(code_of(node.func)) is not None


@rule(
    "pandas-index-summary",
    library="pandas",
    changed_in="pandas 1.0 (deprecated in 0.23)",
    rationale="Index.summary(name=None) gave a short text: the class name (Int64Index, Float64Index, UInt64Index for "
    "numbers), the length and the first and last labels (a date index's as dates alone when all are at "
    "midnight, a timedelta index's in one layout for all), and for a date, period or timedelta index with a "
    "frequency a second line 'Freq: ...' under pandas 0.25's names ('M', 'A-DEC', 'H', 'T'). index_summary(idx), "
    "written into the notebook, builds that text as pandas 0.23-0.25 did (checked against pandas 1.5.3's "
    "private _summary, the same code, on 40 indexes).",
    pattern=r"\.summary\(",
    gate=lambda ctx, code: "pandas" in ctx.text,
    signatures=(("AttributeError", r"'\w*Index' object has no attribute 'summary'"),),
    examples=(
        ("import pandas as pd\nprint(df.index.summary())\ns = pd.Index([1, 2]).summary()\nr = model.summary()",
         "import pandas as pd\n" + shim_source(old_pandas_text.index_summary, "index_summary")
         + "print(index_summary(df.index))\ns = index_summary(pd.Index([1, 2]))\nr = model.summary()"),
    ),
    error_examples=(
        ("AttributeError: 'DatetimeIndex' object has no attribute 'summary'", 2,
         "import pandas as pd\nprint(idx.summary(name='dates'), res.params)",
         "import pandas as pd\n" + shim_source(old_pandas_text.index_summary, "index_summary")
         + "print(index_summary(idx, name='dates'), res.params)"),
    ),
)
class IndexSummary(Shims):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if callee_name(updated) != "summary" or not isinstance(updated.func, cst.Attribute) or len(updated.args) > 1:
            return updated
        owner = updated.func.value
        if not (_index_like(owner) or (self.own_error_type is not None and self.on_own_error_line(original))):
            return updated
        return self.method_as_shim(updated, "index_summary", old_pandas_text.index_summary)


# --------------------------------------------------------------------------- scikit-learn helpers

_DELEGATE = {("sklearn.utils.metaestimators", "if_delegate_has_method"): old_sklearn_helpers.if_delegate_has_method}
_GRID_POINT = {("sklearn.model_selection", "fit_grid_point"): old_sklearn_helpers.fit_grid_point,
               ("sklearn.grid_search", "fit_grid_point"): old_sklearn_helpers.fit_grid_point}


@rule(
    "sklearn-if-delegate-has-method",
    library="scikit-learn",
    changed_in="scikit-learn 1.3 (deprecated in 1.1)",
    rationale="if_delegate_has_method(delegate) made a method exist only when the first of the delegate names "
    "found on the object (a dotted name, or a list of them) had an attribute of the method's name; scikit-learn "
    "1.0-1.2 built it on available_if, and the same decorator, on available_if, is written into the notebook.",
    pattern=names_pattern(_DELEGATE),
    gate=lambda ctx, code: "sklearn" in ctx.text,
    signatures=import_signatures(_DELEGATE),
    examples=(
        ("from sklearn.utils.metaestimators import if_delegate_has_method\n"
         "class Wrap:\n    @if_delegate_has_method(delegate='model')\n    def predict(self, X):\n"
         "        return self.model.predict(X)",
         shim_source(old_sklearn_helpers.if_delegate_has_method, "if_delegate_has_method")
         + "class Wrap:\n    @if_delegate_has_method(delegate='model')\n    def predict(self, X):\n"
         "        return self.model.predict(X)"),
    ),
)
class IfDelegateHasMethod(RemovedNames):
    TABLE = _DELEGATE


@rule(
    "sklearn-model-selection-fit-grid-point",
    library="scikit-learn",
    changed_in="scikit-learn 1.0 (deprecated in 0.23)",
    rationale="fit_grid_point(X, y, estimator, parameters, train, test, scorer, verbose, error_score, **fit_params) "
    "set the parameters on the estimator itself, fitted it on the train rows and scored it on the test rows "
    "(a precomputed kernel cut on both axes, sample-aligned fit parameters cut to train, a failed fit scored "
    "error_score with a FitFailedWarning), returning (score, parameters, number of test samples); that function "
    "is written into the notebook on public scikit-learn.",
    pattern=names_pattern(_GRID_POINT),
    gate=lambda ctx, code: "sklearn" in ctx.text,
    signatures=import_signatures(_GRID_POINT),
    examples=(
        ("from sklearn.model_selection import fit_grid_point, KFold\n"
         "score, params, n = fit_grid_point(X, y, SVC(), {'C': 1.0}, tr, te, scorer, 0)",
         "from sklearn.model_selection import KFold\n"
         + shim_source(old_sklearn_helpers.fit_grid_point, "fit_grid_point")
         + "score, params, n = fit_grid_point(X, y, SVC(), {'C': 1.0}, tr, te, scorer, 0)"),
    ),
)
class FitGridPoint(RemovedNames):
    TABLE = _GRID_POINT
