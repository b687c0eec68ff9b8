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
