"""xgboost's removed behaviour, written out with today's API: the shims the xgboost-label-encoding and
xgboost-record-evaluation rules copy into a notebook (see old_scipy.py for how shims are used).

Until 2.0 (by default until 1.6, ``use_label_encoder=True``) XGBClassifier encoded the labels it was fitted on
itself, so any labels worked and predict() answered in them. The class below does that again. Its base is the
notebook's own XGBClassifier, which the rule writes in (``class LabelEncodedXGBClassifier(xgb.XGBClassifier):``):
here it has none and is not run.
"""


class LabelEncodedXGBClassifier:  # XGBClassifier before xgboost 2.0: fitted on any labels, predicting them
    def fit(self, X, y, **kwargs):
        from sklearn.preprocessing import LabelEncoder
        self.label_encoder_ = LabelEncoder().fit(y)
        if kwargs.get("eval_set"):
            kwargs["eval_set"] = [(data, self.label_encoder_.transform(labels)) for data, labels in kwargs["eval_set"]]
        self.encoding_ = True  # xgboost checks classes_ against the encoded labels while it fits
        try:
            return super().fit(X, self.label_encoder_.transform(y), **kwargs)
        finally:
            self.encoding_ = False

    def predict(self, X, **kwargs):
        out = super().predict(X, **kwargs)
        return out if kwargs.get("output_margin") else self.label_encoder_.inverse_transform(out)

    @property
    def classes_(self):
        return super().classes_ if getattr(self, "encoding_", True) else self.label_encoder_.classes_


def record_evaluation(eval_result):  # xgboost.callback.record_evaluation (removed in xgboost 1.6): the dict emptied, then filled as training goes
    import xgboost
    if not isinstance(eval_result, dict):
        raise TypeError("eval_result has to be a dictionary")
    eval_result.clear()

    class RecordEvaluation(xgboost.callback.TrainingCallback):
        def after_iteration(self, model, epoch, evals_log):
            for data, metrics in evals_log.items():  # data names hold no hyphen now, where the old split fell
                eval_result[data] = {metric: list(values) for metric, values in metrics.items()}
            return False

    return RecordEvaluation()
