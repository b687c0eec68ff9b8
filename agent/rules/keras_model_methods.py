"""Keras 2 model methods, backend functions and layers that Keras 3 dropped, where what they did can still be
written out.

Found by reading Keras 2.2.4's source against the locked Keras (scripts/signature_diff.py --dirs ... --api):

- ``model.reset_states()`` reset every stateful layer of the model (Keras 2's Network looped over its
  layers); Keras 3's Model has no such method, its recurrent layers still have ``reset_states``. Stateful
  LSTM notebooks call it between epochs or sequences.
- ``model.to_yaml()`` / ``model_from_yaml(text)`` serialised the architecture as YAML; Keras 2.6 removed
  both (YAML loading could run code). ``to_json()`` / ``model_from_json(text)`` hold the same configuration,
  and JSON is valid YAML, so a file the notebook writes still parses as YAML; what the notebook reads back is
  what it wrote.
- ``K.function([model.input], [layer.output])`` built a callable from a model's tensors (the way old notebooks
  read a layer's activations); Keras 3's backend has no such function. Keras 2's is written into the notebook
  (old_keras.function): a Keras 3 model over the same tensors, called the same way, giving numpy arrays.
  K.in_train_phase / in_test_phase and K.print_tensor likewise (old_keras.py).
- LocallyConnected1D/2D (Keras 3; tf_keras still has them, but a tf_keras layer cannot join a Keras 3 model),
  MaxoutDense and Highway (Keras 2.4; deprecated since 2.0) are written in as Keras 3 layers computing what the
  old ones did, with the same weight shapes; HDF5Matrix (Keras 2.4) as the array it gave fit().
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import PositionProvider

from . import old_keras
from .framework import Context, RuleTransformer, code_of, rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source
from .tensorflow_rules import keras2_served

_KERAS_MODELS = re.compile(r"'(?:Sequential|Functional|Model|\w*Model)' object has no attribute '(?:reset_states|to_yaml)'")


def _keras3(ctx: Context, code: str) -> bool:
    return ("keras" in ctx.text) and not keras2_served(ctx)


def _model_names(ctx: Context) -> set[str]:
    return {name for name, maker in ctx.models.items() if maker in ("Sequential", "Model", "load_model")}


def _reset_loop(model: str) -> str:
    return (f"for layer in {model}.layers:\n"
            f"    if getattr(layer, 'stateful', False) and hasattr(layer, 'reset_states'):\n"
            f"        layer.reset_states()\n")


@rule(
    "keras-model-reset-states",
    library="keras",
    changed_in="keras 3.0 (tf.keras: tensorflow 2.16)",
    rationale="Keras 2's model.reset_states() reset each stateful layer of the model in turn; Keras 3's Model "
    "has no such method, while its recurrent layers keep reset_states. The call becomes that loop over the "
    "model's layers (or, inside an expression, the same loop as a list comprehension).",
    needles=("reset_states",),
    gate=_keras3,
    signatures=(("AttributeError", _KERAS_MODELS.pattern),),
    examples=(
        ("from keras.models import Sequential\nmodel = Sequential()\nfor i in range(3):\n"
         "    model.fit(X, y, epochs=1, shuffle=False)\n    model.reset_states()",
         "from keras.models import Sequential\nmodel = Sequential()\nfor i in range(3):\n    model.fit(X, y, epochs=1, shuffle=False)\n"
         "    for layer in model.layers:\n        if getattr(layer, 'stateful', False) and hasattr(layer, 'reset_states'):\n"
         "            layer.reset_states()"),
        ("model = load_model('m.keras')\nfor x in xs: model.predict(x); model.reset_states()",
         "model = load_model('m.keras')\nfor x in xs: model.predict(x); [layer.reset_states() for layer in model.layers "
         "if getattr(layer, 'stateful', False) and hasattr(layer, 'reset_states')]"),
        # a layer's own reset_states is still there; an object the notebook did not build as a model is left
        ("import keras\nmodel = Sequential()\nlstm = LSTM(4, stateful=True)\nlstm.reset_states()\nnet.reset_states()",
         "import keras\nmodel = Sequential()\nlstm = LSTM(4, stateful=True)\nlstm.reset_states()\nnet.reset_states()"),
    ),
)
class ModelResetStates(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.models = _model_names(ctx)

    def _model_of(self, original: cst.CSTNode, call: cst.BaseExpression) -> str | None:
        """The receiver's code when ``call`` is ``<model>.reset_states()``: a name built as a model, or any plain
        receiver on the line Keras's own error names."""
        if not (isinstance(call, cst.Call) and not call.args and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "reset_states"):
            return None
        receiver = call.func.value  # written once in either form below: any receiver, a call included
        if isinstance(receiver, cst.Name) and receiver.value in self.models or self.on_own_error_line(original):
            return code_of(receiver)  # model, nets['a'], self.model, Sequential([...])
        return None

    def leave_SimpleStatementLine(self, original, updated):
        if len(original.body) == 1 and isinstance(original.body[0], cst.Expr):  # the call is the whole line
            model = self._model_of(original.body[0].value, original.body[0].value)
            if model:
                loop = cst.parse_statement(_reset_loop(model))
                return loop.with_changes(leading_lines=updated.leading_lines)
        return updated

    def leave_Call(self, original, updated):
        model = self._model_of(original, updated)
        if model is None:
            return updated
        return cst.parse_expression(f"[layer.reset_states() for layer in {model}.layers "
                                    f"if getattr(layer, 'stateful', False) and hasattr(layer, 'reset_states')]")


@rule(
    "keras-yaml-serialisation",
    library="keras",
    changed_in="keras 2.6 (removed for safety); keras 3.0",
    rationale="model.to_yaml() and model_from_yaml() were removed; to_json() and model_from_json() carry the "
    "same architecture, and JSON text is valid YAML, so the file a notebook writes is still YAML and reads "
    "back into the same model.",
    needles=("to_yaml", "model_from_yaml"),
    gate=_keras3,
    signatures=(("AttributeError", _KERAS_MODELS.pattern),
                ("ImportError", r"cannot import name 'model_from_yaml'")),
    examples=(
        ("from keras.models import model_from_yaml\nmodel = Sequential()\nspec = model.to_yaml()\n"
         "with open('m.yaml', 'w') as f:\n    f.write(spec)\nclone = model_from_yaml(open('m.yaml').read())",
         "from keras.models import model_from_json\nmodel = Sequential()\nspec = model.to_json()\n"
         "with open('m.yaml', 'w') as f:\n    f.write(spec)\nclone = model_from_json(open('m.yaml').read())"),
        ("import keras\nm2 = keras.models.model_from_yaml(text, custom_objects={'f': f})",
         "import keras\nm2 = keras.models.model_from_json(text, custom_objects={'f': f})"),
        ("import keras\ns = yaml.dump(cfg)\nt = doc.to_yaml()", "import keras\ns = yaml.dump(cfg)\nt = doc.to_yaml()"),
    ),
)
class YamlSerialisation(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.models = _model_names(ctx)

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "to_yaml":
            receiver = updated.value
            if isinstance(receiver, cst.Name) and receiver.value in self.models or self.on_own_error_line(original):
                return updated.with_changes(attr=cst.Name("to_json"))
        return updated

    def leave_Name(self, original, updated):
        # keras.models.model_from_yaml, its import and its calls: the name is Keras's alone
        return updated.with_changes(value="model_from_json") if updated.value == "model_from_yaml" else updated


_BACKENDS = ("keras.backend", "tensorflow.keras.backend")
_BACKEND_SHIMS = ("function", "learning_phase", "in_train_phase", "in_test_phase", "print_tensor")
BACKEND_TABLE = {(home, name): getattr(old_keras, name) for home in _BACKENDS for name in _BACKEND_SHIMS}


@rule(
    "keras-backend-function",
    library="keras",
    changed_in="keras 3.0 (tf.keras: tensorflow 2.16)",
    rationale="keras.backend.function(inputs, outputs) returned a callable mapping a list of input values (and the "
    "learning phase's flag) to numpy arrays; Keras 3 dropped it, and learning_phase() with it. Keras 2's function "
    "is written into the notebook over a Keras 3 model of the same tensors; learning_phase() is the 0 it gave "
    "outside fit. in_train_phase(x, alt) / in_test_phase pick by the training flag of the layer call they run in "
    "(or the training= given), and print_tensor(x, message) prints through TensorFlow and returns x.",
    pattern=names_pattern(BACKEND_TABLE),
    gate=_keras3,
    signatures=import_signatures(BACKEND_TABLE),
    examples=(
        ("from keras import backend as K\nget = K.function([model.input], [model.layers[2].output])\nout = get([x])[0]",
         "from keras import backend as K\n" + shim_source(old_keras.function, "function")
         + "get = function([model.input], [model.layers[2].output])\nout = get([x])[0]"),
        ("import keras\nx = keras.ops.relu(y)\nf = compile(src, 'a', 'exec')", "import keras\nx = keras.ops.relu(y)\n"
         "f = compile(src, 'a', 'exec')"),
        ("from tensorflow.keras import backend as K\ny = K.in_train_phase(K.dropout(x, 0.5), x)",
         "from tensorflow.keras import backend as K\n" + shim_source(old_keras.in_train_phase, "in_train_phase")
         + "y = in_train_phase(K.dropout(x, 0.5), x)"),
    ),
)
class BackendFunction(RemovedNames):
    TABLE = BACKEND_TABLE


# --------------------------------------------------------------------------- removed layers, HDF5Matrix

_LAYER_BASE = "keras.layers.Layer"  # the shims' base, reached through an `import keras` the rule adds
_LAYER_HOMES = {"LocallyConnected1D": ("keras.layers", "keras.layers.local", "tensorflow.keras.layers"),
                "LocallyConnected2D": ("keras.layers", "keras.layers.local", "tensorflow.keras.layers"),
                "MaxoutDense": ("keras.layers", "keras.layers.core", "keras.legacy.layers"),
                "Highway": ("keras.layers", "keras.layers.core", "keras.legacy.layers")}
_LAYER_SHIMS = {"LocallyConnected1D": old_keras.LocallyConnected, "LocallyConnected2D": old_keras.LocallyConnected,
                "MaxoutDense": old_keras.MaxoutDense, "Highway": old_keras.Highway}
LAYER_TABLE = {
    **{(home, name): shim_source(_LAYER_SHIMS[name], name, base=_LAYER_BASE)
       for name, homes in _LAYER_HOMES.items() for home in homes},
    **{(home, "HDF5Matrix"): old_keras.HDF5Matrix
       for home in ("keras.utils", "keras.utils.io_utils", "tensorflow.keras.utils")},
}


@rule(
    "keras-removed-layers",
    library="keras",
    changed_in="keras 2.4 (MaxoutDense, Highway, HDF5Matrix); keras 3.0 (LocallyConnected1D/2D)",
    rationale="LocallyConnected1D/2D (a convolution with its own kernel at each output position, 'valid' padding), "
    "MaxoutDense (the largest of nb_feature linear maps) and Highway (a sigmoid gate between activation(xW + b) "
    "and x) are written into the notebook as Keras 3 layers computing the same thing with the old arguments and "
    "weight shapes; HDF5Matrix(path, dataset, start, end, normalizer) is those rows read with h5py.",
    pattern=names_pattern(LAYER_TABLE),
    gate=_keras3,
    signatures=import_signatures(LAYER_TABLE),
    examples=(
        ("from keras.layers import Dense, LocallyConnected1D\nm.add(LocallyConnected1D(8, 3, input_shape=(10, 2)))",
         "from keras.layers import Dense\nimport keras\n" + LAYER_TABLE["keras.layers", "LocallyConnected1D"]
         + "m.add(LocallyConnected1D(8, 3, input_shape=(10, 2)))"),
        ("from keras import layers\nh = layers.Highway(activation='relu')(x)",
         "from keras import layers\nimport keras\n" + LAYER_TABLE["keras.layers", "Highway"]
         + "h = Highway(activation='relu')(x)"),
        ("from keras.utils import HDF5Matrix, to_categorical\nX = HDF5Matrix('d.h5', 'x', end=100)",
         "from keras.utils import to_categorical\n" + shim_source(old_keras.HDF5Matrix, "HDF5Matrix")
         + "X = HDF5Matrix('d.h5', 'x', end=100)"),
    ),
)
class KerasRemovedLayers(RemovedNames):
    TABLE = LAYER_TABLE

    def leave_Module(self, original, updated):
        """The shims in place, then ``import keras`` right before the first layer class, whose base needs the name
        (unless the cell has that line)."""
        updated = super().leave_Module(original, updated)
        body = list(updated.body)
        code = [code_of(s) for s in body]
        at = next((i for i, c in enumerate(code) if c.lstrip().startswith("class ") and f"({_LAYER_BASE}):" in c), None)
        if at is None or any(c.strip() == "import keras" for c in code[:at]):  # the shims' own imports are inside
            return updated
        new = cst.parse_statement("import keras\n").with_changes(leading_lines=body[at].leading_lines)
        body[at:at + 1] = [new, body[at].with_changes(leading_lines=[])]
        return updated.with_changes(body=body)
