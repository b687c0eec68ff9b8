"""pandas calls that used to work and now raise: one-element Series as scalars, sets as indexers,
an encoding given for a file pandas did not open, s[0] on a Series indexed by labels.

Each is keyed by the error pandas raises, since whether a value is a one-element
Series or a set is only known at run time.
"""

from __future__ import annotations

import re
import textwrap

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    add_kwarg,
    argument,
    assign_to,
    callee_name,
    code_after,
    code_of,
    dotted,
    frame_expression,
    kwarg,
    plain_reference,
    positional,
    read_once,
    remove_kwarg,
    rule,
    string_value,
)
from .pandas3_rules import held_in_dict, single_column
from .traversal import module_code


@rule(
    "pandas-scalar-of-series",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="float() and int() of a one-element Series were deprecated in 2.1 and now raise; .iloc[0] takes "
    "the element, which is what the conversion used to do.",
    kind="error",
    # int()'s message also names bytes: "int() argument must be a string, a bytes-like object or a real number"
    signatures=(("TypeError", r"(float|int)\(\) argument must be a string(, a bytes-like object)? or a (real )?number, "
                              r"not 'Series'"),),
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
    rationale="a set as the columns or rows to select was deprecated in 1.5 and now raises (a set has no order), "
    "and since 1.5 a DataFrame is no longer built with a set as its columns= or index=; list() of it gives the "
    "same labels, in the order pandas used to take them.",
    kind="error",
    signatures=(("TypeError", r"Passing a set as an indexer is not supported"),
                ("ValueError", r"^(columns|index) cannot be a set")),
    examples=(
        ("X = df[set(df.columns) - {'Survived'}]", "X = df[list(set(df.columns) - {'Survived'})]"),
        ("out = pd.DataFrame(columns={'miss', 'mrs'})", "out = pd.DataFrame(columns=list({'miss', 'mrs'}))"),
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

    def leave_Call(self, original, updated):  # DataFrame(columns={...}, index=set(...))
        if not (callee_name(updated) or "").endswith("DataFrame"):
            return updated
        return updated.with_changes(args=[
            a.with_changes(value=_as_list(a.value)) if a.keyword and a.keyword.value in ("columns", "index")
            and _is_set(a.value) else a for a in updated.args])

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
    "the same fill assigned back makes them object columns holding both, as pandas did before 3.0. Into the "
    "frame's own columns (df[df.columns] = ...) where other names may hold the same frame (a function's "
    "parameter, a loop's variable, any known frame): the caller's frame changed in place before.",
    kind="error",
    signatures=(("TypeError", r"(?s)Invalid value '.*' for dtype '(str|string)'"),),
    examples=(
        ("combined = pd.concat([a, b])\ncombined.fillna(-99, inplace=True)",
         "combined = pd.concat([a, b])\ncombined[combined.columns] = combined.fillna(-99)"),
        ("df.replace(np.nan, 0, inplace=True)\nn = len(df)", "df = df.replace(np.nan, 0)\nn = len(df)"),
        ("df.where(df.notna(), 0, inplace=True)", "df = df.where(df.notna(), 0)"),
        ("df.fillna(-99)", "df.fillna(-99)"),  # not in place: pandas upcasts the column itself
        ("def impute(dataset, value):\n    dataset.fillna(value, inplace=True)",
         "def impute(dataset, value):\n    dataset[dataset.columns] = dataset.fillna(value)"),
        ("for dataset in combine:\n    dataset.fillna(0, inplace=True)",
         "for dataset in combine:\n    dataset[dataset.columns] = dataset.fillna(0)"),
    ),
)
class StrFillInplace(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.shared = 0  # inside a def or a for: a name there may hold a frame other names hold too

    def visit_FunctionDef(self, node):
        self.shared += 1

    def leave_FunctionDef(self, original, updated):
        self.shared -= 1
        return updated

    def visit_For(self, node):
        self.shared += 1

    def leave_For(self, original, updated):
        self.shared -= 1
        return updated

    def leave_Expr(self, original, updated):
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(value=m.Name(), attr=m.Name("fillna") | m.Name("replace") | m.Name("where") | m.Name("mask")))):
            return updated
        flag = kwarg(call, "inplace")
        if flag is None or not m.matches(flag.value, m.Name("True")):
            return updated
        if self.off_error_line(original):
            return updated
        frame, filled = call.func.value, remove_kwarg(call, "inplace")
        if self.shared or frame.value in self.ctx.frames:  # its own columns: every name holding it sees the fill
            columns = cst.Subscript(frame, [cst.SubscriptElement(cst.Index(cst.Attribute(frame, cst.Name("columns"))))])
            return assign_to(columns, filled)
        return assign_to(frame, filled)


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
    rationale="s[0] on a Series indexed by labels used to fall back to the position, and so did a list of "
    "integers (s[[1, 2]]); now the key is looked up as labels and raises KeyError. .iloc is the position the code "
    "meant: for an integer literal, a list of them, and s[i] or s[i + 1] / s[len(s) - 1] / s[names.index(n)] when "
    "every subscript on the failing line that could be the Series has the same receiver or takes the same key from a "
    "column of one frame (columns share the frame's index). Only on the KeyError "
    "out of Series.__getitem__: with an integer index pandas looked integers up as labels before too and raised "
    "the same error, so a line that ran before had labels; boolean lists and label lists are never touched.",
    kind="error",
    signatures=(("KeyError", r"^-?\d+$"),
                ("KeyError", r"None of \[Index\(\[-?\d+(, -?\d+)*\], dtype='int64'\)\] are in the \[index\]")),
    examples=(
        ("top = df['Embarked'].value_counts().index[0], df['Sex'].value_counts()[0]",
         "top = df['Embarked'].value_counts().index[0], df['Sex'].value_counts().iloc[0]"),
        ("last = prices.sort_values()[-1]", "last = prices.sort_values().iloc[-1]"),
        ("row = rows[0]\nv = d[1]", "row = rows[0]\nv = d[1]"),  # a list or dict: no pandas in sight
        ("df = pd.read_csv(f)\nfirst = df.index[0], df.Age[0]", "df = pd.read_csv(f)\nfirst = df.index[0], df.Age.iloc[0]"),
    ),
    error_examples=(
        ("KeyError: 3", 2, "titles = ['Mr', 'Mrs']\nage = all_data.groupby('Title')['Age'].median()[titles.index(title)]",
         "titles = ['Mr', 'Mrs']\nage = all_data.groupby('Title')['Age'].median().iloc[titles.index(title)]"),
        ("KeyError: 9", 2, "df = pd.read_csv(f)\nlast = df['Close'][len(df) - 1]",
         "df = pd.read_csv(f)\nlast = df['Close'].iloc[len(df) - 1]"),
        # no traceback to say it was a Series: an unknown receiver, or two receivers, or a mask: left alone
        ("KeyError: 5", 1, "step = s[i + 1] - s[i]", "step = s[i + 1] - s[i]"),
        ("KeyError: 5", 2, "df = pd.read_csv(f)\nd = df.a.sum()[i + 1] - df.b.mean()[i - 1]",
         "df = pd.read_csv(f)\nd = df.a.sum()[i + 1] - df.b.mean()[i - 1]"),
        ("KeyError: 5", 2, "df = pd.read_csv(f)\nv = df.Age[df.Age.isnull()]", "df = pd.read_csv(f)\nv = df.Age[df.Age.isnull()]"),
        # one key on columns of one frame (a name bound to one counts): they share its index, so all are positions
        ("KeyError: 0", 4, "train = pd.read_csv(f)\ndocuments = train.text\nfor sim in top:\n"
         "    print(sim[1], train.author[sim[0]], documents[sim[0]])",
         "train = pd.read_csv(f)\ndocuments = train.text\nfor sim in top:\n"
         "    print(sim[1], train.author.iloc[sim[0]], documents.iloc[sim[0]])"),
        ("KeyError: 0", 4, "train, test = pd.read_csv(f), pd.read_csv(g)\ndocuments = test.text\nfor sim in top:\n"
         "    print(train.author[sim[0]], documents[sim[0]])",
         "train, test = pd.read_csv(f), pd.read_csv(g)\ndocuments = test.text\nfor sim in top:\n"
         "    print(train.author[sim[0]], documents[sim[0]])"),
        ("KeyError: \"None of [Index([1, 2], dtype='int64')] are in the [index]\"", 2,
         "sr = pd.Series(('a', '2010-05-01', 'f', True), index=['name', 'born', 'sex', 'student'])\nprint(sr[[1, 2]], sr[['name']], sr[[True, False, True, False]])",
         "sr = pd.Series(('a', '2010-05-01', 'f', True), index=['name', 'born', 'sex', 'student'])\nprint(sr.iloc[[1, 2]], sr[['name']], sr[[True, False, True, False]])"),
    ),
)
class PositionalGetitem(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        error = ctx.error
        # The KeyError came out of Series.__getitem__: the integer key of the one subscript on the failing line
        # that has it is the position, whatever the Series is called (documents = train.text; documents[0]).
        through = error is not None and bool(_SERIES_GETITEM.search(error.traceback or ""))
        # s[[1, 2]]: the integers of a list came back as missing labels (pandas' own message: a traceback
        # that is not kept does not leave it in doubt)
        self.listed = error is not None and (through or not error.traceback) and bool(
            re.search(r"None of \[Index\(\[-?\d", error.evalue))
        self.key = error.evalue.strip() if through and not self.listed else None
        # without a traceback a KeyError of an integer may be a dict's: computed keys only on a receiver that
        # is evidently a Series (a column, a labelled method result)
        self.unsure = error is not None and not error.traceback and not self.listed and bool(
            re.fullmatch(r"-?\d+", error.evalue.strip()))
        self.targets: set[tuple[str, str]] = set()  # (receiver, key) of s[i + 1], s[len(s) - 1], s[i]
        self.others: set[str] | None = None  # the receivers on that line that are not it (lists, dicts)
        self.by_name: tuple[str, str] | None = None  # (receiver, key name): g[i], the loop's i held the integer

    def visit_Module(self, node) -> None:
        if (self.key is None and not self.unsure) or self.ctx.error_line is None:
            return
        low, high = self.error_span or (self.ctx.error_line, self.ctx.error_line)
        line = "\n".join(module_code(node).splitlines()[low - 1:high])  # the failing statement, all its lines
        if self.unsure:
            exprs = self._expression_keys(line, evident=True)
            if exprs and len({r for r, _ in exprs}) == 1:
                self.targets = set(exprs)
            else:
                self.targets = self._shared_index_keys(line)
            return
        found = re.findall(rf"([\w.]*)\s*\[\s*{re.escape(self.key)}\s*\]", line)
        # a name the notebook binds to a list, dict or tuple (literal or comprehension) is not the Series,
        # nor is what holds the keys of the line's other subscripts (sim of sim[1] beside s[sim[0]])
        others = {r for r in found if r and (self._not_series(r) or re.search(rf"\[\s*{re.escape(r)}\s*\[", line))}
        shared = self._shared_index_keys(line)
        if shared and all(r in others for r in found):  # the literal subscripts no Series of its own
            self.targets = shared
        elif len([r for r in found if r not in others]) == 1:
            self.others = others
        elif not found:  # the integer came from a name: the one subscript by a name that can be the Series
            named = [(r, k) for r, k in re.findall(r"([\w.]*\w)\s*\[\s*([A-Za-z_]\w*)\s*\]", line)
                     if not self._not_series(r) and not re.search(r"\.(index|columns|values|iloc|loc|iat|at)$", r)]
            exprs = self._expression_keys(line)
            if exprs and exprs is not None and len({r for r, _ in named + exprs}) == 1:
                self.targets = set(named + exprs)  # one Series on the line: all its integer keys
            elif len(named) == 1 and not exprs:
                self.by_name = named[0]

    def _expression_keys(self, line: str, evident: bool = False) -> list[tuple[str, str]] | None:
        """(receiver, key) of the subscripts on the failing statement whose key is computed (``i + 1``,
        ``len(s) - 1``, ``names.index(n)``) and whose receiver can be a Series; None when it does not parse."""
        keyed = _keyed_subscripts(line)
        if keyed is None:
            return None
        return [(code_of(value), code_of(key)) for value, key in keyed
                if _computed_integer(key) and not self._not_series(code_of(value)) and not re.search(
                    r"\.(index|columns|values|iloc|loc|iat|at)$", code_of(value)) and not isinstance(
                    value, (cst.SimpleString, cst.List, cst.Dict, cst.Tuple)) and (
                    not evident or _labelled_series(value, self.ctx.frames))]

    def _shared_index_keys(self, line: str) -> set[tuple[str, str]]:
        """(receiver, key) of the subscripts on the failing statement that take one and the same computed or
        named key (``i``, ``sim[0]``, ``i + 1``) from columns of one frame (``train.author[sim[0]]``,
        ``documents[sim[0]]`` after ``documents = train.text``): they share the frame's index, so the key that
        failed there as a label fails on each of them. Empty when any other subscript on the line takes such a
        key, or when the receivers are not all columns of one frame."""
        found = [(code_of(value), code_of(key)) for value, key in _keyed_subscripts(line) or () if _named_key(key)]
        found = [(r, k) for r, k in found if not self._not_series(r)]
        frames = {self._frame_of_column(r) for r, _ in found}
        if len(frames) != 1 or None in frames or len({k for _, k in found}) != 1:
            return set()
        return set(found)

    def _frame_of_column(self, receiver: str) -> str | None:
        """The frame whose column ``receiver`` is (``df.Age``, ``df['Age']``, or a name the notebook binds to
        one, always the same), or None."""
        column = re.compile(r"(\w+)(?:\.(\w+)|\[\s*(['\"])[^'\"]+\3\s*\])")
        bound = set(re.findall(rf"(?m)^{re.escape(receiver)}\s*=\s*(.+?)\s*$", self.ctx.text)) \
            if receiver.isidentifier() else set()
        text = bound.pop() if len(bound) == 1 else receiver
        found = column.fullmatch(text)
        if found and found.group(1) in self.ctx.frames and found.group(2) not in _NOT_COLUMNS:
            return found.group(1)
        return None

    def _not_series(self, receiver: str) -> bool:
        """Whether the notebook binds ``receiver`` to a list, dict or tuple where its cells see it (not a
        function's own local of that name)."""
        lines = self.ctx.text.split("\n")
        for found in re.finditer(rf"(?m)^([ \t]*){re.escape(receiver)}\s*=\s*[\[{{(]", self.ctx.text):
            if not _in_function(lines, self.ctx.text.count("\n", 0, found.start()), len(found.group(1))):
                return True
        return False

    def leave_Subscript(self, original, updated):
        if len(updated.slice) != 1 or not isinstance(updated.slice[0].slice, cst.Index):
            return updated
        key = updated.slice[0].slice.value
        if self.targets and (code_of(original.value), code_of(original.slice[0].slice.value)) in self.targets \
                and not self.off_error_line(original):
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("iloc")))
        if self.listed and isinstance(key, cst.List) and key.elements and all(_integer(e.value) for e in key.elements) \
                and not self._not_series(code_of(updated.value)) and not self.off_error_line(original) \
                and not re.search(r"\.(index|columns|values|iloc|loc|iat|at)$", code_of(updated.value)):
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("iloc")))
        if self.by_name and isinstance(key, cst.Name) and (code_of(updated.value), key.value) == self.by_name \
                and not self.off_error_line(original):
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("iloc")))
        integer = _integer(key)
        if not integer or self.off_error_line(original):
            return updated
        named = self.others is not None and code_of(key) == self.key and code_of(updated.value) not in self.others
        if not named and not _labelled_series(updated.value, self.ctx.frames):
            return updated
        return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("iloc")))


def _keyed_subscripts(line: str) -> list[tuple[cst.BaseExpression, cst.BaseExpression]] | None:
    """(value, key) of every one-key subscript of a statement's text (``s[i]``, not ``s[a:b]`` or ``s[a, b]``);
    None when the text does not parse."""
    try:
        tree = cst.parse_module(textwrap.dedent(line) + "\n")
    except cst.ParserSyntaxError:
        return None
    return [(node.value, node.slice[0].slice.value) for node in m.findall(tree, m.Subscript())
            if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)]


_NOT_POSITIONS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float, cst.List,
                  cst.Tuple, cst.Comparison, cst.BooleanOperation, cst.UnaryOperation)


def _named_key(key: cst.BaseExpression) -> bool:
    """A key that holds a value computed or named elsewhere (``i``, ``sim[0]``, ``i + 1``): not a literal, a
    test or a mask."""
    if isinstance(key, cst.Name):
        return key.value not in ("True", "False", "None")
    return not isinstance(key, _NOT_POSITIONS) and not (isinstance(key, cst.Call) and callee_name(key) in _MASKS)


def _in_function(lines: list[str], at: int, indent: int) -> bool:
    """Whether line ``at`` (indented by ``indent``) is inside a ``def``: the blocks that enclose it, read upwards
    to the module level."""
    if indent == 0:
        return False
    for line in reversed(lines[:at]):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#") or len(line) - len(stripped) >= indent:
            continue
        if re.match(r"(async\s+)?def\s", stripped):
            return True
        indent = len(line) - len(stripped)
        if indent == 0:
            return False
    return False


def _integer(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Integer) or (isinstance(node, cst.UnaryOperation) and isinstance(
        node.operator, cst.Minus) and isinstance(node.expression, cst.Integer))


# calls that give a boolean mask or labels, not a position
_MASKS = {"isnull", "isna", "notnull", "notna", "isin", "between", "duplicated", "contains", "startswith",
          "endswith", "eq", "ne", "gt", "lt", "ge", "le", "any", "all", "where", "str", "get", "idxmax", "idxmin"}
_ARITHMETIC = (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide, cst.Modulo)


def _computed_integer(node: cst.BaseExpression) -> bool:
    """A key computed in a way that gives an integer position: arithmetic on integers (``i + 1``,
    ``len(s) - 1``) or a call such as ``names.index(n)``; not a mask, a label, a literal or a plain name."""
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, _ARITHMETIC) and not any(
            isinstance(side, (cst.SimpleString, cst.FormattedString, cst.Float)) for side in (node.left, node.right))
    if isinstance(node, cst.Call):
        return callee_name(node) not in _MASKS and callee_name(node) not in {"str", "float", "tuple", "list"}
    return False


_SERIES_GETITEM = re.compile(r"Series\.__getitem__|pandas/core/series\.py")


# ----------------------------------------------------------------------------- pandas 3 text columns

# Reductions that need numbers: before pandas 2.0 they dropped the text ("nuisance") columns of a frame
# silently, whatever way they were reached; now they raise on pandas 3's str columns.
_NUMERIC = {"mean", "median", "std", "var", "sem", "prod", "skew", "kurt", "quantile", "sum"}
# numpy functions pandas used to run as its own reduction of the same name (until 3.0; numpy's std and var
# were run with pandas' ddof=1).
_NUMPY_AS_PANDAS = {"mean": "mean", "median": "median", "std": "std", "var": "var", "prod": "prod", "sum": "sum",
                    "nanmean": "mean", "nanmedian": "median", "nanstd": "std", "nanvar": "var", "nansum": "sum"}
_VIA = {"agg", "aggregate", "transform", "apply"}
_WINDOWS = {"groupby", "resample", "rolling", "expanding", "ewm"}


def _chain_root(node: cst.BaseExpression) -> str | None:
    """The grouping method a call chain goes through: ``df.groupby('a')['b']`` -> "groupby"; None for a frame."""
    while True:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value in _WINDOWS:
                return node.func.attr.value
            node = node.func.value
        elif isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Attribute):
            node = node.value
        else:
            return None


class _Reductions:
    """Reads a function argument (``'mean'``, ``np.mean``, ``['mean', np.std]``) as pandas reductions."""

    def __init__(self, numpy_names: set[str]) -> None:
        self.numpy = numpy_names

    def one(self, node: cst.BaseExpression) -> str | None:
        name = string_value(node)
        if name is not None:
            return name if name in _NUMERIC else None
        text = dotted(node) or ""
        head, _, attr = text.rpartition(".")
        return _NUMPY_AS_PANDAS.get(attr) if head in self.numpy else None

    def spelled(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """The argument with numpy functions as pandas' names, when every function in it needs numbers."""
        if isinstance(node, (cst.List, cst.Tuple)) and node.elements:
            names = [self.one(e.value) for e in node.elements]
            if not all(names):
                return None
            return node.with_changes(elements=[
                e.with_changes(value=e.value if string_value(e.value) else cst.SimpleString(repr(n)))
                for e, n in zip(node.elements, names)])
        name = self.one(node)
        if name is None:
            return None
        return node if string_value(node) else cst.SimpleString(repr(name))


def _numeric_only(call: cst.Call, func_arg: cst.Arg | None = None, func: cst.BaseExpression | None = None) -> cst.Call:
    if func_arg is not None and func is not None and func is not func_arg.value:
        call = call.with_changes(args=[a.with_changes(value=func) if a is func_arg else a for a in call.args])
    return add_kwarg(call, "numeric_only", "True")


@rule(
    "pandas-text-reduction",
    library="pandas",
    changed_in="pandas 2.0 (numeric_only=False), 3.0 (text columns are dtype str)",
    rationale="a numeric reduction of a frame that holds text columns (mean, std, median, ...) used to drop those "
    "columns silently, whether called directly or through agg/aggregate/transform/apply, pivot_table's aggfunc, "
    "np.mean or a groupby/resample/rolling window; now it raises. numeric_only=True restores the old result, "
    "numpy functions are spelled as the pandas reductions pandas used to run for them, and a grouped list of "
    "reductions selects the numeric columns first.",
    kind="error",
    signatures=(
        ("TypeError", r"Cannot perform reduction '\w+' with string dtype"),
        ("TypeError", r"dtype '(str|string|object)' does not support operation '\w+'"),
        ("TypeError", r"Could not convert .* to numeric"),
        ("DataError", r"Cannot aggregate non-numeric type"),
        ("TypeError", r"agg function failed"),
        ("ArrowNotImplementedError", r"Function '\w+' has no kernel matching input types \((large_)?string\)"),
        # numpy's own arithmetic on the text: a quantile's interpolation, a median through np.median, a row's max
        ("TypeError", r"unsupported operand type\(s\) for [-+/*]: 'str' and 'str'|ufunc '\w+' not supported for the "
                      r"input types|'[<>]=?' not supported between instances of '(str|float|int)' and "
                      r"'(str|float|int)'"),
    ),
    examples=(
        ("m = df.agg('mean')", "m = df.agg('mean', numeric_only=True)"),
        # across a row the text made the reduction fail, and pandas before 2.0 retried it on the numbers
        ("df = pd.read_csv(f)\nbest = df.max(axis=1), df.min(1), df.max()",
         "df = pd.read_csv(f)\nbest = df.max(axis=1, numeric_only=True), df.min(1, numeric_only=True), df.max()"),
        ("s = train.agg(['mean', 'std'])", "s = train.agg(['mean', 'std'], numeric_only=True)"),
        ("m = df.apply(np.mean)", "m = df.apply('mean', numeric_only=True)"),
        ("t = df.groupby('Pclass').transform('mean')", "t = df.groupby('Pclass').transform('mean', numeric_only=True)"),
        ("g = df.groupby('Sex').agg(np.mean)", "g = df.groupby('Sex').agg('mean', numeric_only=True)"),
        ("g = df.groupby('Sex').apply(np.mean)", "g = df.groupby('Sex').agg('mean', numeric_only=True)"),
        (
            "g = df.groupby('Sex').agg(['mean', np.std])",
            "g = df.groupby('Sex')[df.select_dtypes('number').columns.drop(['Sex'], errors='ignore')].agg(['mean', 'std'])",
        ),
        ("p = pd.pivot_table(df, index='Sex', aggfunc=np.mean)", "p = pd.pivot_table(df, index='Sex', aggfunc='mean', numeric_only=True)"),
        ("p = df.pivot_table(index='Sex', columns='Pclass')", "p = df.pivot_table(index='Sex', columns='Pclass', numeric_only=True)"),
        ("r = df.resample('D').mean()", "r = df.resample('D').mean(numeric_only=True)"),
        ("r = df.rolling(7).sum()", "r = df.rolling(7).sum(numeric_only=True)"),
        ("q = df.groupby('a').quantile(0.9)", "q = df.groupby('a').quantile(0.9, numeric_only=True)"),
        ("df = pd.read_csv(f)\nm = np.mean(df)", "df = pd.read_csv(f)\nm = df.mean(numeric_only=True)"),
        # a frame built in the chain that reduces it, as much a frame as a name
        ("m = pd.read_csv(f).drop('Id', axis=1).median()\nq = df[['a', 'b']].quantile(0.9)",
         "m = pd.read_csv(f).drop('Id', axis=1).median(numeric_only=True)\nq = df[['a', 'b']].quantile(0.9)"),
        # one column the author chose: its reduction never dropped it
        ("m = df['Name'].agg('mean')\nn = df.groupby('a')['Name'].mean()",
         "m = df['Name'].agg('mean')\nn = df.groupby('a')['Name'].mean()"),
        # but a frame the notebook keeps in a dict is a whole frame
        ("data = {'train': train}\nm = data['train'].agg('mean')\nq = data['train'].quantile(0.9)",
         "data = {'train': train}\nm = data['train'].agg('mean', numeric_only=True)\n"
         "q = data['train'].quantile(0.9, numeric_only=True)"),
        ("c = df.agg('count')\nf = df.apply(lambda c: c.mean())", "c = df.agg('count')\nf = df.apply(lambda c: c.mean())"),
        ("p = df.pivot_table(index='a', aggfunc='count')", "p = df.pivot_table(index='a', aggfunc='count')"),
    ),
)
class TextReduction(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.numpy = ctx.names_for("numpy", ("np", "numpy"))
        self.reductions = _Reductions(self.numpy)

    def leave_Call(self, original, updated):
        if kwarg(updated, "numeric_only") is not None or any(a.star for a in updated.args):
            return updated
        if self.off_error_line(original):
            return updated
        name = callee_name(updated)
        if name == "pivot_table":
            return self._pivot_table(updated)
        head = (dotted(updated.func) or "").rpartition(".")[0]
        if isinstance(updated.func, cst.Attribute) and head in self.numpy:
            return self._numpy_of_frame(updated)
        if not isinstance(updated.func, cst.Attribute):
            return updated
        receiver = updated.func.value
        if single_column(receiver, self.ctx):
            return updated  # one column (df['a'], df.a): the author asked for its mean
        window = _chain_root(receiver)
        if name in _NUMERIC and (window is not None or self._frame(receiver)):
            return add_kwarg(updated, "numeric_only", "True") if len(positional(updated)) <= 1 else updated
        axis = argument(updated, "axis")
        if name in ("max", "min") and window is None and axis is not None and len(positional(updated)) <= 1 \
                and code_of(axis.value) in ("1", "'columns'", '"columns"') and self._frame(receiver):
            return add_kwarg(updated, "numeric_only", "True")
        if name in _VIA:
            return self._via(updated, name, window)
        return updated

    def _frame(self, node: cst.BaseExpression) -> bool:
        """A DataFrame named or built in place (frame_expression), or one the notebook keeps in a dict (an
        array's or a list's mean takes no numeric_only)."""
        return frame_expression(node, self.ctx) or held_in_dict(node, self.ctx)

    def _func_arg(self, call: cst.Call, keyword: str) -> cst.Arg | None:
        found = kwarg(call, keyword)
        if found is None and positional(call):
            found = positional(call)[0]
        return found

    def _via(self, call: cst.Call, name: str, window: str | None) -> cst.Call:
        arg = self._func_arg(call, "func")
        if arg is None or len(call.args) != 1:
            return call  # other arguments go to the function: keep the call as written
        func = self.reductions.spelled(arg.value)
        if func is None:
            return call
        if isinstance(func, (cst.List, cst.Tuple)):
            if window == "groupby":
                return self._grouped_list(call, arg, func)
            if window is not None or name not in ("agg", "aggregate"):
                return call
            return _numeric_only(call, arg, func)
        if name == "apply" and window is not None:
            if window != "groupby":
                return call
            call = call.with_changes(func=call.func.with_changes(attr=cst.Name("agg")))
            arg = call.args[0]
        return _numeric_only(call, arg, func)

    def _grouped_list(self, call: cst.Call, arg: cst.Arg, funcs: cst.BaseExpression) -> cst.BaseExpression:
        """``df.groupby(k).agg([...])``: numeric_only cannot reach a list's column-by-column reductions, so the
        numeric columns are selected before them (less the grouping keys, which pandas leaves out itself)."""
        grouped = call.func.value
        if not m.matches(grouped, m.Call(func=m.Attribute(attr=m.Name("groupby")))):
            return call
        frame = grouped.func.value
        by = self._func_arg(grouped, "by")
        if by is None:
            return call
        keys = by.value.elements if isinstance(by.value, (cst.List, cst.Tuple)) else [by.value]
        labels = [string_value(k.value if isinstance(k, cst.Element) else k) for k in keys]
        dropped = ""
        if any(label is not None for label in labels):
            dropped = ".drop([" + ", ".join(repr(label) for label in labels if label is not None) + "], errors='ignore')"
        keys = code_after(grouped, frame)
        return read_once(frame, lambda f: f"{f}{keys}[{f}.select_dtypes('number').columns{dropped}].agg({code_of(funcs)})")

    def _pivot_table(self, call: cst.Call) -> cst.Call:
        aggfunc = kwarg(call, "aggfunc")
        if aggfunc is None:
            return add_kwarg(call, "numeric_only", "True")  # the default aggfunc is 'mean'
        func = self.reductions.spelled(aggfunc.value)
        return call if func is None else _numeric_only(call, aggfunc, func)

    def _numpy_of_frame(self, call: cst.Call) -> cst.Call:
        """``np.mean(df)``: numpy handed the frame to DataFrame.mean, which reduced each column and dropped the
        text ones; the frame's own reduction says the same."""
        name = _NUMPY_AS_PANDAS.get(call.func.attr.value)
        if name is None or len(call.args) != 1 or call.args[0].keyword:
            return call
        frame = call.args[0].value
        if not self._frame(frame):
            return call
        return add_kwarg(cst.Call(cst.Attribute(frame, cst.Name(name))), "numeric_only", "True")


def _descendants(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _descendants(child)


def _column_target(target: cst.BaseExpression, frames: set[str]) -> str | None:
    """The statement that makes the column an assignment writes into hold any value, as pandas' object columns
    did: ``df.loc[m, 'Sex'] = 0`` -> "df['Sex'] = df['Sex'].astype(object)"; None for other targets."""
    if not isinstance(target, cst.Subscript):
        return None
    owner = target.value
    if m.matches(owner, m.Attribute(attr=m.Name("loc") | m.Name("at") | m.Name("iloc") | m.Name("iat"))):
        frame, how = owner.value, owner.attr.value
        if not plain_reference(frame):
            return None
        if len(target.slice) == 2:
            f, key = code_of(frame), target.slice[1].slice  # the columns: a label, a list, a position, a slice
            column = code_of(key.value) if isinstance(key, cst.Index) else code_of(key)
            if how in ("loc", "at") and isinstance(key, cst.Index):
                return f"{f}[{column}] = {f}[{column}].astype(object)"
            if how == "loc":
                return f"{f}[{f}.loc[:, {column}].columns] = {f}.loc[:, {column}].astype(object)"
            return f"{f}[{f}.columns[{column}]] = {f}.iloc[:, {column}].astype(object)"
        if len(target.slice) == 1 and isinstance(frame, cst.Name) and frame.value not in frames:
            return f"{frame.value} = {frame.value}.astype(object)"  # a Series: s.loc[i] = v
        if len(target.slice) == 1 and dotted(frame) in frames:
            return _text_columns_to_object(code_of(frame))  # whole rows of a frame: df.loc[mask] = v
        return None
    key = target.slice[0].slice if len(target.slice) == 1 else None
    mask_or_position = isinstance(key, cst.Index) and isinstance(key.value, (
        cst.Comparison, cst.BooleanOperation, cst.UnaryOperation, cst.BinaryOperation, cst.Call, cst.Integer))
    if isinstance(owner, cst.Name) and owner.value not in frames and mask_or_position:
        return f"{owner.value} = {owner.value}.astype(object)"  # s[mask] = v on a str Series
    if dotted(owner) in frames and mask_or_position and not isinstance(key.value, cst.Integer):
        return _text_columns_to_object(code_of(owner))  # df[mask] = v sets whole rows, text columns too
    return None


def _text_columns_to_object(frame: str) -> str:
    """Every str column of ``frame`` made an object column, in place (an alias of the frame sees it too)."""
    text = f"{frame}.select_dtypes('str').columns"
    return f"{frame}[{text}] = {frame}[{text}].astype(object)"


@rule(
    "pandas-str-value",
    library="pandas",
    changed_in="pandas 3.0 (text columns are dtype str)",
    rationale="a str column holds only strings and missing values, so assigning a number into some of its rows "
    "(df.loc[df.Sex == 'male', 'Sex'] = 0, s[mask] = 1, df.at[i, c] = 2, whole rows df[mask] = 1) raises; before "
    "3.0 the object column took the value. The column (for whole rows, every str column) is made an object column "
    "first, which holds both, as it did before.",
    kind="error",
    signatures=(("TypeError", r"(?s)Invalid value '.*' for dtype '(str|string)'"),),
    examples=(
        (
            "train.loc[train['Sex'] == 'male', 'Sex'] = 0\ntrain.loc[train['Sex'] == 'female', 'Sex'] = 1",
            "train['Sex'] = train['Sex'].astype(object)\ntrain.loc[train['Sex'] == 'male', 'Sex'] = 0\n"
            "train['Sex'] = train['Sex'].astype(object)\ntrain.loc[train['Sex'] == 'female', 'Sex'] = 1",
        ),
        (
            "for d in full:\n    d.loc[d.Embarked == 'S', 'Embarked'] = 0",
            "for d in full:\n    d['Embarked'] = d['Embarked'].astype(object)\n    d.loc[d.Embarked == 'S', 'Embarked'] = 0",
        ),
        ("df.at[3, 'Fare'] = 1.5", "df['Fare'] = df['Fare'].astype(object)\ndf.at[3, 'Fare'] = 1.5"),
        (
            "def fill(frame, column, value):\n    frame.loc[frame[column].isnull(), column] = value",
            "def fill(frame, column, value):\n    if frame[column].dtype.kind == 'O': frame[column] = frame[column].astype(object)\n"
            "    frame.loc[frame[column].isnull(), column] = value",
        ),
        ("for i in range(3):\n    df.iloc[0, i] = 5",
         "for i in range(3):\n    df[df.columns[i]] = df.iloc[:, i].astype(object)\n    df.iloc[0, i] = 5"),
        ("df.iloc[0, 2] = 5", "df[df.columns[2]] = df.iloc[:, 2].astype(object)\ndf.iloc[0, 2] = 5"),
        ("df.iloc[:, 1:] = 0", "df[df.columns[1:]] = df.iloc[:, 1:].astype(object)\ndf.iloc[:, 1:] = 0"),
        ("title[title == 'Mr'] = 1", "title = title.astype(object)\ntitle[title == 'Mr'] = 1"),
        (
            "df = pd.read_csv(f)\ndf[df['MiscFeature'] == 'Elev'] = 1",
            "df = pd.read_csv(f)\ndf[df.select_dtypes('str').columns] = df[df.select_dtypes('str').columns].astype(object)\n"
            "df[df['MiscFeature'] == 'Elev'] = 1",
        ),
        ("x = 1\nd['a'] = 2", "x = 1\nd['a'] = 2"),
    ),
)
class StrValue(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.before: dict[int, str] = {}  # id(statement line) -> the line that goes before it
        self.labels: list[set[str]] = []  # the parameters and loop variables of the enclosing scopes

    def visit_FunctionDef(self, node) -> None:
        self.labels.append({p.name.value for p in node.params.params})

    def leave_FunctionDef(self, original, updated):
        self.labels.pop()
        return updated

    def visit_For(self, node) -> None:
        self.labels.append({n.value for n in _descendants(node.target) if isinstance(n, cst.Name)})

    def leave_For(self, original, updated):
        self.labels.pop()
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Assign) or self.off_error_line(original):
            return updated
        assign = updated.body[0]
        if len(assign.targets) != 1 or isinstance(assign.value, (cst.SimpleString, cst.ConcatenatedString)):
            return updated  # a string goes in as it is
        if m.matches(assign.value, m.Call(func=m.Attribute(attr=m.Name("astype")), args=[m.Arg(m.Name("object"))])):
            return updated  # the line this rule puts in
        target = assign.targets[0].target
        line = _column_target(target, self.ctx.frames)
        if line is not None:
            self.before[id(updated)] = self._only_text(target, line)
        return updated

    def _only_text(self, target: cst.Subscript, line: str) -> str:
        """A column a helper's parameter or a loop's variable names is one column of many the line writes:
        only a str one becomes object (kind 'O'), as a number written into a number column kept it numeric."""
        key = target.slice[-1].slice
        by_label = m.matches(target.value, m.Attribute(attr=m.Name("loc") | m.Name("at")))
        if not by_label or len(target.slice) != 2 or not m.matches(key, m.Index(m.Name())) or \
                not any(key.value.value in scope for scope in self.labels):
            return line  # iloc's key is a position: frame[key] would read another column
        return f"if {code_of(target.value.value)}[{key.value.value}].dtype.kind == 'O': {line}"

    def _body(self, body):
        new, previous = [], None
        for stmt in body:
            line = self.before.get(id(stmt))
            if line is not None and (previous is None or code_of(previous).strip() != line):
                new.append(cst.parse_statement(line))
            new.append(stmt)
            previous = stmt
        return new

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._body(updated.body)) if self.before else updated

    def leave_Module(self, original, updated):
        return updated.with_changes(body=self._body(updated.body)) if self.before else updated


# np.issubdtype(dtype, kind) -> pandas' test of the same kind, which also reads pandas' own dtypes.
_KIND_TESTS = {
    "number": "({pd}.api.types.is_numeric_dtype({x}) and not {pd}.api.types.is_bool_dtype({x}))",
    "integer": "{pd}.api.types.is_integer_dtype({x})",
    "signedinteger": "{pd}.api.types.is_signed_integer_dtype({x})",
    "floating": "{pd}.api.types.is_float_dtype({x})",
    "bool_": "{pd}.api.types.is_bool_dtype({x})",
    "object_": "{pd}.api.types.is_string_dtype({x})",
    "str_": "{pd}.api.types.is_string_dtype({x})",
    "datetime64": "{pd}.api.types.is_datetime64_any_dtype({x})",
}
_BUILTIN_KINDS = {"object": "object_", "str": "str_", "bool": "bool_", "float": "floating", "int": "integer"}


@rule(
    "pandas-issubdtype-str",
    library="pandas",
    changed_in="pandas 3.0 (text columns are dtype str)",
    rationale="np.issubdtype(df[c].dtype, np.number) raises on a str column, whose dtype numpy cannot read "
    "(the object dtype it replaced was numpy's); pandas.api.types tests the same kind and reads both.",
    kind="error",
    signatures=(("TypeError", r"Cannot interpret '<?(StringDtype|str)\b.*' as a data type"),),
    examples=(
        (
            "num = [c for c in df.columns if np.issubdtype(df[c].dtype, np.number)]",
            "num = [c for c in df.columns if (pd.api.types.is_numeric_dtype(df[c].dtype) and not "
            "pd.api.types.is_bool_dtype(df[c].dtype))]",
        ),
        ("if np.issubdtype(s.dtype, object): pass", "if pd.api.types.is_string_dtype(s.dtype): pass"),
        ("ok = np.issubdtype(t, np.complexfloating)", "ok = np.issubdtype(t, np.complexfloating)"),
    ),
)
class IssubdtypeStr(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        text = dotted(updated.func) or ""
        head, _, attr = text.rpartition(".")
        numpy = self.ctx.names_for("numpy", ("np", "numpy"))
        if attr != "issubdtype" or head not in numpy or len(updated.args) != 2 or any(a.keyword for a in updated.args):
            return updated
        if self.off_error_line(original):
            return updated
        kind = updated.args[1].value
        kind_text = dotted(kind) or ""
        kind_head, _, kind_name = kind_text.rpartition(".")
        if kind_head in numpy:
            name = kind_name
        elif not kind_head and kind_name in _BUILTIN_KINDS:
            name = _BUILTIN_KINDS[kind_name]
        else:
            return updated
        test = _KIND_TESTS.get(name)
        if test is None:
            return updated
        from .pandas_rules import pd_name

        return cst.parse_expression(test.format(pd=pd_name(self.ctx), x=code_of(updated.args[0].value)))


@rule(
    "pandas-groupby-tuple-columns",
    library="pandas",
    changed_in="pandas 1.0 (deprecated), 2.0 (removed)",
    rationale="a groupby's columns selected as a tuple (gb['a', 'b']) raise; the list gb[['a', 'b']] selects the same.",
    needles=("groupby",),  # then groupby(...)[a, b / g[('a', ...: a tuple of columns
    prefilter=re.compile(r"groupby\(.*\)\s*\[\s*[^\[\]\n]+,|\w\[\s*\(\s*['\"]").search,
    signatures=(("ValueError", r"Cannot subset columns with a tuple"),),
    examples=(
        ("s = df.groupby('Sex')['Age', 'Fare'].mean()", "s = df.groupby('Sex')[['Age', 'Fare']].mean()"),
        ("s = df.groupby('Sex')[['Age', 'Fare']].mean()", "s = df.groupby('Sex')[['Age', 'Fare']].mean()"),
        ("v = d['a', 'b']", "v = d['a', 'b']"),
        ("g = df.groupby(['k'])\nm = g[('a', 'b')].mean()", "g = df.groupby(['k'])\nm = g[['a', 'b']].mean()"),
    ),
)
class GroupbyTupleColumns(RuleTransformer):
    def _grouped(self, node: cst.BaseExpression) -> bool:
        """A groupby call, or a name the notebook binds to one (``g = df.groupby('k')``)."""
        if m.matches(node, m.Call(func=m.Attribute(attr=m.Name("groupby")))):
            return True
        return isinstance(node, cst.Name) and re.search(
            rf"(?m)^\s*{node.value}\s*=\s*[^\n#]*\.groupby\([^\n#]*\)\s*$", self.ctx.text) is not None

    def leave_Subscript(self, original, updated):
        elements = updated.slice
        if len(elements) == 1 and isinstance(elements[0].slice, cst.Index) and isinstance(elements[0].slice.value, cst.Tuple) \
                and len(elements[0].slice.value.elements) > 1:  # gb[('a', 'b')]
            elements = [cst.SubscriptElement(cst.Index(e.value), comma=e.comma) for e in elements[0].slice.value.elements]
        if len(elements) < 2 or not all(isinstance(e.slice, cst.Index) for e in elements):
            return updated
        if not self._grouped(updated.value):
            return updated
        items = [cst.Element(e.slice.value, comma=e.comma) for e in elements]
        items[-1] = items[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(slice=[cst.SubscriptElement(cst.Index(cst.List(items)))])


_TIMEDELTA_UNITS = {"D": "'D'", "h": "'h'", "m": "'min'", "s": "'s'", "W": "'W'"}


@rule(
    "pandas-timedelta-astype-days",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="astype('timedelta64[D]') (or [h], [m], [s]) used to give the whole number of days (hours, ...); pandas "
    "now only casts between second-based units and raises. Floor division by one day gives the same numbers.",
    kind="error",
    signatures=(("ValueError", r"Cannot convert from timedelta64\[\w+\] to timedelta64\[(D|h|m|W)\]"),),
    examples=(
        ("df['days'] = (df['end'] - df['start']).astype('timedelta64[D]')",
         "df['days'] = ((df['end'] - df['start']) // pd.Timedelta(1, 'D'))"),
        ("h = gap.astype('timedelta64[h]')", "h = (gap // pd.Timedelta(1, 'h'))"),
        ("x = a.astype('int64')", "x = a.astype('int64')"),
    ),
)
class TimedeltaAstypeDays(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("astype"))) or len(updated.args) != 1:
            return updated
        unit = string_value(updated.args[0].value) or ""
        if not (unit.startswith("timedelta64[") and unit[12:-1] in _TIMEDELTA_UNITS) or self.off_error_line(original):
            return updated
        from .pandas_rules import pd_name

        one = cst.parse_expression(f"{pd_name(self.ctx)}.Timedelta(1, {_TIMEDELTA_UNITS[unit[12:-1]]})")
        receiver = updated.func.value
        return cst.BinaryOperation(receiver, cst.FloorDivide(), one, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


@rule(
    "pandas-str-values-reshape",
    library="pandas",
    changed_in="pandas 3.0 (text columns are dtype str)",
    rationale="a str column's .values is a pandas string array, which cannot be reshaped (the object column's "
    ".values was a numpy array); .to_numpy() gives the numpy array the code expects.",
    kind="error",
    signatures=(("NotImplementedError", r"does not support reshape"),),
    examples=(
        ("X = le.fit_transform(df['Sex'].values.reshape(-1, 1))", "X = le.fit_transform(df['Sex'].to_numpy().reshape(-1, 1))"),
        ("a = x.values\nb = a.reshape(-1, 1)", "a = x.values\nb = a.reshape(-1, 1)"),
    ),
)
class StrValuesReshape(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(value=m.Attribute(attr=m.Name("values")), attr=m.Name("reshape"))):
            return updated
        if self.off_error_line(original):
            return updated
        values = updated.func.value
        array = cst.Call(cst.Attribute(values.value, cst.Name("to_numpy")))
        return updated.with_changes(func=updated.func.with_changes(value=array))
