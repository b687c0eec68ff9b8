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

Keras 1's metric functions (fmeasure, precision, recall, fbeta_score, matthews_correlation; removed in 2.0) are
Keras 1.2.2's formulas (clip to [0, 1], round, K.epsilon() = 1e-7 as today's default) with keras.ops. Keras 1
averaged a metric's per-batch values over the epoch weighted by batch size (BaseLogger, the test loop); Keras 3
wraps a function in a Mean that counts each value it returns as one sample, so the shims return the batch's value
once per row when a Keras metric calls them: the epoch's mean is then weighted as before (called directly, they
give the scalar, as Keras 1's did). Keras 1 gave 1-D targets a second axis (n, 1), and its targets were floats;
the shims do both. fbeta_score's "no positives, F = 0" test compared a symbolic tensor with 0 and never fired,
and without positives the formula gives 0 anyway: it is left out.
ModelCheckpoint(period=n) (Keras 2; removed in 3.0) saved at every n-th epoch end, counting from its creation,
and compared the monitored value only then; Embedding(dropout=p) (Keras 1) multiplied the embedding matrix by
a random 0/1 row mask scaled by 1/(1-p) while training: each row looked up is scaled by its row's draw.
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


def fmeasure(y_true, y_pred):  # keras.metrics.fmeasure (removed in Keras 2.0): the batch's F1 of rounded predictions
    import itertools
    import sys
    import traceback

    import keras
    from keras import backend, ops
    y_pred = ops.cast(y_pred, backend.floatx())  # Keras 1 computed in floatx
    y_true = ops.cast(y_true, y_pred.dtype)
    if len(y_true.shape) == 1 and len(y_pred.shape) == 2:  # Keras 1 fed 1-D targets as (n, 1)
        y_true = ops.expand_dims(y_true, -1)
    true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
    p = true_positives / (ops.sum(ops.round(ops.clip(y_pred, 0, 1))) + backend.epsilon())
    r = true_positives / (ops.sum(ops.round(ops.clip(y_true, 0, 1))) + backend.epsilon())
    score = 2 * (p * r) / (p + r + backend.epsilon())
    wrapped = any(isinstance(f.f_locals.get("self"), keras.metrics.MeanMetricWrapper)  # in metrics=, or called
                  for f, _ in itertools.islice(traceback.walk_stack(sys._getframe(1)), 8))
    return ops.broadcast_to(score, ops.shape(y_pred)[:1]) if wrapped else score  # per row: batches weighed by size


def fbeta_score(y_true, y_pred, beta=1):  # keras.metrics.fbeta_score (removed in Keras 2.0): the batch's F-beta
    import itertools
    import sys
    import traceback

    import keras
    from keras import backend, ops
    if beta < 0:
        raise ValueError("The lowest choosable beta is zero (only precision).")
    y_pred = ops.cast(y_pred, backend.floatx())  # Keras 1 computed in floatx
    y_true = ops.cast(y_true, y_pred.dtype)
    if len(y_true.shape) == 1 and len(y_pred.shape) == 2:  # Keras 1 fed 1-D targets as (n, 1)
        y_true = ops.expand_dims(y_true, -1)
    true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
    p = true_positives / (ops.sum(ops.round(ops.clip(y_pred, 0, 1))) + backend.epsilon())
    r = true_positives / (ops.sum(ops.round(ops.clip(y_true, 0, 1))) + backend.epsilon())
    score = (1 + beta ** 2) * (p * r) / (beta ** 2 * p + r + backend.epsilon())
    wrapped = any(isinstance(f.f_locals.get("self"), keras.metrics.MeanMetricWrapper)  # in metrics=, or called
                  for f, _ in itertools.islice(traceback.walk_stack(sys._getframe(1)), 8))
    return ops.broadcast_to(score, ops.shape(y_pred)[:1]) if wrapped else score  # per row: batches weighed by size


def precision(y_true, y_pred):  # keras.metrics.precision (removed in Keras 2.0): the batch's precision of rounded predictions
    import itertools
    import sys
    import traceback

    import keras
    from keras import backend, ops
    y_pred = ops.cast(y_pred, backend.floatx())  # Keras 1 computed in floatx
    y_true = ops.cast(y_true, y_pred.dtype)
    if len(y_true.shape) == 1 and len(y_pred.shape) == 2:  # Keras 1 fed 1-D targets as (n, 1)
        y_true = ops.expand_dims(y_true, -1)
    true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
    score = true_positives / (ops.sum(ops.round(ops.clip(y_pred, 0, 1))) + backend.epsilon())
    wrapped = any(isinstance(f.f_locals.get("self"), keras.metrics.MeanMetricWrapper)  # in metrics=, or called
                  for f, _ in itertools.islice(traceback.walk_stack(sys._getframe(1)), 8))
    return ops.broadcast_to(score, ops.shape(y_pred)[:1]) if wrapped else score  # per row: batches weighed by size


def recall(y_true, y_pred):  # keras.metrics.recall (removed in Keras 2.0): the batch's recall of rounded predictions
    import itertools
    import sys
    import traceback

    import keras
    from keras import backend, ops
    y_pred = ops.cast(y_pred, backend.floatx())  # Keras 1 computed in floatx
    y_true = ops.cast(y_true, y_pred.dtype)
    if len(y_true.shape) == 1 and len(y_pred.shape) == 2:  # Keras 1 fed 1-D targets as (n, 1)
        y_true = ops.expand_dims(y_true, -1)
    true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
    score = true_positives / (ops.sum(ops.round(ops.clip(y_true, 0, 1))) + backend.epsilon())
    wrapped = any(isinstance(f.f_locals.get("self"), keras.metrics.MeanMetricWrapper)  # in metrics=, or called
                  for f, _ in itertools.islice(traceback.walk_stack(sys._getframe(1)), 8))
    return ops.broadcast_to(score, ops.shape(y_pred)[:1]) if wrapped else score  # per row: batches weighed by size


def matthews_correlation(y_true, y_pred):  # keras.metrics.matthews_correlation (removed in Keras 2.0): the batch's MCC
    import itertools
    import sys
    import traceback

    import keras
    from keras import backend, ops
    y_pred = ops.cast(y_pred, backend.floatx())  # Keras 1 computed in floatx
    y_true = ops.cast(y_true, y_pred.dtype)
    if len(y_true.shape) == 1 and len(y_pred.shape) == 2:  # Keras 1 fed 1-D targets as (n, 1)
        y_true = ops.expand_dims(y_true, -1)
    predicted, actual = ops.round(ops.clip(y_pred, 0, 1)), ops.round(ops.clip(y_true, 0, 1))
    tp, tn = ops.sum(actual * predicted), ops.sum((1 - actual) * (1 - predicted))
    fp, fn = ops.sum((1 - actual) * predicted), ops.sum(actual * (1 - predicted))
    score = (tp * tn - fp * fn) / (ops.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) + backend.epsilon())
    wrapped = any(isinstance(f.f_locals.get("self"), keras.metrics.MeanMetricWrapper)  # in metrics=, or called
                  for f, _ in itertools.islice(traceback.walk_stack(sys._getframe(1)), 8))
    return ops.broadcast_to(score, ops.shape(y_pred)[:1]) if wrapped else score  # per row: batches weighed by size


class ModelCheckpoint:  # keras.callbacks.ModelCheckpoint with Keras 2's period= (removed in Keras 3): every n-th epoch
    def __init__(self, filepath, *args, period=1, **kwargs):
        super().__init__(filepath, *args, **kwargs)
        self.period = period
        self.epochs_since_last_save = 0  # counted from the callback's creation, across fit() calls, as before

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_since_last_save += 1
        # saves by batches (save_freq=int) ignored period in tf.keras 2; the epoch's are every period-th
        if self.save_freq != "epoch" or self.epochs_since_last_save >= self.period:
            self.epochs_since_last_save = 0
            super().on_epoch_end(epoch, logs)


class Embedding:  # keras.layers.Embedding with Keras 1's dropout= (removed in Keras 2.0): whole rows dropped in training
    def __init__(self, input_dim, output_dim, *args, dropout=0.0, **kwargs):
        import keras
        super().__init__(input_dim, output_dim, *args, **kwargs)
        self.dropout = dropout
        self.row_seed = keras.random.SeedGenerator()
        keras.saving.get_custom_objects()[type(self).__name__] = type(self)  # so that load_model finds it again

    def call(self, inputs, training=None):
        from keras import ops, random
        out = super().call(inputs)
        if not training or not 0.0 < self.dropout < 1.0:
            return out
        retain = 1.0 - self.dropout
        # one draw per row of the matrix (each batch anew), kept rows scaled by 1/retain: gathering the masked
        # matrix is gathering the rows, then scaling each by its row's draw
        rows = ops.cast(random.uniform((self.input_dim,), seed=self.row_seed) <= retain, out.dtype) / retain
        return out * ops.expand_dims(ops.take(rows, ops.cast(inputs, "int32"), axis=0), -1)

    def get_config(self):
        return {**super().get_config(), "dropout": self.dropout}
