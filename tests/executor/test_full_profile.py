"""The full profile: tensorflow-cpu, keras 3, torch (CPU) and pytorch-ignite in the same executor, on both backends.

CI builds only the tabular profile (the full image is 3.5 GB); these run where the full
environment exists: `mlemod env build --profile full` (docker) or a first
`mlemod run --profile full` (local; it builds the virtualenv once).
"""

from __future__ import annotations

import pytest
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.base import get_executor
from support import code_notebook, full_ready

DEEP_NOTEBOOK = code_notebook(
    "import numpy as np\nimport keras, tensorflow as tf, torch",
    "rng = np.random.default_rng(0)\nX = rng.normal(size=(256, 4)).astype('float32')\n"
    "y = (X[:, 0] > 0).astype('float32')",
    "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation='relu'),\n"
    "                          keras.layers.Dense(1, activation='sigmoid')])\n"
    "model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
    "model.fit(X, y, epochs=20, verbose=0)\n"
    "print('keras', keras.__version__, 'backend', keras.backend.backend())",
    "net = torch.nn.Linear(4, 1)\nprint('torch', torch.__version__, net(torch.from_numpy(X[:2])).shape)",
    # pytorch-ignite, the training loop old torch notebooks import
    "from ignite.engine import create_supervised_trainer\n"
    "trainer = create_supervised_trainer(net, torch.optim.SGD(net.parameters(), lr=0.1), torch.nn.MSELoss())\n"
    "batches = [(torch.from_numpy(X[i:i + 64]), torch.from_numpy(y[i:i + 64, None])) for i in range(0, 256, 64)]\n"
    "state = trainer.run(batches, max_epochs=3)\nprint('ignite', state.epoch, state.iteration)",
)


@pytest.mark.parametrize("backend", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_keras3_and_torch_run_in_the_full_profile(backend, tmp_path):
    missing = full_ready(backend)
    if missing:
        pytest.skip(missing)
    session = get_executor(backend, profile="full").start(
        RunRequest(notebook=DEEP_NOTEBOOK, cell_timeout=300, workdir=tmp_path))
    try:
        result = session.run_cells(DEEP_NOTEBOOK.sources())
    finally:
        session.close()
    assert result.status == "ok", result.summary()
    keras_line = result.cells[2].outputs[-1]["text"]
    assert keras_line.startswith("keras 3.") and "backend tensorflow" in keras_line
    assert result.cells[3].outputs[-1]["text"].startswith("torch 2.") and "torch.Size([2, 1])" in result.cells[3].outputs[-1]["text"]
    assert result.cells[4].outputs[-1]["text"] == "ignite 3 12\n"
    assert result.fingerprint.lock == "full"
    assert {"tensorflow-cpu", "keras", "torch"} <= set(result.fingerprint.packages)
