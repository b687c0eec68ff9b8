"""Keras 2 model methods Keras 3 dropped (keras_model_methods.py), repaired by the static pass and run in the full
profile's real kernel: a stateful LSTM's states are zero again after model.reset_states(), and a model written out
with to_yaml() is read back with model_from_yaml() into the same architecture, and K.function gives a layer's
activations as numpy arrays.

The full environment is not built in CI: the test skips there (`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, needs_full, run_local, stdout

OLD = code_notebook(
    "import numpy as np\nfrom keras.models import Sequential, model_from_yaml\nfrom keras.layers import LSTM, Dense, Input\n"
    "model = Sequential([Input(batch_shape=(1, 3, 1)), LSTM(2, stateful=True), Dense(1)])\n"
    "model.compile(optimizer='adam', loss='mse')",
    "model.predict(np.ones((1, 3, 1)), verbose=0)\nbefore = float(np.abs(model.layers[0].states[0]).sum())\n"
    "model.reset_states()\nprint(before > 0, float(np.abs(model.layers[0].states[0]).sum()))",
    "spec = model.to_yaml()\nwith open('model.yaml', 'w') as f:\n    f.write(spec)\n"
    "clone = model_from_yaml(open('model.yaml').read())\n"
    "print([type(layer).__name__ for layer in clone.layers], clone.count_params() == model.count_params())",
    "import yaml\nprint({'class_name', 'config'} <= set(yaml.safe_load(open('model.yaml'))))",
    # a layer's activations through the backend's function, the learning phase's flag given as 0 (testing)
    "from keras import backend as K\nfrom keras.layers import Dropout\n"
    "net = Sequential([Input((3,)), Dense(2, kernel_initializer='ones'), Dropout(0.5), Dense(1)])\n"
    "get = K.function([net.layers[0].input, K.learning_phase()], [net.layers[0].output, net.layers[1].output])\n"
    "hidden, dropped = get([np.ones((1, 3)), 0])\nprint(hidden.tolist(), dropped.tolist())",
)


@needs_full
def test_reset_states_and_yaml_round_trip_do_what_they_did(tmp_path, apply):
    edits = fix_static(OLD)
    assert {"keras-model-reset-states", "keras-yaml-serialisation", "keras-backend-function"} <= {
        r for e in edits for r in e.rule_ids}
    fixed = apply(OLD, edits)
    assert fix_static(fixed) == []
    before = run_local(OLD, tmp_path / "before", profile="full")
    assert before.first_failure.index == 0  # model_from_yaml cannot be imported
    after = run_local(fixed, tmp_path / "after", profile="full")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[1]) == "True 0.0\n"
    assert stdout(after.cells[2]) == "['LSTM', 'Dense'] True\n"
    assert stdout(after.cells[3]) == "True\n"  # the file the notebook wrote is still YAML, of the model's config
    assert stdout(after.cells[4]) == "[[3.0, 3.0]] [[3.0, 3.0]]\n"  # ones into a ones kernel; no dropout at test


# The layers and backend functions Keras 3 (or Keras 2.4) removed, written in by the static pass: a
# LocallyConnected layer computes what tf_keras' does with the same weights (its implementation=1); MaxoutDense is
# the largest of its linear maps; a Highway layer with zero weights (carry bias 1) lets 1 - sigmoid(1) of its input
# through; in_train_phase picks by the training flag of the model call it runs in; the random draws have the
# shapes asked for; HDF5Matrix gives the rows start..end, normalised.
REMOVED = code_notebook(
    "import numpy as np\nimport h5py\nimport keras\nfrom keras import backend as K\n"
    "from keras.layers import LocallyConnected1D, LocallyConnected2D, MaxoutDense, Highway, Input\n"
    "from keras.utils import HDF5Matrix\nrng = np.random.default_rng(0)",
    # each output position's window, flattened, times that position's own kernel (tf_keras' implementation=1)
    "x1 = rng.normal(size=(2, 9, 3)).astype('float32')\nl1 = LocallyConnected1D(4, 3, strides=2, use_bias=False)\n"
    "y1 = l1(x1).numpy()\nk1 = l1.get_weights()[0]\nref1 = np.stack([x1[:, 2 * p:2 * p + 3].reshape(2, -1) @ k1[p] "
    "for p in range(4)], axis=1)\nx2 = rng.normal(size=(2, 6, 5, 2)).astype('float32')\n"
    "l2 = LocallyConnected2D(3, (2, 3), bias_initializer='ones')\ny2 = l2(x2).numpy()\nk2, b2 = l2.get_weights()\n"
    "ref2 = np.stack([x2[:, i:i + 2, j:j + 3].reshape(2, -1) @ k2[i * 3 + j] for i in range(5) for j in range(3)], "
    "axis=1).reshape(2, 5, 3, 3) + b2\nprint(np.allclose(y1, ref1, atol=1e-5), np.allclose(y2, ref2, atol=1e-5))",
    "xm = rng.normal(size=(5, 4)).astype('float32')\nmx = MaxoutDense(2, nb_feature=3, input_dim=4)\nout = mx(xm).numpy()\n"
    "W, b = [w.numpy() for w in mx.weights]\nhw = Highway(init='zeros')\nh = hw(np.ones((1, 2), dtype='float32')).numpy()\n"
    "print(np.allclose(out, (np.einsum('bi,fio->bfo', xm, W) + b).max(axis=1)), np.round(h.astype(float), 4).tolist())",
    "class Noisy(keras.layers.Layer):\n    def call(self, x):\n        return K.in_train_phase(x + 1.0, x)\n"
    "net = keras.Sequential([Input((2,)), Noisy()])\n"
    "print(net(np.zeros((1, 2)), training=True).numpy().tolist(), net.predict(np.zeros((1, 2)), verbose=0).tolist(),\n"
    "      tuple(K.random_binomial((2, 3), p=0.5).shape), tuple(K.random_normal((4,), 0.0, 1.0, seed=1).shape))",
    "with h5py.File('d.h5', 'w') as f:\n    f['x'] = np.arange(20.0).reshape(10, 2)\n"
    "X = HDF5Matrix('d.h5', 'x', start=2, end=5, normalizer=lambda a: a / 10)\nprint(X.shape, X[0].tolist())",
)


@needs_full
def test_removed_layers_and_backend_functions_compute_what_they_did(tmp_path, apply):
    edits = fix_static(REMOVED)
    assert {"keras-removed-layers", "keras-backend-function", "keras-backend-math"} <= {
        r for e in edits for r in e.rule_ids}
    fixed = apply(REMOVED, edits)
    assert fix_static(fixed) == []
    after = run_local(fixed, tmp_path / "after", profile="full")
    assert after.status == "ok", after.summary()
    assert [stdout(c) for c in after.cells[1:]] == [
        "True True\n", "True [[0.2689, 0.2689]]\n", "[[1.0, 1.0]] [[0.0, 0.0]] (2, 3) (4,)\n", "(3, 2) [0.4, 0.5]\n"]
