"""matplotlib's and seaborn's removed functions, written out with today's API: the shims the
matplotlib-removed-functions and seaborn-removed-functions rules copy into a notebook (see old_scipy.py)."""

# ruff: noqa: N802, N803, N806, UP031  (matplotlib's own names and formats: PCA, Wt, sigmax, '%d')


def bivariate_normal(X, Y, sigmax=1.0, sigmay=1.0, mux=0.0, muy=0.0, sigmaxy=0.0):  # matplotlib.mlab.bivariate_normal (removed in 3.1)
    import numpy
    Xmu, Ymu = X - mux, Y - muy
    rho = sigmaxy / (sigmax * sigmay)
    z = Xmu ** 2 / sigmax ** 2 + Ymu ** 2 / sigmay ** 2 - 2 * rho * Xmu * Ymu / (sigmax * sigmay)
    denom = 2 * numpy.pi * sigmax * sigmay * numpy.sqrt(1 - rho ** 2)
    return numpy.exp(-z / (2 * (1 - rho ** 2))) / denom


def find(condition):  # matplotlib.mlab.find (removed in 3.1): the indices where condition is true
    import numpy
    res, = numpy.nonzero(numpy.ravel(condition))
    return res


class strpdate2num:  # matplotlib.dates.strpdate2num (removed in 3.3): a converter of date text to a day number
    def __init__(self, fmt):
        self.fmt = fmt

    def __call__(self, s):
        import datetime
        import matplotlib.dates
        return matplotlib.dates.date2num(datetime.datetime.strptime(s, self.fmt))


class bytespdate2num:  # matplotlib.dates.bytespdate2num (removed in 3.3): strpdate2num of decoded bytes
    def __init__(self, fmt, encoding="utf-8"):
        self.fmt, self.encoding = fmt, encoding

    def __call__(self, b):
        import datetime
        import matplotlib.dates
        text = b.decode(self.encoding) if isinstance(b, bytes) else b  # numpy 2's loadtxt hands converters str
        return matplotlib.dates.date2num(datetime.datetime.strptime(text, self.fmt))


def prctile(x, p=(0.0, 25.0, 50.0, 75.0, 100.0)):  # matplotlib.mlab.prctile (removed in 3.1): linear percentiles of x
    import numpy
    return numpy.percentile(x, p)


def movavg(x, n):  # matplotlib.mlab.movavg (removed in 3.1): the n-point moving average, where it is defined
    import numpy
    return numpy.convolve(x, numpy.full(n, 1.0 / n), mode="valid")


def demean(x, axis=0):  # matplotlib.mlab.demean (removed in 3.1)
    import matplotlib.mlab
    return matplotlib.mlab.detrend_mean(x, axis=axis)


def frange(xini, xfin=None, delta=None, **kw):  # matplotlib.mlab.frange (removed in 3.1): a range of floats
    import numpy
    if xfin is None:  # frange(stop), as range(stop)
        xini, xfin = 0.0, xini + 0.0
    delta = 1.0 if delta is None else delta
    endpoint = kw.get("closed", 1) != 0  # the stop was in the range unless closed=0
    if "npts" in kw:
        npts = kw["npts"]
        delta = (xfin - xini) / float(npts - endpoint)
    else:
        npts = int(numpy.round((xfin - xini) / delta)) + endpoint
    return numpy.arange(npts) * delta + xini


def seconds(s):  # matplotlib.dates.seconds (removed in 3.3): s seconds, in days
    from matplotlib.dates import SEC_PER_DAY
    return s / SEC_PER_DAY


def minutes(m):  # matplotlib.dates.minutes (removed in 3.3): m minutes, in days
    from matplotlib.dates import MINUTES_PER_DAY
    return m / MINUTES_PER_DAY


def hours(h):  # matplotlib.dates.hours (removed in 3.3): h hours, in days
    from matplotlib.dates import HOURS_PER_DAY
    return h / HOURS_PER_DAY


def weeks(w):  # matplotlib.dates.weeks (removed in 3.3): w weeks, in days
    from matplotlib.dates import DAYS_PER_WEEK
    return w * DAYS_PER_WEEK


def is_numlike(obj):  # matplotlib.cbook.is_numlike (removed in 3.0)
    import numbers
    import numpy
    return isinstance(obj, (numbers.Number, numpy.number))


class PCA:  # matplotlib.mlab.PCA (removed in 3.1): standardized data, SVD, projections Y and variance fractions
    def __init__(self, a, standardize=True):
        import numpy
        n, m = a.shape
        if n < m:
            raise RuntimeError("we assume data in a is organized with numrows>numcols")
        self.numrows, self.numcols = n, m
        self.mu = a.mean(axis=0)
        self.sigma = a.std(axis=0)
        self.standardize = standardize
        a = self.center(a)
        self.a = a
        U, s, Vh = numpy.linalg.svd(a, full_matrices=False)
        self.Wt = Vh
        self.Y = numpy.dot(Vh, a.T).T
        self.s = s ** 2
        variances = self.s / len(s)
        self.fracs = variances / variances.sum()

    def project(self, x, minfrac=0.0):
        import numpy
        x = numpy.asarray(x)
        if x.shape[-1] != self.numcols:
            raise ValueError("Expected an array with dims[-1]==%d" % self.numcols)
        Y = numpy.dot(self.Wt, self.center(x).T).T
        mask = self.fracs >= minfrac
        return Y[:, mask] if x.ndim == 2 else Y[mask]

    def center(self, x):
        return (x - self.mu) / self.sigma if self.standardize else x - self.mu


def register_cmap(name=None, cmap=None, *, override_builtin=False):  # matplotlib.cm.register_cmap (removed in 3.9)
    import matplotlib
    matplotlib.colormaps.register(cmap, name=name or cmap.name, force=True)


def fit_ticklabels(labels, ticks):  # matplotlib < 3.5 put the labels on the ticks in order: extra ones dropped, missing ones blank
    labels = list(labels)
    return (labels + [""] * len(ticks))[:len(ticks)]


def jointgrid_annotate(grid, func, template=None, stat=None, loc="best", **kwargs):  # seaborn's JointGrid.annotate (removed in 0.11)
    out = func(grid.x, grid.y)
    try:
        val, p = out
        default = "{stat} = {val:.2g}; p = {p:.2g}"
    except TypeError:
        val, p = out, None
        default = "{stat} = {val:.2g}"
    text = (template or default).format(stat=stat or func.__name__, val=val, **({} if p is None else {"p": p}))
    phantom, = grid.ax_joint.plot(grid.x, grid.y, linestyle="", alpha=0)
    grid.ax_joint.legend([phantom], [text], loc=loc, **kwargs)
    phantom.remove()
    return grid


def sort_df(df, *args, **kwargs):  # seaborn.sort_df (removed in 0.13): DataFrame.sort_values
    return df.sort_values(*args, **kwargs)


def percentiles(a, pcts, axis=None):  # seaborn.percentiles (removed in 0.13): scoreatpercentile of each of pcts
    import numpy
    from scipy import stats
    scores = []
    try:
        n = len(pcts)
    except TypeError:
        pcts, n = [pcts], 0
    for p in pcts:
        if axis is None:
            scores.append(stats.scoreatpercentile(a.ravel(), p))
        else:
            scores.append(numpy.apply_along_axis(stats.scoreatpercentile, axis, a, p))
    scores = numpy.asarray(scores)
    return scores if n else scores.squeeze()


def pmf_hist(a, bins=10):  # seaborn.pmf_hist (removed in 0.13): bar positions, heights and width of a normalized histogram
    import numpy
    n, x = numpy.histogram(a, bins)
    return x[:-1], n / n.sum(), x[1] - x[0]
