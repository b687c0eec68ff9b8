"""Removals found by reading scipy's and statsmodels' own source at old releases against the locked one
(scripts/signature_diff.py).

scipy's functions removed without a same-named successor, written into the notebook as what they computed
(old_scipy.py, old_scipy_signal.py): signal.slepian (its own eigenvector window, which dpss does not reproduce at
the same width without rescaling), step2/impulse2 (step/impulse, exact where the old ones integrated an ODE), the
wavelet helpers daub/qmf/cascade/morlet2, special.lpmn/clpmn (assoc_legendre_p_all transposed to orders by degrees) and
Rotation.match_vectors (align_vectors of unit vectors, returning the sensitivity matrix as it did);
scipy.info was numpy's. statsmodels' HetGoldfeldQuandt/CompareCox/CompareJ classes, unitroot_adf and
iolib's StataWriter likewise (old_statsmodels.py); adfuller left statsmodels.sandbox.stats.diagnostic with it.

statsmodels' arguments whose successor is more than a rename, each rewritten on the failing line only:
predict(linear=True) of the GLM, discrete and GEE models is predict(which='linear') (0.14); het_arch's
maxlag= is nlags= and its autolag=None / regresults=False defaults are gone (0.12-0.14); ExponentialSmoothing
took seasonal_periods, dates, freq and missing by position, which are keyword-only now (0.12); yule_walker's
method='unbiased' is 'adjusted' (0.13).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_scipy, old_statsmodels
from . import old_scipy_signal as old_signal
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
from .removed_api import (
    Moved,
    RemovedNames,
    import_signatures,
    names_pattern,
    shim_source,
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


# --------------------------------------------------------------------------- removed functions, given back

_WAVELETS = ("daub", "qmf", "cascade", "morlet2")
_ROTATION = ("scipy.spatial.transform.Rotation", "scipy.spatial.transform.rotation.Rotation",
             "scipy.spatial.transform._rotation.Rotation")
SCIPY_TABLE = {
    # moved-names sends signal.slepian to signal.windows, where it is gone too: both homes take the shim
    ("scipy.signal", "slepian"): old_signal.slepian,
    ("scipy.signal.windows", "slepian"): old_signal.slepian,
    ("scipy.signal", "step2"): old_signal.step2,
    ("scipy.signal", "impulse2"): old_signal.impulse2,
    **{(home, n): getattr(old_signal, n) for home in ("scipy.signal", "scipy.signal.wavelets") for n in _WAVELETS},
    ("scipy.special", "lpmn"): old_scipy.lpmn,
    ("scipy.special", "clpmn"): old_scipy.clpmn,
    **{(home, "match_vectors"): old_scipy.match_vectors for home in _ROTATION},
    ("scipy", "info"): Moved("numpy", "info"),  # scipy re-exported numpy's namespace until 1.12
}


@rule(
    "scipy-source-removed-functions",
    library="scipy",
    changed_in="scipy 1.3-1.17",
    rationale="signal.slepian (1.3), step2/impulse2 (1.13), daub/qmf/cascade/morlet2 (1.15), special.lpmn/clpmn "
    "(1.17) and Rotation.match_vectors (1.6) are written into the notebook as they computed, with today's API: "
    "step2/impulse2 call step/impulse (their ODE-solver options dropped), lpmn/clpmn read "
    "assoc_legendre_p_all by orders, match_vectors scales the vectors to unit length and normalises the weights "
    "before align_vectors and returns (rotation, sensitivity) as before. scipy.info was numpy.info.",
    pattern=names_pattern(SCIPY_TABLE),
    gate=lambda ctx, code: "scipy" in ctx.text,  # .info is also every DataFrame's
    signatures=(*import_signatures(SCIPY_TABLE),
                ("AttributeError", r"type object 'Rotation' has no attribute 'match_vectors'")),
    examples=(
        ("from scipy import signal\nw = signal.slepian(51, width=0.3)",
         "from scipy import signal\n" + shim_source(old_signal.slepian, "slepian") + "w = slepian(51, width=0.3)"),
        ("from scipy.signal import cascade, daub\nx, phi, psi = cascade(daub(2))",
         shim_source(old_signal.cascade, "cascade") + shim_source(old_signal.daub, "daub")
         + "x, phi, psi = cascade(daub(2))"),
        ("from scipy.spatial.transform import Rotation as R\nrot, sens = R.match_vectors(a, b)",
         "from scipy.spatial.transform import Rotation as R\n" + shim_source(old_scipy.match_vectors, "match_vectors")
         + "rot, sens = match_vectors(a, b)"),
        ("import numpy as np\nimport scipy as sp\nsp.info(sp.special.lpmn)",
         "import numpy as np\nimport scipy as sp\n" + shim_source(old_scipy.lpmn, "lpmn") + "np.info(lpmn)"),
        ("from scipy.signal import step\nt, y = step(sys)", "from scipy.signal import step\nt, y = step(sys)"),
    ),
)
class ScipySourceRemovedFunctions(RemovedNames):
    TABLE = SCIPY_TABLE


_TESTS = ("HetGoldfeldQuandt", "CompareCox", "CompareJ")
_DIAGNOSTIC = ("statsmodels.stats.diagnostic", "statsmodels.stats.api", "statsmodels.sandbox.stats.diagnostic")
_UNITROOT_011 = "2020-02"  # statsmodels 0.11.0 came out in January 2020
STATSMODELS_TABLE = {
    **{(home, n): getattr(old_statsmodels, n) for home in _DIAGNOSTIC for n in _TESTS},
    **{(home, "unitroot_adf"): old_statsmodels.unitroot_adf for home in _DIAGNOSTIC},
    # the sandbox module (removed in 0.15) also re-exported adfuller; its other names are stats.diagnostic's
    ("statsmodels.sandbox.stats.diagnostic", "adfuller"): Moved("statsmodels.tsa.stattools", "adfuller"),
    **{(home, "StataWriter"): old_statsmodels.StataWriter
       for home in ("statsmodels.iolib.foreign", "statsmodels.iolib.api", "statsmodels.iolib")},
}


@rule(
    "statsmodels-source-removed-functions",
    library="statsmodels",
    changed_in="statsmodels 0.12-0.15",
    rationale="the HetGoldfeldQuandt, CompareCox and CompareJ classes (removed in 0.13) were callable tests over "
    "het_goldfeldquandt, compare_cox and compare_j, run() keeping the results on the instance; unitroot_adf "
    "(0.12) was adfuller with the trend as a number (0 a constant until 0.10, none in 0.11: read from the "
    "notebook's date); iolib's StataWriter (0.13) wrote as pandas' StataWriter does, arrays as columns v1, v2, "
    "...; each is written into the notebook. adfuller, imported from the sandbox diagnostic module (0.15), is "
    "statsmodels.tsa.stattools'.",
    pattern=names_pattern(STATSMODELS_TABLE),
    gate=lambda ctx, code: "statsmodels" in ctx.text,
    signatures=import_signatures(STATSMODELS_TABLE),
    examples=(
        ("from statsmodels.stats.diagnostic import HetGoldfeldQuandt, het_white\nf, p, o = HetGoldfeldQuandt()(y, X)",
         "from statsmodels.stats.diagnostic import het_white\n"
         + shim_source(old_statsmodels.HetGoldfeldQuandt, "HetGoldfeldQuandt") + "f, p, o = HetGoldfeldQuandt()(y, X)"),
        ("import statsmodels.stats.api as sms\nt, p = sms.CompareJ()(res1, res2)",
         "import statsmodels.stats.api as sms\n" + shim_source(old_statsmodels.CompareJ, "CompareJ")
         + "t, p = CompareJ()(res1, res2)"),
        ("from statsmodels.sandbox.stats.diagnostic import adfuller, unitroot_adf\nr = unitroot_adf(x, 4)",
         "from statsmodels.tsa.stattools import adfuller\n" + shim_source(old_statsmodels.unitroot_adf, "unitroot_adf")
         + "r = unitroot_adf(x, 4)"),
        ("from statsmodels.iolib.foreign import StataWriter\nStataWriter('d.dta', df).write_file()",
         shim_source(old_statsmodels.StataWriter, "StataWriter") + "StataWriter('d.dta', df).write_file()"),
    ),
)
class StatsmodelsSourceRemovedFunctions(RemovedNames):
    TABLE = STATSMODELS_TABLE

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        if ctx.written_since(_UNITROOT_011):  # written for 0.11, whose unitroot_adf counted the trend's terms
            self.TABLE = {key: old_statsmodels.unitroot_adf_011 if key[1] == "unitroot_adf" else value
                          for key, value in STATSMODELS_TABLE.items()}
