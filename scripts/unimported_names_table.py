"""Write agent/rules/unimported_names.json: the public names of the locked libraries that have one home.

A notebook reads ``XGBClassifier`` or ``GridSearchCV`` that no cell imports: the author imported it in a cell
since deleted, and the kernel kept it. The import is written back only where the name means one thing: a
public name (``__all__``) of exactly one of the homes below, in the locked environment. A name two homes export
(``train`` in xgboost and lightgbm, ``array`` in numpy and pandas), one that is also a builtin, a ``math``
function, a standard module or shorter than three letters is left out; so are numpy's names and pandas' plain
words, read through ``np.`` and ``pd.`` (a bare ``mean()`` was %pylab's, or numpy's, or the standard library's).

    .venv/bin/python scripts/unimported_names_table.py

Read in the locked tabular environment (built first if need be).
"""

from __future__ import annotations

import sys

from positional_tables import ROOT, locked_signatures, write_sorted

OUT = ROOT / "agent" / "rules" / "unimported_names.json"

# Run by the locked Python: {home: [public names]}. A home is a module whose names a notebook imports one by
# one (``from sklearn.ensemble import RandomForestClassifier``); scikit-learn's private and test modules, and
# its utils (helpers, not what a notebook reaches for), are not homes.
PUBLIC = r"""
import importlib, json, pkgutil, types, warnings
warnings.simplefilter("ignore")
import sklearn
SKIP = {"conftest", "tests", "externals", "experimental", "utils", "callback"}
homes = ["sklearn." + m.name for m in pkgutil.iter_modules(sklearn.__path__)
         if not m.name.startswith("_") and m.name not in SKIP]
homes += ["sklearn", "xgboost", "lightgbm", "catboost", "pandas", "numpy"]
def there(module, name):
    try:
        return hasattr(module, name)
    except ImportError:  # HalvingGridSearchCV: listed, there once the experimental module is imported
        return False
found = {}
for home in homes:
    module = importlib.import_module(home)
    found[home] = sorted(n for n in getattr(module, "__all__", ()) if not n.startswith("_") and n not in SKIP
                         and there(module, n)
                         and (home == "sklearn" or not isinstance(getattr(module, n), types.ModuleType)))
print(json.dumps(found))
"""
# numpy's names are read through np (a bare mean() or where() is %pylab's, or numpy's or the standard library's:
# no telling): numpy is listed only so that a name it shares is no other home's. pandas' lowercase words (merge,
# melt, api) likewise; its classes and its read_/to_/get_ functions are its own.
ONLY_TO_SHARE = {"numpy"}


def _own(home: str, name: str) -> bool:
    if home in ONLY_TO_SHARE:
        return False
    return home != "pandas" or name[:1].isupper() or "_" in name


def table(public: dict[str, list[str]]) -> dict[str, str]:
    """name -> its one home."""
    import builtins
    import keyword
    import math

    homes: dict[str, set[str]] = {}
    for home, names in public.items():
        for name in names:
            homes.setdefault(name, set()).add(home)
    taken = set(dir(builtins)) | set(keyword.kwlist) | set(dir(math)) | set(sys.stdlib_module_names)
    return {name: home for name, found in homes.items() if len(found) == 1 and len(name) >= 3 and name not in taken
            and _own(home := next(iter(found)), name)}


def main() -> int:
    public = locked_signatures(PUBLIC)
    names = table(public)
    write_sorted(OUT, names)
    print(f"{len(names)} names with one home written to {OUT.relative_to(ROOT)}, from {len(public)} homes and "
          f"{sum(map(len, public.values()))} public names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
