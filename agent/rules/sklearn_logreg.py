"""scikit-learn's LogisticRegression before 0.22: liblinear by default, one-vs-rest for several classes.

``LogisticRegression(penalty='l1')`` relied on the old default solver (lbfgs refuses l1), and liblinear fitted
one binary model per class. Today liblinear refuses three or more classes (1.8), so the old model is
liblinear wrapped in ``OneVsRestClassifier``; how many classes the target has is a fact of the run, read
from the error it raises.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    callee_name,
    kwarg,
    notebook_rule,
    rule,
    string_value,
)
from .notebook_cells import rewrite_cells
from .python3_rules import with_import

_LOGREG = ("LogisticRegression", "LogisticRegressionCV")


@rule(
    "sklearn-logreg-l1-solver",
    library="scikit-learn",
    changed_in="scikit-learn 0.22 (default solver liblinear -> lbfgs)",
    rationale="LogisticRegression(penalty='l1') relied on the old default solver: lbfgs refuses the l1 penalty, so "
    "the solver the notebook used, liblinear, is named.",
    needles=("l1",),
    prefilter=re.compile(r"""penalty\s*=\s*['"]l1['"]""").search,
    signatures=(("ValueError", r"Solver lbfgs supports only 'l2' or None penalties, got l1 penalty"),),
    examples=(
        ("clf = LogisticRegression(penalty='l1', C=0.5)", "clf = LogisticRegression(penalty='l1', C=0.5, solver='liblinear')"),
        ("clf = LogisticRegression(penalty='l1', solver='saga')", "clf = LogisticRegression(penalty='l1', solver='saga')"),
    ),
)
class LogregL1Solver(RuleTransformer):
    def leave_Call(self, original, updated):
        penalty = kwarg(updated, "penalty")
        if callee_name(updated) not in _LOGREG or penalty is None or string_value(penalty.value) != "l1" \
                or kwarg(updated, "solver") is not None or any(a.star for a in updated.args):
            return updated
        return add_kwarg(updated, "solver", "'liblinear'")


def _liblinear(call: cst.Call) -> bool:
    return callee_name(call) in _LOGREG and string_value(getattr(kwarg(call, "solver"), "value", None)) == "liblinear"


class _WrapOneVsRest(RuleTransformer):
    """Wraps liblinear logistic regressions: those assigned to ``names``, and (with positions) those on the
    error line."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context, names: set[str], on_line: bool) -> None:
        super().__init__(ctx)
        self.names, self.on_line, self.depth = names, on_line, 0

    def visit_Call(self, node):
        if callee_name(node) == "OneVsRestClassifier":
            self.depth += 1

    def leave_Assign(self, original, updated):
        targets = {t.target.value for t in updated.targets if isinstance(t.target, cst.Name)}
        if targets & self.names and isinstance(updated.value, cst.Call) and _liblinear(updated.value):
            return updated.with_changes(value=_wrapped(updated.value))
        return updated

    def leave_Call(self, original, updated):
        if callee_name(updated) == "OneVsRestClassifier":
            self.depth -= 1
            return updated
        if not self.on_line or self.depth or not _liblinear(updated):
            return updated
        pos = self.get_metadata(PositionProvider, original)
        return _wrapped(updated) if pos.start.line <= self.ctx.error_line <= pos.end.line else updated


def _wrapped(call: cst.Call) -> cst.Call:
    return cst.Call(cst.Name("OneVsRestClassifier"), [cst.Arg(call)])


def _names_on_line(source: str, line: int | None) -> set[str]:
    lines = source.split("\n")
    text = lines[line - 1] if line and 0 < line <= len(lines) else ""
    return set(re.findall(r"[A-Za-z_]\w*", text))


def _one_vs_rest_on_error(sources: list[str], failing: int | None, ctx: Context):
    """liblinear met three or more classes: the logistic regression the failing line fits (on the line, or the
    name it fits, assigned in any cell up to it) becomes one-vs-rest, as liblinear fitted it before 1.8."""
    if failing is None:
        return []
    names = _names_on_line(sources[failing], ctx.error_line)
    def wrap(i: int, module: cst.Module) -> cst.Module:
        new = MetadataWrapper(module).visit(_WrapOneVsRest(ctx, names, on_line=i == failing and ctx.error_line is not None))
        if new.code != module.code and "OneVsRestClassifier" not in ctx.imported:
            new = with_import(new, "from sklearn.multiclass import OneVsRestClassifier")
        return new

    why = ("scikit-learn 1.8: liblinear no longer fits three or more classes one-vs-rest by itself; "
           "OneVsRestClassifier around the same model fits it as before.")
    return [(i, new, "sklearn-liblinear-one-vs-rest", why)
            for i, new in rewrite_cells(sources, failing, lambda source: "liblinear" in source, wrap)]


notebook_rule(
    "sklearn-liblinear-one-vs-rest", "scikit-learn", "scikit-learn 1.8 (multi_class removed)",
    "liblinear refuses three or more classes: the logistic regression the failing line fits is wrapped in "
    "OneVsRestClassifier, the one-vs-rest scheme liblinear used by itself.",
    kind="error", signatures=(("ValueError", r"'liblinear' solver does not support multiclass"),),
    on_error=_one_vs_rest_on_error,
)
