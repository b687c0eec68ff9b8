"""scipy functions removed with no public function computing what they did, written into the notebook on
today's public API: interpolate.interp2d (a NotImplementedError since 1.14), sparse.csgraph.cs_graph_components
(removed in 1.0) and signal.bspline (removed in 1.13).

interp2d fitted a FITPACK spline (s=0: interpolating) of degree 1, 3 or 5: on a grid with regrid_smth, the routine
RectBivariateSpline still runs, and on scattered points with bisplrep; a call evaluated it with bisplev on the
sorted grid of x by y and returned it with y along the rows, fill_value written over points outside the data. Each
of those is public today, so the class is written into the notebook whole (old_scipy.interp2d, read from scipy
1.10.1's): checked against scipy 1.10.1 itself, knots, coefficients and values agree to rounding (1e-15).

cs_graph_components labelled a node whose row stores no entry -2 and numbered the others' components from the
lowest unlabelled node up, following each row's entries (sparsetools' csgraph.h); connected_components counts those
nodes as components of their own, so the old routine is written out (old_scipy.cs_graph_components).

bspline(x, n) evaluated the centred B-spline of order n with numpy.piecewise over -|x|, one truncated-power sum per
unit interval (scipy 1.10.1's _bspline_piecefunctions); BSpline.basis_element draws the same curve but assigns the
knots to other intervals, so the old evaluation is written out (old_scipy_signal.bspline): against scipy 1.10.1 it
agrees to rounding (4e-16, from numpy's power).
"""

from __future__ import annotations

from . import old_scipy, old_scipy_signal
from .framework import rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source

_INTERP2D = {("scipy.interpolate", "interp2d"): old_scipy.interp2d}


@rule(
    "scipy-interp2d",
    library="scipy",
    changed_in="scipy 1.14 (deprecated in 1.10)",
    rationale="interp2d(x, y, z, kind) was a FITPACK interpolating spline (RectBivariateSpline's regrid on a grid, "
    "bisplrep on scattered points) called on the sorted grid of x by y, z with y along the rows; the class is "
    "written into the notebook on those public calls (same knots and values as scipy 1.10), so the notebook's "
    "f = interp2d(...) and f(xnew, ynew) run as written.",
    pattern=names_pattern(_INTERP2D),
    gate=lambda ctx, code: "scipy" in ctx.text,
    signatures=(("NotImplementedError", r"`interp2d` has been removed in SciPy 1\.14"),),
    examples=(
        ("from scipy.interpolate import interp2d, griddata\nf = interp2d(x, y, z, kind='cubic')\nzz = f(xs, ys)",
         "from scipy.interpolate import griddata\n" + shim_source(old_scipy.interp2d, "interp2d")
         + "f = interp2d(x, y, z, kind='cubic')\nzz = f(xs, ys)"),
        ("import scipy.interpolate as si\nf = si.interp2d(lon, lat, temp)",
         "import scipy.interpolate as si\n" + shim_source(old_scipy.interp2d, "interp2d")
         + "f = interp2d(lon, lat, temp)"),
    ),
)
class Interp2d(RemovedNames):
    TABLE = _INTERP2D


_COMPONENTS = {(home, "cs_graph_components"): old_scipy.cs_graph_components
               for home in ("scipy.sparse.csgraph", "scipy.sparse")}


@rule(
    "scipy-cs-graph-components",
    library="scipy",
    changed_in="scipy 1.0 (deprecated in 0.12)",
    rationale="cs_graph_components(x) returned (n, labels) with -2 for every node whose row stores no entry (not a "
    "component) and the other nodes' components numbered from the lowest unlabelled node, each following its rows' "
    "entries; connected_components gives those empty nodes components of their own, so the old routine is written "
    "into the notebook (a breadth-first walk over the CSR rows), the same labels and count.",
    pattern=names_pattern(_COMPONENTS),
    gate=lambda ctx, code: "scipy" in ctx.text,
    signatures=import_signatures(_COMPONENTS),
    examples=(
        ("from scipy.sparse.csgraph import cs_graph_components, shortest_path\nn, labels = cs_graph_components(A)",
         "from scipy.sparse.csgraph import shortest_path\n" + shim_source(old_scipy.cs_graph_components,
                                                                          "cs_graph_components")
         + "n, labels = cs_graph_components(A)"),
        ("import scipy.sparse as sp\nn, lab = sp.cs_graph_components(sp.csr_matrix(adj))",
         "import scipy.sparse as sp\n" + shim_source(old_scipy.cs_graph_components, "cs_graph_components")
         + "n, lab = cs_graph_components(sp.csr_matrix(adj))"),
    ),
)
class CsGraphComponents(RemovedNames):
    TABLE = _COMPONENTS


_BSPLINE = {(home, "bspline"): old_scipy_signal.bspline for home in ("scipy.signal", "scipy.signal.bsplines")}


@rule(
    "scipy-signal-bspline",
    library="scipy",
    changed_in="scipy 1.13 (deprecated in 1.11)",
    rationale="signal.bspline(x, n), the centred B-spline of order n, was numpy.piecewise over -|x| with one "
    "truncated-power sum per unit interval (the knots counted with the inner interval, 0 from -(n + 1) / 2 on); "
    "BSpline.basis_element puts the knots in other intervals, so that evaluation is written into the notebook.",
    pattern=names_pattern(_BSPLINE),
    gate=lambda ctx, code: "scipy" in ctx.text,
    signatures=import_signatures(_BSPLINE),
    examples=(
        ("from scipy.signal import bspline, cubic\ny = bspline(x, 3)",
         "from scipy.signal import cubic\n" + shim_source(old_scipy_signal.bspline, "bspline") + "y = bspline(x, 3)"),
        ("from scipy import signal\nw = signal.bspline(t / h, 2)",
         "from scipy import signal\n" + shim_source(old_scipy_signal.bspline, "bspline") + "w = bspline(t / h, 2)"),
    ),
)
class SignalBspline(RemovedNames):
    TABLE = _BSPLINE
