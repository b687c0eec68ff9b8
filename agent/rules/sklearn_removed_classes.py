"""scikit-learn classes removed for a successor of another shape: GMM, LeaveOneLabelOut, and the OneHotEncoder
that encoded only some columns.

From the catalogue's uncovered entries; each rewrite is limited to what the successor computes the same way:

- ``GMM`` -> ``GaussianMixture`` with GMM's defaults pinned (covariance_type='diag', reg_covar=0.001 for
  min_covar) and its renamed parameters (n_iter -> max_iter, min_covar -> reg_covar); the methods whose return
  changed are rewritten where a name holds a GMM (score was per sample, score_samples also returned the
  responsibilities, covars_ is covariances_);
- ``LeaveOneLabelOut(labels)`` (the cross_validation form) is the list of ``LeaveOneGroupOut().split(labels,
  groups=labels)``, the same folds in the same order; the argument-free 0.18 alias is a rename;
- ``OneHotEncoder(categorical_features=cols)`` encoded ``cols`` and stacked the other columns, unchanged, to the
  right: a ``ColumnTransformer`` of the encoder on ``cols`` with ``remainder='passthrough'`` gives the same
  columns in the same order, sparse when the encoder is (sparse_threshold=1).
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    dotted,
    kwarg,
    make_arg,
    names_bound_to,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rename_kwarg,
    rule,
    string_value,
)
from .python3_rules import Importing


def _rename_import(node: cst.ImportFrom, modules: tuple[str, ...], renames: dict[str, str]):
    """``from <module> import Old`` -> ``from <module> import New`` (the alias kept where there is one)."""
    if node.module is None or dotted(node.module) not in modules or isinstance(node.names, cst.ImportStar):
        return node
    names = []
    for alias in node.names:
        name = alias.name.value if isinstance(alias.name, cst.Name) else None
        names.append(alias.with_changes(name=cst.Name(renames[name])) if name in renames else alias)
    return node.with_changes(names=names)


# --------------------------------------------------------------------------- GMM

# GMM(n_components=1, covariance_type='diag', random_state=None, thresh=None, tol=0.001, min_covar=0.001,
#     n_iter=100, n_init=1, params='wmc', init_params='wmc', verbose=0): the 0.18 signature, in order
_GMM_PARAMS = ("n_components", "covariance_type", "random_state", "thresh", "tol", "min_covar", "n_iter", "n_init",
               "params", "init_params", "verbose")
_GMM_RENAMED = {"n_iter": "max_iter", "min_covar": "reg_covar"}
_GMM_PINNED = (("covariance_type", "'diag'"), ("reg_covar", "0.001"))


_GMM_KEPT = re.compile(r"GMM\((?:[^()]|\([^()]*\))*\b(?:thresh\s*=(?!\s*None\b)|(?:init_)?params\s*=(?!\s*['\"]wmc['\"]))")


def _gmm_names(ctx) -> set[str]:
    """Names the notebook binds to a GMM (``g = GMM(...)``, ``g = mixture.GMM(...)``, an alias of GMM)."""
    if "GMM" not in ctx.text:
        return set()
    callables = {"GMM"} | {local for local, full in ctx.imported.items() if full == "sklearn.mixture.GMM"}
    return names_bound_to(ctx.text, callables)


@rule(
    "sklearn-gmm",
    library="scikit-learn",
    changed_in="scikit-learn 0.20 (GMM deprecated in 0.18)",
    rationale="mixture.GMM was replaced by GaussianMixture, which fits the same model by EM with the same "
    "convergence test (tol on the mean log-likelihood gain); GMM's defaults are pinned (covariance_type='diag', "
    "min_covar=0.001 as reg_covar) and n_iter is max_iter. Where a name holds the model, score(X) (per-sample "
    "log-likelihoods then) is score_samples(X), score_samples(X) (which also returned the responsibilities) is "
    "(score_samples(X), predict_proba(X)) and covars_ is covariances_. EM starts from k-means responsibilities "
    "instead of k-means centres, so the fit can end in another local optimum. Left alone: thresh= (scaled by "
    "the number of samples at fit time) and params=/init_params= other than 'wmc'.",
    needles=("GMM",),
    signatures=(("ImportError", r"cannot import name 'GMM'"), ("AttributeError", r"has no attribute 'GMM'")),
    examples=(
        ("from sklearn.mixture import GMM\ng = GMM(n_components=3, n_iter=500, random_state=0)\ng.fit(X)\n"
         "ll = g.score(X)\nc = g.covars_",
         "from sklearn.mixture import GaussianMixture\n"
         "g = GaussianMixture(n_components=3, max_iter=500, random_state=0, covariance_type='diag', reg_covar=0.001)\n"
         "g.fit(X)\nll = g.score_samples(X)\nc = g.covariances_"),
        ("from sklearn import mixture\nm = mixture.GMM(2, 'full', min_covar=1e-4).fit(X)\n"
         "logprob, resp = m.score_samples(X)",
         "from sklearn import mixture\nm = mixture.GaussianMixture(2, covariance_type='full', reg_covar=1e-4).fit(X)\n"
         "logprob, resp = (m.score_samples(X), m.predict_proba(X))"),
        ("from sklearn.mixture import GMM\ng = GMM(4, thresh=0.01)", "from sklearn.mixture import GMM\ng = GMM(4, thresh=0.01)"),
        ("from sklearn.mixture import GaussianMixture\ng = GaussianMixture(3)\ns = g.score(X)",
         "from sklearn.mixture import GaussianMixture\ng = GaussianMixture(3)\ns = g.score(X)"),
    ),
)
class Gmm(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.models = _gmm_names(ctx)
        self.gmm = {local for local, full in ctx.imported.items() if full == "sklearn.mixture.GMM"}
        self.mixture = {local for local, full in ctx.imported.items() if full in ("sklearn.mixture", "sklearn.mixture.mixture")}
        # A GMM that cannot be converted (thresh=, params=) keeps the class, its import and the other GMMs.
        self.off = _GMM_KEPT.search(ctx.text) is not None

    def _is_gmm(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name):
            return func.value in self.gmm
        name = dotted(func) or ""
        owner, _, last = name.rpartition(".")
        return last == "GMM" and (owner in self.mixture or owner == "sklearn.mixture")

    def _convert(self, call: cst.Call) -> cst.Call | None:
        """The GaussianMixture call for a GMM call; None when it cannot be written exactly."""
        if any(a.star for a in call.args):
            return None
        args = []
        for i, a in enumerate(call.args):
            if a.keyword is None and i > 0:  # positional beyond n_components: keyword-only now
                if i >= len(_GMM_PARAMS):
                    return None
                a = make_arg(_GMM_PARAMS[i], a.value).with_changes(comma=a.comma)
            args.append(a)
        call = call.with_changes(args=args)
        thresh = kwarg(call, "thresh")
        if thresh is not None and not m.matches(thresh.value, m.Name("None")):
            return None  # tol = thresh / n_samples, known only at fit time
        for old in ("params", "init_params"):
            given = kwarg(call, old)
            if given is not None and string_value(given.value) != "wmc":
                return None
        for gone in ("thresh", "params", "init_params"):
            call = remove_kwarg(call, gone)
        for old, new in _GMM_RENAMED.items():
            call = rename_kwarg(call, old, new)
        for name, value in _GMM_PINNED:
            if kwarg(call, name) is None:
                call = add_kwarg(call, name, value)
        return call

    def leave_ImportFrom(self, original, updated):
        if not any(isinstance(a.name, cst.Name) and a.name.value == "GMM" for a in getattr(updated, "names", ()) or ()):
            return updated
        if self.off:
            return updated
        return _rename_import(updated, ("sklearn.mixture",), {"GMM": "GaussianMixture"})

    def leave_Call(self, original, updated):
        if self.off:
            return updated
        if self._is_gmm(original.func):
            new = self._convert(updated)
            if new is None:
                return updated
            func = new.func
            if isinstance(func, cst.Name):
                local = func.value if func.value != "GMM" else "GaussianMixture"
                func = cst.Name(local)
            else:
                func = func.with_changes(attr=cst.Name("GaussianMixture"))
            return new.with_changes(func=func)
        func = original.func
        if not (m.matches(func, m.Attribute(value=m.Name(), attr=m.Name("score") | m.Name("score_samples")))
                and func.value.value in self.models and len(updated.args) == 1):
            return updated
        if func.attr.value == "score":
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("score_samples")))
        proba = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("predict_proba")))
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        return cst.Tuple([cst.Element(updated, comma=comma), cst.Element(proba)])

    def leave_Attribute(self, original, updated):
        if self.off:
            return updated
        if updated.attr.value == "covars_" and isinstance(updated.value, cst.Name) and updated.value.value in self.models:
            return updated.with_changes(attr=cst.Name("covariances_"))
        return updated


# --------------------------------------------------------------------------- LeaveOneLabelOut

_LABEL_CV = {"LeaveOneLabelOut": "LeaveOneGroupOut", "LeavePLabelOut": "LeavePGroupsOut"}
_CV_MODULES = ("sklearn.model_selection", "sklearn.cross_validation")


@rule(
    "sklearn-leaveonelabelout",
    library="scikit-learn",
    changed_in="scikit-learn 0.20 (renamed in 0.18)",
    rationale="LeaveOneLabelOut / LeavePLabelOut became LeaveOneGroupOut / LeavePGroupsOut: the old "
    "cross_validation object built from the labels (LeaveOneLabelOut(labels), LeavePLabelOut(labels, p)) is the "
    "list of the new splitter's split(labels, groups=labels), the same (train, test) folds in the same order "
    "(one per sorted label, or per combination of p of them); the argument-free 0.18 alias, which took the "
    "groups in split(), is a rename.",
    needles=("LabelOut",),
    signatures=(("ImportError", r"cannot import name '(LeaveOneLabelOut|LeavePLabelOut)'"),),
    examples=(
        ("from sklearn.cross_validation import LeaveOneLabelOut\nlolo = LeaveOneLabelOut(groups)\n"
         "s = cross_val_score(clf, X, y, cv=lolo)",
         "from sklearn.cross_validation import LeaveOneGroupOut\nlolo = list(LeaveOneGroupOut().split(groups, groups=groups))\n"
         "s = cross_val_score(clf, X, y, cv=lolo)"),
        ("from sklearn.model_selection import LeaveOneLabelOut, LeavePLabelOut\ncv = LeaveOneLabelOut()\n"
         "for tr, te in LeavePLabelOut(subjects, p=2):\n    pass",
         "from sklearn.model_selection import LeaveOneGroupOut, LeavePGroupsOut\ncv = LeaveOneGroupOut()\n"
         "for tr, te in list(LeavePGroupsOut(n_groups=2).split(subjects, groups=subjects)):\n    pass"),
        ("from sklearn import cross_validation\ncv = cross_validation.LeaveOneLabelOut(labels=df.subject)",
         "from sklearn import cross_validation\n"
         "cv = list(cross_validation.LeaveOneGroupOut().split(df.subject, groups=df.subject))"),
    ),
)
class LeaveOneLabelOut(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.locals = {local: full.rsplit(".", 1)[1] for local, full in ctx.imported.items()
                       if full.rsplit(".", 1)[0] in _CV_MODULES and full.rsplit(".", 1)[-1] in _LABEL_CV}
        self.modules = {local for local, full in ctx.imported.items() if full in _CV_MODULES}

    def leave_ImportFrom(self, original, updated):
        return _rename_import(updated, _CV_MODULES, _LABEL_CV)

    def _old(self, func: cst.BaseExpression) -> str | None:
        if isinstance(func, cst.Name):
            return self.locals.get(func.value)
        name = dotted(func) or ""
        owner, _, last = name.rpartition(".")
        return last if last in _LABEL_CV and (owner in self.modules or owner in _CV_MODULES) else None

    def leave_Call(self, original, updated):
        old = self._old(original.func)
        if old is None or any(a.star for a in updated.args):
            return updated
        func = updated.func
        new_name = _LABEL_CV[old]
        if isinstance(func, cst.Name):
            func = cst.Name(new_name if func.value == old else func.value)
        else:
            func = func.with_changes(attr=cst.Name(new_name))
        if not updated.args:
            return updated.with_changes(func=func)
        pos = positional(updated)
        labels = kwarg(updated, "labels") or (pos[0] if pos else None)
        if labels is None:
            return updated
        ctor_args = []
        if old == "LeavePLabelOut":
            p = kwarg(updated, "p") or (pos[1] if len(pos) > 1 else None)
            if p is None or len(updated.args) != 2:
                return updated
            ctor_args = [make_arg("n_groups", p.value)]
        elif len(updated.args) != 1:
            return updated
        splitter = cst.Call(func, ctor_args)
        split = cst.Call(cst.Attribute(splitter, cst.Name("split")), [
            cst.Arg(labels.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            make_arg("groups", labels.value)])
        return cst.Call(cst.Name("list"), [cst.Arg(split)])


# --------------------------------------------------------------------------- OneHotEncoder(categorical_features=)

# What a notebook may do with the encoder for the ColumnTransformer to stand in for it.
_ENCODER_USES = {"fit", "transform", "fit_transform", "get_params", "set_params"}


def _encoder_uses_ok(name: str, text: str) -> bool:
    uses = set(re.findall(rf"\b{re.escape(name)}\.(\w+)", text))
    return uses <= _ENCODER_USES


@rule(
    "sklearn-onehot-categorical-features",
    library="scikit-learn",
    changed_in="scikit-learn 0.22 (deprecated in 0.20)",
    rationale="OneHotEncoder(categorical_features=cols) encoded the columns cols and stacked the others, "
    "unchanged, to their right; ColumnTransformer([('onehot', OneHotEncoder(...), cols)], remainder='passthrough', "
    "sparse_threshold=1) makes the same columns in the same order, a sparse matrix when the encoder's output is "
    "sparse (CSR; it was COO) and an array when it is dense. Only where the encoder is fitted and applied "
    "(fit, transform, fit_transform): its attributes (categories_, active_features_) are not the transformer's. "
    "The categories are the values seen in fit, as the old 'auto' range encoding kept (active_features_).",
    needles=("categorical_features",),
    signatures=(("TypeError", r"OneHotEncoder.*unexpected keyword argument 'categorical_features'"),),
    examples=(
        ("from sklearn.preprocessing import OneHotEncoder\nenc = OneHotEncoder(categorical_features=[0, 3])\n"
         "Xe = enc.fit_transform(X).toarray()",
         "from sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import OneHotEncoder\n"
         "enc = ColumnTransformer([('onehot', OneHotEncoder(), [0, 3])], remainder='passthrough', sparse_threshold=1)\n"
         "Xe = enc.fit_transform(X).toarray()"),
        ("X = OneHotEncoder(categorical_features=mask, sparse_output=False).fit_transform(X)",
         "from sklearn.compose import ColumnTransformer\n"
         "X = ColumnTransformer([('onehot', OneHotEncoder(sparse_output=False), mask)], remainder='passthrough', "
         "sparse_threshold=1).fit_transform(X)"),
        ("enc = OneHotEncoder(categorical_features='all')\nX = enc.fit_transform(X)",
         "enc = OneHotEncoder()\nX = enc.fit_transform(X)"),
        ("enc = OneHotEncoder(categorical_features=[1])\nenc.fit(X)\nprint(enc.categories_)",
         "enc = OneHotEncoder(categorical_features=[1])\nenc.fit(X)\nprint(enc.categories_)"),
    ),
)
class OneHotCategoricalFeatures(Importing):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.chained: set[int] = set()  # encoder calls that are fitted and applied on the spot
        self.assigned: set[int] = set()  # encoder calls assigned to a name used only to fit and apply

    def visit_Call(self, node):
        if m.matches(node.func, m.Attribute(value=m.Call(), attr=m.Name("fit_transform") | m.Name("fit"))):
            self.chained.add(id(node.func.value))

    def visit_Assign(self, node):
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Call) \
                and _encoder_uses_ok(node.targets[0].target.value, self.ctx.text):
            self.assigned.add(id(node.value))

    def leave_Call(self, original, updated):
        if callee_name(updated) != "OneHotEncoder":
            return updated
        selected = kwarg(updated, "categorical_features")
        if selected is None or any(a.star for a in updated.args):
            return updated
        encoder = remove_kwarg(updated, "categorical_features")
        if string_value(selected.value) == "all":
            return encoder
        if id(original) not in self.chained and id(original) not in self.assigned:
            return updated
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        step = cst.Tuple([cst.Element(cst.SimpleString("'onehot'"), comma=comma), cst.Element(encoder, comma=comma),
                          cst.Element(selected.value)])
        name = self.need_name("sklearn.compose", "ColumnTransformer")
        return cst.Call(cst.Name(name), [
            cst.Arg(cst.List([cst.Element(step)]), comma=comma),
            make_arg("remainder", "'passthrough'").with_changes(comma=comma),
            make_arg("sparse_threshold", "1")])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)

