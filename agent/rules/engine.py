"""Running rules over cells and notebooks: the static pass, error-keyed fixes, calibration.

Every entry point works cell by cell on masked sources (IPython syntax hidden,
see masking.py), applies the applicable rules in registry order and turns the
result into one ``Edit`` per changed cell whose rationale lists every rule that
touched it. Notebook-level rules (cell order, data paths) see all sources.
"""

from __future__ import annotations

import ast
import difflib
import itertools
import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import libcst as cst
from pydantic import BaseModel

from ...core import CellError, Edit, FixType, Notebook, edit_key
from . import python2
from .catalogue_rules import default_findings
from .collector import paused
from .framework import (
    NOTEBOOK_ERROR,
    NOTEBOOK_FALLBACK,
    NOTEBOOK_STATIC,
    RULES,
    Context,
    Kind,
    NotebookFix,
    Rule,
    build_context,
    code_of,
    signed,
)
from .literals import wanting
from .masking import mask_cached, parse_masked
from .packages import missing_imports
from .traversal import module_code
from .unrun_rules import comment_out_unrun, keep_published_failure


class Finding(BaseModel):
    """One thing that would break (or silently change) in the locked environment."""

    rule_id: str
    cell: int  # notebook cell index
    line: int  # 1-based line in the cell
    message: str
    fixable: bool = True
    # "warning": runs, but computes something else than it did (a changed default); "error": it breaks.
    severity: Literal["error", "warning"] = "error"


@dataclass
class CellChange:
    source: str  # the cell after all changes
    applied: list[tuple[str, int, str]] = field(default_factory=list)  # (rule id, line, explanation)

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(rule_id for rule_id, _, _ in self.applied))

    def edit(self, old: str, fix_type: FixType, cell: int = 0, file: str | None = None) -> Edit | None:
        """The change as an Edit of ``old`` (a cell, or a helper module's ``file``); None if nothing changed."""
        if self.source == old:
            return None
        reasons = dict.fromkeys(text for _, _, text in self.applied)
        return Edit(cell=cell, file=file, old=old, new=self.source, fix_type=fix_type,
                    origin="rule:" + "+".join(self.ids), rationale=" ".join(reasons))


def _first_changed_line(before: str, after: str) -> int:
    matcher = difflib.SequenceMatcher(a=before.split("\n"), b=after.split("\n"), autojunk=False)
    for tag, i1, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            return i1 + 1
    return 1


def _rules(kind: Kind) -> list[Rule]:
    return [r for r in RULES.values() if r.kind == kind]


def transform_cell(
    source: str,
    rules: list[Rule],
    ctx: Context,
    python2_notebook: bool = False,
    allow_py2: bool = True,
    check_wants: bool = True,
) -> CellChange:
    """Apply ``rules`` to one cell's source; IPython lines are masked and restored."""
    change = CellChange(source)
    text_rules, code_rules = _split(rules)
    for r in text_rules:  # shell/magic lines: they work on the raw text
        if r.wants(change.source):
            new = r.transform(change.source, ctx)
            if new != change.source:
                change.applied.append((r.id, _first_changed_line(change.source, new), r.explain()))
                change.source = new
    masked = mask_cached(change.source)
    if masked.foreign or not code_rules:
        return change
    code = masked.code
    py2_wanted = allow_py2 and python2_notebook and python2.wants(code)
    # The pre-filters are read once per text of the cell (it only changes when a rule rewrites it), all
    # rules at once: literals.wanting asks only the rules whose texts occur in it.
    wanted = _wanted(code_rules, code, ctx) if check_wants else set()
    if check_wants and not py2_wanted and not wanted:
        # Parsing is the costly step: skip cells no rule cares about (unless they are Python 2).
        if not allow_py2 or parse_masked(change.source) is not None:
            return change
    module = _parse(code)
    if allow_py2 and module is not None and python2.LIBCST_READS.search(code) and parse_masked(change.source) is None:
        module = None  # libcst's grammar is wider than Python 3's here: convert it as Python 2
    if allow_py2 and (module is None or py2_wanted):
        converted = python2.convert(code, print_statement=module is None)
        converted_module = _parse(converted) if converted is not None and converted != code else None
        if converted_module is not None:
            r = RULES["python2-to-3"]
            change.applied.append((r.id, _first_changed_line(code, converted), r.explain()))
            code, module = converted, converted_module
            wanted = _wanted(code_rules, code, ctx) if check_wants else set()
    if module is None:
        return change  # not Python we can read: leave it to the LLM
    filtered = converted_from = code
    for r in code_rules:
        if r.id == "python2-to-3":
            continue
        if check_wants and code is not filtered:
            wanted, filtered = _wanted(code_rules, code, ctx), code
        if check_wants and r.id not in wanted:
            continue
        try:
            new_module = r.transform(module, ctx)
        except Exception:  # noqa: BLE001 - a rule must never take the pass down
            if os.environ.get("MLEMOD_RULE_ERRORS") == "raise":  # the tests': a raising rule is a bug to see
                raise
            continue
        if new_module is module:
            continue
        new_code = module_code(new_module)
        if new_code != code and _FSTRING.search(new_code):
            new_module, new_code = _fields_kept(code, new_module, new_code)
            if new_module is None:
                continue  # an edit this Python cannot read is no repair
        if new_code != code:
            change.applied.append((r.id, _first_changed_line(code, new_code), r.explain(ctx)))
            code, module = new_code, new_module
    if allow_py2 and python2_notebook and code != converted_from and python2.wants(code):
        # The rules' own output in a Python 2 notebook (a range(...) they wrote) is converted now, as a second
        # pass would convert it: the pass stays idempotent whatever the rules write.
        again = python2.convert(code, print_statement=False)
        if again is not None and again != code and _parse(again) is not None:
            r = RULES["python2-to-3"]
            if r.id not in change.ids:
                change.applied.append((r.id, _first_changed_line(code, again), r.explain()))
            code = again
    change.source = masked.unmask(code)
    return change


_FSTRING = re.compile(r"(?<![\w.])(?:[fF][rR]?|[rR][fF])['\"]")


class _FieldInParens(cst.CSTTransformer):
    """An f-string field whose expression a rule made start with a brace (``{ {'th': ...}[x]}``): Python reads
    ``{{`` there as a literal brace, so the expression goes in parentheses."""

    def leave_FormattedStringExpression(self, original, updated):
        if code_of(updated.expression).startswith("{"):
            return updated.with_changes(expression=updated.expression.with_changes(
                lpar=[cst.LeftParen()], rpar=[cst.RightParen()]))
        return updated


def _compiles(code: str) -> bool:
    try:
        compile(code, "<cell>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def _fields_kept(code: str, module: cst.Module, new_code: str) -> tuple[cst.Module | None, str]:
    """A rewrite that touched an f-string, made readable by this Python if it was before: libcst writes any
    expression into a field, and Python 3.11 refuses some (a leading brace, a backslash). (None, new_code) when
    it still does not compile."""
    if _compiles(new_code) or not _compiles(code):
        return module, new_code
    module = module.visit(_FieldInParens())
    new_code = module_code(module)
    return (module, new_code) if _compiles(new_code) else (None, new_code)


_LAST_SPLIT: tuple = ([], ([], []))  # the rules last split (a copy) and their split: a pass gives every cell the same


def _split(rules: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    """``rules`` as (the text rules, the rules that read a tree)."""
    global _LAST_SPLIT
    last = _LAST_SPLIT
    if last[0] == rules:  # the same rules: list equality tries identity first, in C
        return last[1]
    split = [r for r in rules if r.text], [r for r in rules if not r.text]
    _LAST_SPLIT = (list(rules), split)
    return split


def _wanted(rules: list[Rule], code: str, ctx: Context) -> set[str]:
    """The ids of the ``rules`` whose pre-filters let ``code`` through and whose gate lets the notebook through."""
    return {rule_id for rule_id, r in wanting(rules, code).items() if _open(r, ctx, code)}


def _open(r: Rule, ctx: Context, code: str) -> bool:
    if r.gate is None:
        return True
    try:
        return bool(r.gate(ctx, code))
    except Exception:  # noqa: BLE001 - a gate that fails says nothing: the rule runs
        return True


@lru_cache(maxsize=256)
def _parse(code: str) -> cst.Module | None:
    """libcst's tree of ``code``; cached: libcst trees are immutable, and the repair loop's lint, static
    pass and error-keyed fixes read the same cells again. The cells of a notebook or two: each tree held
    is hundreds of objects that every full garbage collection walks."""
    try:
        return cst.parse_module(code)
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return None


def _edits(nb: Notebook, changes: dict[int, CellChange], fix_type: FixType) -> list[Edit]:
    edits = (changes[i].edit(nb.cells[i].source, fix_type, cell=i) for i in sorted(changes))
    return [e for e in edits if e is not None]


def _context(nb: Notebook, sources: list[str], written: str | None) -> Context:
    """The notebook context the rules read. A Python 2 cell that does not parse is read in its Python 3
    form (the conversion ``transform_cell`` makes first, cached), so that its imports count in one pass."""
    code = [sources[i] for i in nb.code_indices()]
    if nb.python2:
        code = [_as_python3(s) if parse_masked(s) is None else s for s in code]
    return build_context(code, written)


def _as_python3(source: str) -> str:
    masked = mask_cached(source)
    converted = None if masked.foreign else python2.convert(masked.code, print_statement=True)
    return masked.unmask(converted) if converted is not None else source


def _static_changes(nb: Notebook, written: str | None, data_files: Sequence[str] = (),
                    working_files: Sequence[str] = ()) -> tuple[dict[int, CellChange], Context]:
    """Every static rule over every code cell, then the notebook-level ones: the changed cells, and the
    notebook's context as the rules read it."""
    sources = nb.sources()
    code_cells = nb.code_indices()
    ctx = _context(nb, sources, written or nb.written)
    ctx.data_files, ctx.working_files = list(data_files), list(working_files)
    rules = _rules("static")
    changes: dict[int, CellChange] = {}
    for i in code_cells:
        changes[i] = transform_cell(sources[i], rules, ctx, nb.python2)
    current = [changes[i].source if i in changes else s for i, s in enumerate(sources)]
    code_only = [s if i in changes else "" for i, s in enumerate(current)]
    for fix in NOTEBOOK_STATIC:
        for cell, new, rule_id, why in _guarded(fix, code_only, None, ctx):
            change = changes.setdefault(cell, CellChange(current[cell]))
            change.applied.append((rule_id, _first_changed_line(change.source, new), why))
            change.source = code_only[cell] = current[cell] = new
    return changes, ctx


DEFAULTS_SETTLED = "2026-01"  # by then every default the catalogue records had changed (pandas 3.0 the last)


@paused
def lint(nb: Notebook, written: str | None = None, data_files: Sequence[str] = (),
         working_files: Sequence[str] = ()) -> list[Finding]:
    """What would break in the locked environment, without running anything. ``data_files`` (relative to
    the data folder) and ``working_files`` (the helper files): what the run's workspace holds, for the
    path rules; without them those rules find nothing."""
    findings = []
    changes, ctx = _static_changes(nb, written, data_files, working_files)
    for i, change in sorted(changes.items()):
        for rule_id, line, why in change.applied:
            findings.append(Finding(rule_id=rule_id, cell=i, line=line, message=why))
    code_cells = nb.code_indices()
    for position, line, module in missing_imports([nb.cells[i].source for i in code_cells], helper_modules(nb)):
        findings.append(
            Finding(
                rule_id="missing-package",
                cell=code_cells[position],
                line=line,
                fixable=False,
                message=f"'{module}' is not in the locked environment; the import fails (the environment is never changed).",
            )
        )
    # Changed defaults are worth a warning in a notebook of the old stack (one that uses removed APIs, or
    # was written before today's majors); in a modern one they are just how the library works.
    old = bool(findings) or nb.python2 or bool(written := written or nb.written) and written < DEFAULTS_SETTLED
    for position, line, entry in default_findings([nb.cells[i].source for i in code_cells], ctx.imported) if old else ():
        pinned = f" ({entry.rule} pins the old value for a notebook written before)" if entry.rule else ""
        findings.append(Finding(rule_id=entry.id, cell=code_cells[position], line=line, fixable=False,
                                severity="warning",
                                message=f"{entry.library} {entry.version} changed the default of {entry.old}: "
                                f"{entry.new}; the result may differ{pinned}."))
    findings.sort(key=lambda f: (f.cell, f.line))
    return findings


def helper_modules(nb: Notebook) -> set[str]:
    """Modules shipped next to the notebook (the corpus keeps them in a folder named like it)."""
    if nb.path is None:
        return set()
    names = set()
    for folder in (nb.path.parent, nb.path.parent / nb.path.stem):
        if folder.is_dir():
            names |= {p.stem for p in folder.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}
    return names


@paused
def fix_static(nb: Notebook, written: str | None = None, data_files: Sequence[str] = (),
               working_files: Sequence[str] = (), old_defaults: bool = False,
               none_text_files: Sequence[str] = ()) -> list[Edit]:
    """Every static rule over every code cell: one Edit per changed cell (workspace as for ``lint``).
    ``old_defaults``: also pin the changed defaults of ``FIRST_PASS`` (less work, or the data as the notebook
    read it: ``none_text_files``, the data files holding the text None) where the notebook predates the change;
    a cell changed only so is a score-calibration edit."""
    changes, _ = _static_changes(nb, written, data_files, working_files)
    if old_defaults:
        _pin_first(nb, changes, written or nb.written, none_text_files)
    edits = _edits(nb, changes, "error-repair")
    return [e.model_copy(update={"fix_type": "score-calibration"}) if set(e.rule_ids) <= set(FIRST_PASS) else e
            for e in edits]


def _pin_first(nb: Notebook, changes: dict[int, CellChange], written: str | None,
               none_text_files: Sequence[str]) -> None:
    """The author's 10 trees, 3 folds, 5 epochs and depth 3, and the author's reading of the data, before the
    first run rather than after a run out of time or off the score: the same result the notebook printed, in
    the time it took its author."""
    sources = nb.sources()
    current = {i: changes[i].source if i in changes else sources[i] for i in nb.code_indices()}
    for i, pinned in _pinned(current, written, FIRST_PASS, none_text_files).items():
        change = changes.setdefault(i, CellChange(current[i]))
        change.applied += pinned.applied
        change.source = pinned.source


def _pinned(cells: dict[int, str], written: str | None, only: Sequence[str] | None = None,
            none_text_files: Sequence[str] = ()) -> dict[int, CellChange]:
    """The calibration rules (``only`` those ids) over ``cells``: the cells they changed; {} without a date."""
    if not written:
        return {}
    ctx = build_context(list(cells.values()), written)
    ctx.none_text_files = list(none_text_files)
    rules = [r for r in _rules("calibration") if only is None or r.id in only]
    changes = {i: transform_cell(source, rules, ctx, allow_py2=False) for i, source in cells.items()}
    return {i: change for i, change in changes.items() if change.source != cells[i]}


@paused
def fix_helper_module(
    source: str, written: str | None = None, error: CellError | None = None, line: int | None = None
) -> CellChange:
    """Every static rule over a helper module shipped next to the notebook (``helpers.py``, ``KaggleAux/predict.py``).

    Helpers of old notebooks erode like the notebook does (groupby().median() over text columns, chained
    assignment, ``from scipy import interp``, ``xrange``); the rules read plain Python the same way. The
    caller writes ``.source`` into the run's copy of the module; ``.applied`` explains each rewrite. With
    ``error`` raised at ``line`` of this module (its deepest traceback frame), the rules keyed by that error
    run first, on the lines the traceback names.
    """
    ctx = build_context([source], written)
    applied: list[tuple[str, int, str]] = []
    if error is not None:
        ctx.error, ctx.error_line = error, line
        keyed = [r for r in RULES.values() if r.kind != "calibration" and r.signatures and r.matches(error)]
        first = transform_cell(source, keyed, ctx, python2_notebook=True, check_wants=False)
        source, applied = first.source, first.applied
        if not applied:  # the notebook-level fixes, the module read as a notebook of one cell
            source, applied = _module_as_notebook(source, error, ctx)
        ctx.error, ctx.error_line = None, None
    change = transform_cell(source, _rules("static"), ctx, python2_notebook=True)
    return CellChange(change.source, applied + change.applied)


def _module_as_notebook(source: str, error: CellError, ctx: Context) -> tuple[str, list[tuple[str, int, str]]]:
    """The first notebook-level fix keyed by ``error`` that changes the module (a read-only array a frame
    lent, a legacy string dtype, an estimator family's changed parameters), then a family's fallback (as for
    a cell, after its precise fixes): their reading of a failing cell holds for a module the failing frame is in."""
    for signatures, fix in [*NOTEBOOK_ERROR, *NOTEBOOK_FALLBACK]:
        if not signed(signatures, error):
            continue
        for cell, new, rule_id, why in _guarded(fix, [source], 0, ctx):
            if cell == 0 and new != source:
                return new, [(rule_id, _first_changed_line(source, new), why)]
    return source, []


@paused
def fix_error(nb: Notebook, cell: int, error: CellError, data_files: Sequence[str],
              working_files: Sequence[str] = (), published: Notebook | None = None,
              tried: Collection[frozenset] = ()) -> list[Edit]:
    """Rules keyed by the error signature of the failing ``cell``; [] when none applies. ``published``:
    the notebook as its author saved it, when ``nb`` is a repair of it (which cells ran). ``tried``: the
    ``edit_key`` of proposals already run; the first candidate not among them is returned, so a keyed
    rule whose edit did not help leaves the turn to the static rules, then to the fallbacks."""
    inner = reported_inside(error)
    keyed = _error_candidates(nb, cell, inner, data_files, working_files, published, keyed_only=True) \
        if inner is not None else ()
    for edits in itertools.chain(keyed, _error_candidates(nb, cell, error, data_files, working_files, published)):
        if edits and edit_key(edits) not in tried:
            return edits
    return []


_FITS_FAILED = re.compile(r"\bAll the \d+ fits failed|\d+ fits failed out of")
_RAISED = re.compile(r"^(?:\w+\.)*(\w+(?:Error|Exception))(?::\s?(.*))?$")


def reported_inside(error: CellError) -> CellError | None:
    """The error a scikit-learn search or cross-validation caught in its fits and reported inside its own
    ValueError ("All the 8 fits failed ... DuplicateError: Expected unique column names"), as if the failing
    line had raised it: the rules keyed by it fix the same line. None for any other error."""
    if error.ename != "ValueError" or not _FITS_FAILED.search(error.evalue):
        return None
    for block in re.split(r"\n-{20,}\n", error.evalue)[1:]:
        lines = block.rstrip().split("\n")
        at = next((i for i in range(len(lines) - 1, -1, -1) if _RAISED.match(lines[i])), None)
        if at is not None:
            name, first = _RAISED.match(lines[at]).groups()
            message = "\n".join([first or "", *lines[at + 1:]]).strip()
            return error.model_copy(update={"ename": name, "evalue": message})
    return None


def _error_candidates(nb: Notebook, cell: int, error: CellError, data_files: Sequence[str],
                      working_files: Sequence[str], published: Notebook | None,
                      keyed_only: bool = False) -> Iterator[list[Edit]]:
    """The proposals for ``error``, best first (each computed only when the one before it was not taken);
    ``keyed_only``: those of the rules its signature names, not the static rules and last resorts after them."""
    sources = nb.sources()
    code_cells = nb.code_indices()
    code_only = [s if i in code_cells else "" for i, s in enumerate(sources)]
    ctx = _context(nb, sources, nb.written)
    ctx.error, ctx.error_line = error, error.line
    ctx.data_files, ctx.working_files = list(data_files), list(working_files)
    for signatures, fix in NOTEBOOK_ERROR:  # whole-notebook fixes: order of cells, data paths
        if signed(signatures, error):
            yield _notebook_edits(nb, _guarded(fix, code_only, cell, ctx))
    if signed(python2.PY2_ERRORS, error):
        yield _edits(nb, {cell: transform_cell(sources[cell], _rules("static"), ctx, python2_notebook=True)},
                     "error-repair")
    matching = error_rules(error)
    deeper = error.deepest_cell_frame(cell, sources) if matching else None
    if deeper is not None:
        # Raised inside a function an earlier cell defined: the failing line is that cell's, not the caller's.
        owner, ctx.error_line = deeper
        change = transform_cell(sources[owner], matching, ctx, nb.python2, check_wants=False)
        ctx.error_line = error.line
        yield _edits(nb, {owner: change}, "error-repair")
    if matching:
        # The error already says the rule applies: run it even where its cheap pre-filter would not.
        yield _edits(nb, {cell: transform_cell(sources[cell], matching, ctx, nb.python2, check_wants=False)},
                     "error-repair")
        # Or where a name the failing line reads was made (counts['index'] fails; counts = s.value_counts()
        # .reset_index() is the cell to change): that cell's whole text, no line of its own being known.
        ctx.error_line = None
        for owner in _defining_cells(sources, code_cells, cell, error.line):
            yield _edits(nb, {owner: transform_cell(sources[owner], matching, ctx, nb.python2, check_wants=False)},
                         "error-repair")
        ctx.error_line = error.line
    if keyed_only:
        return
    # No signature matched (or it changed nothing): static rules not applied yet may still fix the cell.
    yield _edits(nb, {cell: transform_cell(sources[cell], _rules("static"), ctx, nb.python2)}, "error-repair")
    for signatures, fix in NOTEBOOK_FALLBACK:  # a family's catch-all, when its precise rules had nothing new
        if signed(signatures, error):
            yield _notebook_edits(nb, _guarded(fix, code_only, cell, ctx))
    yield _notebook_edits(nb, comment_out_unrun(nb, cell, error, published))  # last resort: a draft never run
    yield _notebook_edits(nb, keep_published_failure(nb, cell, error, published))  # or a failure its author saw


def _defining_cells(sources: list[str], code_cells: list[int], cell: int, line: int | None) -> list[int]:
    """The earlier code cells that last assigned a name the failing ``line`` of ``cell`` reads, latest first."""
    tree = parse_masked(sources[cell]) if line is not None else None
    if tree is None:
        return []
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and n.lineno == line}
    owners: list[int] = []
    for i in reversed([i for i in code_cells if i < cell]):
        earlier = parse_masked(sources[i]) if read else None
        if earlier is None:
            continue
        assigned = {n.id for n in ast.walk(earlier) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        if read & assigned:
            owners.append(i)
            read -= assigned  # the latest assignment of a name is the one the failing line reads
    return owners


def error_rules(error: CellError) -> list[Rule]:
    """The cell rules keyed by ``error``'s signature, in registry order."""
    return [r for r in RULES.values() if r.kind != "calibration" and r.signatures and r.matches(error)]


def _guarded(fix: NotebookFix, sources: list[str], cell: int | None, ctx: Context) -> list[tuple[int, str, str, str]]:
    """A notebook-level fix's results; none when it fails: as with the cell rules, a fix must never take the
    repair down."""
    try:
        return list(fix(sources, cell, ctx))
    except Exception:  # noqa: BLE001
        return []


def _notebook_edits(nb: Notebook, results: list[tuple[int, str, str, str]]) -> list[Edit]:
    """Edits from a notebook-level rule's (cell, new source, rule id, why) results."""
    sources = nb.sources()
    changes: dict[int, CellChange] = {}
    for i, new, rule_id, why in results:
        change = changes.setdefault(i, CellChange(sources[i]))
        change.applied.append((rule_id, 1, why))
        change.source = new
    return _edits(nb, changes, "error-repair")


# Changed defaults whose old value is also less work (10 trees not 100, 3 folds not 5, 5 SGD epochs, depth 3):
# pinned back, they give the author's run time as well as the author's result.
LESS_WORK = ("sklearn-default-n-estimators", "sklearn-default-cv-folds", "sklearn-default-sgd-epochs",
             "xgboost-default-params")
# pinned before the first run of a notebook that fails: less work, and the data read as the notebook read it
FIRST_PASS = (*LESS_WORK, "pandas-default-read-csv-none")


@paused
def calibrate(nb: Notebook, written: str | None, for_runtime: bool = False,
              none_text_files: Sequence[str] = ()) -> list[Edit]:
    """Pin changed defaults back when the notebook predates the change; [] without a date. ``for_runtime``:
    only the defaults whose old value is less work (``LESS_WORK``), for a run out of time. ``none_text_files``:
    the data files holding the text None (pandas-default-read-csv-none)."""
    sources = nb.sources()
    changes = _pinned({i: sources[i] for i in nb.code_indices()}, written or nb.written,
                      LESS_WORK if for_runtime else None, none_text_files)
    return _edits(nb, changes, "runtime-reduction" if for_runtime else "score-calibration")
