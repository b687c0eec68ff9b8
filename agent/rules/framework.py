"""The rule model: what a rule is, the registry, and the notebook context rules read.

A rule is a small libcst transformer plus the facts that explain it: an id, the
library and version where the API changed, a one-line rationale, when it fires
(``static``: the pattern certainly fails or silently misbehaves in the locked
environment; ``error``: only when a cell failed with a matching error signature;
``calibration``: a default changed and the notebook predates the change) and
before/after examples that the tests run.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Literal

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from ...core import CellError
from . import literals, traversal
from .masking import parse_masked
from .traversal import INFO, MASKS

Kind = Literal["static", "error", "calibration"]


@dataclass
class Context:
    """What rules may know about the whole notebook, collected once per notebook."""

    aliases: dict[str, set[str]] = field(default_factory=dict)  # module -> local names
    imported: dict[str, str] = field(default_factory=dict)  # local name -> "module.attr"
    frames: set[str] = field(default_factory=set)  # names that hold pandas DataFrames
    models: dict[str, str] = field(default_factory=dict)  # name -> constructor ("LGBMRegressor")
    text: str = ""  # all code cells joined, for cheap "does the notebook mention X" checks
    sources: tuple[str, ...] = ()  # the code cells, for the few rules that read another cell's statements
    written: str | None = None  # "YYYY-MM"
    error: CellError | None = None
    error_line: int | None = None  # 1-based, in the failing cell, when known
    data_files: list[str] = field(default_factory=list)  # the competition's files, relative to ../input
    working_files: list[str] = field(default_factory=list)  # the helper files staged in the working directory
    none_text_files: list[str] = field(default_factory=list)  # data files with the text None as a field
    full_paths: set[str] = field(default_factory=set)  # submodules imported unaliased (import matplotlib.pyplot)
    function_local: set[str] = field(default_factory=set)  # names imported only inside a function body

    def names_for(self, module: str, default: tuple[str, ...] = ()) -> set[str]:
        return self.aliases.get(module, set()) | set(default)

    def module_names(self, module: str) -> set[str]:
        """Local names bound to ``module`` itself (``import numpy as np``), not to a name inside it; a submodule
        imported unaliased (``import matplotlib.pyplot``) is reached by its full path, which counts as one."""
        names = {name for name in self.aliases.get(module, ()) if self.imported.get(name) == module}
        return names | {module} if module in self.full_paths else names

    def name_to_write(self, module: str) -> str | None:
        """The notebook's name for ``module`` that a rewrite may write in any cell: the first by sort of
        ``module_names``, leaving out a name only a function's own import binds (a shim the rules copied in
        does ``import numpy`` in its body; ``numpy.x`` written elsewhere would be a NameError). None: write an
        import."""
        names = sorted(self.module_names(module) - self.function_local)
        return names[0] if names else None

    def written_before(self, month: str) -> bool:
        return bool(self.written) and self.written < month

    def written_since(self, month: str) -> bool:
        """Known to be written in ``month`` or later: an error-keyed rule that restores what a release removed
        stands down there, the notebook never having relied on it."""
        return bool(self.written) and self.written >= month


_OBJECT_TYPE = re.compile(r"'(\w+)' object ")  # how Python's messages name the type of the object at fault


class RuleTransformer(cst.CSTTransformer):
    """Base of rule transformers: carries the notebook context."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.changed = False
        # What the traversal may skip (see traversal.py): the node types this rule has hooks for.
        self._interest = traversal.interest(type(self), RuleTransformer)
        self._attribute_hooks = traversal.has_attribute_hooks(type(self))

    _signatures: tuple[tuple[str, str], ...] = ()  # the rule's, set by @rule: the errors it is keyed by

    def on_error_line(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` starts on the line the cell's error names, and that error is one the rule is keyed
        by (any, for a rule keyed by none): a static rule also runs on the failing line when no rule's
        signature matched, and another error there says nothing of what the line holds (lgb.train is not
        gensim's). False when no line is known. The rule declares ``METADATA_DEPENDENCIES =
        (PositionProvider,)`` to ask this."""
        error = self.ctx.error
        if self._signatures and error is not None and not signed(self._signatures, error):
            return False
        return self._at_error_line(node)

    @property
    def on_own_error(self) -> bool:
        """Whether the rule runs on an error it is keyed by (not in the static pass, not on another's)."""
        return self.ctx.error is not None and signed(self._signatures, self.ctx.error)

    def on_own_error_line(self, node: cst.CSTNode) -> bool:
        """Whether the rule runs on an error it is keyed by and ``node`` starts on the line that error names: where
        a spelling other objects share (``a.compress(m)``, ``ws.rows[0]``) is read as the library's only there."""
        return self.on_own_error and self._at_error_line(node)

    @property
    def own_error_type(self) -> str | None:
        """The type the rule's own error names ("'RFECV' object has no attribute ..." -> "RFECV"), else None."""
        found = _OBJECT_TYPE.match(self.ctx.error.evalue) if self.on_own_error else None
        return found.group(1) if found else None

    def off_error_line(self, node: cst.CSTNode) -> bool:
        """Whether an error line is known and ``node`` is not on it: error-keyed rewrites touch only the
        failing line, and every match when no line is known (the static pass, the rule's examples)."""
        return self.ctx.error_line is not None and not self._at_error_line(node)

    # The lines of the statement the failing line is in (set for a visit with positions): a traceback names one
    # line of a statement laid over several (``model.fit(X, y,`` / ``    nb_epoch=10)``), and which one depends
    # on the sub-expression Python was evaluating, not on where the node a rule reads begins.
    error_span: tuple[int, int] | None = None

    def _at_error_line(self, node: cst.CSTNode) -> bool:
        line = self.ctx.error_line
        if line is None:
            return False
        low, high = self.error_span or (line, line)
        return low <= self.get_metadata(PositionProvider, node).start.line <= high

    def spans_error_line(self, node: cst.CSTNode) -> bool:
        """Whether ``node``'s lines include the failing line (a call spread over several lines, a statement
        around it); True when no line is known. Needs ``METADATA_DEPENDENCIES = (PositionProvider,)``."""
        line = self.ctx.error_line
        if line is None:
            return True
        pos = self.get_metadata(PositionProvider, node)
        return pos.start.line <= line <= pos.end.line

    # These two run for every node visited: the lookups of traversal.kinds_below and type_bit are inlined.
    def on_visit(self, node):
        # A subtree without a node this rule has a hook for is left as it is (not rebuilt).
        hit = MASKS.get(id(node))
        if not (hit[0] if hit is not None and hit[1] is node else traversal.kinds_below(node)) & self._interest:
            return False
        info = INFO.get(type(node))
        if info is not None and not info[0] & self._interest:
            return True  # no visit_ hook for this type: libcst's lookup would find the no-op
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        info = INFO.get(type(original_node))
        if info is not None and not info[0] & self._interest:
            return updated_node  # no leave_ hook for this type
        # libcst rebuilds every node it visits, so a change is recorded where a leave_
        # method returns something else than the node it was given.
        result = super().on_leave(original_node, updated_node)
        if result is not updated_node:
            self.changed = True
        return result

    # libcst looks up a visit_<Type>_<attribute> hook for every field of every node it visits.
    def on_visit_attribute(self, node, attribute):
        if self._attribute_hooks:
            super().on_visit_attribute(node, attribute)

    def on_leave_attribute(self, original_node, attribute):
        if self._attribute_hooks:
            super().on_leave_attribute(original_node, attribute)


@dataclass
class Rule:
    id: str
    library: str
    changed_in: str  # "pandas 2.0"
    rationale: str  # one line: what changed and what the rewrite does
    kind: Kind
    transform: Callable[[cst.Module, Context], cst.Module]
    needles: tuple[str, ...] = ()  # the rule only runs on cells containing one of these
    pattern: str | None = None  # or, sharper, on cells where this regex matches
    signatures: tuple[tuple[str, str], ...] = ()  # (ename, regex on evalue)
    examples: tuple[tuple[str, str], ...] = ()  # (before, after) cell sources
    # For rules whose reason depends on the error (the catalogue's): the sentence for this context.
    describe: Callable[[Context], str | None] | None = None
    # A sharper pre-filter than a regex can be (counting a call's arguments): run after needles/pattern.
    prefilter: Callable[[str], bool] | None = None
    # A pre-filter that also reads the notebook: gate(ctx, code) False means the rule changes nothing in
    # this cell of this notebook (none unless the notebook reads train scores; none unless the cell names
    # a module the notebook imports). Read after the needles, before the cell is parsed, so that a rule
    # with common needles (".fit(") does not have every such cell parsed for nothing. A run keyed by an error
    # reads neither needles nor gate: the error is the evidence (a gate that also says "Keras 3, not tf_keras
    # served" or "written before the change" is what a matching error already proves), and the failing line may
    # sit where no pre-filter looks (a helper that builds the model, a path the cell never spells).
    gate: Callable[[Context, str], bool] | None = None
    # Read from needles and pattern on first use (not copied with the rule's fields).
    _alternatives: literals.Alternatives | None = field(default=None, repr=False, init=False)
    _needle_set: frozenset[str] | None = field(default=None, repr=False, init=False)
    # An error-keyed rule's examples on the path it takes in a repair: (the error as "Ename: message", its line
    # in before, before, after); a rule that reads the type the error names needs them (examples run with none).
    error_examples: tuple[tuple[str, int, str, str], ...] = ()
    # A function marked ``text_rule`` reads the raw cell text (shell lines, cells that do not parse), not a tree.
    text: bool = field(default=False, repr=False, init=False)

    def __post_init__(self) -> None:
        self.text = bool(getattr(self.transform, "text_rule", False))

    def wants(self, code: str) -> bool:
        if self._needle_set is None:
            _prepare_all(self)
        # The plain texts first, all rules' at once (literals.Scanner); a regex only where its texts occur.
        present = literals.SCANNER.found(code)
        if self.pattern is not None:
            found = self._alternatives.search(code, present)
        else:
            found = not self.needles or "" in self._needle_set or not self._needle_set.isdisjoint(present)
        return found and (self.prefilter is None or self.prefilter(code))

    def key(self) -> frozenset[str] | None:
        """Texts one of which a cell must hold for ``wants`` to be true; None when it needs none."""
        if self._needle_set is None:
            _prepare_all(self)
        if self.pattern is None:
            return self._needle_set if self.needles and "" not in self._needle_set else None
        return self._alternatives.key

    def _prepare(self) -> frozenset[str]:
        """Read the pattern's alternatives and their plain texts; the texts the scanner must know."""
        if self._needle_set is None:
            self._alternatives = literals.Alternatives(self.pattern) if self.pattern is not None else None
            self._needle_set = frozenset(self.needles)
        return self._needle_set if self.pattern is None else self._alternatives.texts

    def matches(self, error: CellError) -> bool:
        return signed(self.signatures, error)

    def explain(self, ctx: Context | None = None) -> str:
        specific = self.describe(ctx) if self.describe is not None and ctx is not None else None
        return specific or f"{self.changed_in}: {self.rationale}"


RULES: dict[str, Rule] = {}


def _prepare_all(rule: Rule) -> None:
    """Give the scanner ``rule``'s texts and, the first time, every registered rule's: each addition
    rebuilds its regex, so they go in at once."""
    texts = set(rule._prepare())
    if not _PREPARED:
        texts.update(*(r._prepare() for r in RULES.values()))
        _PREPARED.append(True)
    literals.SCANNER.add(texts)


_PREPARED: list[bool] = []


def rule(
    id: str,
    library: str,
    changed_in: str,
    rationale: str,
    kind: Kind = "static",
    needles: tuple[str, ...] = (),
    signatures: tuple[tuple[str, str], ...] = (),
    examples: tuple[tuple[str, str], ...] = (),
    pattern: str | None = None,
    describe: Callable[[Context], str | None] | None = None,
    prefilter: Callable[[str], bool] | None = None,
    gate: Callable[[Context, str], bool] | None = None,
    error_examples: tuple[tuple[str, int, str, str], ...] = (),
):
    """Register a transformer class (or a function ``(module, ctx) -> module``) as a rule."""

    def register(target):
        if isinstance(target, type) and issubclass(target, cst.CSTTransformer):
            target._signatures = signatures
            transform = _class_transform(target)
        else:
            transform = target
        if id in RULES:
            raise ValueError(f"duplicate rule id {id!r}")
        RULES[id] = Rule(id, library, changed_in, rationale, kind, transform, needles, pattern, signatures, examples,
                         describe, prefilter, gate, error_examples)
        return target

    return register


def _class_transform(cls: type) -> Callable[[cst.Module, Context], cst.Module]:
    def transform(module: cst.Module, ctx: Context) -> cst.Module:
        """The rewritten module, or ``module`` itself (same object) when nothing changed."""
        visitor = cls(ctx)
        # Positions are only read for error-keyed fixes (building them costs a deep copy); other metadata
        # (libcst's scopes) is what the rule reads wherever it runs.
        needs = getattr(cls, "METADATA_DEPENDENCIES", ())
        if needs and (ctx.error_line is not None or any(p is not PositionProvider for p in needs)):
            if ctx.error_line is not None:
                visitor.error_span = statement_span(module.code, ctx.error_line)
            new = MetadataWrapper(module).visit(visitor)
        elif plain:  # libcst's visit, without rebuilding what did not change (traversal.visit)
            try:
                new = traversal.visit(module, visitor, own_hooks)
            except traversal.TooDeep:
                visitor = cls(ctx)
                new = module.visit(visitor)
        else:
            new = module.visit(visitor)
        return new if getattr(visitor, "changed", True) else module

    plain, own_hooks = traversal.visit_modes(cls, RuleTransformer)

    return transform


@lru_cache(maxsize=64)
def statement_span(code: str, line: int) -> tuple[int, int]:
    """The first and last line of the innermost statement ``line`` is in (of a compound statement, its header:
    ``for k, v in d.iteritems():``, not the body); (line, line) when the code does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return line, line
    best: tuple[int, int] | None = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        body = getattr(node, "body", None)
        high = node.end_lineno if not (isinstance(body, list) and body) else max(node.lineno, body[0].lineno - 1)
        if node.lineno <= line <= high and (best is None or high - node.lineno < best[1] - best[0]):
            best = (node.lineno, high)
    return best or (line, line)


# --------------------------------------------------------------------------- cst helpers


def dotted(node: cst.BaseExpression) -> str | None:
    """``np.random.rand`` -> "np.random.rand"; None for anything not a plain dotted name."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


def names_bound_to(text: str, callables: Iterable[str]) -> set[str]:
    """The names a line of ``text`` binds to a call of one of ``callables`` (``g = GMM(...)``,
    ``cb = plt.colorbar(im)``, ``opt = keras.optimizers.Adam(...)``), whatever module path leads to it."""
    called = "|".join(map(re.escape, callables))
    return set(re.findall(rf"(?m)^[ \t]*(\w+)\s*=\s*(?:[\w.]+\.)?(?:{called})\(", text))


def plain_reference(node: cst.BaseExpression) -> bool:
    """A name, or attributes and items of one with no call (or ``:=``) anywhere in them (``df``, ``self.df``,
    ``held['df']``, ``df[df.Age > 1]``): what reads the same object each time, so a rewrite may write it twice."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Subscript) and any(m.findall(e, m.Call() | m.NamedExpr()) for e in node.slice):
            return False
        node = node.value
    return isinstance(node, cst.Name)


def callee_name(call: cst.Call) -> str | None:
    """The last name of what is called: ``pd.read_csv(...)`` -> "read_csv"."""
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def module_call(call: cst.Call, ctx: Context, module: str) -> str | None:
    """``"to_numpy_matrix"`` for ``nx.to_numpy_matrix(...)`` or an imported ``to_numpy_matrix(...)``."""
    func = call.func
    if isinstance(func, cst.Attribute) and dotted(func.value) in ctx.module_names(module) | {module}:
        return func.attr.value
    if isinstance(func, cst.Name) and ctx.imported.get(func.value) == f"{module}.{func.value}":
        return func.value
    return None


def kwarg(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword and a.keyword.value == name), None)


def positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


def argument(call: cst.Call, keyword: str, index: int = 0) -> cst.Arg | None:
    """The argument given as ``keyword``, or as the ``index``-th positional one; None when neither is."""
    found = kwarg(call, keyword)
    pos = positional(call)
    return found if found is not None else (pos[index] if len(pos) > index else None)


def bool_value(node: cst.BaseExpression) -> bool | None:
    """The value of a literal True or False; None for anything else."""
    return {"True": True, "False": False}.get(node.value) if isinstance(node, cst.Name) else None


def string_value(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # noqa: BLE001 - odd prefixes: not a plain literal
            return None
        return value if isinstance(value, str) else None
    return None


def string_like(node: cst.SimpleString, text: str) -> cst.SimpleString:
    """A literal of ``text`` in ``node``'s quote character (the rewrite keeps the author's quoting)."""
    quote = node.value[-1]
    return cst.SimpleString(f"{quote}{text}{quote}")


def arg_list(*args: cst.Arg | cst.BaseElement | cst.BaseDictElement) -> list:
    """Arguments (or a list's, a dict's elements) separated by ", ", the last one without a comma."""
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=comma if i < len(args) - 1 else cst.MaybeSentinel.DEFAULT) for i, a in enumerate(args)]


def make_arg(name: str, value: str | cst.BaseExpression) -> cst.Arg:
    expr = cst.parse_expression(value) if isinstance(value, str) else value
    return cst.Arg(
        value=expr,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def add_kwarg(call: cst.Call, name: str, value: str | cst.BaseExpression) -> cst.Call:
    """Append ``name=value`` after the existing arguments (before ``**kwargs``)."""
    args = list(call.args)
    new = make_arg(name, value)
    at = next((i for i, a in enumerate(args) if a.star == "**"), len(args))
    if args and at > 0:
        prev = args[at - 1]
        if isinstance(prev.comma, cst.MaybeSentinel):
            args[at - 1] = prev.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if at < len(args):
            new = new.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    args.insert(at, new)
    return call.with_changes(args=args)


def remove_arg(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """``call`` without ``arg`` (one of its own arguments, positional or keyword); a new last one loses its comma."""
    args = [a for a in call.args if a is not arg]
    if args and call.args[-1] is arg:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=args)


def remove_kwarg(call: cst.Call, name: str) -> cst.Call:
    found = kwarg(call, name)
    return call if found is None else remove_arg(call, found)


def rename_kwarg(call: cst.Call, old: str, new: str) -> cst.Call:
    if kwarg(call, new) is not None:  # both given: the old one would be a duplicate
        return remove_kwarg(call, old)
    return call.with_changes(
        args=[a.with_changes(keyword=cst.Name(new)) if a.keyword and a.keyword.value == old else a for a in call.args]
    )


def set_kwarg_value(call: cst.Call, name: str, value: str | cst.BaseExpression) -> cst.Call:
    expr = cst.parse_expression(value) if isinstance(value, str) else value
    return call.with_changes(
        args=[a.with_changes(value=expr) if a.keyword and a.keyword.value == name else a for a in call.args]
    )


def with_arg_value(call: cst.Call, arg: cst.Arg, value: str | cst.BaseExpression) -> cst.Call:
    """``call`` with the argument ``arg`` (one of its own, positional or keyword) given ``value`` instead."""
    expr = cst.parse_expression(value) if isinstance(value, str) else value
    return call.with_changes(args=[a.with_changes(value=expr) if a is arg else a for a in call.args])


def one_statement_per_line(original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
    """For ``leave_SimpleStatementLine``: a statement that a rule turned into several (a FlattenSentinel
    inside the line, e.g. one import split in two) is written one per line, not joined by ';'."""
    if len(updated.body) > 1 and len(original.body) == 1:
        return cst.FlattenSentinel([updated.with_changes(body=[s]) for s in updated.body])
    return updated


def keep_statements(line: cst.SimpleStatementLine, kept: list[cst.BaseSmallStatement]):
    """For ``leave_SimpleStatementLine``: ``line`` with only the ``kept`` statements (``line`` itself when they
    are all its own, unchanged), removed when none is left; the last one loses its ';'."""
    if len(kept) == len(line.body) and all(a is b for a, b in zip(kept, line.body)):
        return line
    if not kept:
        return cst.RemoveFromParent()
    return line.with_changes(body=[*kept[:-1], kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])


def pass_if_empty(block: cst.IndentedBlock) -> cst.IndentedBlock:
    """For ``leave_IndentedBlock`` of a rule that removes statements: a block left with none gets ``pass``."""
    return block if block.body else block.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])


def split_import_from(node: cst.ImportFrom, kept: list[cst.ImportAlias], moved: list[tuple[str, str, str]]):
    """For ``leave_ImportFrom``: ``node`` with only the ``kept`` names, then one ``from module import name``
    line per ``moved`` (module, name, local name), aliased where the local name differs."""
    stmts: list[cst.BaseSmallStatement] = []
    if kept:
        stmts.append(node.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]))
    for module, name, local in moved:
        alias = f" as {local}" if local != name else ""
        stmts.append(cst.parse_statement(f"from {module} import {name}{alias}").body[0])
    if not stmts:
        return cst.RemovalSentinel.REMOVE  # every name went (from pandas import groupby: its calls are methods now)
    return cst.FlattenSentinel(stmts) if len(stmts) > 1 else stmts[0]


def assign_to(target: cst.BaseExpression, value: cst.BaseExpression) -> cst.Assign | None:
    """``target = value``, or None when ``target`` cannot be assigned to (a call's result): how an in-place
    method pandas removed (``X.method(..., inplace=True)``) keeps writing where it wrote."""
    if not isinstance(target, (cst.Name, cst.Attribute, cst.Subscript)):
        return None
    return cst.Assign([cst.AssignTarget(target)], value)


def statement_like(code: str, like: cst.SimpleStatementLine) -> cst.BaseStatement:
    """The statement ``code`` in place of ``like``: the blank lines and comments above ``like`` stay above it."""
    return cst.parse_statement(code.rstrip("\n") + "\n").with_changes(leading_lines=like.leading_lines)


# what binds tighter than an attribute or an operator: used as a receiver or operand as it is
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.BaseNumber, cst.SimpleString, cst.FormattedString,
          cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)


def parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` to be the receiver of an attribute or an operand (``(a | b).geoms``, ``(pad == 0).bool()``):
    in parentheses unless it is an atom or has them already."""
    if node.lpar or isinstance(node, _ATOMS):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def code_of(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


# --------------------------------------------------------------------------- notebook context

_FRAME_MAKERS = re.compile(r"^(read_\w+|DataFrame|concat|merge|get_dummies|pivot_table|crosstab|json_normalize)$")
_FRAME_METHODS = {
    "copy",
    "drop",
    "dropna",
    "fillna",
    "merge",
    "join",
    "reset_index",
    "set_index",
    "sort_values",
    "assign",
    "rename",
    "query",
    "head",
    "tail",
    "sample",
    "astype",
    "replace",
    "select_dtypes",
    "drop_duplicates",
    "apply",
    "transform",
    "filter",
    "loc",
    "iloc",
}
_FRAME_USES = {
    "loc",
    "iloc",
    "groupby",
    "describe",
    "fillna",
    "isnull",
    "isna",
    "dropna",
    "columns",
    "dtypes",
    "iterrows",
}


def build_context(sources: list[str], written: str | None = None) -> Context:
    """Scan all parseable code cells once: import aliases, DataFrame-holding names, models."""
    ctx = Context(written=written, text="\n".join(sources), sources=tuple(sources))
    assignments, uses, loops = [], [], []
    lists: dict[str, list[ast.expr]] = {}  # name -> the elements of the list or tuple literal bound to it
    top_level, in_functions = set(), set()  # the names imports bind, by where the import statement is
    for source in sources:  # one walk; the frame inference below iterates the few nodes it needs
        tree = parse_masked(source)
        if tree is None:
            continue
        # The Attributes read are in expressions, and only where the cell names one of _FRAME_USES: elsewhere
        # the walk leaves expressions out (the statements it reads are never inside one).
        inner = _function_imports(tree) if _INDENTED_IMPORT.search(source) else frozenset()
        for node in _walk(tree, expressions=_FRAME_USE_TEXT.search(source) is not None):
            kind = type(node)  # ast.parse makes these exact types: one test rejects the other nodes
            if kind not in _READ:
                continue
            if kind is ast.Attribute:
                if node.attr in _FRAME_USES and isinstance(node.value, ast.Name):
                    uses.append(node.value.id)
                continue
            if kind is ast.Import or kind is ast.ImportFrom:
                bound = in_functions if id(node) in inner else top_level
                bound.update(a.asname or a.name.split(".")[0] for a in node.names)
            if kind is ast.Import:
                for a in node.names:
                    local = a.asname or a.name.split(".")[0]
                    ctx.aliases.setdefault(a.name if a.asname else local, set()).add(local)
                    ctx.imported[local] = a.name if a.asname else local
                    if not a.asname and local != a.name:
                        ctx.full_paths.add(a.name)
            elif kind is ast.ImportFrom:
                for a in node.names if node.module else ():
                    local = a.asname or a.name
                    ctx.imported[local] = f"{node.module}.{a.name}"
                    ctx.aliases.setdefault(f"{node.module}.{a.name}", set()).add(local)
            elif kind is ast.Assign:
                if isinstance(node.value, ast.Call):
                    assignments.append(node)
                elif isinstance(node.value, (ast.List, ast.Tuple)) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name):
                    lists[node.targets[0].id] = node.value.elts  # combine = [train, test]
            elif isinstance(node.target, ast.Name) and isinstance(node.iter, (ast.List, ast.Tuple, ast.Name)):  # For
                loops.append(node)
    ctx.function_local = in_functions - top_level
    # A method's self (or cls) is an instance of the notebook's own class, whose .columns is its own attribute
    # (a transformer's list of column names), not a frame's: self.dic[k] = v is no chained assignment.
    ctx.frames.update(use for use in uses if use not in ("self", "cls"))
    for _ in range(2):  # a second pass picks up frames derived from frames found in the first
        _collect_frames(assignments, loops, lists, ctx)
    return ctx


_READ = frozenset({ast.Attribute, ast.Import, ast.ImportFrom, ast.Assign, ast.For})  # what build_context reads
_INDENTED_IMPORT = re.compile(r"^[ \t]+(?:import|from)\s", re.M)  # the cheap test before _function_imports


def _function_imports(tree: ast.AST) -> frozenset[int]:
    """The ids of the import statements inside a function's body: the names they bind are that function's."""
    return frozenset(id(node) for func in ast.walk(tree) if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
                     for node in ast.walk(func) if isinstance(node, (ast.Import, ast.ImportFrom)))


_FRAME_USE_TEXT = re.compile("|".join(sorted(map(re.escape, _FRAME_USES))))


def _walk(tree: ast.AST, expressions: bool = True):
    """``ast.walk``, in its order (breadth first, fields in order), with its per-node generators inlined,
    and without the Load/Store markers of names (a third of the nodes; nothing below them). Without
    ``expressions``: not the expressions either (the other nodes keep their order)."""
    todo = deque([tree])
    pop, push, extend, AST = todo.popleft, todo.append, todo.extend, ast.AST
    marker = ast.expr_context if expressions else (ast.expr_context, ast.expr)
    while todo:
        node = pop()
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, AST):
                if not isinstance(value, marker):
                    push(value)
            elif isinstance(value, list):
                extend([item for item in value if isinstance(item, AST) and not isinstance(item, marker)])
        yield node


def statements(tree: ast.AST):
    """The statements of ``tree`` (and the module and handlers around them), in ``ast.walk``'s order,
    without walking into any expression."""
    return _walk(tree, expressions=False)


GENSIM_MODELS = ("Word2Vec", "FastText", "Doc2Vec")  # constructors whose result ctx.models records


def read_once(x: cst.BaseExpression, expression: Callable[[str], str]) -> cst.BaseExpression:
    """``expression(code of x)``, an expression that reads ``x`` more than once: as written for a name
    (``(s - s.mean()).abs().mean()``); for anything else (``pd.read_csv(f).drop(c, axis=1)``) through
    ``x.pipe(lambda x_: ...)``, so that a chain runs once and its result is what each read sees."""
    if plain_reference(x):
        return cst.parse_expression(expression(code_of(x)))
    return cst.parse_expression(f"{code_of(x)}.pipe(lambda x_: {expression('x_')})")


def code_after(node: cst.CSTNode, head: cst.CSTNode) -> str:
    """The code of ``node`` past that of ``head``, the node it starts with: ``.groupby('a')`` of
    ``df.groupby('a')`` after ``df``, to be written again after another receiver (read_once's)."""
    return code_of(node)[len(code_of(head)):]


def frame_expression(node: cst.BaseExpression, ctx: Context) -> bool:
    """Whether ``node`` evidently holds a whole DataFrame, named or not: a name the notebook builds as one, a
    frame maker's call (``pd.read_csv(f)``, ``pd.DataFrame(d)``), a frame method's call on one
    (``train.drop(cols, axis=1)``), or its columns by a list (``df[['a', 'b']]``). A chain reaches a reduction
    as often as a name does."""
    if isinstance(node, cst.Name):
        return node.value in ctx.frames
    if isinstance(node, cst.Subscript):
        index = node.slice[0].slice if len(node.slice) == 1 else None
        return isinstance(index, cst.Index) and isinstance(index.value, cst.List) and frame_expression(node.value, ctx)
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    if isinstance(func, cst.Name):  # from pandas import read_csv
        return bool(_FRAME_MAKERS.match(func.value)) and ctx.imported.get(func.value, "").startswith("pandas.")
    if not isinstance(func, cst.Attribute):
        return False
    name = func.attr.value
    if _FRAME_MAKERS.match(name) and dotted(func.value) in ctx.names_for("pandas", ("pd", "pandas")):
        return True  # pd.read_csv(f), pd.concat(...); tf.concat(...) is no frame
    return (name in _FRAME_METHODS or name == "pivot_table") and frame_expression(func.value, ctx)


def _collect_frames(assignments: list[ast.Assign], loops: list[ast.For], lists: dict[str, list[ast.expr]],
                    ctx: Context) -> None:
    for node in assignments:
        func = node.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        frame = bool(_FRAME_MAKERS.match(name)) or (
            name in _FRAME_METHODS
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in ctx.frames
        )
        for target in node.targets:
            for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(t, ast.Name):
                    if frame:
                        ctx.frames.add(t.id)
                    if re.match(r"^(XGB|LGBM|CatBoost)\w*$|^(Sequential|Model|load_model|Word2Vec|FastText|Doc2Vec)$",
                                name):
                        ctx.models[t.id] = name
                    elif name == "load" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                            and func.value.id in GENSIM_MODELS:
                        ctx.models[t.id] = func.value.id  # Word2Vec.load(path)
    for node in loops:  # for df in [train, test], or over a name bound to such a list (combine = [train, test])
        elements = lists.get(node.iter.id, ()) if isinstance(node.iter, ast.Name) else node.iter.elts
        if any(isinstance(e, ast.Name) and e.id in ctx.frames for e in elements):
            ctx.frames.add(node.target.id)


# "cannot import name 'n' from 'm' (path)": what several error-keyed rules read the name and module from.
CANNOT_IMPORT = re.compile(r"cannot import name '(?P<name>\w+)' from '(?P<module>[\w.]+)'")


def signed(signatures: tuple[tuple[str, str], ...], error: CellError) -> bool:
    """Whether ``error`` is one of ``signatures`` ((ename, message pattern) pairs)."""
    return any(error.ename == ename and re.search(pattern, error.evalue) for ename, pattern in signatures)


# Notebook-level rules: (sources, failing cell or None, ctx) -> {cell: new source}, with explanations.
NotebookFix = Callable[[list[str], int | None, Context], list[tuple[int, str, str, str]]]
NOTEBOOK_STATIC: list[NotebookFix] = []
NOTEBOOK_ERROR: list[tuple[tuple[tuple[str, str], ...], NotebookFix]] = []
NOTEBOOK_FALLBACK: list[tuple[tuple[tuple[str, str], ...], NotebookFix]] = []  # after every other rule


def notebook_rule(id: str, library: str, changed_in: str, rationale: str, kind: Kind = "error",
                  signatures: tuple[tuple[str, str], ...] = (), static: NotebookFix | None = None,
                  on_error: NotebookFix | None = None, on: tuple[tuple[str, str], ...] | None = None,
                  fallback: NotebookFix | None = None) -> None:
    """Register a notebook-level rule: the engine runs it over all cells (``static`` in the static
    pass; ``on_error`` when the error matches ``on``, default ``signatures``, before the cell rules;
    ``fallback`` on such an error only when no other rule has an edit not tried yet). It is listed with
    the cell rules (id, rationale, signatures) but never runs on a single cell."""
    if id in RULES:
        raise ValueError(f"duplicate rule id {id!r}")
    if static is not None:
        NOTEBOOK_STATIC.append(static)
    if on_error is not None:
        NOTEBOOK_ERROR.append((on if on is not None else signatures, on_error))
    if fallback is not None:
        NOTEBOOK_FALLBACK.append((on if on is not None else signatures, fallback))
    RULES[id] = Rule(id, library, changed_in, rationale, kind, lambda module, ctx: module,
                     needles=("\0",), signatures=signatures)
