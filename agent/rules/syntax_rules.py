"""Cells that do not compile because of a slip Python itself diagnoses.

Python 3.10+ points at two expressions with nothing between them inside brackets
("invalid syntax. Perhaps you forgot a comma?"); in a literal written over several
lines the missing comma ends one of the lines of that range. The comma is only
inserted where the whole cell then compiles, so the rewrite is never a guess the
interpreter would reject.
"""

from __future__ import annotations


from .framework import rule
from .masking import mask

_MAX_COMMAS = 5  # a literal with several missing commas: one per round, each checked by compiling


def _syntax_error(code: str) -> SyntaxError | None:
    try:
        compile(code, "<cell>", "exec")
    except SyntaxError as e:  # also IndentationError
        return e
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _with_comma(line: str) -> str | None:
    """``line`` with a comma after its last token, or None when it has a comment or already ends in one."""
    body = line.rstrip()
    if not body or "#" in body or body.endswith((",", "(", "[", "{", ":", "\\")):
        return None
    return body + "," + line[len(body) :]


def add_missing_comma(source: str, ctx=None) -> str:
    masked = mask(source)
    if masked.foreign:
        return source
    code = masked.code
    for _ in range(_MAX_COMMAS):
        error = _syntax_error(code)
        if error is None or "forgot a comma" not in (error.msg or "") or not error.lineno:
            break
        lines = code.split("\n")
        last = min(error.end_lineno or error.lineno, len(lines))
        for n in range(error.lineno, last):  # the first expression ends on one of these lines
            candidate = _with_comma(lines[n - 1])
            if candidate is None:
                continue
            trial = "\n".join(lines[: n - 1] + [candidate] + lines[n:])
            after = _syntax_error(trial)
            if after is None or "forgot a comma" in (after.msg or "") and after.lineno > n:
                code = trial
                break
        else:
            break
    if _syntax_error(code) is not None:
        return source  # only a cell that compiles in the end is worth the edit
    return masked.unmask(code)


add_missing_comma.text_rule = True  # type: ignore[attr-defined]  # the cell does not parse: work on the text

rule(
    "syntax-missing-comma",
    library="python",
    changed_in="the author's cell (a typo, not an API change)",
    rationale="the cell does not compile: a literal written over several lines lacks a comma at the end of "
    "a line (Python: 'Perhaps you forgot a comma?'); the comma is added where the cell then compiles.",
    kind="error",
    signatures=(("SyntaxError", r"Perhaps you forgot a comma"),),
    examples=(
        (
            "map = {'Ex':4\n       'Gd':3\n       'TA':2,\n       'Po':0}",
            "map = {'Ex':4,\n       'Gd':3,\n       'TA':2,\n       'Po':0}",
        ),
        ("cols = ['a',\n        'b'\n        'c']", "cols = ['a',\n        'b'\n        'c']"),
        ("x = [1, 2]", "x = [1, 2]"),
    ),
)(add_missing_comma)
