#!/usr/bin/env python3
"""How often catalogue-keyword's signature fallback would guess what the catalogue knows.

    python scripts/keyword_fallback_check.py [--profile tabular] [--show N]

When a call fails with "got an unexpected keyword argument 'x'" and the catalogue has no
entry for it, the rule renames ``x`` to the parameter of almost the same spelling in the
callable's signature today (signatures.closest). That guess acts on callables nobody
catalogued, so it is measured here on those somebody did: for every catalogue entry that
renames a keyword (``fix = { keyword = "new" }``) or drops one (``keyword = ""``) of a
function or class (the rule reads the signatures of imported names, not of methods), the
callable's parameters are read in the locked environment and the fallback's guess, with
the old releases' parameters (old_parameters.json) or without them (``--no-old``), is
compared with the entry. A rename guessed right is a hit; another name, a wrong rename
(a call that runs and computes something else); a guess where the entry drops the keyword,
a wrong rename too; no guess, a miss (the LLM's turn). Prints the counts and the wrong ones.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from mlemodernizer.agent.catalogue import entries
from mlemodernizer.agent.rules.signatures import closest, old_parameters
from mlemodernizer.executor.lockenv import ask_environment, built_python

# Runs in the locked environment: each "library|Callable.path" -> its parameter names, found by walking the
# library's modules for the first component (a class or function) and following the rest as attributes.
_FIND = r"""
import importlib, inspect, json, pkgutil, sys, warnings
warnings.simplefilter("ignore")
wanted = json.loads(sys.argv[1])
found, modules = {}, {}
def walk(top):
    if top in modules:
        return modules[top]
    names = [top]
    try:
        package = importlib.import_module(top)
        if hasattr(package, "__path__"):
            names += [m.name for m in pkgutil.walk_packages(package.__path__, top + ".")
                      if ".tests" not in m.name and "._" not in m.name]
    except Exception:
        pass
    loaded = []
    for name in names:
        try:
            loaded.append(importlib.import_module(name))
        except Exception:
            continue
    modules[top] = loaded
    return loaded
for key in wanted:
    top, path = key.split("|")
    head, *rest = path.split(".")
    for module in walk(top):
        obj = getattr(module, head, None)
        try:
            for attr in rest:
                obj = getattr(obj, attr)
            params = inspect.signature(obj).parameters.values()
        except Exception:
            continue
        found[key] = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"]
        break
print(json.dumps(found))
"""

# the catalogue's library names -> the module to walk
_MODULES = {"sklearn": "sklearn", "pandas": "pandas", "numpy": "numpy", "scipy": "scipy", "matplotlib": "matplotlib",
            "seaborn": "seaborn", "statsmodels": "statsmodels", "xgboost": "xgboost", "lightgbm": "lightgbm",
            "imblearn": "imblearn", "gensim": "gensim", "networkx": "networkx", "catboost": "catboost",
            "skimage": "skimage", "plotly": "plotly", "category_encoders": "category_encoders"}


def _cases() -> list[tuple[str, str, str, str]]:
    """(entry id, "library|Callable", old keyword, new keyword or "") for the catalogue's keyword fixes."""
    cases = []
    for e in entries():
        form = e.keyword_form()
        if not form or e.fix is None or e.fix.keyword is None or e.library not in _MODULES:
            continue
        path = e.callable_path
        for prefix in (f"{_MODULES[e.library]}.", "np.", "pd.", "plt.", "sns.", "nx."):
            path = path.removeprefix(prefix)
        cases.append((e.id, f"{_MODULES[e.library]}|{path}", form[1], e.fix.keyword))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="tabular")
    parser.add_argument("--show", type=int, default=40, help="how many wrong guesses to list")
    parser.add_argument("--no-old", action="store_true",
                        help="guess without the old releases' parameters (old_parameters.json), as before it")
    args = parser.parse_args(argv)
    python = built_python(args.profile)
    if python is None:
        print(f"keyword_fallback_check: the {args.profile} environment is not built (mlemod env build)", file=sys.stderr)
        return 2
    import json

    cases = _cases()
    params = ask_environment(python, _FIND, json.dumps(sorted({c[1] for c in cases})), timeout=900) or {}
    tally, wrong = Counter(), []
    for entry_id, key, old, new in cases:
        library, path = key.split("|")
        head, _, rest = path.partition(".")
        if rest and head[:1].isupper():  # Class.method: the rule reads signatures of imported names only
            tally["a method"] += 1
            continue
        if key not in params:
            tally["callable not found"] += 1
            continue
        known = None if args.no_old else old_parameters(f"{library}.{path}")
        guess = closest(old, tuple(params[key]), known)
        if new and guess == new:
            tally["renamed right"] += 1
        elif guess is None:
            tally["no guess (rename)" if new else "no guess (drop): right"] += 1
        else:
            tally["wrong rename"] += 1
            wrong.append(f"  {entry_id}: {old}= -> {guess}= (the catalogue: {new + '=' if new else 'dropped'})")
    read = len(cases) - tally["callable not found"] - tally["a method"]
    print(f"{len(cases)} keyword fixes in the catalogue; {read} of callables the fallback reads")
    for name in ("renamed right", "no guess (rename)", "no guess (drop): right", "wrong rename", "a method",
                 "callable not found"):
        print(f"{name:26s} {tally[name]:4d}")
    print("\n".join(wrong[: args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
