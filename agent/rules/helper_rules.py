"""Helper packages shipped next to the notebook, written for Python 2.

A package's ``__init__.py`` that says ``import predict`` meant its sibling
``predict.py``: Python 2 resolved imports relative to the package first, Python 3
(PEP 328) only looks at ``sys.path``. On the ModuleNotFoundError raised inside
such a package (the traceback's deepest frame is the package's own file, not an
installed library), the package folder is put on ``sys.path`` before the
notebook imports it, which is what the implicit relative import found.
"""

from __future__ import annotations

import re

from .framework import Context, notebook_rule

RULE_ID = "python2-implicit-relative-import"
_IMPORTED = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+))")
NOTE = "# mlemod: Python 2 implicit relative import inside"


def fix_relative_import(sources: list[str], failing: int | None, ctx: Context):
    error = ctx.error
    if failing is None or error is None or not error.line or not error.line_source:
        return []
    missing = re.search(r"No module named '([\w.]+)'", error.evalue)
    frames = [path for path, _ in error.frames()]
    notebook_import = _IMPORTED.match(error.line_source)
    if not missing or not frames or not notebook_import:
        return []
    deepest = frames[-1]
    if re.search(r"site-packages|dist-packages|/lib/python\d", deepest):
        return []  # an installed library's own import: a missing package, not a helper
    package = notebook_import.group(1) or notebook_import.group(2)
    folder = package.replace(".", "/")
    if f"/{folder}/" not in deepest or missing.group(1).split(".")[0] == package.split(".")[0]:
        return []  # the failing frame is not inside the package the notebook imports
    lines = sources[failing].split("\n")
    if error.line > len(lines) or any(NOTE in line for line in lines):
        return []
    indent = re.match(r"^[ \t]*", lines[error.line - 1]).group(0)
    lines.insert(error.line - 1, f"{indent}__import__('sys').path.insert(0, {folder!r})  {NOTE} {folder}/")
    why = (
        f"{folder}/ imports its sibling module {missing.group(1)!r} the Python 2 way (an implicit relative import); "
        f"the package folder is put on sys.path first, where Python 3 looks."
    )
    return [(failing, "\n".join(lines), RULE_ID, why)]


notebook_rule(
    RULE_ID, "python", "Python 3.0 (PEP 328)",
    "a helper package's implicit relative import (import sibling) fails in Python 3; its folder is put on sys.path.",
    signatures=(("ModuleNotFoundError", r"No module named"),), on_error=fix_relative_import,
)
