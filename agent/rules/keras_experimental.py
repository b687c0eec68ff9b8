"""Keras 2's experimental namespaces: promoted to the core API in TensorFlow 2.4-2.6, removed with Keras 3.

- The preprocessing layers (``layers.experimental.preprocessing.Rescaling``, ``Normalization``,
  ``RandomFlip``, ...) and ``layers.experimental.EinsumDense`` became ``layers.X`` in Keras 2.6.
- Mixed precision left ``mixed_precision.experimental`` in TensorFlow 2.4: ``Policy`` kept its name,
  ``set_policy`` became ``set_global_policy``.
- The cosine learning-rate schedules of ``keras.experimental`` are ``keras.optimizers.schedules``'.

Keras 3 has only the promoted names, so each old spelling (an attribute chain or an import) is written as
the promoted one; the classes are the same ones the aliases pointed at.
"""

from __future__ import annotations

import libcst as cst

from .framework import RuleTransformer, dotted, rule

# (the old dotted tail, after a keras module) -> the promoted tail
_MOVED = {
    "layers.experimental.preprocessing": "layers",
    "layers.experimental": "layers",
    "mixed_precision.experimental": "mixed_precision",
    "experimental": "optimizers.schedules",  # keras.experimental.CosineDecay(Restarts)
}
_RENAMED = {"set_policy": "set_global_policy"}  # mixed_precision.experimental.set_policy
_SCHEDULES = {"CosineDecay", "CosineDecayRestarts"}


def _split(path: str) -> tuple[str, str] | None:
    """``tf.keras.layers.experimental.preprocessing`` -> (``tf.keras``, ``layers.experimental.preprocessing``):
    the keras module (by any name for tensorflow: ``tf``, ``tensorflow``, another alias) and the moved path."""
    head, found, tail = path.partition(".keras.")
    if found and "." not in head:
        return (f"{head}.keras", tail) if tail in _MOVED else None
    if path.startswith("keras."):
        tail = path[len("keras."):]
        return ("keras", tail) if tail in _MOVED else None
    return None


def _promoted(path: str, *names: str) -> str | None:
    """The promoted module of an experimental one; ``names``, what is read from it, decide for
    keras.experimental, of which only the learning-rate schedules moved (to optimizers.schedules)."""
    found = _split(path)
    if found is None or (found[1] == "experimental" and not (names and set(names) <= _SCHEDULES)):
        return None
    return f"{found[0]}.{_MOVED[found[1]]}"


@rule(
    "keras-experimental-namespaces",
    library="keras",
    changed_in="tensorflow 2.4-2.6 (promoted), keras 3.0 (experimental removed)",
    rationale="the preprocessing layers left layers.experimental.preprocessing for layers (2.6), mixed precision "
    "left mixed_precision.experimental (2.4, set_policy became set_global_policy), and keras.experimental's "
    "cosine schedules are optimizers.schedules'; Keras 3 kept only the promoted names, which are the same classes.",
    needles=("experimental", "set_policy"),
    gate=lambda ctx, code: "keras" in ctx.text,
    signatures=(("AttributeError", r"has no attribute '(experimental|set_policy)'"),
                ("ModuleNotFoundError", r"No module named '[\w.]*keras[\w.]*\.experimental"),),
    examples=(
        ("import tensorflow as tf\nr = tf.keras.layers.experimental.preprocessing.Rescaling(1. / 255)\n"
         "tf.keras.mixed_precision.experimental.set_policy('mixed_float16')\n"
         "s = tf.keras.experimental.CosineDecay(0.1, 1000)",
         "import tensorflow as tf\nr = tf.keras.layers.Rescaling(1. / 255)\n"
         "tf.keras.mixed_precision.set_global_policy('mixed_float16')\n"
         "s = tf.keras.optimizers.schedules.CosineDecay(0.1, 1000)"),
        ("from tensorflow.keras.layers.experimental import preprocessing\nn = preprocessing.Normalization()",
         "from tensorflow.keras import layers as preprocessing\nn = preprocessing.Normalization()"),
        ("from tensorflow.keras.layers.experimental.preprocessing import RandomFlip, RandomRotation",
         "from tensorflow.keras.layers import RandomFlip, RandomRotation"),
        ("from tensorflow.keras.mixed_precision import experimental as mixed_precision\n"
         "mixed_precision.set_policy(mixed_precision.Policy('mixed_float16'))",
         "from tensorflow.keras import mixed_precision\n"
         "mixed_precision.set_global_policy(mixed_precision.Policy('mixed_float16'))"),
        ("import tensorflow as tf\nds = tf.data.experimental.AUTOTUNE\nm = tf.keras.experimental.LinearModel()",
         "import tensorflow as tf\nds = tf.data.experimental.AUTOTUNE\nm = tf.keras.experimental.LinearModel()"),
        ("import tensorflow as tflow\nf = tflow.keras.layers.experimental.preprocessing.RandomFlip('horizontal')",
         "import tensorflow as tflow\nf = tflow.keras.layers.RandomFlip('horizontal')"),
    ),
)
class KerasExperimental(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # the local names of Keras' mixed_precision module, experimental or not, in any cell: set_policy never
        # was the stable module's, so a set_policy read from it is the experimental one's
        self.policy_modules = {local for local, full in ctx.imported.items()
                               if full.endswith(("keras.mixed_precision", "keras.mixed_precision.experimental"))}

    def leave_Attribute(self, original, updated):
        path = dotted(updated.value)
        if path is None:
            return updated
        name = updated.attr.value
        if name in _RENAMED and (path in self.policy_modules or path.endswith("keras.mixed_precision")):
            return updated.with_changes(attr=cst.Name(_RENAMED[name]))
        if _split(f"{path}.{name}") is not None:
            return updated  # an experimental module itself: what is read from it is rewritten, with its path
        promoted = _promoted(path, name)
        if promoted is None:
            return updated
        if promoted.endswith("mixed_precision"):
            name = _RENAMED.get(name, name)
        return updated.with_changes(value=cst.parse_expression(promoted), attr=cst.Name(name))

    def visit_ImportFrom(self, node) -> bool:
        return False  # the module's path is read whole in leave_ImportFrom, not attribute by attribute

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None and not updated.relative else None
        if module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        names = [a.evaluated_name for a in updated.names]
        whole = _promoted(f"{module}.{names[0]}") if len(names) == 1 else None
        if whole is not None:  # the module itself (from ...layers.experimental import preprocessing), under its name
            local = updated.names[0].evaluated_alias or names[0]
            head, _, last = whole.rpartition(".")
            alias = cst.ImportAlias(cst.Name(last), None if local == last else cst.AsName(cst.Name(local)))
            return updated.with_changes(module=cst.parse_expression(head), names=[alias])
        promoted = _promoted(module, *names)
        if promoted is None:
            return updated
        if promoted.endswith("mixed_precision"):  # set_policy is set_global_policy, imported under the old name
            aliases = [a.with_changes(name=cst.Name(_RENAMED[a.evaluated_name]),
                                      asname=a.asname or cst.AsName(cst.Name(a.evaluated_name)))
                       if a.evaluated_name in _RENAMED else a for a in updated.names]
            updated = updated.with_changes(names=aliases)
        return updated.with_changes(module=cst.parse_expression(promoted))
