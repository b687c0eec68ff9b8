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
returning numpy arrays; learning_phase() is the 0 Keras 2 gave outside fit. in_train_phase / in_test_phase read
the training flag of the layer call they run in, as Keras 2's did; print_tensor prints through TensorFlow (the
full profile's backend), to stderr as Keras 2's tf.Print did, when the value is computed.

The layers Keras 3 (LocallyConnected1D/2D) or Keras 2.4 (MaxoutDense, Highway) removed are Keras 3 layers
here: the classes have no base, because this module cannot import keras; the rule copies them derived from
keras.layers.Layer (shim_source's base). Their weights have the shapes the old ones had (LocallyConnected's
implementation=1 layout), so the same computation runs; they are built fresh, not loaded from old files.
HDF5Matrix, the rows start..end of an HDF5 dataset that fit() read lazily, is read into memory: Keras 3's fit
takes arrays, not that object.
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


def in_train_phase(x, alt, training=None):  # keras.backend.in_train_phase (removed in Keras 3): x while training, else alt
    import keras
    from keras.src.backend.common import global_state
    if training is None:  # the training flag of the layer call this runs in; outside one, testing
        context = global_state.get_global_attribute("current_call_ctx")
        training = bool(context is not None and context.get_value("training"))
    if not keras.ops.is_tensor(training):
        chosen = x if training else alt
        return chosen() if callable(chosen) else chosen
    return keras.ops.cond(training, x if callable(x) else (lambda: x), alt if callable(alt) else (lambda: alt))


def in_test_phase(x, alt, training=None):  # keras.backend.in_test_phase (removed in Keras 3): x while testing, else alt
    import keras
    from keras.src.backend.common import global_state
    if training is None:  # the training flag of the layer call this runs in; outside one, testing
        context = global_state.get_global_attribute("current_call_ctx")
        training = bool(context is not None and context.get_value("training"))
    if not keras.ops.is_tensor(training):
        chosen = alt if training else x
        return chosen() if callable(chosen) else chosen
    return keras.ops.cond(training, alt if callable(alt) else (lambda: alt), x if callable(x) else (lambda: x))


def print_tensor(x, message="", summarize=3):  # keras.backend.print_tensor (removed in Keras 3): prints when computed, returns x
    import sys

    import tensorflow
    shown = x if tensorflow.is_tensor(x) else tensorflow.convert_to_tensor(x)  # printed as a tensor, as before
    tensorflow.print(message, shown, output_stream=sys.stderr, summarize=summarize)  # where Keras 2's tf.Print wrote
    return x


def HDF5Matrix(datapath, dataset, start=0, end=None, normalizer=None):  # keras.utils.HDF5Matrix (removed in Keras 2.4): rows start..end, read
    import h5py
    with h5py.File(datapath, "r") as f:
        data = f[dataset][start:end]
    return normalizer(data) if normalizer is not None else data


class LocallyConnected:  # keras.layers.LocallyConnected1D/2D (removed in Keras 3): a convolution with its own kernel at each position
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 implementation=1, **kwargs):
        import keras
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if str(padding).lower() != "valid":
            raise ValueError("Invalid padding mode for a locally connected layer: only 'valid' is supported.")
        self.filters, self.kernel_size, self.strides = filters, kernel_size, strides
        self.channels_first = data_format == "channels_first"
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.initializers = [keras.initializers.get(kernel_initializer), keras.initializers.get(bias_initializer)]
        self.regularizers = [keras.regularizers.get(kernel_regularizer), keras.regularizers.get(bias_regularizer)]
        self.constraints = [keras.constraints.get(kernel_constraint), keras.constraints.get(bias_constraint)]

    def build(self, input_shape):
        import math
        shape = (*input_shape[2:], input_shape[1]) if self.channels_first else tuple(input_shape[1:])
        spatial, channels = shape[:-1], shape[-1]
        self.windows = [(k,) * len(spatial) if isinstance(k, int) else tuple(k) for k in (self.kernel_size, self.strides)]
        self.out = tuple((n - k) // s + 1 for n, k, s in zip(spatial, *self.windows))
        # one kernel per output position, each over a flattened window: Keras 2's implementation=1 layout
        self.kernel = self.add_weight(shape=(math.prod(self.out), math.prod(self.windows[0]) * channels, self.filters),
                                      initializer=self.initializers[0], regularizer=self.regularizers[0],
                                      constraint=self.constraints[0], name="kernel")
        self.bias = self.add_weight(shape=(*self.out, self.filters), initializer=self.initializers[1],
                                    regularizer=self.regularizers[1], constraint=self.constraints[1],
                                    name="bias") if self.use_bias else None

    def call(self, inputs):
        import itertools

        from keras import ops
        x = ops.moveaxis(inputs, 1, -1) if self.channels_first else inputs
        kernel, strides = self.windows
        patches = [ops.reshape(x[(slice(None), *(slice(p * s, p * s + k) for p, s, k in zip(at, strides, kernel)))],
                               (-1, 1, self.kernel.shape[1]))
                   for at in itertools.product(*(range(n) for n in self.out))]
        y = ops.einsum("bpf,pfc->bpc", ops.concatenate(patches, axis=1), self.kernel)
        y = ops.reshape(y, (-1, *self.out, self.filters))
        y = self.activation(y + self.bias if self.use_bias else y)
        return ops.moveaxis(y, -1, 1) if self.channels_first else y


class MaxoutDense:  # keras.layers.MaxoutDense (removed in Keras 2.4): the largest of nb_feature linear maps, per unit
    def __init__(self, output_dim, nb_feature=4, init="glorot_uniform", weights=None, W_regularizer=None,
                 b_regularizer=None, activity_regularizer=None, W_constraint=None, b_constraint=None, bias=True,
                 input_dim=None, **kwargs):
        import keras
        super().__init__(activity_regularizer=activity_regularizer, input_dim=input_dim, **kwargs)
        self.output_dim, self.nb_feature, self.bias, self.initial_weights = output_dim, nb_feature, bias, weights
        self.init = keras.initializers.get(init)
        self.regularizers = [keras.regularizers.get(W_regularizer), keras.regularizers.get(b_regularizer)]
        self.constraints = [keras.constraints.get(W_constraint), keras.constraints.get(b_constraint)]

    def build(self, input_shape):
        self.W = self.add_weight(shape=(self.nb_feature, input_shape[1], self.output_dim), initializer=self.init,
                                 regularizer=self.regularizers[0], constraint=self.constraints[0], name="W")
        self.b = self.add_weight(shape=(self.nb_feature, self.output_dim), initializer="zeros",
                                 regularizer=self.regularizers[1], constraint=self.constraints[1],
                                 name="b") if self.bias else None
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)

    def call(self, x):
        from keras import ops
        out = ops.einsum("bi,fio->bfo", x, self.W)
        return ops.max(out + self.b if self.bias else out, axis=1)


class Highway:  # keras.layers.Highway (removed in Keras 2.4): activation(xW + b) gated against x by sigmoid(xW_carry + b_carry)
    def __init__(self, init="glorot_uniform", activation=None, weights=None, W_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None, b_constraint=None, bias=True, input_dim=None, **kwargs):
        import keras
        kwargs.pop("transform_bias", None)  # ignored since Keras 1.2
        super().__init__(activity_regularizer=activity_regularizer, input_dim=input_dim, **kwargs)
        self.bias, self.initial_weights = bias, weights
        self.init = keras.initializers.get(init)
        self.activation = keras.activations.get(activation)
        self.regularizers = [keras.regularizers.get(W_regularizer), keras.regularizers.get(b_regularizer)]
        self.constraints = [keras.constraints.get(W_constraint), keras.constraints.get(b_constraint)]

    def build(self, input_shape):
        dim = input_shape[1]
        self.W = self.add_weight(shape=(dim, dim), initializer=self.init, regularizer=self.regularizers[0],
                                 constraint=self.constraints[0], name="W")
        self.W_carry = self.add_weight(shape=(dim, dim), initializer=self.init, name="W_carry")
        if self.bias:
            self.b = self.add_weight(shape=(dim,), initializer="zeros", regularizer=self.regularizers[1],
                                     constraint=self.constraints[1], name="b")
            self.b_carry = self.add_weight(shape=(dim,), initializer="ones", name="b_carry")
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)

    def call(self, x):
        from keras import ops
        gate = ops.matmul(x, self.W_carry)
        y = ops.matmul(x, self.W)
        if self.bias:
            gate, y = gate + self.b_carry, y + self.b
        gate = ops.sigmoid(gate)
        return self.activation(y) * gate + (1 - gate) * x
