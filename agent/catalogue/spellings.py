"""Other spellings of a probe: the same old code as notebooks also write it.

Each function takes a probe's code and returns it respelled, or None when the
spelling does not apply (no aliased import, no module function, no object to hold).
The meaning is unchanged, so a rule that repairs one spelling should repair all.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Callable

import libcst as cst

from ..rules.framework import code_of, dotted


def _smalls(stmt: cst.CSTNode) -> list[cst.BaseSmallStatement]:
    """The statements of a simple line (``a = 1; b = 2``); none for a compound statement."""
    return list(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else []


def _aliases(module: cst.Module) -> dict[str, str]:
    """{alias: module path} of the probe's top-level ``import M as A`` statements."""
    found = {}
    for stmt in module.body:
        for small in _smalls(stmt):
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        found[alias.asname.name.value] = dotted(alias.name)
    return found


def _parse(code: str) -> cst.Module | None:
    try:
        return cst.parse_module(code)
    except cst.ParserSyntaxError:
        return None


class _FullPath(cst.CSTTransformer):
    """``import pandas as pd; pd.read_csv`` -> ``import pandas; pandas.read_csv``."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases

    def leave_Name(self, original, updated):
        path = self.aliases.get(updated.value)
        return cst.parse_expression(path) if path else updated

    def leave_Attribute(self, original, updated):
        return updated.with_changes(attr=original.attr)  # ``x.pd`` is an attribute, not the alias


def full_path(code: str) -> str | None:
    module = _parse(code)
    aliases = _aliases(module) if module else {}
    if not aliases:
        return None
    # Import statements lose the alias; the others have each use of it spelled as the module's path.
    uses, imports = _FullPath(aliases), _DropAlias(set(aliases.values()))
    return module.with_changes(body=[s.visit(imports if _imports(s) else uses) for s in module.body]).code


class _DropAlias(cst.CSTTransformer):
    def __init__(self, paths: set[str]) -> None:
        self.paths = paths

    def leave_ImportAlias(self, original, updated):
        return updated.with_changes(asname=None) if dotted(updated.name) in self.paths else updated


class _ByName(cst.CSTTransformer):
    """``pd.read_csv(...)`` -> ``read_csv(...)``, remembering ``from pandas import read_csv``."""

    def __init__(self, modules: dict[str, str]) -> None:
        self.modules, self.imported = modules, {}

    def leave_Call(self, original, updated):
        func = updated.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in self.modules:
            self.imported[func.attr.value] = self.modules[func.value.value]
            return updated.with_changes(func=cst.Name(func.attr.value))
        return updated


def by_name(code: str) -> str | None:
    module = _parse(code)
    aliases = _aliases(module) if module else {}
    if not aliases:
        return None
    changer = _ByName(aliases)
    body = [stmt if _imports(stmt) else stmt.visit(changer) for stmt in module.body]
    if not changer.imported:
        return None
    lines = [f"from {path} import {name}" for name, path in changer.imported.items()]
    return "\n".join(lines) + "\n" + module.with_changes(body=body).code


def _imports(stmt: cst.CSTNode) -> bool:
    return any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in _smalls(stmt))


class _Held(cst.CSTTransformer):
    """``df.ix[0]`` -> ``held['df'].ix[0]`` for the names ``held`` carries."""

    def __init__(self, names: set[str]) -> None:
        self.names, self.used = names, set()

    def leave_Attribute(self, original, updated):
        if isinstance(updated.value, cst.Name) and updated.value.value in self.names:
            self.used.add(updated.value.value)
            key = cst.SimpleString(repr(updated.value.value))
            return updated.with_changes(value=cst.Subscript(cst.Name("held"), [cst.SubscriptElement(cst.Index(key))]))
        return updated


def _objects_used_last(code: str) -> tuple[cst.Module, cst.BaseStatement, _Held] | None:
    """The probe, its last statement with the objects it reads an attribute of (names assigned before, not
    module aliases) reached through ``held``, and what was replaced; None when there is none."""
    module = _parse(code)
    if module is None or len(module.body) < 2:
        return None
    assigned = set()
    for stmt in module.body[:-1]:
        for small in _smalls(stmt):
            if isinstance(small, cst.Assign):
                assigned |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
    changer = _Held(assigned - set(_aliases(module)))
    last = module.body[-1].visit(changer)
    return (module, last, changer) if changer.used else None


def held(code: str) -> str | None:
    """The object the last statement uses reached through a dict, as notebooks hold frames by name."""
    found = _objects_used_last(code)
    if found is None:
        return None
    module, last, changer = found
    holder = cst.parse_statement("held = {" + ", ".join(f"{n!r}: {n}" for n in sorted(changer.used)) + "}\n")
    return module.with_changes(body=[*module.body[:-1], holder, last]).code


def passed_through(code: str) -> str | None:
    """The object the last statement uses rebound from a function of the notebook's own just before
    (``df = prepare(df)``), as notebooks pass a frame through their cleaning steps: what a rule learnt of the
    name from its first assignment (``pd.read_csv``) no longer holds at the last one."""
    found = _objects_used_last(code)
    if found is None:
        return None
    module, _, changer = found
    name = sorted(changer.used)[0]
    step = cst.parse_module(f"def prepare(data):\n    return data\n{name} = prepare({name})\n").body
    return module.with_changes(body=[*module.body[:-1], *step, module.body[-1]]).code


class _Renamed(cst.CSTTransformer):
    """Every reference to ``old`` (not an attribute's or a keyword's name) as the expression ``new``."""

    def __init__(self, old: str, new: cst.BaseExpression) -> None:
        self.old, self.new, self.skip, self.used = old, new, set(), False

    def visit_Attribute(self, node) -> None:
        self.skip.add(id(node.attr))

    def visit_Arg(self, node) -> None:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def leave_Name(self, original, updated):
        if updated.value != self.old or id(original) in self.skip:
            return updated
        self.used = True
        return self.new


class _Inlined(_Renamed):
    """Each read of ``name`` as ``value``, a call (binding tighter than anything around it: no parentheses),
    noting whether the statement writes to the object or a lambda takes a parameter of that name."""

    def __init__(self, name: str, value: cst.BaseExpression) -> None:
        super().__init__(name, value)
        self.changed_in_place = False

    def visit_Arg(self, node) -> None:
        super().visit_Arg(node)
        # an object changed in place and not kept: inlined, the statement would mean nothing
        self.changed_in_place |= node.keyword is not None and node.keyword.value == "inplace"

    def visit_Param(self, node) -> None:
        self.changed_in_place |= node.name.value == self.old

    def visit_AssignTarget(self, node) -> None:
        self._written(node.target)

    def visit_AugAssign(self, node) -> None:
        self._written(node.target)

    def _written(self, target: cst.BaseExpression) -> None:  # df.loc[0, 'a'] = ..., df['b'] += 1
        self.changed_in_place |= re.search(rf"\b{re.escape(self.old)}\b", code_of(target)) is not None


def in_a_loop(code: str) -> str | None:
    """The last statement run for each object of a list, under the loop's name (``for each in [df]:``), as
    notebooks treat train and test alike (``for dataset in full_data:``): the name a rule knows is not there."""
    found = _objects_used_last(code)
    if found is None:
        return None
    module, _, finder = found
    name = sorted(finder.used)[0]
    last = module.body[-1].visit(_Renamed(name, cst.Name("each")))
    loop = cst.parse_statement(f"for each in [{name}]:\n    pass\n")
    loop = loop.with_changes(body=loop.body.with_changes(body=[last.with_changes(leading_lines=())]))
    return module.with_changes(body=[*module.body[:-1], loop]).code


def in_function(code: str) -> str | None:
    """The probe's statements inside a function the cell then calls, as notebooks wrap their steps (the
    imports stay at the top): names are local, and the error is raised a frame below the cell's own line."""
    module = _parse(code)
    if module is None:
        return None
    imports = [s for s in module.body if _imports(s)]
    rest = [s for s in module.body if not _imports(s)]
    if not rest:
        return None
    run = cst.FunctionDef(cst.Name("run"), cst.Parameters(), cst.IndentedBlock(rest))
    return module.with_changes(body=[*imports, run, cst.parse_statement("run()\n")]).code


def chained(code: str) -> str | None:
    """The object the last statement uses, built in place rather than named (``pd.DataFrame(...).ix[0]``), as
    notebooks chain a read, a groupby or a copy into the call that fails: no name tells a rule what it is. Only
    an object assigned once from a call, read by no statement in between, is inlined (the meaning is kept)."""
    module = _parse(code)
    if module is None or len(module.body) < 2 or _imports(module.body[-1]):
        return None
    *rest, last = module.body
    for i in range(len(rest) - 1, -1, -1):
        smalls = _smalls(rest[i])
        if len(smalls) != 1 or not isinstance(smalls[0], cst.Assign) or len(smalls[0].targets) != 1:
            continue
        target, value = smalls[0].targets[0].target, smalls[0].value
        if not isinstance(target, cst.Name) or not isinstance(value, cst.Call):
            continue
        between = module.with_changes(body=rest[i + 1:]).code
        reads = _Inlined(target.value, value)
        new_last = last.visit(reads)
        if not reads.used or reads.changed_in_place or re.search(rf"\b{target.value}\b", between):
            continue
        return module.with_changes(body=[*rest[:i], *rest[i + 1:], new_last]).code
    return None


def spread(code: str) -> str | None:
    """The last statement's brackets opened onto lines of their own, one argument per line, as notebooks lay out
    a long call (``model.fit(X, y,\n    epochs=10)``): the failing line a traceback names is then one line of
    several, not always the one the statement starts on."""
    module = _parse(code)
    if module is None or not module.body or _imports(module.body[-1]) or not _smalls(module.body[-1]):
        return None
    head = module.with_changes(body=module.body[:-1]).code
    head = head if not head or head.endswith("\n") else head + "\n"
    last = module.with_changes(body=[module.body[-1].with_changes(leading_lines=())], header=()).code.rstrip("\n")
    if "\n" in last:
        return None  # already over several lines
    breaks, open_ = [], []  # a call's arguments go one per line; lists, dicts and subscripts stay whole
    for tok in tokenize.generate_tokens(io.StringIO(last + "\n").readline):
        if tok.type != tokenize.OP:
            continue
        if tok.string in "([{":
            open_.append(tok.string)
            if tok.string == "(" and open_.count("(") == len(open_):
                breaks.append(tok.end[1])
        elif tok.string in ")]}":
            open_.pop()
            if breaks and breaks[-1] == tok.start[1]:
                breaks.pop()  # an empty call, f(), stays whole
        elif tok.string == "," and open_ and all(b == "(" for b in open_):
            breaks.append(tok.end[1])
    if not breaks:
        return None
    pieces = [last[start:end].strip(" ") for start, end in zip([0, *breaks], [*breaks, len(last)])]
    return head + "\n    ".join(pieces)


def _last_value(code: str) -> tuple[str, str] | None:
    """The probe without its last statement, and that statement's value when it is an expression or an
    assignment to a name (what a notebook would print instead)."""
    module = _parse(code)
    if module is None or not module.body or not _smalls(module.body[-1]) or len(_smalls(module.body[-1])) > 1:
        return None
    small = _smalls(module.body[-1])[0]
    if isinstance(small, cst.Expr):
        value = small.value
    elif isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        value = small.value
    else:
        return None
    if isinstance(value, cst.Call) and dotted(value.func) == "print":
        return None
    head = module.with_changes(body=module.body[:-1]).code
    return (head if not head or head.endswith("\n") else head + "\n"), code_of(value)


def printed(code: str) -> str | None:
    """The last statement's value printed (``print(df.mad())``), as notebooks show a result: the call a rule
    matches is an argument, not the statement. (A probe whose last call returns None, a setter such as
    ``plt.hold(True)``, is respelled too: nobody prints those, and the rules that drop such a statement miss.)"""
    found = _last_value(code)
    return None if found is None else f"{found[0]}print({found[1]})"


def formatted(code: str) -> str | None:
    """The last statement's value inside an f-string (``print(f"MAD: {df.mad()}")``), as notebooks label what
    they print: the call sits in a string's replacement field, where a rule reading the line's text sees quotes
    around it."""
    found = _last_value(code)
    if found is None or "\n" in found[1] or "\\" in found[1]:
        return None
    quote = next((q for q in ('"', "'") if q not in found[1]), None)
    if quote is None:
        return None
    line = f"print(f{quote}result: {{{found[1]}}}{quote})"
    try:  # the field holds the value, no more (a top-level ':' or '!' would start a format spec)
        field = ast.parse(line).body[0].value.args[0].values[1].value
    except (SyntaxError, IndexError, AttributeError):
        return None
    return f"{found[0]}{line}" if ast.dump(field) == ast.dump(ast.parse(found[1], mode="eval").body) else None


class Cells(tuple):
    """A spelling of more than one cell: the cells' sources, run one after another in one namespace."""


def in_next_cell(code: str) -> Cells | None:
    """The probe's last statement in a cell of its own, after a cell with the rest, as notebooks set up in one
    cell what a later cell uses: what the rules know of a name must come from the notebook, not the cell."""
    module = _parse(code)
    if module is None or len(module.body) < 2 or _imports(module.body[-1]):
        return None
    first = module.with_changes(body=module.body[:-1]).code.rstrip("\n")
    last = module.with_changes(body=[module.body[-1].with_changes(leading_lines=())], header=()).code.rstrip("\n")
    return Cells((first, last))


class HelperModule(str):
    """A spelling that is not a cell: the text of a module shipped next to the notebook, which the cell imports
    and runs (repair.repair_helper repairs it as the loop repairs a notebook's helper modules)."""


def in_helper_module(code: str) -> HelperModule | None:
    """The probe's statements in a function of a helper module (``helpers.py``) with the probe's imports at
    its top, as old notebooks keep their steps: the module is repaired, not the cell that calls it."""
    wrapped = in_function(code)
    if wrapped is None:
        return None
    return HelperModule(wrapped.rstrip().removesuffix("run()"))


SPELLINGS: dict[str, Callable[[str], str | Cells | None]] = {
    "as written": lambda code: code,
    "full path": full_path,
    "by name": by_name,
    "held": held,
    "in a loop": in_a_loop,
    "in a function": in_function,
    "in a helper": in_helper_module,
    "next cell": in_next_cell,
    "spread": spread,
    "chained": chained,
    "passed through": passed_through,
    "printed": printed,
    "formatted": formatted,
}
