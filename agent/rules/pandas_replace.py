"""``replace`` that turns text into numbers no longer makes the column numeric (pandas 3.0).

Before 3.0, ``Series.replace`` / ``DataFrame.replace`` converted the blocks they changed: a text column
whose values all became numbers (``replace({'male': 0, 'female': 1})``, ``replace(['S', 'C'], [0, 1])``)
came back int64 or float64. pandas 2.2 deprecated that downcast and 3.0 dropped it: the column stays
object (holding ints). Nothing raises there; the notebook fails later, or not at all, where the dtype
matters: xgboost and lightgbm refuse object columns, ``select_dtypes('number')``, ``corr()`` and
``get_dummies`` treat it as text. ``.infer_objects()`` after the call is the conversion pandas did.
"""

from __future__ import annotations

import ast
import re
import textwrap

import libcst as cst
import libcst.matchers as m

from .framework import Context, RuleTransformer, code_of, kwarg, positional, rule
from .traversal import module_code

_NAN = m.Attribute(attr=m.Name("nan") | m.Name("NaN") | m.Name("NAN"))


def _number(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float)) or m.matches(node, _NAN)


def _numbers(node: cst.BaseExpression) -> bool:
    """A number, or a list or tuple of numbers (replace's ``value``)."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return bool(node.elements) and all(_number(e.value) for e in node.elements)
    return _number(node)


def _texts(node: cst.BaseExpression) -> bool:
    """A string, or a list or tuple of strings (replace's ``to_replace`` when ``value`` is given)."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return bool(node.elements) and all(isinstance(e.value, cst.SimpleString) for e in node.elements)
    return isinstance(node, cst.SimpleString)


def _mapping_to_numbers(node: cst.BaseExpression) -> bool:
    """``{'male': 0, ...}`` or, per column, ``{'Sex': {'male': 0, ...}}``: every value ends as a number."""
    if not isinstance(node, cst.Dict) or not node.elements:
        return False
    values = [e.value for e in node.elements if isinstance(e, cst.DictElement)]
    return len(values) == len(node.elements) and all(_mapping_to_numbers(v) if isinstance(v, cst.Dict)
                                                     else _number(v) for v in values)


def _assigned_value(text: str, start: int) -> object:
    """The literal assigned by the statement that starts at ``text[start]``, read by Python's own parser:
    the shortest run of lines from there that parses (a dict literal may span many lines)."""
    lines = text[start:].splitlines()
    for end in range(1, min(len(lines), _MOST_LINES) + 1):
        try:
            statement = ast.parse(textwrap.dedent("\n".join(lines[:end]))).body[0]
        except (SyntaxError, IndexError):
            continue
        try:
            return ast.literal_eval(statement.value) if isinstance(statement, ast.Assign) else None
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    return None


_MOST_LINES = 60  # a mapping written over more lines than this is not read


def _numeric_values(value: object) -> bool:
    if isinstance(value, dict):
        return bool(value) and all(_numeric_values(v) for v in value.values())
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _dict_bound_once(name: str, ctx: Context) -> object:
    """The dict literal the notebook binds ``name`` to, when it binds it once to one; else None."""
    bound = list(re.finditer(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*=[ \t]*\{{", ctx.text))
    return _assigned_value(ctx.text, bound[0].start()) if len(bound) == 1 else None


def _counted(value: ast.expr) -> bool:
    """A mapping of labels to their position: ``{name: n for n, name in enumerate(labels)}`` or
    ``dict(zip(labels, range(len(labels))))`` (the label encoding notebooks wrote by hand)."""
    if isinstance(value, ast.DictComp) and len(value.generators) == 1:
        loop = value.generators[0]
        counter = loop.target.elts[0] if isinstance(loop.target, ast.Tuple) and loop.target.elts else None
        return (isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Name)
                and loop.iter.func.id == "enumerate" and isinstance(counter, ast.Name)
                and isinstance(value.value, ast.Name) and value.value.id == counter.id)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and value.args:
        zipped = value.args[0]
        return (isinstance(zipped, ast.Call) and isinstance(zipped.func, ast.Name) and zipped.func.id == "zip"
                and len(zipped.args) == 2 and isinstance(zipped.args[1], ast.Call)
                and isinstance(zipped.args[1].func, ast.Name) and zipped.args[1].func.id == "range")
    return False


def _named_mapping_to_numbers(name: str, ctx: Context) -> bool:
    """``qual_map`` when the notebook binds it once, to a dict literal of numbers or to the labels' positions."""
    if _numeric_values(_dict_bound_once(name, ctx)):
        return True
    bound = re.findall(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*=[ \t]*(.+)$", ctx.text)
    if len(bound) != 1:
        return False
    try:
        return _counted(ast.parse(bound[0].strip(), mode="eval").body)
    except SyntaxError:
        return False


def _to_numbers(call: cst.Call, ctx: Context, inplace: bool = False) -> bool:
    given = positional(call)
    target = kwarg(call, "to_replace") or (given[0] if given else None)
    value = kwarg(call, "value") or (given[1] if len(given) > 1 else None)
    if target is None or kwarg(call, "regex") is not None or (kwarg(call, "inplace") is not None) != inplace:
        return False
    if value is not None:
        return _texts(target.value) and _numbers(value.value)
    if isinstance(target.value, cst.Name):
        return _named_mapping_to_numbers(target.value.value, ctx)
    return _mapping_to_numbers(target.value)


def _column_keys(call: cst.Call, ctx: Context) -> list[str] | None:
    """The columns of a per-column mapping (``{'Sex': {'male': 0}, ...}``, literal or bound once to a name),
    which DataFrame.replace replaced and converted one by one; None for a flat mapping or scalars."""
    given = positional(call)
    target = kwarg(call, "to_replace") or (given[0] if given else None)
    if target is None or kwarg(call, "value") is not None or len(given) > 1:
        return None
    node = target.value
    if isinstance(node, cst.Name):
        value = _dict_bound_once(node.value, ctx)
        if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, dict) for k, v in value.items()):
            return list(value)
        return None
    if not isinstance(node, cst.Dict):
        return None
    keys = [e.key for e in node.elements if isinstance(e, cst.DictElement)]
    if len(keys) != len(node.elements) or not all(isinstance(e.value, cst.Dict) for e in node.elements):
        return None
    if not all(isinstance(k, cst.SimpleString) for k in keys):
        return None
    return [ast.literal_eval(k.value) for k in keys]


@rule(
    "pandas-replace-downcast",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.2)",
    rationale="replace() that maps text to numbers no longer converts the column: it stays object (was int64 or "
    "float64), which xgboost and lightgbm refuse and select_dtypes, corr and get_dummies take for text; "
    ".infer_objects() after it is the conversion pandas made. In place, the columns it converted are assigned "
    "back converted on the same frame: the per-column dict's keys the frame has, or every column of a known DataFrame for a "
    "flat mapping (pandas converted the text blocks it changed; infer_objects leaves str and number columns as "
    "they are). A Series replaced in place cannot change dtype in place, so it is left alone.",
    needles=(".replace(",),
    examples=(
        ("df['Sex'] = df['Sex'].replace(['male', 'female'], [0, 1])",
         "df['Sex'] = df['Sex'].replace(['male', 'female'], [0, 1]).infer_objects()"),
        ("train = train.replace({'Sex': {'male': 0, 'female': 1}, 'Embarked': {'S': 0, 'C': 1, 'Q': 2}})",
         "train = train.replace({'Sex': {'male': 0, 'female': 1}, 'Embarked': {'S': 0, 'C': 1, 'Q': 2}})"
         ".infer_objects()"),
        ("qual = {'Ex': 5, 'Gd': 4, 'TA': 3}\nX[cols] = X[cols].replace(qual)",
         "qual = {'Ex': 5, 'Gd': 4, 'TA': 3}\nX[cols] = X[cols].replace(qual).infer_objects()"),
        ("def quality(d):\n    qual = {'Ex': 5,\n            'Gd': 4}\n    return d.replace(qual)",
         "def quality(d):\n    qual = {'Ex': 5,\n            'Gd': 4}\n    return d.replace(qual).infer_objects()"),
        ("s = s.replace('?', np.nan)", "s = s.replace('?', np.nan).infer_objects()"),
        # a label encoding written by hand: each label to its position
        ("codes = {name: n for n, name in enumerate(df['species'].unique())}\n"
         "df['Target'] = df['species'].replace(codes)",
         "codes = {name: n for n, name in enumerate(df['species'].unique())}\n"
         "df['Target'] = df['species'].replace(codes).infer_objects()"),
        ("codes = dict(zip(labels, range(len(labels))))\ny = s.replace(codes)",
         "codes = dict(zip(labels, range(len(labels))))\ny = s.replace(codes).infer_objects()"),
        # text to text, a datetime's replace, a mapping bound twice, already converted, in place: left alone
        ("t = df['Title'].replace(['Mlle', 'Ms'], 'Miss')", "t = df['Title'].replace(['Mlle', 'Ms'], 'Miss')"),
        ("d = day.replace(2019, 1)\nu = day.replace(year=2019)", "d = day.replace(2019, 1)\nu = day.replace(year=2019)"),
        ("m = {'a': 1}\nm = {'a': 'b'}\ns = s.replace(m)", "m = {'a': 1}\nm = {'a': 'b'}\ns = s.replace(m)"),
        ("s = s.replace({'a': 1}).infer_objects()", "s = s.replace({'a': 1}).infer_objects()"),
        # in place: the columns pandas converted, converted in place on the same frame (a caller sees them)
        ("def encode(df):\n    df.replace({'ExterQual': {'Po': 1, 'Fa': 2}, 'KitchenQual': {'Po': 1}}, inplace=True)\n"
         "    return df",
         "def encode(df):\n    df.replace({'ExterQual': {'Po': 1, 'Fa': 2}, 'KitchenQual': {'Po': 1}}, inplace=True)\n"
         "    df[df.columns.intersection(['ExterQual', 'KitchenQual'])] = "
         "df[df.columns.intersection(['ExterQual', 'KitchenQual'])].infer_objects()\n    return df"),
        ("qual = {'A': {'x': 1}, 'B': {'y': 2.5}}\ntrain.replace(qual, inplace=True)",
         "qual = {'A': {'x': 1}, 'B': {'y': 2.5}}\ntrain.replace(qual, inplace=True)\n"
         "train[train.columns.intersection(['A', 'B'])] = train[train.columns.intersection(['A', 'B'])].infer_objects()"),
        ("df = pd.read_csv(f)\ndf.replace({'male': 0, 'female': 1}, inplace=True)",
         "df = pd.read_csv(f)\ndf.replace({'male': 0, 'female': 1}, inplace=True)\ndf[df.columns] = df.infer_objects()"),
        ("df = pd.read_csv(f)\ndf.replace('?', np.nan, inplace=True)\ndf[df.columns] = df.infer_objects()",
         "df = pd.read_csv(f)\ndf.replace('?', np.nan, inplace=True)\ndf[df.columns] = df.infer_objects()"),
        # flat, on what may be a Series (which cannot change dtype in place), or a column: left alone
        ("df.replace({'a': 1}, inplace=True)", "df.replace({'a': 1}, inplace=True)"),
        ("df['Sex'].replace({'male': 0}, inplace=True)", "df['Sex'].replace({'male': 0}, inplace=True)"),
        ("s = s.replace('a', 1, regex=True)", "s = s.replace('a', 1, regex=True)"),
    ),
)
class ReplaceDowncast(RuleTransformer):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.converted: set[int] = set()  # replace calls already followed by .infer_objects()

    def visit_Attribute(self, node) -> None:
        if node.attr.value == "infer_objects":
            self.converted.add(id(node.value))

    def visit_Module(self, node) -> None:
        self.code = module_code(node)

    def leave_SimpleStatementLine(self, original, updated):
        """``X.replace(<to numbers>, inplace=True)`` as a statement: the conversion written after it."""
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Expr):
            return updated
        call = updated.body[0].value
        if not m.matches(call, m.Call(func=m.Attribute(value=m.Name() | m.Attribute(), attr=m.Name("replace")))):
            return updated
        flag = kwarg(call, "inplace")
        if flag is None or not m.matches(flag.value, m.Name("True")) or not _to_numbers(call, self.ctx, inplace=True):
            return updated
        receiver = code_of(call.func.value)
        if not re.fullmatch(r"[A-Za-z_][\w.]*", receiver):
            return updated
        columns = _column_keys(call, self.ctx)
        if columns:
            # the frame's own columns among them: pandas skipped a key the frame lacks (one function, train and test)
            cols = f"{receiver}.columns.intersection([" + ", ".join(repr(c) for c in columns) + "])"
            line = f"{receiver}[{cols}] = {receiver}[{cols}].infer_objects()"
        elif receiver in self.ctx.frames:
            line = f"{receiver}[{receiver}.columns] = {receiver}.infer_objects()"
        else:
            return updated
        if line in self.code:
            return updated  # converted already
        return cst.FlattenSentinel([updated, cst.parse_statement(line + "\n").with_changes(
            leading_lines=[])])

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("replace"))) or id(original) in self.converted:
            return updated
        if not _to_numbers(updated, self.ctx):
            return updated
        return cst.Call(cst.Attribute(updated, cst.Name("infer_objects")))
