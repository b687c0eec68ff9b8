"""Keras 2 names and habits that Keras 3 removed, where the replacement does the same thing.

Keras 3's ``keras.backend`` kept only its configuration functions (``epsilon``, ``floatx``,
``image_data_format``, ``clear_session``): the tensor functions of Keras 2's backend live in
``keras.ops``, some under another name or with another default axis. ``tf.keras.backend`` still has
the old functions (TensorFlow's legacy copy), so only the standalone ``keras.backend`` is rewritten.
Keras 2.3 dropped the lowercase optimizer aliases (``adam = Adam``), ``multi_gpu_model`` and
``ModelCheckpoint(period=)``, and named a metric's history key after the metric as compiled
(``metrics=['accuracy']`` gives ``'accuracy'``, not ``'acc'``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

from .framework import (
    Context,
    RuleTransformer,
    code_of,
    dotted,
    keep_statements,
    kwarg,
    make_arg,
    pass_if_empty,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .tensorflow_rules import _uses_v1_api

# --------------------------------------------------------------------------- shared helpers


def backend_names(ctx: Context) -> set[str]:
    """Local names bound to the standalone ``keras.backend`` (``from keras import backend as K``)."""
    return {n for n in ctx.aliases.get("keras.backend", ()) if ctx.imported.get(n) == "keras.backend"}


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


class _Dropping(RuleTransformer):
    """A rule that removes whole statements (``drops``) and imported names (``drop_import``); a block left
    empty gets ``pass``."""

    def drops(self, stmt: cst.BaseSmallStatement) -> bool:
        return False

    def drop_import(self, module: str, name: str) -> bool:
        return False

    def leave_SimpleStatementLine(self, original, updated):
        kept = []
        for stmt in updated.body:
            if isinstance(stmt, cst.ImportFrom) and stmt.module is not None and not stmt.relative \
                    and not isinstance(stmt.names, cst.ImportStar):
                module = dotted(stmt.module) or ""
                names = [a for a in stmt.names if not self.drop_import(module, a.name.value)]
                if len(names) != len(stmt.names):
                    if not names:
                        continue
                    stmt = stmt.with_changes(names=[*names[:-1], names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
            elif self.drops(stmt):
                continue
            kept.append(stmt)
        return keep_statements(updated, kept)

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


def _call_of(stmt: cst.BaseSmallStatement) -> cst.Call | None:
    """The call a statement consists of (``f(x)`` on its own line)."""
    return stmt.value if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call) else None


def _arguments(call: cst.Call, params: tuple[str, ...], renamed: dict[str, str]) -> list[cst.Arg] | None:
    """The call's arguments with keywords renamed (``renamed``); None when it has ``*args``, more positional
    arguments than ``params`` or a keyword outside ``params``."""
    if any(a.star for a in call.args):
        return None
    if sum(a.keyword is None for a in call.args) > len(params):
        return None
    out = []
    for a in call.args:
        if a.keyword is not None:
            if a.keyword.value not in params:
                return None
            new = renamed.get(a.keyword.value, a.keyword.value)
            a = a.with_changes(keyword=cst.Name(new))
        out.append(a)
    return out


def _given(call: cst.Call, params: tuple[str, ...], name: str) -> bool:
    """Whether ``name`` (one of ``params``) is passed, by position or keyword."""
    positional = sum(a.keyword is None for a in call.args)
    return positional > params.index(name) or kwarg(call, name) is not None


# --------------------------------------------------------------------------- lowercase optimizers

_LOWER_OPTIMIZERS = {"sgd": "SGD", "rmsprop": "RMSprop", "adagrad": "Adagrad", "adadelta": "Adadelta",
                     "adam": "Adam", "adamax": "Adamax", "nadam": "Nadam"}
_OPTIMIZER_MODULES = ("keras.optimizers", "tensorflow.keras.optimizers")


def _lowercase_imported(ctx: Context) -> set[str]:
    """Local names bound to a lowercase optimizer alias (``from keras.optimizers import adam``)."""
    return {local for local, full in ctx.imported.items()
            if full.rpartition(".")[0] in _OPTIMIZER_MODULES and full.rpartition(".")[2] in _LOWER_OPTIMIZERS}


_LOWER_ATTRIBUTE = re.compile(rf"optimizers\.(?:{'|'.join(_LOWER_OPTIMIZERS)})\b")


@rule(
    "keras-optimizer-lowercase",
    library="keras",
    changed_in="keras 2.3",
    rationale="the lowercase optimizer aliases (keras.optimizers.adam, sgd, rmsprop, adagrad, adadelta, adamax, "
    "nadam) were the classes under a second name; the import takes the class under the old local name, "
    "optimizers.adam(...) calls the class, and their lr= becomes learning_rate=.",
    needles=tuple(_LOWER_OPTIMIZERS),
    gate=lambda ctx, code: bool(_lowercase_imported(ctx)) or _LOWER_ATTRIBUTE.search(code) is not None,
    signatures=(
        ("ImportError", rf"cannot import name '(?:{'|'.join(_LOWER_OPTIMIZERS)})' from 'keras"),
        ("AttributeError", rf"module 'keras(\.\w+)*\.optimizers' has no attribute '(?:{'|'.join(_LOWER_OPTIMIZERS)})'"),
    ),
    examples=(
        (
            "from keras.optimizers import adam, SGD\nopt = adam(lr=0.001)\nmodel.compile(optimizer=opt, loss='mse')",
            "from keras.optimizers import Adam as adam, SGD\nopt = adam(learning_rate=0.001)\n"
            "model.compile(optimizer=opt, loss='mse')",
        ),
        (
            "from keras import optimizers\nmodel.compile(optimizer=optimizers.rmsprop(lr=1e-4), loss='mse')",
            "from keras import optimizers\nmodel.compile(optimizer=optimizers.RMSprop(learning_rate=1e-4), loss='mse')",
        ),
        # the string names still work, and a function of the notebook called adam is not Keras'
        ("model.compile(optimizer='adam', loss='mse')", "model.compile(optimizer='adam', loss='mse')"),
        ("def adam(lr):\n    return lr\nx = adam(lr=1)", "def adam(lr):\n    return lr\nx = adam(lr=1)"),
    ),
)
class KerasLowercaseOptimizers(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.locals = _lowercase_imported(ctx)

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or updated.relative or isinstance(updated.names, cst.ImportStar):
            return updated
        if (dotted(updated.module) or "") not in _OPTIMIZER_MODULES:
            return updated
        names = [a.with_changes(name=cst.Name(_LOWER_OPTIMIZERS[a.name.value]),
                                asname=a.asname or cst.AsName(cst.Name(a.name.value)))
                 if a.name.value in _LOWER_OPTIMIZERS else a for a in updated.names]
        return updated.with_changes(names=names) if names != list(updated.names) else updated

    def leave_Call(self, original, updated):
        func = updated.func
        if isinstance(func, cst.Name) and func.value in self.locals:
            return rename_kwarg(updated, "lr", "learning_rate")
        if isinstance(func, cst.Attribute) and func.attr.value in _LOWER_OPTIMIZERS \
                and (dotted(func.value) or "").endswith("optimizers"):
            owner = dotted(func.value)
            head = owner.split(".")[0]
            if head in self.ctx.imported or head in self.ctx.aliases:
                new = func.with_changes(attr=cst.Name(_LOWER_OPTIMIZERS[func.attr.value]))
                return rename_kwarg(updated.with_changes(func=new), "lr", "learning_rate")
        return updated


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
}
_NON_NEGATIVE = {"square", "abs", "exp", "sqrt", "softplus", "sigmoid"}  # ops whose result is >= 0
_KEEPS_SIGN = {"mean", "sum", "max", "min"}  # of non-negative values: non-negative
_OPS_CALL = re.compile(rf"\b\w+\.(?:{'|'.join(_OPS)})\s*\(")


def _ops_name(ctx: Context) -> str:
    """``ops``, unless the notebook uses that name for something else than keras.ops."""
    taken = ctx.imported.get("ops", "keras.ops") != "keras.ops" or re.search(
        r"^\s*(?:ops\s*=|def\s+ops\b|class\s+ops\b|for\s+ops\b)", ctx.text, re.MULTILINE)
    return "keras_ops" if taken else "ops"


def _backend_gate(ctx: Context, code: str) -> bool:
    names = backend_names(ctx)
    if not names and "keras.backend." not in code:
        return False
    heads = "|".join(map(re.escape, sorted(names | {"keras.backend"})))
    return re.search(rf"\b(?:{heads})\.(?:{'|'.join(_OPS)})\s*\(", code) is not None


@rule(
    "keras-backend-math",
    library="keras",
    changed_in="keras 3.0",
    rationale="Keras 3's keras.backend kept only its settings (epsilon, floatx, image_data_format, clear_session); "
    "the tensor functions are keras.ops': K.mean/sum/square/clip/... call them, with the parameters renamed "
    "where keras.ops names them otherwise (K.pow -> ops.power, K.permute_dimensions -> ops.transpose), the old "
    "default axis written where it differs (concatenate, argmax, expand_dims, cumsum: -1 or 0), and K.sqrt's "
    "clamp of negatives to 0 kept unless the argument cannot be negative. tf.keras.backend still has them.",
    needles=tuple(f".{n}(" for n in _OPS),
    gate=_backend_gate,
    signatures=(("AttributeError", rf"module 'keras(\.src)?\.backend' has no attribute '(?:{'|'.join(_OPS)})'"),),
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
        # tf.keras.backend keeps the old functions, numpy's are not Keras', a function K.clip cannot map is left
        (
            "from tensorflow.keras import backend as K\nm = K.mean(x)\nn = np.mean(x)",
            "from tensorflow.keras import backend as K\nm = K.mean(x)\nn = np.mean(x)",
        ),
        ("from keras import backend as K\nc = K.clip(x, None, 1.0)", "from keras import backend as K\nc = K.clip(x, None, 1.0)"),
    ),
)
class KerasBackendMath(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.names = backend_names(ctx)
        self.ops = _ops_name(ctx)
        self.used = False  # a K.name became ops.name: the cell imports keras.ops

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _OPS:
            return updated
        if not _is_backend(func.value, self.ctx, self.names):
            return updated
        old = func.attr.value
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
    gate=lambda ctx, code: bool(backend_names(ctx)) or "keras.backend.tf" in code,
    signatures=(("AttributeError", r"module 'keras(\.src)?\.backend' has no attribute 'tf'"),),
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
        self.names = backend_names(ctx)
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


# --------------------------------------------------------------------------- multi_gpu_model


def _multi_gpu_local(ctx: Context) -> set[str]:
    return {local for local, full in ctx.imported.items()
            if full.endswith(".multi_gpu_model") and full.startswith(("keras.", "tensorflow.keras."))}


@rule(
    "keras-multi-gpu-model",
    library="keras",
    changed_in="keras 2.4",
    rationale="multi_gpu_model(model, gpus=n) returned a model sharing the template's weights that split each "
    "batch over n GPUs and joined the outputs: the same function of the same weights. The environment has no GPU, "
    "so the call becomes the template model itself and its import goes.",
    needles=("multi_gpu_model",),
    signatures=(("ImportError", r"cannot import name 'multi_gpu_model'"),
                ("ModuleNotFoundError", r"No module named 'keras\.utils\.(training_utils|multi_gpu_utils)'"),
                ("AttributeError", r"has no attribute 'multi_gpu_model'")),
    examples=(
        (
            "from keras.utils import multi_gpu_model, to_categorical\nparallel = multi_gpu_model(model, gpus=2)\n"
            "parallel.compile(loss='mse', optimizer='adam')",
            "from keras.utils import to_categorical\nparallel = model\nparallel.compile(loss='mse', optimizer='adam')",
        ),
        (
            "from keras.utils.training_utils import multi_gpu_model\ntry:\n    model = multi_gpu_model(model)\n"
            "except ValueError:\n    pass",
            "try:\n    model = model\nexcept ValueError:\n    pass",
        ),
        ("import keras\nm = keras.utils.multi_gpu_model(base, gpus=4)", "import keras\nm = base"),
    ),
)
class KerasMultiGpuModel(_Dropping):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.locals = _multi_gpu_local(ctx)

    def drop_import(self, module, name):
        return name == "multi_gpu_model" and module.startswith(("keras", "tensorflow.keras"))

    def leave_Call(self, original, updated):
        func = updated.func
        if isinstance(func, cst.Name):
            ours = func.value in self.locals
        else:
            ours = isinstance(func, cst.Attribute) and func.attr.value == "multi_gpu_model" and \
                (dotted(func.value) or "").endswith("utils")
        if not ours:
            return updated
        model = next((a for a in updated.args if a.keyword is None and not a.star), None) or kwarg(updated, "model")
        return model.value if model is not None else updated


# --------------------------------------------------------------------------- ModelCheckpoint(period=1)


def _period_one(call: cst.Call) -> bool:
    period = kwarg(call, "period")
    return period is not None and isinstance(period.value, cst.Integer) and period.value.evaluated_value == 1


@rule(
    "keras-model-checkpoint-period",
    library="keras",
    changed_in="keras 2.3 (deprecated), 3.0 (removed)",
    rationale="ModelCheckpoint(period=1) saved after every epoch, which is save_freq='epoch', the default: the "
    "argument goes. Other periods are left (save_freq counts batches; the steps per epoch are not known).",
    needles=("period",),
    prefilter=lambda code: "ModelCheckpoint" in code,
    signatures=(("TypeError", r"unexpected keyword argument 'period'"),),
    examples=(
        (
            "from keras.callbacks import ModelCheckpoint\n"
            "cp = ModelCheckpoint('best.keras', monitor='val_loss', save_best_only=True, period=1)",
            "from keras.callbacks import ModelCheckpoint\n"
            "cp = ModelCheckpoint('best.keras', monitor='val_loss', save_best_only=True)",
        ),
        ("import keras\ncp = keras.callbacks.ModelCheckpoint('w.keras', period=5)",
         "import keras\ncp = keras.callbacks.ModelCheckpoint('w.keras', period=5)"),
    ),
)
class KerasCheckpointPeriod(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        if name == "ModelCheckpoint" and _period_one(updated):
            return remove_kwarg(updated, "period")
        return updated


# --------------------------------------------------------------------------- history['acc'] -> ['accuracy']

_ACC_KEYS = {"acc": "accuracy", "val_acc": "val_accuracy"}
_METRICS = re.compile(r"\bmetrics\s*=\s*[\[(]([^\])]*)[\])]")
_HISTORY_NAMES = re.compile(r"^\s*(\w+)\s*=\s*[^=\n]*\.history\s*$", re.MULTILINE)  # h = model.fit(...).history
_TEMPLATE = re.compile(r"\{(val_)?acc([:}])")


@lru_cache(maxsize=8)
def _accuracy_only(text: str) -> bool:
    """Whether every compile() of the notebook that names an accuracy spells it 'accuracy' (never 'acc')."""
    spelled = {s for found in _METRICS.findall(text) for s in re.findall(r"['\"](\w+)['\"]", found)}
    return "accuracy" in spelled and "acc" not in spelled


@lru_cache(maxsize=8)
def _history_names(text: str) -> frozenset[str]:
    return frozenset(_HISTORY_NAMES.findall(text))


@rule(
    "keras-history-acc-keys",
    library="keras",
    changed_in="keras 2.3",
    rationale="a metric's history key is now the metric's name as compiled: with metrics=['accuracy'] it is "
    "'accuracy' / 'val_accuracy' (Keras 2.2 wrote 'acc'). In a notebook whose compile() calls all spell it "
    "'accuracy', history['acc'], monitor='val_acc' (silently ignored today) and a checkpoint's {val_acc} "
    "follow the new key.",
    needles=("'acc'", '"acc"', "val_acc", "{acc"),
    gate=lambda ctx, code: _accuracy_only(ctx.text),
    signatures=(("KeyError", r"^'(val_)?acc'$"),),
    examples=(
        (
            "model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])\n"
            "es = EarlyStopping(monitor='val_acc', patience=3)\n"
            "cp = ModelCheckpoint('w-{epoch:02d}-{val_acc:.2f}.keras', monitor='val_acc')\n"
            "plt.plot(history.history['acc'])\nplt.plot(history.history[\"val_acc\"])",
            "model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])\n"
            "es = EarlyStopping(monitor='val_accuracy', patience=3)\n"
            "cp = ModelCheckpoint('w-{epoch:02d}-{val_accuracy:.2f}.keras', monitor='val_accuracy')\n"
            "plt.plot(history.history['accuracy'])\nplt.plot(history.history[\"val_accuracy\"])",
        ),
        (
            "m.compile('adam', 'mse', metrics=['accuracy'])\nh = m.fit(X, y).history\nprint(h['val_acc'][-1])",
            "m.compile('adam', 'mse', metrics=['accuracy'])\nh = m.fit(X, y).history\nprint(h['val_accuracy'][-1])",
        ),
        # compiled with 'acc': the key is still 'acc'
        (
            "m.compile('adam', 'mse', metrics=['acc'])\nplt.plot(history.history['acc'])",
            "m.compile('adam', 'mse', metrics=['acc'])\nplt.plot(history.history['acc'])",
        ),
    ),
)
class KerasHistoryAccKeys(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.histories = _history_names(ctx.text)

    def leave_Subscript(self, original, updated):
        if len(updated.slice) != 1 or not isinstance(updated.slice[0].slice, cst.Index):
            return updated
        index = updated.slice[0].slice.value
        new = _ACC_KEYS.get(string_value(index) or "")
        if new is None:
            return updated
        owner = dotted(updated.value) or ""
        if not (owner.endswith("history") and owner.split(".")[-1] == "history" or owner in self.histories):
            return updated
        return updated.with_changes(slice=[updated.slice[0].with_changes(
            slice=updated.slice[0].slice.with_changes(value=_restring(index, new)))])

    def leave_Call(self, original, updated):
        monitor = kwarg(updated, "monitor")
        if monitor is not None and string_value(monitor.value) in _ACC_KEYS:
            updated = updated.with_changes(args=[
                a.with_changes(value=_restring(a.value, _ACC_KEYS[string_value(a.value)])) if a is monitor else a
                for a in updated.args])
        func = updated.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        if name == "ModelCheckpoint" and updated.args:
            first = updated.args[0] if updated.args[0].keyword is None else kwarg(updated, "filepath")
            text = string_value(first.value) if first is not None else None
            if text is not None and _TEMPLATE.search(text):
                value = _TEMPLATE.sub(lambda m: "{" + (m[1] or "") + "accuracy" + m[2], text)
                updated = updated.with_changes(args=[
                    a.with_changes(value=_restring(a.value, value)) if a is first else a for a in updated.args])
        return updated


def _restring(node: cst.SimpleString, value: str) -> cst.SimpleString:
    """A string literal holding ``value``, written with ``node``'s prefix and quotes."""
    prefix = node.prefix
    quote = node.quote
    return node.with_changes(value=f"{prefix}{quote}{value}{quote}")


# --------------------------------------------------------------------------- Sequential.model


def _sequentials(ctx: Context) -> set[str]:
    if re.search(r"KerasClassifier|KerasRegressor|\.model\s*=[^=]", ctx.text):
        return set()  # a scikit-learn wrapper's .model is real; so is an attribute the notebook sets
    return {name for name, maker in ctx.models.items() if maker == "Sequential"}


def _reads_model_attribute(ctx: Context, code: str) -> bool:
    names = _sequentials(ctx)
    return bool(names) and re.search(rf"\b(?:{'|'.join(map(re.escape, sorted(names)))})\.model\b", code) is not None


@rule(
    "keras-sequential-model-attr",
    library="keras",
    changed_in="keras 2.2",
    rationale="Sequential.model was the inner functional model the Sequential delegated to (Keras 1 to 2.1); the "
    "Sequential is a Model itself now, so model.model.X reads model.X.",
    needles=(".model",),
    gate=lambda ctx, code: _reads_model_attribute(ctx, code),
    signatures=(("AttributeError", r"'Sequential' object has no attribute 'model'"),),
    examples=(
        (
            "model = Sequential()\nmodel.add(Dense(1))\nmodel.model.save_weights('w.weights.h5')\nm = model.model",
            "model = Sequential()\nmodel.add(Dense(1))\nmodel.save_weights('w.weights.h5')\nm = model",
        ),
        ("clf = KerasClassifier(build)\nmodel = Sequential()\nclf.model.save('m.keras')",
         "clf = KerasClassifier(build)\nmodel = Sequential()\nclf.model.save('m.keras')"),
    ),
)
class KerasSequentialModel(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.names = _sequentials(ctx)

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "model" and isinstance(updated.value, cst.Name) and updated.value.value in self.names:
            return updated.value
        return updated


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
        self.tf_keras = {n for n in ctx.aliases.get("tensorflow.keras.backend", ())
                         if ctx.imported.get(n) == "tensorflow.keras.backend"}
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
        if _is_backend(func.value, self.ctx, self.keras3):
            return True
        owner = dotted(func.value) or ""
        return not self.v1 and (owner in self.tf_keras or owner in self.tf_dotted)


# --------------------------------------------------------------------------- merge(mode=...)

# Keras 1's merge(mode=) -> the Keras 2 function computing the same thing element-wise (or along the axis)
_MERGE_MODES = {"concat": "concatenate", "sum": "add", "mul": "multiply", "ave": "average", "max": "maximum"}


def _merge_locals(ctx: Context) -> set[str]:
    return {local for local, full in ctx.imported.items()
            if full in ("keras.layers.merge", "keras.layers.merge.merge", "keras.layers.core.merge")}


def _merge_function(call: cst.Call) -> tuple[str, list[cst.Arg]] | None:
    """(the Keras 2 function, its arguments) for a merge(...) call whose mode is one of _MERGE_MODES."""
    args = _arguments(call, ("inputs", "mode", "concat_axis", "name"), {"concat_axis": "axis"})
    if args is None or sum(a.keyword is None for a in args) != 1:
        return None
    mode_arg = kwarg(call, "mode")
    mode = "sum" if mode_arg is None else string_value(mode_arg.value)  # Keras 1's default mode was 'sum'
    if mode not in _MERGE_MODES or (mode != "concat" and kwarg(call, "concat_axis") is not None):
        return None
    kept = [a for a in args if not (a.keyword is not None and a.keyword.value == "mode")]
    kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return _MERGE_MODES[mode], kept


@rule(
    "keras-merge-function",
    library="keras",
    changed_in="keras 2.0",
    rationale="Keras 1's merge(inputs, mode=...) became one function per mode: 'concat' -> concatenate "
    "(concat_axis= -> axis=), 'sum' (the default) -> add, 'mul' -> multiply, 'ave' -> average, 'max' -> maximum, "
    "called as keras.layers.<name> with `import keras` in place of the import of merge. 'dot', 'cos' and "
    "function modes are left.",
    needles=("merge",),
    gate=lambda ctx, code: bool(_merge_locals(ctx)) and _merges_mapped(ctx.text, frozenset(_merge_locals(ctx))),
    signatures=(("ImportError", r"cannot import name 'merge' from 'keras\.layers'"),),
    examples=(
        (
            "from keras.layers import Input, Dense, merge\na = Input(shape=(4,))\nb = Input(shape=(4,))\n"
            "x = merge([a, b], mode='concat', concat_axis=1, name='joined')\ns = merge([a, b])",
            "from keras.layers import Input, Dense\nimport keras\na = Input(shape=(4,))\nb = Input(shape=(4,))\n"
            "x = keras.layers.concatenate([a, b], axis=1, name='joined')\ns = keras.layers.add([a, b])",
        ),
        (
            "from keras.layers import merge\nd = merge([a, b], mode='dot', dot_axes=1)",
            "from keras.layers import merge\nd = merge([a, b], mode='dot', dot_axes=1)",
        ),
    ),
)
class KerasMergeFunction(RuleTransformer):
    """Only in a notebook whose merge calls all map (the import of merge goes, every call must follow)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.locals = _merge_locals(ctx)
        self.wanted = bool(self.locals) and _merges_mapped(ctx.text, frozenset(self.locals))

    def leave_Call(self, original, updated):
        if not (self.wanted and isinstance(updated.func, cst.Name) and updated.func.value in self.locals):
            return updated
        found = _merge_function(updated)
        if found is None:
            return updated
        return updated.with_changes(func=cst.parse_expression(f"keras.layers.{found[0]}"), args=found[1])

    def leave_SimpleStatementLine(self, original, updated):
        if not self.wanted or len(updated.body) != 1 or not isinstance(updated.body[0], cst.ImportFrom):
            return updated
        node = updated.body[0]
        if node.module is None or isinstance(node.names, cst.ImportStar) or dotted(node.module) not in (
                "keras.layers", "keras.layers.merge", "keras.layers.core"):
            return updated
        kept = [a for a in node.names if a.name.value != "merge"]
        if len(kept) == len(node.names):
            return updated
        keras_import = cst.parse_statement("import keras\n")
        if not kept:
            return keras_import.with_changes(leading_lines=updated.leading_lines)
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return cst.FlattenSentinel([updated.with_changes(body=[node.with_changes(names=kept)]), keras_import])


@lru_cache(maxsize=8)
def _merges_mapped(text: str, names: frozenset[str]) -> bool:
    """Whether every call of ``names`` in the notebook is one _merge_function rewrites (read call by call)."""
    heads = "|".join(map(re.escape, sorted(names)))
    for found in re.finditer(rf"(?<![\w.])(?:{heads})\s*\(", text):
        depth, end = 0, None
        for i in range(found.end() - 1, len(text)):
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        try:
            call = cst.parse_expression(text[found.start():end]) if end else None
        except cst.ParserSyntaxError:
            return False
        if not isinstance(call, cst.Call) or _merge_function(call) is None:
            return False
    return True
