"""scikit-learn: families of changes that act on any spelling (search results, 1-D inputs, prefit calibration).

Each rule is written from what scikit-learn changed, not from one notebook's line: train scores left
``cv_results_`` by default in 0.21 (whatever reads them, in whichever cell the search was made),
``grid_scores_`` left in 0.20 (``RFECV``'s in 1.2), and a 1-D ``X`` has been refused since 0.19
(whichever method receives it, keyword or positional, a column or a row).
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    kwarg,
    notebook_rule,
    positional,
    rule,
    string_value,
)
from .notebook_cells import rewrite_cells

# --------------------------------------------------------------------------- train scores

# Callables whose results hold train scores only with return_train_score=True (the default until 0.21).
_TRAIN_SCORE_MAKERS = {"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV",
                       "cross_validate"}
# A key of cv_results_ / cross_validate's dict that only exists with train scores.
_TRAIN_KEY = r"(?:(?:mean|std|split\d+)_train_\w+|train_score|train_\w+)"
_TRAIN_KEY_READ = re.compile(rf"""['"]{_TRAIN_KEY}['"]|['"](?:mean|std|split\w*)_train_""")


@lru_cache(maxsize=32)
def _reads_train_keys(text: str) -> bool:
    """Whether the notebook reads a train-score key (once per notebook text, not once per cell)."""
    return "train_" in text and _TRAIN_KEY_READ.search(text) is not None


class _ReturnTrainScore(RuleTransformer):
    force = False  # the error-keyed form: the KeyError already says the train scores are wanted

    def visit_Module(self, node):
        return self.force or _reads_train_keys(self.ctx.text)  # nothing to do: skip the walk

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        if name not in _TRAIN_SCORE_MAKERS or kwarg(updated, "return_train_score") is not None:
            return updated
        if any(a.star == "**" for a in updated.args):
            return updated  # the keywords may already say it
        if not (self.force or _reads_train_keys(self.ctx.text)):
            return updated
        return add_kwarg(updated, "return_train_score", "True")


@rule(
    "sklearn-return-train-score",
    library="scikit-learn",
    changed_in="scikit-learn 0.21",
    rationale="return_train_score defaults to False since 0.21, so cv_results_ and cross_validate's dict no longer "
    "hold mean_train_score / train_score; the notebook reads them, so the search (or cross_validate) that made "
    "them asks for them again.",
    needles=("SearchCV(", "cross_validate("),
    prefilter=lambda code: "return_train_score" not in code,
    gate=lambda ctx, code: _reads_train_keys(ctx.text),  # as visit_Module, before any cell is parsed
    examples=(
        ("gs = GridSearchCV(svc, grid, cv=5)\ngs.fit(X, y)\nprint(gs.cv_results_['mean_train_score'])",
         "gs = GridSearchCV(svc, grid, cv=5, return_train_score=True)\ngs.fit(X, y)\n"
         "print(gs.cv_results_['mean_train_score'])"),
        ("r = model_selection.cross_validate(alg, X, y, cv=cv_split)\nt = r['train_score'].mean()",
         "r = model_selection.cross_validate(alg, X, y, cv=cv_split, return_train_score=True)\nt = r['train_score'].mean()"),
        ("rs = RandomizedSearchCV(m, dist, n_iter=5)\nres = pd.DataFrame(rs.cv_results_)[['mean_test_score', 'std_train_score']]",
         "rs = RandomizedSearchCV(m, dist, n_iter=5, return_train_score=True)\n"
         "res = pd.DataFrame(rs.cv_results_)[['mean_test_score', 'std_train_score']]"),
        ("gs = GridSearchCV(svc, grid, cv=5)\nprint(gs.cv_results_['mean_test_score'])",
         "gs = GridSearchCV(svc, grid, cv=5)\nprint(gs.cv_results_['mean_test_score'])"),
    ),
)
class ReturnTrainScore(_ReturnTrainScore):
    pass


class _ForcedTrainScore(_ReturnTrainScore):
    force = True


_KEY_ERROR = (("KeyError", rf"^'{_TRAIN_KEY}'$"),)


def _train_score_on_error(sources: list[str], failing: int | None, ctx: Context):
    """A KeyError for a train-score key (read through a key the static rule could not see, such as
    ``f'mean_{s}_score'``): every search or cross_validate up to the failing cell asks for train scores."""
    if failing is None:
        return []
    makers = re.compile(r"\b(" + "|".join(_TRAIN_SCORE_MAKERS) + r")\(")
    why = ("scikit-learn 0.21: return_train_score defaults to False, so the train-score key "
           f"{ctx.error.evalue} is missing; the search that makes it asks for train scores again.")
    return [(i, new, "sklearn-return-train-score-keyerror", why) for i, new in rewrite_cells(
        sources, failing, lambda source: makers.search(source) is not None,
        lambda i, module: module.visit(_ForcedTrainScore(ctx)))]


notebook_rule(
    "sklearn-return-train-score-keyerror", "scikit-learn", "scikit-learn 0.21",
    "a KeyError for a train-score key ('mean_train_score', 'train_score', 'split0_train_score', however the key is "
    "built): the searches and cross_validate calls up to the failing cell get return_train_score=True.",
    kind="error", signatures=_KEY_ERROR, on_error=_train_score_on_error,
)


# --------------------------------------------------------------------------- grid_scores_

_SEARCH_CLASSES = r"(GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV)"
# The fields of the old _CVScoreTuple, by position in the tuples the rewrite builds.
_SCORE_TUPLE_FIELDS = {"parameters": 0, "mean_validation_score": 1, "cv_validation_scores": 2}


def _made_by(name: str, classes: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\s*=\s*(?:[\w.]+\.)?{classes}\(", text) is not None


@rule(
    "sklearn-grid-scores",
    library="scikit-learn",
    changed_in="scikit-learn 0.20 (searches), 1.2 (RFECV)",
    rationale="grid_scores_ was removed: a search's list of (parameters, mean score, per-fold scores) is rebuilt "
    "from cv_results_ in the same order (the old tuple's fields are read by position), and RFECV's mean score per "
    "number of features is cv_results_['mean_test_score'].",
    needles=("grid_scores_",),
    signatures=(("AttributeError", r"'(RFECV|GridSearchCV|RandomizedSearchCV)' object has no attribute 'grid_scores_'"),),
    examples=(
        ("import numpy as np\nfor params, mean, scores in gs.grid_scores_:\n    print(params, mean, scores.std())",
         "import numpy as np\nfor params, mean, scores in [(p, s, np.array(f)) for p, s, *f in zip(gs.cv_results_['params'], "
         "gs.cv_results_['mean_test_score'], *(gs.cv_results_[f'split{i}_test_score'] for i in range(gs.n_splits_)))]:\n"
         "    print(params, mean, scores.std())"),
        ("best = max(g.grid_scores_, key=lambda t: t.mean_validation_score)",
         "best = max([(p, s, tuple(f)) for p, s, *f in zip(g.cv_results_['params'], g.cv_results_['mean_test_score'], "
         "*(g.cv_results_[f'split{i}_test_score'] for i in range(g.n_splits_)))], key=lambda t: t[1])"),
        ("rfecv = RFECV(estimator=svc, step=1, cv=5)\nplt.plot(range(1, len(rfecv.grid_scores_) + 1), rfecv.grid_scores_)",
         "rfecv = RFECV(estimator=svc, step=1, cv=5)\nplt.plot(range(1, len(rfecv.cv_results_['mean_test_score']) + 1), "
         "rfecv.cv_results_['mean_test_score'])"),
    ),
)
class GridScores(RuleTransformer):
    """On its error, the failing line's grid_scores_ is of the class the message names, whatever holds it."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.named = self.own_error_type

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        if attr in _SCORE_TUPLE_FIELDS and not isinstance(updated.value, cst.Call):
            return cst.Subscript(updated.value, [cst.SubscriptElement(cst.Index(cst.Integer(str(_SCORE_TUPLE_FIELDS[attr]))))])
        if attr != "grid_scores_":
            return updated
        owner = code_of(updated.value)
        named = self.named if self.named and self.on_error_line(original) else None
        if not named and (_made_by(owner, r"Graph(ical)?LassoCV", self.ctx.text)
                          or re.match(r"(?:[\w.]+\.)?Graph(ical)?LassoCV\(", owner)):
            return updated  # a graphical lasso's array of scores: sklearn-graphical-lasso-grid-scores
        if named == "RFECV" or not named and _made_by(owner, r"RFECV", self.ctx.text):
            return cst.parse_expression(f"{owner}.cv_results_['mean_test_score']")
        if not named and "RFECV" in self.ctx.text and not _made_by(owner, _SEARCH_CLASSES, self.ctx.text):
            return updated  # which object it is cannot be told
        numpy = self.ctx.name_to_write("numpy")
        scores = f"{numpy}.array(f)" if numpy else "tuple(f)"
        results = f"{owner}.cv_results_"
        return cst.parse_expression(
            f"[(p, s, {scores}) for p, s, *f in zip({results}['params'], {results}['mean_test_score'], "
            f"*({results}[f'split{{i}}_test_score'] for i in range({owner}.n_splits_)))]")

    def leave_Call(self, original, updated):
        # ``t.parameters()`` is some other object's method (torch's): the field rewrite above must not touch it
        if m.matches(original.func, m.Attribute(attr=m.Name("parameters"))) and isinstance(updated.func, cst.Subscript):
            return updated.with_changes(func=original.func)
        return updated


# --------------------------------------------------------------------------- 1-D X

# method -> which argument is X (0: the first), and whether a 1-D X there meant one sample (predict on a row)
_X_METHODS = {"fit": 0, "fit_transform": 0, "transform": 0, "inverse_transform": 0, "predict": 0, "predict_proba": 0,
              "predict_log_proba": 0, "decision_function": 0, "score": 0, "fit_predict": 0, "partial_fit": 0,
              "score_samples": 0, "kneighbors": 0, "staged_predict": 0, "staged_predict_proba": 0, "apply": 0}
_X_FUNCTIONS = {"cross_val_score": 1, "cross_val_predict": 1, "cross_validate": 1, "learning_curve": 1,
                "validation_curve": 1, "permutation_test_score": 1}
_PREDICTING = {"predict", "predict_proba", "predict_log_proba", "decision_function", "score_samples", "kneighbors",
               "staged_predict", "staged_predict_proba", "apply"}
# Scalers took a 1-D X as one feature and gave a 1-D result back (until 0.19): the result is flattened again.
_SCALERS = r"(StandardScaler|MinMaxScaler|MaxAbsScaler|RobustScaler|QuantileTransformer|PowerTransformer)"
_TRANSFORMING = {"fit_transform", "transform", "inverse_transform"}


def x_argument(call: cst.Call) -> cst.Arg | None:
    name = callee_name(call)
    if isinstance(call.func, cst.Attribute) and name in _X_METHODS:
        at = _X_METHODS[name]
    elif name in _X_FUNCTIONS:
        at = _X_FUNCTIONS[name]
    else:
        return None
    given = kwarg(call, "X")
    if given is not None:
        return given
    pos = positional(call)
    return pos[at] if len(pos) > at else None


def _one_element(node: cst.Subscript) -> cst.BaseExpression | None:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return node.slice[0].slice.value
    return None


def _as_list_index(node: cst.Subscript, key: cst.BaseExpression) -> cst.Subscript:
    return node.with_changes(slice=[cst.SubscriptElement(cst.Index(cst.List([cst.Element(key)])))])


class _TwoD:
    """How a 1-D argument becomes 2-D, from its spelling: a column (``df['a']``, ``df.a``, ``df.loc[:, 'a']``)
    becomes a one-column frame, a row (``df.iloc[i]``, ``X[0]``, a list of numbers given to predict) a one-row
    input, and anything else one feature (sklearn's own advice, ``reshape(-1, 1)``)."""

    def __init__(self, ctx: Context, predicting: bool) -> None:
        self.ctx, self.predicting = ctx, predicting
        self.np = ctx.name_to_write("numpy")

    def column(self, x: cst.BaseExpression) -> cst.BaseExpression | None:
        if isinstance(x, cst.Subscript):
            key = _one_element(x)
            if m.matches(x.value, m.Attribute(attr=m.Name("loc"))) and len(x.slice) == 2 \
                    and isinstance(x.slice[1].slice, cst.Index) and string_value(x.slice[1].slice.value) is not None:
                return x.with_changes(slice=[x.slice[0], x.slice[1].with_changes(
                    slice=cst.Index(cst.List([cst.Element(x.slice[1].slice.value)])))])
            if key is None or m.matches(x.value, m.Attribute(attr=m.Name("iloc") | m.Name("loc") | m.Name("values"))):
                return None
            if string_value(key) is not None or isinstance(key, cst.FormattedString) or (
                    isinstance(x.value, cst.Name) and x.value.value in self.ctx.frames and isinstance(key, cst.Name)):
                return _as_list_index(x, key)
            return None
        if isinstance(x, cst.Attribute):
            if x.attr.value in ("values",) and isinstance(x.value, (cst.Subscript, cst.Attribute)):
                inner = self.column(x.value)
                return x.with_changes(value=inner) if inner is not None else None
            if isinstance(x.value, cst.Name) and x.value.value in self.ctx.frames and not x.attr.value.startswith("_"):
                key = cst.SimpleString(repr(x.attr.value))
                return cst.Subscript(x.value, [cst.SubscriptElement(cst.Index(cst.List([cst.Element(key)])))])
        return None

    def row(self, x: cst.BaseExpression) -> cst.BaseExpression | None:
        if isinstance(x, cst.Subscript):
            key = _one_element(x)
            if key is None or isinstance(key, (cst.List, cst.Tuple)) or string_value(key) is not None:
                return None
            if m.matches(x.value, m.Attribute(attr=m.Name("iloc") | m.Name("loc"))):
                return _as_list_index(x, key)  # a one-row frame, with the column names
            if isinstance(key, (cst.Integer, cst.UnaryOperation)) or (
                    isinstance(key, cst.Name) and not (isinstance(x.value, cst.Name) and x.value.value in self.ctx.frames)):
                return cst.List([cst.Element(x)])
            return None
        if isinstance(x, cst.List) and self.predicting and x.elements \
                and not any(isinstance(e.value, (cst.List, cst.Tuple)) for e in x.elements):
            return cst.List([cst.Element(x)])
        return None

    def feature(self, x: cst.BaseExpression) -> cst.BaseExpression:
        if self.np:
            return cst.parse_expression(f"{self.np}.reshape({code_of(x)}, (-1, 1))")
        return cst.parse_expression(f"[[v] for v in {code_of(x)}]")


def _receiver_is_scaler(call: cst.Call, ctx: Context) -> bool:
    owner = call.func.value if isinstance(call.func, cst.Attribute) else None
    if isinstance(owner, cst.Call):
        return re.fullmatch(_SCALERS, callee_name(owner) or "") is not None
    return isinstance(owner, cst.Name) and _made_by(owner.value, _SCALERS, ctx.text)


@rule(
    "sklearn-1d-input",
    library="scikit-learn",
    changed_in="scikit-learn 0.19 (a 1-D X raises; 0.17 deprecated it)",
    rationale="estimators refuse a 1-D X: on the failing line a column (df['a'], df.a) given as X becomes a "
    "one-column frame (df[['a']]), a row given to predict (df.iloc[i], X[0]) a one-row input, any other 1-D array one feature "
    "(reshape(-1, 1)); y stays 1-D, and a scaler's result is flattened back to the 1-D it returned.",
    kind="error",
    signatures=(("ValueError", r"Expected 2D array, got (1D|scalar) array instead|Expected a 2-dimensional container"),),
    examples=(
        ("age_scale_param = scaler.fit(df['Age'])\ndf['Age_scaled'] = scaler.fit_transform(df['Age'], age_scale_param)",
         "age_scale_param = scaler.fit(df[['Age']])\ndf['Age_scaled'] = scaler.fit_transform(df[['Age']], age_scale_param)"),
        ("import numpy as np\ntrain = pd.read_csv(PATH)\nlr.fit(train.GrLivArea, train.SalePrice)\np = lr.predict(x_new)",
         "import numpy as np\ntrain = pd.read_csv(PATH)\nlr.fit(train[['GrLivArea']], train.SalePrice)\np = lr.predict(np.reshape(x_new, (-1, 1)))"),
        ("p = clf.predict(X_test.iloc[0])\nq = clf.predict_proba(X[3])\nr = clf.predict([5.1, 3.5, 1.4, 0.2])",
         "p = clf.predict(X_test.iloc[[0]])\nq = clf.predict_proba([X[3]])\nr = clf.predict([[5.1, 3.5, 1.4, 0.2]])"),
        ("sc = StandardScaler()\ny_s = sc.fit_transform(y)\ns = cross_val_score(m, df['x'].values, y, cv=5)",
         "sc = StandardScaler()\ny_s = sc.fit_transform([[v] for v in y]).ravel()\n"
         "s = cross_val_score(m, df[['x']].values, y, cv=5)"),
        ("m.fit(df[['a']], y)\nm.fit(X=df.loc[:, 'a'], y=y)", "m.fit(df[['a']], y)\nm.fit(X=df.loc[:, ['a']], y=y)"),
        ("import numpy as np\ndef fit_one(data, col):\n    return LinearRegression().fit(data[col], data['y'])",
         "import numpy as np\ndef fit_one(data, col):\n    return LinearRegression().fit(np.reshape(data[col], (-1, 1)), data['y'])"),
    ),
)
class OneDimensionalInput(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # spans_error_line

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.scalar = bool(ctx.error and "scalar array" in ctx.error.evalue)
        self.failing: set[str] = set()  # the X arguments on the failing line, as written

    def visit_Module(self, node):
        if self.ctx.error_line is None:
            return
        outer, on_line = self, []

        class OnTheLine(cst.CSTVisitor):
            def visit_Call(self, call):
                x = x_argument(call)
                if x is not None and outer.spans_error_line(call):
                    on_line.append((callee_name(call), code_of(x.value)))

        node.visit(OnTheLine())
        # sc.inverse_transform(knn.predict(X)): the traceback's first frame that one of the line's calls names is
        # the call that got the 1-D input (here inverse_transform, given the predictions); the others' X stand
        self.called = _first_called(self.ctx.error.traceback or "", {name for name, _ in on_line})
        self.failing = {x for name, x in on_line if self.called in (None, name)}

    called: str | None = None  # the method or function of the failing line that refused the input, when known

    def _wanted(self, original: cst.Call, x: cst.BaseExpression) -> bool:
        """The failing line's calls (the one the traceback names, when it names one); elsewhere in the cell, the
        same argument, or a column of a known frame (a Series for certain): each would fail next, one run at a
        time."""
        if self.spans_error_line(original):
            return self.called is None or callee_name(original) == self.called
        if code_of(x) in self.failing:
            return True
        if not self.failing or not isinstance(x, (cst.Subscript, cst.Attribute)):
            return False
        head = x.value  # df in df['a'] / df.a
        return isinstance(head, cst.Name) and head.value in self.ctx.frames and _TwoD(self.ctx, False).column(x) is not None

    def leave_Call(self, original, updated):
        x = x_argument(updated)
        if x is None or _already_2d(x.value) or not self._wanted(original, x.value):
            return updated
        name = callee_name(updated)
        if self.scalar:
            new = cst.List([cst.Element(cst.List([cst.Element(x.value)]))])
        else:
            forms = _TwoD(self.ctx, name in _PREDICTING)
            if forms.predicting:
                new = forms.row(x.value) or forms.column(x.value) or forms.feature(x.value)
            else:
                new = forms.column(x.value) or forms.feature(x.value)  # fitting on one row is no reading
        call = updated.with_changes(args=[a.with_changes(value=new) if a is x else a for a in updated.args])
        if name in _TRANSFORMING and not self.scalar and _receiver_is_scaler(updated, self.ctx):
            return cst.Call(cst.Attribute(call, cst.Name("ravel")))  # the 1-D result scalers gave
        return call


def _first_called(traceback: str, names: set[str]) -> str | None:
    """The first of ``names`` that a frame of ``traceback`` below the notebook's own runs ("File .../_data.py:1157,
    in StandardScaler.inverse_transform(self, X, copy)"), or None."""
    for frame in re.finditer(r"(?m)^File [^\n]*?, in (?:[\w.<>]+\.)?(\w+)\(", traceback):
        if frame.group(1) in names:
            return frame.group(1)
    return None


def _already_2d(x: cst.BaseExpression) -> bool:
    """``df[['a']]``, ``x.reshape(-1, 1)``, ``[[...]]``, ``np.reshape(x, (-1, 1))``: the notebook (or this rule) made it 2-D."""
    if m.matches(x, m.Attribute(attr=m.Name("values")) | m.Call(func=m.Attribute(attr=m.Name("to_numpy")))):
        return _already_2d(x.value if isinstance(x, cst.Attribute) else x.func.value)
    if isinstance(x, cst.Subscript):
        key = _one_element(x)
        if isinstance(key, cst.List) or (len(x.slice) == 2 and isinstance(x.slice[1].slice, cst.Index)
                                          and isinstance(x.slice[1].slice.value, cst.List)):
            return True
    if isinstance(x, cst.Call) and callee_name(x) in ("reshape", "to_frame", "atleast_2d", "column_stack", "c_"):
        return True
    if isinstance(x, cst.List):  # [[...]], [X[i]]: a list of rows; [1.0, 2.0]: one row of numbers
        return any(not m.matches(e.value, m.Integer() | m.Float() | m.SimpleString() | m.UnaryOperation())
                   for e in x.elements)
    return isinstance(x, cst.ListComp) and isinstance(x.elt, cst.List)


# A one-feature reshape that met a model fitted on several features: the 1-D input was one sample.
@rule(
    "sklearn-1d-input-one-sample",
    library="scikit-learn",
    changed_in="scikit-learn 0.19",
    rationale="a 1-D input reshaped as one feature met a model fitted on several: it was one sample, so the failing "
    "line's reshape(-1, 1) becomes reshape(1, -1) (the fitted model's feature count, in the message, decides).",
    kind="error",
    signatures=(("ValueError", r"X has 1 features?, but \w+ is expecting (?!1 )\d+ features"),),
    examples=(
        ("import numpy as np\np = clf.predict(np.reshape(x_new, (-1, 1)))",
         "import numpy as np\np = clf.predict(np.reshape(x_new, (1, -1)))"),
        ("p = clf.predict(x_new.reshape(-1, 1))", "p = clf.predict(x_new.reshape(1, -1))"),
        ("p = clf.predict(x_new.reshape(-1, 2))", "p = clf.predict(x_new.reshape(-1, 2))"),
    ),
)
class OneSampleNotOneFeature(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)  # spans_error_line

    def leave_Call(self, original, updated):
        if callee_name(updated) != "reshape" or not self.spans_error_line(original):
            return updated
        args = updated.args
        if len(args) == 2 and _is_minus_one(args[0].value) and m.matches(args[1].value, m.Integer("1")):
            return updated.with_changes(args=[args[0].with_changes(value=cst.Integer("1")),
                                              args[1].with_changes(value=_minus_one())])  # x.reshape(-1, 1)
        if len(args) == 2 and isinstance(args[1].value, cst.Tuple) and len(args[1].value.elements) == 2:
            shape = args[1].value
            first, second = shape.elements
            if _is_minus_one(first.value) and m.matches(second.value, m.Integer("1")):
                new = shape.with_changes(elements=[first.with_changes(value=cst.Integer("1")),
                                                   second.with_changes(value=_minus_one())])
                return updated.with_changes(args=[args[0], args[1].with_changes(value=new)])
        return updated


def _is_minus_one(node: cst.BaseExpression) -> bool:
    return m.matches(node, m.UnaryOperation(operator=m.Minus(), expression=m.Integer("1")))


def _minus_one() -> cst.UnaryOperation:
    return cst.UnaryOperation(cst.Minus(), cst.Integer("1"))
