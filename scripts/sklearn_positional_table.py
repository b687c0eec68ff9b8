"""Write agent/rules/sklearn_positional.json: for every public scikit-learn callable that takes fewer positional
arguments today than it did, how many it still takes and the names its positional arguments had.

scikit-learn 0.23 deprecated, and 1.0 refused, passing most estimator and function parameters by position
(``SVC(1.0, 'linear')``, ``TfidfVectorizer('content', 'utf-8')``). A notebook's positional call is repaired by
naming each argument after the parameter at its position in the signature the author had. That order is read
from the source of old releases (their sdists from PyPI, e.g. ``pip download scikit-learn==0.22.2.post1
--no-deps --no-binary :all:``, unpacked); only the leading parameters on which every given release agrees are
kept, so a call is never named by an order some of those releases did not have. A parameter renamed since
(``base_estimator`` -> ``estimator``) is written under today's name when the catalogue records the rename; one
the catalogue records as removed keeps its old name, for the removed-parameter rules to deal with; one it does not
record ends the list (where it went is not known).

    .venv/bin/python scripts/sklearn_positional_table.py OLD_SOURCE_DIR [OLD_SOURCE_DIR ...]

Today's signatures are read in the locked tabular environment.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from positional_tables import (ROOT, agreed_prefix, catalogue_keywords, kept_positions, known_names, locked_signatures,
                               write_table)

OUT = ROOT / "agent" / "rules" / "sklearn_positional.json"
SKIPPED_DIRS = {"tests", "externals", "_build_utils", "__check_build"}
# 0.18-0.19's deprecated modules, whose namesakes in model_selection took other arguments (KFold(n, n_folds)):
# a notebook that imports from them is rewritten to model_selection's names by their own rules
DEPRECATED = {"cross_validation.py", "grid_search.py", "learning_curve.py"}

TODAY = r"""
import importlib, inspect, json, pkgutil, warnings
import sklearn
warnings.simplefilter("ignore")
seen = {}
for info in pkgutil.walk_packages(sklearn.__path__, "sklearn."):
    parts = info.name.split(".")
    if any(p.startswith("_") or p in ("tests", "externals", "experimental") for p in parts[1:]):
        continue
    try:
        module = importlib.import_module(info.name)
    except Exception:
        continue
    for name, obj in vars(module).items():
        if name.startswith("_") or not getattr(obj, "__module__", "").startswith("sklearn"):
            continue
        target = obj.__init__ if inspect.isclass(obj) else obj if inspect.isfunction(obj) else None
        if target is None or target is object.__init__:
            continue
        try:
            params = list(inspect.signature(target).parameters.values())
        except (TypeError, ValueError):
            continue
        if inspect.isclass(obj):
            params = params[1:]
        sig = [[p.name, p.kind.name] for p in params]
        seen.setdefault(name, [])
        if sig not in seen[name]:
            seen[name].append(sig)
print(json.dumps(seen))
"""


def old_orders(source: Path) -> dict[str, list[tuple[str, ...]]]:
    """Each top-level public class's __init__ and function's parameter names in one old release's source."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for path in sorted((source / "sklearn").rglob("*.py")):
        if SKIPPED_DIRS & set(path.relative_to(source).parts) or path.name in DEPRECATED:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for node in tree.body:
            if node.name.startswith("_") if isinstance(node, (ast.ClassDef, ast.FunctionDef)) else True:
                continue
            func = node if isinstance(node, ast.FunctionDef) else next(
                (n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            if func is None or func.args.vararg is not None:
                continue
            names = tuple(a.arg for a in func.args.args)[1 if isinstance(node, ast.ClassDef) else 0:]
            if names not in found.setdefault(node.name, []):
                found[node.name].append(names)
    return found


def main(sources: list[str]) -> int:
    releases = [old_orders(Path(s)) for s in sources]
    today = locked_signatures(TODAY)
    renames, recorded = catalogue_keywords("sklearn*.toml", re.compile(r"^(\w+)\((\w+)=\)$"))
    table = {}
    for name, signatures in sorted(today.items()):
        if len(signatures) != 1 or any(kind == "VAR_POSITIONAL" for _, kind in signatures[0]):
            continue  # two public callables share the name, or it takes *args: which order is meant is unclear
        orders = [order for release in releases for order in release.get(name, ())]
        current = [p for p, _ in signatures[0]]
        old = known_names(name, agreed_prefix(orders), current, renames, recorded)
        keeps = kept_positions(signatures[0], old)
        if len(old) > keeps:
            table[name] = [keeps, old]
    write_table(OUT, table, len(releases), len(today))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
