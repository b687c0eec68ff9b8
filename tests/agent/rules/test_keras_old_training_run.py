"""Keras 1's metric functions, Embedding(dropout=) and Keras 2's ModelCheckpoint(period=n), repaired by the static
pass (agent/rules/keras_old_training.py) and run in the full profile's real kernel: the metrics are logged under
their old names with Keras 1's per-batch values averaged by batch size, the checkpoint saves every n-th epoch,
the layer keeps its class name and drops whole rows while training."""

from __future__ import annotations

from support import code_notebook, stdout

OLD_KERAS = code_notebook(
    "import numpy as np\nfrom keras import metrics\nfrom keras.metrics import fmeasure\n"
    "from keras.models import Sequential\nfrom keras.layers import Dense, Embedding, Flatten\n"
    "from keras.optimizers import SGD\nfrom keras.callbacks import ModelCheckpoint",
    # predictions fixed (no learning): rounded [1, 0 | 1, 1 | 0] against y [1, 1 | 0, 1 | 0] in batches of 2;
    # F1 per batch 2/3, 2/3, 0 and recall 1/2, 1, 0, weighted by batch size: 0.5333 and 0.6
    "X = np.array([[1.0], [-1.0], [1.0], [1.0], [-1.0]])\ny = np.array([1.0, 1.0, 0.0, 1.0, 0.0])\n"
    "m = Sequential([Dense(1, input_shape=(1,), activation='sigmoid', kernel_initializer='ones')])\n"
    "m.compile(SGD(0.0), 'binary_crossentropy', metrics=[fmeasure, metrics.recall, 'matthews_correlation'])\n"
    "h = m.fit(X, y, batch_size=2, epochs=2, shuffle=False, verbose=0)\n"
    "print({k: [round(float(v), 4) for v in h.history[k]] for k in sorted(h.history) if k != 'loss'})\n"
    "print(round(float(fmeasure(y[:2], m.predict(X[:2], verbose=0))), 4))",  # called directly: the batch's scalar
    "words = np.arange(12).reshape(4, 3) % 10\n"
    "e = Sequential([Embedding(10, 4, input_length=3, dropout=0.5), Flatten(), Dense(1)])\ne.compile('sgd', 'mse')\n"
    "n = 2\ne.fit(words, np.ones(4), epochs=4, verbose=0, callbacks=[ModelCheckpoint('emb-{epoch}.keras', period=n)])\n"
    "import os\nprint(sorted(f for f in os.listdir('.') if f.startswith('emb-')), [type(l).__name__ for l in e.layers])\n"
    "kept = np.asarray(e.layers[0](words, training=True)) / np.asarray(e.layers[0](words))\n"
    "print(set(np.round(kept, 4).ravel()) <= {0.0, 2.0}, np.allclose(e.layers[0](words), e.layers[0](words)))",
)


def test_old_keras_training_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(OLD_KERAS, 0, "cannot import name 'fmeasure'",
                            {"keras-legacy-metrics", "keras-model-checkpoint-period-n", "keras-embedding-dropout"},
                            profile="full")
    assert stdout(after.cells[1]) == (
        "{'fmeasure': [0.5333, 0.5333], 'matthews_correlation': [0.0, 0.0], 'recall': [0.6, 0.6]}\n0.6667\n")
    assert stdout(after.cells[2]) == "['emb-2.keras', 'emb-4.keras'] ['Embedding', 'Flatten', 'Dense']\nTrue True\n"
