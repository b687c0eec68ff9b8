"""scipy.signal's removed functions (wavelets, the old windows and LTI helpers, bspline), written out with today's
API: the shims scipy-removed-functions, scipy-source-removed-functions and scipy-removed-shims copy into a notebook
(see old_scipy.py for how shims are used). Each is the last release's code reduced to the path a call takes."""


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


def slepian(M, width, sym=True):  # scipy.signal.slepian (removed in scipy 1.3): the old Slepian window, max 1
    import numpy
    from scipy import linalg
    if int(M) != M or M < 0:
        raise ValueError("Window length M must be a non-negative integer")
    if M <= 1:
        return numpy.ones(M)
    M, trunc = (M, False) if sym else (M + 1, True)  # a periodic window: one sample more, then dropped
    width = width / 4  # its width was the full bandwidth, halved twice to match the older version
    m = numpy.arange(M, dtype="d")
    H = numpy.zeros((2, M))  # the tridiagonal matrix whose top eigenvector is the window (dpss' matrix)
    H[0, 1:] = m[1:] * (M - m[1:]) / 2
    H[1, :] = ((M - 1 - 2 * m) / 2) ** 2 * numpy.cos(2 * numpy.pi * width)
    _, win = linalg.eig_banded(H, select="i", select_range=(M - 1, M - 1))
    win = win.ravel() / win.max()
    return win[:-1] if trunc else win


def step2(system, X0=None, T=None, N=None, **kwargs):  # scipy.signal.step2 (removed in scipy 1.13): step, exactly
    from scipy.signal import step
    return step(system, X0=X0, T=T, N=N)  # kwargs only tuned step2's ODE solver


def impulse2(system, X0=None, T=None, N=None, **kwargs):  # scipy.signal.impulse2 (removed in scipy 1.13): impulse, exactly
    from scipy.signal import impulse
    return impulse(system, X0=X0, T=T, N=N)  # kwargs only tuned impulse2's ODE solver


def daub(p):  # scipy.signal.daub (removed in scipy 1.15): the Daubechies low-pass filter of 2p taps
    import numpy
    from scipy.special import comb
    sqrt = numpy.sqrt
    if p < 1:
        raise ValueError("p must be at least 1.")
    if p == 1:
        c = 1 / sqrt(2)
        return numpy.array([c, c])
    if p == 2:
        c = sqrt(3)
        return sqrt(2) / 8 * numpy.array([1 + c, 3 + c, 3 - c, 1 - c])
    if p == 3:
        tmp = 12 * sqrt(10)
        z1 = 1.5 + sqrt(15 + tmp) / 6 - 1j * (sqrt(15) + sqrt(tmp - 15)) / 6
        z1c = numpy.conj(z1)
        d0 = numpy.real((1 - z1) * (1 - z1c))
        a0 = numpy.real(z1 * z1c)
        a1 = 2 * numpy.real(z1)
        return sqrt(2) / 8 / d0 * numpy.array([a0, 3 * a0 - a1, 3 * a0 - 3 * a1 + 1, a0 - 3 * a1 + 3, 3 - a1, 1])
    if p >= 35:
        raise ValueError("Polynomial factorization does not work well for p too large.")
    yj = numpy.roots([comb(p - 1 + k, k, exact=1) for k in range(p)][::-1])
    q = numpy.poly1d([1])
    for yval in yj[: p - 1]:  # of each root's two z roots, the one outside the unit circle
        part = 2 * sqrt(yval * (yval - 1))
        z1 = 1 - 2 * yval + part
        if abs(z1) < 1:
            z1 = 1 - 2 * yval - part
        q = q * [1, -z1]
    q = numpy.poly1d([1, 1]) ** p * numpy.real(q)
    q = q / numpy.sum(q) * sqrt(2)
    return q.c[::-1]


def qmf(hk):  # scipy.signal.qmf (removed in scipy 1.15): the high-pass mirror of a low-pass filter
    import numpy
    return hk[::-1] * numpy.array([(-1) ** k for k in range(len(hk))])


def cascade(hk, J=7):  # scipy.signal.cascade (removed in scipy 1.15): (x, phi, psi) at the dyadic points K/2**J
    import numpy
    from scipy.linalg import eig
    N = len(hk) - 1
    if J > 30 - numpy.log2(N + 1):
        raise ValueError("Too many levels.")
    if J < 1:
        raise ValueError("Too few levels.")
    nn, kk = numpy.ogrid[:N, :N]
    thk = numpy.r_[hk, 0]  # a zero appended, for take's clipped indices
    tgk = numpy.r_[hk[::-1] * numpy.array([(-1) ** k for k in range(N + 1)]), 0]  # qmf(hk)
    indx1 = numpy.clip(2 * nn - kk, -1, N + 1)
    indx2 = numpy.clip(2 * nn - kk + 1, -1, N + 1)
    m = numpy.empty((2, 2, N, N), "d")
    m[0, 0] = numpy.take(thk, indx1, 0)
    m[0, 1] = numpy.take(thk, indx2, 0)
    m[1, 0] = numpy.take(tgk, indx1, 0)
    m[1, 1] = numpy.take(tgk, indx2, 0)
    m *= numpy.sqrt(2)
    x = numpy.arange(0, N * (1 << J), dtype=float) / (1 << J)
    phi = 0 * x
    psi = 0 * x
    lam, v = eig(m[0, 0])
    v = numpy.real(v[:, numpy.argmin(numpy.absolute(lam - 1))])
    sm = numpy.sum(v)
    if sm < 0:  # the scaling function integrates to 1
        v, sm = -v, -sm
    bitdic = {"0": v / sm}  # values at the points 0.b1b2... in binary, by their bits
    bitdic["1"] = numpy.dot(m[0, 1], bitdic["0"])
    step = 1 << J
    phi[::step] = bitdic["0"]
    phi[(1 << (J - 1))::step] = bitdic["1"]
    psi[::step] = numpy.dot(m[1, 0], bitdic["0"])
    psi[(1 << (J - 1))::step] = numpy.dot(m[1, 1], bitdic["0"])
    prevkeys = ["1"]
    for level in range(2, J + 1):
        newkeys = [f"{xx}{yy}" for xx in [0, 1] for yy in prevkeys]
        fac = 1 << (J - level)
        for key in newkeys:
            num = sum(1 << (level - 1 - pos) for pos in range(level) if key[pos] == "1")
            pastphi = bitdic[key[1:]]
            ii = int(key[0])
            temp = numpy.dot(m[0, ii], pastphi)
            bitdic[key] = temp
            phi[num * fac::step] = temp
            psi[num * fac::step] = numpy.dot(m[1, ii], pastphi)
        prevkeys = newkeys
    return x, phi, psi


def morlet2(M, s, w=5):  # scipy.signal.morlet2 (removed in scipy 1.15): the complex Morlet wavelet for cwt
    import numpy
    x = (numpy.arange(0, M) - (M - 1.0) / 2) / s
    return numpy.sqrt(1 / s) * numpy.exp(1j * w * x) * numpy.exp(-0.5 * x ** 2) * numpy.pi ** (-0.25)


def bspline(x, n):  # scipy.signal.bspline (removed in scipy 1.13): the order-n B-spline as scipy evaluated it
    import math

    import numpy
    ax = -numpy.abs(numpy.asarray(x))
    # numpy.piecewise over -|x|: [start, 0], then [b - 1, b) one unit at a time outwards, and 0 from -(n + 1) / 2 on;
    # piece j is the truncated-power sum of its n // 2 - j + 1 terms, shifted by the outermost bound
    start = -1.0 if n % 2 else -0.5
    last = n // 2 + 2
    conditions = [numpy.logical_and(numpy.less_equal(ax, 0), numpy.greater_equal(ax, start))]
    bound = start
    for _ in range(1, last - 1):
        conditions.append(numpy.logical_and(numpy.less(ax, bound), numpy.greater_equal(ax, bound - 1)))
        bound = bound - 1
    conditions.append(numpy.less_equal(ax, -(n + 1) / 2.0))
    scale = float(math.factorial(n)) if n < 171 else numpy.inf

    def piece(j):
        terms = n // 2 - j
        if terms < 0:
            return 0
        coeffs = [(1 - 2 * (k % 2)) * float(math.comb(n + 1, k)) / scale for k in range(terms + 1)]
        shifts = [-bound - k for k in range(terms + 1)]

        def value(v):
            total = 0.0
            for k in range(terms + 1):
                total += coeffs[k] * (v + shifts[k]) ** n
            return total
        return value
    return numpy.piecewise(ax, conditions, [piece(j) for j in range(last)])
