"""scikit-learn's removed arguments, written out with today's API: the shims the sklearn rules copy into a
notebook where a rewrite of the call sites cannot be sure to reach them all (see old_scipy.py for how shims
are used). They run in the notebook's kernel, never here."""


def with_fit_params(search, fit_params):  # a search's fit_params= (removed from its constructor in scikit-learn 0.21): given to each of its fits
    fit = search.fit

    def fit_with_params(X, y=None, **more):
        return fit(X, y, **{**fit_params, **more})

    search.fit = fit_with_params
    return search


def load_boston(return_X_y=False):  # sklearn.datasets.load_boston (withdrawn in scikit-learn 1.2): the same table, mlxtend's copy
    import os

    import mlxtend.data
    import numpy
    from sklearn.utils import Bunch
    # mlxtend ships the 506 rows of scikit-learn's boston_house_prices.csv (0.20-1.1, row 445 corrected), target last
    path = os.path.join(os.path.dirname(mlxtend.data.__file__), "data", "boston_housing.csv")
    table = numpy.genfromtxt(path, delimiter=",", dtype=float)
    data, target = table[:, :-1].copy(), table[:, -1].copy()
    if return_X_y:
        return data, target
    names = numpy.array(["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B",
                         "LSTAT"])
    about = (
        "Boston house prices (Harrison and Rubinfeld, 1978): 506 census tracts of the Boston area, 13 features, "
        "target MEDV, the median value of owner-occupied homes in $1000s.\n\n"
        "scikit-learn deprecated this data set in 1.0 and removed it in 1.2 because of how its B column was made: "
        "1000(Bk - 0.63)^2, Bk the proportion of Black residents by town, built on the assumption that racial "
        "self-segregation raised house prices. It is loaded here (from the copy mlxtend ships, the same numbers) "
        "only so that this notebook runs as written.\n\n"
        "Features: CRIM crime rate per capita; ZN share of residential land zoned for lots over 25,000 sq.ft.; "
        "INDUS share of non-retail business acres; CHAS 1 if the tract bounds the Charles River; NOX nitric oxides "
        "concentration (parts per 10 million); RM average rooms per dwelling; AGE share of owner-occupied units "
        "built before 1940; DIS weighted distance to five Boston employment centres; RAD index of access to radial "
        "highways; TAX property-tax rate per $10,000; PTRATIO pupil-teacher ratio; B as above; LSTAT % lower "
        "status of the population.\n")
    return Bunch(data=data, target=target, feature_names=names, DESCR=about, filename=path)


def nb_coef(model):  # a discrete naive Bayes' coef_ (removed in scikit-learn 1.1): the last row only for two classes
    log_prob = getattr(model, "feature_log_prob_", None)
    if log_prob is None:  # not a discrete naive Bayes: its own coef_
        return model.coef_
    return log_prob[1:] if len(model.classes_) == 2 else log_prob


def nb_intercept(model):  # a discrete naive Bayes' intercept_ (removed in scikit-learn 1.1): the last entry only for two classes
    log_prior = getattr(model, "class_log_prior_", None)
    if log_prior is None:  # not a discrete naive Bayes: its own intercept_
        return model.intercept_
    return log_prior[1:] if len(model.classes_) == 2 else log_prior


def extract_patches(arr, patch_shape=8, extraction_step=1):  # sklearn.feature_extraction.image.extract_patches (removed in 0.24)
    import numbers

    import numpy
    # every window of patch_shape (positions first, then the patch's own axes), every extraction_step-th position
    # along each axis: the same strided view of arr the old function made, writeable when arr is
    if isinstance(patch_shape, numbers.Number):
        patch_shape = (patch_shape,) * arr.ndim
    if isinstance(extraction_step, numbers.Number):
        extraction_step = (extraction_step,) * arr.ndim
    windows = numpy.lib.stride_tricks.sliding_window_view(arr, patch_shape, writeable=arr.flags.writeable)
    return windows[tuple(slice(None, None, step) for step in extraction_step)]


def legacy_onehot(encoder):  # OneHotEncoder's integer-range bookkeeping (n_values_, feature_indices_, active_features_; gone in 0.22)
    import types

    import numpy
    # the old encoding gave integer value v of feature i the column feature_indices_[i] + v, sized max + 1 (or
    # n_values), and kept only the columns of values seen in fit ('auto'): the values categories_ lists
    seen = [numpy.asarray(values) for values in encoder.categories_]
    if not all(v.dtype.kind in "iuf" and (v >= 0).all() and (v == numpy.floor(v)).all() for v in seen):
        raise AttributeError("n_values_, feature_indices_ and active_features_ described an encoding of non-negative "
                             "integers; these categories are not")
    n_values = numpy.array([int(v.max()) + 1 for v in seen], dtype=int)
    feature_indices = numpy.cumsum(numpy.hstack([[0], n_values]))
    old = types.SimpleNamespace(n_values_=n_values, feature_indices_=feature_indices)
    if isinstance(encoder.categories, str) and encoder.categories == "auto":  # only the 'auto' encoding dropped columns
        old.active_features_ = numpy.concatenate([start + v.astype(int) for start, v in zip(feature_indices, seen)])
    return old


def lasso_grid_scores(model):  # GraphicalLassoCV.grid_scores_ (removed in 1.1): the score of each alpha (rows) on each fold
    import numpy
    results = model.cv_results_
    n_splits = sum(1 for key in results if key.startswith("split") and key.endswith("_test_score"))
    return numpy.asarray([results[f"split{i}_test_score"] for i in range(n_splits)]).T


def old_is_estimator(estimator, kind):  # is_classifier/is_regressor/is_outlier_detector of a class too, as before 1.6
    import sklearn.base
    if not isinstance(estimator, type):  # an instance: today's answer is the old one
        return getattr(sklearn.base, f"is_{kind}")(estimator)
    # a class: the _estimator_type getattr found before 1.6, the first in its MRO: a class's own, or the value
    # its mixin set (a property, as Pipeline's and the searches' were, is not the string)
    mixins = {sklearn.base.ClassifierMixin: "classifier", sklearn.base.RegressorMixin: "regressor",
              sklearn.base.ClusterMixin: "clusterer", sklearn.base.DensityMixin: "DensityEstimator",
              sklearn.base.OutlierMixin: "outlier_detector"}
    for base in estimator.__mro__:
        if "_estimator_type" in vars(base):
            return vars(base)["_estimator_type"] == kind
        if base in mixins:
            return mixins[base] == kind
    return False
