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
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def catalogue_keywords() -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The catalogue's scikit-learn keyword changes: (callable, old parameter) -> today's name for a rename, and
    the (callable, parameter) pairs it records at all (removed ones among them)."""
    import tomllib

    keyword = re.compile(r"^(\w+)\((\w+)=\)$")
    renames, recorded = {}, set()
    for path in (ROOT / "agent" / "catalogue").glob("sklearn*.toml"):
        for entry in tomllib.loads(path.read_text())["entry"]:
            old, new = keyword.match(entry.get("old", "")), keyword.match(entry.get("new", ""))
            if old:
                recorded.add((old[1], old[2]))
            if old and new and old[1] == new[1] and old[2] != new[2]:
                renames[(old[1], old[2])] = new[2]
    return renames, recorded


def known_names(name: str, old: tuple[str, ...], current: list[str], renames, recorded) -> list[str]:
    """``old`` in today's spellings, up to the first parameter that is neither today's (under its name or a
    recorded rename) nor recorded by the catalogue as changed: where it went is not known, nor what follows."""
    names = []
    for param in old:
        spelled = param if param in current else renames.get((name, param))
        if spelled is None and (name, param) not in recorded:
            break
        names.append(spelled or param)
    return names


def agreed_prefix(orders: list[tuple[str, ...]]) -> tuple[str, ...]:
    prefix = []
    for names in zip(*orders):
        if len(set(names)) != 1:
            break
        prefix.append(names[0])
    return tuple(prefix)


def main(sources: list[str]) -> int:
    sys.path.insert(0, str(ROOT.parent))
    from mlemodernizer.executor.lockenv import venv_python

    releases = [old_orders(Path(s)) for s in sources]
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", TODAY], check=True,
                                      capture_output=True, text=True).stdout)
    renames, recorded = catalogue_keywords()
    table = {}
    for name, signatures in sorted(today.items()):
        if len(signatures) != 1 or any(kind == "VAR_POSITIONAL" for _, kind in signatures[0]):
            continue  # two public callables share the name, or it takes *args: which order is meant is unclear
        orders = [order for release in releases for order in release.get(name, ())]
        current = [p for p, _ in signatures[0]]
        old = known_names(name, agreed_prefix(orders), current, renames, recorded)
        positional = [p for p, kind in signatures[0] if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        # positions that still mean what they meant; MLPRegressor(loss, hidden_layer_sizes, ...) (1.7) keeps none
        keeps = next((i for i, (a, b) in enumerate(zip(positional, old)) if a != b), min(len(positional), len(old)))
        if len(old) > keeps:
            table[name] = [keeps, old]
    OUT.write_text("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(table.items()))
                   + "\n}\n")
    print(f"{len(table)} callables written to {OUT.relative_to(ROOT)} from {len(releases)} releases, "
          f"{len(today)} public names today")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
