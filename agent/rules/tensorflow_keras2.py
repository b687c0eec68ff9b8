"""Keras 2 (tf_keras) where Keras 3 cannot serve: TF1 layers reached through ``tf.compat.v1``, and the models
of TF1 graph code.

TF 2.16 made Keras 3 the ``tf.keras``, and Keras 3 has no graph-mode layers: ``tf.compat.v1.layers.dense`` and the
RNN cells of ``tf.compat.v1.nn.rnn_cell`` raise "not available with Keras 3" unless ``TF_USE_LEGACY_KERAS=1`` was
set before TensorFlow read which Keras to serve (tf_keras, in the full profile). tensorflow-v1-api sets it when it
switches a notebook to compat.v1; this rule sets it for the notebooks it leaves: written for TF 1.14-2.15 with
``tensorflow.compat.v1`` already (``import tensorflow.compat.v1 as tf`` then ``tf.layers``), or whose
``tf.contrib`` layers and cells tensorflow-contrib moved to compat.v1.

Keras 3 also runs eagerly only, and the standalone keras is Keras 3: in a notebook that is TF1 graph code
(a custom metric over ``tf.metrics.auc`` and ``K.get_session()``, placeholders beside a Keras model), its keras
imports become tf_keras', the Keras 2 the notebook was written for (keras-on-tf-keras).
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import Context, RuleTransformer, dotted, rule
from .keras_backend import backend_names
from .tensorflow_rules import LEGACY_KERAS, graph_code_with_keras, tensorflow_names

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


def _tf_keras_path(path: str) -> str:
    """A keras module path as tf_keras has it (Keras 3's home of the legacy generators is tf_keras' own)."""
    if path.startswith("keras.src.legacy.preprocessing"):
        return "tf_keras.preprocessing" + path[len("keras.src.legacy.preprocessing"):]
    return "tf_keras" + path[len("keras"):]


def _is_keras(path: str | None) -> bool:
    return path is not None and (path == "keras" or path.startswith("keras."))


@rule(
    "keras-on-tf-keras",
    library="keras",
    changed_in="keras 3.0 (eager execution only); tensorflow 2.16 (Keras 2 as tf_keras)",
    rationale="In TF1 graph code (run under tf.compat.v1, tensorflow-v1-api) the standalone keras is Keras 2's "
    "tf_keras, as the TF1 backend once was: Keras 3 cannot build or fit in graph mode. K.get_session() is read "
    "from tf.compat.v1.keras, whose backend is the same.",
    needles=("keras", "get_session"),
    gate=lambda ctx, code: graph_code_with_keras(ctx),
    signatures=(("RuntimeError", r"only supports Python-style iteration in eager mode"),),
    examples=(
        ("import tensorflow as tf\nimport keras\nfrom keras import backend as K\nfrom keras.layers import Dense\n"
         "from keras.src.legacy.preprocessing.image import ImageDataGenerator\nx = tf.placeholder(tf.float32)\n"
         "def auc(y_true, y_pred):\n    a = tf.metrics.auc(y_true, y_pred)[1]\n"
         "    K.get_session().run(tf.local_variables_initializer())\n    return a",
         "import tensorflow as tf\nimport tf_keras as keras\nfrom tf_keras import backend as K\n"
         "from tf_keras.layers import Dense\nfrom tf_keras.preprocessing.image import ImageDataGenerator\n"
         "x = tf.placeholder(tf.float32)\ndef auc(y_true, y_pred):\n    a = tf.metrics.auc(y_true, y_pred)[1]\n"
         "    tf.keras.backend.get_session().run(tf.local_variables_initializer())\n    return a"),
        ("import tensorflow as tf\nimport keras.backend\nsess = tf.Session()\nsess.run(keras.backend.mean(x))",
         "import tensorflow as tf\nimport tf_keras as keras\nsess = tf.Session()\nsess.run(keras.backend.mean(x))"),
        # eager notebooks keep Keras 3
        ("import tensorflow as tf\nimport keras\nm = keras.Sequential()", "import tensorflow as tf\nimport keras\nm = keras.Sequential()"),
    ),
)
class KerasOnTfKeras(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.backends = backend_names(ctx)
        self.tf = min(tensorflow_names(ctx), default=None)
        # graph mode: this pass's (tensorflow-v1-api), or the notebook's own, for the error-keyed runs
        self.wanted = graph_code_with_keras(ctx) or "disable_v2_behavior()" in ctx.text

    def leave_Import(self, original, updated):
        if not self.wanted:
            return updated
        names = []
        for alias in updated.names:
            path = dotted(alias.name)
            if not _is_keras(path):
                names.append(alias)
            elif alias.asname is None:  # import keras / import keras.backend: the name keras, now tf_keras
                names.append(alias.with_changes(name=cst.Name("tf_keras"),
                                                asname=cst.AsName(name=cst.Name("keras"))))
            else:
                names.append(alias.with_changes(name=cst.parse_expression(_tf_keras_path(path))))
        return updated.with_changes(names=names)

    def leave_ImportFrom(self, original, updated):
        path = dotted(updated.module) if updated.module is not None and not updated.relative else None
        if not self.wanted or not _is_keras(path):
            return updated
        return updated.with_changes(module=cst.parse_expression(_tf_keras_path(path)))

    def leave_Call(self, original, updated):
        func = updated.func
        if not self.wanted or self.tf is None or not isinstance(func, cst.Attribute) \
                or func.attr.value != "get_session":
            return updated
        owner = dotted(func.value)
        if owner in self.backends or owner == "keras.backend":  # tf_keras' v2 API has no sessions; its v1 API has
            return updated.with_changes(func=cst.parse_expression(f"{self.tf}.keras.backend.get_session"))
        return updated
