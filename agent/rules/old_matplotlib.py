"""matplotlib's removed functions and members, written out with today's API: the shims the
matplotlib-removed-functions and matplotlib-removed-members rules copy into a notebook (see old_scipy.py).
seaborn's are in old_seaborn.py."""

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


# ----------------------------------------------------------------- matplotlib members removed in 3.4-3.10
# (matplotlib_removed_members.py copies these; each was read from the last release that had the original)

def contour_collections(cs):  # ContourSet.collections (removed in 3.10): one PathCollection per level, drawn in the set's stead
    import matplotlib.collections
    import matplotlib.path
    import numpy
    if getattr(cs, "_level_collections", None) is not None:
        return cs._level_collections  # the same list each time, as the attribute was
    made = getattr(cs, "_contour_generator", None)
    levels = list(zip(*cs._get_lowers_and_uppers())) if cs.filled else [(level,) for level in cs.levels]
    fcs, ecs, lws, lss = cs.get_facecolor(), cs.get_edgecolor(), cs.get_linewidth(), cs.get_linestyle()
    cs.set_visible(False)  # the per-level collections draw the contours now, as they did
    cs._level_collections = []
    for idx, path in enumerate(cs.get_paths()):
        if made is not None:  # the generator's own pieces: one per line, one per filled polygon with its holes
            pieces = (made.create_filled_contour if cs.filled else made.create_contour)(*levels[idx])
            paths = [matplotlib.path.Path(v, c) for v, c in zip(*pieces)]
        elif cs.filled or path.codes is None:
            paths = [path] if len(path.vertices) else []
        else:  # lines given as segments: each starts at a MOVETO
            starts = numpy.flatnonzero(path.codes == matplotlib.path.Path.MOVETO)[1:]
            paths = [matplotlib.path.Path(v, c) for v, c in zip(numpy.split(path.vertices, starts),
                                                                numpy.split(path.codes, starts)) if len(v)]
        col = matplotlib.collections.PathCollection(
            paths, alpha=cs.get_alpha(), antialiaseds=cs._antialiaseds[idx % len(cs._antialiaseds)],
            transform=cs.get_transform(), zorder=cs.get_zorder(),
            facecolor=fcs[idx] if len(fcs) else "none", edgecolor=ecs[idx] if len(ecs) else "none",
            linewidths=[lws[idx % len(lws)]], linestyles=[lss[idx % len(lss)]])
        if not cs.filled:
            col.set_label("_nolegend_")
        elif cs.hatches:
            col.set_hatch(cs.hatches[idx % len(cs.hatches)])
        col.sticky_edges.x[:], col.sticky_edges.y[:] = cs.sticky_edges.x, cs.sticky_edges.y
        cs.axes.add_collection(col, autolim=False)
        cs._level_collections.append(col)
    return cs._level_collections


def axes_get_geometry(ax):  # Axes.get_geometry (removed in 3.6): (nrows, ncols, number counted from 1)
    rows, cols, num1, _ = ax.get_subplotspec().get_geometry()
    return rows, cols, num1 + 1


def markerstyle_set_fillstyle(style, fillstyle):  # MarkerStyle.set_fillstyle (removed in 3.6): changed in place
    style._set_fillstyle(fillstyle)
    style._recache()


def markerstyle_set_marker(style, marker):  # MarkerStyle.set_marker (removed in 3.6): changed in place
    style._set_marker(marker)


def epoch2num(e):  # matplotlib.dates.epoch2num (removed in 3.7): UNIX seconds as days since date.epoch
    import matplotlib.dates
    import numpy
    dt = (numpy.datetime64("1970-01-01T00:00:00", "s")
          - numpy.datetime64(matplotlib.dates.get_epoch(), "s")).astype(float)
    return (dt + numpy.asarray(e)) / matplotlib.dates.SEC_PER_DAY


def num2epoch(d):  # matplotlib.dates.num2epoch (removed in 3.7): days since date.epoch as UNIX seconds
    import matplotlib.dates
    import numpy
    dt = (numpy.datetime64("1970-01-01T00:00:00", "s")
          - numpy.datetime64(matplotlib.dates.get_epoch(), "s")).astype(float)
    return numpy.asarray(d) * matplotlib.dates.SEC_PER_DAY - dt


def createFontList(fontfiles, fontext="ttf"):  # matplotlib.font_manager.createFontList (removed in 3.4): a FontEntry per readable file
    import os

    from matplotlib import _afm, font_manager, ft2font
    fontlist, seen = [], set()
    for fpath in fontfiles:
        fname = os.path.split(fpath)[1]
        if fname in seen:
            continue
        if fontext == "afm":
            try:
                with open(fpath, "rb") as fh:
                    font = _afm.AFM(fh)
            except (OSError, RuntimeError):
                continue  # skipped, as the old function did (it logged them at info level)
            try:
                prop = font_manager.afmFontProperty(fpath, font)
            except KeyError:
                continue
        else:
            try:
                font = ft2font.FT2Font(fpath)
            except (OSError, RuntimeError, UnicodeError):
                continue
            try:
                prop = font_manager.ttfFontProperty(font)
            except (KeyError, RuntimeError, ValueError, NotImplementedError):
                continue
        fontlist.append(prop)
        seen.add(fname)
    return fontlist


def revcmap(data):  # matplotlib.cm.revcmap (removed in 3.4): segment data of the reversed colormap
    import functools

    def flipped(f, x):
        return f(1 - x)

    data_r = {}
    for key, val in data.items():
        if callable(val):
            data_r[key] = functools.partial(flipped, val)
        else:  # x flipped, and the values on either side of each x swapped
            data_r[key] = [(1.0 - x, y1, y0) for x, y0, y1 in reversed(val)]
    return data_r


def compare_versions(a, b):  # matplotlib.compare_versions (removed in 3.4): a >= b as distutils' LooseVersion ordered them
    import re

    def loose(v):
        parts = [p for p in re.split(r"(\d+|[a-z]+|\.)", v) if p and p != "."]
        return [int(p) if p.isdigit() else p for p in parts]

    a = a.decode("ascii") if isinstance(a, bytes) else a
    b = b.decode("ascii") if isinstance(b, bytes) else b
    return loose(a) >= loose(b) if a else False


class InsetPosition:  # mpl_toolkits.axes_grid1.inset_locator.InsetPosition (removed in 3.10): a locator in parent-axes fractions
    def __init__(self, parent, lbwh):
        self.parent = parent
        self.lbwh = lbwh

    def __call__(self, ax, renderer):
        from matplotlib.transforms import Bbox, BboxTransformTo, TransformedBbox
        return TransformedBbox(Bbox.from_bounds(*self.lbwh), BboxTransformTo(self.parent.get_position(original=False)))


class BrokenBarHCollection:  # matplotlib.collections.BrokenBarHCollection (removed in 3.9): a PolyCollection of bars
    def __init__(self, xranges, yrange, **kwargs):
        ymin, ywidth = yrange
        ymax = ymin + ywidth
        verts = [[(xmin, ymin), (xmin, ymax), (xmin + xwidth, ymax), (xmin + xwidth, ymin), (xmin, ymin)]
                 for xmin, xwidth in xranges]
        super().__init__(verts, **kwargs)

    @classmethod
    def span_where(cls, x, ymin, ymax, where, **kwargs):  # bars over the runs of x where `where` holds
        from matplotlib import cbook
        xranges = []
        for ind0, ind1 in cbook.contiguous_regions(where):
            xslice = x[ind0:ind1]
            if len(xslice):
                xranges.append((xslice[0], xslice[-1] - xslice[0]))
        return cls(xranges, [ymin, ymax - ymin], **kwargs)


# mlab functions pylab's star import brought in (removed in 3.1), besides the ones above
def normpdf(x, *args):  # matplotlib.mlab.normpdf: the normal pdf at x, args being (mu, sigma)
    import numpy
    mu, sigma = args
    return 1.0 / (numpy.sqrt(2 * numpy.pi) * sigma) * numpy.exp(-0.5 * (1.0 / sigma * (x - mu)) ** 2)


def l1norm(a):  # matplotlib.mlab.l1norm: the l1 norm of a, flattened
    import numpy
    return numpy.sum(numpy.abs(a))


def l2norm(a):  # matplotlib.mlab.l2norm: the l2 norm of a, flattened
    import numpy
    return numpy.sqrt(numpy.sum(numpy.abs(a) ** 2))


def norm_flat(a, p=2):  # matplotlib.mlab.norm_flat: the l-p norm of a, flattened ('Infinity': the largest |a|)
    import numpy
    if p == "Infinity":
        return numpy.max(numpy.abs(a))
    return numpy.sum(numpy.abs(a) ** p) ** (1 / p)


def rms_flat(a):  # matplotlib.mlab.rms_flat: the root mean square of a, flattened
    import numpy
    return numpy.sqrt(numpy.mean(numpy.abs(a) ** 2))


def dist(x, y):  # matplotlib.mlab.dist: the distance between two points
    import numpy
    d = x - y
    return numpy.sqrt(numpy.dot(d, d))


def formatter_pprint_val(formatter, x, d=None):  # ScalarFormatter.pprint_val(x) / LogFormatter.pprint_val(x, d) (removed in 3.3)
    import locale

    import matplotlib.ticker
    if isinstance(formatter, matplotlib.ticker.LogFormatter):  # x written for a view range of d
        if abs(x) < 1e4 and x == int(x):
            return "%d" % x
        fmt = "%1.3e" if d < 1e-2 else "%1.3f" if d <= 1 else "%1.2f" if d <= 10 else "%1.1f" if d <= 1e5 else "%1.1e"
        s = fmt % x
        tup = s.split("e")
        if len(tup) == 2:
            mantissa = tup[0].rstrip("0").rstrip(".")
            return "%se%s%s" % (mantissa, tup[1][0].replace("+", ""), tup[1][1:].lstrip("0"))
        return s.rstrip("0").rstrip(".")
    # ScalarFormatter: x less the offset, in the order of magnitude and the format its last set_locs chose
    xp = (x - formatter.offset) / (10.0 ** formatter._orderOfMagnitude)
    if abs(xp) < 1e-8:
        xp = 0
    if formatter._useLocale:
        return locale.format_string(formatter._format, (xp,))
    return formatter._format % xp


def artist_set_contains(artist, picker):  # Artist.set_contains (removed in 3.5): picker(artist, mouseevent) answers contains()
    import functools
    artist._old_contains = picker
    if picker is None:
        vars(artist).pop("contains", None)  # the class's own test again
    else:
        artist.contains = functools.partial(picker, artist)  # what the old contains() asked first


def artist_get_contains(artist):  # Artist.get_contains (removed in 3.5): the test set_contains gave, or None
    return getattr(artist, "_old_contains", None)


class YAArrow:  # matplotlib.patches.YAArrow (removed in 3.2): an arrow from xybase to xytip in display space, sizes in points
    def __init__(self, figure, xytip, xybase, width=4, frac=0.1, headwidth=12, **kwargs):
        self.xytip, self.xybase = xytip, xybase
        self.width, self.frac, self.headwidth = width, frac, headwidth
        super().__init__(**kwargs)
        self.figure = figure  # after Patch.__init__, which resets it

    def get_path(self):  # recomputed each time: the figure's dpi turns the points into pixels
        import numpy
        from matplotlib.path import Path
        x1, y1 = self.xytip
        x2, y2 = self.xybase
        k1 = self.width * self.figure.dpi / 72.0 / 2.0
        k2 = self.headwidth * self.figure.dpi / 72.0 / 2.0
        xb1, yb1, xb2, yb2 = self.getpoints(x1, y1, x2, y2, k1)
        xm, ym = x1 + self.frac * (x2 - x1), y1 + self.frac * (y2 - y1)  # where the head meets the shaft
        xc1, yc1, xc2, yc2 = self.getpoints(x1, y1, xm, ym, k1)
        xd1, yd1, xd2, yd2 = self.getpoints(x1, y1, xm, ym, k2)
        xs = self.convert_xunits([xb1, xb2, xc2, xd2, x1, xd1, xc1, xb1])
        ys = self.convert_yunits([yb1, yb2, yc2, yd2, y1, yd1, yc1, yb1])
        return Path(numpy.column_stack([xs, ys]), closed=True)

    def get_patch_transform(self):
        from matplotlib.transforms import IdentityTransform
        return IdentityTransform()

    def getpoints(self, x1, y1, x2, y2, k):  # the two points at distance k from (x2, y2) across the segment
        import math
        x1, y1, x2, y2, k = map(float, (x1, y1, x2, y2, k))
        if y2 - y1 == 0:
            return x2, y2 + k, x2, y2 - k
        if x2 - x1 == 0:
            return x2 + k, y2, x2 - k, y2
        pm = -1.0 / ((y2 - y1) / (x2 - x1))
        a, b, c = 1, -2 * y2, y2 ** 2.0 - k ** 2.0 * pm ** 2.0 / (1.0 + pm ** 2.0)
        y3a = (-b + math.sqrt(b ** 2 - 4 * a * c)) / (2 * a)
        y3b = (-b - math.sqrt(b ** 2 - 4 * a * c)) / (2 * a)
        return (y3a - y2) / pm + x2, y3a, (y3b - y2) / pm + x2, y3b


class IndexDateFormatter:  # matplotlib.dates.IndexDateFormatter (removed in 3.5): the tick at x labelled with date t[round(x)]
    def __init__(self, t, fmt, tz=None):
        self.t, self.fmt, self.tz = t, fmt, tz  # tz None: rcParams['timezone'], read by num2date

    def __call__(self, x, pos=0):
        import matplotlib.dates
        ind = int(round(x))
        if ind >= len(self.t) or ind <= 0:
            return ""
        return matplotlib.dates.num2date(self.t[ind], self.tz).strftime(self.fmt)
