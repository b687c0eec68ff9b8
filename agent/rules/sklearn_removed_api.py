"""scikit-learn names removed with a replacement of another shape: SCORERS, linear_assignment, cv='prefit'; and
export_graphviz, which stopped writing tree.dot by itself.

Also make_column_transformer's (columns, transformer) pairs of 0.20-0.21, which 0.22 turned around.

From the catalogue's uncovered entries: each replacement computes what the old name did, so the
rewrite needs no intent: ``SCORERS.keys()`` is ``get_scorer_names()``, ``linear_assignment(C)``
the (row, column) pairs of ``linear_sum_assignment(C)``, and ``CalibratedClassifierCV(m,
cv='prefit')`` the calibration of the frozen, already fitted ``m``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_sklearn
from .framework import (
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    names_bound_to,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rule,
    split_import_from,
    string_value,
)
from .python3_rules import Importing
from .removed_api import RemovedNames, shim_source


@rule(
    "sklearn-scorers-dict",
    library="scikit-learn",
    changed_in="scikit-learn 1.3 (deprecated in 1.0)",
    rationale="the SCORERS dict was removed: its keys are get_scorer_names(), SCORERS[name] is get_scorer(name), and "
    "the dict itself is rebuilt from the two where it is used whole.",
    needles=("SCORERS",),
    signatures=(("ImportError", r"cannot import name 'SCORERS'"), ("AttributeError", r"has no attribute 'SCORERS'")),
    examples=(
        ("from sklearn.metrics import SCORERS\nprint(sorted(SCORERS.keys()))\ns = SCORERS['accuracy']",
         "from sklearn.metrics import get_scorer, get_scorer_names\nprint(sorted(get_scorer_names()))\ns = get_scorer('accuracy')"),
        ("import sklearn\nfrom sklearn import metrics\nnames = list(sklearn.metrics.SCORERS)\nok = 'f1' in metrics.SCORERS",
         "import sklearn\nfrom sklearn import metrics\nnames = list(sklearn.metrics.get_scorer_names())\n"
         "ok = 'f1' in metrics.get_scorer_names()"),
        ("from sklearn.metrics import SCORERS\nfor k, v in SCORERS.items():\n    pass",
         "from sklearn.metrics import get_scorer, get_scorer_names\n"
         "for k, v in {n: get_scorer(n) for n in get_scorer_names()}.items():\n    pass"),
    ),
)
class ScorersDict(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.attr_names: set[int] = set()  # the .attr Names of attributes: not uses of a bare SCORERS
        self.in_import = 0
        self.whole_dict = False  # some use needs the scorers themselves (.items(), .values())

    def _prefix(self, node: cst.BaseExpression) -> str | None:
        """"" for a bare SCORERS imported from sklearn.metrics, "metrics." for metrics.SCORERS; None otherwise."""
        if isinstance(node, cst.Name) and node.value == "SCORERS":
            return "" if self.ctx.imported.get("SCORERS", "").startswith("sklearn.metrics") else None
        if isinstance(node, cst.Attribute) and node.attr.value == "SCORERS":
            owner = dotted(node.value) or ""
            head = owner.split(".")[0]
            return f"{owner}." if owner and (head == "sklearn" or self.ctx.imported.get(head, "").startswith("sklearn")) else None
        return None

    def visit_Attribute(self, node):
        self.attr_names.add(id(node.attr))

    def visit_ImportFrom(self, node):
        self.in_import += 1

    def visit_Import(self, node):
        self.in_import += 1

    def leave_Import(self, original, updated):
        self.in_import -= 1
        return updated

    def visit_Call(self, node):
        if m.matches(node.func, m.Attribute(attr=m.Name("items") | m.Name("values"))) and self._prefix(node.func.value) is not None:
            self.whole_dict = True

    def _whole(self, original, updated):
        """A use of the whole dict: iterated, tested for membership, sorted; with .items() the scorers too."""
        prefix = self._prefix(original)
        if prefix is None:
            return updated
        if self.whole_dict:
            return cst.parse_expression(f"{{n: {prefix}get_scorer(n) for n in {prefix}get_scorer_names()}}")
        return cst.parse_expression(f"{prefix}get_scorer_names()")

    def leave_Name(self, original, updated):
        if self.in_import or id(original) in self.attr_names:
            return updated
        return self._whole(original, updated)

    def leave_Attribute(self, original, updated):
        return self._whole(original, updated) if original.attr.value == "SCORERS" else updated

    def leave_Call(self, original, updated):
        if m.matches(original.func, m.Attribute(attr=m.Name("keys"))) and not updated.args:
            prefix = self._prefix(original.func.value)
            if prefix is not None:
                return cst.parse_expression(f"{prefix}get_scorer_names()")
        return updated

    def leave_Subscript(self, original, updated):
        prefix = self._prefix(original.value)
        if prefix is None or len(updated.slice) != 1 or not isinstance(updated.slice[0].slice, cst.Index):
            return updated
        return cst.Call(cst.parse_expression(f"{prefix}get_scorer"), [cst.Arg(updated.slice[0].slice.value)])

    def leave_ImportFrom(self, original, updated):
        self.in_import -= 1
        if dotted(updated.module) != "sklearn.metrics" or isinstance(updated.names, cst.ImportStar):
            return updated
        if not any(a.evaluated_name == "SCORERS" for a in updated.names):
            return updated
        kept = [a for a in updated.names if a.evaluated_name not in ("SCORERS", "get_scorer", "get_scorer_names")]
        both = "get_scorer, get_scorer_names"
        return split_import_from(updated, kept, [("sklearn.metrics", both, both)])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


@rule(
    "sklearn-linear-assignment",
    library="scikit-learn",
    changed_in="scikit-learn 0.23 (deprecated in 0.21)",
    rationale="sklearn.utils.linear_assignment_ was removed for scipy.optimize.linear_sum_assignment, which returns "
    "the rows and the columns as two arrays: their transpose is the (n, 2) array of pairs linear_assignment gave.",
    needles=("linear_assignment",),
    signatures=(("ModuleNotFoundError", r"No module named 'sklearn\.utils\.linear_assignment_'"),),
    examples=(
        ("from sklearn.utils.linear_assignment_ import linear_assignment\nind = linear_assignment(w.max() - w)",
         "import numpy\nfrom scipy.optimize import linear_sum_assignment\nind = numpy.transpose(linear_sum_assignment(w.max() - w))"),
        ("import numpy as np\nfrom sklearn.utils.linear_assignment_ import linear_assignment as la\npairs = la(-cost)",
         "import numpy as np\nfrom scipy.optimize import linear_sum_assignment\npairs = np.transpose(linear_sum_assignment(-cost))"),
    ),
)
class LinearAssignment(Importing):
    def _old(self, call: cst.Call) -> bool:
        name = callee_name(call)
        return isinstance(call.func, cst.Name) and self.ctx.imported.get(name or "") == \
            "sklearn.utils.linear_assignment_.linear_assignment"

    def leave_Call(self, original, updated):
        if not self._old(updated) or len(updated.args) != 1:
            return updated
        solved = cst.Call(cst.Name("linear_sum_assignment"), [updated.args[0]])
        return cst.Call(cst.Attribute(cst.Name(self.need("numpy")), cst.Name("transpose")), [cst.Arg(solved)])

    def leave_ImportFrom(self, original, updated):
        if dotted(updated.module) != "sklearn.utils.linear_assignment_" or isinstance(updated.names, cst.ImportStar):
            return updated
        if [a.evaluated_name for a in updated.names] != ["linear_assignment"]:
            return updated
        return cst.parse_statement("from scipy.optimize import linear_sum_assignment").body[0]


@rule(
    "sklearn-calibration-prefit",
    library="scikit-learn",
    changed_in="scikit-learn 1.8 (cv='prefit' removed; deprecated in 1.6)",
    rationale="CalibratedClassifierCV(model, cv='prefit') calibrated an already fitted model; the model wrapped in "
    "FrozenEstimator is calibrated the same way without being refitted.",
    needles=("prefit",),
    signatures=(("InvalidParameterError", r"'cv' parameter of CalibratedClassifierCV"),),
    examples=(
        ("from sklearn.calibration import CalibratedClassifierCV\ncal = CalibratedClassifierCV(svc, cv='prefit', method='sigmoid')",
         "from sklearn.frozen import FrozenEstimator\nfrom sklearn.calibration import CalibratedClassifierCV\n"
         "cal = CalibratedClassifierCV(FrozenEstimator(svc), method='sigmoid')"),
        ("c = CalibratedClassifierCV(estimator=rf, cv='prefit')",
         "from sklearn.frozen import FrozenEstimator\nc = CalibratedClassifierCV(estimator=FrozenEstimator(rf))"),
        ("s = SelectFromModel(rf, prefit=True)", "s = SelectFromModel(rf, prefit=True)"),
    ),
)
class CalibrationPrefit(Importing):
    def leave_Call(self, original, updated):
        cv = kwarg(updated, "cv")
        if callee_name(updated) != "CalibratedClassifierCV" or cv is None or string_value(cv.value) != "prefit":
            return updated
        pos = positional(updated)
        model = kwarg(updated, "estimator") or kwarg(updated, "base_estimator") or (pos[0] if pos else None)
        if model is None:
            return updated
        if "from sklearn.frozen import FrozenEstimator" not in self.imports:
            self.imports.append("from sklearn.frozen import FrozenEstimator")
        frozen = cst.Call(cst.Name("FrozenEstimator"), [cst.Arg(model.value)])
        call = remove_kwarg(updated, "cv")
        return call.with_changes(args=[a.with_changes(value=frozen) if a.value is model.value else a for a in call.args])


_SEARCHES = ("GridSearchCV", "RandomizedSearchCV")
_FIT_PARAMS_AT = re.compile(r"(?s)\b(\w+)\s*=\s*[\w.]*\b(?:GridSearchCV|RandomizedSearchCV)\((?:(?!\n\S).)*?"
                            r"\bfit_params\s*=\s*(?!None\b)(\w+)\s*[,)]")


@lru_cache(maxsize=32)
def _mentions_fit_params(text: str) -> bool:
    return "fit_params" in text and "SearchCV" in text


@rule(
    "sklearn-search-fit-params",
    library="scikit-learn",
    changed_in="scikit-learn 0.21 (deprecated in 0.19)",
    rationale="a search's fit_params= left its constructor: they are passed to its fit call (search.fit(X, y, "
    "**fit_params)), chained or on the name the search is assigned to, in whichever cell it is fitted.",
    needles=("fit_params", ".fit("),
    gate=lambda ctx, code: _mentions_fit_params(ctx.text),  # as the transform's first test, before any cell is parsed
    signatures=(("TypeError", r"(GridSearchCV|RandomizedSearchCV).*unexpected keyword argument 'fit_params'"),),
    examples=(
        ("gs = GridSearchCV(xgb, grid, cv=3, fit_params={'early_stopping_rounds': 10})\ngs.fit(X, y)",
         "gs = GridSearchCV(xgb, grid, cv=3)\ngs.fit(X, y, **{'early_stopping_rounds': 10})"),
        ("best = RandomizedSearchCV(m, dist, fit_params=fp).fit(X, y).best_params_",
         "best = RandomizedSearchCV(m, dist).fit(X, y, **fp).best_params_"),
        ("fp = {'verbose': False}\ngs = GridSearchCV(m, g, fit_params=fp)\nfor X, y in folds:\n    gs.fit(X, y)\n",
         "fp = {'verbose': False}\ngs = GridSearchCV(m, g)\nfor X, y in folds:\n    gs.fit(X, y, **fp)\n"),
        # fitted where no name leads (a dict of models, a loop): every fit of the search is given them
        ("gs = GridSearchCV(m, g, fit_params={'v': 1})\nmodels = {'gs': gs}",
         shim_source(old_sklearn.with_fit_params, "with_fit_params")
         + "gs = with_fit_params(GridSearchCV(m, g), {'v': 1})\nmodels = {'gs': gs}"),
        ("g = GridSearchCV(cv=3, estimator=rf, fit_params=None, iid=True)\ng.fit(X, y)",
         "g = GridSearchCV(cv=3, estimator=rf, iid=True)\ng.fit(X, y)"),
        ("searches = [GridSearchCV(m, g, fit_params=fp)]",
         shim_source(old_sklearn.with_fit_params, "with_fit_params")
         + "searches = [with_fit_params(GridSearchCV(m, g), fp)]"),
    ),
)
def search_fit_params(module: cst.Module, ctx) -> cst.Module:
    if not _mentions_fit_params(ctx.text):  # the needles let every cell with a fit through: the notebook decides
        return module
    visitor = SearchFitParams(ctx)
    new = module.visit(visitor)
    return new if visitor.changed else module


def _search_with_params(call: cst.BaseExpression) -> bool:
    """A search given fit parameters (fit_params=None, in the printed form of a 0.19-0.20 search, gave none)."""
    given = kwarg(call, "fit_params") if isinstance(call, cst.Call) and callee_name(call) in _SEARCHES else None
    return given is not None and not m.matches(given.value, m.Name("None"))


class SearchFitParams(RemovedNames):
    """The parameters go to the search's fit where a name leads there: chained (``GridSearchCV(...).fit``), or
    the name it is assigned to fitted in this cell, or in a later one when they are a name that cell can read.
    Anywhere else (a dict of models, a loop, a literal fitted in another cell) the search is wrapped so that
    each of its fits is given them (old_sklearn.with_fit_params)."""

    TABLE = {}

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.by_name: dict[str, cst.BaseExpression] = {  # searches made in any cell with fit_params=<a name>
            found[1]: cst.Name(found[2]) for found in _FIT_PARAMS_AT.finditer(ctx.text)}
        self.readable = set(self.by_name)  # what a later cell's fit can be given (see leave_Call)
        self.fitted: set[str] = set()  # names fitted in this cell
        self.moved: set[int] = set()  # the searches whose fit receives the parameters: no wrapping

    def visit_Module(self, node):
        class Fits(cst.CSTVisitor):
            def visit_Call(inner, call):
                if m.matches(call.func, m.Attribute(value=m.Name(), attr=m.Name("fit"))):
                    self.fitted.add(call.func.value.value)

        node.visit(Fits())

    def visit_Call(self, node):
        if m.matches(node.func, m.Attribute(attr=m.Name("fit"))) and _search_with_params(node.func.value):
            self.moved.add(id(node.func.value))

    def visit_Assign(self, node):
        call = node.value
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and _search_with_params(call):
            name, params = node.targets[0].target.value, kwarg(call, "fit_params").value
            self.by_name[name] = params
            later = name in self.readable and re.search(rf"\b{name}\.fit\(", self.ctx.text) is not None
            if name in self.fitted or later:
                self.moved.add(id(call))

    def leave_Assign(self, original, updated):
        if id(original.value) in self.moved:
            return updated.with_changes(value=remove_kwarg(updated.value, "fit_params"))
        return updated

    def leave_Call(self, original, updated):
        if callee_name(updated) in _SEARCHES and m.matches(kwarg(updated, "fit_params"), m.Arg(m.Name("None"))):
            return remove_kwarg(updated, "fit_params")
        if _search_with_params(original) and id(original) not in self.moved:
            params = kwarg(updated, "fit_params").value
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            return cst.Call(self.need_shim("with_fit_params", old_sklearn.with_fit_params),
                            [cst.Arg(remove_kwarg(updated, "fit_params"), comma=comma), cst.Arg(params)])
        if not m.matches(updated.func, m.Attribute(attr=m.Name("fit"))):
            return updated
        owner = updated.func.value
        params = None
        if isinstance(owner, cst.Call) and callee_name(owner) in _SEARCHES and kwarg(owner, "fit_params") is not None:
            params = kwarg(owner, "fit_params").value
            updated = updated.with_changes(func=updated.func.with_changes(value=remove_kwarg(owner, "fit_params")))
        elif isinstance(owner, cst.Name) and owner.value in self.by_name:
            params = self.by_name[owner.value]
        if params is None or any(a.star == "**" for a in updated.args):
            return updated
        args = list(updated.args)
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(args=[*args, cst.Arg(params, star="**")])


_KEYWORD_TRANSFORMERS = ("drop", "passthrough")


def _column_literal(node: cst.BaseExpression) -> bool:
    """A column selection no transformer can be: a list or tuple literal, a comprehension, a column's name."""
    if isinstance(node, (cst.List, cst.Tuple, cst.ListComp)):
        return True
    return isinstance(node, cst.SimpleString) and string_value(node) not in _KEYWORD_TRANSFORMERS


@rule(
    "sklearn-column-transformer-order",
    library="scikit-learn",
    changed_in="scikit-learn 0.22 (the order of 0.20-0.21, deprecated in 0.21)",
    rationale="make_column_transformer took (columns, transformer) pairs in 0.20-0.21 and takes (transformer, "
    "columns) since 0.22, where a list of columns in the transformer's place fails ('All estimators should "
    "implement fit and transform'). A pair whose first element is a literal column selection (a list, a "
    "column's name) is turned around; on that error, also a pair of a name and an estimator built in place.",
    needles=("make_column_transformer",),
    signatures=(("TypeError", r"All estimators should implement fit and transform"),),
    examples=(
        ("from sklearn.compose import make_column_transformer\n"
         "ct = make_column_transformer((['age', 'fare'], StandardScaler()), ('sex', OneHotEncoder()), "
         "remainder='drop')",
         "from sklearn.compose import make_column_transformer\n"
         "ct = make_column_transformer((StandardScaler(), ['age', 'fare']), (OneHotEncoder(), 'sex'), "
         "remainder='drop')"),
        ("from sklearn.compose import make_column_transformer\n"
         "ct = make_column_transformer((StandardScaler(), ['age']), ('drop', ['id']), (num_pipe, num_cols))",
         "from sklearn.compose import make_column_transformer\n"
         "ct = make_column_transformer((StandardScaler(), ['age']), ('drop', ['id']), (num_pipe, num_cols))"),
    ),
)
class ColumnTransformerOrder(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) != "make_column_transformer" or "sklearn" not in self.ctx.text:
            return updated
        args = [a.with_changes(value=self._turned(a.value)) if not a.keyword and not a.star else a
                for a in updated.args]
        return updated.with_changes(args=args)

    def _turned(self, pair: cst.BaseExpression) -> cst.BaseExpression:
        if not isinstance(pair, cst.Tuple) or len(pair.elements) != 2:
            return pair
        first, second = (e.value for e in pair.elements)
        old = _column_literal(first) and not isinstance(second, (cst.List, cst.ListComp))
        on_error = self.ctx.error is not None and isinstance(first, cst.Name) and isinstance(second, cst.Call) \
            and callee_name(second) != "make_column_selector"
        if not (old or on_error):
            return pair
        a, b = pair.elements
        return pair.with_changes(elements=[b.with_changes(comma=a.comma), a.with_changes(comma=b.comma)])


@rule(
    "sklearn-renamed-results",
    library="scikit-learn",
    changed_in="scikit-learn 1.1 (GraphicalLassoCV.cv_alphas_; deprecated in 0.24), 1.5 (partial_dependence's "
    "'values'; deprecated in 1.3)",
    rationale="GraphicalLassoCV's cv_alphas_ (the list of alphas tried) is cv_results_['alphas'] as an array: "
    ".tolist() gives the list back (on a name bound to a GraphicalLassoCV, or the one the error names: LarsCV and "
    "LassoLarsCV keep their own cv_alphas_); partial_dependence's Bunch calls the grid it evaluated 'grid_values' where "
    "it called it 'values', on the call itself or on a name the notebook binds to one.",
    pattern=r"cv_alphas_|\[\s*['\"]values['\"]\s*\]",
    gate=lambda ctx, code: "sklearn" in ctx.text and ("cv_alphas_" in code or "partial_dependence" in ctx.text),
    signatures=(("AttributeError", r"object has no attribute 'cv_alphas_'"), ("KeyError", r"^'values'$")),
    examples=(
        ("from sklearn.covariance import GraphicalLassoCV\nmodel = GraphicalLassoCV().fit(X)\n"
         "plt.plot(model.cv_alphas_, model.grid_scores_.mean(axis=1))",
         "from sklearn.covariance import GraphicalLassoCV\nmodel = GraphicalLassoCV().fit(X)\n"
         "plt.plot(model.cv_results_['alphas'].tolist(), model.grid_scores_.mean(axis=1))"),
        ("from sklearn.linear_model import LassoLarsCV\nlars = LassoLarsCV().fit(X, y)\na = lars.cv_alphas_",
         "from sklearn.linear_model import LassoLarsCV\nlars = LassoLarsCV().fit(X, y)\na = lars.cv_alphas_"),
        ("from sklearn.inspection import partial_dependence\npdp = partial_dependence(gb, X, [0])\n"
         "grid = pdp['values'][0]\nfirst = partial_dependence(gb, X, [1])['values']\nother = frame['values']",
         "from sklearn.inspection import partial_dependence\npdp = partial_dependence(gb, X, [0])\n"
         "grid = pdp['grid_values'][0]\nfirst = partial_dependence(gb, X, [1])['grid_values']\n"
         "other = frame['values']"),
    ),
)
class RenamedResults(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.dependences = names_bound_to(ctx.text, ["partial_dependence"])
        self.lassos = names_bound_to(ctx.text, ["GraphicalLassoCV", "GraphLassoCV"])

    def leave_Attribute(self, original, updated):
        # LarsCV and LassoLarsCV keep their cv_alphas_: only a graphical lasso's, or the one the error names
        if updated.attr.value != "cv_alphas_" or not (
                (isinstance(updated.value, cst.Name) and updated.value.value in self.lassos)
                or re.match(r"[\w.]*Graph(ical)?LassoCV\(", code_of(updated.value))
                or (self.on_own_error_line(original) and self.own_error_type in ("GraphicalLassoCV", "GraphLassoCV"))):
            return updated
        alphas = cst.Subscript(updated.with_changes(attr=cst.Name("cv_results_")),
                               [cst.SubscriptElement(cst.Index(cst.SimpleString("'alphas'")))])
        return cst.Call(cst.Attribute(alphas, cst.Name("tolist")))

    def leave_Subscript(self, original, updated):
        index = updated.slice[0].slice if len(updated.slice) == 1 else None
        if not isinstance(index, cst.Index) or string_value(index.value) != "values":
            return updated
        owner = updated.value
        if not ((isinstance(owner, cst.Name) and owner.value in self.dependences)
                or (isinstance(owner, cst.Call) and callee_name(owner) == "partial_dependence")):
            return updated
        key = index.value.with_changes(value=index.value.value.replace("values", "grid_values"))
        return updated.with_changes(slice=[updated.slice[0].with_changes(slice=index.with_changes(value=key))])


@rule(
    "sklearn-export-graphviz-file",
    library="scikit-learn",
    changed_in="scikit-learn 0.20",
    rationale="export_graphviz wrote the tree to 'tree.dot' unless told otherwise; since 0.20 it returns the DOT text "
    "and writes no file. A call whose result the notebook throws away was made for the file (a later '!dot -Tpng "
    "tree.dot' or graphviz.Source.from_file): out_file='tree.dot' is written out.",
    needles=("export_graphviz(",),
    gate=lambda ctx, code: "sklearn" in ctx.text,
    examples=(
        ("from sklearn.tree import export_graphviz\nexport_graphviz(clf, feature_names=cols)\n"
         "text = export_graphviz(clf)\nexport_graphviz(clf, 'out.dot')",
         "from sklearn.tree import export_graphviz\nexport_graphviz(clf, feature_names=cols, out_file='tree.dot')\n"
         "text = export_graphviz(clf)\nexport_graphviz(clf, 'out.dot')"),
        ("from sklearn import tree\ntree.export_graphviz(model.estimators_[0], max_depth=2)",
         "from sklearn import tree\ntree.export_graphviz(model.estimators_[0], max_depth=2, out_file='tree.dot')"),
    ),
)
class ExportGraphvizFile(RuleTransformer):
    def leave_Expr(self, original, updated):
        call = updated.value
        if not isinstance(call, cst.Call) or callee_name(call) != "export_graphviz" or "def export_graphviz" in \
                self.ctx.text or kwarg(call, "out_file") is not None or len(positional(call)) > 1 \
                or any(a.star for a in call.args):
            return updated
        return updated.with_changes(value=add_kwarg(call, "out_file", "'tree.dot'"))
