"""scipy's removed functions, written out with today's API: the shims the scipy-removed-functions rule copies
into a notebook (``from scipy.stats import itemfreq`` becomes ``def itemfreq(a): ...``).

Each is scipy's own code of the last release that had it, reduced to the path a call takes (argument checks
that only raised are kept where they are one line). They run in the notebook's kernel, never here: the
imports are inside each function, so a copied shim stands alone. scipy.misc's image functions are in
old_scipy_images.py, scipy.signal's in old_scipy_signal.py.
"""


def derivative(func, x0, dx=1.0, n=1, args=(), order=3):  # scipy.misc.derivative (removed in scipy 1.12): central differences
    import numpy
    from scipy import linalg
    if order < n + 1:
        raise ValueError("'order' (the number of points used to compute the derivative), must be at least the "
                         "derivative order 'n' + 1.")
    if order % 2 == 0:
        raise ValueError("'order' (the number of points used to compute the derivative) must be odd.")
    fixed = {(3, 1): ([-1, 0, 1], 2.0), (3, 2): ([1, -2.0, 1], 1), (5, 1): ([1, -8, 0, 8, -1], 12.0),
             (5, 2): ([-1, 16, -30, 16, -1], 12.0)}
    ho = order >> 1
    if (order, n) in fixed:
        weights = numpy.array(fixed[order, n][0]) / fixed[order, n][1]
    else:  # scipy's central_diff_weights
        x = numpy.arange(-ho, ho + 1.0)[:, numpy.newaxis]
        weights = numpy.prod(numpy.arange(1, n + 1), axis=0) * linalg.inv(x ** numpy.arange(order))[n]
    val = 0.0
    for k in range(order):
        val += weights[k] * func(x0 + (k - ho) * dx, *args)
    return val / numpy.prod((dx,) * n, axis=0)


def quadrature(func, a, b, args=(), tol=1.49e-8, rtol=1.49e-8, maxiter=50, vec_func=True, miniter=1):  # scipy.integrate.quadrature (removed in scipy 1.15)
    import numpy
    from scipy.integrate import fixed_quad
    if not isinstance(args, tuple):
        args = (args,)
    f = (lambda x: func(x, *args)) if vec_func else (lambda x: numpy.array([func(v, *args) for v in x]))
    val = err = numpy.inf
    for n in range(miniter, max(miniter + 1, maxiter) + 1):  # Gaussian quadrature of rising order until it settles
        new = fixed_quad(f, a, b, (), n)[0]
        err, val = abs(new - val), new
        if err < tol or err < rtol * abs(val):
            break
    return val, err


def romberg(function, a, b, args=(), tol=1.48e-8, rtol=1.48e-8, show=False, divmax=10, vec_func=False):  # scipy.integrate.romberg (removed in scipy 1.15)
    import numpy
    if numpy.isinf(a) or numpy.isinf(b):
        raise ValueError("Romberg integration only available for finite limits.")

    def f(x):
        if vec_func or numpy.isscalar(x):
            return function(x, *args)
        return numpy.array([function(v, *args) for v in x])

    n, span = 1, b - a
    ordsum = 0.5 * (f(a) + f(b))
    last_row = [span * ordsum]
    result = last_row[0]
    for i in range(1, divmax + 1):
        n *= 2
        h = float(b - a) / (n / 2)
        ordsum += numpy.sum(f(a + 0.5 * h + h * numpy.arange(n / 2)), axis=0)
        row = [span * ordsum / n]
        for k in range(i):
            row.append((4.0 ** (k + 1) * row[k] - last_row[k]) / (4.0 ** (k + 1) - 1.0))
        result = row[i]
        err = abs(result - last_row[i - 1])
        if err < tol or err < rtol * abs(result):
            break
        last_row = row
    return result


def itemfreq(a):  # scipy.stats.itemfreq (removed in scipy 1.9): each distinct value and its count, one row each
    import numpy
    items, counts = numpy.unique(a, return_counts=True)
    return numpy.array([items, counts]).T


def mode_any(a, axis=0, nan_policy="propagate", keepdims=False):  # scipy.stats.mode of non-numeric input (refused since scipy 1.11): the most common value along axis and its count
    import collections

    import numpy
    from scipy import stats

    values = numpy.asarray(a)
    if values.dtype.kind in "biuf":
        return stats.mode(values, axis=axis, nan_policy=nan_policy, keepdims=keepdims)
    if axis is None:
        values, axis = values.ravel(), 0
    rows = numpy.moveaxis(values, axis, -1)
    modes = numpy.empty(rows.shape[:-1], dtype=values.dtype)
    counts = numpy.zeros(rows.shape[:-1], dtype=int)
    for index in numpy.ndindex(rows.shape[:-1]):
        seen = collections.Counter(rows[index].tolist())  # NaN and mixed types count as they are
        top = max(seen.values())
        tied = [value for value, count in seen.items() if count == top]
        try:
            modes[index] = min(tied)  # as scipy did for numbers: the smallest of the most common
        except TypeError:
            modes[index] = tied[0]
        counts[index] = top
    if keepdims:
        modes, counts = numpy.expand_dims(modes, axis), numpy.expand_dims(counts, axis)
    return collections.namedtuple("ModeResult", "mode count")(modes, counts)


def median_absolute_deviation(x, axis=0, center=None, scale=1.4826, nan_policy="propagate"):  # scipy.stats.median_absolute_deviation (removed in scipy 1.9): the MAD times scale
    import numpy
    from scipy.stats import median_abs_deviation
    if isinstance(scale, str) and scale.lower() == "raw":
        scale = 1.0
    return scale * median_abs_deviation(x, axis=axis, center=center or numpy.median, nan_policy=nan_policy)


def binom_test(x, n=None, p=0.5, alternative="two-sided"):  # scipy.stats.binom_test (removed in scipy 1.12): binomtest's p-value
    import numpy
    from scipy.stats import binomtest
    x = numpy.atleast_1d(x).astype(numpy.int_)
    if len(x) == 2:  # [successes, failures]
        n, x = x[1] + x[0], x[0]
    elif len(x) == 1:
        x = x[0]
        if n is None or n < x:
            raise ValueError("n must be >= x")
    else:
        raise ValueError("Incorrect length for x.")
    return binomtest(int(x), int(n), p, alternative).pvalue


def betai(a, b, x):  # scipy.stats.betai (removed in scipy 1.0): the regularized incomplete beta function
    import numpy
    from scipy.special import betainc
    x = numpy.asarray(x)
    return betainc(a, b, numpy.where(x < 1.0, x, 1.0))


def chisqprob(chisq, df):  # scipy.stats.chisqprob (removed in scipy 1.0): the chi-squared survival function
    from scipy.special import chdtrc
    return chdtrc(df, chisq)


def signaltonoise(a, axis=0, ddof=0):  # scipy.stats.signaltonoise (removed in scipy 1.0): mean / std
    import numpy
    a = numpy.asanyarray(a)
    m = a.mean(axis)
    sd = a.std(axis=axis, ddof=ddof)
    return numpy.where(sd == 0, 0, m / sd)


def ss(a, axis=0):  # scipy.stats.ss (removed in scipy 1.0): the sum of squares
    import numpy
    a = numpy.ravel(a) if axis is None else numpy.asarray(a)
    return numpy.sum(a * a, 0 if axis is None else axis)


def threshold(a, threshmin=None, threshmax=None, newval=0):  # scipy.stats.threshold (removed in scipy 1.0)
    import numpy
    a = numpy.asarray(a).copy()
    mask = numpy.zeros(a.shape, dtype=bool)
    if threshmin is not None:
        mask |= a < threshmin
    if threshmax is not None:
        mask |= a > threshmax
    a[mask] = newval
    return a


def histogram(a, numbins=10, defaultlimits=None, weights=None, printextras=False):  # scipy.stats.histogram (removed in scipy 1.0)
    from collections import namedtuple

    import numpy
    a = numpy.ravel(a)
    if defaultlimits is None:
        if a.size == 0:
            defaultlimits = (0, 1)
        else:  # bins reach a little past the data's minimum and maximum
            s = (a.max() - a.min()) / (2.0 * (numbins - 1.0))
            defaultlimits = (a.min() - s, a.max() + s)
    hist, edges = numpy.histogram(a, bins=numbins, range=defaultlimits, weights=weights)
    extrapoints = len([v for v in a if defaultlimits[0] > v or v > defaultlimits[1]])
    result = namedtuple("HistogramResult", ("count", "lowerlimit", "binsize", "extrapoints"))
    return result(numpy.array(hist, dtype=float), defaultlimits[0], edges[1] - edges[0], extrapoints)


def nanmean(x, axis=0):  # scipy.stats.nanmean (removed in scipy 0.20): numpy's, along axis 0 by default
    import numpy
    return numpy.nanmean(x, axis=axis)


def nanstd(x, axis=0, bias=False):  # scipy.stats.nanstd (removed in scipy 0.20): bias=False is ddof=1
    import numpy
    return numpy.nanstd(x, axis=axis, ddof=0 if bias else 1)


def nanmedian(x, axis=0):  # scipy.stats.nanmedian (removed in scipy 0.20): numpy's, along axis 0 by default
    import numpy
    return numpy.nanmedian(x, axis=axis)


def find_repeats(arr):  # scipy.stats.find_repeats (removed in scipy 1.17): the values seen more than once, with counts
    from collections import namedtuple

    import numpy
    values, counts = numpy.unique(numpy.asarray(arr, dtype=numpy.float64).ravel(), return_counts=True,
                                  equal_nan=False)
    return namedtuple("RepeatedResults", ("values", "counts"))(values[counts > 1], counts[counts > 1])


def rvs_ratio_uniforms(pdf, umax, vmin, vmax, size=1, c=0, random_state=None):  # scipy.stats.rvs_ratio_uniforms (removed in scipy 1.15)
    from scipy.stats.sampling import RatioUniforms
    return RatioUniforms(pdf, umax=umax, vmin=vmin, vmax=vmax, c=c, random_state=random_state).rvs(size)


def wminkowski(u, v, p, w):  # scipy.spatial.distance.wminkowski (removed in scipy 1.8): minkowski with w ** p
    import numpy
    from scipy.spatial.distance import minkowski
    return minkowski(u, v, p=p, w=numpy.asarray(w) ** p)


def kulsinski(u, v, w=None):  # scipy.spatial.distance.kulsinski (removed in scipy 1.12): its own formula
    import numpy
    u, v = numpy.asarray(u).ravel(), numpy.asarray(v).ravel()
    n = float(len(u)) if w is None else numpy.asarray(w).sum()
    w = 1 if w is None else numpy.asarray(w)
    ntt = (w * u * v).sum()
    ntf = (w * u * (1.0 - v)).sum()
    nft = (w * (1.0 - u) * v).sum()
    return (ntf + nft - ntt + n) / (ntf + nft + n)


def sph_harm(m, n, theta, phi):  # scipy.special.sph_harm (removed in scipy 1.17): theta azimuthal, phi polar
    from scipy.special import sph_harm_y
    return sph_harm_y(n, m, phi, theta)


def lpn(n, z):  # scipy.special.lpn (removed in scipy 1.17): Legendre P_0..P_n and their derivatives at z
    from scipy.special import legendre_p_all
    p = legendre_p_all(n, z, diff_n=1)
    return p[0], p[1]


def sph_jn(n, z):  # scipy.special.sph_jn (removed in scipy 1.0): j_0..j_n and their derivatives at z
    import numpy
    from scipy.special import spherical_jn
    k = numpy.arange(n + 1)
    return spherical_jn(k, z), spherical_jn(k, z, derivative=True)


def errprint(inflag=None):  # scipy.special.errprint (removed in scipy 1.15): all special-function errors warned or not
    from scipy import special
    was = any(v != "ignore" for k, v in special.geterr().items() if k != "memory")
    if inflag is not None:
        special.seterr(**{k: ("warn" if inflag else "ignore") for k in special.geterr() if k != "memory"})
    return was


def C2K(C):  # scipy.constants.C2K (removed in scipy 1.0)
    import numpy
    from scipy.constants import zero_Celsius
    return numpy.asanyarray(C) + zero_Celsius


def K2C(K):  # scipy.constants.K2C (removed in scipy 1.0)
    import numpy
    from scipy.constants import zero_Celsius
    return numpy.asanyarray(K) - zero_Celsius


def F2C(F):  # scipy.constants.F2C (removed in scipy 1.0)
    import numpy
    return (numpy.asanyarray(F) - 32) / 1.8


def C2F(C):  # scipy.constants.C2F (removed in scipy 1.0)
    import numpy
    return numpy.asanyarray(C) * 1.8 + 32


def F2K(F):  # scipy.constants.F2K (removed in scipy 1.0)
    import numpy
    from scipy.constants import zero_Celsius
    return (numpy.asanyarray(F) - 32) / 1.8 + zero_Celsius


def K2F(K):  # scipy.constants.K2F (removed in scipy 1.0)
    import numpy
    from scipy.constants import zero_Celsius
    return (numpy.asanyarray(K) - zero_Celsius) * 1.8 + 32


def lpmn(m, n, z):  # scipy.special.lpmn (removed in scipy 1.17): P_n^m(z) and derivatives, orders 0..m by degrees 0..n
    import numpy
    from scipy.special import assoc_legendre_p_all
    if abs(m) > n:
        raise ValueError("m must be <= n.")
    if numpy.iscomplexobj(z):
        raise ValueError("Argument must be real. Use clpmn instead.")
    m, n = int(m), int(n)
    p, pd = assoc_legendre_p_all(n, abs(m), z, branch_cut=numpy.where(numpy.abs(z) <= 1, 2, 3), diff_n=1)
    p, pd = numpy.swapaxes(p, 0, 1), numpy.swapaxes(pd, 0, 1)  # rows are orders, as lpmn gave them
    if m >= 0:
        return p[: m + 1], pd[: m + 1]
    return numpy.insert(p[: m - 1: -1], 0, p[0], axis=0), numpy.insert(pd[: m - 1: -1], 0, pd[0], axis=0)


def clpmn(m, n, z, type=3):  # scipy.special.clpmn (removed in scipy 1.17): lpmn for complex z, on branch cut `type`
    import numpy
    from scipy.special import assoc_legendre_p_all
    if abs(m) > n:
        raise ValueError("m must be <= n.")
    if type not in (2, 3):
        raise ValueError("type must be either 2 or 3.")
    m, n = int(m), int(n)
    z = z if numpy.iscomplexobj(z) else numpy.asarray(z, dtype=complex)
    p, pd = assoc_legendre_p_all(n, abs(m), z, branch_cut=type, diff_n=1)
    p, pd = numpy.swapaxes(p, 0, 1), numpy.swapaxes(pd, 0, 1)
    if m >= 0:
        return p[: m + 1], pd[: m + 1]
    return numpy.insert(p[: m - 1: -1], 0, p[0], axis=0), numpy.insert(pd[: m - 1: -1], 0, pd[0], axis=0)


def match_vectors(a, b, weights=None, normalized=False):  # Rotation.match_vectors (removed in scipy 1.6): align_vectors of unit vectors, with the sensitivity
    import numpy
    from scipy.spatial.transform import Rotation
    a, b = numpy.asarray(a, dtype=float), numpy.asarray(b, dtype=float)
    if b.ndim == 2 and b.shape[0] == 1:
        raise ValueError("Rotation cannot be estimated using a single vector.")
    weights = numpy.ones(b.shape[0]) if weights is None else numpy.asarray(weights, dtype=float)
    if not normalized:  # match_vectors matched directions: each vector scaled to length 1
        a = a / numpy.linalg.norm(a, axis=1)[:, None]
        b = b / numpy.linalg.norm(b, axis=1)[:, None]
    rotation, _, sensitivity = Rotation.align_vectors(a, b, weights / numpy.sum(weights), return_sensitivity=True)
    return rotation, sensitivity


class interp2d:  # scipy.interpolate.interp2d (NotImplementedError since scipy 1.14): its FITPACK spline, public calls
    def __init__(self, x, y, z, kind="linear", copy=True, bounds_error=False, fill_value=None):
        import numpy
        from scipy.interpolate import RectBivariateSpline, bisplrep
        degrees = {"linear": 1, "cubic": 3, "quintic": 5}
        if kind not in degrees:
            raise ValueError(f"Unsupported interpolation type {kind!r}, must be either of 'linear', 'cubic', "
                             "'quintic'.")
        k = degrees[kind]
        x, y, z = numpy.ravel(x), numpy.ravel(y), numpy.asarray(z)
        if z.size == len(x) * len(y):  # a grid: z[j, i] is the value at (x[i], y[j]); x and y sorted, z with them
            if z.ndim == 2 and z.shape != (len(y), len(x)):
                raise ValueError("When on a regular grid with x.size = m and y.size = n, if z.ndim == 2, then z must "
                                 "have shape (n, m)")
            if not numpy.all(x[1:] >= x[:-1]):
                order = numpy.argsort(x)
                x, z = x[order], z[:, order]
            if not numpy.all(y[1:] >= y[:-1]):
                order = numpy.argsort(y)
                y, z = y[order], z[order, :]
            z = numpy.ravel(z.T)
            # the same FITPACK regrid interpolation (s=0) interp2d ran, through its public class
            spline = RectBivariateSpline(x, y, z.reshape(len(x), len(y)), kx=k, ky=k, s=0)
            self.tck = (*spline.get_knots(), spline.get_coeffs(), k, k)
        else:  # scattered points
            z = numpy.ravel(z)
            if len(x) != len(y):
                raise ValueError("x and y must have equal lengths for non rectangular grid")
            if len(z) != len(x):
                raise ValueError("Invalid length for input z for non rectangular grid")
            self.tck = bisplrep(x, y, z, kx=k, ky=k, s=0.0)
        self.bounds_error, self.fill_value = bounds_error, fill_value
        self.x, self.y, self.z = (numpy.array(a, copy=copy) for a in (x, y, z))
        self.x_min, self.x_max = numpy.amin(x), numpy.amax(x)
        self.y_min, self.y_max = numpy.amin(y), numpy.amax(y)

    def __call__(self, x, y, dx=0, dy=0, assume_sorted=False):  # values on the grid of x by y, shape (len(y), len(x))
        import numpy
        from scipy.interpolate import bisplev
        x, y = numpy.atleast_1d(x), numpy.atleast_1d(y)
        if x.ndim != 1 or y.ndim != 1:
            raise ValueError("x and y should both be 1-D arrays")
        if not assume_sorted:
            x, y = numpy.sort(x, kind="mergesort"), numpy.sort(y, kind="mergesort")
        outside_x = (x < self.x_min) | (x > self.x_max)
        outside_y = (y < self.y_min) | (y > self.y_max)
        if self.bounds_error and (outside_x.any() or outside_y.any()):
            raise ValueError(f"Values out of range; x must be in {(self.x_min, self.x_max)!r}, y in "
                             f"{(self.y_min, self.y_max)!r}")
        z = numpy.transpose(numpy.atleast_2d(bisplev(x, y, self.tck, dx, dy)))
        if self.fill_value is not None:
            z[:, outside_x] = self.fill_value
            z[outside_y, :] = self.fill_value
        return numpy.array(z[0] if len(z) == 1 else z)


def cs_graph_components(x):  # scipy.sparse.csgraph.cs_graph_components (removed in scipy 1.0): the old labelling
    import numpy
    import scipy.sparse
    if not hasattr(x, "shape"):
        raise ValueError("x must be a symmetric square matrix!")
    if len(x.shape) != 2 or x.shape[0] != x.shape[1]:
        raise ValueError(f"x must be a symmetric square matrix!(has shape {x.shape})")
    x = x.tocsr() if scipy.sparse.issparse(x) else scipy.sparse.csr_matrix(x)
    indptr, indices = x.indptr, x.indices
    # a row with no stored entry is -2 and joins no component; the others are numbered from the lowest unlabelled
    # node up, each taking every node reached along its rows' entries (breadth first, as sparsetools' csgraph.h did)
    label = numpy.where(numpy.diff(indptr) == 0, -2, -1).astype(indptr.dtype)
    if len(label) and (label == -2).all():
        return -1, label  # no seed: the old routine gave up with -1
    n_components = 0
    for seed in range(len(label)):
        if label[seed] != -1:
            continue
        label[seed] = n_components
        frontier = [seed]
        while frontier:
            reached = []
            for node in frontier:
                for other in indices[indptr[node]:indptr[node + 1]]:
                    if label[other] == -1:
                        label[other] = n_components
                        reached.append(other)
            frontier = reached
        n_components += 1
    return n_components, label
