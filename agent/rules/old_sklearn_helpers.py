"""scikit-learn's removed helper functions for writing and tuning estimators, rewritten on today's public API:
the shims pandas_sklearn_old_results.py copies into a notebook (see old_scipy.py for how shims are used). Each is
the old function reduced to what a call did, from scikit-learn's source of it; they run in the notebook's kernel."""


def if_delegate_has_method(delegate):  # sklearn.utils.metaestimators.if_delegate_has_method (removed in 1.3)
    from operator import attrgetter

    from sklearn.utils.metaestimators import available_if
    # scikit-learn 1.0-1.2 built it on available_if: the method exists when the first of the delegate names found
    # on the object has an attribute of the method's name (a delegate that is None: not there)
    names = tuple(delegate) if isinstance(delegate, (list, tuple)) else (delegate,)

    def decorate(fn):
        def check(obj):
            found = None
            for name in names:
                try:
                    found = attrgetter(name)(obj)
                    break
                except AttributeError:
                    continue
            if found is None:
                return False
            getattr(found, fn.__name__)  # the delegate's own AttributeError when it lacks the method
            return True

        return available_if(check)(fn)

    return decorate


def fit_grid_point(X, y, estimator, parameters, train, test, scorer, verbose, error_score=float("nan"),
                   **fit_params):  # sklearn.model_selection.fit_grid_point (removed in 1.0)
    import numbers
    import warnings

    import numpy as np
    from sklearn.base import clone
    from sklearn.exceptions import FitFailedWarning
    from sklearn.utils import _safe_indexing, get_tags

    def rows(v):
        return v.shape[0] if hasattr(v, "shape") else len(v)

    def arraylike(v):
        return hasattr(v, "__len__") or hasattr(v, "shape") or hasattr(v, "__array__")

    def split(indices, columns=None):
        # a precomputed kernel (a pairwise estimator) is cut on both axes: rows of the split, columns of train
        if get_tags(estimator).input_tags.pairwise:
            part = np.asarray(X)[np.ix_(indices, indices if columns is None else columns)]
        else:
            part = _safe_indexing(X, indices)
        return part, (None if y is None else _safe_indexing(y, indices))

    if verbose > 1:
        msg = ", ".join(f"{k}={v}" for k, v in parameters.items())
        print("[CV] %s %s" % (msg, (64 - len(msg)) * "."))
    # sample-aligned fit parameters (sample_weight) cut to the training rows, as each fit of a search did
    fit_params = {k: (_safe_indexing(v, train) if arraylike(v) and rows(v) == rows(X) else v)
                  for k, v in fit_params.items()}
    # the estimator given is changed and fitted itself (no clone); estimators among the parameters are cloned
    estimator = estimator.set_params(**{k: clone(v, safe=False) for k, v in parameters.items()})
    X_train, y_train = split(train)
    X_test, y_test = split(test, train)
    try:
        if y_train is None:
            estimator.fit(X_train, **fit_params)
        else:
            estimator.fit(X_train, y_train, **fit_params)
    except Exception as e:
        if error_score == "raise":
            raise
        if not isinstance(error_score, numbers.Number):
            raise ValueError("error_score must be the string 'raise' or a numeric value. (Hint: if using 'raise', "
                             "please make sure that it has been spelled correctly.)") from None
        warnings.warn("Estimator fit failed. The score on this train-test partition for these parameters will be "
                      f"set to {error_score:f}. Details: \n{type(e).__name__}: {e}", FitFailedWarning)
        score = error_score
    else:
        score = scorer(estimator, X_test) if y_test is None else scorer(estimator, X_test, y_test)
        if hasattr(score, "item"):
            score = score.item()
        if not isinstance(score, numbers.Number):
            raise ValueError(f"scoring must return a number, got {score} ({type(score)}) instead. (scorer={scorer})")
    if verbose > 2:
        print(f"[CV] {msg}, score={score:.3f}")
    return score, parameters, rows(X_test)
