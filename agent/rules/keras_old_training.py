"""Keras 1 / Keras 2 training helpers that Keras 3 removed, given back as shims that do what the old ones did
(old_keras.py; checked against Keras 1.2.2's and Keras 2.3.1's source):

- keras.metrics.fmeasure / precision / recall / fbeta_score / matthews_correlation (and the aliases fscore,
  f1score), removed in Keras 2.0: per-batch formulas that Keras 1 averaged over the epoch. A plain function in
  ``metrics=`` is what Keras 3 averages the same way, logged under the function's name, so history['fmeasure']
  stays. The strings 'fmeasure', 'fscore', 'f1score', 'fbeta_score', 'matthews_correlation' no longer resolve and
  become the function; 'precision' and 'recall' resolve today to the Precision/Recall classes and are left.
- ModelCheckpoint(period=n), removed in Keras 3: saved at every n-th epoch end. save_freq counts batches, so a
  subclass counts the epochs as Keras 2 did. period=1 is keras-model-checkpoint-period's (the argument goes).
- Embedding(dropout=p), removed in Keras 2.0: a random row mask of the embedding matrix while training, in a
  subclass keeping the class name (summaries read "Embedding"). dropout=0 (Keras 1's default) just goes.
"""

from __future__ import annotations

import re

import libcst as cst

from . import old_keras
from .framework import (
    Context,
    code_of,
    kwarg,
    positional,
    remove_kwarg,
    rule,
    string_value,
)
from .removed_api import Shims, shim_source
from .tensorflow_rules import keras2_served

# the removed name -> the function Keras 1 bound it to (whose __name__ named the logged metric)
_METRICS = {"fmeasure": "fmeasure", "fscore": "fmeasure", "f1score": "fmeasure", "precision": "precision",
            "recall": "recall", "fbeta_score": "fbeta_score", "matthews_correlation": "matthews_correlation"}
_STRINGS = set(_METRICS) - {"precision", "recall"}  # Keras 3 reads these two as its Precision / Recall classes
_NAMES = "|".join(sorted(_METRICS))
_CHECKPOINT = shim_source(old_keras.ModelCheckpoint, "ModelCheckpoint", base="keras.callbacks.ModelCheckpoint")
_EMBEDDING = shim_source(old_keras.Embedding, "Embedding", base="keras.layers.Embedding")


def _keras3(ctx: Context, code: str) -> bool:
    return "keras" in ctx.text and not keras2_served(ctx)


class _KerasShims(Shims):
    """Shims copied in where used; a class shim derives from a keras class, so ``import keras`` goes right before
    the first one unless the cell has that line before it."""

    def keras_callee(self, call: cst.Call, name: str, homes: tuple[str, ...]) -> bool:
        func = call.func
        if isinstance(func, cst.Attribute):
            return func.attr.value == name and self.module_of(func.value) in homes
        if not isinstance(func, cst.Name) or func.value != name:
            return False
        origin = self.ctx.imported.get(name)
        if origin is None:  # a cell read without its imports: Keras's unless another library's class is around
            return "lightning" not in self.ctx.text and "ignite" not in self.ctx.text
        return origin.rpartition(".")[0] in homes

    def leave_Module(self, original, updated):
        updated = super().leave_Module(original, updated)
        body = list(updated.body)
        code = [code_of(s) for s in body]
        at = next((i for i, c in enumerate(code) if re.match(r"class \w+\(keras\.", c.lstrip())), None)
        if at is None or any(c.strip() == "import keras" for c in code[:at]):
            return updated
        new = cst.parse_statement("import keras\n").with_changes(leading_lines=body[at].leading_lines)
        body[at:at + 1] = [new, body[at].with_changes(leading_lines=[])]
        return updated.with_changes(body=body)


# --------------------------------------------------------------------------- Keras 1's metric functions


@rule(
    "keras-legacy-metrics",
    library="keras",
    changed_in="keras 2.0",
    rationale="keras.metrics.fmeasure (fscore, f1score), precision, recall, fbeta_score and matthews_correlation "
    "computed a batch's score from rounded predictions, averaged over the epoch by batch size. Keras 1.2.2's "
    "formulas are written into the notebook under the same names; a function in metrics= is averaged the same way "
    "and logged under its name (history['fmeasure'] stays). The strings 'fmeasure', 'fbeta_score', ... become the "
    "function; 'precision' / 'recall' are left (Keras 3 reads them as its Precision / Recall classes).",
    pattern=rf"\.\s*({_NAMES})\b|\bimport\b[\w\s,()\\]*?\b({_NAMES})\b|['\"]({'|'.join(sorted(_STRINGS))})['\"]",
    gate=_keras3,
    signatures=(("AttributeError", rf"module 'keras\.metrics' has no attribute '({_NAMES})'"),
                ("ImportError", rf"cannot import name '({_NAMES})' from 'keras\.metrics'"),
                ("ValueError", rf"Could not interpret metric identifier: ({'|'.join(sorted(_STRINGS))})\b")),
    examples=(
        ("from keras import metrics\nmodel.compile('adam', 'binary_crossentropy', metrics=[metrics.fmeasure, 'acc'])",
         "from keras import metrics\n" + shim_source(old_keras.fmeasure, "fmeasure")
         + "model.compile('adam', 'binary_crossentropy', metrics=[fmeasure, 'acc'])"),
        (("from keras.metrics import precision, recall as rec\nimport numpy as np\n"
         "m.compile('sgd', 'mse', metrics=[precision, rec])"),
         shim_source(old_keras.precision, "precision") + shim_source(old_keras.recall, "recall")
         + "rec = recall\nimport numpy as np\nm.compile('sgd', 'mse', metrics=[precision, rec])"),
        (("from keras.models import Sequential\n"
         "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy', 'fscore', 'precision'])"),
         "from keras.models import Sequential\n" + shim_source(old_keras.fmeasure, "fmeasure")
         + "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy', fmeasure, 'precision'])"),
        ("import keras\nm.compile('adam', 'mse', {'out': ['matthews_correlation']})\nprint(keras.metrics.fbeta_score)",
         "import keras\n" + shim_source(old_keras.matthews_correlation, "matthews_correlation")
         + "m.compile('adam', 'mse', {'out': [matthews_correlation]})\n" + shim_source(old_keras.fbeta_score,
                                                                                      "fbeta_score")
         + "print(fbeta_score)"),
        # scikit-learn's metrics module, and a precision that is not Keras's
        ("from sklearn import metrics\np = metrics.precision_score(y, q)\npd.options.display.precision = 3",
         "from sklearn import metrics\np = metrics.precision_score(y, q)\npd.options.display.precision = 3"),
    ),
)
class KerasLegacyMetrics(_KerasShims):
    def shim(self, name: str) -> cst.Name:
        return self.need_shim(_METRICS[name], getattr(old_keras, _METRICS[name]))

    def leave_Attribute(self, original, updated):
        if updated.attr.value in _METRICS and self.module_of(original.value) == "keras.metrics":
            return self.shim(updated.attr.value)
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        node = updated.body[0] if len(updated.body) == 1 else None
        if not isinstance(node, cst.ImportFrom) or node.relative or isinstance(node.names, cst.ImportStar) \
                or code_of(node.module) != "keras.metrics":
            return updated
        kept = [a for a in node.names if a.name.value not in _METRICS]
        if len(kept) == len(node.names):
            return updated
        stmts: list[cst.BaseStatement] = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            stmts.append(updated.with_changes(body=[node.with_changes(names=kept)]))
        for alias in node.names:
            if alias.name.value in _METRICS:
                local = alias.asname.name.value if alias.asname else alias.name.value
                source = shim_source(getattr(old_keras, _METRICS[alias.name.value]), _METRICS[alias.name.value])
                if not any(code_of(s).startswith(source.split("\n", 1)[0]) for s in stmts):
                    stmts += cst.parse_module(source).body
                if local != _METRICS[alias.name.value]:  # the function keeps its name: the logged one
                    stmts.append(cst.parse_statement(f"{local} = {_METRICS[alias.name.value]}\n"))
        stmts = [s.with_changes(leading_lines=updated.leading_lines if i == 0 else []) for i, s in enumerate(stmts)]
        return cst.FlattenSentinel(stmts)

    def leave_Call(self, original, updated):
        metrics = kwarg(updated, "metrics")
        if metrics is None and isinstance(updated.func, cst.Attribute) and updated.func.attr.value == "compile":
            pos = positional(updated)
            metrics = pos[2] if len(pos) > 2 else None  # compile(optimizer, loss, metrics)
        if metrics is None:
            return updated
        value = self.strings_as_functions(metrics.value)
        if value is metrics.value:
            return updated
        return updated.with_changes(args=[a.with_changes(value=value) if a is metrics else a for a in updated.args])

    def strings_as_functions(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """The metrics' list, tuple or per-output dict with the removed names' strings as the shims."""
        if string_value(node) in _STRINGS:
            return self.shim(string_value(node))
        if isinstance(node, (cst.List, cst.Tuple)):
            elements = [e.with_changes(value=self.strings_as_functions(e.value)) for e in node.elements]
            changed = any(new.value is not old.value for new, old in zip(elements, node.elements))
            return node.with_changes(elements=elements) if changed else node
        if isinstance(node, cst.Dict):
            elements = [e.with_changes(value=self.strings_as_functions(e.value)) if isinstance(e, cst.DictElement)
                        else e for e in node.elements]
            changed = any(new is not old for new, old in zip(elements, node.elements))
            return node.with_changes(elements=elements) if changed else node
        return node


# --------------------------------------------------------------------------- ModelCheckpoint(period=n)

_CALLBACKS = ("keras.callbacks", "tensorflow.keras.callbacks", "keras.callbacks.callbacks")


@rule(
    "keras-model-checkpoint-period-n",
    library="keras",
    changed_in="keras 2.3 (deprecated), 3.0 (removed)",
    rationale="ModelCheckpoint(period=n) saved at every n-th epoch end (counting from its creation, comparing the "
    "monitored value only then). save_freq counts batches, so a ModelCheckpoint subclass taking period= is written "
    "into the notebook that calls Keras 3's save at those epoch ends only. period=1 is the default today "
    "(keras-model-checkpoint-period drops it).",
    needles=("period",),
    prefilter=lambda code: "ModelCheckpoint" in code,
    gate=_keras3,
    signatures=(("TypeError", r"unexpected keyword argument 'period'"),),
    examples=(
        ("from keras.callbacks import ModelCheckpoint\ncp = ModelCheckpoint('w-{epoch:02d}.keras', period=5)",
         "from keras.callbacks import ModelCheckpoint\nimport keras\n" + _CHECKPOINT
         + "cp = ModelCheckpoint('w-{epoch:02d}.keras', period=5)"),
        ("import keras\ncb = [keras.callbacks.ModelCheckpoint(path, save_best_only=True, period=every)]",
         "import keras\n" + _CHECKPOINT + "cb = [ModelCheckpoint(path, save_best_only=True, period=every)]"),
        # period=1 is the other rule's; pytorch-lightning's ModelCheckpoint(period=) is not Keras's
        ("from keras.callbacks import ModelCheckpoint\ncp = ModelCheckpoint('b.keras', period=1)",
         "from keras.callbacks import ModelCheckpoint\ncp = ModelCheckpoint('b.keras', period=1)"),
        ("import keras\nfrom pytorch_lightning.callbacks import ModelCheckpoint\ncp = ModelCheckpoint(period=2)",
         "import keras\nfrom pytorch_lightning.callbacks import ModelCheckpoint\ncp = ModelCheckpoint(period=2)"),
    ),
)
class KerasCheckpointEveryN(_KerasShims):
    def leave_Call(self, original, updated):
        period = kwarg(updated, "period")
        if period is None or not self.keras_callee(updated, "ModelCheckpoint", _CALLBACKS):
            return updated
        if isinstance(period.value, cst.Integer) and period.value.evaluated_value == 1:
            return updated
        return updated.with_changes(func=self.need_shim("ModelCheckpoint", _CHECKPOINT))


# --------------------------------------------------------------------------- Embedding(dropout=p)

_LAYERS = ("keras.layers", "keras.layers.embeddings")


@rule(
    "keras-embedding-dropout",
    library="keras",
    changed_in="keras 2.0",
    rationale="Embedding(dropout=p) multiplied the embedding matrix by a random 0/1 mask of its rows scaled by "
    "1/(1-p), while training only. An Embedding subclass taking dropout= is written into the notebook that scales "
    "each looked-up row by its row's draw when training (the same computation; the draws differ, as any run's); "
    "the layer keeps its class name. dropout=0, the old default, just goes.",
    needles=("dropout",),
    prefilter=lambda code: "Embedding" in code,
    gate=_keras3,
    signatures=(("ValueError", r"Unrecognized keyword arguments passed to Embedding: \{'dropout'"),),
    examples=(
        ("from keras.layers import Embedding, LSTM\nmodel.add(Embedding(5000, 32, input_length=100, dropout=0.2))",
         "from keras.layers import Embedding, LSTM\nimport keras\n" + _EMBEDDING
         + "model.add(Embedding(5000, 32, input_length=100, dropout=0.2))"),
        ("import keras\nx = keras.layers.Embedding(n, 8, dropout=0.)(inp)\ny = keras.layers.Embedding(n, 8, dropout=p)(inp)",
         "import keras\n" + _EMBEDDING + "x = keras.layers.Embedding(n, 8)(inp)\ny = Embedding(n, 8, dropout=p)(inp)"),
        ("from keras.layers import Embedding, Dropout\ne = Embedding(10, 4)\nd = Dropout(0.5)",
         "from keras.layers import Embedding, Dropout\ne = Embedding(10, 4)\nd = Dropout(0.5)"),
    ),
)
class KerasEmbeddingDropout(_KerasShims):
    def leave_Call(self, original, updated):
        dropout = kwarg(updated, "dropout")
        if dropout is None or not self.keras_callee(updated, "Embedding", _LAYERS):
            return updated
        if isinstance(dropout.value, (cst.Integer, cst.Float)) and dropout.value.evaluated_value == 0:
            return remove_kwarg(updated, "dropout")
        return updated.with_changes(func=self.need_shim("Embedding", _EMBEDDING))
