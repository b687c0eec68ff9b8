"""statsmodels' removed names, written out with today's API: the shims the statsmodels-source-removed-functions
rule copies into a notebook (see old_scipy.py for how shims are used).

HetGoldfeldQuandt, CompareCox and CompareJ were classes whose instances were the tests (``HetGoldfeldQuandt()(y,
x)``, or ``run(..., attach=True)`` keeping the results on the instance); they called the functions that remain,
and so do these. unitroot_adf was adfuller with the trend given as a number, which 0.11 shifted (until 0.10, 0 was
a constant, 1 a linear trend, 2 a quadratic, None none; in 0.11, its last release, 0 was none and 1 a constant);
StataWriter wrote a DataFrame, a structured array or a plain array (columns v1, v2, ...), as
pandas' writer does a DataFrame, with the same write_file().
"""


class HetGoldfeldQuandt:  # statsmodels.stats.diagnostic.HetGoldfeldQuandt (removed in 0.13): het_goldfeldquandt, kept on the instance
    def run(self, y, x, idx=None, split=None, drop=None, alternative="increasing", attach=True):
        from statsmodels.stats.diagnostic import het_goldfeldquandt
        res = het_goldfeldquandt(y, x, idx=idx, split=split, drop=drop, alternative=alternative, store=attach)
        if attach:
            for name in ("fval", "fpval", "df_fval", "resols1", "resols2", "ordering", "split"):
                setattr(self, name, getattr(res[-1], name))
        return res[:3]

    def __call__(self, y, x, idx=None, split=None, drop=None, alternative="increasing"):
        return self.run(y, x, idx=idx, split=split, drop=drop, alternative=alternative, attach=False)


class CompareCox:  # statsmodels.stats.diagnostic.CompareCox (removed in 0.13): compare_cox, kept on the instance
    def run(self, results_x, results_z, attach=False):
        from statsmodels.stats.diagnostic import compare_cox
        results = compare_cox(results_x, results_z, store=attach)
        if attach:
            for name in ("res_dx", "res_xzx", "c01", "v01", "q", "pvalue", "dist"):
                setattr(self, name, getattr(results[-1], name))
        return results

    def __call__(self, results_x, results_z):
        return self.run(results_x, results_z, attach=False)


class CompareJ:  # statsmodels.stats.diagnostic.CompareJ (removed in 0.13): compare_j, kept on the instance
    def run(self, results_x, results_z, attach=True):
        from statsmodels.stats.diagnostic import compare_j
        res = compare_j(results_x, results_z, store=attach)
        if attach:
            for name in ("res_zx", "dist", "teststat", "pvalue"):
                setattr(self, name, getattr(res[-1], name))
        return res[:2]

    def __call__(self, results_x, results_z):
        return self.run(results_x, results_z, attach=False)


def unitroot_adf(x, maxlag=None, trendorder=0, autolag="AIC", store=False):  # statsmodels' unitroot_adf until 0.10: adfuller, the trend as a polynomial order
    from statsmodels.tsa.stattools import adfuller
    regression = {None: "n", 0: "c", 1: "ct", 2: "ctt"}[trendorder]
    return adfuller(x, maxlag=maxlag, regression=regression, autolag=autolag, store=store, regresults=False)


def unitroot_adf_011(x, maxlag=None, trendorder=0, autolag="AIC", store=False):  # statsmodels' unitroot_adf in 0.11 (removed in 0.12): the trend as a count of terms
    from statsmodels.tsa.stattools import adfuller
    regression = {0: "n", 1: "c", 2: "ct", 3: "ctt"}[trendorder]
    return adfuller(x, maxlag=maxlag, regression=regression, autolag=autolag, store=store, regresults=False)


def StataWriter(fname, data, convert_dates=None, encoding="latin-1", byteorder=None):  # statsmodels.iolib.foreign.StataWriter (removed in 0.13): pandas' writer
    import numpy
    import pandas
    from pandas.io.stata import StataWriter as PandasStataWriter
    if isinstance(data, (pandas.DataFrame, pandas.Series)):  # its index written as a column, as before
        return PandasStataWriter(fname, pandas.DataFrame(data), convert_dates, byteorder=byteorder)
    data = numpy.asarray(data)
    if data.dtype.names is not None:  # a structured array: its fields are the variables
        frame = pandas.DataFrame.from_records(data)
    else:  # a plain array: one variable per column, named v1, v2, ...
        data = data.reshape(len(data), -1)
        frame = pandas.DataFrame(data, columns=[f"v{i + 1}" for i in range(data.shape[1])])
    return PandasStataWriter(fname, frame, convert_dates, write_index=False, byteorder=byteorder)
