"""XGBClassifier fitted on labels that are not 0..n-1 (strings, 1..k): xgboost 2.0 refuses them.

Before 2.0 the classifier encoded the labels itself and predicted in them (old_xgboost.py has that class again,
derived from the notebook's own XGBClassifier). On the error, every XGBClassifier the failing line's cell, or the
cell that built the model it fits, constructs becomes that class: predict, classes_ and score answer in the
notebook's labels as they did, and scikit-learn clones it like any estimator.
"""

from __future__ import annotations

from functools import partial

import libcst as cst

from . import old_xgboost
from .framework import code_of, module_call, rule
from .removed_api import RemovedNames, shim_source

_SHIM = "LabelEncodedXGBClassifier"
_shim = partial(shim_source, old_xgboost.LabelEncodedXGBClassifier, _SHIM)  # derived from base=, the notebook's class
_XGBOOST_1_6 = "2022-05"  # xgboost 1.6 (April 2022) stopped encoding by default: later notebooks never relied on it


@rule(
    "xgboost-label-encoding",
    library="xgboost",
    changed_in="xgboost 2.0 (use_label_encoder=False by default since 1.6)",
    rationale="XGBClassifier encoded the labels it was fitted on until 2.0 (strings, 1..k) and predicted in them; "
    "today it requires 0..n-1. On that error the classifier is built as a subclass that encodes and decodes as "
    "xgboost did (eval_set's labels too), with classes_ the notebook's labels; not in a notebook known to be "
    "written after 1.6, which stopped encoding by default.",
    kind="error",
    signatures=(("ValueError", r"Invalid classes inferred from unique values of `y`"),),
    examples=(
        ("import xgboost as xgb\nclf = xgb.XGBClassifier(n_estimators=50)\nclf.fit(X, train['author'])",
         "import xgboost as xgb\n" + _shim(base="xgb.XGBClassifier")
         + "clf = LabelEncodedXGBClassifier(n_estimators=50)\nclf.fit(X, train['author'])"),
        ("from xgboost import XGBClassifier\nm = XGBClassifier().fit(X, y + 1)",
         "from xgboost import XGBClassifier\n" + _shim(base="XGBClassifier")
         + "m = LabelEncodedXGBClassifier().fit(X, y + 1)"),
    ),
)
class XgboostLabelEncoding(RemovedNames):
    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "xgboost") != "XGBClassifier" or self.ctx.written_since(_XGBOOST_1_6):
            return updated
        self.needed.setdefault(_SHIM, _shim(base=code_of(updated.func)))
        return updated.with_changes(func=cst.Name(_SHIM))
