"""tf.contrib under TF 2 (tensorflow_contrib.py): the static pass renames what has a successor and the numbers
are TF1's: contrib's defaults (ReLU, 'SAME' padding, pooling stride 2) written out, l2_regularizer's scale
halved for Keras' l2, keep_prob turned into rate. The run needs the full profile (skipped where it is not
built, as in CI); the rewrite itself is checked without it.
"""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, needs_full, run_local, stdout

OLD = code_notebook(
    "import numpy as np\nimport tensorflow as tf\nfrom tensorflow.contrib import rnn\n"
    "from tensorflow.contrib.layers import fully_connected",
    "img = tf.placeholder(tf.float32, [None, 8, 8, 1])\nc = tf.contrib.layers.conv2d(img, 4, 3)\n"
    "p = tf.contrib.layers.max_pool2d(c, 2)\nflat = tf.contrib.layers.flatten(p)\n"
    "h = fully_connected(flat, 5, weights_initializer=tf.contrib.layers.xavier_initializer(seed=0))\n"
    "d = tf.contrib.layers.dropout(h, keep_prob=0.999999, is_training=False)\n"
    "w = tf.get_variable('w', [2, 2], initializer=tf.ones_initializer(),\n"
    "                    regularizer=tf.contrib.layers.l2_regularizer(scale=0.1))",
    "xs = tf.unstack(tf.placeholder(tf.float32, [None, 4, 2], name='xs'), 4, 1)\n"
    "cells = rnn.MultiRNNCell([rnn.DropoutWrapper(rnn.BasicLSTMCell(6), output_keep_prob=1.0)])\n"
    "outs, _ = rnn.static_rnn(cells, xs, dtype=tf.float32)",
    "with tf.Session() as sess:\n    sess.run(tf.global_variables_initializer())\n"
    "    feed = {img: np.random.default_rng(0).normal(size=(3, 8, 8, 1))}\n"
    "    conv, hidden, dropped = sess.run([c, h, d], feed)\n"
    "    reg = sess.run(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))[0]\n"
    "    last = sess.run(outs[-1], {'xs:0': np.ones((2, 4, 2))})\n"
    "print(conv.shape, flat.shape.as_list(), hidden.shape, bool(conv.min() >= 0 and hidden.min() >= 0),\n"
    "      bool(np.allclose(dropped, hidden)), round(float(reg), 6), last.shape)",
)


def test_contrib_names_are_renamed_statically():
    edits = fix_static(OLD)
    assert {"tensorflow-contrib", "tensorflow-v1-api"} <= {r for e in edits for r in e.rule_ids}
    new = "\n".join(e.new for e in edits)
    assert "contrib" not in new
    assert "padding='same'" in new and "strides=2" in new and "rate=1e-06" in new and "l2=0.05" in new


@needs_full
def test_contrib_code_computes_what_it_did(tmp_path, apply):
    fixed = apply(OLD, fix_static(OLD))
    assert fix_static(fixed) == []
    before = run_local(OLD, tmp_path / "before", profile="full")
    assert before.first_failure.index == 0  # the contrib import itself fails
    after = run_local(fixed, tmp_path / "after", profile="full")
    assert after.status == "ok", after.summary()
    # 'SAME' convolution keeps 8x8, the pooling halves it, ReLU leaves nothing negative, dropout at inference is
    # the identity, and the penalty is contrib's: 0.1 * sum(w**2) / 2 over four ones
    assert stdout(after.cells[3]) == "(3, 8, 8, 4) [None, 64] (3, 5) True True 0.2 (2, 6)\n"
