"""Write agent/rules/matplotlib_positional.json: for every public matplotlib callable of the families notebooks
call with long positional lists (pyplot, Axes, Figure, Axis, colorbar, legend, widgets, patches, lines, text) that
takes fewer positional arguments today than it did, how many it still takes, the names its positional arguments
had, and the name its TypeError gives it today.

matplotlib 3.x made optional parameters keyword-only (``_api.make_keyword_only``: "Passing the X parameter of Y()
positionally is deprecated", then refused): ``plt.figure(1, (8, 6), 80, 'w')``, ``ax.imshow(img, 'gray', None,
'auto')``, ``Ellipse(xy, w, h, 45)``, ``Slider(ax, 'f', 0, 10, 5)``. A notebook's positional call is repaired by
naming each argument after the parameter at its position in the signature the author had. That order is read from
the source of old releases (their sdists from PyPI, unpacked); only the leading parameters on which every given
release that has the callable agrees are kept, and a callable that one of them takes through ``*args`` (stem,
plot, legend: the meaning of a position was worked out at run time) is left out. A parameter renamed since
(``Axes.bar(left=)`` -> ``x``) is written under today's name when the catalogue records the rename; one the
catalogue records as removed keeps its old name, for the removed-parameter rules; one it does not record ends the
list (where it went is not known).

    .venv/bin/python scripts/matplotlib_positional_table.py OLD_SOURCE_DIR [OLD_SOURCE_DIR ...]

(e.g. matplotlib-2.2.5 matplotlib-3.0.3 matplotlib-3.3.4 unpacked). Today's signatures are read in the locked
tabular environment.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

from positional_tables import (ROOT, agreed_prefix, catalogue_keywords, kept_positions, known_names, locked_signatures,
                               write_table)

OUT = ROOT / "agent" / "rules" / "matplotlib_positional.json"
MODULES = ("axes", "figure", "axis", "colorbar", "widgets", "legend", "patches", "lines", "text")
OLD_FILES = ("pyplot.py", "axes/_axes.py", "axes/_base.py", *(f"{m}.py" for m in MODULES[1:]))

# "pyplot.f", "Class" (its __init__) and "Class.method" -> [the qualname today's TypeError names, [[parameter,
# kind], ...]]. An Axes method made by _axis_method_wrapper forwards to the Axis method, whose name the error gives.
TODAY = r"""
import importlib, inspect, json, sys, warnings
import matplotlib
matplotlib.use("Agg")
warnings.simplefilter("ignore")
import matplotlib.pyplot as plt

def params(fn, method):
    return [[p.name, p.kind.name] for p in list(inspect.signature(fn).parameters.values())[1 if method else 0:]]

def raised_as(fn):
    code = getattr(fn, "__code__", None)
    if code is not None and code.co_qualname.startswith("_axis_method_wrapper."):
        return "Axis." + fn.__closure__[0].cell_contents.__reduce__()[1][0].split(".")[-1]
    return fn.__qualname__

found = {}
for name, fn in vars(plt).items():
    if not name.startswith("_") and inspect.isfunction(fn) and fn.__module__ == "matplotlib.pyplot":
        found[f"pyplot.{name}"] = [fn.__qualname__, params(fn, False), "matplotlib.pyplot"]
for mod in json.loads(sys.argv[1]):
    module = importlib.import_module(f"matplotlib.{mod}")
    for cname, cls in vars(module).items():
        if cname.startswith("_") or not inspect.isclass(cls) or not cls.__module__.startswith(module.__name__):
            continue
        if cls.__init__ is not object.__init__:
            found.setdefault(cname, [cls.__init__.__qualname__, params(cls.__init__, True), module.__name__])
        for mname, fn in inspect.getmembers(cls, inspect.isfunction):
            if not mname.startswith("_"):
                found.setdefault(f"{cname}.{mname}", [raised_as(fn), params(fn, True), None])
print(json.dumps(found))
"""


class Forward(NamedTuple):
    """A class-body ``set_xticklabels = _axis_method_wrapper("xaxis", "_set_ticklabels")``: Axis's method's order."""

    cls: str
    name: str


class Release:
    """One old release's classes (bases, and each member's parameter names, or where it forwards) and pyplot's
    functions, read with ast."""

    def __init__(self, source: Path) -> None:
        self.classes: dict[str, tuple[list[str], dict[str, object]]] = {}
        self.functions: dict[str, tuple[str, ...] | None] = {}
        for relative in OLD_FILES:
            tree = ast.parse((source / "lib" / "matplotlib" / relative).read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef):
                    bases = [ast.unparse(b).split(".")[-1] for b in node.bases]
                    self.classes.setdefault(node.name, (bases, self._members(node)))
                elif isinstance(node, ast.FunctionDef) and relative == "pyplot.py":
                    self.functions[node.name] = _parameters(node.args, method=False)

    @staticmethod
    def _members(node: ast.ClassDef) -> dict[str, object]:
        """name -> parameter names (None: it takes *args), a Forward for an _axis_method_wrapper, or another
        member's name for an alias (``get_xgridlines = get_gridlines``)."""
        members: dict[str, object] = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                members[item.name] = _parameters(item.args, method=True)
            elif isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
                value, target = item.value, item.targets[0].id
                if isinstance(value, ast.Name):
                    members[target] = value.id
                elif isinstance(value, ast.Call) and ast.unparse(value.func) == "_axis_method_wrapper" \
                        and len(value.args) >= 2 and isinstance(value.args[1], ast.Constant):
                    members[target] = Forward("Axis", value.args[1].value)
        return members

    def _mro(self, name: str) -> list[str]:
        order, todo = [], [name]
        while todo:
            cls = todo.pop(0)
            if cls in self.classes and cls not in order:
                order.append(cls)
                todo = self.classes[cls][0] + todo
        return order

    def method(self, cls: str, name: str) -> tuple[str, ...] | None | bool:
        """The parameter names of ``cls.name`` after self; None when it takes *args; False when absent."""
        for owner in self._mro(cls):
            member = self.classes[owner][1].get(name, False)
            if isinstance(member, str):
                return self.method(owner, member)
            if isinstance(member, Forward):
                return self.method(*member)
            if member is not False:
                return member
        return False

    def order(self, key: str) -> tuple[str, ...] | None | bool:
        if key.startswith("pyplot."):
            return self.functions.get(key.removeprefix("pyplot."), False)
        cls, _, name = key.partition(".")
        return self.method(cls, name or "__init__") if cls in self.classes else False


def _parameters(args: ast.arguments, method: bool) -> tuple[str, ...] | None:
    if args.vararg is not None:
        return None
    return tuple(a.arg for a in [*args.posonlyargs, *args.args])[1 if method else 0:]


_KEYWORD = re.compile(r"^([\w.]+)\((\w+)=\)")  # "pyplot.subplot_mosaic(mosaic=) (layout= now names ...)"


def _OWNERS(name: str) -> set[str]:
    """Axes.x and pyplot.x are the same parameters: pyplot's wrappers mirror the Axes methods."""
    return {name, re.sub(r"^(Axes|pyplot)\.", "pyplot.", name), re.sub(r"^(Axes|pyplot)\.", "Axes.", name)}


def main(sources: list[str]) -> int:
    releases = [Release(Path(s)) for s in sources]
    today = locked_signatures(TODAY, json.dumps(MODULES))
    renames, recorded = catalogue_keywords("matplotlib*.toml", _KEYWORD, _OWNERS)
    table = {}
    for key, (raised, signature, module) in sorted(today.items()):
        if any(kind == "VAR_POSITIONAL" for _, kind in signature):
            continue
        found = [r.order(key) for r in releases]
        if None in found or not any(found):
            continue  # taken through *args by some release, or in none of them
        orders = [tuple(renames.get((key, p), p) for p in order) for order in found if order]
        orders = [o for o in orders if len(set(o)) == len(o)]  # hist(normed=, density=): both, no rename
        current = [p for p, _ in signature]
        old = known_names(key, agreed_prefix(orders), current, {}, recorded)  # renames applied to the orders above
        keeps = kept_positions(signature, old)  # ColorbarBase(ax, cmap, norm) is Colorbar(ax, mappable) now: 1
        if len(old) > keeps:
            table[key] = [keeps, old, raised] + ([module] if module else [])
    write_table(OUT, table, len(releases), len(today))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
