"""TF1 graph code and Keras 1 models, repaired by the static rules, run in the full profile's real kernel.

The full environment (tensorflow-cpu, tf_keras) is not built in CI: these skip there
(`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

import pytest
from mlemodernizer.agent.rules import fix_static
from support import code_notebook, full_ready, needs_full, run_local, stdout

TF1_GRAPH = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom tqdm import tqdm_notebook as tqdm",
    "x = tf.placeholder(tf.float32, [None, 4])\ny_ = tf.placeholder(tf.float32, [None, 2])\n"
    "h = tf.layers.dense(x, 8, activation=tf.nn.relu)\nh = tf.layers.dropout(h, rate=0.1)\n"
    "logits = tf.layers.dense(h, 2, activation=tf.nn.softmax)\n"
    "loss = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(logits + 1e-9), reduction_indices=[1]))\n"
    "step = tf.train.AdamOptimizer(0.05).minimize(loss)\n"
    "config = tf.ConfigProto()\nconfig.gpu_options.allow_growth = True\n"
    "sess = tf.Session(config=config)\nsess.run(tf.global_variables_initializer())",
    "X = np.random.default_rng(0).normal(size=(64, 4)).astype('float32')\n"
    "Y = np.eye(2)[(X[:, 0] > 0).astype(int)]\n"
    "losses = [sess.run([step, loss], {x: X, y_: Y})[1] for _ in tqdm(range(60))]\n"
    "print('loss fell', losses[-1] < losses[0])",
    "print(tf.train.Saver().save(sess, 'net.ckpt'))",
)


KERAS1_MODEL = code_notebook(
    "import numpy as np\nfrom keras.models import Sequential\n"
    "from keras.layers import Convolution2D, MaxPooling2D, Flatten, Dense, Dropout\n"
    "from keras.preprocessing.text import Tokenizer",
    "m = Sequential()\n"
    "m.add(Convolution2D(4, 3, 3, border_mode='same', input_shape=(8, 8, 1), init='he_normal'))\n"
    "m.add(MaxPooling2D(pool_size=(2, 2), border_mode='valid'))\nm.add(Flatten())\nm.add(Dropout(p=0.2))\n"
    "m.add(Dense(output_dim=2, activation='softmax'))\n"
    "m.compile(optimizer='adam', loss='categorical_crossentropy')\n"
    "m.fit(np.zeros((4, 8, 8, 1)), np.eye(2)[[0, 1, 0, 1]], nb_epoch=1, verbose=0)\n"
    "print(m.layers[0].strides, m.output_shape)",
    "t = Tokenizer()\nt.fit_on_texts(['a b', 'b c'])\nprint(len(t.word_index))",
)


# A Keras notebook of 2018: TensorFlow only to configure the session Keras ran in.
KERAS_SESSION = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom keras import backend as K\n"
    "from keras.models import Sequential\nfrom keras.layers import Dense",
    "config = tf.ConfigProto()\nconfig.gpu_options.allow_growth = True\nsess = tf.Session(config=config)\n"
    "K.set_session(sess)\ntf.reset_default_graph()\n"
    "def get_session():\n    return tf.Session(graph=tf.get_default_graph(), config=config)\n"
    "K.tensorflow_backend.set_session(get_session())",
    "X = np.random.default_rng(0).normal(size=(64, 4))\ny = (X[:, 0] > 0).astype(int)\n"
    "with tf.Session(config=config) as s:  # train in a fresh session\n"
    "    m = Sequential([Dense(8, activation='relu', input_dim=4), Dense(1, activation='sigmoid')])\n"
    "    m.compile('adam', 'binary_crossentropy')\n    h = m.fit(X, y, epochs=2, verbose=0)\n"
    "print(len(h.history['loss']), tf.executing_eagerly())",
)


# A notebook of TF 1.15's time, already on compat.v1: its tf.layers need Keras 2.
TF115_LAYERS = code_notebook(
    "import numpy as np\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()",
    "x = tf.placeholder(tf.float32, [None, 3])\nh = tf.layers.dense(x, 2)\n"
    "with tf.Session() as sess:\n    sess.run(tf.global_variables_initializer())\n"
    "    print(sess.run(h, {x: np.zeros((1, 3))}).shape)",
)


# Kaggle's streaming-AUC metric of 2018: TF1 graph code inside a Keras model's metrics.
KERAS_AUC_METRIC = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom keras import backend as K\nfrom keras.models import Sequential\n"
    "from keras.layers import Dense",
    "def auc(y_true, y_pred):\n    auc = tf.metrics.auc(y_true, y_pred)[1]\n"
    "    K.get_session().run(tf.local_variables_initializer())\n    return auc",
    "X = np.random.default_rng(0).normal(size=(64, 3))\ny = (X[:, 0] > 0).astype(int)\n"
    "m = Sequential([Dense(1, activation='sigmoid', input_dim=3)])\n"
    "m.compile('adam', 'binary_crossentropy', metrics=[auc])\nh = m.fit(X, y, nb_epoch=2, verbose=0)\n"
    "print(sorted(h.history), K.mean(K.constant([1., 3.])).eval(session=K.get_session()))",
)


def run_full(nb, tmp_path):
    return run_local(nb, tmp_path, profile="full")


@needs_full
def test_tf1_graph_code_runs_after_the_static_pass(tmp_path, apply):
    edits = fix_static(TF1_GRAPH)
    assert {"tensorflow-v1-api", "tqdm-notebook-widgets"} <= {r for e in edits for r in e.rule_ids}
    before = run_full(TF1_GRAPH, tmp_path / "before")
    assert before.status == "error" and before.first_failure.index == 1
    assert "has no attribute 'placeholder'" in before.cells[1].error.evalue
    after = run_full(apply(TF1_GRAPH, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[2]) == "loss fell True\n"  # the graph trained, with tqdm's text bar on stderr
    assert (tmp_path / "after" / "net.ckpt.index").exists()


def test_a_python2_import_cell_is_read_in_one_pass(notebook, apply):
    # The import sits in a cell with Python 2 prints: the rules' context must still see `tf`.
    nb = notebook("import tensorflow as tf\nprint 'graph'", "sess = tf.Session()", python2=True)
    edits = fix_static(nb)
    assert edits[0].new == ("import os\n" 'os.environ["TF_USE_LEGACY_KERAS"] = "1"  # TF1 layers and tf.keras as '
                            "Keras 2 (tf_keras)\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
                            "print('graph')")
    assert fix_static(apply(nb, edits)) == []


def test_renamed_tf1_calls_are_renamed_in_cells_without_the_import(notebook, apply):
    nb = notebook("import numpy as np\nimport tensorflow as tf", "tf.set_random_seed(1)\nx = np.log(2)\ny = tf.log(x)")
    (edit,) = fix_static(nb)
    assert edit.new == "tf.random.set_seed(1)\nx = np.log(2)\ny = tf.math.log(x)"
    assert fix_static(apply(nb, [edit])) == []


@needs_full
def test_a_keras1_model_builds_and_trains_after_the_static_pass(tmp_path, apply):
    before = run_full(KERAS1_MODEL, tmp_path / "before")
    assert before.first_failure.index == 0 and before.first_failure.error.ename == "ModuleNotFoundError"
    after = run_full(apply(KERAS1_MODEL, fix_static(KERAS1_MODEL)), tmp_path / "after")
    assert after.status == "ok", after.summary()
    # the kernel is (3, 3) with stride 1, as Keras 1 meant, not a stride of 3
    assert stdout(after.cells[1]) == "(1, 1) (None, 2)\n"
    assert stdout(after.cells[2]) == "3\n"


def repaired(nb, tmp_path, apply):
    """The static pass's rule ids for ``nb``, its first failure before, and the run of the repaired notebook
    (which must finish) in the full profile; the test skips without it."""
    if missing := full_ready("local"):
        pytest.skip(missing)
    edits = fix_static(nb)
    before = run_full(nb, tmp_path / "before")
    after = run_full(apply(nb, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    return [(e.cell, e.rule_ids) for e in edits], before.first_failure, after


def test_a_keras_notebooks_session_setup_keeps_keras_3_eager(tmp_path, apply):
    edits, failure, after = repaired(KERAS_SESSION, tmp_path, apply)
    rules = {r for _, ids in edits for r in ids}
    assert "tensorflow-keras-session" in rules and "tensorflow-v1-api" not in rules
    assert failure.index == 1 and "has no attribute 'ConfigProto'" in failure.error.evalue
    # Keras 3 trained, eagerly: tensorflow-v1-api's graph mode would have stopped its fit
    assert stdout(after.cells[2]) == "2 True\n"


def test_tf1_layers_reached_through_compat_v1_get_keras_2(tmp_path, apply):
    edits, failure, after = repaired(TF115_LAYERS, tmp_path, apply)
    assert failure.index == 1 and "not available with Keras 3" in failure.error.evalue
    assert edits == [(0, ["tensorflow-legacy-keras"])]
    assert stdout(after.cells[1]) == "(1, 2)\n"


def test_a_keras_model_in_tf1_graph_code_runs_on_keras_2(tmp_path, apply):
    edits, failure, after = repaired(KERAS_AUC_METRIC, tmp_path, apply)
    rules = {r for _, ids in edits for r in ids}
    assert {"tensorflow-v1-api", "keras-on-tf-keras"} <= rules and "keras-backend-math" not in rules
    assert failure.index == 2 and "nb_epoch" in failure.error.evalue  # before the metric's graph code is reached
    # the streaming AUC was logged, and K.mean is Keras 2's backend function in the notebook's graph
    assert stdout(after.cells[2]).splitlines()[-1] == "['auc', 'loss'] 2.0"  # after TF's deprecation note
