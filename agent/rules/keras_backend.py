"""Keras 2's ``keras.backend`` functions that Keras 3 removed, where keras.ops or TensorFlow does the same thing.

Keras 3's ``keras.backend`` kept only its configuration functions (``epsilon``, ``floatx``,
``image_data_format``, ``clear_session``): the tensor functions of Keras 2's backend live in
``keras.ops``, some under another name or with another default axis. ``tf.keras.backend`` still has
the old functions (TensorFlow's legacy copy), so only the standalone ``keras.backend`` is rewritten, but for
``set_value``, whose legacy copy no longer takes Keras 3's variables (``v.assign(x)`` serves both).
``K.tf`` was the tensorflow module itself, and ``K.set_session`` set a session Keras 3 no longer has.
The other Keras 2 names Keras 3 removed are in keras_removed.py.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import Context, RuleTransformer, arg_list, code_of, dotted, kwarg, make_arg, parenthesized, rule
from .keras_removed import _arguments, _Dropping
from .tensorflow_rules import _uses_v1_api, graph_code_with_keras, keras2_served

# --------------------------------------------------------------------------- keras.backend names


def backend_names(ctx: Context) -> set[str]:
    """Local names bound to the standalone ``keras.backend`` (``from keras import backend as K``)."""
    return {n for n in ctx.aliases.get("keras.backend", ()) if ctx.imported.get(n) == "keras.backend"}


def tf_backend_names(ctx: Context) -> set[str]:
    """Local names bound to ``tensorflow.keras.backend`` (``from tensorflow.keras import backend as K``)."""
    return {n for n in ctx.aliases.get("tensorflow.keras.backend", ())
            if ctx.imported.get(n) == "tensorflow.keras.backend"}


def _is_tf_backend(node: cst.BaseExpression, ctx: Context) -> bool:
    """tf.keras.backend: its set_value no longer takes Keras 3's variables (an optimizer's learning rate)."""
    if isinstance(node, cst.Name):
        return node.value in tf_backend_names(ctx)
    head, _, tail = (dotted(node) or "").partition(".")
    return tail == "keras.backend" and (head in ctx.module_names("tensorflow") or head == "tensorflow")


def _is_backend(node: cst.BaseExpression, ctx: Context, names: set[str]) -> bool:
    """``K`` (bound to keras.backend) or ``keras.backend`` with ``import keras``."""
    if isinstance(node, cst.Name):
        return node.value in names
    return dotted(node) == "keras.backend" and "keras" in ctx.module_names("keras")


def _insert_before_use(body: list, statement: str, word: str, after: set[str] = frozenset()) -> list:
    """``body`` with ``statement`` inserted right after the import that binds one of ``after`` in this cell,
    else before the first statement that reads ``word``; unchanged when the cell already has that line."""
    code = [code_of(s) for s in body]
    if any(line.strip() == statement for c in code for line in c.splitlines()):
        return body
    use = next((i for i, c in enumerate(code) if re.search(rf"\b{re.escape(word)}\b", c)
                and not re.match(r"(import|from)\s", c.lstrip())), 0)
    binds = re.compile(rf"\s*(from\s+\S+\s+)?import\b.*\b(?:{'|'.join(map(re.escape, sorted(after)))})\b")
    at = next((i + 1 for i, c in enumerate(code[:use]) if after and binds.match(c)), None)
    new = cst.parse_statement(statement + "\n")
    body = list(body)
    if at is None and use < len(body):  # the new line takes the blank lines and comments above the use
        new = new.with_changes(leading_lines=body[use].leading_lines)
        body[use] = body[use].with_changes(leading_lines=[])
    at = use if at is None else at
    body[at:at] = [new]
    return body


def _call_of(stmt: cst.BaseSmallStatement) -> cst.Call | None:
    """The call a statement consists of (``f(x)`` on its own line)."""
    return stmt.value if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call) else None


def _given(call: cst.Call, params: tuple[str, ...], name: str) -> bool:
    """Whether ``name`` (one of ``params``) is passed, by position or keyword."""
    positional = sum(a.keyword is None for a in call.args)
    return positional > params.index(name) or kwarg(call, name) is not None


# --------------------------------------------------------------------------- keras.backend -> keras.ops

_REDUCE = ("x", "axis", "keepdims")
_ONE = ("x",)
_TWO = ("x", "y")
_TO_X12 = {"x": "x1", "y": "x2"}
# old name -> (keras.ops name, the old parameters in order, keyword renames, (parameter, value) to write
# when the call leaves it to an old default that keras.ops does not share)
_OPS: dict[str, tuple[str, tuple[str, ...], dict[str, str], tuple[str, str] | None]] = {
    **{n: (n, _REDUCE, {}, None) for n in ("mean", "sum", "max", "min", "prod", "std", "var", "any", "all")},
    **{n: (n, _ONE, {}, None) for n in ("square", "abs", "exp", "log", "sign", "cos", "sin", "tanh", "sigmoid",
                                        "softplus", "softsign", "round", "transpose")},
    **{n: (n, _TWO, _TO_X12, None) for n in ("maximum", "minimum", "equal", "not_equal", "greater",
                                             "greater_equal", "less", "less_equal")},
    "pow": ("power", ("x", "a"), {"x": "x1", "a": "x2"}, None),
    "clip": ("clip", ("x", "min_value", "max_value"), {"min_value": "x_min", "max_value": "x_max"}, None),
    "cast": ("cast", ("x", "dtype"), {}, None),
    "reshape": ("reshape", ("x", "shape"), {"shape": "newshape"}, None),
    "concatenate": ("concatenate", ("tensors", "axis"), {"tensors": "xs"}, ("axis", "-1")),
    "argmax": ("argmax", ("x", "axis"), {}, ("axis", "-1")),
    "argmin": ("argmin", ("x", "axis"), {}, ("axis", "-1")),
    "expand_dims": ("expand_dims", ("x", "axis"), {}, ("axis", "-1")),
    "squeeze": ("squeeze", ("x", "axis"), {}, None),
    "stack": ("stack", ("x", "axis"), {}, None),
    "permute_dimensions": ("transpose", ("x", "pattern"), {"pattern": "axes"}, None),
    "one_hot": ("one_hot", ("indices", "num_classes"), {"indices": "x"}, None),
    "tile": ("tile", ("x", "n"), {"n": "repeats"}, None),
    "softmax": ("softmax", ("x", "axis"), {}, None),
    "cumsum": ("cumsum", ("x", "axis"), {}, ("axis", "0")),
    "cumprod": ("cumprod", ("x", "axis"), {}, ("axis", "0")),
    "sqrt": ("sqrt", _ONE, {}, None),
    **{n: (n, ("target", "output", "from_logits"), {}, None)
       for n in ("binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy")},
    **{n: (n, ("x", "dtype"), {}, None) for n in ("zeros_like", "ones_like")},
    "relu": ("relu", _ONE, {}, None),  # alpha=, max_value= have no keras.ops counterpart: such calls are left
    "elu": ("elu", ("x", "alpha"), {}, None),
    "stop_gradient": ("stop_gradient", ("variables",), {"variables": "variable"}, None),
    "gather": ("take", ("reference", "indices"), {"reference": "x"}, ("axis", "0")),
    "repeat_elements": ("repeat", ("x", "rep", "axis"), {"rep": "repeats"}, None),
    "ndim": ("ndim", _ONE, {}, None),
}
# the backend functions keras.ops has no one function for: the expression that computes the same value
# ({x}: the one argument; {ops}: the notebook's name for keras.ops)
_EXPRESSIONS = {
    "flatten": "{ops}.reshape({x}, (-1,))",
    "int_shape": "tuple({x}.shape)",  # a tuple of ints (None where unknown), as int_shape gave
    "eval": "{ops}.convert_to_numpy({x})",
    "get_value": "{ops}.convert_to_numpy({x})",
}
_NON_NEGATIVE = {"square", "abs", "exp", "sqrt", "softplus", "sigmoid"}  # ops whose result is >= 0
_KEEPS_SIGN = {"mean", "sum", "max", "min"}  # of non-negative values: non-negative
# the random draws are keras.random's, with the same parameters; a Bernoulli draw (random_binomial, which
# tf.keras named random_bernoulli) is keras.random.binomial of one trial
_RANDOM = {"random_normal": ("normal", ("shape", "mean", "stddev", "dtype", "seed")),
           "random_uniform": ("uniform", ("shape", "minval", "maxval", "dtype", "seed")),
           "truncated_normal": ("truncated_normal", ("shape", "mean", "stddev", "dtype", "seed")),
           "random_binomial": ("binomial", ("shape", "p", "dtype", "seed")),
           "random_bernoulli": ("binomial", ("shape", "p", "dtype", "seed"))}
_BACKEND_NAMES = (*_OPS, *_EXPRESSIONS, *_RANDOM, "set_value")


def _ops_name(ctx: Context) -> str:
    """``ops``, unless the notebook uses that name for something else than keras.ops."""
    taken = ctx.imported.get("ops", "keras.ops") != "keras.ops" or re.search(
        r"^\s*(?:ops\s*=|def\s+ops\b|class\s+ops\b|for\s+ops\b)", ctx.text, re.MULTILINE)
    return "keras_ops" if taken else "ops"


def _backend_gate(ctx: Context, code: str) -> bool:
    if graph_code_with_keras(ctx):
        return False  # Keras 2's backend (tf_keras) keeps the functions
    names = backend_names(ctx) | tf_backend_names(ctx)
    if not names and "keras.backend." not in code:
        return False
    heads = "|".join(map(re.escape, sorted(names | {"keras.backend"})))
    return re.search(rf"\b(?:{heads})\.(?:{'|'.join(_BACKEND_NAMES)})\s*\(", code) is not None


@rule(
    "keras-backend-math",
    library="keras",
    changed_in="keras 3.0",
    rationale="Keras 3's keras.backend kept only its settings (epsilon, floatx, image_data_format, clear_session); "
    "the tensor functions are keras.ops': K.mean/sum/square/clip/... call them, with the parameters renamed "
    "where keras.ops names them otherwise (K.pow -> ops.power, K.permute_dimensions -> ops.transpose), the old "
    "default axis written where it differs (concatenate, argmax, expand_dims, cumsum: -1 or 0), and K.sqrt's "
    "clamp of negatives to 0 kept unless the argument cannot be negative; K.flatten is ops.reshape(x, (-1,)), "
    "K.int_shape the shape as a tuple, K.eval/K.get_value ops.convert_to_numpy, K.set_value(v, x) v.assign(x). "
    "K.random_normal/random_uniform/truncated_normal are keras.random's, K.random_binomial(shape, p) "
    "keras.random.binomial of one trial. tf.keras.backend still has them (random_binomial as random_bernoulli).",
    needles=tuple(f".{n}(" for n in _BACKEND_NAMES),
    gate=_backend_gate,
    signatures=(("AttributeError",
                 rf"module 'keras(\.src)?\.backend' has no attribute '(?:{'|'.join(_BACKEND_NAMES)})'"),),
    examples=(
        (
            "from keras import backend as K\n\ndef rmse(y_true, y_pred):\n"
            "    return K.sqrt(K.mean(K.square(y_pred - y_true), axis=-1))",
            "from keras import backend as K\nfrom keras import ops\n\ndef rmse(y_true, y_pred):\n"
            "    return ops.sqrt(ops.mean(ops.square(y_pred - y_true), axis=-1))",
        ),
        (
            "import keras.backend as K\ny = K.clip(p, K.epsilon(), 1 - K.epsilon())\nz = K.sqrt(y - 0.5)\n"
            "c = K.concatenate([a, b])\nk = K.argmax(p)\nq = K.pow(p, 2)",
            "import keras.backend as K\nfrom keras import ops\ny = ops.clip(p, K.epsilon(), 1 - K.epsilon())\n"
            "z = ops.sqrt(ops.maximum(y - 0.5, 0.0))\nc = ops.concatenate([a, b], axis=-1)\n"
            "k = ops.argmax(p, axis=-1)\nq = ops.power(p, 2)",
        ),
        (
            "import keras\nm = keras.backend.mean(x, axis=1)",
            "import keras\nm = keras.ops.mean(x, axis=1)",
        ),
        (
            "from keras import backend as K\ndef noisy(x):\n    n = K.random_normal((4, 2), 0.0, 0.1)\n"
            "    return x * K.random_binomial((4, 2), p=0.8, seed=1) + n",
            "from keras import backend as K\nimport keras\ndef noisy(x):\n    n = keras.random.normal((4, 2), 0.0, 0.1)\n"
            "    return x * keras.random.binomial((4, 2), counts=1, probabilities=0.8, seed=1) + n",
        ),
        ("import tensorflow as tf\nm = tf.keras.backend.random_binomial((2, 2), 0.5)",
         "import tensorflow as tf\nm = tf.keras.backend.random_bernoulli((2, 2), 0.5)"),
        # tf.keras.backend keeps the old functions, numpy's are not Keras', a function K.clip cannot map is left
        (
            "from tensorflow.keras import backend as K\nm = K.mean(x)\nn = np.mean(x)",
            "from tensorflow.keras import backend as K\nm = K.mean(x)\nn = np.mean(x)",
        ),
        ("from keras import backend as K\nc = K.clip(x, None, 1.0)", "from keras import backend as K\nc = K.clip(x, None, 1.0)"),
        (
            "from keras import backend as K\ndef dice(y_true, y_pred):\n    t = K.flatten(y_true)\n"
            "    return K.sum(t * K.flatten(y_pred)) / K.int_shape(y_pred)[0]\n"
            "K.set_value(model.optimizer.learning_rate, 0.01)\nlr = K.get_value(model.optimizer.learning_rate)",
            "from keras import backend as K\nfrom keras import ops\ndef dice(y_true, y_pred):\n"
            "    t = ops.reshape(y_true, (-1,))\n"
            "    return ops.sum(t * ops.reshape(y_pred, (-1,))) / tuple(y_pred.shape)[0]\n"
            "model.optimizer.learning_rate.assign(0.01)\nlr = ops.convert_to_numpy(model.optimizer.learning_rate)",
        ),
        # tf.keras.backend keeps set_value, but it no longer takes a Keras 3 variable
        ("import tensorflow as tf\ntf.keras.backend.set_value(opt.learning_rate, 0.1)\nv = tf.keras.backend.get_value(w)",
         "import tensorflow as tf\nopt.learning_rate.assign(0.1)\nv = tf.keras.backend.get_value(w)"),
    ),
)
class KerasBackendMath(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.names = backend_names(ctx)
        self.ops = _ops_name(ctx)
        self.used = False  # a K.name became ops.name: the cell imports keras.ops
        self.keras = min(ctx.module_names("keras"), default=None)  # the notebook's name for keras, if any
        self.random_used = False  # a K.random_* became keras.random.*, and the cell must import keras
        self.keras2 = graph_code_with_keras(ctx)

    def leave_Call(self, original, updated):
        func = updated.func
        if self.keras2 or not isinstance(func, cst.Attribute) or func.attr.value not in _BACKEND_NAMES:
            return updated
        old = func.attr.value
        if old == "random_binomial" and _is_tf_backend(func.value, self.ctx):  # tf.keras' name for it
            return updated.with_changes(func=func.with_changes(attr=cst.Name("random_bernoulli")))
        if not (_is_backend(func.value, self.ctx, self.names)
                or old == "set_value" and _is_tf_backend(func.value, self.ctx)):
            return updated
        if old in _RANDOM:
            return self._random(updated, old)
        if old not in _OPS:
            return self._expression(updated, old, func.value)
        new, params, renamed, default = _OPS[old]
        args = _arguments(updated, params, renamed)
        if args is None or (old == "clip" and not self._bounded(updated, args)):
            return updated
        if isinstance(func.value, cst.Name):
            self.used = True
            owner: cst.BaseExpression = cst.Name(self.ops)
        else:
            owner = cst.Attribute(cst.Name("keras"), cst.Name("ops"))
        call = updated.with_changes(func=cst.Attribute(owner, cst.Name(new)), args=args)
        if default is not None and not _given(updated, params, default[0]):
            call = call.with_changes(args=[*call.args[:-1], call.args[-1].with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), make_arg(*default)])
        if old == "sqrt" and call.args and not self._non_negative(call.args[0].value):
            clamped = cst.Call(cst.Attribute(owner, cst.Name("maximum")),
                               [cst.Arg(call.args[0].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                                cst.Arg(cst.Float("0.0"))])
            call = call.with_changes(args=[call.args[0].with_changes(value=clamped)])
        return call

    def _expression(self, call: cst.Call, old: str, backend: cst.BaseExpression) -> cst.BaseExpression:
        """K.flatten(x), K.int_shape(x), K.eval(x), K.get_value(x) as their expressions; K.set_value(v, x) as
        v.assign(x)."""
        given = [a.value for a in call.args if a.keyword is None and not a.star]
        if len(given) != len(call.args) or len(given) != (2 if old == "set_value" else 1):
            return call
        if old == "set_value":
            return cst.Call(cst.Attribute(parenthesized(given[0]), cst.Name("assign")), [cst.Arg(given[1])])
        ops = "keras.ops" if not isinstance(backend, cst.Name) else self.ops
        self.used = self.used or (isinstance(backend, cst.Name) and "{ops}" in _EXPRESSIONS[old])
        return cst.parse_expression(_EXPRESSIONS[old].format(ops=ops, x=code_of(parenthesized(given[0]))))

    def _random(self, call: cst.Call, old: str) -> cst.Call:
        """K.random_normal(...) -> keras.random.normal(...); a Bernoulli draw -> binomial(shape, counts=1,
        probabilities=p, ...), its arguments after the shape by keyword."""
        new, params = _RANDOM[old]
        args = _arguments(call, params, {"p": "probabilities"})
        if args is None or not args or args[0].keyword is not None:
            return call
        if new == "binomial":
            named = [a if a.keyword else make_arg("probabilities" if params[i] == "p" else params[i], a.value)
                     for i, a in enumerate(args[1:], 1)]
            if not any(a.keyword.value == "probabilities" for a in named):
                named.insert(0, make_arg("probabilities", "0.0"))  # the old default p
            args = arg_list(args[0], make_arg("counts", "1"), *named)
        self.random_used = self.random_used or self.keras is None
        owner = cst.Attribute(cst.Name(self.keras or "keras"), cst.Name("random"))
        return call.with_changes(func=cst.Attribute(owner, cst.Name(new)), args=args)

    @staticmethod
    def _bounded(call: cst.Call, args: list[cst.Arg]) -> bool:
        """K.clip with both bounds given and neither None (keras.ops.clip needs both)."""
        return len(args) == 3 and not any(isinstance(a.value, cst.Name) and a.value.value == "None" for a in args)

    def _non_negative(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, (cst.Integer, cst.Float)):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
                dotted(node.func.value) in (self.ops, "keras.ops"):
            name = node.func.attr.value
            if name in _NON_NEGATIVE:
                return True
            return name in _KEEPS_SIGN and bool(node.args) and self._non_negative(node.args[0].value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Multiply, cst.Divide)):
            return self._non_negative(node.left) and self._non_negative(node.right)
        return False

    def leave_Module(self, original, updated):
        if self.random_used:
            updated = updated.with_changes(body=_insert_before_use(updated.body, "import keras", "keras", self.names))
        if not self.used:
            return updated
        line = "from keras import ops" if self.ops == "ops" else "from keras import ops as keras_ops"
        return updated.with_changes(body=_insert_before_use(updated.body, line, self.ops, self.names))


# --------------------------------------------------------------------------- K.tf


def _tensorflow_name(ctx: Context) -> tuple[str, bool]:
    """The notebook's name for tensorflow, and whether a cell must import it."""
    names = ctx.module_names("tensorflow")
    if names:
        return ("tf" if "tf" in names else min(names)), False
    if ctx.imported.get("tf", "").startswith("tensorflow"):
        return "tf", False  # tensorflow.compat.v1 as tf
    return "tf", True


@rule(
    "keras-backend-tf",
    library="keras",
    changed_in="keras 2.4",
    rationale="keras.backend.tf was the tensorflow module the backend had imported; K.tf.X reads tf.X, with "
    "`import tensorflow as tf` added to the cell when the notebook does not import tensorflow.",
    needles=(".tf.",),
    gate=lambda ctx, code: bool(backend_names(ctx)) or "keras.backend.tf" in code
    or "tf_keras.backend" in ctx.imported.values(),
    signatures=(("AttributeError", r"module '(tf_)?keras(\.src)?\.backend' has no attribute 'tf'"),),
    examples=(
        (
            "from keras import backend as K\ny = K.tf.nn.softmax(x)",
            "from keras import backend as K\nimport tensorflow as tf\ny = tf.nn.softmax(x)",
        ),
        (
            "import tensorflow as tf\nfrom keras import backend as K\ny = K.tf.where(K.tf.equal(a, b), a, b)",
            "import tensorflow as tf\nfrom keras import backend as K\ny = tf.where(tf.equal(a, b), a, b)",
        ),
    ),
)
class KerasBackendTf(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # Keras 2's tf_keras (keras-on-tf-keras) has no backend.tf either
        self.names = backend_names(ctx) | {n for n, full in ctx.imported.items() if full == "tf_keras.backend"}
        self.tf, self.needs_import = _tensorflow_name(ctx)
        self.used = False

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "tf" and _is_backend(updated.value, self.ctx, self.names):
            self.used = True
            return cst.Name(self.tf)
        return updated

    def leave_Module(self, original, updated):
        if not (self.used and self.needs_import):
            return updated
        return updated.with_changes(body=_insert_before_use(updated.body, "import tensorflow as tf", "tf", self.names))


# --------------------------------------------------------------------------- set_session


_SESSION_MODULES = ("keras.backend", "keras.backend.tensorflow_backend", "tensorflow.keras.backend")


def _session_setters(ctx: Context) -> set[str]:
    """Local names bound to a removed set_session (``from keras.backend.tensorflow_backend import set_session``)."""
    return {local for local, full in ctx.imported.items()
            if full.rpartition(".")[2] == "set_session" and full.rpartition(".")[0] in _SESSION_MODULES}


@rule(
    "keras-backend-set-session",
    library="keras",
    changed_in="keras 3.0 (tf.keras: tensorflow 2.16)",
    rationale="K.set_session(sess) told Keras 2 which TensorFlow session to run in, and the session's config was "
    "device settings (GPU memory growth, threads). Keras 3 has no session: the call and its import go. In a "
    "notebook switched to tf.compat.v1 (tensorflow-v1-api), tf.keras is Keras 2 again and keeps its session.",
    needles=("set_session",),
    signatures=(("AttributeError", r"has no attribute 'set_session'"),
                ("ModuleNotFoundError", r"No module named 'keras\.backend\.tensorflow_backend'")),
    examples=(
        (
            "from keras import backend as K\nconfig = tf.ConfigProto()\nconfig.gpu_options.allow_growth = True\n"
            "K.set_session(tf.Session(config=config))",
            "from keras import backend as K\nconfig = tf.ConfigProto()\nconfig.gpu_options.allow_growth = True",
        ),
        ("from keras import backend as K\nK.tensorflow_backend.set_session(get_session())\nm = 1",
         "from keras import backend as K\nm = 1"),
        (
            "from keras.backend.tensorflow_backend import set_session\nimport numpy as np\n"
            "if gpu:\n    set_session(sess)",
            "import numpy as np\nif gpu:\n    pass",
        ),
        # graph code under compat.v1: tf.keras is Keras 2 there, set_session exists
        (
            "import tensorflow as tf\nsess = tf.Session()\ntf.keras.backend.set_session(sess)",
            "import tensorflow as tf\nsess = tf.Session()\ntf.keras.backend.set_session(sess)",
        ),
    ),
)
class KerasSetSession(_Dropping):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.keras3 = backend_names(ctx)
        self.setters = _session_setters(ctx)
        tf_names = ctx.module_names("tensorflow")
        self.v1 = _uses_v1_api(ctx, tf_names) or any(v.startswith("tensorflow.compat.v1")
                                                     for v in ctx.imported.values())
        self.tf_keras = tf_backend_names(ctx)
        self.tf_dotted = {f"{n}.keras.backend" for n in tf_names}

    def drop_import(self, module, name):
        if name != "set_session" or module not in _SESSION_MODULES:
            return False
        return not (module == "tensorflow.keras.backend" and self.v1)

    def drops(self, stmt):
        call = _call_of(stmt)
        if call is None:
            return False
        func = call.func
        if isinstance(func, cst.Name):
            return func.value in self.setters and not (self.v1 and self.ctx.imported[func.value].startswith("tensorflow"))
        if not isinstance(func, cst.Attribute) or func.attr.value != "set_session":
            return False
        backend = func.value.value if isinstance(func.value, cst.Attribute) \
            and func.value.attr.value == "tensorflow_backend" else func.value  # K.tensorflow_backend.set_session
        if _is_backend(backend, self.ctx, self.keras3):
            return True
        owner = dotted(func.value) or ""
        return not self.v1 and (owner in self.tf_keras or owner in self.tf_dotted)


@rule(
    "keras-backend-learning-phase",
    library="keras",
    changed_in="keras 3.0 (tf.keras: tensorflow 2.16; deprecated since 2.4)",
    rationale="K.set_learning_phase(0 or 1) fixed Keras 2's global train/test flag, which TF 2's Keras already let "
    "fit, evaluate and predict override (each passes training= itself); Keras 3 has no global flag and dropped "
    "the call. The statement goes; in a TF1 graph notebook (Keras 2 as tf_keras) it stays.",
    needles=("set_learning_phase",),
    signatures=(("AttributeError", r"has no attribute 'set_learning_phase'"),),
    examples=(
        ("from keras import backend as K\nK.set_learning_phase(0)\nmodel = load_model('m.keras')",
         "from keras import backend as K\nmodel = load_model('m.keras')"),
        ("import tensorflow as tf\ntf.keras.backend.set_learning_phase(1)\nx = 1", "import tensorflow as tf\nx = 1"),
        ("import tensorflow as tf\nsess = tf.Session()\ntf.keras.backend.set_learning_phase(0)",
         "import tensorflow as tf\nsess = tf.Session()\ntf.keras.backend.set_learning_phase(0)"),
    ),
)
class KerasLearningPhase(_Dropping):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.keras2 = keras2_served(ctx)

    def drops(self, stmt):
        call = _call_of(stmt)
        if self.keras2 or call is None or not isinstance(call.func, cst.Attribute) \
                or call.func.attr.value != "set_learning_phase":
            return False
        backend = call.func.value
        return _is_backend(backend, self.ctx, backend_names(self.ctx)) or _is_tf_backend(backend, self.ctx)
