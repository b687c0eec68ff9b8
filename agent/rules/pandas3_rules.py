"""pandas 2/3 changes that fail later or silently: copy-on-write, str dtype, numeric_only.

No error points at most of these (``df[c].fillna(v, inplace=True)`` just does
nothing under copy-on-write and the NaNs surface cells later), so they run in
the static pass.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    module_call,
    plain_reference,
    positional,
    read_once,
    remove_kwarg,
    rule,
    string_value,
)

_INPLACE_METHODS = {"fillna", "replace", "clip", "interpolate", "ffill", "bfill", "where", "mask"}
_COLUMN_ATTRS_NOT = {"loc", "iloc", "at", "iat", "values", "index", "columns", "T", "str", "dt", "cat", "plot", "style"}


def _column_of(node: cst.BaseExpression, ctx) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """``df['a']`` -> (df, 'a'); ``df.a`` (df a DataFrame) -> (df, "a"); else None."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        key = node.slice[0].slice.value
        if isinstance(key, (cst.SimpleString, cst.Name, cst.FormattedString, cst.Attribute, cst.BinaryOperation)):
            return node.value, key
    if (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value in ctx.frames
        and node.attr.value not in _COLUMN_ATTRS_NOT
    ):
        return node.value, cst.SimpleString(repr(node.attr.value))
    return None


def _index(*keys: cst.BaseExpression) -> list[cst.SubscriptElement]:
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    elems = [cst.SubscriptElement(cst.Index(k), comma=sep) for k in keys]
    return elems[:-1] + [elems[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]


@rule(
    "pandas-cow-inplace",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="under copy-on-write, df[col].fillna(..., inplace=True) (and replace/clip/... inplace) changes a "
    "copy and leaves df unchanged; assigning the result back keeps the intended effect.",
    needles=("inplace=True",),
    pattern=r"""\.(fillna|replace|clip|interpolate|ffill|bfill|where|mask)\((?s:.)*?inplace\s*=\s*True""",
    examples=(
        ("df['Age'].fillna(df['Age'].mean(), inplace=True)", "df['Age'] = df['Age'].fillna(df['Age'].mean())"),
        (
            "train.Embarked.fillna('S', inplace=True)\ntrain.loc[0]",
            "train['Embarked'] = train['Embarked'].fillna('S')\ntrain.loc[0]",
        ),
        ("df.fillna(0, inplace=True)", "df.fillna(0, inplace=True)"),
    ),
)
class CowInplace(RuleTransformer):
    def leave_Expr(self, original, updated):
        call = updated.value
        if not (m.matches(call, m.Call(func=m.Attribute())) and call.func.attr.value in _INPLACE_METHODS):
            return updated
        flag = kwarg(call, "inplace")
        if flag is None or not m.matches(flag.value, m.Name("True")):
            return updated
        column = _column_of(call.func.value, self.ctx)
        if column is None:
            return updated
        frame, key = column
        target = cst.Subscript(frame, _index(key))
        value = remove_kwarg(call, "inplace").with_changes(func=cst.Attribute(target, call.func.attr))
        return cst.Assign([cst.AssignTarget(target)], value)


@rule(
    "pandas-chained-assignment",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="under copy-on-write, chained assignment such as df['a'][mask] = v never writes to df; "
    "df.loc[mask, 'a'] = v does.",
    needles=("] =", "]=", "] +=", "] -="),
    pattern=r"(?m)\]\s*\[[^\n]*\]\s*[-+*/]?=[^=]|\]\.i?loc\[[^\n]*\]\s*[-+*/]?=[^=]|^\s*\w+\.(?!(?:i?loc|i?at|rcParams)\[)\w+\[[^\n]*\]\s*[-+*/]?=[^=]",
    examples=(
        (
            "train = pd.read_csv('t.csv')\ntrain['Age'][train['Age'].isnull()] = 30",
            "train = pd.read_csv('t.csv')\ntrain.loc[train['Age'].isnull(), 'Age'] = 30",
        ),
        ("df = pd.DataFrame()\ndf[df.a > 1]['b'] = 0", "df = pd.DataFrame()\ndf.loc[df.a > 1, 'b'] = 0"),
        ("df = pd.DataFrame()\ndf['a'].iloc[0] = 1", "df = pd.DataFrame()\ndf.iloc[0, df.columns.get_loc('a')] = 1"),
        ("d = {}\nd['a'][0] = 1", "d = {}\nd['a'][0] = 1"),
        (  # a transformer's own attributes: self is no frame for having a .columns
            "class Fill:\n    def fit(self, X):\n        self.columns = list(X.columns)\n        self.dic = {}\n"
            "        self.dic['a'] = X['a'].median()",
            "class Fill:\n    def fit(self, X):\n        self.columns = list(X.columns)\n        self.dic = {}\n"
            "        self.dic['a'] = X['a'].median()",
        ),
    ),
)
class ChainedAssignment(RuleTransformer):
    def _rewrite(self, target):
        if not (
            isinstance(target, cst.Subscript)
            and len(target.slice) == 1
            and isinstance(target.slice[0].slice, cst.Index)
        ):
            return None
        inner, key = target.value, target.slice[0].slice.value
        if m.matches(inner, m.Attribute(attr=m.Name("loc") | m.Name("iloc"))):
            column = _column_of(inner.value, self.ctx)
            if column is None or not self._is_frame(column[0]):
                return None
            frame, col = column
            if inner.attr.value == "loc":
                return cst.Subscript(cst.Attribute(frame, cst.Name("loc")), _index(key, col))
            get_loc = cst.Call(
                cst.Attribute(cst.Attribute(frame, cst.Name("columns")), cst.Name("get_loc")), [cst.Arg(col)]
            )
            return cst.Subscript(cst.Attribute(frame, cst.Name("iloc")), _index(key, get_loc))
        if isinstance(inner, cst.Subscript) and len(inner.slice) == 1 and isinstance(inner.slice[0].slice, cst.Index):
            frame, first = inner.value, inner.slice[0].slice.value
            if not self._is_frame(frame):
                return None
            if string_value(key) is not None and string_value(first) is None:
                return cst.Subscript(cst.Attribute(frame, cst.Name("loc")), _index(first, key))  # df[mask]['col']
            return cst.Subscript(cst.Attribute(frame, cst.Name("loc")), _index(key, first))  # df['col'][mask]
        column = _column_of(inner, self.ctx) if isinstance(inner, cst.Attribute) else None
        if column is not None:
            return cst.Subscript(cst.Attribute(column[0], cst.Name("loc")), _index(key, column[1]))
        return None

    def _is_frame(self, node) -> bool:
        return isinstance(node, cst.Name) and node.value in self.ctx.frames

    def leave_Assign(self, original, updated):
        if len(updated.targets) != 1:
            return updated
        new = self._rewrite(updated.targets[0].target)
        return (
            updated.with_changes(targets=[updated.targets[0].with_changes(target=new)]) if new is not None else updated
        )

    def leave_AugAssign(self, original, updated):
        new = self._rewrite(updated.target)
        return updated.with_changes(target=new) if new is not None else updated


_OBJECT = (
    m.Name("object")
    | m.SimpleString("'object'")
    | m.SimpleString('"object"')
    | m.SimpleString("'O'")
    | m.SimpleString('"O"')
    | m.Attribute(attr=m.Name("object"))
    | m.Attribute(attr=m.Name("object_"))  # np.object_
    | m.Call(func=m.Attribute(attr=m.Name("dtype")), args=[m.Arg(  # np.dtype('O'), np.dtype(object)
        m.Name("object") | m.SimpleString("'O'") | m.SimpleString('"O"') | m.SimpleString("'object'")
        | m.SimpleString('"object"'))])
)


_DTYPE_NAME = m.Call(func=m.Name("str"), args=[m.Arg(m.Attribute(attr=m.Name("dtype")))]) | m.Attribute(
    value=m.Attribute(attr=m.Name("dtype")), attr=m.Name("name"))


def _dtype_lambda(call: cst.Call) -> str | None:
    """The parameter of ``df.dtypes.map(lambda x: ...)`` (or ``.apply``): it is given one column's dtype."""
    over_dtypes = m.Attribute(value=m.Attribute(attr=m.Name("dtypes")), attr=m.Name("map") | m.Name("apply"))
    if m.matches(call.func, over_dtypes) and call.args \
            and m.matches(call.args[0].value, m.Lambda(params=m.Parameters(params=[m.Param()]))):
        return call.args[0].value.params.params[0].name.value
    return None


def _dtype_target(loop: cst.For) -> str | None:
    """The name a loop over dtypes binds to one dtype (``for name, dt in df.dtypes.items()``, ``for dt in
    df.dtypes``)."""
    items = m.Call(func=m.Attribute(value=m.Attribute(attr=m.Name("dtypes")),
                                    attr=m.Name("items") | m.Name("iteritems")))
    if m.matches(loop.iter, items) and m.matches(loop.target, m.Tuple(elements=[m.Element(), m.Element(m.Name())])):
        return loop.target.elements[1].value.value
    if m.matches(loop.iter, m.Attribute(attr=m.Name("dtypes"))) and m.matches(loop.target, m.Name()):
        return loop.target.value
    return None


@rule(
    "pandas-str-dtype",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="text columns now have the dtype 'str', not object, so dtype == object tests miss them; "
    "the test now accepts both.",
    needles=("object", "'O'", '"O"'),
    pattern=r"dtypes?(\.name)?\)?\s*[!=]=|dtypes\[[^\]\n]*\]\s*[!=]=|[!=]=\s*[^\n=]*\.dtypes?\b|select_dtypes"
            r"|\.dtypes\.(map|apply)\(|\bfor\b[^\n]*\bin\s+[^\n]*\.dtypes\b|is_object_dtype\(",
    # every rewrite is of a test against object / 'object' / 'O' (select_dtypes(include=[np.number]) is not)
    prefilter=lambda code: "object" in code or "'O'" in code or '"O"' in code,
    signatures=(
        ("TypeError", r"unsupported operand|could not convert|Cannot perform reduction|can only concatenate str"
                      r"|operation '\w+' not supported for dtype 'str'|Invalid comparison between dtype=str"),
    ),
    examples=(
        (
            "cat = [c for c in df.columns if df[c].dtype == 'object']",
            "cat = [c for c in df.columns if df[c].dtype in ('object', 'str')]",
        ),
        (
            "num = df.dtypes[df.dtypes != 'object'].index",
            "num = df.dtypes[~df.dtypes.map(str).isin(['object', 'str'])].index",
        ),
        ("o = df.select_dtypes(include=['object'])", "o = df.select_dtypes(include=['object', 'str'])"),
        ("if df.dtypes[column] == 'object':\n    pass\nk = df['Sex'].dtypes != object",
         "if df.dtypes[column] in ('object', 'str'):\n    pass\nk = df['Sex'].dtypes not in ('object', 'str')"),
        ("if train[col].dtypes == 'O' and col != 'Id':\n    pass\ncats = [c for c in df if not df[c].dtypes != object]",
         "if train[col].dtypes in ('object', 'str') and col != 'Id':\n    pass\n"
         "cats = [c for c in df if not df[c].dtypes not in ('object', 'str')]"),
        # the literal first, the dtype's name or its str(): the same test
        ("if 'object' == data[col].dtype:\n    pass", "if data[col].dtype in ('object', 'str'):\n    pass"),
        ("t = str(s.dtype) == 'object'\nu = s.dtype.name != 'object'",
         "t = str(s.dtype) in ('object', 'str')\nu = s.dtype.name not in ('object', 'str')"),
        # a name given one dtype: a lambda over dtypes, a loop over them
        ("drop_list = titanic.dtypes[titanic.dtypes.map(lambda x: x == 'object')]",
         "drop_list = titanic.dtypes[titanic.dtypes.map(lambda x: x in ('object', 'str'))]"),
        ("for col, kind in df.dtypes.items():\n    if str(kind) != 'object':\n        num.append(col)",
         "for col, kind in df.dtypes.items():\n    if str(kind) not in ('object', 'str'):\n        num.append(col)"),
        ("f = lambda x: x == 'object'\nfor kind in df.dtypes:\n    pass\nok = kind == object",
         "f = lambda x: x == 'object'\nfor kind in df.dtypes:\n    pass\nok = kind == object"),
        # numpy's spellings of the object dtype
        ("cat = [c for c in df if df[c].dtype == np.object_ or df[c].dtypes != np.dtype('O')]",
         "cat = [c for c in df if df[c].dtype in ('object', 'str') or df[c].dtypes not in ('object', 'str')]"),
        # pandas' own test: a str column is not of object dtype, it is of a string dtype
        ("import pandas as pd\ntext = [c for c in df if pd.api.types.is_object_dtype(df[c])]",
         "import pandas as pd\n"
         "text = [c for c in df if (pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c]))]"),
        ("import pandas as pd\nfrom pandas.api.types import is_object_dtype\nok = is_object_dtype(train.Name)",
         "import pandas as pd\nfrom pandas.api.types import is_object_dtype\n"
         "ok = (is_object_dtype(train.Name) or pd.api.types.is_string_dtype(train.Name))"),
    ),
)
class StrDtype(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.tested: set[int] = set()  # comparisons that are an if's, a while's or a filter's test: one truth value
        self.dtypes: list[str] = []  # names that hold one dtype, in the lambdas and loops over dtypes entered
        self.both: set[int] = set()  # is_object_dtype calls already or'ed with is_string_dtype

    def visit_Call(self, node):
        if (name := _dtype_lambda(node)) is not None:
            self.dtypes.append(name)

    def visit_For(self, node):
        if (name := _dtype_target(node)) is not None:
            self.dtypes.append(name)

    def leave_For(self, original, updated):
        if _dtype_target(original) is not None:
            self.dtypes.pop()
        return updated

    def _one_dtype(self, node) -> bool:
        """A name that holds one dtype, or its str() or .name."""
        if m.matches(node, m.Call(func=m.Name("str"), args=[m.Arg()])):
            node = node.args[0].value
        elif m.matches(node, m.Attribute(attr=m.Name("name"))):
            node = node.value
        return isinstance(node, cst.Name) and node.value in self.dtypes

    def _truth(self, test: cst.BaseExpression) -> None:
        if isinstance(test, cst.BooleanOperation):
            self._truth(test.left), self._truth(test.right)
        elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            self._truth(test.expression)
        elif isinstance(test, cst.Comparison):
            self.tested.add(id(test))

    def visit_If(self, node):
        self._truth(node.test)

    def visit_While(self, node):
        self._truth(node.test)

    def visit_CompIf(self, node):
        self._truth(node.test)

    def visit_IfExp(self, node):
        self._truth(node.test)

    def leave_Comparison(self, original, updated):
        if len(updated.comparisons) != 1:
            return updated
        comp = updated.comparisons[0]
        op = comp.operator
        if not isinstance(op, (cst.Equal, cst.NotEqual)):
            return updated
        if m.matches(updated.left, _OBJECT) and not m.matches(comp.comparator, _OBJECT):
            # 'object' == df[c].dtype: the same test with the dtype first
            updated = cst.Comparison(comp.comparator, [comp.with_changes(comparator=updated.left)])
            comp = updated.comparisons[0]
        if not m.matches(comp.comparator, _OBJECT):
            return updated
        left = updated.left
        if m.matches(left, _DTYPE_NAME) or self._one_dtype(left):  # str(x.dtype) and x.dtype.name are 'object' or 'str'
            new_op = cst.In() if isinstance(op, cst.Equal) else cst.NotIn()
            return updated.with_changes(comparisons=[cst.ComparisonTarget(new_op, cst.parse_expression("('object', 'str')"))])
        # one column's dtype: df.dtypes[c], df['Age'].dtypes (a Series' dtypes is its dtype)
        # and, where one truth value is wanted, any subscript's dtypes (if df[col].dtypes == 'O')
        one = m.matches(left, m.Subscript(value=m.Attribute(attr=m.Name("dtypes")))) or m.matches(
            left, m.Attribute(value=m.Subscript(slice=[m.SubscriptElement(m.Index(m.SimpleString()))]),
                              attr=m.Name("dtypes"))) or (
            id(original) in self.tested and m.matches(left, m.Attribute(value=m.Subscript(), attr=m.Name("dtypes"))))
        if not one and not m.matches(left, m.Attribute(attr=m.Name("dtype") | m.Name("dtypes"))):
            return updated
        literal = (
            comp.comparator
            if isinstance(comp.comparator, cst.SimpleString) and "O" not in comp.comparator.value
            else cst.SimpleString("'object'")
        )
        if one or left.attr.value == "dtype":
            new_op = cst.In() if isinstance(op, cst.Equal) else cst.NotIn()
            both = cst.Tuple(
                [
                    cst.Element(literal, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Element(cst.SimpleString("'str'")),
                ]
            )
            return updated.with_changes(comparisons=[cst.ComparisonTarget(new_op, both)])
        src = cst.Module([]).code_for_node(left)
        test = f"{src}.map(str).isin(['object', 'str'])"  # str(dtype) is 'object' or 'str'
        return cst.parse_expression(test if isinstance(op, cst.Equal) else f"~{test}")

    def visit_BooleanOperation(self, node):
        if isinstance(node.operator, cst.Or):  # is_object_dtype(x) or is_string_dtype(x): tested both already
            sides = (node.left, node.right)
            if any(m.matches(x, m.Call(func=m.Name("is_string_dtype") | m.Attribute(attr=m.Name("is_string_dtype"))))
                   for x in sides):
                self.both.update(id(x) for x in sides)

    def leave_Call(self, original, updated):
        if _dtype_lambda(original) is not None:
            self.dtypes.pop()
        if callee_name(updated) == "is_object_dtype" and id(original) not in self.both:
            return self._or_string(updated)
        if callee_name(updated) != "select_dtypes":
            return updated
        args = []
        for a in updated.args:
            if a.keyword is None or a.keyword.value in ("include", "exclude"):
                a = a.with_changes(value=self._with_str(a.value))
            args.append(a)
        return updated.with_changes(args=args)

    def _or_string(self, call: cst.Call) -> cst.BaseExpression:
        """pandas' ``is_object_dtype(x)``, True for a text column before 3.0: also asks is_string_dtype, which is
        True for the str dtype and for object columns of text, and False for numbers and categories."""
        func, given = call.func, positional(call)
        if len(call.args) != 1 or len(given) != 1:
            return call
        if isinstance(func, cst.Attribute) and (dotted(func.value) or "").split(".")[0] in self.ctx.names_for(
                "pandas", ("pd", "pandas")):
            other = code_of(func.with_changes(attr=cst.Name("is_string_dtype")))
        elif isinstance(func, cst.Name) and self.ctx.imported.get(func.value, "").startswith("pandas."):
            if self.ctx.imported.get("is_string_dtype", "").startswith("pandas."):
                other = "is_string_dtype"
            elif self.ctx.module_names("pandas"):
                other = f"{sorted(self.ctx.module_names('pandas'))[0]}.api.types.is_string_dtype"
            else:
                return call
        else:
            return call
        return read_once(given[0].value, lambda x: f"({code_of(func)}({x}) or {other}({x}))")

    @staticmethod
    def _with_str(value):
        items = value.elements if isinstance(value, (cst.List, cst.Tuple)) else None
        values = [e.value for e in items] if items is not None else [value]
        if not any(m.matches(v, _OBJECT) for v in values) or any(string_value(v) in ("str", "string") for v in values):
            return value
        elems = [cst.Element(v, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for v in values]
        return cst.List(elems + [cst.Element(cst.SimpleString("'str'"))])


_REDUCTIONS = {"mean", "median", "std", "var", "sem", "prod", "skew", "kurt", "corr", "cov"}
_NUMPY_REDUCTIONS = {"mean", "std", "var"}  # numpy calls the frame's own method (median, sum: not the same story)


@rule(
    "pandas-numeric-only",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="reductions such as corr() and groupby(...).mean() no longer drop text columns silently "
    "(numeric_only now defaults to False); numeric_only=True restores the old result.",
    needles=(".corr(", ".cov(", "groupby", "mean(", "median(", "std(", "sum("),
    pattern=r"""\.(corr|cov)\(\s*(\)|method)|groupby\([^\n]*\)\s*\.\s*(mean|median|std|var|sem|prod|skew|kurt|corr|cov)\(""",
    signatures=(
        ("ValueError", r"could not convert string to float"),
        (
            "TypeError",
            r"Cannot perform reduction|Could not convert .* to numeric|can only concatenate str|agg function failed|unsupported operand type"
            r"|dtype '(str|object)' does not support operation|operation '\w+' not supported for dtype 'str'"
            r"|'Categorical' with dtype category does not support (operation|reduction)",
        ),
        ("ArrowNotImplementedError", r"has no kernel matching input types \((large_)?string\)"),
    ),
    examples=(
        ("c = df.corr()", "c = df.corr(numeric_only=True)"),
        ("g = df.groupby('Sex').mean()", "g = df.groupby('Sex').mean(numeric_only=True)"),
        ("s = df['a'].corr(df['b'])", "s = df['a'].corr(df['b'])"),
        ("c = data['train'].corr().SalePrice", "c = data['train'].corr(numeric_only=True).SalePrice"),
        ("s = df['a'].cov(other=df['b'], min_periods=3)", "s = df['a'].cov(other=df['b'], min_periods=3)"),
        ("g = df.groupby('Sex')['Age'].mean()", "g = df.groupby('Sex')['Age'].mean()"),
    ),
)
class NumericOnly(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not isinstance(updated.func, cst.Attribute) or kwarg(updated, "numeric_only") is not None:
            return updated
        name, receiver = updated.func.attr.value, updated.func.value
        if name in ("corr", "cov") and not positional(updated) and kwarg(updated, "other") is None:
            # Series.corr/cov need the other series: without one the receiver is a frame, however it is
            # reached (frames["train"].corr() looks like a column but is not)
            return add_kwarg(updated, "numeric_only", "True")
        if name in _REDUCTIONS and m.matches(receiver, m.Call(func=m.Attribute(attr=m.Name("groupby")))):
            return add_kwarg(updated, "numeric_only", "True")
        if not self.on_error_line(original) or len(positional(updated)) > 1:
            return updated
        numpy = module_call(updated, self.ctx, "numpy")
        if numpy is not None:
            return self._numpy_reduction(updated, numpy)
        if name in _REDUCTIONS | {"sum", "corrwith"} and not single_column(receiver, self.ctx):
            return add_kwarg(updated, "numeric_only", "True")
        return updated

    def _numpy_reduction(self, call: cst.Call, name: str) -> cst.Call:
        """``np.mean(df)`` was ``df.mean(axis=0)``, text columns dropped: numpy hands the frame to its own
        method, which kept the numeric columns before 2.0 and, in 3.0, reduces over both axes when no axis
        is given. The numeric columns and axis=0 give the old per-column result."""
        given = positional(call)
        if name not in _NUMPY_REDUCTIONS or len(given) != 1 or single_column(given[0].value, self.ctx) \
                or m.matches(given[0].value, m.Call(func=m.Attribute(attr=m.Name("select_dtypes")))):
            return call  # a column, or numbers already (another error on the line is not this one)
        numeric = cst.Arg(cst.parse_expression(f"{code_of(given[0].value)}.select_dtypes('number')"))
        call = call.with_changes(args=[numeric if a is given[0] else a for a in call.args])
        return call if kwarg(call, "axis") is not None else add_kwarg(call, "axis", "0")


def single_column(node, ctx: Context) -> bool:
    """``df['Age']`` or ``df.Age``: a column, unless the subscripted name is a dict the notebook made
    (``data = {'train': train}``; ``data['train']`` is a frame)."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
            and string_value(node.slice[0].slice.value) is not None:
        return not held_in_dict(node, ctx)
    return m.matches(node, m.Attribute(value=m.Name()))


def held_in_dict(node, ctx: Context) -> bool:
    """``data['train']`` where ``data`` is a dict the notebook made (``data = {...}`` or ``dict(...)``)."""
    owner = node.value if isinstance(node, cst.Subscript) else None
    return isinstance(owner, cst.Name) and owner.value not in ctx.frames \
        and re.search(rf"(?m)^\s*{owner.value}\s*=\s*(\{{|dict\()", ctx.text) is not None


@rule(
    "pandas-get-dummies-dtype",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="get_dummies now returns bool columns instead of uint8, which breaks arithmetic and mixes "
    "into object arrays; dtype='uint8' keeps the old result.",
    needles=("get_dummies",),
    examples=(
        ("import pandas as pd\nd = pd.get_dummies(df['Sex'])", "import pandas as pd\nd = pd.get_dummies(df['Sex'], dtype='uint8')"),
        ("from pandas import get_dummies\nd = get_dummies(df)", "from pandas import get_dummies\nd = get_dummies(df, dtype='uint8')"),
        # a function of the notebook's own that happens to share the name (tune: lobodemonte's titanic)
        ("def get_dummies(train, test):\n    return train, test\ntrain, test = get_dummies(train, test)",
         "def get_dummies(train, test):\n    return train, test\ntrain, test = get_dummies(train, test)"),
    ),
)
class GetDummiesDtype(RuleTransformer):
    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "pandas") == "get_dummies" and kwarg(updated, "dtype") is None and updated.args:
            return add_kwarg(updated, "dtype", "'uint8'")
        return updated


@rule(
    "pandas-value-counts-names",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="value_counts() now names its index after the column and the counts 'count', so reset_index() "
    "gives [<column>, 'count'] instead of ['index', <column>]; the old names are restored.",
    needles=("value_counts",),
    pattern=r"value_counts\((?s:.*)reset_index\(",
    signatures=(("KeyError", r"^'index'$|\['index'\]"),),
    examples=(
        (
            "vc = df['Embarked'].value_counts().reset_index()\nvc.columns = ['port', 'n']",
            (
                "vc = df['Embarked'].value_counts().rename_axis(None).rename('Embarked').reset_index()\n"
                "vc.columns = ['port', 'n']"
            ),
        ),
        (
            "f = df['Title'].value_counts().to_frame(name='Frequency')\nf = f.reset_index()",
            (
                "f = df['Title'].value_counts().rename_axis(None).rename('Title').to_frame(name='Frequency')\n"
                "f = f.reset_index()"
            ),
        ),
        ("n = df.groupby('a')['b'].value_counts().reset_index()", "n = df.groupby('a')['b'].value_counts().reset_index()"),
        ("n = df['b'].value_counts()", "n = df['b'].value_counts()"),
    ),
)
class ValueCountsNames(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    def visit_Attribute(self, node):
        if node.attr.value == "rename_axis" and m.matches(node.value, m.Call(func=m.Attribute(attr=m.Name("value_counts")))):
            self.done.add(id(node.value))  # already restored: idempotent

    def leave_Call(self, original, updated):
        if id(original) in self.done or not m.matches(updated.func, m.Attribute(attr=m.Name("value_counts"))):
            return updated
        receiver = updated.func.value
        column = _column_of(receiver, self.ctx)
        if m.matches(receiver, m.Subscript(value=m.Call())):
            return updated  # a groupby's value_counts keeps its index names
        if column is not None:
            key = column[1] if isinstance(column[1], (cst.SimpleString, cst.Name)) else None
        elif self.on_own_error and isinstance(receiver, (cst.Name, cst.Attribute)) and plain_reference(receiver):
            # the old names read 'index' (KeyError): a Series held in a name (titles = df.Title) names its counts
            key = cst.Attribute(receiver, cst.Name("name"))
        else:
            return updated
        new = cst.Call(cst.Attribute(updated, cst.Name("rename_axis")), [cst.Arg(cst.Name("None"))])
        if key is not None:
            new = cst.Call(cst.Attribute(new, cst.Name("rename")), [cst.Arg(key)])
        return new


@rule(
    "pandas-loc-tuple-value",
    library="pandas",
    changed_in="pandas 1.x",
    rationale="a stray trailing comma makes the value assigned to .loc/.iloc a one-element tuple, which is no "
    "longer broadcast over the selected rows of a mixed-dtype frame; the comma is dropped.",
    needles=("loc[",),
    pattern=r"(?m)loc\[[^\n]*\]\s*=[^=\n][^\n]*,[ \t]*(#[^\n]*)?$",
    signatures=(("ValueError", r"Must have equal len keys and value when setting with an iterable"),),
    examples=(
        ("for d in data:\n    d.loc[d['Age'] <= 16, 'Age'] = 0,", "for d in data:\n    d.loc[d['Age'] <= 16, 'Age'] = 0"),
        ("df.loc[m, 'Fare'] = 3, # top band", "df.loc[m, 'Fare'] = 3 # top band"),
        ("df.loc[m, ['a', 'b']] = 1, 2", "df.loc[m, ['a', 'b']] = 1, 2"),
        ("df.loc[m, 'a'] = (0,)", "df.loc[m, 'a'] = (0,)"),
    ),
)
class LocTupleValue(RuleTransformer):
    def leave_Assign(self, original, updated):
        value = updated.value
        if (
            len(updated.targets) == 1
            and m.matches(updated.targets[0].target, m.Subscript(value=m.Attribute(attr=m.Name("loc") | m.Name("iloc"))))
            and isinstance(value, cst.Tuple)
            and not value.lpar
            and len(value.elements) == 1
            and not isinstance(value.elements[0], cst.StarredElement)
        ):
            return updated.with_changes(value=value.elements[0].value)
        return updated


def _is_str_type(node: cst.BaseExpression) -> bool:
    return m.matches(node, m.Name("str")) or string_value(node) == "str"


@rule(
    "pandas-astype-str-nan",
    library="pandas",
    changed_in="pandas 3.0",
    rationale="astype(str) now gives the 'str' dtype and keeps missing values as NaN instead of the text 'nan', "
    "so joins, encoders and str methods meet floats; fillna('nan') restores the old strings.",
    needles=("astype(str", "astype('str'", 'astype("str"'),
    signatures=(
        ("TypeError", r"sequence item \d+: expected str instance, float found"),
        ("TypeError", r"'<' not supported between instances of '(float|str)' and '(float|str)'"),
        ("TypeError", r"Encoders require their input argument must be uniformly strings or numbers"),
    ),
    examples=(
        (
            "df = pd.read_csv('train.csv')\ncabin = df.Cabin.astype(str)\nprint(', '.join(cabin.unique()))",
            "df = pd.read_csv('train.csv')\ncabin = df.Cabin.astype(str).fillna('nan')\nprint(', '.join(cabin.unique()))",
        ),
        (
            "for c in cols:\n    df[c] = le.fit_transform(df[c].astype(str))",
            "for c in cols:\n    df[c] = le.fit_transform(df[c].astype(str).fillna('nan'))",
        ),
        ("x = arr.astype(str)", "x = arr.astype(str)"),
        ("y = df['a'].values.astype(str)", "y = df['a'].values.astype(str)"),
    ),
)
class AstypeStrNan(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    def visit_Attribute(self, node):
        if node.attr.value == "fillna" and m.matches(node.value, m.Call(func=m.Attribute(attr=m.Name("astype")))):
            self.done.add(id(node.value))  # already restored: idempotent

    def leave_Call(self, original, updated):
        if id(original) in self.done or not m.matches(updated.func, m.Attribute(attr=m.Name("astype"))):
            return updated
        args = positional(updated)
        if len(args) != 1 or len(updated.args) != 1 or not _is_str_type(args[0].value):
            return updated
        receiver = updated.func.value
        pandas_object = _column_of(receiver, self.ctx) is not None or (
            isinstance(receiver, cst.Name) and receiver.value in self.ctx.frames
        )
        if not pandas_object or m.matches(receiver, m.Subscript(value=m.Attribute(attr=m.Name("values")))):
            return updated
        fill = cst.Arg(cst.SimpleString("'nan'"))
        return cst.Call(cst.Attribute(updated, cst.Name("fillna")), [fill])
