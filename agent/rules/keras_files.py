"""Keras 3's file names: what a notebook writes with Keras must be named for the format Keras 3 writes.

Keras 2 wrote HDF5 whatever the name (``save_weights('w.h5')``, ``ModelCheckpoint('best.hdf5')``) and a
TensorFlow SavedModel for a name without an extension. Keras 3 chooses the format from the name and refuses
the others: weights go to ``*.weights.h5``, whole models to ``*.keras`` (or the legacy ``*.h5``), and a model
it saved as ``.h5`` with a loss named by a string ('mse') does not load back ("Could not deserialize
'keras.metrics.mse'"). So each path the notebook writes through Keras is renamed for its format, and every
other mention of the same name in the notebook (the load_weights / load_model that reads it back, an
``os.path.exists``) is renamed with it: the notebook reads what it wrote. Paths it only reads (a Kaggle
dataset's weights) keep their names; Keras 3 still reads legacy HDF5.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

from .framework import RuleTransformer, rule
from .tensorflow_rules import keras2_served

_ARGS = r"\(((?:[^()]|\([^()]*\))*)\)"  # a call's arguments, one level of nested parentheses
_PATH = r"""(?:filepath\s*=\s*)?(?:(?P<q>['"])(?P<lit>[^'"\n]+)(?P=q)|(?P<name>[A-Za-z_]\w*))"""
_WEIGHTS_CALL = re.compile(r"\.save_weights\(\s*" + _PATH)
_CHECKPOINT = re.compile(r"\bModelCheckpoint" + _ARGS)
_SAVE_CALL = re.compile(r"\.save\(\s*" + _PATH)
_LOAD_CALL = re.compile(r"\bload_model\(\s*" + _PATH)
_FIRST_PATH = re.compile(r"^\s*" + _PATH)
_WEIGHTS_ONLY = re.compile(r"\bsave_weights_only\s*=\s*True\b")
_OLD_SUFFIX = re.compile(r"(\.weights)?\.(h5|hdf5|ckpt|keras)$")


def weights_name(path: str) -> str:
    """'best.hdf5' -> 'best.weights.h5': the one name Keras 3 writes weights to."""
    return path if path.endswith(".weights.h5") else _OLD_SUFFIX.sub("", path) + ".weights.h5"


def model_name(path: str) -> str:
    """'best.hdf5' / 'my_model' / 'm.h5' -> '*.keras': Keras 3's own format, which loads back whatever the loss."""
    return path if path.endswith(".keras") else _OLD_SUFFIX.sub("", path) + ".keras"


def _paths(found: re.Match, text: str) -> list[str]:
    """The literal a call's path is, or the literals its name is bound to (``path = 'w.h5'``)."""
    if found.group("lit"):
        return [found.group("lit")]
    name = found.group("name")
    return re.findall(rf"(?m)^[ \t]*{name}\s*=\s*['\"]([^'\"\n]+)['\"]\s*$", text) if name else []


@lru_cache(maxsize=32)  # asked once per cell of the same notebook
def renames(text: str, failing: str = "") -> dict[str, str]:
    """{old path: new path} for the paths the notebook writes through Keras under names Keras 3 refuses;
    ``failing``, the line Keras refused a name on, counts its model.save(...) path too."""
    weights = {p for found in _WEIGHTS_CALL.finditer(text) for p in _paths(found, text)}
    models: set[str] = set()
    for call in _CHECKPOINT.finditer(text):
        first = _FIRST_PATH.match(call.group(1)) or re.search(r"\bfilepath\s*=\s*" + _PATH, call.group(1))
        paths = _paths(first, text) if first else []
        if _WEIGHTS_ONLY.search(call.group(1)):
            weights.update(paths)
        else:  # Keras 3 checkpoints whole models to .keras or .h5 only
            models.update(p for p in paths if not p.endswith((".keras", ".h5")))
    # a model saved and loaded back by the same name (a SavedModel folder, or HDF5 that may not load back)
    loaded = {p for found in _LOAD_CALL.finditer(text) for p in _paths(found, text)}
    models.update(p for found in _SAVE_CALL.finditer(text) for p in _paths(found, text)
                  if p in loaded and (p.endswith((".h5", ".hdf5")) or "." not in p.rsplit("/", 1)[-1]))
    models.update(p for found in _SAVE_CALL.finditer(failing) for p in _paths(found, text)
                  if not p.endswith((".keras", ".h5")))
    new = {p: weights_name(p) for p in weights}
    new.update({p: model_name(p) for p in models - weights})
    return {old: name for old, name in new.items() if old != name}


@rule(
    "keras3-file-names",
    library="keras",
    changed_in="keras 3.0",
    rationale="Keras 3 picks the file format from the name: save_weights and ModelCheckpoint(save_weights_only="
    "True) need '.weights.h5', a whole-model checkpoint '.keras' or '.h5', model.save a known extension (a "
    "folder name was TensorFlow's SavedModel), and an .h5 model compiled with a loss named by a string does not "
    "load back. The notebook's own files are renamed for the format (weights 'w.weights.h5', models "
    "'m.keras'), everywhere it names them, so what it reads back is what it wrote.",
    # the cells that write or name such a file; the gate keeps the rule to notebooks that write one
    needles=("save_weights", "ModelCheckpoint", "load_model", "load_weights", ".save(", ".h5", ".hdf5", ".ckpt"),
    gate=lambda ctx, code: not keras2_served(ctx) and (ctx.error is not None or bool(renames(ctx.text))),
    signatures=(("ValueError", r"The filename must end in `\.weights\.h5`|must end in `\.(weights\.h5|keras)`|"
                               r"Invalid filepath extension for saving|Could not deserialize 'keras\.(metrics|losses)"),),
    examples=(
        ("model.save_weights('w.h5')\nmodel.load_weights('w.h5')\nold.load_weights('../input/pre/w.h5')",
         "model.save_weights('w.weights.h5')\nmodel.load_weights('w.weights.h5')\n"
         "old.load_weights('../input/pre/w.h5')"),
        ("path = 'best.hdf5'\nck = ModelCheckpoint(path, monitor='val_loss', save_best_only=True)\n"
         "m2 = load_model(path)",
         "path = 'best.keras'\nck = ModelCheckpoint(path, monitor='val_loss', save_best_only=True)\n"
         "m2 = load_model(path)"),
        ("cb = [ModelCheckpoint(filepath='w-{epoch:02d}.hdf5', save_weights_only=True)]",
         "cb = [ModelCheckpoint(filepath='w-{epoch:02d}.weights.h5', save_weights_only=True)]"),
        ("model.save('model.h5')\nm = keras.models.load_model('model.h5')\nnet.save('saved')\nn = load_model('saved')",
         "model.save('model.keras')\nm = keras.models.load_model('model.keras')\nnet.save('saved.keras')\n"
         "n = load_model('saved.keras')"),
        # written and never read back: .h5 is a name Keras 3 writes; a gensim model's save is not Keras'
        # (a model.save(...) whose name Keras refuses is renamed on that error: see the tests); Keras 2's own
        # names stay in a notebook served Keras 2 (TF1 graph code)
        ("model.save('final.h5')\nw2v.save('w2v.model')\nck = ModelCheckpoint('best.h5')",
         "model.save('final.h5')\nw2v.save('w2v.model')\nck = ModelCheckpoint('best.h5')"),
        ("import tensorflow as tf\nx = tf.placeholder(tf.float32)\nmodel.save_weights('w.h5')",
         "import tensorflow as tf\nx = tf.placeholder(tf.float32)\nmodel.save_weights('w.h5')"),
    ),
)
class KerasFileNames(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        refused = self.on_own_error and "Invalid filepath extension" in ctx.error.evalue
        self.renames = renames(ctx.text, (ctx.error.line_source or "") if refused else "")

    def leave_SimpleString(self, original, updated):
        value = updated.evaluated_value
        if not self.renames or not isinstance(value, str) or value not in self.renames:
            return updated
        prefix = updated.prefix
        quote = updated.quote
        return updated.with_changes(value=f"{prefix}{quote}{self.renames[value]}{quote}")
