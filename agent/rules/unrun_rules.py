"""A failing cell whose published output no top-to-bottom run gave: the last resort of the error-keyed rules.

A published notebook records which cells ran (``execution_count``). A code cell
without one and without outputs, in a notebook whose other cells have both, is a
draft: its author never ran it, so nothing the notebook published came from it, and
it often refers to names from a version of the notebook that no longer exists. When
such a cell fails and no other rule applies, it is kept as a comment with a note,
so that the cells after it can run. Not when a later cell that did run reads a name
this cell binds (an import cell saved without its count is no draft): then the cell
matters whatever its metadata says.

The same holds for a cell that only displays a value (``grid.best_estimator_.coef_``)
and that its author ran before the cell above it (In [370] below In [488]): its output
came from a kernel state that running the cells in order does not build, and a
display binds nothing that a later cell could need.

And a cell whose published output shows it failing too: the same exception, raised by the same statement.
The failure is its author's, from before any library changed; the author's kernel ran the cell up to that
statement and stopped there, and the author went on with the next cells. The statement is kept inside
``try``/``except`` with a note (whatever it did before raising, it does again) and the rest of the cell, which
never ran for its author, is kept as a comment.
"""

from __future__ import annotations

import ast
import difflib
import re

import libcst as cst

from ...core import ANSI, CellError, Notebook
from .cellnames import analyse
from .framework import notebook_rule
from .masking import cell_magic, mask_cached, parse_masked

RULE_ID = "notebook-unrun-cell"
STALE_ID = "notebook-stale-display"
NOTE = "# mlemod: its author never ran this cell (no execution count in the published notebook)"
STALE_NOTE = "# mlemod: this cell only shows a value, and its author ran it before the cells above it"
PUBLISHED_ID = "notebook-published-failure"
PUBLISHED_NOTE = "# mlemod: the published notebook shows this cell failing here too"
_OUTERMOST = re.compile(r"Cell In\[\d+\], line (\d+)")
_TIMED = re.compile(r"File <timed exec>:(\d+)")
_ARROW = re.compile(r"^\s*-+>\s*(\d+)", re.MULTILINE)
# Today's exception for the one the author saw: joblib wrapped a worker's (JoblibValueError); scikit-learn's
# parameter validation raises what a fit used to raise later, as a ValueError or a TypeError.
_SAME = {"InvalidParameterError": ("ValueError", "TypeError")}
_EFFECTS = (ast.Call, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda)


def never_ran(published: Notebook, cell: int) -> bool:
    node = published.cells[cell]
    if node.cell_type != "code" or node.get("execution_count") is not None or node.get("outputs"):
        return False
    return any(c.cell_type == "code" and c.get("execution_count") is not None for c in published.cells)


def ran_before_the_cell_above(published: Notebook, cell: int) -> tuple[int, int] | None:
    """(this cell's count, the count of the nearest code cell above that ran) when that one is higher."""
    count = published.cells[cell].get("execution_count")
    above = [c.get("execution_count") for c in published.cells[:cell] if c.cell_type == "code"]
    above = [n for n in above if n is not None]
    return (count, above[-1]) if count is not None and above and above[-1] > count else None


def display_only(source: str) -> bool:
    """Every statement is an expression that calls nothing: it can only show a value (or fail)."""
    tree = parse_masked(source)
    return (tree is not None and bool(tree.body) and all(isinstance(s, ast.Expr) for s in tree.body)
            and not any(isinstance(n, _EFFECTS) for n in ast.walk(tree)))


def needed_later(nb: Notebook, cell: int, published: Notebook) -> bool:
    """A later cell that ran reads a name this cell binds (or this cell's names are unknowable)."""
    names = analyse(nb.cells[cell].source)
    if names.tree is None or names.star:
        return True
    later = [i for i in range(cell + 1, len(nb.cells))
             if nb.cells[i].cell_type == "code" and published.cells[i].get("execution_count") is not None]
    return any(set(names.bound) & set(analyse(nb.cells[i].source).free) for i in later)


def comment_out_unrun(nb: Notebook, cell: int, error: CellError,
                      published: Notebook | None = None) -> list[tuple[int, str, str, str]]:
    """The failing ``cell`` of ``nb`` as a comment, when its author never ran it: [(cell, new, id, why)] or [].

    What ran is read from ``published`` (default ``nb``), the notebook as its author saved it: a repair
    clears the execution count of every cell it edits, and an edited cell is no draft for that."""
    published = published or nb
    old = nb.cells[cell].source
    if old.startswith((NOTE, STALE_NOTE)):
        return []
    # A cell that does not compile binds nothing, whatever a later cell reads (pasted output, a draft).
    uncompiled = error.ename in ("SyntaxError", "IndentationError", "TabError")
    if never_ran(published, cell) and (uncompiled or not needed_later(nb, cell, published)):
        note, rule_id = NOTE, RULE_ID
        why = ("The published notebook shows no execution count or output for this cell: its author never ran "
               "it, so the published results do not depend on it.")
    elif (counts := ran_before_the_cell_above(published, cell)) and display_only(old):
        note, rule_id = f"{STALE_NOTE} (In [{counts[0]}] below In [{counts[1]}])", STALE_ID
        why = (f"This cell only shows a value, and its author ran it (In [{counts[0]}]) before the cell above it "
               f"(In [{counts[1]}]): its published output came from a kernel state that a top-to-bottom run "
               "does not build, and it binds nothing later cells read.")
    else:
        return []
    first = error.evalue.strip().splitlines()[0][:100] if error.evalue.strip() else ""
    body = "\n".join("# " + line if line.strip() else line for line in old.split("\n"))
    new = f"{note};\n# it fails here ({error.ename}: {first}), so it is kept as a comment.\n{body}"
    return [(cell, new, rule_id, why + " It fails here and no rule repairs it, so it is kept as a comment.")]


def _published_error(published: Notebook, cell: int) -> tuple[str, str] | None:
    """(exception name, traceback text) of the error the published ``cell`` shows, if it shows one."""
    shown = [o for o in published.cells[cell].get("outputs", []) if o.get("output_type") == "error"]
    if not shown:
        return None
    return shown[-1].get("ename", ""), ANSI.sub("", "\n".join(shown[-1].get("traceback", [])))


def _statement_line(error: CellError, source: str) -> int | None:
    """The line of the cell's own statement that raised: the traceback's outermost frame (a deeper one may be a
    function the cell defines); under ``%%time``, the line of the timed body."""
    outermost = _OUTERMOST.search(error.traceback)
    line = int(outermost.group(1)) if outermost else error.line
    magic = cell_magic(source)
    if line == 1 and magic is not None:
        timed = _TIMED.search(error.traceback) if magic == "time" else None
        return int(timed.group(1)) + 1 if timed else None
    return line


def _published_statement(source: str, traceback: str) -> str | None:
    """The first line of the published cell's top-level statement that its traceback's first arrow points into
    ("----> 14     cv = cross_validate(...)": the cell's own frame comes first)."""
    arrow = _ARROW.search(traceback)
    tree = parse_masked(source)
    if arrow is None or tree is None:
        return None
    line = int(arrow.group(1)) + (1 if cell_magic(source) is not None else 0)  # a cell magic runs the lines below it
    found = next((s for s in tree.body if s.lineno <= line <= (s.end_lineno or s.lineno)), None)
    return source.split("\n")[found.lineno - 1].strip() if found is not None else None


def _likeness(then: str, now: str) -> float:
    """How alike two statements' first lines are: the rules may have rewritten part of one (a keyword added,
    a call renamed), its author a name; the statement the traceback points at is the likest of the cell's."""
    then, now = "".join(then.split()), "".join(now.split())
    return 1.0 if then == now else difflib.SequenceMatcher(None, then, now).ratio()


def _same_exception(today: str, then: str) -> bool:
    return today == then or then == f"Joblib{today}" or then in _SAME.get(today, ())


def keep_published_failure(nb: Notebook, cell: int, error: CellError,
                           published: Notebook | None = None) -> list[tuple[int, str, str, str]]:
    """The failing ``cell`` run up to its failing statement, when the published notebook shows the same exception
    raised by that statement: [(cell, new, id, why)] or []."""
    published = published or nb
    old = nb.cells[cell].source
    shown = _published_error(published, cell) if cell < len(published.cells) else None
    if shown is None or old.startswith(PUBLISHED_NOTE) or not _same_exception(error.ename, shown[0]):
        return []
    first = error.evalue.strip().splitlines()[0][:100] if error.evalue.strip() else ""
    note = f"{PUBLISHED_NOTE} ({shown[0]}), as it fails today ({error.ename}: {first})"
    why = (f"The published notebook shows this cell raising {shown[0]} at the statement that raises {error.ename} "
           "today: the failure is its author's, not the libraries'. The author's kernel ran the cell up to that "
           "statement and went on with the next cells; so does this one.")
    masked = mask_cached(old)  # shared with parse_masked below; read, never changed
    if parse_masked(old) is None:  # it does not compile: nothing of it ran for its author either
        if error.ename not in ("SyntaxError", "IndentationError", "TabError"):
            return []
        body = "\n".join("# " + line if line.strip() else line for line in old.split("\n"))
        return [(cell, f"{note}; it does not compile, so it is kept as a comment.\n{body}", PUBLISHED_ID, why)]
    line = _statement_line(error, old)
    module = cst.MetadataWrapper(cst.parse_module(masked.code))
    spans = module.resolve(cst.metadata.PositionProvider)
    at = next((i for i, s in enumerate(module.module.body)
               if line is not None and spans[s].start.line <= line <= spans[s].end.line), None)
    if at is None:
        return []
    failing = module.module.body[at]
    then = _published_statement(published.cells[cell].source, shown[1])
    likeness = [_likeness(then, module.module.code_for_node(s).strip().split("\n", 1)[0]) if then else 0.0
                for s in module.module.body]
    if likeness[at] < 0.8 or likeness[at] < max(likeness):
        return []  # the published traceback points at another statement: another failure
    # A name of its own: the handler unbinds it at the end, and a notebook's ``error`` must survive that.
    guard = cst.parse_statement("try:\n    pass\nexcept Exception as _mlemod_failure:\n"
                                "    print('mlemod: this statement failed for its author too:', repr(_mlemod_failure))\n")
    guard = guard.with_changes(body=cst.IndentedBlock([failing.with_changes(leading_lines=[])]),
                               leading_lines=failing.leading_lines)
    head = masked.unmask(module.module.with_changes(body=[*module.module.body[:at], guard]).code).rstrip("\n")
    # The statements after it, as the tree holds them (a block's trailing comments went with the block).
    rest = masked.unmask(module.module.with_changes(body=module.module.body[at + 1:], header=[]).code)
    tail = "\n".join("# " + line if line.strip() else line for line in rest.split("\n")).rstrip()
    return [(cell, _noted(f"{note}: what follows that statement never ran for its author.", head, tail),
             PUBLISHED_ID, why)]


def _noted(note: str, head: str, tail: str) -> str:
    """``note`` above the cell (below its cell magic, which must stay first), then ``head``, then ``tail``."""
    magic, rest = (head.split("\n", 1) + [""])[:2] if head.lstrip().startswith("%%") else ("", head)
    return "\n".join(part for part in (magic, note, rest, tail) if part)


# Run by the engine's fix_error itself, after every other rule: they read the notebook's metadata.
notebook_rule(RULE_ID, "jupyter", "the published notebook",
              "a failing cell its author never ran (no execution count, no output) is kept as a comment; last resort.")
notebook_rule(STALE_ID, "jupyter", "the published notebook",
              "a failing cell that only shows a value and ran before the cell above it is kept as a comment; "
              "last resort.")
notebook_rule(PUBLISHED_ID, "jupyter", "the published notebook",
              "a failing cell whose published output shows the same exception from the same statement runs up to "
              "it, and the rest of the cell, which never ran for its author, is kept as a comment; last resort.")
