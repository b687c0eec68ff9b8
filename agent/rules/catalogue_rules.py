"""Error-keyed rules driven by the erosion catalogue (agent/catalogue): one rule per kind of fix.

A specific rule knows a spelling; these know a change. When a cell fails with
"'DataFrame' object has no attribute 'iteritems'", the catalogue says what
``iteritems`` became, and the attribute is renamed on the failing line whatever
the receiver is called (``df``, ``train.groupby('a')['b']``, a method chain).
Likewise an unexpected keyword argument, a moved module, a name imported from a
module that no longer has it. Where the catalogue is silent about a keyword,
the callable's signature in the locked environment is read (signatures.py) and a
parameter spelled almost the same is taken, unless the old releases' own signatures
(old_parameters.json) say it sat beside the old one all along, or that no old
release took the keyword (a slip). scripts/keyword_fallback_check.py measures the guess
against the catalogue's own renames.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

import libcst as cst
from libcst.metadata import PositionProvider

from ..catalogue import Entry, fixes_for
from ..catalogue.lookup import import_name
from .framework import (
    CANNOT_IMPORT,
    RuleTransformer,
    build_context,
    callee_name,
    dotted,
    kwarg,
    remove_kwarg,
    rename_kwarg,
    rule,
    split_import_from,
)
from .signatures import closest_parameter

_NO_ATTRIBUTE = re.compile(
    r"(?:'(?P<type>[\w.]+)' object|module '(?P<module>[\w.]+)'|type object '(?P<tobj>[\w.]+)') "
    r"has no attribute '(?P<attr>\w+)'"
)
# A PyTables Group reads an unknown attribute as a child node: its renamed _f_ methods fail so
_NO_CHILD = re.compile(r"does not have a child named ``(?P<attr>_f_\w+)``")
# scikit-learn's parameter validation drops the function's name: "got an unexpected keyword argument 'eps'"
_UNEXPECTED = re.compile(r"(?:(?P<func>[\w.<>]+)\(\) )?got an unexpected keyword argument '(?P<kw>\w+)'")
_NO_MODULE = re.compile(r"No module named '(?P<module>[\w.]+)'")
# Types whose removed methods went from both at once: an entry written for one serves the other.
_FAMILIES = ({"DataFrame", "Series", "NDFrame"}, {"DataFrameGroupBy", "SeriesGroupBy", "GroupBy"},
             {"Index", "DatetimeIndex", "RangeIndex", "MultiIndex", "CategoricalIndex"})


def _same_owner(entry_owner: str, found: str) -> bool:
    a, b = entry_owner.rsplit(".", 1)[-1], found.rsplit(".", 1)[-1]
    return a == b or entry_owner == found or any(a in f and b in f for f in _FAMILIES)


class _OnTheLine(RuleTransformer):
    """Acts on nodes that span the failing line (every node when no line is known: the rule's examples)."""

    METADATA_DEPENDENCIES = (PositionProvider,)



def _sentence(entry: Entry | None) -> str | None:
    """Why the edit was made, from the catalogue entry that made it."""
    if entry is None:
        return None
    new = f" became {entry.new}" if entry.new else " was removed"
    return f"{entry.library} {entry.version}: {entry.old}{new} (catalogue: {entry.id})."


# --------------------------------------------------------------------------- attributes


def _attribute_entries(evalue: str) -> tuple[str, list[Entry]]:
    m = _NO_ATTRIBUTE.search(evalue)
    if not m:
        child = _NO_CHILD.search(evalue)
        return (child["attr"], [e for e in fixes_for("attribute", child["attr"]) if _same_owner(e.owner, "Group")]) \
            if child else ("", [])
    owner = m["type"] or m["module"] or m["tobj"]
    return m["attr"], [e for e in fixes_for("attribute", m["attr"]) if _same_owner(e.owner, owner)]


@rule(
    "catalogue-attribute",
    library="catalogue",
    changed_in="see the catalogue entry",
    rationale="an attribute or method the catalogue records as renamed is renamed on the failing line, whatever "
    "the object is called.",
    kind="error",
    signatures=(("AttributeError", r"has no attribute '\w+'"), ("NoSuchNodeError", _NO_CHILD.pattern)),
    describe=lambda ctx: _sentence(next(iter(_attribute_entries(ctx.error.evalue)[1]), None)) if ctx.error else None,
)
class CatalogueAttribute(_OnTheLine):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.attr, found = _attribute_entries(ctx.error.evalue) if ctx.error else ("", [])
        self.entry = found[0] if found else None

    def leave_Attribute(self, original, updated):
        if self.entry is None or updated.attr.value != self.attr or not self.spans_error_line(original):
            return updated
        return updated.with_changes(attr=cst.Name(self.entry.fix.attribute))


# --------------------------------------------------------------------------- keywords


def _keyword_entry(kw: str, func: str, callee: str | None) -> Entry | None:
    """The catalogue's entry for parameter ``kw`` of the call: the callable the message names
    (``OneHotEncoder.__init__``, ``read_csv``) first, then the called name on the line."""
    named = func.replace(".__init__", "").rsplit(".", 1)[-1]
    entries = fixes_for("keyword", kw)
    for wanted in (named, callee):
        for e in entries:
            if wanted and e.keyword_form()[0] == wanted:
                return e
    return None


@rule(
    "catalogue-keyword",
    library="catalogue",
    changed_in="see the catalogue entry",
    rationale="a parameter the catalogue records as renamed (or removed with no effect left) is renamed "
    "(or dropped) in the failing call; where the catalogue is silent, the installed signature's parameter "
    "of almost the same spelling is taken, unless the old releases had it beside the old one.",
    kind="error",
    signatures=(("TypeError", r"got an unexpected keyword argument"),
                ("AttributeError", r"got an unexpected keyword argument")),
    describe=lambda ctx: _describe_keyword(ctx),
)
class CatalogueKeyword(_OnTheLine):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        m = _UNEXPECTED.search(ctx.error.evalue) if ctx.error else None
        self.kw, self.func = (m["kw"], m["func"] or "") if m else ("", "")

    def leave_Call(self, original, updated):
        if not self.kw or kwarg(updated, self.kw) is None or not self.spans_error_line(original):
            return updated
        entry = _keyword_entry(self.kw, self.func, callee_name(updated))
        if entry is not None:
            new = entry.fix.keyword
        else:
            new = closest_parameter(self._qualified(updated.func), self.kw)
            if new is None:
                return updated
        return rename_kwarg(updated, self.kw, new) if new else remove_kwarg(updated, self.kw)

    def _qualified(self, func: cst.BaseExpression) -> str | None:
        """``pd.read_csv`` -> "pandas.read_csv", ``OneHotEncoder`` -> "sklearn.preprocessing.OneHotEncoder"."""
        name = dotted(func)
        if not name:
            return None
        head, _, rest = name.partition(".")
        origin = self.ctx.imported.get(head)
        if origin is None:
            return None
        return f"{origin}.{rest}" if rest else origin


def _describe_keyword(ctx) -> str | None:
    m = _UNEXPECTED.search(ctx.error.evalue) if ctx.error else None
    if m is None:
        return None
    entry = _keyword_entry(m["kw"], m["func"] or "", None) or next(iter(fixes_for("keyword", m["kw"])), None)
    if entry is not None:
        return _sentence(entry)
    return (f"the installed {(m['func'] or 'callable').replace('.__init__', '')} has no parameter {m['kw']!r}; the parameter "
            "of almost the same name in its signature today is used.")


# --------------------------------------------------------------------------- modules and imported names


def _module_entry(error) -> tuple[str, str, Entry] | None:
    """(old module, name or "", entry) for "No module named 'm'" / "cannot import name 'n' from 'm'"."""
    if error is None:
        return None
    m = CANNOT_IMPORT.search(error.evalue)
    if m:
        # a name that moved; not a submodule imported from its parent (`from pyLDAvis import sklearn`), which
        # stays a module where it went: catalogue-module-paths names it there
        found = [e for e in fixes_for("module", f"{m['module']}.{m['name']}") if e.raises != "ModuleNotFoundError"]
        return (m["module"], m["name"], found[0]) if found else None
    m = _NO_MODULE.search(error.evalue)
    if not m:
        return None
    module = m["module"]
    while module:  # 'sklearn.cross_validation.foo' is covered by an entry for sklearn.cross_validation
        found = fixes_for("module", module)
        if found:
            return module, "", found[0]
        module = module.rpartition(".")[0]
    return None


@rule(
    "catalogue-module",
    library="catalogue",
    changed_in="see the catalogue entry",
    rationale="a module (or a name in it) the catalogue records as moved is imported from where it lives now.",
    kind="error",
    signatures=(("ModuleNotFoundError", r"No module named"), ("ImportError", r"cannot import name")),
    describe=lambda ctx: _sentence((_module_entry(ctx.error) or (None, None, None))[2]),
)
class CatalogueModule(_OnTheLine):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.found = _module_entry(ctx.error)

    def _moved(self, module: str) -> str | None:
        old, _, entry = self.found
        if module == old or module.startswith(old + "."):
            return entry.fix.module + module[len(old):]
        return None

    def leave_ImportFrom(self, original, updated):
        if self.found is None or updated.relative or updated.module is None or not self.spans_error_line(original):
            return updated
        old, name, entry = self.found
        module = dotted(updated.module)
        if not name:  # the whole module moved
            new = self._moved(module or "")
            return updated.with_changes(module=cst.parse_expression(new)) if new else updated
        if module != old or isinstance(updated.names, cst.ImportStar):
            return updated
        kept = [a for a in updated.names if a.evaluated_name != name]
        if len(kept) == len(updated.names):
            return updated
        alias = next(a for a in updated.names if a.evaluated_name == name)
        local = alias.evaluated_alias or name
        return split_import_from(updated, kept, [(entry.fix.module, entry.fix.name or name, local)])

    def leave_Import(self, original, updated):
        if self.found is None or self.found[1] or not self.spans_error_line(original):
            return updated
        old, _, entry = self.found
        names = []
        for alias in updated.names:
            new = self._moved(alias.evaluated_name)
            if not new:
                names.append(alias)
            elif alias.asname is not None:
                names.append(alias.with_changes(name=cst.parse_expression(new)))
            elif "." in old:  # `import a.b` binds `a`: the uses below name the old path; leave it to others
                return updated
            else:  # a renamed package: `import old.sub` binds `old`, which the uses below read as the new one
                if new != entry.fix.module:
                    names.append(cst.ImportAlias(name=cst.parse_expression(new)))  # loads the submodule
                names.append(cst.ImportAlias(name=cst.parse_expression(entry.fix.module),
                                             asname=cst.AsName(name=cst.Name(old))))
        return updated.with_changes(names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in names])

    def leave_SimpleStatementLine(self, original, updated):
        from .framework import one_statement_per_line

        return one_statement_per_line(original, updated)


# --------------------------------------------------------------------------- lint: changed defaults


def default_findings(sources: list[str], imported: dict[str, str] | None = None) -> list[tuple[int, int, Entry]]:
    """(position in ``sources``, line, entry) for each call that leaves a parameter to a default the
    catalogue records as changed: the notebook silently computes something else than it did. A call counts
    only as the entry names it: ``numpy.load`` through an import of numpy (not ``json.load``), ``str.replace``
    through ``.str`` (not a Python string's), any other name in a notebook that imports the library.
    ``imported``: the notebook's import bindings (``Context.imported``) when the caller has read them."""
    from .masking import parse_masked

    by_callable, wanted = _changed_defaults()
    if wanted is None:
        return []
    trees = {i: parse_masked(source) for i, source in enumerate(sources) if wanted.search(source)}
    if not any(trees.values()):
        return []
    if imported is None:
        imported = build_context(sources).imported  # the imports' bindings, as the rules read them
    found = []
    for i, tree in trees.items():
        for node in ast.walk(tree) if tree is not None else ():
            if type(node) is not ast.Call:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name not in by_callable:
                continue
            given = {k.arg for k in node.keywords}
            if None in given:
                continue  # **kwargs may set it
            for entry, param in by_callable[name]:
                place = entry.positional_index
                if place is not None and (len(node.args) > place or any(type(a) is ast.Starred for a in node.args)):
                    continue  # given by position
                if param not in given and _names_the_callable(entry, func, imported):
                    found.append((i, node.lineno, entry))
    return found


@lru_cache(maxsize=1)
def _changed_defaults() -> tuple[dict[str, list[tuple[Entry, str]]], re.Pattern | None]:
    """The changed defaults by the callable's last name, and a regex that finds a call of any of them."""
    from ..catalogue import changed_defaults

    by_callable: dict[str, list[tuple[Entry, str]]] = {}
    for entry, callable_, param in changed_defaults():
        by_callable.setdefault(callable_, []).append((entry, param))
    if not by_callable:
        return by_callable, None
    return by_callable, re.compile(r"\b(" + "|".join(map(re.escape, sorted(by_callable))) + r")\s*\(")


def _names_the_callable(entry: Entry, func, imported: dict[str, str]) -> bool:
    """Whether the called ``func`` (an ast node) is what ``entry.old`` names, as far as the imports tell."""
    path = entry.callable_path
    owner = path.rpartition(".")[0]
    if owner == "str":  # pandas' string methods, not Python's str
        return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and func.value.attr == "str"
    if owner.split(".")[0] == entry.library:  # a module path: the call must resolve to it
        return _resolved(func, imported) == path
    package = import_name(entry.library)
    head = func
    while isinstance(head, ast.Attribute):
        head = head.value
    if isinstance(head, ast.Name) and head.id in imported and imported[head.id].split(".")[0] != package:
        return False  # cv2.resize, np.resize, skimage's resize: another library's callable of that name
    return any(origin.split(".")[0] == package for origin in imported.values())


def _resolved(func, imported: dict[str, str]) -> str | None:
    """``np.linalg.lstsq`` -> "numpy.linalg.lstsq" through the imports; None when its head was not imported."""
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or func.id not in imported:
        return None
    return ".".join([imported[func.id], *reversed(parts)])
