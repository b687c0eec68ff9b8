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

from .framework import (
    Context,
    RuleTransformer,
    dotted,
    keep_statements,
    one_statement_per_line,
    pass_if_empty,
    rename_kwarg,
    rule,
    split_import_from,
)

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
# tf.summary in TF 2 writes eagerly through create_file_writer; the graph writer and the summary ops to run in a
# session are TF1 graph code.
_V1_SUMMARY = ("FileWriter", "merge_all", "merge")
# tf.losses in TF 2 is Keras' module; TF1's loss functions (labels first, reduced to a scalar, added to the graph's
# loss collection) live on in tf.compat.v1.losses.
_V1_LOSSES = ("mean_squared_error", "softmax_cross_entropy", "sparse_softmax_cross_entropy", "sigmoid_cross_entropy",
              "log_loss", "absolute_difference", "huber_loss", "hinge_loss", "cosine_distance",
              "mean_pairwise_squared_error", "get_total_loss", "get_regularization_loss", "add_loss")
# TF1 names that TF 2 kept under another name (tf_upgrade_v2's renames): alone, they do not make a notebook
# graph code, and renaming them keeps a TF2/Keras notebook in eager mode.
_RENAMED = {
    "set_random_seed": "random.set_seed", "random_normal": "random.normal", "random_uniform": "random.uniform",
    "truncated_normal": "random.truncated_normal", "log": "math.log", "div": "math.divide",
    "arg_max": "math.argmax", "arg_min": "math.argmin", "multinomial": "random.categorical",
    "count_nonzero": "math.count_nonzero", "gfile": "io.gfile", "logging": "compat.v1.logging",
}
_GRAPH_ONLY = tuple(n for n in _V1_ONLY if n not in _RENAMED)
LEGACY_KERAS = 'os.environ["TF_USE_LEGACY_KERAS"] = "1"  # TF1 layers and tf.keras as Keras 2 (tf_keras)'


# What a Keras notebook of TF1's time did with TensorFlow itself: open a session to configure it (GPU memory
# growth, threads; Keras' FAQ recipe for reproducible runs passes the default graph) and hand it to Keras, or
# reset the graph before building another model.
SESSION_SETUP = frozenset({"Session", "InteractiveSession", "ConfigProto", "GPUOptions", "reset_default_graph",
                           "get_default_graph"})
_RUN = re.compile(r"(?<![\w.])(?!subprocess\b)\w+\.run\(")  # sess.run(...): graph code, whatever the names


_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#.*$")  # code commented out is not the notebook's API


def _v1_names(ctx: Context, aliases: set[str]) -> set[str]:
    """The TF1 graph API the notebook reaches: through ``tf.`` (``Session``, ``train.AdamOptimizer``, ``contrib.``)
    or imported by name (``from tensorflow import Session``)."""
    found = {full[len("tensorflow."):] for full in ctx.imported.values()
             if full.startswith("tensorflow.") and full[len("tensorflow."):] in _GRAPH_ONLY}
    if aliases:
        heads = "|".join(map(re.escape, sorted(aliases)))
        pattern = (rf"\b(?:{heads})\.((?:{'|'.join(_GRAPH_ONLY)})|train\.(?:{'|'.join(_V1_TRAIN)})"
                   rf"|summary\.(?:{'|'.join(_V1_SUMMARY)})|losses\.(?:{'|'.join(_V1_LOSSES)})|contrib\.)\b")
        found |= {m.group(1) for m in re.finditer(pattern, _COMMENT_LINE.sub("", ctx.text))}
    return found


def _uses_keras3(ctx: Context) -> bool:
    return any(full == "keras" or full.startswith("keras.") for full in ctx.imported.values())


def keras_session_setup(ctx: Context) -> bool:
    """Whether the notebook's TF1 API is session setup alone and its models are the standalone keras's: Keras 3
    runs eagerly only, so such a notebook must stay in eager mode (tensorflow-keras-session)."""
    names = _v1_names(ctx, ctx.module_names("tensorflow"))
    return bool(names) and names <= SESSION_SETUP and _uses_keras3(ctx) \
        and not _RUN.search(_COMMENT_LINE.sub("", ctx.text))


def _uses_v1_api(ctx: Context, aliases: set[str]) -> bool:
    """Whether the notebook is TF1 graph code, to be run under tensorflow.compat.v1 with v2 behaviour off."""
    return bool(_v1_names(ctx, aliases)) and not keras_session_setup(ctx)


def graph_code_with_keras(ctx: Context) -> bool:
    """Whether the notebook is TF1 graph code that also builds models with the standalone keras: Keras 3 cannot
    run in graph mode, so its Keras is Keras 2's tf_keras (keras-on-tf-keras), as the TF1 backend once was."""
    return _uses_keras3(ctx) and _uses_v1_api(ctx, ctx.module_names("tensorflow"))


def keras2_served(ctx: Context) -> bool:
    """Whether the notebook runs on Keras 2 (tf_keras): TF1 graph code (tensorflow-v1-api, keras-on-tf-keras,
    tensorflow-legacy-keras serve it), or a notebook that already asks for it. Keras 3's rewrites stand down."""
    legacy = "tf_keras" in ctx.text or "TF_USE_LEGACY_KERAS" in ctx.text
    return legacy or _uses_v1_api(ctx, ctx.module_names("tensorflow"))


def from_compat_v1(node: cst.ImportFrom, names, also: list[str] = ()):
    """``from tensorflow import a, b`` with those of ``names`` (and the ``also`` names, added) imported from
    tensorflow.compat.v1, one line each; None when the statement imports none of them."""
    if node.relative or dotted(node.module) != "tensorflow" or isinstance(node.names, cst.ImportStar):
        return None
    found = [a for a in node.names if dotted(a.name) in names]
    if not found:
        return None
    moved = [("tensorflow.compat.v1", a.evaluated_name, a.evaluated_alias or a.evaluated_name) for a in found]
    moved += [("tensorflow.compat.v1", name, name) for name in also]
    return split_import_from(node, [a for a in node.names if a not in found], moved)


def _statement(code: str) -> cst.SimpleStatementLine:
    return cst.parse_statement(code)  # type: ignore[return-value]


@rule(
    "tensorflow-v1-api",
    library="tensorflow",
    changed_in="tensorflow 2.0 (graph API moved to tf.compat.v1); 2.16 (tf.keras became Keras 3)",
    rationale="TF1 graph code (tf.placeholder, tf.Session, tf.layers, tf.train.*Optimizer, tf.summary.FileWriter, "
    "tf.contrib) "
    "runs unchanged when "
    "tensorflow.compat.v1 is imported as tf with the v2 behaviours off, and Keras 2 (tf_keras) serves tf.layers.",
    needles=("tensorflow",),
    signatures=(
        ("AttributeError", rf"module 'tensorflow' has no attribute '(?:{'|'.join(_V1_ONLY)})'"),
        ("ImportError", rf"cannot import name '(?:{'|'.join(_GRAPH_ONLY)})' from 'tensorflow'"),
        ("AttributeError", r"`\w+` is not available with Keras 3"),
        ("AttributeError", rf"module 'tensorflow\._api\.v2\.summary' has no attribute '(?:{'|'.join(_V1_SUMMARY)})'"),
        ("AttributeError", rf"module '[\w.]*losses' has no attribute '(?:{'|'.join(_V1_LOSSES)})'"),
    ),
    examples=(
        (
            "import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 3])",
            "import os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
            "x = tf.placeholder(tf.float32, [None, 3])",
        ),
        (
            "%pylab inline\nimport tensorflow as tf\nsess = tf.Session()",
            "%pylab inline\nimport os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\n"
            "tf.disable_v2_behavior()\nsess = tf.Session()",
        ),
        (
            "import tensorflow\nopt = tensorflow.train.AdamOptimizer(0.01)",
            "import os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tensorflow\n"
            "tensorflow.disable_v2_behavior()\nopt = tensorflow.train.AdamOptimizer(0.01)",
        ),
        (
            "import tensorflow as tf\nwriter = tf.summary.FileWriter('logs', sess.graph)",
            "import os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
            "writer = tf.summary.FileWriter('logs', sess.graph)",
        ),
        ("import tensorflow as tf\nloss = tf.losses.softmax_cross_entropy(y, logits)",
         "import os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
         "loss = tf.losses.softmax_cross_entropy(y, logits)"),
        ("from tensorflow import Session, constant, placeholder\nx = placeholder('float')",
         "from tensorflow import constant\nfrom tensorflow.compat.v1 import Session\n"
         "from tensorflow.compat.v1 import placeholder\nfrom tensorflow.compat.v1 import disable_v2_behavior\n"
         "disable_v2_behavior()\nx = placeholder('float')"),
        # TF2 code is left alone, and so is a TF2 notebook that only seeds the TF1 way (tensorflow-renamed-api)
        # tf.contrib was TF1's (its pieces are renamed by tensorflow-contrib, under compat.v1)
        ("import tensorflow as tf\ncell = tf.contrib.rnn.GRUCell(8)",
         "import os\n" + LEGACY_KERAS + "\nimport tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n"
         "cell = tf.contrib.rnn.GRUCell(8)"),
        ("import tensorflow as tf\nm = tf.keras.Sequential()", "import tensorflow as tf\nm = tf.keras.Sequential()"),
        ("import tensorflow as tf\n# sess = tf.Session()\nm = tf.keras.Sequential()",
         "import tensorflow as tf\n# sess = tf.Session()\nm = tf.keras.Sequential()"),
        ("import tensorflow as tf\ntf.set_random_seed(1)", "import tensorflow as tf\ntf.set_random_seed(1)"),
    ),
)
class TensorFlowV1(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = ctx.module_names("tensorflow")
        self.wanted = _uses_v1_api(ctx, self.aliases)

    def leave_SimpleStatementLine(self, original, updated):
        if isinstance(original.body[0], cst.ImportFrom):
            return one_statement_per_line(original, updated)  # leave_ImportFrom's split, one per line
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
            lines += [_statement("import os"), _statement(LEGACY_KERAS)]
        lines += [_statement(f"import tensorflow.compat.v1 as {local}"), _statement(f"{local}.disable_v2_behavior()")]
        lines[0] = lines[0].with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel(lines)

    def leave_ImportFrom(self, original, updated):
        """``from tensorflow import Session, constant``: the graph names come from tensorflow.compat.v1, whose
        v2 behaviours are switched off here when no ``import tensorflow`` does it."""
        if not self.wanted:
            return updated
        switch = not self.aliases and "disable_v2_behavior" not in self.ctx.text
        split = from_compat_v1(updated, _GRAPH_ONLY, ["disable_v2_behavior"] if switch else [])
        if split is None:
            return updated
        statements = list(split.nodes) if isinstance(split, cst.FlattenSentinel) else [split]
        if switch:
            statements.append(cst.Expr(cst.parse_expression("disable_v2_behavior()")))
        return cst.FlattenSentinel(statements)


@rule(
    "tensorflow-renamed-api",
    library="tensorflow",
    changed_in="tensorflow 2.0",
    rationale="TF 2 kept these TF1 functions under new names (tf.set_random_seed -> tf.random.set_seed, tf.log -> "
    "tf.math.log, tf.random_normal -> tf.random.normal, ...); in a notebook without TF1 graph code they are renamed, "
    "so it stays an eager TF2/Keras notebook (graph code gets tensorflow-v1-api instead).",
    # The renamed names after a dot, in any cell of a notebook that imports tensorflow (the calls are rarely
    # in the import's cell).
    pattern=rf"\.(?:{'|'.join(_RENAMED)})\b",
    gate=lambda ctx, code: bool(ctx.module_names("tensorflow")),
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


def tensorflow_names(ctx: Context) -> set[str]:
    """Names bound to tensorflow or to its compat.v1 API (both have the functions these rules rewrite)."""
    return ctx.module_names("tensorflow") | {n for n in ctx.aliases.get("tensorflow.compat.v1", ())
                                             if ctx.imported.get(n) == "tensorflow.compat.v1"}


@rule(
    "tensorflow-enable-eager",
    library="tensorflow",
    changed_in="tensorflow 2.0",
    rationale="TF 2 executes eagerly from the start and dropped tf.enable_eager_execution(): the call goes. A "
    "notebook switched to tf.compat.v1 (tensorflow-v1-api) keeps it: compat.v1 has the function.",
    needles=("enable_eager_execution",),
    signatures=(("AttributeError", r"module 'tensorflow' has no attribute 'enable_eager_execution'"),),
    examples=(
        ("import tensorflow as tf\ntf.enable_eager_execution()\nx = tf.constant([1.0])",
         "import tensorflow as tf\nx = tf.constant([1.0])"),
        ("import tensorflow as tf\nif not tf.executing_eagerly():\n    tf.enable_eager_execution()",
         "import tensorflow as tf\nif not tf.executing_eagerly():\n    pass"),
        ("import tensorflow as tf\ntf.enable_eager_execution()\nx = tf.placeholder(tf.float32)",
         "import tensorflow as tf\ntf.enable_eager_execution()\nx = tf.placeholder(tf.float32)"),
    ),
)
class TensorFlowEnableEager(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = ctx.module_names("tensorflow")
        self.wanted = bool(self.aliases) and not _uses_v1_api(ctx, self.aliases)

    def _drops(self, stmt: cst.BaseSmallStatement) -> bool:
        return (isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call)
                and isinstance(stmt.value.func, cst.Attribute) and stmt.value.func.attr.value == "enable_eager_execution"
                and isinstance(stmt.value.func.value, cst.Name) and stmt.value.func.value.value in self.aliases)

    def leave_SimpleStatementLine(self, original, updated):
        return keep_statements(updated, [s for s in updated.body if not self._drops(s)]) if self.wanted else updated

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


_REDUCTIONS = {"reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_all", "reduce_any",
               "reduce_logsumexp", "count_nonzero", "norm", "moments"}


@rule(
    "tensorflow-reduce-keywords",
    library="tensorflow",
    changed_in="tensorflow 2.0",
    rationale="TF 2's reductions (tf.reduce_sum, reduce_mean, ..., tf.norm, tf.nn.moments) take keepdims= and "
    "axis=; the TF1 spellings keep_dims= and reduction_indices= are renamed (compat.v1 accepts both).",
    needles=("keep_dims", "reduction_indices"),
    signatures=(("TypeError", r"unexpected keyword argument '(keep_dims|reduction_indices)'"),),
    examples=(
        ("import tensorflow as tf\ns = tf.reduce_sum(x, reduction_indices=[1], keep_dims=True)\n"
         "m, v = tf.nn.moments(x, axes=[0], keep_dims=True)",
         "import tensorflow as tf\ns = tf.reduce_sum(x, axis=[1], keepdims=True)\n"
         "m, v = tf.nn.moments(x, axes=[0], keepdims=True)"),
        ("import tensorflow as tf\nn = tf.math.reduce_mean(x, reduction_indices=0)",
         "import tensorflow as tf\nn = tf.math.reduce_mean(x, axis=0)"),
        ("s = np.sum(x, keep_dims=True)", "s = np.sum(x, keep_dims=True)"),
    ),
)
class TensorFlowReduceKeywords(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = tensorflow_names(ctx)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _REDUCTIONS:
            return updated
        owner = dotted(func.value) or ""
        head, _, rest = owner.partition(".")
        if head not in self.aliases or rest not in ("", "math", "nn", "linalg"):
            return updated
        return rename_kwarg(rename_kwarg(updated, "keep_dims", "keepdims"), "reduction_indices", "axis")


_ITERATORS = ("make_one_shot_iterator", "make_initializable_iterator")


@rule(
    "tensorflow-dataset-iterators",
    library="tensorflow",
    changed_in="tensorflow 2.0",
    rationale="TF 2's Dataset has no make_one_shot_iterator() / make_initializable_iterator() methods; "
    "tf.compat.v1.data has them as functions of the dataset, which work eagerly and in graph mode.",
    needles=_ITERATORS,
    gate=lambda ctx, code: bool(tensorflow_names(ctx)),
    signatures=(("AttributeError", r"object has no attribute '(make_one_shot_iterator|make_initializable_iterator)'"),),
    examples=(
        ("import tensorflow as tf\nds = tf.data.Dataset.from_tensor_slices(x).batch(32)\n"
         "batch = ds.make_one_shot_iterator().get_next()",
         "import tensorflow as tf\nds = tf.data.Dataset.from_tensor_slices(x).batch(32)\n"
         "batch = tf.compat.v1.data.make_one_shot_iterator(ds).get_next()"),
        ("import tensorflow as tf\nit = tf.data.Dataset.range(4).make_initializable_iterator()",
         "import tensorflow as tf\nit = tf.compat.v1.data.make_initializable_iterator(tf.data.Dataset.range(4))"),
    ),
)
class TensorFlowDatasetIterators(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        names = tensorflow_names(ctx)
        self.tf = "tf" if "tf" in names else min(names, default="tf")

    def leave_Call(self, original, updated):
        func = updated.func
        if updated.args or not isinstance(func, cst.Attribute) or func.attr.value not in _ITERATORS:
            return updated
        if dotted(func.value) in (f"{self.tf}.compat.v1.data", f"{self.tf}.data"):
            return updated
        return cst.Call(cst.parse_expression(f"{self.tf}.compat.v1.data.{func.attr.value}"),
                        [cst.Arg(func.value)])


def _axis_literal(node: cst.BaseExpression) -> bool:
    """An integer written out (``0``, ``-1``): the concat axis of TF < 1.0's argument order."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer)


@rule(
    "tensorflow-concat-order",
    library="tensorflow",
    changed_in="tensorflow 1.0",
    rationale="tf.concat(concat_dim, values) became tf.concat(values, axis); a first argument that is an integer "
    "literal can only be the old axis (values of rank 0 cannot be concatenated), so the two are swapped, and "
    "concat_dim= becomes axis=.",
    pattern=r"concat\(\s*(?:-\s*)?\d|concat_dim",
    signatures=(("ValueError", r"must have rank 0|Shape must be rank 0"),),
    examples=(
        ("import tensorflow as tf\nh = tf.concat(1, [a, b])\ng = tf.concat(-1, parts, name='joined')",
         "import tensorflow as tf\nh = tf.concat([a, b], 1)\ng = tf.concat(parts, -1, name='joined')"),
        ("import tensorflow as tf\nh = tf.concat(concat_dim=0, values=[a, b])",
         "import tensorflow as tf\nh = tf.concat(axis=0, values=[a, b])"),
        ("import tensorflow as tf\nh = tf.concat([a, b], 0)\nd = pd.concat(1, x)",
         "import tensorflow as tf\nh = tf.concat([a, b], 0)\nd = pd.concat(1, x)"),
    ),
)
class TensorFlowConcatOrder(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = tensorflow_names(ctx)

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "concat" and isinstance(func.value, cst.Name)
                and func.value.value in self.aliases):
            return updated
        args = list(updated.args)
        if len(args) >= 2 and args[0].keyword is None and args[1].keyword is None and not args[0].star \
                and not args[1].star and _axis_literal(args[0].value):
            first, second = args[0], args[1]
            args[0] = second.with_changes(comma=first.comma)
            args[1] = first.with_changes(comma=second.comma)
            return updated.with_changes(args=args)
        return rename_kwarg(updated, "concat_dim", "axis")
