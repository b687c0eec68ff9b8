"""Keras 2 chosen for the TF1 layers a notebook reaches through ``tf.compat.v1``.

TF 2.16 made Keras 3 the ``tf.keras``, and Keras 3 has no graph-mode layers: ``tf.compat.v1.layers.dense`` and the
RNN cells of ``tf.compat.v1.nn.rnn_cell`` raise "not available with Keras 3" unless ``TF_USE_LEGACY_KERAS=1`` was
set before TensorFlow read which Keras to serve (tf_keras, in the full profile). tensorflow-v1-api sets it when it
switches a notebook to compat.v1; this rule sets it for the notebooks it leaves: written for TF 1.14-2.15 with
``tensorflow.compat.v1`` already (``import tensorflow.compat.v1 as tf`` then ``tf.layers``), or whose
``tf.contrib`` layers and cells tensorflow-contrib moved to compat.v1.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import Context, RuleTransformer, dotted, rule
from .tensorflow_rules import LEGACY_KERAS

_SETTING = "TF_USE_LEGACY_KERAS"
# What only Keras 2 serves, as the notebook spells it, or as tensorflow-contrib writes it.
_KERAS2 = r"(?:layers|nn\.rnn_cell)\."
_CONTRIB = re.compile(r"\bcontrib\.(?:rnn|layers)\b|\btensorflow\.contrib import (?:rnn|layers)\b")


def _reaches_keras2(ctx: Context, code: str) -> bool:
    if _SETTING in ctx.text or _SETTING in code:
        return False
    v1 = {n for n in ctx.aliases.get("tensorflow.compat.v1", ()) if ctx.imported.get(n) == "tensorflow.compat.v1"}
    heads = [r"\bcompat\.v1"] + [rf"\b{re.escape(a)}" for a in sorted(v1)]
    pattern = re.compile(rf"(?:{'|'.join(heads)})\.{_KERAS2}")
    return any(pattern.search(text) or _CONTRIB.search(text) for text in (ctx.text, code))


def _imports_tensorflow(stmt: cst.BaseStatement) -> bool:
    """``import tensorflow as tf``, ``import tensorflow.compat.v1 as tf``, ``from tensorflow.compat import v1``."""
    for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(small, cst.Import) and any(dotted(a.name).split(".")[0] == "tensorflow" for a in small.names):
            return True
        if isinstance(small, cst.ImportFrom) and not small.relative \
                and (dotted(small.module) or "").split(".")[0] == "tensorflow":
            return True
    return False


@rule(
    "tensorflow-legacy-keras",
    library="tensorflow",
    changed_in="tensorflow 2.16 (tf.keras became Keras 3)",
    rationale="tf.compat.v1.layers and tf.compat.v1.nn.rnn_cell are served by Keras 2 only: TF_USE_LEGACY_KERAS=1 "
    "goes before the cell's first tensorflow import, so tf_keras serves them.",
    needles=("tensorflow",),
    gate=_reaches_keras2,
    signatures=(("AttributeError", r"`\w+` is not available with Keras 3"),),
    examples=(
        ("import numpy as np\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nh = tf.layers.dense(x, 8)",
         "import numpy as np\nimport os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\n"
         "tf.disable_v2_behavior()\nh = tf.layers.dense(x, 8)"),
        ("# the graph\nimport tensorflow as tf\ncell = tf.compat.v1.nn.rnn_cell.GRUCell(4)",
         "# the graph\nimport os\n" + LEGACY_KERAS + "\nimport tensorflow as tf\n"
         "cell = tf.compat.v1.nn.rnn_cell.GRUCell(4)"),
        # a notebook that uses neither, or has chosen already, is left
        ("import tensorflow as tf\nm = tf.keras.Sequential()", "import tensorflow as tf\nm = tf.keras.Sequential()"),
        ("import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\nimport tensorflow.compat.v1 as tf\nh = tf.layers.dense(x, 8)",
         "import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\nimport tensorflow.compat.v1 as tf\nh = tf.layers.dense(x, 8)"),
    ),
)
class TensorFlowLegacyKeras(RuleTransformer):
    def leave_Module(self, original, updated):
        if _SETTING in updated.code:  # chosen already (error-keyed runs have no gate)
            return updated
        body = list(updated.body)
        at = next((i for i, stmt in enumerate(body) if _imports_tensorflow(stmt)), None)
        if at is None:
            return updated
        first = cst.parse_statement("import os").with_changes(leading_lines=body[at].leading_lines)
        setting = cst.parse_statement(LEGACY_KERAS)
        return updated.with_changes(body=[*body[:at], first, setting, body[at].with_changes(leading_lines=()),
                                          *body[at + 1:]])
