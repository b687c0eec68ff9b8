"""What the locked environment's callables accept today, read from the environment itself.

The host never imports the notebooks' libraries: a signature is read by the locked
virtualenv's interpreter in a subprocess, once per callable and process. Nothing is
built here: without a built environment there is no answer.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from ...executor.lockenv import ask_environment, built_python

OLD_PARAMETERS = Path(__file__).with_name("old_parameters.json")

# Runs inside the locked environment: the parameter names of the callable at a dotted path.
_READ_SIGNATURE = r"""
import importlib, inspect, json, sys, warnings
warnings.simplefilter("ignore")
parts = sys.argv[1].split(".")
obj = None
for i in range(len(parts), 0, -1):
    try:
        obj = importlib.import_module(".".join(parts[:i]))
    except Exception:
        continue
    for attr in parts[i:]:
        obj = getattr(obj, attr)
    break
params = inspect.signature(obj).parameters.values()
print(json.dumps([p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"]))
"""


# Runs inside the locked environment: for each scikit-learn estimator class, the parameters that take only a
# bool, and those that take an int but no other number, as its parameter validation (1.2) declares them.
_READ_TYPED = r"""
import json, numbers, warnings
warnings.simplefilter("ignore")
from sklearn.utils import all_estimators
def numbers_taken(allowed):  # Interval(Integral, ...) -> Integral; numbers.Integral itself; not strings or None
    return {t for t in (getattr(c, "type", c) for c in allowed) if isinstance(t, type) and issubclass(t, numbers.Number)}
def typed(cls):
    found = {"bool": [], "int": []}
    for name, allowed in getattr(cls, "_parameter_constraints", {}).items():
        taken = numbers_taken(allowed)
        if allowed in (["boolean"], [bool]):
            found["bool"].append(name)
        elif numbers.Integral in taken and all(issubclass(t, numbers.Integral) for t in taken):
            found["int"].append(name)
    return found
print(json.dumps({name: typed(cls) for name, cls in all_estimators()}))
"""


# What the environment says is cached per interpreter, and "not built yet" is not cached: a service takes its
# first notebook on a fresh machine before the environment exists, and must read it once it does.
def installed_parameters(qualname: str, profile: str | None = None) -> tuple[str, ...] | None:
    """The parameter names of ``qualname`` ("sklearn.preprocessing.OneHotEncoder") in the locked
    environment, or None when it cannot be read (no built environment, no such callable)."""
    python = built_python(profile)
    return None if python is None else _parameters(qualname, python)


@lru_cache(maxsize=256)
def _parameters(qualname: str, python: Path) -> tuple[str, ...] | None:
    names = ask_environment(python, _READ_SIGNATURE, qualname)
    return tuple(names) if isinstance(names, list) else None


def _typed(profile: str | None) -> dict:
    python = built_python(profile)
    return {} if python is None else _typed_in(python)


@lru_cache(maxsize=4)
def _typed_in(python: Path) -> dict:
    found = ask_environment(python, _READ_TYPED)  # one import of every estimator module: a few seconds, once
    return found if isinstance(found, dict) else {}


def typed_parameters(estimator: str, kind: str, profile: str | None = None) -> tuple[str, ...]:
    """The parameters of the scikit-learn estimator class named ``estimator`` ("TfidfVectorizer") that accept
    only a bool (``kind`` "bool"), or an int and no other number ("int"), in the locked environment; empty
    when that cannot be read."""
    return tuple(_typed(profile).get(estimator, {}).get(kind, ()))


def is_estimator(name: str, profile: str | None = None) -> bool:
    """Whether ``name`` is a scikit-learn estimator class of the locked environment (False when unreadable)."""
    return name in _typed(profile)


def may_be_estimator(name: str, profile: str | None = None) -> bool:
    """``is_estimator``, or, where the environment cannot say (not built yet), whether ``name`` is a class's."""
    typed = _typed(profile)
    return name in typed if typed else name[:1].isupper()


def closest(name: str, parameters: tuple[str, ...], old: tuple[frozenset[str], frozenset[str]] | None = None) -> str | None:
    """The one parameter ``name`` most plausibly became: the only one that contains it or that it contains
    (``sparse`` -> ``sparse_output``), else the only close spelling (``n_iter`` -> ``max_iter``). ``old``, when
    the old releases' parameters are known (``old_parameters``): a ``name`` none of them took is a slip, not an
    old name; and a parameter that sat beside ``name`` in every one of them is not where it went."""
    if name in parameters:
        return None
    if old is not None:
        every, always = old
        if name not in every and "**" not in every:
            return None
        if name in always:
            parameters = tuple(p for p in parameters if p not in always)
    related = [p for p in parameters if len(min(p, name, key=len)) >= 3 and (name in p or p in name)]
    if len(related) == 1:
        return related[0]
    near = difflib.get_close_matches(name, parameters, n=2, cutoff=0.75)
    return near[0] if len(near) == 1 else None


def closest_parameter(qualname: str | None, name: str) -> str | None:
    if not qualname:
        return None
    parameters = installed_parameters(qualname)
    return closest(name, parameters, old_parameters(qualname)) if parameters else None


@lru_cache(maxsize=1)
def _old_table() -> dict[str, dict[str, list[str]]]:
    return json.loads(OLD_PARAMETERS.read_text())


def old_parameters(qualname: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The parameters the old releases (2015-2021) of a library gave the callable ``qualname``
    ("sklearn.utils.check_array"): every one any release had, and those every release had; for callables that
    lost one since (old_parameters.json, written by scripts/old_parameters_table.py from the releases' source).
    None for a callable the table does not hold."""
    library = qualname.partition(".")[0]
    found = _old_table().get(library, {}).get(qualname.rsplit(".", 1)[-1])
    return (frozenset(found[0]), frozenset(found[1])) if found else None
