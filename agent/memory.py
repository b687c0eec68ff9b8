"""Fix memory: accepted edits, keyed by error signature, tried again on later notebooks.

An edit is stored as its minimal changed hunk (whole lines), not the whole cell,
so it can be found in a different notebook's cell by the same search/replace
mechanism the LLM's answers use. A one-line hunk is also tried as an in-line
fragment on the failing line (``df.ix[`` -> ``df.loc[``), because a different
notebook rarely has the same whole line.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import time
from pathlib import Path

from platformdirs import user_cache_dir

from ..core import Attempt, CellError, Edit, Notebook
from .base import Diagnosis
from .edits import NoMatchError, apply_block, minimal_hunk

MAX_PROPOSALS = 5

# Masks for the parts of an error message that vary between notebooks.
_MASKS = [
    (re.compile(r"(?:[A-Za-z]:)?(?:[\w.~-]*[/\\])+[\w.-]*"), "<path>"),  # /kaggle/input/x/train.csv
    (re.compile(r"'[^']*'|\"[^\"]*\""), "<q>"),  # quoted names
    (re.compile(r"\b0x[0-9a-fA-F]+\b"), "<addr>"),
    (re.compile(r"(?<![\w<])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b"), "<n>"),
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS fixes (
    id INTEGER PRIMARY KEY,
    signature TEXT NOT NULL,
    search TEXT NOT NULL,
    replace TEXT NOT NULL,
    fix_type TEXT NOT NULL,
    origin TEXT NOT NULL,
    rationale TEXT NOT NULL,
    uses INTEGER NOT NULL DEFAULT 1,
    created REAL NOT NULL,
    UNIQUE (signature, search, replace)
);
CREATE INDEX IF NOT EXISTS fixes_signature ON fixes (signature);
"""


def error_signature(error: CellError) -> str:
    """ename plus the evalue with paths, quoted names, addresses and numbers masked."""
    value = " ".join(error.evalue.split())[:300]
    for pattern, mask in _MASKS:
        value = pattern.sub(mask, value)
    return f"{error.ename}: {value}"


class FixMemory:
    """The SQLite store. ``path=None`` uses the user cache dir."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else Path(user_cache_dir("mlemodernizer")) / "fix-memory.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # A connection per operation: the memory may be shared by worker processes of a batch.
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def record(self, edit: Edit, error: CellError) -> None:
        """Store an accepted edit under the signature of the error it fixed (again: count one more use)."""
        search, replace = minimal_hunk(edit.old, edit.new)
        if search == replace:
            return
        with self._connect() as db:
            db.execute(
                "INSERT INTO fixes (signature, search, replace, fix_type, origin, rationale, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (signature, search, replace) DO UPDATE SET uses = uses + 1",
                (error_signature(error), search, replace, edit.fix_type, edit.origin, edit.rationale, time.time()))
        db.close()

    def lookup(self, error: CellError) -> list[sqlite3.Row]:
        """Stored fixes for this error's signature, most used first."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM fixes WHERE signature = ? ORDER BY uses DESC, id",
                              (error_signature(error),)).fetchall()
        db.close()
        return rows

    def __len__(self) -> int:
        with self._connect() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM fixes").fetchone()
        db.close()
        return count


class MemoryFixer:
    """Fixer protocol: proposes remembered edits, adapted to the failing cell; counts its hits."""

    joint = False

    def __init__(self, memory: FixMemory):
        self.memory = memory
        self.name = "memory"
        self.hits = 0  # proposals made from memory (each one an LLM call the loop may not need)

    def propose(self, notebook: Notebook, diagnosis: Diagnosis, history: list[Attempt]) -> list[Edit]:
        if diagnosis.fix_type != "error-repair" or diagnosis.error is None or diagnosis.cell is None:
            return []
        cell = diagnosis.cell
        source = notebook.cells[cell].source
        tried = {(e.cell, e.new) for a in history for e in a.edits}
        edits: list[Edit] = []
        for row in self.memory.lookup(diagnosis.error):
            new = adapt(source, row["search"], row["replace"], diagnosis.error.line)
            if new is None or new == source or (cell, new) in tried or any(e.new == new for e in edits):
                continue
            edits.append(Edit(cell=cell, old=source, new=new, fix_type="error-repair", origin="memory",
                              rationale=f"Same error as fixed before ({row['origin']}): {row['rationale']}"))
            if len(edits) >= MAX_PROPOSALS:
                break
        self.hits += len(edits)
        return edits


def adapt(source: str, search: str, replace: str, line: int | None = None) -> str | None:
    """``source`` with a stored hunk applied, or None when it does not fit this cell.

    First the whole-line hunk (exact, then whitespace-tolerant); then, for a
    one-line hunk, its changed fragments on the failing line (or, without a
    line number, on the one line of the cell that holds any of them). Fragments
    that do not occur are skipped; at least one must apply.
    """
    if not search.strip():  # an empty SEARCH would replace the whole cell: never from memory
        return None
    try:
        return apply_block(source, search, replace)
    except NoMatchError:
        pass
    if "\n" in search or "\n" in replace:
        return None
    pairs = [(_fragment_pattern(old), new) for old, new in fragments(search.strip(), replace.strip())]
    if not pairs:
        return None
    lines = source.split("\n")

    def holds(text: str) -> bool:
        return any(pattern.search(text) for pattern, _ in pairs)

    if line is not None and 1 <= line <= len(lines) and holds(lines[line - 1]):
        target = line - 1
    else:
        targets = [i for i, text in enumerate(lines) if holds(text)]
        if len(targets) != 1:
            return None
        target = targets[0]
    for pattern, new in pairs:
        lines[target] = pattern.sub(lambda _, new=new: new, lines[target])
    return "\n".join(lines)


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def fragments(old: str, new: str) -> list[tuple[str, str]]:
    """The changed pieces of one line, as (old, new) text pairs cut on whole tokens.

    Cutting matters: ``np.float(x)`` -> ``float(x)`` must give ``np.float`` ->
    ``float``, never a bare ``np.`` removal that would also hit ``np.float64``;
    an attribute keeps its dot (``.ix`` -> ``.loc``) so that a variable that
    happens to be called ``ix`` is left alone; a pure insertion is anchored on
    its neighbouring tokens. Pieces without a name in them are too generic to move.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1 and a[i2 - 1] == "." and i2 < len(a) and j2 < len(b) and a[i2] == b[j2]:
            i2, j2 = i2 + 1, j2 + 1  # "np." -> "": take the attribute name along
        if i1 > 0 and a[i1 - 1] == ".":
            i1, j1 = i1 - 1, j1 - 1
        if not re.search(r"\w", "".join(a[i1:i2] + b[j1:j2])):
            continue
        if i1 == i2 or j1 == j2:  # insertion or deletion: anchor on both neighbours
            i1, j1 = max(i1 - 1, 0), max(j1 - 1, 0)
            if i2 < len(a):
                i2, j2 = i2 + 1, j2 + 1
        if i1 == i2:  # nothing on the old side to find it by
            continue
        pairs.append(("".join(a[i1:i2]), "".join(b[j1:j2])))
    return pairs


def _fragment_pattern(text: str) -> re.Pattern:
    word = re.compile(r"\w")
    return re.compile(("(?<!\\w)" if word.match(text[0]) else "") + re.escape(text)
                      + ("(?!\\w)" if word.match(text[-1]) else ""))
