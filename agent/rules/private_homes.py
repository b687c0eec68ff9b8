"""A name a package no longer exports but still defines in a private module is imported from there.

Libraries renamed their implementation modules private and re-export from the package only what they document:
scikit-learn 0.22 (``linear_model.base`` became ``linear_model._base``; the old paths went in 0.24), scipy 1.8
(``stats.stats`` became ``stats._stats_py``), statsmodels, pandas' internals. The static pass rewrites an old
private path to its public package; base classes and helpers that old notebooks imported from there
(``LinearModel``, ``BaseForest``, ``BaseDecisionTree``) are not re-exported, and the import still fails:
"cannot import name 'LinearModel' from 'sklearn.linear_model'". The locked environment itself says where the
name is defined today; when exactly one private module under the package (or under its parent) defines it, the
import names that module. The object is the one the notebook imported before: only its address changed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import libcst as cst
from libcst.metadata import PositionProvider

from ...executor.lockenv import ask_environment, built_python
from .framework import (
    CANNOT_IMPORT,
    RuleTransformer,
    dotted,
    one_statement_per_line,
    rule,
    split_import_from,
)


# Runs inside the locked environment: the private modules under a package (then under its parent) that define
# a name the package itself lacks; [] when the package has it or nothing defines it.
_FIND_HOMES = r"""
import importlib, json, pkgutil, sys, warnings
warnings.simplefilter("ignore")
module, name = sys.argv[1], sys.argv[2]

def homes(package):
    found = []
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + ".", onerror=lambda _: None):
        parts = info.name[len(package.__name__) + 1:].split(".")
        if not any(p.startswith("_") for p in parts) or any("test" in p for p in parts):
            continue
        try:
            candidate = importlib.import_module(info.name)
        except Exception:
            continue
        if getattr(getattr(candidate, name, None), "__module__", None) == info.name:
            found.append(info.name)
    return found

try:
    package = importlib.import_module(module)
except Exception:
    package = None
answer = []
if package is not None and not hasattr(package, name):
    answer = homes(package)
    if not answer and "." in module:
        answer = homes(importlib.import_module(module.rpartition(".")[0]))
print(json.dumps(answer))
"""


def private_home(module: str, name: str) -> str | None:
    """The one private module of the locked environment that defines ``name``, which ``module`` lacks; None when
    ``module`` has it, no private module or several define it, or no environment is built (that answer is not
    cached: the environment may be built next)."""
    python = built_python()
    return None if python is None else _private_home(module, name, python)


@lru_cache(maxsize=128)
def _private_home(module: str, name: str, python: Path) -> str | None:
    homes = ask_environment(python, _FIND_HOMES, module, name, timeout=120)  # walks the package's modules
    return homes[0] if isinstance(homes, list) and len(homes) == 1 else None


@rule(
    "private-home",
    library="scikit-learn/scipy/statsmodels/pandas",
    changed_in="scikit-learn 0.22-0.24, scipy 1.8, and other libraries' private modules",
    rationale="the package no longer exports this name, but one of its private modules still defines it (the "
    "same object the notebook imported before); the import names that module.",
    kind="error",
    signatures=(("ImportError", r"cannot import name '\w+' from '[\w.]+'"),),
    examples=(
        ("from sklearn.linear_model import LinearModel, Ridge\nclass Mine(LinearModel):\n    pass",
         ("from sklearn.linear_model import Ridge\nfrom sklearn.linear_model._base import LinearModel\n"
          "class Mine(LinearModel):\n    pass")),
        ("from sklearn.ensemble import BaseForest as Forest",
         "from sklearn.ensemble._forest import BaseForest as Forest"),
        ("from sklearn.linear_model import Ridge, Lasso", "from sklearn.linear_model import Ridge, Lasso"),
        ("from sklearn.linear_model import NoSuchThing", "from sklearn.linear_model import NoSuchThing"),
    ),
    describe=lambda ctx: _describe(ctx),
)
class PrivateHome(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_ImportFrom(self, original, updated):
        if updated.relative or updated.module is None or isinstance(updated.names, cst.ImportStar) \
                or not self.spans_error_line(original):
            return updated
        module = dotted(updated.module) or ""
        wanted = _wanted(self.ctx.error)
        moved, kept = [], []
        for alias in updated.names:
            name = alias.evaluated_name
            home = private_home(module, name) if wanted in (None, (module, name)) else None
            if home:
                moved.append((home, name, alias.evaluated_alias or name))
            else:
                kept.append(alias)
        return split_import_from(updated, kept, moved) if moved else updated

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


def _wanted(error) -> tuple[str, str] | None:
    """(module, name) the error could not import; None without an error (the rule's examples: every name)."""
    if error is None:
        return None
    m = CANNOT_IMPORT.search(error.evalue)
    return (m["module"], m["name"]) if m else ("", "")


def _describe(ctx) -> str | None:
    wanted = _wanted(ctx.error)
    if not wanted or not wanted[0]:
        return None
    home = private_home(*wanted)
    return home and f"{wanted[0]} no longer exports {wanted[1]}; it is defined in {home} today."
