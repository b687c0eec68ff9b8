"""A call's arguments read from the cell's text, before any parse: the cheap pre-filter of the keyword-only rules.

scikit-learn, pandas and matplotlib rewrite a call only when it passes more positional arguments than the callable
still takes. Most cells that name such a callable pass the rest by keyword, so counting the positional arguments in
the text spares them the libcst pass. The count is rough (quotes and brackets are counted, not parsed); where it
cannot tell (a comment, a triple quote, an unclosed call) it says so, and the rule runs.
"""

from __future__ import annotations

import re

_KEYWORD_ARG = re.compile(r"\s*(\*|\w+\s*=(?!=))")  # name=value, *args, **kwargs: not a positional argument


def positional_count(code: str, start: int) -> int | None:
    """How many positional arguments the call whose '(' ends at ``start`` passes; None when the scan cannot tell."""
    count, depth, quote, begin, i, n = 0, 0, None, start, start, len(code)
    while i < n:
        c = code[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
            elif c == "\n":
                return None
        elif c in "'\"":
            if code.startswith(c * 3, i):
                return None
            quote = c
        elif c == "#":
            return None
        elif c in "([{":
            depth += 1
        elif c in ")]}" and depth:
            depth -= 1
        elif c in "]}":
            return None
        elif c == ")" or (c == "," and not depth):
            arg = code[begin:i]
            if arg.strip() and not _KEYWORD_ARG.match(arg):
                count += 1
            if c == ")":
                return count
            begin = i + 1
        i += 1
    return None


def passes_more(code: str, start: int, keeps: int) -> bool:
    """Whether the call whose '(' ends at ``start`` may pass more than ``keeps`` positional arguments."""
    count = positional_count(code, start)
    return count is None or count > keeps
