"""Regular expressions whose global inline flags are not at the start.

``(?i)``, ``(?u)``, ``(?x)`` and the other global flag groups applied to the whole pattern wherever they stood;
Python 3.6 deprecated writing them anywhere but at the start and 3.11 refuses it (``re.error: global flags not
at the start of the expression``). Old text-cleaning code wrote them at the end (``r'http\\S+(?i)'``), in
``re.compile``, ``re.sub``, pandas' ``str.contains`` and tokenizers alike, so the error comes from wherever the
pattern is compiled. Moving the flags to the start gives the same pattern: they always meant the whole of it.
"""

from __future__ import annotations

import re

from .framework import RuleTransformer, rule

_FLAGS = re.compile(r"(?<!\\)\(\?([aiLmsux]+)\)")  # a global flag group; (?i:...) is scoped, allowed anywhere
_LITERAL = re.compile(r"^([rRbBuU]*)('''|\"\"\"|'|\")(.*)\2$", re.S)


def flags_first(literal: str) -> str | None:
    """The literal's source with every global flag group moved to the start of its text, or None when it has
    none past the start."""
    parts = _LITERAL.match(literal)
    if parts is None:
        return None
    prefix, quote, body = parts.groups()
    found = list(_FLAGS.finditer(body))
    if not any(f.start() > 0 for f in found):
        return None
    flags = "".join(dict.fromkeys("".join(f.group(1) for f in found)))
    return f"{prefix}{quote}(?{flags}){_FLAGS.sub('', body)}{quote}"


@rule(
    "python-regex-global-flags",
    library="python",
    changed_in="Python 3.11 (deprecated in 3.6)",
    rationale="a global inline flag group such as (?i) may only open a regular expression now; it applied to the "
    "whole pattern wherever it stood, so the flags of every string in the failing cell that has them later in "
    "its text are moved to its start.",
    kind="error",
    signatures=(("error", r"global flags not at the start of the expression"),
                ("PatternError", r"global flags not at the start of the expression")),
    error_examples=(
        ("error: global flags not at the start of the expression at position 7", 2,
         "import re\nurls = re.compile(r'http\\S+(?i)')\nclean = df.text.str.replace('[^a-z ](?u)', '', regex=True)",
         "import re\nurls = re.compile(r'(?i)http\\S+')\nclean = df.text.str.replace('(?u)[^a-z ]', '', regex=True)"),
        # flags that open the pattern merge with the later ones; scoped groups and escaped parentheses stay
        ("error: global flags not at the start of the expression at position 9", 1,
         "p = re.compile('(?x) a b (?i)', re.M)\nq = re.compile('(?i:a)b\\\\(?i)')",
         "p = re.compile('(?xi) a b ', re.M)\nq = re.compile('(?i:a)b\\\\(?i)')"),
    ),
)
class RegexGlobalFlags(RuleTransformer):
    def leave_SimpleString(self, original, updated):
        moved = flags_first(updated.value)
        return updated if moved is None else updated.with_changes(value=moved)
