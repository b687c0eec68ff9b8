"""scipy's removed functions, written out with today's API: the shims the scipy-removed-functions rule copies
into a notebook (``from scipy.stats import itemfreq`` becomes ``def itemfreq(a): ...``).

Each is scipy's own code of the last release that had it, reduced to the path a call takes (argument checks
that only raised are kept where they are one line). They run in the notebook's kernel, never here: the
imports are inside each function, so a copied shim stands alone.
"""




def imread(name, flatten=False, mode=None):  # scipy.misc.imread (removed in scipy 1.2): PIL, as scipy read images
    import numpy
    from PIL import Image
    im = Image.open(name)
    if mode is not None:
        im = im.convert(mode) if mode != im.mode else im
    elif im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if flatten:
        im = im.convert("F")
    elif im.mode == "1":
        im = im.convert("L")
    return numpy.array(im)


def imresize(arr, size, interp="bilinear", mode=None):  # scipy.misc.imresize (removed in scipy 1.3): bytescale, PIL resize
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if mode == "F":
        im = Image.fromarray(a.astype(numpy.float32))
    else:
        if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
            lo, hi = a.min(), a.max()
            a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
        im = Image.fromarray(a) if mode is None else Image.fromarray(a).convert(mode)
    if numpy.issubdtype(type(size), numpy.signedinteger):
        size = tuple(int(v) for v in (numpy.array(im.size) * (size / 100.0)).astype(int))
    elif numpy.issubdtype(type(size), numpy.floating):
        size = tuple(int(v) for v in (numpy.array(im.size) * size).astype(int))
    else:
        size = (int(size[1]), int(size[0]))
    resample = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "cubic": 3}[interp]
    return numpy.array(im.resize(size, resample=resample))


def imsave(name, arr, format=None):  # scipy.misc.imsave (removed in scipy 1.2): bytescale, save with PIL
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    Image.fromarray(a).save(name, format)


def toimage(arr, high=255, low=0, cmin=None, cmax=None, pal=None, mode=None, channel_axis=None):  # scipy.misc.toimage (removed in scipy 1.2)
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if mode == "F":
        return Image.fromarray(a.astype(numpy.float32))
    if a.dtype != numpy.uint8:  # scipy's bytescale: cmin..cmax onto low..high
        cmin = a.min() if cmin is None else cmin
        cmax = a.max() if cmax is None else cmax
        a = (((a - cmin) * (float(high - low) / ((cmax - cmin) or 1)) + low).clip(low, high) + 0.5).astype(numpy.uint8)
    if channel_axis is not None and a.ndim == 3:
        a = numpy.moveaxis(a, channel_axis, -1)
    return Image.fromarray(a) if mode is None else Image.fromarray(a).convert(mode)


def bytescale(data, cmin=None, cmax=None, high=255, low=0):  # scipy.misc.bytescale (removed in scipy 1.2)
    import numpy
    data = numpy.asarray(data)
    if data.dtype == numpy.uint8:
        return data
    if high > 255 or low < 0 or high < low:
        raise ValueError("bytescale needs 0 <= low <= high <= 255.")
    cmin = data.min() if cmin is None else cmin
    cmax = data.max() if cmax is None else cmax
    if cmax - cmin < 0:
        raise ValueError("`cmax` should be larger than `cmin`.")
    scale = float(high - low) / ((cmax - cmin) or 1)
    return (((data - cmin) * scale + low).clip(low, high) + 0.5).astype(numpy.uint8)


def imrotate(arr, angle, interp="bilinear"):  # scipy.misc.imrotate (removed in scipy 1.2): bytescale, PIL rotate
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    resample = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "cubic": 3}[interp]
    return numpy.array(Image.fromarray(a).rotate(angle, resample=resample))


def imfilter(arr, ftype):  # scipy.misc.imfilter (removed in scipy 1.2): bytescale, a PIL ImageFilter by name
    import numpy
    from PIL import Image, ImageFilter
    filters = {"blur": ImageFilter.BLUR, "contour": ImageFilter.CONTOUR, "detail": ImageFilter.DETAIL,
               "edge_enhance": ImageFilter.EDGE_ENHANCE, "edge_enhance_more": ImageFilter.EDGE_ENHANCE_MORE,
               "emboss": ImageFilter.EMBOSS, "find_edges": ImageFilter.FIND_EDGES, "smooth": ImageFilter.SMOOTH,
               "smooth_more": ImageFilter.SMOOTH_MORE, "sharpen": ImageFilter.SHARPEN}
    if ftype not in filters:
        raise ValueError("Unknown filter type.")
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    return numpy.array(Image.fromarray(a).filter(filters[ftype]))


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


def ricker(points, a):  # scipy.signal.ricker (removed in scipy 1.15): the Mexican hat wavelet
    import numpy
    A = 2 / (numpy.sqrt(3 * a) * (numpy.pi ** 0.25))
    vec = numpy.arange(0, points) - (points - 1.0) / 2
    xsq = vec ** 2
    return A * (1 - xsq / a ** 2) * numpy.exp(-xsq / (2 * a ** 2))


def morlet(M, w=5.0, s=1.0, complete=True):  # scipy.signal.morlet (removed in scipy 1.15): the complex Morlet wavelet
    import numpy
    x = numpy.linspace(-s * 2 * numpy.pi, s * 2 * numpy.pi, M)
    output = numpy.exp(1j * w * x)
    if complete:
        output -= numpy.exp(-0.5 * (w ** 2))
    output *= numpy.exp(-0.5 * (x ** 2)) * numpy.pi ** (-0.25)
    return output


def cwt(data, wavelet, widths, dtype=None, **kwargs):  # scipy.signal.cwt (removed in scipy 1.15): one convolution per width
    import numpy
    from scipy.signal import convolve
    if dtype is None:
        dtype = numpy.complex128 if numpy.asarray(wavelet(1, widths[0], **kwargs)).dtype.char in "FDG" else numpy.float64
    output = numpy.empty((len(widths), len(data)), dtype=dtype)
    for ind, width in enumerate(widths):
        N = numpy.min([10 * width, len(data)])
        wavelet_data = numpy.conj(wavelet(N, width, **kwargs)[::-1])
        output[ind] = convolve(data, wavelet_data, mode="same")
    return output


def lsim2(system, U=None, T=None, X0=None, **kwargs):  # scipy.signal.lsim2 (removed in scipy 1.13): lsim, exact for linear input
    import numpy
    from scipy.signal import lsim
    return lsim(system, U, numpy.linspace(0, 10.0, 101) if T is None else T, X0=X0)


def cmplx_sort(p):  # scipy.signal.cmplx_sort (removed in scipy 1.15): sorted by magnitude, with the order
    import numpy
    p = numpy.asarray(p)
    indx = numpy.argsort(abs(p))
    return numpy.take(p, indx, 0), indx


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
