"""pandas calls that used to work and now raise: one-element Series as scalars, sets as indexers,
an encoding given for a file pandas did not open, s[0] on a Series indexed by labels.

Each is keyed by the error pandas raises, since whether a value is a one-element
Series or a set is only known at run time.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    callee_name,
    kwarg,
    positional,
    remove_kwarg,
    rule,
)


@rule(
    "pandas-scalar-of-series",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="float() and int() of a one-element Series were deprecated in 2.1 and now raise; .iloc[0] takes "
    "the element, which is what the conversion used to do.",
    kind="error",
    signatures=(("TypeError", r"(float|int)\(\) argument must be a string or a (real )?number, not 'Series'"),),
    examples=(
        (
            "fare = float(df.loc[df['Fare'].isnull(), 'Fare'])",
            "fare = float(df.loc[df['Fare'].isnull(), 'Fare'].iloc[0])",
        ),
        ("n = int(counts[counts.index == 'a'])", "n = int(counts[counts.index == 'a'].iloc[0])"),
        ("x = float('1.5') + float(3)", "x = float('1.5') + float(3)"),
    ),
)
class ScalarOfSeries(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Name("float") | m.Name("int")) or len(updated.args) != 1:
            return updated
        arg = updated.args[0]
        if arg.keyword or arg.star or isinstance(arg.value, (cst.BaseNumber, cst.BaseString, cst.UnaryOperation)):
            return updated
        if m.matches(arg.value, m.Subscript(value=m.Attribute(attr=m.Name("iloc")))):
            return updated
        if self.off_error_line(original):
            return updated  # only the conversion the error points at (all of them without a line)
        element = cst.Subscript(cst.Attribute(arg.value, cst.Name("iloc")), [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
        return updated.with_changes(args=[arg.with_changes(value=element)])


def _is_set(node: cst.BaseExpression) -> bool:
    """A set display or comprehension, ``set(...)``, or set algebra over those."""
    if isinstance(node, (cst.Set, cst.SetComp)) or m.matches(node, m.Call(func=m.Name("set") | m.Name("frozenset"))):
        return True
    return isinstance(node, cst.BinaryOperation) and (_is_set(node.left) or _is_set(node.right)) and isinstance(
        node.operator, (cst.Subtract, cst.BitOr, cst.BitAnd, cst.BitXor))


def _as_list(node: cst.BaseExpression) -> cst.Call:
    return cst.Call(cst.Name("list"), [cst.Arg(node)])


@rule(
    "pandas-set-indexer",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="a set as the columns or rows to select was deprecated in 1.5 and now raises (a set has no order); "
    "list() of it selects the same labels, in the order pandas used to take them.",
    kind="error",
    signatures=(("TypeError", r"Passing a set as an indexer is not supported"),),
    examples=(
        ("X = df[set(df.columns) - {'Survived'}]", "X = df[list(set(df.columns) - {'Survived'})]"),
        (
            "cols = set(df.columns) - set(['Survived'])\nfill(df, cols)",
            "cols = list(set(df.columns) - set(['Survived']))\nfill(df, cols)",
        ),
        ("sub = df.loc[:, {'a', 'b'}]", "sub = df.loc[:, list({'a', 'b'})]"),
        ("cols = set(a) - set(b)\nrest = cols - {'x'}", "cols = set(a) - set(b)\nrest = cols - {'x'}"),
    ),
)
class SetIndexer(RuleTransformer):
    """Sets written into a subscript, and names bound to a set in the failing cell that are then passed on
    (an argument, an index) and never used as sets there (``cols - {...}``, ``cols.add``)."""

    def visit_Module(self, node):
        uses = _SetUses()
        node.visit(uses)
        self.to_list = (uses.bound & uses.passed) - uses.as_set

    def leave_SubscriptElement(self, original, updated):  # each of df.loc[rows, cols]
        index = updated.slice
        if isinstance(index, cst.Index) and _is_set(index.value):
            return updated.with_changes(slice=index.with_changes(value=_as_list(index.value)))
        return updated

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if isinstance(target, cst.Name) and target.value in self.to_list and _is_set(updated.value):
            return updated.with_changes(value=_as_list(updated.value))
        return updated


class _SetUses(cst.CSTVisitor):
    def __init__(self) -> None:
        self.bound: set[str] = set()  # bound to a set
        self.passed: set[str] = set()  # an argument or an index
        self.as_set: set[str] = set()  # an operand, or an attribute's owner

    def visit_Assign(self, node):
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and _is_set(node.value):
            self.bound.add(node.targets[0].target.value)

    def visit_Arg(self, node):
        if isinstance(node.value, cst.Name):
            self.passed.add(node.value.value)

    def visit_Index(self, node):
        if isinstance(node.value, cst.Name):
            self.passed.add(node.value.value)

    def visit_BinaryOperation(self, node):
        self.as_set.update(side.value for side in (node.left, node.right) if isinstance(side, cst.Name))

    def visit_Attribute(self, node):
        if isinstance(node.value, cst.Name):
            self.as_set.add(node.value.value)


_READERS = {"read_csv", "read_table", "read_fwf"}


@rule(
    "pandas-reader-encoding",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="read_csv given a file object opened in text mode used to ignore encoding=; now it raises when "
    "the two differ. The file object already decodes the text, so encoding= is dropped.",
    kind="error",
    signatures=(("ValueError", r"The specified reader encoding .* is different from the encoding"),),
    examples=(
        (
            "with open(path) as f:\n    df = pd.read_csv(f, header=0, encoding='ascii')",
            "with open(path) as f:\n    df = pd.read_csv(f, header=0)",
        ),
        ("df = pd.read_csv('train.csv', encoding='latin1')", "df = pd.read_csv('train.csv', encoding='latin1')"),
    ),
)
class ReaderEncoding(RuleTransformer):
    def leave_Call(self, original, updated):
        encoding = kwarg(updated, "encoding")
        source = positional(updated)
        if callee_name(updated) not in _READERS or encoding is None or not source:
            return updated
        if isinstance(source[0].value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return updated  # a path: pandas opens it, and the encoding is honoured
        return remove_kwarg(updated, "encoding")


@rule(
    "pandas-str-fill-inplace",
    library="pandas",
    changed_in="pandas 3.0 (text columns are dtype str)",
    rationale="filling a whole frame in place with a number raises on its str columns, which hold only strings; "
    "the same fill assigned back makes them object columns holding both, as pandas did before 3.0.",
    kind="error",
    signatures=(("TypeError", r"Invalid value '.*' for dtype '(str|string)'"),),
    examples=(
        ("combined.fillna(-99, inplace=True)", "combined = combined.fillna(-99)"),
        ("df.replace(np.nan, 0, inplace=True)\nn = len(df)", "df = df.replace(np.nan, 0)\nn = len(df)"),
        ("df.fillna(-99)", "df.fillna(-99)"),  # not in place: pandas upcasts the column itself
    ),
)
class StrFillInplace(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Expr(self, original, updated):
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(value=m.Name(), attr=m.Name("fillna") | m.Name("replace")))):
            return updated
        flag = kwarg(call, "inplace")
        if flag is None or not m.matches(flag.value, m.Name("True")):
            return updated
        if self.off_error_line(original):
            return updated
        return cst.Assign([cst.AssignTarget(call.func.value)], remove_kwarg(call, "inplace"))


# Methods whose result is a Series indexed by labels (counts per category, a column's statistics, ...).
_LABELLED = {
    "value_counts", "sum", "mean", "median", "count", "size", "max", "min", "std", "var", "nunique",
    "sort_values", "sort_index", "nlargest", "nsmallest", "describe", "quantile", "corr", "cov", "isnull",
    "isna", "notnull", "idxmax", "idxmin", "head", "tail", "apply", "map", "agg", "aggregate", "first", "last",
    "cumsum", "pct_change", "dropna", "fillna", "skew", "kurt", "round", "abs",
}
_NOT_COLUMNS = {"index", "columns", "values", "shape", "dtypes", "axes", "T", "loc", "iloc", "at", "iat", "str", "dt"}


def _labelled_series(node: cst.BaseExpression, frames: set[str]) -> bool:
    """A pandas expression that can be a Series with a non-integer index: a method result from _LABELLED, or
    a column of a known DataFrame (``df['Sex']``, ``df.Sex``)."""
    if isinstance(node, cst.Call):
        return callee_name(node) in _LABELLED and isinstance(node.func, cst.Attribute)
    if isinstance(node, cst.Subscript):
        return m.matches(node.value, m.Name()) and node.value.value in frames and len(node.slice) == 1 and \
            isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.SimpleString)
    if isinstance(node, cst.Attribute):
        return isinstance(node.value, cst.Name) and node.value.value in frames and node.attr.value not in _NOT_COLUMNS
    return False


@rule(
    "pandas-positional-getitem",
    library="pandas",
    changed_in="pandas 2.1 (deprecated), 3.0 (removed)",
    rationale="s[0] on a Series indexed by labels used to fall back to the position; now it looks the integer up "
    "as a label and raises KeyError. .iloc[0] is the position the code meant.",
    kind="error",
    signatures=(("KeyError", r"^-?\d+$"),),
    examples=(
        ("top = df['Embarked'].value_counts().index[0], df['Sex'].value_counts()[0]",
         "top = df['Embarked'].value_counts().index[0], df['Sex'].value_counts().iloc[0]"),
        ("last = prices.sort_values()[-1]", "last = prices.sort_values().iloc[-1]"),
        ("row = rows[0]\nv = d[1]", "row = rows[0]\nv = d[1]"),  # a list or dict: no pandas in sight
        ("df = pd.read_csv(f)\nfirst = df.index[0], df.Age[0]", "df = pd.read_csv(f)\nfirst = df.index[0], df.Age.iloc[0]"),
    ),
)
class PositionalGetitem(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Subscript(self, original, updated):
        if len(updated.slice) != 1 or not isinstance(updated.slice[0].slice, cst.Index):
            return updated
        key = updated.slice[0].slice.value
        integer = isinstance(key, cst.Integer) or (
            isinstance(key, cst.UnaryOperation) and isinstance(key.operator, cst.Minus) and isinstance(key.expression, cst.Integer))
        if not integer or not _labelled_series(updated.value, self.ctx.frames):
            return updated
        if self.off_error_line(original):
            return updated
        return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("iloc")))
