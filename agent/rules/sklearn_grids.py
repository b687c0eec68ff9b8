"""Search grids that list a value or a parameter scikit-learn has since renamed.

A grid searched with ``error_score=nan`` (the default since 0.22) does not stop when some candidates fail
to fit: it warns and ranks the others. ``{'max_features': ['auto', 'sqrt', 'log2']}`` for a regressor then
quietly loses every candidate with all the features ('auto' was 1.0 for a regressor), ``{'loss': ['log',
'hinge']}`` for an SGDClassifier its logistic ones: the search runs, picks from fewer models than the author's
did, and nothing says so. Only when every candidate fails is there an error for sklearn-removed-param-values to
read. So the static pass renames those values in each grid a search is given, as sklearn-removed-params does in
a constructor, once the estimator the grid is for is known: the search's own estimator (``GridSearchCV(
RandomForestRegressor(), grid)``, or a name bound to one, in any cell), the step a ``step__param`` key names in
a Pipeline or make_pipeline. A grid whose estimator cannot be read, or that is searched for estimators that
would take different values, is left alone.

``base_estimator__max_depth`` keys fail loudly instead (the ensembles' ``base_estimator`` is ``estimator``
since 1.2, removed in 1.4): the error names the parameter, and the keys are renamed wherever the notebook
writes them.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

import libcst as cst

from .framework import NOTEBOOK_ERROR, RULES, Context, RuleTransformer, callee_name, code_of, rule, string_value
from .masking import parse_masked
from .signatures import may_be_estimator
from .sklearn_param_types import everywhere, rename_listed
from .sklearn_rules import removed_values, renamed_value

_SEARCHES = frozenset({"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV"})
_GRID_KEYWORDS = ("param_grid", "param_distributions")
_REMOVED = "|".join(sorted({re.escape(v) for v in removed_values()}))
_QUOTED_REMOVED = re.compile(rf"""['"]({_REMOVED})['"]""")


def _call_name(node: ast.AST) -> str | None:
    func = node.func if isinstance(node, ast.Call) else None
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _argument(call: ast.Call, index: int, keywords: tuple[str, ...]) -> ast.AST | None:
    found = [k.value for k in call.keywords if k.arg in keywords]
    return found[0] if found else call.args[index] if len(call.args) > index else None


class _Notebook:
    """What the notebook's cells bind and search: a name's assigned values, each search's (estimator, grid)."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        self.bound: dict[str, list[ast.AST]] = {}
        self.searches: list[tuple[ast.AST | None, ast.AST | None]] = []
        for source in sources:
            tree = parse_masked(source)
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    self.bound.setdefault(node.targets[0].id, []).append(node.value)
                elif isinstance(node, ast.Call) and _call_name(node) in _SEARCHES:
                    self.searches.append((_argument(node, 0, ("estimator",)), _argument(node, 1, _GRID_KEYWORDS)))

    def classes(self, node: ast.AST | None, depth: int = 0) -> set[str] | None:
        """The estimator classes ``node`` may build, a Pipeline as ``Pipeline`` (its steps read apart); None
        when a value cannot be read."""
        if isinstance(node, ast.Call) and _call_name(node):
            name = _call_name(node)
            return {name} if name in ("Pipeline", "make_pipeline") or may_be_estimator(name) else None
        if isinstance(node, ast.Name) and node.id in self.bound and depth < 3:
            found: set[str] = set()
            for value in self.bound[node.id]:
                classes = self.classes(value, depth + 1)
                if classes is None:
                    return None
                found |= classes
            return found
        return None

    def step_classes(self, estimator: ast.AST | None, step: str, depth: int = 0) -> set[str] | None:
        """The classes a pipeline's step named ``step`` may be (make_pipeline names a step by its class)."""
        if isinstance(estimator, ast.Name) and depth < 3:
            found: set[str] = set()
            for value in self.bound.get(estimator.id, [None]):
                classes = self.step_classes(value, step, depth + 1)
                if classes is None:
                    return None
                found |= classes
            return found
        if not isinstance(estimator, ast.Call):
            return None
        if _call_name(estimator) == "make_pipeline":
            return {c for c in (_call_name(a) for a in estimator.args) if c and c.lower() == step} or None
        steps = _argument(estimator, 0, ("steps",)) if _call_name(estimator) == "Pipeline" else None
        if not isinstance(steps, (ast.List, ast.Tuple)):
            return None
        for pair in steps.elts:
            if isinstance(pair, ast.Tuple) and len(pair.elts) == 2 and isinstance(pair.elts[0], ast.Constant) \
                    and pair.elts[0].value == step:
                return self.classes(pair.elts[1])
        return None

    def owners(self, key: str, estimators: list[ast.AST | None]) -> tuple[str, set[str]] | None:
        """(parameter, the classes that take it) for a grid key searched with ``estimators``."""
        step, _, param = key.rpartition("__")
        found: set[str] = set()
        for estimator in estimators:
            classes = self.step_classes(estimator, step) if step else self.classes(estimator)
            if not classes or (not step and classes & {"Pipeline", "make_pipeline"}):
                return None
            found |= classes
        return param, found


@lru_cache(maxsize=4)
def _notebook(sources: tuple[str, ...]) -> _Notebook:
    return _Notebook(sources)


def _agreed(param: str, value: str, owners: set[str]) -> str | None:
    """The one value every class in ``owners`` takes today for the removed ``value``; None if any would not."""
    new = {renamed_value(param, value, owner) for owner in owners}
    return new.pop() if len(new) == 1 and None not in new else None


@rule(
    "sklearn-grid-removed-values",
    library="scikit-learn",
    changed_in="scikit-learn 1.1-1.4 (max_features='auto' 1.3, criterion='mse' 1.2, loss='log' 1.3, ...)",
    rationale="a search grid that lists a removed value (max_features='auto', criterion='mse', loss='log') "
    "still runs: the search warns and ranks only the candidates that fit, so the author's best model may be "
    "the one silently left out. The value is renamed in the grid as the estimator it is searched for takes it "
    "today ('auto': 'sqrt' for a classifier, 1.0 for a regressor).",
    pattern=_QUOTED_REMOVED.pattern,
    gate=lambda ctx, code: "SearchCV" in ctx.text,
    examples=(
        ("grid = {'max_features': ['auto', 'sqrt'], 'criterion': ['mse', 'mae']}\n"
         "search = GridSearchCV(RandomForestRegressor(), grid)",
         "grid = {'max_features': [1.0, 'sqrt'], 'criterion': ['squared_error', 'absolute_error']}\n"
         "search = GridSearchCV(RandomForestRegressor(), grid)"),
        ("sgd = SGDClassifier()\ng = GridSearchCV(sgd, {'loss': ['log', 'hinge', 'log_loss']}, cv=3)",
         "sgd = SGDClassifier()\ng = GridSearchCV(sgd, {'loss': ['hinge', 'log_loss']}, cv=3)"),
        ("pipe = Pipeline([('scale', StandardScaler()), ('rf', RandomForestClassifier())])\n"
         "params = [{'rf__max_features': ['auto', 'log2']}]\n"
         "s = RandomizedSearchCV(pipe, param_distributions=params)",
         "pipe = Pipeline([('scale', StandardScaler()), ('rf', RandomForestClassifier())])\n"
         "params = [{'rf__max_features': ['sqrt', 'log2']}]\n"
         "s = RandomizedSearchCV(pipe, param_distributions=params)"),
        # searched for a classifier and a regressor: 'auto' meant two things
        ("grid = {'max_features': ['auto']}\na = GridSearchCV(RandomForestClassifier(), grid)\n"
         "b = GridSearchCV(RandomForestRegressor(), grid)",
         "grid = {'max_features': ['auto']}\na = GridSearchCV(RandomForestClassifier(), grid)\n"
         "b = GridSearchCV(RandomForestRegressor(), grid)"),
    ),
)
class GridValues(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.notebook = _notebook(ctx.sources or (ctx.text,))

    def _grid(self, node: cst.BaseExpression, estimators: list[ast.AST | None]) -> cst.BaseExpression:
        if isinstance(node, (cst.List, cst.Tuple)):  # a list of grids
            return node.with_changes(elements=[e.with_changes(value=self._grid(e.value, estimators))
                                               for e in node.elements])
        if isinstance(node, cst.Dict):
            return node.with_changes(elements=[
                e.with_changes(value=self._values(string_value(e.key), e.value, estimators))
                if isinstance(e, cst.DictElement) else e for e in node.elements])
        if isinstance(node, cst.Call) and callee_name(node) == "dict":
            return node.with_changes(args=[
                a.with_changes(value=self._values(a.keyword.value, a.value, estimators)) if a.keyword else a
                for a in node.args])
        return node

    def _values(self, key: str | None, node: cst.BaseExpression, estimators) -> cst.BaseExpression:
        if key is None or not _QUOTED_REMOVED.search(code_of(node)):
            return node
        owners = self.notebook.owners(key, estimators)
        if owners is None:
            return node
        param, classes = owners
        renames = {}
        for value in _QUOTED_REMOVED.findall(code_of(node)):
            if (new := _agreed(param, value, classes)) is not None:
                renames[value] = new
        return rename_listed(node, renames) if renames else node

    def leave_Assign(self, original, updated):
        if len(updated.targets) != 1 or not isinstance(updated.targets[0].target, cst.Name):
            return updated
        name = updated.targets[0].target.value
        estimators = [e for e, grid in self.notebook.searches if isinstance(grid, ast.Name) and grid.id == name]
        return updated.with_changes(value=self._grid(updated.value, estimators)) if estimators else updated

    def leave_Call(self, original, updated):
        if callee_name(updated) not in _SEARCHES:
            return updated
        parsed = ast.parse(code_of(updated), mode="eval").body
        estimator, grid = _argument(parsed, 0, ("estimator",)), _argument(parsed, 1, _GRID_KEYWORDS)
        if isinstance(grid, ast.Name):
            return updated
        args = [a for a in updated.args if a.keyword is None]
        target = next((a for a in updated.args if a.keyword and a.keyword.value in _GRID_KEYWORDS),
                      args[1] if len(args) > 1 else None)
        if target is None:
            return updated
        return updated.with_changes(args=[a.with_changes(value=self._grid(a.value, [estimator])) if a is target else a
                                          for a in updated.args])


_BASE_ESTIMATOR = re.compile(r"Invalid parameter '?base_estimator'? for estimator")


@rule(
    "sklearn-grid-base-estimator",
    library="scikit-learn",
    changed_in="scikit-learn 1.2 (base_estimator -> estimator; removed in 1.4)",
    rationale="the ensembles' base_estimator is estimator: a grid key or set_params keyword that reaches "
    "through it (base_estimator__max_depth) names a parameter the ensemble no longer has; it is renamed "
    "wherever the notebook writes it.",
    kind="error",
    signatures=(("ValueError", _BASE_ESTIMATOR.pattern),),
    examples=(
        ("grid = {'base_estimator__max_depth': [1, 2], 'n_estimators': [50]}\nada.set_params(base_estimator__max_depth=3)",
         "grid = {'estimator__max_depth': [1, 2], 'n_estimators': [50]}\nada.set_params(estimator__max_depth=3)"),
    ),
)
class BaseEstimatorKeys(RuleTransformer):
    def leave_SimpleString(self, original, updated):
        text = string_value(updated)
        if text is not None and text.startswith("base_estimator__"):
            return cst.SimpleString(updated.value.replace("base_estimator__", "estimator__", 1))
        return updated

    def leave_Arg(self, original, updated):
        if updated.keyword is not None and updated.keyword.value.startswith("base_estimator__"):
            return updated.with_changes(keyword=cst.Name(updated.keyword.value.replace("base_", "", 1)))
        return updated


NOTEBOOK_ERROR.append((RULES["sklearn-grid-base-estimator"].signatures,
                       everywhere("sklearn-grid-base-estimator", _BASE_ESTIMATOR.search)))
