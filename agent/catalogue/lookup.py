"""The catalogue entries a failure is an instance of: what the model is told when no rule repaired it.

A rule is the catalogue put into code for the spellings it can read. What it cannot
read (a receiver held in a dict, an entry no rule covers because the fix needs the
author's intent) reaches the model, which otherwise has to remember from its training
which release removed what. ``for_error`` finds the entries whose recorded error is
the one raised (today's exception and a fragment of its message), in a library the
notebook imports; ``describe`` says each as one line of fact, with the catalogue's
reason when no rule covers it, so the model knows both the successor and the caveat.
"""

from __future__ import annotations

import re

from ...core import CellError
from . import Entry, entries

# catalogue library -> the module a notebook imports it as, where the two differ
IMPORTED_AS = {"pillow": "PIL", "opencv": "cv2", "pyldavis": "pyLDAvis", "vadersentiment": "vaderSentiment"}
# libraries reached through another one's import (tf.keras is Keras)
_REACHED_THROUGH = {"keras": ("tensorflow",)}
# exceptions that stand for one another: a removed module raises either, by how it is imported
_SAME = {"ModuleNotFoundError": "ImportError"}
# a message fragment that quotes a name ("has no attribute 'ix'", "Resource 'punkt_tab' not found") is specific
_QUOTED_NAME = re.compile(r"'[\w.-]{3,}'")
_VERBS = {"removed": "removed", "renamed": "renamed", "signature": "changed the signature of",
          "default": "changed the default of", "behaviour": "changed the behaviour of"}
# scikit-learn's parameter validation ends with the value it refused
_REFUSED = re.compile(r"\. Got (.+) instead\.?$")


def import_name(library: str) -> str:
    """The top-level module ``library`` (a catalogue library name) is imported as."""
    return IMPORTED_AS.get(library, library)


def for_error(ename: str, evalue: str, line: str, imported: set[str], limit: int = 3) -> list[Entry]:
    """The entries that record this failure: raised as ``ename`` with their message in ``evalue``, from a
    library among ``imported`` (top-level module names; Python's own entries always count). Where some
    also name what the failing ``line`` names (``LinearRegression(normalize=True)``), only those: the
    message alone ("unexpected keyword argument 'normalize'") fits every callable that lost it. At most
    ``limit``."""
    kind = _SAME.get(ename, ename)
    got = _REFUSED.search(evalue)
    scored = []
    for position, entry in enumerate(entries()):
        if not entry.raises or not entry.message or _SAME.get(entry.raises, entry.raises) != kind:
            continue
        if entry.message not in evalue or not _imported(entry.library, imported):
            continue
        if not _QUOTED_NAME.search(entry.message) and not _named_on(entry, f"{line}\n{evalue}"):
            continue  # a fragment as bare as 'fits failed' or 'Resource' says which entry only with its name
        if got is not None and entry.probe and got[1] not in entry.probe:
            continue  # scikit-learn names the value it refused: penalty='none' is the entry, a dict is not
        scored.append((-_named_on(entry, line), position, entry))
    scored.sort()
    return [entry for score, _, entry in scored if score == scored[0][0]][:limit]


def for_cell_error(error: CellError, imported: set[str], limit: int = 3) -> list[Entry]:
    """``for_error`` of a failing cell's error."""
    return for_error(error.ename, error.evalue or "", error.line_source or "", imported, limit)


def describe(entry: Entry) -> str:
    """One line: the change, its successor, and why no rule applies it when none does."""
    text = f"{entry.library} {entry.version} {_VERBS[entry.kind]} `{entry.old}`"
    if entry.new:
        text += f"; now: {entry.new}"
    if not entry.covered and entry.why:
        text += f" (no rewrite is automatic: {entry.why})"
    return f"{text} [catalogue: {entry.id}]"


def _imported(library: str, imported: set[str]) -> bool:
    return library == "python" or import_name(library) in imported or \
        any(other in imported for other in _REACHED_THROUGH.get(library, ()))


def _named_on(entry: Entry, line: str) -> int:
    """How many of the entry's names (its old name, and the parameter of a keyword form) the line holds."""
    form = entry.keyword_form()
    # otherwise the last name before a call or a note: "f.attrs[name].decode('utf8')" -> decode
    names = [form[0], form[1]] if form else re.findall(r"\w+", re.split(r"[(\s]", entry.old, maxsplit=1)[0])[-1:]
    return sum(re.search(rf"\b{re.escape(name)}\b", line) is not None for name in names)
