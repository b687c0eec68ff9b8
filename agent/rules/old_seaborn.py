"""seaborn's removed functions (JointGrid.annotate, the utils helpers, coefplot and interactplot), written out with
today's API: the shims the seaborn-removed-functions rule copies into a notebook (see old_scipy.py)."""

# ruff: noqa: N806, UP031  (seaborn's own names and formats: X, '%s')


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


def coefplot(formula, data, groupby=None, intercept=False, ci=95, palette="husl"):  # seaborn.coefplot (removed in 0.9)
    import itertools

    import matplotlib as mpl
    import matplotlib.pyplot as plt
    import pandas
    import seaborn
    import statsmodels.formula.api as smf
    alpha = 1 - ci / 100
    if groupby is None:
        fit = smf.ols(formula, data).fit()
        coefs, cis = fit.params, fit.conf_int(alpha)
    else:  # one OLS fit per group: terms as rows, groups as columns; intervals indexed by (group, term)
        fits = {key: smf.ols(formula, d).fit() for key, d in data.groupby(groupby)}
        coefs = pandas.DataFrame({key: f.params for key, f in fits.items()})
        cis = pandas.concat({key: f.conf_int(alpha) for key, f in fits.items()})
    if not intercept:
        coefs = coefs.iloc[1:]  # the first term is the intercept
    n_terms = len(coefs)
    w, h = mpl.rcParams["figure.figsize"]
    height = lambda n: n * (h / 2)  # noqa: E731
    width = lambda n: n * (w / (4 * (n / 5)))  # noqa: E731
    if groupby is None:
        colors = itertools.cycle(seaborn.color_palette(palette, n_terms))
        f, ax = plt.subplots(1, 1, figsize=(width(n_terms), height(1)))
        for i, term in enumerate(coefs.index):
            color = next(colors)
            low, high = cis.loc[term]
            ax.plot([i, i], [low, high], c=color, solid_capstyle="round", lw=2.5)
            ax.plot(i, coefs.loc[term], "o", c=color, ms=8)
        ax.set_xlim(-0.5, n_terms - 0.5)
        ax.axhline(0, ls="--", c="dimgray")
        ax.set_xticks(range(n_terms))
        ax.set_xticklabels(coefs.index)
        return
    n_groups = len(coefs.columns)
    f, axes = plt.subplots(n_terms, 1, sharex=True, figsize=(width(n_groups), height(n_terms)))
    axes = [axes] if n_terms == 1 else axes
    colors = itertools.cycle(seaborn.color_palette(palette, n_groups))
    for ax, term in zip(axes, coefs.index):
        for i, group in enumerate(coefs.columns):
            color = next(colors)
            low, high = cis.loc[(group, term)]
            ax.plot([i, i], [low, high], c=color, solid_capstyle="round", lw=2.5)
            ax.plot(i, coefs.loc[term, group], "o", c=color, ms=8)
        ax.set_xlim(-0.5, n_groups - 0.5)
        ax.axhline(0, ls="--", c="dimgray")
        ax.set_title(term)
    ax.set_xlabel(groupby)
    ax.set_xticks(range(n_groups))
    ax.set_xticklabels(coefs.columns)


def interactplot(x1, x2, y, data=None, filled=False, cmap="RdBu_r", colorbar=True, levels=30, logistic=False,
                 contour_kws=None, scatter_kws=None, ax=None, **kwargs):  # seaborn.interactplot (removed in 0.9)
    import matplotlib.pyplot as plt
    import numpy
    from statsmodels.genmod.families import Binomial
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.regression.linear_model import OLS
    if data is not None:
        x1, x2, y = data[x1], data[x2], data[y]
    xlabel, ylabel, clabel = (getattr(v, "name", None) for v in (x1, x2, y))
    x1, x2, y = numpy.asarray(x1), numpy.asarray(x2), numpy.asarray(y)
    scatter_kws = {} if scatter_kws is None else scatter_kws
    if "color" not in scatter_kws and "c" not in scatter_kws:
        scatter_kws["color"] = "#222222"
    scatter_kws.setdefault("alpha", 0.75)
    contour_kws = {} if contour_kws is None else contour_kws
    ax = plt.gca() if ax is None else ax
    ax.plot(x1, x2, "o", **scatter_kws)  # drawn first so that the axes find their limits
    (x1min, x1max), (x2min, x2max) = ax.get_xlim(), ax.get_ylim()
    xx1, xx2 = numpy.meshgrid(numpy.linspace(x1min, x1max, 100), numpy.linspace(x2min, x2max, 100))
    X = numpy.c_[numpy.ones(x1.size), x1, x2, x1 * x2]  # the model with the interaction term
    lm = GLM(y, X, family=Binomial()).fit() if logistic else OLS(y, X).fit()
    grid = numpy.c_[numpy.ones(xx1.size), xx1.ravel(), xx2.ravel(), (xx1 * xx2).ravel()]
    yhat = numpy.asarray(lm.predict(grid)).reshape(xx1.shape)
    y_bar = y.mean()
    c_min = min(numpy.percentile(y, 2), yhat.min())
    c_max = max(numpy.percentile(y, 98), yhat.max())
    delta = max(c_max - y_bar, y_bar - c_min)
    contour_kws.setdefault("vmin", y_bar - delta)
    contour_kws.setdefault("vmax", c_max)  # the old code centred vmin only (its centred top went unused)
    c = (ax.contourf if filled else ax.contour)(xx1, xx2, yhat, levels, cmap=cmap, **contour_kws)
    ax.plot(x1, x2, "o", **scatter_kws)  # again, above the contours
    bar = plt.colorbar(c) if colorbar else None
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if clabel is not None and colorbar:
        bar.set_label("P(%s)" % clabel if logistic else clabel, labelpad=15, rotation=270)
    return ax
