"""``from numpy import in1d`` where the catalogue records ``numpy.in1d`` as removed or renamed.

The rules and the changelogs speak of the module attribute (``np.in1d(...)``,
``pd.rolling_mean(...)``, ``plt.hold(...)``). A notebook that imported the name
instead fails at the import ("cannot import name 'in1d' from 'numpy'"), before any
use the rules would know. The name is respelled as the module's attribute in every
cell (``in1d(a, b)`` -> ``numpy.in1d(a, b)``, through the notebook's own name for
the module when it has one), and the static rules then run over the changed cells,
so the removed call is replaced in the same edit.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst
from libcst.metadata import ExpressionContext, ExpressionContextProvider, MetadataWrapper

from ..catalogue import Entry, entries, fixes_for
from .framework import CANNOT_IMPORT, Context, build_context, dotted, notebook_rule
from .masking import mask_cached

RULE_ID = "catalogue-from-import"


def catalogue_entry(module: str, name: str) -> Entry | None:
    """The entry recording ``module.name`` as changed (owners are written short: ``pyplot.hold``) and covered by a
    rule, unless the catalogue moved it to another module: importing it from there is catalogue-module's fix. An
    entry no rule covers (``LSHForest``) is left as it fails: respelled, it would fail one line later as an
    AttributeError, and the import's error is the one the catalogue's why and the model's prompt are keyed by."""
    if fixes_for("module", f"{module}.{name}"):
        return None
    last = module.rsplit(".", 1)[-1]
    return next((e for e in entries() if e.name == name and e.owner in (module, last) and e.covered), None)


class _Respell(cst.CSTTransformer):
    """Loads of ``local`` -> ``path``; the ``from module import`` of it is dropped, or becomes ``import``."""

    METADATA_DEPENDENCIES = (ExpressionContextProvider,)

    def __init__(self, module: str, name: str, local: str, path: str, bind: bool) -> None:
        super().__init__()
        self.module, self.name, self.local, self.path, self.bind = module, name, local, path, bind
        self.rebound, self.uses = False, 0

    def visit_Import(self, node) -> bool:
        return False  # the names an import binds are not uses

    def visit_ImportFrom(self, node) -> bool:
        return False

    def leave_Name(self, original, updated):
        if updated.value != self.local:
            return updated
        context = self.get_metadata(ExpressionContextProvider, original, None)
        if context == ExpressionContext.LOAD:
            self.uses += 1
            return cst.parse_expression(self.path)
        if context in (ExpressionContext.STORE, ExpressionContext.DEL):
            self.rebound = True  # the notebook binds the name itself: not ours to respell
        return updated

    def leave_FunctionDef(self, original, updated):
        if updated.name.value == self.local or any(p.name.value == self.local for p in updated.params.params):
            self.rebound = True
        return updated

    def leave_ImportFrom(self, original, updated):
        if updated.relative or updated.module is None or isinstance(updated.names, cst.ImportStar):
            return updated
        if dotted(updated.module) != self.module:
            return updated
        kept = [a for a in updated.names if (a.evaluated_alias or a.evaluated_name) != self.local]
        if len(kept) == len(updated.names):
            return updated
        binding = cst.parse_statement(f"import {self.module}").body[0] if self.bind else None
        if not kept:
            return binding or cst.RemovalSentinel.REMOVE
        trimmed = updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        return cst.FlattenSentinel([trimmed, binding]) if binding else trimmed


def _context_of(sources: list[str], ctx: Context) -> Context:
    """The context of the respelled ``sources`` (their imports), with ``ctx``'s workspace and date."""
    now = build_context(sources, ctx.written)
    now.data_files, now.working_files = ctx.data_files, ctx.working_files
    return now


def _module_path(ctx: Context, module: str) -> tuple[str, bool]:
    """How the notebook reaches ``module`` (its own alias when it has one), and whether an import must be added."""
    own = ctx.name_to_write(module)
    return (own, False) if own else (module, True)


def respell(sources: list[str], failing: int | None, ctx: Context) -> list[tuple[int, str, str, str]]:
    from .engine import _rules, transform_cell  # the engine imports the rule modules

    found = CANNOT_IMPORT.search(ctx.error.evalue) if ctx.error else None
    if found is None or failing is None:
        return []
    module, name = found["module"], found["name"]
    entry = catalogue_entry(module, name)
    if entry is None:
        return []
    # the name the notebook's ``from module import name [as local]`` binds
    local = next((local for local, path in ctx.imported.items() if path == f"{module}.{name}"), None)
    if local is None:
        return []
    base, bind = _module_path(ctx, module)
    results, uses = [], 0
    for i, source in enumerate(sources):
        if not source or not re.search(rf"\b{re.escape(local)}\b", source):
            continue
        masked = mask_cached(source)
        try:
            wrapper = MetadataWrapper(cst.parse_module(masked.code))
        except cst.ParserSyntaxError:
            continue
        changer = _Respell(module, name, local, f"{base}.{name}", bind and i == failing)
        new = wrapper.visit(changer)
        if changer.rebound:
            return []
        uses += changer.uses
        if new.code != masked.code:
            results.append((i, masked.unmask(new.code)))
    if not uses:
        return []  # imported and never used: unused-missing-import drops the name with a note
    # The static rules then act on the respelled uses, with the imports as they now are.
    respelled = list(sources)
    for i, new in results:
        respelled[i] = new
    now = _context_of(respelled, ctx)
    why = (f"{entry.library} {entry.version}: {entry.old} {'became ' + entry.new if entry.new else 'was removed'}; "
           f"imported by name it fails at the import, so it is spelled {base}.{name} (catalogue: {entry.id}).")
    out = []
    for i, new in results:
        out.append((i, new, RULE_ID, why))
        fixed = transform_cell(new, _rules("static"), now)
        out += [(i, fixed.source, rule_id, rule_why) for rule_id, _, rule_why in fixed.applied]
    return out


notebook_rule(
    RULE_ID,
    library="catalogue",
    changed_in="see the catalogue entry",
    rationale="a name imported from a module that removed or renamed it (from numpy import in1d) is spelled as "
    "the module's attribute (numpy.in1d), the spelling the rules and the changelogs know; the static rules then "
    "replace it.",
    signatures=(("ImportError", r"cannot import name '\w+' from '[\w.]+'"),),
    on_error=respell,
)


# --------------------------------------------------------------------------- fallback: the failing call by name

FALLBACK_ID = "catalogue-call-by-name"
# The errors a changed API raises at its call: what the rules keyed by them act on.
_CALL_ERRORS = tuple((ename, r".") for ename in ("TypeError", "ValueError", "AttributeError", "KeyError"))


@lru_cache(maxsize=1)
def _libraries() -> frozenset[str]:
    """The top-level modules the catalogue records changes of."""
    return frozenset(e.old.split(".", 1)[0] for e in entries() if "." in e.old)


def respell_failing_call(sources: list[str], failing: int | None, ctx: Context) -> list[tuple[int, str, str, str]]:
    """The failing line calls a library's function by the name it was imported as (``from lightgbm import train``)
    and no rule had an edit: the call is spelled as the module's attribute on that line, the spelling the rules
    keyed by the error know, and they run. Proposed only when they then change the cell."""
    from .engine import error_rules, transform_cell  # the engine imports the rule modules

    line, error = ctx.error_line, ctx.error
    if failing is None or error is None or not line or not sources[failing]:
        return []
    lines = sources[failing].split("\n")
    if line > len(lines):
        return []
    text, libraries, bindings = lines[line - 1], _libraries(), []
    for local in dict.fromkeys(re.findall(r"(?<![\w.])([A-Za-z_]\w*)\s*\(", text)):
        module, _, name = ctx.imported.get(local, "").rpartition(".")
        if module and module.split(".", 1)[0] in libraries and name:
            base, bind = _module_path(ctx, module)
            text = re.sub(rf"(?<![\w.]){re.escape(local)}(?=\s*\()", f"{base}.{name}", text)
            bindings += [f"import {module}"] if bind else []
    if text == lines[line - 1]:
        return []
    lines[line - 1] = text
    respelled = "\n".join([*dict.fromkeys(bindings), *lines])
    now = _context_of([*sources[:failing], respelled, *sources[failing + 1:]], ctx)
    now.error, now.error_line = error, line + len(set(bindings))
    fixed = transform_cell(respelled, error_rules(error), now, check_wants=False)
    if not fixed.applied:
        return []  # respelled alone, the call would fail the same way
    why = "the failing call is spelled as its module's attribute, as the rules keyed by this error know it."
    return [(failing, respelled, FALLBACK_ID, why),
            *[(failing, fixed.source, rule_id, rule_why) for rule_id, _, rule_why in fixed.applied]]


notebook_rule(
    FALLBACK_ID,
    library="catalogue",
    changed_in="see the rule that then applies",
    rationale="a library function called by the name it was imported as (from lightgbm import train; train(...)) "
    "is spelled as the module's attribute on the failing line when no rule had an edit, and the rules keyed by "
    "the error run on it.",
    signatures=_CALL_ERRORS,
    fallback=respell_failing_call,
)
