"""Keras 2 names and habits that Keras 3 removed, where the replacement does the same thing.

Keras 2.3 dropped the lowercase optimizer aliases (``adam = Adam``), ``multi_gpu_model`` and
``ModelCheckpoint(period=)``, and named a metric's history key after the metric as compiled
(``metrics=['accuracy']`` gives ``'accuracy'``, not ``'acc'``). The ``keras.backend`` functions
(``K.mean`` -> ``keras.ops.mean``, ``K.tf``, ``K.set_session``) are in keras_backend.py, which imports
the helpers shared below (``_Dropping``, ``_arguments``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m

from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    dotted,
    keep_statements,
    kwarg,
    names_bound_to,
    pass_if_empty,
    plain_reference,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .keras_rules import OPTIMIZERS

# --------------------------------------------------------------------------- helpers keras_backend.py shares


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
        ("m.compile('adam', 'mse', metrics=['accuracy'])\nfor h in runs:\n    plt.plot(runs[h].history['acc'])",
         "m.compile('adam', 'mse', metrics=['accuracy'])\nfor h in runs:\n    plt.plot(runs[h].history['accuracy'])"),
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
        owner = updated.value  # history.history, held['h'].history, a name history, or one bound to fit(...).history
        if not (m.matches(owner, m.Attribute(attr=m.Name("history"))) or dotted(owner) in {*self.histories, "history"}):
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
        ("nets['cnn'].model.save_weights('w.weights.h5')", "nets['cnn'].model.save_weights('w.weights.h5')"),
    ),
)
class KerasSequentialModel(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.names = _sequentials(ctx)

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "model":
            return updated
        owner = updated.value
        # a Sequential by its name; on the line Keras's own message names, one reached any plain way (nets['cnn'])
        if isinstance(owner, cst.Name) and owner.value in self.names \
                or plain_reference(owner) and self.on_error_line(original):
            return owner
        return updated


# --------------------------------------------------------------------------- optimizer.lr



@rule(
    "keras-optimizer-lr-attribute",
    library="keras",
    changed_in="keras 3.0 (tf.keras: tensorflow 2.16)",
    rationale="an optimizer's lr was another name for its learning_rate (Keras 2.3 to 2.15, and the only name "
    "before); Keras 3 dropped it, so reading model.optimizer.lr raises and assigning it sets an attribute the "
    "optimizer never reads, which silently stops a learning-rate schedule. lr is written learning_rate.",
    needles=(".lr",),
    gate=lambda ctx, code: "keras" in ctx.text,
    signatures=(("AttributeError", rf"'(?:{'|'.join(OPTIMIZERS)})' object has no attribute 'lr'"),),
    examples=(
        ("from keras.optimizers import Adam\nK.set_value(model.optimizer.lr, 0.01)\n"
         "self.model.optimizer.lr = self.model.optimizer.lr * 0.5\nopt = Adam(learning_rate=0.1)\nprint(opt.lr)",
         "from keras.optimizers import Adam\nK.set_value(model.optimizer.learning_rate, 0.01)\n"
         "self.model.optimizer.learning_rate = self.model.optimizer.learning_rate * 0.5\n"
         "opt = Adam(learning_rate=0.1)\nprint(opt.learning_rate)"),
        ("import keras\nargs.lr = 0.1\nscheduler.lr = 2", "import keras\nargs.lr = 0.1\nscheduler.lr = 2"),
    ),
)
class OptimizerLr(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.optimizers = names_bound_to(ctx.text, (*OPTIMIZERS, *_LOWER_OPTIMIZERS))  # opt = Adam(...)

    def leave_Attribute(self, original, updated):
        if updated.attr.value != "lr":
            return updated
        owner = updated.value
        if m.matches(owner, m.Attribute(attr=m.Name("optimizer"))) \
                or isinstance(owner, cst.Name) and owner.value in self.optimizers \
                or self.on_own_error_line(original):
            return updated.with_changes(attr=cst.Name("learning_rate"))
        return updated


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
