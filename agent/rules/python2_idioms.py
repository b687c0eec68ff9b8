"""Python 2 idioms that fissix's conversion (python2.py) leaves as they are, written the Python 3 way.

``string.join(words, sep)`` is ``sep.join(words)``, ``sorted(xs, cmp=f)`` is ``sorted(xs,
key=functools.cmp_to_key(f))``, ``reload(sys); sys.setdefaultencoding('utf8')`` has nothing left to do, and
a str's ``.decode()`` was the bytes-to-text step a Python 3 str no longer needs.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    code_of,
    dotted,
    keep_statements,
    kwarg,
    pass_if_empty,
    positional,
    rule,
)
from .python3_rules import Importing

# --------------------------------------------------------------------------- Python 2's string module functions

# string.<function>(s, *rest) -> s.<method>(*rest)
_STRING_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "split", "rsplit", "replace", "find", "rfind", "index",
                   "rindex", "count", "capitalize", "swapcase", "title", "zfill", "ljust", "rjust", "center",
                   "expandtabs", "splitlines", "startswith", "endswith"}
_STRING_NUMBERS = {"atoi": "int", "atof": "float", "atol": "int"}


@rule(
    "python2-string-functions",
    library="python",
    changed_in="Python 3.0",
    rationale="the string module's functions (string.join, string.split, string.lower, string.atoi, ...) were "
    "removed: they are the str methods (sep.join(words), s.split(), s.lower()) and int()/float().",
    needles=("string.",),
    prefilter=re.compile(r"\bstring\.(join|joinfields|splitfields|atoi|atof|atol|" + "|".join(sorted(_STRING_METHODS)) + r")\(").search,
    signatures=(("AttributeError", r"module 'string' has no attribute '\w+'"),),
    examples=(
        ("import string\ns = string.join(words, ' ')\nt = string.join(words)", "import string\ns = ' '.join(words)\nt = ' '.join(words)"),
        ("import string\nw = string.split(string.lower(text), ',')\nn = string.atoi(x)",
         "import string\nw = text.lower().split(',')\nn = int(x)"),
        ("import string\nr = string.replace(s, 'a', 'b')\nok = string.punctuation", "import string\nr = s.replace('a', 'b')\nok = string.punctuation"),
        ("string = 'abc'\nx = string.split(',')", "string = 'abc'\nx = string.split(',')"),
    ),
)
class StringFunctions(RuleTransformer):
    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute) or dotted(func.value) not in self.ctx.module_names("string"):
            return updated
        name = func.attr.value
        pos = positional(updated)
        if not pos or len(pos) != len(updated.args):
            return updated
        if name in ("join", "joinfields") and len(pos) <= 2:
            sep = pos[1].value if len(pos) == 2 else cst.SimpleString("' '")
            if not isinstance(sep, (cst.SimpleString, cst.Name, cst.Attribute)):
                sep = cst.parse_expression(f"({code_of(sep)})")
            return cst.Call(cst.Attribute(sep, cst.Name("join")), [cst.Arg(pos[0].value)])
        if name in _STRING_NUMBERS and len(pos) <= 2:
            return cst.Call(cst.Name(_STRING_NUMBERS[name]), [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(pos) - 1 else a
                                                               for i, a in enumerate(pos)])
        method = "split" if name == "splitfields" else name
        if method not in _STRING_METHODS:
            return updated
        receiver = pos[0].value
        if not isinstance(receiver, (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.SimpleString)):
            receiver = cst.parse_expression(f"({code_of(receiver)})")
        rest = [a for a in updated.args[1:]]
        if rest:
            rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return cst.Call(cst.Attribute(receiver, cst.Name(method)), rest)


# --------------------------------------------------------------------------- Python 2 idioms fissix leaves


def _sort_call(call: cst.Call) -> bool:
    return (isinstance(call.func, cst.Name) and call.func.value == "sorted") or \
        m.matches(call.func, m.Attribute(attr=m.Name("sort")))


@rule(
    "python2-idioms",
    library="python",
    changed_in="Python 3.0",
    rationale="Python 2 idioms with no Python 3 counterpart of the same name: sorted/sort(cmp=f) is "
    "key=functools.cmp_to_key(f) (the second positional argument of sorted and the first of list.sort were cmp), "
    "and the reload(sys); sys.setdefaultencoding(...) pair goes (Python 3's str is already text).",
    needles=("cmp", "setdefaultencoding", "sort("),
    prefilter=re.compile(r"\bcmp\s*=|setdefaultencoding|sorted\([^()]*(\([^()]*\)[^()]*)*,\s*(lambda|\w+\s*[,)])|"
                         r"\.sort\(\s*(lambda|\w+\s*\))").search,
    signatures=(("TypeError", r"'cmp' is an invalid keyword argument|sorted expected 1 argument, got|"
                 r"sort\(\) takes no positional arguments"),
                ("AttributeError", r"module 'sys' has no attribute 'setdefaultencoding'")),
    examples=(
        ("words = sorted(words, cmp=by_length)", "import functools\nwords = sorted(words, key=functools.cmp_to_key(by_length))"),
        ("import functools\npairs.sort(lambda a, b: a[1] - b[1])", "import functools\npairs.sort(key=functools.cmp_to_key(lambda a, b: a[1] - b[1]))"),
        ("import sys\nreload(sys)\nsys.setdefaultencoding('utf8')\nx = 1", "import sys\nx = 1"),
        ("if True:\n    sys.setdefaultencoding('utf-8')", "if True:\n    pass"),
        ("s = sorted(d.items(), key=lambda kv: kv[1], reverse=True)", "s = sorted(d.items(), key=lambda kv: kv[1], reverse=True)"),
        ("df.sort('Age')\nx = sorted(a, f)", "df.sort('Age')\nx = sorted(a, f)"),
    ),
)
class Python2Idioms(Importing):
    def leave_Call(self, original, updated):
        if not _sort_call(updated) or any(a.star for a in updated.args):
            return updated
        pos = positional(updated)
        first_cmp = 1 if isinstance(updated.func, cst.Name) else 0  # sorted(iterable, cmp, key, reverse)
        cmp = kwarg(updated, "cmp")
        if cmp is None and len(pos) > first_cmp and self._comparison(pos[first_cmp].value):
            cmp = pos[first_cmp]  # df.sort('col') is pandas' old sort, not a comparison
        if cmp is None:
            return updated
        names = ("cmp", "key", "reverse")
        extra = pos[first_cmp + 1:]
        if kwarg(updated, "key") is not None or any(a.keyword is None and names[i + 1] == "key" for i, a in enumerate(extra)):
            return updated  # cmp compared the keys: a composition the rule does not write
        keyed = cst.Call(cst.parse_expression(f"{self.need('functools')}.cmp_to_key"), [cst.Arg(cmp.value)])
        args = []
        for a in updated.args:
            if a is cmp:
                a = a.with_changes(keyword=cst.Name("key"), value=keyed,
                                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
            elif a in extra:
                a = a.with_changes(keyword=cst.Name(names[1 + extra.index(a)]),
                                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
            args.append(a)
        return updated.with_changes(args=args)

    def _comparison(self, node: cst.BaseExpression) -> bool:
        """A function of two arguments: a lambda a, b: ... or a def f(a, b) of the notebook."""
        if isinstance(node, cst.Lambda):
            return len(node.params.params) == 2
        return isinstance(node, cst.Name) and re.search(
            rf"\bdef\s+{node.value}\s*\(\s*\w+\s*,\s*\w+\s*\)", self.ctx.text) is not None

    def leave_SimpleStatementLine(self, original, updated):
        return keep_statements(updated, [s for s in updated.body if not _encoding_idiom(s)])

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


def _encoding_idiom(stmt: cst.BaseSmallStatement) -> bool:
    """``sys.setdefaultencoding(...)`` or ``reload(sys)`` as a statement."""
    if not isinstance(stmt, cst.Expr) or not isinstance(stmt.value, cst.Call):
        return False
    call = stmt.value
    if m.matches(call.func, m.Attribute(value=m.Name("sys"), attr=m.Name("setdefaultencoding"))):
        return True
    return (m.matches(call.func, m.Name("reload")) or m.matches(call.func, m.Attribute(attr=m.Name("reload")))) \
        and len(call.args) == 1 and m.matches(call.args[0].value, m.Name("sys"))


@rule(
    "python2-str-decode",
    library="python",
    changed_in="Python 3.0",
    rationale="a Python 2 str was bytes and .decode() made it text; a Python 3 str is text already and has no "
    "decode, so the failing line's .decode(...) goes.",
    kind="error",
    signatures=(("AttributeError", r"'str' object has no attribute 'decode'"),),
    examples=(("text = df['text'].apply(lambda s: s.decode('utf-8').lower())",
               "text = df['text'].apply(lambda s: s.lower())"),),
)
class StrDecode(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("decode"))) or self.off_error_line(original) \
                and not self._spans(original):
            return updated
        return updated.func.value

    def _spans(self, node):
        pos = self.get_metadata(PositionProvider, node)
        return pos.start.line <= self.ctx.error_line <= pos.end.line
