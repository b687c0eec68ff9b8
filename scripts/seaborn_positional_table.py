"""Write agent/rules/seaborn_positional.json: for every public seaborn function and grid class (``sns.X``) that takes
fewer positional arguments today than it did, how many it still takes and the names its positional arguments had.

seaborn 0.11 warned, and 0.12 refused, passing the data arguments and options by position: ``sns.barplot('a', 'b',
data=df)``, ``sns.jointplot('a', 'b', df, 'reg')``, ``sns.heatmap(m, 0, 1, 'viridis')``, ``sns.FacetGrid(df, 'c')``.
A notebook's positional call is repaired by naming each argument after the parameter at its position in the
signature the author had. That order is read from the source of old releases (their sdists from PyPI, unpacked:
module-level functions and the grid classes' ``__init__``, a class's bases followed within seaborn); only the
leading parameters on which every given release that has the callable agrees are kept. A parameter renamed since
(``size`` -> ``height`` in 0.9) is written under today's name when the catalogue records the rename and today's
signature lacks the old one (``ci=``, ``scale=`` are still read, with a warning: kept); one the catalogue records
as removed keeps its old name, for the removed-parameter rules; one it does not record ends the list.

    .venv/bin/python scripts/seaborn_positional_table.py OLD_SOURCE_DIR [OLD_SOURCE_DIR ...]

(e.g. seaborn-0.8.1 seaborn-0.9.0 seaborn-0.10.1 unpacked). Today's signatures are read in the locked tabular
environment. The grids' methods are not read: none of them made a parameter keyword-only (their old orders, read
the same way, are today's leading parameters, but for JointGrid.plot's third, annot_func, removed with annotate
in 0.11 and not a keyword today either, and ClusterGrid.dim_ratios, seaborn's own helper).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from positional_tables import (ROOT, agreed_prefix, catalogue_keywords, kept_positions, known_names, locked_signatures,
                               write_table)

OUT = ROOT / "agent" / "rules" / "seaborn_positional.json"
SKIPPED = {"conftest.py", "apionly.py"}  # apionly re-exports; conftest is the tests'

# Each public name seaborn's namespace gives today (``sns.X``), defined in seaborn: [[parameter, kind], ...]
TODAY = r"""
import inspect, json, warnings
warnings.simplefilter("ignore")
import seaborn
found = {}
for name, obj in vars(seaborn).items():
    module = getattr(obj, "__module__", "") or ""
    if name.startswith("_") or not module.startswith("seaborn.") or module.startswith("seaborn.objects"):
        continue
    target = obj.__init__ if inspect.isclass(obj) else obj if inspect.isfunction(obj) else None
    if target is None or target is object.__init__:
        continue
    params = list(inspect.signature(target).parameters.values())[1 if inspect.isclass(obj) else 0:]
    found[name] = [[p.name, p.kind.name] for p in params]
print(json.dumps(found))
"""


def old_orders(source: Path) -> dict[str, tuple[str, ...] | None]:
    """Each top-level function's and class's (its __init__, or its first seaborn base's) parameter names in one old
    release's source; None for one that takes *args."""
    functions: dict[str, ast.FunctionDef] = {}
    classes: dict[str, ast.ClassDef] = {}
    for path in sorted((source / "seaborn").glob("*.py")):
        if path.name in SKIPPED:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                functions.setdefault(node.name, node)
            elif isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, node)

    def init(cls: ast.ClassDef) -> ast.FunctionDef | None:
        own = next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        bases = [classes[b.id] for b in cls.bases if isinstance(b, ast.Name) and b.id in classes]
        return own or next((found for base in bases if (found := init(base))), None)

    found: dict[str, tuple[str, ...] | None] = {}
    for name, node in [*functions.items(), *((n, init(c)) for n, c in classes.items())]:
        if node is None:
            continue
        names = tuple(a.arg for a in [*node.args.posonlyargs, *node.args.args])
        found[name] = None if node.args.vararg else names[1:] if name in classes else names
    return found


def main(sources: list[str]) -> int:
    releases = [old_orders(Path(s)) for s in sources]
    today = locked_signatures(TODAY)
    renames, recorded = catalogue_keywords("seaborn*.toml", re.compile(r"^(\w+)\((\w+)=\)"))
    table = {}
    for name, signature in sorted(today.items()):
        if any(kind == "VAR_POSITIONAL" for _, kind in signature):
            continue  # sns.set(*args, **kwargs): an alias, read by its target's order
        found = [release.get(name, False) for release in releases]
        if None in found or not any(found):
            continue  # taken through *args by some release, or in none of them
        orders = [order for order in found if order]
        # 0.8's size is 0.9's height: compared under the catalogue's new name (not where a release kept both: 0.9's
        # lmplot(..., height=5, ..., size=None) took the old one last, for its warning), written as the newest
        # release spelled it, so that a name today still reads (ci=, scale=, with their old values) stays
        agreed = agreed_prefix([tuple(p if renames.get((name, p), p) in order else renames[(name, p)] for p in order)
                                for order in orders])
        current = [p for p, _ in signature]
        old = known_names(name, orders[-1][:len(agreed)], current, renames, recorded)
        keeps = kept_positions(signature, old)  # barplot(x, y, hue, data) is barplot(data, *, x, ...) now: 0
        if len(old) > keeps:
            table[name] = [keeps, old]
    write_table(OUT, table, len(releases), len(today))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
