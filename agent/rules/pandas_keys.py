"""pandas 1.0-3.0: keys and operands pandas now reads differently: a list where a tuple key was meant
(``get_group`` after grouping by a one-item list, ``xs``), integer bounds on ``.loc`` that were positions, float
category codes, and a list or another Index beside ``&``/``|``/``^`` (element-wise today, a set operation before).

Static where the code shows what the value is (a literal group name, two ``.columns`` beside ``&``); elsewhere on
the line that failed with pandas' own error. The shared pieces are pandas_inputs.py's.
"""

from __future__ import annotations

import re
from functools import cached_property

import libcst as cst
import libcst.matchers as m

from .framework import (Context, argument, callee_name, code_of, dotted, parenthesized, plain_reference, rule,
                        with_arg_value)
from .pandas_inputs import PANDAS, OnError, names_bound, not_a_tuple

# --------------------------------------------------------------------------- keys: get_group, xs, .loc, from_codes

_MISSING_GROUP = ("KeyError", "")  # any key: the grouping and the call on the failing line tell
_LIST_KEY_XS = ("TypeError", r"list keys are not supported in xs")
_POSITIONAL_LOC = ("TypeError", r"Slicing a positional slice with \.loc is not allowed")
_FLOAT_CODES = ("ValueError", r"codes need to be array-like integers")


def _tuple_of(items: list[cst.BaseExpression]) -> cst.Tuple:
    elements = [cst.Element(v.with_changes(lpar=[], rpar=[]) if not isinstance(v, cst.Tuple) else v,
                            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for v in items]
    last = elements[-1].with_changes(comma=cst.Comma() if len(elements) == 1 else cst.MaybeSentinel.DEFAULT)
    return cst.Tuple([*elements[:-1], last])


@rule(
    "pandas-tuple-keys",
    library="pandas",
    changed_in="pandas 1.0 (from_codes of floats), 2.0 (xs of a list, integer .loc slices assigned to), "
    "3.0 (get_group after grouping by a one-item list; deprecated in 2.2)",
    rationale="grouped by a one-item list, groups are named by 1-tuples: get_group(k) is get_group((k,)); xs took a "
    "list key as the tuple of its items; .loc[i:j] = v with integer bounds on a non-integer index assigned by "
    "position, as .iloc[i:j] does (a column named beside it by its position: columns.get_loc); from_codes took "
    "integral float codes as the integers they are. Static for a literal list key and a literal group name; "
    "otherwise on the line that failed with pandas' error.",
    needles=("get_group", ".xs("),  # the static parts; the error-keyed ones run whatever the cell holds
    gate=PANDAS,
    signatures=(_MISSING_GROUP, _LIST_KEY_XS, _POSITIONAL_LOC, _FLOAT_CODES),
    examples=(
        ("import pandas as pd\ng = df.groupby(['Sex'])\nm = g.get_group('male')\n"
         "s = df.groupby(by=['Pclass'])['Fare'].get_group(1)\nv = s.xs(['a', 1])\nw = df.xs(key=['a'], level=[0])",
         "import pandas as pd\ng = df.groupby(['Sex'])\nm = g.get_group(('male',))\n"
         "s = df.groupby(by=['Pclass'])['Fare'].get_group((1,))\nv = s.xs(('a', 1))\nw = df.xs(key=('a',), level=[0])"),
        # a name may hold a tuple today (a group's name from iterating); a column name is grouped by scalars
        ("import pandas as pd\nfor k, _ in df.groupby(['a']):\n    x = df.groupby(['a']).get_group(k)\n"
         "y = df.groupby('a').get_group('b')\ndf.loc[0:2, 'c'] = 1\nz = d.xs(key)",
         "import pandas as pd\nfor k, _ in df.groupby(['a']):\n    x = df.groupby(['a']).get_group(k)\n"
         "y = df.groupby('a').get_group('b')\ndf.loc[0:2, 'c'] = 1\nz = d.xs(key)"),
    ),
)
class TupleKeys(OnError):
    @cached_property
    def one_item_lists(self) -> set[str]:
        """The names the notebook binds to a one-item list (``cols = ['a']``)."""
        return {n for n, items in re.findall(r"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*\[([^\[\]\n]*)\]\s*$", self.ctx.text)
                if self._one_item(items)}

    @cached_property
    def groupings(self) -> dict[str, str]:
        """The names the notebook binds to a grouping, by what it is grouped by (see ``_grouping``)."""
        found: dict[str, str] = {}
        for name, value in re.findall(r"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*(.*\.groupby\(.*?)\s*$", self.ctx.text):
            try:
                grouping = self._grouping(cst.parse_expression(value))
            except cst.ParserSyntaxError:
                grouping = "unknown"
            found[name] = grouping if found.get(name, grouping) == grouping else "unknown"
        return found

    @staticmethod
    def _one_item(items: str) -> bool:
        return len([i for i in items.split(",") if i.strip()]) == 1 and not items.strip().startswith("*")

    def _grouping(self, node: cst.BaseExpression) -> str:
        """What a groupby object is grouped by: "list" (one item), "other" (a column, several), or "unknown"."""
        while isinstance(node, cst.Subscript):  # g['col'] / g[['a', 'b']]: the same grouping
            node = node.value
        if isinstance(node, cst.Name):
            return self.groupings.get(node.value, "unknown")
        if not (isinstance(node, cst.Call) and callee_name(node) == "groupby" and isinstance(node.func, cst.Attribute)):
            return "unknown"
        by = argument(node, "by")
        if by is None:
            return "other"  # level=
        if isinstance(by.value, cst.List):
            elements = by.value.elements
            return "list" if len(elements) == 1 and not isinstance(elements[0], cst.StarredElement) else "other"
        if isinstance(by.value, cst.Name):
            return "list" if by.value.value in self.one_item_lists else "unknown"
        return "other" if isinstance(by.value, (cst.SimpleString, cst.Integer)) else "unknown"

    def leave_Call(self, original, updated):
        func, name = updated.func, callee_name(updated)
        if not isinstance(func, cst.Attribute):
            return updated
        if name == "get_group":
            arg = argument(updated, "name")
            if arg is None or isinstance(arg.value, cst.Tuple):
                return updated
            grouping = self._grouping(func.value)
            if (grouping == "list" and not_a_tuple(arg.value)) or \
                    (grouping != "other" and self.failed(original, _MISSING_GROUP)):
                return with_arg_value(updated, arg, _tuple_of([arg.value]))
        if name == "xs":
            arg = argument(updated, "key")
            items = arg.value.elements if arg is not None and isinstance(arg.value, cst.List) else ()
            if items and all(isinstance(e, cst.Element) for e in items):
                return with_arg_value(updated, arg, _tuple_of([e.value for e in items]))
            if arg is not None and self.failed(original, _LIST_KEY_XS):
                return with_arg_value(updated, arg, cst.Call(cst.Name("tuple"), [cst.Arg(arg.value)]))
        if name == "from_codes" and self.failed(original, _FLOAT_CODES):
            arg = argument(updated, "codes")
            if arg is not None:
                codes = self.wrapped("numpy", "asarray", arg.value)
                return with_arg_value(updated, arg, cst.parse_expression(f"{code_of(codes)}.astype('int64')"))
        return updated

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if not (isinstance(target, cst.Subscript) and m.matches(target.value, m.Attribute(attr=m.Name("loc")))
                and isinstance(target.slice[0].slice, cst.Slice) and self.failed(original, _POSITIONAL_LOC)):
            return updated
        owner, rows = target.value.value, target.slice[0]
        iloc = target.value.with_changes(attr=cst.Name("iloc"))
        if len(target.slice) == 1:
            new = target.with_changes(value=iloc)
        elif len(target.slice) == 2 and isinstance(target.slice[1].slice, cst.Index) and plain_reference(owner):
            column = target.slice[1].slice.value
            if isinstance(column, (cst.SimpleString, cst.Integer, cst.List)):
                find = "get_indexer" if isinstance(column, cst.List) else "get_loc"
                at = cst.parse_expression(f"{code_of(owner)}.columns.{find}({code_of(column)})")
                new = target.with_changes(value=iloc, slice=[rows, target.slice[1].with_changes(slice=cst.Index(at))])
            else:  # a column held by a name: the rows by their labels
                labels = cst.parse_expression(f"{code_of(owner)}.index[{code_of(rows.slice)}]")
                new = target.with_changes(slice=[rows.with_changes(slice=cst.Index(labels)), target.slice[1]])
        else:
            return updated
        return updated.with_changes(targets=[updated.targets[0].with_changes(target=new)])


# --------------------------------------------------------------------------- &, |, ^

_LIST_OPERAND = ("TypeError", r"Logical ops \(and, or, xor\) between Pandas objects and dtype-less sequences")
_SET_OPERATIONS = {cst.BitAnd: "intersection", cst.BitOr: "union", cst.BitXor: "symmetric_difference"}
_AUGMENTED = (cst.BitAndAssign, cst.BitOrAssign, cst.BitXorAssign)


@rule(
    "pandas-logical-operands",
    library="pandas",
    changed_in="pandas 2.0 (Index & | ^ Index element-wise; set operations deprecated in 1.x), 3.0 (a list "
    "beside & | ^; deprecated in 2.1)",
    rationale="between two indexes, & | ^ were intersection, union and symmetric_difference (today element-wise: "
    "other numbers for integer labels, an error for text), rewritten where both sides are certainly indexes "
    "(.columns, .index, pd.Index(...)); a list beside a Series' & | ^ was matched element by element as an object "
    "array, which np.array(values, dtype=object) is (on the failing line; beside an index, the set operation).",
    pattern=r"(\.columns|\.index|Index\(.*\))\s*[&|^]",  # the static part: an index on the left
    gate=PANDAS,
    signatures=(_LIST_OPERAND,),
    examples=(
        ("import pandas as pd\ncommon = train.columns & test.columns\nboth = df1.index | df2.index | df3.index\n"
         "odd = a.columns ^ pd.Index(['x'])",
         "import pandas as pd\ncommon = train.columns.intersection(test.columns)\n"
         "both = df1.index.union(df2.index).union(df3.index)\nodd = a.columns.symmetric_difference(pd.Index(['x']))"),
        # masks, sets and values not certainly indexes
        ("import pandas as pd\nm = (df.a > 1) & (df.b < 2)\nc = set(df.columns) & set(other.columns)\n"
         "x = cols & test.columns\ny = mask & [True, False]",
         "import pandas as pd\nm = (df.a > 1) & (df.b < 2)\nc = set(df.columns) & set(other.columns)\n"
         "x = cols & test.columns\ny = mask & [True, False]"),
    ),
)
class LogicalOperands(OnError):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        lists = names_bound(ctx.text, r"\[.*\]\s*$|list\(")
        self.lists = lists - names_bound(ctx.text, r"\[.*\]\s*\[")  # not an item of a list (x = [a, b][0])
        self.pandas = ctx.module_names("pandas") | {"pd"}

    def _index(self, node: cst.BaseExpression) -> bool:
        """Certainly a pandas Index: a frame's columns or index, pd.Index(...), or an index's set operation."""
        if m.matches(node, m.Attribute(attr=m.Name("columns") | m.Name("index"))):
            return dotted(node.value) not in self.pandas
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return False
        if node.func.attr.value in ("Index", "DatetimeIndex") and dotted(node.func.value) in self.pandas:
            return True
        return node.func.attr.value in (*_SET_OPERATIONS.values(), "difference") and self._index(node.func.value)

    def _listed(self, node: cst.BaseExpression) -> bool:
        """A list or tuple of values: written out, comprehended, converted, or a name bound to one."""
        if isinstance(node, (cst.List, cst.Tuple, cst.ListComp)):
            return True
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            return isinstance(node.left, cst.List)  # [True] * n
        if isinstance(node, cst.Call):
            return dotted(node.func) in ("list", "tuple") or callee_name(node) == "tolist"
        return isinstance(node, cst.Name) and node.value in self.lists

    def _object_array(self, node: cst.BaseExpression) -> cst.Call:
        return self.wrapped("numpy", "array", node, dtype="object")

    def leave_BinaryOperation(self, original, updated):
        operation = _SET_OPERATIONS.get(type(updated.operator))
        if operation is None:
            return updated
        left, right = updated.left, updated.right
        on_error = self.failed(original, _LIST_OPERAND)
        if self._index(left) and (self._index(right) or (on_error and self._listed(right))):
            call = cst.Call(cst.Attribute(parenthesized(left), cst.Name(operation)),
                            [cst.Arg(right.with_changes(lpar=[], rpar=[]))])
            return call.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        if on_error and self._listed(right) and not self._listed(left):
            return updated.with_changes(right=self._object_array(right))
        if on_error and self._listed(left) and not self._listed(right):
            return updated.with_changes(left=self._object_array(left))
        return updated

    def leave_AugAssign(self, original, updated):
        if isinstance(updated.operator, _AUGMENTED) and self._listed(updated.value) and \
                self.failed(original, _LIST_OPERAND):
            return updated.with_changes(value=self._object_array(updated.value))
        return updated
