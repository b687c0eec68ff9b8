"""scikit-learn's parameter validation (1.2): a 1 where a bool is meant, 5.0 where an int is meant.

Before 1.2 estimators took what they were given and Python's duck typing did the rest: ``bootstrap=1`` was
true, ``max_depth=5.0`` grew five levels, a grid of ``np.linspace(2, 10, 5)`` depths ran. Since 1.2 every
parameter is checked at fit time: ``InvalidParameterError: The 'max_depth' parameter of
RandomForestClassifier must be an int in the range [1, inf) or None. Got 5.0 instead.`` The error is
raised by ``fit``, far from where the value was written (the constructor, ``set_params``, a param grid in
another cell), so the rule reads the parameter's name from the message and rewrites the value wherever the
notebook gives that parameter: as a keyword, as a grid key (``'max_depth'``, ``'clf__max_depth'``), in
``dict(...)``. A 0/1 becomes False/True, a string its truth (estimators tested it: ``'False'`` was true); a
whole-number float becomes an int, an array of them ``.astype(int)``, another scalar expression ``int(...)``.
The message names one parameter, but a notebook that wrote ``use_idf=1`` mostly wrote ``smooth_idf=1,
sublinear_tf=1`` beside it, and each would cost a run
that fails on the same line: the other parameters of that estimator that take only a bool (or, for an int,
an int and no other number; read from the locked environment) are converted too where a call of it gives
them a 0/1 (a whole-number float literal). Other values stay.

The same validation rejects the string values scikit-learn renamed or removed (``max_features='auto'``,
``criterion='mse'``, ``penalty='none'``), which notebooks give through a params dict (``clf(**rf_params)``)
or a grid as often as in the constructor, where sklearn-removed-params reads them:
sklearn-removed-param-values rewrites them wherever the parameter is given, with the value for the estimator
the message names. A grid searched with ``error_score=nan`` (the default) reports the same message inside
"All the N fits failed"; both rules read it there too.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import (
    NOTEBOOK_ERROR,
    RULES,
    Context,
    RuleTransformer,
    argument,
    callee_name,
    code_of,
    remove_arg,
    rule,
    string_value,
)
from .signatures import is_estimator, typed_parameters
from .sklearn_rules import renamed_value

RULE_ID = "sklearn-param-types"
VALUES_ID = "sklearn-removed-param-values"
_MESSAGE = re.compile(r"The '(?P<param>\w+)' parameter of (?P<owner>\w+) must be (?P<wants>.*?)\. Got (?P<got>.*) instead")
# A grid whose every fit failed (error_score=nan) quotes each fit's error in its own message.
_ALL_FITS_FAILED = r"fits failed[\s\S]*InvalidParameterError: The '\w+' parameter of \w+ must be "
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
    """A literal 0/1 or string as the bool, a whole-number float literal as the int; anything else as it is (for
    the parameters the message did not name: only what is certainly the same value)."""
    if kind == "bool":
        certain = isinstance(node, cst.Integer) or string_value(node) is not None
    else:
        certain = _whole_float(node)
    return _convert(node, kind, scalar=True) if certain else node


def _whole_float(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Float) and float(node.value) == int(float(node.value))


def _convert(node: cst.BaseExpression, kind: str, scalar: bool) -> cst.BaseExpression:
    """The value as the type ``kind``; lists and tuples elementwise; ``node`` itself when nothing is sure."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return node.with_changes(elements=[e.with_changes(value=_convert(e.value, kind, True)) for e in node.elements])
    if kind == "bool":
        if isinstance(node, cst.Integer) and node.value in ("0", "1"):
            return cst.Name("True" if node.value == "1" else "False")
        if (text := string_value(node)) is not None:  # read for its truth: 'False' was true, as any non-empty text
            return cst.Name("True" if text else "False")
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
    rationale="estimators check their parameters' types at fit time since 1.2: a 0/1 or a string given for a "
    "bool (read for its truth before, so 'False' was true), or a whole-number float for an int (max_depth=5.0, "
    "a grid of np.linspace depths), now raises. The value is written as the type, wherever the notebook gives "
    "that parameter (keyword, grid key, set_params).",
    kind="error",
    signatures=(("InvalidParameterError", r"must be (an instance of 'bool'|an int\b)"),
                ("ValueError", _ALL_FITS_FAILED + r"(an instance of 'bool'|an int\b)")),
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
        return _given(key, self.param)

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


def _given(key: str | None, param: str) -> bool:
    """``key`` names ``param``: as itself, or as a pipeline step's (``clf__max_depth``)."""
    return key is not None and (key == param or key.endswith("__" + param))


def removed_value(evalue: str) -> tuple[str, str, str] | None:
    """(parameter, the rejected string, the estimator's class name) when the message rejects a string value
    that scikit-learn renamed for that estimator, else None."""
    found = _MESSAGE.search(evalue)
    got = re.fullmatch(r"'([^'\\]*)'", found.group("got")) if found else None
    if got is None or renamed_value(found.group("param"), got.group(1), found.group("owner")) is None:
        return None
    return found.group("param"), got.group(1), found.group("owner")


@rule(
    VALUES_ID,
    library="scikit-learn",
    changed_in="scikit-learn 1.1-1.4 (renamed values removed: max_features='auto' 1.3, criterion='mse' 1.2, "
    "penalty='none' 1.4, ...)",
    rationale="a string value scikit-learn renamed (max_features='auto', criterion='mse', loss='ls', "
    "penalty='none') is rejected at fit time; written in a params dict or a grid it is out of "
    "sklearn-removed-params' reach. It is rewritten wherever the notebook gives that parameter, as the value "
    "the estimator the message names takes today (max_features='auto': 'sqrt' for a classifier, 1.0 for a "
    "regressor); in a grid a value already listed is not listed twice.",
    kind="error",
    signatures=(("InvalidParameterError", r"must be .*\. Got '[^']*' instead"),
                ("ValueError", _ALL_FITS_FAILED + r".*\. Got '[^']*' instead")),
    examples=(  # without an error the examples speak of a classifier's max_features='auto'
        ("rf_params = {'n_estimators': 500, 'max_features': 'auto'}\nrf = SklearnHelper(RandomForestClassifier, rf_params)",
         "rf_params = {'n_estimators': 500, 'max_features': 'sqrt'}\nrf = SklearnHelper(RandomForestClassifier, rf_params)"),
        ("grid = {'rf__max_features': ['auto', 'sqrt', 'log2'], 'rf__max_depth': [4, 8]}",
         "grid = {'rf__max_features': ['sqrt', 'log2'], 'rf__max_depth': [4, 8]}"),
        ("m.set_params(max_features='auto')\nr = RandomForestRegressor(max_features='auto')",
         "m.set_params(max_features='sqrt')\nr = RandomForestRegressor(max_features=1.0)"),
        ("params = dict(max_features='log2', criterion='gini')", "params = dict(max_features='log2', criterion='gini')"),
    ),
)
class RemovedValues(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.param, self.value, self.owner = (removed_value(ctx.error.evalue) if ctx.error else None) or \
            ("max_features", "auto", "RandomForestClassifier")
        self.searched: list[str | None] = []  # per call: the estimator a search call visibly builds

    def visit_Call(self, node):
        # GridSearchCV(ExtraTreesRegressor(), {'max_features': ['auto']}): that grid is the regressor's,
        # whichever estimator the message names
        built = node.args[0].value if node.args and node.args[0].keyword is None else None
        name = callee_name(built) if isinstance(built, cst.Call) and (callee_name(node) or "").endswith("SearchCV") \
            else None
        self.searched.append(name if name and is_estimator(name) else None)

    def _renamed(self, node: cst.BaseExpression, owner: str) -> cst.BaseExpression:
        new = renamed_value(self.param, self.value, owner)
        return node if new is None else rename_listed(node, {self.value: new})

    def leave_Call(self, original, updated):
        # A constructor's own keyword takes the value for that estimator; dict(...) and set_params(...) the
        # value for the one the message names.
        self.searched.pop()
        name = callee_name(updated) or ""
        owner = name if name != self.owner and is_estimator(name) else self.owner
        return updated.with_changes(args=[
            a.with_changes(value=self._renamed(a.value, owner)) if a.keyword and _given(a.keyword.value, self.param)
            else a for a in updated.args])

    def leave_DictElement(self, original, updated):
        key = string_value(updated.key)
        if _given(key, self.param):
            searched = next((n for n in reversed(self.searched) if n), None) if key == self.param else None
            return updated.with_changes(value=self._renamed(updated.value, searched or self.owner))
        return updated


def rename_listed(node: cst.BaseExpression, renames: dict[str, str]) -> cst.BaseExpression:
    """``node`` (a string, or a list or tuple of values) with each string of ``renames`` as its new value's
    code; a value already listed is not listed twice."""
    if (text := string_value(node)) in renames:
        return cst.parse_expression(renames[text])
    if not isinstance(node, (cst.List, cst.Tuple)):
        return node
    listed = {code_of(e.value) for e in node.elements}
    kept = []
    for e in node.elements:
        new = renames.get(string_value(e.value))
        if new is None:
            kept.append(e)
        elif new not in listed:
            kept.append(e.with_changes(value=cst.parse_expression(new)))
            listed.add(new)
    return node.with_changes(elements=kept) if kept else node


def everywhere(rule_id: str, applies):
    """The rule over every code cell: the value that fit rejected was written where the estimator was made
    (a constructor, a params dict, a grid, in any cell before)."""
    def fix(sources: list[str], failing: int | None, ctx: Context):
        from .engine import transform_cell  # the engine imports the rule modules

        if ctx.error is None or applies(ctx.error.evalue) is None:
            return []
        line, ctx.error_line = ctx.error_line, None
        try:
            changes = [(i, transform_cell(s, [RULES[rule_id]], ctx, check_wants=False))
                       for i, s in enumerate(sources) if s]
        finally:
            ctx.error_line = line
        return [(i, c.source, rule_id, RULES[rule_id].explain()) for i, c in changes if c.source != sources[i]]
    return fix


NOTEBOOK_ERROR.append((RULES[RULE_ID].signatures, everywhere(RULE_ID, wanted)))
NOTEBOOK_ERROR.append((RULES[VALUES_ID].signatures, everywhere(VALUES_ID, removed_value)))


_VECTORIZERS = ("CountVectorizer", "TfidfVectorizer", "HashingVectorizer")
_INPUTS = ("filename", "file", "content")


@rule(
    "sklearn-vectorizer-input-as-content",
    library="scikit-learn",
    changed_in="scikit-learn 1.2 (parameter validation)",
    rationale="a text vectorizer's first parameter is input=; TfidfVectorizer('english') meant stop words to its "
    "author, but before 1.2 any value other than 'filename' or 'file' read the documents as they were given "
    "(input='content', the default), so the old run used no stop list. Since 1.2 the value is refused at fit "
    "time. It is dropped, which keeps the old run's result.",
    pattern=r"(CountVectorizer|TfidfVectorizer|HashingVectorizer)\(\s*(input\s*=\s*)?['\"]",
    signatures=(("InvalidParameterError", r"The 'input' parameter of \w+Vectorizer must be"),),
    examples=(
        ("tfidf = TfidfVectorizer('english', ngram_range=(1, 2))", "tfidf = TfidfVectorizer(ngram_range=(1, 2))"),
        ("cv = text.CountVectorizer(input='english')", "cv = text.CountVectorizer()"),
        ("cv = CountVectorizer('filename'); tv = TfidfVectorizer(stop_words='english')",
         "cv = CountVectorizer('filename'); tv = TfidfVectorizer(stop_words='english')"),
    ),
)
class VectorizerInputAsContent(RuleTransformer):
    def leave_Call(self, original, updated):
        if (callee_name(updated) or "").rsplit(".", 1)[-1] not in _VECTORIZERS:
            return updated
        given = argument(updated, "input")
        value = string_value(given.value) if given is not None else None
        if value is None or value in _INPUTS:
            return updated
        return remove_arg(updated, given)
