"""Keras 1 and 2 code under Keras 3: moved modules, removed methods, renamed layer arguments.

Keras 2.0 (2017) renamed most layer arguments (``output_dim`` -> ``units``,
``border_mode`` -> ``padding``, ``init`` -> ``kernel_initializer``...) and took
``Convolution2D(32, 3, 3)``'s kernel as one ``(3, 3)``; Keras 2 still read the old
spelling with a warning, Keras 3 rejects it ("Unrecognized keyword arguments") or,
for the three-number convolution, silently reads the third number as the stride.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    callee_name,
    dotted,
    kwarg,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    set_kwarg_value,
    split_import_from,
    string_value,
)

_LAYER_MODULES = (
    "core",
    "convolutional",
    "recurrent",
    "normalization",
    "embeddings",
    "pooling",
    "merge",
    "advanced_activations",
    "noise",
    "wrappers",
    "local",
)
# A Keras model's class in the error (scikit-learn models keep their predict_proba).
_NO_PREDICT_PROBA = r"'(Sequential|Functional|Model)' object has no attribute 'predict_proba'"
OPTIMIZERS = ("Adam", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "AdamW", "Lion",
              "Adafactor", "LossScaleOptimizer", "Optimizer")  # Keras' optimizer classes, which took lr= until 3.0
_GENERATORS = {"fit_generator": "fit", "predict_generator": "predict", "evaluate_generator": "evaluate"}
_CUDNN = {"CuDNNLSTM": "LSTM", "CuDNNGRU": "GRU"}  # Keras 2.3+ layers pick the cuDNN kernel themselves
# Keras 2.0 folded the atrous layers into Conv1D/Conv2D(dilation_rate=); keras1-layer-arguments rewrites the calls
_ATROUS = {"AtrousConvolution1D": "Conv1D", "AtrousConvolution2D": "Conv2D"}
_DIM_ORDERING = {"tf": "channels_last", "th": "channels_first"}
# Keras 3 left these out of keras.preprocessing but keeps them, for tf.keras, in its legacy modules: the classes
# tf.keras.preprocessing.image.ImageDataGenerator resolves to, whose iterators are PyDatasets Keras 3's fit reads.
_LEGACY_PREPROCESSING = {
    "image": {"ImageDataGenerator", "Iterator", "DirectoryIterator", "NumpyArrayIterator", "apply_affine_transform",
              "apply_brightness_shift", "apply_channel_shift", "random_brightness", "random_channel_shift",
              "random_rotation", "random_shear", "random_shift", "random_zoom"},
    "sequence": {"TimeseriesGenerator", "make_sampling_table", "skipgrams"},
}


def _renamed_names(names, renames: dict[str, str]):
    """An import's names with ``renames`` applied, each under its old local name (``plot_model as plot``)."""
    if isinstance(names, cst.ImportStar) or not any(
            isinstance(a.name, cst.Name) and a.name.value in renames for a in names):
        return names
    return [a.with_changes(name=cst.Name(renames[a.name.value]), asname=a.asname or cst.AsName(cst.Name(a.name.value)))
            if isinstance(a.name, cst.Name) and a.name.value in renames else a for a in names]


_KERAS_ONLY = re.compile(r"_generator\(|predict_classes|nb_epoch|CuDNN|Atrous|set_image_dim_ordering")
_KERAS3_WORDS = re.compile(
    r"layers\.(" + "|".join(_LAYER_MODULES) + r")\b|keras\.engine|preprocessing\.(text|image|sequence)|preprocessing import [^\n]*\btext\b|np_utils|"
    r"objectives|"
    r"visualize_util|_generator\(|predict_classes|lr=|nb_epoch|CuDNN|AtrousConv|image_dim_ordering|Model\([^)]*\b(input|output)\s*=")
_KERAS_MODELS = ("Sequential", "Model", "load_model")
_LOOPS = ("fit", "fit_generator", "evaluate", "evaluate_generator", "predict", "predict_generator")
_LOADER_KEYWORDS = ("workers", "use_multiprocessing", "max_queue_size")
_TRAINER_KEYWORD = r"Trainer\.\w+\(\) got an unexpected keyword argument"  # Keras 3's fit/compile/... refusing one


def _keras3_gate(ctx: Context, code: str) -> bool:
    """predict_proba and lr= are scikit-learn's and the boosters' too: alone they need keras in the notebook,
    and predict_proba a Keras model built in it (or an error that names one)."""
    if "keras" not in ctx.text and _KERAS_ONLY.search(code) is None:
        return False
    return (_KERAS3_WORDS.search(code) is not None or ctx.error is not None
            or any(kind in _KERAS_MODELS for kind in ctx.models.values()))


@rule(
    "keras3-removed-api",
    library="keras",
    changed_in="keras 2.4-3.0",
    rationale="fit_generator/predict_generator became fit/predict, predict_classes was removed "
    "(argmax of predict) and so was predict_proba (predict gives the same probabilities), np_utils and the "
    "layers.core/convolutional/... submodules were removed, "
    "optimizers take learning_rate= instead of lr= and fit takes epochs= instead of nb_epoch=; "
    "keras.preprocessing.text (Tokenizer) left Keras 3 and is read from Keras 2's tf_keras; ImageDataGenerator, "
    "TimeseriesGenerator and the image transforms left keras.preprocessing and are read from Keras 3's legacy "
    "modules (what tf.keras.preprocessing gives, and fit takes their iterators); Keras 2.0 renamed "
    "keras.objectives to keras.losses and visualize_util's plot to plot_model, and image_dim_ordering() "
    "('th'/'tf') became image_data_format() ('channels_first'/'channels_last').",
    # What the rewrites below read (not every cell that says keras: most of a Keras notebook's cells import
    # and build what Keras 3 still has).
    pattern=_KERAS3_WORDS.pattern + "|predict_proba|workers|use_multiprocessing|max_queue_size|sample_weight_mode",
    gate=_keras3_gate,
    signatures=(
        ("ModuleNotFoundError", r"No module named 'keras\."),
        ("ImportError", r"cannot import name .* from 'keras"),
        ("AttributeError", r"has no attribute '(fit_generator|predict_generator|evaluate_generator|predict_classes)'"),
        ("AttributeError", _NO_PREDICT_PROBA),
        ("TypeError", r"unexpected keyword argument '(lr|nb_epoch|workers|use_multiprocessing|max_queue_size|"
                      r"sample_weight_mode)'"),
        ("ValueError", r"Argument\(s\) not recognized: \{'lr'|Unrecognized keyword arguments passed to \w*Model"),
        ("AttributeError", r"has no attribute '(CuDNNLSTM|CuDNNGRU|AtrousConvolution[12]D|set_image_dim_ordering|"
                           r"image_dim_ordering)'"),
    ),
    examples=(
        ("from keras.layers.core import Dense, Dropout", "from keras.layers import Dense, Dropout"),
        ("from keras.utils import np_utils", "from keras import utils as np_utils"),
        ("from keras.preprocessing.text import Tokenizer", "from tf_keras.preprocessing.text import Tokenizer"),
        ("from keras.preprocessing import text, sequence\ntok = text.Tokenizer(num_words=100)\n"
         "import keras.preprocessing.text as kpt\nw = kpt.text_to_word_sequence(s)",
         "from keras.preprocessing import sequence\nfrom tf_keras.preprocessing import text\n"
         "tok = text.Tokenizer(num_words=100)\nimport tf_keras.preprocessing.text as kpt\nw = kpt.text_to_word_sequence(s)"),
        ("from keras.preprocessing.image import ImageDataGenerator, load_img as load",
         "from keras.preprocessing.image import load_img as load\n"
         "from keras.src.legacy.preprocessing.image import ImageDataGenerator"),
        ("import keras\ngen = keras.preprocessing.image.ImageDataGenerator(rotation_range=10)",
         "import keras\ngen = keras.src.legacy.preprocessing.image.ImageDataGenerator(rotation_range=10)"),
        ("from keras.preprocessing.sequence import pad_sequences, TimeseriesGenerator as TG",
         "from keras.preprocessing.sequence import pad_sequences\n"
         "from keras.src.legacy.preprocessing.sequence import TimeseriesGenerator as TG"),
        ("from keras import objectives, layers\nfrom keras.objectives import categorical_crossentropy\n"
         "from keras.utils.visualize_util import plot",
         "from keras import losses as objectives, layers\nfrom keras.losses import categorical_crossentropy\n"
         "from keras.utils import plot_model as plot"),
        ("from keras import backend as K\nif K.image_dim_ordering() == 'th':\n    shape = (1, 28, 28)\n"
         "order = K.image_dim_ordering()",
         "from keras import backend as K\nif K.image_data_format() == 'channels_first':\n    shape = (1, 28, 28)\n"
         "order = {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()]"),
        ("h = model.fit_generator(gen, epochs=3)", "h = model.fit(gen, epochs=3)"),
        ("from keras.models import Sequential\nmodel = Sequential()\n"
         "model.compile('adam', 'mse', sample_weight_mode='temporal')\n"
         "h = model.fit_generator(gen, epochs=3, workers=4, use_multiprocessing=True)\nsearch.fit(X, y, workers=2)",
         "from keras.models import Sequential\nmodel = Sequential()\nmodel.compile('adam', 'mse')\n"
         "h = model.fit(gen, epochs=3)\nsearch.fit(X, y, workers=2)"),
        ("p = model.predict_classes(X)", "p = model.predict(X).argmax(axis=-1)"),
        (
            "from keras.models import Sequential\nnet = Sequential()\np = net.predict_proba(X)\nq = rf.predict_proba(X)",
            "from keras.models import Sequential\nnet = Sequential()\np = net.predict(X)\nq = rf.predict_proba(X)",
        ),
        (
            "from keras.optimizers import Adam\no = Adam(lr=0.001)",
            "from keras.optimizers import Adam\no = Adam(learning_rate=0.001)",
        ),
        (
            "from keras.engine.topology import Layer\nfrom keras.layers import CuDNNLSTM, Dense\n"
            "from keras import backend as K\nK.set_image_dim_ordering('th')\nm = Model(input=i, output=o)\n"
            "g = keras.layers.CuDNNGRU(32)",
            "from keras.layers import Layer\nfrom keras.layers import LSTM as CuDNNLSTM, Dense\n"
            "from keras import backend as K\nK.set_image_data_format('channels_first')\nm = Model(inputs=i, outputs=o)\n"
            "g = keras.layers.GRU(32)",
        ),
        ("from keras.layers.convolutional import AtrousConvolution2D, Conv2D",
         "from keras.layers import Conv2D as AtrousConvolution2D, Conv2D"),
    ),
)
class Keras3(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # on the error: the predict_proba of the failing line

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)  # an import split in two (the legacy preprocessing)

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if module is None:
            return updated
        parts = module.split(".")
        if (
            parts[:1] in (["keras"], ["tensorflow"])
            and len(parts) >= 3
            and parts[-2] == "layers"
            and parts[-1] in _LAYER_MODULES
        ):
            return updated.with_changes(module=cst.parse_expression(".".join(parts[:-1])),
                                        names=_renamed_names(updated.names, _CUDNN | _ATROUS))
        if module in ("keras.engine", "keras.engine.topology", "keras.engine.base_layer"):
            return updated.with_changes(module=cst.parse_expression("keras.layers"))  # Layer, InputSpec
        if module in ("keras.layers", "tensorflow.keras.layers", "keras.layers.cudnn_recurrent") and not isinstance(
            updated.names, cst.ImportStar
        ) and any(a.name.value in _CUDNN or a.name.value in _ATROUS for a in updated.names):
            return updated.with_changes(module=cst.parse_expression(".".join(module.split(".")[:-1] + ["layers"])
                                                                     if module.endswith("cudnn_recurrent") else module),
                                        names=_renamed_names(updated.names, _CUDNN | _ATROUS))
        if module in ("keras.preprocessing.image", "keras.preprocessing.sequence") and \
                not isinstance(updated.names, cst.ImportStar):
            legacy = _LEGACY_PREPROCESSING[module.rsplit(".", 1)[1]]
            moved = [a for a in updated.names if isinstance(a.name, cst.Name) and a.name.value in legacy]
            if moved:
                return split_import_from(
                    updated, [a for a in updated.names if a not in moved],
                    [("keras.src.legacy." + module.removeprefix("keras."), a.evaluated_name,
                      a.evaluated_alias or a.evaluated_name) for a in moved])
        if module == "keras.preprocessing" and not isinstance(updated.names, cst.ImportStar):
            # ``from keras.preprocessing import text``: the module itself, read from tf_keras as above
            moved = [a for a in updated.names if isinstance(a.name, cst.Name) and a.name.value == "text"]
            if moved:
                return split_import_from(updated, [a for a in updated.names if a not in moved],
                                         [("tf_keras.preprocessing", "text", moved[0].evaluated_alias or "text")])
        if module in ("keras.preprocessing.text", "tensorflow.keras.preprocessing.text"):
            return updated.with_changes(module=cst.parse_expression("tf_keras.preprocessing.text"))
        if module.endswith("utils.np_utils"):
            return updated.with_changes(module=cst.parse_expression(module[: -len(".np_utils")]))
        if module.endswith("keras.utils") and not isinstance(updated.names, cst.ImportStar):
            if [a.name.value for a in updated.names] == ["np_utils"]:
                base = module[: -len(".utils")]
                return updated.with_changes(
                    module=cst.parse_expression(base),
                    names=[cst.ImportAlias(cst.Name("utils"), asname=cst.AsName(cst.Name("np_utils")))],
                )
        if module == "keras.objectives":  # Keras 2.0 renamed the module losses
            return updated.with_changes(module=cst.parse_expression("keras.losses"))
        if module == "keras.utils.visualize_util":  # Keras 2.0: vis_utils, whose plot became plot_model
            return updated.with_changes(module=cst.parse_expression("keras.utils"),
                                        names=_renamed_names(updated.names, {"plot": "plot_model"}))
        if module == "keras":
            names = _renamed_names(updated.names, {"objectives": "losses"})
            return updated if names is updated.names else updated.with_changes(names=names)
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name in _LOOPS and self._keras_model(original, _TRAINER_KEYWORD):
            # the data-loading settings moved to PyDataset's constructor; they only sped the feeding up
            for gone in _LOADER_KEYWORDS:
                updated = remove_kwarg(updated, gone)
        if name in _GENERATORS and isinstance(updated.func, cst.Attribute):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name(_GENERATORS[name])))
        if name == "predict_proba" and isinstance(updated.func, cst.Attribute) and self._keras_model(original):
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("predict")))
        if name == "predict_classes" and isinstance(updated.func, cst.Attribute):
            predict = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("predict")))
            return cst.Call(
                cst.Attribute(predict, cst.Name("argmax")),
                [
                    cst.Arg(
                        cst.parse_expression("-1"),
                        keyword=cst.Name("axis"),
                        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
                    )
                ],
            )
        if name in OPTIMIZERS and "keras" in self.ctx.text:
            return rename_kwarg(updated, "lr", "learning_rate")
        if name in ("fit", "fit_generator") and "keras" in self.ctx.text:
            return rename_kwarg(updated, "nb_epoch", "epochs")
        if name == "compile" and kwarg(updated, "sample_weight_mode") is not None \
                and self._keras_model(original, _TRAINER_KEYWORD):
            return remove_kwarg(updated, "sample_weight_mode")  # Keras 3 reads 2-D sample weights as 'temporal' did
        if name == "Model" and "keras" in self.ctx.text and (kwarg(updated, "input") or kwarg(updated, "output")):
            return rename_kwarg(rename_kwarg(updated, "input", "inputs"), "output", "outputs")
        if name == "image_dim_ordering" and isinstance(updated.func, cst.Attribute) and not updated.args:
            # Keras 2 answers 'channels_first'/'channels_last' where Keras 1 said 'th'/'tf': keep the old answer
            data_format = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("image_data_format")))
            return cst.Subscript(cst.parse_expression("{'channels_first': 'th', 'channels_last': 'tf'}"),
                                 [cst.SubscriptElement(cst.Index(data_format))])
        if name == "set_image_dim_ordering" and isinstance(updated.func, cst.Attribute) and len(updated.args) == 1:
            order = string_value(updated.args[0].value)
            if order in _DIM_ORDERING:
                return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("set_image_data_format")),
                                            args=[cst.Arg(cst.SimpleString(repr(_DIM_ORDERING[order])))])
        return updated

    def leave_Comparison(self, original, updated):
        """``K.image_dim_ordering() == 'th'`` reads as Keras 2 writes it: ``K.image_data_format() ==
        'channels_first'`` (elsewhere the call keeps its old answers, see leave_Call)."""
        left = original.left
        if not (m.matches(left, m.Call(func=m.Attribute(attr=m.Name("image_dim_ordering")), args=()))
                and all(isinstance(c.operator, (cst.Equal, cst.NotEqual))
                        and string_value(c.comparator) in _DIM_ORDERING for c in original.comparisons)):
            return updated
        data_format = left.with_changes(func=left.func.with_changes(attr=cst.Name("image_data_format")))
        return original.with_changes(left=data_format, comparisons=[
            c.with_changes(comparator=cst.SimpleString(repr(_DIM_ORDERING[string_value(c.comparator)])))
            for c in original.comparisons])

    def leave_Import(self, original, updated):
        # ``import keras.preprocessing.text as kpt``: the aliased module, read from tf_keras (unaliased, its uses
        # spell keras.preprocessing.text and are left to the error)
        names = [a.with_changes(name=cst.parse_expression("tf_keras.preprocessing.text"))
                 if a.asname is not None and dotted(a.name) == "keras.preprocessing.text" else a for a in updated.names]
        return updated.with_changes(names=names) if any(a is not b for a, b in zip(names, updated.names)) else updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value in _CUDNN and "layers" in (dotted(updated.value) or "") and "keras" in self.ctx.text:
            return updated.with_changes(attr=cst.Name(_CUDNN[updated.attr.value]))
        # keras.preprocessing.image.ImageDataGenerator reached from the package (import keras loads the legacy
        # modules, so keras.src.legacy... needs no import of its own)
        package, *path = (dotted(updated.value) or "").split(".")
        if path[:1] == ["preprocessing"] and len(path) == 2 and self.ctx.imported.get(package) == "keras" and \
                updated.attr.value in _LEGACY_PREPROCESSING.get(path[1], ()):
            return updated.with_changes(value=cst.parse_expression(f"{package}.src.legacy.preprocessing.{path[1]}"))
        return updated

    def _keras_model(self, call: cst.Call, error_names: str = _NO_PREDICT_PROBA) -> bool:
        """Whether ``call``'s object is a Keras model: built by Sequential/Model/load_model in the notebook, or
        the one a Keras error (``error_names``: the missing predict_proba, a keyword fit refuses) names, on the
        failing line. ``call`` is the original node (its position is read)."""
        owner = dotted(call.func.value) if isinstance(call.func, cst.Attribute) else None
        if self.ctx.models.get(owner or "") in _KERAS_MODELS:
            return True
        error = self.ctx.error
        return error is not None and re.search(error_names, error.evalue) is not None and self.on_error_line(call)




# Keras 1 argument -> Keras 2+ argument, for every layer that had it.
_RENAMED = {
    "init": "kernel_initializer", "W_regularizer": "kernel_regularizer", "b_regularizer": "bias_regularizer",
    "W_constraint": "kernel_constraint", "b_constraint": "bias_constraint", "bias": "use_bias",
    "border_mode": "padding", "subsample": "strides", "subsample_length": "strides", "dim_ordering": "data_format",
    "nb_filter": "filters", "filter_length": "kernel_size", "atrous_rate": "dilation_rate", "pool_length": "pool_size", "stride": "strides",
    "inner_init": "recurrent_initializer", "inner_activation": "recurrent_activation",
    "U_regularizer": "recurrent_regularizer", "dropout_W": "dropout", "dropout_U": "recurrent_dropout",
}
_UNITS = {"Dense", "LSTM", "GRU", "SimpleRNN"}  # output_dim -> units (an Embedding's output_dim stays)
# Layers and regularizers whose one argument Keras 2 or 3 renamed: callable -> (old, new)
_OWN_RENAME = {"Dropout": ("p", "rate"), "GaussianDropout": ("p", "rate"), "GaussianNoise": ("sigma", "stddev"),
               "l1": ("l", "l1"), "l2": ("l", "l2")}
_EMBEDDING = {"init": "embeddings_initializer", "W_regularizer": "embeddings_regularizer",
              "W_constraint": "embeddings_constraint"}
# positional arguments: filters + one per axis
_OLD_CONVOLUTIONS = {"Convolution2D": 3, "Convolution3D": 4, "AtrousConvolution2D": 3}
_DATA_FORMAT = {"th": "channels_first", "tf": "channels_last"}
_LAYERS = _UNITS | {
    "Embedding", "Dropout", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D",
    "SeparableConv2D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
    "AveragePooling3D", "GlobalMaxPooling2D", "GlobalAveragePooling2D", "ZeroPadding2D", "UpSampling2D",
    "Cropping2D", "Flatten", "BatchNormalization", "Activation", "GaussianNoise", "GaussianDropout", *_ATROUS,
}
_REGULARIZERS = {"l1", "l2"}


def _keras_layer(call: cst.Call, ctx: Context) -> str | None:
    """The layer class a call builds (or the regularizer), when it is one of Keras' (imported from keras or
    reached through it)."""
    name = callee_name(call)
    if name not in _LAYERS and name not in _REGULARIZERS:
        return None
    if isinstance(call.func, cst.Name):
        return name if "keras" in ctx.imported.get(name, "") else None
    home = "regularizers" if name in _REGULARIZERS else "layers"
    return name if home in (dotted(call.func) or "") and "keras" in ctx.text else None


_LAYER_WORDS = re.compile(r"Dense|Conv|Pooling|LSTM|GRU|RNN|Embedding|Dropout|BatchNormalization|Sequential|keras|"
                          r"layers|Activation|Flatten|UpSampling|ZeroPadding|Merge|Reshape|Noise|regularizers|l[12]\(")


@rule(
    "keras1-layer-arguments",
    library="keras",
    changed_in="keras 2.0 (old spelling read with a warning until keras 3.0)",
    rationale="Keras 2 renamed layer arguments (output_dim -> units, border_mode -> padding, init -> "
    "kernel_initializer, W_regularizer -> kernel_regularizer, p -> rate, GaussianNoise's sigma -> stddev, ...) and "
    "took a convolution's kernel as one tuple; Keras 3 rejects the old names, reads Convolution2D(32, 3, 3)'s last 3 "
    "as the stride, and names the regularizers' argument after them (l2(l=) -> l2(l2=)).",
    needles=("Convolution", "border_mode", "output_dim", "init=", "W_regularizer", "subsample", "Dropout(p=",
             "mode=", "consume_less", "sigma=", "(l=",
             "dim_ordering", "nb_filter", "dropout_W", "pool_length", "filter_length", "atrous_rate"),
    # init=, mode= and subsample are common words (KMeans(init=), xgboost's subsample): only cells with layers
    prefilter=lambda code: _LAYER_WORDS.search(code) is not None,
    signatures=(
        ("ValueError", r"Unrecognized keyword arguments passed to \w+: \{'(init|border_mode|subsample|W_regularizer|"
                       r"b_regularizer|dim_ordering|nb_filter|dropout_W|dropout_U|pool_length|filter_length|"
                       r"inner_init|inner_activation|bias|subsample_length|mode|consume_less)'"),
        ("TypeError", r"missing 1 required positional argument: '(units|rate)'"),
        ("TypeError", r"L[12]\.__init__\(\) got an unexpected keyword argument 'l'"),
    ),
    examples=(
        (
            "from keras.layers import Convolution2D, Dense\n"
            "c = Convolution2D(32, 3, 3, border_mode='same', init='he_normal', dim_ordering='th')\n"
            "d = Dense(output_dim=10, W_regularizer=l2(0.01))",
            "from keras.layers import Convolution2D, Dense\n"
            "c = Convolution2D(32, (3, 3), padding='same', kernel_initializer='he_normal', "
            "data_format='channels_first')\n"
            "d = Dense(units=10, kernel_regularizer=l2(0.01))",
        ),
        (
            "from keras import layers\nm.add(layers.Dropout(p=0.5))\nm.add(layers.LSTM(64, dropout_W=0.2))",
            "from keras import layers\nm.add(layers.Dropout(rate=0.5))\nm.add(layers.LSTM(64, dropout=0.2))",
        ),
        (
            "from keras.layers import Embedding\ne = Embedding(1000, output_dim=64, init='uniform')",
            "from keras.layers import Embedding\ne = Embedding(1000, output_dim=64, embeddings_initializer='uniform')",
        ),
        (
            "from keras.layers import GaussianNoise, GaussianDropout, Dense\nfrom keras import regularizers\n"
            "from keras.regularizers import l2\nn = GaussianNoise(sigma=0.1)\ng = GaussianDropout(p=0.2)\n"
            "d = Dense(8, kernel_regularizer=l2(l=0.01), bias_regularizer=regularizers.l1(l=0.1))",
            "from keras.layers import GaussianNoise, GaussianDropout, Dense\nfrom keras import regularizers\n"
            "from keras.regularizers import l2\nn = GaussianNoise(stddev=0.1)\ng = GaussianDropout(rate=0.2)\n"
            "d = Dense(8, kernel_regularizer=l2(l2=0.01), bias_regularizer=regularizers.l1(l1=0.1))",
        ),
        (
            "from keras.layers import BatchNormalization, LSTM\nb = BatchNormalization(mode=0, axis=1)\n"
            "r = LSTM(64, consume_less='gpu')",
            "from keras.layers import BatchNormalization, LSTM\nb = BatchNormalization(axis=1)\nr = LSTM(64)",
        ),
        (
            "import keras\nfrom keras.layers import AtrousConvolution2D\n"
            "c = AtrousConvolution2D(64, 3, 3, atrous_rate=(2, 2), border_mode='same')\n"
            "d = keras.layers.AtrousConvolution1D(32, 3, atrous_rate=2)",
            "import keras\nfrom keras.layers import AtrousConvolution2D\n"
            "c = AtrousConvolution2D(64, (3, 3), dilation_rate=(2, 2), padding='same')\n"
            "d = keras.layers.Conv1D(32, 3, dilation_rate=2)",
        ),
        # Keras 2 code, and layers that are not Keras', are left alone
        ("from keras.layers import Conv2D\nc = Conv2D(32, 3, 3)", "from keras.layers import Conv2D\nc = Conv2D(32, 3, 3)"),
        ("d = Dense(output_dim=10)", "d = Dense(output_dim=10)"),
    ),
)
class Keras1Arguments(RuleTransformer):
    def leave_Call(self, original, updated):
        layer = _keras_layer(updated, self.ctx)
        if layer is None:
            return updated
        if layer in _REGULARIZERS:  # Keras 3 named l2's one argument l2 (Keras 2: l)
            return rename_kwarg(updated, *_OWN_RENAME[layer])
        for old, new in (_EMBEDDING if layer == "Embedding" else _RENAMED).items():
            updated = rename_kwarg(updated, old, new)
        if layer in _UNITS:
            updated = rename_kwarg(updated, "output_dim", "units")
        if layer in _OWN_RENAME:
            updated = rename_kwarg(updated, *_OWN_RENAME[layer])
        if layer == "BatchNormalization" and m.matches(getattr(kwarg(updated, "mode"), "value", None), m.Integer("0")):
            updated = remove_kwarg(updated, "mode")  # mode=0 (feature-wise) is the only mode left
        if layer in ("LSTM", "GRU", "SimpleRNN"):
            updated = remove_kwarg(updated, "consume_less")  # an implementation hint; the result is the same
        data_format = kwarg(updated, "data_format")
        old_format = string_value(data_format.value) if data_format is not None else None
        if old_format in _DATA_FORMAT:
            updated = set_kwarg_value(updated, "data_format", repr(_DATA_FORMAT[old_format]))
        args = positional(updated)
        if len(args) == _OLD_CONVOLUTIONS.get(layer) and list(updated.args[: len(args)]) == args:
            kernel = cst.Arg(cst.Tuple([cst.Element(a.value, comma=a.comma) for a in args[1:-1]]
                                       + [cst.Element(args[-1].value)]), comma=args[-1].comma)
            updated = updated.with_changes(args=[args[0], kernel, *updated.args[len(args):]])
        if layer in _ATROUS and isinstance(updated.func, cst.Attribute):  # by name, keras3-removed-api aliases it
            updated = updated.with_changes(func=updated.func.with_changes(attr=cst.Name(_ATROUS[layer])))
        return updated
