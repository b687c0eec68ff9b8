"""Python 2 cells to Python 3 with fissix (a maintained lib2to3 fork), before any other rule.

A cell that does not parse as Python 3 is converted with the print statement
grammar; in a notebook known to be Python 2, cells that parse but use Python 2
idioms (``iteritems``, ``xrange``, ``map(...)[0]``) are converted with print as a
function, which keeps the conversion idempotent (a converted cell is left as is).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import libcst as cst
from fissix import pygram, pytree, refactor
from fissix.pgen2 import driver, token
from fissix.pgen2.parse import ParseError
from fissix.pgen2.tokenize import TokenError
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, notebook_rule, rule, statement_span

# Errors that, in a notebook not marked Python 2, still mean "this cell is Python 2: convert it": its builtins
# and its dict methods. (Indexing map(...) or d.keys() is python-iterator-subscript's: fissix wraps
# map(f, x)[0] whole, as list(map(f, x)[0]).)
PY2_ERRORS = (
    ("NameError", r"name '(xrange|raw_input|unicode|reduce|basestring|long|unichr|execfile|cmp|izip|imap|file|"
                  r"apply|intern)' is not defined"),
    ("AttributeError", r"'dict' object has no attribute '(has_key|iteritems|iterkeys|itervalues)'|"
                       r"module 'itertools' has no attribute 'i(zip|map|filter|filterfalse|zip_longest)'|"
                       r"module 'operator' has no attribute '(isCallable|i?repeat|is(Sequence|Mapping|Number)Type)'"),
    # range(3) + [4]: Python 2's range was a list
    ("TypeError", r"unsupported operand type\(s\) for \+: '(range|list)' and '(range|list)'"),
)
# Python 2 that libcst parses (it reads `except E, e:` as a tuple of exceptions) and Python 3 does not compile
LIBCST_READS = re.compile(r"^\s*except\s[^:\n]*,\s*\w+\s*:", re.MULTILINE)

# Fixers that change what runs; the cosmetic ones (ws_comma, idioms, set_literal) and
# fix_import (which rewrites imports by looking at files on disk) are left out, and fix_types, whose
# StringType is bytes (python2_builtins.py reads it as text).
_FIXERS = [
    f"fissix.fixes.fix_{name}"
    for name in (
        "apply basestring dict except exec execfile filter funcattrs getcwdu has_key imports imports2 "
        "intern itertools itertools_imports long map methodattrs ne next nonzero numliterals raise "
        "raw_input reduce renames repr standarderror sys_exc throw tuple_params unicode urllib "
        "xrange xreadlines zip print metaclass operator isinstance"
    ).split()
]

# range is here too: Python 2's gave a list, and the rules' own Python 3 output (a zip in a comprehension)
# would otherwise make a cell "Python 2" on a second pass after the first left its range(...) as written.
# (Not .items() and the other views: fissix's own for-loop output, list(d.items()), would match again.)
_PY2_IDIOMS = re.compile(
    r"\.iter(items|keys|values)\(|\bxrange\(|\brange\(|\.keys\(\)\[|\.values\(\)\[|\.items\(\)\[|\.has_key\(|"
    r"\braw_input\b|\bunicode\(|\bbasestring\b|\bi(zip|map|filter)\b|\bcPickle\b|\burllib2\b|\bStringIO\b|"
    r"\bmap\(|\bfilter\(|\bzip\(|\blong\(|\bexecfile\(|\breduce\(|\.next\(\)|\bur?'|\bu\"|"
    r"(?<![.\w])(apply|intern)\(|\boperator\.(isCallable|i?repeat|is(Sequence|Mapping|Number)Type)\b"
)

_tools: dict[bool, refactor.RefactoringTool] = {}


def _tool(print_statement: bool) -> refactor.RefactoringTool:
    if print_statement not in _tools:
        other = _tools.get(not print_statement)
        _tools[print_statement] = _regrammared(other, print_statement) if other is not None else \
            refactor.RefactoringTool(_FIXERS, {"print_function": not print_statement})
    return _tools[print_statement]


def _regrammared(tool: refactor.RefactoringTool, print_statement: bool) -> refactor.RefactoringTool:
    """``tool`` reading the other grammar (with or without the print statement): what RefactoringTool
    would build for that option, sharing the fixers, whose patterns take most of the time to build
    (fissix's fixers never read the option; each tree resets their state, as when one tool converts
    many cells)."""
    other = copy.copy(tool)
    other.options = {**tool.options, "print_function": not print_statement}
    other.grammar = pygram.python_grammar.copy()
    if not print_statement:
        del other.grammar.keywords["print"]
    other.driver = driver.Driver(other.grammar, convert=pytree.convert, logger=other.logger)
    return other


def wants(code: str) -> bool:
    return bool(_PY2_IDIOMS.search(code))


@lru_cache(maxsize=1024)
def convert(code: str, print_statement: bool) -> str | None:
    """The Python 3 form of ``code``, or None when fissix cannot read it either."""
    text = code if code.endswith("\n") else code + "\n"
    try:
        tree = _tool(print_statement).refactor_string(text, "<cell>")
    except (ParseError, TokenError, IndentationError, SyntaxError, ValueError, AssertionError):
        return None
    _bare_raw_input(tree)
    out = str(tree)
    return out if code.endswith("\n") else out[:-1]


def _bare_raw_input(tree: pytree.Node) -> None:
    """``raw_input`` not called (``ask = raw_input``): fissix renames only the calls. Left alone where the
    cell defines, imports or assigns the name itself, or it is an attribute or a keyword."""
    uses = [leaf for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value == "raw_input"]
    if any(_binds(leaf) for leaf in uses):
        return  # the cell's own raw_input
    for leaf in uses:
        before, after = leaf.prev_sibling, leaf.next_sibling
        attribute = before is not None and before.type == token.DOT  # menu.raw_input
        keyword = after is not None and after.type == token.EQUAL  # f(raw_input=...)
        if not (attribute or keyword):
            leaf.value = "input"


def _binds(leaf: pytree.Leaf) -> bool:
    """Whether this ``raw_input`` is one the cell binds: def, class, import, or an assignment's target."""
    before, after = leaf.prev_sibling, leaf.next_sibling
    return (before is not None and before.value in ("def", "class", "import", "as")
            or leaf.parent.type == pygram.python_symbols.import_as_names
            or after is not None and after.type == token.EQUAL and leaf.parent.type != pygram.python_symbols.argument)


@rule(
    "python2-to-3",
    library="python",
    changed_in="Python 3.0",
    rationale="the cell is Python 2 (print statement, iteritems, xrange, ...); converted to Python 3 with fissix.",
    needles=("\0",),  # never run per rule: the engine calls convert() before the other rules
    examples=(("print 'hi'\nfor i in xrange(3): pass", "print('hi')\nfor i in range(3): pass"),),
)
def _python2_marker(module, ctx):  # the engine runs convert() itself, before any other rule
    return module


# A float where Python and numpy want an int: what a Python 2 integer division gives today.
_FLOAT_AS_INT = (
    (
        "TypeError",
        r"slice indices must be integers|cannot be interpreted as an integer|"
        r"indices must be integers or slices, not float|'float' object is not iterable|"
        r"can't multiply sequence by non-int of type 'float'|Cannot index by location index with a non-integer key|"
        r"positional indexing on \w+ with these indexers \[[\d.]+\] of type float|"
        r"expected a sequence of integers or a single integer, got '\d+\.\d+'",
    ),
    ("IndexError", r"only integers, slices .* are valid indices"),
    ("ValueError", r"must be a positive integer, not \d+\.\d+"),  # plt.subplot(n / 2, 2, i)
    # TensorFlow 1's shape dimensions under Python 3: x.get_shape()[1] / 2 was floor division in Python 2
    ("TypeError", r"unsupported operand type\(s\) for /: 'Dimension' and 'int', please use // instead"),
)


@rule(
    "python2-int-division",
    library="python",
    changed_in="Python 3.0",
    rationale="in Python 2, / between integers was floor division; the failing line used its result as an "
    "index or a count, so it becomes //.",
    kind="error",
    signatures=_FLOAT_AS_INT,
    examples=(("half = len(x) / 2\nprint(x[:half])", "half = len(x) / 2\nprint(x[:half])"),),
)
class IntDivision(RuleTransformer):
    """On the failing line, or in the assignments of the names that line reads."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx):
        super().__init__(ctx)
        self.names_on_line: set[str] = set()
        self.in_target: list[bool] = []

    def visit_Module(self, node):
        outer = self

        class Names(cst.CSTVisitor):
            def visit_Name(self, name):
                position = outer.get_metadata(PositionProvider, name, None)
                if position is not None and outer._at_error_line(name):
                    outer.names_on_line.add(name.value)

        if self.ctx.error_line is not None:
            node.visit(Names())

    def visit_Assign(self, node):
        targets = {t.target.value for t in node.targets if isinstance(t.target, cst.Name)}
        self.in_target.append(bool(targets & self.names_on_line))

    def leave_Assign(self, original, updated):
        self.in_target.pop()
        return updated

    def leave_BinaryOperation(self, original, updated):
        if self.ctx.error_line is None or not isinstance(updated.operator, cst.Divide):
            return updated
        on_line = self._at_error_line(original)
        if not (on_line or (self.in_target and self.in_target[-1])):
            return updated
        op = updated.operator
        return updated.with_changes(
            operator=cst.FloorDivide(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
        )


def _floor_assignments(source: str, names: set[str]) -> str | None:
    """``source`` with ``/`` made ``//`` in the assignments of ``names``; None when it has none."""
    from .masking import mask

    masked = mask(source)
    if masked.foreign:
        return None
    try:
        module = cst.parse_module(masked.code)
    except cst.ParserSyntaxError:
        return None

    class Floor(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.inside: list[bool] = []

        def visit_Assign(self, node):
            self.inside.append(any(isinstance(t.target, cst.Name) and t.target.value in names for t in node.targets))

        def leave_Assign(self, original, updated):
            self.inside.pop()
            return updated

        def leave_BinaryOperation(self, original, updated):
            if not (self.inside and self.inside[-1]) or not isinstance(updated.operator, cst.Divide):
                return updated
            op = updated.operator
            return updated.with_changes(operator=cst.FloorDivide(whitespace_before=op.whitespace_before,
                                                                 whitespace_after=op.whitespace_after))

    new = module.visit(Floor()).code
    return masked.unmask(new) if new != masked.code else None


def _assigns(source: str, name: str, divided: bool) -> bool:
    return re.search(rf"(?m)^\s*{name}\s*=[^=\n]*{'[^/]/[^/]' if divided else ''}", source) is not None


def _division_in_earlier_cell(sources: list[str], failing: int | None, ctx):
    """The failing line uses a name computed with / in an earlier cell (``half = n / 2`` above, ``x[:half]``
    here): that assignment becomes //. The failing cell's own lines are left to python2-int-division."""
    if failing is None or ctx.error_line is None:
        return []
    low, high = statement_span(sources[failing], ctx.error_line)
    line = "\n".join(sources[failing].split("\n")[max(low, 1) - 1:high])  # the failing statement, all its lines
    if re.search(r"[^/]/[^/]", line):
        return []
    out = []
    for name in sorted(set(re.findall(r"[A-Za-z_]\w*", line))):
        if _assigns(sources[failing], name, divided=False):
            continue  # set in the failing cell itself: python2-int-division's case
        for i in range(failing - 1, -1, -1):
            if sources[i] and _assigns(sources[i], name, divided=False):
                if _assigns(sources[i], name, divided=True):
                    new = _floor_assignments(sources[i], {name})
                    if new is not None:
                        out.append((i, new, "python2-int-division-earlier-cell",
                                    f"Python 3.0: '{name}' was computed with / in this cell, floor division between "
                                    "integers in Python 2; the failing cell uses it as an index or a count, so it becomes //."))
                break
    return out


notebook_rule(
    "python2-int-division-earlier-cell", "python", "Python 3.0",
    "a name the failing line uses as an index or a count was computed with / in an earlier cell (Python 2's floor "
    "division between integers): that assignment becomes //.",
    kind="error", signatures=_FLOAT_AS_INT,
    on_error=_division_in_earlier_cell,
)
