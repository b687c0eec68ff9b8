"""Python 2 builtins and types that fissix's conversion (python2.py) leaves alone or converts for another reading.

``cmp(a, b)`` is gone with no builtin in its place: ``(a > b) - (a < b)`` is the value it returned for the
numbers and strings notebooks compared. ``s.translate(None, chars)`` deleted characters from a byte string; a
text string takes one table, which ``str.maketrans('', '', chars)`` builds to delete the same characters. The
``types`` module's aliases of the builtins (``types.StringType``, ``types.ListType``) went; fissix maps
StringType to ``bytes``, right for byte-level code but not for the notebooks that asked "is this text?" of
values read from a CSV, which Python 3 reads as ``str``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider, ScopeProvider

from .framework import RuleTransformer, code_of, dotted, positional, rule

# --------------------------------------------------------------------------- cmp(a, b)


@rule(
    "python2-cmp-builtin",
    library="python",
    changed_in="Python 3.0",
    rationale="the builtin cmp(a, b) was removed with no successor of its name; (a > b) - (a < b) is the -1, 0 "
    "or 1 it returned for numbers and strings (a call that sees a cmp of the notebook's own, a parameter, a def or "
    "an import, is left alone).",
    kind="error",
    signatures=(("NameError", r"name 'cmp' is not defined"),),
    error_examples=(
        ("NameError: name 'cmp' is not defined", 2,
         "def by_count(a, b):\n    return cmp(a[1], b[1]) or -cmp(len(a[0]), len(b[0]))",
         "def by_count(a, b):\n    return ((a[1] > b[1]) - (a[1] < b[1])) or -((len(a[0]) > len(b[0])) - "
         "(len(a[0]) < len(b[0])))"),
        # a function's own cmp (its parameter here) is not Python 2's; the cell's top level still calls that one
        ("NameError: name 'cmp' is not defined", 3,
         "def order(xs, cmp):\n    return [cmp(a, b) for a, b in zip(xs, xs[1:])]\nsign = cmp(x, 0)",
         "def order(xs, cmp):\n    return [cmp(a, b) for a, b in zip(xs, xs[1:])]\nsign = ((x > 0) - (x < 0))"),
        ("NameError: name 'cmp' is not defined", 3,
         "from operator import lt as cmp\ndef f(a, b):\n    return cmp(a, b)",
         "from operator import lt as cmp\ndef f(a, b):\n    return cmp(a, b)"),
        # a method named cmp is an attribute of its class, not a name the other methods see
        ("NameError: name 'cmp' is not defined", 4,
         "class Card:\n    def cmp(self, other):\n        return 0\n    def key(self):\n        return cmp(self.n, 0)",
         "class Card:\n    def cmp(self, other):\n        return 0\n    def key(self):\n"
         "        return ((self.n > 0) - (self.n < 0))"),
    ),
)
class CmpBuiltin(RuleTransformer):
    """Every call of cmp that no scope around it binds (libcst's scopes: a function's parameter binds the name for
    that function's body, a method named cmp does not bind it in its class's other methods)."""

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def leave_Call(self, original, updated):
        args = updated.args
        if not m.matches(updated.func, m.Name("cmp")) or len(args) != 2 \
                or any(a.keyword is not None or a.star for a in args) \
                or "cmp" in self.get_metadata(ScopeProvider, original.func):
            return updated
        a, b = (_operand(arg.value) for arg in args)
        greater = cst.Comparison(a, [cst.ComparisonTarget(cst.GreaterThan(), b)], lpar=_PAR[0], rpar=_PAR[1])
        less = cst.Comparison(a, [cst.ComparisonTarget(cst.LessThan(), b)], lpar=_PAR[0], rpar=_PAR[1])
        return cst.BinaryOperation(greater, cst.Subtract(), less, lpar=_PAR[0], rpar=_PAR[1])


_PAR = ([cst.LeftParen()], [cst.RightParen()])
_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.Integer, cst.Float, cst.SimpleString,
          cst.BinaryOperation, cst.UnaryOperation)  # all bind tighter than a comparison


def _operand(node: cst.BaseExpression) -> cst.BaseExpression:
    return node if isinstance(node, _ATOMS) or node.lpar else node.with_changes(lpar=_PAR[0], rpar=_PAR[1])


# --------------------------------------------------------------------------- s.translate(None, chars)

_MAKETRANS = m.Call(func=m.Attribute(value=m.Name("str") | m.Name("string"), attr=m.Name("maketrans")))


@rule(
    "python2-str-translate-delete",
    library="python",
    changed_in="Python 3.0",
    rationale="Python 2's str.translate(table, deletechars) deleted deletechars (table None: nothing else "
    "changed); a Python 3 str takes one table, and str.maketrans(..., deletechars) builds the one that does both.",
    kind="error",
    signatures=(("TypeError", r"translate\(\) takes exactly one argument \(2 given\)"),),
    error_examples=(
        ("TypeError: str.translate() takes exactly one argument (2 given)", 2,
         "import string\ndf['text'] = df.text.apply(lambda s: s.lower().translate(None, string.punctuation))",
         "import string\ndf['text'] = df.text.apply(lambda s: s.lower().translate(str.maketrans('', '', "
         "string.punctuation)))"),
        ("TypeError: str.translate() takes exactly one argument (2 given)", 1,
         "t = s.translate(str.maketrans('ab', 'xy'), '0123456789')\nu = s.translate(table, '!')",
         "t = s.translate(str.maketrans('ab', 'xy', '0123456789'))\nu = s.translate(table, '!')"),
    ),
)
class TranslateDelete(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        args = updated.args
        if not m.matches(updated.func, m.Attribute(attr=m.Name("translate"))) or len(positional(updated)) != 2 \
                or len(args) != 2 or self.off_error_line(original):
            return updated
        table, deleted = args[0].value, code_of(args[1].value)
        if m.matches(table, m.Name("None")):
            built = f"str.maketrans('', '', {deleted})"
        elif m.matches(table, _MAKETRANS) and len(table.args) == 2 and not any(a.keyword for a in table.args):
            built = f"str.maketrans({code_of(table.args[0].value)}, {code_of(table.args[1].value)}, {deleted})"
        else:
            return updated  # a table of the notebook's own: a str of 256 characters still works as one
        return updated.with_changes(args=[cst.Arg(cst.parse_expression(built))])


# --------------------------------------------------------------------------- types.StringType and the others

# Python 2's names in the types module for the builtin types; text is str in Python 3 (see the module's text)
_TYPES = {"StringType": "str", "UnicodeType": "str", "StringTypes": "(str,)", "BooleanType": "bool",
          "IntType": "int", "LongType": "int", "FloatType": "float", "ComplexType": "complex", "ListType": "list",
          "TupleType": "tuple", "DictType": "dict", "DictionaryType": "dict", "ObjectType": "object",
          "TypeType": "type", "ClassType": "type", "SliceType": "slice", "XRangeType": "range",
          "BufferType": "memoryview"}


@rule(
    "python2-types-constants",
    library="python",
    changed_in="Python 3.0",
    rationale="the types module's aliases of the builtins (StringType, IntType, ListType, ...) were removed; they "
    "are the builtins themselves, and StringType/UnicodeType are str: notebooks asked it of text read from files.",
    needles=("types.",),
    pattern=r"\btypes\.(" + "|".join(_TYPES) + r")\b",
    signatures=(("AttributeError", r"module 'types' has no attribute '(" + "|".join(_TYPES) + r")'"),),
    examples=(
        ("import types\nif type(v) == types.StringType or isinstance(v, types.UnicodeType):\n"
         "    n = [types.IntType(v)]",
         "import types\nif type(v) == str or isinstance(v, str):\n    n = [int(v)]"),
        ("import types\nok = isinstance(v, types.StringTypes) and t is types.NoneType",
         "import types\nok = isinstance(v, (str,)) and t is types.NoneType"),
        ("types = {'a': 1}\nx = types.StringType", "types = {'a': 1}\nx = types.StringType"),
    ),
)
class TypesConstants(RuleTransformer):
    def leave_Attribute(self, original, updated):
        name = updated.attr.value
        if name not in _TYPES or dotted(updated.value) not in self.ctx.module_names("types"):
            return updated
        return cst.parse_expression(_TYPES[name])
