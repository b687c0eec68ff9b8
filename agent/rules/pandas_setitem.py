"""Setting values a column's dtype cannot hold (PDEP-6): pandas upcast the column, pandas 3 raises.

Before 2.1 ``df.loc[mask, 'SalePrice'] = np.log1p(...)`` on an int64 column, or ``df.at[i, 'flag'] = 5`` on
a bool column, silently changed the column's dtype to one that holds both; 2.1 warned and 3.0 raises
``TypeError: Invalid value ... for dtype 'int64'``. The upcast is written out before the assignment, to the
dtype pandas chose: float64 for numbers into an integer column, object otherwise (a number into a bool
column, text into a numeric one). The error message shows the value, which is how the two are told apart.
Text (str) columns are ``pandas-str-value``'s: there the column becomes object, as it was before 3.0.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (RuleTransformer, callee_name, code_of, kwarg, module_call, plain_reference, positional,
                        remove_kwarg, rule, statement_like)
from .pandas_raises_rules import _column_target

_OBJECT = ".astype(object)"
_MESSAGE = re.compile(r"Invalid value '(.*)' for dtype '(\w+)'", re.S)
# A value pandas printed that is only numbers: a scalar or an array's repr ("[4.11 3.73 ... nan]").
_NUMBERS = re.compile(r"[\s\[\]\-+.,0-9eE]*(?:(?:nan|inf)[\s\[\]\-+.,0-9eE]*)*")


def _number_given(evalue: str) -> bool:
    """Whether the value pandas refused (shown in its message) is only numbers."""
    found = _MESSAGE.search(evalue)
    return found is not None and _NUMBERS.fullmatch(found.group(1)) is not None


def upcast_dtype(evalue: str) -> str:
    """The dtype the silent upcast gave: 'float64' for numbers into an integer column, else object."""
    found = _MESSAGE.search(evalue)
    if found and re.fullmatch(r"u?int\d*|Int\d+|UInt\d+", found.group(2)) and _number_given(evalue):
        return "'float64'"
    return "object"


@rule(
    "pandas-setitem-upcast",
    library="pandas",
    changed_in="pandas 2.1 (deprecated), 3.0 (raises)",
    rationale="assigning values a column's dtype cannot hold (floats into an int64 column, a number into a bool "
    "column) used to upcast the column silently; pandas 3 raises. The upcast is written out before the "
    "assignment: float64 for numbers into an integer column, object otherwise, as pandas chose. The other "
    "setitem-like operations PDEP-6 made strict: fillna/where/mask/clip(inplace=True) and df[df > x] = v are "
    "assigned the result of the same call without inplace (df.mask for the boolean frame), which upcasts what "
    "needs it; whole rows given a number (df.loc[rows] = 0.5) upcast the integer and bool columns; "
    "update(other) upcasts the columns it shares with other.",
    kind="error",
    signatures=(("TypeError", r"(?s)Invalid value '.*' for dtype '(u?int\d*|float\d*|bool|U?Int\d+|Float\d+|boolean)'"),),
    examples=(
        (
            "train.loc[train.GrLivArea > 0, 'GrLivArea'] = np.log1p(train.GrLivArea)",
            "train['GrLivArea'] = train['GrLivArea'].astype('float64')\n"
            "train.loc[train.GrLivArea > 0, 'GrLivArea'] = np.log1p(train.GrLivArea)",
        ),
        (
            "for d in full:\n    d.at[0, 'Alone'] = 0.5\n    n = 1",
            "for d in full:\n    d['Alone'] = d['Alone'].astype('float64')\n    d.at[0, 'Alone'] = 0.5\n    n = 1",
        ),
        ("ages[ages < 1] = 0.5", "ages = ages.astype('float64')\nages[ages < 1] = 0.5"),
        # a scaler's output written back over several integer columns, by position or by label range
        ("X.iloc[:, 1:] = mm.fit_transform(X.iloc[:, 1:])",
         "X[X.columns[1:]] = X.iloc[:, 1:].astype('float64')\nX.iloc[:, 1:] = mm.fit_transform(X.iloc[:, 1:])"),
        ("X.loc[:, 'a':'c'] = sc.transform(X.loc[:, 'a':'c'])",
         "X[X.loc[:, 'a':'c'].columns] = X.loc[:, 'a':'c'].astype('float64')\n"
         "X.loc[:, 'a':'c'] = sc.transform(X.loc[:, 'a':'c'])"),
        ("x = 1\nd['a'] = 2", "x = 1\nd['a'] = 2"),  # a whole column is replaced, whatever its dtype
        # a frame held in a dict or a list, at a constant key; not one a call gives (it would run twice)
        ("data['train'].loc[data['train'].Age < 1, 'Age'] = 0.5\nload().loc[0, 'Age'] = 0.5",
         "data['train']['Age'] = data['train']['Age'].astype('float64')\n"
         "data['train'].loc[data['train'].Age < 1, 'Age'] = 0.5\nload().loc[0, 'Age'] = 0.5"),
    ),
)
class SetitemUpcast(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.before: dict[int, str] = {}  # id(statement line) -> the line that goes before it
        # The examples run without an error message: they show the numbers-into-integers case.
        self.dtype = upcast_dtype(ctx.error.evalue) if ctx.error else "'float64'"

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or self.off_error_line(original):
            return updated
        if isinstance(updated.body[0], cst.Expr) and self.ctx.error is not None:
            return self._method(updated, updated.body[0].value)
        if not isinstance(updated.body[0], cst.Assign) or len(updated.body[0].targets) != 1:
            return updated
        assign = updated.body[0]
        target = assign.targets[0].target
        if self.ctx.error is not None and (masked := _frame_mask(target, self.ctx.frames)):
            frame, cond = masked  # df[df > 1] = v is df.mask(df > 1, v): the columns given v are upcast
            return statement_like(f"{frame} = {frame}.mask({cond}, {code_of(assign.value)})", updated)
        line = _column_target(target, self.ctx.frames)
        if line is not None and line.endswith(_OBJECT) and "select_dtypes" not in line:
            self.before[id(updated)] = line[: -len(_OBJECT)] + f".astype({self.dtype})"
        elif line is not None and (rows := _WHOLE_ROWS.match(line)) and self.ctx.error is not None \
                and _number_given(self.ctx.error.evalue):
            # whole rows given a number (df.loc[mask] = 0.5): each integer column of those rows becomes float64,
            # each bool column object
            frame = rows.group(1)
            self.before[id(updated)] = "\n".join(
                f"{frame}[{frame}.select_dtypes({kind!r}).columns] = {frame}.select_dtypes({kind!r}).astype({to})"
                for kind, to in (("integer", "'float64'"), ("bool", "object")))
        return updated

    def _method(self, line: cst.SimpleStatementLine, call: cst.BaseExpression):
        """The in-place methods PDEP-6 made strict: fillna/where/mask/clip(inplace=True) are assigned their result
        (which upcasts the columns that need it, as the in-place call did); update(other) gets the columns it
        writes upcast before it."""
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
                and plain_reference(call.func.value)):
            return line
        owner, method = code_of(call.func.value), call.func.attr.value
        flag = kwarg(call, "inplace")
        if method in _INPLACE_UPCASTING and flag is not None and m.matches(flag.value, m.Name("True")):
            return statement_like(f"{owner} = {code_of(remove_kwarg(call, 'inplace'))}", line)
        given = positional(call)[0].value if method == "update" and positional(call) else None
        if given is not None and m.matches(given, m.Call(func=m.Attribute(attr=m.Name("set_axis")))):
            given = given.func.value  # pandas-update-repeated-labels' renumbered other: the same columns
        if given is not None and plain_reference(given):
            other = code_of(given)
            if owner in self.ctx.frames:
                cols = f"{owner}.columns.intersection({other}.columns)"
                self.before[id(line)] = f"{owner}[{cols}] = {owner}[{cols}].astype({self.dtype})"
            elif isinstance(call.func.value, cst.Name):
                self.before[id(line)] = f"{owner} = {owner}.astype({self.dtype})"
        return line

    def _body(self, body):
        new = []
        for stmt in body:
            line = self.before.get(id(stmt))
            if line is not None and not (new and code_of(new[-1]).strip() == line):
                new.extend(cst.parse_module(line + "\n").body)
            new.append(stmt)
        return new

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._body(updated.body)) if self.before else updated

    def leave_Module(self, original, updated):
        return updated.with_changes(body=self._body(updated.body)) if self.before else updated


_INPLACE_UPCASTING = {"fillna", "where", "mask", "clip"}
# what _column_target writes for whole rows of a frame: "df[df.select_dtypes('str').columns] = ..."
_WHOLE_ROWS = re.compile(r"(.+?)\[\1\.select_dtypes\('str'\)")


def _frame_mask(target: cst.BaseExpression, frames: set[str]) -> tuple[str, str] | None:
    """(frame, condition) for ``df[df > 1]`` / ``df[df.isna()]`` / ``df[~(df < 0)]``: a condition computed
    from the frame itself is a frame of booleans (a row mask is computed from one of its columns)."""
    if not (isinstance(target, cst.Subscript) and len(target.slice) == 1
            and isinstance(target.slice[0].slice, cst.Index)
            and plain_reference(target.value) and code_of(target.value) in frames):
        return None
    frame, cond = code_of(target.value), target.slice[0].slice.value
    inner = cond.expression if isinstance(cond, cst.UnaryOperation) else cond
    inner = inner.left if isinstance(inner, cst.Comparison) else inner
    while isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute):
        inner = inner.func.value  # df.isna(), df.abs().gt(1)
    return (frame, code_of(cond)) if code_of(inner) == frame else None


# Calls whose result is float whatever goes in: a fitted scaler's output, numpy's logarithms and roots.
_FLOAT_MAKERS = {"fit_transform"}
_NUMPY_FLOATS = {"log", "log1p", "log2", "log10", "sqrt", "exp", "expm1", "cbrt"}


def _makes_floats(value: cst.BaseExpression, ctx) -> bool:
    if not isinstance(value, cst.Call):
        return False
    if module_call(value, ctx, "numpy") in _NUMPY_FLOATS:
        return True
    name = callee_name(value)
    # scaler.transform(...) (a name: not a groupby's .transform, whose result keeps the column's kind)
    return name in _FLOAT_MAKERS or (name == "transform" and isinstance(value.func, cst.Attribute)
                                     and isinstance(value.func.value, cst.Name))


@rule(
    "pandas-setitem-float-result",
    library="pandas",
    changed_in="pandas 2.1 (deprecated), 3.0 (raises)",
    rationale="a scaler's output or a logarithm written into some rows or columns of integer columns "
    "(df.loc[:, cols] = scaler.fit_transform(df[cols])) upcast them to float64 silently; pandas 3 raises. The "
    "float is certain here, so the upcast is written out before the assignment without waiting for the error.",
    needles=("transform(", "log", "sqrt", "exp"),
    pattern=r"\.(loc|iloc|at)\[[^\n]*\]\s*=\s*[^=\n]*\b(fit_transform|transform|log1?p?\d*|sqrt|expm?1?|cbrt)\(",
    examples=(
        ("train.loc[:, num_cols] = scaler.fit_transform(train[num_cols])",
         "train[num_cols] = train[num_cols].astype('float64')\n"
         "train.loc[:, num_cols] = scaler.fit_transform(train[num_cols])"),
        ("import numpy as np\ndf.loc[df.Fare > 0, 'Fare'] = np.log1p(df.Fare)",
         "import numpy as np\ndf['Fare'] = df['Fare'].astype('float64')\ndf.loc[df.Fare > 0, 'Fare'] = np.log1p(df.Fare)"),
        ("X.iloc[:, 1:] = sc.transform(X.iloc[:, 1:])",
         "X[X.columns[1:]] = X.iloc[:, 1:].astype('float64')\nX.iloc[:, 1:] = sc.transform(X.iloc[:, 1:])"),
        # a groupby's transform keeps the column's kind; a whole column is replaced; a cell's own log
        ("df.loc[:, 'a'] = df.groupby('g')['a'].transform('first')\ndf['b'] = np.log1p(df['b'])\n"
         "df.loc[0, 'c'] = math.log(2)",
         "df.loc[:, 'a'] = df.groupby('g')['a'].transform('first')\ndf['b'] = np.log1p(df['b'])\n"
         "df.loc[0, 'c'] = math.log(2)"),
    ),
)
class SetitemFloatResult(SetitemUpcast):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.dtype = "'float64'"

    def leave_SimpleStatementLine(self, original, updated):
        assign = updated.body[0] if len(updated.body) == 1 else None
        if not isinstance(assign, cst.Assign) or not _makes_floats(assign.value, self.ctx):
            return updated
        return super().leave_SimpleStatementLine(original, updated)


def _one_column(target: cst.BaseExpression) -> bool:
    """``df['Cabin']`` or ``df.Cabin``: a whole column by its label (not .loc's rows, not a list of columns)."""
    if isinstance(target, cst.Attribute):
        return plain_reference(target.value)
    return isinstance(target, cst.Subscript) and plain_reference(target.value) and len(target.slice) == 1 and \
        isinstance(target.slice[0].slice, cst.Index) and isinstance(target.slice[0].slice.value, cst.SimpleString)


@rule(
    "pandas-setitem-2d-text",
    library="pandas",
    changed_in="pandas 3.0 (text is inferred as str)",
    rationale="a transformer's (n, 1) array of text written to one column (df['Cabin'] = "
    "imputer.fit_transform(df[['Cabin']])) was taken as that column's values, a 2-D array with one column "
    "being one column; pandas 3 infers text arrays as str, which takes 1-D arrays only, and raises. The array's "
    "one column is what pandas stored: .ravel() gives it (numeric arrays are still taken as they were).",
    kind="error",
    signatures=(("ValueError", r"Buffer has wrong number of dimensions \(expected 1, got 2\)"),
                ("ArrowInvalid", r"only handle 1-dimensional arrays")),
    error_examples=(
        ("ValueError: Buffer has wrong number of dimensions (expected 1, got 2)", 2,
         "imp = SimpleImputer(strategy='most_frequent')\ntrain.Embarked = imp.fit_transform(train[['Embarked']])",
         "imp = SimpleImputer(strategy='most_frequent')\n"
         "train.Embarked = imp.fit_transform(train[['Embarked']]).ravel()"),
        ("ArrowInvalid: only handle 1-dimensional arrays", 1,
         "df['Cabin'] = imputer.transform(df[['Cabin']])", "df['Cabin'] = imputer.transform(df[['Cabin']]).ravel()"),
        # rows of a column, or several columns: not one column's values
        ("ValueError: Buffer has wrong number of dimensions (expected 1, got 2)", 1,
         "df[['a', 'b']] = enc.fit_transform(df[['a', 'b']])", "df[['a', 'b']] = enc.fit_transform(df[['a', 'b']])"),
    ),
)
class Setitem2dText(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Assign(self, original, updated):
        if len(updated.targets) != 1 or not _one_column(updated.targets[0].target) or self.off_error_line(original):
            return updated
        value = updated.value
        if m.matches(value, m.Call(func=m.Attribute(attr=m.Name("ravel")))):
            return updated
        if not isinstance(value, (cst.Call, cst.Name, cst.Attribute, cst.Subscript)):
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return updated.with_changes(value=cst.Call(cst.Attribute(value, cst.Name("ravel"))))
