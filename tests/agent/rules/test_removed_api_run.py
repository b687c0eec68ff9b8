"""Functions the libraries removed, given back by the static pass (the <library>-removed-functions rules and
their neighbours), run in the tabular profile's real kernel: each prints values known from the old
function's documentation or arithmetic done by hand."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local, stdout

SCIPY = code_notebook(
    "import numpy as np\nfrom scipy import stats, signal\n"
    "from scipy.misc import imread, imsave, imresize, derivative\n"
    "from scipy.integrate import quadrature, romberg\n"
    "from scipy.stats import itemfreq, median_absolute_deviation, binom_test, chisqprob, nanmean, nanstd\n"
    "from scipy.special import sph_harm, lpn, sph_jn\nfrom scipy.constants import C2K, K2F\n"
    "from scipy.spatial.distance import wminkowski, kulsinski",
    # misc: a float image is bytescaled to 0..255 on the way out, read back as uint8, resized by PIL
    "img = np.arange(16.0).reshape(4, 4)\nimsave('g.png', img)\nback = imread('g.png')\n"
    "small = imresize(back, (2, 2), interp='nearest')\nhalf = imresize(img, 50)\n"
    "print(back.dtype, back.min(), back.max(), back[0, 1], small.shape, half.shape, half.dtype)\n"
    "print(round(derivative(np.sin, 0.0, dx=1e-3), 6), round(derivative(np.exp, 0.0, dx=1e-2, n=2, order=5), 6))",
    "print(round(quadrature(np.cos, 0, np.pi / 2)[0], 9), round(romberg(np.sin, 0, np.pi), 9))",
    "print(itemfreq([1, 1, 2]).tolist(), round(median_absolute_deviation([1, 2, 3, 4, 100]), 4))\n"
    "print(binom_test(3, 10) == stats.binomtest(3, 10).pvalue, binom_test([3, 7]) == binom_test(3, 10))\n"
    "print(round(chisqprob(3.841459, 1), 4), nanmean(np.array([[1, np.nan], [3, 4]])).tolist(), nanstd([1, 2, 3, np.nan]))\n"
    "r = stats.find_repeats([2, 1, 2, 3, 2, 2, 5])\nh = stats.histogram([1, 2, 3], numbins=2)\n"
    "print(r.values.tolist(), r.counts.tolist(), h.count.tolist(), h.lowerlimit, h.binsize, h.extrapoints)\n"
    "print(stats.ss([1, 2, 3]), stats.threshold([1, 5, 10], 2, 8).tolist(), round(float(stats.signaltonoise([1, 2, 3])), 4))\n"
    "print(stats.linregress(np.array([[1, 2, 3], [2, 4, 6]])).slope, stats.linregress(np.array([[1, 3], [2, 5], [3, 7]])).slope)",
    "c = signal.cwt(np.sin(np.arange(50) / 3), signal.ricker, [1, 2, 4])\n"
    "print(c.shape, c.dtype, round(float(signal.ricker(5, 1.0)[2]), 6))\n"
    "print(round(float(sph_harm(0, 1, 0.0, 0.0).real), 6), [a.tolist() for a in lpn(2, 0.5)], round(float(sph_jn(1, 1.0)[0][0]), 6))\n"
    "print(C2K(0.0), round(float(K2F(273.15)), 6), round(wminkowski([1, 0], [0, 1], 2, [1, 2]) ** 2, 6),\n"
    "      kulsinski([1, 0, 0], [1, 1, 0]), kulsinski([1, 0, 0], [0, 1, 0]))",
)


def test_removed_scipy_functions_compute_what_they_did(tmp_path, apply):
    before = run_local(SCIPY, tmp_path / "before")
    assert before.first_failure.index == 0
    edits = fix_static(SCIPY)
    assert {"scipy-removed-functions", "scipy-linregress-one-argument"} <= {r for e in edits for r in e.rule_ids}
    after = run_local(apply(SCIPY, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    # 1.0 bytescaled: 1 * 255 / 15 = 17; nearest 2x2 and half size of 4x4; d sin/dx at 0 = 1, d2 exp/dx2 at 0 = 1
    assert stdout(after.cells[1]) == "uint8 0 255 17 (2, 2) (2, 2) uint8\n1.0 1.0\n"
    assert stdout(after.cells[2]) == "1.0 2.0\n"
    assert stdout(after.cells[3]) == (
        "[[1, 2], [2, 1]] 1.4826\nTrue True\n0.05 [2.0, 4.0] 1.0\n[2.0] [4] [1.0, 2.0] 0.0 2.0 0\n"
        "14 [0, 5, 0] 2.4495\n2.0 2.0\n")
    # Y_1^0 at the pole: sqrt(3 / 4 pi); P_n(0.5) and P_n'(0.5); j_0(1) = sin(1)
    assert stdout(after.cells[4]) == (
        "(3, 50) float64 0.867325\n0.488603 [[1.0, 0.5, -0.125], [0.0, 1.0, 1.5]] 0.841471\n"
        "273.15 32.0 5.0 0.75 1.0\n")
