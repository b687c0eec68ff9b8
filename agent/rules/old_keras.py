"""Keras 2's scikit-learn wrappers, written out with today's Keras and scikit-learn: the shim the
keras-wrappers-scikit-learn rule copies into a notebook (see old_scipy.py for how shims are used).

keras.wrappers.scikit_learn (Keras 2.0-2.11, tf.keras' likewise) was removed in Keras 2.12; its successor,
scikeras, is another package with another constructor (model=, model__ prefixes). The class below does what
Keras 2's did: it keeps ``build_fn`` and every other keyword as a parameter scikit-learn can clone and grid
over, gives each of ``build_fn``, ``fit``, ``predict`` and ``evaluate`` the parameters its signature names,
encodes a classifier's labels as 0..n-1 (one-hot for a categorical cross-entropy), and answers ``predict``,
``predict_proba`` and ``score`` as before. The regressor is the same class with ``_estimator_type``
"regressor". It runs in the notebook's kernel, never here: the imports are inside the methods.

And keras.backend.function (removed in Keras 3): the callable it returned, over a Keras 3 model of the same
inputs and outputs, taking the list of input values (and the learning phase's flag, 1 for training) and
returning numpy arrays; learning_phase() is the 0 Keras 2 gave outside fit.
"""


class KerasClassifier:  # keras.wrappers.scikit_learn.KerasClassifier (removed in Keras 2.12), as Keras 2 had it
    _estimator_type = "classifier"

    def __init__(self, build_fn=None, **sk_params):
        self.build_fn = build_fn
        self.sk_params = sk_params

    def get_params(self, deep=True):
        return {"build_fn": self.build_fn, **self.sk_params}

    def set_params(self, **params):
        for name, value in params.items():
            if name == "build_fn":
                self.build_fn = value
            else:
                self.sk_params[name] = value
        return self

    def __sklearn_tags__(self):
        from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
        kind = ClassifierMixin if self._estimator_type == "classifier" else RegressorMixin
        return type("Tagged", (kind, BaseEstimator), {})().__sklearn_tags__()

    def _params_of(self, fn, extra=None):
        import inspect
        names = inspect.signature(fn).parameters
        return {k: v for k, v in {**self.sk_params, **(extra or {})}.items() if k in names}

    def _categorical(self):
        loss = self.model.loss
        name = loss if isinstance(loss, str) else getattr(loss, "__name__", None) or getattr(loss, "name", "")
        return name in ("categorical_crossentropy", "CategoricalCrossentropy")

    def fit(self, x, y, **kwargs):
        import numpy as np
        from keras import Sequential
        from keras.utils import to_categorical
        build = self.build_fn if self.build_fn is not None else self.__call__
        self.model = build(**self._params_of(build))
        y = np.array(y)
        if self._estimator_type == "classifier":
            if y.ndim == 2 and y.shape[1] > 1:
                self.classes_ = np.arange(y.shape[1])
            else:
                self.classes_ = np.unique(y)
                y = np.searchsorted(self.classes_, y)
            self.n_classes_ = len(self.classes_)
            if self._categorical() and y.ndim != 2:
                y = to_categorical(y)
        return self.model.fit(x, y, **self._params_of(Sequential.fit, kwargs))

    def predict(self, x, **kwargs):
        import numpy as np
        from keras import Sequential
        out = self.model.predict(x, **self._params_of(Sequential.predict, kwargs))
        if self._estimator_type != "classifier":
            return np.squeeze(out, axis=-1) if out.shape[-1] == 1 else out
        return self.classes_[out.argmax(axis=-1) if out.shape[-1] > 1 else (out > 0.5).astype("int32")]

    def predict_proba(self, x, **kwargs):
        import numpy as np
        from keras import Sequential
        probs = self.model.predict(x, **self._params_of(Sequential.predict, kwargs))
        return np.hstack([1 - probs, probs]) if probs.shape[1] == 1 else probs

    def score(self, x, y, **kwargs):
        import numpy as np
        from keras import Sequential
        from keras.utils import to_categorical
        y = np.array(y)
        if self._estimator_type == "classifier":
            y = np.searchsorted(self.classes_, y)
            if self._categorical() and y.ndim != 2:
                y = to_categorical(y)
        outputs = self.model.evaluate(x, y, return_dict=True, **self._params_of(Sequential.evaluate, kwargs))
        if self._estimator_type != "classifier":
            return -outputs["loss"]
        for name in ("accuracy", "acc"):
            if name in outputs:
                return outputs[name]
        raise ValueError("The model is not configured to compute accuracy: pass metrics=['accuracy'] to compile().")


def function(inputs, outputs, updates=None, name=None, **kwargs):  # keras.backend.function (removed in Keras 3)
    import keras
    listed = isinstance(outputs, (list, tuple))
    given = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    tensors = [t for t in given if isinstance(t, keras.KerasTensor)]  # not the learning phase's flag
    model = keras.Model(tensors, list(outputs) if listed else [outputs])

    def run(values):
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        training = bool(values[len(tensors)]) if len(values) > len(tensors) else False  # the flag's value: 1 trains
        got = model(values[0] if len(tensors) == 1 else values[: len(tensors)], training=training)
        got = [keras.ops.convert_to_numpy(g) for g in (got if isinstance(got, (list, tuple)) else [got])]
        return got if listed else got[0]
    return run


def learning_phase():  # keras.backend.learning_phase (removed in Keras 3): 0, testing, outside fit
    return 0
