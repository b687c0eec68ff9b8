"""Functions the libraries removed, given back by the static pass (the <library>-removed-functions rules and
their neighbours), run in the tabular profile's real kernel: each prints values known from the old
function's documentation or arithmetic done by hand."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local, stdout

SCIPY = code_notebook(
    "import numpy as np\nfrom scipy import stats, signal\n"
    "from scipy.misc import imread, imsave, imresize, derivative, imrotate, imfilter, bytescale\n"
    "from scipy.integrate import quadrature, romberg\n"
    "from scipy.stats import itemfreq, median_absolute_deviation, binom_test, chisqprob, nanmean, nanstd\n"
    "from scipy.special import sph_harm, lpn, sph_jn\nfrom scipy.constants import C2K, K2F\n"
    "from scipy.spatial.distance import wminkowski, kulsinski",
    # misc: a float image is bytescaled to 0..255 on the way out, read back as uint8, resized by PIL
    "img = np.arange(16.0).reshape(4, 4)\nimsave('g.png', img)\nback = imread('g.png')\n"
    "small = imresize(back, (2, 2), interp='nearest')\nhalf = imresize(img, 50)\n"
    "print(back.dtype, back.min(), back.max(), back[0, 1], small.shape, half.shape, half.dtype)\n"
    "print(round(derivative(np.sin, 0.0, dx=1e-3), 6), round(derivative(np.exp, 0.0, dx=1e-2, n=2, order=5), 6))\n"
    "turned = imrotate(img, 90)\nflat = imfilter(np.full((4, 4), 7.0), 'smooth')\n"
    "print(bytescale(img)[0].tolist(), (turned == np.rot90(bytescale(img))).all(), turned.dtype, flat.shape, flat.dtype)",
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
    # a quarter turn of the bytescaled image (PIL's exact 90-degree path); a flat image filters to a flat image
    assert stdout(after.cells[1]) == ("uint8 0 255 17 (2, 2) (2, 2) uint8\n1.0 1.0\n"
                                      "[0, 17, 34, 51] True uint8 (4, 4) uint8\n")
    assert stdout(after.cells[2]) == "1.0 2.0\n"
    assert stdout(after.cells[3]) == (
        "[[1, 2], [2, 1]] 1.4826\nTrue True\n0.05 [2.0, 4.0] 1.0\n[2.0] [4] [1.0, 2.0] 0.0 2.0 0\n"
        "14 [0, 5, 0] 2.4495\n2.0 2.0\n")
    # Y_1^0 at the pole: sqrt(3 / 4 pi); P_n(0.5) and P_n'(0.5); j_0(1) = sin(1)
    assert stdout(after.cells[4]) == (
        "(3, 50) float64 0.867325\n0.488603 [[1.0, 0.5, -0.125], [0.0, 1.0, 1.5]] 0.841471\n"
        "273.15 32.0 5.0 0.75 1.0\n")


NUMPY = code_notebook(
    "import pickle\nimport numpy as np\nfrom numpy.core.umath_tests import inner1d\nfrom numpy.dual import inv",
    "print(np.loads(pickle.dumps([1, 2])), np.safe_eval('[1, 2]'), np.issubclass_(np.int64, np.integer), np.PZERO, np.NZERO)\n"
    "print(np.cast['f4']([1, 2]).dtype, np.sctypes['float'][-1] is np.longdouble, len(np.sctypes), np.lib.pad([1], 1))\n"
    "print(np.maximum_sctype(np.float32) is np.longdouble, np.maximum_sctype(int), np.obj2sctype(np.array([1.0])), np.sctype2char(np.float64))\n"
    "print(np.find_common_type([np.int64, np.float32], []), np.find_common_type([np.float32], [np.int64]))\n"
    "print(inner1d([[1, 2], [3, 4]], [[1, 1], [2, 2]]), inv([[2.0]]), np.finfo(np.float64).machar.eps == np.finfo(float).eps, "
    "np.MachAr().xmax)",
    "with open('t.csv', 'w') as f:\n    f.write('A,B\\n1,x\\n2,y\\n')\nr = np.recfromcsv('t.csv')\n"
    "print(r.a.tolist(), r.b.tolist(), type(r).__name__)\nnp.disp('shown')\nnp.set_string_function(lambda a: 'ARR')\n"
    "print(repr(np.arange(2)))\nnp.set_string_function(None)\nprint(repr(np.arange(2)))",
    "print(np.searchsorted([1, 2, 3], 2, side='r'), np.convolve([1, 2, 3], [1, 1], mode='s'), np.take([1, 2], [5], mode='c'))\n"
    "print(np.bincount([1], minlength=None), np.partition([3, 1, 2], True), np.dtype('Complex64'),\n"
    "      np.frombuffer(np.int16([1, 2]).tobytes(), 'Int16'), np.sum(x * x for x in range(4)))",
    "def half(x):\n    return x / 2\nnp.source(half)\nnp.lookfor('arithmetic mean')\nbig = np.zeros(3)\nnp.who()",
    "b = np.arange(3, dtype='<i4').newbyteorder()\nprint(b.dtype.byteorder, b[1])\nprint(np.nonzero(np.int64(3)))",
)


def test_removed_numpy_functions_compute_what_they_did(tmp_path, apply, run_repaired):
    before = run_local(NUMPY, tmp_path / "before")
    assert before.first_failure.index == 0
    out = run_repaired(apply(NUMPY, fix_static(NUMPY)), attempts=3)
    assert out[1] == ("[1, 2] [1, 2] True 0.0 -0.0\nfloat32 True 5 [0 1 0]\nTrue <class 'numpy.int64'> <class 'numpy.float64'> d\n"
                      "float64 float32\n[ 3 14] [[0.5]] True 1.7976931348623157e+308\n")
    assert out[2] == "[1, 2] ['x', 'y'] recarray\nshown\nARR\narray([0, 1])\n"
    assert out[3] == "2 [1 3 5] [2]\n[0 1] [1 2 3] complex128 [1 2] 14\n"
    assert out[4].startswith("In file: ") and "def half(x):\n    return x / 2\n" in out[4], out[4]
    assert "Search results for 'arithmetic mean'\n" in out[4] and "\nnumpy.mean\n" in out[4], out[4]
    assert "big" in out[4] and "Upper bound on total bytes" in out[4]
    # the bytes of 1 read big-endian: 2 ** 24
    assert out[5] == ">" + " 16777216\n(array([0]),)\n"


PLOTTING = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport matplotlib\nimport matplotlib.pyplot as plt\n"
    "import matplotlib.mlab as mlab\nfrom matplotlib import cm\nimport seaborn as sns\nfrom scipy import stats\n"
    "import statsmodels.formula.api as smf\nfrom statsmodels.tsa.stattools import periodogram\n"
    "from statsmodels.tsa.holtwinters import ExponentialSmoothing",
    "print(round(float(mlab.bivariate_normal(0.0, 0.0)), 6), mlab.find(np.array([0, 1, 1])))\n"
    "p = mlab.PCA(np.array([[1.0, 2.0], [2.0, 4.1], [3.0, 6.2], [4.0, 7.9]]))\nprint(p.Y.shape, p.fracs[0] > 0.99)\n"
    "cm.register_cmap(name='mine', cmap=plt.get_cmap('viridis'))\ncm.cmap_d['mine2'] = plt.get_cmap('magma')\n"
    "print('mine' in matplotlib.colormaps, cm.cmap_d['mine2'].name, cm.cmap_d['jet'].name)\n"
    "matplotlib.rcParams['axes.color_cycle'] = ['r', 'k']\nplt.rcParams['text.latex.unicode'] = True\n"
    "plt.rcParams['savefig.frameon'] = False\n"
    "print(plt.rcParams['axes.prop_cycle'].by_key()['color'], plt.rcParams['savefig.facecolor'])\n"
    "print(matplotlib.cbook.iterable([1]), matplotlib.cbook.is_string_like('a'))",
    "fig, (ax1, ax2) = plt.subplots(1, 2)\nfig.canvas.draw()\nbuf = fig.canvas.tostring_rgb()\n"
    "w, h = fig.canvas.get_width_height()\nfig.canvas.set_window_title('run')\n"
    "ax1.get_shared_x_axes().join(ax1, ax2)\nax1.set_xlim(0, 5)\nax2.scatter([1], [1], verts=[(0, 0), (1, 0), (0, 1)])\n"
    "print(len(buf) == w * h * 3, ax2.get_xlim())",
    "fig, ax = plt.subplots()\nax.set_xticks([0, 1])\nax.set_xticklabels(['a', 'b', 'c'])\n"
    "print([t.get_text() for t in ax.get_xticklabels()])",
    "g = np.arange(3.0)\nqm = ax.pcolormesh(g, g, np.arange(9.0).reshape(3, 3), shading='flat')\nprint(qm.get_array().size)",
    "line, = ax.plot([1, 2])\ndel ax.lines[0]\nprint(len(ax.lines))\n"
    # the colorbar's clim was its image's: both rescale
    "cb = plt.colorbar(qm)\ncb.set_clim(0, 4)\ncb.update_bruteforce(qm)\ncb.draw_all()\n"
    "print(qm.get_clim(), cb.mappable is qm)",
    "df = pd.DataFrame({'a': [3.0, 1.0, 2.0, 5.0], 'b': [1.0, 2.0, 2.5, 4.0]})\n"
    "print(sns.iqr([1, 2, 3, 4]), sns.sort_df(df, 'a').a.tolist(), sns.percentiles(np.arange(11.0), [10, 50]).tolist(),\n"
    "      sns.pmf_hist([1, 1, 2, 3], bins=2)[1].tolist())",
    "g = sns.jointplot(x='a', y='b', data=df)\ng.annotate(stats.pearsonr)\n"
    "print(g.ax_joint.get_legend().get_texts()[0].get_text().startswith('pearsonr = '))",
    "res = smf.OLS(df['b'], np.column_stack([np.ones(4), df['a']])).fit()\n"
    "print(type(res).__name__, periodogram([1, 2, 3, 4]).round(9).tolist())\n"
    "hw = ExponentialSmoothing(np.arange(1.0, 25.0), trend='add').fit(use_boxcox=True)\nprint(hw.params['use_boxcox'])",
)


def test_removed_plotting_and_statsmodels_functions_do_what_they_did(apply, run_repaired):
    out = run_repaired(apply(PLOTTING, fix_static(PLOTTING)), attempts=6)
    assert out[1] == ("0.159155 [1 2]\n(4, 2) True\nTrue mine2 jet\n['r', 'k'] none\nTrue True\n")
    assert out[2] == "True (np.float64(0.0), np.float64(5.0))\n"
    assert out[3] == "['a', 'b']\n"  # the third label had no tick, as before matplotlib 3.5
    assert out[4] == "4\n"  # the last row and column of C dropped, as flat shading did
    assert out[5] == "0\n(0.0, 4.0) True\n"
    assert out[6] == "1.5 [1.0, 2.0, 3.0, 5.0] [1.0, 5.0] [0.5, 0.5]\n"
    assert out[7] == "True\n"
    assert out[8] == "RegressionResultsWrapper [0.0, 2.0, 1.0, 2.0]\nTrue\n"
