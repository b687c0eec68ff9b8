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
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
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


def catalogue_keywords() -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The catalogue's matplotlib keyword changes: (callable, old parameter) -> today's name for a rename, and
    the (callable, parameter) pairs it records at all (removed ones among them). ``Axes.x`` and ``pyplot.x``
    are the same parameters: pyplot's wrappers mirror the Axes methods."""
    import tomllib

    keyword = re.compile(r"^([\w.]+)\((\w+)=\)")  # "pyplot.subplot_mosaic(mosaic=) (layout= now names ...)"
    renames, recorded = {}, set()
    for path in (ROOT / "agent" / "catalogue").glob("matplotlib*.toml"):
        for entry in tomllib.loads(path.read_text())["entry"]:
            old, new = keyword.match(entry.get("old", "")), keyword.match(entry.get("new", ""))
            for owner in {old[1], re.sub(r"^(Axes|pyplot)\.", "pyplot.", old[1]),
                          re.sub(r"^(Axes|pyplot)\.", "Axes.", old[1])} if old else ():
                recorded.add((owner, old[2]))
                if new and old[1] == new[1] and old[2] != new[2]:
                    renames[(owner, old[2])] = new[2]
    return renames, recorded


def agreed_prefix(orders: list[tuple[str, ...]]) -> tuple[str, ...]:
    prefix = []
    for names in zip(*orders):
        if len(set(names)) != 1:
            break
        prefix.append(names[0])
    return tuple(prefix)


def known_names(key: str, old: tuple[str, ...], current: list[str], recorded) -> list[str]:
    """``old`` up to the first parameter that is neither today's nor recorded by the catalogue as changed."""
    names = []
    for param in old:
        if param not in current and (key, param) not in recorded:
            break
        names.append(param)
    return names


def main(sources: list[str]) -> int:
    sys.path.insert(0, str(ROOT.parent))
    from mlemodernizer.executor.lockenv import venv_python

    releases = [Release(Path(s)) for s in sources]
    today = json.loads(subprocess.run([str(venv_python("tabular")), "-c", TODAY, json.dumps(MODULES)], check=True,
                                      capture_output=True, text=True).stdout)
    renames, recorded = catalogue_keywords()
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
        old = known_names(key, agreed_prefix(orders), current, recorded)
        positional = [p for p, kind in signature if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
        # positions that still mean what they meant: ColorbarBase(ax, cmap, norm) is Colorbar(ax, mappable) now
        keeps = next((i for i, (a, b) in enumerate(zip(positional, old)) if a != b), min(len(positional), len(old)))
        if len(old) > keeps:
            table[key] = [keeps, old, raised] + ([module] if module else [])
    OUT.write_text("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(table.items()))
                   + "\n}\n")
    print(f"{len(table)} callables written to {OUT.relative_to(ROOT)} from {len(releases)} releases, "
          f"{len(today)} public names today")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
