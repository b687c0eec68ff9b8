"""statsmodels' removed names, written out with today's API: the shims the statsmodels-source-removed-functions
and statsmodels-categorical-conf-int rules copy into a notebook (see old_scipy.py for how shims are used).

HetGoldfeldQuandt, CompareCox and CompareJ were classes whose instances were the tests (``HetGoldfeldQuandt()(y,
x)``, or ``run(..., attach=True)`` keeping the results on the instance); they called the functions that remain,
and so do these. unitroot_adf was adfuller with the trend given as a number, which 0.11 shifted (until 0.10, 0 was
a constant, 1 a linear trend, 2 a quadratic, None none; in 0.11, its last release, 0 was none and 1 a constant);
StataWriter wrote a DataFrame, a structured array or a plain array (columns v1, v2, ...), as
pandas' writer does a DataFrame, with the same write_file(). categorical and conf_int(cols=) decided by the type of
their input (a Series or an array; results fitted on a DataFrame or on arrays), and so do their shims.
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


def categorical(data, col=None, dictnames=False, drop=False):  # statsmodels.tools.categorical (removed in 0.13): dummies appended to the data unless drop=True
    import numpy
    import pandas
    if isinstance(col, (list, tuple)):
        if len(col) != 1:
            raise ValueError("Can only convert one column at a time")
        col = col[0]
    if isinstance(data, pandas.DataFrame):  # the column picked out, then treated as a Series
        if col is None:
            raise TypeError("col must be a str or int when using a DataFrame")
        if col not in data:
            raise ValueError(f"Column '{col}' not found in data")
        data, col = data[col], None
    if isinstance(data, pandas.Series):
        if col is not None and data.name != col:
            raise ValueError(f"data.name does not match col '{col}'")
        cat = pandas.Categorical(data)
        dummies = pandas.get_dummies(cat, dtype=numpy.uint8)  # pandas 1's dummies were uint8 (bool since 2.0)
        names = {i: c for i, c in enumerate(cat.categories) if c in dummies}
        if not drop:
            dummies.columns = list(dummies.columns)
            dummies = pandas.concat([dummies, data], axis=1)
        return (dummies, names) if dictnames else dummies
    if not isinstance(data, numpy.ndarray):
        raise NotImplementedError("array_like objects are not supported")
    if data.dtype.names is not None:  # the structured-array path, deprecated in 0.12, is not written out here
        raise NotImplementedError("categorical of a structured array: use pandas.get_dummies on its field")
    if isinstance(col, int):
        offset = data.shape[1]
        values = numpy.unique(data[:, col])
        dummy = (values[:, numpy.newaxis] == data[:, col]).astype(float).swapaxes(1, 0)
        if drop is True:
            offset -= 1
            data = numpy.delete(data, col, axis=1).astype(float)
        data = numpy.column_stack((data, dummy))
        return (data, {i + offset: v for i, v in enumerate(values)}) if dictnames is True else data
    if col is None and numpy.squeeze(data).ndim == 1:
        values = numpy.unique(data)
        dummy = (values[:, None] == data).astype(float).swapaxes(1, 0)
        if drop is True:
            return (dummy, dict(enumerate(values))) if dictnames is True else dummy
        data = numpy.column_stack((data, dummy))
        return (data, {i + 1: v for i, v in enumerate(values)}) if dictnames is True else data
    raise IndexError(f"The index {col} is not understood")


def conf_int_cols(results, alpha=0.05, cols=None):  # statsmodels' results.conf_int(alpha, cols) (removed in 0.14): the rows at those positions
    import numpy
    import pandas
    ci = results.conf_int(alpha)
    if cols is None:
        return ci
    if isinstance(ci, pandas.DataFrame):  # the old wrapper labelled the rows picked with every parameter's name
        return pandas.DataFrame(ci.to_numpy()[numpy.asarray(cols)], index=ci.index, columns=ci.columns)
    return ci[numpy.asarray(cols)]
