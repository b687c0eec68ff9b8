"""A Keras notebook's TF1 session setup, under TensorFlow 2 and Keras 3.

Keras notebooks of TF1's time opened a session only to configure it (``ConfigProto`` with GPU memory growth,
thread counts) and handed it to Keras with ``K.set_session`` (keras-backend-set-session drops that call), or reset the
graph before building the next model. tensorflow-v1-api would switch such a notebook to graph mode, but the
``keras`` it imports is Keras 3 today, which runs eagerly only: under ``disable_v2_behavior()``, and inside a
``with tf.Session():`` block (which makes the session's graph the default), its ``fit`` raises "only supports
Python-style iteration in eager mode". So where the notebook's TF1 API is that setup alone
(``tensorflow_rules.keras_session_setup``), eager mode stays: the names are read from ``tf.compat.v1`` (a
session that is created and never run is harmless there), and a ``with`` block opened on a new session becomes
the assignment of that session followed by the block's body, at the block's level (and so does a block under a
graph's or a session's ``as_default()``).
"""

from __future__ import annotations

import libcst as cst

from .framework import Context, RuleTransformer, dotted, one_statement_per_line, rule
from .tensorflow_rules import SESSION_SETUP, from_compat_v1, keras_session_setup

_SESSIONS = ("Session", "InteractiveSession")


def _as_default(node: cst.BaseExpression) -> bool:
    """``graph.as_default()`` / ``sess.as_default()``: a block that builds into a graph, or runs in a session."""
    return isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Attribute) \
        and node.func.attr.value == "as_default"


@rule(
    "tensorflow-keras-session",
    library="tensorflow",
    changed_in="tensorflow 2.0 (sessions moved to tf.compat.v1); keras 3.0 (eager execution only)",
    rationale="A Keras notebook that only configured a TF1 session (tf.ConfigProto, tf.Session, "
    "tf.InteractiveSession, tf.get_default_graph, tf.reset_default_graph) reads those names from tf.compat.v1 and "
    "stays eager, since Keras 3 cannot train in graph mode; a `with tf.Session() as sess:` or `with "
    "graph.as_default():` around Keras code is unwrapped.",
    pattern=rf"\b(?:{'|'.join(sorted(SESSION_SETUP))})\b",
    gate=lambda ctx, code: keras_session_setup(ctx),
    signatures=(("AttributeError", rf"module 'tensorflow' has no attribute '(?:{'|'.join(sorted(SESSION_SETUP))})'"),
                ("RuntimeError", r"only supports Python-style iteration in eager mode")),
    examples=(
        ("import tensorflow as tf\nfrom keras import backend as K\nconfig = tf.ConfigProto()\n"
         "config.gpu_options.allow_growth = True\nsess = tf.Session(config=config)\ntf.reset_default_graph()",
         "import tensorflow as tf\nfrom keras import backend as K\nconfig = tf.compat.v1.ConfigProto()\n"
         "config.gpu_options.allow_growth = True\nsess = tf.compat.v1.Session(config=config)\n"
         "tf.compat.v1.reset_default_graph()"),
        ("import tensorflow as tf\nimport keras\nwith tf.Session(config=cfg) as sess:\n"
         "    # the model\n    m = keras.Sequential()\n    m.fit(X, y)",
         "import tensorflow as tf\nimport keras\nsess = tf.compat.v1.Session(config=cfg)\n"
         "# the model\nm = keras.Sequential()\nm.fit(X, y)"),
        # Keras' FAQ recipe for reproducible runs, and the graph a model was built in made the default again
        ("import tensorflow as tf\nfrom keras import backend as K\nconf = tf.ConfigProto(inter_op_parallelism_threads=1)\n"
         "sess = tf.Session(graph=tf.get_default_graph(), config=conf)\nK.set_session(sess)\n"
         "graph = tf.get_default_graph()\nwith graph.as_default():\n    p = model.predict(X)",
         "import tensorflow as tf\nfrom keras import backend as K\n"
         "conf = tf.compat.v1.ConfigProto(inter_op_parallelism_threads=1)\n"
         "sess = tf.compat.v1.Session(graph=tf.compat.v1.get_default_graph(), config=conf)\nK.set_session(sess)\n"
         "graph = tf.compat.v1.get_default_graph()\np = model.predict(X)"),
        ("from tensorflow import ConfigProto, Session\nfrom keras.models import Sequential\n"
         "sess = Session(config=ConfigProto())",
         "from tensorflow.compat.v1 import ConfigProto\nfrom tensorflow.compat.v1 import Session\n"
         "from keras.models import Sequential\n"
         "sess = Session(config=ConfigProto())"),
        ("from tensorflow import Session, constant\nimport keras\nwith Session():  # train\n    m = keras.Sequential()",
         "from tensorflow import constant\nfrom tensorflow.compat.v1 import Session\nimport keras\n"
         "# train\nm = keras.Sequential()"),
        # graph code is tensorflow-v1-api's, whatever else the notebook imports; so is a notebook without keras
        ("import tensorflow as tf\nimport keras\nx = tf.placeholder('float')\nsess = tf.Session()",
         "import tensorflow as tf\nimport keras\nx = tf.placeholder('float')\nsess = tf.Session()"),
        ("import tensorflow as tf\nimport keras\nsess = tf.Session()\nprint(sess.run(tf.constant(1)))",
         "import tensorflow as tf\nimport keras\nsess = tf.Session()\nprint(sess.run(tf.constant(1)))"),
        ("import tensorflow as tf\nsess = tf.Session()", "import tensorflow as tf\nsess = tf.Session()"),
    ),
)
class TensorFlowKerasSession(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.aliases = ctx.module_names("tensorflow")
        # the local names of sessions imported by name (from tensorflow import Session as S)
        self.sessions = {local for local, full in ctx.imported.items()
                         if full in {f"tensorflow.{s}" for s in _SESSIONS}}

    def leave_Attribute(self, original, updated):
        if updated.attr.value in SESSION_SETUP and isinstance(updated.value, cst.Name) \
                and updated.value.value in self.aliases:
            return updated.with_changes(value=cst.parse_expression(f"{updated.value.value}.compat.v1"))
        return updated

    def leave_ImportFrom(self, original, updated):
        split = from_compat_v1(updated, SESSION_SETUP)
        return updated if split is None else split

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)  # leave_ImportFrom's split, one per line

    def _session(self, call: cst.BaseExpression) -> bool:
        if not isinstance(call, cst.Call):
            return False
        name = dotted(call.func) or ""
        head, _, last = name.rpartition(".")
        return (last in _SESSIONS and head in {f"{a}.compat.v1" for a in self.aliases}) or name in self.sessions

    def leave_With(self, original, updated):
        item = updated.items[0]
        if len(updated.items) != 1 or not (self._session(item.item) or _as_default(item.item)) \
                or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        header = updated.body.header
        if item.asname is None or not isinstance(item.asname.name, cst.Name):
            # nothing names what the block opened: the body alone, with the block's comments above it
            above = [*updated.leading_lines, *([cst.EmptyLine(comment=header.comment)] if header.comment else [])]
            body[0] = body[0].with_changes(leading_lines=[*above, *body[0].leading_lines])
            return cst.FlattenSentinel(body)
        opened = cst.Assign(targets=[cst.AssignTarget(item.asname.name)], value=item.item)
        # a comment after the colon stays on the line that opens the session
        first = cst.SimpleStatementLine(body=[opened], leading_lines=updated.leading_lines,
                                        trailing_whitespace=header if header.comment else cst.TrailingWhitespace())
        return cst.FlattenSentinel([first, *body])
