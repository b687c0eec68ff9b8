"""Keras 2 / TF1 names that Keras 3 and TF 2 removed (keras_removed.py, keras_backend.py and the tensorflow-*
rules), repaired by the static pass and run in the full profile's real kernel: each cell prints what the old
code computed.

The full environment is not built in CI: the test skips there (`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, needs_full, run_local, stdout

OLD = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom keras.models import Sequential\n"
    "from keras.layers import Dense, Input, merge\nfrom keras import backend as K\nfrom keras.optimizers import adam\n"
    "from keras.utils import multi_gpu_model\nfrom keras.callbacks import ModelCheckpoint, EarlyStopping\n"
    "from keras.backend.tensorflow_backend import set_session\n"
    "config = tf.compat.v1.ConfigProto()\nconfig.gpu_options.allow_growth = True\n"
    "set_session(tf.compat.v1.Session(config=config))",
    # merge modes: concat along axis 1, and the default 'sum'
    "a = Input(shape=(3,))\nb = Input(shape=(3,))\nx = merge([a, b], mode='concat', concat_axis=1)\ns = merge([a, b])\n"
    "print(tuple(x.shape), tuple(s.shape))",
    # the backend's math: K.sqrt clamped negatives to 0, argmax and concatenate worked on the last axis
    "def rmse(y_true, y_pred):\n    return K.sqrt(K.mean(K.square(y_pred - y_true), axis=-1))\n"
    "print(float(K.mean(K.clip(np.array([-1.0, 0.5, 2.0]), 0.0, 1.0))), K.argmax(np.eye(3)[[2, 0]]).numpy().tolist(),\n"
    "      tuple(K.concatenate([np.ones((1, 2)), np.zeros((1, 2))]).shape), float(K.sqrt(np.float32(-4.0))),\n"
    "      round(float(rmse(np.zeros((1, 4)), np.full((1, 4), 2.0))[0]), 4), float(K.tf.reduce_sum(np.ones(3))))",
    "model = Sequential()\nmodel.add(Dense(4, input_shape=(3,), activation='relu'))\n"
    "model.add(Dense(1, activation='sigmoid'))\nparallel = multi_gpu_model(model, gpus=2)\n"
    "parallel.compile(optimizer=adam(lr=0.01), loss='binary_crossentropy', metrics=['accuracy'])\n"
    "cp = ModelCheckpoint('best-{val_acc:.2f}.keras', monitor='val_acc', save_best_only=True, period=1)\n"
    "es = EarlyStopping(monitor='val_acc', patience=50)\n"
    "X = np.random.default_rng(0).normal(size=(64, 3))\ny = (X[:, 0] > 0).astype('float32')\n"
    "history = parallel.fit(X, y, epochs=3, batch_size=16, validation_split=0.25, verbose=0, callbacks=[cp, es])\n"
    "print(len(history.history['acc']), len(history.history['val_acc']), model.model.count_params(),\n"
    "      type(parallel.optimizer).__name__, parallel.optimizer.learning_rate.numpy().round(4))",
    "tf.enable_eager_execution()\nx = tf.constant([[1.0, 2.0], [3.0, 4.0]])\n"
    "s = tf.reduce_sum(x, reduction_indices=[1], keep_dims=True)\nc = tf.concat(1, [x, x])\n"
    "ds = tf.data.Dataset.from_tensor_slices(np.arange(4)).batch(2)\nfirst = ds.make_one_shot_iterator().get_next()\n"
    "print(s.numpy().tolist(), tuple(c.shape), first.numpy().tolist())",
)

RULES = {"keras-optimizer-lowercase", "keras-backend-math", "keras-backend-tf", "keras-multi-gpu-model",
         "keras-model-checkpoint-period", "keras-history-acc-keys", "keras-sequential-model-attr",
         "keras-backend-set-session", "keras-merge-function", "tensorflow-enable-eager", "tensorflow-reduce-keywords",
         "tensorflow-dataset-iterators", "tensorflow-concat-order"}


@needs_full
def test_removed_keras_and_tf1_names_compute_what_they_did(tmp_path, apply):
    edits = fix_static(OLD)
    assert RULES <= {r for e in edits for r in e.rule_ids}
    fixed = apply(OLD, edits)
    assert fix_static(fixed) == []
    before = run_local(OLD, tmp_path / "before", profile="full")
    assert before.first_failure.index == 0
    after = run_local(fixed, tmp_path / "after", profile="full")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[1]) == "(None, 6) (None, 3)\n"
    assert stdout(after.cells[2]) == "0.5 [2, 0] (1, 4) 0.0 2.0 3.0\n"
    # the parallel model is the model: 3 epochs recorded under the new keys, 4*3+4 + 4+1 weights, Adam at 0.01
    assert stdout(after.cells[3]) == "3 3 21 Adam 0.01\n"
    # monitor='val_accuracy' is a metric fit reports: the best model was saved, its name filled from the new key
    assert list((tmp_path / "after").glob("best-*.keras"))
    assert stdout(after.cells[4]) == "[[3.0], [7.0]] (2, 4) [0, 1]\n"


FILES = code_notebook(
    "import os\nimport numpy as np\nfrom keras.models import Sequential, load_model\nfrom keras.layers import Dense, Input\n"
    "from keras.callbacks import ModelCheckpoint\nmodel = Sequential([Input((2,)), Dense(1)])\n"
    "model.compile(optimizer='adam', loss='mse')\nX, y = np.zeros((8, 2)), np.zeros(8)",
    "filepath = 'weights.best.hdf5'\nck = ModelCheckpoint(filepath, monitor='loss', save_best_only=True)\n"
    "model.fit(X, y, epochs=2, verbose=0, callbacks=[ck])",
    "best = load_model(filepath)\nprint(type(best).__name__, os.path.exists(filepath))",
    "model.save_weights('w.h5')",
    "model.load_weights('w.h5')\nprint(os.path.exists('w.h5'))",
    "model.save('saved_model')\nagain = load_model('saved_model')\nprint(again.count_params())",
)


@needs_full
def test_the_files_a_keras_2_notebook_writes_are_named_for_keras_3(tmp_path, apply):
    before = run_local(FILES, tmp_path / "before", profile="full")
    assert before.first_failure.index == 1 and "must end in `.keras`" in before.first_failure.error.evalue
    edits = fix_static(FILES)
    assert {r for e in edits for r in e.rule_ids} == {"keras3-file-names"}
    fixed = apply(FILES, edits)
    after = run_local(fixed, tmp_path / "after", profile="full")
    assert after.status == "ok", after.summary()
    # each file read back is the one written, under the name Keras 3 writes it to
    assert stdout(after.cells[2]) == "Sequential True\n"
    assert stdout(after.cells[4]) == "True\n"
    assert stdout(after.cells[5]) == "3\n"
    written = {p.name for p in (tmp_path / "after").iterdir()}
    assert {"saved_model.keras", "w.weights.h5", "weights.best.keras"} <= written


TF2_ERA = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom keras import backend as K\nfrom keras.models import Sequential\n"
    "from keras.layers import Dense, Input\nfrom tensorflow.keras.mixed_precision import experimental as mixed_precision\n"
    "from tensorflow.keras.layers.experimental import preprocessing",
    "tf.random.set_random_seed(0)\nK.set_learning_phase(0)\n"
    "mixed_precision.set_policy(mixed_precision.Policy('float32'))\nprint(mixed_precision.global_policy().name)",
    "r = tf.keras.layers.experimental.preprocessing.Rescaling(0.5)\n"
    "n = preprocessing.Normalization(mean=1.0, variance=4.0)\n"
    "print(float(r(np.array([4.0]))[0]), float(n(np.array([[3.0]]))[0][0]))",
    "s = tf.keras.experimental.CosineDecay(0.1, 10)\nprint(round(float(s(0)), 4), round(float(s(10)), 4))",
    "m = Sequential([Input((2,)), Dense(1)])\nm.compile(optimizer='adam', loss='mse', sample_weight_mode=None)\n"
    "m.fit(np.zeros((4, 2)), np.zeros(4), epochs=1, verbose=0, workers=2, use_multiprocessing=False)\n"
    "K.set_value(m.optimizer.lr, 0.5)\nprint(round(float(K.get_value(m.optimizer.lr)), 3))",
    "def dice(y_true, y_pred):\n    t = K.flatten(y_true)\n    p = K.flatten(y_pred)\n"
    "    return 2 * K.sum(t * p) / (K.sum(t) + K.sum(p))\n"
    "y = np.array([[1.0, 0.0], [1.0, 1.0]], dtype='float32')\nprint(float(K.eval(dice(y, y))), K.int_shape(y))",
)


@needs_full
def test_tf2_era_keras_code_runs_on_keras_3(tmp_path, apply, run_repaired):
    before = run_local(TF2_ERA, tmp_path / "before", profile="full")
    assert before.first_failure.index == 0
    record: list = []
    printed = run_repaired(apply(TF2_ERA, fix_static(TF2_ERA)), 3, record, profile="full")
    assert [e.rule_ids for _, e in record] == [["catalogue-attribute"]]  # tf.random.set_random_seed: the catalogue's
    assert printed[1] == "float32\n"
    assert printed[2] == "2.0 1.0\n"  # the promoted layers are the same classes
    assert printed[3] == "0.1 0.0\n"
    assert printed[4] == "0.5\n"  # the optimizer's own learning rate was set, not an attribute beside it
    assert printed[5] == "1.0 (2, 2)\n"
