"""Names the notebook reads and never imports: the import its author made in a cell since deleted.

``clf = XGBClassifier()`` where no cell imports it, ``np.mean(x)`` with numpy never imported: the author's kernel
still held the name from an import that is no longer in the notebook, so the stored outputs show the cells
working; run from the top, each is a NameError. The import is written back (``notebook-unimported-name``) only
where a name means one thing:

* a public name of exactly one of the locked libraries' homes (``agent/rules/unimported_names.json``, written by
  ``scripts/unimported_names_table.py`` from the locked environment's ``__all__``: scikit-learn's public modules,
  xgboost, lightgbm, catboost, pandas, numpy), read anywhere;
* a conventional alias (``np``, ``pd``, ``plt``, ``sns``, ...) or a standard module (``re``, ``os``, ``time``,
  ...), read only as a module is, ``np.mean`` and ``re.sub`` (an attribute that module has).

And only in a notebook where nothing else could have bound it: no cell binds the name in any way (else it is a
matter of cell order, which order_rules handles), no ``%run``, ``%pylab`` or ``%store``, no ``exec``, no star
import but from a home of the table (whose ``__all__`` says what it binds) and no ``globals()[...] =`` (or
``locals()``, ``vars()``) but with a key whose literal head the name does not start with (``'tree%s' % d``).
Keyed by the NameError (the run shows the name unbound, whatever a helper or
an extension might have bound), the edit imports every such name the notebook reads, at the top of the first cell
that reads one of them: one run finds them all.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from functools import cache
from pathlib import Path

import libcst as cst

from .cellnames import undefined_name
from .framework import Context, notebook_rule
from .masking import mask_cached, parse_masked
from .python3_rules import with_import
from .removed_api import USUAL_ALIASES

RULE_ID = "notebook-unimported-name"
HOMES: dict[str, str] = json.loads(Path(__file__).with_name("unimported_names.json").read_text())
# The aliases every tutorial writes (removed_api.py's, and these); a notebook that reads ``np.`` unbound meant numpy.
ALIASES = {**USUAL_ALIASES, "pd": "pandas", "xgb": "xgboost", "lgb": "lightgbm", "px": "plotly.express",
           "go": "plotly.graph_objects", "tf": "tensorflow", "stats": "scipy.stats"}
# Standard modules notebooks use by their own name; imported only where each attribute read is the module's.
STANDARD = ("os", "sys", "re", "math", "random", "time", "json", "pickle", "glob", "string", "collections",
            "itertools", "functools", "warnings", "operator", "copy", "csv", "gc", "shutil", "zipfile", "gzip",
            "statistics", "heapq", "bisect", "pprint", "textwrap", "unicodedata", "hashlib", "base64", "struct",
            "timeit", "traceback", "inspect", "typing", "uuid", "decimal", "fractions", "calendar", "datetime")
_WORD = re.compile(r"[A-Za-z_]\w*")
# What may bind any name, unseen: the notebook's names are then not known.
_UNKNOWABLE = re.compile(r"^\s*%(run|pylab|store|load)\b|\bexec\(|__builtins__", re.MULTILINE)
_NAMESPACES = ("globals", "locals", "vars")
# In a cell that is no Python (yet), what may bind any name.
_BINDS_UNSEEN = re.compile(r"\bimport\s+\*|\b(globals|locals|vars)\(\)")
_HOME_MODULES = frozenset(HOMES.values())


def _statements(names: list[str]) -> list[str]:
    """The imports binding ``names``, one line per module: ``from sklearn.metrics import f1_score, log_loss``."""
    plain, members = set(), {}
    for name in names:
        module = ALIASES.get(name)
        if module is not None and module.rsplit(".", 1)[-1] == name:  # stats: from scipy import stats
            members.setdefault(module.rsplit(".", 1)[0], []).append(name)
        elif module is not None:
            plain.add(f"import {module} as {name}")
        elif name in HOMES:
            members.setdefault(HOMES[name], []).append(name)
        else:
            plain.add(f"import {name}")
    return sorted(plain) + [f"from {module} import {', '.join(sorted(found))}" for module, found in sorted(members.items())]


@cache
def _has(module: str, attribute: str) -> bool:
    return hasattr(importlib.import_module(module), attribute)


def _bound(tree: ast.Module) -> set[str]:
    """Every name the cell binds, in any scope."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
        elif isinstance(node, ast.alias):
            found.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            found.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            found.update(node.names)
    return found


def _namespace(node: ast.AST) -> bool:
    """``globals()``, ``locals()``, ``vars()``: the namespace itself, whose keys are names."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAMESPACES
            and not node.args and not node.keywords)


def _literal_head(key: ast.expr) -> str:
    """The text every value of ``key`` starts with: all of a string, the part before the first field of a
    %-format, f-string, .format() or a sum; "" when nothing is known."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Mod) and isinstance(key.left, ast.Constant) \
            and isinstance(key.left.value, str):
        return key.left.value.split("%", 1)[0]
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        return _literal_head(key.left)
    if isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
        return key.values[0].value
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Attribute) and key.func.attr == "format" \
            and isinstance(key.func.value, ast.Constant) and isinstance(key.func.value.value, str):
        return key.func.value.value.split("{", 1)[0]
    return ""


def _bound_unseen(tree: ast.Module, candidates: set[str]) -> set[str]:
    """The ``candidates`` the cell may bind where no assignment shows: a star import (from a home of the table
    only its own names: its ``__all__`` holds no alias and no standard module, which the table test checks; from
    any other module anything) and a write into ``globals()`` (a name starting with its key's literal head)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            home = node.module if not node.level else None
            found |= {n for n in candidates if HOMES.get(n) == home} if home in _HOME_MODULES else candidates
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and _namespace(node.value):
            head = _literal_head(node.slice)
            found |= {n for n in candidates if n.startswith(head)}
        elif isinstance(node, ast.Attribute) and _namespace(node.value) and node.attr not in ("get", "keys", "items",
                                                                                             "values", "copy"):
            found |= candidates  # globals().update(models), .setdefault(...), .__setitem__(...)
    return found


def _reads(tree: ast.Module, wanted: set[str]) -> dict[str, list[str | None]]:
    """name -> the attribute each read of it takes (None: read otherwise), for the ``wanted`` names."""
    attribute = {id(node.value): node.attr for node in ast.walk(tree)
                 if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)}
    found: dict[str, list[str | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in wanted:
            found.setdefault(node.id, []).append(attribute.get(id(node)))
    return found


def _means_one_thing(name: str, attributes: list[str | None]) -> bool:
    if name in ALIASES:
        return None not in attributes  # np.mean, not np alone
    if name in STANDARD:
        return all(a is not None and _has(name, a) for a in attributes)
    return True


def fix_unimported(sources: list[str], failing: int | None, ctx: Context):
    name = undefined_name(ctx.error.evalue if ctx.error else None)
    if name not in HOMES and name not in ALIASES and name not in STANDARD:
        return []
    candidates = set(_WORD.findall(ctx.text)) & (HOMES.keys() | ALIASES.keys() | set(STANDARD))
    if not candidates or _UNKNOWABLE.search(ctx.text):
        return []
    trees: dict[int, ast.Module] = {}
    for i, source in enumerate(sources):
        if not source:
            continue
        tree = parse_masked(source)
        if tree is None:  # %%bash binds no Python name, nor does a cell that is no Python (pasted output)
            if not mask_cached(source).foreign:  # unless a repair makes it Python: no telling what it binds
                candidates = set() if _BINDS_UNSEEN.search(source) else candidates - set(_WORD.findall(source))
            continue
        trees[i] = tree
        candidates -= _bound(tree) | _bound_unseen(tree, candidates)
    read_in = {i: _reads(tree, candidates) for i, tree in trees.items()} if candidates else {}
    reads: dict[str, list[str | None]] = {}
    for found in read_in.values():
        for read, attributes in found.items():
            reads.setdefault(read, []).extend(attributes)
    missing = sorted(read for read, attributes in reads.items() if _means_one_thing(read, attributes))
    if name not in missing:
        return []
    first_reader = next(i for i, found in read_in.items() if found.keys() & set(missing))
    masked = mask_cached(sources[first_reader])
    module = cst.parse_module(masked.code)
    for statement in reversed(_statements(missing)):
        module = with_import(module, statement)
    why = (f"no cell imports or binds {', '.join(map(repr, missing))}: the author's kernel held "
           f"{'it' if len(missing) == 1 else 'them'} from an import no longer in the notebook; each is imported "
           f"from the one place it means (a name the locked libraries export once, a usual alias, a standard module).")
    return [(first_reader, masked.unmask(module.code), RULE_ID, why)]


notebook_rule(
    RULE_ID, "python", "the author's kernel (an import since deleted)",
    "a name read and never imported or bound, which means one thing (a public name of one locked library, a usual "
    "alias read as a module, a standard module): the import is written back.",
    signatures=(("NameError", r"name '\w+' is not defined"),), on_error=fix_unimported,
)
