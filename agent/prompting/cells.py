"""Which cells the prompt shows (the failing cell, what defines or changes its names, later cells that repeat
its failing call) and how: in full, as excerpts, or as one-line summaries with their published outputs."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from ...core import CellResult, Notebook, RunResult
from ..base import Diagnosis
from .bounds import (IMPORT_RE, LONG_LITERAL_CHARS, MAX_CELL_CHARS, MAX_CELL_OUTPUT_CHARS, MAX_CELLS_CHARS,
                     MAX_LATER_CELLS, MAX_OUTPUTS_CHARS, MAX_SHELL_CHARS, MAX_SUMMARIES, SMALL_NOTEBOOK_CHARS)
from .tracebacks import cap, collapse_lists, traceback_cells

# --------------------------------------------------------------------------- what a cell does


@dataclass
class CellFacts:
    index: int
    source: str
    binds: set[str] = field(default_factory=set)  # names assigned, imported, defined
    changes: set[str] = field(default_factory=set)  # names mutated (df['a'] = .., df.x.fillna(inplace=True), l.append)
    uses: set[str] = field(default_factory=set)  # names read
    calls: set[str] = field(default_factory=set)  # last component of each callee / attribute read
    imports: list[str] = field(default_factory=list)  # its import lines
    dropped: str | None = None  # why it is never shown: "commented out", "a long literal"
    parsed: bool = True


_WORD = re.compile(r"\b[A-Za-z_]\w*\b")
_ASSIGNED = re.compile(r"^\s*([A-Za-z_][\w, ]*?)\s*(?:\[[^\]]*\]|\.\w+)?\s*(?:[-+*/%&|^]|//|\*\*)?=(?!=)", re.MULTILINE)


def cell_facts(index: int, source: str) -> CellFacts:
    facts = CellFacts(index, source)
    code = [line for line in source.split("\n") if line.strip() and not line.strip().startswith("#")]
    facts.imports = [line.strip() for line in source.split("\n") if IMPORT_RE.match(line)]
    if not code:
        facts.dropped = "commented out" if source.strip() else "empty"
        return facts
    from ..rules.masking import parse_masked

    tree = parse_masked(source)
    if tree is None:  # Python 2, a foreign cell magic, a syntax error: names by regex
        facts.parsed = False
        facts.uses = set(_WORD.findall(source))
        for match in _ASSIGNED.finditer(source):
            facts.binds |= {n.strip() for n in match.group(1).split(",") if n.strip()}
        for match in IMPORT_RE.finditer(source):
            names = match.group("names") or source[match.end():].split("\n")[0]
            facts.binds |= {p.strip().split(" as ")[-1].split(".")[0].strip("() ") for p in names.split(",")}
        facts.binds |= set(re.findall(r"^\s*(?:def|class)\s+(\w+)", source, re.MULTILINE))
        facts.calls = set(re.findall(r"\.?(\w+)\s*\(", source)) | set(re.findall(r"\.(\w+)", source))
        return facts
    if _is_long_literal(tree, source):
        facts.dropped = "a long literal"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (facts.uses if isinstance(node.ctx, ast.Load) else facts.binds).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            facts.binds |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            facts.binds.add(node.name)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name:
                facts.calls.add(name)
            inplace = any(k.arg == "inplace" for k in node.keywords)
            if isinstance(func, ast.Attribute) and (inplace or func.attr in _MUTATORS):
                root = _root(func.value)
                if root:
                    facts.changes.add(root)
        elif isinstance(node, ast.Attribute):
            facts.calls.add(node.attr)
            if not isinstance(node.ctx, ast.Load) and _root(node.value):
                facts.changes.add(_root(node.value))
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and _root(node.value):
            facts.changes.add(_root(node.value))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            facts.changes.add(node.target.id)
    return facts


_MUTATORS = {"append", "extend", "insert", "update", "pop", "remove", "clear", "sort", "fit", "fit_transform",
             "partial_fit", "add", "setdefault", "set_index", "reset_index", "drop", "fillna", "rename", "replace",
             "train", "compile", "load_weights", "seed", "shuffle", "set_params", "set_option"}


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_long_literal(tree: ast.Module, source: str) -> bool:
    if len(source) < LONG_LITERAL_CHARS:
        return False
    literal = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Constant)) and hasattr(node, "end_lineno"):
            segment = ast.get_source_segment(source, node) or ""
            literal = max(literal, len(segment))
    return literal > 0.7 * len(source)


# --------------------------------------------------------------------------- choosing the cells


@dataclass
class Listing:
    shown: dict[int, str]  # cell -> why it is shown ("failing", "defines train", ...)
    later: list[int]  # cells after the failing one that repeat its failing call
    summarised: list[int]
    dropped: dict[int, str]  # cell -> "commented out" | "a long literal" | "empty"
    relevant: set[int] = field(default_factory=set)  # cells that define or change what the failing cell reads
    excerpt: dict[int, set[str]] = field(default_factory=dict)  # long cells: show the lines naming these words


def failing_pattern(diagnosis: Diagnosis) -> set[str]:
    """What a later cell must contain to repeat the failure: the attribute or module the error names,
    else the calls on the failing line (common builtins aside)."""
    error = diagnosis.error
    if error is None:
        return set()
    named = re.search(r"has no attribute '(\w+)'|No module named '([\w.]+)'|cannot import name '(\w+)'"
                      r"|unexpected keyword argument '(\w+)'|'(\w+)' is not defined", error.evalue or "")
    if named:
        word = next(g for g in named.groups() if g)
        return {word.split(".")[-1] if "." in word and named.group(2) is None else word}
    line = error.line_source or ""
    calls = set(re.findall(r"\.?(\w+)\s*\(", line)) | set(re.findall(r"\.(\w+)\b(?!\s*\()", line)[-1:])
    return calls - COMMON_CALLS


COMMON_CALLS = {"print", "len", "str", "int", "float", "list", "dict", "set", "tuple", "range", "zip", "enumerate",
           "sum", "min", "max", "abs", "round", "sorted", "type", "isinstance", "head", "tail", "format", "show",
           "values", "shape", "columns", "index", "copy", "astype", "reshape", "mean", "apply", "map", "loc",
           "iloc", "display", "open", "append", "join", "split", "strip", "replace"}


def choose_cells(notebook: Notebook, diagnosis: Diagnosis, facts: dict[int, CellFacts]) -> Listing:
    code = notebook.code_indices()
    focus = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    upto = [i for i in code if focus is None or i <= focus]
    dropped = {i: facts[i].dropped for i in upto if facts[i].dropped and i != focus}
    candidates = [i for i in upto if i not in dropped]
    listing = Listing(shown={}, later=[], summarised=[], dropped=dropped)
    if focus is None:  # a score question: any cell may hold the changed default
        listing.shown = {i: "" for i in candidates}
        return _fit(listing, notebook, focus)
    small = sum(len(notebook.cells[i].source) for i in candidates) <= SMALL_NOTEBOOK_CHARS
    listing.shown[focus] = "fails"
    tb_cells = traceback_cells(diagnosis.error.traceback) if diagnosis.error else set()
    for i in sorted(tb_cells):
        if i in facts and i != focus and i not in dropped:
            listing.shown[i] = "in the traceback"
    wanted = set(facts[focus].uses)
    for i in tb_cells & set(facts):
        wanted |= facts[i].uses
    line_words = set(_WORD.findall(diagnosis.error.line_source or "")) if diagnosis.error else set()
    for i in reversed(candidates[:-1] if candidates and candidates[-1] == focus else candidates):
        if i == focus or i in listing.shown:
            continue
        touched = (facts[i].binds | facts[i].changes) & wanted
        if touched:
            listing.shown[i] = ", ".join(sorted(touched)[:4])
            listing.excerpt[i] = touched | (line_words & facts[i].uses)
    listing.relevant = set(listing.shown) - {focus}
    if small:  # small enough: every cell
        listing.shown = {i: listing.shown.get(i, "") for i in candidates}
    pattern = failing_pattern(diagnosis)
    if pattern and diagnosis.fix_type == "error-repair":
        for i in (j for j in code if focus is not None and j > focus and j in facts and not facts[j].dropped):
            if pattern & facts[i].calls or (not facts[i].parsed and any(p in facts[i].source for p in pattern)):
                listing.later.append(i)
                listing.excerpt[i] = set(pattern)
                if len(listing.later) >= MAX_LATER_CELLS:
                    break
    return _fit(listing, notebook, focus)


def _fit(listing: Listing, notebook: Notebook, focus: int | None) -> Listing:
    """Within MAX_CELLS_CHARS: the failing cell first, then the others nearest it; the rest summarised."""
    order = sorted(listing.shown, key=lambda i: (i != focus, abs(i - focus) if focus is not None else -i))
    used, kept = 0, {}
    for i in order:
        size = min(len(notebook.cells[i].source), MAX_CELL_CHARS) if i != focus else len(notebook.cells[i].source)
        if i != focus and used + size > MAX_CELLS_CHARS:
            continue
        kept[i] = listing.shown[i]
        used += size
    listing.summarised = sorted(set(listing.shown) - set(kept))
    listing.shown = kept
    upto = [i for i in notebook.code_indices() if focus is None or i <= focus]
    listing.summarised = sorted(set(listing.summarised) | {i for i in upto if i not in kept and i not in listing.dropped})
    return listing


def _excerpt(source: str, words: set[str]) -> str:
    """The lines of a long cell that name ``words`` (one line either side), the rest marked as left out."""
    lines = source.split("\n")
    keep = set()
    for n, line in enumerate(lines):
        if words & set(_WORD.findall(line)) or IMPORT_RE.match(line):
            keep |= {n - 1, n, n + 1}
    out, gap = [], 0
    for n, line in enumerate(lines):
        if n in keep:
            if gap:
                out.append(f"# ... ({gap} line{'s' if gap > 1 else ''} not shown)")
                gap = 0
            out.append(line)
        else:
            gap += 1
    if gap:
        out.append(f"# ... ({gap} line{'s' if gap > 1 else ''} not shown)")
    return "\n".join(out)


def summary_line(source: str) -> str:
    code = [line.strip() for line in source.split("\n") if line.strip() and not line.strip().startswith("#")]
    imports = [line for line in code if IMPORT_RE.match(line)]
    if imports and len(imports) * 2 >= len(code):  # an imports cell: the imports say what it does
        rest = len(code) - len(imports)
        return "; ".join(f"`{line}`" for line in imports)[:400] + (f" (+{rest} other lines)" if rest else "")
    first = code[0] if code else source.strip().split("\n")[0]
    first = first if len(first) <= 70 else first[:67] + "..."
    more = f" (+{len(code) - 1} lines)" if len(code) > 1 else ""
    return f"`{first}`{more}"


def output_text(outputs: list) -> str:
    """The text a cell showed (streams, results, errors' names), images as a marker."""
    parts = []
    for out in outputs or []:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            text = data.get("text/plain", "")
            if not text and any(k.startswith("image/") for k in data):
                text = "[an image]"
        elif kind == "error":
            text = f"{out.get('ename', '')}: {out.get('evalue', '')}"
        else:
            text = ""
        parts.append("".join(text) if isinstance(text, list) else str(text))
    return "\n".join(p.rstrip() for p in parts if p.strip())


def render_cells(notebook: Notebook, upto: int | None, diagnosis: Diagnosis | None = None) -> str:
    """The notebook listing for the prompt: cells shown in full (or as excerpts) with their published
    outputs, one-line summaries of the rest, the later cells that repeat the failing call."""
    facts = {i: cell_facts(i, notebook.cells[i].source) for i in notebook.code_indices()}
    if diagnosis is None:  # everything up to ``upto`` (tests, tools)
        from ...core import RunResult

        diagnosis = Diagnosis(fix_type="score-calibration" if upto is None else "runtime-reduction", cell=upto,
                              run=RunResult(cells=[], status="ok", wall_seconds=0.0))
    listing = choose_cells(notebook, diagnosis, facts)
    focus = diagnosis.cell if diagnosis.fix_type != "score-calibration" else None
    budget = [MAX_OUTPUTS_CHARS]
    chunks: list[str] = []
    pending: list[int] = []  # summaries waiting to be written as one block
    upto_cells = [i for i in notebook.code_indices() if focus is None or i <= focus]
    near = set(sorted(listing.summarised, key=lambda i: abs(i - (focus or 0)))[:MAX_SUMMARIES])
    near |= {i for i in listing.summarised if facts[i].imports}  # what a name is imported as matters most

    def flush():
        if not pending:
            return
        far = [i for i in pending if i not in near]
        lines = [f"cell {i}: {summary_line(notebook.cells[i].source)}" for i in pending if i in near]
        if far:
            lines.append(f"(cells {_ranges(far)} not shown)")
        chunks.append("\n".join(lines))
        pending.clear()

    for i in upto_cells:
        if i in listing.dropped:
            continue
        if i in listing.shown:
            flush()
            chunks.append(_cell_block(notebook, i, listing, i == focus, budget))
        else:
            pending.append(i)
    flush()
    if listing.dropped:
        groups: dict[str, list[int]] = {}
        for i, why in listing.dropped.items():
            groups.setdefault(why, []).append(i)
        chunks.append("Left out: " + "; ".join(f"cells {_ranges(v)} ({k})" for k, v in groups.items()) + ".")
    text = "\n\n".join(chunks) or "(no code cells)"
    if listing.later:
        pattern = ", ".join(f"`{p}`" for p in sorted(failing_pattern(diagnosis)))
        later = "\n\n".join(_cell_block(notebook, i, listing, False, [0]) for i in listing.later)
        text += (f"\n\nLater cells that use {pattern} too (not run yet; if the same change applies there, make it "
                 f"in the same answer):\n\n{later}")
    return text


def _cell_block(notebook: Notebook, i: int, listing: Listing, focus: bool, budget: list[int]) -> str:
    source = notebook.cells[i].source
    note = ""
    if not focus and len(source) > MAX_CELL_CHARS and i in listing.excerpt:
        source = _excerpt(source, listing.excerpt[i])
        note = " (excerpt: the lines that bear on the failure; SEARCH only lines shown)"
    head = f"### cell {i}{note}"
    block = f"{head}\n```python\n{source}\n```"
    if not focus and budget[0] > 0 and i in listing.relevant:
        published = output_text(notebook.cells[i].get("outputs", [])).strip()
        if published:
            published = cap(collapse_lists(published), min(MAX_CELL_OUTPUT_CHARS, budget[0]))
            budget[0] -= len(published)
            block += f"\nIts output when the notebook was published:\n```\n{published}\n```"
    return block


def _ranges(indices: list[int]) -> str:
    indices = sorted(indices)
    out, start, prev = [], indices[0], indices[0]
    for i in indices[1:] + [None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        out.append(str(start) if start == prev else f"{start}..{prev}")
        if i is not None:
            start = prev = i
    return ", ".join(out)


def failing_output(run: RunResult, cell: int | None) -> str:
    """What the failing cell printed before it failed (a shell cell's stderr first), bounded."""
    result: CellResult | None = next((c for c in run.cells if c.index == cell), None)
    if result is None:
        return ""
    streams = [o for o in result.outputs if o.get("output_type") == "stream"]
    ordered = [o for o in streams if o.get("name") == "stderr"] + [o for o in streams if o.get("name") != "stderr"]
    text = "\n".join(("".join(o.get("text", "")) if isinstance(o.get("text"), list) else o.get("text", "")).rstrip()
                     for o in ordered)
    text = collapse_lists(text.strip())
    if not text:
        return ""
    return f"\nWhat cell {cell} printed before it failed (stderr first):\n```\n{cap(text, MAX_SHELL_CHARS)}\n```\n"
