"""scikit-learn's private FeatureUnion helpers, called by a notebook's own FeatureUnion subclass in an old order.

A FeatureUnion that keeps pandas frames (the subclass blog posts and notebooks copied in 2017-2019) overrides
``fit_transform`` and ``transform`` with the parent's code of the day, which calls the private helpers
``sklearn.pipeline._fit_transform_one`` and ``_transform_one`` once per ``(name, trans, weight)`` of
``self._iter()``. Their parameters moved three times:

- 0.18: ``_fit_transform_one(transformer, name, weight, X, y, fit_params)``, ``_transform_one(transformer, name,
  weight, X)``;
- 0.19: ``_fit_transform_one(transformer, weight, X, y, **fit_params)``, ``_transform_one(transformer, weight, X)``;
- 0.20: ``(transformer, X, y, weight, **fit_params)`` for both (0.22 added ``message_clsname`` and ``message``);
- 1.4 (metadata routing): the fit parameters are one ``params`` dict keyed by method
  (``{"fit_transform": {...}}``), required by ``_transform_one`` (``{"transform": {...}}``).

Called in an old order today, the weight (usually None) arrives as X, and the union's steps fail on what they
were given (a step asserting a DataFrame, ``'NoneType' object is not subscriptable``), far from the call. The
order is read from where the loop's weight variable sits among the positional arguments, and the call is
written in today's order with the fit parameters as ``params``.
"""

from __future__ import annotations

import libcst as cst

from .framework import RuleTransformer, code_of, make_arg, rule

HELPERS = {"_fit_transform_one": "fit_transform", "_transform_one": "transform"}


def _helper(call: cst.Call) -> tuple[str, str] | None:
    """The helper a call runs and how the notebook names it: ``_transform_one(...)``, joblib's
    ``delayed(_transform_one)(...)``, ``pipeline._transform_one(...)``."""
    func = call.func
    if isinstance(func, cst.Call) and len(func.args) == 1 and code_of(func.func).endswith("delayed"):
        func = func.args[0].value
    written = code_of(func)
    name = written.rsplit(".", 1)[-1]
    return (name, written) if name in HELPERS else None


def _loop_names(target: cst.BaseAssignTargetExpression, iterable: cst.BaseExpression) -> tuple[str, str] | None:
    """(name, weight) variables of ``for name, trans, weight in self._iter()``."""
    if not (isinstance(iterable, cst.Call) and code_of(iterable.func).endswith("._iter")):
        return None
    if not isinstance(target, cst.Tuple) or len(target.elements) != 3:
        return None
    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
    return (names[0], names[2]) if names[0] and names[2] else None


@rule(
    "sklearn-feature-union-helpers",
    library="scikit-learn",
    changed_in="scikit-learn 0.19/0.20 (argument order), 1.4 (params)",
    rationale="a FeatureUnion subclass calls sklearn.pipeline's _fit_transform_one/_transform_one in the order of "
    "the release it copied them from (weight before X); today the weight would be taken for X, so the call is "
    "written in today's order, its fit parameters passed as params.",
    needles=("_transform_one",),
    examples=(
        ("from sklearn.pipeline import FeatureUnion, _fit_transform_one, _transform_one\n"
         "class PandasUnion(FeatureUnion):\n"
         "    def fit_transform(self, X, y=None, **fit_params):\n"
         "        result = Parallel(n_jobs=self.n_jobs)(\n"
         "            delayed(_fit_transform_one)(trans, weight, X, y, **fit_params)\n"
         "            for name, trans, weight in self._iter())\n"
         "        return result\n"
         "    def transform(self, X):\n"
         "        return [_transform_one(trans, weight, X) for name, trans, weight in self._iter()]",
         "from sklearn.pipeline import FeatureUnion, _fit_transform_one, _transform_one\n"
         "class PandasUnion(FeatureUnion):\n"
         "    def fit_transform(self, X, y=None, **fit_params):\n"
         "        result = Parallel(n_jobs=self.n_jobs)(\n"
         "            delayed(_fit_transform_one)(trans, X, y, weight, params={'fit_transform': fit_params})\n"
         "            for name, trans, weight in self._iter())\n"
         "        return result\n"
         "    def transform(self, X):\n"
         "        return [_transform_one(trans, X, None, weight, params={'transform': {}}) for name, trans, weight in "
         "self._iter()]"),
        ("from sklearn.pipeline import _fit_transform_one, _transform_one\n"
         "for name, trans, weight in self._iter():\n"
         "    Xt, fitted = _fit_transform_one(trans, name, weight, X, y, fit_params)\n"
         "    out.append(_transform_one(trans, name, weight, X[cols]))",
         "from sklearn.pipeline import _fit_transform_one, _transform_one\n"
         "for name, trans, weight in self._iter():\n"
         "    Xt, fitted = _fit_transform_one(trans, X, y, weight, params={'fit_transform': fit_params})\n"
         "    out.append(_transform_one(trans, X[cols], None, weight, params={'transform': {}}))"),
        # today's order: the fit call already runs; the transform call only lacks its params
        ("from sklearn.pipeline import _fit_transform_one, _transform_one\n"
         "res = [_fit_transform_one(t, X, y, w) for n, t, w in self._iter()]\n"
         "out = [_transform_one(t, X, None, w) for n, t, w in self._iter()]",
         "from sklearn.pipeline import _fit_transform_one, _transform_one\n"
         "res = [_fit_transform_one(t, X, y, w) for n, t, w in self._iter()]\n"
         "out = [_transform_one(t, X, None, w, params={'transform': {}}) for n, t, w in self._iter()]"),
        # a function of the notebook's own of that name is not scikit-learn's
        ("def _transform_one(t, w, X):\n    return t.transform(X) * w\n"
         "out = [_transform_one(t, w, X) for n, t, w in self._iter()]",
         "def _transform_one(t, w, X):\n    return t.transform(X) * w\n"
         "out = [_transform_one(t, w, X) for n, t, w in self._iter()]"),
    ),
)
class FeatureUnionHelpers(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.loops: list[tuple[str, str] | None] = []

    def _enter(self, target, iterable) -> None:
        self.loops.append(_loop_names(target, iterable))

    def visit_For(self, node):
        self._enter(node.target, node.iter)

    def leave_For(self, original, updated):
        self.loops.pop()
        return updated

    def _comp(self, node) -> None:
        self._enter(node.for_in.target, node.for_in.iter)

    def _comp_done(self, original, updated):
        self.loops.pop()
        return updated

    visit_GeneratorExp = visit_ListComp = _comp
    leave_GeneratorExp = leave_ListComp = _comp_done

    def _sklearns(self, helper: str, written: str) -> bool:
        """Whether the notebook's ``written`` name is scikit-learn's helper (imported, or by its module's path)."""
        if "." not in written:
            return self.ctx.imported.get(helper) == f"sklearn.pipeline.{helper}"
        module = written.rsplit(".", 1)[0]
        return module == "sklearn.pipeline" or self.ctx.imported.get(module) == "sklearn.pipeline"

    def leave_Call(self, original, updated):
        found = _helper(updated)
        loop = next((names for names in reversed(self.loops) if names), None)
        if found is None or loop is None or not self._sklearns(*found):
            return updated
        helper = found[0]
        name, weight = loop
        positional = [a for a in updated.args if not a.keyword and not a.star]
        starred = [a.value for a in updated.args if a.star == "**"]
        if len(positional) != len(updated.args) - len(starred) or len(starred) > 1:
            return updated  # keywords, or *args: not one of the forms above
        at = [i for i, a in enumerate(positional) if isinstance(a.value, cst.Name) and a.value.value == weight]
        if len(at) != 1:
            return updated
        values = [a.value for a in positional]
        if at[0] == 1:  # 0.19: (trans, weight, X[, y])
            trans, _, *rest = values
        elif at[0] == 2 and isinstance(values[1], cst.Name) and values[1].value == name:  # 0.18: name, then weight
            trans, _, _, *rest = values
        elif at[0] == 3 and len(values) == 4:  # today's order: (trans, X, y, weight)
            trans, x, y, _ = values
            rest = [x, y]
        else:
            return updated
        if helper == "_fit_transform_one" and len(rest) == 3 and not starred:  # 0.18's fit_params, by position
            starred = [rest.pop()]
        if helper == "_transform_one" and len(rest) == 1:  # (trans, weight, X): a transform takes no y
            rest.append(cst.Name("None"))
        if len(rest) != 2 or helper == "_fit_transform_one" and at[0] == 3 and not starred:
            return updated  # not one of the forms above, or today's call as it stands
        args = [cst.Arg(trans), *map(cst.Arg, rest), cst.Arg(cst.Name(weight))]
        if starred or helper == "_transform_one":  # 1.4: the method's parameters as params (required by transform)
            given = code_of(starred[0]) if starred else "{}"
            args.append(make_arg("params", f"{{{HELPERS[helper]!r}: {given}}}"))
        self.changed = True
        return updated.with_changes(args=args)
