"""scikit-learn's parameter validation (1.2): a 1 where a bool is meant, 5.0 where an int is meant.

Before 1.2 estimators took what they were given and Python's duck typing did the rest: ``bootstrap=1`` was
true, ``max_depth=5.0`` grew five levels, a grid of ``np.linspace(2, 10, 5)`` depths ran. Since 1.2 every
parameter is checked at fit time: ``InvalidParameterError: The 'max_depth' parameter of
RandomForestClassifier must be an int in the range [1, inf) or None. Got 5.0 instead.`` The error is
raised by ``fit``, far from where the value was written (the constructor, ``set_params``, a param grid in
another cell), so the rule reads the parameter's name from the message and rewrites the value wherever the
notebook gives that parameter: as a keyword, as a grid key (``'max_depth'``, ``'clf__max_depth'``), in
``dict(...)``. A 0/1 becomes False/True; a whole-number float becomes an int, an array of them
``.astype(int)``, another scalar expression ``int(...)``. The message names one parameter, but a notebook
that wrote ``use_idf=1`` mostly wrote ``smooth_idf=1, sublinear_tf=1`` beside it, and each would cost a run
that fails on the same line: the other parameters of that estimator that take only a bool (or, for an int,
an int and no other number; read from the locked environment) are converted too where a call of it gives
them a 0/1 (a whole-number float literal). Other values stay.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import NOTEBOOK_ERROR, RULES, Context, RuleTransformer, callee_name, rule, string_value
from .signatures import typed_parameters

RULE_ID = "sklearn-param-types"
_MESSAGE = re.compile(r"The '(?P<param>\w+)' parameter of (?P<owner>\w+) must be (?P<wants>.*?)\. Got (?P<got>.*) instead")
_ARRAYS = {"linspace", "arange", "logspace", "geomspace"}  # numpy builders that give floats


def wanted(evalue: str) -> tuple[str, str, str] | None:
    """(parameter, 'bool' | 'int', the estimator's class name) when the message says a bool or an int was
    wanted, else None."""
    found = _MESSAGE.search(evalue)
    if found is None:
        return None
    wants = found.group("wants")
    if wants.startswith("an instance of 'bool'"):
        return found.group("param"), "bool", found.group("owner")
    if re.match(r"an int\b", wants):
        return found.group("param"), "int", found.group("owner")
    return None


def _literal(node: cst.BaseExpression, kind: str) -> cst.BaseExpression:
    """A literal 0/1 as the bool, a whole-number float literal as the int; anything else as it is (for the
    parameters the message did not name: only what is certainly the same value)."""
    if isinstance(node, cst.Integer) if kind == "bool" else _whole_float(node):
        return _convert(node, kind, scalar=True)
    return node


def _whole_float(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Float) and float(node.value) == int(float(node.value))


def _convert(node: cst.BaseExpression, kind: str, scalar: bool) -> cst.BaseExpression:
    """The value as the type ``kind``; lists and tuples elementwise; ``node`` itself when nothing is sure."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return node.with_changes(elements=[e.with_changes(value=_convert(e.value, kind, True)) for e in node.elements])
    if kind == "bool":
        if isinstance(node, cst.Integer) and node.value in ("0", "1"):
            return cst.Name("True" if node.value == "1" else "False")
        return node
    if _whole_float(node):
        return cst.Integer(str(int(float(node.value))))
    if isinstance(node, cst.Call) and callee_name(node) in _ARRAYS:
        return cst.Call(cst.Attribute(node, cst.Name("astype")), [cst.Arg(cst.Name("int"))])
    if isinstance(node, cst.Call) and callee_name(node) in ("int", "astype"):
        return node  # already made an int (by the author, or by this rule)
    if scalar and isinstance(node, (cst.BinaryOperation, cst.Call)):  # not a name or attribute: it may hold None
        return cst.Call(cst.Name("int"), [cst.Arg(node)])  # an expression that gave a float: what fit used
    return node


@rule(
    RULE_ID,
    library="scikit-learn",
    changed_in="scikit-learn 1.2 (parameter validation)",
    rationale="estimators check their parameters' types at fit time since 1.2: a 0/1 given for a bool, or a "
    "whole-number float for an int (max_depth=5.0, a grid of np.linspace depths), now raises. The value is "
    "written as the type, wherever the notebook gives that parameter (keyword, grid key, set_params).",
    kind="error",
    signatures=(("InvalidParameterError", r"must be (an instance of 'bool'|an int\b)"),),
    examples=(
        ("rf = RandomForestClassifier(n_estimators=100.0, bootstrap=1)",
         "rf = RandomForestClassifier(n_estimators=100, bootstrap=1)"),  # the example error speaks of an int
        ("grid = {'clf__max_depth': np.linspace(2, 10, 5), 'clf__n_estimators': [10.0, 50.0]}",
         "grid = {'clf__max_depth': np.linspace(2, 10, 5), 'clf__n_estimators': [10, 50]}"),
        ("m.set_params(n_estimators=n / 2)", "m.set_params(n_estimators=int(n / 2))"),
        ("rf = RandomForestClassifier(max_depth=5.0)", "rf = RandomForestClassifier(max_depth=5.0)"),
    ),
)
class ParamTypes(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # The rule's examples run without an error: they speak of n_estimators, wanted as an int.
        self.param, self.kind, self.owner = (wanted(ctx.error.evalue) if ctx.error else None) or \
            ("n_estimators", "int", "")
        self.typed = set(typed_parameters(self.owner, self.kind)) if self.owner else set()

    def _ours(self, key: str | None) -> bool:
        return key is not None and (key == self.param or key.endswith("__" + self.param))

    def leave_Arg(self, original, updated):
        if updated.keyword is not None and self._ours(updated.keyword.value):
            return updated.with_changes(value=_convert(updated.value, self.kind, scalar=True))
        return updated

    def leave_Call(self, original, updated):
        if not self.typed or callee_name(updated) != self.owner:
            return updated
        return updated.with_changes(args=[
            a.with_changes(value=_literal(a.value, self.kind))
            if a.keyword is not None and a.keyword.value in self.typed else a for a in updated.args
        ])

    def leave_DictElement(self, original, updated):
        if self._ours(string_value(updated.key)):
            return updated.with_changes(value=_convert(updated.value, self.kind, scalar=False))
        return updated


def _everywhere(sources: list[str], failing: int | None, ctx: Context):
    """The rule over every code cell: the value that fit rejected was written where the estimator was made."""
    from .engine import transform_cell  # the engine imports the rule modules

    if ctx.error is None or wanted(ctx.error.evalue) is None:
        return []
    line, ctx.error_line = ctx.error_line, None
    try:
        changes = [(i, transform_cell(s, [RULES[RULE_ID]], ctx, check_wants=False)) for i, s in enumerate(sources) if s]
    finally:
        ctx.error_line = line
    return [(i, c.source, RULE_ID, RULES[RULE_ID].explain()) for i, c in changes if c.source != sources[i]]


NOTEBOOK_ERROR.append((RULES[RULE_ID].signatures, _everywhere))
