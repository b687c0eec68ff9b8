"""Removed functions given back, table-driven: the rule body the ``<library>-removed-functions`` rules share.

A removed name becomes one of:

- ``Moved(module, name)``: the same function lives elsewhere (``np.lib.pad`` is ``numpy.pad``, ``np.loads``
  is ``pickle.loads``, ``np.issubclass_`` the builtin). The import follows it under the old local name; an
  attribute names the new place through the notebook's own alias, or the module is imported in the cell.
- a shim: the old function written out with today's API (``scipy.misc.imresize`` bytescales and resizes with
  PIL, as scipy did). Shims are real, linted functions in ``old_<library>.py``; a rule copies the source. The
  import line becomes the ``def``; an attribute use (``stats.itemfreq(x)``) becomes the bare name, and the
  ``def`` is put right before the first statement of the cell that uses it.
- a call rewrite (``CALLS``): an expression for the attribute-form call (``np.disp(x)`` is ``print(x)``);
  the import form still takes the shim.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

import libcst as cst

from .framework import RuleTransformer, arg_list, code_of, dotted


@dataclass(frozen=True)
class Moved:
    module: str  # "builtins": the name is a builtin
    name: str


Replacement = Moved | Callable | str  # Moved, a shim function/class, or shim source binding the name
CallRewrite = Callable[[cst.Call, "RemovedNames"], "cst.BaseExpression | None"]
# The packages the tables name: a head that is not imported under another name stands for itself, and the
# usual aliases for theirs (a cell is often read without the notebook's imports: a helper file, an example).
_ROOTS = {"numpy", "scipy", "matplotlib", "seaborn", "statsmodels", "pylab"}
USUAL_ALIASES = {"np": "numpy", "sp": "scipy", "mpl": "matplotlib", "plt": "matplotlib.pyplot", "sns": "seaborn",
                 "sm": "statsmodels.api", "smf": "statsmodels.formula.api"}


def module_of(ctx, node: cst.BaseExpression) -> str | None:
    """``stats`` -> "scipy.stats" (from scipy import stats), ``np.lib`` -> "numpy.lib"; None if unknown."""
    name = dotted(node)
    if not name:
        return None
    head, _, rest = name.partition(".")
    origin = ctx.imported.get(head) or (head if head in _ROOTS else USUAL_ALIASES.get(head))
    return ".".join(filter(None, [origin, rest])) if origin else None


@cache
def shim_source(shim: Replacement, local: str, base: str | None = None) -> str:
    """The shim's source, its top-level name changed to ``local`` (``from x import f as g``); a class shim
    derived from ``base``, the notebook's own class, which old_<library>.py cannot name."""
    if isinstance(shim, str):
        source = shim.strip() + "\n"
        name = re.match(r"(?:def |class )?(\w+)", source)[1]
    else:
        source = textwrap.dedent(inspect.getsource(shim))
        name = shim.__name__
    if local != name:
        source = re.sub(rf"^(def |class )?{name}\b", rf"\g<1>{local}", source, count=1)
    if base is not None:
        source = source.replace(f"class {local}:", f"class {local}({base}):", 1)
    return source


def names_pattern(table: dict[tuple[str, str], Replacement]) -> str:
    """A pre-filter regex: a removed name is rewritten where it is an attribute (``stats.itemfreq``) or
    imported; a bare call in another cell reads the def its import became."""
    names = "|".join(sorted({re.escape(n) for _, n in table}))
    return rf"\.\s*({names})\b|\bimport\b[\w\s,()\\]*?\b({names})\b"


def spelled_gate(table: dict[tuple[str, str], Replacement]) -> Callable[[object, str], bool]:
    """A gate for a rule with ``names_pattern(table)``: a removed name the cell holds counts only where the
    notebook spells the submodule it left (``dual`` for numpy.dual.norm: np.linalg.norm is another norm).
    A top-level module's names always count: an alias (np, %pylab's) reaches them without spelling it."""
    spellings: dict[str, set[str] | None] = {}
    for module, name in table:
        if "." not in module:
            spellings[name] = None
        elif spellings.get(name, set()) is not None:
            spellings.setdefault(name, set()).update(
                {module.rpartition(".")[2], *(alias for alias, target in USUAL_ALIASES.items() if target == module)})

    def gate(ctx, code: str) -> bool:
        return any(name in code and (spelled is None or any(s in ctx.text for s in spelled))
                   for name, spelled in spellings.items())

    return gate


def import_signatures(table: dict[tuple[str, str], Replacement]) -> tuple[tuple[str, str], ...]:
    names = "|".join(sorted({re.escape(n) for _, n in table}))
    modules = "|".join(sorted({re.escape(m) for m, _ in table}))
    return (
        ("ImportError", rf"cannot import name '({names})' from '({modules})'"),
        ("AttributeError", rf"module '({modules})' has no attribute '({names})'|`np\.({names})` was removed"),
    )


class RemovedNames(RuleTransformer):
    """Subclasses set ``TABLE`` ((module, name) -> replacement) and optionally ``CALLS``."""

    TABLE: ClassVar[dict[tuple[str, str], Replacement]] = {}
    CALLS: ClassVar[dict[tuple[str, str], CallRewrite]] = {}

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.needed: dict[str, str] = {}  # word the first user spells -> statement(s) to put before it
        self.calls: set[int] = set()  # ids of call funcs rewritten as whole calls

    # ----------------------------------------------------------------- what an expression names

    def module_of(self, node: cst.BaseExpression) -> str | None:
        return module_of(self.ctx, node)

    def entry(self, node: cst.BaseExpression) -> tuple[tuple[str, str], Replacement] | None:
        if not isinstance(node, cst.Attribute):
            return None
        key = (self.module_of(node.value) or "", node.attr.value)
        return (key, self.TABLE[key]) if key in self.TABLE else None

    def alias_of(self, module: str) -> cst.BaseExpression:
        """The notebook's name for ``module`` (``np.random`` for numpy.random), or the module imported here."""
        parts = module.split(".")
        for i in range(len(parts), 0, -1):
            name = self.ctx.name_to_write(".".join(parts[:i]))
            if name:
                return cst.parse_expression(".".join([name, *parts[i:]]))
        self.needed.setdefault(parts[0], f"import {module}\n")
        return cst.parse_expression(module)

    def moved_expression(self, moved: Moved) -> cst.BaseExpression:
        if moved.module == "builtins":
            return cst.Name(moved.name)
        return cst.Attribute(self.alias_of(moved.module), cst.Name(moved.name))

    def need_shim(self, name: str, shim: Replacement) -> cst.Name:
        self.needed.setdefault(name, shim_source(shim, name))
        return cst.Name(name)

    def method_as_shim(self, call: cst.Call, name: str, shim: Replacement) -> cst.Call:
        """``receiver.method(args)`` as ``name(receiver, args)``: a removed method given back as a shim that
        takes its receiver first."""
        return call.with_changes(func=self.need_shim(name, shim), args=arg_list(cst.Arg(call.func.value), *call.args))

    # ----------------------------------------------------------------- attribute forms

    def visit_Call(self, node: cst.Call) -> None:
        found = self.entry(node.func)
        if found and found[0] in self.CALLS:
            self.calls.add(id(node.func))

    def leave_Call(self, original, updated):
        if id(original.func) not in self.calls:
            return updated
        key, _ = self.entry(original.func)
        new = self.CALLS[key](updated, self)
        return updated if new is None else new

    def leave_Attribute(self, original, updated):
        if id(original) in self.calls:
            return updated
        found = self.entry(original)
        if found is None:
            return updated
        (_, name), replacement = found
        if isinstance(replacement, Moved):
            return self.moved_expression(replacement)
        return self.need_shim(name, replacement)

    # ----------------------------------------------------------------- import forms

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.ImportFrom):
            return updated
        node = updated.body[0]
        if node.module is None or node.relative or isinstance(node.names, cst.ImportStar):
            return updated
        module = dotted(node.module) or ""
        kept, added = [], []
        for alias in node.names:
            replacement = self.TABLE.get((module, alias.name.value))
            local = alias.asname.name.value if alias.asname else alias.name.value
            if replacement is None:
                kept.append(alias)
            elif isinstance(replacement, Moved) and replacement.module == "builtins":
                added.append(f"{local} = {replacement.name}\n")
            elif isinstance(replacement, Moved):
                as_ = f" as {local}" if local != replacement.name else ""
                added.append(f"from {replacement.module} import {replacement.name}{as_}\n")
            else:
                added.append(shim_source(replacement, local))
        if not added:
            return updated
        stmts: list[cst.BaseStatement] = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            stmts.append(updated.with_changes(body=[node.with_changes(names=kept)]))
        for source in added:
            stmts += cst.parse_module(source).body
        stmts[0] = stmts[0].with_changes(leading_lines=updated.leading_lines)
        for i in range(1, len(stmts)):
            stmts[i] = stmts[i].with_changes(leading_lines=[])
        return cst.FlattenSentinel(stmts)

    # ----------------------------------------------------------------- the shims and imports a use needs

    def leave_Module(self, original, updated):
        if not self.needed:
            return updated
        body = list(updated.body)
        code = [code_of(s) for s in body]
        inserts: dict[int, list[cst.BaseStatement]] = {}
        for word, source in self.needed.items():
            head = source.split("\n", 1)[0].strip()
            if any(line.strip() == head for c in code for line in c.splitlines()):
                continue  # already there
            at = next((i for i, c in enumerate(code) if re.search(rf"\b{re.escape(word)}\b", c)
                       and not re.match(r"(import|from)\s", c.lstrip())), 0)
            inserts.setdefault(at, []).extend(cst.parse_module(source).body)
        for at in sorted(inserts, reverse=True):
            new = inserts[at]
            if at < len(body):
                new[0] = new[0].with_changes(leading_lines=body[at].leading_lines)
                body[at] = body[at].with_changes(leading_lines=[])
            body[at:at] = new
        return updated.with_changes(body=body)


def call_args(call: cst.Call) -> tuple[list[cst.Arg], dict[str, cst.Arg]] | None:
    """(positional, keyword) arguments of a call with no ``*``/``**``; None when it has them."""
    if any(a.star for a in call.args):
        return None
    return [a for a in call.args if a.keyword is None], {a.keyword.value: a for a in call.args if a.keyword}


class Shims(RemovedNames):
    """A rule that writes old functions and methods out as shims (``self.need_shim``) from its own visits, with no
    table of removed names: the per-attribute and per-import lookups of the table are skipped."""

    def leave_Attribute(self, original, updated):
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        return updated
