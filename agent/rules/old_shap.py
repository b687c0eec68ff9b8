"""shap 0.35's waterfall_plot, written out with today's shap: the shim the shap-waterfall-legacy rule copies into a
notebook (see old_scipy.py for how shims are used). It runs in the notebook's kernel, never here: the imports are
inside the function."""


def waterfall_plot(expected_value, shap_values, features=None, feature_names=None, max_display=10, show=True):  # shap.waterfall_plot of shap 0.35 (0.36 takes one Explanation): the base value, one row's values and features
    import pandas
    import shap
    if isinstance(features, pandas.Series):
        feature_names = list(features.index) if feature_names is None else feature_names
        features = features.values
    explanation = shap.Explanation(values=shap_values, base_values=expected_value, data=features,
                                   feature_names=feature_names)
    return shap.plots.waterfall(explanation, max_display=max_display, show=show)
