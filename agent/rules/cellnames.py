"""What a cell binds and what it reads before binding it, in the order the cell runs.

The notebook-level rules about names (cell order, author slips, drafts) all ask
this of a cell; the walk follows evaluation order and skips function bodies,
which run later, when called.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from .masking import parse_masked


@dataclass
class CellNames:
    tree: ast.Module | None
    free: dict[str, int] = field(default_factory=dict)  # name -> first line where read before bound
    bound: dict[str, ast.stmt] = field(default_factory=dict)  # name -> first top-level statement binding it
    star: bool = False  # ``from x import *`` / %pylab / %run: unknown names


class _Walker(ast.NodeVisitor):
    """Walks the code that runs when the cell runs (not function bodies), in evaluation order."""

    def __init__(self, out: CellNames):
        self.out, self.seen, self.top = out, set(), None

    # ast.NodeVisitor's visit and generic_visit, with the method looked up once per node type (it builds
    # the name and searches the class for every node) and fields read without iter_fields' generator.
    def visit(self, node):
        key = (self.__class__, node.__class__)
        visitor = _VISITORS.get(key)
        if visitor is None:
            visitor = _VISITORS[key] = getattr(key[0], "visit_" + key[1].__name__, key[0].generic_visit)
        return visitor(self, node)

    def generic_visit(self, node):
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def visit_Constant(self, node):
        pass  # no names in a constant (NodeVisitor's version looks for the pre-3.8 visit_Num & co.)

    def bind(self, name: str):
        self.seen.add(name)
        if name not in self.out.bound and self.top is not None:
            self.out.bound[name] = self.top

    def load(self, name: str, line: int):
        if name not in self.seen and name not in self.out.free:
            self.out.free[name] = line

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.load(node.id, node.lineno)
        else:
            self.bind(node.id)

    def visit_Import(self, node):
        for a in node.names:
            self.bind(a.asname or a.name.split(".")[0])

    def visit_ImportFrom(self, node):
        for a in node.names:
            if a.name == "*":
                self.out.star = True
            else:
                self.bind(a.asname or a.name)

    def _function(self, node):
        for d in node.decorator_list:
            self.visit(d)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self.bind(node.name)

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node):
        for expr in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(expr)
        self.bind(node.name)

    def visit_Lambda(self, node):
        for default in node.args.defaults:
            self.visit(default)

    def visit_Assign(self, node):
        self.visit(node.value)
        for t in node.targets:
            self.visit(t)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self.load(node.target.id, node.lineno)
        self.visit(node.value)
        self.visit(node.target)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node):
        self.visit(node.iter)
        self.visit(node.target)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.visit(node.target)

    def _comprehension(self, node):
        saved = set(self.seen)
        for gen in node.generators:
            self.visit(gen.iter)
            self.visit(gen.target)
            for cond in gen.ifs:
                self.visit(cond)
        for part in ("elt", "key", "value"):
            if hasattr(node, part):
                self.visit(getattr(node, part))
        self.seen = saved | (self.seen - {n for g in node.generators for n in _target_names(g.target)})

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Try(self, node):
        for stmt in node.body + node.orelse + node.finalbody:
            self.visit(stmt)
        for handler in node.handlers:
            if handler.name:
                self.bind(handler.name)
            for stmt in handler.body:
                self.visit(stmt)


_VISITORS: dict[tuple[type, type], object] = {}  # (walker type, node type) -> the walker's method for it


def _target_names(target) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


def undefined_name(evalue: str | None) -> str | None:
    """The name a NameError's message says is not defined; None for any other message."""
    found = _UNDEFINED.search(evalue or "")
    return found.group(1) if found else None


def analyse(source: str) -> CellNames:
    tree = parse_masked(source)
    if tree is None:
        return CellNames(None)
    out = CellNames(tree)
    if re.search(r"^\s*%(pylab|run)\b", source, re.MULTILINE):
        out.star = True
    walker = _Walker(out)
    for stmt in tree.body:
        walker.top = stmt
        walker.visit(stmt)
    return out


def free_names(stmt: ast.stmt) -> dict[str, int]:
    """The names one statement reads before binding them (name -> line)."""
    out = CellNames(None)
    walker = _Walker(out)
    walker.top = stmt
    walker.visit(stmt)
    return out.free
