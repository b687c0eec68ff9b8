"""Python 3.x: standard-library names removed between 3.0 and 3.11, and random.sample's population.

Each rewrite is what the removed name did, written with what Python 3.11 has: ``elem.getchildren()`` is
``list(elem)``, ``HTMLParser().unescape(s)`` is ``html.unescape(s)``, ``cgi.escape(s)`` is
``html.escape(s, quote=False)``, ``string.join(words, sep)`` is ``sep.join(words)``. The module a
rewrite needs is imported at the top of the cell when the cell does not bind it.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    Context,
    RuleTransformer,
    callee_name,
    dotted,
    keep_statements,
    kwarg,
    one_statement_per_line,
    pass_if_empty,
    positional,
    remove_kwarg,
    rule,
    split_import_from,
)
from .masking import PLACEHOLDER


def _binds(name: str, ctx: Context) -> bool:
    """Whether the notebook uses ``name`` for something else than the module (``html = page.text``)."""
    return re.search(rf"(?m)(^|[^.\w]){name}\s*(=[^=]|,[^=\n]*=)|\bfor\s+{name}\b|\bdef\s+\w+\([^)]*\b{name}\b",
                     ctx.text) is not None


def with_import(module: cst.Module, statement: str) -> cst.Module:
    """``module`` with ``statement`` (``import html``) before its first statement, after a docstring,
    ``__future__`` imports and leading IPython lines (a cell magic must stay first); unless already there."""
    if any(line.strip() == statement for line in module.code.splitlines()):
        return module
    body = list(module.body)
    at = 0
    while at < len(body):
        stmt = body[at]
        first = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and stmt.body else None
        if (m.matches(first, m.Expr(m.Call(func=m.Name(PLACEHOLDER))))
                or m.matches(first, m.ImportFrom(module=m.Name("__future__")))
                or (at == 0 and m.matches(first, m.Expr(m.SimpleString())))):
            at += 1
            continue
        break
    body.insert(at, cst.parse_statement(statement + "\n"))
    return module.with_changes(body=body)


class Importing(RuleTransformer):
    """A transformer whose rewrites may need modules or names imported: ``self.need(module)`` and
    ``self.need_name(module, name)`` return the local name to use, and the import is added at the top of the
    cell when the notebook does not bind it already."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.imports: list[str] = []

    def need(self, module: str) -> str:
        bound = self.ctx.name_to_write(module)
        if bound:
            return bound
        local = module if not _binds(module, self.ctx) else f"{module}_module"
        statement = f"import {module}" if local == module else f"import {module} as {local}"
        if statement not in self.imports:
            self.imports.append(statement)
        return local

    def need_name(self, module: str, name: str) -> str:
        if self.ctx.imported.get(name) != f"{module}.{name}":
            statement = f"from {module} import {name}"
            if statement not in self.imports:
                self.imports.append(statement)
        return name

    def leave_Module(self, original, updated):
        for statement in reversed(self.imports):
            updated = with_import(updated, statement)
        return updated


# --------------------------------------------------------------------------- random.sample


_SEQUENCE_MAKERS = {"list", "sorted", "tuple", "range", "str", "bytes"}
_SET_OPERATORS = (cst.BitOr, cst.BitAnd, cst.Subtract, cst.BitXor)


def _is_set(node: cst.BaseExpression, ctx: Context) -> bool:
    if isinstance(node, (cst.Set, cst.SetComp)):
        return True
    if isinstance(node, cst.Call):
        return callee_name(node) in ("set", "frozenset", "union", "intersection", "difference", "symmetric_difference")
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _SET_OPERATORS):
        return _is_set(node.left, ctx) or _is_set(node.right, ctx)
    if isinstance(node, cst.Name):
        return re.search(rf"\b{node.value}\s*=\s*(frozenset\(|set\(|\{{[^:{{}}]*\}}\s*$)", ctx.text, re.MULTILINE) is not None
    return False


@rule(
    "python-random-sample-population",
    library="python",
    changed_in="Python 3.11 (sets deprecated in 3.9; a pandas Index, a Series or dict keys were never sequences)",
    rationale="random.sample takes only a sequence: a set becomes sorted(set) (Python's own advice: a reproducible "
    "order), anything else (an Index, a Series, dict keys, an array) list(...), the order it iterates in.",
    kind="error",
    signatures=(("TypeError", r"Population must be a sequence"),),
    examples=(
        ("import random\nrows = random.sample(train_data.index, 20)", "import random\nrows = random.sample(list(train_data.index), 20)"),
        ("import random\npick = random.sample(set(words) - stop, k=5)", "import random\npick = random.sample(sorted(set(words) - stop), k=5)"),
        ("from random import sample\nids = sample(d.keys(), 3)", "from random import sample\nids = sample(list(d.keys()), 3)"),
        ("import random\nx = random.sample(range(10), 3)\ny = df.sample(3)", "import random\nx = random.sample(range(10), 3)\ny = df.sample(3)"),
    ),
)
class RandomSamplePopulation(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _is_random_sample(self, call: cst.Call) -> bool:
        func = call.func
        if isinstance(func, cst.Name):
            return self.ctx.imported.get(func.value) == "random.sample"
        if not m.matches(func, m.Attribute(attr=m.Name("sample"))):
            return False
        owner = dotted(func.value) or ""
        return owner in self.ctx.module_names("random") or owner == "random" or (
            bool(owner) and re.search(rf"\b{re.escape(owner)}\s*=\s*(random\.)?(Random|SystemRandom)\(", self.ctx.text) is not None)

    def leave_Call(self, original, updated):
        if not self._is_random_sample(updated) or self.off_error_line(original):
            return updated
        pos = positional(updated)
        population = pos[0] if pos else kwarg(updated, "population")
        if population is None:
            return updated
        value = population.value
        if isinstance(value, (cst.List, cst.Tuple, cst.SimpleString, cst.ListComp)) or (
                isinstance(value, cst.Call) and callee_name(value) in _SEQUENCE_MAKERS and isinstance(value.func, cst.Name)):
            return updated
        wrapper = "sorted" if _is_set(value, self.ctx) else "list"
        new = cst.Call(cst.Name(wrapper), [cst.Arg(value)])
        return updated.with_changes(args=[a.with_changes(value=new) if a is population else a for a in updated.args])


_ITERATORS = {"map", "filter", "zip"}
_VIEWS = {"dict_keys": "keys", "dict_values": "values", "dict_items": "items"}


@rule(
    "python-iterator-subscript",
    library="python",
    changed_in="Python 3.0",
    rationale="map, filter and zip return iterators and dict.keys/values/items return views, which cannot be "
    "indexed; list(...) around the indexed call gives the list Python 2 returned.",
    kind="error",
    signatures=(("TypeError", r"'(map|filter|zip|dict_keys|dict_values|dict_items)' object is not subscriptable"),),
    examples=(
        ("first = map(str, ids)[0]", "first = list(map(str, ids))[0]"),
        ("names = zip(*pairs)[0]\nk = scores.keys()[0]", "names = list(zip(*pairs))[0]\nk = list(scores.keys())[0]"),
        ("top = sorted(d.items())[:3]", "top = sorted(d.items())[:3]"),
    ),
)
class IteratorSubscript(RuleTransformer):
    """On an error, only the kind its message names (a map, a dict's keys), on the failing line."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        named = self.own_error_type
        kinds = {named} if named else _ITERATORS | set(_VIEWS)
        self.builtins = (kinds & _ITERATORS) - set(ctx.imported)
        self.methods = {_VIEWS[k] for k in kinds if k in _VIEWS}

    def leave_Subscript(self, original, updated):
        value = updated.value
        if not isinstance(value, cst.Call) or self.off_error_line(original):
            return updated
        func = value.func
        hit = isinstance(func, cst.Name) and func.value in self.builtins or isinstance(func, cst.Attribute) \
            and func.attr.value in self.methods and not value.args
        if not hit:
            return updated
        return updated.with_changes(value=cst.Call(cst.Name("list"), [cst.Arg(value)]))


# --------------------------------------------------------------------------- removed standard-library names


def _owner_made_by(owner: cst.BaseExpression, constructor: str, ctx: Context) -> bool:
    if isinstance(owner, cst.Call):
        return callee_name(owner) == constructor
    name = dotted(owner)
    return bool(name) and re.search(rf"\b{re.escape(name)}\s*=\s*[\w.]*\b{constructor}\(", ctx.text) is not None


# Python 2's urllib functions, by the Python 3 submodule that holds them.
_URLLIB = {**dict.fromkeys(("urlopen", "urlretrieve", "urlcleanup", "pathname2url", "url2pathname", "getproxies"),
                           "request"),
           **dict.fromkeys(("urlencode", "quote", "quote_plus", "unquote", "unquote_plus"), "parse")}


@rule(
    "python-stdlib-removals",
    library="python",
    changed_in="Python 3.0-3.9",
    rationale="standard-library names removed in Python 3: Element.getchildren() is list(element), getiterator() iter(), "
    "HTMLParser().unescape(s) is html.unescape(s), cgi.escape(s) is html.escape(s, quote=False), json.loads' "
    "ignored encoding= goes, string.maketrans is str.maketrans, os.errno is errno, fractions.gcd is math.gcd and "
    "Python 2's urllib.urlopen/urlencode/quote live in urllib.request and urllib.parse; a call of "
    "sys.setcheckinterval goes (it has had no effect since Python 3.2's new GIL, and 3.9 removed it).",
    needles=("getchildren", "getiterator", "unescape", "cgi", "encoding", "maketrans", "errno", "gcd", "urllib.",
             "setcheckinterval"),
    prefilter=re.compile(r"getchildren\(|getiterator\(|unescape\(|\bcgi\b|\bloads?\([^\n]*encoding\s*=|maketrans|os\.errno|\bgcd\b|"
                         r"urllib\.(url|quote|unquote|pathname|getproxies)|setcheckinterval").search,
    signatures=(
        ("AttributeError", r"has no attribute '(getchildren|getiterator|unescape|escape|maketrans|errno|gcd|urlopen|urlretrieve|urlencode|"
         r"quote|quote_plus|unquote|unquote_plus|setcheckinterval)'"),
        ("TypeError", r"unexpected keyword argument 'encoding'"),
        ("ImportError", r"cannot import name 'gcd'"),
    ),
    examples=(
        ("kids = root.getchildren()\nn = len(node.find('a').getchildren())", "kids = list(root)\nn = len(list(node.find('a')))"),
        ("for el in tree.getiterator('item'):\n    pass", "for el in tree.iter('item'):\n    pass"),
        ("from html.parser import HTMLParser\nh = HTMLParser()\ntext = h.unescape(raw)",
         "import html\nfrom html.parser import HTMLParser\nh = HTMLParser()\ntext = html.unescape(raw)"),
        ("%matplotlib inline\nimport cgi\nsafe = cgi.escape(s)\nq = cgi.escape(s, True)",
         "%matplotlib inline\nimport html\nimport cgi\nsafe = html.escape(s, quote=False)\nq = html.escape(s, True)"),
        ("import json\nd = json.loads(raw, encoding='utf-8')", "import json\nd = json.loads(raw)"),
        ("import string\nt = string.maketrans('ab', 'xy')", "import string\nt = str.maketrans('ab', 'xy')"),
        ("import os\nif e.errno != os.errno.EEXIST:\n    raise", "import errno\nimport os\nif e.errno != errno.EEXIST:\n    raise"),
        ("from fractions import gcd\nimport fractions\ng = fractions.gcd(a, b)",
         "import math\nfrom math import gcd\nimport fractions\ng = math.gcd(a, b)"),
        ("import urllib\nq = urllib.urlencode({'a': 1})\nurllib.urlretrieve(url, 'f.csv')",
         "import urllib.parse\nimport urllib.request\nimport urllib\nq = urllib.parse.urlencode({'a': 1})\n"
         "urllib.request.urlretrieve(url, 'f.csv')"),
        ("html = page.text\nh = HTMLParser.HTMLParser()\nt = h.unescape(html)",
         "import html as html_module\nhtml = page.text\nh = HTMLParser.HTMLParser()\nt = html_module.unescape(html)"),
        ("import sys\nsys.setcheckinterval(1000); n = 1\nif fast:\n    sys.setcheckinterval(10 ** 6)",
         "import sys\nn = 1\nif fast:\n    pass"),
    ),
)
class StdlibRemovals(Importing):
    def _module(self, node: cst.BaseExpression, module: str) -> bool:
        name = dotted(node)
        return bool(name) and (name in self.ctx.module_names(module) or (name == module and module in self.ctx.aliases))

    def leave_Call(self, original, updated):
        func = updated.func
        name = callee_name(updated)
        if name == "getchildren" and isinstance(func, cst.Attribute) and not updated.args:
            return cst.Call(cst.Name("list"), [cst.Arg(func.value)])
        if name == "getiterator" and isinstance(func, cst.Attribute):
            return updated.with_changes(func=func.with_changes(attr=cst.Name("iter")))
        if name == "unescape" and isinstance(func, cst.Attribute) and _owner_made_by(func.value, "HTMLParser", self.ctx):
            return updated.with_changes(func=cst.Attribute(cst.Name(self.need("html")), cst.Name("unescape")))
        if name == "escape" and isinstance(func, cst.Attribute) and self._module(func.value, "cgi"):
            call = updated.with_changes(func=cst.Attribute(cst.Name(self.need("html")), cst.Name("escape")))
            if len(updated.args) == 1 and kwarg(updated, "quote") is None:
                call = call.with_changes(args=[*call.args, cst.Arg(cst.Name("False"), keyword=cst.Name("quote"),
                                                                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))])
                call = call.with_changes(args=[call.args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), call.args[1]])
            return call
        if name in ("loads", "load") and kwarg(updated, "encoding") is not None and (
                (isinstance(func, cst.Attribute) and self._module(func.value, "json"))
                or (isinstance(func, cst.Name) and self.ctx.imported.get(name) == f"json.{name}")):
            return remove_kwarg(updated, "encoding")
        if name == "maketrans" and isinstance(func, cst.Attribute) and self._module(func.value, "string"):
            return updated.with_changes(func=cst.Attribute(cst.Name("str"), cst.Name("maketrans")))
        if name == "gcd" and isinstance(func, cst.Attribute) and self._module(func.value, "fractions"):
            return updated.with_changes(func=cst.Attribute(cst.Name(self.need("math")), cst.Name("gcd")))
        return updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "errno" and self._module(updated.value, "os"):
            return cst.Name(self.need("errno"))
        moved = _URLLIB.get(updated.attr.value)
        if moved and isinstance(updated.value, cst.Name) and updated.value.value == "urllib" \
                and self.ctx.imported.get("urllib") == "urllib":
            if f"import urllib.{moved}" not in self.imports:
                self.imports.append(f"import urllib.{moved}")
            return cst.Attribute(cst.Attribute(updated.value, cst.Name(moved)), updated.attr)
        return updated

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module is not None else None
        if updated.relative or isinstance(updated.names, cst.ImportStar):
            return updated
        if module == "fractions" and any(a.evaluated_name == "gcd" for a in updated.names):
            kept = [a for a in updated.names if a.evaluated_name != "gcd"]
            gcd = next(a for a in updated.names if a.evaluated_name == "gcd")
            return split_import_from(updated, kept, [("math", "gcd", gcd.evaluated_alias or "gcd")])
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        kept = [s for s in updated.body if not (isinstance(s, cst.Expr) and isinstance(s.value, cst.Call)
                                                and dotted(s.value.func) == "sys.setcheckinterval")]
        if len(kept) != len(updated.body):
            return keep_statements(updated, kept)
        return one_statement_per_line(original, updated)

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)
