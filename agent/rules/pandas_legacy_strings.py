"""pandas 3's string dtype, when no rule of the family reads the failing line: the switch that restores object.

pandas 3.0 made text columns dtype ``str``: such a column refuses a number
(``df.loc[m, 'Sex'] = 0``), its dtype is no longer ``'object'`` (a dict keyed by
``str(dtype)`` has no ``'object'`` key), its reductions raise, and its ``.values`` is an array of str
that scikit-learn's splitters cannot index as they indexed numpy's object array. The family's rules
rewrite the spellings they know; a notebook finds others (the dtype's name built in a
helper function, a row assigned through a chain, a reduction inside ``apply``). pandas 3
still has the switch ``future.infer_string``: off, text is read as object, as the
notebook's author had it. It is the last error rule tried (after every keyed and static
rule, or when their edit was already tried): one line after the notebook's pandas import,
with a note. pandas names it deprecated, to go in 4.0; the note says so, so a reviewer
knows the notebook leans on it.
"""

from __future__ import annotations

import ast
import re

from .framework import Context, notebook_rule
from .masking import parse_masked

RULE_ID = "pandas-legacy-strings"
SWITCH = "future.infer_string"
NOTE = "# pandas 3: text as object, as this notebook was written (the switch goes in pandas 4)"

# A text column's .values, an array of str now, indexed as numpy's object array was (X[idx, ...] in
# scikit-learn's splitters). numpy says the same of a list indexed by an array: the traceback must pass
# through pandas' string arrays.
_ARROW_INDEX = r"^only integer scalar arrays can be converted to a scalar index$"
_STRING_ARRAYS = re.compile(r"pandas[/\\]core[/\\]arrays[/\\](arrow|string_)")
SIGNATURES = (
    ("TypeError", (r"(?s)Invalid value( '.*')? for dtype '?str|Cannot perform reduction '\w+' with string dtype"
                   r"|operation '\w+' not supported for dtype 'str'|dtype 'str' does not support operation"
                   r"|Invalid comparison between dtype=str")),
    ("KeyError", r"^'object'$|^\"object\"$|^dtype\('O'\)$"),
    ("ArrowNotImplementedError", r"has no kernel matching input types \((large_)?string"),
    ("TypeError", _ARROW_INDEX),
)


def _pandas_import(tree: ast.Module) -> tuple[int, str | None] | None:
    """The line after the first top-level statement importing pandas, and the name it binds the module to
    (None: only ``from pandas import ...``); None when there is none, or it shares its line with another."""
    for stmt, after in zip(tree.body, tree.body[1:] + [None]):
        if isinstance(stmt, ast.Import) and any(a.name == "pandas" for a in stmt.names):
            alias = next(a.asname or "pandas" for a in stmt.names if a.name == "pandas")
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and (stmt.module or "").split(".")[0] == "pandas":
            alias = None
        else:
            continue
        if after is not None and after.lineno == stmt.end_lineno:
            return None  # import pandas as pd; df = ...: no line of its own to follow
        return stmt.end_lineno, alias
    return None


def _insert(source: str, at: int, alias: str | None) -> str:
    lines = source.split("\n")
    switch = f"{alias or 'pandas'}.set_option({SWITCH!r}, False)  {NOTE}"
    return "\n".join(lines[:at] + ([] if alias else ["import pandas"]) + [switch] + lines[at:])


def fix_legacy_strings(sources: list[str], failing: int | None, ctx: Context):
    if any(SWITCH in s for s in sources):
        return []  # already off: the error is of another kind
    error = ctx.error if ctx is not None else None
    if error is not None and re.match(_ARROW_INDEX, error.evalue) and not _STRING_ARRAYS.search(error.traceback or ""):
        return []  # numpy's own complaint (a list indexed by an array), not a string array's
    first_code = None
    for i, source in enumerate(sources):
        if not source.strip() or source.lstrip().startswith("%%"):
            continue  # empty, or a cell magic (its body may not be Python)
        tree = parse_masked(source)
        if tree is None:
            continue
        first_code = i if first_code is None else first_code
        if found := _pandas_import(tree):
            return [(i, _insert(source, *found), RULE_ID, _why(failing))]
    if first_code is None:
        return []
    # pandas imported nowhere a line can follow (a helper module imports it): the first cell imports it too
    return [(first_code, _insert(sources[first_code], 0, None), RULE_ID, _why(failing))]


def _why(failing: int | None) -> str:
    return ("pandas 3.0 reads text as the str dtype, and the failing line (cell "
            f"{failing}) needs the object columns its author had; no rule of the family rewrote it, so "
            f"the notebook turns pandas' switch {SWITCH!r} off right after importing pandas (pandas deprecates "
            "the switch and drops it in 4.0).")


notebook_rule(
    RULE_ID, "pandas", "pandas 3.0 (the str dtype; the switch is deprecated, to go in 4.0)",
    "a str-dtype error that no rule of the family fixed (a number into a text column, a dtype named 'object', a "
    "reduction over text): pandas' future.infer_string is turned off after the notebook's pandas import, "
    "so text is object as before.",
    signatures=SIGNATURES, fallback=fix_legacy_strings,
)
