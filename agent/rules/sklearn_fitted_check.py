"""scikit-learn's Pipeline asks its last step whether it is fitted: a notebook's own estimator must be able to say.

Until 1.5 ``Pipeline.transform`` / ``predict`` / ``score`` called the steps without asking. 1.6 made the pipeline
check that it is fitted (a FutureWarning; scikit-learn PR 29868) and 1.8 raises ``NotFittedError: This Pipeline
instance is not fitted yet``. The check asks the last step (``check_is_fitted``): a class of the notebook's own
(a ``BaseEstimator`` / ``TransformerMixin`` subclass) whose ``fit`` keeps its state in attributes without
scikit-learn's trailing underscore (``self.dic``, ``self.scaler``), or keeps none, is never seen as fitted, so
every pipeline ending in it is refused after its fit. The class is given ``__sklearn_is_fitted__`` answering
True, fitted or not: scikit-learn's fitted checks pass for it, as Pipeline behaved before it asked (an unfitted
instance then fails in its own transform, as it did before 1.6).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, rule

_MIXINS = ("BaseEstimator", "TransformerMixin", "RegressorMixin", "ClassifierMixin", "ClusterMixin")
_ANSWER = cst.parse_statement(
    "def __sklearn_is_fitted__(self):  # mlemod: scikit-learn 1.8's Pipeline asks its last step whether it is "
    "fitted; this class keeps its state in attributes without a trailing _, and was never asked before\n"
    "    return True\n")


def _base_name(base: cst.Arg) -> str | None:
    value = base.value
    if isinstance(value, cst.Attribute):  # sklearn.base.BaseEstimator
        value = value.attr
    return value.value if isinstance(value, cst.Name) else None


class _FittedState(cst.CSTVisitor):
    """What a class body says of its fitted state: methods it defines, and whether any sets self.<name>_."""

    def __init__(self):
        self.methods, self.underscored = set(), False

    def visit_FunctionDef(self, node):
        self.methods.add(node.name.value)

    def visit_ClassDef(self, node):
        return False  # a nested class's attributes are not this one's

    def _assigned(self, node):  # x = ..., x: T = ..., x += ...: each has one target
        target = node.target
        for t in target.elements if isinstance(target, (cst.Tuple, cst.List)) else [target]:
            t = t.value if isinstance(t, cst.Element) else t
            if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self":
                name = t.attr.value
                self.underscored |= name.endswith("_") and not name.startswith("__")

    visit_AssignTarget = visit_AnnAssign = visit_AugAssign = _assigned


@rule(
    "sklearn-pipeline-fitted-check",
    library="scikit-learn",
    changed_in="scikit-learn 1.6 (deprecated), 1.8 (Pipeline raises NotFittedError)",
    rationale="Pipeline.transform/predict now ask the last step whether it is fitted, by its attributes ending in "
    "_; a notebook's own estimator that keeps its state in other attributes (or none) is never fitted to that "
    "check, so its pipeline is refused after fitting. The class answers True in __sklearn_is_fitted__, as "
    "scikit-learn behaved before it asked.",
    pattern=r"class\s+\w+\s*\([^)]*(" + "|".join(_MIXINS) + r")",
    examples=(
        ("from sklearn.base import BaseEstimator, TransformerMixin\n"
         "class FillMissing(BaseEstimator, TransformerMixin):\n"
         "    def fit(self, X, y=None):\n        self.dic = {c: X[c].median() for c in X}\n        return self\n"
         "    def transform(self, X):\n        return X.fillna(self.dic)",
         "from sklearn.base import BaseEstimator, TransformerMixin\n"
         "class FillMissing(BaseEstimator, TransformerMixin):\n"
         "    def fit(self, X, y=None):\n        self.dic = {c: X[c].median() for c in X}\n        return self\n"
         "    def transform(self, X):\n        return X.fillna(self.dic)\n"
         "    def __sklearn_is_fitted__(self):  # mlemod: scikit-learn 1.8's Pipeline asks its last step whether it "
         "is fitted; this class keeps its state in attributes without a trailing _, and was never asked before\n"
         "        return True"),
        # fitted attributes in scikit-learn's spelling: the check already sees them
        ("import sklearn.base\nclass Scale(sklearn.base.TransformerMixin):\n    def fit(self, X, y=None):\n"
         "        self.mean_ = X.mean()\n        return self",
         "import sklearn.base\nclass Scale(sklearn.base.TransformerMixin):\n    def fit(self, X, y=None):\n"
         "        self.mean_ = X.mean()\n        return self"),
        # a class defined inside a function is answered for too
        ("from sklearn.base import BaseEstimator\ndef make():\n    class Keep(BaseEstimator):\n"
         "        def fit(self, X, y=None):\n            return self\n    return Keep",
         "from sklearn.base import BaseEstimator\ndef make():\n    class Keep(BaseEstimator):\n"
         "        def fit(self, X, y=None):\n            return self\n"
         "        def __sklearn_is_fitted__(self):  # mlemod: scikit-learn 1.8's Pipeline asks its last step whether "
         "it is fitted; this class keeps its state in attributes without a trailing _, and was never asked before\n"
         "            return True\n    return Keep"),
        # a cell that gives its classes the answer itself (the gensim.sklearn_api shim does) is left to it
        ("from sklearn.base import BaseEstimator\ndef shim():\n    class Lda(BaseEstimator):\n"
         "        def fit(self, X, y=None):\n            self.model = X\n            return self\n"
         "    Lda.__sklearn_is_fitted__ = lambda self: self.model is not None\n    return Lda",
         "from sklearn.base import BaseEstimator\ndef shim():\n    class Lda(BaseEstimator):\n"
         "        def fit(self, X, y=None):\n            self.model = X\n            return self\n"
         "    Lda.__sklearn_is_fitted__ = lambda self: self.model is not None\n    return Lda"),
        # no fit of its own: the mixin's fit_transform is not this class's to answer for
        ("from sklearn.base import TransformerMixin\nclass Log(TransformerMixin):\n    def transform(self, X):\n"
         "        return X",
         "from sklearn.base import TransformerMixin\nclass Log(TransformerMixin):\n    def transform(self, X):\n"
         "        return X"),
    ),
)
class PipelineFittedCheck(RuleTransformer):
    def visit_Module(self, node):
        # A cell that sets the answer on its classes itself (Cls.__sklearn_is_fitted__ = ...: the gensim.sklearn_api
        # shim the rules copy in) knows better than this rule: left alone.
        return not m.findall(node, _ASSIGNED)

    def leave_ClassDef(self, original, updated):
        return _answered(updated)


_ASSIGNED = m.AssignTarget(target=m.Attribute(attr=m.Name("__sklearn_is_fitted__")))


def _answered(cls: cst.ClassDef) -> cst.ClassDef:
    """``cls`` with ``__sklearn_is_fitted__`` added where the Pipeline's check cannot see its fit."""
    if not any(_base_name(b) in _MIXINS for b in cls.bases) or not isinstance(cls.body, cst.IndentedBlock):
        return cls
    state = _FittedState()
    for statement in cls.body.body:
        statement.visit(state)
    if "fit" not in state.methods or "__sklearn_is_fitted__" in state.methods or state.underscored:
        return cls
    return cls.with_changes(body=cls.body.with_changes(body=[*cls.body.body, _ANSWER]))
