"""TF1 graph code, repaired by the static rules, runs in the full profile's real kernel.

The full environment (tensorflow-cpu, tf_keras) is not built in CI: these skip there
(`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

import pytest
from mlemodernizer.agent.rules import fix_static
from mlemodernizer.core import RunRequest
from mlemodernizer.executor.base import get_executor
from support import code_notebook, full_ready

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


def run_full(nb, tmp_path):
    session = get_executor("local", profile="full").start(RunRequest(notebook=nb, cell_timeout=300, workdir=tmp_path))
    try:
        return session.run_cells(nb.sources())
    finally:
        session.close()


def test_tf1_graph_code_runs_after_the_static_pass(tmp_path):
    missing = full_ready("local")
    if missing:
        pytest.skip(missing)
    edits = fix_static(TF1_GRAPH)
    assert {"tensorflow-v1-api", "tqdm-notebook-widgets"} <= {r for e in edits for r in e.origin[5:].split("+")}
    sources = TF1_GRAPH.sources()
    for edit in edits:
        sources[edit.cell] = edit.new
    repaired = TF1_GRAPH.with_sources(sources)

    before = run_full(TF1_GRAPH, tmp_path / "before")
    assert before.status == "error" and before.first_failure.index == 1
    assert "has no attribute 'placeholder'" in before.cells[1].error.evalue
    after = run_full(repaired, tmp_path / "after")
    assert after.status == "ok", after.summary()
    stdout = "".join(o["text"] for o in after.cells[2].outputs if o.get("name") == "stdout")
    assert stdout == "loss fell True\n"  # the graph trained, with tqdm's text bar on stderr
    assert (tmp_path / "after" / "net.ckpt.index").exists()


def test_a_python2_import_cell_is_read_in_one_pass(notebook, apply):
    # The import sits in a cell with Python 2 prints: the rules' context must still see `tf`.
    nb = notebook("import tensorflow as tf\nprint 'graph'", "sess = tf.Session()", python2=True)
    edits = fix_static(nb)
    assert edits[0].new == ("import os\n" 'os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.layers and tf.keras as '
                            "Keras 2 (tf_keras)\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
                            "print('graph')")
    assert fix_static(apply(nb, edits)) == []
