"""TensorFlow 1's ``tf.contrib`` under TensorFlow 2.

TF 2.0 removed ``tf.contrib``. TensorFlow's upgrade script (tf_upgrade_v2) gave the
pieces that kept a home their new names: the RNN cells live in ``nn.rnn_cell``,
``contrib.data`` in ``data.experimental``, the nest utilities in ``nest``,
``contrib.keras`` is ``keras``. The contrib layer functions have graph-mode successors
in ``tf.compat.v1.layers`` (tf_keras serves them; tensorflow-v1-api selects it) with
other argument names and other defaults: ``fully_connected`` and ``conv2d`` apply ReLU
unless told otherwise and ``conv2d`` pads 'SAME', where ``dense`` and ``conv2d`` of
``tf.layers`` apply nothing and pad 'valid', so the old defaults are written out. The
initializers and regularizers map onto TF1's own with the same numbers
(``l2_regularizer(s)`` adds ``s * sum(w**2) / 2``, Keras' ``l2(s / 2)`` the same).

Every new name is written through ``<tf>.compat.v1``, which is the same object whether
the notebook's ``tf`` is tensorflow or, after tensorflow-v1-api, tensorflow.compat.v1.
contrib.learn, slim and the rest without a successor are left for the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from .framework import (
    bool_value,
    code_of,
    dotted,
    make_arg,
    one_statement_per_line,
    pass_if_empty,
    rule,
    split_import_from,
    string_value,
)
from .python3_rules import Importing

_CONTRIB = "tensorflow.contrib."
_CELLS = ("RNNCell", "BasicLSTMCell", "BasicRNNCell", "GRUCell", "LSTMCell", "MultiRNNCell", "DropoutWrapper",
          "ResidualWrapper", "DeviceWrapper", "LSTMStateTuple")
# contrib.data's functions that TF 2 keeps in tf.data.experimental (checked against tensorflow 2.21's compat.v1)
_DATA = ("AUTOTUNE", "Counter", "CsvDataset", "Optional", "RandomDataset", "Reducer", "SqlDataset", "TFRecordWriter",
         "bucket_by_sequence_length", "choose_from_datasets", "copy_to_device", "dense_to_sparse_batch",
         "enumerate_dataset", "get_next_as_optional", "get_single_element", "group_by_reducer", "group_by_window",
         "ignore_errors", "make_batched_features_dataset", "make_csv_dataset", "make_saveable_from_iterator",
         "map_and_batch", "parallel_interleave", "parse_example_dataset", "prefetch_to_device", "rejection_resample",
         "sample_from_datasets", "scan", "shuffle_and_repeat", "unbatch", "unique")
# A name after "tensorflow.contrib." -> its path under tensorflow.compat.v1, where calls take the same arguments.
MOVED: dict[str, str] = {
    **{f"rnn.{cell}": f"nn.rnn_cell.{cell}" for cell in _CELLS},
    **{f"rnn.{f}": f"nn.{f}" for f in ("static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn")},
    **{f"data.{name}": f"data.experimental.{name}" for name in _DATA},
    **{f"framework.nest.{f}": f"nest.{f}" for f in ("assert_same_structure", "flatten", "map_structure",
                                                     "pack_sequence_as")},
    "framework.nest.is_sequence": "nest.is_nested",
    "framework.is_tensor": "is_tensor",
    "framework.sort": "sort",
    "framework.argsort": "argsort",
    "util.constant_value": "get_static_value",
    "training.checkpoints_iterator": "train.checkpoints_iterator",
    "layers.recompute_grad": "recompute_grad",
}
_WHOLE = ("keras",)  # modules that moved whole: tf.contrib.keras.layers.Dense is tf.compat.v1.keras.layers.Dense
_RELU = "{tf}.compat.v1.nn.relu"
_WEIGHTS = {"weights_initializer": "kernel_initializer", "weights_regularizer": "kernel_regularizer",
            "biases_initializer": "bias_initializer", "biases_regularizer": "bias_regularizer", "scope": "name"}
_NO_SUCCESSOR = frozenset({"normalizer_fn", "normalizer_params", "variables_collections", "outputs_collections",
                           "data_format"})


@dataclass(frozen=True)
class Call:
    """A contrib function whose successor under tensorflow.compat.v1 takes other arguments."""

    new: str  # path under tensorflow.compat.v1
    params: tuple[str, ...]  # the old function's parameters in order (positional arguments become keywords)
    keep: int = 1  # leading positional arguments that mean the same in the new function and stay positional
    renamed: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # new keyword -> the old default, written when not given
    dropped: frozenset[str] = frozenset({"scope"})  # old keywords that only named a scope: left out
    # old keyword -> (new keyword, offset, factor): the new value is offset + factor * old
    converted: dict[str, tuple[str, float, float]] = field(default_factory=dict)


_POOL = ("inputs", "kernel_size", "stride", "padding", "data_format", "outputs_collections", "scope")
_CONV = ("inputs", "num_outputs", "kernel_size", "stride", "padding", "data_format", "rate", "activation_fn",
         "normalizer_fn", "normalizer_params", "weights_initializer", "weights_regularizer", "biases_initializer",
         "biases_regularizer", "reuse", "variables_collections", "outputs_collections", "trainable", "scope")
CALLS: dict[str, Call] = {
    "layers.fully_connected": Call(
        "layers.dense", ("inputs", "num_outputs", "activation_fn", "normalizer_fn", "normalizer_params",
                         "weights_initializer", "weights_regularizer", "biases_initializer", "biases_regularizer",
                         "reuse", "variables_collections", "outputs_collections", "trainable", "scope"),
        keep=2, renamed={"num_outputs": "units", "activation_fn": "activation", **_WEIGHTS},
        defaults={"activation": _RELU}, dropped=frozenset()),
    **{f"layers.{old}": Call(
        "layers.conv2d", _CONV, keep=3,
        renamed={"num_outputs": "filters", "stride": "strides", "rate": "dilation_rate", "activation_fn": "activation",
                 **_WEIGHTS},
        defaults={"padding": "'same'", "activation": _RELU}, dropped=frozenset()) for old in ("conv2d", "convolution2d")},
    "layers.max_pool2d": Call("layers.max_pooling2d", _POOL, keep=2,
                              renamed={"kernel_size": "pool_size", "stride": "strides"}, defaults={"strides": "2"}),
    "layers.avg_pool2d": Call("layers.average_pooling2d", _POOL, keep=2,
                              renamed={"kernel_size": "pool_size", "stride": "strides"}, defaults={"strides": "2"}),
    "layers.flatten": Call("layers.flatten", ("inputs", "outputs_collections", "scope")),
    "layers.dropout": Call("layers.dropout", ("inputs", "keep_prob", "noise_shape", "is_training",
                                              "outputs_collections", "scope", "seed"),
                           renamed={"is_training": "training"}, defaults={"training": "True"},
                           converted={"keep_prob": ("rate", 1.0, -1.0)}),
    "layers.l2_regularizer": Call("keras.regularizers.l2", ("scale", "scope"), keep=0,
                                  converted={"scale": ("l2", 0.0, 0.5)}),
    "layers.l1_regularizer": Call("keras.regularizers.l1", ("scale", "scope"), keep=0, renamed={"scale": "l1"}),
}
# contrib's initializers and their parameters: which TF1 initializer each becomes depends on the values given
_INITIALIZERS: dict[str, tuple[str, ...]] = {
    "layers.xavier_initializer": ("uniform", "seed", "dtype"),
    "layers.xavier_initializer_conv2d": ("uniform", "seed", "dtype"),
    "layers.variance_scaling_initializer": ("factor", "mode", "uniform", "seed", "dtype"),
}


def _contrib_path(full: str | None) -> str | None:
    return full[len(_CONTRIB):] if full and full.startswith(_CONTRIB) else None


def _linear(offset: float, factor: float, value: cst.BaseExpression) -> cst.BaseExpression:
    """``offset + factor * value``, worked out when the value is a number (keep_prob=0.8 is rate=0.2)."""
    if isinstance(value, (cst.Integer, cst.Float)):
        return cst.parse_expression(repr(round(offset + factor * float(value.evaluated_value), 12)))
    text = code_of(value)
    if not isinstance(value, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        text = f"({text})"
    if offset:
        return cst.parse_expression(f"{offset:g} - {text}" if factor == -1 else f"{offset:g} + {factor:g} * {text}")
    return cst.parse_expression(f"{factor:g} * {text}")


def _by_name(call: cst.Call, params: tuple[str, ...]) -> dict[str, cst.BaseExpression] | None:
    """Every argument of ``call`` by its parameter's name; None for ``*args``, ``**kwargs`` or too many."""
    named: dict[str, cst.BaseExpression] = {}
    places = iter(params)
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None:
            name = next(places, None)
            if name is None:
                return None
            named[name] = arg.value
        else:
            named[arg.keyword.value] = arg.value
    return named


def _initializer(path: str, args: dict[str, cst.BaseExpression]) -> tuple[str, dict] | None:
    """xavier_initializer(uniform, seed, dtype) is TF1's Glorot initializer (uniform, or truncated normal);
    variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False) is TF1's variance_scaling_initializer."""
    glorot = not path.endswith("variance_scaling_initializer")
    uniform = bool_value(args.pop("uniform")) if "uniform" in args else glorot
    if uniform is None:
        return None
    if glorot:
        return ("glorot_uniform_initializer" if uniform else "glorot_normal_initializer"), args
    mode = string_value(args.pop("mode")) if "mode" in args else "FAN_IN"
    if mode is None:
        return None
    factor = args.pop("factor", cst.Float("2.0"))
    new = {"scale": factor, "mode": cst.SimpleString(repr(mode.lower())),
           "distribution": cst.SimpleString(repr("uniform" if uniform else "truncated_normal")), **args}
    return "variance_scaling_initializer", new


def _arguments(positional: list[cst.BaseExpression], keywords: dict[str, cst.BaseExpression]) -> list[cst.Arg]:
    args = [cst.Arg(value) for value in positional] + [make_arg(name, value) for name, value in keywords.items()]
    spaced = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=spaced) for a in args[:-1]] + args[-1:]


_last_uses: tuple = (None, False, None)  # the last notebook context read: does it say contrib, its _uses pattern


def _may_use(ctx, code: str) -> bool:
    """Whether ``code`` may name contrib: it says "contrib", or names what a cell imported from contrib
    (``from tensorflow.contrib import rnn`` in one cell, ``rnn.GRUCell`` in the next)."""
    global _last_uses
    if _last_uses[0] is not ctx:
        names = sorted(local for local, full in ctx.imported.items() if _contrib_path(full) is not None)
        uses = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
        _last_uses = (ctx, "contrib" in ctx.text, uses)
    _, anywhere, uses = _last_uses
    return anywhere and ("contrib" in code or uses is not None and uses.search(code) is not None)


def _has_successor(path: str) -> bool:
    """Whether the rule rewrites ``path`` (a contrib name), or some name inside it (a contrib module)."""
    known = (*MOVED, *CALLS, *_INITIALIZERS)
    return path in known or path.split(".")[0] in _WHOLE or any(key.startswith(path + ".") for key in known)


@rule(
    "tensorflow-contrib",
    library="tensorflow",
    changed_in="tensorflow 2.0 (tf.contrib removed)",
    rationale="tf.contrib's pieces with a TF 2 home take their new names (tf_upgrade_v2's): RNN cells from "
    "tf.compat.v1.nn.rnn_cell, contrib.data from tf.data.experimental, contrib.keras as tf.keras; contrib's layer "
    "functions, initializers and regularizers become tf.compat.v1's, with the old defaults written out (ReLU, "
    "'SAME' padding, keep_prob as rate).",
    gate=lambda ctx, code: _may_use(ctx, code),
    signatures=(
        ("AttributeError", r"module 'tensorflow[\w.]*' has no attribute 'contrib'"),
        ("ModuleNotFoundError", r"No module named 'tensorflow\.contrib"),
    ),
    examples=(
        ("import tensorflow as tf\ncell = tf.contrib.rnn.BasicLSTMCell(64)\n"
         "cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=0.5)",
         "import tensorflow as tf\ncell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(64)\n"
         "cell = tf.compat.v1.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=0.5)"),
        ("import tensorflow as tf\nh = tf.contrib.layers.fully_connected(x, 10)\n"
         "out = tf.contrib.layers.fully_connected(h, 2, activation_fn=None, scope='out')",
         "import tensorflow as tf\nh = tf.compat.v1.layers.dense(x, 10, activation=tf.compat.v1.nn.relu)\n"
         "out = tf.compat.v1.layers.dense(h, 2, activation=None, name='out')"),
        ("import tensorflow as tf\nc = tf.contrib.layers.conv2d(x, 32, 3, 2)\np = tf.contrib.layers.max_pool2d(c, 2)\n"
         "d = tf.contrib.layers.dropout(p, 0.8, is_training=train)",
         "import tensorflow as tf\nc = tf.compat.v1.layers.conv2d(x, 32, 3, strides=2, padding='same', "
         "activation=tf.compat.v1.nn.relu)\np = tf.compat.v1.layers.max_pooling2d(c, 2, strides=2)\n"
         "d = tf.compat.v1.layers.dropout(p, rate=0.2, training=train)"),
        ("import tensorflow as tf\nw = tf.get_variable('w', [3, 3], initializer=tf.contrib.layers.xavier_initializer(),"
         "\n                    regularizer=tf.contrib.layers.l2_regularizer(scale=beta))",
         "import tensorflow as tf\nw = tf.get_variable('w', [3, 3], initializer=tf.compat.v1.glorot_uniform_initializer(),"
         "\n                    regularizer=tf.compat.v1.keras.regularizers.l2(l2=0.5 * beta))"),
        ("import tensorflow as tf\nfrom tensorflow.contrib import rnn\ncells = rnn.MultiRNNCell([rnn.GRUCell(8)])\n"
         "out, state = rnn.static_rnn(cells, xs, dtype=tf.float32)",
         "import tensorflow as tf\ncells = tf.compat.v1.nn.rnn_cell.MultiRNNCell([tf.compat.v1.nn.rnn_cell.GRUCell(8)])\n"
         "out, state = tf.compat.v1.nn.static_rnn(cells, xs, dtype=tf.float32)"),
        ("from tensorflow.contrib.rnn import LSTMCell\nfrom tensorflow.contrib.layers import fully_connected\n"
         "y = fully_connected(x, 1, activation_fn=tf.sigmoid)",
         "import tensorflow\nLSTMCell = tensorflow.compat.v1.nn.rnn_cell.LSTMCell\n"
         "y = tensorflow.compat.v1.layers.dense(x, 1, activation=tf.sigmoid)"),
        ("import tensorflow as tf\nds = ds.apply(tf.contrib.data.shuffle_and_repeat(1000))\n"
         "model = tf.contrib.keras.models.Sequential()",
         "import tensorflow as tf\nds = ds.apply(tf.compat.v1.data.experimental.shuffle_and_repeat(1000))\n"
         "model = tf.compat.v1.keras.models.Sequential()"),
        # no successor: contrib.learn, a layer with a normalizer function
        ("import tensorflow.contrib.learn as skflow\nimport tensorflow as tf\n"
         "y = tf.contrib.layers.fully_connected(x, 8, normalizer_fn=tf.contrib.layers.batch_norm)",
         "import tensorflow.contrib.learn as skflow\nimport tensorflow as tf\n"
         "y = tf.contrib.layers.fully_connected(x, 8, normalizer_fn=tf.contrib.layers.batch_norm)"),
    ),
)
class TensorFlowContrib(Importing):
    def _path(self, node: cst.BaseExpression) -> str | None:
        """The contrib path an expression names (``tf.contrib.rnn.GRUCell``, ``rnn.GRUCell`` after ``from
        tensorflow.contrib import rnn``) -> "rnn.GRUCell"; None for anything else."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        return _contrib_path(".".join(filter(None, [self.ctx.imported.get(head, head), rest])))

    def _v1(self, path: str) -> cst.BaseExpression:
        return cst.parse_expression(f"{self.need('tensorflow')}.compat.v1.{path}")

    def leave_Attribute(self, original, updated):
        path = self._path(updated)
        if path is None:
            return updated
        if path in MOVED:
            return self._v1(MOVED[path])
        whole = path.split(".")[0]
        if whole in _WHOLE and "." in path:
            return self._v1(path)
        return updated

    def leave_Call(self, original, updated):
        path = self._path(updated.func)
        if path is None:
            return updated
        if path in _INITIALIZERS:
            args = _by_name(updated, _INITIALIZERS[path])
            found = _initializer(path, args) if args is not None else None
            if found is None:
                return updated
            return updated.with_changes(func=self._v1(found[0]), args=_arguments([], found[1]))
        spec = CALLS.get(path)
        args = _by_name(updated, spec.params) if spec else None
        if spec is None or args is None or not set(args) <= set(spec.params) or set(args) & (_NO_SUCCESSOR - spec.dropped):
            return updated
        positional = [args.pop(name) for name in spec.params[:spec.keep] if name in args]
        keywords: dict[str, cst.BaseExpression] = {}
        for name, value in args.items():
            if name in spec.dropped:
                continue
            if name in spec.converted:
                new, offset, factor = spec.converted[name]
                keywords[new] = _linear(offset, factor, value)
            else:
                keywords[spec.renamed.get(name, name)] = value
        kept = {spec.renamed.get(name, name) for name in spec.params[:len(positional)]}
        for name, value in spec.defaults.items():
            if name not in keywords and name not in kept:
                keywords[name] = cst.parse_expression(value.format(tf=self.need("tensorflow")))
        return updated.with_changes(func=self._v1(spec.new), args=_arguments(positional, keywords))

    def _successor_import(self, alias: cst.ImportAlias, module: str) -> cst.BaseSmallStatement | None | bool:
        """For a name imported from contrib: an assignment of its successor (a moved name), False to drop
        it (a module or function whose uses are rewritten), None to keep it (no successor)."""
        path = _contrib_path(f"{module}.{alias.evaluated_name}" if module else alias.evaluated_name)
        if path is None or not _has_successor(path):
            return None
        local = alias.evaluated_alias or alias.evaluated_name
        if path in MOVED and module:
            return cst.parse_statement(f"{local} = {self.need('tensorflow')}.compat.v1.{MOVED[path]}").body[0]
        return False

    def leave_ImportFrom(self, original, updated):
        if updated.relative or isinstance(updated.names, cst.ImportStar):
            return updated
        module = dotted(updated.module) or ""
        if not (module + ".").startswith(_CONTRIB):
            return updated
        kept, assigned = [], []
        for alias in updated.names:
            found = self._successor_import(alias, module)
            if found is None:
                kept.append(alias)
            elif found is not False:
                assigned.append(found)
        if len(kept) == len(updated.names):
            return updated
        statements = [split_import_from(updated, kept, []), *assigned] if kept else assigned
        if not statements:
            return cst.RemoveFromParent()
        return cst.FlattenSentinel(statements) if len(statements) > 1 else statements[0]

    def leave_Import(self, original, updated):
        """``import tensorflow.contrib.rnn as rnn``: its uses are rewritten, the import goes."""
        kept = [a for a in updated.names if not (a.asname and self._successor_import(a, "") is False)]
        if len(kept) == len(updated.names):
            return updated
        if not kept:
            return cst.RemoveFromParent()
        return updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated) if updated.body else cst.RemoveFromParent()

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)
