"""Cells that do not compile because of a slip Python itself diagnoses.

Python 3.10+ points at two expressions with nothing between them inside brackets
("invalid syntax. Perhaps you forgot a comma?"); in a literal written over several
lines the missing comma ends one of the lines of that range. Stored notebooks also
keep an author's half-finished edit: a stray '-' on a line of its own, a keyword
argument without its value. Each repair is only made where the whole cell then
compiles, so it is never a guess the interpreter would reject.
"""

from __future__ import annotations

import re

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


def _fix_error_line(source: str, fix) -> str:
    """``fix(line)`` applied to the line the cell's SyntaxError names, kept only when the cell then compiles."""
    masked = mask(source)
    if masked.foreign:
        return source
    error = _syntax_error(masked.code)
    lines = masked.code.split("\n")
    if error is None or not error.lineno or error.lineno > len(lines):
        return source
    fixed = fix(lines[error.lineno - 1])
    if fixed is None:
        return source
    lines[error.lineno - 1] = fixed
    code = "\n".join(lines)
    return masked.unmask(code) if _syntax_error(code) is None else source


def _slip_on_the_error_line(id: str, rationale: str, signatures, examples,
                            changed_in: str = "the author's cell (a typo, not an API change)"):
    """Register ``fix(line) -> new line or None`` as a rule on the line Python's error names: an author's slip,
    unless ``changed_in`` names the release that made the line stop compiling."""

    def register(fix):
        def apply(source: str, ctx=None) -> str:
            return _fix_error_line(source, fix)

        apply.text_rule = True  # type: ignore[attr-defined]  # the cell does not parse: work on the text
        rule(id, library="python", changed_in=changed_in, rationale=rationale,
             kind="error", signatures=signatures, examples=examples)(apply)
        return fix

    return register


def _substituted(pattern: re.Pattern, replacement: str, line: str) -> str | None:
    fixed = pattern.sub(replacement, line)
    return fixed if fixed != line else None


_STRAY = re.compile(r"^([ \t]*)([-+*/=.,;:~`'\"!@$%^&|<>?\\]{1,3})[ \t]*$")


@_slip_on_the_error_line(
    "syntax-stray-line",
    rationale="the cell does not compile because of a line holding only a stray character or two ('-', '.', "
    "'`'); it becomes a comment where the cell then compiles.",
    signatures=(("SyntaxError", r"invalid syntax"), ("IndentationError", r"unexpected indent")),
    examples=(
        (
            "x = 1\n-\ny = x + 1",
            "x = 1\n# -  (mlemod: a stray keystroke, not code)\ny = x + 1",
        ),
        (
            "def f():\n    a = 1\n    .\n    return a",
            "def f():\n    a = 1\n    # .  (mlemod: a stray keystroke, not code)\n    return a",
        ),
        ("y = (1 +\n-\n2)", "y = (1 +\n-\n2)"),  # inside brackets it is code: the cell compiles
    ),
)
def comment_out_stray_line(line: str) -> str | None:
    found = _STRAY.match(line)
    return f"{found.group(1)}# {found.group(2)}  (mlemod: a stray keystroke, not code)" if found else None


_DANGLING = re.compile(r",?[ \t]*\b[A-Za-z_]\w*[ \t]*=[ \t]*(?=\))|\b[A-Za-z_]\w*[ \t]*=[ \t]*,[ \t]*")


@_slip_on_the_error_line(
    "syntax-dangling-keyword",
    rationale="the cell does not compile because a keyword argument was left without a value ('n_folds=)'); "
    "the argument is dropped, so the callee's default applies, where the cell then compiles.",
    signatures=(("SyntaxError", r"invalid syntax"),),
    examples=(
        ("m = Blend(models, scorer=rmse, n_folds=)", "m = Blend(models, scorer=rmse)"),
        ("m = Blend(n_folds=, scorer=rmse)", "m = Blend(scorer=rmse)"),
        ("m = Blend(n_folds=5)", "m = Blend(n_folds=5)"),
    ),
)
def drop_dangling_keyword(line: str) -> str | None:
    return _substituted(_DANGLING, "", line)


_ASYNCIO_ASYNC = re.compile(r"\basyncio\.async\b")


@_slip_on_the_error_line(
    "python-asyncio-async",
    rationale="asyncio.async was deprecated for asyncio.ensure_future in 3.4.4 and stopped compiling in 3.7, when "
    "async became a keyword; the line says ensure_future, where the cell then compiles.",
    signatures=(("SyntaxError", r"invalid syntax"),),
    examples=(
        ("import asyncio\ntask = asyncio.async(fetch(url))", "import asyncio\ntask = asyncio.ensure_future(fetch(url))"),
        ("import asyncio\ntask = asyncio.ensure_future(f())", "import asyncio\ntask = asyncio.ensure_future(f())"),
    ),
    changed_in="python 3.7",
)
def asyncio_ensure_future(line: str) -> str | None:
    return _substituted(_ASYNCIO_ASYNC, "asyncio.ensure_future", line)
