"""scipy: functions removed without a same-named successor, given back as what they computed.

scipy.misc's image helpers (PIL, bytescaled, as scipy did), derivative, quadrature and romberg, the
scipy.stats helpers (itemfreq, nanmean, binom_test, median_absolute_deviation with its 1.4826 scale, ...),
scipy.signal's wavelets (cwt, ricker, morlet), lsim2 and cmplx_sort, wminkowski and kulsinski, sph_harm
(arguments swapped into sph_harm_y), lpn, sph_jn, errprint and the temperature converters: each becomes the
old function written with today's API (old_scipy.py, old_scipy_images.py, old_scipy_signal.py). Also
linregress(xy) of one 2xN/Nx2 array and sparse arrays' getrow/getcol.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_scipy as old
from . import old_scipy_images as old_images
from . import old_scipy_signal as old_signal
from .framework import RuleTransformer, kwarg, positional, rule
from .removed_api import (
    RemovedNames,
    import_signatures,
    module_of,
    names_pattern,
    shim_source,
)

_STATS = ("itemfreq", "median_absolute_deviation", "binom_test", "betai", "chisqprob", "signaltonoise", "ss",
          "threshold", "histogram", "nanmean", "nanstd", "nanmedian", "find_repeats", "rvs_ratio_uniforms")
_SIGNAL = ("ricker", "morlet", "cwt", "lsim2", "cmplx_sort")
_SPECIAL = ("sph_harm", "lpn", "sph_jn", "errprint")
_CONSTANTS = ("C2K", "K2C", "F2C", "C2F", "F2K", "K2F")

TABLE = {
    **{("scipy.misc", n): getattr(old_images, n)
       for n in ("imread", "imresize", "imsave", "toimage", "bytescale", "imrotate", "imfilter")},
    ("scipy.misc", "derivative"): old.derivative,
    ("scipy.ndimage", "imread"): old_images.imread,
    ("scipy.integrate", "quadrature"): old.quadrature,
    ("scipy.integrate", "romberg"): old.romberg,
    **{("scipy.stats", n): getattr(old, n) for n in _STATS},
    **{("scipy.signal", n): getattr(old_signal, n) for n in _SIGNAL},
    **{("scipy.signal.wavelets", n): getattr(old_signal, n) for n in ("ricker", "morlet", "cwt")},
    ("scipy.spatial.distance", "wminkowski"): old.wminkowski,
    ("scipy.spatial.distance", "kulsinski"): old.kulsinski,
    **{("scipy.special", n): getattr(old, n) for n in _SPECIAL},
    **{("scipy.constants", n): getattr(old, n) for n in _CONSTANTS},
}


@rule(
    "scipy-removed-functions",
    library="scipy",
    changed_in="scipy 1.0-1.17",
    rationale="a function scipy removed is written into the notebook as what it computed, with today's API: "
    "misc.imread/imresize/imsave/toimage/imrotate/imfilter with PIL (bytescaled to 0..255 as scipy did), bytescale, "
    "misc.derivative's central differences, quadrature and romberg, stats.itemfreq/nanmean/nanstd/nanmedian (axis 0 as before)/binom_test/"
    "median_absolute_deviation (scale 1.4826)/chisqprob/..., signal.cwt/ricker/morlet, lsim2 (lsim), wminkowski "
    "(w ** p), kulsinski, sph_harm (sph_harm_y with its angles swapped back), lpn, sph_jn and C2K and the other "
    "temperature converters. The import becomes the def; stats.itemfreq(x) calls the def put before the line.",
    pattern=names_pattern(TABLE),
    signatures=import_signatures(TABLE),
    examples=(
        ("from scipy.misc import imread, imresize\nimg = imresize(imread(p), (64, 64))",
         "from scipy.misc import imread, imresize\nimg = imresize(imread(p), (64, 64))".replace(
             "from scipy.misc import imread, imresize\n",
             shim_source(old_images.imread, "imread") + shim_source(old_images.imresize, "imresize"))),
        ("from scipy import stats, misc\nf = stats.itemfreq(y)",
         "from scipy import stats, misc\n" + shim_source(old.itemfreq, "itemfreq") + "f = itemfreq(y)"),
        ("from scipy.stats import norm, nanmean as nm\nm = nm(x)",
         "from scipy.stats import norm\n" + shim_source(old.nanmean, "nm") + "m = nm(x)"),
        ("import scipy.signal as sg\nc = sg.cwt(x, sg.ricker, widths)",
         "import scipy.signal as sg\n" + shim_source(old_signal.cwt, "cwt") + shim_source(old_signal.ricker, "ricker")
         + "c = cwt(x, ricker, widths)"),
        ("from scipy.integrate import quad, quadrature\nv, e = quadrature(f, 0, 1)",
         "from scipy.integrate import quad\n" + shim_source(old.quadrature, "quadrature") + "v, e = quadrature(f, 0, 1)"),
        ("import scipy.misc\nscipy.misc.imsave('a.png', x)",
         "import scipy.misc\n" + shim_source(old_images.imsave, "imsave") + "imsave('a.png', x)"),
        ("from scipy.stats import stats\nm = stats.mean(x)", "from scipy.stats import stats\nm = stats.mean(x)"),
    ),
)
class ScipyRemovedFunctions(RemovedNames):
    TABLE = TABLE


def _is_scipy_stats(ctx, func: cst.BaseExpression, name: str) -> bool:
    if isinstance(func, cst.Name):
        return func.value == name and ctx.imported.get(name) == f"scipy.stats.{name}"
    if not (isinstance(func, cst.Attribute) and func.attr.value == name):
        return False
    return module_of(ctx, func.value) in ("scipy.stats", "scipy.stats.mstats")


def linregress_xy(xy):  # scipy.stats.linregress(xy), one argument (removed in scipy 1.16): x and y from 2xN or Nx2
    import numpy
    xy = numpy.asarray(xy)
    return xy if xy.shape[0] == 2 else xy.T


@rule(
    "scipy-linregress-one-argument",
    library="scipy",
    changed_in="scipy 1.16",
    rationale="linregress(xy) of one array, which scipy split into x and y by its shape (2xN or Nx2), now "
    "requires y; the same split is written before the call (linregress(*linregress_xy(xy))).",
    needles=("linregress(",),
    signatures=(("TypeError", r"linregress\(\) missing 1 required positional argument: 'y'"),),
    examples=(
        ("from scipy import stats\nr = stats.linregress(pts)",
         "from scipy import stats\n" + shim_source(linregress_xy, "linregress_xy")
         + "r = stats.linregress(*linregress_xy(pts))"),
        ("from scipy.stats import linregress\nr = linregress(x, y)", "from scipy.stats import linregress\nr = linregress(x, y)"),
    ),
)
class LinregressOneArgument(RemovedNames):
    TABLE: ClassVar[dict] = {}

    def leave_Call(self, original, updated):
        if not _is_scipy_stats(self.ctx, updated.func, "linregress"):
            return updated
        if len(updated.args) != 1 or positional(updated) != list(updated.args) or kwarg(updated, "y") is not None:
            return updated
        arg = updated.args[0]
        helper = cst.Call(self.need_shim("linregress_xy", linregress_xy), [arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        return updated.with_changes(args=[cst.Arg(helper, star="*")])


@rule(
    "scipy-sparse-array-getrow",
    library="scipy",
    changed_in="scipy 1.14",
    rationale="sparse arrays (csr_array, ...) lost getrow/getcol, which sparse matrices keep; A[[i], :] and "
    "A[:, [j]] are the same one-row / one-column sparse arrays. Only the failing line is touched.",
    kind="error",
    signatures=(("AttributeError", r"'\w+_array' object has no attribute '(getrow|getcol)'"),),
    examples=(
        ("r = X.getrow(i)\nc = X.getcol(j + 1)", "r = X[[i], :]\nc = X[:, [j + 1]]"),
    ),
)
class SparseArrayGetrow(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in ("getrow", "getcol"):
            return updated
        if len(updated.args) != 1 or updated.args[0].keyword or updated.args[0].star or self.off_error_line(original):
            return updated
        index = cst.List([cst.Element(updated.args[0].value)])
        whole = cst.Slice(lower=None, upper=None)
        elements = [index, whole] if func.attr.value == "getrow" else [whole, index]
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        return cst.Subscript(func.value, [
            cst.SubscriptElement(cst.Index(elements[0]) if isinstance(elements[0], cst.List) else elements[0], comma=comma),
            cst.SubscriptElement(cst.Index(elements[1]) if isinstance(elements[1], cst.List) else elements[1]),
        ])
