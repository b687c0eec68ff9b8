"""imbalanced-learn 0.6: the samplers' return_indices= and SMOTE's kinds, removed for successors of another shape.

- ``X, y, idx = sampler.fit_sample(X, y)`` with ``return_indices=True``: the indices are the fitted sampler's
  ``sample_indices_`` (the same array, kept since 0.4), read right after a two-value ``fit_resample``;
- ``SMOTE(kind='borderline1'|'borderline2'|'svm')`` became the classes ``BorderlineSMOTE(kind='borderline-1'|
  'borderline-2')`` and ``SVMSMOTE``, which take the same m_neighbors / out_step / svm_estimator; the SVM that
  SMOTE made when none was given was ``SVC(random_state=...)`` with scikit-learn's gamma='auto' of the time,
  which is pinned (SVMSMOTE's own default uses gamma='scale'). A ``kind='regular'`` SMOTE ignored m_neighbors,
  out_step and svm_estimator: they are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m

from .framework import (
    callee_name,
    code_of,
    kwarg,
    make_arg,
    one_statement_per_line,
    plain_reference,
    remove_kwarg,
    rule,
    set_kwarg_value,
    string_value,
)
from .python3_rules import Importing

# Samplers that took return_indices= (imbalanced-learn 0.3-0.5); each has sample_indices_ today.
_INDEX_SAMPLERS = ("RandomUnderSampler", "InstanceHardnessThreshold", "NearMiss", "TomekLinks",
                   "EditedNearestNeighbours", "RepeatedEditedNearestNeighbours", "AllKNN", "OneSidedSelection",
                   "CondensedNearestNeighbour", "NeighbourhoodCleaningRule")
_FITS = ("fit_sample", "fit_resample")


# X, y, idx = <owner>.fit_sample(...): a sampler's three values unpacked (the owner: a name, held['rus'], ...)
_THREE_WAY_AT = re.compile(r"[\w()]+\s*,\s*[\w()]+\s*,\s*[\w()]+\s*\)?\s*=\s*([\w.\[\]'\"]+)\.fit_(?:re)?sample\(")


def _three_way(name: str, text: str) -> bool:
    """Whether the notebook unpacks ``name.fit_sample(...)`` / ``fit_resample`` into three names."""
    return name in _THREE_WAY_AT.findall(text)


def _built_here(owner: str, text: str, returning_indices: bool = False) -> bool:
    """Whether ``owner`` is a name the notebook assigns a sampler to (one it can tell the flag of); with
    ``returning_indices``, one made with return_indices=True."""
    flag = r"(?:[^()]|\([^()]*\))*\breturn_indices\s*=\s*True" if returning_indices else ""
    return re.search(rf"\b{re.escape(owner)}\s*=\s*(?:[\w.]+\.)?(?:{'|'.join(_INDEX_SAMPLERS)})\({flag}",
                     text) is not None


@lru_cache(maxsize=32)
def _unpacked_elsewhere(text: str) -> bool:
    """Whether the notebook unpacks three values from a sampler reached under another name than the one it was
    made under (a loop's ``for s in samplers:``, a dict's ``held['rus']``)."""
    return any(not _built_here(owner, text) for owner in _THREE_WAY_AT.findall(text))


def _returns_indices(call: cst.CSTNode) -> bool:
    flag = kwarg(call, "return_indices") if isinstance(call, cst.Call) else None
    return flag is not None and m.matches(flag.value, m.Name("True")) and callee_name(call) in _INDEX_SAMPLERS


@rule(
    "imblearn-return-indices",
    library="imbalanced-learn",
    changed_in="imbalanced-learn 0.6 (deprecated in 0.4)",
    rationale="the under-samplers' return_indices=True made fit_sample return the kept rows' indices as a third "
    "value; fit_resample returns two and the same indices are the fitted sampler's sample_indices_, read right "
    "after it (the sampler is given a name when it was made in the same expression).",
    # and the cells that unpack a sampler's three values, wherever the sampler was made
    needles=("return_indices", "fit_sample(", "fit_resample("),
    gate=lambda ctx, code: "return_indices" in ctx.text,
    signatures=(("TypeError", r"unexpected keyword argument 'return_indices'"),),
    examples=(
        ("rus = RandomUnderSampler(return_indices=True, random_state=0)\nX_res, y_res, idx = rus.fit_sample(X, y)",
         "rus = RandomUnderSampler(random_state=0)\nX_res, y_res = rus.fit_resample(X, y)\nidx = rus.sample_indices_"),
        ("X_us, y_us, kept = RandomUnderSampler(return_indices=True).fit_resample(X, y)\nprint(kept[:5])",
         "sampler = RandomUnderSampler()\nX_us, y_us = sampler.fit_resample(X, y)\nkept = sampler.sample_indices_\n"
         "print(kept[:5])"),
        ("for i in range(3):\n    tl = TomekLinks(return_indices=True)\n    a, b, (ids) = tl.fit_sample(A, B)",
         "for i in range(3):\n    tl = TomekLinks()\n    a, b = tl.fit_resample(A, B)\n    ids = tl.sample_indices_"),
        ("nm = NearMiss(return_indices=False)", "nm = NearMiss()"),
        # a sampler reached under another name than the one it was made under: a loop's
        ("samplers = [RandomUnderSampler(return_indices=True)]\nfor s in samplers:\n    a, b, ids = s.fit_sample(A, B)",
         "samplers = [RandomUnderSampler()]\nfor s in samplers:\n    a, b = s.fit_resample(A, B)\n    ids = s.sample_indices_"),
        ("rus = RandomUnderSampler(return_indices=True)\nres = rus.fit_sample(X, y)",
         "rus = RandomUnderSampler(return_indices=True)\nres = rus.fit_sample(X, y)"),
    ),
)
class ReturnIndices(Importing):
    def leave_Call(self, original, updated):
        flag = kwarg(updated, "return_indices")
        if flag is None or callee_name(updated) not in _INDEX_SAMPLERS:
            return updated
        if m.matches(flag.value, m.Name("False")) or _unpacked_elsewhere(self.ctx.text):
            return remove_kwarg(updated, "return_indices")
        return updated  # True: with the assignment that unpacks its result (below)

    def leave_Assign(self, original, updated):
        # rus = Sampler(return_indices=True): the flag goes where the notebook unpacks rus's three values
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if isinstance(target, cst.Name) and _returns_indices(updated.value) and (
                _three_way(target.value, self.ctx.text) or _unpacked_elsewhere(self.ctx.text)):
            return updated.with_changes(value=remove_kwarg(updated.value, "return_indices"))
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Assign):
            return updated
        assign = updated.body[0]
        target = assign.targets[0].target if len(assign.targets) == 1 else None
        call = assign.value
        if not (isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 3
                and m.matches(call, m.Call(func=m.Attribute(attr=m.Name("fit_sample") | m.Name("fit_resample"))))):
            return updated
        owner = call.func.value
        idx = target.elements[2].value
        lines: list[cst.SimpleStatementLine] = []
        if _returns_indices(owner):  # Sampler(return_indices=True).fit_sample(...): the sampler gets a name
            name = "sampler" if not re.search(r"\bsampler\b", self.ctx.text) else "index_sampler"
            lines.append(updated.with_changes(body=[cst.Assign(
                [cst.AssignTarget(cst.Name(name))], remove_kwarg(owner, "return_indices"))]))
            owner = cst.Name(name)
        elif not (isinstance(owner, cst.Name) and _built_here(owner.value, self.ctx.text, returning_indices=True)
                  or plain_reference(owner) and not _built_here(code_of(owner), self.ctx.text)):
            return updated  # a sampler reached under another name: one made with return_indices=True
        pair = target.with_changes(elements=[target.elements[0], target.elements[1].with_changes(
            comma=cst.MaybeSentinel.DEFAULT)])
        fit = call.with_changes(func=cst.Attribute(owner, cst.Name("fit_resample")))
        lines.append(updated.with_changes(body=[assign.with_changes(targets=[assign.targets[0].with_changes(
            target=pair)], value=fit)]))
        index_target = idx.with_changes(lpar=[], rpar=[]) if isinstance(idx, cst.Name) else idx
        lines.append(updated.with_changes(body=[cst.Assign(
            [cst.AssignTarget(index_target)], cst.Attribute(owner, cst.Name("sample_indices_")))]))
        return cst.FlattenSentinel([lines[0], *(line.with_changes(leading_lines=[]) for line in lines[1:])])


_BORDERLINE = {"borderline1": "borderline-1", "borderline2": "borderline-2"}
_SVM_ONLY = ("svm_estimator", "out_step")


@rule(
    "imblearn-smote-kinds",
    library="imbalanced-learn",
    changed_in="imbalanced-learn 0.6 (deprecated in 0.4)",
    rationale="SMOTE(kind='borderline1'/'borderline2') is BorderlineSMOTE(kind='borderline-1'/'borderline-2') and "
    "SMOTE(kind='svm') SVMSMOTE, with the same k_neighbors, m_neighbors, out_step and svm_estimator; the SVM "
    "SMOTE built when none was given, SVC(random_state=...) under scikit-learn's gamma='auto' of the time, is "
    "passed explicitly. A regular SMOTE ignored m_neighbors, out_step and svm_estimator: they are dropped.",
    pattern=r"SMOTE\((?:[^()]|\([^()]*\))*\b(kind|m_neighbors|svm_estimator|out_step|k|m)\s*=",
    signatures=(("TypeError", r"unexpected keyword argument '(kind|m_neighbors|svm_estimator|out_step)'"),),
    examples=(
        ("from imblearn.over_sampling import SMOTE\nsm = SMOTE(kind='borderline1', m_neighbors=8, random_state=42)",
         "from imblearn.over_sampling import BorderlineSMOTE\nfrom imblearn.over_sampling import SMOTE\n"
         "sm = BorderlineSMOTE(kind='borderline-1', m_neighbors=8, random_state=42)"),
        ("from imblearn.over_sampling import SMOTE\nX2, y2 = SMOTE(kind='svm', random_state=0).fit_resample(X, y)",
         "from sklearn.svm import SVC\nfrom imblearn.over_sampling import SVMSMOTE\nfrom imblearn.over_sampling import SMOTE\n"
         "X2, y2 = SVMSMOTE(random_state=0, svm_estimator=SVC(gamma='auto', random_state=0)).fit_resample(X, y)"),
        ("from imblearn.over_sampling import SMOTE\nfrom sklearn.svm import SVC\n"
         "s = SMOTE(kind='svm', svm_estimator=SVC(C=10), m=5, k=3)",
         "from imblearn.over_sampling import SVMSMOTE\nfrom imblearn.over_sampling import SMOTE\nfrom sklearn.svm import SVC\n"
         "s = SVMSMOTE(svm_estimator=SVC(C=10), m_neighbors=5, k_neighbors=3)"),
        ("sm = SMOTE(m_neighbors=5, k_neighbors=3, random_state=1)", "sm = SMOTE(k_neighbors=3, random_state=1)"),
        ("sm = SMOTE(kind=k, m_neighbors=5)", "sm = SMOTE(kind=k, m_neighbors=5)"),
    ),
)
class SmoteKinds(Importing):
    def leave_Call(self, original, updated):
        if not isinstance(updated.func, cst.Name) or updated.func.value != "SMOTE" or any(a.star for a in updated.args):
            return updated
        call = updated
        for old, new in (("k", "k_neighbors"), ("m", "m_neighbors")):  # the 0.2 names, removed with kind
            if kwarg(call, old) is not None and kwarg(call, new) is None:
                call = call.with_changes(args=[a.with_changes(keyword=cst.Name(new)) if a.keyword and a.keyword.value == old
                                               else a for a in call.args])
        given = kwarg(call, "kind")
        kind = "regular" if given is None else string_value(given.value)
        if kind == "regular":
            for gone in ("m_neighbors", *_SVM_ONLY):
                call = remove_kwarg(call, gone)
            return call
        if kind in _BORDERLINE:
            for gone in _SVM_ONLY:
                call = remove_kwarg(call, gone)
            name = self.need_name("imblearn.over_sampling", "BorderlineSMOTE")
            call = set_kwarg_value(call, "kind", repr(_BORDERLINE[kind]))
            return call.with_changes(func=cst.Name(name))
        if kind == "svm":
            call = remove_kwarg(call, "kind")
            if kwarg(call, "svm_estimator") is None:
                seed = kwarg(call, "random_state")
                svc = self.need_name("sklearn.svm", "SVC")
                seeded = f", random_state={code_of(seed.value)}" if seed is not None else ""
                call = call.with_changes(args=[*call.args[:-1], call.args[-1].with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))] if call.args else [])
                call = call.with_changes(args=[*call.args, make_arg("svm_estimator", f"{svc}(gamma='auto'{seeded})")])
            name = self.need_name("imblearn.over_sampling", "SVMSMOTE")
            return call.with_changes(func=cst.Name(name))
        return updated  # a kind decided at run time

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)
