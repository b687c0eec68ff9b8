"""Fix memory: accepted edits, keyed by error signature, tried again on later notebooks.

An edit is stored as its minimal changed hunk (whole lines), not the whole cell,
so it can be found in a different notebook's cell by the same search/replace
mechanism the LLM's answers use. A one-line hunk is also tried as an in-line
fragment on the failing line (``df.ix[`` -> ``df.loc[``), because a different
notebook rarely has the same whole line.
"""

from __future__ import annotations

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
    one-line hunk, its changed fragment on the failing line (or, without a line
    number, on the one line of the cell that holds it).
    """
    try:
        return apply_block(source, search, replace)
    except NoMatchError:
        pass
    if "\n" in search or "\n" in replace:
        return None
    old_frag, new_frag = _fragment(search.strip(), replace.strip())
    if not old_frag:
        return None
    pattern = re.compile(("(?<!\\w)" if old_frag[0].isidentifier() else "") + re.escape(old_frag)
                         + ("(?!\\w)" if (old_frag[-1].isalnum() or old_frag[-1] == "_") else ""))
    lines = source.split("\n")
    if line is not None and 1 <= line <= len(lines) and pattern.search(lines[line - 1]):
        target = line - 1
    else:
        targets = [i for i, text in enumerate(lines) if pattern.search(text)]
        if len(targets) != 1:
            return None
        target = targets[0]
    lines[target] = pattern.sub(lambda _: new_frag, lines[target])
    return "\n".join(lines)


def _fragment(old: str, new: str) -> tuple[str, str]:
    """The differing middle of two lines, widened to whole identifiers on both sides.

    Widening matters: ``np.float(x)`` -> ``float(x)`` must become the fragment
    ``np.`` + ``float`` and never a bare ``np.`` removal; an attribute keeps its
    dot (``.ix`` -> ``.loc``) so a variable that happens to be named ``ix`` is left alone.
    """
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    while head > 0 and (old[head - 1].isalnum() or old[head - 1] == "_"):
        head -= 1
    if head > 0 and old[head - 1] == ".":
        head -= 1
    while tail > 0 and (old[len(old) - tail].isalnum() or old[len(old) - tail] == "_"):
        tail -= 1
    return old[head:len(old) - tail], new[head:len(new) - tail]
