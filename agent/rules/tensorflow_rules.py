"""TensorFlow 1 graph code (placeholders, sessions, ``tf.layers``) under TensorFlow 2.

TF 2.0 made eager execution the default and moved the graph API under
``tf.compat.v1``; TF 2.16 made Keras 3 the ``tf.keras``, and Keras 3 has no
graph-mode layers, so ``tf.compat.v1.layers`` raises "not available with Keras 3".
TensorFlow's own path for running TF1 code unchanged is to import the v1 API as
``tf`` and switch the v2 behaviours off; its Keras 2 lives on as the ``tf_keras``
package (in the full profile), chosen by ``TF_USE_LEGACY_KERAS=1``. The rule makes
exactly those three lines, in the cell that imports tensorflow, so every ``tf.X``
of the notebook keeps its TF1 meaning.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import Context, RuleTransformer, dotted, rule

# Names TF 2 removed from its top level that tf.compat.v1 keeps (checked against
# tensorflow 2.21): the ones graph-era notebooks use.
_V1_ONLY = (
    "placeholder", "placeholder_with_default", "sparse_placeholder", "Session", "InteractiveSession",
    "ConfigProto", "GPUOptions", "RunOptions", "global_variables_initializer", "local_variables_initializer",
    "initialize_all_variables", "variables_initializer", "tables_initializer", "get_variable",
    "get_variable_scope", "variable_scope", "AUTO_REUSE", "get_collection", "add_to_collection", "GraphKeys",
    "global_variables", "trainable_variables", "reset_default_graph", "get_default_graph", "set_random_seed",
    "random_normal", "random_uniform", "truncated_normal", "log", "to_float", "to_int32", "to_int64", "Print",
    "layers", "logging", "gfile", "app", "flags", "py_func", "div", "arg_max", "arg_min", "multinomial",
    "assign", "assign_add", "count_nonzero", "sparse_to_dense", "string_split", "decode_raw",
)
_V1_TRAIN = (
    "AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer", "RMSPropOptimizer", "AdagradOptimizer",
    "AdadeltaOptimizer", "FtrlOptimizer", "Optimizer", "Saver", "exponential_decay", "get_or_create_global_step",
    "get_global_step", "start_queue_runners", "string_input_producer", "shuffle_batch", "import_meta_graph",
)
# TF1 names that TF 2 kept under another name (tf_upgrade_v2's renames): alone, they do not make a notebook
# graph code, and renaming them keeps a TF2/Keras notebook in eager mode.
_RENAMED = {
    "set_random_seed": "random.set_seed", "random_normal": "random.normal", "random_uniform": "random.uniform",
    "truncated_normal": "random.truncated_normal", "log": "math.log", "div": "math.divide",
    "arg_max": "math.argmax", "arg_min": "math.argmin", "multinomial": "random.categorical",
    "count_nonzero": "math.count_nonzero", "gfile": "io.gfile", "logging": "compat.v1.logging",
}
_GRAPH_ONLY = tuple(n for n in _V1_ONLY if n not in _RENAMED)
_LEGACY_KERAS = 'os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.layers and tf.keras as Keras 2 (tf_keras)'


def _uses_v1_api(ctx: Context, aliases: set[str]) -> bool:
    if not aliases:
        return False
    heads = "|".join(map(re.escape, sorted(aliases)))
    pattern = rf"\b(?:{heads})\.(?:(?:{'|'.join(_GRAPH_ONLY)})|train\.(?:{'|'.join(_V1_TRAIN)}))\b"
    return re.search(pattern, ctx.text) is not None


def _statement(code: str) -> cst.SimpleStatementLine:
    return cst.parse_statement(code)  # type: ignore[return-value]


@rule(
    "tensorflow-v1-api",
    library="tensorflow",
    changed_in="tensorflow 2.0 (graph API moved to tf.compat.v1); 2.16 (tf.keras became Keras 3)",
    rationale="TF1 graph code (tf.placeholder, tf.Session, tf.layers, tf.train.*Optimizer) runs unchanged when "
    "tensorflow.compat.v1 is imported as tf with the v2 behaviours off, and Keras 2 (tf_keras) serves tf.layers.",
    needles=("tensorflow",),
    signatures=(
        ("AttributeError", rf"module 'tensorflow' has no attribute '(?:{'|'.join(_V1_ONLY)})'"),
        ("AttributeError", r"`\w+` is not available with Keras 3"),
    ),
    examples=(
        (
            "import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 3])",
            "import os\n" + _LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
            "x = tf.placeholder(tf.float32, [None, 3])",
        ),
        (
            "%pylab inline\nimport tensorflow as tf\nsess = tf.Session()",
            "%pylab inline\nimport os\n" + _LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\n"
            "tf.disable_v2_behavior()\nsess = tf.Session()",
        ),
        (
            "import tensorflow\nopt = tensorflow.train.AdamOptimizer(0.01)",
            "import os\n" + _LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tensorflow\n"
            "tensorflow.disable_v2_behavior()\nopt = tensorflow.train.AdamOptimizer(0.01)",
        ),
        # TF2 code is left alone, and so is a TF2 notebook that only seeds the TF1 way (tensorflow-renamed-api)
        ("import tensorflow as tf\nm = tf.keras.Sequential()", "import tensorflow as tf\nm = tf.keras.Sequential()"),
        ("import tensorflow as tf\ntf.set_random_seed(1)", "import tensorflow as tf\ntf.set_random_seed(1)"),
    ),
)
class TensorFlowV1(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = ctx.module_names("tensorflow")
        self.wanted = _uses_v1_api(ctx, self.aliases)

    def leave_SimpleStatementLine(self, original, updated):
        if not self.wanted or len(updated.body) != 1 or not isinstance(updated.body[0], cst.Import):
            return updated
        names = updated.body[0].names
        if len(names) != 1 or dotted(names[0].name) != "tensorflow":
            return updated
        local = names[0].asname.name.value if names[0].asname else "tensorflow"
        if local not in self.aliases:
            return updated
        lines = []
        if "TF_USE_LEGACY_KERAS" not in self.ctx.text:
            lines += [_statement("import os"), _statement(_LEGACY_KERAS)]
        lines += [_statement(f"import tensorflow.compat.v1 as {local}"), _statement(f"{local}.disable_v2_behavior()")]
        lines[0] = lines[0].with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel(lines)


@rule(
    "tensorflow-renamed-api",
    library="tensorflow",
    changed_in="tensorflow 2.0",
    rationale="TF 2 kept these TF1 functions under new names (tf.set_random_seed -> tf.random.set_seed, tf.log -> "
    "tf.math.log, tf.random_normal -> tf.random.normal, ...); in a notebook without TF1 graph code they are renamed, "
    "so it stays an eager TF2/Keras notebook (graph code gets tensorflow-v1-api instead).",
    needles=("tensorflow",),
    signatures=(("AttributeError", rf"module 'tensorflow' has no attribute '(?:{'|'.join(_RENAMED)})'"),),
    examples=(
        ("import tensorflow as tf\ntf.set_random_seed(1)\nw = tf.random_normal([3])",
         "import tensorflow as tf\ntf.random.set_seed(1)\nw = tf.random.normal([3])"),
        ("import tensorflow as tf\nsess = tf.Session()\ntf.set_random_seed(1)",
         "import tensorflow as tf\nsess = tf.Session()\ntf.set_random_seed(1)"),
    ),
)
class TensorFlowRenamed(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = ctx.module_names("tensorflow")
        self.wanted = bool(self.aliases) and not _uses_v1_api(ctx, self.aliases)

    def leave_Attribute(self, original, updated):
        if not self.wanted or not isinstance(updated.value, cst.Name) or updated.value.value not in self.aliases:
            return updated
        new = _RENAMED.get(updated.attr.value)
        return cst.parse_expression(f"{updated.value.value}.{new}") if new else updated
