"""scikit-learn's removed arguments, written out with today's API: the shims the sklearn rules copy into a
notebook where a rewrite of the call sites cannot be sure to reach them all (see old_scipy.py for how shims
are used). They run in the notebook's kernel, never here."""


def with_fit_params(search, fit_params):  # a search's fit_params= (removed from its constructor in scikit-learn 0.21): given to each of its fits
    fit = search.fit

    def fit_with_params(X, y=None, **more):
        return fit(X, y, **{**fit_params, **more})

    search.fit = fit_with_params
    return search
